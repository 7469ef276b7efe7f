"""What a frontend needs about the site as a whole: its sitemap and its redirects.

``sitemap`` lists every page a visitor may open, with when it was last published
and its other language versions, for a frontend's ``sitemap.xml``. ``redirects``
answers whether an unknown path is a redirect kept in Wagtail's redirects app
(when the site installs it), so a frontend can redirect instead of showing a 404.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.http import HttpRequest
from ninja import Query, Router
from pydantic import BaseModel, Field

from wagtail_osce.api.errors import ERROR_RESPONSES, not_found
from wagtail_osce.api.params import (
    LOCALE_DESCRIPTION,
    PAGE_PARAM_DESCRIPTION,
    PAGE_SIZE_DESCRIPTION,
    LocaleCode,
    PageNumber,
    PageSize,
    RootedPath,
    listing_page,
    resolve_locale,
)
from wagtail_osce.api.representations.common import listing_response, page_api_url
from wagtail_osce.representation.common import Listing
from wagtail_osce.visibility import site_for_request, visible_pages

router = Router(tags=["site"])


class SitemapAlternateOut(BaseModel):
    """Another language version of a page, for ``<xhtml:link rel="alternate">``."""

    locale: str
    url: str


class SitemapEntryOut(BaseModel):
    """One page of the site, as a sitemap lists it."""

    id: int
    locale: str
    url: str = Field(description="The page on the site.")
    api_url: str
    last_published_at: datetime.datetime | None
    alternates: list[SitemapAlternateOut] = Field(
        description="The page's other language versions that visitors may open."
    )


class RedirectOut(BaseModel):
    """Where a path of the site now leads."""

    old_path: str
    location: str = Field(description="Where to send the visitor: a path of the site or a URL.")
    is_permanent: bool = Field(description="301 when true, else 302.")


@router.get(
    "/sitemap",
    response={200: Listing.of(SitemapEntryOut), **ERROR_RESPONSES},
    summary="Every page visitors may open, for a sitemap",
)
def sitemap(
    request: HttpRequest,
    locale: LocaleCode | None = Query(
        None, description=f"Only pages in this language. {LOCALE_DESCRIPTION}"
    ),
    page: PageNumber = Query(1, description=PAGE_PARAM_DESCRIPTION),
    page_size: PageSize | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public pages of the requesting site in every language, in tree order."""
    ctx = resolve_locale(request, locale)
    queryset = visible_pages(request).exclude(depth__lte=1).order_by("path", "pk")
    if ctx.explicit:
        queryset = queryset.filter(locale_id=ctx.requested.pk)
    items, envelope = listing_page(request, queryset, page, page_size)
    others: dict = {}
    for other in visible_pages(request).filter(
        translation_key__in={item.translation_key for item in items}
    ):
        others.setdefault(other.translation_key, []).append(other)
    results = []
    for item in items:
        url = item.get_url(request=request)
        if not url:
            continue
        results.append(
            SitemapEntryOut(
                id=item.pk,
                locale=ctx.code_for(item.locale_id),
                url=url,
                api_url=page_api_url(item),
                last_published_at=item.last_published_at,
                alternates=[
                    SitemapAlternateOut(locale=ctx.code_for(other.locale_id), url=other_url)
                    for other in others.get(item.translation_key, [])
                    if other.pk != item.pk and (other_url := other.get_url(request=request))
                ],
            )
        )
    return listing_response(request, Listing.of(SitemapEntryOut)(**envelope, results=results))


@router.get(
    "/redirects",
    response={200: RedirectOut, **ERROR_RESPONSES},
    summary="Look up a redirect",
)
def redirect(
    request: HttpRequest,
    path: RootedPath = Query(..., description="A path of the site, such as `/old-story/`."),
):
    """The redirect kept for ``path`` in Wagtail's redirects app; 404 when there is none.

    A redirect to a page visitors cannot open is not served.
    """
    if not apps.is_installed("wagtail.contrib.redirects"):
        raise not_found("This site keeps no redirects.")
    from wagtail.contrib.redirects.models import Redirect

    site = site_for_request(request)
    found = (
        Redirect.get_for_site(site)
        .filter(old_path=Redirect.normalise_path(path))
        .select_related("redirect_page")
        .order_by("site_id")
        .first()
    )
    if found is None:
        raise not_found(f"No redirect from {path!r}.")
    if found.redirect_page_id is not None:
        if not visible_pages(request).filter(pk=found.redirect_page_id).exists():
            raise not_found(f"No redirect from {path!r}.")
        location = found.redirect_page.specific_deferred.get_url(request=request)
    else:
        location = found.redirect_link
    if not location:
        raise not_found(f"No redirect from {path!r}.")
    return RedirectOut(old_path=found.old_path, location=location, is_permanent=found.is_permanent)
