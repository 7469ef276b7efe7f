"""Read the two names files: State and Partner names, and names of the other reference data.

Both files are optional, so a site's own data folder from an earlier release
still loads: without them, country names come from CLDR and the other names stay
in the source language, as before. Each row names its provenance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import babel
from django.utils.translation import gettext as _
from django.utils.translation import to_locale

from ..base import ReferenceSnippet
from ..structures import Structure
from ..taxonomy import FieldOfWork, MeetingSeries
from .errors import DataProblem
from .records import Record
from .rows import ISO_RE, Row, read_rows

COUNTRY_NAMES_FILE = "country_names.csv"
REFERENCE_NAMES_FILE = "reference_names.csv"

#: Where a country name was taken from: the organisation, the UN, the EU, or CLDR.
COUNTRY_NAME_SOURCES = ("osce", "un", "eu", "cldr")

#: The ``model`` column of ``reference_names.csv``.
REFERENCE_MODELS: dict[str, type[ReferenceSnippet]] = {
    "structure": Structure,
    "field_of_work": FieldOfWork,
    "meeting_series": MeetingSeries,
}

_NEEDS_REVIEW = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})*")


@dataclass
class CountryNames:
    """Names by ISO code and language, with the line each came from."""

    path: Path
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def check_codes(self, countries: set[str], problems: list[DataProblem]) -> None:
        """Every code must be a State, a Partner or a host territory of the other files."""
        for code, line in sorted(self.lines.items(), key=lambda item: item[1]):
            if code not in countries:
                problems.append(
                    DataProblem(
                        self.path,
                        line,
                        _(
                            "iso_code %(code)r is not a participating State, a Partner or a "
                            "host territory in the other data files"
                        )
                        % {"code": code},
                    )
                )


@dataclass
class ReferenceNames:
    """Names by model, slug and language, with the line each item first came from."""

    path: Path
    names: dict[tuple[type[ReferenceSnippet], str], dict[str, str]] = field(default_factory=dict)
    review: dict[tuple[type[ReferenceSnippet], str, str], bool] = field(default_factory=dict)
    lines: dict[tuple[type[ReferenceSnippet], str], int] = field(default_factory=dict)

    def check_keys(
        self, model: type[ReferenceSnippet], keys: set[str | int], problems: list[DataProblem]
    ) -> None:
        """Every slug must be one of the model's own data file."""
        for (row_model, slug), line in sorted(self.lines.items(), key=lambda item: item[1]):
            if row_model is model and slug not in keys:
                problems.append(
                    DataProblem(
                        self.path,
                        line,
                        _("slug %(slug)r is not a %(model)s in its data file")
                        % {"slug": slug, "model": model._meta.verbose_name},
                    )
                )


def _language(row: Row) -> str:
    """The ``language`` column: a lower-case language code that Babel knows (``fr``, ``pt-br``)."""
    value = row.required("language")
    if not value:
        return value
    known = bool(_LANGUAGE_RE.fullmatch(value))
    if known:
        try:
            babel.Locale.parse(to_locale(value))
        except (ValueError, TypeError, babel.UnknownLocaleError):
            known = False
    if not known:
        row.problems.append(
            _("language %(value)r is not a lower-case language code known to CLDR, such as fr")
            % {"value": value}
        )
    return value


def _report(path: Path, row: Row, problems: list[DataProblem]) -> bool:
    problems.extend(DataProblem(path, row.line, problem) for problem in row.problems)
    return not row.problems


def _first(seen: dict[tuple, int], key: tuple, row: Row, label: str, value: Iterable[str]) -> None:
    first = seen.setdefault(key, row.line)
    if first != row.line:
        row.problems.append(
            _("%(label)s %(value)s repeats line %(first)s")
            % {"label": label, "value": " ".join(repr(v) for v in value), "first": first}
        )


def read_country_names(path: Path, problems: list[DataProblem]) -> CountryNames:
    """``country_names.csv``: the name of each State, Partner and territory per language."""
    result = CountryNames(path)
    if not path.exists():
        return result
    seen: dict[tuple, int] = {}
    max_length = 255
    for row in read_rows(path, ["iso_code", "language", "name", "source", "provenance"], problems):
        code = row.required("iso_code")
        if code and not ISO_RE.fullmatch(code):
            row.problems.append(
                _("iso_code %(value)r is not an ISO 3166-1 alpha-2 code (two capital letters)")
                % {"value": code}
            )
        language = _language(row)
        name = row.required("name")
        if len(name) > max_length:
            row.problems.append(_("name is longer than %(max)s characters") % {"max": max_length})
        source = row.required("source")
        if source and source not in COUNTRY_NAME_SOURCES:
            row.problems.append(
                _("source %(value)r is not one of %(sources)s")
                % {"value": source, "sources": ", ".join(COUNTRY_NAME_SOURCES)}
            )
        if not row.text("provenance"):
            row.problems.append(_("provenance is empty: say where the row's facts come from"))
        if code and language:
            _first(seen, (code, language), row, "iso_code and language", (code, language))
        if _report(path, row, problems):
            result.names.setdefault(code, {})[language] = name
            result.lines.setdefault(code, row.line)
    return result


def read_reference_names(path: Path, problems: list[DataProblem]) -> ReferenceNames:
    """``reference_names.csv``: names of structures, fields of work and meeting series per language."""
    result = ReferenceNames(path)
    if not path.exists():
        return result
    seen: dict[tuple, int] = {}
    columns = ["model", "slug", "language", "name", "provenance", "needs_review"]
    for row in read_rows(path, columns, problems):
        model_key = row.required("model")
        model = REFERENCE_MODELS.get(model_key)
        if model_key and model is None:
            row.problems.append(
                _("model %(value)r is not one of %(models)s")
                % {"value": model_key, "models": ", ".join(REFERENCE_MODELS)}
            )
        slug = row.required("slug")
        language = _language(row)
        name = row.required("name")
        if model is not None:
            max_length = model._meta.get_field("name").max_length
            if len(name) > max_length:
                row.problems.append(
                    _("name is longer than %(max)s characters") % {"max": max_length}
                )
        review = _NEEDS_REVIEW.get(row.text("needs_review").lower())
        if review is None:
            row.problems.append(
                _("needs_review %(value)r is not yes or no") % {"value": row.text("needs_review")}
            )
        if not row.text("provenance"):
            row.problems.append(_("provenance is empty: say where the row's facts come from"))
        if model_key and slug and language:
            _first(
                seen,
                (model_key, slug, language),
                row,
                "model, slug and language",
                (model_key, slug, language),
            )
        if _report(path, row, problems) and model is not None:
            result.names.setdefault((model, slug), {})[language] = name
            result.review[(model, slug, language)] = bool(review)
            result.lines.setdefault((model, slug), row.line)
    return result


def attach_names(
    record: Record,
    country_names: CountryNames,
    reference_names: ReferenceNames,
    model: type[ReferenceSnippet],
) -> Record:
    """The record with its territory names' official forms and its translated names attached."""
    cldr = {
        name: replace(value, official=country_names.names.get(value.code, {}))
        for name, value in record.cldr.items()
    }
    names = reference_names.names.get((model, str(record.key)), {})
    return replace(record, cldr=cldr, names=names)
