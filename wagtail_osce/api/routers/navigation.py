"""The site's mega-menu as data: fields of work, meetings, countries, structures.

One request returns the whole menu in the requested language, each entry with
its label, slug and links to its detail endpoint and to the stories or
meetings filtered by it, so a frontend renders navigation without further calls.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router
from pydantic import BaseModel, Field

from wagtail_osce.api.cache.listing import cached_listing
from wagtail_osce.api.params import LOCALE_DESCRIPTION, LocaleCode, resolve_locale
from wagtail_osce.locales import LocaleContext
from wagtail_osce.representation.paths import api_path
from wagtail_osce.snippets.navigation import MenuEntry, build_menu

from ..errors import ERROR_RESPONSES

router = Router(tags=["navigation"])

NavKind = Literal["group", "field_of_work", "meeting_series", "state", "partner", "structure"]


class NavItem(BaseModel):
    """One entry of the menu; a ``group`` entry only holds ``children``."""

    key: str = Field(description="Stable identifier, unique within the menu.")
    kind: NavKind
    label: str
    slug: str | None
    api_url: str | None = Field(description="This entry's object in the API.")
    listing_url: str | None = Field(
        description="The stories or meetings filtered by this entry, in the API."
    )
    note: str | None = Field(default=None, description="A short badge, such as the current Chair.")
    is_fallback: bool = Field(
        default=False, description="The label is in the default locale: no translation yet."
    )
    children: list[NavItem] = Field(default_factory=list)


class NavSection(BaseModel):
    """A top-level menu column."""

    key: str
    label: str
    items: list[NavItem]


class NavigationOut(BaseModel):
    """The whole menu in one language."""

    locale: str
    sections: list[NavSection]


NavItem.model_rebuild()

#: Each kind of entry: its detail endpoint, and the listing it filters (endpoint, parameter).
LINKS: dict[str, tuple[str, tuple[str, str] | None]] = {
    "field_of_work": ("get_field_of_work", ("list_stories", "field")),
    "meeting_series": ("get_meeting_series", ("list_meetings", "series")),
    "state": ("get_state", ("list_stories", "country")),
    "partner": ("get_partner", None),
    "structure": ("get_structure", ("list_stories", "source")),
}


def nav_item(entry: MenuEntry, ctx: LocaleContext) -> NavItem:
    """A menu entry with links to the API's endpoints."""
    children = [nav_item(child, ctx) for child in entry.children]
    if entry.row is None:
        return NavItem(
            key=entry.key,
            kind="group",
            label=entry.label,
            slug=None,
            api_url=None,
            listing_url=None,
            children=children,
        )
    locale = ctx.code if ctx.explicit else None
    detail, listing = LINKS[entry.kind]
    slug = entry.row.slug
    return NavItem(
        key=entry.key,
        kind=entry.kind,
        label=entry.label,
        slug=slug,
        api_url=api_path(detail, ("slug", slug), locale=locale),
        listing_url=api_path(listing[0], **{listing[1]: slug, "locale": locale})
        if listing
        else None,
        note=entry.note,
        is_fallback=entry.row.locale_id != ctx.requested.pk,
        children=children,
    )


@router.get(
    "/navigation",
    response={200: NavigationOut, **ERROR_RESPONSES},
    summary="The site's main menu",
)
@cached_listing
def get_navigation(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    """Fields of work, meetings and conferences, countries, and structures and institutions."""
    ctx = resolve_locale(request, locale)
    with translation.override(ctx.code):
        sections = [
            NavSection(
                key=section.key,
                label=section.label,
                items=[nav_item(entry, ctx) for entry in section.entries],
            )
            for section in build_menu(ctx)
        ]
    return NavigationOut(locale=ctx.code, sections=sections)
