"""Wagtail's API v3 preview serves the same representations as the package's API, typed in its
OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest

from tests.wagtail_api.builders import (
    OSCE,
    assert_same_values,
    count_queries,
    en,
    get_json,
    make_meeting,
    make_story,
    package_snippet,
    page_fields,
    seed_reference_data,
    snippet_cases,
    snippet_fields,
    translate,
)
from wagtail_osce.snippets import Chairpersonship, ParticipatingState, Structure

V3 = "/api/v3"


def v3_listing(client, url: str) -> list[dict[str, Any]]:
    """Every item of a v3 listing, page by page (v3 serves at most 20 at a time)."""
    items: list[dict[str, Any]] = []
    while True:
        body = get_json(client, f"{url}&offset={len(items)}")
        items += body["items"]
        if not body["items"] or len(items) >= body["count"]:
            return items


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


@pytest.fixture
def openapi(client, db) -> dict[str, Any]:
    return get_json(client, f"{V3}/openapi.json")


def property_ref(schema: dict[str, Any], name: str) -> str:
    """The component a property refers to, through ``anyOf`` (nullable) or ``items`` (a list)."""
    prop = schema["properties"][name]
    for option in prop.get("anyOf", [prop]):
        target = option.get("items", option)
        if "$ref" in target:
            return target["$ref"].rsplit("/", 1)[-1]
    raise AssertionError(f"{name} is not typed: {prop}")


# Snippets ------------------------------------------------------------------------------


@pytest.mark.parametrize(("endpoint", "model", "lookup"), snippet_cases())
def test_snippet_detail_matches_package_api(client, seeded, endpoint, model, lookup):
    obj = en(model, **lookup)
    package = package_snippet(client, endpoint, obj)
    wagtail = get_json(client, f"{V3}/osce/{endpoint}/{obj.pk}/")
    assert wagtail["meta"]["type"] == model._meta.label
    assert_same_values(wagtail, package, snippet_fields(package))


def test_references_are_objects_not_ids(client, seeded):
    austria = en(ParticipatingState, slug="austria")
    state = get_json(client, f"{V3}/osce/states/{austria.pk}/")
    assert state["flag"]["alt"] == "Red, white and red stripes"
    assert all(r["url"] and r["width"] for r in state["flag"]["renditions"].values())
    structure = en(Structure, parent__isnull=False)
    body = get_json(client, f"{V3}/osce/structures/{structure.pk}/")
    assert body["parent"]["name"] == structure.parent.name
    chair = en(Chairpersonship, state__isnull=False)
    body = get_json(client, f"{V3}/osce/chairpersonships/{chair.pk}/")
    assert body["state"]["iso_code"] == chair.state.iso_code


def test_locale_filter_lists_one_language_like_the_package_api(client, seeded):
    package = get_json(client, f"{OSCE}/states?locale=fr")["results"]
    wagtail = v3_listing(client, f"{V3}/osce/states/?locale=fr")
    assert sorted(item["id"] for item in wagtail) == sorted(item["id"] for item in package)
    by_id = {item["id"]: item for item in wagtail}
    for item in package:
        assert_same_values(by_id[item["id"]], item, snippet_fields(item))


@pytest.mark.parametrize("endpoint", ["states", "structures", "chairpersonships"])
def test_listing_costs_the_same_queries_for_5_or_20_objects(client, seeded, endpoint):
    # The first request makes the flag's renditions; the next ones only read them.
    get_json(client, f"{V3}/osce/{endpoint}/?locale=en&limit=20")
    few = count_queries(client, f"{V3}/osce/{endpoint}/?locale=en&limit=5")
    assert count_queries(client, f"{V3}/osce/{endpoint}/?locale=en&limit=20") == few


def test_unknown_snippet_is_a_404(client, seeded):
    assert client.get(f"{V3}/osce/states/999999/").status_code == 404


def test_openapi_types_snippet_references(openapi):
    schemas = openapi["components"]["schemas"]
    assert property_ref(schemas["ParticipatingStateSchema"], "flag") == "ImageOut"
    assert property_ref(schemas["StructureSchema"], "parent") == "StructureRef"
    assert property_ref(schemas["StructureSchema"], "host") == "HostOut"
    assert property_ref(schemas["ChairpersonshipSchema"], "state") == "StateRef"
    assert "/api/v3/osce/structures/{object_id}/" in openapi["paths"]


# Pages --------------------------------------------------------------------------------


def test_story_page_matches_package_api(client, story):
    package = get_json(client, f"{OSCE}/stories/{story.pk}")
    wagtail = get_json(client, f"{V3}/pages/{story.pk}/")
    assert wagtail["meta"]["type"] == "wagtail_osce.StoryPage"
    assert_same_values(wagtail, package, page_fields(package))
    image = next(block for block in wagtail["body"] if block["type"] == "image")["value"]["image"]
    assert (image["alt"], image["width"], image["height"]) == ("A bridge over the river", 800, 600)
    assert wagtail["fields_of_work"][0]["name"] == story.fields_of_work.first().name


def test_translated_story_refers_to_snippets_in_its_language(client, story, locales):
    french = translate(story, locales["fr"])
    package = get_json(client, f"{OSCE}/stories/{french.pk}")
    wagtail = get_json(client, f"{V3}/pages/{french.pk}/")
    assert [item["locale"] for item in wagtail["countries"]] == ["fr", "fr"]
    assert_same_values(wagtail, package, page_fields(package))


def test_meeting_page_matches_package_api(client, meeting):
    package = get_json(client, f"{OSCE}/meetings/{meeting.pk}")
    wagtail = get_json(client, f"{V3}/pages/{meeting.pk}/")
    assert wagtail["meta"]["type"] == "wagtail_osce.MeetingPage"
    assert_same_values(wagtail, package, page_fields(package))
    assert wagtail["organiser"]["slug"] == meeting.organiser.slug


def test_index_pages_show_their_introduction_as_display_html(client, story, meeting):
    for index in (story.get_parent(), meeting.get_parent()):
        wagtail = get_json(client, f"{V3}/pages/{index.pk}/")
        assert wagtail["intro"] == {"html": index.specific.intro}


def test_only_live_pages_are_served(client, story):
    story.unpublish()
    assert client.get(f"{V3}/pages/{story.pk}/").status_code == 404


def test_openapi_types_page_fields(openapi):
    schemas = openapi["components"]["schemas"]
    story_schema = schemas["StoryPageSchema"]
    assert property_ref(story_schema, "hero_image") == "ImageOut"
    assert property_ref(story_schema, "fields_of_work") == "FieldOfWorkOut"
    assert property_ref(story_schema, "sources") == "StructureOut"
    assert property_ref(schemas["MeetingPageSchema"], "organiser") == "StructureOut"
    body_items = story_schema["properties"]["body"]["anyOf"][0]["items"]
    members = body_items.get("oneOf") or body_items["anyOf"]
    block_types = {ref["$ref"].rsplit("/", 1)[-1] for ref in members}
    assert {"StoryBodyImage", "StoryBodyRichText", "StoryBodyStates"} <= block_types
