"""Drafts previewed in a decoupled frontend: the API serves them under a signed token only."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from tests.api.builders import API, story, story_index
from wagtail_osce.pages.models import StoryPage

FRONTEND = "http://127.0.0.1:3000/preview"


@pytest.fixture
def headless(settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": FRONTEND}}


@pytest.fixture
def draft(locales):
    """A live story with a newer draft revision that changes its title and body."""
    page = story(story_index(), "Live title", slug="live-title")
    page.title = "Draft title"
    page.body = [{"type": "rich_text", "value": "<p>Draft words</p>"}]
    page.save_revision()
    return page


def preview_params(page) -> dict[str, str]:
    preview = page.create_page_preview()
    return {"content_type": page.get_content_type_str(), "token": preview.token}


@pytest.mark.django_db
def test_a_draft_is_served_under_its_token_and_nowhere_else(client, draft):
    revision = draft.get_latest_revision_as_object()
    response = client.get(f"{API}/preview", preview_params(revision))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "ETag" not in response
    data = response.json()
    assert data["title"] == "Draft title"
    assert data["id"] == draft.pk
    assert data["body"][0]["value"]["html"] == "<p>Draft words</p>"
    live = client.get(f"{API}/stories/{draft.pk}").json()
    assert live["title"] == "Live title" and "Draft words" not in str(live)


@pytest.mark.django_db
def test_the_preview_has_the_live_details_shape(client, draft):
    revision = draft.get_latest_revision_as_object()
    preview = client.get(f"{API}/preview", preview_params(revision)).json()
    live = client.get(f"{API}/stories/{draft.pk}").json()
    assert preview.keys() == live.keys()


@pytest.mark.django_db
def test_a_new_page_can_be_previewed(client, locales):
    index = story_index()
    page = StoryPage(title="Brand new", slug="brand-new", locale=locales["en"])
    page.path, page.depth = index.path + "0001", index.depth + 1
    page.set_url_path(index)
    params = {
        "content_type": page.get_content_type_str(),
        "token": page.get_preview_signer().sign(f"parent_id={index.pk};page_type=x"),
    }
    page.update_page_preview(params["token"])
    data = client.get(f"{API}/preview", params).json()
    assert data["title"] == "Brand new"
    assert data["id"] == 0


@pytest.mark.django_db
def test_a_translation_in_progress_is_previewed_in_its_language(client, draft):
    french = draft.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title = "Titre provisoire"
    french.save_revision()
    data = client.get(f"{API}/preview", preview_params(french.get_latest_revision_as_object()))
    assert data.json()["title"] == "Titre provisoire"
    assert data.json()["locale"] == "fr"
    assert client.get(f"{API}/pages/{french.pk}").status_code == 404


@pytest.mark.django_db
def test_tampered_expired_and_other_type_tokens_are_refused(client, draft, settings):
    params = preview_params(draft.get_latest_revision_as_object())
    tampered = client.get(f"{API}/preview", {**params, "token": params["token"] + "x"})
    assert tampered.status_code == 401
    assert tampered.json()["error"]["parameter"] == "token"
    other_type = client.get(
        f"{API}/preview", {**params, "content_type": "wagtail_osce.meetingpage"}
    )
    assert other_type.status_code == 404
    unknown = client.get(f"{API}/preview", {**params, "content_type": "nope.nothing"})
    assert unknown.status_code == 404
    settings.WAGTAIL_OSCE = {"PREVIEW_TOKEN_MAX_AGE": -1}
    expired = client.get(f"{API}/preview", params)
    assert expired.status_code == 401
    assert "expired" in expired.json()["error"]["message"]
    for response in (tampered, other_type, unknown, expired):
        assert "Draft title" not in response.content.decode()


@pytest.mark.django_db
def test_the_admin_preview_opens_the_frontend_when_there_is_one(draft, headless, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    html = draft.get_latest_revision_as_object().serve_preview(request, "").content.decode()
    src = re.search(r'<iframe src="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert src.startswith(FRONTEND)
    query = parse_qs(urlsplit(src).query)
    assert query["content_type"] == ["wagtail_osce.storypage"]
    assert query["token"]


@pytest.mark.django_db
def test_without_a_frontend_the_admin_preview_uses_the_template(draft, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    html = draft.get_latest_revision_as_object().serve_preview(request, "").render().content
    assert b"Draft title" in html and b"<iframe" not in html
