"""The package's public, read-only JSON API for decoupled frontends.

A site mounts it with one line in its URLconf::

    path("api/osce/", include("wagtail_osce.api.urls")),

The OpenAPI 3.1 document is then served at ``api/osce/openapi.json``.
"""
