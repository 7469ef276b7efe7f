"""The OSCE reference snippets in the Wagtail admin: menu, listings, filters, search, forms, choosers."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.models import Model
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

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
    field_of_work_post,
    form_data,
    meeting_series_post,
    partner_post,
    soup,
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

# -- Helpers shared with test_snippet_validation -------------------------------------------


def listing_headers(response: HttpResponse) -> list[str]:
    """Column headers of the listing table, without the bulk-action checkbox column."""
    table = soup(response).find("table", class_="listing")
    return [th.get_text(" ", strip=True) for th in table.thead.find_all("th")][1:]


def listing_rows(response: HttpResponse) -> dict[str, list[str]]:
    """Rows of the listing table keyed by the title cell, each a list of the other cells' text."""
    table = soup(response).find("table", class_="listing")
    rows: dict[str, list[str]] = {}
    if table is None or table.tbody is None:
        return rows
    for tr in table.tbody.find_all("tr"):
        cells = tr.find_all("td")[1:]
        title = cells[0].find("a").get_text(" ", strip=True)
        rows[title] = [td.get_text(" ", strip=True) for td in cells[1:]]
    return rows


def sidebar_menu(response: HttpResponse) -> list[dict]:
    """The admin's main menu as the sidebar receives it: the packed items of the main menu module."""
    props = json.loads(soup(response).find(id="wagtail-sidebar-props").string)
    for module in props["modules"]:
        if module["_type"] == "wagtail.sidebar.MainMenuModule":
            return module["_args"][0]
    raise AssertionError("no main menu in the sidebar")


# -- One case per snippet model ------------------------------------------------------------


@dataclass
class AdminCase:
    """What the admin of one snippet model must show and accept."""

    model: type[Model]
    make: Callable[[], Model]
    headers: list[str]
    row: Callable[[Model], list[str]]
    form_fields: list[str]
    valid_post: Callable[[Locale], dict[str, str]]
    edit_changes: dict[str, str]


CASES = [
    AdminCase(
        model=ParticipatingState,
        make=lambda: ParticipatingStateFactory(name="Austria", iso_code="AT"),
        headers=["Name", "ISO code", "Admission date", "Locale", "Updated"],
        row=lambda o: ["AT", "Jan. 30, 1992", "English"],
        form_fields=["name", "slug", "iso_code", "admission_date", "flag", "note"],
        valid_post=state_post,
        edit_changes={"name": "Republic of Austria", "admission_date": "1973-06-26"},
    ),
    AdminCase(
        model=Partner,
        make=lambda: PartnerFactory(
            name="Japan", iso_code="JP", group=Partner.Group.ASIAN, partner_since=1992
        ),
        headers=["Name", "ISO code", "Group", "Partner since", "Locale", "Updated"],
        row=lambda o: ["JP", "Asian Partners for Co-operation", "1992", "English"],
        form_fields=["name", "slug", "iso_code", "group", "partner_since"],
        valid_post=partner_post,
        edit_changes={"name": "State of Japan", "group": "mediterranean"},
    ),
    AdminCase(
        model=Structure,
        make=lambda: StructureFactory(
            name="Mission to Skopje",
            acronym="MtS",
            kind=Structure.Kind.FIELD_OPERATION,
            parent=StructureFactory(name="Conflict Prevention Centre"),
            seat_city="Skopje",
            sort_order=7,
        ),
        # Few columns, so that names keep their width (parent, seat and order are on the form).
        headers=["Name", "Acronym", "Kind", "Status", "Locale", "Updated"],
        row=lambda o: ["MtS", "Field operation", "Current", "English"],
        form_fields=[
            "name",
            "slug",
            "acronym",
            "kind",
            "region",
            "parent",
            "sort_order",
            "seat_city",
            "host_state",
            "host_territory",
            "established",
            "closed",
        ],
        valid_post=structure_post,
        edit_changes={"seat_city": "Skopje (North Macedonia)", "closed": "2024-12-31"},
    ),
    AdminCase(
        model=FieldOfWork,
        make=lambda: FieldOfWorkFactory(name="Policing", slug="policing", sort_order=3),
        headers=["Name", "Slug", "Order", "Locale", "Updated"],
        row=lambda o: ["policing", "3", "English"],
        form_fields=["name", "slug", "sort_order", "description"],
        valid_post=field_of_work_post,
        edit_changes={"name": "Policing and police reform", "sort_order": "4"},
    ),
    AdminCase(
        model=MeetingSeries,
        make=lambda: MeetingSeriesFactory(
            name="Ministerial Council", slug="ministerial-council", sort_order=1
        ),
        headers=["Name", "Slug", "Order", "Locale", "Updated"],
        row=lambda o: ["ministerial-council", "1", "English"],
        form_fields=["name", "slug", "sort_order", "description"],
        valid_post=meeting_series_post,
        edit_changes={"name": "OSCE Ministerial Council", "sort_order": "2"},
    ),
    AdminCase(
        model=Chairpersonship,
        make=lambda: ChairpersonshipFactory(
            year=2025,
            state=ParticipatingStateFactory(name="Finland", iso_code="FI"),
            name="Finland 2025",
            chairperson_in_office="Elina Valtonen",
        ),
        headers=["Name", "Year", "State", "Chairperson-in-Office", "Locale", "Updated"],
        row=lambda o: ["2025", "Finland", "Elina Valtonen", "English"],
        form_fields=["name", "slug", "year", "state", "historic_state", "chairperson_in_office"],
        valid_post=chairpersonship_post,
        edit_changes={"chairperson_in_office": "Elina Valtonen; Alexander Stubb"},
    ),
]


