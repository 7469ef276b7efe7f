"""API shapes of pages: summaries for listings, details with translations.

Story and meeting schemas are built from the served page types
(``STORY_PAGE_MODELS``, ``MEETING_PAGE_MODELS``); their ``body`` is
a list of a discriminated union generated from the stream block's children, so
each block type appears in the OpenAPI document with its own typed ``value``.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from pydantic import BaseModel, Field

from wagtail_osce.blocks.schema import merged_stream_block, stream_item_schema
from wagtail_osce.compat import page_url
from wagtail_osce.registry import meeting_page_models, story_page_models
from wagtail_osce.representation.common import LocalizedOut, locale_markers
from wagtail_osce.representation.links import RichTextOut, page_type_label
from wagtail_osce.representation.media import ImageOut
from wagtail_osce.representation.snippets import (
    FieldOfWorkOut,
    MeetingSeriesOut,
    ParticipatingStateOut,
    StructureOut,
)


class PageTranslationOut(BaseModel):
    """Another language version of a page, for language switchers and ``hreflang``."""

    id: int
    locale: str
    title: str
    url: str | None = Field(description="The page on the site; null when it is not routable.")
    api_url: str


class PageSummaryOut(LocalizedOut):
    """What a listing shows of any page."""

    id: int
    type: str = Field(description='The page model as "app_label.ModelName".')
    title: str
    slug: str
    url: str | None = Field(description="The page on the site; null when it is not routable.")
    api_url: str = Field(description="This page's detail in the API.")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None

    @classmethod
    def page_fields(
        cls,
        page: Any,
        *,
        request: HttpRequest,
        requested_locale: str | None,
        locale_codes: dict[int, str],
        api_url: str,
    ) -> dict[str, Any]:
        """Fields shared by every page schema; costs no query with the site root paths cached."""
        return {
            **locale_markers(locale_codes[page.locale_id], requested_locale),
            "id": page.pk,
            "type": page_type_label(page),
            "title": page.title,
            "slug": page.slug,
            "url": page_url(page, request),
            "api_url": api_url,
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
        }


class PageDetailOut(PageSummaryOut):
    """A page of any type: the fields every page has, and its translations."""

    seo_title: str
    search_description: str
    translations: list[PageTranslationOut] = Field(
        description="The page's other live, public language versions."
    )


class StoryIndexPageDetailOut(PageDetailOut):
    """A story index page and its own fields; its stories are ``stories?descendant_of={id}``."""

    intro: RichTextOut = Field(description="The introduction shown above the stories.")


class MeetingIndexPageDetailOut(PageDetailOut):
    """A meeting index page and its own fields; its meetings are ``meetings?descendant_of={id}``."""

    intro: RichTextOut = Field(description="The introduction shown above the meetings.")


# Stream fields -------------------------------------------------------------------


def stream_schema(models: list[type], field_name: str, name: str) -> Any:
    """The item type of a StreamField of the served page types, merged across them."""
    stream_block = merged_stream_block(
        [model._meta.get_field(field_name).stream_block for model in models]
    )
    return stream_item_schema(stream_block, name)


StoryBodyItem = stream_schema(story_page_models(), "body", "StoryBody")
RelatedStoriesItem = stream_schema(story_page_models(), "related_stories", "RelatedStories")
MeetingBodyItem = stream_schema(meeting_page_models(), "body", "MeetingBody")
MeetingDocumentsItem = stream_schema(meeting_page_models(), "documents", "MeetingDocuments")


class StorySummaryOut(PageSummaryOut):
    """A story as listings show it: everything but its body."""

    date: datetime.date
    lead: str
    hero_image: ImageOut | None
    hero_caption: str | None
    hero_credit: str | None = Field(
        description='The credit as shown, such as "OSCE/Jane Doe"; null when there is none.'
    )
    fields_of_work: list[FieldOfWorkOut]
    sources: list[StructureOut] = Field(description="The bodies the story comes from.")
    countries: list[ParticipatingStateOut]


class StoryDetailOut(StorySummaryOut):
    """A whole story, ready to render: body blocks with everything they refer to expanded."""

    seo_title: str
    search_description: str
    body: list[StoryBodyItem]
    related_stories: list[RelatedStoriesItem]
    translations: list[PageTranslationOut] = Field(
        description="The story's other live, public language versions."
    )


MeetingStatusValue = Literal["upcoming", "ongoing", "concluded"]


class MeetingSummaryOut(PageSummaryOut):
    """A meeting as listings show it."""

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool = Field(description="Show dates only, without times.")
    status: MeetingStatusValue = Field(description="Where the meeting stands at response time.")
    status_label: str
    series: MeetingSeriesOut | None
    city: str
    country: ParticipatingStateOut | None
    venue: str
    organiser: StructureOut | None
    lead: str
    livestream_url: str | None


class MeetingDetailOut(MeetingSummaryOut):
    """A whole meeting page, with its body and its documents."""

    seo_title: str
    search_description: str
    body: list[MeetingBodyItem]
    documents: list[MeetingDocumentsItem]
    translations: list[PageTranslationOut] = Field(
        description="The meeting's other live, public language versions."
    )
