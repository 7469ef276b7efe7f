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

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Collection, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from tests.page_factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    make_image,
)
from wagtail_osce.pages.models import MeetingPage, StoryIndexPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

#: Real translations for the strings the assertions look at; every other string
#: gets a marked copy, so a string left in English is easy to spot.
RUSSIAN = {
    "Observers report a calm day": "Наблюдатели сообщают о спокойном дне",
    "observers-report-a-calm-day": "nabliudateli-soobshchaiut",
    "The mission's observers saw no incidents.": "Наблюдатели миссии не отметили инцидентов.",
    "Key findings": "Основные выводы",
    "participating States": "государств-участников",
    "Countries involved": "Вовлечённые страны",
    "Policing": "Полицейская деятельность",
    "OSCE Secretariat": "Секретариат ОБСЕ",
    "Vienna": "Вена",
}
FRENCH = {
    "Observers report a calm day": "Les observateurs signalent une journée calme",
    "observers-report-a-calm-day": "journee-calme",
    "The mission's observers saw no incidents.": "Les observateurs de la mission n'ont vu aucun incident.",
    "Key findings": "Principales conclusions",
    "participating States": "États participants",
    "Policing": "Activités de police",
    "OSCE Secretariat": "Secrétariat de l'OSCE",
    "Vienna": "Vienne",
}


def to_russian(text: str) -> str:
    return RUSSIAN.get(text, f"[ru] {text}")


def to_french(text: str) -> str:
    return FRENCH.get(text, f"[fr] {text}")


# Building the content ------------------------------------------------------------------


def make_document(title: str = "Annual report") -> Any:
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4\n% test\n"), save=False)
    document.save()
    return document


def cache_embed(url: str = VIDEO_URL) -> Embed:
    """The embed as the oEmbed finder stores it, so rendering never goes to the network."""
    return Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        title="Interview",
        provider_name="YouTube",
        width=480,
        height=270,
    )


def seed_reference_data() -> None:
    """The shipped reference data in English, French and Russian (CLDR country names)."""
    call_command("osce_seed", locales=["fr", "ru"], stdout=io.StringIO())


def en(model: type, slug: str) -> Any:
    return model.objects.get(slug=slug, locale=Locale.get_default())


def image_value(image: Any, alt: str, caption: str) -> dict[str, Any]:
    return {
        "image": image.pk,
        "alt_text": alt,
        "decorative": False,
        "caption": caption,
        "credit": "Micky Kroell",
    }


