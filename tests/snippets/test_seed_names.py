"""Names in the six languages: official State names, reference names, alternative names, upgrades."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import babel
import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError
from django.urls import reverse
from wagtail.models import Locale

from tests.snippets.builders import row_counts, run_seed, shipped_rows, snapshot
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

LANGUAGES = ("fr", "de", "it", "ru", "es")

# The forms the issue asks for: how the organisation and the UN write these names.
OFFICIAL = {
    "holy-see": ("Saint-Siège", "Heiliger Stuhl", "Santa Sede", "Святейший Престол", "Santa Sede"),
    "russian-federation": (
        "Fédération de Russie",
        "Russische Föderation",
        "Federazione Russa",
        "Российская Федерация",
        "Federación de Rusia",
    ),
    "united-states-of-america": (
        "États-Unis d'Amérique",
        "Vereinigte Staaten von Amerika",
        "Stati Uniti d'America",
        "Соединенные Штаты Америки",
        "Estados Unidos de América",
    ),
    "united-kingdom": (
        "Royaume-Uni",
        "Vereinigtes Königreich",
        "Regno Unito",
        "Соединенное Королевство",
        "Reino Unido",
    ),
    "kyrgyzstan": ("Kirghizistan", "Kirgisistan", "Kirghizistan", "Кыргызстан", "Kirguistán"),
}

REFERENCE_MODELS = {
    "structure": Structure,
    "field_of_work": FieldOfWork,
    "meeting_series": MeetingSeries,
}


def cldr(language: str, code: str) -> str:
    return babel.Locale.parse(language).territories[code]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def edit_csv(path: Path, match: dict[str, str], column: str, value: str) -> int:
    """Set ``column`` of the row matching ``match``; return its line (header = 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    index = next(i for i, row in enumerate(rows) if all(row[k] == v for k, v in match.items()))
    rows[index][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return index + 2


def simulate_previous_release(locales: dict[str, Locale]) -> None:
    """Put the rows back as the release before the official names wrote them.

    It wrote CLDR's names for States, Partners, Kosovo and Chairpersonships, left
    other names in English, had no alternative names and recorded nothing.
    """
    en = locales["en"]
    for locale in locales.values():
        language = locale.language_code
        for model in (ParticipatingState, Partner):
            for row in model.objects.filter(locale=locale):
                if locale != en:
                    row.name = cldr(language, row.iso_code)
                row.alternative_names = ""
                row.seeded_values = {}
                row.save()
        if locale == en:
            continue
        for model in (Structure, FieldOfWork, MeetingSeries):
            for row in model.objects.filter(locale=locale):
                row.name = model.objects.get(locale=en, translation_key=row.translation_key).name
                row.seeded_values = {}
                if row.host_territory if model is Structure else False:
                    row.host_territory = cldr(language, "XK")
                row.save()
        for chair in Chairpersonship.objects.filter(locale=locale, state__isnull=False):
            chair.name = f"{cldr(language, chair.state.iso_code)} {chair.year}"
            chair.save()


# -- What the shipped data gives -------------------------------------------------------------


def test_states_have_their_official_names_in_five_languages(seeded) -> None:
    for slug, names in OFFICIAL.items():
        stored = tuple(
            ParticipatingState.objects.get(locale=seeded[language], slug=slug).name
            for language in LANGUAGES
        )
        assert stored == names, slug


def test_a_chairpersonship_and_a_host_use_the_official_names(seeded) -> None:
    # CLDR says "Suisse" too, but the row must follow the names file: read it from there.
    names = {
        (row["iso_code"], row["language"]): row["name"] for row in shipped_rows("country_names.csv")
    }
    for language in LANGUAGES:
        chair = Chairpersonship.objects.get(locale=seeded[language], year=2026)
        assert chair.name == f"{names[('CH', language)]} 2026"
        kosovo = Structure.objects.get(locale=seeded[language], slug="mission-in-kosovo")
        assert kosovo.host_territory == names[("XK", language)]


def test_every_shipped_name_has_a_value_and_a_provenance() -> None:
    countries = shipped_rows("country_names.csv")
    codes = {row["iso_code"] for row in shipped_rows("participating_states.csv")}
    codes |= {row["iso_code"] for row in shipped_rows("partners.csv")} | {"XK"}
    assert len(codes) == 57 + 11 + 1
    assert {(row["iso_code"], row["language"]) for row in countries} == {
        (code, language) for code in codes for language in LANGUAGES
    }
    for row in countries:
        assert row["name"].strip(), row
        assert row["provenance"].strip(), row
        assert row["source"] in {"osce", "un", "eu", "cldr"}, row

    references = shipped_rows("reference_names.csv")
    items = {
        (model, row["slug"])
        for model, filename in (
            ("structure", "structures.csv"),
            ("field_of_work", "fields_of_work.csv"),
            ("meeting_series", "meeting_series.csv"),
        )
        for row in shipped_rows(filename)
    }
    assert {(row["model"], row["slug"]) for row in references} <= items
    for row in references:
        assert row["name"].strip(), row
        assert row["provenance"].strip(), row
        assert row["needs_review"] in {"yes", "no"}, row


def test_reference_names_are_seeded_in_each_language(seeded) -> None:
    for row in shipped_rows("reference_names.csv"):
        model = REFERENCE_MODELS[row["model"]]
        stored = model.objects.get(locale=seeded[row["language"]], slug=row["slug"]).name
        assert stored == row["name"], row


def test_a_locale_beyond_the_six_gets_cldr_names(locales) -> None:
    brazil = Locale.objects.create(language_code="pt-br")
    run_seed("--locale", "pt-br")
    holy_see = ParticipatingState.objects.get(locale=brazil, slug="holy-see")
    assert holy_see.name == cldr("pt_BR", "VA")
    # No Portuguese in reference_names.csv: the English copy stays for a translator.
    assert Structure.objects.get(locale=brazil, slug="secretariat").name == "OSCE Secretariat"


def test_without_the_names_files_cldr_is_the_fallback(locales, data_dir: Path) -> None:
    (data_dir / "country_names.csv").unlink()
    (data_dir / "reference_names.csv").unlink()
    run_seed("--data-dir", str(data_dir), "--locale", "ru")
    assert ParticipatingState.objects.get(locale=locales["ru"], slug="kyrgyzstan").name == (
        cldr("ru", "KG")
    )
    assert FieldOfWork.objects.get(locale=locales["ru"], slug="policing").name == "Policing"


# -- Upgrades and editors' changes -----------------------------------------------------------


def test_reseeding_a_database_of_the_previous_release(seeded) -> None:
    fr, ru, de = seeded["fr"], seeded["ru"], seeded["de"]
    simulate_previous_release(seeded)
    assert ParticipatingState.objects.get(locale=ru, slug="kyrgyzstan").name == "Киргизия"
    # A translator's edits, made on the previous release.
    edited_state = ParticipatingState.objects.get(locale=de, slug="russian-federation")
    edited_state.name = "Russland (Föderation)"
    edited_state.save()
    edited_field = FieldOfWork.objects.get(locale=fr, slug="policing")
    edited_field.name = "Police"
    edited_field.save()

    output = run_seed("-v", "2")

    def name(model, locale, slug):
        return model.objects.get(locale=locale, slug=slug).name

    assert name(ParticipatingState, ru, "kyrgyzstan") == "Кыргызстан"
    assert name(ParticipatingState, ru, "holy-see") == "Святейший Престол"
    assert name(ParticipatingState, fr, "russian-federation") == "Fédération de Russie"
    assert name(Chairpersonship, ru, "switzerland-2026").startswith("Швейцария")
    shipped = {
        (row["model"], row["slug"], row["language"]): row["name"]
        for row in shipped_rows("reference_names.csv")
    }
    assert name(Structure, ru, "secretariat") == shipped[("structure", "secretariat", "ru")]
    # The edited rows are as the translator left them, and reported.
    assert name(ParticipatingState, de, "russian-federation") == "Russland (Föderation)"
    assert name(FieldOfWork, fr, "policing") == "Police"
    assert "Kept participating State 'russian-federation' [de] as edited" in output
    assert "Kept field of work 'policing' [fr] as edited" in output
    # Alternative names were filled in, and the next run writes nothing.
    turkey = ParticipatingState.objects.get(locale=seeded["en"], slug="turkiye")
    assert "Turkey" in turkey.alternative_names.splitlines()
    before = snapshot()
    assert "Nothing to change" in run_seed()
    assert snapshot() == before


def test_a_data_upgrade_corrects_unedited_rows_only(seeded, data_dir: Path) -> None:
    fr = seeded["fr"]
    edited = ParticipatingState.objects.get(locale=fr, slug="moldova")
    edited.name = "Moldova (édité)"
    edited.save()
    names = data_dir / "country_names.csv"
    edit_csv(names, {"iso_code": "MD", "language": "fr"}, "name", "République de Moldova")
    edit_csv(names, {"iso_code": "BY", "language": "fr"}, "name", "Biélorussie")
    references = data_dir / "reference_names.csv"
    edit_csv(
        references,
        {"model": "field_of_work", "slug": "youth", "language": "fr"},
        "name",
        "Jeunes",
    )

    output = run_seed("--data-dir", str(data_dir))

    assert ParticipatingState.objects.get(locale=fr, slug="belarus").name == "Biélorussie"
    assert FieldOfWork.objects.get(locale=fr, slug="youth").name == "Jeunes"
    assert ParticipatingState.objects.get(locale=fr, slug="moldova").name == ("Moldova (édité)")
    assert "1 row(s) differ from the data files and were kept" in output
    run_seed("--data-dir", str(data_dir), "--overwrite")
    assert ParticipatingState.objects.get(locale=fr, slug="moldova").name == (
        "République de Moldova"
    )


def test_names_from_a_small_file_of_ones_own(locales, data_dir: Path) -> None:
    """A site's own names file: rows it lacks fall back to CLDR and to the English copy."""
    write_csv(
        data_dir / "country_names.csv",
        ["iso_code", "language", "name", "source", "provenance"],
        [["AT", "fr", "République d'Autriche", "osce", "test"]],
    )
    write_csv(
        data_dir / "reference_names.csv",
        ["model", "slug", "language", "name", "provenance", "needs_review"],
        [["meeting_series", "summit-meetings", "fr", "Sommets", "test", "yes"]],
    )
    run_seed("--data-dir", str(data_dir), "--locale", "fr")
    fr = locales["fr"]
    assert ParticipatingState.objects.get(locale=fr, slug="austria").name == (
        "République d'Autriche"
    )
    assert ParticipatingState.objects.get(locale=fr, slug="holy-see").name == cldr("fr", "VA")
    assert MeetingSeries.objects.get(locale=fr, slug="summit-meetings").name == "Sommets"
    assert MeetingSeries.objects.get(locale=fr, slug="review-conferences").name == (
        "Review Conferences"
    )


@pytest.mark.parametrize(
    ("filename", "match", "column", "value", "problem"),
    [
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "language", "xx", "language"),
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "language", "FR", "language"),
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "source", "wiki", "source"),
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "name", "", "name is empty"),
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "provenance", "", "provenance"),
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "iso_code", "BR", "'BR'"),
        ("country_names.csv", {"iso_code": "AT", "language": "fr"}, "language", "de", "repeats"),
        (
            "reference_names.csv",
            {"slug": "youth", "language": "fr"},
            "model",
            "page",
            "model 'page'",
        ),
        ("reference_names.csv", {"slug": "youth", "language": "fr"}, "slug", "elders", "'elders'"),
        (
            "reference_names.csv",
            {"slug": "youth", "language": "fr"},
            "needs_review",
            "maybe",
            "needs_review",
        ),
        (
            "reference_names.csv",
            {"slug": "youth", "language": "fr"},
            "provenance",
            "",
            "provenance",
        ),
        ("reference_names.csv", {"slug": "youth", "language": "fr"}, "name", "x" * 256, "longer"),
    ],
)
def test_a_bad_names_row_is_reported_and_nothing_written(
    locales, data_dir: Path, filename: str, match: dict, column: str, value: str, problem: str
) -> None:
    line = edit_csv(data_dir / filename, match, column, value)
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir))
    message = str(error.value)
    assert f"{filename}, line " in message
    assert problem in message
    assert str(line) in message
    assert all(count == 0 for count in row_counts().values())


