"""One CSV data file as rows of text, checked for shape before any value is read.

Problems are collected, not raised, so that one run reports every bad line of
every file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import DataProblem

ISO_RE = re.compile(r"[A-Z]{2}")
DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


#: Characters a value may not hold: C0 controls but tab, newline and carriage return, and DEL.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def first_control_character(value: str) -> str:
    """``U+0000`` for the first forbidden control character in ``value``, or ``""``.

    PostgreSQL cannot store a NUL byte at all, and no other control character
    belongs in reference data.
    """
    match = _CONTROL_RE.search(value)
    return f"U+{ord(match.group()):04X}" if match else ""


class Row:
    """Typed access to one CSV row that records problems instead of raising at the first one."""

    def __init__(self, line: int, data: dict[str, str]) -> None:
        self.line = line
        self.data = data
        self.problems: list[str] = []

    def text(self, column: str) -> str:
        return self.data.get(column, "")

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.problems.append(_("%(column)s is empty") % {"column": column})
        return value

    def integer(self, column: str, *, required: bool = False) -> int | None:
        value = self.required(column) if required else self.text(column)
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.problems.append(
                _("%(column)s %(value)r is not a whole number") % {"column": column, "value": value}
            )
            return None

    def partial_date(self, column: str) -> date | None:
        value = self.text(column)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(
                _("%(column)s %(value)r is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
                % {"column": column, "value": value}
            )
        return parsed

    def iso_code(self, column: str, known: Iterable[str]) -> str:
        value = self.required(column)
        if not value:
            return value
        if not ISO_RE.fullmatch(value):
            self.problems.append(
                _("%(column)s %(value)r is not an ISO 3166-1 alpha-2 code (two capital letters)")
                % {"column": column, "value": value}
            )
        elif value not in known:
            self.problems.append(
                _("%(column)s %(value)r is not a territory known to CLDR")
                % {"column": column, "value": value}
            )
        return value


def parse_date(value: str) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first day of that period; None if invalid."""
    match = DATE_RE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_rows(path: Path, columns: Sequence[str], problems: list[DataProblem]) -> list[Row]:
    """The rows of one CSV file with their line numbers; problems with its shape are recorded."""
    if not path.is_file():
        problems.append(DataProblem(path, 0, _("the file does not exist")))
        return []
    rows: list[Row] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            missing = [column for column in columns if column not in header]
            if missing:
                problems.append(
                    DataProblem(
                        path,
                        1,
                        _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)},
                    )
                )
                return []
            duplicated = sorted({name for name in header if header.count(name) > 1})
            if duplicated:
                problems.append(
                    DataProblem(
                        path,
                        1,
                        _("repeated column(s): %(columns)s") % {"columns": ", ".join(duplicated)},
                    )
                )
                return []
            while True:
                line = reader.line_num + 1
                cells = next(reader, None)
                if cells is None:
                    break
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    problems.append(
                        DataProblem(
                            path,
                            line,
                            _("expected %(expected)s values, found %(found)s")
                            % {"expected": len(header), "found": len(cells)},
                        )
                    )
                    continue
                controls = [
                    (column, control)
                    for column, cell in zip(header, cells, strict=True)
                    if (control := first_control_character(cell))
                ]
                if controls:
                    problems.extend(
                        DataProblem(
                            path,
                            line,
                            _("%(column)s contains the control character %(char)s")
                            % {"column": column or _("(unnamed column)"), "char": control},
                        )
                        for column, control in controls
                    )
                    continue
                rows.append(Row(line, {k: v.strip() for k, v in zip(header, cells, strict=True)}))
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(
            DataProblem(path, 0, _("not a UTF-8 CSV file (%(error)s)") % {"error": error})
        )
        return []
    return rows
