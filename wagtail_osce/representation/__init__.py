"""The typed shapes the package represents its content with, and the builders that fill them.

``media`` (images, documents), ``links`` (page links, rich text), ``snippets``
(the reference data), ``common`` (locale markers, listings) and ``api_fields``
(the same shapes through Wagtail's own APIs). Nothing here knows about HTTP:
the headless API, the blocks and Wagtail's APIs all build on it.
"""