def case_id(case: AdminCase) -> str:
    return case.model.__name__


# -- Menu ----------------------------------------------------------------------------------


def test_osce_menu_groups_all_six_snippet_listings(admin_client, locales):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200

    groups = [item for item in sidebar_menu(response) if item["_args"][0]["label"] == "OSCE"]
    assert len(groups) == 1
    group = groups[0]
    assert group["_type"] == "wagtail.sidebar.SubMenuItem"
    links = {entry["_args"][0]["label"]: entry["_args"][0]["url"] for entry in group["_args"][1]}
    assert links == {
        "Participating States": admin_url(ParticipatingState, "list"),
        "Partners for Co-operation": admin_url(Partner, "list"),
        "Structures": admin_url(Structure, "list"),
        "Fields of work": admin_url(FieldOfWork, "list"),
        "Meeting series": admin_url(MeetingSeries, "list"),
        "Chairpersonships": admin_url(Chairpersonship, "list"),
    }
    # Every snippet has its own menu entry, so Wagtail's generic "Snippets" item is gone.
    assert "Snippets" not in [item["_args"][0]["label"] for item in sidebar_menu(response)]


# -- Listing, add and edit views -----------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_listing_shows_the_columns_and_values(admin_client, locales, case):
    instance = case.make()

    response = admin_client.get(admin_url(case.model, "list"))

    assert response.status_code == 200
    assert listing_headers(response) == case.headers
    rows = listing_rows(response)
    assert str(instance) in rows
    # The last column ("Updated") depends on the log, not on the factory's data.
    assert rows[str(instance)][: len(case.headers) - 2] == case.row(instance)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_add_view_shows_the_form(admin_client, locales, case):
    response = admin_client.get(admin_url(case.model, "add"))

    assert response.status_code == 200
    page = soup(response)
    for name in case.form_fields:
        assert page.find(attrs={"name": name}) is not None, f"no {name!r} field on the add form"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_edit_view_shows_the_objects_values(admin_client, admin_user, locales, case):
    instance = case.make()

    response = admin_client.get(edit_url(admin_user, instance))

    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="id_name")["value"] == instance.name
    assert page.find(id="id_slug")["value"] == instance.slug


