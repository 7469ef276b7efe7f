"""Filtering and paginating listings of stories and meetings: one core, two front-ends.

``?field=policing&country=at&source=ministerial-council&series=summits&year=2024&page=2``:
taxonomies by slug (countries also by ISO code), years as four digits. Snippet
references match by ``translation_key``, so a filter finds pages whatever
language the referenced rows are in. The index pages' HTML ignores a value that
names nothing with a notice and shows the nearest page for a page number out of
range; the headless API refuses both with a 400 naming the parameter. Both go
through :func:`find_snippet`, :func:`filter_by_snippet` and :func:`paginate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from wagtail_osce.conf import osce_settings
from wagtail_osce.locales import default_locale_id

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
class IndexListing:
    """A filtered, paginated listing, ready for a template."""

    page_obj: PaginatorPage
    paginator: Paginator
    active_filters: list[ActiveFilter] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    choices: list[FilterChoices] = field(default_factory=list)

    @property
    def items(self) -> list[Any]:
        return list(self.page_obj.object_list)


def _clean_value(params: QueryDict, name: str) -> str:
    return (params.get(name) or "").strip()


def _printable(value: str) -> str:
    """A filter value as quoted back to the reader: shortened, without control characters."""
    cleaned = "".join(ch for ch in value if ch.isprintable())
    return cleaned[:MAX_VALUE_LENGTH] + ("…" if len(cleaned) > MAX_VALUE_LENGTH else "")


# What a snippet slug (or an ISO code) may hold; anything else never matches a row.
SLUG_PATTERN = re.compile(r"[-\w]+", re.ASCII)


def is_slug(value: str) -> bool:
    """Whether ``value`` could name a snippet: a plain ASCII slug of a sensible length."""
    return len(value) <= MAX_VALUE_LENGTH and SLUG_PATTERN.fullmatch(value) is not None


def find_snippet(
    model: type[Model], value: str, locale_id: int | None = None, *, match_iso_code: bool = False
) -> Model | None:
    """The snippet a filter value names (by slug, or ISO code), preferring ``locale_id``'s row."""
    if not is_slug(value):
        return None
    condition = Q(slug=value)
    if match_iso_code and len(value) == 2:
        condition |= Q(iso_code=value.upper())
    candidates = list(model._default_manager.filter(condition)[:20])
    for candidate in candidates:
        if candidate.locale_id == locale_id:
            return candidate
    return candidates[0] if candidates else None


def filter_by_snippet(
    queryset: QuerySet, lookup: str, snippet: Model, models: Sequence[type[Model]] = ()
) -> QuerySet:
    """Pages of ``queryset`` referring (through ``lookup``) to any translation of ``snippet``.

    ``models`` are the page types holding ``lookup``, when ``queryset`` is of the
    base page model; by default the queryset's own model.
    """
    conditions = [
        Q(pk__in=_referring_ids(model, lookup, snippet.translation_key))
        for model in models or [queryset.model]
    ]
    return queryset.filter(reduce(or_, conditions))


def _referring_ids(model: type[Model], lookup: str, translation_key: Any) -> QuerySet:
    """Ids of ``model``'s pages referring through ``lookup`` to a row of ``translation_key``.

    A many-to-many relation is read from its through table alone: joining the
    page table as well would look up every referring page's row before the
    listing's own query does (thousands for a State in 7% of 50,000 stories).
    """
    field = model._meta.get_field(lookup)
    if field.many_to_many and not field.auto_created:
        through = field.remote_field.through
        return through._default_manager.filter(
            **{f"{field.m2m_reverse_field_name()}__translation_key": translation_key}
        ).values(field.m2m_field_name())
    return model._default_manager.filter(**{f"{lookup}__translation_key": translation_key}).values(
        "pk"
    )


