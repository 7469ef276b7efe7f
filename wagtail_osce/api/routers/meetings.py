"""Endpoints for meetings and conferences: the filtered listing and the detail."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone, translation
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
from wagtail_osce.api.representations.meetings import (
    listed_meetings,
    localize_meeting_refs,
    meeting_detail,
    meeting_fields,
)
from wagtail_osce.api.schemas.pages import (
    MeetingDetailOut,
    MeetingSummaryOut,
)
from wagtail_osce.locales import (
    localized_pages,
)
from wagtail_osce.pages.listing import specific_pages, typed_queryset
from wagtail_osce.registry import meeting_page_models
from wagtail_osce.snippets import MeetingSeries, ParticipatingState, Structure
from wagtail_osce.visibility import visible_pages

router = Router(tags=["pages"])


@router.get(
    "/meetings",
    response={200: CursorListing.of(MeetingSummaryOut), **ERROR_RESPONSES},
    summary="List meetings and conferences",
)
@cached_listing
def list_meetings(
    request: HttpRequest,
    status: Literal["upcoming", "past"] | None = Query(
        None,
        description="`upcoming`: not over yet (ongoing included), soonest first; "
        "`past`: concluded, latest first.",
    ),
    series: list[Slug] | None = Query(
        None,
        max_length=MAX_FILTER_VALUES,
        description="Slug of a meeting series; comma-separated or repeated for any of several.",
    ),
    country: list[Slug] | None = Query(
        None,
        max_length=MAX_FILTER_VALUES,
        description="Slug or ISO code of the participating State hosting it; comma-separated "
        "or repeated for any of several.",
    ),
    organiser: list[Slug] | None = Query(
        None,
        max_length=MAX_FILTER_VALUES,
        description="Slug of the organising structure; comma-separated or repeated for any of several.",
    ),
    exclude: list[PageIdValue] | None = Query(
        None, max_length=MAX_FILTER_VALUES, description=EXCLUDE_DESCRIPTION
    ),
    descendant_of: int | None = Query(None, ge=1, le=MAX_ID, description=DESCENDANT_OF_DESCRIPTION),
    date_from: IsoDate | None = Query(
        None, description="Starting on or after this date, `YYYY-MM-DD`."
    ),
    date_to: IsoDate | None = Query(
        None,
        description="Starting on or before this date, `YYYY-MM-DD`; before `date_from`, "
        "nothing matches.",
    ),
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
    ordering: Literal["start", "-start"] | None = Query(
        None, description="By start; defaults to `start` for upcoming meetings, else `-start`."
    ),
    page: PageNumber = Query(1, description=PAGE_PARAM_DESCRIPTION),
    after: Cursor | None = Query(None, description=AFTER_DESCRIPTION),
    page_size: PageSize | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public meetings in the requested locale, untranslated ones falling back to the default."""
    ctx = resolve_locale(request, locale)
    models = meeting_page_models()
    queryset = typed_queryset(
        models,
        ("start", "end"),
        partial(listed_meetings, request),
        visible_pages(request),
    )
    queryset = snippet_filter(queryset, models, "series", MeetingSeries, "series", series)
    queryset = snippet_filter(
        queryset, models, "country", ParticipatingState, "country", country, match_iso_code=True
    )
    queryset = snippet_filter(queryset, models, "organiser", Structure, "organiser", organiser)
    now = timezone.now()
    if status == "upcoming":
        queryset = queryset.filter(end__gte=now)
    elif status == "past":
        queryset = queryset.filter(end__lt=now)
    queryset = exclude_pages(queryset, exclude)
    if descendant_of is not None:
        queryset = queryset.filter(below_page_q(request, descendant_of, ctx, "descendant_of"))
    if date_from:
        queryset = queryset.filter(start__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(start__date__lte=date_to)
    if date_range_is_empty(date_from, date_to):
        queryset = queryset.none()
    ordering = ordering or ("start" if status == "upcoming" else "-start")
    queryset = localized_pages(request, queryset, ctx).order_by(ordering, tie_breaker(ordering))
    items, envelope = cursor_paginate(
        request, queryset, ordering, page, after, page_size, datetime.datetime
    )
    meetings = specific_pages(items, partial(listed_meetings, request))
    refs = localize_meeting_refs(request, meetings, ctx)
    shapes: dict = {}
    with translation.override(ctx.code):
        results = [
            MeetingSummaryOut.model_construct(**meeting_fields(request, meeting, ctx, refs, shapes))
            for meeting in meetings
        ]
    return listing_response(
        request, CursorListing.of(MeetingSummaryOut)(**envelope, results=results)
    )


@router.get(
    "/meetings/{page_id}",
    response={200: MeetingDetailOut, **ERROR_RESPONSES},
    summary="Get a meeting",
)
def get_meeting(
    request: HttpRequest,
    page_id: PageId,
    locale: LocaleCode | None = Query(
        None,
        description="Return this language version of the meeting (or the default locale's, "
        "marked `is_fallback`). Defaults to the meeting's own locale.",
    ),
):
    return typed_detail(request, page_id, locale, "meeting", meeting_detail)
