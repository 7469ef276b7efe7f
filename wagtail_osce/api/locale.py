"""Which translation a request gets, and how references follow it.

Every endpoint accepts ``locale=<language code>``. Content that exists in that
locale is returned as is; content not translated yet falls back to the site's
default locale and is marked ``is_fallback``. References to snippets and pages
are matched across locales by ``translation_key``, in one query per model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .errors import ApiError, bad_parameter

M = TypeVar("M", bound=Model)

_REQUEST_CACHE_ATTR = "_wagtail_osce_locales"


@dataclass
class LocaleContext:
    """The locale a response is rendered in, the default it falls back to, and every locale by id.

    ``explicit`` is false when the client did not pass ``locale=`` and the
    default applies; page detail endpoints then keep the page's own locale.
    """

    requested: Locale
    default: Locale
    by_id: dict[int, Locale] = field(repr=False)
    explicit: bool = True

    @property
    def code(self) -> str:
        return self.requested.language_code

    @property
    def locale_ids(self) -> list[int]:
        """The requested locale first, then the default, without repeats."""
        return list(dict.fromkeys([self.requested.pk, self.default.pk]))

    @property
    def locale_codes(self) -> dict[int, str]:
        """Language code by locale id, for ``from_instance(..., locale_codes=...)``."""
        return {pk: locale.language_code for pk, locale in self.by_id.items()}

    def code_for(self, locale_id: int) -> str:
        return self.by_id[locale_id].language_code

    def for_locale(self, locale: Locale) -> LocaleContext:
        """The same context, requesting ``locale`` instead (a page's own locale)."""
        return LocaleContext(
            requested=locale, default=self.default, by_id=self.by_id, explicit=self.explicit
        )

    def schema_context(self) -> dict[str, Any]:
        """Keyword arguments for the ``from_instance`` builders of snippet schemas."""
        return {"requested_locale": self.code, "locale_codes": self.locale_codes}


def all_locales(request: HttpRequest | None = None) -> list[Locale]:
    """Every locale of the site, fetched once per request."""
    cached = getattr(request, _REQUEST_CACHE_ATTR, None) if request is not None else None
    if cached is None:
        cached = list(Locale.objects.order_by("pk"))
        if request is not None:
            setattr(request, _REQUEST_CACHE_ATTR, cached)
    return cached


def _default_locale(locales: Sequence[Locale]) -> Locale:
    try:
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        default_code = settings.LANGUAGE_CODE
    for locale in locales:
        if locale.language_code == default_code:
            return locale
    if not locales:
        raise ApiError(500, "not_configured", "The site has no locales.")
    return locales[0]


def find_locale(locales: Iterable[Locale], code: str) -> Locale | None:
    """The locale whose language code matches ``code``, ignoring case."""
    wanted = code.strip().lower()
    for locale in locales:
        if locale.language_code.lower() == wanted:
            return locale
    return None


def resolve_locale(
    request: HttpRequest, code: str | None, *, parameter: str = "locale"
) -> LocaleContext:
    """The ``LocaleContext`` for ``?locale=code``; an unknown code is a 400 naming the parameter."""
    locales = all_locales(request)
    default = _default_locale(locales)
    by_id = {locale.pk: locale for locale in locales}
    if code is None or code == "":
        return LocaleContext(requested=default, default=default, by_id=by_id, explicit=False)
    locale = find_locale(locales, code)
    if locale is None:
        known = ", ".join(sorted(item.language_code for item in locales))
        raise bad_parameter(
            parameter,
            f"Unknown locale {code!r}. Use one of: {known}.",
            code="unknown_locale",
        )
    return LocaleContext(requested=locale, default=default, by_id=by_id, explicit=True)


def prefer_requested(rows: Iterable[M], ctx: LocaleContext) -> list[M]:
    """One row per ``translation_key``: the requested locale's if present, else the default's.

    ``rows`` may hold rows of both locales; the order of the chosen rows is kept.
    """
    rows = list(rows)
    rank = {locale_id: index for index, locale_id in enumerate(ctx.locale_ids)}
    best: dict[UUID, M] = {}
    for row in rows:
        key = row.translation_key
        current = best.get(key)
        if current is None or rank.get(row.locale_id, 99) < rank.get(current.locale_id, 99):
            best[key] = row
    chosen = {id(row) for row in best.values()}
    return [row for row in rows if id(row) in chosen]


def localized_queryset(queryset: QuerySet[M], ctx: LocaleContext) -> list[M]:
    """Evaluate ``queryset`` in the requested locale, falling back row by row to the default."""
    return prefer_requested(queryset.filter(locale_id__in=ctx.locale_ids), ctx)


class ReferenceLocalizer:
    """Swaps snippet rows referenced by pages for their rows in the requested locale.

    ``add`` every referenced row (of any number of pages), ``resolve`` once (one
    query per snippet model, using ``querysets[model]`` so the rows come with
    what their schema needs), then ``get`` each row's localized version. A
    reference with no row in the requested or default locale keeps its own row,
    reloaded through the same queryset.
    """

    def __init__(
        self, ctx: LocaleContext, querysets: dict[type[Model], QuerySet] | None = None
    ) -> None:
        self.ctx = ctx
        self.querysets = querysets or {}
        self._wanted: dict[type[Model], dict[int, UUID]] = {}
        self._by_key: dict[tuple[type[Model], UUID], Model] = {}
        self._by_pk: dict[tuple[type[Model], int], Model] = {}

    def add(self, obj: Model | None) -> None:
        if obj is not None:
            self._wanted.setdefault(type(obj), {})[obj.pk] = obj.translation_key

    def add_all(self, objs: Iterable[Model]) -> None:
        for obj in objs:
            self.add(obj)

    def resolve(self) -> None:
        rank = {locale_id: index for index, locale_id in enumerate(self.ctx.locale_ids)}
        for model, wanted in self._wanted.items():
            base = self.querysets.get(model, model._default_manager.all())
            rows = base.filter(
                Q(translation_key__in=set(wanted.values()), locale_id__in=self.ctx.locale_ids)
                | Q(pk__in=list(wanted))
            )
            for row in rows:
                self._by_pk[(model, row.pk)] = row
                if row.locale_id not in rank:
                    continue
                key = (model, row.translation_key)
                current = self._by_key.get(key)
                if current is None or rank[row.locale_id] < rank[current.locale_id]:
                    self._by_key[key] = row
        self._wanted = {}

    def get(self, obj: M | None) -> M | None:
        """The localized row for ``obj`` (after ``resolve``), or ``obj`` itself if unknown."""
        if obj is None:
            return None
        model = type(obj)
        return self._by_key.get((model, obj.translation_key), self._by_pk.get((model, obj.pk), obj))

    def get_all(self, objs: Iterable[M]) -> list[M]:
        """Localized rows for ``objs``, without repeats (two rows of one object become one)."""
        result: dict[Any, M] = {}
        for obj in objs:
            row = self.get(obj)
            result.setdefault((type(row), row.pk), row)
        return list(result.values())
