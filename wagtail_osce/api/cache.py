"""A shared cache of page detail responses: a story is built once per change, not per request.

Building a story's detail expands every block, link, image and reference; the
result only changes when the page is published again or when something it
shows changes elsewhere. The built JSON body (with its ETag) is therefore kept
in Django's cache framework (so Redis or Memcached share it between
processes), under a key made of:

* the page's id, its ``live_revision_id``, ``latest_revision_id`` and
  ``last_published_at`` (a new publication changes the key);
* the locale the response is rendered in, whether ``locale=`` was given, and
  the requesting site (links are relative to it);
* the package's version (a new release never serves an older response shape).

Each entry also records the *content version* current when the response was
built; an entry from an older version is never served. The content version is
a counter in the same cache, bumped whenever something a response may show
changes: any page published, unpublished or moved (titles, URLs and
translations of linked pages), any reference snippet, image, document,
locale, site or page privacy restriction saved or deleted.

Visibility is never cached: the page lookup and the live/public check run on
every request before the cache is consulted, and only responses to visible
pages are stored. What changes with the clock alone (a meeting's status,
upcoming meetings, a linked page's scheduled go-live or expiry) is at most
``WAGTAIL_OSCE["API_CACHE_MAX_AGE"]`` seconds old, the lifetime of an entry and
the freshness HTTP caches are already allowed; a setting of 0 turns the cache
off.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

import wagtail_osce
from wagtail_osce.conf import osce_settings

if TYPE_CHECKING:
    from .locale import LocaleContext

VERSION_KEY = "wagtail_osce:api:content-version"
ENTRY_PREFIX = "wagtail_osce:api:detail:"

#: The page fields the cache key is made of; page lookups load only these.
LOOKUP_FIELDS = (
    "pk",
    "locale_id",
    "translation_key",
    "content_type_id",
    "live_revision_id",
    "latest_revision_id",
    "last_published_at",
)

_STORE_ATTR = "_wagtail_osce_detail_cache_store"


@dataclass(frozen=True)
class CachedDetail:
    """A built response body, its ETag, and the content version it was built at."""

    version: int
    body: bytes
    etag: str
    content_type: str


def timeout() -> int:
    """How long an entry lives: the API's HTTP max-age, so it is never staler than that."""
    return max(0, int(osce_settings.API_CACHE_MAX_AGE))


def bump_version(**kwargs: Any) -> None:
    """Make every cached detail stale; a signal receiver, so it takes any keyword arguments.

    The counter is bumped at once and again when the transaction commits, so a
    response built from the old data while the transaction was open is stale too.
    """
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # Missing (evicted or never set): start from a value no earlier counter had.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def entry_key(request: HttpRequest, page: Model, ctx: LocaleContext) -> str:
    """The cache key of ``page``'s detail as rendered for this request's site and locale."""
    site = Site.find_for_request(request)
    parts = (
        wagtail_osce.__version__,
        page.pk,
        page.live_revision_id,
        page.latest_revision_id,
        page.last_published_at.isoformat() if page.last_published_at else "",
        ctx.code,
        int(ctx.explicit),
        site.pk if site is not None else "",
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{ENTRY_PREFIX}{page.pk}:{digest}"


def cached_detail(request: HttpRequest, page: Model, ctx: LocaleContext) -> HttpResponse | None:
    """The cached response for ``page`` (already found visible), or None after arranging to store it.

    One round trip to the cache reads both the entry and the current content
    version. On a miss, the version read now is remembered on the request:
    :func:`store` files the built response under it, so anything changed while
    it was being built makes it stale at once.
    """
    if not timeout():
        return None
    key = entry_key(request, page, ctx)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        _bump()
        version = cache.get(VERSION_KEY)
        if version is None:
            return None
    entry = found.get(key)
    if isinstance(entry, CachedDetail) and entry.version == version:
        response = HttpResponse(entry.body, content_type=entry.content_type)
        response["ETag"] = entry.etag
        return response
    setattr(request, _STORE_ATTR, (key, version))
    return None


def store(request: HttpRequest, response: HttpResponse, etag: str) -> None:
    """Keep a successful detail response that :func:`cached_detail` asked to store."""
    pending = getattr(request, _STORE_ATTR, None)
    if pending is None or response.status_code != 200:
        return
    delattr(request, _STORE_ATTR)
    key, version = pending
    entry = CachedDetail(
        version=version,
        body=response.content,
        etag=etag,
        content_type=response["Content-Type"],
    )
    cache.set(key, entry, timeout=timeout())


def invalidating_models() -> list[type[Model]]:
    """Models whose rows appear inside page details: saving or deleting one bumps the version."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction

    from wagtail_osce.snippets import (
        Chairpersonship,
        FieldOfWork,
        MeetingSeries,
        ParticipatingState,
        Partner,
        Structure,
    )

    return [
        ParticipatingState,
        Partner,
        Structure,
        FieldOfWork,
        MeetingSeries,
        Chairpersonship,
        get_image_model(),
        get_document_model(),
        Locale,
        Site,
        PageViewRestriction,
    ]


def connect_signals() -> None:
    """Bump the content version on every change a cached detail may show; safe to call twice.

    Every process that changes content must call it (the package's
    ``AppConfig.ready()`` does, through ``signal_handlers.register()``), so an
    admin or a management command invalidates the cache shared with the API.
    """
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump_version, dispatch_uid="wagtail_osce_cache_published")
    page_unpublished.connect(bump_version, dispatch_uid="wagtail_osce_cache_unpublished")
    post_page_move.connect(bump_version, dispatch_uid="wagtail_osce_cache_moved")
    for model in invalidating_models():
        label = model._meta.label_lower
        post_save.connect(bump_version, sender=model, dispatch_uid=f"wagtail_osce_cache_{label}")
        post_delete.connect(
            bump_version, sender=model, dispatch_uid=f"wagtail_osce_cache_{label}_deleted"
        )


# Any process serving the API invalidates its own cache entries even before
# ``signal_handlers.register()`` calls this; a second call changes nothing.
connect_signals()
