"""What empties the detail cache: every change a cached detail may show bumps the content version.

Connected by ``WagtailOsceConfig.ready()`` in every process, so the admin, a shell,
``publish_scheduled`` (its ``revision.publish()`` and ``unpublish()`` send Wagtail's
``page_published`` and ``page_unpublished``) or a management command replaces the
version row in the database that every API worker reads.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.models.pages import AbstractPage

from wagtail_osce.registry import snippet_models

from .responses import VISIBILITY_FIELDS, bump_reference_version, bump_version


def invalidating_models() -> list[type[Model]]:
    """Models whose rows appear inside page details: saving or deleting one bumps the version."""
    from wagtail.models import PageViewRestriction

    return [*reference_models(), PageViewRestriction]


def reference_models() -> list[type[Model]]:
    """The reference data: saving or deleting a row bumps the reference version too."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    return [*snippet_models(), get_image_model(), get_document_model(), Locale, Site]


def page_saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """Bump the version when a page is saved with any field that decides what is shown.

    A draft saved for review (only its revision fields) changes nothing served.
    """
    if not isinstance(instance, AbstractPage):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and VISIBILITY_FIELDS.isdisjoint(update_fields):
        return
    bump_version()


def page_deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """Bump the version when a page is deleted."""
    if isinstance(instance, AbstractPage):
        bump_version()


#: The task that writes a saved object into the search index (Wagtail's ``modelsearch``).
SEARCH_INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


def search_index_updated(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """Bump the version once the search index has taken a saved object.

    The index is written by a task, which a task backend may run after the
    change's transaction has committed (or in another process): a search
    response built in between would carry the new version with the old index.
    """
    if task_result.task.module_path == SEARCH_INDEX_TASK:
        bump_version()


def connect_signals() -> None:
    """Bump the content version on every change a cached detail may show; safe to call twice.

    Every process that changes content must call it (the package's
    ``AppConfig.ready()`` does), so an admin or a management command invalidates
    the cache shared with the API.
    """
    from django_tasks.signals import task_finished
    from wagtail.signals import page_published, page_unpublished, post_page_move

    task_finished.connect(search_index_updated, dispatch_uid="wagtail_osce_cache_search_index")

    page_published.connect(bump_version, dispatch_uid="wagtail_osce_cache_published")
    page_unpublished.connect(bump_version, dispatch_uid="wagtail_osce_cache_unpublished")
    post_page_move.connect(bump_version, dispatch_uid="wagtail_osce_cache_moved")
    post_save.connect(page_saved, dispatch_uid="wagtail_osce_cache_page_saved")
    post_delete.connect(page_deleted, dispatch_uid="wagtail_osce_cache_page_deleted")
    reference = reference_models()
    for model in invalidating_models():
        label = model._meta.label_lower
        bump = bump_reference_version if model in reference else bump_version
        post_save.connect(bump, sender=model, dispatch_uid=f"wagtail_osce_cache_{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"wagtail_osce_cache_{label}_deleted")
