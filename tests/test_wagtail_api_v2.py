"""Wagtail's API v2 serves the same representations as the package's API, through ``api_fields``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.page_factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    make_image,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

OSCE = "/api/osce"
V2 = "/api/v2"

#: How the package's API negotiates ``?locale=``; Wagtail's APIs serve each row as it is.
LOCALE_NEGOTIATION = {"requested_locale", "is_fallback"}
#: What every page has in both APIs, under different names (v2 puts most of it in ``meta``).
PAGE_BASICS = {
    "id",
    "type",
    "title",
    "slug",
    "url",
    "api_url",
    "first_published_at",
    "last_published_at",
    "seo_title",
    "search_description",
    "translations",
    "locale",
    *LOCALE_NEGOTIATION,
}


def get_json(client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    return response.json()


def v2_listing(client, url: str) -> list[dict[str, Any]]:
    """Every item of a v2 listing, page by page (v2 serves at most 20 at a time)."""
    items: list[dict[str, Any]] = []
    while True:
        body = get_json(client, f"{url}&offset={len(items)}")
        items += body["items"]
        if not body["items"] or len(items) >= body["meta"]["total_count"]:
            return items


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        get_json(client, url)
    return len(queries)


def assert_same_values(wagtail: dict[str, Any], package: dict[str, Any], names: Iterable[str]):
    """Each named field is present in Wagtail's representation with the package's value."""
    names = sorted(names)
    assert names, "nothing to compare"
    missing = [name for name in names if name not in wagtail]
    assert not missing, f"missing from Wagtail's API: {missing}"
    different = {
        name: (wagtail[name], package[name]) for name in names if wagtail[name] != package[name]
    }
    assert not different, different


def package_snippet(client, endpoint: str, obj: Any) -> dict[str, Any]:
    """The package API's representation of ``obj``, from its listing in the object's locale."""
    code = obj.locale.language_code
    listing = get_json(client, f"{OSCE}/{endpoint}?locale={code}")["results"]
    return next(item for item in listing if item["id"] == obj.pk)


def snippet_fields(package: dict[str, Any]) -> set[str]:
    return set(package) - LOCALE_NEGOTIATION


def page_fields(package: dict[str, Any]) -> set[str]:
    return set(package) - PAGE_BASICS


# Data ----------------------------------------------------------------------------------


def seed_reference_data() -> None:
    """The shipped reference data in English and French, and a flag for Austria."""
    call_command("osce_seed", locales=["fr"], verbosity=0)
    flag = make_image("Flag of Austria", size=(300, 200))
    flag.description = "Red, white and red stripes"
    flag.save()
    ParticipatingState.objects.filter(slug="austria").update(flag=flag)


def en(model: type, **lookup: Any) -> Any:
    return model.objects.filter(locale__language_code="en", **lookup).first()


def snippet_cases() -> list[tuple[str, type, dict[str, Any]]]:
    """An object of each snippet model, chosen for having its references set."""
    return [
        ("states", ParticipatingState, {"slug": "austria"}),
        ("partners", Partner, {"group": "asian"}),
        ("structures", Structure, {"parent__isnull": False, "host_state__isnull": False}),
        ("fields-of-work", FieldOfWork, {}),
        ("meeting-series", MeetingSeries, {}),
        ("chairpersonships", Chairpersonship, {"state__isnull": False}),
    ]


def make_story() -> Any:
    """A live story with a hero image, an image in its body and all three taxonomies."""
    hero = make_image("Hero")
    photo = make_image("Bridge", size=(800, 600))
    return StoryPageFactory(
        parent=StoryIndexPageFactory(),
        title="Border guards train together",
        hero_image=hero,
        hero_alt_text="Border guards in a classroom",
        hero_caption="Training in Dushanbe",
        hero_credit="Jane Doe",
        body=[
            {"type": "rich_text", "value": "<p>Thirty officers took part.</p>"},
            {
                "type": "image",
                "value": {
                    "image": photo.pk,
                    "alt_text": "A bridge over the river",
                    "decorative": False,
                    "caption": "The bridge",
                    "credit": "John Roe",
                },
            },
        ],
        fields_of_work=[en(FieldOfWork)],
        sources=[en(Structure, parent__isnull=False)],
        countries=[
            en(ParticipatingState, slug="austria"),
            en(ParticipatingState, slug="tajikistan"),
        ],
    )


def make_meeting() -> Any:
    """A live meeting with a series, a host country and an organiser."""
    start = timezone.make_aware(datetime.datetime(2024, 12, 5, 9, 30))
    return MeetingPageFactory(
        parent=MeetingIndexPageFactory(),
        title="Ministerial Council in Malta",
        start=start,
        end=start + datetime.timedelta(days=1, hours=8),
        city="Valletta",
        venue="Mediterranean Conference Centre",
        livestream_url="https://example.org/live",
        series=en(MeetingSeries),
        country=en(ParticipatingState, slug="malta"),
        organiser=en(Structure, parent__isnull=False),
    )


@pytest.fixture
def seeded(locales):
    seed_reference_data()
    return locales


@pytest.fixture
def story(seeded):
    return make_story()


@pytest.fixture
def meeting(seeded):
    return make_meeting()


def translate(page: Any, locale: Any) -> Any:
    """Translate ``page`` and its parents into ``locale``, and publish them."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translated.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)


