"""Listings are served from the shared cache while their stamp holds, and never after a change.

Each test warms the listings, changes what they show in one way (publishing,
unpublishing, restricting, renaming a snippet, or only the clock passing an
expiry), and checks the next request shows the change, as a 200 with a new ETag;
a story that stays public is still listed, so a test cannot pass by listing nothing.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api.builders import API, get, ids, meeting, meeting_index, story, story_index
from wagtail_osce.snippets import FieldOfWork

LISTINGS = [
    f"{API}/stories?page_size=5",
    f"{API}/stories?field=policing",
    f"{API}/pages?type=wagtail_osce.StoryPage",
    f"{API}/search?q=mediation",
    f"{API}/navigation",
    f"{API}/meetings",
]


pytestmark = pytest.mark.usefixtures("empty_cache")


@pytest.fixture
def listed(locales, taxonomy):
    index = story_index()
    meetings = meeting_index()
    return {
        "index": index,
        "hidden": story(index, "Mediation in the field", fields=[taxonomy["policing"]]),
        "control": story(
            index,
            "Mediation at the border",
            datetime.date(2024, 2, 1),
            fields=[taxonomy["policing"]],
        ),
        "meeting": meeting(
            meetings, "Mediation forum", datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)
        ),
    }


def warm(client, url: str):
    first = client.get(url)
    assert first.status_code == 200, url
    return first


@pytest.mark.parametrize("url", LISTINGS)
def test_a_repeated_listing_costs_one_query_and_answers_the_same(client, listed, url):
    first = warm(client, url)
    second, queries = get(client, url)
    assert queries == 1
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == first["Content-Language"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_parameters_in_another_order_share_the_entry_and_bad_input_is_still_refused(client, listed):
    warm(client, f"{API}/stories?page_size=5&ordering=date")
    response, queries = get(client, f"{API}/stories?ordering=date&page_size=5")
    assert (response.status_code, queries) == (200, 1)
    for _ in range(2):
        refused = client.get(f"{API}/stories?page_size=abc")
        assert refused.status_code == 400
        assert "page_size" in refused.content.decode()


def story_ids(client) -> list[int]:
    return ids(client.get(f"{API}/stories?page_size=5").json())


def hide_by_unpublishing(page):
    page.unpublish()


def hide_by_restriction(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.parametrize("hide", [hide_by_unpublishing, hide_by_restriction])
def test_a_story_hidden_after_caching_leaves_every_cached_listing(client, listed, hide):
    before = {url: warm(client, url) for url in LISTINGS[:4]}
    assert all(str(listed["hidden"].pk) in r.content.decode() for r in before.values())
    hide(listed["hidden"])
    for url, old in before.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
        assert response.status_code == 200, url
        listed_ids = [item["id"] for item in response.json()["results"]]
        assert listed["hidden"].pk not in listed_ids, url
        assert listed["control"].pk in listed_ids, url


def test_a_story_published_after_caching_enters_the_cached_listing(client, listed):
    assert story_ids(client) == [listed["hidden"].pk, listed["control"].pk]
    new = story(listed["index"], "Mediation training", datetime.date(2025, 1, 1))
    assert story_ids(client) == [new.pk, listed["hidden"].pk, listed["control"].pk]


def test_a_snippet_renamed_after_caching_is_renamed_in_the_cached_listing(client, listed, taxonomy):
    url = f"{API}/stories?field=policing"
    assert "Policing" in warm(client, url).content.decode()
    field = FieldOfWork.objects.get(pk=taxonomy["policing"].pk)
    field.name = "Police matters"
    field.save()
    body = client.get(url).content.decode()
    assert "Police matters" in body
    assert '"Policing"' not in body


def test_a_story_expiring_by_the_clock_leaves_the_cached_listing(client, listed):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    hidden = listed["hidden"]
    hidden.expire_at = soon
    hidden.save_revision().publish()
    assert story_ids(client) == [hidden.pk, listed["control"].pk]
    assert story_ids(client) == [hidden.pk, listed["control"].pk]
    # No save and no signal: only the clock moves past the expiry.
    with mock.patch("django.utils.timezone.now", return_value=soon + datetime.timedelta(seconds=1)):
        assert story_ids(client) == [listed["control"].pk]


def test_no_listing_is_kept_when_the_cache_is_off(client, listed, settings):
    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 0}
    warm(client, LISTINGS[0])
    _response, queries = get(client, LISTINGS[0])
    assert queries > 1


def test_a_search_cached_before_the_index_took_a_change_is_not_served_after(client, listed):
    """The index is written by a task, which a backend may run after the change committed."""
    from modelsearch.tasks import insert_or_update_object_task

    from wagtail_osce.pages.models import StoryPage

    url = f"{API}/search?q=zebra"
    assert warm(client, url).json()["results"] == []
    assert warm(client, url).json()["results"] == []
    # The row changes without a signal (as a task would find it), then the index task runs.
    StoryPage.objects.filter(pk=listed["hidden"].pk).update(title="Zebra crossings")
    insert_or_update_object_task.enqueue("wagtail_osce", "storypage", str(listed["hidden"].pk))
    assert [item["id"] for item in client.get(url).json()["results"]] == [listed["hidden"].pk]


def test_every_endpoint_answered_from_its_stored_response_is_an_endpoint_of_the_api():
    from django.urls import reverse

    from wagtail_osce.api.urls import SERVED_AGAIN
    from wagtail_osce.representation.paths import URLS_NAMESPACE

    for name in SERVED_AGAIN:
        kwargs = {"page_id": 1} if name.startswith("get_") and name != "get_navigation" else {}
        assert reverse(f"{URLS_NAMESPACE}:{name}", kwargs=kwargs).startswith("/api/osce/")
