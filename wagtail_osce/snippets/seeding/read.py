"""Read and check the data files into records, reporting every problem before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail_osce.conf import osce_settings

from ..base import ReferenceSnippet
from ..chairpersonships import Chairpersonship
from ..countries import ParticipatingState, Partner
from ..structures import Structure
from ..taxonomy import FieldOfWork, MeetingSeries
from .errors import DataProblem, SeedDataError
from .names import NOT_TERRITORIES, CldrName, cldr_territories
from .names_files import (
    COUNTRY_NAMES_FILE,
    REFERENCE_NAMES_FILE,
    attach_names,
    read_country_names,
    read_reference_names,
)
from .records import ModelData, Record
from .rows import Row, read_rows

#: The data files shipped with the package.
PACKAGE_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Hosts of field operations that are territories, not participating States.
HOST_TERRITORIES = frozenset({"XK"})


def _model_problems(model: type[models.Model], values: dict[str, Any]) -> list[str]:
    """What the model's own field validation says about ``values``: lengths, choices, formats."""
    instance = model(**values)
    exclude = [f.name for f in model._meta.concrete_fields if f.name not in values]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        return [
            f"{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in error.message_dict.items()
        ]
    return []


class _FileReader:
    """Reads one data file into records, collecting every problem with its line."""

    def __init__(
        self,
        model: type[ReferenceSnippet],
        path: Path,
        columns: Sequence[str],
        key_field: str,
        problems: list[DataProblem],
    ) -> None:
        self.model = model
        self.path = path
        self.key_field = key_field
        self.problems = problems
        self.rows = read_rows(path, [*columns, "provenance"], problems)
        self.records: list[Record] = []
        self._first_line: dict[tuple[str, Any], int] = {}

    @property
    def ok(self) -> bool:
        """True when this file has no problem, so other files may be checked against it."""
        return not any(problem.path == self.path for problem in self.problems)

    def add(self, row: Row, record: Record | None) -> None:
        """Check a parsed row (provenance, model validation, uniqueness) and keep it if clean."""
        if not row.text("provenance"):
            row.problems.append(_("provenance is empty: say where the row's facts come from"))
        if record is not None and not row.problems:
            row.problems.extend(_model_problems(self.model, record.values))
            for name in self.model.unique_per_locale:
                value = record.values.get(name)
                if value in (None, ""):
                    continue
                first = self._first_line.setdefault((name, value), row.line)
                if first != row.line:
                    row.problems.append(
                        _("%(field)s %(value)r repeats line %(first)s")
                        % {"field": name, "value": value, "first": first}
                    )
        if row.problems:
            self.problems.extend(DataProblem(self.path, row.line, p) for p in row.problems)
        elif record is not None:
            self.records.append(record)

    def result(self, records: Sequence[Record] | None = None) -> ModelData:
        return ModelData(
            self.model,
            self.path,
            self.key_field,
            tuple(self.records if records is None else records),
        )


def _alternatives(row: Row) -> tuple[str, ...]:
    """The optional ``alternative_names`` column: other names of the country, separated by ``;``."""
    return tuple(name.strip() for name in row.text("alternative_names").split(";") if name.strip())


def _read_states(path: Path, known: set[str], problems: list[DataProblem]) -> _FileReader:
    reader = _FileReader(
        ParticipatingState,
        path,
        ["slug", "name", "iso_code", "admission_date", "note"],
        "slug",
        problems,
    )
    for row in reader.rows:
        values = {
            "slug": row.required("slug"),
            "name": row.required("name"),
            "iso_code": row.iso_code("iso_code", known),
            "admission_date": row.partial_date("admission_date"),
            "note": row.text("note"),
        }
        record = Record(
            row.line,
            values["slug"],
            values,
            cldr={"name": CldrName(values["iso_code"], "{}", values["name"])},
            alternatives=_alternatives(row),
        )
        reader.add(row, record)
    return reader


