"""bench/scale.py's bulk builder, at a tiny size: it must keep making a site the API can serve."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from bench.scale import build, story_count
from wagtail_osce.pages.models import StoryPage

pytestmark = pytest.mark.django_db


def tree_problems() -> list:
    """What ``Page.fix_tree`` would repair: bad paths, orphans, depths and child counts."""
    return [problem for problem in Page.find_problems() if problem]


def test_bulk_built_stories_form_a_valid_tree_the_api_serves(client):
    build(20)
    # A second build adds to the stories already there, as the benchmark's larger size does.
    scaffold = build(30)

    assert story_count() == 30
    assert tree_problems() == []
    # One in ten stories is also in French and Russian, under the translated indexes.
    for code in ("fr", "ru"):
        translated = StoryPage.objects.filter(locale=scaffold.locales[code])
        assert translated.count() == 3
        assert {page.get_parent().pk for page in translated} == {scaffold.indexes[code].pk}

    listing = client.get("/api/osce/stories?page_size=50")
    assert listing.status_code == 200
    assert listing.json()["count"] == 30
    newest = listing.json()["results"][0]
    assert newest["fields_of_work"] and newest["countries"] and newest["sources"]

    detail = client.get(f"/api/osce/stories/{newest['id']}")
    assert detail.status_code == 200
    assert {block["type"] for block in detail.json()["body"]} >= {"rich_text", "image", "states"}

    french = StoryPage.objects.filter(locale=scaffold.locales["fr"]).first()
    found = client.get(f"/api/osce/pages/find?html_path={french.get_url()}")
    assert found.status_code == 200
    assert found.json()["id"] == french.pk

    found = client.get("/api/osce/search?q=security&page_size=50")
    assert found.status_code == 200
    assert found.json()["count"] > 0

    country = listing.json()["results"][0]["countries"][0]
    by_country = client.get(f"/api/osce/stories?country={country['slug']}&page_size=50")
    assert by_country.status_code == 200
    assert 0 < by_country.json()["count"] <= 30
