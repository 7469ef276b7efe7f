# ruff: noqa: RUF001 - French typography (apostrophes, narrow spaces) is what the pages show.
"""The Next.js frontend renders the example site from the API alone, server-side."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from wagtail_osce.blocks import StoryBodyBlock
from wagtail_osce.pages.models import StoryPage

from .conftest import FRONTEND

pytestmark = pytest.mark.frontend

SEED_PATH = "/osce-impact/countering-transnational-threats/"
BLOCKS_PATH = "/osce-impact/every-block-type/"
FRENCH_TITLE = "Lutte contre les menaces transnationales"
MENUS = [
    "Fields of work",
    "Meetings and conferences",
    "Countries",
    "Structures and institutions",
    "Field operations",
]
AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"


def server_html(url: str) -> str:
    """The page's HTML as the server sends it, before any script runs."""
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


def seed_story_in(language_code: str) -> StoryPage:
    """The seed story's translation the demo publishes (French and Russian)."""
    story = StoryPage.objects.get(
        slug="countering-transnational-threats", locale__language_code="en"
    )
    return story.get_translation(Locale.objects.get(language_code=language_code))


def test_seed_story_in_english(frontend_url: str, page: Page) -> None:
    html = server_html(frontend_url + SEED_PATH)
    # Server-rendered: the content is in the HTML itself.
    assert "Countering transnational threats" in html
    assert "Recognizing that by definition no one state" in html

    page.goto(frontend_url + SEED_PATH)
    article = page.locator("article.story")
    expect(article.locator(".eyebrow")).to_have_text("Story")
    expect(page.get_by_role("heading", level=1)).to_have_text("Countering transnational threats")
    expect(article.locator("time").first).to_have_text("1 October 2025")
    expect(article.locator(".story-source")).to_have_text("Source: Summits / Ministerial Council")
    expect(article).to_contain_text("The OSCE Foreign Ministers agreed at the 2009 Athens")
    expect(article.get_by_role("heading", name="A comprehensive response")).to_be_visible()

    more = page.locator("section.more-stories")
    expect(more.get_by_role("heading", level=2)).to_have_text("OSCE Impact – discover more stories")
    teasers = more.locator(".card-title a")
    assert 3 <= teasers.count() <= 4
    assert "Countering transnational threats" not in teasers.all_inner_texts()
    teasers.first.click()
    expect(page).not_to_have_url(re.compile(re.escape(SEED_PATH) + "$"))
    expect(page.locator("article.story .eyebrow")).to_have_text("Story")

    page.goto(frontend_url + SEED_PATH)
    menu = page.get_by_role("navigation", name="Main menu")
    summaries = menu.locator("summary")
    assert summaries.all_inner_texts() == MENUS
    # The countries menu opens from the keyboard, without JavaScript, and lists the Partners.
    countries = menu.locator("details", has=page.locator("summary", has_text="Countries"))
    countries.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(countries.get_by_text("Asian Partners for Co-operation")).to_be_visible()
    countries.get_by_role("link", name="Austria").click()
    expect(page).to_have_url(frontend_url + "/countries/austria/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Austria")

    # No German translation: the switcher goes to the German home page, and no alternate
    # link names one; French is translated and is named.
    page.goto(frontend_url + SEED_PATH)
    switcher = page.get_by_role("navigation", name="Languages")
    expect(switcher.get_by_role("link", name="Deutsch")).to_have_attribute("href", "/de/")
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("aria-current", "page")
    expect(page.locator('link[rel="alternate"][hreflang="en"]')).to_have_attribute(
        "href", frontend_url + SEED_PATH
    )
    assert page.locator('link[rel="alternate"][hreflang="de"]').count() == 0
    assert page.locator('link[rel="alternate"][hreflang="fr"]').count() == 1


