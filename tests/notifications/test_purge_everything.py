"""Every change that alters what the API serves purges every URL and tag showing it, and is announced.

Publish, unpublish, move, delete, and a view restriction saved or deleted: the
page's details by id (``pages/``, ``stories/``), ``pages/find``, its listings, its
parent's and its linking pages' details, and for a move or a restriction the pages
below it; by URL through Wagtail's HTTP purger and by tag through a backend that
can purge tags; and a signed webhook.
"""

from __future__ import annotations

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction, Site

from tests.notifications.builders import configure_webhooks
from wagtail_osce.pages.models import StoryIndexPage, StoryPage

BASE = "http://localhost/api/osce/"
PURGED_TAGS: list[list[str]] = []


class TagBackend(BaseBackend):
    """A frontend cache that records the tags it is asked to purge."""

    def purge(self, url: str) -> None:
        pass

    def purge_tags(self, tags: list[str]) -> None:
        PURGED_TAGS.append(list(tags))


@pytest.fixture
def purges(settings, monkeypatch, receiver):
    """URL purges go to the receiver (HTTP PURGE), tag purges to ``TagBackend``, webhooks too."""
    configure_webhooks(settings, monkeypatch, [f"{receiver.url}/hook"])
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        },
        "tags": {"BACKEND": f"{__name__}.TagBackend"},
    }
    PURGED_TAGS.clear()
    return receiver


def purged_urls(receiver) -> set[str]:
    return {f"http://{r.headers['Host']}{r.path}" for r in receiver.received("PURGE")}


def purged_tags() -> set[str]:
    return {tag for batch in PURGED_TAGS for tag in batch}


def events(receiver) -> list[dict]:
    return [r.json() for r in receiver.received("POST", "/hook")]


def clear(receiver) -> None:
    receiver.requests.clear()
    PURGED_TAGS.clear()


@pytest.fixture
def tree(locales, django_capture_on_commit_callbacks):
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    archive = root.add_child(instance=StoryIndexPage(title="Archive", slug="archive"))
    story = index.add_child(instance=StoryPage(title="Mediation", slug="mediation"))
    body = [{"type": "rich_text", "value": f'<p><a linktype="page" id="{story.pk}">it</a></p>'}]
    linking = index.add_child(instance=StoryPage(title="Roundup", slug="roundup", body=body))
    with django_capture_on_commit_callbacks(execute=True):
        for page in (index, archive, story, linking):
            page.save_revision().publish()
    return {"index": index, "archive": archive, "story": story, "linking": linking}


def assert_story_purged(receiver, story, *, parent, linking) -> None:
    urls = purged_urls(receiver)
    for path in (f"stories/{story.pk}", f"pages/{story.pk}", "stories", "pages"):
        assert BASE + path in urls, path
        assert f"{BASE}{path}{'&' if '?' in path else '?'}locale=fr" in urls, path
    assert f"{BASE}pages/find?html_path=/stories/mediation/" in urls or (
        f"{BASE}pages/find?html_path=/archive/mediation/" in urls
    )
    assert BASE + f"pages/{parent.pk}" in urls
    assert BASE + f"stories/{linking.pk}" in urls and BASE + f"pages/{linking.pk}" in urls
    tags = purged_tags()
    assert {f"osce-page-{story.pk}", f"osce-page-{linking.pk}", "osce-listing-stories"} <= tags


@pytest.mark.django_db
def test_publish_purges_details_by_id_linking_pages_and_tags(
    purges, tree, django_capture_on_commit_callbacks
):
    clear(purges)
    with django_capture_on_commit_callbacks(execute=True):
        tree["story"].save_revision().publish()
    assert_story_purged(purges, tree["story"], parent=tree["index"], linking=tree["linking"])
    assert [event["event"] for event in events(purges)] == ["page.published"]


@pytest.mark.django_db
def test_unpublish_purges_details_by_id_linking_pages_and_tags(
    purges, tree, django_capture_on_commit_callbacks
):
    clear(purges)
    with django_capture_on_commit_callbacks(execute=True):
        tree["story"].unpublish()
    assert_story_purged(purges, tree["story"], parent=tree["index"], linking=tree["linking"])
    assert [event["event"] for event in events(purges)] == ["page.unpublished"]


