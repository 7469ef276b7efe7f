"""Do for rows written in bulk what their save signals would: reference and search indexes."""

from __future__ import annotations

from django.db import connection, models
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

from wagtail_osce.compat import reference_index_entries


def index_references(
    model: type[models.Model], created: list[models.Model], updated: list[models.Model]
) -> None:
    """Record the rows' links in Wagtail's reference index (the admin's "usage" of a snippet).

    A new row has no entries yet, so its entries are inserted in one batch rather
    than through ``create_or_update_for_object`` row by row (two queries each).
    """
    for row in updated:
        ReferenceIndex.create_or_update_for_object(row)
    ReferenceIndex.objects.bulk_create(
        reference_index_entries(model, created),
        ignore_conflicts=connection.features.supports_ignore_conflicts,
    )


def index_for_search(model: type[models.Model], rows: list[models.Model]) -> None:
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, rows)