@pytest.mark.parametrize("case", CASES, ids=case_id)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_valid_add_post_creates_the_object_in_the_chosen_locale(
    admin_client, locales, case, language
):
    locale = locales[language]
    data = case.valid_post(locale)
    before = case.model.objects.count()

    response = admin_client.post(admin_url(case.model, "add", locale=language), data)

    assert response.status_code == 302, field_errors_of(response)
    assert case.model.objects.count() == before + 1
    created = case.model.objects.get(slug=data["slug"], locale=locale)
    assert created.name == data["name"]
    assert response["Location"] == admin_url(case.model, "list", locale=language)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_valid_edit_post_updates_the_object(admin_client, admin_user, locales, case):
    instance = case.make()
    before = case.model.objects.count()
    data = {**form_data(instance, case.form_fields), **case.edit_changes}

    response = admin_client.post(edit_url(admin_user, instance), data)

    assert response.status_code == 302, field_errors_of(response)
    instance.refresh_from_db()
    for name, value in case.edit_changes.items():
        assert str(getattr(instance, name)) == value
    assert instance.locale == locales["en"]
    assert case.model.objects.count() == before


def field_errors_of(response: HttpResponse) -> Any:
    """The form errors of a re-shown form, to explain an unexpected 200 in an assertion."""
    context = getattr(response, "context", None)
    if context and "form" in context:
        return context["form"].errors
    return response.status_code


def test_structure_form_groups_its_fields(admin_client, locales):
    response = admin_client.get(admin_url(Structure, "add"))

    text = soup(response).get_text(" ", strip=True)
    for heading in ("Place in the organisation", "Seat and host", "Dates"):
        assert heading in text
    # Dates sit side by side in one row.
    established = soup(response).find(id="id_established")
    assert established.find_parent(class_="w-field-row").find(id="id_closed") is not None


def test_name_fills_in_the_slug_only_while_the_object_is_new(admin_client, admin_user, locales):
    state = ParticipatingStateFactory(name="Austria", slug="austria")

    add_form = soup(admin_client.get(admin_url(ParticipatingState, "add")))
    edit_form = soup(admin_client.get(edit_url(admin_user, state)))

    assert add_form.find(id="id_name")["data-w-sync-target-value"] == "#id_slug"
    assert "w-sync#apply" in add_form.find(id="id_name")["data-action"]
    assert "w-sync#apply" not in edit_form.find(id="id_name").get("data-action", "")
    assert add_form.find(id="id_slug")["data-w-slug-allow-unicode-value"] == "false"


def test_country_form_uppercases_the_iso_code(admin_client, locales):
    data = {**state_post(locales["en"]), "iso_code": "at"}

    response = admin_client.post(admin_url(ParticipatingState, "add"), data)

    assert response.status_code == 302, field_errors_of(response)
    assert ParticipatingState.objects.get(slug="austria").iso_code == "AT"


# -- Locale ------------------------------------------------------------------------------


def test_listing_filters_by_locale(admin_client, locales):
    ParticipatingStateFactory(name="Austria", iso_code="AT")
    ParticipatingStateFactory(name="Autriche", iso_code="AT", locale=locales["fr"])

    english = listing_rows(admin_client.get(admin_url(ParticipatingState, "list")))
    everything = listing_rows(admin_client.get(admin_url(ParticipatingState, "list", locale="all")))
    french = listing_rows(admin_client.get(admin_url(ParticipatingState, "list", locale="fr")))

    # The listing opens on the default language; "All" and each language stay a click away.
    assert set(english) == {"Austria"}
    assert set(everything) == {"Austria", "Autriche"}
    assert set(french) == {"Autriche"}
    assert french["Autriche"][-2] == "French"


def test_add_view_offers_the_other_locales(admin_client, locales):
    response = admin_client.get(admin_url(FieldOfWork, "add", locale="de"))

    assert response.status_code == 200
    hrefs = {a["href"] for a in soup(response).find_all("a", href=True)}
    for language in ("en", "fr", "it", "ru", "es"):
        assert admin_url(FieldOfWork, "add", locale=language) in hrefs


# -- Filters -------------------------------------------------------------------------------


