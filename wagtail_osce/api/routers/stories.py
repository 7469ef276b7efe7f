"""Endpoints for stories: the filtered listing and the detail."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router

from wagtail_osce.api.cache.listing import cached_listing
from wagtail_osce.api.errors import ERROR_RESPONSES
from wagtail_osce.api.params import (
    AFTER_DESCRIPTION,
    DESCENDANT_OF_DESCRIPTION,
    EXCLUDE_DESCRIPTION,
    LOCALE_DESCRIPTION,
    MAX_FILTER_VALUES,
    MAX_ID,
    PAGE_PARAM_DESCRIPTION,
    PAGE_SIZE_DESCRIPTION,
    Cursor,
    IsoDate,
    LocaleCode,
    PageId,
    PageIdValue,
    PageNumber,
    PageSize,
    Slug,
    below_page_q,
    cursor_paginate,
    date_range_is_empty,
    exclude_pages,
    resolve_locale,
    snippet_filter,
    tie_breaker,
)
from wagtail_osce.api.representations.common import CursorListing, listing_response
from wagtail_osce.api.representations.detail import (
    typed_detail,
)
from wagtail_osce.api.representations.stories import (
    listed_stories,
    prepare_story_cards,
    story_detail,
    story_fields,
)
from wagtail_osce.api.schemas.pages import (
    StoryDetailOut,
    StorySummaryOut,
)
from wagtail_osce.locales import (
    localized_pages,
)
from wagtail_osce.pages.listing import specific_pages, typed_queryset
from wagtail_osce.registry import story_page_models
from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure
from wagtail_osce.visibility import visible_pages

router = Router(tags=["pages"])


@router.get(
    "/stories",
    response={200: CursorListing.of(StorySummaryOut), **ERROR_RESPONSES},
    summary="List stories",
)
@cached_listing
def list_stories(
    request: HttpRequest,
    field: list[Slug] | None = Query(
        None,
        max_length=MAX_FILTER_VALUES,
        description="Slug of a field of work; comma-separated or repeated for any of several.",
    ),
    country: list[Slug] | None = Query(
        None,
        max_length=MAX_FILTER_VALUES,
        description="Slug or ISO code of a participating State; comma-separated or repeated for any of several.",
    ),
    source: list[Slug] | None = Query(
        None,
        max_length=MAX_FILTER_VALUES,
        description="Slug of a structure the stories come from; comma-separated or repeated for any of several.",
    ),
    exclude: list[PageIdValue] | None = Query(
        None, max_length=MAX_FILTER_VALUES, description=EXCLUDE_DESCRIPTION
    ),
    descendant_of: int | None = Query(None, ge=1, le=MAX_ID, description=DESCENDANT_OF_DESCRIPTION),
    date_from: IsoDate | None = Query(None, description="Earliest date, `YYYY-MM-DD`."),
    date_to: IsoDate | None = Query(
        None, description="Latest date, `YYYY-MM-DD`; before `date_from`, nothing matches."
    ),
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
    ordering: Literal["-date", "date"] = Query(
        "-date", description="Newest (`-date`) or oldest first."
    ),
    page: PageNumber = Query(1, description=PAGE_PARAM_DESCRIPTION),
    after: Cursor | None = Query(None, description=AFTER_DESCRIPTION),
    page_size: PageSize | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public stories in the requested locale, untranslated ones falling back to the default."""
    ctx = resolve_locale(request, locale)
    models = story_page_models()
    queryset = typed_queryset(
        models, ("date",), partial(listed_stories, request), visible_pages(request)
    )
    queryset = snippet_filter(queryset, models, "fields_of_work", FieldOfWork, "field", field)
    queryset = snippet_filter(
        queryset, models, "countries", ParticipatingState, "country", country, match_iso_code=True
    )
    queryset = snippet_filter(queryset, models, "sources", Structure, "source", source)
    queryset = exclude_pages(queryset, exclude)
    if descendant_of is not None:
        queryset = queryset.filter(below_page_q(request, descendant_of, ctx, "descendant_of"))
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if date_range_is_empty(date_from, date_to):
        queryset = queryset.none()
    queryset = localized_pages(request, queryset, ctx).order_by(ordering, tie_breaker(ordering))
    items, envelope = cursor_paginate(
        request, queryset, ordering, page, after, page_size, datetime.date
    )
    stories = specific_pages(items, partial(listed_stories, request))
    refs = prepare_story_cards(request, stories, ctx)
    shapes: dict = {}
    with translation.override(ctx.code):
        results = [
            StorySummaryOut.model_construct(**story_fields(request, story, ctx, refs, shapes))
            for story in stories
        ]
    return listing_response(request, CursorListing.of(StorySummaryOut)(**envelope, results=results))


@router.get(
    "/stories/{page_id}",
    response={200: StoryDetailOut, **ERROR_RESPONSES},
    summary="Get a story",
)
def get_story(
    request: HttpRequest,
    page_id: PageId,
    locale: LocaleCode | None = Query(
        None,
        description="Return this language version of the story (or the default locale's, "
        "marked `is_fallback`). Defaults to the story's own locale.",
    ),
):
    return typed_detail(request, page_id, locale, "story", story_detail)
