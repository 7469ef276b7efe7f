"""The ``WAGTAIL_OSCE`` settings dict: documented defaults, read through one accessor.

A site overrides any key in ``settings.WAGTAIL_OSCE``; keys it leaves out keep the
defaults below. Values are re-read when Django's ``setting_changed`` fires (connected
in ``AppConfig.ready()``), so ``override_settings`` in tests takes effect.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Where `osce_seed` reads its data files from; None means the files shipped in the package.
    "DATA_DIR": None,
    # Rendition filter specs used for images in the API and templates.
    "RENDITIONS": {
        "thumbnail": "fill-400x300",
        "medium": "max-800x600",
        "large": "max-1600x1200",
    },
    # Responsive images in the API: named uses with their crop ratio ("W:H", None for the
    # original ratio), the widths of each srcset (never above what the original holds)
    # and the formats offered before the original one (those Pillow cannot write are skipped).
    "IMAGE_USES": {"card": "16:9", "hero": "21:9", "content": None},
    "IMAGE_WIDTHS": [320, 640, 960, 1280, 1600, 1920],
    "IMAGE_FORMATS": ["webp"],
    # Scheme and host that make image URLs absolute in the API; None means API_BASE_URL
    # (and root-relative URLs when both are None).
    "MEDIA_BASE_URL": None,
    # Listings: default and maximum page size for index pages and the API.
    "PAGE_SIZE": 12,
    "MAX_PAGE_SIZE": 100,
    # How far an API listing counts its results: past it, `count` is this number and
    # `count_exact` is false, so a listing of any length costs what this many rows cost.
    "COUNT_LIMIT": 1_000,
    # HTTP caching of API responses (seconds).
    "API_CACHE_MAX_AGE": 60,
    # Webhooks signed with HMAC-SHA256 and POSTed on publish and unpublish.
    "WEBHOOK_URLS": [],
    "WEBHOOK_SECRET": "",
    "WEBHOOK_TIMEOUT": 5,
    "WEBHOOK_RETRIES": 3,
    # Seconds before the first webhook retry; doubles on each further retry (max 30 s).
    "WEBHOOK_BACKOFF": 1.0,
    # Scheme and host the API is served from, for purging; None means each page's site root URL.
    "API_BASE_URL": None,
    # The page models served as stories and as meetings (API endpoints, index pages,
    # related-stories and upcoming-meetings blocks, search, purge), as "app_label.Model".
    "STORY_PAGE_MODELS": ["wagtail_osce.StoryPage"],
    # Where the decoupled frontend runs, by Site hostname ("default" for any other site):
    # used for previews and as the origins allowed to call the API from a browser.
    "FRONTEND_URLS": {},
    # Origins allowed to call the API from a browser (CORS, with django-cors-headers);
    # None means the origins of FRONTEND_URLS.
    "CORS_ALLOWED_ORIGINS": None,
    # Seconds a preview token stays valid for the API's `preview` endpoint.
    "PREVIEW_TOKEN_MAX_AGE": 3600,
    "MEETING_PAGE_MODELS": ["wagtail_osce.MeetingPage"],
}


class OsceSettings:
    """Attribute access to the merged settings: ``osce_settings.PAGE_SIZE``."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] | None = None

    @property
    def _merged(self) -> dict[str, Any]:
        if self._cache is None:
            user = getattr(settings, "WAGTAIL_OSCE", {}) or {}
            unknown = set(user) - set(DEFAULTS)
            if unknown:
                from django.core.exceptions import ImproperlyConfigured

                raise ImproperlyConfigured(
                    f"Unknown WAGTAIL_OSCE setting(s): {', '.join(sorted(unknown))}"
                )
            self._cache = {**DEFAULTS, **user}
        return self._cache

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._merged[name]
        except KeyError:
            raise AttributeError(f"No WAGTAIL_OSCE setting named {name!r}") from None

    def reload(self) -> None:
        self._cache = None


osce_settings = OsceSettings()


def reload_settings(*, setting: str, **kwargs: Any) -> None:
    """``setting_changed`` receiver, connected in ``AppConfig.ready()``."""
    if setting == "WAGTAIL_OSCE":
        osce_settings.reload()
