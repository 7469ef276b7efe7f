"""Shapes of the reference-data snippets, shared by the API endpoints, the blocks and Wagtail's APIs.

Each schema has a ``from_instance(obj, **ctx)`` builder that reads only what
the caller has already loaded, so building a whole list costs no queries.
The ``select_related`` each one needs is in its ``RELATED`` attribute; pass
``requested_locale`` (the language the client asked for) and, to skip
``select_related("locale")``, ``locale_codes`` (language code by locale id).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from pydantic import BaseModel, Field

from wagtail_osce import choices
from wagtail_osce.content_version import kept
from wagtail_osce.locales import (
    LocaleContext,
    LocalizedRows,
    ReferenceLocalizer,
    localized_rows,
)
from wagtail_osce.registry import snippet_type

from .common import LocalizedOut, locale_markers
from .media import ImageOut, image_out, with_image_renditions

if TYPE_CHECKING:
    from wagtail_osce.snippets import (
        Chairpersonship,
        FieldOfWork,
        MeetingSeries,
        ParticipatingState,
        Partner,
        Structure,
    )

StructureKind = Literal[tuple(choices.StructureKind.values)]  # type: ignore[valid-type]
StructureRegion = Literal[tuple(choices.StructureRegion.values)]  # type: ignore[valid-type]
PartnerGroup = Literal[tuple(choices.PartnerGroup.values)]  # type: ignore[valid-type]

#: A structure's kind as ``get_kind_display()`` shows it, without rebuilding the choices each time.
_KIND_LABELS = dict(choices.StructureKind.choices)


def locale_code_of(obj: Model, locale_codes: Mapping[int, str] | None = None) -> str:
    """The language code of a translatable row, from ``locale_codes`` when given (no query)."""
    if locale_codes and obj.locale_id in locale_codes:
        return locale_codes[obj.locale_id]
    return obj.locale.language_code


def _localized(
    obj: Model,
    requested_locale: str | None = None,
    locale_codes: Mapping[int, str] | None = None,
    **_ctx: Any,
) -> dict[str, Any]:
    return locale_markers(locale_code_of(obj, locale_codes), requested_locale)


class SnippetOut(LocalizedOut):
    """Fields every reference snippet shares."""

    id: int
    translation_key: UUID = Field(description="Shared by every translation of this object.")
    name: str
    slug: str

    RELATED: ClassVar[tuple[str, ...]] = ("locale",)

    @classmethod
    def base_fields(cls, obj: Model, **ctx: Any) -> dict[str, Any]:
        return {
            "id": obj.pk,
            "translation_key": obj.translation_key,
            "name": obj.name,
            "slug": obj.slug,
            **_localized(obj, **ctx),
        }


class StateRef(BaseModel):
    """A participating State named from another object."""

    id: int
    slug: str
    name: str
    iso_code: str


class ParticipatingStateOut(SnippetOut):
    """One of the participating States."""

    iso_code: str = Field(description="ISO 3166-1 alpha-2 code.")
    admission_date: datetime.date | None
    flag: ImageOut | None

    RELATED: ClassVar[tuple[str, ...]] = ("locale", "flag")

    @classmethod
    def from_instance(cls, obj: ParticipatingState, **ctx: Any) -> ParticipatingStateOut:
        return cls(
            **cls.base_fields(obj, **ctx),
            iso_code=obj.iso_code,
            admission_date=obj.admission_date,
            flag=image_out(obj.flag, alt=None) if obj.flag_id else None,
        )


class PartnerOut(SnippetOut):
    """A Partner for Co-operation."""

    iso_code: str
    group: PartnerGroup
    group_label: str
    partner_since: int | None

    @classmethod
    def from_instance(cls, obj: Partner, **ctx: Any) -> PartnerOut:
        return cls(
            **cls.base_fields(obj, **ctx),
            iso_code=obj.iso_code,
            group=obj.group,
            group_label=str(obj.get_group_display()),
            partner_since=obj.partner_since,
        )


class StructureRef(BaseModel):
    """A structure named from another one (its parent)."""

    id: int
    slug: str
    name: str


class HostOut(BaseModel):
    """Where a structure is hosted: a participating State, or a territory that is not one."""

    name: str
    iso_code: str | None
    is_state: bool


class StructureOut(SnippetOut):
    """A body of the organisation."""

    kind: StructureKind
    kind_label: str
    acronym: str
    parent: StructureRef | None
    region: StructureRegion | None
    seat_city: str
    host: HostOut | None
    established: datetime.date | None
    closed: datetime.date | None
    status: Literal["active", "closed"]

    RELATED: ClassVar[tuple[str, ...]] = ("locale", "parent", "host_state")

    @classmethod
    def from_instance(cls, obj: Structure, **ctx: Any) -> StructureOut:
        return cls(**cls.structure_fields(obj, **ctx))

    @classmethod
    def structure_fields(cls, obj: Structure, **ctx: Any) -> dict[str, Any]:
        parent = obj.parent if obj.parent_id else None
        if obj.host_state_id:
            host = HostOut(
                name=obj.host_state.name, iso_code=obj.host_state.iso_code, is_state=True
            )
        elif obj.host_territory:
            host = HostOut(name=obj.host_territory, iso_code=None, is_state=False)
        else:
            host = None
        return {
            **cls.base_fields(obj, **ctx),
            "kind": obj.kind,
            "kind_label": str(_KIND_LABELS.get(obj.kind, obj.kind)),
            "acronym": obj.acronym,
            "parent": StructureRef(id=parent.pk, slug=parent.slug, name=parent.name)
            if parent
            else None,
            "region": obj.region or None,
            "seat_city": obj.seat_city,
            "host": host,
            "established": obj.established,
            "closed": obj.closed,
            "status": "closed" if obj.closed else "active",
        }


class StructureTreeOut(StructureOut):
    """A structure with the structures under it, recursively."""

    children: list[StructureTreeOut] = Field(default_factory=list)

    @classmethod
    def build_tree(cls, structures: list[Structure], **ctx: Any) -> list[StructureTreeOut]:
        """Nest ``structures`` (all of one locale choice) by ``parent``, keeping their order.

        Parents are matched by ``translation_key`` so a fallback row still finds
        its parent's translation; a structure whose parent is not in the list is
        a root.
        """
        nodes = {s.translation_key: cls(**cls.structure_fields(s, **ctx)) for s in structures}
        roots: list[StructureTreeOut] = []
        for structure in structures:
            node = nodes[structure.translation_key]
            parent_key = structure.parent.translation_key if structure.parent_id else None
            parent = nodes.get(parent_key) if parent_key else None
            if parent is None or parent is node:
                roots.append(node)
            else:
                parent.children.append(node)
        return roots


class FieldOfWorkOut(SnippetOut):
    """A field of work, in the site's order."""

    description: str
    sort_order: int

    @classmethod
    def from_instance(cls, obj: FieldOfWork, **ctx: Any) -> FieldOfWorkOut:
        return cls(
            **cls.base_fields(obj, **ctx),
            description=obj.description,
            sort_order=obj.sort_order,
        )


