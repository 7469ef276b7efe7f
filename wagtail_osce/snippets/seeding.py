"""Load the shipped reference data into the snippets, in every locale the site has.

Two stages. ``load_data`` reads and checks every data file and returns plain
records, so a bad file is reported (file, line, problem) before anything is
written. ``seed`` then writes the records in one transaction: rows of the
default locale keyed by their natural key (a slug; the year for a
Chairpersonship), and one translation per other locale sharing the source row's
``translation_key``. Country and territory names in translations come from CLDR
through Babel; every other name stays in the source language until a translator
translates it.

Seeding is idempotent and keeps editors' work: a row that already exists and
differs from the data file is left alone ("kept") unless ``overwrite`` is set.
A translation mirrors its source row, and only that part of it is compared and
overwritten: the synchronised fields (the source's values), the links (to the
same-locale translations of the source's targets) and the CLDR names, never a
translator's text.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import babel
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from wagtail.models import Locale, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail_localize.fields import SynchronizedField

from wagtail_osce.conf import osce_settings

from .base import ReferenceSnippet
from .chairpersonships import Chairpersonship
from .countries import ParticipatingState, Partner
from .structures import Structure
from .taxonomy import FieldOfWork, MeetingSeries

#: The data files shipped with the package.
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"

#: Hosts of field operations that are territories, not participating States.
HOST_TERRITORIES = frozenset({"XK"})

#: Two-letter CLDR regions that are not countries or territories.
_NOT_TERRITORIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

_ISO_RE = re.compile(r"[A-Z]{2}")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --------------------------------------------------------------------------- errors


class SeedError(Exception):
    """Seeding cannot go ahead; the message says why and nothing has been written."""


@dataclass(frozen=True)
class DataProblem:
    """One problem in a data file, at a line as an editor counts them (header = line 1).

    ``line`` is 0 for a problem with the file as a whole (missing, unreadable).
    """

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        if not self.line:
            return _("%(file)s: %(problem)s") % {"file": self.path, "problem": self.message}
        return _("%(file)s, line %(line)s: %(problem)s") % {
            "file": self.path,
            "line": self.line,
            "problem": self.message,
        }


class SeedDataError(SeedError):
    """One or more data files are malformed; ``problems`` lists each file, line and problem."""

    def __init__(self, problems: Sequence[DataProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class SeedConflictError(SeedError):
    """A row the data file needs would clash with a different row already in the database."""


class SeedLocaleError(SeedError):
    """A locale code that the site does not have, or whose language CLDR does not know."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class CldrName:
    """A field whose value is a CLDR territory name: ``template`` with the name in place of {}.

    ``fallback`` is the source-language value, used where a language's CLDR data
    lacks the territory.
    """

    code: str
    template: str
    fallback: str

    def render(self, names: dict[str, str]) -> str:
        name = names.get(self.code)
        return self.template.format(name) if name else self.fallback


@dataclass(frozen=True)
class Record:
    """One data-file row as model values.

    ``values`` are the default locale's field values; ``refs`` maps a foreign key
    to the natural key of its target, resolved in each locale to that locale's row;
    ``cldr`` holds the fields named from CLDR in translations (and in the default
    locale too when ``values`` has no value for them).
    """

    line: int
    key: str | int
    values: dict[str, Any]
    refs: dict[str, str | None] = field(default_factory=dict)
    cldr: dict[str, CldrName] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelData:
    """The records of one data file, ordered so that a parent comes before its children."""

    model: type[ReferenceSnippet]
    path: Path
    key_field: str
    records: tuple[Record, ...]


# --------------------------------------------------------------------------- reading


