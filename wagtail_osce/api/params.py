"""Query and path parameters of the headless API, and the 400s that name them.

Every parameter an endpoint takes is one of the types below: each checks the
raw value before it reaches a query (a NUL byte or a control character, an
over-long value, a malformed date, a language the site does not serve) and
declares the same rule in the OpenAPI document, so the document and the server
agree on what is accepted. A refused value is a 400 naming the parameter.

The rules themselves live below (locales, listings); this module turns their
refusals into the API's error shape, so every endpoint words them the same way.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Annotated, Any

from django.apps import apps
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Path
from ninja.parser import Parser
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, get_page_models

from wagtail_osce.conf import osce_settings
from wagtail_osce.locales import (
    MAX_LANGUAGE_LENGTH,
    LocaleContext,
    UnknownLocale,
    language_code_pattern,
    normalize_language_code,
)
from wagtail_osce.locales import resolve_locale as resolve_locale_rule
from wagtail_osce.pages.listing import (
    PageSizeOutOfRange,
    filter_by_snippet,
    find_snippet,
    page_size_or_default,
)
from wagtail_osce.visibility import visible_pages

from .errors import ApiError, bad_parameter
from .headers import note_requested_language

LOCALE_DESCRIPTION = (
    "Language code of a site locale (such as `fr`), in any case; a regional variant "
    "(`fr-ch`, `fr_CH`) is served in its language. Objects not translated yet "
    "fall back to the default locale and are marked `is_fallback`. Empty or absent: "
    "the site's default locale. `Accept-Language` is not read."
)


PAGE_PARAM_DESCRIPTION = "1-based page number."
PAGE_SIZE_DESCRIPTION = (
    "Results per page; defaults to `WAGTAIL_OSCE['PAGE_SIZE']`, at most "
    "`WAGTAIL_OSCE['MAX_PAGE_SIZE']`."
)
MAX_ID = 2**63 - 1
#: The highest page number the schema allows; any page past the last one is a 404.
MAX_PAGE = 2**31 - 1
PageId = Annotated[int, Path(ge=1, le=MAX_ID, description="The page's id.")]

# Text parameters -----------------------------------------------------------------
#
# Patterns are written so that JSON Schema (ECMA 262) and Python's ``re.fullmatch``
# read them alike: anchored, ASCII classes, no ``\s`` or ``\w``.

#: Any text on one line: no C0 control character (NUL included) and no DEL.
TEXT_PATTERN = r"^[^\x00-\x1F\x7F]*$"
#: A snippet's slug or ISO code: ASCII letters, digits, hyphens and underscores.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
#: Search words: text on one line with at least one character that is not a space.
SEARCH_PATTERN = r"^[^\x00-\x1F\x7F]*[^\x00-\x20\x7F][^\x00-\x1F\x7F]*$"
#: The longest slug, page slug or search query taken.
MAX_TEXT_LENGTH = 255
#: The longest path ``pages/find`` takes.
MAX_PATH_LENGTH = 2048
#: How many values one repeatable filter (``field=a&field=b``) may list.
MAX_FILTER_VALUES = 20
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: A listing cursor: unpadded URL-safe base64.
CURSOR_PATTERN = r"^[-A-Za-z0-9_]+$"
#: The longest cursor taken (one ordering value and one id need far fewer).
MAX_CURSOR_LENGTH = 200
AFTER_DESCRIPTION = (
    "The `next_cursor` of the previous page: the page after it, found by the last "
    "item's ordering value and id rather than counted from the start, so deep pages "
    "cost as little as the first. Use with the same filters and `ordering`; `page` "
    "is then ignored. A cursor that names no position of the listing is a 404."
)


def checked_text(pattern: str, max_length: int, rule: str) -> Any:
    """A ``str`` type that refuses values off ``pattern`` or longer than ``max_length``.

    The same pattern and length are written into the OpenAPI document, so a
    client (or a fuzzer) reads the rule the server applies.
    """
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if len(value) > max_length:
            raise PydanticCustomError(
                "too_long",
                "must be at most {max_length} characters, not {length}.",
                {"max_length": max_length, "length": len(value)},
            )
        if compiled.fullmatch(value) is None:
            raise PydanticCustomError("invalid_text", rule)
        return value

    return Annotated[
        str,
        AfterValidator(check),
        Field(json_schema_extra={"pattern": pattern, "maxLength": max_length}),
    ]


Text = checked_text(
    TEXT_PATTERN, MAX_TEXT_LENGTH, "must not contain control characters such as NUL."
)
Slug = checked_text(
    SLUG_PATTERN,
    MAX_TEXT_LENGTH,
    "is not a slug: use letters, digits, hyphens and underscores.",
)
SearchText = checked_text(
    SEARCH_PATTERN,
    MAX_TEXT_LENGTH,
    "must hold a word and no control characters such as NUL.",
)
SitePath = checked_text(
    TEXT_PATTERN, MAX_PATH_LENGTH, "must not contain control characters such as NUL."
)
RootedPath = checked_text(
    r"^/[^\x00-\x1F\x7F]*$",
    MAX_PATH_LENGTH,
    "must be a path of the site starting with “/”, without control characters.",
)


def _iso_date_only(value: Any) -> Any:
    """Refuse what pydantic would otherwise read as a date: ``0`` (a Unix time), ``2024-1-5``."""
    if isinstance(value, str) and re.fullmatch(ISO_DATE_PATTERN, value):
        return value
    raise PydanticCustomError("invalid_date", "must be a date as YYYY-MM-DD.")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_only)]


Cursor = checked_text(
    CURSOR_PATTERN,
    MAX_CURSOR_LENGTH,
    "is not a cursor: pass the `next_cursor` of a listing as it is.",
)


# Values the site decides: languages, page types, page sizes ----------------------


def content_language_codes() -> list[str]:
    """The language codes a ``locale`` parameter takes: ``WAGTAIL_CONTENT_LANGUAGES``."""
    return list(get_content_languages())


def _check_locale(value: str) -> str | None:
    codes = content_language_codes()
    try:
        return normalize_language_code(value, codes)
    except UnknownLocale:
        raise PydanticCustomError(
            "unknown_locale",
            "{value} is not a language of the site. Use one of: {codes}.",
            {"value": repr(value[:20]), "codes": ", ".join(codes)},
        ) from None


def _locale_schema(schema: dict[str, Any]) -> None:
    schema["pattern"] = language_code_pattern(content_language_codes())
    schema["maxLength"] = MAX_LANGUAGE_LENGTH


LocaleCode = Annotated[str, AfterValidator(_check_locale), Field(json_schema_extra=_locale_schema)]
"""A content language code in any case or regional variant, read as the code configured.

