"""Helpers for the seeding tests: run the command, snapshot the tables, edit a copied data file."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)
from wagtail_osce.snippets.seeding import PACKAGE_DATA_DIR

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
