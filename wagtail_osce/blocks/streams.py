"""The composed streams of the story and meeting pages.

Each is a :class:`~wagtail_osce.blocks.prefetch.PrefetchingStreamBlock`, so a
page body renders, and gives its API representation, with a fixed number of
queries however many blocks it holds. Block names are stored with the content:
renaming or removing one needs a data migration.
"""

from __future__ import annotations

from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from wagtail_osce.blocks.base import BlockContext
from wagtail_osce.blocks.data import KeyFiguresBlock, TableBlock, TimelineBlock
from wagtail_osce.blocks.documents import DocumentListBlock, DownloadBlock, DownloadOut
from wagtail_osce.blocks.layout import AccordionBlock, CallToActionBlock, LinkBlock
from wagtail_osce.blocks.media import GalleryBlock, ImageBlock, VideoBlock
from wagtail_osce.blocks.prefetch import PrefetchingStreamBlock, StreamPrefetch
from wagtail_osce.blocks.references import (
    FieldsOfWorkBlock,
    RelatedStoriesBlock,
    StatesBlock,
    StructuresBlock,
    UpcomingMeetingsBlock,
)
from wagtail_osce.blocks.text import FactBoxBlock, HeadingBlock, QuoteBlock, RichTextBlock

__all__ = [
    "MEETING_DOCUMENT_KINDS",
    "MeetingBodyBlock",
    "MeetingDocumentBlock",
    "MeetingDocumentOut",
    "MeetingDocumentsBlock",
    "RelatedStoriesStreamBlock",
    "StoryBodyBlock",
]


class StoryBodyBlock(PrefetchingStreamBlock):
    """The body of a story: text, media, documents, data, references and layout.

    The picker groups the blocks by family (each block's ``Meta.group``), in this
    order. Related stories are not offered here: a story has one place for them,
    its ``related_stories`` field (migration 0006 moved any stored body block there).
    """

    rich_text = RichTextBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    document_list = DocumentListBlock()
    download = DownloadBlock()
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()
    table = TableBlock()
    states = StatesBlock()
    structures = StructuresBlock()
    fields_of_work = FieldsOfWorkBlock()
    upcoming_meetings = UpcomingMeetingsBlock()
    link = LinkBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()

    class Meta:
        label = _("Body")


class MeetingBodyBlock(StoryBodyBlock):
    """The body of a meeting page: programme, background, media, documents and references.

    It offers the blocks of a story and, since a meeting has no field for them,
    a related-stories block (listed with the other references in the picker). It
    is its own class so that a site can narrow or extend one body without
    touching the other.
    """

    related_stories = RelatedStoriesBlock()

    class Meta:
        label = _("Body")


class RelatedStoriesStreamBlock(PrefetchingStreamBlock):
    """A story's "read next" box: at most one related-stories block."""

    related_stories = RelatedStoriesBlock()

    class Meta:
        max_num = 1
        label = _("Related stories")


MEETING_DOCUMENT_KINDS = [
    ("decision", _("Decision")),
    ("declaration", _("Declaration")),
    ("statement", _("Statement")),
    ("report", _("Report")),
    ("agenda", _("Agenda")),
    ("other", _("Other document")),
]

MeetingDocumentKind = Literal["decision", "declaration", "statement", "report", "agenda", "other"]


class MeetingDocumentOut(DownloadOut):
    kind: MeetingDocumentKind
    kind_label: str


class MeetingDocumentBlock(DownloadBlock):
    """A document a meeting adopted or issued, marked with what it is: a decision, a declaration..."""

    kind = blocks.ChoiceBlock(
        choices=MEETING_DOCUMENT_KINDS,
        default="decision",
        label=_("Kind"),
        help_text=_("Final decisions and declarations are listed first."),
    )

    api_schema = MeetingDocumentOut

    @staticmethod
    def kind_for(value: blocks.StructValue) -> str:
        kind = value.get("kind")
        return kind if kind in dict(MEETING_DOCUMENT_KINDS) else "other"

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        values = super().get_template_values(value, prefetch)
        kind = self.kind_for(value)
        values.update(kind=kind, kind_label=dict(MEETING_DOCUMENT_KINDS)[kind])
        return values

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> MeetingDocumentOut:
        kind = self.kind_for(value)
        return MeetingDocumentOut(
            **super().api_value(value, ctx).model_dump(),
            kind=kind,
            kind_label=str(dict(MEETING_DOCUMENT_KINDS)[kind]),
        )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        help_text = _("A decision, declaration or other document of the meeting.")
        template = "wagtail_osce/blocks/meeting_document.html"
        label_format = "{title}"


class MeetingDocumentsBlock(PrefetchingStreamBlock):
    """The documents of a meeting, in the order the editor gives them."""

    document = MeetingDocumentBlock()
    document_list = DocumentListBlock(
        help_text=_(
            "One document in several languages, such as a decision in each official language."
        ),
    )

    class Meta:
        label = _("Documents")