# Snippets ------------------------------------------------------------------------------


@pytest.mark.parametrize(("endpoint", "model", "lookup"), snippet_cases())
def test_snippet_detail_matches_package_api(client, seeded, endpoint, model, lookup):
    obj = en(model, **lookup)
    package = package_snippet(client, endpoint, obj)
    wagtail = get_json(client, f"{V2}/{endpoint}/{obj.pk}/")
    assert wagtail["meta"]["type"] == model._meta.label
    assert_same_values(wagtail, package, snippet_fields(package))


def test_state_flag_is_an_expanded_image(client, seeded):
    austria = en(ParticipatingState, slug="austria")
    state = get_json(client, f"{V2}/states/{austria.pk}/")
    assert (state["name"], state["iso_code"], state["locale"]) == ("Austria", "AT", "en")
    flag = state["flag"]
    assert flag["alt"] == "Red, white and red stripes"
    assert (flag["width"], flag["height"]) == (300, 200)
    assert flag["renditions"]
    for rendition in flag["renditions"].values():
        assert rendition["url"].endswith((".png", ".jpg", ".webp", ".avif"))
        assert rendition["width"] > 0 and rendition["height"] > 0


def test_structure_parent_and_host_are_objects_not_ids(client, seeded):
    structure = en(Structure, parent__isnull=False, host_state__isnull=False)
    body = get_json(client, f"{V2}/structures/{structure.pk}/")
    assert body["parent"] == {
        "id": structure.parent.pk,
        "slug": structure.parent.slug,
        "name": structure.parent.name,
    }
    assert body["host"] == {
        "name": structure.host_state.name,
        "iso_code": structure.host_state.iso_code,
        "is_state": True,
    }


def test_chairpersonship_names_its_state(client, seeded):
    chair = en(Chairpersonship, state__isnull=False)
    body = get_json(client, f"{V2}/chairpersonships/{chair.pk}/")
    assert body["state"]["iso_code"] == chair.state.iso_code
    assert body["state_name"] == chair.state.name
    assert body["chairperson_in_office"] == chair.office_holders


def test_locale_filter_lists_one_language_like_the_package_api(client, seeded):
    """``?locale=fr`` gives the French rows, each the same as the package's French representation."""
    package = get_json(client, f"{OSCE}/structures?locale=fr")["results"]
    wagtail = v2_listing(client, f"{V2}/structures/?locale=fr")
    assert len(wagtail) == len(package)
    by_slug = {item["slug"]: item for item in wagtail}
    for item in package:
        assert item["locale"] == "fr"
        assert_same_values(by_slug[item["slug"]], item, snippet_fields(item))


def test_listing_shows_every_field(client, seeded):
    items = v2_listing(client, f"{V2}/fields-of-work/?locale=en")
    package = get_json(client, f"{OSCE}/fields-of-work")["results"]
    assert [item["slug"] for item in items] == [item["slug"] for item in package]
    assert_same_values(items[0], package[0], snippet_fields(package[0]))


