"""``manage.py osce_seed``: reference data in every locale, idempotent, editors' changes kept."""

from __future__ import annotations

from pathlib import Path

import babel
import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, ReferenceIndex
from wagtail.search.backends import get_search_backend

from tests.snippets.builders import (
    EXPECTED_COUNTS,
    MODELS,
    corrupt,
    row_counts,
    run_seed,
    shipped_rows,
    snapshot,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)
from wagtail_osce.snippets.seeding import load_data, parse_date


def test_default_locale_gets_every_reference_row(seeded: dict[str, Locale]) -> None:
    en = Locale.get_default()
    for model, expected in EXPECTED_COUNTS.items():
        assert model.objects.filter(locale=en).count() == expected, model.__name__

    fields_of_work = list(FieldOfWork.objects.filter(locale=en).values_list("name", flat=True))
    assert fields_of_work[0] == "Arms control"
    assert fields_of_work[-1] == "Youth"
    series = list(MeetingSeries.objects.filter(locale=en).values_list("name", flat=True))
    assert series[:3] == [
        "Summit meetings",
        "Review Conferences",
        "Ministerial Council meetings",
    ]

    operations = Structure.objects.filter(locale=en, kind=Structure.Kind.FIELD_OPERATION)
    assert operations.filter(closed__isnull=True).count() == 12
    assert operations.filter(closed__isnull=False).count() == 8
    assert set(
        Structure.objects.filter(locale=en, kind=Structure.Kind.INSTITUTION).values_list(
            "acronym", flat=True
        )
    ) == {"ODIHR", "HCNM", "RFoM"}

    czechoslovakia = Chairpersonship.objects.get(locale=en, year=1992)
    assert czechoslovakia.state is None
    assert czechoslovakia.historic_state == "Czechoslovakia"
    assert czechoslovakia.office_holders == ["Jiří Dienstbier", "Jozef Moravčík"]
    finland = Chairpersonship.objects.get(locale=en, year=2025)
    assert finland.state.iso_code == "FI"
    assert finland.name == "Finland 2025"
    assert finland.slug == "finland-2025"


def test_partial_dates_are_stored_as_the_first_day_of_their_period(seeded) -> None:
    en = Locale.get_default()
    skopje = Structure.objects.get(locale=en, slug="mission-to-skopje")
    assert skopje.established == parse_date("1992-09-01")
    assert str(skopje.established) == "1992-09-01"
    assert str(Structure.objects.get(locale=en, slug="summits").established) == "1975-01-01"
    ukraine = Structure.objects.get(locale=en, slug="project-co-ordinator-in-ukraine")
    assert str(ukraine.closed) == "2022-01-01"
    assert str(Structure.objects.get(locale=en, slug="mission-to-georgia").established) == (
        "1992-11-01"
    )


def test_every_locale_gets_a_translation_of_every_row(seeded: dict[str, Locale]) -> None:
    en = Locale.get_default()
    assert set(seeded) == {"en", "fr", "de", "it", "ru", "es"}
    for locale in seeded.values():
        for model, expected in EXPECTED_COUNTS.items():
            assert model.objects.filter(locale=locale).count() == expected, (
                model.__name__,
                locale.language_code,
            )
    for model in MODELS:
        source_keys = set(model.objects.filter(locale=en).values_list("translation_key", flat=True))
        for locale in seeded.values():
            keys = set(
                model.objects.filter(locale=locale).values_list("translation_key", flat=True)
            )
            assert keys == source_keys, (model.__name__, locale.language_code)
    fields_of_work = FieldOfWork.objects.filter(locale=seeded["ru"]).values_list("slug", flat=True)
    assert fields_of_work[0] == "arms-control"


def test_iso_codes_are_the_same_in_every_locale(seeded: dict[str, Locale]) -> None:
    expected = {
        "AT": "austria",
        "GB": "united-kingdom",
        "VA": "holy-see",
        "MK": "north-macedonia",
        "TR": "turkiye",
        "US": "united-states-of-america",
    }
    for locale in seeded.values():
        states = ParticipatingState.objects.filter(locale=locale, iso_code__in=expected)
        assert {state.iso_code: state.slug for state in states} == expected, locale
        assert Partner.objects.get(locale=locale, iso_code="KR").slug == "republic-of-korea"


