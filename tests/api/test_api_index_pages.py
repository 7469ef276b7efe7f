"""Index pages in the API: their own fields, and one story card shape everywhere."""

from __future__ import annotations

import datetime

import pytest

from tests.api.builders import API, make_image, meeting_index, publish, story
from wagtail_osce.api.schemas.pages import StorySummaryOut
from wagtail_osce.representation.links import StoryCard

pytestmark = pytest.mark.django_db


def test_story_index_detail_has_its_intro_as_rich_text(client, stories):
    index, first = stories["index"], stories["first"]
    index.intro = f'<p>Read <a linktype="page" id="{first.pk}">our story</a>.</p>'
    publish(index)
    body = client.get(f"{API}/pages/{index.pk}").json()
    assert body["type"] == "wagtail_osce.StoryIndexPage"
    html = body["intro"]["html"]
    assert f'data-page-id="{first.pk}"' in html
    assert f'href="{first.url}"' in html


def test_meeting_index_detail_has_its_intro(client, locales):
    index = meeting_index()
    index.intro = "<p>Meetings of the year.</p>"
    publish(index)
    body = client.get(f"{API}/pages/{index.pk}").json()
    assert (body["type"], body["intro"]) == (
        "wagtail_osce.MeetingIndexPage",
        {"html": "<p>Meetings of the year.</p>"},
    )


def test_an_intro_linking_a_hidden_page_names_no_href(client, stories):
    index, first = stories["index"], stories["first"]
    index.intro = f'<p><a linktype="page" id="{first.pk}">gone</a></p>'
    publish(index)
    first.unpublish()
    html = client.get(f"{API}/pages/{index.pk}").json()["intro"]["html"]
    assert "href" not in html


def test_story_cards_have_one_shape(client, stories):
    """A related story and a listed story carry the same card fields, with the same values."""
    first, third = stories["first"], stories["third"]
    third.hero_image = make_image()
    publish(third)
    first.related_stories = [{"type": "related_stories", "value": {"stories": [third.pk]}}]
    publish(first)
    detail = client.get(f"{API}/stories/{first.pk}").json()
    (card,) = detail["related_stories"][0]["value"]["stories"]
    assert set(card) == set(StoryCard.model_fields)
    listed = next(
        item for item in client.get(f"{API}/stories").json()["results"] if item["id"] == third.pk
    )
    assert card == {name: listed[name] for name in StoryCard.model_fields}
    assert card["hero_image"]["id"] == third.hero_image.pk
    assert client.get(card["api_url"]).json()["id"] == third.pk


def test_listing_items_are_story_cards():
    card = StoryCard.model_json_schema()["properties"]
    summary = StorySummaryOut.model_json_schema()["properties"]
    for name in card:
        assert name in summary, name
        assert {k: v for k, v in summary[name].items() if k in ("type", "anyOf", "format")} == {
            k: v for k, v in card[name].items() if k in ("type", "anyOf", "format")
        }, name


def test_related_story_cards_in_the_document(client, locales):
    document = client.get(f"{API}/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "StoryCardOut" not in schemas
    stories = schemas["RelatedStoriesOut"]["properties"]["stories"]
    assert stories["items"] == {"$ref": "#/components/schemas/StoryCard"}
    assert {"api_url", "hero_image"} <= set(schemas["StoryCard"]["required"])


def test_an_index_lists_its_stories_with_descendant_of(client, stories):
    index = stories["index"]
    story(index, "Late news", datetime.date(2025, 1, 1))
    body = client.get(f"{API}/stories?descendant_of={index.pk}").json()
    assert body["count"] == 4
