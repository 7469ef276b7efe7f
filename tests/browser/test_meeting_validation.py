"""A meeting whose end precedes its start is refused with an error on its end, and not saved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from wagtail_osce.models import MeetingPage

from .admin_ui import log_in
from .demo import EDITOR_PASSWORD, EDITOR_USERNAME, DemoSite

TITLE = "Informal Ministerial meeting in Valletta"
END_BEFORE_START = "The meeting cannot end before it starts."


def field_wrapper(page: Page, input_name: str) -> Locator:
    """The admin's wrapper around one field: its label, help, errors and input."""
    return page.locator("[data-field-wrapper]").filter(
        has=page.get_by_role("textbox", name=input_name, exact=True)
    )


@pytest.mark.browser
def test_meeting_ending_before_it_starts_shows_the_error_and_is_not_saved(
    osce_site: DemoSite, page: Page
) -> None:
    log_in(page, osce_site.url, EDITOR_USERNAME, EDITOR_PASSWORD)
    listing = f"/admin/pages/{osce_site.meeting_index.pk}/"
    page.goto(osce_site.absolute(listing))
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.get_by_role("heading", name="New: Meeting")).to_be_visible()

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Start*", exact=True).fill("2027-03-11 10:00")
    page.get_by_role("textbox", name="End*", exact=True).fill("2027-03-10 18:00")
    page.keyboard.press("Escape")  # close the date picker
    page.get_by_role("button", name="Save draft").click()

    expect(
        page.get_by_text("The page could not be created due to validation errors")
    ).to_be_visible()
    expect(field_wrapper(page, "End*")).to_contain_text(END_BEFORE_START)
    expect(field_wrapper(page, "Start*")).not_to_contain_text(END_BEFORE_START)
    # The form keeps what the editor typed, so it can be corrected.
    expect(page.get_by_role("textbox", name="Title*")).to_have_value(TITLE)
    expect(page.get_by_role("textbox", name="End*", exact=True)).to_have_value("2027-03-10 18:00")

    # Nothing was saved, not even a draft.
    page.goto(osce_site.absolute(listing))
    expect(page.get_by_role("heading", name=osce_site.meeting_index.title)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(re.escape(TITLE)))).to_have_count(0)
    assert not MeetingPage.objects.filter(title=TITLE).exists()