``FR``, ``fr-ch`` and ``fr_CH`` are ``fr`` when ``fr`` is a content language; an
empty value is no value (the default locale). Endpoints, and the cache keys made
from their parameters, only ever see the configured spelling.
"""


def page_type_labels(models: Sequence[type[Model]] | None = None) -> list[str]:
    """``app_label.ModelName`` of ``models`` (by default every page type), as the API writes them."""
    models = get_page_models() if models is None else models
    return sorted(model._meta.label for model in models)


def _check_page_type(value: str) -> str:
    if value not in page_type_labels():
        raise PydanticCustomError(
            "invalid_text",
            "{value} is not a page type of the site; use 'app_label.ModelName'.",
            {"value": repr(value[:100])},
        )
    return value


def _page_type_schema(schema: dict[str, Any]) -> None:
    schema["enum"] = page_type_labels()


PageTypeLabel = Annotated[
    str, AfterValidator(_check_page_type), Field(json_schema_extra=_page_type_schema)
]
"""A page model as ``app_label.ModelName``, one of the site's page types."""


def _page_size_schema(schema: dict[str, Any]) -> None:
    schema["minimum"] = 1
    schema["maximum"] = int(osce_settings.MAX_PAGE_SIZE)


PageSize = Annotated[int, Field(json_schema_extra=_page_size_schema)]
"""Results per page; the bound follows ``MAX_PAGE_SIZE`` when the document is generated."""
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]


def page_model_for(label: str) -> type[Model]:
    """The page model of a checked ``PageTypeLabel``."""
    return apps.get_model(label)


class QueryParser(Parser):
    """Reads the query string so that a repeated single-value parameter is refused.

    Django's ``QueryDict`` keeps the last of ``locale=en&locale=fr``; handing
    pydantic the list instead makes it a 400 naming ``locale`` rather than a
    silent choice. Parameters declared as lists (the OR filters, ``exclude``)
    take them all, repeated (``field=a&field=b``) or comma-separated
    (``field=a,b``), or both.
    """

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in data:
            values = data.getlist(key)
            if key in list_fields:
                result[key] = [part for value in values for part in value.split(",")]
            else:
                result[key] = values if len(values) > 1 else values[0]
        return result


