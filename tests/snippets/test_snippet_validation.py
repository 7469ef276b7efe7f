"""Every validation rule of the reference snippets, on the model and as an editor meets it in the admin.

In the admin each rule must re-show the form (200) with an error on the named
field, and write nothing: no new row on add, no change on edit. Never a 500.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpResponse

from tests.factories import (
    ChairpersonshipFactory,
    FieldOfWorkFactory,
    MeetingSeriesFactory,
    ParticipatingStateFactory,
    PartnerFactory,
    StructureFactory,
)
from tests.snippets.builders import (
    admin_url,
    chairpersonship_post,
    edit_url,
    field_error,
    field_of_work_post,
    form_data,
    meeting_series_post,
    partner_post,
    state_post,
    structure_post,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

UNIQUE_MESSAGE = "in this language already has this"


def model_errors(instance: Model) -> dict[str, list[str]]:
    """The messages ``full_clean()`` raises, by field; empty when the instance is valid."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {}


def assert_rejected(response: HttpResponse, field: str, message: str) -> None:
    """The form came back with ``message`` on ``field``, and it is the only field in error."""
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    assert message in field_error(response, field)
    assert set(response.context["form"].errors) == {field}


def snapshot(instance: Model) -> dict[str, Any]:
    """The stored field values of ``instance``, to show an edit changed nothing."""
    fresh = type(instance)._default_manager.get(pk=instance.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


# -- ISO code format -------------------------------------------------------------------------

COUNTRIES = [
    pytest.param(
        ParticipatingState, ParticipatingStateFactory, state_post, id="ParticipatingState"
    ),
    pytest.param(Partner, PartnerFactory, partner_post, id="Partner"),
]


FORMAT = "Enter a two-letter ISO 3166-1 alpha-2 code in capitals, such as AT."


@pytest.mark.parametrize(("model", "factory", "post"), COUNTRIES)
@pytest.mark.parametrize(
    ("iso_code", "model_message", "form_message"),
    [
        ("A1", FORMAT, FORMAT),
        ("A", FORMAT, FORMAT),
        ("ÄT", FORMAT, FORMAT),
        ("AUT", "at most 2 characters", "at most 2 characters"),
        ("", "This field cannot be blank.", "This field is required."),
    ],
)
def test_malformed_iso_code_is_rejected(
    admin_client, locales, model, factory, post, iso_code, model_message, form_message
):
    errors = model_errors(factory.build(iso_code=iso_code))
    assert any(model_message in text for text in errors["iso_code"]), errors

    data = {**post(locales["en"]), "iso_code": iso_code}
    response = admin_client.post(admin_url(model, "add"), data)

    assert_rejected(response, "iso_code", form_message)
    assert not model.objects.exists()


@pytest.mark.parametrize(("model", "factory", "post"), COUNTRIES)
def test_lower_case_iso_code(admin_client, locales, model, factory, post):
    # The model's validator wants capitals, and full_clean() says so...
    assert "capitals" in model_errors(factory.build(iso_code="at"))["iso_code"][0]

    # ...while the admin form upper-cases what the editor typed.
    response = admin_client.post(admin_url(model, "add"), {**post(locales["en"]), "iso_code": "jp"})

    assert response.status_code == 302
    assert model.objects.get().iso_code == "JP"


@pytest.mark.parametrize(("model", "factory", "post"), COUNTRIES)
def test_malformed_iso_code_on_edit_changes_nothing(
    admin_client, admin_user, locales, model, factory, post
):
    instance = factory(iso_code="AT")
    before = snapshot(instance)
    data = {**form_data(instance, list(post(locales["en"]))), "iso_code": "A1"}

    response = admin_client.post(edit_url(admin_user, instance), data)

    assert_rejected(response, "iso_code", FORMAT)
    assert snapshot(instance) == before


# -- ISO code uniqueness within a locale -----------------------------------------------------


@pytest.mark.parametrize(("model", "factory", "post"), COUNTRIES)
def test_iso_code_is_unique_within_a_locale(admin_client, locales, model, factory, post):
    factory(iso_code="AT", name="Existing")

    errors = model_errors(factory.build(iso_code="AT"))
    assert list(errors) == ["iso_code"]
    assert UNIQUE_MESSAGE in errors["iso_code"][0]

    for typed in ("AT", "at"):
        response = admin_client.post(
            admin_url(model, "add"), {**post(locales["en"]), "iso_code": typed}
        )
        assert_rejected(response, "iso_code", UNIQUE_MESSAGE)
    assert model.objects.count() == 1


@pytest.mark.parametrize(("model", "factory", "post"), COUNTRIES)
def test_iso_code_may_repeat_in_another_locale(admin_client, locales, model, factory, post):
    factory(iso_code="AT")

    assert model_errors(factory.build(iso_code="AT", locale=locales["fr"])) == {}

    response = admin_client.post(
        admin_url(model, "add", locale="fr"), {**post(locales["fr"]), "iso_code": "AT"}
    )

    assert response.status_code == 302
    assert model.objects.filter(iso_code="AT").count() == 2
    assert model.objects.get(iso_code="AT", locale=locales["fr"])


@pytest.mark.parametrize(("model", "factory", "post"), COUNTRIES)
def test_taking_another_rows_iso_code_on_edit_changes_nothing(
    admin_client, admin_user, locales, model, factory, post
):
    factory(iso_code="AT")
    instance = factory(iso_code="BE")
    before = snapshot(instance)
    data = {**form_data(instance, list(post(locales["en"]))), "iso_code": "AT"}

    response = admin_client.post(edit_url(admin_user, instance), data)

    assert_rejected(response, "iso_code", UNIQUE_MESSAGE)
    assert snapshot(instance) == before


# -- Slug uniqueness within a locale ---------------------------------------------------------

SLUGGED = [
    pytest.param(
        ParticipatingState, ParticipatingStateFactory, state_post, id="ParticipatingState"
    ),
    pytest.param(Partner, PartnerFactory, partner_post, id="Partner"),
    pytest.param(Structure, StructureFactory, structure_post, id="Structure"),
    pytest.param(FieldOfWork, FieldOfWorkFactory, field_of_work_post, id="FieldOfWork"),
    pytest.param(MeetingSeries, MeetingSeriesFactory, meeting_series_post, id="MeetingSeries"),
    pytest.param(
        Chairpersonship, ChairpersonshipFactory, chairpersonship_post, id="Chairpersonship"
    ),
]


@pytest.mark.parametrize(("model", "factory", "post"), SLUGGED)
def test_slug_is_unique_within_a_locale(admin_client, locales, model, factory, post):
    data = post(locales["en"])
    # An explicit year keeps the existing Chairpersonship clear of the posted one's.
    factory(slug=data["slug"], **({"year": 2000} if model is Chairpersonship else {}))
    count = model.objects.count()

    errors = model_errors(factory.build(slug=data["slug"]))
    assert "slug" in errors
    assert UNIQUE_MESSAGE in errors["slug"][0]

    response = admin_client.post(admin_url(model, "add"), data)

    assert_rejected(response, "slug", UNIQUE_MESSAGE)
    assert model.objects.count() == count


@pytest.mark.parametrize(("model", "factory", "post"), SLUGGED)
def test_slug_may_repeat_in_another_locale(admin_client, locales, model, factory, post):
    data = post(locales["de"])
    factory(slug=data["slug"], **({"year": 2000} if model is Chairpersonship else {}))

    response = admin_client.post(admin_url(model, "add", locale="de"), data)

    assert response.status_code == 302
    assert model.objects.filter(slug=data["slug"]).count() == 2


@pytest.mark.parametrize(("model", "factory", "post"), SLUGGED)
def test_malformed_slug_is_rejected(admin_client, locales, model, factory, post):
    count = model.objects.count()
    data = {**post(locales["en"]), "slug": "not a slug!"}

    response = admin_client.post(admin_url(model, "add"), data)

    assert_rejected(response, "slug", "letters, numbers, underscores or hyphens")
    assert model.objects.count() == count


# -- Structure dates -------------------------------------------------------------------------


def test_structure_cannot_close_before_it_was_established(admin_client, admin_user, locales):
    message = "cannot close before it was established"
    errors = model_errors(
        StructureFactory.build(
            established=datetime.date(1999, 1, 1), closed=datetime.date(1998, 12, 31)
        )
    )
    assert list(errors) == ["closed"]
    assert message in errors["closed"][0]

    data = {**structure_post(locales["en"]), "established": "1999-01-01", "closed": "1998-12-31"}
    response = admin_client.post(admin_url(Structure, "add"), data)
    assert_rejected(response, "closed", message)
    assert not Structure.objects.exists()

    structure = StructureFactory(established=datetime.date(1999, 1, 1))
    before = snapshot(structure)
    data = {**form_data(structure, list(structure_post(locales["en"]))), "closed": "1990-05-05"}
    response = admin_client.post(edit_url(admin_user, structure), data)
    assert_rejected(response, "closed", message)
    assert snapshot(structure) == before


def test_structure_may_close_on_the_day_it_was_established(locales):
    day = datetime.date(1999, 1, 1)

    assert model_errors(StructureFactory.build(established=day, closed=day)) == {}


# -- Structure tree --------------------------------------------------------------------------

CYCLE_MESSAGE = "cannot be its own parent or ancestor"


def post_parent(
    client: Any, user: Any, structure: Structure, parent: Structure, locales: dict
) -> HttpResponse:
    data = {**form_data(structure, list(structure_post(locales["en"]))), "parent": str(parent.pk)}
    return client.post(edit_url(user, structure), data)


def test_structure_cannot_be_its_own_parent(admin_client, admin_user, locales):
    structure = StructureFactory(name="Secretariat")
    before = snapshot(structure)

    structure.parent = structure
    assert model_errors(structure)["parent"] == [
        "A structure cannot be its own parent or ancestor."
    ]

    response = post_parent(admin_client, admin_user, structure, structure, locales)

    assert_rejected(response, "parent", CYCLE_MESSAGE)
    assert snapshot(structure) == before


@pytest.mark.parametrize("depth", [1, 3])
def test_structure_cannot_become_a_child_of_its_descendant(
    admin_client, admin_user, locales, depth
):
    root = StructureFactory(name="Secretariat")
    descendant = root
    for n in range(depth):
        descendant = StructureFactory(name=f"Unit {n}", parent=descendant)
    before = snapshot(root)

    root.parent = descendant
    assert CYCLE_MESSAGE in model_errors(root)["parent"][0]

    response = post_parent(
        admin_client, admin_user, Structure.objects.get(pk=root.pk), descendant, locales
    )

    assert_rejected(response, "parent", CYCLE_MESSAGE)
    assert snapshot(root) == before


def test_structure_parent_must_be_in_the_same_locale(admin_client, admin_user, locales):
    message = "Choose a parent in the same language"
    french_parent = StructureFactory(name="Secrétariat", locale=locales["fr"])

    assert message in model_errors(StructureFactory.build(parent=french_parent))["parent"][0]

    data = {**structure_post(locales["en"]), "parent": str(french_parent.pk)}
    response = admin_client.post(admin_url(Structure, "add"), data)
    assert_rejected(response, "parent", message)
    assert Structure.objects.count() == 1

    structure = StructureFactory(name="Conflict Prevention Centre")
    before = snapshot(structure)
    response = post_parent(admin_client, admin_user, structure, french_parent, locales)
    assert_rejected(response, "parent", message)
    assert snapshot(structure) == before


def test_structure_parent_in_the_same_locale_is_accepted(admin_client, admin_user, locales):
    parent = StructureFactory(name="Secretariat")
    structure = StructureFactory(name="Conflict Prevention Centre")

    response = post_parent(admin_client, admin_user, structure, parent, locales)

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.parent == parent


# -- Structure host --------------------------------------------------------------------------


def test_structure_host_is_a_state_or_a_territory_not_both(admin_client, admin_user, locales):
    message = "either a host State or a host territory, not both"
    serbia = ParticipatingStateFactory(name="Serbia", iso_code="RS")

    errors = model_errors(StructureFactory.build(host_state=serbia, host_territory="Kosovo"))
    assert list(errors) == ["host_territory"]
    assert message in errors["host_territory"][0]

    data = {
        **structure_post(locales["en"]),
        "host_state": str(serbia.pk),
        "host_territory": "Kosovo",
    }
    response = admin_client.post(admin_url(Structure, "add"), data)
    assert_rejected(response, "host_territory", message)
    assert not Structure.objects.exists()

    structure = StructureFactory(host_territory="Kosovo")
    before = snapshot(structure)
    data = {
        **form_data(structure, list(structure_post(locales["en"]))),
        "host_state": str(serbia.pk),
    }
    response = admin_client.post(edit_url(admin_user, structure), data)
    assert_rejected(response, "host_territory", message)
    assert snapshot(structure) == before


# -- Chairpersonship -------------------------------------------------------------------------


def test_one_chairpersonship_per_year_in_a_locale(admin_client, admin_user, locales):
    ChairpersonshipFactory(year=2025, slug="finland-2025-existing")

    errors = model_errors(
        ChairpersonshipFactory.build(year=2025, state=ParticipatingStateFactory())
    )
    assert list(errors) == ["year"]
    assert UNIQUE_MESSAGE in errors["year"][0]

    response = admin_client.post(
        admin_url(Chairpersonship, "add"), chairpersonship_post(locales["en"])
    )
    assert_rejected(response, "year", UNIQUE_MESSAGE)
    assert Chairpersonship.objects.count() == 1

    other = ChairpersonshipFactory(year=2024)
    before = snapshot(other)
    data = {**form_data(other, list(chairpersonship_post(locales["en"]))), "year": "2025"}
    response = admin_client.post(edit_url(admin_user, other), data)
    assert_rejected(response, "year", UNIQUE_MESSAGE)
    assert snapshot(other) == before


def test_the_same_chairpersonship_year_in_another_locale(admin_client, locales):
    ChairpersonshipFactory(year=2025)

    response = admin_client.post(
        admin_url(Chairpersonship, "add", locale="fr"), chairpersonship_post(locales["fr"])
    )

    assert response.status_code == 302
    assert Chairpersonship.objects.filter(year=2025).count() == 2


@pytest.mark.parametrize(
    ("state", "historic_state"),
    [pytest.param(False, "", id="neither"), pytest.param(True, "Czechoslovakia", id="both")],
)
def test_chairpersonship_names_exactly_one_state(
    admin_client, admin_user, locales, state, historic_state
):
    message = "Choose the chairing State, or name a historic State, but not both."
    finland = ParticipatingStateFactory(name="Finland")
    chosen = finland if state else None

    errors = model_errors(ChairpersonshipFactory.build(state=chosen, historic_state=historic_state))
    assert errors == {"state": [message]}

    data = {
        **chairpersonship_post(locales["en"]),
        "state": str(chosen.pk) if chosen else "",
        "historic_state": historic_state,
    }
    response = admin_client.post(admin_url(Chairpersonship, "add"), data)
    assert_rejected(response, "state", message)
    assert not Chairpersonship.objects.exists()

    existing = ChairpersonshipFactory(year=1992, state=None, historic_state="Czechoslovakia")
    before = snapshot(existing)
    data = {
        **form_data(existing, list(chairpersonship_post(locales["en"]))),
        "state": str(chosen.pk) if chosen else "",
        "historic_state": historic_state,
    }
    response = admin_client.post(edit_url(admin_user, existing), data)
    assert_rejected(response, "state", message)
    assert snapshot(existing) == before


def test_chairpersonship_year_is_within_range(admin_client, locales):
    response = admin_client.post(
        admin_url(Chairpersonship, "add"), {**chairpersonship_post(locales["en"]), "year": "1989"}
    )

    assert_rejected(response, "year", "greater than or equal to 1990")
    assert not Chairpersonship.objects.exists()


# -- References to States stay within the row's language -------------------------------------


def test_structure_host_state_must_be_in_the_same_locale(admin_client, locales):
    message = "Choose a host State in the same language"
    french_austria = ParticipatingStateFactory(name="Autriche", iso_code="AT", locale=locales["fr"])

    assert (
        message in model_errors(StructureFactory.build(host_state=french_austria))["host_state"][0]
    )

    count = Structure.objects.count()
    data = {**structure_post(locales["en"]), "host_state": str(french_austria.pk)}
    response = admin_client.post(admin_url(Structure, "add"), data)
    assert_rejected(response, "host_state", message)
    assert Structure.objects.count() == count


def test_chairpersonship_state_must_be_in_the_same_locale(admin_client, locales):
    message = "Choose a State in the same language"
    french_finland = ParticipatingStateFactory(name="Finlande", iso_code="FI", locale=locales["fr"])

    errors = model_errors(ChairpersonshipFactory.build(state=french_finland, historic_state=""))
    assert message in errors["state"][0]

    count = Chairpersonship.objects.count()
    data = {**chairpersonship_post(locales["en"]), "state": str(french_finland.pk)}
    response = admin_client.post(admin_url(Chairpersonship, "add"), data)
    assert_rejected(response, "state", message)
    assert Chairpersonship.objects.count() == count
