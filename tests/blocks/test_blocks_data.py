"""Data blocks: key figures, timeline and table: validation, HTML and API values."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlockValidationError
from wagtail_localize.segments import StringSegmentValue

from tests.blocks.builders import make_page, struct_errors
from wagtail_osce.blocks.data import (
    KeyFiguresBlock,
    KeyFiguresOut,
    TableBlock,
    TableOut,
    TimelineBlock,
    TimelineOut,
)

# Key figures ------------------------------------------------------------------

FIGURES = {
    "title": "The OSCE in numbers",
    "figures": [
        {"value": "57", "label": "participating States"},
        {"value": "€138.2m", "label": "Unified Budget 2024"},
    ],
}


def figure_errors(block: KeyFiguresBlock, figures: list[dict]) -> dict:
    """The errors of each failing figure, by index, as child names."""
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"title": "", "figures": figures}))
    list_error = struct_errors(excinfo)["figures"]
    return {index: list(error.block_errors) for index, error in list_error.block_errors.items()}


def test_key_figures_are_valid_with_values_and_labels() -> None:
    block = KeyFiguresBlock()
    block.clean(block.to_python(FIGURES))


def test_key_figure_value_without_label_is_an_error_on_label() -> None:
    block = KeyFiguresBlock()
    figures = [*FIGURES["figures"], {"value": "3", "label": ""}]
    assert figure_errors(block, figures) == {2: ["label"]}


def test_empty_key_figure_is_an_error_on_its_value() -> None:
    block = KeyFiguresBlock()
    assert figure_errors(block, [{"value": "", "label": " "}, *FIGURES["figures"]]) == {
        0: ["value"]
    }


def test_key_figure_label_without_value_is_an_error_on_value() -> None:
    block = KeyFiguresBlock()
    assert figure_errors(block, [{"value": "", "label": "field operations"}]) == {0: ["value"]}


def test_key_figures_need_one_figure() -> None:
    block = KeyFiguresBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"title": "", "figures": []}))
    assert list(struct_errors(excinfo)) == ["figures"]


def test_key_figures_render_as_a_list() -> None:
    block = KeyFiguresBlock()
    html = block.render(block.to_python(FIGURES))
    assert '<ul class="osce-key-figures__list">' in html
    assert '<strong class="osce-key-figures__value">57</strong>' in html
    assert '<span class="osce-key-figures__label">participating States</span>' in html
    assert html.count("<li") == 2


def test_key_figures_api_value() -> None:
    block = KeyFiguresBlock()
    data = block.get_api_representation(block.to_python(FIGURES))
    assert data == FIGURES
    assert KeyFiguresOut.model_validate(data)


# Timeline ---------------------------------------------------------------------

EVENTS = [
    {"date": "1975-08-01", "title": "Helsinki Final Act", "text": "Signed by 35 States."},
    {"date": "1994-12-06", "title": "CSCE becomes the OSCE", "text": ""},
    {"date": "1994-12-06", "title": "Budapest Summit", "text": ""},
]


def test_timeline_in_chronological_order_is_valid() -> None:
    block = TimelineBlock()
    value = block.clean(block.to_python({"title": "History", "events": EVENTS}))
    assert value["events"][0]["date"] == datetime.date(1975, 8, 1)


def test_timeline_out_of_order_names_the_date_of_the_offending_event() -> None:
    block = TimelineBlock()
    events = [EVENTS[1], EVENTS[0], EVENTS[2]]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"title": "History", "events": events}))
    list_error = struct_errors(excinfo)["events"]
    assert list(list_error.block_errors) == [1]
    assert list(list_error.block_errors[1].block_errors) == ["date"]
    assert "chronological" in list_error.block_errors[1].block_errors["date"].messages[0]


def test_timeline_event_needs_a_date_and_title() -> None:
    block = TimelineBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"title": "", "events": [{"date": None, "title": ""}]}))
    event_error = struct_errors(excinfo)["events"].block_errors[0]
    assert set(event_error.block_errors) == {"date", "title"}


def test_timeline_renders_an_ordered_list_with_time_elements() -> None:
    block = TimelineBlock()
    html = block.render(block.to_python({"title": "History", "events": EVENTS}))
    assert '<ol class="osce-timeline__events">' in html
    assert '<time class="osce-timeline__date" datetime="1975-08-01">' in html
    assert "Helsinki Final Act" in html and "<p>Signed by 35 States.</p>" in html
    assert html.count("<li") == 3


def test_timeline_api_value_has_iso_dates() -> None:
    block = TimelineBlock()
    data = block.get_api_representation(block.to_python({"title": "", "events": EVENTS[:2]}))
    assert TimelineOut.model_validate(data)
    assert data == {
        "title": None,
        "events": [
            {"date": "1975-08-01", "title": "Helsinki Final Act", "text": "Signed by 35 States."},
            {"date": "1994-12-06", "title": "CSCE becomes the OSCE", "text": None},
        ],
    }


# Table ------------------------------------------------------------------------


def table_data(page_id: int | None = None, caption: str = "Observers deployed") -> dict:
    note = f'<p>See <a linktype="page" id="{page_id}">report</a></p>' if page_id else "<p>-</p>"
    return {
        "caption": caption,
        "columns": [
            {"type": "text", "heading": "Mission"},
            {"type": "number", "heading": "Observers"},
            {"type": "rich_text", "heading": "Notes"},
        ],
        "rows": [
            {"values": ["Georgia", "350", note]},
            {"values": ["Moldova", "12.5", "<p><b>Short-term</b></p>"]},
        ],
    }


def test_table_with_caption_columns_and_rows_is_valid() -> None:
    block = TableBlock()
    table = block.clean(block.to_python(table_data()))
    assert len(table.row_data) == 2


def test_table_needs_a_caption() -> None:
    block = TableBlock()
    with pytest.raises(TypedTableBlockValidationError) as excinfo:
        block.clean(block.to_python(table_data(caption="")))
    assert "caption" in " ".join(str(e.message) for e in excinfo.value.non_block_errors.as_data())


def test_table_needs_columns_and_rows() -> None:
    block = TableBlock()
    with pytest.raises(TypedTableBlockValidationError) as excinfo:
        block.clean(block.to_python({"caption": "Empty", "columns": [], "rows": []}))
    messages = [str(e.message) for e in excinfo.value.non_block_errors.as_data()]
    assert any("column" in m for m in messages) and any("row" in m for m in messages)


def test_table_reports_the_bad_cell() -> None:
    block = TableBlock()
    table = block.to_python(table_data())
    table.row_data[1]["values"][1] = "many"  # as typed into the editor
    with pytest.raises(TypedTableBlockValidationError) as excinfo:
        block.clean(table)
    assert list(excinfo.value.cell_errors) == [1]
    assert list(excinfo.value.cell_errors[1]) == [1]


@pytest.mark.django_db
def test_table_renders_caption_header_row_and_cells() -> None:
    page = make_page("Report", "report")
    block = TableBlock()
    html = block.render(block.to_python(table_data(page.pk)))
    assert "<caption>Observers deployed</caption>" in html
    assert '<th scope="col">Mission</th>' in html
    assert '<th scope="col">Observers</th>' in html
    assert "<td>Georgia</td>" in html and "<td>350</td>" in html
    assert '<a href="/report/">report</a>' in html


@pytest.mark.django_db
def test_table_api_value_has_typed_cells() -> None:
    page = make_page("Report", "report")
    block = TableBlock()
    data = block.get_api_representation(block.to_python(table_data(page.pk)))
    assert TableOut.model_validate(data)
    assert data["caption"] == "Observers deployed"
    assert data["columns"] == [
        {"type": "text", "heading": "Mission"},
        {"type": "number", "heading": "Observers"},
        {"type": "rich_text", "heading": "Notes"},
    ]
    assert data["rows"] == [
        [
            "Georgia",
            350.0,
            {
                "html": f'<p>See <a href="/report/" data-page-id="{page.pk}" '
                'data-page-type="wagtailcore.Page" data-locale="en">report</a></p>'
            },
        ],
        ["Moldova", 12.5, {"html": "<p><b>Short-term</b></p>"}],
    ]


def test_table_caption_headings_and_cells_are_translatable_with_wagtail_localize() -> None:
    block = TableBlock()
    table = block.to_python(table_data())
    segments = block.get_translatable_segments(table)
    texts = {s.path: s.render_text() for s in segments if isinstance(s, StringSegmentValue)}
    assert texts["caption"] == "Observers deployed"
    assert texts["columns.0.heading"] == "Mission"
    assert texts["rows.0.0"] == "Georgia"
    assert texts["rows.1.2"] == "Short-term"
    assert not any(path.startswith("rows.0.1") for path in texts), "numbers are not text"

    french = {
        "Observers deployed": "Observateurs déployés",
        "Mission": "Mission",
        "Georgia": "Géorgie",
        "Short-term": "Courte durée",
    }
    translated = [
        StringSegmentValue(s.path, french[s.render_text()])
        if isinstance(s, StringSegmentValue) and s.render_text() in french
        else s
        for s in segments
    ]
    result = block.restore_translated_segments(table, translated)
    assert result.caption == "Observateurs déployés"
    assert result.row_data[0]["values"][0] == "Géorgie"
    assert result.row_data[1]["values"][2].source == "<p><b>Courte durée</b></p>"
    assert result.row_data[0]["values"][1] == table.row_data[0]["values"][1]
    assert table.caption == "Observers deployed", "the source table is left as it was"