# Narrowing listings by place in the tree ------------------------------------------

EXCLUDE_DESCRIPTION = (
    "Ids of pages to leave out, comma-separated or repeated (at most "
    f'{MAX_FILTER_VALUES}), such as the story being read in a "more stories" list; '
    "their translations are left out too. Ids of no page are ignored."
)
DESCENDANT_OF_DESCRIPTION = (
    "Only pages below this page (or below its translations), at any depth; an id of no "
    "live, public page is a 404 naming `descendant_of`."
)
PageIdValue = Annotated[int, Field(ge=1, le=MAX_ID)]


def exclude_pages(queryset: QuerySet, page_ids: Sequence[int] | None) -> QuerySet:
    """``queryset`` without the pages ``page_ids`` name and their translations (no extra query)."""
    if not page_ids:
        return queryset
    keys = Page.objects.filter(pk__in=set(page_ids)).values("translation_key")
    return queryset.exclude(translation_key__in=keys)


def below_page_q(
    request: HttpRequest,
    page_id: int,
    ctx: LocaleContext,
    parameter: str,
    *,
    children_only: bool = False,
) -> Q:
    """Pages below a visible page and below its translations in the requested and default
    locales (its children only, with ``children_only``); two queries whatever the tree.

    An id of no page a visitor may open is a 404 naming ``parameter``: a listing never
    says whether a hidden page exists.
    """
    parent = visible_pages(request).filter(pk=page_id).only("translation_key", "locale_id").first()
    if parent is None:
        raise unknown_value(parameter, f"{parameter}: no live, public page has id {page_id}.")
    parents = visible_pages(request).filter(
        translation_key=parent.translation_key, locale_id__in=[*ctx.locale_ids, parent.locale_id]
    )
    q = Q(pk__in=[])
    for item in parents.only("path", "depth"):
        if children_only:
            q |= Q(path__startswith=item.path, depth=item.depth + 1)
        else:
            q |= Q(path__startswith=item.path, depth__gt=item.depth)
    return q


def tie_breaker(ordering: str) -> str:
    """Order equal values by id in the same direction, so pagination is stable."""
    return "-pk" if ordering.startswith("-") else "pk"


def date_range_is_empty(date_from: datetime.date | None, date_to: datetime.date | None) -> bool:
    """Whether ``date_to`` falls before ``date_from``: a range nothing is in, so an empty page."""
    return bool(date_from and date_to and date_to < date_from)


def resolve_locale(
    request: HttpRequest, code: str | None, *, parameter: str = "locale"
) -> LocaleContext:
    """The ``LocaleContext`` for ``?locale=code``; a language with no locale yet is a 400."""
    try:
        ctx = resolve_locale_rule(request, code)
    except UnknownLocale as error:
        raise bad_parameter(parameter, str(error), code="unknown_locale") from None
    note_requested_language(request, ctx.code)
    return ctx


def unknown_value(parameter: str, message: str) -> ApiError:
    """A 404 for a well-formed filter value that names nothing, naming the parameter."""
    return ApiError(404, "unknown_value", message, parameter=parameter)


def snippet_filter(
    queryset: QuerySet,
    models: list[type[Model]],
    lookup: str,
    model: type[Model],
    parameter: str,
    values: Sequence[str] | None,
    *,
    match_iso_code: bool = False,
) -> QuerySet:
    """Narrow ``queryset`` to pages referring to any snippet ``values`` name (an OR).

    Each value is a checked ``Slug``; one that names no snippet is a 404 naming
    the parameter, so a typo is never read as "no filter".
    """
    if not values:
        return queryset
    narrowed = []
    for value in dict.fromkeys(values):
        snippet = find_snippet(model, value, match_iso_code=match_iso_code)
        if snippet is None:
            raise unknown_value(
                parameter, f"{parameter}: no {model._meta.verbose_name} has the slug {value!r}."
            )
        narrowed.append(filter_by_snippet(queryset, lookup, snippet, models))
    return reduce(or_, narrowed)


