"""A NUL byte never reaches the database: a field error in the admin, a file error in osce_seed.

PostgreSQL cannot store a NUL byte in text; SQLite can. Both must behave alike.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.urls import reverse

from tests.factories import FieldOfWorkFactory, ParticipatingStateFactory, StructureFactory
from tests.snippets.builders import (
    corrupt,
    edit_url,
    field_error,
    form_data,
    row_counts,
    run_seed,
    snapshot,
)
from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Partner, Structure

STATE_FIELDS = ["name", "slug", "iso_code", "admission_date", "note", "alternative_names"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Aus\x00tria"),
        ("slug", "aus\x00tria"),
        ("iso_code", "A\x00"),
        ("note", "Host of the\x00 Secretariat."),
        ("alternative_names", "Österreich\x00"),
    ],
)
def test_the_state_edit_form_refuses_a_nul_byte(admin_client, admin_user, locales, field, value):
    state = ParticipatingStateFactory(name="Austria", slug="austria", iso_code="AT")
    before = ParticipatingState.objects.values().get(pk=state.pk)
    data = {**form_data(state, STATE_FIELDS), "flag": "", field: value}

    response = admin_client.post(edit_url(admin_user, state), data)

    assert response.status_code == 200
    assert "Null characters are not allowed." in field_error(response, field)
    assert ParticipatingState.objects.values().get(pk=state.pk) == before


def test_the_field_of_work_form_refuses_a_nul_byte_in_its_description(
    admin_client, admin_user, locales
):
    fow = FieldOfWorkFactory(name="Policing", slug="policing")
    data = {**form_data(fow, ["name", "slug", "sort_order"]), "description": "Police\x00"}
    response = admin_client.post(edit_url(admin_user, fow), data)
    assert response.status_code == 200
    assert "Null characters are not allowed." in field_error(response, "description")
    assert FieldOfWork.objects.get(pk=fow.pk).description == fow.description


@pytest.mark.parametrize(
    ("model", "make", "field"),
    [
        (ParticipatingState, lambda: ParticipatingStateFactory.build(), "name"),
        (ParticipatingState, lambda: ParticipatingStateFactory.build(), "alternative_names"),
        (
            Partner,
            lambda: Partner(name="Japan", slug="japan", iso_code="JP", group="asian"),
            "slug",
        ),
        (Structure, lambda: StructureFactory.build(), "seat_city"),
        (FieldOfWork, lambda: FieldOfWorkFactory.build(), "description"),
    ],
)
def test_model_validation_refuses_a_nul_byte(locales, model, make, field) -> None:
    """Code that saves through ``full_clean()`` (imports, the seeder) gets a field error too."""
    instance = make()
    setattr(instance, field, f"{getattr(instance, field) or 'x'}\x00")
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_osce_seed_refuses_a_data_file_with_a_control_character(
    seeded, data_dir, char: str
) -> None:
    before = snapshot()
    line = corrupt(data_dir / "participating_states.csv", "slug", "austria", "note", f"a{char}b")
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir), "--overwrite")
    message = str(error.value)
    assert f"participating_states.csv, line {line}: note contains the control character" in message
    assert f"U+{ord(char):04X}" in message
    assert snapshot() == before


def test_osce_seed_refuses_a_nul_byte_in_a_names_file(locales, data_dir) -> None:
    path = data_dir / "country_names.csv"
    text = path.read_text(encoding="utf-8").replace("Saint-Siège", "Saint-\x00Siège", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir))
    assert "country_names.csv, line " in str(error.value)
    assert "name contains the control character U+0000" in str(error.value)
    assert all(count == 0 for count in row_counts().values())


def test_tabs_and_newlines_are_allowed(locales, data_dir) -> None:
    corrupt(data_dir / "participating_states.csv", "slug", "austria", "note", "one\ttwo\nthree")
    run_seed("--data-dir", str(data_dir), "--locale", "fr")
    assert ParticipatingState.objects.get(slug="austria", locale=locales["en"]).note == (
        "one\ttwo\nthree"
    )


def test_searching_for_a_nul_byte_is_not_an_error(admin_client, locales) -> None:
    ParticipatingStateFactory(name="Austria", iso_code="AT")
    viewset = ParticipatingState.snippet_viewset
    listing = admin_client.get(reverse(viewset.get_url_name("list")), {"q": "Aus\x00"})
    assert listing.status_code == 200
    chooser = viewset.chooser_viewset
    results = admin_client.get(reverse(chooser.get_url_name("choose_results")), {"q": "Aus\x00"})
    assert results.status_code == 200