@pytest.fixture
def structures(locales) -> dict[str, Structure]:
    secretariat = StructureFactory(name="Secretariat", kind=Structure.Kind.SECRETARIAT)
    return {
        "secretariat": secretariat,
        "cpc": StructureFactory(
            name="Conflict Prevention Centre",
            acronym="CPC",
            kind=Structure.Kind.SECRETARIAT_UNIT,
            parent=secretariat,
        ),
        "skopje": StructureFactory(
            name="Mission to Skopje",
            kind=Structure.Kind.FIELD_OPERATION,
            region=Structure.Region.SOUTH_EASTERN_EUROPE,
        ),
        "georgia": StructureFactory(
            name="Mission to Georgia",
            kind=Structure.Kind.FIELD_OPERATION,
            region=Structure.Region.SOUTH_CAUCASUS,
            established="1992-12-03",
            closed="2009-06-30",
        ),
        "kosovo_verification": StructureFactory(
            name="Kosovo Verification Mission",
            kind=Structure.Kind.FIELD_OPERATION,
            region=Structure.Region.SOUTH_EASTERN_EUROPE,
            host_territory="Kosovo",
            established="1998-10-25",
            closed="1999-06-09",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "field_operation"}, {"skopje", "georgia", "kosovo_verification"}),
        ({"kind": "secretariat_unit"}, {"cpc"}),
        ({"status": "closed"}, {"georgia", "kosovo_verification"}),
        ({"status": "current"}, {"secretariat", "cpc", "skopje"}),
        ({"region": "south_eastern_europe"}, {"skopje", "kosovo_verification"}),
        ({"kind": "field_operation", "status": "current"}, {"skopje"}),
    ],
)
def test_structure_filters_narrow_the_listing(admin_client, structures, query, expected):
    response = admin_client.get(admin_url(Structure, "list", **query))

    assert response.status_code == 200
    assert set(listing_rows(response)) == {structures[key].name for key in expected}


def test_closed_structure_shows_its_closing_year(admin_client, structures):
    rows = listing_rows(admin_client.get(admin_url(Structure, "list", status="closed")))

    assert rows["Mission to Georgia"][2] == "Closed 2009"


def test_partner_group_filter(admin_client, locales):
    PartnerFactory(name="Japan", group=Partner.Group.ASIAN)
    PartnerFactory(name="Thailand", group=Partner.Group.ASIAN)
    PartnerFactory(name="Egypt", group=Partner.Group.MEDITERRANEAN)

    asian = admin_client.get(admin_url(Partner, "list", group="asian"))
    mediterranean = admin_client.get(admin_url(Partner, "list", group="mediterranean"))

    assert set(listing_rows(asian)) == {"Japan", "Thailand"}
    assert set(listing_rows(mediterranean)) == {"Egypt"}


def test_chairpersonship_year_range_filter(admin_client, locales):
    for year in (1995, 1999, 2000, 2009, 2010, 2025):
        ChairpersonshipFactory(year=year, name=f"Chair {year}")

    response = admin_client.get(
        admin_url(Chairpersonship, "list", year_min="2000", year_max="2009")
    )

    assert response.status_code == 200
    assert list(listing_rows(response)) == ["Chair 2009", "Chair 2000"]


def test_chairpersonship_for_a_historic_state_lists_that_state(admin_client, locales):
    ChairpersonshipFactory(
        year=1992, state=None, historic_state="Czechoslovakia", name="Czechoslovakia 1992"
    )

    rows = listing_rows(admin_client.get(admin_url(Chairpersonship, "list")))

    assert rows["Czechoslovakia 1992"][1] == "Czechoslovakia"


def test_state_admission_date_filter(admin_client, locales):
    ParticipatingStateFactory(name="Austria", admission_date="1973-06-25")
    ParticipatingStateFactory(name="Kazakhstan", admission_date="1992-01-30")
    ParticipatingStateFactory(name="Mongolia", admission_date="2012-11-21")

    response = admin_client.get(
        admin_url(
            ParticipatingState,
            "list",
            admission_date_from="1990-01-01",
            admission_date_to="2000-12-31",
        )
    )

    assert set(listing_rows(response)) == {"Kazakhstan"}


def test_an_invalid_filter_value_does_not_fail(admin_client, structures):
    response = admin_client.get(admin_url(Structure, "list", kind="no-such-kind", status="x"))

    assert response.status_code == 200


# -- Search --------------------------------------------------------------------------------


