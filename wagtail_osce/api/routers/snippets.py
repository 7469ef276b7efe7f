"""Endpoints for the reference data: States, Partners, structures, taxonomies, Chairpersonships."""

from __future__ import annotations

from typing import Annotated, Literal

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Path, Query, Router

from wagtail_osce.api.params import LOCALE_DESCRIPTION, LocaleCode, Slug, resolve_locale
from wagtail_osce.locales import LocaleContext, localized_queryset
from wagtail_osce.representation.common import Collection
from wagtail_osce.representation.snippets import (
    ChairpersonshipOut,
    FieldOfWorkOut,
    MeetingSeriesOut,
    ParticipatingStateOut,
    PartnerGroup,
    PartnerOut,
    SnippetOut,
    StructureKind,
    StructureOut,
    StructureTreeOut,
    schema_context,
    snippet_queryset,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

from ..errors import ERROR_RESPONSES, not_found

router = Router(tags=["reference data"])


def build_all(schema: type[SnippetOut], queryset: QuerySet, ctx: LocaleContext) -> Collection:
    """Every row of ``queryset`` in the requested locale (with fallback), as ``schema``."""
    with translation.override(ctx.code):
        results = [
            schema.from_instance(obj, **schema_context(ctx))
            for obj in localized_queryset(queryset, ctx)
        ]
    return Collection.of(schema)(count=len(results), results=results)


def build_one(
    schema: type[SnippetOut], queryset: QuerySet, ctx: LocaleContext, label: str, **lookup
) -> SnippetOut:
    """The single object matching ``lookup`` in the requested locale, or a 404."""
    rows = localized_queryset(queryset.filter(**lookup), ctx)
    if not rows:
        value = next(iter(lookup.values()))
        raise not_found(f"No {label} matches {value!r}.")
    with translation.override(ctx.code):
        return schema.from_instance(rows[0], **schema_context(ctx))


def by_slug(model: type[Model]) -> str:
    return str(model._meta.verbose_name)


@router.get(
    "/states",
    response={200: Collection.of(ParticipatingStateOut), **ERROR_RESPONSES},
    summary="List participating States",
)
def list_states(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    """The participating States, ordered by name in the requested language."""
    ctx = resolve_locale(request, locale)
    return build_all(ParticipatingStateOut, snippet_queryset(ParticipatingState), ctx)


@router.get(
    "/states/{slug}",
    response={200: ParticipatingStateOut, **ERROR_RESPONSES},
    summary="Get a participating State",
)
def get_state(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="The object's slug.")],
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    ctx = resolve_locale(request, locale)
    return build_one(
        ParticipatingStateOut,
        snippet_queryset(ParticipatingState),
        ctx,
        by_slug(ParticipatingState),
        slug=slug,
    )


@router.get(
    "/partners",
    response={200: Collection.of(PartnerOut), **ERROR_RESPONSES},
    summary="List Partners for Co-operation",
)
def list_partners(
    request: HttpRequest,
    group: PartnerGroup | None = Query(
        None, description="Only the Asian or Mediterranean Partners."
    ),
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    ctx = resolve_locale(request, locale)
    queryset = snippet_queryset(Partner)
    if group:
        queryset = queryset.filter(group=group)
    return build_all(PartnerOut, queryset, ctx)


@router.get(
    "/partners/{slug}",
    response={200: PartnerOut, **ERROR_RESPONSES},
    summary="Get a Partner for Co-operation",
)
def get_partner(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="The object's slug.")],
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    ctx = resolve_locale(request, locale)
    return build_one(PartnerOut, snippet_queryset(Partner), ctx, by_slug(Partner), slug=slug)


@router.get(
    "/structures",
    response={200: Collection.of(StructureOut), **ERROR_RESPONSES},
    summary="List structures and institutions",
)
def list_structures(
    request: HttpRequest,
    kind: StructureKind | None = Query(None, description="Only structures of this kind."),
    status: Literal["active", "closed"] | None = Query(
        None, description="`active` (no closing date) or `closed`."
    ),
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    """Every structure as a flat list in the site's order; see ``structures/tree`` for the nesting."""
    ctx = resolve_locale(request, locale)
    queryset = snippet_queryset(Structure)
    if kind:
        queryset = queryset.filter(kind=kind)
    if status == "active":
        queryset = queryset.filter(closed__isnull=True)
    elif status == "closed":
        queryset = queryset.filter(closed__isnull=False)
    return build_all(StructureOut, queryset, ctx)


@router.get(
    "/structures/tree",
    response={200: list[StructureTreeOut], **ERROR_RESPONSES},
    summary="Structures as a tree",
)
def structures_tree(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    """Top-level structures, each with its ``children`` nested to any depth."""
    ctx = resolve_locale(request, locale)
    rows = localized_queryset(snippet_queryset(Structure), ctx)
    with translation.override(ctx.code):
        return StructureTreeOut.build_tree(rows, **schema_context(ctx))


@router.get(
    "/structures/{slug}",
    response={200: StructureOut, **ERROR_RESPONSES},
    summary="Get a structure",
)
def get_structure(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="The object's slug.")],
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    ctx = resolve_locale(request, locale)
    return build_one(StructureOut, snippet_queryset(Structure), ctx, by_slug(Structure), slug=slug)


@router.get(
    "/fields-of-work",
    response={200: Collection.of(FieldOfWorkOut), **ERROR_RESPONSES},
    summary="List fields of work",
)
def list_fields_of_work(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    ctx = resolve_locale(request, locale)
    return build_all(FieldOfWorkOut, snippet_queryset(FieldOfWork), ctx)


@router.get(
    "/fields-of-work/{slug}",
    response={200: FieldOfWorkOut, **ERROR_RESPONSES},
    summary="Get a field of work",
)
def get_field_of_work(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="The object's slug.")],
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    ctx = resolve_locale(request, locale)
    return build_one(
        FieldOfWorkOut, snippet_queryset(FieldOfWork), ctx, by_slug(FieldOfWork), slug=slug
    )


@router.get(
    "/meeting-series",
    response={200: Collection.of(MeetingSeriesOut), **ERROR_RESPONSES},
    summary="List meeting and conference series",
)
def list_meeting_series(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    ctx = resolve_locale(request, locale)
    return build_all(MeetingSeriesOut, snippet_queryset(MeetingSeries), ctx)


@router.get(
    "/meeting-series/{slug}",
    response={200: MeetingSeriesOut, **ERROR_RESPONSES},
    summary="Get a meeting series",
)
def get_meeting_series(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="The object's slug.")],
    locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION),
):
    ctx = resolve_locale(request, locale)
    return build_one(
        MeetingSeriesOut, snippet_queryset(MeetingSeries), ctx, by_slug(MeetingSeries), slug=slug
    )


@router.get(
    "/chairpersonships",
    response={200: Collection.of(ChairpersonshipOut), **ERROR_RESPONSES},
    summary="List Chairpersonships",
)
def list_chairpersonships(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    """Every Chairpersonship, most recent year first."""
    ctx = resolve_locale(request, locale)
    return build_all(ChairpersonshipOut, snippet_queryset(Chairpersonship), ctx)


@router.get(
    "/chairpersonships/current",
    response={200: ChairpersonshipOut, **ERROR_RESPONSES},
    summary="Get this year's Chairpersonship",
)
def current_chairpersonship(
    request: HttpRequest, locale: LocaleCode | None = Query(None, description=LOCALE_DESCRIPTION)
):
    """The Chairpersonship for the current calendar year in the site's time zone."""
    ctx = resolve_locale(request, locale)
    year = timezone.localdate().year
    rows = localized_queryset(snippet_queryset(Chairpersonship).filter(year=year), ctx)
    if not rows:
        raise not_found(f"No Chairpersonship is recorded for {year}.")
    with translation.override(ctx.code):
        return ChairpersonshipOut.from_instance(rows[0], **schema_context(ctx))
