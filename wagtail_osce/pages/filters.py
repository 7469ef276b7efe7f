"""Filtering and paginating the listings of the index pages from query parameters.

``?field=policing&country=at&source=ministerial-council&series=summits&year=2024&page=2``:
taxonomies by slug (countries also by ISO code), years as four digits. A value
that names nothing (an unknown slug, ``year=abc``) is ignored with a notice and
the listing is still served; a page number out of range shows the nearest page.
Snippet references match by ``translation_key``, so a filter finds pages whatever
language the referenced rows are in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from wagtail_osce.conf import osce_settings

MAX_VALUE_LENGTH = 100
MIN_YEAR = 1900
MAX_YEAR = 2200


@dataclass(frozen=True)
class TaxonomyFilter:
    """A query parameter that narrows a listing to pages referring to one snippet."""

    param: str
    label: str | Promise
    model: str
    lookup: str
    match_iso_code: bool = False

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def option_value(self, obj: Model) -> str:
        """What the parameter carries for ``obj``: its slug, or for countries its ISO code."""
        if self.match_iso_code:
            return obj.iso_code.lower()
        return obj.slug


@dataclass
class FilterOption:
    value: str
    label: str
    selected: bool


@dataclass
class FilterChoices:
    """One ``<select>`` of the filter form."""

    param: str
    label: str | Promise
    options: list[FilterOption]
    selected: str = ""


@dataclass
class ActiveFilter:
    """A filter that applies: its parameter, its value and what it names."""

    param: str
    label: str | Promise
    value: str
    name: str


@dataclass
class Listing:
    """A filtered, paginated listing, ready for a template."""

    page_obj: PaginatorPage
    paginator: Paginator
    active_filters: list[ActiveFilter] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    choices: list[FilterChoices] = field(default_factory=list)

    @property
    def items(self) -> list[Any]:
        return list(self.page_obj.object_list)


def _default_locale_id() -> int | None:
    try:
        return Locale.get_default().pk
    except Locale.DoesNotExist:
        return None


def _clean_value(params: QueryDict, name: str) -> str:
    return (params.get(name) or "").strip()


def _printable(value: str) -> str:
    """A filter value as quoted back to the reader: shortened, without control characters."""
    cleaned = "".join(ch for ch in value if ch.isprintable())
    return cleaned[:MAX_VALUE_LENGTH] + ("…" if len(cleaned) > MAX_VALUE_LENGTH else "")


def resolve_snippet(spec: TaxonomyFilter, value: str, locale_id: int | None) -> Model | None:
    """The snippet a filter value names, preferring the row in the listing's language."""
    if not value or len(value) > MAX_VALUE_LENGTH or "\x00" in value:
        # PostgreSQL refuses NUL in a string parameter: such a value names nothing.
        return None
    condition = Q(slug=value)
    if spec.match_iso_code and len(value) == 2:
        condition |= Q(iso_code=value.upper())
    candidates = list(spec.model_class._default_manager.filter(condition)[:20])
    if not candidates:
        return None
    for candidate in candidates:
        if candidate.locale_id == locale_id:
            return candidate
    return candidates[0]


def parse_year(value: str) -> int | None:
    """A plausible four-digit year, or None."""
    if not (value.isascii() and value.isdigit()) or len(value) != 4:
        return None
    year = int(value)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