def test_names_in_other_languages(seeded: dict[str, Locale]) -> None:
    def name(model, code: str, slug: str) -> str:
        return model.objects.get(locale=seeded[code], slug=slug).name

    assert name(ParticipatingState, "ru", "austria") == "Австрия"
    assert name(ParticipatingState, "fr", "austria") == "Autriche"
    assert name(ParticipatingState, "de", "austria") == "Österreich"
    # The default locale keeps the OSCE's own names from the data file.
    assert name(ParticipatingState, "en", "netherlands") == "The Netherlands"
    assert name(Partner, "de", "japan") == "Japan"
    assert name(Partner, "ru", "japan") == "Япония"
    # Other names come from reference_names.csv.
    shipped = {
        (row["model"], row["slug"], row["language"]): row["name"]
        for row in shipped_rows("reference_names.csv")
    }
    assert name(Structure, "fr", "secretariat") == shipped[("structure", "secretariat", "fr")]
    assert name(FieldOfWork, "ru", "policing") == shipped[("field_of_work", "policing", "ru")]
    assert name(Structure, "fr", "secretariat") != name(Structure, "en", "secretariat")
    # A Chairpersonship is named after its State, in the locale's language.
    assert name(Chairpersonship, "fr", "finland-2025") == "Finlande 2025"
    assert Chairpersonship.objects.get(locale=seeded["fr"], year=1992).name == "Czechoslovakia 1992"


def test_kosovo_is_a_territory_named_in_each_language(seeded: dict[str, Locale]) -> None:
    for code in ("en", "ru", "fr"):
        mission = Structure.objects.get(locale=seeded[code], slug="mission-in-kosovo")
        assert mission.host_state is None
        assert mission.host_territory == babel.Locale.parse(code).territories["XK"]
        assert mission.host_name == mission.host_territory
    assert Structure.objects.get(locale=seeded["ru"], slug="mission-in-kosovo").host_territory == (
        "Косово"
    )


def test_links_point_to_rows_in_the_same_locale(seeded: dict[str, Locale]) -> None:
    en = seeded["en"]
    structures = shipped_rows("structures.csv")
    with_parent = sum(1 for row in structures if row["parent"])
    state_hosted = sum(1 for row in structures if row["host_code"] not in ("", "XK"))
    assert (with_parent, state_hosted) == (11, 37)
    for locale in seeded.values():
        units = Structure.objects.filter(locale=locale, parent__isnull=False).select_related(
            "parent"
        )
        assert units.count() == with_parent
        for unit in units:
            assert unit.parent.locale_id == locale.pk
            source = Structure.objects.get(locale=en, translation_key=unit.translation_key)
            assert unit.parent.translation_key == source.parent.translation_key
        hosted = Structure.objects.filter(locale=locale, host_state__isnull=False)
        assert hosted.count() == state_hosted
        assert not hosted.exclude(host_state__locale=locale).exists()
        chairs = Chairpersonship.objects.filter(locale=locale, state__isnull=False)
        assert chairs.count() == 35
        assert not chairs.exclude(state__locale=locale).exists()

    gender = Structure.objects.get(locale=seeded["ru"], slug="gender-issues-programme")
    assert [node.slug for node in gender.ancestors()] == [
        "office-of-the-secretary-general",
        "secretariat",
    ]
    permanent_council = Structure.objects.get(locale=seeded["ru"], slug="permanent-council")
    assert permanent_council.host_name == "Австрия"
    assert Chairpersonship.objects.get(locale=seeded["de"], year=2000).state_name == "Österreich"


def test_second_run_writes_nothing(seeded, django_assert_max_num_queries) -> None:
    counts = row_counts()
    before = snapshot()
    with (
        CaptureQueriesContext(connection) as queries,
        django_assert_max_num_queries(20),
    ):
        output = run_seed()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert row_counts() == counts
    assert snapshot() == before
    assert "Nothing to change" in output


