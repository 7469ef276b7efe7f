"""The public site in a real browser at desktop and phone widths: the menus and the
language switcher on every page, no horizontal scrolling at 390 px, and no axe-core
violation of the WCAG 2.2 AA rules (target size included).

axe-core comes from npm: ``npm ci --prefix tests/browser`` installs it next to this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from wagtail_osce.models import MeetingPage, StoryPage

from .demo import DemoSite

pytestmark = pytest.mark.browser

AXE_PATH = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SEED_STORY_SLUG = "countering-transnational-threats"


def site_paths(site: DemoSite) -> dict[str, str]:
    """The pages a visitor reaches first: home, listings, the seed story (and its
    French translation), a meeting."""
    english = Locale.objects.get(language_code="en")
    story = StoryPage.objects.get(slug=SEED_STORY_SLUG, locale=english)
    french = Locale.objects.get(language_code="fr")
    french_story = StoryPage.objects.filter(
        translation_key=story.translation_key, locale=french
    ).first()
    if french_story is None:
        french_story = story.copy_for_translation(french, copy_parents=True)
        for ancestor in french_story.get_ancestors().filter(depth__gt=2, live=False):
            ancestor.specific.save_revision().publish()
        french_story.save_revision().publish()
    meeting = MeetingPage.objects.get(slug="astana-summit-2010", locale=english)
    return {
        "home": "/",
        "story index": StoryPage.objects.get(pk=story.pk).get_parent().url,
        "story": story.url,
        "story in French": french_story.url,
        "meeting index": meeting.get_parent().url,
        "meeting": meeting.url,
    }


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not AXE_PATH.exists():
        pytest.fail(f"No axe-core at {AXE_PATH}: run `npm ci --prefix tests/browser`.")
    page.add_script_tag(path=str(AXE_PATH))
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the viewport."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_public_pages_have_menus_switcher_no_overflow_and_no_axe_violations(
    osce_site: DemoSite, page: Page, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    problems: list[str] = []
    for name, path in site_paths(osce_site).items():
        page.goto(osce_site.absolute(path))
        menus = page.locator("nav.osce-menus")
        expect(menus.locator("summary")).to_have_count(4)
        expect(page.locator("nav.osce-languages a")).to_have_count(6)
        expect(page.locator("nav.osce-languages a[aria-current]")).to_be_visible()

        # The countries menu opens from the keyboard, without script.
        summary = menus.locator('[data-osce-menu="countries"] summary')
        summary.focus()
        page.keyboard.press("Enter")
        expect(
            menus.locator('[data-osce-menu-group="participating-states"] a').first
        ).to_be_visible()

        if width <= 400 and (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{name}: {overflow} px wider than the viewport with a menu open")
        for violation in axe_violations(page):
            problems.append(f"{name}: {violation['id']} ({violation['help']}) {violation['nodes']}")

        page.keyboard.press("Escape")
        summary.click()
        if width <= 400 and (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{name}: {overflow} px wider than the viewport")
    assert not problems, "\n".join(problems)


def test_filter_controls_are_big_enough_to_tap_on_a_phone(osce_site: DemoSite, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(osce_site.absolute(site_paths(osce_site)["story index"]))
    for control in page.locator(".osce-filters select, .osce-filters button").all():
        box = control.bounding_box()
        assert box is not None and box["height"] >= 24 and box["width"] >= 24
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert horizontal_overflow(page) == 0
    page.keyboard.press("Tab")
    skip = page.locator(".osce-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
