"""Do for rows written in bulk what their save signals would: reference and search indexes."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends


def index_references(
    model: type[models.Model], created: list[models.Model], updated: list[models.Model]
) -> None:
    """Record the rows' links in Wagtail's reference index (the admin's "usage" of a snippet).

    A new row has no entries yet, so its entries are inserted in one batch rather
    than through ``create_or_update_for_object`` row by row (two queries each).
    That batch uses the reference index's own helpers; should they change, each
    row is indexed the public way instead.
    """
    for row in updated:
        ReferenceIndex.create_or_update_for_object(row)
    try:
        content_types = [
            ContentType.objects.get_for_model(klass, for_concrete_model=False)
            for klass in [model, *model._meta.get_parent_list()]
        ]
        entries = [
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=row.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for row in created
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(row)
            )
        ]
    except (AttributeError, TypeError, ValueError):
        for row in created:
            ReferenceIndex.create_or_update_for_object(row)
        return
    ReferenceIndex.objects.bulk_create(
        entries, ignore_conflicts=connection.features.supports_ignore_conflicts
    )


def index_for_search(model: type[models.Model], rows: list[models.Model]) -> None:
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, rows)
