"""A shared cache of API responses: a story or a listing is built once per change, not per request.

Building a story's detail expands every block, link, image and reference; a
listing loads many pages with their images and taxonomies. The result only
changes when a page is published again or when something it shows changes
elsewhere. The built JSON body (with its ETag) is therefore kept in Django's
cache framework (so Redis or Memcached share it between processes) under up to
two keys:

* the *page entry*: the page's id, its ``live_revision_id``,
  ``latest_revision_id`` and ``last_published_at``, the locale the response is
  rendered in, whether ``locale=`` was given, the requesting site and the
  package's version. Any request that has found the page visible may use it;
* the *request entry*, for a detail requested by id (``stories/{id}``,
  ``meetings/{id}``, ``pages/{id}``) and for a listing (``stories``,
  ``meetings``, ``pages``, ``navigation``, ``search``): the request's path,
  its query parameters, the host name and port, and the package's version. It
  is stored only for a 200 (so only for valid parameters, and for a detail
  only once its page has passed the visibility check) and is served before
  anything else, even before the parameters are parsed
  (:func:`served_again`), so it stands in for the visibility check too.

Both entries carry the same *stamp*, and neither is served (as a 200 or as a
304 to its ETag) unless the stamp still holds:

* the *content version* read before the page was looked up. It is one row in
  the database (:mod:`wagtail_osce.content_version`), replaced in the same
  transaction as every change a response may show: any page published,
  unpublished, moved, deleted or saved with a field that decides visibility,
  any view restriction, site, locale, reference snippet, image or document
  saved or deleted, and every bulk write of the package (``osce_seed``). Being
  in the database, a change committed by any process is seen by the next
  request to every process, whatever the cache backend; reading it is the one
  query a cached detail costs;
* ``visible_until``: the first moment after the check at which any page's
  ``go_live_at`` or ``expire_at`` is reached. Whatever a detail shows (the page,
  its translations, the pages it links to, their ancestors) can only change
  visibility by the clock at such a moment, so an entry is never served past it.

A response built inside a transaction that is later rolled back is stamped
with a version that no later bump repeats (versions are random), so it is
never served.

Each process also mirrors the request entries it has built or served most
recently in memory (at most ``LOCAL_ENTRIES`` of them, ``LOCAL_BYTES`` in all),
so a large body is not copied out of the shared cache on every request. A
mirrored entry is served under exactly the same stamp and never outlives the
shared entry's lifetime.

What else changes with the clock alone (a meeting's status, upcoming meetings)
is at most ``WAGTAIL_OSCE["API_CACHE_MAX_AGE"]`` seconds old, the lifetime of an
entry and the freshness HTTP caches are already allowed; a setting of 0 turns
the cache off.
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
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.coreutils import get_content_languages

import wagtail_osce
from wagtail_osce import content_version
from wagtail_osce.conf import osce_settings
from wagtail_osce.locales import UnknownLocale, normalize_language_code
from wagtail_osce.sql import ModelSql, as_datetime
from wagtail_osce.visibility import site_for_request

if TYPE_CHECKING:
    from wagtail_osce.locales import LocaleContext

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

_STAMP_ATTR = "_wagtail_osce_detail_stamp"
_STORE_ATTR = "_wagtail_osce_detail_cache_store"
_REQUEST_STORE_ATTR = "_wagtail_osce_request_cache_store"
_MISSED_ATTR = "_wagtail_osce_request_cache_missed"


@dataclass(frozen=True)
class CachedEntry:
    """A built detail response with the stamp that guards it (see the module docstring)."""

    version: int
    visible_until: datetime.datetime | None
    #: ``time.time()`` after which the shared entry has expired (its cache timeout).
    stale_at: float
    body: bytes
    etag: str
    content_type: str
    #: The response's ``Cache-Tag`` header (comma-separated), sent again with every hit.
    cache_tag: str = ""
    #: The response's ``Content-Language``: the language the detail is in.
    content_language: str = ""


class _Stamp:
    """The content version read before this request's lookup, and (on a miss) ``visible_until``."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.since = timezone.now()
        self._visible_until: datetime.datetime | None = None
        self._computed = False

    @property
    def visible_until(self) -> datetime.datetime | None:
        if not self._computed:
            self._visible_until = next_scheduled_moment(self.since)
            self._computed = True
        return self._visible_until


def timeout() -> int:
    """How long an entry lives: the API's HTTP max-age, so it is never staler than that."""
    return max(0, int(osce_settings.API_CACHE_MAX_AGE))


