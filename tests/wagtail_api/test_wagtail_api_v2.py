"""Wagtail's API v2 serves the same representations as the package's API, through ``api_fields``."""

from __future__ import annotations

import pytest

from tests.wagtail_api.builders import (
    OSCE,
    assert_same_values,
    count_queries,
    en,
    get_json,
    package_snippet,
    page_fields,
    snippet_cases,
    snippet_fields,
    translate,
    v2_listing,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    ParticipatingState,
    Structure,
)

V2 = "/api/v2"


# Data ----------------------------------------------------------------------------------


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