def test_seed_story_in_french(frontend_url: str, page: Page) -> None:
    french = seed_story_in("fr")
    assert french.title == FRENCH_TITLE
    french_path = french.get_url()
    assert french_path.startswith("/fr/")

    page.goto(frontend_url + SEED_PATH)
    switcher = page.get_by_role("navigation", name="Languages")
    expect(switcher.get_by_role("link", name="Français")).to_have_attribute("href", french_path)
    expect(page.locator('link[rel="alternate"][hreflang="fr"]')).to_have_attribute(
        "href", frontend_url + french_path
    )
    switcher.get_by_role("link", name="Français").click()

    expect(page).to_have_url(frontend_url + french_path)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(FRENCH_TITLE)
    article = page.locator("article.story")
    expect(article.locator(".eyebrow")).to_have_text("Article")
    expect(article.locator("time").first).to_have_text("1 octobre 2025")
    expect(article.locator(".story-source")).to_contain_text("Source")
    expect(article).to_contain_text("Conscients que, par définition")
    expect(page.locator("section.more-stories h2")).to_have_text(
        "Impact de l’OSCE – découvrez d’autres articles"
    )
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.locator("summary").first).to_have_text("Domaines d'activité")
    expect(
        page.get_by_role("navigation", name="Langues").get_by_role("link", name="English")
    ).to_have_attribute("href", SEED_PATH)
    assert page.locator(".notice").count() == 0

    # German has no translation: the English story, marked as the fallback.
    page.goto(frontend_url + "/de" + SEED_PATH)
    expect(page.locator(".notice")).to_contain_text("Deutsch")
    expect(page.locator("article.story")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Countering transnational threats")


def test_every_block_type_is_rendered(frontend_url: str, page: Page) -> None:
    page.goto(frontend_url + BLOCKS_PATH)
    for block_type in StoryBodyBlock().child_blocks:
        block = page.locator(f'[data-block-type="{block_type}"]')
        expect(block).to_have_count(1)
        expect(block).to_be_visible()
        # Each block shows its own content, not an empty wrapper.
        assert block.inner_text().strip() or block.locator("img, iframe").count(), block_type
    expect(page.get_by_role("heading", name="Block heading")).to_have_attribute(
        "id", "block-heading"
    )
    expect(page.locator('[data-block-type="table"] td.numeric')).to_have_text("350")
    accordion = page.locator('[data-block-type="accordion"]')
    accordion.get_by_text("Accordion question").click()
    expect(accordion.get_by_text("Accordion answer.")).to_be_visible()
    # An internal link is a client-side link to the story index.
    link = page.locator('[data-block-type="link"] a')
    expect(link).to_have_attribute("href", "/osce-impact/")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OSCE Impact")


def test_story_index_filters_and_pagination(frontend_url: str, page: Page) -> None:
    page.goto(frontend_url + "/osce-impact/")
    # The index page's own intro, from its detail.
    expect(page.locator(".intro")).to_have_text(
        "Discover more stories about how the OSCE improves lives."
    )
    form = page.get_by_role("form", name="Filter stories")
    form.get_by_label("Field of work").select_option("policing")
    form.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"/osce-impact/\?field=policing"))
    titles = page.locator(".cards .card-title").all_inner_texts()
    expected = set(
        StoryPage.objects.live()
        .filter(fields_of_work__slug="policing", locale__language_code="en")
        .values_list("title", flat=True)
    )
    assert set(titles) == expected
    # A filter naming nothing is a notice, not an error page.
    page.goto(frontend_url + "/osce-impact/?field=no-such-field")
    expect(page.locator(".notice[role=alert]")).to_contain_text("field")
    # Pagination: the second page holds the oldest story, the one with every block.
    page.goto(frontend_url + "/osce-impact/")
    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.get_by_role("link", name="Every block type")).to_be_visible()


def test_meetings_not_found_and_sitemap(frontend_url: str, page: Page) -> None:
    page.goto(frontend_url + "/meetings-and-conferences/")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Upcoming meetings"))
    past = page.locator("section", has=page.get_by_role("heading", name="Past meetings"))
    expect(upcoming).to_contain_text("2027")
    expect(past.get_by_role("link", name=re.compile("Ministerial Council"))).not_to_have_count(0)
    past.get_by_role("link").first.click()
    expect(page.locator("article.meeting h1")).to_be_visible()

    response = page.goto(frontend_url + "/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    sitemap = server_html(frontend_url + "/sitemap.xml")
    assert f"<loc>{frontend_url}{SEED_PATH}</loc>" in sitemap
    assert f"<loc>{frontend_url}/fr/</loc>" in sitemap


@pytest.mark.parametrize("width", [1280, 390])
def test_no_accessibility_violations(frontend_url: str, page: Page, width: int) -> None:
    """axe-core finds nothing on the home page, a listing, the seed story and a meeting."""
    page.set_viewport_size({"width": width, "height": 900})
    axe = AXE.read_text(encoding="utf-8")
    paths = [
        "/",
        "/osce-impact/",
        SEED_PATH,
        "/meetings-and-conferences/ministerial-council-2024-malta/",
    ]
    found = {}
    for path in paths:
        page.goto(frontend_url + path)
        page.add_script_tag(content=axe)
        result = page.evaluate("async () => await axe.run(document)")
        found[path] = [
            {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
    assert found == {path: [] for path in paths}, json.dumps(found, indent=1)
    # On a phone the menus still open by touch and show their links.
    if width == 390:
        page.goto(frontend_url + "/")
        page.get_by_text("Fields of work", exact=True).click()
        expect(page.get_by_role("link", name="Policing")).to_be_visible()
