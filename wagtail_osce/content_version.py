"""The content version: database rows that every change an API response may show rewrites.

Cached API responses carry the version they were built at and are served only
while it is still current. It lives in the database, not in a cache: a site's
default cache (Django's ``LocMemCache``) is private to each process, so a change
committed by the admin in one worker, a shell, ``publish_scheduled`` or
``osce_seed`` would stay invisible to the other workers. Reading it costs one
indexed query per request, on every database and cache.

Two rows are read together: the *content* version, which every change replaces,
and the *reference* version, which only changes to the reference data replace
(sites, locales, reference snippets, images and documents), not a page being
published. What a process derives from the reference data alone (the site a host
name names, the locales, the localized snippet rows) it keeps while the
reference version an API request read still holds (:func:`kept`), so building a
response after a publish does not read them again.

A bump writes a new random value inside the transaction that made the change,
so readers in other processes see the new data and the new version at the same
commit, and a bump that is rolled back can never be matched by a later one.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.http import HttpRequest

from wagtail_osce.conf import osce_settings
from wagtail_osce.sql import ModelSql, placeholders

T = TypeVar("T")

#: The primary key of the content version's row.
ROW = 1
#: The primary key of the reference version's row.
REFERENCE_ROW = 2
ROWS = (ROW, REFERENCE_ROW)

_REQUEST_ATTR = "_wagtail_osce_versions"


def new_value() -> int:
    """A version no other bump produced: 62 random bits, in a signed 64-bit column."""
    return secrets.randbits(62) + 1


class ContentVersion(models.Model):
    """The version of everything the API serves; any change a response may show replaces it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW)
    value = models.BigIntegerField(default=new_value)

    class Meta:
        # Internal bookkeeping, never shown to editors: no translated names.
        verbose_name = "content version"
        verbose_name_plural = "content versions"

    def __str__(self) -> str:
        return f"{self.value:x}"


@dataclass(frozen=True)
class Versions:
    """The content version and the reference version, read in one query."""

    content: int
    reference: int


def _read() -> Versions | None:
    """Both rows' values, by primary key, in SQL written once: every API request runs it."""
    sql = ModelSql(ContentVersion)
    rows = sql.fetch_all(
        f"SELECT {sql.column(ContentVersion, 'pk')}, {sql.column(ContentVersion, 'value')}"
        f" FROM {sql.table(ContentVersion)}"
        f" WHERE {sql.column(ContentVersion, 'pk')} IN ({placeholders(len(ROWS))})",
        list(ROWS),
    )
    values = {int(pk): int(value) for pk, value in rows}
    if len(values) < len(ROWS):
        return None
    return Versions(content=values[ROW], reference=values[REFERENCE_ROW])


def _create_rows() -> None:
    ContentVersion.objects.bulk_create(
        [ContentVersion(pk=pk) for pk in ROWS], ignore_conflicts=True
    )


def read() -> Versions:
    """The current versions (one query), creating the rows on first use."""
    versions = _read()
    if versions is None:
        _create_rows()
        versions = _read()
    assert versions is not None
    return versions


def current() -> int:
    """The current content version (one query), creating the rows on first use."""
    return read().content


def read_for(request: HttpRequest) -> Versions:
    """The versions as this request first read them (one query, on the first call).

    The API reads them before it reads any content, so whatever the request reads
    afterwards is at least as new as they are.
    """
    versions = getattr(request, _REQUEST_ATTR, None)
    if versions is None:
        versions = read()
        setattr(request, _REQUEST_ATTR, versions)
    return versions


def bump(*, reference: bool = True) -> None:
    """Replace the content version and, unless ``reference`` is false (a page published,
    moved or restricted: no reference data changed), the reference version; in the
    current transaction if there is one.

    Inside a transaction the rows stay locked until it commits, so other
    processes see the change and the new version together. An entry built
    inside a transaction that rolls back carries a value no later bump repeats.
    """
    rows = ROWS if reference else (ROW,)
    changed = ContentVersion.objects.filter(pk__in=rows).update(value=new_value())
    if changed < len(rows):
        _create_rows()
        ContentVersion.objects.filter(pk__in=rows).update(value=new_value())


#: How many values a process keeps (host names, locales, snippet tables).
KEPT_ENTRIES = 256


class _Kept:
    """Values derived from the reference data, by key, with the reference version they were
    derived at; bounded, least recently used out."""

    def __init__(self) -> None:
        self._entries: OrderedDict[Hashable, tuple[int, float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: int, now: float) -> tuple[bool, Any]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version or now >= entry[1]:
                return False, None
            self._entries.move_to_end(key)
            return True, entry[2]

    def put(self, key: Hashable, version: int, stale_at: float, value: Any) -> None:
        with self._lock:
            self._entries[key] = (version, stale_at, value)
            self._entries.move_to_end(key)
            while len(self._entries) > KEPT_ENTRIES:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_kept = _Kept()


def kept(request: HttpRequest | None, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, derived from the reference data alone, kept by this process while the
    reference version ``request`` read (:func:`read_for`) holds.

    Kept no longer than ``WAGTAIL_OSCE["API_CACHE_MAX_AGE"]`` seconds (0 keeps
    nothing), the most a cached response may lag a write that bypassed the
    signals. A request that has read no version (outside the API) builds afresh.
    """
    versions = getattr(request, _REQUEST_ATTR, None) if request is not None else None
    lifetime = int(osce_settings.API_CACHE_MAX_AGE)
    if versions is None or lifetime <= 0:
        return build()
    now = time.monotonic()
    found, value = _kept.get(key, versions.reference, now)
    if found:
        return value
    value = build()
    _kept.put(key, versions.reference, now + lifetime, value)
    return value


def forget_kept(**kwargs: Any) -> None:
    """Drop what this process keeps; a ``setting_changed`` receiver (settings may change keys)."""
    _kept.clear()
