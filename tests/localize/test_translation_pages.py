# ruff: noqa: RUF001 - the Russian texts hold Cyrillic letters that look like Latin ones.
"""Pages translated end to end with wagtail-localize, as editors and translators do it.

A story holding every block type, its index and a meeting are submitted for
translation into French and Russian (``translate_object``, what "Translate this
page" runs), every string is translated (French in the translation editor's
models, Russian by PO import), the translations are published, and the site and
the API serve them. Then the English story is edited and synced: translated
strings are kept and only the new ones wait for a translator.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.localize.builders import (
    Content,
    api,
    blocks_by_type,
    publish,
    submit,
    to_russian,
    translate_by_po,
    translation_of,
    untranslated,
)
from wagtail_osce.pages.models import MeetingPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, ParticipatingState

pytestmark = pytest.mark.django_db


# Building the content ------------------------------------------------------------------


# Translating ------------------------------------------------------------------------------


# Tests ----------------------------------------------------------------------------------


def test_every_string_of_the_story_is_offered_for_translation(content: Content) -> None:
    submit(content.story, "ru")
    strings = untranslated(translation_of(content.story, content.locales["ru"]))
    # Page fields, then the body in order; empty texts and synchronised values are not there.
    for text in (
        "Observers report a calm day",
        "observers-report-a-calm-day",
        "The monitors saw a calm day.",
        "Monitors on a road",
        "Monitors on patrol",
        "The mission's observers saw no incidents.",
        "Key findings",
        "Security is built together.",
        "Helga Maria Schmid",
        "Secretary General",
        "The mandate",
        "The mission monitors the line.",
        "Observers at a checkpoint",
        "A checkpoint",
        "In pictures",
        "A patrol car",
        "On patrol",
        "The interview",
        "Good morning.",
        "The decision",
        "Decision in English",
        "Annual report",
        "Facts and figures.",
        "At a glance",
        "participating States",
        "of border patrolled",
        "History",
        "Helsinki Final Act",
        "Signed.",
        "Observers deployed",
        "Mission",
        "Georgia",
        "All stories",
        "Work with us",
        "Vacancies are open.",
        "Apply now",
        "Questions",
        "Who decides?",
        "The Permanent Council.",
        "Countries involved",
        "Who works on it",
        "Fields",
        "Read next",
        "Coming up",
    ):
        assert text in strings, f"{text!r} is not offered for translation"
    # Figures, anchors, photographers' credits and numbers are the same in every language.
    for text in ("57", "1,200 km", "key-findings", "Micky Kroell", "350"):
        assert text not in strings, f"{text!r} should be synchronised, not translated"


def test_translated_pages_are_published_and_served(client: Any, translated: dict) -> None:
    for code, expected in (
        ("ru", "Наблюдатели сообщают о спокойном дне"),
        ("fr", "Les observateurs signalent une journée calme"),
    ):
        story = translated[code]["story"]
        assert story.live and not story.has_unpublished_changes
        assert story.locale.language_code == code
        url = story.get_url()
        assert url.startswith(f"/{code}/")
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert expected in html
        assert f'<html lang="{code}"' in html
    russian_html = client.get(translated["ru"]["story"].get_url()).content.decode()
    assert "Основные выводы" in russian_html
    assert "Австрия" in russian_html

    index = translated["ru"]["index"]
    assert index.live
    listing = client.get(index.get_url()).content.decode()
    assert "Наблюдатели сообщают о спокойном дне" in listing
    assert "[ru] Our stories." in listing

    meeting = translated["fr"]["meeting"]
    assert meeting.live
    page = client.get(meeting.get_url()).content.decode()
    assert "[fr] Ministerial Council" in page
    assert "Vienne" in page


def test_api_serves_the_russian_story_with_russian_references(
    client: Any, content: Content, translated: dict
) -> None:
    story = translated["ru"]["story"]
    # osce_seed ships the Russian name of the field of work, so the translation keeps it.
    policing = FieldOfWork.objects.get(locale__language_code="ru", slug="policing").name
    assert policing != "Policing"
    # The English story's id with locale=ru, and the Russian one's own endpoint, agree.
    for path in (
        f"pages/{content.story.pk}?locale=ru",
        f"stories/{content.story.pk}?locale=ru",
        f"stories/{story.pk}?locale=ru",
    ):
        data = api(client, path)
        assert data["id"] == story.pk
        assert data["locale"] == "ru" and data["is_fallback"] is False
        assert data["title"] == "Наблюдатели сообщают о спокойном дне"
        assert data["lead"] == "[ru] The monitors saw a calm day."
        assert data["hero_caption"] == "[ru] Monitors on patrol"
        assert data["hero_credit"] == "OSCE/Micky Kroell"
        assert [c["name"] for c in data["countries"]] == ["Австрия"]
        assert [c["locale"] for c in data["countries"]] == ["ru"]
        assert [f["name"] for f in data["fields_of_work"]] == [policing]
        assert [s["name"] for s in data["sources"]] == ["Секретариат ОБСЕ"]

    body = blocks_by_type(data["body"])
    assert body["rich_text"]["html"] == "<p>Наблюдатели миссии не отметили инцидентов.</p>"
    assert body["heading"] == {"text": "Основные выводы", "level": "h2", "anchor": "key-findings"}
    assert body["quote"]["attribution"] == "[ru] Helga Maria Schmid"
    assert body["image"]["caption"] == "[ru] A checkpoint"
    assert body["image"]["credit"] == "OSCE/Micky Kroell"
    assert body["image"]["image"]["alt"] == "[ru] Observers at a checkpoint"
    assert body["key_figures"]["figures"] == [
        {"value": "57", "label": "государств-участников"},
        {"value": "1,200 km", "label": "[ru] of border patrolled"},
    ]
    assert body["table"]["caption"] == "[ru] Observers deployed"
    assert body["table"]["rows"] == [["[ru] Georgia", 350.0]]
    assert body["download"]["document"]["id"] == content.refs.document.pk
    assert body["call_to_action"]["button_label"] == "[ru] Apply now"
    assert body["call_to_action"]["link"]["url"] == "https://jobs.osce.org/"
    assert body["states"]["heading"] == "Вовлечённые страны"
    assert [s["name"] for s in body["states"]["states"]] == ["Австрия"]
    assert [s["name"] for s in body["structures"]["structures"]] == ["Секретариат ОБСЕ"]
    assert [f["name"] for f in body["fields_of_work"]["fields_of_work"]] == [policing]
    related = blocks_by_type(data["related_stories"])["related_stories"]
    assert related["field_of_work"]["name"] == policing
    assert body["upcoming_meetings"]["series"]["locale"] == "ru"
    upcoming = body["upcoming_meetings"]["meetings"]
    assert [m["id"] for m in upcoming] == [translated["ru"]["meeting"].pk]
    assert upcoming[0]["title"] == "[ru] Ministerial Council"
    assert upcoming[0]["country"]["name"] == "Австрия"

    french = api(client, f"stories/{content.story.pk}?locale=fr")
    assert french["title"] == "Les observateurs signalent une journée calme"
    assert [c["name"] for c in french["countries"]] == ["Autriche"]
    assert [f["name"] for f in french["fields_of_work"]] == ["Activités de police"]


def test_api_serves_the_translated_meeting_with_translated_references(
    client: Any, content: Content, translated: dict
) -> None:
    data = api(client, f"meetings/{content.meeting.pk}?locale=ru")
    assert data["id"] == translated["ru"]["meeting"].pk
    assert data["title"] == "[ru] Ministerial Council"
    assert data["city"] == "Вена"
    assert data["venue"] == "[ru] Hofburg"
    assert data["country"]["name"] == "Австрия"
    assert data["series"]["locale"] == "ru"
    assert data["organiser"]["locale"] == "ru"
    assert data["start"] == api(client, f"meetings/{content.meeting.pk}")["start"]
    documents = data["documents"]
    assert documents[0]["value"]["title"] == "[ru] Final declaration"
    assert documents[0]["value"]["kind"] == "declaration"


def test_translated_pages_refer_to_reference_rows_in_their_own_language(
    content: Content, translated: dict
) -> None:
    for code in ("fr", "ru"):
        locale = content.locales[code]
        story = StoryPage.objects.get(pk=translated[code]["story"].pk)
        for relation in (story.countries, story.fields_of_work, story.sources):
            rows = list(relation.all())
            assert rows, "the references were lost"
            assert {row.locale_id for row in rows} == {locale.pk}
        assert story.countries.get().translation_key == content.refs.austria.translation_key
        # The published revision, which the next publish restores, says the same.
        live = story.live_revision.as_object()
        assert {row.locale_id for row in live.countries.all()} == {locale.pk}

        meeting = MeetingPage.objects.get(pk=translated[code]["meeting"].pk)
        assert meeting.country.locale_id == locale.pk
        assert meeting.series.locale_id == locale.pk
        assert meeting.organiser.locale_id == locale.pk
        assert meeting.start == content.meeting.start

    # The CLDR country names that osce_seed gave the translations survive the submission.
    assert content.refs.austria.get_translation(content.locales["ru"]).name == "Австрия"
    assert content.refs.austria.get_translation(content.locales["fr"]).name == "Autriche"


def test_editing_the_source_keeps_every_existing_translation(
    client: Any, content: Content, translated: dict
) -> None:
    ru = content.locales["ru"]
    translation = translation_of(content.story, ru)
    assert untranslated(translation) == []

    # The editor changes one paragraph and adds a block, then publishes.
    story = StoryPage.objects.get(pk=content.story.pk)
    body = story.body
    body[0].value.source = "<p>The mission's observers saw two incidents.</p>"
    body.append(("rich_text", "<p>A new paragraph.</p>"))
    story.lead = "The monitors saw a calm day."  # unchanged
    story.save_revision().publish()

    # "Sync translated pages": the source is read again and the translation updated.
    source = translation.source
    source.update_from_db()
    assert untranslated(translation) == [
        "The mission's observers saw two incidents.",
        "A new paragraph.",
    ]
    publish(translation)

    data = api(client, f"stories/{content.story.pk}?locale=ru")
    assert data["title"] == "Наблюдатели сообщают о спокойном дне"
    assert data["lead"] == "[ru] The monitors saw a calm day."
    texts = [block["value"]["html"] for block in data["body"] if block["type"] == "rich_text"]
    # Untranslated strings show the source text until a translator gets to them.
    assert texts == [
        "<p>The mission's observers saw two incidents.</p>",
        "<p>A new paragraph.</p>",
    ]
    assert blocks_by_type(data["body"])["heading"]["text"] == "Основные выводы"
    assert [c["name"] for c in data["countries"]] == ["Австрия"]

    # Translating the two new strings completes the translation again.
    assert translate_by_po(translation, to_russian) == 2
    publish(translation)
    data = api(client, f"stories/{content.story.pk}?locale=ru")
    texts = [block["value"]["html"] for block in data["body"] if block["type"] == "rich_text"]
    assert texts == [
        "<p>[ru] The mission's observers saw two incidents.</p>",
        "<p>[ru] A new paragraph.</p>",
    ]
    assert untranslated(translation) == []


def test_a_changed_reference_in_the_source_reaches_the_translation(
    client: Any, content: Content, translated: dict
) -> None:
    germany = ParticipatingState.objects.get(iso_code="DE", locale=content.locales["en"])
    story = StoryPage.objects.get(pk=content.story.pk)
    story.countries = [content.refs.austria, germany]
    story.save_revision().publish()

    translation = translation_of(content.story, content.locales["ru"])
    translation.source.update_from_db()
    publish(translation)

    data = api(client, f"stories/{content.story.pk}?locale=ru")
    assert sorted(c["name"] for c in data["countries"]) == ["Австрия", "Германия"]
    russian = StoryPage.objects.get(pk=translated["ru"]["story"].pk)
    assert {row.locale_id for row in russian.countries.all()} == {content.locales["ru"].pk}


def test_a_page_copied_into_french_without_wagtail_localize_gets_the_french_rows(
    content: Content,
) -> None:
    # Wagtail's own copy for translation (what wagtail.contrib.simple_translation does).
    fr = content.locales["fr"]
    french = content.story.copy_for_translation(fr, copy_parents=True)
    french = StoryPage.objects.get(pk=french.pk)
    austria_fr = content.refs.austria.get_translation(fr)
    assert list(french.countries.all()) == [austria_fr]
    assert list(french.sources.all()) == [content.refs.secretariat.get_translation(fr)]

    # A row chosen in both languages is kept once, in the page's language.
    french.countries = [content.refs.austria, austria_fr]
    french.save_revision().publish()
    assert list(StoryPage.objects.get(pk=french.pk).countries.all()) == [austria_fr]
