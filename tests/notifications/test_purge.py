"""Purging the API's responses from the frontend cache on publish and unpublish."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page, Site

from tests.notifications.builders import IMMEDIATE_TASKS
from wagtail_osce.notifications.purge import (
    api_root_path,
    api_urls_for_page,
    api_urls_for_snippet,
    purge_reference_data,
    purge_urls,
)
from wagtail_osce.pages.models import MeetingIndexPage, StoryIndexPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure


@pytest.fixture(autouse=True)
def api_mounted(settings) -> str:
    """The example site mounts the API under ``api/osce/``, as the README tells a site to."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.WAGTAIL_OSCE = {}
    root = api_root_path()
    assert root == "/api/osce/"
    return root


@pytest.fixture
def frontend_cache(settings, receiver):
    """Wagtail's HTTP purger, sending PURGE requests to the local receiver."""
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    return receiver


def purged(receiver) -> set[str]:
    """The URLs the receiver was asked to purge, rebuilt from the Host header and the path."""
    return {f"http://{r.headers['Host']}{r.path}" for r in receiver.received("PURGE")}


@pytest.fixture
def site_root(locales) -> Page:
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def story_index(site_root) -> StoryIndexPage:
    index = StoryIndexPage(title="Stories", slug="stories")
    site_root.add_child(instance=index)
    return index


def make_page(parent: Page, **fields: object) -> StoryPage:
    page = StoryPage(
        title="Annual Security Review Conference", slug=uuid.uuid4().hex[:12], **fields
    )
    parent.add_child(instance=page)
    return page


BASE = "http://localhost/api/osce/"
ALL_LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]


def with_locales(paths: list[str], languages: list[str]) -> set[str]:
    """Each path as is and with ``locale=`` for each language."""
    urls = set()
    for api_path in paths:
        urls.add(BASE + api_path)
        separator = "&" if "?" in api_path else "?"
        urls.update(f"{BASE}{api_path}{separator}locale={code}" for code in languages)
    return urls


def page_paths(page: Page, *parent_ids: int, type: str = "wagtail_osce.StoryPage") -> list[str]:
    paths = [f"pages/{page.pk}", "pages", f"pages?type={type}"]
    if type == "wagtail_osce.StoryPage":
        paths += [f"stories/{page.pk}", "stories"]
    for parent_id in parent_ids:
        paths += [f"pages/{parent_id}", f"pages?child_of={parent_id}"]
    return paths


def find_urls(*html_paths: str) -> set[str]:
    """``pages/find`` URLs for each path, with the path encoded and as is."""
    return {
        f"{BASE}pages/find?html_path={spelling}"
        for html_path in html_paths
        for spelling in (html_path.replace("/", "%2F"), html_path)
    }


@pytest.mark.django_db
def test_a_default_locale_page_purges_every_locale_that_falls_back_to_it(story_index):
    page = make_page(story_index)
    slug = page.slug

    urls = api_urls_for_page(page)

    assert set(urls) == with_locales(page_paths(page, story_index.pk), ALL_LANGUAGES) | find_urls(
        f"/stories/{slug}/", *(f"/{code}/stories/{slug}/" for code in ALL_LANGUAGES[1:])
    )
    assert len(urls) == len(set(urls)) == 7 * 7 + 6 * 2
    assert f"{BASE}pages/{page.pk}?locale=ru" in urls


@pytest.mark.django_db
def test_a_page_right_below_the_tree_root_has_no_parent_listing(locales):
    top = Page.get_first_root_node().add_child(instance=Page(title="Archive", slug="archive"))

    assert set(api_urls_for_page(top)) >= with_locales(
        page_paths(top, type="wagtailcore.Page"), ALL_LANGUAGES
    )
    assert not any("child_of" in url for url in api_urls_for_page(top))


@pytest.mark.django_db
def test_publish_purges_the_api_urls(
    frontend_cache, story_index, django_capture_on_commit_callbacks
):
    page = make_page(story_index)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert with_locales(page_paths(page, story_index.pk), ALL_LANGUAGES) <= purged(frontend_cache)


@pytest.mark.django_db
def test_unpublish_purges_the_api_urls(
    frontend_cache, story_index, django_capture_on_commit_callbacks
):
    page = make_page(story_index)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    frontend_cache.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert with_locales(page_paths(page, story_index.pk), ALL_LANGUAGES) <= purged(frontend_cache)


@pytest.mark.django_db
def test_a_translation_purges_its_own_locale(
    frontend_cache, story_index, locales, django_capture_on_commit_callbacks
):
    page = make_page(story_index)
    page.save_revision().publish()
    Site.objects.get(is_default_site=True).root_page.copy_for_translation(locales["fr"])
    french_parent = story_index.copy_for_translation(locales["fr"])
    french = page.copy_for_translation(locales["fr"])
    frontend_cache.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()

    urls = purged(frontend_cache)
    # The French parent's children listing, and the English one's, which falls back.
    assert with_locales(page_paths(french, french_parent.pk, story_index.pk), ["fr"]) <= urls
    assert find_urls(f"/fr/stories/{french.slug}/") <= urls
    # A translation changes only its own locale's responses.
    assert not any(f"locale={code}" in url for url in urls for code in ("en", "de", "ru"))


