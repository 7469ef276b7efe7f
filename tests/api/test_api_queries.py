"""A response costs a fixed number of queries, whatever the number of blocks or listed items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.builders import (
    API,
    fast_story,
    meeting,
    meeting_index,
    story,
    story_index,
    tiny_image,
    unit,
)
from wagtail_osce.api.cache.responses import bump_version
from wagtail_osce.pages.models import StoryPage
from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure

DETAIL_UNITS = (10, 50, 200)
LISTING_SIZES = (10, 50)
#: One bound for every size: a response that grows with its content fails here.
DETAIL_BUDGET = 30
LISTING_BUDGET = 25


@pytest.fixture(autouse=True)
def roomy_cache(settings):
    """A cache that keeps what it is given, like Redis in production.

    Django's local-memory cache drops entries beyond 300; hundreds of cached
    renditions would push out Wagtail's cached site root paths, and the
    counts would measure the cache's size rather than the API.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wagtail-osce-api-queries",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }


@pytest.fixture
def seeded(locales):
    call_command("osce_seed", locales=["fr"], verbosity=0)
    en = locales["en"]
    return {
        "states": list(ParticipatingState.objects.filter(locale=en)),
        "structures": list(Structure.objects.filter(locale=en)),
        "fields": list(FieldOfWork.objects.filter(locale=en)),
    }


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(queries)


def test_story_detail_costs_the_same_at_10_50_and_200_units(
    client, seeded, django_assert_max_num_queries, capsys
):
    index = story_index()
    largest = max(DETAIL_UNITS)
    linked = [fast_story(index, n) for n in range(2 * largest)]
    images = [tiny_image(n) for n in range(largest)]
    stories = {
        size: story(
            index,
            f"Story with {size} units",
            body=[block for n in range(size) for block in unit(n, linked, images, seeded)],
            fields=seeded["fields"][:2],
            countries=seeded["states"][:2],
            sources=seeded["structures"][:1],
            hero_image=images[0],
        )
        for size in DETAIL_UNITS
    }
    counts = {}
    for size, page in stories.items():
        url = f"{API}/stories/{page.pk}?locale=fr"
        body = client.get(url).json()  # creates the renditions once
        assert len(body["body"]) == 6 * size
        links = body["body"][1]["value"]["html"]
        assert 'href="/stories/linked-0/"' in links and 'href="/stories/linked-1/"' in links
        bump_version()  # measure building the representation, not a cache hit
        with django_assert_max_num_queries(DETAIL_BUDGET):
            counts[size] = count(client, url)
    assert len(set(counts.values())) == 1, counts
    with capsys.disabled():
        print(f"\nstory detail queries by block units: {counts}")


def test_story_detail_with_many_images_costs_the_same_at_5_and_40(
    client, locales, django_assert_max_num_queries, capsys
):
    """Hero, image blocks, galleries and rich-text images, each with every responsive set."""
    index = story_index()
    images = [tiny_image(n) for n in range(40)]

    def illustrated(n: int) -> list[dict]:
        first, second = images[n], images[(n + 1) % len(images)]
        return [
            {"type": "image", "value": {"image": first.pk, "alt_text": "A", "caption": ""}},
            {
                "type": "gallery",
                "value": {
                    "title": "",
                    "images": [
                        {"image": first.pk, "alt_text": "B", "caption": ""},
                        {"image": second.pk, "alt_text": "C", "caption": ""},
                    ],
                },
            },
            {
                "type": "rich_text",
                "value": f'<embed embedtype="image" id="{second.pk}" format="fullwidth" alt="D"/>',
            },
        ]

    counts = {}
    for size in (5, 40):
        page = story(
            index,
            f"Story with {size} illustrated units",
            body=[block for n in range(size) for block in illustrated(n)],
            hero_image=images[0],
        )
        url = f"{API}/stories/{page.pk}"
        body = client.get(url).json()  # creates the renditions once
        assert len(body["body"]) == 3 * size
        assert all(
            image["uses"] for image in (body["hero_image"], body["body"][0]["value"]["image"])
        )
        assert "srcset=" in body["body"][2]["value"]["html"]
        bump_version()  # measure the built response, not the cached one
        with django_assert_max_num_queries(DETAIL_BUDGET):
            counts[size] = count(client, url)
    assert len(set(counts.values())) == 1, counts
    with capsys.disabled():
        print(f"\nillustrated story detail queries by units: {counts}")