def test_output_counts_what_was_created(locales) -> None:
    output = run_seed()
    lines = {line.split("  ")[0].strip(): line.split() for line in output.splitlines() if line}
    assert lines["participating States"][-4:] == ["342", "0", "0", "0"]
    assert lines["fr"][-4:] == ["185", "0", "0", "0"]
    assert "Done: 1110 row(s) created, 0 updated." in output

    again = run_seed()
    again_lines = {line.split("  ")[0].strip(): line.split() for line in again.splitlines() if line}
    assert again_lines["participating States"][-4:] == ["0", "0", "0", "342"]


def test_dry_run_leaves_every_table_empty(locales) -> None:
    output = run_seed("--dry-run")
    assert all(count == 0 for count in row_counts().values())
    assert "Dry run" in output
    assert "1110 row(s) would be created" in output


def test_dry_run_on_a_seeded_site_changes_nothing(seeded) -> None:
    before = snapshot()
    output = run_seed("--dry-run")
    assert snapshot() == before
    assert "nothing to change" in output


def test_an_editors_change_survives_and_overwrite_restores_it(seeded) -> None:
    fr = seeded["fr"]
    austria = ParticipatingState.objects.get(locale=fr, slug="austria")
    austria.name = "République d'Autriche"
    austria.save()
    secretariat = Structure.objects.get(locale=fr, slug="secretariat")
    shipped_secretariat = secretariat.name
    secretariat.name = "Le Secrétariat"
    secretariat.save()
    albania = ParticipatingState.objects.get(locale=seeded["en"], slug="albania")
    albania.note = "Edited by an editor."
    albania.save()

    output = run_seed()
    austria.refresh_from_db()
    albania.refresh_from_db()
    assert austria.name == "République d'Autriche"
    assert albania.note == "Edited by an editor."
    # Austria [fr], the Secretariat [fr], Albania [en], and Albania's five translations: the
    # note is synchronised, so they no longer match their (edited) source and are kept too.
    assert "8 row(s) differ from the data files and were kept" in output
    assert "Nothing to change" in output

    detail = run_seed("-v", "2")
    assert "Kept participating State 'austria' [fr] as edited; differs from the data in: name." in (
        detail
    )
    assert "Kept participating State 'albania' [en] as edited; differs from the data in: note." in (
        detail
    )

    output = run_seed("--overwrite")
    austria.refresh_from_db()
    albania.refresh_from_db()
    secretariat.refresh_from_db()
    assert austria.name == "Autriche"
    assert albania.note == "admitted at Berlin Council of Ministers (19-20 Jun 1991)"
    # The shipped French name replaces the translator's text only when asked to.
    assert secretariat.name == shipped_secretariat
    assert "Done: 0 row(s) created, 3 updated." in output
    assert "Nothing to change" in run_seed()


def test_overwrite_relinks_a_moved_structure(seeded) -> None:
    ru = seeded["ru"]
    unit = Structure.objects.get(locale=ru, slug="gender-issues-programme")
    unit.parent = Structure.objects.get(locale=ru, slug="secretariat")
    unit.save()
    run_seed()
    unit.refresh_from_db()
    assert unit.parent.slug == "secretariat"
    run_seed("--overwrite")
    unit.refresh_from_db()
    assert unit.parent.slug == "office-of-the-secretary-general"
    assert unit.parent.locale_id == ru.pk


def test_a_bad_iso_code_fails_naming_file_and_line(locales, data_dir: Path) -> None:
    line = corrupt(data_dir / "participating_states.csv", "slug", "austria", "iso_code", "A1")
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir))
    message = str(error.value)
    assert "participating_states.csv" in message
    assert f"line {line}:" in message
    assert line == 5
    assert "iso_code 'A1'" in message
    assert all(count == 0 for count in row_counts().values())


def test_a_bad_date_fails_and_a_seeded_database_stays_as_it_was(seeded, data_dir: Path) -> None:
    before = snapshot()
    path = data_dir / "structures.csv"
    line = corrupt(path, "slug", "mission-in-kosovo", "established", "1999-13-01")
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir), "--overwrite")
    message = str(error.value)
    assert f"structures.csv, line {line}:" in message
    assert "established '1999-13-01' is not a date" in message
    assert snapshot() == before


