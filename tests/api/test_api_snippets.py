"""The reference-data endpoints: States, Partners, structures, taxonomies, Chairpersonships."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from wagtail_osce.snippets import Chairpersonship, FieldOfWork, ParticipatingState, Structure

API = "/api/osce"


@pytest.fixture
def seeded(locales):
    """The shipped reference data in English and French only (the other locales stay empty)."""
    call_command("osce_seed", locales=["fr"], verbosity=0)
    return locales


def test_states_list_all_57_in_default_locale(client, seeded):
    response = client.get(f"{API}/states")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 57
    names = [state["name"] for state in body["results"]]
    assert names[0] == "Albania"
    assert names == sorted(names)
    albania = body["results"][0]
    assert albania["slug"] == "albania"
    assert albania["iso_code"] == "AL"
    assert albania["admission_date"] == "1991-06-19"
    assert albania["locale"] == "en"
    assert albania["is_fallback"] is False


def test_state_detail_in_french_is_translated(client, seeded):
    body = client.get(f"{API}/states/albania?locale=fr").json()
    assert body["name"] == "Albanie"
    assert body["locale"] == "fr"
    assert body["requested_locale"] == "fr"
    assert body["is_fallback"] is False
    english = client.get(f"{API}/states/albania").json()
    assert english["translation_key"] == body["translation_key"]
    assert english["id"] != body["id"]


def test_untranslated_locale_falls_back_and_is_flagged(client, seeded):
    """German has no reference data here: every row comes from English, marked as such."""
    body = client.get(f"{API}/states?locale=de").json()
    assert body["count"] == 57
    assert {state["locale"] for state in body["results"]} == {"en"}
    assert all(state["is_fallback"] for state in body["results"])
    assert {state["requested_locale"] for state in body["results"]} == {"de"}


def test_partly_translated_list_mixes_translation_and_fallback(client, seeded):
    fr_andorra = ParticipatingState.objects.get(slug="andorra", locale__language_code="fr")
    fr_andorra.delete()
    results = client.get(f"{API}/states?locale=fr").json()["results"]
    assert len(results) == 57
    by_slug = {state["slug"]: state for state in results}
    assert by_slug["andorra"]["is_fallback"] is True
    assert by_slug["andorra"]["name"] == "Andorra"
    assert by_slug["albania"]["is_fallback"] is False


def test_unknown_state_is_404_json(client, seeded):
    response = client.get(f"{API}/states/atlantis")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_partners_filter_by_group(client, seeded):
    body = client.get(f"{API}/partners?group=mediterranean").json()
    assert body["count"] == 6
    assert {partner["group"] for partner in body["results"]} == {"mediterranean"}
    assert client.get(f"{API}/partners").json()["count"] == 11


def test_structures_filter_by_kind_and_status(client, seeded):
    field_ops = client.get(f"{API}/structures?kind=field_operation&status=active").json()
    slugs = {item["slug"] for item in field_ops["results"]}
    assert "mission-in-kosovo" in slugs
    assert "mission-to-georgia" not in slugs
    assert all(item["status"] == "active" for item in field_ops["results"])
    closed = client.get(f"{API}/structures?status=closed").json()
    assert "mission-to-georgia" in {item["slug"] for item in closed["results"]}
    assert all(item["closed"] for item in closed["results"])


def test_structure_detail_has_parent_and_host(client, seeded):
    body = client.get(f"{API}/structures/conflict-prevention-centre").json()
    assert body["kind"] == "secretariat_unit"
    assert body["acronym"] == "CPC"
    assert body["parent"]["slug"] == "secretariat"
    assert body["host"] == {"name": "Austria", "iso_code": "AT", "is_state": True}
    assert body["status"] == "active"


def test_structure_hosted_by_a_territory(client, seeded):
    Structure.objects.filter(slug="mission-in-kosovo").update(
        host_state=None, host_territory="Kosovo"
    )
    body = client.get(f"{API}/structures/mission-in-kosovo").json()
    assert body["host"] == {"name": "Kosovo", "iso_code": None, "is_state": False}


def test_structures_tree_nests_units_under_the_secretariat(client, seeded):
    roots = client.get(f"{API}/structures/tree").json()
    by_slug = {node["slug"]: node for node in roots}
    assert "conflict-prevention-centre" not in by_slug
    secretariat = by_slug["secretariat"]
    units = {child["slug"]: child for child in secretariat["children"]}
    assert "conflict-prevention-centre" in units
    osg = units["office-of-the-secretary-general"]
    assert {child["slug"] for child in osg["children"]} >= {"gender-issues-programme"}
    total = sum(1 for _ in _walk(roots))
    assert total == Structure.objects.filter(locale__language_code="en").count()


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def test_fields_of_work_and_meeting_series_in_site_order(client, seeded):
    fields = client.get(f"{API}/fields-of-work").json()["results"]
    assert len(fields) == 23
    assert [f["sort_order"] for f in fields] == sorted(f["sort_order"] for f in fields)
    assert fields[0]["slug"] == "arms-control"
    series = client.get(f"{API}/meeting-series").json()["results"]
    assert len(series) == 16
    assert series[0]["slug"] == "summit-meetings"
    detail = client.get(f"{API}/fields-of-work/policing?locale=fr").json()
    assert detail["locale"] == "fr"
    assert detail["slug"] == "policing"


def test_chairpersonships_most_recent_first_with_office_holders(client, seeded):
    results = client.get(f"{API}/chairpersonships").json()["results"]
    years = [item["year"] for item in results]
    assert years == sorted(years, reverse=True)
    by_year = {item["year"]: item for item in results}
    assert by_year[1992]["state"] is None
    assert by_year[1992]["historic_state"] == "Czechoslovakia"
    assert len(by_year[1992]["chairperson_in_office"]) == 2
    assert by_year[1991]["state"]["iso_code"] == "DE"


def test_current_chairpersonship_is_this_years(client, seeded):
    year = timezone.localdate().year
    response = client.get(f"{API}/chairpersonships/current")
    expected = Chairpersonship.objects.filter(year=year, locale__language_code="en").first()
    if expected is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.json()["year"] == year
        assert response.json()["state_name"] == expected.state_name


def test_current_chairpersonship_404_when_year_missing(client, locales):
    state = ParticipatingState.objects.create(
        name="Finland", slug="finland", iso_code="FI", locale=locales["en"]
    )
    Chairpersonship.objects.create(
        name="Finland 1999", slug="finland-1999", year=1999, state=state, locale=locales["en"]
    )
    response = client.get(f"{API}/chairpersonships/current")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert str(timezone.localdate().year) in response.json()["error"]["message"]


def test_snippets_created_directly_without_seed(client, locales):
    FieldOfWork.objects.create(name="Policing", slug="policing", locale=locales["en"])
    FieldOfWork.objects.create(
        name="Activités de police",
        slug="policing",
        locale=locales["fr"],
        translation_key=FieldOfWork.objects.get().translation_key,
    )
    body = client.get(f"{API}/fields-of-work?locale=fr").json()
    assert body["count"] == 1
    assert body["results"][0]["name"] == "Activités de police"


def test_state_flag_is_an_expanded_image(client, seeded, django_assert_max_num_queries):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Flag of Albania", file=get_test_image_file())
    ParticipatingState.objects.filter(slug="albania").update(flag=image)
    flag = client.get(f"{API}/states/albania").json()["flag"]
    assert flag["id"] == image.pk
    assert flag["title"] == "Flag of Albania"
    assert set(flag["renditions"]) == {"thumbnail", "medium", "large"}
    assert flag["renditions"]["thumbnail"]["url"].endswith(".png")
    # With renditions created, a listing costs the same whether flags are set or not.
    with django_assert_max_num_queries(8):
        client.get(f"{API}/states")


def test_admission_date_type(seeded):
    state = ParticipatingState.objects.get(slug="albania", locale__language_code="en")
    assert state.admission_date == datetime.date(1991, 6, 19)
