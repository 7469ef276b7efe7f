"""``api_fields`` of the story and meeting pages, for Wagtail's own APIs (v2 and the v3 preview).

The values are the package's representations (see
:mod:`wagtail_osce.representation.api_fields`); a site's own page type built on
the mixins inherits them, or declares its own list from the same fields.
"""

from __future__ import annotations

from wagtail import blocks
from wagtail.api import APIField

from wagtail_osce.blocks.schema import stream_item_schema
from wagtail_osce.blocks.streams import (
    MeetingBodyBlock,
    MeetingDocumentsBlock,
    RelatedStoriesStreamBlock,
    StoryBodyBlock,
)
from wagtail_osce.representation.api_fields import (
    DisplayRichTextField,
    ExpandedImageField,
    SnippetReferenceField,
    StreamRepresentationField,
    TextOrNullField,
    UTCDateTimeField,
)
from wagtail_osce.representation.snippets import (
    FieldOfWorkOut,
    MeetingSeriesOut,
    ParticipatingStateOut,
    StructureOut,
)


def _stream(stream_block: blocks.StreamBlock, name: str) -> StreamRepresentationField:
    """A stream's representation, typed by the union of its blocks' shapes."""
    return StreamRepresentationField(output=list[stream_item_schema(stream_block, name)])


STORY_PAGE_API_FIELDS = [
    APIField("date"),
    APIField("lead"),
    APIField("hero_image", serializer=ExpandedImageField(alt="hero_alt")),
    APIField("hero_caption", serializer=TextOrNullField()),
    APIField("hero_credit", serializer=TextOrNullField(attribute="hero_credit_line")),
    APIField("fields_of_work", serializer=SnippetReferenceField(schema=FieldOfWorkOut, many=True)),
    APIField("sources", serializer=SnippetReferenceField(schema=StructureOut, many=True)),
    APIField(
        "countries", serializer=SnippetReferenceField(schema=ParticipatingStateOut, many=True)
    ),
    APIField("body", serializer=_stream(StoryBodyBlock(), "StoryBody")),
    APIField("related_stories", serializer=_stream(RelatedStoriesStreamBlock(), "RelatedStories")),
]
MEETING_PAGE_API_FIELDS = [
    APIField("start", serializer=UTCDateTimeField()),
    APIField("end", serializer=UTCDateTimeField()),
    APIField("all_day"),
    APIField("status"),
    APIField("status_label"),
    APIField("series", serializer=SnippetReferenceField(schema=MeetingSeriesOut)),
    APIField("city"),
    APIField("country", serializer=SnippetReferenceField(schema=ParticipatingStateOut)),
    APIField("venue"),
    APIField("organiser", serializer=SnippetReferenceField(schema=StructureOut)),
    APIField("lead"),
    APIField("livestream_url", serializer=TextOrNullField()),
    APIField("body", serializer=_stream(MeetingBodyBlock(), "MeetingBody")),
    APIField("documents", serializer=_stream(MeetingDocumentsBlock(), "MeetingDocuments")),
]
STORY_INDEX_PAGE_API_FIELDS = [APIField("intro", serializer=DisplayRichTextField())]
MEETING_INDEX_PAGE_API_FIELDS = [APIField("intro", serializer=DisplayRichTextField())]