def test_the_api_gives_a_field_of_work_in_the_requested_language(client, locales) -> None:
    run_seed("--locale", "fr")
    shipped = {
        row["slug"]: row["name"]
        for row in shipped_rows("reference_names.csv")
        if row["model"] == "field_of_work" and row["language"] == "fr"
    }
    response = client.get("/api/osce/fields-of-work", {"locale": "fr"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 23
    assert {item["slug"]: item["name"] for item in results} == shipped
    assert {item["locale"] for item in results} == {"fr"}
    assert "Maîtrise des armements" in shipped.values()


# -- Finding a State by another name in the admin --------------------------------------------


@pytest.fixture
def indexed(locales, django_capture_on_commit_callbacks) -> dict[str, Locale]:
    """The shipped data, seeded and added to the search index as on a real commit."""
    with django_capture_on_commit_callbacks(execute=True):
        run_seed()
    return locales


def listing_names(response) -> set[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return {cell.get_text(strip=True) for cell in page.select("td.title .title-wrapper a")}


@pytest.mark.parametrize(
    ("query", "slug", "language"),
    [
        ("Ватикан", "holy-see", "ru"),
        ("Russie", "russian-federation", "fr"),
        ("turkey", "turkiye", "en"),
    ],
)
def test_the_listing_and_the_chooser_find_a_state_by_another_name(
    admin_client, indexed, query: str, slug: str, language: str
) -> None:
    state = ParticipatingState.objects.get(locale=indexed[language], slug=slug)
    viewset = ParticipatingState.snippet_viewset

    # The listing opens on one language; the other names are found in the row's own.
    listing = admin_client.get(
        reverse(viewset.get_url_name("list")), {"q": query, "locale": language}
    )
    assert listing.status_code == 200
    assert state.name in listing_names(listing)

    chooser = viewset.chooser_viewset
    results = admin_client.get(
        reverse(chooser.get_url_name("choose_results")), {"q": query, "locale": language}
    )
    assert results.status_code == 200
    titles = [
        a.get_text(strip=True)
        for a in BeautifulSoup(results.content, "html.parser").select("td.title a")
    ]
    assert state.name in titles
    modal = admin_client.get(reverse(chooser.get_url_name("choose")), {"q": query})
    html = BeautifulSoup(json.loads(modal.content)["html"], "html.parser")
    assert state.name in [a.get_text(strip=True) for a in html.select("td.title a")]


def test_the_partner_listing_finds_a_partner_by_its_cldr_name(admin_client, indexed) -> None:
    korea = Partner.objects.get(locale=indexed["de"], slug="republic-of-korea")
    assert korea.name != cldr("de", "KR")
    listing = admin_client.get(
        reverse(Partner.snippet_viewset.get_url_name("list")),
        {"q": cldr("de", "KR"), "locale": "de"},
    )
    assert korea.name in listing_names(listing)
