"""API shapes of pages: summaries for listings, details with translations.

Story and meeting schemas are built from their page models; their ``body`` is
a list of a discriminated union generated from the stream block's children, so
each block type appears in the OpenAPI document with its own typed ``value``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, Union

from django.apps import apps
from django.http import HttpRequest
from pydantic import BaseModel, Field, create_model
from wagtail import blocks

from wagtail_osce.blocks.representation import ImageOut, page_type_label

from .common import LocalizedOut, locale_markers
from .snippets import FieldOfWorkOut, MeetingSeriesOut, ParticipatingStateOut, StructureOut


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
            "url": page.get_url(request=request),
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


# Stream fields -------------------------------------------------------------------


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def stream_item_schema(stream_block: blocks.StreamBlock, name: str) -> Any:
    """The type of one item of a stream's API representation, built from its child blocks.

    Each child becomes ``{"type": Literal[<child name>], "id": str, "value": <api_schema>}``
    and the members form a union discriminated by ``type``, so a block added to
    the stream appears in the OpenAPI document without a change here. A child
    without ``api_schema`` (a plain Wagtail block) has an untyped ``value``.
    """
    members = []
    for child_name, child_block in stream_block.child_blocks.items():
        value_schema = getattr(child_block, "api_schema", None) or Any
        members.append(
            create_model(
                f"{name}{_camel(child_name)}",
                __doc__=f"A `{child_name}` block: {child_block.label}.",
                type=(Literal[child_name], ...),  # type: ignore[valid-type]
                id=(str | None, Field(description="The block's id, stable across edits.")),
                value=(value_schema, ...),
            )
        )
    if not members:
        return dict[str, Any]
    if len(members) == 1:
        return members[0]
    return Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007


def stream_field_schema(model: type, field_name: str, name: str) -> Any:
    """``list[<item union>]`` for the StreamField ``field_name`` of a page model."""
    stream_block = model._meta.get_field(field_name).stream_block
    return list[stream_item_schema(stream_block, name)]  # type: ignore[misc]


# Stories and meetings ----------------------------------------------------------------


def story_model() -> type:
    """The story page model listed by story indexes (``wagtail_osce.StoryPage`` by default)."""
    from wagtail_osce.pages.mixins import StoryIndexPageMixin

    return apps.get_model(StoryIndexPageMixin.child_page_model)


def meeting_model() -> type:
    """The meeting page model listed by meeting indexes (``wagtail_osce.MeetingPage`` by default)."""
    from wagtail_osce.pages.mixins import MeetingIndexPageMixin

    return apps.get_model(MeetingIndexPageMixin.child_page_model)


StoryBodyItem = stream_item_schema(story_model()._meta.get_field("body").stream_block, "StoryBody")
RelatedStoriesItem = stream_item_schema(
    story_model()._meta.get_field("related_stories").stream_block, "RelatedStories"
)
MeetingBodyItem = stream_item_schema(
    meeting_model()._meta.get_field("body").stream_block, "MeetingBody"
)
MeetingDocumentsItem = stream_item_schema(
    meeting_model()._meta.get_field("documents").stream_block, "MeetingDocuments"
)


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