def count_up_to(queryset: Any, limit: int) -> int:
    """How many rows ``queryset`` has, counting no further than ``limit + 1`` (one query).

    The database stops after ``limit + 1`` rows, so counting a listing of 50,000
    costs what counting ``limit`` costs; a result above ``limit`` means "more".
    Search results that are not a queryset (another search backend) are counted
    by the backend.
    """
    if isinstance(queryset, QuerySet):
        return queryset.order_by().values("pk")[: limit + 1].count()
    return min(queryset.count(), limit + 1)


def listing_page(
    request: HttpRequest,
    queryset: Any,
    page: int,
    page_size: int | None,
    *,
    counted: QuerySet | int | None = None,
) -> tuple[list[Any], dict[str, Any]]:
    """One page of ``queryset`` and the listing envelope's fields (two queries, or one).

    ``count`` is exact up to ``WAGTAIL_OSCE["COUNT_LIMIT"]``; past it, it is that
    limit and ``count_exact`` is false (or how far a deeper page has seen, if more).
    ``counted``, when given, is counted instead of ``queryset`` (the same rows
    without what only ordering them needs), or is the count already made (up to
    the limit and one more). A page size out of range is a 400;
    a page past the last one is a 404 naming ``page`` (page 1 of an empty
    listing is an empty page, not a 404).
    """
    try:
        size = page_size_or_default(page_size)
    except PageSizeOutOfRange as error:
        raise bad_parameter("page_size", str(error)) from None
    if page < 1:
        raise bad_parameter("page", "page must be 1 or more.")
    limit = count_limit()
    if isinstance(counted, int):
        total = min(counted, limit + 1)
    else:
        total = count_up_to(queryset if counted is None else counted, limit)
    offset = (page - 1) * size
    past_the_end = page > 1 and offset >= total and total <= limit
    items = [] if past_the_end else list(queryset[offset : offset + size + 1])
    more = len(items) > size
    items = items[:size]
    if page > 1 and not items:
        pages = max(1, -(-min(total, offset) // size))
        raise ApiError(
            404,
            "not_found",
            f"page {page} is out of range: there are {pages} pages.",
            parameter="page",
        )
    count, exact = listing_count(total, limit, offset + len(items) + (1 if more else 0), more)
    envelope = {
        "count": count,
        "count_exact": exact,
        "page": page,
        "page_size": size,
        "num_pages": max(1, -(-count // size)),
        "next": _page_link(request, page + 1) if more else None,
        "previous": _page_link(request, page - 1) if page > 1 else None,
    }
    return items, envelope


def ranked_search(queryset: QuerySet, query: Any) -> tuple[Any, int | None]:
    """Search results for ``query`` among ``queryset``, best first, and their count if known.

    With a backend whose matches are a database query (Wagtail's database backend),
    one query reads the ids of the newest ``WAGTAIL_OSCE["COUNT_LIMIT"]`` matches
    (and one more, to tell whether there are more): they are the count, capped as a
    listing's is, and only they are ranked, so a word in most pages costs what that
    many cost rather than a rank for every match. Other backends rank and count
    every match themselves (count None).
    """
    matches = queryset.search(query, order_by_relevance=False)
    matched = getattr(matches, "get_queryset", lambda: None)()
    if not isinstance(matched, QuerySet):
        return queryset.search(query), None
    limit = count_limit()
    newest = list(matched.order_by("-pk").values_list("pk", flat=True)[: limit + 1])
    ranked = queryset.model._default_manager.filter(pk__in=newest[:limit]).search(query)
    return RankedPages(ranked, queryset.model), len(newest)


class RankedPages:
    """Ranked database search results, read as ids in rank order and then one slice's pages.

    Wagtail's database backend selects every page column (and the concatenated
    search vectors) of every match it ranks before sorting them: for the 1,000
    ranked matches of a common word, a third of the search. Reading only the
    ranked ids, then the pages of the page of results asked for, avoids that.
    """

    def __init__(self, results: Any, model: type) -> None:
        self.results = results
        self.model = model

    def __getitem__(self, bounds: slice) -> list[Any]:
        ids = list(self.results[bounds].get_queryset().values_list("pk", flat=True))
        pages = self.model._default_manager.in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]


def count_limit() -> int:
    """``WAGTAIL_OSCE["COUNT_LIMIT"]``: how far a listing counts its rows."""
    return max(1, int(osce_settings.COUNT_LIMIT))


def listing_count(total: int, limit: int, seen: int, more: bool) -> tuple[int, bool]:
    """The envelope's ``count`` and ``count_exact`` from a count capped at ``limit + 1``.

    ``seen`` is how many rows the page showed exist (its offset, its items and one
    more if there is a next page): a deep page past the limit counts at least that.
    """
    if total <= limit:
        return total, True
    if not more and seen > limit:
        return seen, True
    return max(limit, seen), False


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"


# Cursor pagination ----------------------------------------------------------------


def encode_cursor(ordering: str, value: datetime.date | datetime.datetime, pk: int) -> str:
    """An opaque cursor for the item after ``(value, pk)`` under ``ordering``.

    It is not signed: whatever a client puts in it only moves where the page
    starts among the pages it may see anyway, and :func:`decode_cursor` checks it.
    """
    raw = json.dumps([ordering, value.isoformat(), pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(
    cursor: str, ordering: str, kind: type[datetime.date], *, parameter: str = "after"
) -> tuple[datetime.date, int]:
    """The ordering value and id in ``cursor``.

    A value off the cursor's pattern is refused (400) before this runs; one that
    has the pattern but names no position of this listing (garbled, or made for
    another ``ordering``) is a 404 naming the parameter, as a slug naming nothing is.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_ordering, value, pk = json.loads(raw)
        parsed = kind.fromisoformat(value)
        if not isinstance(pk, int) or isinstance(pk, bool) or not 1 <= pk <= MAX_ID:
            raise ValueError(pk)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise unknown_value(
            parameter,
            f"{parameter}: not a cursor of this listing; pass a listing's `next_cursor` as it is.",
        ) from None
    if cursor_ordering != ordering:
        raise unknown_value(
            parameter,
            f"{parameter}: the cursor was made for another ordering; use the same ordering "
            f"({ordering}) or start again without it.",
        )
    return parsed, pk


def cursor_paginate(
    request: HttpRequest,
    queryset: QuerySet,
    ordering: str,
    page: int,
    after: str | None,
    page_size: int | None,
    kind: type[datetime.date],
    *,
    counted: QuerySet | None = None,
) -> tuple[list[Any], dict[str, Any]]:
    """One page of ``queryset`` by page number or, with ``after``, by cursor, and its envelope.

    ``queryset`` is ordered by ``ordering`` (a field, ``-`` for descending) then by id
    the same way. A cursor page filters on that pair, which the field's index serves,
    instead of counting past every earlier row; ``count`` is the filtered listing's,
    capped as on a numbered page; ``page`` is ignored. Both paths make the same
    number of queries.
    """
    field = ordering.lstrip("-")
    if after is None:
        items, envelope = listing_page(request, queryset, page, page_size, counted=counted)
        envelope["next_cursor"] = (
            encode_cursor(ordering, getattr(items[-1], field), items[-1].pk)
            if envelope["next"]
            else None
        )
        return items, envelope
    try:
        size = page_size_or_default(page_size)
    except PageSizeOutOfRange as error:
        raise bad_parameter("page_size", str(error)) from None
    value, pk = decode_cursor(after, ordering, kind)
    before = "lt" if ordering.startswith("-") else "gt"
    # The first condition repeats what the second implies, so that the database
    # starts its walk of the field's index at the cursor rather than filtering
    # every row before it.
    following = queryset.filter(
        Q(**{f"{field}__{before}e": value})
        & (Q(**{f"{field}__{before}": value}) | Q(**{field: value, f"pk__{before}": pk}))
    )
    limit = count_limit()
    total = count_up_to(queryset if counted is None else counted, limit)
    items = list(following[: size + 1])
    more = len(items) > size
    items = items[:size]
    next_cursor = encode_cursor(ordering, getattr(items[-1], field), items[-1].pk) if more else None
    count, exact = listing_count(total, limit, 0, more)
    envelope = {
        "count": count,
        "count_exact": exact,
        "page": None,
        "page_size": size,
        "num_pages": max(1, -(-count // size)),
        "next": _cursor_link(request, next_cursor) if next_cursor else None,
        "previous": None,
        "next_cursor": next_cursor,
    }
    return items, envelope


def _cursor_link(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["after"] = cursor
    return f"{request.path}?{query.urlencode()}"