@pytest.mark.django_db
def test_publishing_an_index_page_purges_the_navigation(
    frontend_cache, site_root, django_capture_on_commit_callbacks
):
    index = MeetingIndexPage(title="Meetings", slug="meetings")
    site_root.add_child(instance=index)

    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()

    assert with_locales(
        [*page_paths(index, site_root.pk, type="wagtail_osce.MeetingIndexPage"), "navigation"],
        ALL_LANGUAGES,
    ) <= purged(frontend_cache)


@pytest.mark.django_db
def test_a_story_does_not_purge_the_navigation(story_index):
    assert not any("navigation" in url for url in api_urls_for_page(make_page(story_index)))


@pytest.mark.django_db
def test_saving_a_reference_snippet_purges_its_detail_listing_and_the_navigation(
    frontend_cache, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        FieldOfWork.objects.create(
            name="Gender equality", slug="gender-equality", locale=locales["de"]
        )

    assert with_locales(
        ["fields-of-work/gender-equality", "fields-of-work", "navigation"], ["de"]
    ) == purged(frontend_cache)


@pytest.mark.django_db
def test_renaming_a_snippet_slug_purges_the_old_detail_url(
    frontend_cache, locales, django_capture_on_commit_callbacks
):
    state = ParticipatingState.objects.create(
        name="Moldova", slug="moldova-old", iso_code="MD", locale=locales["fr"]
    )
    frontend_cache.requests.clear()

    state.slug = "moldova"
    with django_capture_on_commit_callbacks(execute=True):
        state.save()

    urls = purged(frontend_cache)
    assert with_locales(["states/moldova", "states/moldova-old", "states"], ["fr"]) <= urls


@pytest.mark.django_db
def test_deleting_a_default_locale_snippet_purges_every_locale(
    frontend_cache, locales, django_capture_on_commit_callbacks
):
    series = MeetingSeries.objects.create(
        name="Economic and Environmental Forum", slug="eef", locale=locales["en"]
    )
    frontend_cache.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        series.delete()

    assert with_locales(
        ["meeting-series/eef", "meeting-series", "navigation"], ALL_LANGUAGES
    ) == purged(frontend_cache)


@pytest.mark.django_db
def test_without_a_frontend_cache_publishing_purges_nothing(
    settings,
    receiver,
    story_index,
    django_capture_on_commit_callbacks,
):
    assert not hasattr(settings, "WAGTAILFRONTENDCACHE")
    # Webhooks still go to the receiver, so it would see any purge too.
    settings.WAGTAIL_OSCE = {"WEBHOOK_URLS": [receiver.url], "WEBHOOK_SECRET": "s3cret"}
    page = make_page(story_index)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.unpublish()

    page.refresh_from_db()
    assert not page.live
    assert [r.method for r in receiver.requests] == ["POST", "POST"]
    purge_urls(["http://localhost/api/osce/pages"])  # a no-op, not an error
    assert not receiver.received("PURGE")


@pytest.mark.django_db
def test_snippet_responses_are_purged_on_every_site_host(
    frontend_cache, site_root, locales, django_capture_on_commit_callbacks
):
    Site.objects.create(hostname="other.example.org", port=443, root_page=site_root)

    with django_capture_on_commit_callbacks(execute=True):
        Structure.objects.create(name="Secretariat", slug="secretariat", locale=locales["fr"])

    urls = purged(frontend_cache)
    for host in ("localhost", "other.example.org"):
        assert f"http://{host}/api/osce/structures/secretariat?locale=fr" in urls
        assert f"http://{host}/api/osce/structures/tree" in urls


@pytest.mark.django_db
def test_purge_reference_data_covers_every_listing_and_the_navigation(frontend_cache, locales):
    purge_reference_data()

    urls = purged(frontend_cache)
    for listing in (
        "states",
        "partners",
        "structures",
        "structures/tree",
        "fields-of-work",
        "meeting-series",
        "chairpersonships",
        "chairpersonships/current",
        "navigation",
    ):
        assert with_locales([listing], ALL_LANGUAGES) <= urls


@pytest.mark.django_db
def test_every_purged_url_is_a_real_api_response(client, story_index, locales):
    """The purge list follows the API: each URL answers 200 for a live page and snippet."""
    story_index.save_revision().publish()
    page = make_page(story_index)
    page.save_revision().publish()
    state = ParticipatingState.objects.create(
        name="Austria", slug="austria", iso_code="AT", locale=locales["en"]
    )

    urls = api_urls_for_page(page) + api_urls_for_snippet(state)

    for url in urls:
        parts = urlsplit(url)
        response = client.get(f"{parts.path}?{parts.query}", HTTP_HOST=parts.netloc)
        assert response.status_code == 200, (url, response.content[:200])
