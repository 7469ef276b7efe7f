"""Which language content is served in, and how references follow it.

One rule for every path: content that exists in the requested locale is shown as
it is; what is not translated yet falls back to the site's default locale and is
marked as a fallback. Snippet rows and pages are matched across locales by
``translation_key``, in one query per model whatever the number of rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .content_version import kept
from .visibility import visible_pages

M = TypeVar("M", bound=Model)

_REQUEST_CACHE_ATTR = "_wagtail_osce_locales"


class UnknownLocale(LookupError):
    """A requested language code that is none of the site's locales."""

    def __init__(self, code: str, known: Sequence[str]) -> None:
        self.code = code
        self.known = list(known)
        super().__init__(f"Unknown locale {code!r}. Use one of: {', '.join(self.known)}.")


@dataclass
class LocaleContext:
    """The locale a response is rendered in, the default it falls back to, and every locale by id.

    ``explicit`` is false when no locale was asked for and the default applies;
    page details then keep the page's own locale.
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
        """Language code by locale id."""
        return {pk: locale.language_code for pk, locale in self.by_id.items()}

    def code_for(self, locale_id: int) -> str:
        return self.by_id[locale_id].language_code

    def for_locale(self, locale: Locale) -> LocaleContext:
        """The same context, requesting ``locale`` instead (a page's own locale)."""
        return LocaleContext(
            requested=locale, default=self.default, by_id=self.by_id, explicit=self.explicit
        )

    def is_fallback(self, locale_id: int) -> bool:
        """Whether a row of ``locale_id`` stands in for a translation the request asked for."""
        return self.explicit and locale_id != self.requested.pk


def all_locales(request: HttpRequest | None = None) -> list[Locale]:
    """Every locale of the site, fetched once per request (or kept while the reference
    version holds, :func:`~wagtail_osce.content_version.kept`)."""
    cached = getattr(request, _REQUEST_CACHE_ATTR, None) if request is not None else None
    if cached is None:
        cached = kept(request, ("locales",), lambda: list(Locale.objects.order_by("pk")))
        if request is not None:
            setattr(request, _REQUEST_CACHE_ATTR, cached)
    return cached


def default_locale(locales: Sequence[Locale] | None = None) -> Locale:
    """The site's default locale: the one of ``LANGUAGE_CODE``, as Wagtail chooses it."""
    locales = list(Locale.objects.order_by("pk")) if locales is None else locales
    if not locales:
        raise ImproperlyConfigured("The site has no locales; run migrate first.")
    try:
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        default_code = settings.LANGUAGE_CODE
    for locale in locales:
        if locale.language_code == default_code:
            return locale
    return locales[0]


def default_locale_id() -> int | None:
    """The default locale's id, or None on a site without locales."""
    try:
        return default_locale().pk
    except ImproperlyConfigured:
        return None


def active_locale_id() -> int | None:
    """The locale of the active language (the reader's), or None when the site has none for it."""
    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return None


def locale_id_of(obj: Model) -> int | None:
    """The object's locale, or the default locale for an object not yet saved."""
    return getattr(obj, "locale_id", None) or default_locale_id()


#: A language tag as a client may write it: ``fr``, ``FR``, ``fr-ch``, ``fr_CH``.
_SUBTAGS = r"(?:[-_][A-Za-z0-9]{1,8})*"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}" + _SUBTAGS)
#: The longest language value taken (a tag with a few subtags).
MAX_LANGUAGE_LENGTH = 35


def normalize_language_code(value: str | None, codes: Sequence[str]) -> str | None:
    """The content language ``value`` names, spelled as configured; None when no value is given.

    Case does not matter and ``_`` stands for ``-``; a regional variant (``fr-ch``)
    is served in its language (``fr``) when only that is one of ``codes``. One
    spelling per language keeps one cache entry per language. A value that names
    none of ``codes`` (``xx``, ``fr-``) raises ``UnknownLocale``.
    """
    if value is None or value == "":
        return None
    if len(value) > MAX_LANGUAGE_LENGTH or LANGUAGE_TAG.fullmatch(value) is None:
        raise UnknownLocale(value[:MAX_LANGUAGE_LENGTH], codes)
    by_lower = {code.lower(): code for code in codes}
    parts = value.lower().replace("_", "-").split("-")
    while parts:
        found = by_lower.get("-".join(parts))
        if found is not None:
            return found
        parts.pop()
    raise UnknownLocale(value, codes)


