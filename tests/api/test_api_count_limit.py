"""Listings count their results up to ``WAGTAIL_OSCE["COUNT_LIMIT"]`` and say when there are more."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from tests.api.builders import API, story, story_index

pytestmark = pytest.mark.django_db

LIMIT_3 = {"COUNT_LIMIT": 3}


@pytest.fixture
def five_stories(locales):
    """Five stories about elections on five dates, newest last."""
    index = story_index()
    return [
        story(index, f"Elections {n}", datetime.date(2024, 1, n + 1), lead="Elections observed.")
        for n in range(5)
    ]


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["results"]]


def test_a_listing_under_the_limit_is_counted_exactly(client, five_stories):
    body = client.get(f"{API}/stories?page_size=2").json()
    assert (body["count"], body["count_exact"], body["num_pages"]) == (5, True, 3)


@override_settings(WAGTAIL_OSCE=LIMIT_3)
def test_past_the_limit_the_count_is_the_limit_and_not_exact(client, five_stories):
    body = client.get(f"{API}/stories?page_size=2").json()
    assert (body["count"], body["count_exact"], body["num_pages"]) == (3, False, 2)
    assert ids(body) == [five_stories[4].pk, five_stories[3].pk]
    assert body["next"]


@override_settings(WAGTAIL_OSCE=LIMIT_3)
def test_pages_past_the_counted_ones_are_served_and_the_last_one_counts_them_all(
    client, five_stories
):
    second = client.get(f"{API}/stories?page_size=2&page=2").json()
    assert ids(second) == [five_stories[2].pk, five_stories[1].pk]
    assert second["count_exact"] is False and second["next"]

    last = client.get(second["next"]).json()
    assert ids(last) == [five_stories[0].pk]
    assert (last["count"], last["count_exact"], last["num_pages"], last["next"]) == (
        5,
        True,
        3,
        None,
    )
    past = client.get(f"{API}/stories?page_size=2&page=4")
    assert past.status_code == 404
    assert past.json()["error"]["parameter"] == "page"


@override_settings(WAGTAIL_OSCE=LIMIT_3)
def test_a_cursor_page_counts_up_to_the_limit_too(client, five_stories):
    first = client.get(f"{API}/stories?page_size=2").json()
    page = client.get(f"{API}/stories?page_size=2&after={first['next_cursor']}").json()
    assert ids(page) == [five_stories[2].pk, five_stories[1].pk]
    assert (page["count"], page["count_exact"], page["page"]) == (3, False, None)


@override_settings(WAGTAIL_OSCE=LIMIT_3)
def test_a_filtered_listing_under_the_limit_is_exact(client, five_stories):
    body = client.get(f"{API}/stories?date_from=2024-01-04").json()
    assert (body["count"], body["count_exact"]) == (2, True)


def test_search_counts_its_matches_exactly_under_the_limit(client, five_stories):
    body = client.get(f"{API}/search?q=elections&page_size=2").json()
    assert (body["count"], body["count_exact"]) == (5, True)
    assert set(ids(body)) <= {page.pk for page in five_stories}


@override_settings(WAGTAIL_OSCE=LIMIT_3)
def test_search_past_the_limit_ranks_the_newest_matches_and_says_there_are_more(
    client, five_stories
):
    body = client.get(f"{API}/search?q=elections&page_size=10").json()
    assert (body["count"], body["count_exact"]) == (3, False)
    # The three newest matches, best first: every one is a story about elections.
    assert set(ids(body)) == {page.pk for page in five_stories[2:]}


def test_search_pages_follow_one_ranking(client, five_stories):
    """Each page of results is the next slice of the same ranking, read as ids first."""
    ranked = ids(client.get(f"{API}/search?q=elections&page_size=5").json())
    pages = [
        ids(client.get(f"{API}/search?q=elections&page_size=2&page={page}").json())
        for page in (1, 2, 3)
    ]
    assert [pk for page in pages for pk in page] == ranked
    assert sorted(ranked) == sorted(page.pk for page in five_stories)
