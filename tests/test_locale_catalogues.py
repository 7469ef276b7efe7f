"""The package's own UI strings ship translated, compiled and complete, and the admin shows them."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

import wagtail_osce
from wagtail_osce.snippets import ParticipatingState, Structure

APP_DIR = Path(wagtail_osce.__file__).resolve().parent
LANGUAGES = ["fr", "de", "it", "ru", "es"]

#: Python's named and brace placeholders, and the bare %s family.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]|%[sdr]|\{[^{}]*\}")


def po_path(language: str) -> Path:
    return APP_DIR / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogue(language: str) -> polib.POFile:
    path = po_path(language)
    assert path.is_file(), f"{path} is missing"
    return polib.pofile(str(path))


def translations(entries: Any) -> dict[tuple[str | None, str], str | tuple[str, ...]]:
    """(context, msgid) to the translation, or to the tuple of plural forms."""
    table: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        key = (entry.msgctxt or None, entry.msgid)
        if entry.msgid_plural:
            table[key] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            table[key] = entry.msgstr
    return table


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_clean(language: str) -> None:
    po = catalogue(language)
    assert po.metadata.get("Language") == language
    assert not po.metadata_is_fuzzy, "a fuzzy header makes msgfmt ignore the plural forms"
    assert len(po) > 300, f"{language}: only {len(po)} entries"

    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert not untranslated, f"{language}: untranslated: {untranslated}"
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not fuzzy, f"{language}: fuzzy: {fuzzy}"
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert not obsolete, f"{language}: obsolete: {obsolete}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_plural_forms(language: str) -> None:
    po = catalogue(language)
    plurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"]).group(1))
    problems = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            if len(entry.msgstr_plural) != plurals:
                problems.append(f"{entry.msgid!r}: {len(entry.msgstr_plural)} forms, not {plurals}")
            expected = placeholders(entry.msgid_plural)
            translated = list(entry.msgstr_plural.values())
        else:
            expected = placeholders(entry.msgid)
            translated = [entry.msgstr]
        for text in translated:
            if placeholders(text) != expected:
                problems.append(f"{entry.msgid!r} -> {text!r}: placeholders {expected} expected")
    assert not problems, f"{language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language: str) -> None:
    po = catalogue(language)
    mo_path = po_path(language).with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path} is missing: run compilemessages"
    mo = polib.mofile(str(mo_path))
    assert translations(mo) == translations(po.translated_entries()), (
        f"{mo_path} is out of date with its .po: run compilemessages"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.fixture(scope="module")
def extracted_msgids(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[set[tuple[str | None, str]]]:
    """Every string the app's code and templates mark today, as makemessages extracts them."""
    copy = tmp_path_factory.mktemp("extract") / "wagtail_osce"
    shutil.copytree(APP_DIR, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        call_command("makemessages", locale=["fr"], no_location=True, verbosity=0)
    yield set(translations(polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_covers_every_marked_string(
    language: str, extracted_msgids: set[tuple[str | None, str]]
) -> None:
    assert len(extracted_msgids) > 300
    missing = extracted_msgids - set(translations(catalogue(language)))
    assert not missing, (
        f"{language}: {len(missing)} marked string(s) are not in the catalogue "
        f"(run `make messages` and translate them): {sorted(m for _c, m in missing)}"
    )


def test_model_labels_follow_the_active_language() -> None:
    with translation.override("fr"):
        assert str(ParticipatingState._meta.verbose_name) == "État participant"
        assert str(ParticipatingState._meta.verbose_name_plural) == "États participants"
        assert str(Structure.Kind.FIELD_OPERATION.label) == "Opération de terrain"
    with translation.override("de"):
        assert str(ParticipatingState._meta.verbose_name_plural) == "Teilnehmerstaaten"
    assert str(ParticipatingState._meta.verbose_name) == "participating State"


def find_menu_item(node: Any, name: str) -> dict[str, Any] | None:
    """The sidebar menu item called ``name`` in Wagtail's sidebar props."""
    if isinstance(node, dict):
        if node.get("name") == name and "label" in node:
            return node
        node = list(node.values())
    if isinstance(node, list):
        for child in node:
            found = find_menu_item(child, name)
            if found:
                return found
    return None


@pytest.mark.django_db
def test_admin_speaks_russian_to_a_russian_user(client, django_user_model, locales) -> None:
    user = django_user_model.objects.create_superuser("ivan", "ivan@example.com", "password")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    menu = find_menu_item(json.loads(props.string), "osce")
    assert menu is not None, "no OSCE menu in the admin sidebar"
    assert menu["label"] == "ОБСЕ"

    listing = reverse(ParticipatingState.snippet_viewset.get_url_name("list"))
    page = BeautifulSoup(client.get(listing).content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "Государства-участники"

    add_form = reverse(ParticipatingState.snippet_viewset.get_url_name("add"))
    labels = {
        label.get_text(" ", strip=True).rstrip("*").strip()
        for label in BeautifulSoup(client.get(add_form).content, "html.parser").find_all("label")
    }
    assert {"Дата принятия", "Код ISO"} <= labels, labels


def test_russian_plural_forms_pick_the_right_form() -> None:
    assert catalogue("ru").metadata["Plural-Forms"].startswith("nplurals=3;")
    expected = {
        1: "1 материал",
        3: "3 материала",
        5: "5 материалов",
        11: "11 материалов",
        21: "21 материал",
        22: "22 материала",
        112: "112 материалов",
    }
    with translation.override("ru"):
        for count, text in expected.items():
            rendered = translation.ngettext("%(counter)s story", "%(counter)s stories", count) % {
                "counter": count
            }
            assert rendered == text


@pytest.mark.django_db
def test_russian_admin_declines_the_add_button_and_states_one_body_s_status(
    client, django_user_model, locales
) -> None:
    user = django_user_model.objects.create_superuser("olga", "olga@example.com", "password")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)
    Structure.objects.create(
        name="Секретариат",
        slug="secretariat",
        kind=Structure.Kind.SECRETARIAT,
        locale=locales["ru"],
    )

    listing = reverse(Structure.snippet_viewset.get_url_name("list"))
    page = BeautifulSoup(client.get(listing, {"locale": "ru"}).content, "html.parser")
    add_url = reverse(Structure.snippet_viewset.get_url_name("add"))
    buttons = [
        a.get_text(" ", strip=True)
        for a in page.find_all("a", href=re.compile("^" + re.escape(add_url)))
    ]
    assert "Добавить структуру" in buttons, buttons
    assert "Добавить структура" not in page.get_text()
    row = page.find("td", class_="title").find_parent("tr")
    assert "Секретариат" in row.get_text()
    assert "Действует" in [cell.get_text(strip=True) for cell in row.find_all("td")]
