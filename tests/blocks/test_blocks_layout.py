"""Layout blocks: link, call to action and accordion: validation, HTML and API values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page

from tests.blocks.builders import make_document, make_page, struct_errors
from wagtail_osce.blocks.layout import (
    AccordionBlock,
    AccordionOut,
    CallToActionBlock,
    CallToActionOut,
    LinkBlock,
)
from wagtail_osce.representation.links import LinkOut

pytestmark = pytest.mark.django_db


def link(page=None, document=None, url="", text="") -> dict:
    return {"page": page, "document": document, "url": url, "text": text}


# Link -------------------------------------------------------------------------


def test_link_with_one_target_is_valid() -> None:
    block = LinkBlock()
    for value in (
        link(page=make_page("About", "about")),
        link(document=make_document()),
        link(url="https://www.osce.org/"),
    ):
        block.clean(block.normalize(value))


def test_link_without_a_target_is_an_error_on_page() -> None:
    block = LinkBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(link(text="Read more")))
    assert list(struct_errors(excinfo)) == ["page"]


def test_link_with_two_targets_is_an_error_on_the_second() -> None:
    block = LinkBlock()
    page = make_page("About", "about")
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(link(page=page, url="https://www.osce.org/")))
    errors = struct_errors(excinfo)
    assert list(errors) == ["url"]
    assert "page" in errors["url"].messages[0]


def test_link_with_three_targets_is_an_error_on_document_and_url() -> None:
    block = LinkBlock()
    value = link(page=make_page("About", "about"), document=make_document(), url="https://a.org/")
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(value))
    assert set(struct_errors(excinfo)) == {"document", "url"}


def test_link_to_a_page_renders_its_url_and_falls_back_on_its_title() -> None:
    block = LinkBlock()
    html = block.render(block.normalize(link(page=make_page("About the OSCE", "about"))))
    assert html.strip() == '<a class="osce-link osce-link--page" href="/about/">About the OSCE</a>'


def test_link_to_a_page_leads_to_its_translation_in_the_language_being_read(locales) -> None:
    page = make_page("About the OSCE", "about")
    french = page.copy_for_translation(locales["fr"], copy_parents=True)
    french.title = "À propos de l'OSCE"
    french.save_revision().publish()
    block = LinkBlock()
    value = block.normalize(link(page=page))
    with translation.override("fr"):
        data = block.get_api_representation(value)
    assert data["url"] == french.url == "/fr/about/"
    assert data["page"]["id"] == french.pk
    assert data["text"] == "À propos de l'OSCE"


def test_link_to_a_document_renders_its_type_and_size() -> None:
    document = make_document("Factsheet", "factsheet.pdf", size=120 * 1024)
    block = LinkBlock()
    html = block.render(block.normalize(link(document=document, text="Download the factsheet")))
    assert f'href="{document.url}" type="application/pdf">Download the factsheet</a>' in html
    assert "(PDF, 120 KB)" in html


def test_link_api_value_expands_the_page() -> None:
    page = make_page("About the OSCE", "about")
    block = LinkBlock()
    data = block.get_api_representation(block.normalize(link(page=page, text="About us")))
    assert LinkOut.model_validate(data)
    assert data == {
        "kind": "page",
        "url": "/about/",
        "text": "About us",
        "page": {
            "id": page.pk,
            "type": "wagtailcore.Page",
            "title": "About the OSCE",
            "url": "/about/",
        },
        "document": None,
    }


def test_link_api_value_expands_the_document_and_the_url() -> None:
    document = make_document("Factsheet", "factsheet.pdf", size=1000)
    block = LinkBlock()
    data = block.get_api_representation(block.normalize(link(document=document)))
    assert data["kind"] == "document" and data["text"] == "Factsheet"
    assert data["document"]["url"] == document.url == data["url"]
    assert data["document"]["file_size"] == 1000
    data = block.get_api_representation(block.normalize(link(url="https://www.osce.org/")))
    assert data == {
        "kind": "url",
        "url": "https://www.osce.org/",
        "text": "https://www.osce.org/",
        "page": None,
        "document": None,
    }


# Call to action ---------------------------------------------------------------


def cta(**link_kwargs) -> dict:
    return {
        "title": "Work with us",
        "text": "Vacancies in field operations across the region.",
        "button_label": "See vacancies",
        "link": link(**link_kwargs),
    }


def test_call_to_action_with_a_link_is_valid() -> None:
    block = CallToActionBlock()
    block.clean(block.normalize(cta(url="https://jobs.osce.org/")))


def test_call_to_action_without_a_link_target_names_the_link() -> None:
    block = CallToActionBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(cta()))
    errors = struct_errors(excinfo)
    assert list(errors) == ["link"]
    assert list(errors["link"].block_errors) == ["page"]


def test_call_to_action_needs_a_button_label() -> None:
    block = CallToActionBlock()
    value = cta(url="https://jobs.osce.org/")
    value["button_label"] = ""
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(value))
    assert list(struct_errors(excinfo)) == ["button_label"]


def test_call_to_action_renders_a_button_to_the_page() -> None:
    block = CallToActionBlock()
    html = block.render(block.normalize(cta(page=make_page("Jobs", "jobs"))))
    assert '<aside class="osce-cta" aria-label="Work with us">' in html
    assert '<h2 class="osce-cta__title">Work with us</h2>' in html
    assert '<a class="osce-cta__button" href="/jobs/">See vacancies</a>' in html


def test_call_to_action_api_value_uses_the_button_label_as_link_text() -> None:
    block = CallToActionBlock()
    data = block.get_api_representation(block.normalize(cta(url="https://jobs.osce.org/")))
    assert CallToActionOut.model_validate(data)
    assert data["button_label"] == "See vacancies"
    assert data["link"]["kind"] == "url"
    assert data["link"]["url"] == "https://jobs.osce.org/"
    assert data["link"]["text"] == "See vacancies"


# Accordion --------------------------------------------------------------------


def accordion(page_id: int) -> dict:
    return {
        "title": "Frequently asked questions",
        "items": [
            {"title": "Who can observe?", "body": "<p>Experts seconded by States.</p>"},
            {
                "title": "Where?",
                "body": f'<p>See <a linktype="page" id="{page_id}">missions</a>.</p>',
            },
        ],
    }


def test_accordion_with_items_is_valid() -> None:
    block = AccordionBlock()
    block.clean(block.to_python(accordion(make_page("Missions", "missions").pk)))


def test_accordion_needs_an_item() -> None:
    block = AccordionBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"title": "FAQ", "items": []}))
    assert list(struct_errors(excinfo)) == ["items"]


def test_accordion_item_needs_a_title() -> None:
    block = AccordionBlock()
    value = {"title": "", "items": [{"title": "", "body": "<p>Answer</p>"}]}
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(value))
    assert list(struct_errors(excinfo)["items"].block_errors[0].block_errors) == ["title"]


def test_accordion_renders_details_and_summary_with_resolved_links() -> None:
    block = AccordionBlock()
    html = block.render(block.to_python(accordion(make_page("Missions", "missions").pk)))
    assert html.count('<details class="osce-accordion__item">') == 2
    assert '<summary class="osce-accordion__summary">Who can observe?</summary>' in html
    assert '<a href="/missions/">missions</a>' in html


def test_accordion_api_value() -> None:
    block = AccordionBlock()
    data = block.get_api_representation(
        block.to_python(accordion(make_page("Missions", "missions").pk))
    )
    assert AccordionOut.model_validate(data)
    assert data["title"] == "Frequently asked questions"
    missions = Page.objects.get(slug="missions")
    assert data["items"][1] == {
        "title": "Where?",
        "body": {
            "html": f'<p>See <a href="/missions/" data-page-id="{missions.pk}" '
            'data-page-type="wagtailcore.Page" data-locale="en">missions</a>.</p>'
        },
    }