class ListingFilter:
    """Applies taxonomy and year filters to a queryset of pages and paginates the result."""

    def __init__(self, taxonomies: list[TaxonomyFilter], date_field: str) -> None:
        self.taxonomies = taxonomies
        self.date_field = date_field

    def filter(
        self, queryset: QuerySet, params: QueryDict, locale_id: int | None
    ) -> tuple[QuerySet, list[ActiveFilter], list[str]]:
        """Narrow ``queryset``; values that name nothing are reported and ignored."""
        active: list[ActiveFilter] = []
        notices: list[str] = []
        model = queryset.model
        for spec in self.taxonomies:
            value = _clean_value(params, spec.param)
            if not value:
                continue
            obj = resolve_snippet(spec, value, locale_id)
            if obj is None:
                notices.append(
                    str(
                        _("No %(label)s matches “%(value)s”; that filter is ignored.")
                        % {"label": str(spec.label).lower(), "value": _printable(value)}
                    )
                )
                continue
            matching = model._default_manager.filter(
                **{f"{spec.lookup}__translation_key": obj.translation_key}
            ).values("pk")
            queryset = queryset.filter(pk__in=matching)
            active.append(ActiveFilter(spec.param, spec.label, value, obj.name))

        raw_year = _clean_value(params, "year")
        if raw_year:
            year = parse_year(raw_year)
            if year is None:
                notices.append(
                    str(
                        _("“%(value)s” is not a year; the year filter is ignored.")
                        % {"value": _printable(raw_year)}
                    )
                )
            else:
                queryset = queryset.filter(**{f"{self.date_field}__year": year})
                active.append(ActiveFilter("year", _("Year"), str(year), str(year)))
        return queryset, active, notices

    def choices(
        self, base_queryset: QuerySet, params: QueryDict, locale_id: int | None
    ) -> list[FilterChoices]:
        """The options of the filter form: only values that some listed page has.

        One query per taxonomy and one for the years, whatever the listing's length.
        """
        result: list[FilterChoices] = []
        fallback_locale_id = _default_locale_id()
        for spec in self.taxonomies:
            used_keys = base_queryset.filter(**{f"{spec.lookup}__isnull": False}).values(
                f"{spec.lookup}__translation_key"
            )
            rows = self._rows_in_locale(spec, used_keys, locale_id, fallback_locale_id)
            selected = _clean_value(params, spec.param)
            options = []
            for obj in rows:
                value = spec.option_value(obj)
                is_selected = selected in (value, getattr(obj, "slug", None)) or (
                    spec.match_iso_code and selected.upper() == obj.iso_code
                )
                options.append(FilterOption(value, obj.name, is_selected))
            chosen = next((o.value for o in options if o.selected), "")
            result.append(FilterChoices(spec.param, spec.label, options, chosen))

        years = self._years(base_queryset)
        selected_year = _clean_value(params, "year")
        result.append(
            FilterChoices(
                "year",
                _("Year"),
                [FilterOption(str(y), str(y), str(y) == selected_year) for y in years],
                selected_year if selected_year in {str(y) for y in years} else "",
            )
        )
        return result

    def _rows_in_locale(
        self,
        spec: TaxonomyFilter,
        used_keys: QuerySet,
        locale_id: int | None,
        fallback_locale_id: int | None,
    ) -> list[Model]:
        """The used rows in the listing's language; where a row has no translation yet,
        the default language's. One query, whichever applies."""
        locale_ids = [pk for pk in (locale_id, fallback_locale_id) if pk is not None]
        rows = spec.model_class._default_manager.filter(
            translation_key__in=used_keys, locale_id__in=locale_ids
        )
        preferred: dict[Any, Model] = {}
        for row in rows:
            current = preferred.get(row.translation_key)
            if current is None or row.locale_id == locale_id:
                preferred[row.translation_key] = row
        return list(preferred.values())

    def _years(self, queryset: QuerySet) -> list[int]:
        field_obj = queryset.model._meta.get_field(self.date_field)
        if field_obj.get_internal_type() == "DateTimeField":
            values = queryset.datetimes(self.date_field, "year", order="DESC")
        else:
            values = queryset.dates(self.date_field, "year", order="DESC")
        return [value.year for value in values]


def paginate(
    queryset: QuerySet, params: QueryDict, per_page: int | None = None
) -> tuple[Paginator, PaginatorPage]:
    """The requested page of ``queryset``: a bad or out-of-range number gives the nearest page."""
    paginator = Paginator(queryset, per_page or osce_settings.PAGE_SIZE)
    raw = _clean_value(params, "page")[:10]
    return paginator, paginator.get_page(raw or 1)