def language_code_pattern(codes: Sequence[str]) -> str:
    """A regular expression (ECMA 262 and Python alike) of the values ``normalize_language_code``
    takes for ``codes``: each code in any case, ``_`` for ``-``, regional subtags after it, or empty."""

    def spelled(code: str) -> str:
        out = []
        for char in code:
            if char.isalpha():
                out.append(f"[{char.lower()}{char.upper()}]")
            elif char in "-_":
                out.append("[-_]")
            else:
                out.append(re.escape(char))
        return "".join(out)

    alternatives = "|".join(spelled(code) for code in codes) or "(?!)"
    return f"^(?:(?:{alternatives}){_SUBTAGS})?$"


def find_locale(locales: Iterable[Locale], code: str) -> Locale | None:
    """The locale whose language code matches ``code``, ignoring case."""
    wanted = code.strip().lower()
    for locale in locales:
        if locale.language_code.lower() == wanted:
            return locale
    return None


def resolve_locale(request: HttpRequest | None, code: str | None) -> LocaleContext:
    """The ``LocaleContext`` for a requested language code; an unknown code raises ``UnknownLocale``."""
    locales = all_locales(request)
    default = default_locale(locales)
    by_id = {locale.pk: locale for locale in locales}
    known = sorted(item.language_code for item in locales)
    normalized = normalize_language_code(code, known)
    if normalized is None:
        return LocaleContext(requested=default, default=default, by_id=by_id, explicit=False)
    locale = find_locale(locales, normalized)
    if locale is None:
        raise UnknownLocale(code or "", known)
    return LocaleContext(requested=locale, default=default, by_id=by_id, explicit=True)


def context_for(obj: Model, request: HttpRequest | None = None) -> LocaleContext:
    """The context that renders ``obj`` in its own locale (for code outside the package API)."""
    ctx = resolve_locale(request, None)
    locale = ctx.by_id.get(getattr(obj, "locale_id", None) or ctx.default.pk, ctx.default)
    return ctx.for_locale(locale)


def prefer_requested(rows: Iterable[M], locale_ids: Sequence[int]) -> list[M]:
    """One row per ``translation_key``: the first locale of ``locale_ids`` that has one.

    ``rows`` may hold rows of several locales; the order of the chosen rows is kept.
    """
    rows = list(rows)
    rank = {locale_id: index for index, locale_id in enumerate(locale_ids)}
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
    return prefer_requested(queryset.filter(locale_id__in=ctx.locale_ids), ctx.locale_ids)


def in_locale_or_default(queryset: QuerySet[M], locale_id: int | None) -> list[M]:
    """``queryset`` in ``locale_id``, with the default locale's row where a row is missing."""
    locale_ids = [pk for pk in (locale_id, default_locale_id()) if pk is not None]
    return prefer_requested(queryset.filter(locale_id__in=locale_ids), locale_ids)


def localized_pages(request: HttpRequest, queryset: QuerySet[M], ctx: LocaleContext) -> QuerySet[M]:
    """Pages of ``queryset`` in the requested locale, plus default-locale pages not translated yet.

    A default-locale page counts as translated when a visible page in the
    requested locale shares its ``translation_key``.
    """
    if ctx.requested.pk == ctx.default.pk:
        return queryset.filter(locale_id=ctx.default.pk)
    translated = visible_pages(request).filter(locale_id=ctx.requested.pk).values("translation_key")
    return queryset.filter(
        Q(locale_id=ctx.requested.pk)
        | (Q(locale_id=ctx.default.pk) & ~Q(translation_key__in=translated))
    )


def translations_by_key(objects: Iterable[M], locale_id: int | None) -> dict[Any, M]:
    """The translations in ``locale_id`` of the objects not already in it, by translation key."""
    if locale_id is None:
        return {}
    by_model: dict[type[Model], set[Any]] = defaultdict(set)
    for obj in objects:
        if obj is not None and obj.locale_id != locale_id:
            by_model[type(obj)].add(obj.translation_key)
    found: dict[Any, M] = {}
    for model, keys in by_model.items():
        for translation in model._default_manager.filter(
            translation_key__in=keys, locale_id=locale_id
        ):
            found[translation.translation_key] = translation
    return found


def localize_list(objects: Sequence[M], translations: dict[Any, M]) -> list[M]:
    """``objects`` with each replaced by its translation where ``translations`` has one."""
    return [translations.get(obj.translation_key, obj) for obj in objects if obj is not None]


