"""Text blocks: rich text, heading, quote and fact box: validation, HTML and API values.

Also holds the small builders of real pages, images and documents that the other
block test modules import.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.blocks.builders import make_document, make_page, struct_errors
from wagtail_osce.blocks.text import (
    FactBoxBlock,
    FactBoxOut,
    HeadingBlock,
    HeadingOut,
    QuoteBlock,
    QuoteOut,
    RichTextBlock,
)

# Builders shared by the block test modules ------------------------------------


# Rich text --------------------------------------------------------------------


def test_rich_text_offers_the_editorial_features_and_no_blockquote() -> None:
    features = RichTextBlock().features
    for feature in ("h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"):
        assert feature in features
    assert "blockquote" not in features
    assert "h1" not in features


def test_rich_text_is_required_by_default() -> None:
    with pytest.raises(ValidationError):
        RichTextBlock().clean(RichTextBlock().to_python(""))


@pytest.mark.django_db
def test_rich_text_renders_page_and_document_links_as_real_urls() -> None:
    page = make_page("Mission to Skopje", "mission-to-skopje")
    document = make_document("Annual report", "annual-report.pdf")
    block = RichTextBlock()
    value = block.to_python(
        f'<p>See <a linktype="page" id="{page.pk}">the mission</a> and '
        f'<a linktype="document" id="{document.pk}">the report</a>.</p>'
    )
    html = block.render(value)
    assert html.startswith('<div class="osce-rich-text">')
    assert '<a href="/mission-to-skopje/">the mission</a>' in html
    assert f'<a href="{document.url}">the report</a>' in html
    assert document.url.startswith("/documents/")
    assert "linktype" not in html


@pytest.mark.django_db
def test_rich_text_api_value_is_display_html() -> None:
    page = make_page("Field operations", "field-operations")
    block = RichTextBlock()
    value = block.to_python(f'<p><a linktype="page" id="{page.pk}">Field operations</a></p>')
    assert block.get_api_representation(value) == {
        "html": f'<p><a href="/field-operations/" data-page-id="{page.pk}" '
        'data-page-type="wagtailcore.Page" data-locale="en">Field operations</a></p>'
    }


@pytest.mark.django_db
def test_rich_text_link_to_a_deleted_page_keeps_its_text_without_a_target() -> None:
    block = RichTextBlock()
    value = block.to_python('<p><a linktype="page" id="999999">gone</a></p>')
    assert block.get_api_representation(value) == {"html": "<p><a>gone</a></p>"}


# Heading ----------------------------------------------------------------------


def test_heading_accepts_text_level_and_slug_anchor() -> None:
    block = HeadingBlock()
    value = block.clean(
        block.to_python({"text": "Key findings", "level": "h3", "anchor": "findings"})
    )
    assert value["anchor"] == "findings"


def test_heading_rejects_an_anchor_that_is_not_a_slug() -> None:
    block = HeadingBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(
            block.to_python({"text": "Key findings", "level": "h2", "anchor": "key findings!"})
        )
    assert list(struct_errors(excinfo)) == ["anchor"]


def test_heading_rejects_an_unknown_level_and_a_missing_text() -> None:
    block = HeadingBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"text": "", "level": "h1", "anchor": ""}))
    assert set(struct_errors(excinfo)) == {"text", "level"}


def test_heading_renders_at_its_level_with_an_anchor_derived_from_the_text() -> None:
    block = HeadingBlock()
    html = block.render(block.to_python({"text": "Key findings", "level": "h3", "anchor": ""}))
    assert html.strip() == '<h3 class="osce-heading" id="key-findings">Key findings</h3>'


def test_heading_anchor_keeps_cyrillic_letters() -> None:
    block = HeadingBlock()
    value = block.to_python({"text": "Ключевые выводы", "level": "h2", "anchor": ""})
    assert 'id="ключевые-выводы"' in block.render(value)


def test_heading_api_value() -> None:
    block = HeadingBlock()
    data = block.get_api_representation(
        block.to_python({"text": "Mandate", "level": "h2", "anchor": "the-mandate"})
    )
    assert data == {"text": "Mandate", "level": "h2", "anchor": "the-mandate"}
    assert HeadingOut.model_validate(data)
    assert block.api_schema is HeadingOut


# Quote ------------------------------------------------------------------------

QUOTE = {
    "text": "Dialogue is the only way forward.",
    "attribution": "Feridun H. Sinirlioğlu",
    "role": "OSCE Secretary General",
}


def test_quote_accepts_text_attribution_and_role() -> None:
    block = QuoteBlock()
    assert block.clean(block.to_python(QUOTE))["role"] == "OSCE Secretary General"


def test_quote_rejects_a_role_without_attribution() -> None:
    block = QuoteBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({**QUOTE, "attribution": ""}))
    assert list(struct_errors(excinfo)) == ["role"]


def test_quote_requires_its_text() -> None:
    block = QuoteBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({**QUOTE, "text": ""}))
    assert list(struct_errors(excinfo)) == ["text"]


def test_quote_renders_blockquote_and_cite() -> None:
    block = QuoteBlock()
    html = block.render(block.to_python(QUOTE))
    assert "<blockquote" in html and "<p>Dialogue is the only way forward.</p>" in html
    assert '<cite class="osce-quote__name">Feridun H. Sinirlioğlu</cite>' in html
    assert "OSCE Secretary General" in html


def test_quote_api_value_uses_null_for_missing_parts() -> None:
    block = QuoteBlock()
    data = block.get_api_representation(
        block.to_python({"text": "Words.", "attribution": "", "role": ""})
    )
    assert data == {"text": "Words.", "attribution": None, "role": None}
    assert QuoteOut.model_validate(data)


# Fact box ---------------------------------------------------------------------


@pytest.mark.django_db
def test_fact_box_renders_an_aside_with_its_title_and_resolved_body() -> None:
    page = make_page("Mandate", "mandate")
    block = FactBoxBlock()
    value = block.to_python(
        {
            "title": "The mission at a glance",
            "body": f'<p>Established in 1992. <a linktype="page" id="{page.pk}">Mandate</a></p>',
        }
    )
    block.clean(value)
    html = block.render(value)
    assert '<aside class="osce-fact-box" aria-label="The mission at a glance">' in html
    assert '<h2 class="osce-fact-box__title">The mission at a glance</h2>' in html
    assert '<a href="/mandate/">Mandate</a>' in html


def test_fact_box_requires_a_title_and_a_body() -> None:
    block = FactBoxBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"title": "", "body": ""}))
    assert set(struct_errors(excinfo)) == {"title", "body"}


@pytest.mark.django_db
def test_fact_box_api_value_nests_rich_text() -> None:
    block = FactBoxBlock()
    data = block.get_api_representation(
        block.to_python({"title": "Facts", "body": "<p><b>57</b> States</p>"})
    )
    assert data == {"title": "Facts", "body": {"html": "<p><b>57</b> States</p>"}}
    assert FactBoxOut.model_validate(data)
