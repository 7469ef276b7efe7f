"""The site's mega-menu as data: fields of work, meetings, countries, structures.

One request returns the whole menu in the requested language, each entry with
its label, slug and links to its detail endpoint and to the stories or
meetings filtered by it, so a frontend renders navigation without further calls.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router
from pydantic import BaseModel, Field

from wagtail_osce.api.params import LOCALE_DESCRIPTION, LocaleCode, resolve_locale
from wagtail_osce.api.paths import api_path
from wagtail_osce.locales import LocaleContext, localized_queryset
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

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

SECTION_LABELS = {
    "fields-of-work": _("Fields of work"),
    "meetings": _("Meetings and conferences"),
    "countries": _("Countries"),
    "structures": _("Structures and institutions"),
}
GROUP_LABELS = {
    "participating-states": _("Participating States"),
    "institutions": _("Institutions"),
    "field-operations": _("Field operations"),
    "closed-field-activities": _("Closed field activities"),
}


class MenuBuilder:
    """Builds menu entries from snippet rows already chosen for the requested locale."""

    def __init__(self, ctx: LocaleContext) -> None:
        self.ctx = ctx
        self.locale_param = ctx.code if ctx.explicit else None

    def item(
        self,
        kind: NavKind,
        obj,
        detail: str,
        listing: tuple[str, str] | None = None,
        **extra,
    ) -> NavItem:
        listing_url = (
            api_path(listing[0], **{listing[1]: obj.slug, "locale": self.locale_param})
            if listing
            else None
        )
        return NavItem(
            key=f"{kind}:{obj.slug}",
            kind=kind,
            label=obj.name,
            slug=obj.slug,
            api_url=api_path(detail, ("slug", obj.slug), locale=self.locale_param),
            listing_url=listing_url,
            is_fallback=obj.locale_id != self.ctx.requested.pk,
            **extra,
        )

    def group(self, key: str, label: str, children: list[NavItem]) -> NavItem:
        return NavItem(
            key=f"group:{key}",
            kind="group",
            label=str(label),
            slug=None,
            api_url=None,
            listing_url=None,
            children=children,
        )

    def structure(self, obj: Structure, children_of: dict, note: str | None = None) -> NavItem:
        node = self.item("structure", obj, "get_structure", ("list_stories", "source"), note=note)
        node.children = [
            self.structure(child, children_of) for child in children_of.get(obj.translation_key, [])
        ]
        return node


def fields_of_work_section(menu: MenuBuilder) -> NavSection:
    rows = localized_queryset(FieldOfWork.objects.all(), menu.ctx)
    items = [
        menu.item("field_of_work", row, "get_field_of_work", ("list_stories", "field"))
        for row in rows
    ]
    return NavSection(
        key="fields-of-work", label=str(SECTION_LABELS["fields-of-work"]), items=items
    )


def meetings_section(menu: MenuBuilder) -> NavSection:
    rows = localized_queryset(MeetingSeries.objects.all(), menu.ctx)
    items = [
        menu.item("meeting_series", row, "get_meeting_series", ("list_meetings", "series"))
        for row in rows
    ]
    return NavSection(key="meetings", label=str(SECTION_LABELS["meetings"]), items=items)


def current_chairpersonship(menu: MenuBuilder) -> Chairpersonship | None:
    year = timezone.localdate().year
    rows = localized_queryset(
        Chairpersonship.objects.filter(year=year).select_related("state"), menu.ctx
    )
    return rows[0] if rows else None


def countries_section(menu: MenuBuilder, chair: Chairpersonship | None) -> NavSection:
    chair_key = chair.state.translation_key if chair and chair.state_id else None
    chair_note = gettext("OSCE Chairpersonship %(year)s") % {"year": chair.year} if chair else None
    states = [
        menu.item(
            "state",
            row,
            "get_state",
            ("list_stories", "country"),
            note=chair_note if row.translation_key == chair_key else None,
        )
        for row in localized_queryset(ParticipatingState.objects.all(), menu.ctx)
    ]
    partners = localized_queryset(Partner.objects.all(), menu.ctx)
    items = [menu.group("participating-states", GROUP_LABELS["participating-states"], states)]
    for value, label in Partner.Group.choices:
        members = [
            menu.item("partner", row, "get_partner") for row in partners if row.group == value
        ]
        items.append(menu.group(f"{value}-partners", label, members))
    return NavSection(key="countries", label=str(SECTION_LABELS["countries"]), items=items)


def structures_section(menu: MenuBuilder, chair: Chairpersonship | None) -> NavSection:
    rows = localized_queryset(Structure.objects.select_related("parent"), menu.ctx)
    children_of: dict = {}
    for row in rows:
        if row.parent_id:
            children_of.setdefault(row.parent.translation_key, []).append(row)
    by_kind: dict[str, list[Structure]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    Kind = Structure.Kind

    def top(kind: str, note: str | None = None) -> list[NavItem]:
        return [
            menu.structure(row, children_of, note=note)
            for row in by_kind.get(kind, [])
            if not row.parent_id
        ]

    field_operations = by_kind.get(Kind.FIELD_OPERATION, [])
    items = [
        *top(Kind.CHAIRPERSONSHIP, note=chair.name if chair else None),
        *top(Kind.SECRETARIAT),
        menu.group(
            "institutions",
            GROUP_LABELS["institutions"],
            [menu.structure(row, children_of) for row in by_kind.get(Kind.INSTITUTION, [])],
        ),
        menu.group(
            "field-operations",
            GROUP_LABELS["field-operations"],
            [menu.structure(row, children_of) for row in field_operations if not row.closed],
        ),
        menu.group(
            "closed-field-activities",
            GROUP_LABELS["closed-field-activities"],
            [menu.structure(row, children_of) for row in field_operations if row.closed],
        ),
        *top(Kind.PARLIAMENTARY_ASSEMBLY),
        *top(Kind.COURT),
    ]
    return NavSection(key="structures", label=str(SECTION_LABELS["structures"]), items=items)


@router.get(
    "/navigation",
    response={200: NavigationOut, **ERROR_RESPONSES},
    summary="The site's main menu",
)
def get_navigation(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    """Fields of work, meetings and conferences, countries, and structures and institutions."""
    ctx = resolve_locale(request, locale)
    menu = MenuBuilder(ctx)
    with translation.override(ctx.code):
        chair = current_chairpersonship(menu)
        sections = [
            fields_of_work_section(menu),
            meetings_section(menu),
            countries_section(menu, chair),
            structures_section(menu, chair),
        ]
    return NavigationOut(locale=ctx.code, sections=sections)
