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

Visibility is never assumed. A detail requested by id (``stories/{id}``,
``meetings/{id}``, ``pages/{id}``) is also kept under a key made of the request
itself (endpoint, id, ``locale=`` as given, host name and port) together with
a *visibility stamp*: the content version read before the page was checked and
the moment its visibility could next change by the clock alone (the earliest
future ``go_live_at`` or ``expire_at`` of the page, its translations and their
ancestors). Such an entry is served without any database query, and only
while both still hold. Everything else that decides whether a page is shown
bumps the content version: publishing, unpublishing, moving or deleting a page,
saving a page with any of its tree, locale or visibility fields (``live``,
``expired``, ``go_live_at``, ``expire_at``...), and saving or deleting a view
restriction, a site or a locale. Any other request runs the page lookup and the
live/public check before the cache is consulted, and only responses to visible
pages are stored. A response built inside a transaction that has itself
changed content is not kept under the request's key, since that transaction
may still roll back.

Each process also mirrors the request entries it has built or served most
recently in memory (at most ``LOCAL_ENTRIES`` of them, ``LOCAL_BYTES`` in all),
so a large body is not copied out of the shared cache on every request. A
mirrored entry is served under exactly the same conditions as the shared one
(the shared content version, read on every request, and the visibility stamp)
and never outlives the shared entry's lifetime.