def _read_partners(path: Path, known: set[str], problems: list[DataProblem]) -> _FileReader:
    reader = _FileReader(
        Partner, path, ["slug", "name", "iso_code", "group", "partner_since"], "slug", problems
    )
    for row in reader.rows:
        values = {
            "slug": row.required("slug"),
            "name": row.required("name"),
            "iso_code": row.iso_code("iso_code", known),
            "group": row.required("group"),
            "partner_since": row.integer("partner_since"),
        }
        record = Record(
            row.line,
            values["slug"],
            values,
            cldr={"name": CldrName(values["iso_code"], "{}", values["name"])},
            alternatives=_alternatives(row),
        )
        reader.add(row, record)
    return reader


def _read_ordered(
    model: type[ReferenceSnippet],
    path: Path,
    columns: Sequence[str],
    problems: list[DataProblem],
) -> _FileReader:
    reader = _FileReader(model, path, ["sort_order", "slug", "name", *columns], "slug", problems)
    for row in reader.rows:
        values = {
            "sort_order": row.integer("sort_order", required=True),
            "slug": row.required("slug"),
            "name": row.required("name"),
            **{column: row.text(column) for column in columns},
        }
        reader.add(row, Record(row.line, values["slug"], values))
    return reader


def _read_structures(
    path: Path,
    known: set[str],
    states: dict[str, str] | None,
    problems: list[DataProblem],
) -> _FileReader:
    """Structures; ``states`` maps ISO codes to State slugs (None: the States file is broken)."""
    reader = _FileReader(
        Structure,
        path,
        [
            "sort_order",
            "slug",
            "name",
            "acronym",
            "kind",
            "parent",
            "region",
            "seat_city",
            "host_code",
            "established",
            "closed",
        ],
        "slug",
        problems,
    )
    for row in reader.rows:
        values: dict[str, Any] = {
            "sort_order": row.integer("sort_order", required=True),
            "slug": row.required("slug"),
            "name": row.required("name"),
            "acronym": row.text("acronym"),
            "kind": row.required("kind"),
            "region": row.text("region"),
            "seat_city": row.text("seat_city"),
            "established": row.partial_date("established"),
            "closed": row.partial_date("closed"),
        }
        refs: dict[str, str | None] = {"parent": row.text("parent") or None, "host_state": None}
        cldr: dict[str, CldrName] = {}
        host = row.text("host_code")
        problems_before = len(row.problems)
        if host and row.iso_code("host_code", known) and len(row.problems) == problems_before:
            if host in HOST_TERRITORIES:
                cldr["host_territory"] = CldrName(host, "{}", host)
            elif states is not None and host in states:
                refs["host_state"] = states[host]
            elif states is not None:
                row.problems.append(
                    _(
                        "host_code %(code)r is neither a participating State in "
                        "participating_states.csv nor a territory (%(territories)s)"
                    )
                    % {"code": host, "territories": ", ".join(sorted(HOST_TERRITORIES))}
                )
        if "host_territory" not in cldr:
            values["host_territory"] = ""
        if values["established"] and values["closed"] and values["closed"] < values["established"]:
            row.problems.append(_("closed is earlier than established"))
        if refs["parent"] == values["slug"]:
            row.problems.append(_("parent is the structure itself"))
        reader.add(row, Record(row.line, values["slug"], values, refs, cldr))

    # Parents must exist in the file; order the records so that parents come first.
    slugs = {row.text("slug") for row in reader.rows}
    for record in reader.records:
        parent = record.refs["parent"]
        if parent and parent not in slugs:
            problems.append(
                DataProblem(
                    path,
                    record.line,
                    _("parent %(slug)r is not a slug in this file") % {"slug": parent},
                )
            )
    if not reader.ok:
        return reader
    ordered: list[Record] = []
    placed: set[str | int] = set()
    remaining = list(reader.records)
    while remaining:
        ready = [r for r in remaining if not r.refs["parent"] or r.refs["parent"] in placed]
        if not ready:
            for record in remaining:
                problems.append(DataProblem(path, record.line, _("parent links form a cycle")))
            break
        ordered.extend(ready)
        placed.update(record.key for record in ready)
        remaining = [r for r in remaining if r.key not in placed]
    reader.records = ordered
    return reader