@pytest.mark.django_db
def test_delete_purges_and_announces(purges, tree, django_capture_on_commit_callbacks):
    story = tree["story"]
    clear(purges)
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert_story_purged(purges, story, parent=tree["index"], linking=tree["linking"])
    assert [event["event"] for event in events(purges)] == ["page.unpublished"]


@pytest.mark.django_db
def test_move_purges_the_old_and_the_new_urls_and_announces(
    purges, tree, django_capture_on_commit_callbacks
):
    story = tree["story"]
    clear(purges)
    with django_capture_on_commit_callbacks(execute=True):
        story.move(tree["archive"], pos="last-child")
    urls = purged_urls(purges)
    assert f"{BASE}pages/find?html_path=/stories/mediation/" in urls
    assert f"{BASE}pages/find?html_path=/archive/mediation/" in urls
    assert {BASE + f"pages/{tree['index'].pk}", BASE + f"pages/{tree['archive'].pk}"} <= urls
    assert_story_purged(purges, story, parent=tree["archive"], linking=tree["linking"])
    (event,) = events(purges)
    assert event["event"] == "page.moved"
    assert event["page"]["url"].endswith("/archive/mediation/")
    assert event["page"]["previous_url"].endswith("/stories/mediation/")


@pytest.mark.django_db
def test_a_restriction_on_a_section_purges_the_pages_below_it(
    purges, tree, django_capture_on_commit_callbacks
):
    clear(purges)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=tree["index"], restriction_type=PageViewRestriction.LOGIN
        )
    urls = purged_urls(purges)
    for page in (tree["index"], tree["story"], tree["linking"]):
        assert BASE + f"pages/{page.pk}" in urls
    assert BASE + f"stories/{tree['story'].pk}?locale=de" in urls
    assert f"{BASE}pages/find?html_path=/stories/mediation/" in urls
    assert {f"osce-page-{tree['story'].pk}", f"osce-page-{tree['index'].pk}"} <= purged_tags()
    assert [event["event"] for event in events(purges)] == ["page.restricted"]
    assert events(purges)[0]["page"]["id"] == tree["index"].pk

    clear(purges)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert BASE + f"stories/{tree['story'].pk}" in purged_urls(purges)
    assert [event["event"] for event in events(purges)] == ["page.unrestricted"]


@pytest.mark.django_db
def test_api_responses_name_their_pages_and_listings_in_tags(client, tree):
    story, linking = tree["story"], tree["linking"]
    detail = client.get(f"/api/osce/stories/{story.pk}")
    assert f"osce-page-{story.pk}" in detail["Cache-Tag"].split(",")
    assert detail["Surrogate-Key"].split() == detail["Cache-Tag"].split(",")
    listing = client.get("/api/osce/stories")
    tags = listing["Cache-Tag"].split(",")
    assert "osce-listing-stories" in tags
    assert {f"osce-page-{story.pk}", f"osce-page-{linking.pk}"} <= set(tags)
    # A cached response and a 304 carry the same tags.
    again = client.get(f"/api/osce/stories/{story.pk}", HTTP_IF_NONE_MATCH=detail["ETag"])
    assert again.status_code == 304 and again["Cache-Tag"] == detail["Cache-Tag"]


@pytest.mark.django_db
def test_snippet_responses_name_their_rows(client, locales):
    from wagtail_osce.snippets import ParticipatingState

    state = ParticipatingState.objects.create(
        slug="austria", name="Austria", iso_code="AT", locale=locales["en"]
    )
    listing = client.get("/api/osce/states")
    assert {"osce-listing-states", f"osce-snippet-state-{state.pk}"} <= set(
        listing["Cache-Tag"].split(",")
    )
    detail = client.get("/api/osce/states/austria")
    assert f"osce-snippet-state-{state.pk}" in detail["Cache-Tag"].split(",")