@dataclass(frozen=True, slots=True)
class RowKey:
    """A snippet row known by its model, id and translation key alone, read as values.

    What a listing needs of each page's references before localizing them: a
    model instance per reference costs more to build than the rows it names.
    """

    model: type[Model]
    pk: Any
    translation_key: UUID


def _model_of(obj: Any) -> type[Model]:
    return obj.model if isinstance(obj, RowKey) else type(obj)


@dataclass(frozen=True)
class LocalizedRows:
    """Every row of a model in some locales: by ``translation_key`` (the row of the first
    locale that has one) and by id."""

    by_key: dict[UUID, Model]
    by_pk: dict[Any, Model]


def localized_rows(queryset: QuerySet, locale_ids: Sequence[int]) -> LocalizedRows:
    """The rows of ``queryset`` in ``locale_ids``, the first locale preferred (one query)."""
    rank = {locale_id: index for index, locale_id in enumerate(locale_ids)}
    by_key: dict[UUID, Model] = {}
    by_pk: dict[Any, Model] = {}
    for row in queryset.filter(locale_id__in=list(locale_ids)):
        by_pk[row.pk] = row
        current = by_key.get(row.translation_key)
        if current is None or rank[row.locale_id] < rank[current.locale_id]:
            by_key[row.translation_key] = row
    return LocalizedRows(by_key=by_key, by_pk=by_pk)


class ReferenceLocalizer:
    """Swaps referenced snippet rows for their rows in the requested locale.

    ``add`` every referenced row or :class:`RowKey` (of any number of pages),
    ``resolve`` once (one query per snippet model, using ``querysets[model]`` so
    the rows come with what their representation needs), then ``get`` each
    row's localized version.
    A reference with no row in the requested or default locale keeps its own row,
    reloaded through the same queryset. A model given in ``tables`` (its rows in
    the context's locales, loaded beforehand) costs a query only for such rows.
    """

    def __init__(
        self,
        ctx: LocaleContext,
        querysets: dict[type[Model], QuerySet] | None = None,
        tables: dict[type[Model], LocalizedRows] | None = None,
    ) -> None:
        self.ctx = ctx
        self.querysets = querysets or {}
        self.tables = tables or {}
        self._wanted: dict[type[Model], dict[int, UUID]] = {}
        self._by_key: dict[tuple[type[Model], UUID], Model] = {}
        self._by_pk: dict[tuple[type[Model], int], Model] = {}

    def add(self, obj: Model | RowKey | None) -> None:
        if obj is not None:
            self._wanted.setdefault(_model_of(obj), {})[obj.pk] = obj.translation_key

    def add_all(self, objs: Iterable[Model]) -> None:
        for obj in objs:
            self.add(obj)

    def resolve(self) -> None:
        rank = {locale_id: index for index, locale_id in enumerate(self.ctx.locale_ids)}
        for model, wanted in self._wanted.items():
            base = self.querysets.get(model, model._default_manager.all())
            table = self.tables.get(model)
            if table is not None:
                self._take(model, table, wanted)
                # Rows of another locale: only they are read.
                missing = [pk for pk in wanted if pk not in table.by_pk]
                if missing:
                    self._by_pk.update(
                        ((model, row.pk), row) for row in base.filter(pk__in=missing)
                    )
                continue
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

    def _take(self, model: type[Model], table: LocalizedRows, wanted: dict[Any, UUID]) -> None:
        for pk, key in wanted.items():
            if pk in table.by_pk:
                self._by_pk[(model, pk)] = table.by_pk[pk]
            if key in table.by_key:
                self._by_key[(model, key)] = table.by_key[key]

    def get(self, obj: M | None) -> M | None:
        """The localized row for ``obj`` (after ``resolve``), or ``obj`` itself if unknown."""
        if obj is None:
            return None
        model = _model_of(obj)
        return self._by_key.get((model, obj.translation_key), self._by_pk.get((model, obj.pk), obj))

    def get_all(self, objs: Iterable[M]) -> list[M]:
        """Localized rows for ``objs``, without repeats (two rows of one object become one).

        A key whose row is gone (deleted since it was read) is left out.
        """
        result: dict[Any, M] = {}
        for obj in objs:
            row = self.get(obj)
            if not isinstance(row, RowKey):
                result.setdefault((type(row), row.pk), row)
        return list(result.values())