def test_search_finds_a_state_by_the_start_of_its_name(admin_client, locales):
    ParticipatingStateFactory(name="Austria", iso_code="AT")
    ParticipatingStateFactory(name="Azerbaijan", iso_code="AZ")

    response = admin_client.get(admin_url(ParticipatingState, "list", q="Austr"))

    assert response.status_code == 200
    assert set(listing_rows(response)) == {"Austria"}


def test_search_finds_a_state_by_iso_code(admin_client, locales):
    ParticipatingStateFactory(name="Austria", iso_code="AT")
    ParticipatingStateFactory(name="Germany", iso_code="DE")
    ParticipatingStateFactory(name="Denmark", iso_code="DK")

    response = admin_client.get(admin_url(ParticipatingState, "list", q="DE"))

    # "DE" is Germany's code; Denmark only starts with the same letters.
    assert set(listing_rows(response)) == {"Germany", "Denmark"}
    response = admin_client.get(admin_url(ParticipatingState, "list", q="DK"))
    assert set(listing_rows(response)) == {"Denmark"}


def test_search_finds_a_chairpersonship_by_its_chairperson(admin_client, locales):
    ChairpersonshipFactory(year=2025, name="Finland 2025", chairperson_in_office="Elina Valtonen")
    ChairpersonshipFactory(year=2024, name="Malta 2024", chairperson_in_office="Ian Borg")

    response = admin_client.get(admin_url(Chairpersonship, "list", q="Valtonen"))

    assert set(listing_rows(response)) == {"Finland 2025"}


def test_search_ignores_double_quotes(admin_client, structures):
    response = admin_client.get(admin_url(Structure, "list", q='"Mission to Georgia'))

    assert response.status_code == 200
    assert set(listing_rows(response)) == {"Mission to Georgia"}


def test_search_combines_with_filters_and_any_sort_order(admin_client, structures):
    response = admin_client.get(
        admin_url(Structure, "list", q="Mission", status="closed", ordering="-seat_city")
    )

    assert response.status_code == 200
    assert set(listing_rows(response)) == {"Mission to Georgia", "Kosovo Verification Mission"}


@pytest.mark.parametrize("query", ["Zanzibar", '"', '"(*', "AND OR NOT", "-", "*^2"])
def test_search_with_no_match_shows_no_rows(admin_client, structures, query):
    response = admin_client.get(admin_url(Structure, "list", q=query))

    assert response.status_code == 200
    assert listing_rows(response) == {}


# -- Sorting -------------------------------------------------------------------------------


def test_states_sort_by_iso_code(admin_client, locales):
    ParticipatingStateFactory(name="Albania", iso_code="AL")
    ParticipatingStateFactory(name="Andorra", iso_code="AD")
    ParticipatingStateFactory(name="Armenia", iso_code="AM")

    by_name = admin_client.get(admin_url(ParticipatingState, "list"))
    by_code = admin_client.get(admin_url(ParticipatingState, "list", ordering="-iso_code"))

    assert list(listing_rows(by_name)) == ["Albania", "Andorra", "Armenia"]
    assert list(listing_rows(by_code)) == ["Armenia", "Albania", "Andorra"]


def test_chairpersonships_sort_by_state(admin_client, locales):
    for year, name in ((2023, "Finland"), (2024, "Malta"), (2025, "Albania")):
        ChairpersonshipFactory(
            year=year, name=f"{name} {year}", state=ParticipatingStateFactory(name=name)
        )

    by_year = admin_client.get(admin_url(Chairpersonship, "list"))
    by_state = admin_client.get(admin_url(Chairpersonship, "list", ordering="state__name"))

    assert list(listing_rows(by_year)) == ["Albania 2025", "Malta 2024", "Finland 2023"]
    assert list(listing_rows(by_state)) == ["Albania 2025", "Finland 2023", "Malta 2024"]


