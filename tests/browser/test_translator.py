"""A translator translates a published story into French with wagtail-localize and publishes it."""

from __future__ import annotations

import re
import uuid

import pytest
from home.demo_translations import FRENCH
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from wagtail_osce.models import FieldOfWork, ParticipatingState, StoryPage, Structure

from .admin_ui import log_in
from .demo import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    TRANSLATOR_PASSWORD,
    TRANSLATOR_USERNAME,
    DemoSite,
    get_json,
)

#: The English source and what the translator types for each segment, in the editor's order.
TRANSLATIONS = {
    "Border police in Albania train for mountain rescue": (
        "La police des frontières albanaise se forme au secours en montagne"
    ),
    "Forty officers spent a week in the mountains near Kukës.": (
        "Quarante agents ont passé une semaine dans les montagnes près de Kukës."
    ),
    "Rescue at altitude": "Secours en altitude",
    "The course ended with <b>a joint exercise</b> at the border.": (
        "Le cours s'est terminé par <b>un exercice commun</b> à la frontière."
    ),
    "Officers at a mountain border crossing": "Des agents à un poste-frontière de montagne",
    "Join the next course": "Inscrivez-vous au prochain cours",
    "Apply now": "Postuler",
}
FRENCH_SLUG = "police-des-frontieres-secours-en-montagne"


def english_story(site: DemoSite) -> StoryPage:
    """A published English story with a heading, rich text, an image, a State and a call to action."""
    english = Locale.get_default()
    story = StoryPage(
        title="Border police in Albania train for mountain rescue",
        slug="border-police-in-albania-train-for-mountain-rescue",
        lead="Forty officers spent a week in the mountains near Kukës.",
        locale=english,
        body=[
            {
                "type": "heading",
                "value": {"text": "Rescue at altitude", "level": "h2", "anchor": ""},
            },
            {
                "type": "rich_text",
                "value": "<p>The course ended with <b>a joint exercise</b> at the border.</p>",
            },
            {
                "type": "image",
                "value": {
                    "image": site.image.pk,
                    "alt_text": "Officers at a mountain border crossing",
                    "decorative": False,
                    "caption": "",
                    "credit": "",
                },
            },
            {
                "type": "states",
                "value": {
                    "heading": "",
                    # List items with ids, as the admin saves them: wagtail-localize
                    # addresses each item's segment by its id.
                    "states": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid4()),
                            "value": ParticipatingState.objects.get(
                                locale=english, iso_code="AL"
                            ).pk,
                        }
                    ],
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Join the next course",
                    "text": "",
                    "button_label": "Apply now",
                    "link": {
                        "page": None,
                        "document": None,
                        "url": "https://example.org/apply",
                        "text": "",
                    },
                },
            },
        ],
    )
    story.sources = [Structure.objects.get(locale=english, slug="presence-in-albania")]
    story.fields_of_work = [FieldOfWork.objects.get(locale=english, slug="border-management")]
    site.story_index.add_child(instance=story)
    story.save_revision().publish()
    return story


def translate_visible_segments(page: Page) -> None:
    """Translate, one after another, every segment of the open tab that still needs it."""
    pending = page.locator("li:has(> p)").filter(
        has=page.get_by_role("button", name="Translate", exact=True)
    )
    while (segment := pending.filter(visible=True).first).count():
        source = segment.locator("> p").inner_text()
        assert source in TRANSLATIONS, f"no French for the segment {source!r}"
        segment.get_by_role("button", name="Translate", exact=True).click()
        editing = page.locator("li:has(> p)").filter(has=page.locator("textarea"))
        editing.locator("textarea").fill(TRANSLATIONS[source])
        editing.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator("textarea")).to_have_count(0)


def explore_row(page: Page, text: str) -> None:
    """In the page explorer, open the children of the row showing ``text``."""
    row = page.get_by_role("row").filter(has_text=text)
    row.get_by_role("link", name=re.compile("^Explore child pages")).click()
    expect(page.get_by_role("row").first).to_be_visible()