class MeetingSeriesOut(SnippetOut):
    """A meeting or conference series, in the site's order."""

    description: str
    sort_order: int

    @classmethod
    def from_instance(cls, obj: MeetingSeries, **ctx: Any) -> MeetingSeriesOut:
        return cls(
            **cls.base_fields(obj, **ctx),
            description=obj.description,
            sort_order=obj.sort_order,
        )


class ChairpersonshipOut(SnippetOut):
    """The State chairing the organisation in one year, and its Chairperson(s)-in-Office."""

    year: int
    state: StateRef | None = Field(description="Null for a State that no longer exists.")
    historic_state: str = Field(description="Name of a chairing State that no longer exists.")
    state_name: str = Field(description="The chairing State's name, whichever of the two is set.")
    chairperson_in_office: list[str]

    RELATED: ClassVar[tuple[str, ...]] = ("locale", "state")

    @classmethod
    def from_instance(cls, obj: Chairpersonship, **ctx: Any) -> ChairpersonshipOut:
        state = obj.state if obj.state_id else None
        return cls(
            **cls.base_fields(obj, **ctx),
            year=obj.year,
            state=StateRef(id=state.pk, slug=state.slug, name=state.name, iso_code=state.iso_code)
            if state
            else None,
            historic_state=obj.historic_state,
            state_name=obj.state_name,
            chairperson_in_office=obj.office_holders,
        )


StructureTreeOut.model_rebuild()

SNIPPET_SCHEMAS: dict[str, type[SnippetOut]] = {
    "wagtail_osce.ParticipatingState": ParticipatingStateOut,
    "wagtail_osce.Partner": PartnerOut,
    "wagtail_osce.Structure": StructureOut,
    "wagtail_osce.FieldOfWork": FieldOfWorkOut,
    "wagtail_osce.MeetingSeries": MeetingSeriesOut,
    "wagtail_osce.Chairpersonship": ChairpersonshipOut,
}
"""The schema for each snippet model by label, for code that handles any of them."""


def schema_context(ctx: LocaleContext) -> dict[str, Any]:
    """Keyword arguments for the ``from_instance`` builders, rendering in ``ctx``'s locale."""
    return {"requested_locale": ctx.code, "locale_codes": ctx.locale_codes}


def schema_for(model: type[Model]) -> type[SnippetOut]:
    """The shape of a reference snippet model."""
    return SNIPPET_SCHEMAS[model._meta.label]


def kept_snippet_rows(
    request: HttpRequest | None, model: type[Model], ctx: LocaleContext
) -> LocalizedRows:
    """Every row of a snippet model in ``ctx``'s locales, loaded as :func:`snippet_queryset`
    loads them; kept while the reference version holds, since only a change to the
    reference data changes them."""
    return kept(
        request,
        ("snippet rows", model._meta.label, tuple(ctx.locale_ids)),
        lambda: localized_rows(snippet_queryset(model), ctx.locale_ids),
    )


def snippet_localizer(
    request: HttpRequest | None, ctx: LocaleContext, models: Iterable[type[Model]]
) -> ReferenceLocalizer:
    """A localizer of references to rows of ``models`` that reads the rows this process
    keeps (:func:`kept_snippet_rows`): no query for them while the reference data holds."""
    models = list(models)
    return ReferenceLocalizer(
        ctx,
        {model: snippet_queryset(model) for model in models},
        {model: kept_snippet_rows(request, model, ctx) for model in models},
    )


def snippet_queryset(model: type[Model]) -> QuerySet:
    """Rows of a snippet model with everything their shape reads, so building them is free."""
    kind = snippet_type(model)
    queryset = model._default_manager.all()
    if kind.related:
        queryset = queryset.select_related(*kind.related)
    if kind.images:
        queryset = with_image_renditions(queryset, *kind.images)
    return queryset
