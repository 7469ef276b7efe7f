"""Endpoints for pages of any type: listing, finding by path, detail by id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router

from wagtail_osce.api.cache import responses as cache
from wagtail_osce.api.cache.http import apply_http_caching
from wagtail_osce.api.cache.listing import cached_listing
from wagtail_osce.api.errors import ERROR_RESPONSES, not_found
from wagtail_osce.api.params import (
    DESCENDANT_OF_DESCRIPTION,
    EXCLUDE_DESCRIPTION,
    LOCALE_DESCRIPTION,
    MAX_FILTER_VALUES,
    MAX_ID,
    PAGE_PARAM_DESCRIPTION,
    PAGE_SIZE_DESCRIPTION,
    LocaleCode,
    PageId,
    PageIdValue,
    PageNumber,
    PageSize,
    PageTypeLabel,
    SitePath,
    Text,
    below_page_q,
    exclude_pages,
    listing_page,
    page_model_for,
    resolve_locale,
)
from wagtail_osce.api.representations.common import listing_response, summary_of
from wagtail_osce.api.representations.detail import (
    build_detail,
    in_requested_locale,
    lookup_page,
    page_context,
)
from wagtail_osce.api.schemas.pages import (
    MeetingDetailOut,
    MeetingIndexPageDetailOut,
    PageDetailOut,
    PageSummaryOut,
    StoryDetailOut,
    StoryIndexPageDetailOut,
)
from wagtail_osce.locales import (
    all_locales,
    find_locale,
    localized_pages,
)
from wagtail_osce.representation.common import Listing
from wagtail_osce.visibility import site_for_request, site_root_paths, visible_pages

if TYPE_CHECKING:
    from wagtail.models import Page


router = Router(tags=["pages"])


def page_type_from_param(value: str) -> type[Page]:
    """The model of a ``type`` parameter, already checked as one of the site's page types."""
    return page_model_for(value)


AnyPageDetail = (
    StoryDetailOut
    | MeetingDetailOut
    | StoryIndexPageDetailOut
    | MeetingIndexPageDetailOut
    | PageDetailOut
)


PageOrdering = Literal["path", "title", "-title", "first_published_at", "-first_published_at"]


@router.get(
    "/pages",
    response={200: Listing.of(PageSummaryOut), **ERROR_RESPONSES},
    summary="List pages",
)
@cached_listing
def list_pages(
    request: HttpRequest,
    type: PageTypeLabel | None = Query(
        None, description="Only pages of this model, as `app_label.ModelName`."
    ),
    child_of: int | None = Query(
        None,
        ge=1,
        le=MAX_ID,
        description="Only the children of this page (or of its translations); "
        "an id of no live, public page is a 404 naming `child_of`.",
    ),
    descendant_of: int | None = Query(None, ge=1, le=MAX_ID, description=DESCENDANT_OF_DESCRIPTION),
    exclude: list[PageIdValue] | None = Query(
        None, max_length=MAX_FILTER_VALUES, description=EXCLUDE_DESCRIPTION
    ),
    slug: Text | None = Query(None, description="Only pages with this slug."),
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
    ordering: PageOrdering = Query("path", description="Sort order; `path` is the tree's order."),
    page: PageNumber = Query(1, description=PAGE_PARAM_DESCRIPTION),
    page_size: PageSize | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public pages of the site in the requested locale, with untranslated ones falling back."""
    ctx = resolve_locale(request, locale)
    queryset = visible_pages(request)
    if type:
        model = page_type_from_param(type)
        queryset = queryset.type(model)
    if child_of is not None:
        queryset = queryset.filter(
            below_page_q(request, child_of, ctx, "child_of", children_only=True)
        )
    if descendant_of is not None:
        queryset = queryset.filter(below_page_q(request, descendant_of, ctx, "descendant_of"))
    queryset = exclude_pages(queryset, exclude)
    if slug:
        queryset = queryset.filter(slug=slug)
    queryset = localized_pages(request, queryset, ctx).order_by(ordering, "pk")
    items, envelope = listing_page(request, queryset, page, page_size)
    with translation.override(ctx.code):
        results = [summary_of(request, item, ctx) for item in items]
    return listing_response(request, Listing.of(PageSummaryOut)(**envelope, results=results))


@router.get(
    "/pages/find",
    response={200: AnyPageDetail, **ERROR_RESPONSES},
    summary="Find a page by its path on the site",
)
def find_page(
    request: HttpRequest,
    html_path: SitePath = Query(
        ..., description="The page's path on the site, such as `/fr/stories/ukraine/`."
    ),
):
    """The page at ``html_path``; a leading language code (``/fr/``) selects the locale.

    When the path has no page in that locale, the same path in the default
    locale is returned, marked ``is_fallback``.
    """
    components = [part for part in html_path.split("/") if part]
    locale = find_locale(all_locales(request), components[0]) if components else None
    ctx = resolve_locale(request, locale.language_code if locale else None)
    if locale is not None:
        components = components[1:]
    roots = site_roots_by_locale(request)
    for locale_id in ctx.locale_ids:
        root_path = roots.get(locale_id)
        if root_path is None:
            continue
        url_path = root_path + "".join(f"{part}/" for part in components)
        found = lookup_page(request, url_path=url_path)
        if found is not None:
            return build_detail(request, found, ctx)
    raise not_found(f"No live, public page at {html_path!r}.")


def site_roots_by_locale(request: HttpRequest) -> dict[int, str]:
    """The request's site's root ``url_path`` in each locale."""
    site = site_for_request(request)
    if site is None:
        return {}
    locales = all_locales(request)
    result: dict[int, str] = {}
    for srp in site_root_paths(request):
        if srp.site_id != site.pk:
            continue
        locale = find_locale(locales, srp.language_code)
        if locale is not None:
            result.setdefault(locale.pk, srp.root_path)
    return result


@router.get(
    "/pages/{page_id}",
    response={200: AnyPageDetail, **ERROR_RESPONSES},
    summary="Get a page",
)
def get_page(
    request: HttpRequest,
    page_id: PageId,
    locale: LocaleCode | None = Query(
        None,
        description="Return this language version of the page (or the default locale's, "
        "marked `is_fallback`). Defaults to the page's own locale.",
    ),
):
    hit = cache.cached_request(request)
    if hit is not None:
        return apply_http_caching(request, hit)
    ctx = resolve_locale(request, locale)
    page = lookup_page(request, pk=page_id)
    if page is None:
        raise not_found(f"No live, public page has id {page_id}.")
    page = in_requested_locale(request, page, ctx)
    cache.note_visible(request, page)
    return build_detail(request, page, page_context(ctx, page))
