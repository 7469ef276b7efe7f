"""Translators: drafts until published, and a dashboard that lists what to translate."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from wagtail.models import GroupPagePermission, Locale, Page

from tests.localize.builders import Content, submit, to_french, translate_in_editor, translation_of
from wagtail_osce.dashboard import language_queue, translatable_locales
from wagtail_osce.permissions.models import GroupLocalePermission

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_translator(content: Content) -> Any:
    """Like the example's "French translators": change and publish on the French tree only."""
    french = content.locales["fr"]
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    french_home = home.copy_for_translation(french, copy_parents=True)
    group = Group.objects.create(name="French translators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=french_home, permission=Permission.objects.get(codename=codename)
        )
    GroupLocalePermission.objects.create(group=group, locale=french)
    user = get_user_model().objects.create_user("fr-translator", "fr@example.com", "pw")
    user.groups.add(group)
    return user


def test_a_translation_of_a_live_page_stays_a_draft(content: Content, settings) -> None:
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False
    assert content.story.live
    submit(content.story, "fr")
    french = content.story.get_translation(content.locales["fr"])
    assert not french.live


def test_translator_sees_only_their_languages(content, french_translator) -> None:
    assert [locale.language_code for locale in translatable_locales(french_translator)] == ["fr"]


def test_queue_lists_untranslated_then_waiting_then_changed(content: Content) -> None:
    french = content.locales["fr"]
    queue = language_queue(french)
    assert content.story.title in [item.title for item in queue.untranslated]
    assert not queue.waiting

    submit(content.story, "fr")
    queue = language_queue(french)
    assert content.story.title not in [item.title for item in queue.untranslated]
    (waiting,) = [item for item in queue.waiting if item.title == content.story.title]
    target = content.story.get_translation(french)
    assert waiting.url == f"/admin/pages/{target.pk}/edit/"

    translation = translation_of(content.story, french)
    translate_in_editor(translation, to_french)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    queue = language_queue(french)
    assert content.story.title not in [i.title for i in queue.waiting + queue.changed]

    # The source is edited and published again: the French page is now behind.
    story = content.story
    story.refresh_from_db()
    story.lead = "The monitors saw a calm day and a busy night."
    revision = story.save_revision()
    revision.publish()
    story.refresh_from_db()
    story.last_published_at = story.last_published_at + datetime.timedelta(seconds=1)
    story.save(update_fields=["last_published_at"])
    queue = language_queue(french)
    assert content.story.title in [item.title for item in queue.changed]


def test_dashboard_panel_lets_a_translator_start_and_find_translations(
    client, content: Content, french_translator
) -> None:
    client.force_login(french_translator)
    html = client.get("/admin/").content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one(".osce-translation-queue")
    assert panel is not None
    assert [h.get_text(strip=True) for h in panel.select("h3")] == ["French"]
    start_url = f"/admin/localize/submit/page/{content.story.pk}/"
    assert start_url in html

    # Starting the translation from the panel: a French draft the translator can open.
    response = client.post(start_url, {"locales": [content.locales["fr"].pk]})
    assert response.status_code == 302
    french = content.story.get_translation(content.locales["fr"])
    assert not french.live
    assert response["Location"] == f"/admin/pages/{french.pk}/edit/"
    html = client.get("/admin/").content.decode()
    assert f"/admin/pages/{french.pk}/edit/" in html
    assert "Waiting for translation" in html
    assert client.get(response["Location"]).status_code == 200