@pytest.mark.parametrize(
    ("filename", "key_column", "key", "column", "value", "problem"),
    [
        (
            "structures.csv",
            "slug",
            "gender-issues-programme",
            "parent",
            "nowhere",
            "parent 'nowhere'",
        ),
        ("structures.csv", "slug", "presence-in-albania", "host_code", "AU", "host_code 'AU'"),
        ("structures.csv", "slug", "presence-in-albania", "kind", "embassy", "kind:"),
        ("structures.csv", "slug", "mission-to-georgia", "closed", "1990", "closed is earlier"),
        ("chairpersonships.csv", "year", "2025", "state_iso", "ZZ", "state_iso 'ZZ'"),
        ("chairpersonships.csv", "year", "2025", "historic_state", "Finland", "not both"),
        ("chairpersonships.csv", "year", "2025", "year", "2024", "repeats line"),
        ("participating_states.csv", "slug", "austria", "iso_code", "at", "iso_code 'at'"),
        ("participating_states.csv", "slug", "austria", "iso_code", "QQ", "not a territory"),
        ("partners.csv", "slug", "japan", "iso_code", "EU", "iso_code 'EU' is not a territory"),
        (
            "participating_states.csv",
            "slug",
            "austria",
            "slug",
            "albania",
            "slug 'albania' repeats",
        ),
        ("partners.csv", "slug", "japan", "partner_since", "soon", "partner_since 'soon'"),
        ("partners.csv", "slug", "japan", "group", "pacific", "group:"),
        ("fields_of_work.csv", "slug", "youth", "sort_order", "", "sort_order is empty"),
        ("meeting_series.csv", "slug", "media-conferences", "provenance", "", "provenance"),
    ],
)
def test_each_kind_of_bad_row_is_reported(
    data_dir: Path, filename: str, key_column: str, key: str, column: str, value: str, problem: str
) -> None:
    line = corrupt(data_dir / filename, key_column, key, column, value)
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir))
    message = str(error.value)
    assert f"{filename}, line {line}:" in message
    assert problem in message


def test_a_missing_column_or_file_is_reported(data_dir: Path, db) -> None:
    path = data_dir / "partners.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",partner_since,", ",since,", 1), encoding="utf-8")
    (data_dir / "meeting_series.csv").unlink()
    with pytest.raises(CommandError) as error:
        run_seed("--data-dir", str(data_dir))
    message = str(error.value)
    assert "partners.csv, line 1: missing column(s): partner_since" in message
    assert "meeting_series.csv" in message
    assert "does not exist" in message


def test_load_data_reads_the_shipped_files() -> None:
    data = {model_data.model: model_data for model_data in load_data()}
    assert {model: len(d.records) for model, d in data.items()} == EXPECTED_COUNTS
    structures = [record.key for record in data[Structure].records]
    # A parent is always written before its children.
    for record in data[Structure].records:
        parent = record.refs["parent"]
        if parent:
            assert structures.index(parent) < structures.index(record.key)


def test_an_unknown_locale_fails(locales) -> None:
    with pytest.raises(CommandError, match="'xx'"):
        run_seed("--locale", "xx")
    assert all(count == 0 for count in row_counts().values())


def test_a_locale_babel_does_not_know_fails(db) -> None:
    Locale.objects.create(language_code="xx-yy")
    with pytest.raises(CommandError, match="'xx-yy'"):
        run_seed("--locale", "xx-yy")


def test_seeding_only_some_locales(locales) -> None:
    output = run_seed("--locale", "fr", "--locale", "RU")
    for model, expected in EXPECTED_COUNTS.items():
        assert model.objects.filter(locale=locales["en"]).count() == expected
        assert model.objects.filter(locale=locales["fr"]).count() == expected
        assert model.objects.filter(locale=locales["ru"]).count() == expected
        assert not model.objects.filter(locale=locales["de"]).exists()
    assert "translations: fr, ru" in output
    run_seed("--locale", "de")
    assert ParticipatingState.objects.get(locale=locales["de"], slug="austria").name == "Österreich"


def test_regional_locale_codes_use_their_cldr_names(locales) -> None:
    brazil = Locale.objects.create(language_code="pt-br")
    run_seed("--locale", "pt-br")
    assert ParticipatingState.objects.get(locale=brazil, slug="austria").name == "Áustria"
    assert Structure.objects.get(locale=brazil, slug="mission-in-kosovo").host_territory == "Kosovo"