def every_block_body(refs: References) -> list[dict[str, Any]]:
    """One block of every type the story body offers, each with its own English texts."""
    return [
        {
            "type": "rich_text",
            "value": "<p>The mission's observers saw no incidents.</p>",
        },
        {
            "type": "heading",
            "value": {"text": "Key findings", "level": "h2", "anchor": "key-findings"},
        },
        {
            "type": "quote",
            "value": {
                "text": "Security is built together.",
                "attribution": "Helga Maria Schmid",
                "role": "Secretary General",
            },
        },
        {
            "type": "fact_box",
            "value": {"title": "The mandate", "body": "<p>The mission monitors the line.</p>"},
        },
        {
            "type": "image",
            "value": image_value(refs.image, "Observers at a checkpoint", "A checkpoint"),
        },
        {
            "type": "gallery",
            "value": {
                "title": "In pictures",
                "images": [
                    image_value(refs.image, "A patrol car", "On patrol"),
                    image_value(refs.image, "A meeting room", "Talks"),
                ],
            },
        },
        {
            "type": "video",
            "value": {"url": VIDEO_URL, "caption": "The interview", "transcript": "Good morning."},
        },
        {
            "type": "document_list",
            "value": {
                "title": "The decision",
                "items": [
                    {"title": "Decision in English", "document": refs.document.pk, "language": "en"}
                ],
            },
        },
        {
            "type": "download",
            "value": {
                "document": refs.document.pk,
                "title": "Annual report",
                "description": "Facts and figures.",
            },
        },
        {
            "type": "key_figures",
            "value": {
                "title": "At a glance",
                "figures": [
                    {"value": "57", "label": "participating States"},
                    {"value": "1,200 km", "label": "of border patrolled"},
                ],
            },
        },
        {
            "type": "timeline",
            "value": {
                "title": "History",
                "events": [
                    {"date": "1975-08-01", "title": "Helsinki Final Act", "text": "Signed."}
                ],
            },
        },
        {
            "type": "table",
            "value": {
                "caption": "Observers deployed",
                "columns": [
                    {"type": "text", "heading": "Mission"},
                    {"type": "number", "heading": "Observers"},
                ],
                "rows": [{"values": ["Georgia", "350"]}],
            },
        },
        {
            "type": "link",
            "value": {"page": refs.index.pk, "document": None, "url": "", "text": "All stories"},
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "Work with us",
                "text": "Vacancies are open.",
                "button_label": "Apply now",
                "link": {
                    "page": None,
                    "document": None,
                    "url": "https://jobs.osce.org/",
                    "text": "",
                },
            },
        },
        {
            "type": "accordion",
            "value": {
                "title": "Questions",
                "items": [{"title": "Who decides?", "body": "<p>The Permanent Council.</p>"}],
            },
        },
        {
            "type": "states",
            "value": {"heading": "Countries involved", "states": [refs.austria.pk]},
        },
        {
            "type": "structures",
            "value": {"heading": "Who works on it", "structures": [refs.secretariat.pk]},
        },
        {
            "type": "fields_of_work",
            "value": {"heading": "Fields", "fields_of_work": [refs.policing.pk]},
        },
        {
            "type": "related_stories",
            "value": {
                "heading": "Read next",
                "stories": [],
                "field_of_work": refs.policing.pk,
                "count": 3,
            },
        },
        {
            "type": "upcoming_meetings",
            "value": {"heading": "Coming up", "series": refs.series.pk, "count": 3},
        },
    ]


@dataclass
class References:
    austria: ParticipatingState
    policing: FieldOfWork
    secretariat: Structure
    chairpersonship: Structure
    series: MeetingSeries
    image: Any
    document: Any
    index: StoryIndexPage | None = None


@dataclass
class Content:
    refs: References
    index: StoryIndexPage
    story: StoryPage
    meeting_index: Any
    meeting: MeetingPage
    locales: dict[str, Locale]


@pytest.fixture
def content(locales: dict[str, Locale]) -> Content:
    """A story index with a story of every block type, and a meeting, all in English."""
    seed_reference_data()
    cache_embed()
    refs = References(
        austria=ParticipatingState.objects.get(iso_code="AT", locale=locales["en"]),
        policing=en(FieldOfWork, "policing"),
        secretariat=en(Structure, "secretariat"),
        chairpersonship=en(Structure, "chairpersonship"),
        series=en(MeetingSeries, "ministerial-council-meetings"),
        image=make_image("Checkpoint"),
        document=make_document(),
    )
    index = StoryIndexPageFactory(title="Stories", slug="stories", intro="<p>Our stories.</p>")
    refs.index = index
    story = StoryPageFactory(
        parent=index,
        title="Observers report a calm day",
        slug="observers-report-a-calm-day",
        date=datetime.date(2025, 3, 14),
        lead="The monitors saw a calm day.",
        hero_image=refs.image,
        hero_alt_text="Monitors on a road",
        hero_caption="Monitors on patrol",
        hero_credit="Micky Kroell",
        body=every_block_body(refs),
        sources=[refs.secretariat],
        fields_of_work=[refs.policing],
        countries=[refs.austria],
    )
    meeting_index = MeetingIndexPageFactory(title="Meetings", slug="meetings")
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=30)
    meeting = MeetingPageFactory(
        parent=meeting_index,
        title="Ministerial Council",
        slug="ministerial-council",
        start=start,
        end=start + datetime.timedelta(days=1),
        city="Vienna",
        venue="Hofburg",
        lead="Foreign ministers meet.",
        series=refs.series,
        country=refs.austria,
        organiser=refs.chairpersonship,
        body=[{"type": "rich_text", "value": "<p>The agenda.</p>"}],
        documents=[
            {
                "type": "document",
                "value": {
                    "document": refs.document.pk,
                    "title": "Final declaration",
                    "description": "",
                    "kind": "declaration",
                },
            }
        ],
    )
    # Read back as the admin reads them. The bodies were written in code, as raw data:
    # their list items (figures, gallery images, sections) must still be translatable.
    return Content(
        refs=refs,
        index=StoryIndexPage.objects.get(pk=index.pk),
        story=StoryPage.objects.get(pk=story.pk),
        meeting_index=meeting_index,
        meeting=MeetingPage.objects.get(pk=meeting.pk),
        locales=locales,
    )


