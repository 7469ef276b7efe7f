"""Helpers shared by the snippet tests: admin URLs and form posts, seeding runs and snapshots."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db.models import Model
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale

from tests.factories import (
    ParticipatingStateFactory,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)
from wagtail_osce.snippets.seeding import PACKAGE_DATA_DIR


def admin_url(model: type[Model], view: str, *args: Any, **query: str) -> str:
    """The URL of one of a snippet viewset's views, with an optional query string."""
    url = reverse(model.snippet_viewset.get_url_name(view), args=args)
    return f"{url}?{urlencode(query)}" if query else url


def edit_url(user: Any, instance: Model) -> str:
    """Where the admin edits ``instance``, as Wagtail's own links find it."""
    url = AdminURLFinder(user).get_edit_url(instance)
    assert url, f"no admin edit URL for {instance!r}"
    return url


def field_error(response: HttpResponse, field: str) -> str:
    """The error text the edit form shows next to ``field``; empty when the field is not in error."""
    page = soup(response)
    widget = page.find(id=f"id_{field}")
    assert widget is not None, f"the form has no {field!r} field"
    wrapper = widget.find_parent(class_="w-field")
    if "w-field--error" not in wrapper.get("class", []):
        return ""
    return wrapper.find(class_="error-message").get_text(" ", strip=True)


def state_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "Austria",
        "slug": "austria",
        "iso_code": "AT",
        "admission_date": "1973-06-25",
        "flag": "",
        "note": "Host of the Secretariat.",
    }


def partner_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "Japan",
        "slug": "japan",
        "iso_code": "JP",
        "group": "asian",
        "partner_since": "1992",
    }


def structure_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "OSCE Mission to Skopje",
        "slug": "mission-to-skopje",
        "acronym": "MtS",
        "kind": "field_operation",
        "region": "south_eastern_europe",
        "parent": "",
        "sort_order": "10",
        "seat_city": "Skopje",
        "host_state": "",
        "host_territory": "",
        "established": "1992-09-18",
        "closed": "",
    }


def field_of_work_post(locale: Locale) -> dict[str, str]:
    return {"name": "Policing", "slug": "policing", "sort_order": "3", "description": ""}


def meeting_series_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "Ministerial Council",
        "slug": "ministerial-council",
        "sort_order": "1",
        "description": "",
    }


def chairpersonship_post(locale: Locale) -> dict[str, str]:
    finland = ParticipatingState.objects.filter(
        locale=locale, iso_code="FI"
    ).first() or ParticipatingStateFactory(locale=locale, name="Finland", iso_code="FI")
    return {
        "name": "Finland 2025",
        "slug": "finland-2025",
        "year": "2025",
        "state": str(finland.pk),
        "historic_state": "",
        "chairperson_in_office": "Elina Valtonen",
    }


def form_data(instance: Model, fields: list[str]) -> dict[str, str]:
    """The edit form's data for ``instance`` as the browser would post it back unchanged."""
    data: dict[str, str] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = field.value_from_object(instance)
        data[name] = "" if value is None else str(value)
    return data


def soup(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


PASSWORD = "pw"


MODELS = [ParticipatingState, Partner, Structure, FieldOfWork, MeetingSeries, Chairpersonship]

# What the OSCE has, as the brief for the shipped data states it.
EXPECTED_COUNTS = {
    ParticipatingState: 57,
    Partner: 11,
    Structure: 42,
    FieldOfWork: 23,
    MeetingSeries: 16,
    Chairpersonship: 36,
}


def run_seed(*args: str) -> str:
    out = StringIO()
    call_command("osce_seed", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot() -> list[tuple]:
    """Every seeded row's values, to show that a failed run changed nothing."""
    rows: list[tuple] = []
    for model in MODELS:
        rows.extend(model.objects.order_by("pk").values_list())
    return rows


def csv_line(path: Path, column: str, value: str) -> int:
    """The line (header = 1) of the row whose ``column`` is ``value``."""
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle), start=2):
            if row[column] == value:
                return index
    raise AssertionError(f"{value!r} not in {path.name}")


def corrupt(path: Path, key_column: str, key: str, column: str, value: str) -> int:
    """Set one cell of a copied data file; return the line of the changed row."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        rows = list(reader)
    line = csv_line(path, key_column, key)
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return line


def shipped_rows(filename: str) -> list[dict[str, str]]:
    """The rows of one of the package's data files."""
    with (PACKAGE_DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