What else changes with the clock alone (a meeting's status, upcoming
meetings, a linked page's scheduled go-live or expiry) is at most
``WAGTAIL_OSCE["API_CACHE_MAX_AGE"]`` seconds old, the lifetime of an entry and
the freshness HTTP caches are already allowed; a setting of 0 turns the cache
off.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import swapper
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Model, Q
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Site

import wagtail_osce
from wagtail_osce.conf import osce_settings

if TYPE_CHECKING:
    from wagtail_osce.locales import LocaleContext

VERSION_KEY = "wagtail_osce:api:content-version"
ENTRY_PREFIX = "wagtail_osce:api:detail:"
REQUEST_PREFIX = "wagtail_osce:api:request:"

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

#: Page fields that decide whether a page (or a page below it) is shown: saving any bumps.
VISIBILITY_FIELDS = frozenset(
    {
        "live",
        "expired",
        "go_live_at",
        "expire_at",
        "path",
        "depth",
        "url_path",
        "slug",
        "locale",
        "locale_id",
        "translation_key",
        "alias_of",
        "alias_of_id",
        "live_revision",
        "live_revision_id",
    }
)

#: How many request entries, and how many bytes of body, a process mirrors in memory.
LOCAL_ENTRIES = 256
LOCAL_BYTES = 64 * 1024 * 1024

_STORE_ATTR = "_wagtail_osce_detail_cache_store"
_REQUEST_STORE_ATTR = "_wagtail_osce_request_cache_store"


@dataclass(frozen=True)
class CachedRequest:
    """A detail response kept under its request, with the visibility stamp that guards it."""

    version: int
    visible_until: datetime.datetime | None
    #: ``time.time()`` after which the shared entry has expired (its cache timeout).
    stale_at: float
    body: bytes
    etag: str
    content_type: str


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


def request_key(request: HttpRequest, kind: str, page_id: int, locale: str | None) -> str:
    """The cache key of a detail request by id: endpoint, id, ``locale=`` and host name and port.

    The host name and port are what Wagtail resolves the site from; which site
    they resolve to only changes when a site is saved, which bumps the version.
    """
    hostname = split_domain_port(request.get_host())[0]
    parts = (wagtail_osce.__version__, kind, page_id, locale, hostname, request.get_port())
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{REQUEST_PREFIX}{page_id}:{digest}"


class _LocalMirror:
    """Recently served request entries of this process, by key; bounded, least recently used out.

    Entries are only served after the same checks as the shared entries they copy.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[str, CachedRequest] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedRequest | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: CachedRequest) -> None:
        if len(entry.body) > LOCAL_BYTES:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = entry
            self._bytes += len(entry.body)
            while len(self._entries) > LOCAL_ENTRIES or self._bytes > LOCAL_BYTES:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def discard(self, key: str) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)


_local = _LocalMirror()


def _servable(entry: object, version: int | None) -> bool:
    """Whether a request entry may be served now: same content version, stamp and lifetime hold."""
    return (
        version is not None
        and isinstance(entry, CachedRequest)
        and entry.version == version
        and time.time() < entry.stale_at
        and (entry.visible_until is None or timezone.now() < entry.visible_until)
    )


def _response(entry: CachedRequest) -> HttpResponse:
    response = HttpResponse(entry.body, content_type=entry.content_type)
    response["ETag"] = entry.etag
    return response


def current_version() -> int | None:
    """The content version, starting the counter when it is missing; None if the cache keeps nothing."""
    version = cache.get(VERSION_KEY)
    if version is None:
        _bump()
        version = cache.get(VERSION_KEY)
    return version


def cached_request(
    request: HttpRequest, kind: str, page_id: int, locale: str | None
) -> HttpResponse | None:
    """The response to this detail request if its visibility stamp still holds, without a query.

    On a miss, the key and the content version read *before* the page is looked
    up are remembered on the request; :func:`note_visible` then adds the stamp
    and :func:`store` keeps the built response, so a change made while the page
    was being checked or built makes the entry stale at once.
    """
    if not timeout():
        return None
    key = request_key(request, kind, page_id, locale)
    local = _local.get(key)
    if local is not None:
        version = cache.get(VERSION_KEY)
        if _servable(local, version):
            return _response(local)
        _local.discard(key)
        found = cache.get_many([key])
    else:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
    entry = found.get(key)
    if _servable(entry, version):
        _local.put(key, entry)
        return _response(entry)
    if version is None:
        version = current_version()
        if version is None:
            return None
    # The key, the version, when the check starts, the stamp, whether the page was checked.
    setattr(request, _REQUEST_STORE_ATTR, [key, version, timezone.now(), None, False])
    return None


def note_visible(request: HttpRequest, page: Model) -> None:
    """Stamp the pending request entry with when ``page``'s visibility could change by the clock.

    ``page`` has just passed the visibility check. What is served for its id and
    ``locale=`` depends on the page, its translations (a translation going live
    replaces a fallback) and their ancestors; the stamp is the earliest future
    ``go_live_at`` or ``expire_at`` among them (two queries, on a miss only).
    """
    pending = getattr(request, _REQUEST_STORE_ATTR, None)
    if pending is None:
        return
    Page = swapper.load_model("wagtailcore", "Page")
    # Moments after the check started count: the check itself may have run at any of them.
    since = pending[2]
    paths = list(
        Page.objects.filter(translation_key=page.translation_key).values_list("path", flat=True)
    )
    step = Page.steplen
    prefixes = {path[:end] for path in paths for end in range(step, len(path) + 1, step)}
    found = Page.objects.filter(path__in=prefixes).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=since)),
        expire=Min("expire_at", filter=Q(expire_at__gt=since)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    pending[3] = min(moments) if moments else None
    pending[4] = True


def _changes_pending() -> bool:
    """Whether the open transaction has changed content (so it may roll back what it shows)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(item[1] is _bump for item in connection.run_on_commit)


def store(request: HttpRequest, response: HttpResponse, etag: str) -> None:
    """Keep a successful detail response that :func:`cached_detail` asked to store."""
    if response.status_code != 200:
        return
    pending_request = getattr(request, _REQUEST_STORE_ATTR, None)
    if pending_request is not None:
        delattr(request, _REQUEST_STORE_ATTR)
        key, version, _since, visible_until, checked = pending_request
        if checked and not _changes_pending():
            entry = CachedRequest(
                version=version,
                visible_until=visible_until,
                stale_at=time.time() + timeout(),
                body=response.content,
                etag=etag,
                content_type=response["Content-Type"],
            )
            cache.set(key, entry, timeout=timeout())
            _local.put(key, entry)
    pending = getattr(request, _STORE_ATTR, None)
    if pending is None:
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