def bump_version(**kwargs: Any) -> None:
    """Make every cached detail stale (not what processes keep of the reference data: a
    page changed); a signal receiver, so it takes any keyword arguments."""
    content_version.bump(reference=False)


def bump_reference_version(**kwargs: Any) -> None:
    """Make every cached detail stale, and what processes keep of the reference data too."""
    content_version.bump()


def next_scheduled_moment(since: datetime.datetime) -> datetime.datetime | None:
    """The first ``go_live_at`` or ``expire_at`` of any page after ``since`` (one query).

    Only at such a moment can the clock alone change what a detail shows; moments
    after ``since`` count, since the check itself may have run at any of them.
    Each is the first row of an index on the page table (migration ``0009``), so
    the query costs the same at any number of pages. Every response built after a
    change runs it, so its SQL is written once rather than compiled each time.
    """
    Page = swapper.load_model("wagtailcore", "Page")
    Version = content_version.ContentVersion
    sql = ModelSql(Page)

    def first(field: str) -> str:
        column = sql.column(Page, field)
        return f"(SELECT {column} FROM {sql.table(Page)} WHERE {column} > %s ORDER BY {column} LIMIT 1)"

    # Both read in one statement, beside the content version's one row.
    query = (
        f"SELECT {first('go_live_at')}, {first('expire_at')} FROM {sql.table(Version)}"
        f" WHERE {sql.column(Version, 'pk')} = %s"
    )
    params = [sql.datetime_param(since), sql.datetime_param(since), content_version.ROW]
    found = sql.fetch_all(query, params)
    if not found:
        content_version.current()  # makes the row
        found = sql.fetch_all(query, params)
    moments = [as_datetime(moment) for moment in (found[0] if found else ()) if moment is not None]
    return min(moments) if moments else None


def _stamp(request: HttpRequest) -> _Stamp:
    """This request's stamp, reading the content version on first use."""
    stamp = getattr(request, _STAMP_ATTR, None)
    if stamp is None:
        stamp = _Stamp(content_version.read_for(request).content)
        setattr(request, _STAMP_ATTR, stamp)
    return stamp


def _servable(entry: object, version: int) -> bool:
    """Whether an entry may be served now: same content version, stamp and lifetime hold."""
    return (
        isinstance(entry, CachedEntry)
        and entry.version == version
        and time.time() < entry.stale_at
        and (entry.visible_until is None or timezone.now() < entry.visible_until)
    )


def _response(entry: CachedEntry) -> HttpResponse:
    response = HttpResponse(entry.body, content_type=entry.content_type)
    response["ETag"] = entry.etag
    if entry.cache_tag:
        response["Cache-Tag"] = entry.cache_tag
        response["Surrogate-Key"] = entry.cache_tag.replace(",", " ")
    if entry.content_language:
        response["Content-Language"] = entry.content_language
    return response


def entry_key(request: HttpRequest, page: Model, ctx: LocaleContext) -> str:
    """The cache key of ``page``'s detail as rendered for this request's site and locale."""
    site = site_for_request(request)
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

    The entry is served only while its stamp holds. On a miss, the stamp of this
    request is remembered: :func:`store` files the built response under it, so
    anything changed while it was being built makes it stale at once.
    """
    if not timeout():
        return None
    stamp = _stamp(request)
    key = entry_key(request, page, ctx)
    entry = cache.get(key)
    if _servable(entry, stamp.version):
        return _response(entry)
    setattr(request, _STORE_ATTR, key)
    return None


def response_key(request: HttpRequest) -> str:
    """The cache key of a request by its path: the path, its query parameters, host name and port.

    Parameters are sorted, so their order in the URL makes no difference, and
    ``locale`` is keyed by the language it names (``FR``, ``fr-ch`` and ``fr`` share
    an entry; an empty one is no ``locale``); other values are kept as sent. The
    host name and port are what Wagtail resolves the site from; which site they
    resolve to only changes when a site is saved, which bumps the version.
    """
    hostname = split_domain_port(request.get_host())[0]
    query = sorted(
        (name, _key_value(name, value))
        for name, values in request.GET.lists()
        for value in values
        if not (name == "locale" and _key_value(name, value) is None)
    )
    parts = (wagtail_osce.__version__, request.path, query, hostname, request.get_port())
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{REQUEST_PREFIX}{digest}"


def _key_value(name: str, value: str) -> str | None:
    """A parameter's value as keyed: a ``locale`` by the language it names, when it names one."""
    if name != "locale":
        return value
    try:
        return normalize_language_code(value, list(get_content_languages()))
    except UnknownLocale:
        return value


