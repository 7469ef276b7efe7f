"""Query and path parameters of the headless API, and the 400s that name them.

The rules themselves live below (locales, listings); this module turns their
refusals into the API's error shape, so every endpoint words them the same way.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Path

from wagtail_osce.locales import LocaleContext, UnknownLocale
from wagtail_osce.locales import resolve_locale as resolve_locale_rule
from wagtail_osce.pages.listing import (
    PageOutOfRange,
    PageSizeOutOfRange,
    filter_by_snippet,
    find_snippet,
    is_slug,
)
from wagtail_osce.pages.listing import paginate as paginate_rule

from .errors import bad_parameter

LOCALE_DESCRIPTION = (
    "Language code of a site locale (such as `fr`). Objects not translated yet "
    "fall back to the default locale and are marked `is_fallback`. Defaults to "
    "the site's default locale."
)


PAGE_PARAM_DESCRIPTION = "1-based page number."
PAGE_SIZE_DESCRIPTION = (
    "Results per page; defaults to `WAGTAIL_OSCE['PAGE_SIZE']`, at most "
    "`WAGTAIL_OSCE['MAX_PAGE_SIZE']`."
)
MAX_ID = 2**63 - 1
PageId = Annotated[int, Path(ge=1, le=MAX_ID, description="The page's id.")]


def tie_breaker(ordering: str) -> str:
    """Order equal values by id in the same direction, so pagination is stable."""
    return "-pk" if ordering.startswith("-") else "pk"


def check_date_range(date_from: datetime.date | None, date_to: datetime.date | None) -> None:
    if date_from and date_to and date_to < date_from:
        raise bad_parameter("date_to", "date_to must not be before date_from.")


def resolve_locale(
    request: HttpRequest, code: str | None, *, parameter: str = "locale"
) -> LocaleContext:
    """The ``LocaleContext`` for ``?locale=code``; an unknown code is a 400 naming the parameter."""
    try:
        return resolve_locale_rule(request, code)
    except UnknownLocale as error:
        raise bad_parameter(parameter, str(error), code="unknown_locale") from None


def snippet_filter(
    queryset: QuerySet,
    models: list[type[Model]],
    lookup: str,
    model: type[Model],
    parameter: str,
    value: str | None,
    *,
    match_iso_code: bool = False,
) -> QuerySet:
    """Narrow ``queryset`` to pages referring to the snippet ``value`` names; else a 400."""
    if not value:
        return queryset
    value = value.strip()
    if not is_slug(value):
        raise bad_parameter(
            parameter,
            f"{value[:100]!r} is not a slug: use letters, digits, hyphens and underscores.",
            code="invalid_slug",
        )
    snippet = find_snippet(model, value, match_iso_code=match_iso_code)
    if snippet is None:
        raise bad_parameter(
            parameter,
            f"No {model._meta.verbose_name} has the slug {value!r}.",
            code="unknown_value",
        )
    return filter_by_snippet(queryset, lookup, snippet, models)


def paginate(
    request: HttpRequest, queryset: QuerySet, page: int, page_size: int | None
) -> tuple[list[Any], dict[str, Any]]:
    """One page of ``queryset`` and the listing envelope's fields; bad numbers are a 400."""
    try:
        page_obj = paginate_rule(queryset, page, page_size, strict=True)
    except PageSizeOutOfRange as error:
        raise bad_parameter("page_size", str(error)) from None
    except PageOutOfRange as error:
        raise bad_parameter("page", str(error)) from None
    paginator = page_obj.paginator
    envelope = {
        "count": paginator.count,
        "page": page_obj.number,
        "page_size": paginator.per_page,
        "num_pages": paginator.num_pages,
        "next": _page_link(request, page_obj.number + 1) if page_obj.has_next() else None,
        "previous": _page_link(request, page_obj.number - 1) if page_obj.has_previous() else None,
    }
    return list(page_obj.object_list), envelope


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"
