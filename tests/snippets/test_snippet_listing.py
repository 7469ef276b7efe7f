"""Snippet listings open on one language, keep the locale filter, and fit their columns."""

from __future__ import annotations

from typing import Any

import pytest
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from tests.factories import ParticipatingStateFactory
from tests.snippets.builders import admin_url, soup
from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure

pytestmark = pytest.mark.django_db


def listed(response: Any) -> list[Any]:
    return list(response.context["page_obj"].paginator.object_list)


def checked_locale(response: Any) -> str:
    (radio,) = soup(response).select('input[name="locale"][checked]')
    return radio["value"]


def test_listing_opens_on_the_default_language_with_the_filter_still_there(
    admin_client, seeded
) -> None:
    response = admin_client.get(admin_url(FieldOfWork, "list"))
    assert response.status_code == 200
    rows = listed(response)
    assert {row.locale.language_code for row in rows} == {"en"}
    assert len(rows) == FieldOfWork.objects.filter(locale=Locale.get_default()).count()
    assert checked_locale(response) == "en"
    values = [radio["value"] for radio in soup(response).select('input[name="locale"]')]
    assert values == ["all", "en", "fr", "de", "it", "ru", "es"]
    # "Add" creates a row in the language on screen.
    assert "add/?locale=en" in response.content.decode()


def test_all_languages_and_another_language_stay_one_click_away(admin_client, seeded) -> None:
    everything = admin_client.get(admin_url(FieldOfWork, "list", locale="all"))
    assert len(listed(everything)) == FieldOfWork.objects.count() > 23
    assert checked_locale(everything) == "all"
    french = admin_client.get(admin_url(FieldOfWork, "list", locale="fr"))
    assert {row.locale.language_code for row in listed(french)} == {"fr"}
    assert "add/?locale=fr" in french.content.decode()


def test_search_keeps_to_the_language_on_screen(admin_client, locales) -> None:
    ParticipatingStateFactory(name="Austria", slug="austria", iso_code="AT")
    ParticipatingStateFactory(
        name="Austria (Österreich)", slug="austria", iso_code="AT", locale=locales["de"]
    )
    response = admin_client.get(admin_url(ParticipatingState, "list", q="Austria"))
    assert [row.locale.language_code for row in listed(response)] == ["en"]
    everywhere = admin_client.get(admin_url(ParticipatingState, "list", q="Austria", locale="all"))
    assert sorted(row.locale.language_code for row in listed(everywhere)) == ["de", "en"]


def test_a_french_translator_s_listing_opens_on_french(client, seeded, french_translator) -> None:
    client.force_login(french_translator)
    response = client.get(admin_url(ParticipatingState, "list"))
    assert checked_locale(response) == "fr"
    assert {row.locale.language_code for row in listed(response)} == {"fr"}


def test_a_russian_admin_s_listing_opens_on_russian(admin_client, admin_user, seeded) -> None:
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ru"
    profile.save()
    response = admin_client.get(admin_url(ParticipatingState, "list"))
    assert checked_locale(response) == "ru"
    names = {row.name for row in listed(response)}
    assert "Австрия" in names and "Austria" not in names


def test_structures_listing_fits_its_columns(admin_client, seeded) -> None:
    response = admin_client.get(admin_url(Structure, "list"))
    headers = [th.get_text(" ", strip=True) for th in soup(response).select("thead th")]
    # Name, acronym, kind, status, locale, updated (and the bulk-action checkbox).
    assert len([h for h in headers if h]) <= 6, headers
    assert "Seat city" not in headers and "Sort order" not in headers
    # Names and short codes wrap between words only, with the admin's stylesheet for it.
    assert soup(response).select("td.osce-no-break")
    assert "wagtail_osce/admin/listings.css" in response.content.decode()


TYPED = 'input[type="text"], input[type="number"], input[type="url"], textarea'


@pytest.mark.parametrize(
    "model",
    [ParticipatingState, "partner", Structure, FieldOfWork, "meetingseries", "chairpersonship"],
)
def test_every_field_a_person_types_into_has_help_text(admin_client, locales, model) -> None:
    from django.apps import apps

    if isinstance(model, str):
        model = apps.get_model("wagtail_osce", model)
    page = soup(admin_client.get(admin_url(model, "add", locale="en")))
    missing = []
    for field in page.select(f"form {TYPED}"):
        name = field.get("name", "")
        if not name or name.startswith(("q", "locale")) or field.get("type") == "hidden":
            continue
        wrapper = field.find_parent(attrs={"data-field-wrapper": True}) or field.find_parent(
            class_="w-field__wrapper"
        )
        help_text = wrapper.select_one(".help") if wrapper else None
        if help_text is None or not help_text.get_text(strip=True):
            missing.append(name)
    assert missing == []


def test_a_state_s_note_says_it_is_internal(admin_client, locales) -> None:
    page = soup(admin_client.get(admin_url(ParticipatingState, "add", locale="en")))
    wrapper = page.select_one('textarea[name="note"]').find_parent(class_="w-field__wrapper")
    assert "not offered for translation" in wrapper.get_text()
