"""The package's content in Wagtail's own APIs: v2 endpoints and v3 routes for the reference snippets.

Imported by a site's URLconf, never by the package itself.
"""