class _LocalMirror:
    """Recently served request entries of this process, by key; bounded, least recently used out.

    Entries are only served after the same checks as the shared entries they copy.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[str, CachedEntry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedEntry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: CachedEntry) -> None:
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


def served_again(request: HttpRequest) -> HttpResponse | None:
    """The response stored for exactly this request, if its stamp still holds (one query).

    An entry is only ever stored for a request whose parameters were valid and
    whose response was a 200 (see :func:`store`), so it may be served before the
    endpoint parses its parameters. On a miss, the key is remembered, so the
    endpoint's own lookup (:func:`cached_request`, :func:`cached_listing`) does
    not look again.
    """
    if not timeout():
        return None
    key = response_key(request)
    hit = _lookup(request, key)
    if hit is None:
        setattr(request, _MISSED_ATTR, key)
    return hit


def cached_request(request: HttpRequest) -> HttpResponse | None:
    """The response to this detail request if its stamp still holds, at the cost of one query.

    The content version is read first, *before* the page is looked up. On a miss,
    the key is remembered on the request; :func:`note_visible` then marks the page
    as checked and :func:`store` keeps the built response under this request's
    stamp, so a change made while the page was being checked or built makes the
    entry stale at once.
    """
    return _cached(request, checked=False)


def cached_listing(request: HttpRequest) -> HttpResponse | None:
    """The response to this listing request if its stamp still holds, at the cost of one query.

    A listing shows only what the visibility rule lets through, built from the
    content it is stamped with; like a detail, it is served while the content
    version and the next scheduled ``go_live_at``/``expire_at`` hold, and at most
    ``API_CACHE_MAX_AGE`` seconds (what changes with the clock alone, a meeting's
    status, is no older than that). On a miss, :func:`store` keeps the built response.
    """
    return _cached(request, checked=True)


def _cached(request: HttpRequest, *, checked: bool) -> HttpResponse | None:
    """The entry for this request if servable, else None after arranging to store the response.

    ``checked`` says whether whatever the response shows has already passed the
    visibility check (a listing's query is the check); a detail's page is checked
    later (:func:`note_visible`).
    """
    if not timeout():
        return None
    key = getattr(request, _MISSED_ATTR, None)
    if key is None:
        key = response_key(request)
        hit = _lookup(request, key)
        if hit is not None:
            return hit
    # The key, and whether what the response shows has passed the visibility check.
    setattr(request, _REQUEST_STORE_ATTR, [key, checked])
    return None


def _lookup(request: HttpRequest, key: str) -> HttpResponse | None:
    """The entry under ``key`` if servable, from this process's mirror first."""
    version = _stamp(request).version
    local = _local.get(key)
    if local is not None:
        if _servable(local, version):
            return _response(local)
        _local.discard(key)
    entry = cache.get(key)
    if _servable(entry, version):
        _local.put(key, entry)
        return _response(entry)
    return None


def note_visible(request: HttpRequest, page: Model) -> None:
    """Record that the page a pending request entry serves has passed the visibility check."""
    pending = getattr(request, _REQUEST_STORE_ATTR, None)
    if pending is not None:
        pending[1] = True


def store(request: HttpRequest, response: HttpResponse, etag: str) -> None:
    """Keep a successful detail response that :func:`cached_detail` or :func:`cached_request` missed."""
    if response.status_code != 200:
        return
    pending_request = getattr(request, _REQUEST_STORE_ATTR, None)
    pending_key = getattr(request, _STORE_ATTR, None)
    if pending_request is None and pending_key is None:
        return
    if pending_request is not None:
        delattr(request, _REQUEST_STORE_ATTR)
    if pending_key is not None:
        delattr(request, _STORE_ATTR)
    stamp = _stamp(request)
    entry = CachedEntry(
        version=stamp.version,
        visible_until=stamp.visible_until,
        stale_at=time.time() + timeout(),
        body=response.content,
        etag=etag,
        content_type=response["Content-Type"],
        cache_tag=response.get("Cache-Tag", ""),
        content_language=response.get("Content-Language", ""),
    )
    if pending_request is not None and pending_request[1]:
        cache.set(pending_request[0], entry, timeout=timeout())
        _local.put(pending_request[0], entry)
    if pending_key is not None:
        cache.set(pending_key, entry, timeout=timeout())