def _read_chairpersonships(
    path: Path,
    states: dict[str, Record] | None,
    problems: list[DataProblem],
) -> _FileReader:
    """Chairpersonships; ``states`` maps ISO codes to State records (None: that file is broken)."""
    reader = _FileReader(
        Chairpersonship,
        path,
        ["year", "state_iso", "historic_state", "chairperson_in_office"],
        "year",
        problems,
    )
    for row in reader.rows:
        year = row.integer("year", required=True)
        iso = row.text("state_iso")
        historic = row.text("historic_state")
        state: Record | None = None
        if bool(iso) == bool(historic):
            row.problems.append(_("give either state_iso or historic_state, not both or neither"))
        elif iso and states is not None:
            state = states.get(iso)
            if state is None:
                row.problems.append(
                    _("state_iso %(code)r is not a participating State in participating_states.csv")
                    % {"code": iso}
                )
        if row.problems or (iso and state is None):
            reader.add(row, None)
            continue
        if state is not None:
            state_name, slug = state.values["name"], f"{state.key}-{year}"
        else:
            state_name, slug = historic, slugify(f"{historic}-{year}")
        values = {
            "year": year,
            "slug": slug,
            "name": f"{state_name} {year}",
            "historic_state": historic,
            "chairperson_in_office": row.text("chairperson_in_office"),
        }
        cldr = {}
        if state is not None:
            code = state.values["iso_code"]
            cldr["name"] = CldrName(code, f"{{}} {year}", values["name"])
        reader.add(
            row, Record(row.line, year, values, {"state": state.key if state else None}, cldr)
        )
    return reader


def default_data_dir() -> Path:
    """``WAGTAIL_OSCE["DATA_DIR"]`` when set, else the data files shipped in the package."""
    configured = osce_settings.DATA_DIR
    return Path(configured) if configured else PACKAGE_DATA_DIR


def load_data(data_dir: str | Path | None = None) -> tuple[ModelData, ...]:
    """Read and check every data file; raise ``SeedDataError`` listing every problem found.

    Returns the files' records in the order they must be written (a model after
    the models it points to), with the localized names of the two names files
    attached to them.
    """
    directory = Path(data_dir) if data_dir else default_data_dir()
    if not directory.is_dir():
        raise SeedDataError([DataProblem(directory, 0, _("not a directory"))])
    known = set(cldr_territories("en")) - NOT_TERRITORIES
    problems: list[DataProblem] = []

    states = _read_states(directory / "participating_states.csv", known, problems)
    partners = _read_partners(directory / "partners.csv", known, problems)
    fields_of_work = _read_ordered(FieldOfWork, directory / "fields_of_work.csv", [], problems)
    series = _read_ordered(
        MeetingSeries, directory / "meeting_series.csv", ["description"], problems
    )
    state_records = (
        {record.values["iso_code"]: record for record in states.records} if states.ok else None
    )
    structures = _read_structures(
        directory / "structures.csv",
        known,
        None
        if state_records is None
        else {code: record.key for code, record in state_records.items()},
        problems,
    )
    chairs = _read_chairpersonships(directory / "chairpersonships.csv", state_records, problems)
    readers = (states, partners, fields_of_work, series, structures, chairs)

    country_names = read_country_names(directory / COUNTRY_NAMES_FILE, problems)
    if states.ok and partners.ok:
        countries = {
            record.values["iso_code"] for record in (*states.records, *partners.records)
        } | HOST_TERRITORIES
        country_names.check_codes(countries, problems)
    reference_names = read_reference_names(directory / REFERENCE_NAMES_FILE, problems)
    for reader in (fields_of_work, series, structures):
        if reader.ok:
            reference_names.check_keys(
                reader.model, {record.key for record in reader.records}, problems
            )
    if problems:
        raise SeedDataError(problems)
    return tuple(
        reader.result(
            [
                attach_names(record, country_names, reference_names, reader.model)
                for record in reader.records
            ]
        )
        for reader in readers
    )
