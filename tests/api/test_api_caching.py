"""HTTP caching: ETag and Cache-Control on every successful GET, 304 on a matching If-None-Match."""

from __future__ import annotations

import pytest

from tests.api.builders import API, publish, story, story_index
from wagtail_osce.snippets import FieldOfWork


@pytest.fixture
def content(locales):
    FieldOfWork.objects.create(name="Policing", slug="policing", locale=locales["en"])
    index = story_index()
    return {"story": story(index, "Police reform")}


CACHEABLE = ["fields-of-work", "navigation", "stories", "pages", "search?q=police"]


@pytest.mark.parametrize("path", CACHEABLE)
def test_success_carries_etag_and_cache_control(client, content, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60"}


def test_etag_is_stable_for_the_same_content(client, content):
    first = client.get(f"{API}/stories")
    second = client.get(f"{API}/stories")
    assert first["ETag"] == second["ETag"]


def test_max_age_follows_the_setting(client, content, settings):
    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 300}
    response = client.get(f"{API}/fields-of-work")
    assert "max-age=300" in response["Cache-Control"]


def test_matching_if_none_match_gets_304_without_body(client, content):
    url = f"{API}/stories/{content['story'].pk}"
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "max-age=60" in response["Cache-Control"]


def test_weak_and_listed_etags_match_too(client, content):
    url = f"{API}/fields-of-work"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 304


def test_changed_content_gets_a_new_etag_and_200(client, content):
    url = f"{API}/stories/{content['story'].pk}"
    old_etag = client.get(url)["ETag"]
    page = content["story"]
    page.title = "Police reform, updated"
    publish(page)
    response = client.get(url, HTTP_IF_NONE_MATCH=old_etag)
    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert response.json()["title"] == "Police reform, updated"


def test_locale_changes_the_etag(client, content):
    english = client.get(f"{API}/fields-of-work")
    french = client.get(f"{API}/fields-of-work?locale=fr")
    assert english["ETag"] != french["ETag"]


def test_errors_are_not_cached(client, content):
    response = client.get(f"{API}/stories?page_size=0")
    assert response.status_code == 400
    assert "ETag" not in response
    assert "no-cache" in response["Cache-Control"]
    missing = client.get(f"{API}/stories/999999", HTTP_IF_NONE_MATCH="*")
    assert missing.status_code == 404
    assert "ETag" not in missing
