"""An editor writes a story in the admin, previews it and publishes it; readers and the API see it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .admin_ui import choose_in_modal, insert_block, log_in, publish, type_rich_text
from .demo import EDITOR_PASSWORD, EDITOR_USERNAME, LIBRARY_IMAGE_TITLE, DemoSite, get_json

TITLE = "Border police in Albania train for mountain rescue"
LEAD = "Forty officers spent a week in the mountains near Kukës."
HEADING = "Rescue at altitude"
ALT_TEXT = "Officers at a mountain border crossing"
CTA_TITLE = "Join the next course"
CTA_BUTTON = "Apply now"
CTA_URL = "https://example.org/apply"


def write_story(page: Page, site: DemoSite) -> None:
    """Open the story form from the index's listing and fill in every part of the story."""
    page.goto(site.absolute(f"/admin/pages/{site.story_index.pk}/"))
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.get_by_role("heading", name="New: Story")).to_be_visible()

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Lead", exact=True).fill(LEAD)

    heading = insert_block(page, "body", "Heading")
    heading.get_by_role("textbox", name="Text*").fill(HEADING)

    text = insert_block(page, "body", "Text")
    type_rich_text(
        text, ("Forty officers completed ", False), ("a week of training", True), (".", False)
    )

    image = insert_block(page, "body", "Image")
    choose_in_modal(
        page,
        image.get_by_role("button", name="Choose an image"),
        LIBRARY_IMAGE_TITLE,
        search="Border crossing",
    )
    expect(image.get_by_text(LIBRARY_IMAGE_TITLE)).to_be_visible()
    image.get_by_role("textbox", name="Alt text").fill(ALT_TEXT)

    states = insert_block(page, "body", "Participating States")
    choose_in_modal(
        page,
        states.get_by_role("button", name="Choose participating State"),
        "Albania",
        search="Albania",
    )
    expect(states.get_by_text("Albania", exact=True)).to_be_visible()

    cta = insert_block(page, "body", "Call to action")
    cta.get_by_role("textbox", name="Title*").fill(CTA_TITLE)
    cta.get_by_role("textbox", name="Button label*").fill(CTA_BUTTON)
    cta.get_by_role("textbox", name="External URL").fill(CTA_URL)

    page.get_by_role("tab", name="Taxonomy").click()
    page.get_by_role("region", name="Sources").get_by_label("OSCE Presence in Albania").check()
    page.get_by_role("region", name="Fields of work").get_by_label("Border management").check()
    page.get_by_role("tab", name="Content").click()


def check_preview(page: Page) -> None:
    """The live preview panel renders the unsaved story as the site will."""
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail swaps in a freshly loaded iframe on each refresh; the shown one keeps this id.
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(preview.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(preview.get_by_role("img", name=ALT_TEXT)).to_be_attached()
    expect(preview.get_by_role("link", name=CTA_BUTTON)).to_have_attribute("href", CTA_URL)
    page.get_by_role("button", name="Toggle preview").click()


@pytest.mark.browser
def test_editor_creates_previews_and_publishes_a_story(osce_site: DemoSite, page: Page) -> None:
    log_in(page, osce_site.url, EDITOR_USERNAME, EDITOR_PASSWORD)
    write_story(page, osce_site)
    check_preview(page)
    publish(page)

    # Back in the section's listing, the admin confirms and lists the story as live.
    expect(page).to_have_url(re.compile(rf"/admin/pages/{osce_site.story_index.pk}/"))
    # "created and published" when autosave had not stored a draft yet, else "has been published".
    published = re.compile(rf"Page '{re.escape(TITLE)}' (has been|created and) published\.")
    expect(page.get_by_text(published)).to_be_visible()
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(re.compile(r"\blive\b", re.IGNORECASE))

    # The API lists it with its taxonomy, and gives every block ready to render.
    listing = get_json(page, osce_site, "/api/osce/stories?field=border-management")
    summary = next((s for s in listing["results"] if s["title"] == TITLE), None)
    assert summary is not None, [s["title"] for s in listing["results"]]
    assert summary["lead"] == LEAD
    assert [s["slug"] for s in summary["sources"]] == ["presence-in-albania"]
    assert [f["slug"] for f in summary["fields_of_work"]] == ["border-management"]

    detail = get_json(page, osce_site, summary["api_url"])
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    assert [block["type"] for block in detail["body"]] == [
        "heading",
        "rich_text",
        "image",
        "states",
        "call_to_action",
    ]
    assert blocks["heading"]["text"] == HEADING
    assert "<b>a week of training</b>" in blocks["rich_text"]["html"]
    assert blocks["image"]["image"]["title"] == LIBRARY_IMAGE_TITLE
    assert blocks["image"]["image"]["alt"] == ALT_TEXT
    assert blocks["image"]["image"]["renditions"], "no renditions in the image block"
    assert [s["name"] for s in blocks["states"]["states"]] == ["Albania"]
    assert blocks["call_to_action"]["button_label"] == CTA_BUTTON
    assert blocks["call_to_action"]["link"]["url"] == CTA_URL

    # A reader sees the published page.
    page.goto(osce_site.absolute(summary["url"]))
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text(LEAD)).to_be_visible()
    expect(page.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(page.locator("b, strong").filter(has_text="a week of training")).to_be_visible()
    expect(page.get_by_role("img", name=ALT_TEXT)).to_be_attached()
    expect(page.get_by_role("region", name="Participating States")).to_contain_text("Albania")
    expect(page.get_by_role("link", name="OSCE Presence in Albania")).to_be_visible()
    expect(page.get_by_role("link", name="Border management")).to_be_visible()
    expect(page.get_by_role("link", name=CTA_BUTTON)).to_have_attribute("href", CTA_URL)
