"""Meetings as the API shows them: the listing summary and the whole detail."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from wagtail_osce.api.errors import not_found
from wagtail_osce.api.schemas.pages import (
    MeetingDetailOut,
)
from wagtail_osce.choices import MeetingStatus
from wagtail_osce.locales import (
    LocaleContext,
    ReferenceLocalizer,
)
from wagtail_osce.pages.listing import without_stream_fields
from wagtail_osce.representation.snippets import (
    MeetingSeriesOut,
    ParticipatingStateOut,
    StructureOut,
    snippet_localizer,
)
from wagtail_osce.snippets import MeetingSeries, ParticipatingState, Structure
from wagtail_osce.visibility import visible_pages

from .common import (
    detail_response,
    page_fields,
    snippet_out,
    stream_representation,
    translations_of,
)


def meetings_queryset(request: HttpRequest, model: type) -> QuerySet:
    return visible_pages(request, model).select_related("series", "country", "organiser")


def listed_meetings(request: HttpRequest, model: type) -> QuerySet:
    """Meetings as a listing loads them: ``meetings_queryset`` without their StreamFields."""
    return without_stream_fields(meetings_queryset(request, model))


def meeting_fields(
    request: HttpRequest,
    meeting: Any,
    ctx: LocaleContext,
    refs: ReferenceLocalizer,
    shapes: dict[tuple[type, int], Any] | None = None,
) -> dict[str, Any]:
    """A meeting's ``MeetingSummaryOut`` fields; a listing passes one ``shapes`` for all its items."""
    status = meeting.status
    return {
        **page_fields(request, meeting, ctx),
        "start": meeting.start,
        "end": meeting.end,
        "all_day": meeting.all_day,
        "status": status,
        "status_label": str(MeetingStatus(status).label),
        "series": snippet_out(MeetingSeriesOut, refs.get(meeting.series), ctx, shapes),
        "city": meeting.city,
        "country": snippet_out(ParticipatingStateOut, refs.get(meeting.country), ctx, shapes),
        "venue": meeting.venue,
        "organiser": snippet_out(StructureOut, refs.get(meeting.organiser), ctx, shapes),
        "lead": meeting.lead,
        "livestream_url": meeting.livestream_url or None,
    }


def localize_meeting_refs(
    request: HttpRequest, meetings: list[Any], ctx: LocaleContext
) -> ReferenceLocalizer:
    """The meetings' series, countries and organisers in ``ctx``'s locale, from the snippet
    rows the process keeps."""
    refs = snippet_localizer(request, ctx, (MeetingSeries, ParticipatingState, Structure))
    for meeting in meetings:
        refs.add(meeting.series)
        refs.add(meeting.country)
        refs.add(meeting.organiser)
    refs.resolve()
    return refs


def meeting_detail(
    request: HttpRequest, model: type, page_id: int, ctx: LocaleContext
) -> HttpResponse:
    """The live meeting's detail as a JSON response, built without validating it again."""
    meeting = meetings_queryset(request, model).filter(pk=page_id).first()
    if meeting is None:
        raise not_found(f"No live, public meeting has id {page_id}.")
    return detail_response(MeetingDetailOut, meeting_detail_fields(request, meeting, ctx))


def meeting_detail_of(request: HttpRequest, meeting: Any, ctx: LocaleContext) -> MeetingDetailOut:
    """The detail of a meeting instance, validated: a draft being previewed, say."""
    return MeetingDetailOut(**meeting_detail_fields(request, meeting, ctx))


def meeting_detail_fields(request: HttpRequest, meeting: Any, ctx: LocaleContext) -> dict[str, Any]:
    """The fields of a meeting's ``MeetingDetailOut``: the live one, or a draft previewed."""
    refs = localize_meeting_refs(request, [meeting], ctx)
    with translation.override(ctx.code):
        return {
            **meeting_fields(request, meeting, ctx, refs),
            "seo_title": meeting.seo_title,
            "search_description": meeting.search_description,
            "body": stream_representation(request, meeting, "body", ctx),
            "documents": stream_representation(request, meeting, "documents", ctx),
            "translations": translations_of(request, meeting, ctx),
        }
