"""A page's detail: which version of it a request gets, from the shared cache when it can be."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from wagtail_osce.api.cache import responses as cache
from wagtail_osce.api.cache.http import apply_http_caching
from wagtail_osce.api.errors import not_found
from wagtail_osce.api.params import resolve_locale
from wagtail_osce.api.schemas.pages import (
    MeetingIndexPageDetailOut,
    PageDetailOut,
    StoryIndexPageDetailOut,
)
from wagtail_osce.locales import (
    LocaleContext,
)
from wagtail_osce.pages.meeting import MeetingIndexPageMixin
from wagtail_osce.pages.story import StoryIndexPageMixin
from wagtail_osce.registry import meeting_page_models, story_page_models
from wagtail_osce.visibility import visible_pages

from .common import page_context, page_fields, rich_text_out, translations_of
from .meetings import meeting_detail, meeting_detail_of
from .stories import story_detail, story_detail_of

if TYPE_CHECKING:
    from wagtail.models import Page


def in_requested_locale(request: HttpRequest, page: Page, ctx: LocaleContext) -> Page:
    """The page's version in the requested locale, else in the default locale, else itself.

    Without ``locale=`` the page is returned as is, in its own locale.
    """
    if not ctx.explicit or page.locale_id == ctx.requested.pk:
        return page
    versions = {
        version.locale_id: version
        for version in visible_pages(request)
        .filter(translation_key=page.translation_key, locale_id__in=ctx.locale_ids)
        .only(*cache.LOOKUP_FIELDS)
    }
    for locale_id in ctx.locale_ids:
        if locale_id in versions:
            return versions[locale_id]
    return page


def cached_or(request: HttpRequest, page: Page, ctx: LocaleContext, build: Callable[[], Any]):
    """The detail of ``page`` from the shared cache, else ``build()`` (stored once rendered).

    ``page`` has passed the visibility check of this request; see
    :mod:`wagtail_osce.api.cache` for what the cache keys on and what empties it.
    """
    response = cache.cached_detail(request, page, ctx)
    if response is not None:
        # Also keep it under the request's own key, if that was missed.
        cache.store(request, response, response["ETag"])
        return apply_http_caching(request, response)
    built = build()
    if isinstance(built, HttpResponse):
        # Serialised already: django-ninja hands it on as it is, so add the caching here.
        return apply_http_caching(request, built)
    return built


def lookup_page(request: HttpRequest, model: type | None = None, **filters: Any) -> Page | None:
    """The visible page matching ``filters``, with only the fields a cache lookup needs."""
    return visible_pages(request, model).filter(**filters).only(*cache.LOOKUP_FIELDS).first()


def build_detail(request: HttpRequest, page: Page, ctx: LocaleContext):
    """The typed detail of ``page``: the story or meeting schema for those, else the generic one."""
    return cached_or(request, page, ctx, lambda: _build_detail(request, page, ctx))


def _build_detail(request: HttpRequest, page: Page, ctx: LocaleContext):
    model = page.specific_class
    if model in story_page_models():
        return story_detail(request, model, page.pk, ctx)
    if model in meeting_page_models():
        return meeting_detail(request, model, page.pk, ctx)
    specific = page.specific
    if specific is page:
        # A page of the base model, found with only the cache key's fields: load the rest.
        specific = type(page)._default_manager.get(pk=page.pk)
    return page_detail_of(request, specific, ctx)


def page_detail_of(request: HttpRequest, page: Page, ctx: LocaleContext) -> Any:
    """The typed detail of a page instance of any type: the live one, or a draft previewed."""
    model = type(page)
    if model in story_page_models():
        return story_detail_of(request, page, ctx)
    if model in meeting_page_models():
        return meeting_detail_of(request, page, ctx)
    with translation.override(ctx.code):
        fields = {
            **page_fields(request, page, ctx),
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "translations": translations_of(request, page, ctx),
        }
        if isinstance(page, StoryIndexPageMixin):
            return StoryIndexPageDetailOut(**fields, intro=rich_text_out(request, page, page.intro))
        if isinstance(page, MeetingIndexPageMixin):
            return MeetingIndexPageDetailOut(
                **fields, intro=rich_text_out(request, page, page.intro)
            )
        return PageDetailOut(**fields)


def typed_detail(
    request: HttpRequest,
    page_id: int,
    locale: str | None,
    noun: str,
    build: Callable[..., Any],
) -> Any:
    """A story's or meeting's detail in the requested locale, from the cache when it can be.

    A request seen before is answered from its visibility-stamped entry (see
    :func:`wagtail_osce.api.cache.cached_request`) without touching the database.
    """
    hit = cache.cached_request(request)
    if hit is not None:
        return apply_http_caching(request, hit)
    ctx = resolve_locale(request, locale)
    models = story_page_models() if noun == "story" else meeting_page_models()
    page = lookup_page(request, pk=page_id)
    if page is None or page.specific_class not in models:
        raise not_found(f"No live, public {noun} has id {page_id}.")
    model = page.specific_class
    page = in_requested_locale(request, page, ctx)
    cache.note_visible(request, page)
    ctx = page_context(ctx, page)
    return cached_or(request, page, ctx, lambda: build(request, model, page.pk, ctx))
