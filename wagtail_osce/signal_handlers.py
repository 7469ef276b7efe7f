"""Purge the frontend cache and send webhooks when content changes.

Pages: Wagtail's ``page_published`` and ``page_unpublished`` signals, for every
page type (deleting a live page sends ``page_unpublished`` too, and so do
``publish_scheduled``'s ``revision.publish()`` and ``unpublish()``), its
``pre_page_move`` and ``post_page_move`` (the URLs before and after a move, for
the pages below it too), and saving or deleting a ``PageViewRestriction`` (the
page and the pages below it). Reference snippets have no draft state, so their
``post_save`` and ``post_delete`` count as publishing and unpublishing. What to
purge and what to send is worked out when the signal fires; the purge (by URL,
and by cache tag where the backend can) and the webhook deliveries are queued
once the transaction commits, so nothing is announced for a change that is
rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.core import checks
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from wagtail_osce.content_version import bump
from wagtail_osce.notifications import purge, webhooks
from wagtail_osce.registry import snippet_models
from wagtail_osce.snippets.signals import reference_data_seeded

logger = logging.getLogger("wagtail_osce.webhooks")

_muted: ContextVar[bool] = ContextVar("wagtail_osce_notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """Send no purge and no webhook for changes made inside the block.

    For bulk loads such as ``osce_seed``, which would otherwise announce every
    row; purge the listings once afterwards instead.
    """
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _enqueue_webhooks(payload: dict[str, Any]) -> None:
    webhooks.enqueue_event(payload)


def _schedule(
    purge_urls: list[str], payload: dict[str, Any] | None, tags: list[str] | None = None
) -> None:
    # robust: a failing purge or task backend is logged, never raised into the editor's
    # request; the three are separate so one failing does not stop the others.
    if purge_urls:
        transaction.on_commit(partial(purge.purge_urls, purge_urls), robust=True)
    if tags:
        transaction.on_commit(partial(purge.purge_tags, tags), robust=True)
    if payload is not None:
        transaction.on_commit(partial(_enqueue_webhooks, payload), robust=True)


def _notify_page(
    event: str | None, instance: Page, *, descendants: bool = False, **extra: Any
) -> None:
    """Purge what shows ``instance`` (and the pages below it) and, for an ``event``, announce it."""
    if _muted.get():
        return
    try:
        purge_urls, tags = [], []
        if purge.frontend_cache_configured():
            purge_urls = purge.api_urls_for_page(instance, descendants=descendants)
            tags = purge.tags_for_page(instance, descendants=descendants)
        payload = None
        if event is not None and webhooks.webhooks_enabled():
            payload = webhooks.page_event(event, instance, **extra)
    except Exception:
        # Announcing a change must never stop the change itself.
        logger.exception("Could not prepare the %s notifications for page %s", event, instance.pk)
        return
    _schedule(purge_urls, payload, tags)


def page_published_handler(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """Purge the page's API responses and announce ``page.published``."""
    _notify_page(webhooks.PAGE_PUBLISHED, instance)


