"""The content version: one database row that every change an API response may show rewrites.

Cached API responses carry the version they were built at and are served only
while it is still current. It lives in the database, not in a cache: a site's
default cache (Django's ``LocMemCache``) is private to each process, so a change
committed by the admin in one worker, a shell, ``publish_scheduled`` or
``osce_seed`` would stay invisible to the other workers. Reading one row by its
primary key costs one indexed query per request, on every database and cache.

A bump writes a new random value inside the transaction that made the change,
so readers in other processes see the new data and the new version at the same
commit, and a bump that is rolled back can never be matched by a later one.
"""

from __future__ import annotations

import secrets

from django.db import connections, models, router

#: The primary key of the one row.
ROW = 1


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


def _read() -> int | None:
    """The row's value, by primary key, in SQL written once: every API request runs it."""
    connection = connections[router.db_for_read(ContentVersion)]
    opts = ContentVersion._meta
    sql = "SELECT {} FROM {} WHERE {} = %s".format(
        connection.ops.quote_name(opts.get_field("value").column),
        connection.ops.quote_name(opts.db_table),
        connection.ops.quote_name(opts.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ROW])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def current() -> int:
    """The current content version (one query), creating the row on first use."""
    value = _read()
    if value is None:
        ContentVersion.objects.bulk_create([ContentVersion(pk=ROW)], ignore_conflicts=True)
        value = _read()
    return int(value)


def bump() -> None:
    """Replace the content version, in the current transaction if there is one.

    Inside a transaction the row stays locked until it commits, so other
    processes see the change and the new version together. An entry built
    inside a transaction that rolls back carries a value no later bump repeats.
    """
    if not ContentVersion.objects.filter(pk=ROW).update(value=new_value()):
        ContentVersion.objects.bulk_create([ContentVersion(pk=ROW)], ignore_conflicts=True)