class _Row:
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
        if not _ISO_RE.fullmatch(value):
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
    match = _DATE_RE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_rows(path: Path, columns: Sequence[str], problems: list[DataProblem]) -> list[_Row]:
    """The rows of one CSV file with their line numbers; problems with its shape are recorded."""
    if not path.is_file():
        problems.append(DataProblem(path, 0, _("the file does not exist")))
        return []
    rows: list[_Row] = []
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
                rows.append(_Row(line, {k: v.strip() for k, v in zip(header, cells, strict=True)}))
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(
            DataProblem(path, 0, _("not a UTF-8 CSV file (%(error)s)") % {"error": error})
        )
        return []
    return rows


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
        self.rows = _read_rows(path, [*columns, "provenance"], problems)
        self.records: list[Record] = []
        self._first_line: dict[tuple[str, Any], int] = {}

    @property
    def ok(self) -> bool:
        """True when this file has no problem, so other files may be checked against it."""
        return not any(problem.path == self.path for problem in self.problems)

    def add(self, row: _Row, record: Record | None) -> None:
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


def _cldr_territories(language_code: str) -> dict[str, str]:
    """CLDR names of territories in a Wagtail locale's language (``pt-br`` is Babel's ``pt_BR``)."""
    try:
        return dict(babel.Locale.parse(to_locale(language_code)).territories)
    except (ValueError, TypeError, babel.UnknownLocaleError) as error:
        raise SeedLocaleError(
            _("Babel (CLDR) does not know the language of locale %(code)r: %(error)s")
            % {"code": language_code, "error": error}
        ) from error


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
    the models it points to).
    """
    directory = Path(data_dir) if data_dir else default_data_dir()
    if not directory.is_dir():
        raise SeedDataError([DataProblem(directory, 0, _("not a directory"))])
    known = set(_cldr_territories("en")) - _NOT_TERRITORIES
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
    if problems:
        raise SeedDataError(problems)
    return tuple(
        reader.result() for reader in (states, partners, fields_of_work, series, structures, chairs)
    )


# --------------------------------------------------------------------------- writing


@dataclass
class Counts:
    """What happened to the rows of one model in one locale."""

    created: int = 0
    updated: int = 0
    kept: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.kept += other.kept
        self.unchanged += other.unchanged


@dataclass(frozen=True)
class KeptRow:
    """A row that differs from the data file and was left as an editor or translator left it."""

    model: type[ReferenceSnippet]
    locale: str
    key: str | int
    fields: tuple[str, ...]


@dataclass
class SeedReport:
    """The outcome of a seed: counts per model and locale, and the rows kept as edited."""

    default_locale: str
    locales: list[str]
    dry_run: bool
    counts: dict[tuple[type[ReferenceSnippet], str], Counts] = field(default_factory=dict)
    kept: list[KeptRow] = field(default_factory=list)

    def counts_for(self, model: type[ReferenceSnippet], locale: str) -> Counts:
        return self.counts.setdefault((model, locale), Counts())

    def total(
        self,
        model: type[ReferenceSnippet] | None = None,
        locale: str | None = None,
    ) -> Counts:
        total = Counts()
        for (row_model, row_locale), counts in self.counts.items():
            if model in (None, row_model) and locale in (None, row_locale):
                total.add(counts)
        return total

    @property
    def models(self) -> list[type[ReferenceSnippet]]:
        return list(dict.fromkeys(model for model, _locale in self.counts))

    @property
    def changed(self) -> bool:
        total = self.total()
        return bool(total.created or total.updated)


def _ordered_locales(locales: Iterable[Locale]) -> list[Locale]:
    """Locales in the order of ``WAGTAIL_CONTENT_LANGUAGES``, then by code."""
    configured = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    position = {code: index for index, code in enumerate(configured)}
    return sorted(
        locales, key=lambda loc: (position.get(loc.language_code, len(position)), loc.language_code)
    )


def resolve_locales(codes: Iterable[str] | None) -> list[Locale]:
    """The ``Locale`` rows for ``codes`` (all the site's locales when None); unknown codes raise."""
    available = list(Locale.objects.all())
    if codes is None:
        return _ordered_locales(available)
    by_code = {loc.language_code.lower(): loc for loc in available}
    chosen: list[Locale] = []
    for code in codes:
        locale = by_code.get(code.strip().lower())
        if locale is None:
            raise SeedLocaleError(
                _("Unknown locale %(code)r: the site's locales are %(available)s.")
                % {
                    "code": code,
                    "available": ", ".join(sorted(loc.language_code for loc in available))
                    or _("none"),
                }
            )
        if locale not in chosen:
            chosen.append(locale)
    return _ordered_locales(chosen)


def _synchronised_fields(model: type[models.Model]) -> frozenset[str]:
    return frozenset(
        item.field_name
        for item in getattr(model, "override_translatable_fields", [])
        if isinstance(item, SynchronizedField)
    )


class _Seeder:
    """Writes the records for the default locale, then a translation per other locale.

    A row of the default locale is compared with its record. A translation mirrors
    its source row instead: the synchronised fields are the source's, its links go
    to the same-locale translations of what the source links to, and CLDR names
    are in its own language.
    """

    def __init__(
        self,
        data: Sequence[ModelData],
        default: Locale,
        targets: Sequence[Locale],
        overwrite: bool,
        report: SeedReport,
    ) -> None:
        self.data = data
        self.default = default
        self.targets = targets
        self.overwrite = overwrite
        self.report = report
        self.names = {loc.pk: _cldr_territories(loc.language_code) for loc in [default, *targets]}
        # Every row of a model in a locale, by natural key (records only), pk and translation key.
        self.by_key: dict[tuple[type[models.Model], int], dict[str | int, models.Model]] = {}
        self.by_pk: dict[tuple[type[models.Model], int], dict[Any, models.Model]] = {}
        self.by_tk: dict[tuple[type[models.Model], int], dict[Any, models.Model]] = {}
        self.created: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.updated: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.pending: list[models.Model] = []

    def run(self) -> None:
        locale_ids = [self.default.pk, *(loc.pk for loc in self.targets)]
        for model_data in self.data:
            model = model_data.model
            for locale_id in locale_ids:
                self.by_pk[(model, locale_id)] = {}
                self.by_tk[(model, locale_id)] = {}
            for row in model._default_manager.filter(locale_id__in=locale_ids).order_by("pk"):
                self.by_pk[(model, row.locale_id)][row.pk] = row
                self.by_tk[(model, row.locale_id)][row.translation_key] = row
            for locale in [self.default, *self.targets]:
                self._seed_locale(model_data, locale)
        self._update_indexes()

    def _flush(self) -> None:
        """Insert the rows waiting to be created, so that other rows can link to them."""
        if self.pending:
            model = type(self.pending[0])
            model._default_manager.bulk_create(self.pending)
            for row in self.pending:
                self.by_pk[(model, row.locale_id)][row.pk] = row
            self.created[model].extend(self.pending)
            self.pending = []

    def _target(self, row: models.Model | None) -> Any:
        """The primary key of ``row``, inserting it first if it is still waiting."""
        if row is None:
            return None
        if row.pk is None:
            self._flush()
        return row.pk

    def _expected_source(self, model: type[models.Model], record: Record) -> dict[str, Any]:
        """What the data file decides for a row of the default locale, by attribute name."""
        values = dict(record.values)
        for name, cldr in record.cldr.items():
            if name not in values:
                values[name] = cldr.render(self.names[self.default.pk])
        for name, key in record.refs.items():
            fk = model._meta.get_field(name)
            target = None
            if key is not None:
                target = self.by_key[(fk.related_model, self.default.pk)][key]
            values[fk.attname] = self._target(target)
        return values

    def _expected_translation(
        self, model: type[models.Model], record: Record, source: models.Model, locale: Locale
    ) -> tuple[dict[str, Any], set[str]]:
        """What a translation of ``source`` must hold, and the links that cannot be mirrored.

        A link cannot be mirrored when the source links to a row that has no
        translation in ``locale`` yet; such a link is left alone.
        """
        synced = _synchronised_fields(model)
        values = {name: getattr(source, name) for name in record.values if name in synced}
        for name, cldr in record.cldr.items():
            values[name] = cldr.render(self.names[locale.pk])
        unresolved: set[str] = set()
        for name in record.refs:
            fk = model._meta.get_field(name)
            source_target_id = getattr(source, fk.attname)
            if source_target_id is None:
                values[fk.attname] = None
                continue
            source_target = self.by_pk[(fk.related_model, self.default.pk)].get(source_target_id)
            target = None
            if source_target is not None:
                target = self.by_tk[(fk.related_model, locale.pk)].get(
                    source_target.translation_key
                )
            if target is None:
                unresolved.add(fk.attname)
            else:
                values[fk.attname] = self._target(target)
        return values, unresolved

    def _seed_locale(self, model_data: ModelData, locale: Locale) -> None:
        model = model_data.model
        is_default = locale.pk == self.default.pk
        counts = self.report.counts_for(model, locale.language_code)
        existing = list(self.by_pk[(model, locale.pk)].values())
        by_natural_key = {getattr(row, model_data.key_field): row for row in existing}
        taken = {
            name: {getattr(row, name): row for row in existing} for name in model.unique_per_locale
        }
        keyed = self.by_key.setdefault((model, locale.pk), {})
        updated: list[models.Model] = []
        updated_fields: set[str] = set()

        # Records come parents first; a row waits in ``pending`` until a child needs its key.
        for record in model_data.records:
            if is_default:
                row = by_natural_key.get(record.key)
                expected, unresolved = self._expected_source(model, record), set()
            else:
                source = self.by_key[(model, self.default.pk)][record.key]
                row = self.by_tk[(model, locale.pk)].get(source.translation_key)
                expected, unresolved = self._expected_translation(model, record, source, locale)
            if row is None:
                self._check_free(model, locale, record, expected, taken, None)
                if is_default:
                    row = model(locale=locale, **expected)
                else:
                    row = source.copy_for_translation(locale)
                    for attname in unresolved:
                        setattr(row, attname, None)
                    for attname, value in expected.items():
                        setattr(row, attname, value)
                self.pending.append(row)
                self.by_tk[(model, locale.pk)][row.translation_key] = row
                counts.created += 1
            else:
                differing = tuple(
                    attname for attname, value in expected.items() if getattr(row, attname) != value
                )
                if not differing:
                    counts.unchanged += 1
                elif self.overwrite:
                    self._check_free(model, locale, record, expected, taken, row)
                    for attname in differing:
                        setattr(row, attname, expected[attname])
                    updated.append(row)
                    updated_fields.update(differing)
                    counts.updated += 1
                else:
                    counts.kept += 1
                    self.report.kept.append(
                        KeptRow(
                            model,
                            locale.language_code,
                            record.key,
                            tuple(model._meta.get_field(name).name for name in differing),
                        )
                    )
            keyed[record.key] = row
        self._flush()
        if updated:
            names = sorted(model._meta.get_field(attname).name for attname in updated_fields)
            model._default_manager.bulk_update(updated, names)
            self.updated[model].extend(updated)

    def _check_free(
        self,
        model: type[ReferenceSnippet],
        locale: Locale,
        record: Record,
        expected: dict[str, Any],
        taken: dict[str, dict[Any, models.Model]],
        row: models.Model | None,
    ) -> None:
        """Raise if a unique value the row needs already belongs to another row in this locale."""
        for name in model.unique_per_locale:
            value = expected.get(name)
            holder = taken[name].get(value)
            if value in (None, "") or holder is None or holder is row:
                continue
            raise SeedConflictError(
                _(
                    "%(model)s %(key)r in locale %(locale)s needs %(field)s %(value)r, but another "
                    "row (id %(id)s, %(name)r) already has it. Rename or delete that row, or "
                    "link it as a translation, then seed again."
                )
                % {
                    "model": model._meta.verbose_name,
                    "key": record.key,
                    "locale": locale.language_code,
                    "field": name,
                    "value": value,
                    "id": holder.pk,
                    "name": str(holder),
                }
            )

    def _update_indexes(self) -> None:
        """Do for the written rows what ``post_save`` would: reference index now, search on commit.

        Rows are written in bulk, which sends no signals. The search index may be an
        external service, so it is updated only once the transaction commits (never
        for a dry run).
        """
        for model in dict.fromkeys([*self.created, *self.updated]):
            created, updated = self.created[model], self.updated[model]
            if ReferenceIndex.is_indexed(model):
                _index_references(model, created, updated)
            if getattr(model, "search_auto_update", True):
                transaction.on_commit(partial(_index_for_search, model, [*created, *updated]))


def _index_references(
    model: type[models.Model], created: list[models.Model], updated: list[models.Model]
) -> None:
    """Record the rows' links in Wagtail's reference index (the admin's "usage" of a snippet).

    A new row has no entries yet, so its entries are inserted in one batch rather
    than through ``create_or_update_for_object`` row by row (two queries each).
    That batch uses the reference index's own helpers; should they change, each
    row is indexed the public way instead.
    """
    for row in updated:
        ReferenceIndex.create_or_update_for_object(row)
    try:
        content_types = [
            ContentType.objects.get_for_model(klass, for_concrete_model=False)
            for klass in [model, *model._meta.get_parent_list()]
        ]
        entries = [
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=row.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for row in created
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(row)
            )
        ]
    except (AttributeError, TypeError, ValueError):
        for row in created:
            ReferenceIndex.create_or_update_for_object(row)
        return
    ReferenceIndex.objects.bulk_create(
        entries, ignore_conflicts=connection.features.supports_ignore_conflicts
    )


