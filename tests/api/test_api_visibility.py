"""Only live, public pages ever reach the API, whatever the endpoint.

Each hidden case (a draft, an unpublished page, a privacy-restricted page, a
live page under a restricted or an unpublished section, an expired page, a page
scheduled for later) is checked on every endpoint that can return pages.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api.builders import (
    API,
    add_page,
    meeting,
    meeting_index,
    publish,
    site_root,
    story,
    story_index,
)
from wagtail_osce.pages.models import MeetingPage, StoryPage


def _draft(parent, model, **fields):
    page = model(live=False, **fields)
    parent.add_child(instance=page)
    page.save_revision()
    return page


def _story_fields(name: str) -> dict:
    return {"title": f"Zebra {name}", "slug": f"zebra-{name}", "date": datetime.date(2024, 1, 1)}


def _meeting_fields(name: str) -> dict:
    start = timezone.now() + datetime.timedelta(days=10)
    return {
        "title": f"Zebra {name}",
        "slug": f"zebra-{name}",
        "start": start,
        "end": start + datetime.timedelta(hours=2),
    }


def build_cases(index_factory, model, fields, make) -> dict:
    """One visible page and one page per hidden case, all under indexes of the site."""
    root = site_root()
    index = index_factory(root, "main")
    now = timezone.now()
    cases = {"visible": make(index, "visible")}

    cases["draft"] = _draft(index, model, **fields("draft"))

    unpublished = make(index, "unpublished")
    unpublished.unpublish()
    cases["unpublished"] = unpublished

    restricted = make(index, "restricted")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    cases["restricted"] = restricted

    private_section = index_factory(root, "private")
    PageViewRestriction.objects.create(page=private_section, restriction_type="login", password="")
    cases["under_restricted"] = make(private_section, "under-restricted")

    hidden_section = index_factory(root, "hidden")
    cases["under_unpublished"] = make(hidden_section, "under-unpublished")
    hidden_section.unpublish()

    # Sections hidden by time alone: live, but expired or not yet due.
    for name, field, when in (
        ("expired", "expire_at", now - datetime.timedelta(hours=1)),
        ("scheduled", "go_live_at", now + datetime.timedelta(days=1)),
    ):
        section = index_factory(root, f"{name}-section")
        cases[f"under_{name}"] = make(section, f"under-{name}")
        type(section).objects.filter(pk=section.pk).update(**{field: when})

    expired = make(index, "expired")
    type(expired).objects.filter(pk=expired.pk).update(expire_at=now - datetime.timedelta(hours=1))
    cases["expired"] = expired

    scheduled = _draft(index, model, **fields("scheduled"))
    scheduled.go_live_at = now + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live
    cases["scheduled"] = scheduled

    live_but_scheduled = make(index, "live-but-scheduled")
    type(live_but_scheduled).objects.filter(pk=live_but_scheduled.pk).update(
        go_live_at=now + datetime.timedelta(days=1)
    )
    cases["live_but_scheduled"] = live_but_scheduled
    return cases


HIDDEN = [
    "draft",
    "unpublished",
    "restricted",
    "under_restricted",
    "under_unpublished",
    "under_expired",
    "under_scheduled",
    "expired",
    "scheduled",
    "live_but_scheduled",
]


@pytest.fixture
def story_cases(locales):
    return build_cases(
        lambda parent, slug: story_index(parent, slug=slug),
        StoryPage,
        _story_fields,
        lambda parent, name: story(parent, f"Zebra {name}", datetime.date(2024, 1, 1)),
    )


@pytest.fixture
def meeting_cases(locales):
    return build_cases(
        lambda parent, slug: meeting_index(parent, slug=slug),
        MeetingPage,
        _meeting_fields,
        lambda parent, name: meeting(parent, **_meeting_fields(name)),
    )


def listed_ids(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def assert_only_visible(found: set[int], cases: dict) -> None:
    assert cases["visible"].pk in found
    leaked = [name for name in HIDDEN if cases[name].pk in found]
    assert leaked == []


def test_story_listing(client, story_cases):
    assert_only_visible(listed_ids(client, f"{API}/stories?page_size=100"), story_cases)


def test_meeting_listing(client, meeting_cases):
    assert_only_visible(listed_ids(client, f"{API}/meetings?page_size=100"), meeting_cases)
    assert_only_visible(
        listed_ids(client, f"{API}/meetings?status=upcoming&page_size=100"), meeting_cases
    )


def test_pages_listing(client, story_cases):
    assert_only_visible(listed_ids(client, f"{API}/pages?page_size=100"), story_cases)
    typed = f"{API}/pages?type=wagtail_osce.StoryPage&page_size=100"
    assert_only_visible(listed_ids(client, typed), story_cases)


def test_search(client, story_cases):
    assert_only_visible(listed_ids(client, f"{API}/search?q=zebra&page_size=100"), story_cases)


@pytest.mark.parametrize("endpoint", ["stories", "pages"])
def test_story_detail(client, story_cases, endpoint):
    assert client.get(f"{API}/{endpoint}/{story_cases['visible'].pk}").status_code == 200
    statuses = {
        name: client.get(f"{API}/{endpoint}/{story_cases[name].pk}").status_code for name in HIDDEN
    }
    assert statuses == dict.fromkeys(HIDDEN, 404)


def test_meeting_detail(client, meeting_cases):
    assert client.get(f"{API}/meetings/{meeting_cases['visible'].pk}").status_code == 200
    statuses = {
        name: client.get(f"{API}/meetings/{meeting_cases[name].pk}").status_code for name in HIDDEN
    }
    assert statuses == dict.fromkeys(HIDDEN, 404)


def test_find_by_path(client, story_cases):
    def find(page):
        path = page.url_path[len(site_root().url_path) - 1 :]
        return client.get(f"{API}/pages/find", {"html_path": path})

    assert find(story_cases["visible"]).status_code == 200
    statuses = {name: find(story_cases[name]).status_code for name in HIDDEN}
    assert statuses == dict.fromkeys(HIDDEN, 404)


def test_hidden_section_itself_is_hidden(client, story_cases):
    """The restricted and unpublished indexes are not listed either."""
    titles = {
        item["slug"]
        for item in client.get(f"{API}/pages?type=wagtail_osce.StoryIndexPage").json()["results"]
    }
    assert titles == {"main"}


def test_related_stories_block(client, story_cases):
    """A story's chosen related stories only list the visible ones."""
    host = story_cases["visible"]
    chosen = [story_cases[name].pk for name in ["visible", *HIDDEN]]
    reader = story(
        site_root().get_children().get(slug="main"),
        "Reader",
        related_stories=[
            {
                "type": "related_stories",
                "value": {"heading": "Read next", "stories": chosen, "count": 3},
            }
        ],
    )
    body = client.get(f"{API}/stories/{reader.pk}").json()
    (block,) = body["related_stories"]
    listed = {card["id"] for card in block["value"]["stories"]}
    assert_only_visible(listed, story_cases)
    assert host.pk in listed


def test_republished_page_reappears(client, story_cases):
    page = story_cases["unpublished"]
    publish(StoryPage.objects.get(pk=page.pk))
    assert page.pk in listed_ids(client, f"{API}/stories?page_size=100")


def test_add_page_helper_publishes(story_cases):
    assert add_page is not None
    assert StoryPage.objects.get(pk=story_cases["visible"].pk).live
