"""The stamped fast path: committed page details served with one query, never past a change.

These tests commit (a transactional database with the migrations' rows restored), as a real site does, so that entries are
stored under the request key and hits skip the page lookup. Each change that can
hide a page must make the very next request check again.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from tests.api.builders import get, story, story_index, url_of

pytestmark = pytest.mark.usefixtures("empty_cache")


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def committed_story():
    # Not the ``locales`` fixture: it asks for ``db``, which wraps the test in a transaction.
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    index = story_index()
    return story(index, "Border management in Central Asia")


def test_a_committed_detail_costs_one_query(client, committed_story):
    url = url_of(committed_story)
    first, _ = get(client, url)
    second, queries = get(client, url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    # The content version: the one read that makes a change in any process visible.
    assert queries == 1


def test_unpublishing_hides_the_page_on_the_next_request(client, committed_story):
    url = url_of(committed_story)
    get(client, url)
    get(client, url)
    committed_story.unpublish()
    response, _ = get(client, url)
    assert response.status_code == 404


def test_a_view_restriction_hides_the_page_on_the_next_request(client, committed_story):
    url = url_of(committed_story)
    get(client, url)
    restriction = PageViewRestriction.objects.create(
        page=committed_story.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    response, _ = get(client, url)
    assert response.status_code == 404
    restriction.delete()
    response, _ = get(client, url)
    assert response.status_code == 200


def test_an_expiry_reached_hides_the_page_without_any_signal(client, committed_story):
    url = url_of(committed_story)
    soon = timezone.now() + datetime.timedelta(seconds=1)
    committed_story.expire_at = soon
    committed_story.save()
    response, _ = get(client, url)
    assert response.status_code == 200
    cached, _ = get(client, url)
    assert cached.status_code == 200

    # Time passes with no save and no signal: the stamp's deadline makes the next request check.
    later = soon + datetime.timedelta(seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response, _ = get(client, url)
    assert response.status_code == 404


def test_each_locale_gets_its_own_entry(client, committed_story):
    url = url_of(committed_story)
    english, _ = get(client, url)
    french, _ = get(client, f"{url}?locale=fr")
    assert english.json()["requested_locale"] == "en"
    assert french.json()["requested_locale"] == "fr"
    assert french.json()["is_fallback"] is True
    unknown, _ = get(client, f"{url}?locale=xx")
    assert unknown.status_code == 400
