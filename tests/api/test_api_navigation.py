"""The mega-menu endpoint: the site's four menu columns, in the requested language."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from wagtail_osce.snippets import Chairpersonship, ParticipatingState, Structure

API = "/api/osce"


@pytest.fixture
def seeded(locales):
    call_command("osce_seed", locales=["fr"], verbosity=0)
    return locales


@pytest.fixture
def menu(client, seeded):
    response = client.get(f"{API}/navigation")
    assert response.status_code == 200
    return response.json()


def section(menu: dict, key: str) -> dict:
    return next(s for s in menu["sections"] if s["key"] == key)


def group(items: list[dict], key: str) -> dict:
    return next(i for i in items if i["key"] == f"group:{key}")


def test_four_sections_in_menu_order(menu):
    assert [s["key"] for s in menu["sections"]] == [
        "fields-of-work",
        "meetings",
        "countries",
        "structures",
    ]
    assert [s["label"] for s in menu["sections"]] == [
        "Fields of work",
        "Meetings and conferences",
        "Countries",
        "Structures and institutions",
    ]
    assert menu["locale"] == "en"


def test_fields_of_work_with_links(client, menu):
    items = section(menu, "fields-of-work")["items"]
    assert len(items) == 23
    assert items[0]["label"] == "Arms control"
    assert items[0]["slug"] == "arms-control"
    assert items[0]["api_url"] == "/api/osce/fields-of-work/arms-control"
    assert items[0]["listing_url"] == "/api/osce/stories?field=arms-control"
    assert client.get(items[0]["api_url"]).status_code == 200
    assert client.get(items[0]["listing_url"]).status_code == 200


def test_meetings_and_conferences_are_the_16_series(client, menu):
    items = section(menu, "meetings")["items"]
    assert len(items) == 16
    assert items[0]["label"] == "Summit meetings"
    assert items[-1]["label"] == "Annual OSCE Asian conferences"
    assert items[0]["listing_url"] == "/api/osce/meetings?series=summit-meetings"
    assert client.get(items[0]["listing_url"]).status_code == 200


def test_countries_states_and_partner_groups(client, menu):
    items = section(menu, "countries")["items"]
    assert [i["key"] for i in items] == [
        "group:participating-states",
        "group:asian-partners",
        "group:mediterranean-partners",
    ]
    states = group(items, "participating-states")["children"]
    assert len(states) == 57
    assert states[0]["label"] == "Albania"
    assert states[0]["listing_url"] == "/api/osce/stories?country=albania"
    assert len(group(items, "asian-partners")["children"]) == 5
    assert len(group(items, "mediterranean-partners")["children"]) == 6
    assert group(items, "asian-partners")["label"] == "Asian Partners for Co-operation"


def test_current_chair_is_marked(client, seeded):
    year = timezone.localdate().year
    chair = Chairpersonship.objects.filter(year=year, locale=seeded["en"]).first()
    if chair is None or chair.state is None:
        state = ParticipatingState.objects.get(slug="finland", locale=seeded["en"])
        Chairpersonship.objects.filter(year=year).delete()
        chair = Chairpersonship.objects.create(
            name=f"Finland {year}",
            slug=f"finland-{year}",
            year=year,
            state=state,
            locale=seeded["en"],
        )
    menu = client.get(f"{API}/navigation").json()
    states = group(section(menu, "countries")["items"], "participating-states")["children"]
    noted = [s for s in states if s["note"]]
    assert [s["slug"] for s in noted] == [chair.state.slug]
    assert noted[0]["note"] == f"OSCE Chairpersonship {year}"


def test_structures_and_institutions(menu):
    items = section(menu, "structures")["items"]
    keys = [i["key"] for i in items]
    assert keys == [
        "structure:chairpersonship",
        "structure:summits",
        "structure:ministerial-council",
        "structure:permanent-council",
        "structure:forum-for-security-co-operation",
        "structure:secretariat",
        "group:institutions",
        "group:field-operations",
        "group:closed-field-activities",
        "structure:parliamentary-assembly",
        "structure:court-of-conciliation-and-arbitration",
    ]
    secretariat = items[5]
    units = [child["slug"] for child in secretariat["children"]]
    assert "conflict-prevention-centre" in units
    osg = next(c for c in secretariat["children"] if c["slug"] == "office-of-the-secretary-general")
    assert [c["slug"] for c in osg["children"]] == [
        "gender-issues-programme",
        "opportunities-for-youth",
    ]
    institutions = [c["slug"] for c in group(items, "institutions")["children"]]
    assert institutions == [
        "office-for-democratic-institutions-and-human-rights",
        "high-commissioner-on-national-minorities",
        "representative-on-freedom-of-the-media",
    ]
    current = [c["slug"] for c in group(items, "field-operations")["children"]]
    closed = [c["slug"] for c in group(items, "closed-field-activities")["children"]]
    assert "mission-in-kosovo" in current
    assert "mission-to-georgia" in closed
    assert not set(current) & set(closed)
    assert (
        len(current) + len(closed)
        == Structure.objects.filter(kind="field_operation", locale__language_code="en").count()
    )
    assert secretariat["listing_url"] == "/api/osce/stories?source=secretariat"


def test_menu_in_french_uses_translations_and_keeps_locale_in_links(client, seeded):
    menu = client.get(f"{API}/navigation?locale=fr").json()
    assert menu["locale"] == "fr"
    states = group(section(menu, "countries")["items"], "participating-states")["children"]
    albania = next(s for s in states if s["slug"] == "albania")
    assert albania["label"] == "Albanie"
    assert albania["is_fallback"] is False
    assert albania["api_url"] == "/api/osce/states/albania?locale=fr"
    assert "locale=fr" in albania["listing_url"]
    assert [s["label"] for s in states] == sorted(s["label"] for s in states)


def test_menu_in_an_unseeded_language_falls_back(client, seeded):
    menu = client.get(f"{API}/navigation?locale=de").json()
    fields = section(menu, "fields-of-work")["items"]
    assert fields[0]["label"] == "Arms control"
    assert all(item["is_fallback"] for item in fields)


def test_menu_costs_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get(f"{API}/navigation?locale=fr")
