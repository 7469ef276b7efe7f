"""Full-text search over live, public pages, through the site's Wagtail search backend."""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router
from wagtail.search.utils import parse_query_string

from wagtail_osce.api.cache.listing import cached_listing
from wagtail_osce.api.params import (
    LOCALE_DESCRIPTION,
    MAX_TEXT_LENGTH,
    LocaleCode,
    PageNumber,
    PageSize,
    PageTypeLabel,
    SearchText,
    listing_page,
    ranked_search,
    resolve_locale,
)
from wagtail_osce.api.representations.common import listing_response
from wagtail_osce.locales import localized_pages
from wagtail_osce.representation.common import Listing
from wagtail_osce.visibility import page_model, visible_pages

from ..errors import ERROR_RESPONSES, bad_parameter
from ..schemas.pages import PageSummaryOut
from .pages import PAGE_PARAM_DESCRIPTION, PAGE_SIZE_DESCRIPTION, page_type_from_param, summary_of

router = Router(tags=["search"])
logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = MAX_TEXT_LENGTH


@router.get(
    "/search",
    response={200: Listing.of(PageSummaryOut), **ERROR_RESPONSES},
    summary="Search pages",
)
@cached_listing
def search(
    request: HttpRequest,
    q: SearchText = Query(
        ...,
        description="The words to look for: at least one character that is not a space, "
        f"at most {MAX_QUERY_LENGTH} characters.",
    ),
    type: PageTypeLabel | None = Query(
        None, description="Only pages of this model, as `app_label.ModelName`."
    ),
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
    page: PageNumber = Query(1, description=PAGE_PARAM_DESCRIPTION),
    page_size: PageSize | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Pages matching ``q``, best match first, in the requested locale with fallback."""
    terms = q.strip()
    ctx = resolve_locale(request, locale)
    queryset = visible_pages(request)
    if type:
        queryset = queryset.type(page_type_from_param(type))
    candidates = localized_pages(request, queryset, ctx)
    _filters, query = parse_query_string(terms)
    # The search backend filters only on indexed fields: hand it the visible ids instead.
    visible = page_model().objects.filter(pk__in=candidates.values("pk"))
    try:
        # A savepoint, so a query the backend cannot parse leaves the transaction usable.
        with transaction.atomic():
            if terms:
                results, counted = ranked_search(visible, query)
            else:  # only spaces Python strips but the pattern's ASCII space class does not
                results, counted = page_model().objects.none(), None
            items, envelope = listing_page(request, results, page, page_size, counted=counted)
    except DatabaseError as error:
        logger.warning("Search backend rejected %r: %s", terms, error)
        raise bad_parameter("q", "q could not be searched; remove special characters.") from error
    with translation.override(ctx.code):
        summaries = [summary_of(request, item, ctx) for item in items]
    return listing_response(request, Listing.of(PageSummaryOut)(**envelope, results=summaries))
