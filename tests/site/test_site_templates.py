"""The example site as a visitor reads it, through the test client: menus, languages,
breadcrumbs, teasers, meetings and the error pages."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error
from wagtail.models import Locale, PageViewRestriction, Site

from wagtail_osce.templatetags.osce_tags import build_menus

from .conftest import Demo, translate


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def menu_groups(page: BeautifulSoup) -> dict[str, list[str]]:
    """Each top-level menu's key and the keys of the groups it reveals."""
    nav = page.find("nav", attrs={"aria-label": re.compile(".")}, class_="osce-menus")
    assert nav is not None, "no main menus on the page"
    return {
        details["data-osce-menu"]: [
            g["data-osce-menu-group"] for g in details.select("[data-osce-menu-group]")
        ]
        for details in nav.find_all("details")
    }


def test_every_page_shows_the_menus_switcher_skip_link_and_breadcrumbs(demo: Demo, client) -> None:
    for url in [
        "/",
        demo.story_index.url,
        demo.story.url,
        demo.meeting_index.url,
        demo.meeting("astana-summit-2010").url,
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = soup(response)
        assert menu_groups(page) == {
            "fields-of-work": ["fields-of-work"],
            "meetings": ["meeting-series"],
            "countries": ["participating-states", "asian-partners", "mediterranean-partners"],
            "structures": [
                "governance",
                "institutions",
                "field-operations",
                "closed-field-activities",
                "assembly-and-court",
            ],
        }, url
        skip = page.find("a")
        assert skip["href"] == "#main" and skip.get_text() == "Skip to main content", url
        assert page.find(id="main").name == "main"
        switcher = page.find("nav", class_="osce-languages")
        assert [a["hreflang"] for a in switcher.find_all("a")] == [
            "en",
            "fr",
            "de",
            "it",
            "ru",
            "es",
        ]
        current = switcher.find("a", attrs={"aria-current": "true"})
        assert current["hreflang"] == "en", url
        crumbs = page.find("nav", class_="osce-breadcrumbs")
        if url == "/":
            assert crumbs is None
        else:
            assert crumbs.find_all("li")[0].a["href"] == "/"
            assert crumbs.find(attrs={"aria-current": "page"}) is not None


def test_menus_list_the_reference_data_with_links_to_filtered_listings(demo: Demo, client) -> None:
    page = soup(client.get(demo.story.url))
    fields = page.select('[data-osce-menu="fields-of-work"] [data-osce-menu-group] a')
    assert len(fields) == 23
    assert fields[0]["href"] == f"{demo.story_index.url}?field=arms-control"
    series = page.select('[data-osce-menu="meetings"] [data-osce-menu-group] a')
    assert len(series) == 16
    assert all(a["href"].startswith(f"{demo.meeting_index.url}?series=") for a in series)
    states = page.select('[data-osce-menu-group="participating-states"] a')
    assert len(states) == 57
    assert "Kazakhstan" in [a.get_text() for a in states]
    partners = page.select('[data-osce-menu-group="mediterranean-partners"] li')
    assert "Egypt" in [li.get_text() for li in partners]
    operations = page.select('[data-osce-menu-group="field-operations"] a')
    assert "OSCE Programme Office in Astana" in [a.get_text() for a in operations]
    secretariat = page.find("a", string="OSCE Secretariat").find_parent("li")
    assert "Conflict Prevention Centre" in [a.get_text() for a in secretariat.select("ul a")]

    french = soup(client.get("/fr/"))
    summaries = [s.get_text() for s in french.select(".osce-menus summary")]
    assert summaries[0] == "Domaines d'activité"
    assert "Autriche" in [
        a.get_text() for a in french.select('[data-osce-menu-group="participating-states"] a')
    ]


def test_menus_cost_a_fixed_number_of_queries_once_per_request(
    demo: Demo, django_assert_max_num_queries, django_assert_num_queries
) -> None:
    request = RequestFactory().get(demo.story.url)
    Site.find_for_request(request)
    Site.get_site_root_paths()
    # The locales, the sections visitors cannot see, the index pages (and their content
    # types, on a cold cache), the current Chairpersonship and five kinds of rows.
    with django_assert_max_num_queries(10):
        sections = build_menus(request)
    assert sum(len(group.links) for s in sections for group in s.groups) > 100
    template = Template("{% load osce_tags %}{% osce_menus %}{% osce_menus %}")
    template.render(Context({"request": request}))
    with django_assert_num_queries(0):
        template.render(Context({"request": request}))


def test_hreflang_and_switcher_only_point_at_live_public_translations(demo: Demo, client) -> None:
    # The demo publishes the seed story in French and Russian.
    french = demo.story.get_translation(Locale.objects.get(language_code="fr"))
    russian = demo.story.get_translation(Locale.objects.get(language_code="ru"))
    translate(demo.story, "de", publish=False)
    italian = translate(demo.story, "it")
    PageViewRestriction.objects.create(
        page=italian, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.first()])

    page = soup(client.get(demo.story.url))
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {
        "en": f"http://localhost{demo.story.url}",
        "x-default": f"http://localhost{demo.story.url}",
        "fr": f"http://localhost{french.url}",
        "ru": f"http://localhost{russian.url}",
    }
    switcher = {a["hreflang"]: a["href"] for a in page.select("nav.osce-languages a")}
    assert (
        switcher["fr"]
        == french.url
        == ("/fr/impact-de-l-osce/lutte-contre-les-menaces-transnationales/")
    )
    # Draft and restricted translations fall back to their language's home page.
    assert switcher["de"] == "/de/"
    assert switcher["it"] == "/it/"

    in_french = soup(client.get(french.url))
    assert in_french.html["lang"] == "fr"
    assert in_french.find("a", attrs={"aria-current": "true"})["hreflang"] == "fr"
    assert in_french.select_one("nav.osce-languages a[hreflang=en]")["href"] == demo.story.url