@pytest.mark.parametrize("endpoint", ["states", "structures", "chairpersonships"])
def test_listing_costs_the_same_queries_for_5_or_20_objects(client, seeded, endpoint):
    # The first request makes the flag's renditions; the next ones only read them.
    get_json(client, f"{V2}/{endpoint}/?locale=en&limit=20")
    few = count_queries(client, f"{V2}/{endpoint}/?locale=en&limit=5")
    assert count_queries(client, f"{V2}/{endpoint}/?locale=en&limit=20") == few


def test_unknown_field_filter_is_a_400_naming_it(client, seeded):
    response = client.get(f"{V2}/states/?colour=red")
    assert response.status_code == 400
    assert "colour" in response.json()["message"]


# Pages --------------------------------------------------------------------------------


def test_story_page_matches_package_api(client, story):
    package = get_json(client, f"{OSCE}/stories/{story.pk}")
    wagtail = get_json(client, f"{V2}/pages/{story.pk}/")
    assert wagtail["meta"]["type"] == "wagtail_osce.StoryPage"
    assert_same_values(wagtail, package, page_fields(package))


def test_story_page_expands_images_and_taxonomies(client, story):
    body = get_json(client, f"{V2}/pages/{story.pk}/")
    assert body["hero_image"]["alt"] == "Border guards in a classroom"
    assert body["hero_credit"] == "OSCE/Jane Doe"
    image_block = next(block for block in body["body"] if block["type"] == "image")
    image = image_block["value"]["image"]
    assert image["alt"] == "A bridge over the river"
    assert (image["width"], image["height"]) == (800, 600)
    assert all(r["url"] and r["width"] and r["height"] for r in image["renditions"].values())
    assert image["renditions"]
    assert [item["slug"] for item in body["countries"]] == ["austria", "tajikistan"]
    assert body["countries"][0]["flag"]["alt"] == "Red, white and red stripes"
    assert body["fields_of_work"][0]["name"] == story.fields_of_work.first().name
    assert isinstance(body["sources"][0]["parent"], dict)


def test_translated_story_refers_to_snippets_in_its_language(client, story, locales):
    french = translate(story, locales["fr"])
    package = get_json(client, f"{OSCE}/stories/{french.pk}")
    wagtail = get_json(client, f"{V2}/pages/{french.pk}/")
    assert wagtail["meta"]["locale"] == "fr"
    assert [item["locale"] for item in wagtail["countries"]] == ["fr", "fr"]
    austria_fr = ParticipatingState.objects.get(slug="austria", locale=locales["fr"])
    assert wagtail["countries"][0]["name"] == austria_fr.name
    assert_same_values(wagtail, package, page_fields(package))


def test_meeting_page_matches_package_api(client, meeting):
    package = get_json(client, f"{OSCE}/meetings/{meeting.pk}")
    wagtail = get_json(client, f"{V2}/pages/{meeting.pk}/")
    assert wagtail["meta"]["type"] == "wagtail_osce.MeetingPage"
    assert_same_values(wagtail, package, page_fields(package))
    assert wagtail["start"] == "2024-12-05T08:30:00Z"
    assert wagtail["series"]["slug"] == meeting.series.slug
    assert wagtail["country"]["iso_code"] == "MT"
    assert wagtail["organiser"]["parent"]["id"] == meeting.organiser.parent_id


def test_index_pages_show_their_introduction_as_display_html(client, story, meeting):
    for index in (story.get_parent(), meeting.get_parent()):
        package = get_json(client, f"{OSCE}/pages/{index.pk}")
        wagtail = get_json(client, f"{V2}/pages/{index.pk}/")
        assert wagtail["title"] == package["title"]
        assert wagtail["meta"]["slug"] == package["slug"]
        assert wagtail["intro"] == {"html": index.specific.intro}


def test_only_live_pages_are_served(client, story):
    story.unpublish()
    assert client.get(f"{V2}/pages/{story.pk}/").status_code == 404
    assert client.get(f"{OSCE}/stories/{story.pk}").status_code == 404
