"""Data blocks: key figures, a timeline of events and a typed table."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import (
    TypedTable,
    TypedTableBlock,
    TypedTableBlockValidationError,
)

from wagtail_osce.blocks.base import BlockContext, RepresentedBlock
from wagtail_osce.blocks.prefetch import PREFETCH_CONTEXT_KEY, get_prefetch
from wagtail_osce.blocks.text import (
    OsceStructBlock,
    RichTextBlock,
    SynchronisedChildrenMixin,
    blank,
    or_none,
)
from wagtail_osce.representation.links import RichTextOut

__all__ = [
    "KeyFigureBlock",
    "KeyFigureOut",
    "KeyFiguresBlock",
    "KeyFiguresOut",
    "TableBlock",
    "TableColumnOut",
    "TableOut",
    "TimelineBlock",
    "TimelineEventBlock",
    "TimelineEventOut",
    "TimelineOut",
]


class KeyFigureOut(BaseModel):
    """A figure as it should read, and what it counts."""

    value: str
    label: str


class KeyFiguresOut(BaseModel):
    """Numbers that sum up a story at a glance."""

    title: str | None
    figures: list[KeyFigureOut]


class KeyFigureBlock(SynchronisedChildrenMixin, OsceStructBlock):
    """One figure and what it counts, e.g. "57" and "participating States"."""

    # The figure is the same in every language; only its label is translated.
    synchronised_children = ("value",)

    value = blocks.CharBlock(
        required=False,
        max_length=30,
        label=_("Figure"),
        help_text=_("The number as it should read, e.g. 57, 1,200 km or €138.2m."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Label"),
        help_text=_("What the figure counts, e.g. participating States."),
    )

    api_schema = KeyFigureOut

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        if self.is_deferred_validation:
            return {}
        has_value, has_label = not blank(value.get("value")), not blank(value.get("label"))
        if not has_value and not has_label:
            return {
                "value": ValidationError(
                    _("Enter a figure and its label, or remove this item."), code="empty_figure"
                )
            }
        if not has_label:
            return {
                "label": ValidationError(
                    _("Say what this figure counts."), code="figure_without_label"
                )
            }
        if not has_value:
            return {
                "value": ValidationError(_("Enter the figure for this label."), code="required")
            }
        return {}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> KeyFigureOut:
        return KeyFigureOut(
            value=(value.get("value") or "").strip(), label=(value.get("label") or "").strip()
        )

    class Meta:
        icon = "decimal"
        label = _("Key figure")
        label_format = "{value} {label}"


class KeyFiguresBlock(OsceStructBlock):
    """A few numbers that sum up a story or an operation at a glance."""

    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, label=_("Figures"))

    api_schema = KeyFiguresOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> KeyFiguresOut:
        figure_block = self.child_blocks["figures"].child_block
        return KeyFiguresOut(
            title=or_none(value.get("title")),
            figures=[figure_block.api_value(item, ctx) for item in value.get("figures") or []],
        )

    class Meta:
        group = _("Data")
        icon = "decimal"
        label = _("Key figures")
        help_text = _("Numbers that sum up the story at a glance, each with a label.")
        template = "wagtail_osce/blocks/key_figures.html"
        label_format = "{title}"


class TimelineEventOut(BaseModel):
    """One dated event."""

    date: datetime.date
    title: str
    text: str | None


class TimelineOut(BaseModel):
    """Dated events, oldest first."""

    title: str | None
    events: list[TimelineEventOut]


class TimelineEventBlock(OsceStructBlock):
    """One dated event of a timeline."""

    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))

    api_schema = TimelineEventOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> TimelineEventOut:
        return TimelineEventOut(
            date=value.get("date"), title=value.get("title") or "", text=or_none(value.get("text"))
        )

    class Meta:
        icon = "date"
        label = _("Event")
        label_format = "{date} {title}"


class TimelineBlock(OsceStructBlock):
    """Dated events in chronological order, such as the history of a field operation."""

    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))
    events = blocks.ListBlock(TimelineEventBlock(), min_num=1, label=_("Events"))

    api_schema = TimelineOut

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        previous: datetime.date | None = None
        for index, event in enumerate(value.get("events") or []):
            date = event.get("date")
            if not isinstance(date, datetime.date):
                continue
            if previous is not None and date < previous:
                error = StructBlockValidationError(
                    block_errors={
                        "date": ValidationError(
                            _(
                                "Events must be in chronological order: this date is "
                                "before the one of the event above."
                            ),
                            code="chronology",
                        )
                    }
                )
                return {"events": ListBlockValidationError(block_errors={index: error})}
            previous = date
        return {}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> TimelineOut:
        event_block = self.child_blocks["events"].child_block
        return TimelineOut(
            title=or_none(value.get("title")),
            events=[event_block.api_value(item, ctx) for item in value.get("events") or []],
        )

    class Meta:
        group = _("Data")
        icon = "calendar"
        label = _("Timeline")
        help_text = _("Dated events, oldest first.")
        template = "wagtail_osce/blocks/timeline.html"
        label_format = "{title}"


TableCell = str | float | RichTextOut | None


class TableColumnOut(BaseModel):
    """A column: the type of its cells and its heading."""

    type: Literal["text", "number", "rich_text"]
    heading: str


class TableOut(BaseModel):
    """A data table: rows of cells typed by their column (text, number, rich text as HTML)."""

    caption: str
    columns: list[TableColumnOut]
    rows: list[list[TableCell]]


class TableBlock(RepresentedBlock, TypedTableBlock):
    """A data table with typed columns; the column headings form its header row.

    Built on Wagtail's TypedTableBlock (``wagtail.contrib.typed_table_block`` must
    be in ``INSTALLED_APPS`` for its editor), because typed cells give frontends
    numbers as numbers and rich text as HTML rather than a grid of strings.
    """

    text = blocks.CharBlock(required=False, label=_("Text"))
    number = blocks.DecimalBlock(required=False, label=_("Number"))
    rich_text = RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "document-link"],
        label=_("Rich text"),
    )

    api_schema: ClassVar[type[BaseModel]] = TableOut

    def clean(self, table: Any) -> TypedTable:
        table = self.normalize(table)
        cell_errors = None
        try:
            cleaned = super().clean(table)
        except TypedTableBlockValidationError as error:
            cell_errors = error.cell_errors
            cleaned = table
        problems = []
        if not self.is_deferred_validation:
            if blank(cleaned.caption):
                problems.append(
                    ValidationError(
                        _("Add a caption: it tells screen reader users what the table shows."),
                        code="caption_required",
                    )
                )
            if not cleaned.columns:
                problems.append(ValidationError(_("Add at least one column."), code="no_columns"))
            if not cleaned.row_data:
                problems.append(ValidationError(_("Add at least one row."), code="no_rows"))
        if cell_errors or problems:
            raise TypedTableBlockValidationError(cell_errors=cell_errors, non_block_errors=problems)
        return cleaned

    def get_context(
        self, value: TypedTable, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        prefetch = get_prefetch(parent_context, self, value)
        context = super().get_context(value, parent_context=parent_context)
        context[PREFETCH_CONTEXT_KEY] = prefetch
        context["has_headings"] = any((column["heading"] or "").strip() for column in value.columns)
        return context

    def _cell(self, block: blocks.Block, cell: Any, ctx: BlockContext) -> TableCell:
        if isinstance(block, RichTextBlock):
            return block.api_value(block.normalize(cell), ctx) if cell else None
        if isinstance(cell, Decimal):
            return float(cell)
        return cell if cell not in ("", None) else None

    def api_value(self, value: TypedTable, ctx: BlockContext) -> TableOut:
        table = self.normalize(value)
        return TableOut(
            caption=table.caption or "",
            columns=[
                TableColumnOut(type=column["block"].name, heading=column["heading"] or "")
                for column in table.columns
            ],
            rows=[
                [
                    self._cell(column["block"], cell, ctx)
                    for column, cell in zip(table.columns, row["values"], strict=False)
                ]
                for row in table.row_data
            ],
        )

    # wagtail-localize skips block types it does not know; these two methods make the
    # caption, the headings and the text of text and rich-text cells translatable.

    def get_translatable_segments(self, value: TypedTable) -> list[Any]:
        """Segments for wagtail-localize: ``caption``, ``columns.<i>.heading``, ``rows.<r>.<c>``."""
        from wagtail_localize.segments import StringSegmentValue
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        table = self.normalize(value)
        extractor = StreamFieldSegmentExtractor(field=None)
        segments = []
        if not blank(table.caption):
            segments.append(StringSegmentValue("caption", table.caption))
        for index, column in enumerate(table.columns):
            if not blank(column["heading"]):
                segments.append(
                    StringSegmentValue("heading", column["heading"])
                    .wrap(str(index))
                    .wrap("columns")
                )
        for row_index, row in enumerate(table.row_data):
            for col_index, (column, cell) in enumerate(
                zip(table.columns, row["values"], strict=False)
            ):
                if blank(cell) or not cell:
                    continue
                segments.extend(
                    segment.wrap(str(col_index)).wrap(str(row_index)).wrap("rows")
                    for segment in extractor.handle_block(column["block"], cell)
                )
        return segments

    def restore_translated_segments(self, value: TypedTable, segments: list[Any]) -> TypedTable:
        """Put wagtail-localize's translated segments back into a copy of the table."""
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        source = self.normalize(value)
        table = TypedTable(
            columns=[dict(column) for column in source.columns],
            row_data=[{"values": list(row["values"])} for row in source.row_data],
            caption=source.caption,
        )
        writer = StreamFieldSegmentsWriter(field=None, src_locale=None, tgt_locale=None)
        cells: dict[tuple[int, int], list[Any]] = {}
        for segment in segments:
            part, rest = segment.unwrap()
            if part == "caption":
                table.caption = rest.render_text()
            elif part == "columns":
                index, rest = rest.unwrap()
                table.columns[int(index)]["heading"] = rest.unwrap()[1].render_text()
            elif part == "rows":
                row_index, rest = rest.unwrap()
                col_index, rest = rest.unwrap()
                cells.setdefault((int(row_index), int(col_index)), []).append(rest)
        for (row_index, col_index), cell_segments in cells.items():
            values = table.row_data[row_index]["values"]
            values[col_index] = writer.handle_block(
                table.columns[col_index]["block"], values[col_index], cell_segments
            )
        return table

    class Meta:
        group = _("Data")
        icon = "table"
        label = _("Table")
        help_text = _("A data table with a caption; column headings form the header row.")
        template = "wagtail_osce/blocks/table.html"
