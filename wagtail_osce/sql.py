"""Queries written once as SQL: those every API request or build runs whatever its parameters.

Compiling such a query through the ORM took longer than running it (the taxonomy
keys of ten stories: 1.16 ms compiled and run, 0.21 ms run). Each is
written with the table and column names of the models, quoted for the database
the router reads the model from.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import connections, router
from django.db.models import Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class ModelSql:
    """Quoted names of models' tables and columns, and queries run on ``model``'s database."""

    def __init__(self, model: type[Model]) -> None:
        self.connection = connections[router.db_for_read(model)]
        self.quote = self.connection.ops.quote_name

    def table(self, model: type[Model]) -> str:
        return self.quote(model._meta.db_table)

    def column(self, model: type[Model], field: str) -> str:
        """The quoted column of ``field`` (a field name, or ``pk``)."""
        opts = model._meta
        return self.quote((opts.pk if field == "pk" else opts.get_field(field)).column)

    def datetime_param(self, value: datetime.datetime) -> Any:
        """``value`` as the database takes a datetime parameter (SQLite: text in UTC)."""
        return self.connection.ops.adapt_datetimefield_value(value)

    def fetch_all(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def placeholders(count: int) -> str:
    """``%s, %s, ...``: the parameters of an ``IN (...)`` list of ``count`` values."""
    return ", ".join(["%s"] * count)


def as_datetime(value: Any) -> datetime.datetime:
    """A datetime column's value as the ORM reads it (SQLite hands back text, in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value
