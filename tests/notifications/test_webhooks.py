"""Signed webhooks on publish and unpublish, delivered to a real HTTP receiver."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import transaction
from wagtail.models import Page, Site

from tests.notifications.builders import (
    SECRET,
    configure_webhooks,
    unused_port,
)
from wagtail_osce.notifications.webhooks import sign, verify_signature
from wagtail_osce.pages.models import StoryIndexPage, StoryPage
from wagtail_osce.signal_handlers import muted
from wagtail_osce.snippets import FieldOfWork


@pytest.fixture
def story_index(locales) -> StoryIndexPage:
    """A live story index right below the default site's root page."""
    index = StoryIndexPage(title="Stories", slug="stories")
    Site.objects.get(is_default_site=True).root_page.add_child(instance=index)
    return index


def make_page(parent: Page, title: str = "Ministerial Council") -> StoryPage:
    page = StoryPage(title=title, slug=uuid.uuid4().hex[:12])
    parent.add_child(instance=page)
    return page


def publish(page: Page, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def unpublish(page: Page, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()


@pytest.mark.django_db
def test_publish_posts_one_signed_event_per_receiver(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [f"{receiver.url}/a", f"{receiver.url}/b"])
    page = make_page(story_index)

    publish(page, django_capture_on_commit_callbacks)

    for path in ("/a", "/b"):
        [request] = receiver.received("POST", path)
        assert verify_signature(SECRET, request.body, request.headers["X-OSCE-Signature"])
        assert request.headers["X-OSCE-Signature"].startswith("sha256=")
        assert request.headers["Content-Type"] == "application/json"
        assert request.headers["X-OSCE-Event"] == "page.published"
        uuid.UUID(request.headers["X-OSCE-Delivery"])
        payload = request.json()
        assert payload["event"] == "page.published"
        page.refresh_from_db()
        assert payload["page"] == {
            "id": page.pk,
            "type": "wagtail_osce.StoryPage",
            "locale": "en",
            "url": f"http://localhost/stories/{page.slug}/",
            "api_url": f"http://localhost/api/osce/pages/{page.pk}",
            "translation_key": str(page.translation_key),
        }
        assert payload["timestamp"]
    deliveries = {r.headers["X-OSCE-Delivery"] for r in receiver.received("POST")}
    assert len(deliveries) == 2
    assert len(receiver.requests) == 2


@pytest.mark.django_db
def test_api_url_points_into_the_mounted_api(
    receiver, settings, monkeypatch, story_index, locales, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [receiver.url])
    page = make_page(story_index)

    publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        FieldOfWork.objects.create(name="Policing", slug="policing", locale=locales["it"])

    page_event, snippet_event = (r.json() for r in receiver.received("POST"))
    assert page_event["page"]["api_url"] == f"http://localhost/api/osce/pages/{page.pk}"
    assert (
        snippet_event["snippet"]["api_url"] == "http://localhost/api/osce/fields-of-work/policing"
    )


@pytest.mark.django_db
def test_unpublish_posts_unpublished_event(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [receiver.url])
    page = make_page(story_index)
    publish(page, django_capture_on_commit_callbacks)
    receiver.requests.clear()

    unpublish(page, django_capture_on_commit_callbacks)

    [request] = receiver.received("POST")
    assert request.headers["X-OSCE-Event"] == "page.unpublished"
    assert request.json()["event"] == "page.unpublished"
    assert request.json()["page"]["id"] == page.pk
    assert verify_signature(SECRET, request.body, request.headers["X-OSCE-Signature"])


@pytest.mark.django_db
def test_deleting_a_live_page_announces_it_unpublished(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [receiver.url])
    page = make_page(story_index)
    publish(page, django_capture_on_commit_callbacks)
    receiver.requests.clear()
    page_id = page.pk

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    [request] = receiver.received("POST")
    assert request.json()["event"] == "page.unpublished"
    assert request.json()["page"]["id"] == page_id


@pytest.mark.django_db
def test_server_errors_are_retried_until_success(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [f"{receiver.url}/flaky"])
    receiver.script["/flaky"] = [500, 503]
    page = make_page(story_index)

    publish(page, django_capture_on_commit_callbacks)

    attempts = receiver.received("POST", "/flaky")
    assert len(attempts) == 3
    # Every attempt is the same delivery: same id, same signed body.
    assert len({a.headers["X-OSCE-Delivery"] for a in attempts}) == 1
    assert len({a.body for a in attempts}) == 1
    assert all(verify_signature(SECRET, a.body, a.headers["X-OSCE-Signature"]) for a in attempts)


@pytest.mark.django_db
def test_client_errors_are_not_retried(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks, caplog
):
    configure_webhooks(settings, monkeypatch, [f"{receiver.url}/strict"])
    receiver.script["/strict"] = [400, 400, 400]
    page = make_page(story_index)

    with caplog.at_level("ERROR", logger="wagtail_osce.webhooks"):
        publish(page, django_capture_on_commit_callbacks)

    assert len(receiver.received("POST", "/strict")) == 1
    assert "not retried" in caplog.text


@pytest.mark.django_db
def test_retries_use_webhook_retries(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [f"{receiver.url}/down"], WEBHOOK_RETRIES=4)
    receiver.script["/down"] = [500] * 10
    page = make_page(story_index)

    publish(page, django_capture_on_commit_callbacks)

    assert len(receiver.received("POST", "/down")) == 5


@pytest.mark.django_db
def test_unreachable_receiver_gives_up_and_publishing_succeeds(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks, caplog
):
    dead = f"http://127.0.0.1:{unused_port()}/hook"
    configure_webhooks(settings, monkeypatch, [dead, f"{receiver.url}/alive"])
    page = make_page(story_index)

    with caplog.at_level("WARNING", logger="wagtail_osce.webhooks"):
        publish(page, django_capture_on_commit_callbacks)

    page.refresh_from_db()
    assert page.live
    retries = [r for r in caplog.records if "retrying" in r.getMessage() and dead in r.getMessage()]
    assert len(retries) == 2
    assert any("failed after 3 attempts" in r.getMessage() for r in caplog.records)
    # The other receiver still got its event.
    assert len(receiver.received("POST", "/alive")) == 1


@pytest.mark.django_db
def test_nothing_is_sent_for_a_rolled_back_publish(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [receiver.url])
    page = make_page(story_index)

    class Abort(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Abort),
        transaction.atomic(),
    ):
        page.save_revision().publish()
        raise Abort

    assert receiver.requests == []


@pytest.mark.django_db
def test_nothing_is_sent_without_configured_urls(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [])
    page = make_page(story_index)

    publish(page, django_capture_on_commit_callbacks)

    page.refresh_from_db()
    assert page.live
    assert receiver.requests == []


@pytest.mark.django_db
def test_muted_block_sends_nothing(
    receiver, settings, monkeypatch, story_index, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [receiver.url])
    page = make_page(story_index)

    with muted():
        publish(page, django_capture_on_commit_callbacks)

    assert receiver.requests == []


@pytest.mark.django_db
def test_snippet_save_and_delete_are_announced(
    receiver, settings, monkeypatch, locales, django_capture_on_commit_callbacks
):
    configure_webhooks(settings, monkeypatch, [receiver.url])

    with django_capture_on_commit_callbacks(execute=True):
        field_of_work = FieldOfWork.objects.create(
            name="Arms control", slug="arms-control", locale=locales["fr"]
        )
    with django_capture_on_commit_callbacks(execute=True):
        field_of_work.delete()

    saved, deleted = receiver.received("POST")
    assert saved.json()["event"] == "snippet.saved"
    assert saved.json()["snippet"]["type"] == "wagtail_osce.FieldOfWork"
    assert saved.json()["snippet"]["locale"] == "fr"
    assert deleted.json()["event"] == "snippet.deleted"
    assert deleted.json()["snippet"]["id"] == saved.json()["snippet"]["id"]
    for request in (saved, deleted):
        assert verify_signature(SECRET, request.body, request.headers["X-OSCE-Signature"])


def test_verify_signature_accepts_only_the_exact_body_and_secret():
    body = b'{"event":"page.published"}'
    header = sign(SECRET, body)

    assert verify_signature(SECRET, body, header)
    assert not verify_signature(SECRET, body + b" ", header)
    assert not verify_signature("other", body, header)
    assert not verify_signature(SECRET, body, header.replace("sha256=", "sha1="))
    assert not verify_signature(SECRET, body, "")
    assert not verify_signature(SECRET, body, None)
    assert not verify_signature("", body, sign("", body))
    assert not verify_signature(SECRET, body, "sha256=ünïcode")


def test_signature_is_hex_hmac_sha256_of_the_raw_body():
    import hashlib
    import hmac

    body = b'{"a":1}'
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert sign(SECRET, body) == f"sha256={expected}"


def test_system_check_requires_a_secret_and_http_urls(settings):
    settings.WAGTAIL_OSCE = {"WEBHOOK_URLS": ["ftp://example.org/hook"], "WEBHOOK_SECRET": ""}

    with pytest.raises(SystemCheckError) as excinfo:
        call_command("check")

    message = str(excinfo.value)
    assert "wagtail_osce.E102" in message
    assert "wagtail_osce.E103" in message
    assert "WEBHOOK_SECRET" in message


def _docs_example(marker: str, language: str) -> str:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "webhooks.md").read_text()
    after = docs[docs.index(marker) :]
    start = after.index(f"```{language}\n") + len(f"```{language}\n")
    return after[start : after.index("```", start)]


def test_the_receiver_example_in_the_docs_verifies_real_signatures():
    namespace: dict[str, object] = {}
    exec(_docs_example("Python, with nothing but the standard library", "python"), namespace)
    docs_verify = namespace["verify_signature"]
    body = b'{"event":"page.unpublished"}'

    assert docs_verify(SECRET, body, sign(SECRET, body))
    assert not docs_verify(SECRET, body, sign("other", body))
    assert not docs_verify(SECRET, body + b"\n", sign(SECRET, body))
