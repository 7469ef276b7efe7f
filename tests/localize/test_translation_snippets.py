"""Reference snippets translated with wagtail-localize, alongside the translations osce_seed made.

``osce_seed`` creates every snippet in every locale (CLDR names for countries).
Submitting a snippet for translation, or a page that refers to it, must keep
those texts; translating through wagtail-localize then works as for pages:
synchronised codes and dates follow the source, references follow the locale,
and a source edit loses no translation.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.views.edit_translation import apply_machine_translation

from tests.localize.builders import (
    publish,
    submit,
    translate_by_po,
    translate_in_editor,
    translation_of,
    untranslated,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    ParticipatingState,
    Partner,
    Structure,
)

pytestmark = pytest.mark.django_db

RUSSIAN = {
    "Policing": "Полицейская деятельность",
    "OSCE Secretariat": "Секретариат ОБСЕ",
    "Border Management Staff College": "Колледж по вопросам управления границами",
    "Dushanbe": "Душанбе",
}


def to_russian(text: str) -> str:
    return RUSSIAN.get(text, f"[ru] {text}")


@pytest.fixture
def seeded(locales: dict[str, Locale]) -> dict[str, Locale]:
    call_command("osce_seed", locales=["fr", "ru"], stdout=io.StringIO())
    return locales


def en(model: type, **lookup: Any) -> Any:
    return model.objects.get(locale=Locale.get_default(), **lookup)


def test_submitting_a_seeded_snippet_keeps_its_translations(seeded: dict[str, Locale]) -> None:
    austria = en(ParticipatingState, iso_code="AT")
    submit(austria, "fr", "ru")

    assert austria.get_translation(seeded["ru"]).name == "Австрия"
    assert austria.get_translation(seeded["fr"]).name == "Autriche"
    # The translation editor shows the seeded name as the translation to review. The
    # internal note (sourcing text for editors) is synchronised: never offered to translate.
    ru = translation_of(austria, seeded["ru"])
    assert austria.note
    assert untranslated(ru) == []
    assert not StringSegment.objects.filter(source=ru.source, context__path="note").exists()
    name = StringTranslation.objects.get(
        context__object_id=austria.translation_key, context__path="name", locale=seeded["ru"]
    )
    assert name.data == "Австрия"

    # Publishing from the editor writes them back unchanged.
    publish(ru)
    assert austria.get_translation(seeded["ru"]).name == "Австрия"


def test_a_snippet_translated_through_wagtail_localize(seeded: dict[str, Locale]) -> None:
    ru = seeded["ru"]
    policing = en(FieldOfWork, slug="policing")
    policing.description = "Police reform and training."
    policing.save()
    # The seeded Russian row has the shipped Russian name, which counts as translated.
    seeded_name = policing.get_translation(ru).name
    assert seeded_name != "Policing"

    submit(policing, "ru")
    translation = translation_of(policing, ru)
    assert untranslated(translation) == ["Police reform and training."]
    assert translate_by_po(translation, to_russian) == 1
    publish(translation)

    russian = policing.get_translation(ru)
    assert russian.name == seeded_name
    assert russian.description == "[ru] Police reform and training."
    assert (russian.slug, russian.sort_order) == (policing.slug, policing.sort_order)

    # A source edit: the changed description waits for a translator, the name is kept.
    policing.description = "Police reform, training and community policing."
    policing.sort_order = 99
    policing.save()
    translation.source.update_from_db()
    assert untranslated(translation) == ["Police reform, training and community policing."]
    publish(translation)
    russian.refresh_from_db()
    assert russian.name == seeded_name
    assert russian.description == "Police reform, training and community policing."
    assert russian.sort_order == 99


def test_the_api_serves_the_translated_snippet(client: Any, seeded: dict[str, Locale]) -> None:
    policing = en(FieldOfWork, slug="policing")
    policing.description = "Police reform and training."
    policing.save()
    seeded_name = policing.get_translation(seeded["ru"]).name
    submit(policing, "ru")
    translation = translation_of(policing, seeded["ru"])
    translate_in_editor(translation, to_russian)
    publish(translation)

    response = client.get("/api/osce/fields-of-work/policing?locale=ru")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == seeded_name
    assert data["description"] == "[ru] Police reform and training."
    assert (data["locale"], data["is_fallback"]) == ("ru", False)


def test_a_new_structure_takes_its_references_into_the_target_locale(
    client: Any, seeded: dict[str, Locale]
) -> None:
    ru = seeded["ru"]
    secretariat = en(Structure, slug="secretariat")
    tajikistan = en(ParticipatingState, iso_code="TJ")
    college = Structure.objects.create(
        locale=Locale.get_default(),
        name="Border Management Staff College",
        slug="border-management-staff-college",
        acronym="BMSC",
        kind=Structure.Kind.FIELD_OPERATION,
        parent=secretariat,
        seat_city="Dushanbe",
        host_state=tajikistan,
        established=datetime.date(2009, 5, 27),
        sort_order=500,
    )
    submit(college, "ru")
    translation = translation_of(college, ru)
    assert untranslated(translation) == ["Border Management Staff College", "BMSC", "Dushanbe"]
    translate_in_editor(translation, to_russian)
    publish(translation)

    russian = college.get_translation(ru)
    assert russian.name == "Колледж по вопросам управления границами"
    assert russian.seat_city == "Душанбе"
    assert russian.parent == secretariat.get_translation(ru)
    assert russian.host_state == tajikistan.get_translation(ru)
    assert russian.host_state.name == "Таджикистан"
    assert (russian.kind, russian.established, russian.sort_order) == (
        college.kind,
        college.established,
        college.sort_order,
    )

    data = client.get("/api/osce/structures/border-management-staff-college?locale=ru").json()
    assert data["name"] == "Колледж по вопросам управления границами"
    assert data["host"]["name"] == "Таджикистан"
    assert data["parent"]["id"] == secretariat.get_translation(ru).pk


def test_synchronised_codes_and_dates_follow_the_source(seeded: dict[str, Locale]) -> None:
    ru = seeded["ru"]
    austria = en(ParticipatingState, iso_code="AT")
    submit(austria, "ru")
    austria.admission_date = datetime.date(1973, 7, 3)
    austria.note = "A founding State."
    austria.save()

    translation = translation_of(austria, ru)
    translation.source.update_from_db()
    # The note is the editors' own: copied to the translation, not offered to translate.
    assert untranslated(translation) == []
    publish(translation)

    russian = austria.get_translation(ru)
    assert russian.name == "Австрия"
    assert russian.admission_date == datetime.date(1973, 7, 3)
    assert russian.iso_code == "AT"
    assert russian.note == "A founding State."


def test_chairpersonship_state_follows_the_locale(seeded: dict[str, Locale]) -> None:
    ru = seeded["ru"]
    chair = en(Chairpersonship, year=2025)
    submit(chair, "ru")
    publish(translation_of(chair, ru))
    russian = chair.get_translation(ru)
    assert russian.state == chair.state.get_translation(ru)
    assert russian.year == 2025


def test_partner_codes_are_synchronised(seeded: dict[str, Locale]) -> None:
    ru = seeded["ru"]
    partner = en(Partner, iso_code="JP")
    russian_name = partner.get_translation(ru).name
    partner.partner_since = 1993
    partner.save()
    submit(partner, "ru")
    publish(translation_of(partner, ru))
    russian = partner.get_translation(ru)
    assert russian.name == russian_name != partner.name
    assert (russian.group, russian.partner_since) == (partner.group, 1993)


def test_a_machine_translator_fills_in_the_untranslated_strings(
    seeded: dict[str, Locale], settings: Any
) -> None:
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    fow = en(FieldOfWork, slug="border-management")
    fow.description = "Border security and management"
    fow.save()
    submit(fow, "ru")
    translation = translation_of(fow, seeded["ru"])

    assert apply_machine_translation(translation.id, user, get_machine_translator())
    publish(translation)
    # The dummy translator reverses the words.
    assert fow.get_translation(seeded["ru"]).description == "management and security Border"
    machine = StringTranslation.objects.get(
        context__object_id=fow.translation_key, context__path="description", locale=seeded["ru"]
    )
    assert machine.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
