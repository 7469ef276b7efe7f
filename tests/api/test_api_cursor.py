"""Listings page by cursor (``after=``) as well as by number, with the same results."""

from __future__ import annotations

import base64
import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.builders import API, meeting, meeting_index, story, story_index


@pytest.fixture
def dated_stories(locales):
    """Seven stories over four dates: equal dates are told apart by id."""
    index = story_index()
    dates = [datetime.date(2024, 1, day) for day in (1, 2, 2, 2, 3, 3, 4)]
    return [story(index, f"Story {n}", date) for n, date in enumerate(dates)]


def walk(client, url: str) -> tuple[list[int], list[dict]]:
    """Follow ``next`` links from ``url``; the ids in order and every envelope."""
    ids, envelopes = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [item["id"] for item in body["results"]]
        envelopes.append(body)
        url = body["next"]
    return ids, envelopes


@pytest.mark.parametrize("ordering", ["-date", "date"])
def test_cursor_pages_list_every_story_once_in_the_order_of_page_numbers(
    client, dated_stories, ordering
):
    by_number, _ = walk(client, f"{API}/stories?page_size=7&ordering={ordering}")
    first = client.get(f"{API}/stories?page_size=2&ordering={ordering}").json()
    assert first["page"] == 1 and first["next_cursor"]
    by_cursor, envelopes = walk(
        client, f"{API}/stories?page_size=2&ordering={ordering}&after={first['next_cursor']}"
    )
    assert first_ids(first) + by_cursor == by_number
    assert len(set(by_number)) == 7
    assert all(body["page"] is None and body["previous"] is None for body in envelopes)
    assert all(body["count"] == 7 and body["num_pages"] == 4 for body in envelopes)
    assert envelopes[-1]["next_cursor"] is None and envelopes[-1]["next"] is None


def first_ids(body: dict) -> list[int]:
    return [item["id"] for item in body["results"]]


def test_the_last_page_by_number_has_no_cursor(client, dated_stories):
    body = client.get(f"{API}/stories?page_size=5&page=2").json()
    assert body["next"] is None and body["next_cursor"] is None


def test_a_cursor_keeps_the_filters_of_the_listing(client, dated_stories):
    url = f"{API}/stories?page_size=1&date_from=2024-01-03"
    ids, _ = walk(client, url)
    assert ids == [page.pk for page in reversed(dated_stories[4:])]


def cursor(*items) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(items)).encode()).decode().rstrip("=")


@pytest.mark.parametrize("value", ["a" * 201, "abc=", "a b", "a\x00"])
def test_a_malformed_cursor_is_a_400_naming_after(client, dated_stories, value):
    response = client.get(f"{API}/stories", {"after": value})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "after"


@pytest.mark.parametrize(
    "value",
    [
        "not-a-cursor",
        "0",
        cursor("-date", "2024-13-01", 1),
        cursor("-date", "2024-01-01"),
        cursor("-date", "2024-01-01", "1"),
        cursor("-date", "2024-01-01", 0),
        cursor("date", "2024-01-01", 1),
    ],
)
def test_a_well_formed_cursor_naming_no_position_is_a_404_naming_after(
    client, dated_stories, value
):
    response = client.get(f"{API}/stories", {"after": value})
    assert response.status_code == 404
    assert response.json()["error"]["parameter"] == "after"


def test_after_takes_precedence_over_a_page_number(client, dated_stories):
    first = client.get(f"{API}/stories?page_size=2").json()
    by_cursor = client.get(f"{API}/stories?page_size=2&after={first['next_cursor']}").json()
    both = client.get(f"{API}/stories?page_size=2&page=3&after={first['next_cursor']}").json()
    assert first_ids(both) == first_ids(by_cursor)


def test_meetings_page_by_cursor(client, locales):
    index = meeting_index()
    start = datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)
    meetings = [
        meeting(index, f"Meeting {n}", start + datetime.timedelta(days=n // 2)) for n in range(5)
    ]
    by_number, _ = walk(client, f"{API}/meetings?page_size=5&ordering=start")
    first = client.get(f"{API}/meetings?page_size=2&ordering=start").json()
    rest, _ = walk(
        client, f"{API}/meetings?page_size=2&ordering=start&after={first['next_cursor']}"
    )
    assert first_ids(first) + rest == by_number == [page.pk for page in meetings]


def test_a_deep_cursor_page_costs_what_the_first_page_costs(client, dated_stories, settings):
    # What building each page costs, not what serving it again from the cache costs.
    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 0}
    first = client.get(f"{API}/stories?page_size=2").json()
    with CaptureQueriesContext(connection) as by_number:
        client.get(f"{API}/stories?page_size=2")
    with CaptureQueriesContext(connection) as by_cursor:
        client.get(f"{API}/stories?page_size=2&after={first['next_cursor']}")
    assert len(by_cursor) == len(by_number)