def _index_for_search(model: type[models.Model], rows: list[models.Model]) -> None:
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, rows)


def seed(
    data: Sequence[ModelData] | None = None,
    *,
    locales: Iterable[Locale] | None = None,
    overwrite: bool = False,
    dry_run: bool = False,
) -> SeedReport:
    """Write ``data`` (default: ``load_data()``) for the default locale and translations.

    ``locales`` limits the translations to those locales (default: every locale of
    the site); the default locale is always seeded, as the source of the others.
    Everything happens in one transaction, rolled back when ``dry_run`` is set or
    when anything fails.
    """
    if data is None:
        data = load_data()
    try:
        default = Locale.get_default()
    except (Locale.DoesNotExist, LookupError) as error:
        raise SeedLocaleError(
            _("The site has no locale for LANGUAGE_CODE %(code)r; run migrate first.")
            % {"code": settings.LANGUAGE_CODE}
        ) from error
    chosen = resolve_locales(None) if locales is None else _ordered_locales(locales)
    targets = [loc for loc in chosen if loc.pk != default.pk]
    report = SeedReport(
        default_locale=default.language_code,
        locales=[default.language_code, *(loc.language_code for loc in targets)],
        dry_run=dry_run,
    )
    from wagtail_osce.notifications.purge import purge_reference_data
    from wagtail_osce.signal_handlers import muted

    seeder = _Seeder(data, default, targets, overwrite, report)
    with transaction.atomic(), muted():
        seeder.run()
        if dry_run:
            transaction.set_rollback(True)
        elif report.changed:
            # Rows are written in bulk, without save signals: purge the listings once.
            transaction.on_commit(purge_reference_data)
    return report


__all__ = [
    "PACKAGE_DATA_DIR",
    "Counts",
    "DataProblem",
    "KeptRow",
    "ModelData",
    "Record",
    "SeedConflictError",
    "SeedDataError",
    "SeedError",
    "SeedLocaleError",
    "SeedReport",
    "default_data_dir",
    "load_data",
    "parse_date",
    "resolve_locales",
    "seed",
]
