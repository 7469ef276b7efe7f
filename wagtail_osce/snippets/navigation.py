"""The site's main menu, built from the reference data: one builder for the API and the templates.

The four menus of osce.org's header: fields of work, meetings and conferences,
countries (participating States and the two groups of Partners) and structures
and institutions. The builder chooses the rows in the requested language (with
the default language's where a row is not translated yet) and arranges them;
the API turns the entries into links to its endpoints, the templates into links
to the site's index pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail_osce.choices import PartnerGroup, StructureKind
from wagtail_osce.locales import LocaleContext, localized_queryset

from .chairpersonships import Chairpersonship
from .countries import ParticipatingState, Partner
from .structures import Structure
from .taxonomy import FieldOfWork, MeetingSeries

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


@dataclass
class MenuEntry:
    """One entry of a menu: a snippet row (``kind`` says which), or a ``group`` of entries."""

    kind: str
    key: str
    label: str
    row: Model | None = None
    note: str | None = None
    children: list[MenuEntry] = field(default_factory=list)


@dataclass
class MenuSection:
    """A top-level menu."""

    key: str
    label: str
    entries: list[MenuEntry]


def _entry(kind: str, row: Model, note: str | None = None) -> MenuEntry:
    return MenuEntry(kind=kind, key=f"{kind}:{row.slug}", label=row.name, row=row, note=note)


def _group(key: str, label: str, children: list[MenuEntry]) -> MenuEntry:
    return MenuEntry(kind="group", key=f"group:{key}", label=str(label), children=children)


def current_chairpersonship(ctx: LocaleContext) -> Chairpersonship | None:
    """This year's Chairpersonship, in the requested language."""
    rows = localized_queryset(
        Chairpersonship.objects.filter(year=timezone.localdate().year).select_related("state"),
        ctx,
    )
    return rows[0] if rows else None


def _countries(ctx: LocaleContext, chair: Chairpersonship | None) -> list[MenuEntry]:
    chair_key = chair.state.translation_key if chair and chair.state_id else None
    chair_note = gettext("OSCE Chairpersonship %(year)s") % {"year": chair.year} if chair else None
    states = [
        _entry("state", row, note=chair_note if row.translation_key == chair_key else None)
        for row in localized_queryset(ParticipatingState.objects.all(), ctx)
    ]
    partners = localized_queryset(Partner.objects.all(), ctx)
    entries = [_group("participating-states", GROUP_LABELS["participating-states"], states)]
    for value, label in PartnerGroup.choices:
        members = [_entry("partner", row) for row in partners if row.group == value]
        entries.append(_group(f"{value}-partners", label, members))
    return entries


def _structures(ctx: LocaleContext, chair: Chairpersonship | None) -> list[MenuEntry]:
    rows = localized_queryset(Structure.objects.select_related("parent"), ctx)
    listed = {row.translation_key for row in rows}
    children_of: dict = {}
    for row in rows:
        if row.parent_id and row.parent.translation_key in listed:
            children_of.setdefault(row.parent.translation_key, []).append(row)

    def node(row: Structure, note: str | None = None) -> MenuEntry:
        entry = _entry("structure", row, note=note)
        entry.children = [node(child) for child in children_of.get(row.translation_key, [])]
        return entry

    def top(kind: str, note: str | None = None) -> list[MenuEntry]:
        return [
            node(row, note)
            for row in rows
            if row.kind == kind and not (row.parent_id and row.parent.translation_key in listed)
        ]

    operations = [row for row in rows if row.kind == StructureKind.FIELD_OPERATION]
    return [
        *top(StructureKind.CHAIRPERSONSHIP, note=chair.name if chair else None),
        *top(StructureKind.DECISION_MAKING),
        *top(StructureKind.SECRETARIAT),
        _group("institutions", GROUP_LABELS["institutions"], top(StructureKind.INSTITUTION)),
        _group(
            "field-operations",
            GROUP_LABELS["field-operations"],
            [node(row) for row in operations if not row.closed],
        ),
        _group(
            "closed-field-activities",
            GROUP_LABELS["closed-field-activities"],
            [node(row) for row in operations if row.closed],
        ),
        *top(StructureKind.PARLIAMENTARY_ASSEMBLY),
        *top(StructureKind.COURT),
    ]


def build_menu(ctx: LocaleContext) -> list[MenuSection]:
    """The four menus in ``ctx``'s language: six queries, whatever the size of the data.

    Call it with that language active, so the labels come out translated.
    """
    chair = current_chairpersonship(ctx)
    fields = localized_queryset(FieldOfWork.objects.all(), ctx)
    series = localized_queryset(MeetingSeries.objects.all(), ctx)
    return [
        MenuSection(
            "fields-of-work",
            str(SECTION_LABELS["fields-of-work"]),
            [_entry("field_of_work", row) for row in fields],
        ),
        MenuSection(
            "meetings",
            str(SECTION_LABELS["meetings"]),
            [_entry("meeting_series", row) for row in series],
        ),
        MenuSection("countries", str(SECTION_LABELS["countries"]), _countries(ctx, chair)),
        MenuSection("structures", str(SECTION_LABELS["structures"]), _structures(ctx, chair)),
    ]
