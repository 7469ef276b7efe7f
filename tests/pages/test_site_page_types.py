"""A site's own story and meeting page types (tests/site_app) served like the package's own.

The site lists them in ``WAGTAIL_OSCE["STORY_PAGE_MODELS"]`` and
``["MEETING_PAGE_MODELS"]``: they appear in the API's endpoints, the index pages,
the related-stories and upcoming-meetings blocks, search and purge, and the
package's default page types can be left out.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from tests.site_app.models import (
    Bulletin,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    OptedInBulletin,
)
from wagtail_osce import localize
from wagtail_osce.notifications.purge import page_api_paths
from wagtail_osce.pages.models import StoryIndexPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, ParticipatingState

API = "/api/osce"
BOTH = {
    "STORY_PAGE_MODELS": ["wagtail_osce.StoryPage", "site_app.NewsPage"],
    "MEETING_PAGE_MODELS": ["wagtail_osce.MeetingPage", "site_app.EventPage"],
}
SITE_ONLY = {
    "STORY_PAGE_MODELS": ["site_app.NewsPage"],
    "MEETING_PAGE_MODELS": ["site_app.EventPage"],
}


def _add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def content(locales):
    """A package story and a site news page in one field of work, and a site event."""
    root = Site.objects.get(is_default_site=True).root_page
    policing = FieldOfWork.objects.create(
        name="Policing", slug="policing", sort_order=1, locale=locales["en"]
    )
    austria = ParticipatingState.objects.create(
        name="Austria", slug="austria", iso_code="AT", locale=locales["en"]
    )
    stories = _add(root, StoryIndexPage(title="Stories", slug="stories"))
    news_index = _add(root, NewsIndexPage(title="News", slug="news"))
    events = _add(root, EventIndexPage(title="Events", slug="events"))
    package_story = StoryPage(
        title="Package story about police", slug="package-story", date=datetime.date(2024, 1, 5)
    )
    package_story.fields_of_work = [policing]
    package_story = _add(stories, package_story)
    news = NewsPage(
        title="Site news about police", slug="site-news", date=datetime.date(2024, 3, 1)
    )
    news.fields_of_work = [policing]
    news.countries = [austria]
    news = _add(news_index, news)
    start = timezone.now() + datetime.timedelta(days=10)
    event = _add(
        events,
        EventPage(
            title="Site event in Vienna",
            slug="site-event",
            start=start,
            end=start + datetime.timedelta(hours=3),
            country=austria,
        ),
    )
    return {
        "stories": stories,
        "story": package_story,
        "news_index": news_index,
        "news": news,
        "event": event,
        "policing": policing,
    }


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.django_db
def test_site_stories_are_listed_beside_the_package_stories(client, settings, content):
    settings.WAGTAIL_OSCE = BOTH
    assert _titles(client.get(f"{API}/stories")) == [
        "Site news about police",
        "Package story about police",
    ]
    assert _titles(client.get(f"{API}/stories?country=at")) == ["Site news about police"]
    assert _titles(client.get(f"{API}/stories?field=policing&date_from=2024-02-01")) == [
        "Site news about police"
    ]
    assert _titles(client.get(f"{API}/stories?ordering=date")) == [
        "Package story about police",
        "Site news about police",
    ]


@pytest.mark.django_db
def test_site_story_detail_has_the_story_shape(client, settings, content):
    settings.WAGTAIL_OSCE = BOTH
    news = content["news"]
    body = client.get(f"{API}/stories/{news.pk}").json()
    assert body["type"] == "site_app.NewsPage"
    assert [field["slug"] for field in body["fields_of_work"]] == ["policing"]
    assert "body" in body and "related_stories" in body
    generic = client.get(f"{API}/pages/{news.pk}").json()
    assert generic["api_url"] == f"{API}/stories/{news.pk}"
    assert generic["fields_of_work"] == body["fields_of_work"]


@pytest.mark.django_db
def test_default_page_types_can_be_left_out(client, settings, content):
    settings.WAGTAIL_OSCE = SITE_ONLY
    assert _titles(client.get(f"{API}/stories")) == ["Site news about police"]
    assert client.get(f"{API}/stories/{content['story'].pk}").status_code == 404
    assert client.get(f"{API}/stories/{content['news'].pk}").status_code == 200
    listed = client.get(f"{API}/pages?type=wagtail_osce.StoryPage").json()["results"][0]
    assert listed["api_url"] == f"{API}/pages/{content['story'].pk}"


@pytest.mark.django_db
def test_site_meetings_are_served_as_meetings(client, settings, content):
    settings.WAGTAIL_OSCE = SITE_ONLY
    event = content["event"]
    assert _titles(client.get(f"{API}/meetings?status=upcoming")) == ["Site event in Vienna"]
    body = client.get(f"{API}/meetings/{event.pk}").json()
    assert body["type"] == "site_app.EventPage"
    assert body["status"] == "upcoming"
    assert body["country"]["slug"] == "austria"


@pytest.mark.django_db
def test_index_pages_list_every_served_story_type(client, settings, content):
    settings.WAGTAIL_OSCE = BOTH
    content["story"].move(content["news_index"], pos="last-child")
    html = client.get("/news/?field=policing").content.decode()
    assert "Site news about police" in html
    assert "Package story about police" in html


@pytest.mark.django_db
def test_related_stories_block_lists_site_stories(client, settings, content):
    settings.WAGTAIL_OSCE = BOTH
    story = content["story"]
    story.related_stories = [
        ("related_stories", {"field_of_work": content["policing"], "count": 3, "stories": []})
    ]
    story.save_revision().publish()
    body = client.get(f"{API}/stories/{story.pk}").json()
    listed = body["related_stories"][0]["value"]["stories"]
    assert [item["title"] for item in listed] == ["Site news about police"]


@pytest.mark.django_db
def test_search_finds_site_stories_with_their_story_url(client, settings, content):
    settings.WAGTAIL_OSCE = BOTH
    results = client.get(f"{API}/search?q=police").json()["results"]
    by_title = {item["title"]: item for item in results}
    news = content["news"]
    assert by_title["Site news about police"]["api_url"] == f"{API}/stories/{news.pk}"


@pytest.mark.django_db
def test_purge_covers_site_story_and_meeting_endpoints(settings, content):
    settings.WAGTAIL_OSCE = BOTH
    news, event = content["news"], content["event"]
    assert {f"stories/{news.pk}", "stories"} <= set(page_api_paths(news))
    assert {f"meetings/{event.pk}", "meetings"} <= set(page_api_paths(event))


def test_localization_hooks_leave_models_that_are_not_opted_in_alone():
    handled = localize.handled_models()
    assert NewsPage in handled and EventPage in handled and StoryPage in handled
    assert Bulletin not in handled
    assert OptedInBulletin in handled


@pytest.mark.django_db
def test_references_of_a_model_not_opted_in_are_saved_as_given(locales):
    english = ParticipatingState.objects.create(
        name="Austria", slug="austria", iso_code="AT", locale=locales["en"]
    )
    french = english.copy_for_translation(locales["fr"])
    french.name = "Autriche"
    french.save()

    plain = Bulletin(title="Note", locale=locales["fr"])
    plain.states = [english]
    plain.save()
    opted = OptedInBulletin(title="Note", locale=locales["fr"])
    opted.states = [english]
    opted.save()

    assert [state.name for state in Bulletin.objects.get(pk=plain.pk).states.all()] == ["Austria"]
    assert [state.name for state in OptedInBulletin.objects.get(pk=opted.pk).states.all()] == [
        "Autriche"
    ]