def test_story_listing_costs_the_same_at_10_and_50_items(
    client, seeded, django_assert_max_num_queries, capsys
):
    index = story_index()
    for n in range(max(LISTING_SIZES)):
        fast_story(
            index,
            n,
            hero_image=tiny_image(n),
        )
    for page in StoryPage.objects.all():
        page.fields_of_work.set(seeded["fields"][:2])
        page.countries.set(seeded["states"][:3])
        page.sources.set(seeded["structures"][:1])
        page.save()
    counts = {}
    for size in LISTING_SIZES:
        url = f"{API}/stories?page_size={size}&locale=fr"
        body = client.get(url).json()
        assert len(body["results"]) == size
        assert all(len(item["countries"]) == 3 for item in body["results"])
        assert body["results"][0]["hero_image"]["renditions"]
        bump_version()  # measure building the listing, not a cache hit
        with django_assert_max_num_queries(LISTING_BUDGET):
            counts[size] = count(client, url)
    assert len(set(counts.values())) == 1, counts
    with capsys.disabled():
        print(f"\nstory listing queries by page size: {counts}")


def test_meeting_and_page_listings_are_flat_too(client, seeded, django_assert_max_num_queries):
    index = story_index()
    for n in range(30):
        fast_story(index, n)
    # The first request reads what the process then keeps of the reference data.
    count(client, f"{API}/pages?page_size=1&locale=fr")
    counts = {}
    for size in (5, 30):
        counts[size] = count(client, f"{API}/pages?page_size={size}&locale=fr")
    assert counts[5] == counts[30], counts


def test_a_cursor_page_costs_the_same_as_a_numbered_one(
    client, seeded, django_assert_max_num_queries, settings
):
    # What building each page costs, not what serving it again from the cache costs.
    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 0}
    index = story_index()
    for n in range(60):
        fast_story(index, n, hero_image=tiny_image(n) if n % 2 else None)
    counts = {}
    for size in LISTING_SIZES:
        first = client.get(f"{API}/stories?page_size={size}&locale=fr").json()
        cursor_url = f"{API}/stories?page_size={size}&locale=fr&after={first['next_cursor']}"
        assert len(client.get(cursor_url).json()["results"]) == min(size, 60 - size)
        with django_assert_max_num_queries(LISTING_BUDGET):
            counts[size] = count(client, cursor_url)
        counts[f"page {size}"] = count(client, f"{API}/stories?page_size={size}&page=2&locale=fr")
    assert len(set(counts.values())) == 1, counts


def test_listings_never_read_a_page_body(client, seeded, settings):
    """A listing shows cards: reading (and decoding) each page's StreamFields would be waste."""
    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 0}
    stories = story_index()
    for n in range(3):
        fast_story(stories, n, body=[{"type": "rich_text", "value": f"<p>Body {n}</p>"}])
    meetings = meeting_index()
    meeting(meetings, "A meeting", dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC))
    for path, size in (("stories", 3), ("meetings", 1)):
        with CaptureQueriesContext(connection) as queries:
            body = client.get(f"{API}/{path}").json()
        assert len(body["results"]) == size
        read = " ".join(query["sql"] for query in queries.captured_queries)
        for column in ("body", "related_stories", "documents"):
            assert f'."{column}"' not in read, (path, column)
    detail = client.get(f"{API}/stories/{body_story_id(stories)}").json()
    assert detail["body"], "the detail still serves the body"


def body_story_id(index) -> int:
    return StoryPage.objects.child_of(index).order_by("pk").values_list("pk", flat=True)[0]


def test_search_costs_the_same_at_5_and_30_matches(client, locales, django_assert_max_num_queries):
    """Search reads the ranked ids, then only the pages of the page of results it serves."""
    index = story_index()
    counts = {}
    for total in (5, 30):
        while StoryPage.objects.count() < total:
            fast_story(index, StoryPage.objects.count(), lead="Elections observed.")
        url = f"{API}/search?q=elections&page_size={total}"
        assert client.get(url).json()["count"] == total
        bump_version()  # measure the search, not a cache hit
        with django_assert_max_num_queries(LISTING_BUDGET):
            counts[total] = count(client, url)
    assert counts[5] == counts[30], counts