def resolve_snippet(spec: TaxonomyFilter, value: str, locale_id: int | None) -> Model | None:
    """The snippet a filter value names, preferring the row in the listing's language."""
    return find_snippet(spec.model_class, value, locale_id, match_iso_code=spec.match_iso_code)


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
        self,
        queryset: QuerySet,
        params: QueryDict,
        locale_id: int | None,
        models: Sequence[type[Model]] = (),
    ) -> tuple[QuerySet, list[ActiveFilter], list[str]]:
        """Narrow ``queryset`` (of ``models``); values that name nothing are reported and ignored."""
        active: list[ActiveFilter] = []
        notices: list[str] = []
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
            queryset = filter_by_snippet(queryset, spec.lookup, obj, models)
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
        self,
        base_queryset: QuerySet,
        params: QueryDict,
        locale_id: int | None,
        models: Sequence[type[Model]] = (),
    ) -> list[FilterChoices]:
        """The options of the filter form: only values that some listed page has.

        One query per taxonomy and one for the years, whatever the listing's length.
        """
        result: list[FilterChoices] = []
        fallback_locale_id = default_locale_id()
        for spec in self.taxonomies:
            used = Q(pk__in=[])
            for model in models or [base_queryset.model]:
                used |= Q(
                    translation_key__in=model._default_manager.filter(
                        pk__in=base_queryset.values("pk"), **{f"{spec.lookup}__isnull": False}
                    ).values(f"{spec.lookup}__translation_key")
                )
            rows = self._rows_in_locale(spec, used, locale_id, fallback_locale_id)
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
        used: Q,
        locale_id: int | None,
        fallback_locale_id: int | None,
    ) -> list[Model]:
        """The used rows in the listing's language; where a row has no translation yet,
        the default language's. One query, whichever applies."""
        locale_ids = [pk for pk in (locale_id, fallback_locale_id) if pk is not None]
        rows = spec.model_class._default_manager.filter(used, locale_id__in=locale_ids)
        preferred: dict[Any, Model] = {}
        for row in rows:
            current = preferred.get(row.translation_key)
            if current is None or row.locale_id == locale_id:
                preferred[row.translation_key] = row
        return list(preferred.values())

    def _years(self, queryset: QuerySet) -> list[int]:
        years = (
            queryset.annotate(listing_year=ExtractYear(self.date_field))
            .order_by("-listing_year")
            .values_list("listing_year", flat=True)
            .distinct()
        )
        return [year for year in years if year is not None]


class PageSizeOutOfRange(ValueError):
    """A page size outside 1..``MAX_PAGE_SIZE``."""


class PageOutOfRange(ValueError):
    """A page number below 1 or past the last page."""


def page_size_or_default(page_size: int | None) -> int:
    """The requested page size, or the default; outside 1..``MAX_PAGE_SIZE`` raises."""
    maximum = int(osce_settings.MAX_PAGE_SIZE)
    if page_size is None:
        return min(int(osce_settings.PAGE_SIZE), maximum)
    if not 1 <= page_size <= maximum:
        raise PageSizeOutOfRange(f"page_size must be between 1 and {maximum}, not {page_size}.")
    return page_size


def paginate(
    queryset: QuerySet, page: int | str | None, page_size: int | None = None, *, strict: bool
) -> PaginatorPage:
    """One page of ``queryset`` (two queries: count and slice).

    ``strict`` (the API) raises for a bad page number or size; otherwise (the
    HTML index pages) a bad or out-of-range number gives the nearest page.
    """
    paginator = Paginator(queryset, page_size_or_default(page_size))
    if not strict:
        return paginator.get_page(str(page or 1)[:10])
    if int(page or 0) < 1:
        raise PageOutOfRange("page must be 1 or more.")
    try:
        return paginator.page(page)
    except EmptyPage:
        raise PageOutOfRange(
            f"page {page} is out of range: there are {paginator.num_pages} pages."
        ) from None


def typed_queryset(
    models: Sequence[type[Model]],
    fields: Sequence[str],
    queryset_for: Callable[[type[Model]], QuerySet],
    base: QuerySet,
) -> QuerySet:
    """Pages of the page types ``models`` as one queryset, filterable and orderable by ``fields``.

    ``queryset_for(model)`` gives the pages of one type. With one type (the usual
    case) that is the result. With several (a site serving its own story type
    beside the package's), it is ``base`` (the same pages of the base page model)
    narrowed to ``models``, with each of ``fields`` annotated from the page's own
    type, so filters, ordering and pagination stay in the database;
    :func:`specific_pages` then loads the listed pages with ``queryset_for``.
    """
    if len(models) == 1:
        return queryset_for(models[0])
    content_types = ContentType.objects.get_for_models(*models).values()
    annotations = {
        name: Coalesce(
            *(
                Subquery(model._default_manager.filter(pk=OuterRef("pk")).values(name)[:1])
                for model in models
            )
        )
        for name in fields
    }
    return base.filter(content_type__in=content_types).annotate(**annotations)


def without_stream_fields(queryset: QuerySet) -> QuerySet:
    """``queryset`` without its StreamFields' columns.

    A listing's items never show a body, and loading one decodes its whole JSON.
    """
    names = [
        field.name
        for field in queryset.model._meta.concrete_fields
        if isinstance(field, StreamField)
    ]
    return queryset.defer(*names) if names else queryset


def specific_pages(
    pages: Sequence[Model], queryset_for: Callable[[type[Model]], QuerySet]
) -> list[Model]:
    """``pages`` as their own page types, loaded by ``queryset_for`` (one batch per type), in order.

    Pages that already are of their own type are kept as they are.
    """
    missing: dict[type[Model], list[int]] = {}
    loaded: dict[int, Model] = {}
    for item in pages:
        model = item.specific_class
        if type(item) is model:
            loaded[item.pk] = item
        else:
            missing.setdefault(model, []).append(item.pk)
    for model, ids in missing.items():
        loaded.update({item.pk: item for item in queryset_for(model).filter(pk__in=ids)})
    return [loaded[item.pk] for item in pages if item.pk in loaded]
