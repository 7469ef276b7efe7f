"""Querysets that only ever hold what an anonymous visitor of the site may see.

A page is visible when it is live, not expired, not waiting for its
``go_live_at``, not privacy-restricted, inside the requesting site (in any of
its language trees), and when none of its ancestors fails any of these tests:
a live page under a draft, an expired or a restricted section is hidden too.
"""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_
from typing import Any, TypeVar

import swapper
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from wagtail_osce.blocks.representation import rendition_specs
from wagtail_osce.conf import osce_settings

from .errors import bad_parameter
from .locale import LocaleContext

Page = swapper.load_model("wagtailcore", "Page")
P = TypeVar("P", bound=Model)

_SCOPE_CACHE_ATTR = "_wagtail_osce_page_scope"


def hidden_q(now: datetime.datetime) -> Q:
    """A page that is itself not visible: unpublished, expired or scheduled."""
    return Q(live=False) | Q(expired=True) | Q(expire_at__lte=now) | Q(go_live_at__gt=now)


def _site_root_paths(request: HttpRequest) -> list[str]:
    """``url_path`` of the requesting site's root page and of its translations."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    try:
        root_paths = request._wagtail_cached_site_root_paths
    except AttributeError:
        root_paths = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return [srp.root_path for srp in root_paths if srp.site_id == site.pk]


def _hidden_section_paths(now: datetime.datetime) -> list[str]:
    """Tree paths of sections whose every page is hidden: non-visible parents and restrictions."""
    return list(
        Page.objects.filter(
            (Q(numchild__gt=0) & hidden_q(now)) | Q(view_restrictions__isnull=False)
        )
        .order_by()
        .values_list("path", flat=True)
        .distinct()
    )


def content_visibility_q(now: datetime.datetime | None = None) -> Q:
    """Visible pages of any site: live, in time, public, under no hidden section (one query).

    For code without a request, such as blocks rendered outside the API; the
    API adds the requesting site's scope through :func:`visibility_q`.
    """
    now = now or timezone.now()
    scope = ~hidden_q(now)
    hidden_sections = _hidden_section_paths(now)
    if hidden_sections:
        scope &= ~reduce(or_, (Q(path__startswith=path) for path in hidden_sections))
    return scope


def visibility_q(request: HttpRequest) -> Q:
    """The filter selecting visible pages of the request's site; computed once per request."""
    scope = getattr(request, _SCOPE_CACHE_ATTR, None)
    if scope is not None:
        return scope
    roots = _site_root_paths(request)
    if not roots:
        scope = Q(pk__in=[])
    else:
        scope = content_visibility_q() & reduce(
            or_, (Q(url_path__startswith=path) for path in roots)
        )
    setattr(request, _SCOPE_CACHE_ATTR, scope)
    return scope


def live_public_pages(model: type[P] | None = None) -> QuerySet[P]:
    """Visible pages of ``model`` on any site, for code that has no request."""
    model = model or Page
    return model._default_manager.filter(content_visibility_q())


def visible_pages(request: HttpRequest, model: type[P] | None = None) -> QuerySet[P]:
    """Live, public pages of ``model`` (default: every page type) that the request's site serves."""
    model = model or Page
    return model._default_manager.filter(visibility_q(request))


def renditions_prefetch(lookup: str) -> Prefetch:
    """Prefetch the API's renditions of the image at ``lookup`` (such as ``"flag"``)."""
    Rendition = get_image_model().get_rendition_model()
    return Prefetch(
        f"{lookup}__renditions",
        queryset=Rendition.objects.filter(
            filter_spec__in=list(dict.fromkeys(rendition_specs().values()))
        ),
        to_attr="prefetched_renditions",
    )


def with_image_renditions(queryset: QuerySet[P], *lookups: str) -> QuerySet[P]:
    """``queryset`` with the images at ``lookups`` joined in and their renditions prefetched."""
    return queryset.select_related(*lookups).prefetch_related(
        *(renditions_prefetch(lookup) for lookup in lookups)
    )


def localized_pages(request: HttpRequest, queryset: QuerySet[P], ctx: LocaleContext) -> QuerySet[P]:
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


def page_size_or_default(page_size: int | None) -> int:
    """The requested page size, or the default; outside 1..MAX_PAGE_SIZE is a 400."""
    maximum = int(osce_settings.MAX_PAGE_SIZE)
    if page_size is None:
        return min(int(osce_settings.PAGE_SIZE), maximum)
    if not 1 <= page_size <= maximum:
        raise bad_parameter(
            "page_size", f"page_size must be between 1 and {maximum}, not {page_size}."
        )
    return page_size


def paginate(
    request: HttpRequest, queryset: QuerySet[P], page: int, page_size: int | None
) -> tuple[list[P], dict[str, Any]]:
    """One page of ``queryset`` (two queries: count and slice) and the listing's envelope fields."""
    size = page_size_or_default(page_size)
    if page < 1:
        raise bad_parameter("page", "page must be 1 or more.")
    count = queryset.count()
    num_pages = max(1, -(-count // size))
    if page > num_pages:
        raise bad_parameter("page", f"page {page} is out of range: there are {num_pages} pages.")
    items = list(queryset[(page - 1) * size : page * size])
    envelope = {
        "count": count,
        "page": page,
        "page_size": size,
        "num_pages": num_pages,
        "next": _page_link(request, page + 1) if page < num_pages else None,
        "previous": _page_link(request, page - 1) if page > 1 else None,
    }
    return items, envelope


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"
