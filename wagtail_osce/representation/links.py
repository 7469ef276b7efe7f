"""Frontend-ready shapes for links and rich text: a page, a document or a URL, with its text.

``Page.get_url`` gives a page's URL: a path on a single-site install, which a
frontend maps onto its own routes.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from wagtail_osce.compat import page_url

from .media import DocumentOut, ImageOut

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Page


class PageLinkOut(BaseModel):
    """A link to a page of the site."""

    id: int
    type: str = Field(description='The page model as "app_label.ModelName".')
    title: str
    url: str | None = Field(description="Null when the page is not routable.")


class StoryCard(PageLinkOut):
    """A story as every list of stories shows it: listings, related stories, "more stories".

    The stories listing's items (``StorySummaryOut``) have all these fields with the
    same types, so one card component renders any of them.
    """

    api_url: str = Field(description="The story's detail in the API.")
    date: datetime.date
    lead: str
    hero_image: ImageOut | None


class LinkOut(BaseModel):
    """A link to a page, a document or an external URL, with its visible text."""

    kind: Literal["page", "document", "url"]
    url: str | None = Field(
        description="Where the link leads; null when its page or document is not public."
    )
    text: str
    page: PageLinkOut | None = Field(
        default=None,
        description="The linked page; null for a link to a page visitors cannot see.",
    )
    document: DocumentOut | None = None


class RichTextOut(BaseModel):
    """Rich text as display HTML, with links to pages and documents resolved to real URLs."""

    html: str = Field(
        description="Display HTML. Each link to a page of the site carries `data-page-id`, "
        "`data-page-type` and `data-locale`, and its `href` is the page's path in that "
        "language; a link to a document carries `data-document-id`. A link to a page "
        "visitors cannot see is `<a>` without `href`."
    )


def page_type_label(page: Page) -> str:
    """The page's concrete model as ``"app_label.ModelName"``, without loading the specific page."""
    model = page.specific_class
    if model is not None:
        return model._meta.label
    content_type = page.cached_content_type
    return f"{content_type.app_label}.{content_type.model}"


def page_link_out(page: Page, request: HttpRequest | None = None) -> PageLinkOut:
    """Expand a page reference for the API.

    Pass the request when there is one: Wagtail caches the site root paths on it,
    so many links cost no more than one.
    """
    return PageLinkOut(
        id=page.pk,
        type=page_type_label(page),
        title=page.title,
        url=page_url(page, request),
    )