# Translating ------------------------------------------------------------------------------


def translation_of(instance: Any, locale: Locale) -> Translation:
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(source=source, target_locale=locale)


def untranslated(translation: Translation) -> list[str]:
    """Source strings with no translation into the target locale yet, in page order."""
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .select_related("string")
        .order_by("order")
    )
    return [segment.string.data for segment in segments if segment.translation is None]


def translate_in_editor(translation: Translation, translate: Callable[[str], str]) -> int:
    """Translate each untranslated string as the translation editor saves it."""
    count = 0
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        _obj, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": translate(segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
        count += created
    return count


def translate_by_po(translation: Translation, translate: Callable[[str], str]) -> int:
    """Download the PO file, fill in every empty msgstr, upload it again."""
    po = translation.export_po()
    filled = 0
    for entry in po:
        if not entry.obsolete and not entry.msgstr:
            entry.msgstr = translate(entry.msgid)
            filled += 1
    warnings = translation.import_po(po)
    assert warnings == []
    return filled


def publish(translation: Translation) -> None:
    """Save the target with the current translations and publish it, as "Publish" in the editor.

    wagtail-localize publishes once the transaction commits; the test runs those callbacks.
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)


def submit(instance: Any, *codes: str) -> None:
    """What "Translate this page" (or "Translate" on a snippet) does for the chosen locales."""
    translate_object(instance, [Locale.objects.get(language_code=code) for code in codes])


def translate_snippet(instance: Any, code: str, translate: Callable[[str], str]) -> Any:
    """Translate a reference snippet's texts into ``code`` with wagtail-localize and save it."""
    locale = Locale.objects.get(language_code=code)
    submit(instance, code)
    translation = translation_of(instance, locale)
    translate_in_editor(translation, translate)
    publish(translation)
    return instance.get_translation(locale)


def translate_pages(content: Content) -> dict[str, dict[str, Page]]:
    """Submit, translate and publish the story index, the story and the meeting in fr and ru."""
    for page in (content.index, content.story, content.meeting):
        submit(page, "fr", "ru")
    for page in (content.index, content.story, content.meeting):
        translate_in_editor(translation_of(page, content.locales["fr"]), to_french)
        translate_by_po(translation_of(page, content.locales["ru"]), to_russian)
    for page in (content.index, content.story, content.meeting):
        for code in ("fr", "ru"):
            publish(translation_of(page, content.locales[code]))
    return {
        code: {
            name: page.get_translation(content.locales[code]).specific
            for name, page in (
                ("index", content.index),
                ("story", content.story),
                ("meeting", content.meeting),
            )
        }
        for code in ("fr", "ru")
    }


@pytest.fixture
def translated(content: Content) -> dict[str, dict[str, Page]]:
    # Reference data the story shows whose seeded translations are English copies.
    for code, translate in (("ru", to_russian), ("fr", to_french)):
        translate_snippet(content.refs.policing, code, translate)
        translate_snippet(content.refs.secretariat, code, translate)
    return translate_pages(content)


def api(client: Any, path: str) -> dict[str, Any]:
    response = client.get(f"/api/osce/{path}")
    assert response.status_code == 200, response.content[:500]
    return response.json()


def blocks_by_type(body: list[dict[str, Any]]) -> dict[str, Any]:
    return {block["type"]: block["value"] for block in body}


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
    assert body["related_stories"]["field_of_work"]["name"] == policing
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