@pytest.mark.browser
def test_translator_translates_a_story_into_french_and_publishes_it(
    osce_site: DemoSite, page: Page
) -> None:
    story = english_story(osce_site)

    # The editor asks for a French translation from the story's action menu.
    log_in(page, osce_site.url, EDITOR_USERNAME, EDITOR_PASSWORD)
    page.goto(osce_site.absolute(f"/admin/pages/{story.pk}/edit/"))
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role(
        "button", name="Actions"
    ).click()
    page.get_by_role("link", name="Translate this page").click()
    expect(page.get_by_role("heading", name=re.compile("Translate page"))).to_be_visible()
    page.get_by_label("French").check()
    page.get_by_role("button", name="Submit").click()
    expect(
        page.get_by_text("was successfully submitted for translation into French")
    ).to_be_visible()

    # The translator signs in instead and finds the French draft in the French tree.
    # Leave the admin first: a request of its page still in flight after the cookies are
    # cleared would set a new CSRF cookie behind the login form's token.
    page.goto("about:blank")
    page.context.clear_cookies()
    log_in(page, osce_site.url, TRANSLATOR_USERNAME, TRANSLATOR_PASSWORD)
    page.goto(osce_site.absolute("/admin/pages/"))
    explore_row(page, "French")
    # The demo ships the story index translated into French.
    explore_row(page, FRENCH.get(osce_site.story_index.title, osce_site.story_index.title))
    page.get_by_role("row").filter(has_text=story.title).get_by_role(
        "link", name=story.title
    ).first.click()

    # wagtail-localize's editor: every text segment, then the French slug.
    expect(page.get_by_text("English to French translation").first).to_be_visible()
    translate_visible_segments(page)
    page.get_by_role("tab", name="Promote").click()
    slug = page.locator("li:has(> p)").filter(has_text=story.slug)
    slug.get_by_role("button", name="Translate", exact=True).click()
    slug.locator("textarea").fill(FRENCH_SLUG)
    slug.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("textarea")).to_have_count(0)

    page.get_by_role("button", name="Publish in French").click()
    french_title = TRANSLATIONS[story.title]
    expect(page.get_by_text(f"Published '{french_title}' in French")).to_be_visible()

    # The API lists the French version under locale=fr, not as a fallback.
    listing = get_json(page, osce_site, "/api/osce/stories?locale=fr")
    summary = next((s for s in listing["results"] if s["title"] == french_title), None)
    assert summary is not None, [s["title"] for s in listing["results"]]
    assert (summary["locale"], summary["is_fallback"]) == ("fr", False)
    assert summary["lead"] == TRANSLATIONS[story.lead]
    assert summary["url"].startswith("/fr/") and summary["url"].rstrip("/").endswith(FRENCH_SLUG)

    detail = get_json(page, osce_site, summary["api_url"])
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    assert blocks["heading"]["text"] == "Secours en altitude"
    assert "<b>un exercice commun</b>" in blocks["rich_text"]["html"]
    assert blocks["image"]["image"]["alt"] == "Des agents à un poste-frontière de montagne"
    # The State reference follows the page into French, named as in French (CLDR's name,
    # which submitting the page for translation must leave as it is).
    assert [(s["name"], s["locale"]) for s in blocks["states"]["states"]] == [("Albanie", "fr")]
    assert blocks["call_to_action"]["button_label"] == "Postuler"

    # A French reader sees the translated page; the English page is unchanged.
    page.goto(osce_site.absolute(summary["url"]))
    expect(page.get_by_role("heading", level=1, name=french_title)).to_be_visible()
    expect(page.get_by_role("heading", name="Secours en altitude")).to_be_visible()
    expect(page.locator("b, strong").filter(has_text="un exercice commun")).to_be_visible()
    expect(
        page.get_by_role("img", name="Des agents à un poste-frontière de montagne")
    ).to_be_visible()
    expect(
        page.get_by_role("region", name=re.compile("tats participants|Participating States"))
    ).to_contain_text("Albanie")
    expect(page.get_by_role("link", name="Postuler")).to_have_attribute(
        "href", "https://example.org/apply"
    )

    page.goto(osce_site.absolute(story.url))
    expect(page.get_by_role("heading", level=1, name=story.title)).to_be_visible()
    expect(page.get_by_role("heading", name="Rescue at altitude")).to_be_visible()