def test_a_missing_french_page_gets_the_french_404(demo: Demo, client, settings) -> None:
    settings.DEBUG = False
    response = client.get("/fr/osce-impact/countering-transnational-threats/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert page.h1.get_text() == "Page introuvable"
    assert page.find("a", string="Aller à la page d'accueil")["href"] == "/fr/"
    assert "fields-of-work" in menu_groups(page)
    assert b"Traceback" not in response.content and b"Page not found at" not in response.content


def test_the_500_page_speaks_the_visitor_s_language(rf) -> None:
    with translation.override("ru"):
        response = server_error(rf.get("/ru/"))
    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == "ru"
    assert page.h1.get_text() == "Ошибка сервера"


def test_story_teasers_offer_other_stories_not_the_current_one(demo: Demo, client) -> None:
    page = soup(client.get(demo.story.url))
    teasers = page.select(".osce-more-stories .osce-teaser__title a")
    assert len(teasers) == 3
    hrefs = [a["href"] for a in teasers]
    assert demo.story.url not in hrefs
    assert all(href.startswith(demo.story_index.url) for href in hrefs)

    other = demo.story_index.get_children().live().exclude(pk=demo.story.pk).first()
    other_page = soup(client.get(other.url))
    other_hrefs = [a["href"] for a in other_page.select(".osce-more-stories .osce-teaser__title a")]
    assert other.url not in other_hrefs
    assert demo.story.url in other_hrefs, "the newest story is offered on the others"


def test_a_meeting_prints_its_lead_once_and_its_organiser_not_its_series(
    demo: Demo, client
) -> None:
    astana = demo.meeting("astana-summit-2010")
    page = soup(client.get(astana.url))
    text = page.find("main").get_text()
    assert text.count(astana.lead) == 1
    meta = {
        div.dt.get_text(): div.dd.get_text(" ", strip=True)
        for div in page.select(".osce-meeting__meta > div")
    }
    assert meta["Organiser"] == "OSCE Chairpersonship"
    assert page.select_one(".osce-meeting__series").get_text() == "Summit meetings"


@pytest.mark.parametrize(
    "slug", ["economic-and-environmental-forum-2027", "annual-security-review-conference-2027"]
)
def test_a_meeting_with_dates_does_not_say_they_are_to_be_announced(
    demo: Demo, client, slug: str
) -> None:
    page = soup(client.get(demo.meeting(slug).url))
    text = page.find("main").get_text(" ", strip=True)
    assert "2027" in page.select_one(".osce-meeting__meta dd time").get_text()
    assert "to be announced" not in text.lower()
