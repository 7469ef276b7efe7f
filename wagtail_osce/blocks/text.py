"""Text blocks: rich text, headings with anchors, quotes and fact boxes."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from wagtail import blocks
from wagtail.rich_text import RichText

from wagtail_osce.blocks.base import BlockContext, OsceStructBlock, RepresentedBlock, blank, or_none
from wagtail_osce.blocks.prefetch import PREFETCH_CONTEXT_KEY, StreamPrefetch, get_prefetch
from wagtail_osce.representation.links import RichTextOut

__all__ = [
    "RICH_TEXT_FEATURES",
    "FactBoxBlock",
    "FactBoxOut",
    "HeadingBlock",
    "HeadingOut",
    "QuoteBlock",
    "QuoteOut",
    "RichTextBlock",
    "SynchronisedChildrenMixin",
]

#: What an editor may use in body text: three heading levels, emphasis, lists,
#: links to pages, documents and other sites, and rules. No blockquote: quotes
#: have their own block with attribution.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


RICH_TEXT_HELP = _(
    "Paragraphs with headings, lists, bold, italic and links to pages and documents."
)


class SynchronisedChildrenMixin:
    """Tells wagtail-localize which children of a struct block keep the source's value.

    The children named in ``synchronised_children`` (a key figure's value, a
    heading's anchor) are offered as overridable values, not as text to translate;
    the other children are translated as wagtail-localize translates any struct
    block. For struct blocks without list children: wagtail-localize hands
    ``get_translatable_segments`` no stored data, which list items need for their ids.
    """

    synchronised_children: ClassVar[tuple[str, ...]] = ()

    def get_translatable_segments(self, value: blocks.StructValue) -> list[Any]:
        from wagtail_localize.segments import OverridableSegmentValue
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        extractor = StreamFieldSegmentExtractor(field=None, include_overridables=True)
        segments: list[Any] = []
        for name, child in self.child_blocks.items():
            child_value = value.get(name)
            if name in self.synchronised_children:
                if not blank(child_value):
                    segments.append(OverridableSegmentValue(name, child_value))
                continue
            segments.extend(
                segment.wrap(name) for segment in extractor.handle_block(child, child_value)
            )
        return segments

    def restore_translated_segments(
        self, value: blocks.StructValue, segments: list[Any]
    ) -> blocks.StructValue:
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        writer = StreamFieldSegmentsWriter(field=None, src_locale=None, tgt_locale=None)
        return writer.handle_struct_block(value, segments)


class RichTextBlock(RepresentedBlock, blocks.RichTextBlock):
    """Body text with the package's editor features; display HTML resolved from the prefetch."""

    api_schema: ClassVar[type[BaseModel]] = RichTextOut

    def __init__(
        self,
        required: bool = True,
        help_text: str | None = None,
        editor: str = "default",
        features: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            required=required,
            help_text=help_text if help_text is not None else RICH_TEXT_HELP,
            editor=editor,
            features=features if features is not None else list(RICH_TEXT_FEATURES),
            **kwargs,
        )

    def rich_text_html(
        self, value: RichText | str | None, prefetch: StreamPrefetch, *, annotate: bool = False
    ) -> str:
        source = value.source if isinstance(value, RichText) else (value or "")
        return prefetch.rich_text_html(source, annotate=annotate)

    def get_context(
        self, value: RichText, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        prefetch = get_prefetch(parent_context, self, value)
        context = super().get_context(value, parent_context=parent_context)
        context[PREFETCH_CONTEXT_KEY] = prefetch
        context["html"] = self.rich_text_html(value, prefetch)
        return context

    def api_value(self, value: RichText, ctx: BlockContext) -> RichTextOut:
        return RichTextOut(html=self.rich_text_html(value, ctx.prefetch, annotate=True))

    class Meta:
        group = _("Text")
        icon = "pilcrow"
        label = _("Text")
        template = "wagtail_osce/blocks/rich_text.html"


#: Where a stream's prefetch keeps the anchors of its headings.
ANCHORS_KEY = "osce_heading_anchors"
USED_ANCHORS_KEY = "osce_heading_anchors_used"

HEADING_LEVELS = [("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))]


class HeadingOut(BaseModel):
    """A section heading; ``anchor`` is the id to link to, derived from the text when not given."""

    text: str
    level: Literal["h2", "h3", "h4"]
    anchor: str


class HeadingBlock(SynchronisedChildrenMixin, OsceStructBlock):
    """A section heading that other pages and a table of contents can link to."""

    # Links to #anchor keep working in every translation.
    synchronised_children = ("anchor",)

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        label=_("Level"),
        help_text=_("Level 2 for sections, 3 and 4 for subsections."),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Anchor"),
        help_text=_(
            "The part of a link to this heading after #, e.g. key-findings. "
            "Leave empty to derive it from the text."
        ),
    )

    api_schema = HeadingOut

    @staticmethod
    def anchor_for(value: blocks.StructValue | dict[str, Any]) -> str:
        """The anchor as given, or derived from the text (letters of any script kept)."""
        anchor = (value.get("anchor") or "").strip()
        return anchor or slugify(value.get("text") or "", allow_unicode=True) or "section"

    @staticmethod
    def level_for(value: blocks.StructValue | dict[str, Any]) -> str:
        level = value.get("level")
        return level if level in dict(HEADING_LEVELS) else "h2"

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        anchor = (value.get("anchor") or "").strip()
        if anchor:
            try:
                validate_unicode_slug(anchor)
            except ValidationError:
                return {
                    "anchor": ValidationError(
                        _(
                            "Use only letters, numbers, hyphens and underscores, "
                            "without spaces, e.g. key-findings."
                        ),
                        code="invalid_anchor",
                    )
                }
        return {}

    def prefetch_collect(self, value: blocks.StructValue, prefetch: StreamPrefetch) -> None:
        """Give each heading of the stream its own anchor: a second "Background" gets
        "background-2", so links and a table of contents reach the right one."""
        anchors = prefetch.extra.setdefault(ANCHORS_KEY, {})
        # The anchors given so far, kept beside them: a long body checks each in constant time.
        used = prefetch.extra.setdefault(USED_ANCHORS_KEY, set())
        base = anchor = self.anchor_for(value)
        suffix = 2
        while anchor in used:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        # The value is kept with its anchor, so its id() is not reused while stored.
        anchors[id(value)] = (value, anchor)
        used.add(anchor)

    def unique_anchor(self, value: blocks.StructValue, prefetch: StreamPrefetch) -> str:
        stored = prefetch.extra.get(ANCHORS_KEY, {}).get(id(value))
        return stored[1] if stored and stored[0] is value else self.anchor_for(value)

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        return {"anchor": self.unique_anchor(value, prefetch), "level": self.level_for(value)}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> HeadingOut:
        return HeadingOut(
            text=value.get("text") or "",
            level=self.level_for(value),
            anchor=self.unique_anchor(value, ctx.prefetch),
        )

    class Meta:
        group = _("Text")
        icon = "title"
        label = _("Heading")
        help_text = _("A section heading with an anchor that links can point to.")
        template = "wagtail_osce/blocks/heading.html"
        label_format = "{text}"


class QuoteOut(BaseModel):
    """A quotation with who said it and their role."""

    text: str
    attribution: str | None
    role: str | None


class QuoteBlock(OsceStructBlock):
    """A quotation with the person who said it and their role."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Attribution"),
        help_text=_("Who said or wrote it, e.g. Helga Maria Schmid."),
    )
    role = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Role"),
        help_text=_("Their function, e.g. OSCE Secretary General."),
    )

    api_schema = QuoteOut

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        if not blank(value.get("role")) and blank(value.get("attribution")):
            return {
                "role": ValidationError(
                    _("A role needs a name: fill in the attribution, or clear the role."),
                    code="role_without_attribution",
                )
            }
        return {}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> QuoteOut:
        return QuoteOut(
            text=value.get("text") or "",
            attribution=or_none(value.get("attribution")),
            role=or_none(value.get("role")),
        )

    class Meta:
        group = _("Text")
        icon = "openquote"
        label = _("Quote")
        help_text = _("A quotation, with the name and role of who said it.")
        template = "wagtail_osce/blocks/quote.html"
        label_format = "{text}"


class FactBoxOut(BaseModel):
    """Background facts set apart from the story."""

    title: str
    body: RichTextOut


class FactBoxBlock(OsceStructBlock):
    """Background facts set apart from the story, such as a mandate or key dates."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    body = RichTextBlock(label=_("Body"))

    api_schema = FactBoxOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> FactBoxOut:
        body_block = self.child_blocks["body"]
        return FactBoxOut(
            title=value.get("title") or "",
            body=body_block.api_value(body_block.normalize(value.get("body")), ctx),
        )

    class Meta:
        group = _("Text")
        icon = "info-circle"
        label = _("Fact box")
        help_text = _("Background facts shown in a box beside the story.")
        template = "wagtail_osce/blocks/fact_box.html"
        label_format = "{title}"