def page_unpublished_handler(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """Purge the page's API responses and announce ``page.unpublished``."""
    _notify_page(webhooks.PAGE_UNPUBLISHED, instance)


def page_moving_handler(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """Before a move: purge the URLs the page and the pages below it are served at now."""
    _notify_page(None, instance, descendants=True)


def page_moved_handler(
    sender: type[Page], instance: Page, url_path_before: str = "", **kwargs: Any
) -> None:
    """After a move: purge the new URLs and announce ``page.moved``."""
    _notify_page(webhooks.PAGE_MOVED, instance, descendants=True, url_path_before=url_path_before)


def _restricted_page(instance: PageViewRestriction) -> Page | None:
    try:
        return instance.page
    except Page.DoesNotExist:
        # Deleted with its page, whose deletion is announced on its own.
        return None


def restriction_saved_handler(
    sender: type[PageViewRestriction],
    instance: PageViewRestriction,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A view restriction hides the page and those below it: purge and announce ``page.restricted``."""
    page = _restricted_page(instance)
    if raw or page is None:
        return
    _notify_page(webhooks.PAGE_RESTRICTED, page, descendants=True)


def restriction_deleted_handler(
    sender: type[PageViewRestriction], instance: PageViewRestriction, **kwargs: Any
) -> None:
    """A view restriction lifted: purge (the 404s) and announce ``page.unrestricted``."""
    page = _restricted_page(instance)
    if page is None:
        return
    _notify_page(webhooks.PAGE_UNRESTRICTED, page, descendants=True)


_PREVIOUS_SLUG_ATTR = "_wagtail_osce_previous_slug"


def snippet_pre_save_handler(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """Remember the slug before a save, so the detail URL it had is purged too."""
    if raw or _muted.get() or instance.pk is None or not purge.frontend_cache_configured():
        return
    if not hasattr(instance, "slug"):
        return
    previous = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True)
    setattr(instance, _PREVIOUS_SLUG_ATTR, previous.first())


def _notify_snippet(event: str, instance: models.Model) -> None:
    if _muted.get():
        return
    previous_slug = instance.__dict__.pop(_PREVIOUS_SLUG_ATTR, None)
    try:
        purge_urls, tags = [], []
        if purge.frontend_cache_configured():
            purge_urls = purge.api_urls_for_snippet(instance, previous_slug)
            tags = purge.tags_for_snippet(instance)
        payload = webhooks.snippet_event(event, instance) if webhooks.webhooks_enabled() else None
    except Exception:
        logger.exception("Could not prepare the %s notifications for %r", event, instance)
        return
    _schedule(purge_urls, payload, tags)


def snippet_saved_handler(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """Purge the snippet's API responses and announce ``snippet.saved``; fixtures load silently."""
    if raw:
        return
    _notify_snippet(webhooks.SNIPPET_SAVED, instance)


def snippet_deleted_handler(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    """Purge the snippet's API responses and announce ``snippet.deleted``."""
    _notify_snippet(webhooks.SNIPPET_DELETED, instance)


def reference_data_seeded_handler(sender: Any, models: Any = (), **kwargs: Any) -> None:
    """``osce_seed`` wrote in bulk: drop the cached API responses and purge the listings once.

    Sent after the seeder's transaction committed, so the new content version is
    seen by every process at once.
    """
    bump()
    purge.purge_reference_data()


def register() -> None:
    """Connect the handlers; called from ``WagtailOsceConfig.ready()``."""
    # No sender: every page type, including a site's own, changes the generic ``pages`` API.
    page_published.connect(page_published_handler, dispatch_uid="wagtail_osce_page_published")
    page_unpublished.connect(page_unpublished_handler, dispatch_uid="wagtail_osce_page_unpublished")
    pre_page_move.connect(page_moving_handler, dispatch_uid="wagtail_osce_page_moving")
    post_page_move.connect(page_moved_handler, dispatch_uid="wagtail_osce_page_moved")
    post_save.connect(
        restriction_saved_handler,
        sender=PageViewRestriction,
        dispatch_uid="wagtail_osce_restriction_saved",
    )
    post_delete.connect(
        restriction_deleted_handler,
        sender=PageViewRestriction,
        dispatch_uid="wagtail_osce_restriction_deleted",
    )
    for model in snippet_models():
        pre_save.connect(
            snippet_pre_save_handler,
            sender=model,
            dispatch_uid=f"wagtail_osce_pre_save_{model.__name__}",
        )
        post_save.connect(
            snippet_saved_handler, sender=model, dispatch_uid=f"wagtail_osce_saved_{model.__name__}"
        )
        post_delete.connect(
            snippet_deleted_handler,
            sender=model,
            dispatch_uid=f"wagtail_osce_deleted_{model.__name__}",
        )
    reference_data_seeded.connect(
        reference_data_seeded_handler, dispatch_uid="wagtail_osce_reference_data_seeded"
    )
    checks.register(webhooks.check_webhook_settings)
