# ruff: noqa: RUF001 - the Russian texts hold Cyrillic letters that look like Latin ones.
"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
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

from wagtail_osce.pages.models import MeetingPage, StoryIndexPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

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
            "type": "upcoming_meetings",
            "value": {"heading": "Coming up", "series": refs.series.pk, "count": 3},
        },
    ]


def related_stories_field(refs: References) -> list[dict[str, Any]]:
    """The story's "read next" field: the latest stories in a field of work."""
    return [
        {
            "type": "related_stories",
            "value": {
                "heading": "Read next",
                "stories": [],
                "field_of_work": refs.policing.pk,
                "count": 3,
            },
        }
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


def api(client: Any, path: str) -> dict[str, Any]:
    response = client.get(f"/api/osce/{path}")
    assert response.status_code == 200, response.content[:500]
    return response.json()


def blocks_by_type(body: list[dict[str, Any]]) -> dict[str, Any]:
    return {block["type"]: block["value"] for block in body}
