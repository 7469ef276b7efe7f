"""Cross-origin access to the API, and to nothing else, for the decoupled frontend's origins.

django-cors-headers asks its ``check_request_enabled`` signal whether a request
may be answered cross-origin; the receiver here says yes only for paths under
the package's API and origins the settings allow. Connected in
``AppConfig.ready()`` when ``corsheaders`` is installed, so the admin and the
site's pages never get CORS headers from the package.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from wagtail_osce.conf import osce_settings
from wagtail_osce.representation.paths import URLS_NAMESPACE


def allowed_origins() -> set[str]:
    """``CORS_ALLOWED_ORIGINS``, or the scheme and host of each of ``FRONTEND_URLS``."""
    configured = osce_settings.CORS_ALLOWED_ORIGINS
    if configured is not None:
        return {str(origin).rstrip("/") for origin in configured}
    origins = set()
    for url in (osce_settings.FRONTEND_URLS or {}).values():
        parts = urlsplit(str(url))
        if parts.scheme and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def _api_root() -> str | None:
    try:
        return reverse(f"{URLS_NAMESPACE}:api-root")
    except NoReverseMatch:
        return None


def allow_api_request(sender: Any, request: HttpRequest, **kwargs: Any) -> bool:
    """django-cors-headers' question: may this request be answered cross-origin?"""
    root = _api_root()
    origin = request.headers.get("origin", "").rstrip("/")
    return bool(root and request.path_info.startswith(root) and origin in allowed_origins())
