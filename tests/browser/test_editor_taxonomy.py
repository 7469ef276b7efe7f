"""An editor picks two fields of work for a story by typing in the taxonomy chooser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from wagtail_osce.models import StoryPage

from .admin_ui import log_in
from .demo import EDITOR_PASSWORD, EDITOR_USERNAME, DemoSite


@pytest.mark.browser
def test_editor_picks_two_fields_of_work_by_typing(osce_site: DemoSite, page: Page) -> None:
    story = StoryPage(title="Cyber security and gender", slug="cyber-security-and-gender")
    osce_site.story_index.add_child(instance=story)
    story.save_revision().publish()
    log_in(page, osce_site.url, EDITOR_USERNAME, EDITOR_PASSWORD)
    page.goto(osce_site.absolute(f"/admin/pages/{story.pk}/edit/"))
    page.get_by_role("tab", name="Taxonomy").click()

    search = page.get_by_role("searchbox", name="Type to find").nth(1)  # fields of work
    chooser = page.locator("[data-osce-taxonomy-chooser]").nth(1)

    search.fill("gender")
    options = chooser.locator(".osce-taxonomy-chooser__options label").filter(visible=True)
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Gender equality")
    options.first.click()

    # Enter ticks the only match left and clears the box.
    search.fill("cyber")
    expect(
        chooser.locator(".osce-taxonomy-chooser__options label").filter(visible=True)
    ).to_have_count(1)
    search.press("Enter")
    expect(search).to_have_value("")
    expect(chooser.locator("[data-osce-taxonomy-chosen]")).to_contain_text("Gender equality")

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile("has been updated")).first).to_be_visible()
    latest = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    chosen = {field.slug for field in latest.fields_of_work.all()}
    assert chosen == {"gender-equality", "cyber-ict-security"}
