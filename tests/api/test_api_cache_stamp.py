"""A cached detail is served, as a 200 or as a 304 to its ETag, only while the page may be shown.

Each test warms every detail endpoint of a story (by id and by ``pages/find`` path),
hides it in one way, and checks that no endpoint answers 200 or 304 with the old
ETag; a public story warmed beside it stays served, so a test cannot pass by
serving nothing.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api.builders import API, story, story_index, translate

pytestmark = pytest.mark.usefixtures("empty_cache")


@pytest.fixture
def pages(locales):
    index = story_index()
    other_index = story_index(slug="news")
    hidden = story(index, "Mediation in the field")
    control = story(other_index, "Election observation")
    return {"index": index, "hidden": hidden, "control": control}


def detail_urls(page) -> list[str]:
    """Every detail endpoint that serves ``page``."""
    html_path = page.get_url_parts()[2]
    return [
        f"{API}/stories/{page.pk}",
        f"{API}/pages/{page.pk}",
        f"{API}/stories/{page.pk}?locale=fr",
        f"{API}/pages/find?html_path={html_path}",
    ]


def warm(client, page) -> dict[str, str]:
    """Request each endpoint twice (the second is a cache hit); their ETags."""
    etags = {}
    for url in detail_urls(page):
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == second.status_code == 200, url
        assert second["ETag"] == first["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        etags[url] = first["ETag"]
    return etags


def assert_not_served(client, page, etags: dict[str, str]) -> None:
    for url, etag in etags.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 404, (url, response.status_code)
        assert page.title.encode() not in response.content
        plain = client.get(url)
        assert plain.status_code == 404, url


def assert_served(client, page, etags: dict[str, str]) -> None:
    for url, etag in etags.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json()["title"] == page.title
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_unpublished_page_gets_no_304(client, pages):
    hidden_etags, control_etags = warm(client, pages["hidden"]), warm(client, pages["control"])
    pages["hidden"].unpublish()
    assert_not_served(client, pages["hidden"], hidden_etags)
    assert_served(client, pages["control"], control_etags)


def restrict(page, kind: str) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Delegations"))
    return restriction


@pytest.mark.parametrize(
    "kind",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_a_restriction_added_after_caching_gets_no_304(client, pages, kind, on):
    hidden_etags, control_etags = warm(client, pages["hidden"]), warm(client, pages["control"])
    restrict(pages["hidden"] if on == "page" else pages["index"], kind)
    assert_not_served(client, pages["hidden"], hidden_etags)
    assert_served(client, pages["control"], control_etags)


def test_a_page_moved_under_a_restriction_after_caching_gets_no_304(client, pages):
    private = story_index(slug="internal")
    restrict(private, PageViewRestriction.LOGIN)
    hidden_etags, control_etags = warm(client, pages["hidden"]), warm(client, pages["control"])
    pages["hidden"].move(private, pos="last-child")
    assert_not_served(client, pages["hidden"], hidden_etags)
    # Its new path is not served either.
    pages["hidden"].refresh_from_db()
    moved = client.get(f"{API}/pages/find?html_path={pages['hidden'].get_url_parts()[2]}")
    assert moved.status_code == 404
    assert_served(client, pages["control"], control_etags)


def test_an_expired_translation_leaves_the_cached_translations_list(client, pages, locales):
    """The story's own entries list its French translation until that expires by the clock."""
    english = pages["hidden"]
    french = translate(english, locales["fr"], "Médiation sur le terrain")
    soon = timezone.now() + datetime.timedelta(minutes=5)
    french.expire_at = soon
    french.save_revision().publish()
    urls = [f"{API}/stories/{english.pk}", f"{API}/pages/{english.pk}"]
    urls.append(f"{API}/pages/find?html_path={english.get_url_parts()[2]}")
    etags = {}
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200
        assert "fr" in [item["locale"] for item in response.json()["translations"]], url
        etags[url] = response["ETag"]
    control_etags = warm(client, pages["control"])

    # No save and no signal: only the clock moves past the translation's expiry.
    with mock.patch("django.utils.timezone.now", return_value=soon + datetime.timedelta(seconds=1)):
        for url, etag in etags.items():
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
            assert response.status_code == 200, url
            assert response["ETag"] != etag
            assert response.json()["title"] == english.title
            assert [item["locale"] for item in response.json()["translations"]] == [], url
            assert french.title.encode() not in response.content
        assert_served(client, pages["control"], control_etags)


def test_the_stamp_ends_at_the_first_future_go_live_or_expiry(pages):
    from wagtail_osce.api.cache.responses import next_scheduled_moment

    now = timezone.now()
    assert next_scheduled_moment(now) is None
    dates = {
        "hidden": ("expire_at", now + datetime.timedelta(hours=3)),
        "control": ("go_live_at", now + datetime.timedelta(hours=2)),
        "index": ("expire_at", now - datetime.timedelta(hours=1)),
    }
    for name, (field, moment) in dates.items():
        type(pages[name]).objects.filter(pk=pages[name].pk).update(**{field: moment})
    assert next_scheduled_moment(now) == now + datetime.timedelta(hours=2)
    assert next_scheduled_moment(now + datetime.timedelta(hours=2)) == now + datetime.timedelta(
        hours=3
    )
    assert next_scheduled_moment(now + datetime.timedelta(hours=3)) is None
