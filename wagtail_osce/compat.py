"""The one place the package relies on Wagtail behaviour that has no public API.

Each use is a single function here, and ``tests/test_compat.py`` fails loudly
when a Wagtail release changes what it relies on.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import ReferenceIndex

#: Where Wagtail's ``Page._get_site_root_paths`` caches the site root paths on a page
#: that is given no request.
SITE_ROOT_PATHS_ATTR = "_wagtail_cached_site_root_paths"


def share_site_root_paths(page: Any, root_paths: list[Any]) -> None:
    """Let ``page`` reuse site root paths already read, so its URL costs no query.

    Without a request Wagtail reads the site root paths once per page; a stream
    linking to many pages reads them once and hands them to each page here.
    """
    if not hasattr(page, SITE_ROOT_PATHS_ATTR):
        setattr(page, SITE_ROOT_PATHS_ATTR, root_paths)


def reference_index_entries(model: type[models.Model], rows: list[models.Model]) -> list[Any]:
    """Unsaved reference index entries for new ``rows``, to insert in one batch.

    Wagtail only indexes one object at a time (two queries each); its private
    helpers give the same entries for many rows without a query per row.
    """
    content_types = [
        ContentType.objects.get_for_model(klass, for_concrete_model=False)
        for klass in [model, *model._meta.get_parent_list()]
    ]
    return [
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
        for row in rows
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(row)
        )
    ]