def test_seeding_with_only_the_default_locale(db) -> None:
    assert list(Locale.objects.values_list("language_code", flat=True)) == ["en"]
    output = run_seed()
    for model, expected in EXPECTED_COUNTS.items():
        assert model.objects.count() == expected
    assert "translations: none" in output
    assert "Nothing to change" in run_seed()


def test_data_dir_setting_is_used(settings, data_dir: Path, db) -> None:
    corrupt(data_dir / "fields_of_work.csv", "slug", "youth", "name", "Young people")
    settings.WAGTAIL_OSCE = {"DATA_DIR": str(data_dir)}
    run_seed()
    assert FieldOfWork.objects.get(slug="youth").name == "Young people"


def test_seeded_rows_are_searchable_after_commit(
    locales, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run_seed()
    results = get_search_backend().search("Österreich", ParticipatingState)
    assert [(state.slug, state.locale.language_code) for state in results] == [("austria", "de")]
    assert [state.slug for state in get_search_backend().search("Austria", ParticipatingState)][
        :1
    ] == ["austria"]


def test_links_are_recorded_in_the_reference_index(seeded: dict[str, Locale]) -> None:
    """Rows are written in bulk, so the seed records their links for the admin's usage counts."""
    assert ReferenceIndex.is_indexed(Structure)
    austria = ParticipatingState.objects.get(locale=seeded["fr"], slug="austria")
    hosted = Structure.objects.filter(host_state=austria).count()
    chaired = Chairpersonship.objects.filter(state=austria).count()
    assert (hosted, chaired) == (14, 2)
    assert ReferenceIndex.get_references_to(austria).count() == hosted + chaired

    # The same entries as Wagtail records when it indexes each row itself.
    def entries() -> list[tuple]:
        return list(
            ReferenceIndex.objects.order_by("pk").values_list(
                "base_content_type", "object_id", "to_content_type", "to_object_id", "content_path"
            )
        )

    before = entries()
    assert len(before) > 0
    for model in (Structure, Chairpersonship):
        for row in model.objects.all():
            ReferenceIndex.create_or_update_for_object(row)
    assert entries() == before


def test_a_new_translation_mirrors_its_edited_source(locales) -> None:
    run_seed("--locale", "fr")
    en, de = locales["en"], locales["de"]
    austria = ParticipatingState.objects.get(locale=en, slug="austria")
    austria.admission_date = parse_date("1975-08-01")
    austria.save()
    unit = Structure.objects.get(locale=en, slug="gender-issues-programme")
    unit.parent = Structure.objects.get(locale=en, slug="secretariat")
    unit.save()

    output = run_seed("--locale", "de")
    assert "2 row(s) differ from the data files and were kept" in output
    # Synchronised fields and links follow the source row, as wagtail-localize would sync them.
    german = ParticipatingState.objects.get(locale=de, slug="austria")
    assert (german.name, str(german.admission_date)) == ("Österreich", "1975-08-01")
    german_unit = Structure.objects.get(locale=de, slug="gender-issues-programme")
    assert (german_unit.parent.slug, german_unit.parent.locale_id) == ("secretariat", de.pk)

    # The French translation made earlier differs from its edited source: kept until --overwrite.
    assert "[fr] as edited" in run_seed("-v", "2")
    run_seed("--overwrite")
    for locale in locales.values():
        state = ParticipatingState.objects.get(locale=locale, slug="austria")
        assert str(state.admission_date) == "1973-06-25"
        row = Structure.objects.get(locale=locale, slug="gender-issues-programme")
        assert row.parent.slug == "office-of-the-secretary-general"
    assert "Nothing to change" in run_seed()


def test_a_clashing_row_fails_without_writing(locales) -> None:
    ParticipatingState.objects.create(
        locale=locales["en"], slug="republic-of-austria", name="Republic of Austria", iso_code="AT"
    )
    with pytest.raises(CommandError) as error:
        run_seed()
    message = str(error.value)
    assert "participating State 'austria' in locale en needs iso_code 'AT'" in message
    assert "Republic of Austria" in message
    assert row_counts()["ParticipatingState"] == 1
    assert sum(row_counts().values()) == 1