def test_deleting_a_state_that_chaired_is_refused(admin_client, locales):
    chairpersonship = ChairpersonshipFactory(year=2025)
    url = admin_url(ParticipatingState, "delete", chairpersonship.state.pk)

    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert confirm.context["is_protected"] is True

    response = admin_client.post(url)
    # Wagtail turns the refusal into a redirect with a "no permission" message.
    assert response.status_code == 302
    assert ParticipatingState.objects.filter(pk=chairpersonship.state.pk).exists()


def test_listing_fetches_parents_and_hosts_with_the_rows(admin_client, locales):
    parent = StructureFactory(name="Secretariat")
    host = ParticipatingStateFactory(name="Serbia")
    for n in range(30):
        StructureFactory(name=f"Unit {n}", parent=parent, host_state=host)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(admin_url(Structure, "list"))

    assert len(listing_rows(response)) == 31
    # wagtail-localize's "Translate" button costs queries per row of its own, each
    # looking up one translation_key; the listing's own columns must not: one count
    # and one select of the page, parents and hosts joined in.
    snippet_queries = [
        q["sql"]
        for q in queries
        if "wagtail_osce_" in q["sql"] and '"translation_key" = ' not in q["sql"]
    ]
    assert len(snippet_queries) == 2, snippet_queries


# -- Choosers ------------------------------------------------------------------------------


def chooser_html(response: HttpResponse) -> BeautifulSoup:
    """The HTML of a chooser modal, which Wagtail sends inside a JSON envelope."""
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


def chooser_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select("td.title a")]


def test_state_chooser_lists_states(admin_client, locales):
    ParticipatingStateFactory(name="Austria", iso_code="AT")
    ParticipatingStateFactory(name="Belgium", iso_code="BE")
    ParticipatingStateFactory(name="Autriche", iso_code="AT", locale=locales["fr"])

    chooser = ParticipatingState.snippet_viewset.chooser_viewset
    response = admin_client.get(reverse(chooser.get_url_name("choose")))

    assert response.status_code == 200
    assert set(chooser_titles(chooser_html(response))) == {"Austria", "Belgium", "Autriche"}

    french = admin_client.get(reverse(chooser.get_url_name("choose_results")), {"locale": "fr"})
    assert french.status_code == 200
    titles = [
        a.get_text(strip=True)
        for a in BeautifulSoup(french.content, "html.parser").select("td.title a")
    ]
    assert titles == ["Autriche"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Bel", ["Belgium"]), ('"Bel', ["Belgium"]), ('"', ["Austria", "Belgium"])],
)
def test_state_chooser_search(admin_client, locales, query, expected):
    ParticipatingStateFactory(name="Austria", iso_code="AT")
    ParticipatingStateFactory(name="Belgium", iso_code="BE")
    chooser = ParticipatingState.snippet_viewset.chooser_viewset

    response = admin_client.get(reverse(chooser.get_url_name("choose_results")), {"q": query})

    assert response.status_code == 200
    titles = [
        a.get_text(strip=True)
        for a in BeautifulSoup(response.content, "html.parser").select("td.title a")
    ]
    assert titles == expected


def test_structure_chooser_filters_by_kind(admin_client, structures):
    chooser = Structure.snippet_viewset.chooser_viewset

    whole = admin_client.get(reverse(chooser.get_url_name("choose")))
    assert whole.status_code == 200
    page = chooser_html(whole)
    assert page.find("select", attrs={"name": "kind"}) is not None
    assert len(chooser_titles(page)) == 5

    response = admin_client.get(
        reverse(chooser.get_url_name("choose_results")),
        {"kind": "field_operation", "q": "Mission"},
    )
    assert response.status_code == 200
    results = BeautifulSoup(response.content, "html.parser")
    assert {a.get_text(strip=True) for a in results.select("td.title a")} == {
        "Mission to Skopje",
        "Mission to Georgia",
        "Kosovo Verification Mission",
    }
    assert "Field operation" in results.get_text(" ", strip=True)


def test_structure_edit_form_uses_the_snippet_chooser_for_parent_and_host(admin_client, locales):
    response = admin_client.get(admin_url(Structure, "add"))

    page = soup(response)
    for field in ("parent", "host_state"):
        chooser = page.find(id=f"id_{field}-chooser")
        assert chooser is not None, f"{field} has no chooser widget"
