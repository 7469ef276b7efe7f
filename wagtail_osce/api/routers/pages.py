"""Endpoints for pages: any page by id or path, and typed listings of stories and meetings."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal
from uuid import UUID

import swapper
from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Path, Query, Router
from wagtail.models import get_page_models

from wagtail_osce.blocks.representation import image_out
from wagtail_osce.pages.mixins import MeetingPageMixin, MeetingStatus, StoryPageMixin
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

from .. import cache
from ..caching import apply_http_caching
from ..errors import ERROR_RESPONSES, bad_parameter, not_found
from ..locale import (
    LocaleContext,
    ReferenceLocalizer,
    all_locales,
    find_locale,
    resolve_locale,
)
from ..querysets import localized_pages, paginate, visible_pages, with_image_renditions
from ..schemas.common import Listing
from ..schemas.pages import (
    MeetingDetailOut,
    MeetingSummaryOut,
    PageDetailOut,
    PageSummaryOut,
    PageTranslationOut,
    StoryDetailOut,
    StorySummaryOut,
    meeting_model,
    story_model,
)
from ..schemas.snippets import (
    FieldOfWorkOut,
    MeetingSeriesOut,
    ParticipatingStateOut,
    SnippetOut,
    StructureOut,
)
from . import api_path
from .snippets import LOCALE_DESCRIPTION, states_queryset, structures_queryset

Page = swapper.load_model("wagtailcore", "Page")
router = Router(tags=["pages"])

PAGE_PARAM_DESCRIPTION = "1-based page number."
MAX_ID = 2**63 - 1
PageId = Annotated[int, Path(ge=1, le=MAX_ID, description="The page's id.")]
PAGE_SIZE_DESCRIPTION = (
    "Results per page; defaults to `WAGTAIL_OSCE['PAGE_SIZE']`, at most "
    "`WAGTAIL_OSCE['MAX_PAGE_SIZE']`."
)


def page_api_url(page: Page, ctx: LocaleContext | None = None) -> str:
    """The page's detail endpoint: ``stories/{id}`` and ``meetings/{id}`` for those types."""
    model = page.specific_class
    url_name = "get_page"
    if model is not None and issubclass(model, StoryPageMixin):
        url_name = "get_story"
    elif model is not None and issubclass(model, MeetingPageMixin):
        url_name = "get_meeting"
    locale = ctx.code if ctx is not None and ctx.explicit else None
    return api_path(url_name, ("page_id", page.pk), locale=locale)


def summary_of(request: HttpRequest, page: Page, ctx: LocaleContext) -> PageSummaryOut:
    return PageSummaryOut(**page_fields(request, page, ctx))


def translations_of(
    request: HttpRequest, page: Page, ctx: LocaleContext
) -> list[PageTranslationOut]:
    """The page's other visible language versions, in one query."""
    others = (
        visible_pages(request)
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .order_by("locale_id")
    )
    return [
        PageTranslationOut(
            id=other.pk,
            locale=ctx.code_for(other.locale_id),
            title=other.title,
            url=other.get_url(request=request),
            api_url=page_api_url(other),
        )
        for other in others
    ]


def in_requested_locale(request: HttpRequest, page: Page, ctx: LocaleContext) -> Page:
    """The page's version in the requested locale, else in the default locale, else itself.

    Without ``locale=`` the page is returned as is, in its own locale.
    """
    if not ctx.explicit or page.locale_id == ctx.requested.pk:
        return page
    versions = {
        version.locale_id: version
        for version in visible_pages(request)
        .filter(translation_key=page.translation_key, locale_id__in=ctx.locale_ids)
        .only(*cache.LOOKUP_FIELDS)
    }
    for locale_id in ctx.locale_ids:
        if locale_id in versions:
            return versions[locale_id]
    return page


def page_context(ctx: LocaleContext, page: Page) -> LocaleContext:
    """Without ``locale=`` a page is rendered in its own locale: it is then never a fallback."""
    return ctx if ctx.explicit else ctx.for_locale(ctx.by_id[page.locale_id])


def cached_or(request: HttpRequest, page: Page, ctx: LocaleContext, build: Callable[[], Any]):
    """The detail of ``page`` from the shared cache, else ``build()`` (stored once rendered).

    ``page`` has passed the visibility check of this request; see
    :mod:`wagtail_osce.api.cache` for what the cache keys on and what empties it.
    """
    response = cache.cached_detail(request, page, ctx)
    if response is not None:
        # Also keep it under the request's own key, if that was missed.
        cache.store(request, response, response["ETag"])
        return apply_http_caching(request, response)
    return build()


def lookup_page(request: HttpRequest, model: type | None = None, **filters: Any) -> Page | None:
    """The visible page matching ``filters``, with only the fields a cache lookup needs."""
    return visible_pages(request, model).filter(**filters).only(*cache.LOOKUP_FIELDS).first()


def build_detail(request: HttpRequest, page: Page, ctx: LocaleContext):
    """The typed detail of ``page``: the story or meeting schema for those, else the generic one."""
    return cached_or(request, page, ctx, lambda: _build_detail(request, page, ctx))


def _build_detail(request: HttpRequest, page: Page, ctx: LocaleContext):
    model = page.specific_class
    if model is not None and issubclass(model, StoryPageMixin):
        return story_detail(request, model, page.pk, ctx)
    if model is not None and issubclass(model, MeetingPageMixin):
        return meeting_detail(request, model, page.pk, ctx)
    specific = page.specific
    if specific is page:
        # A page of the base model, found with only the cache key's fields: load the rest.
        specific = type(page)._default_manager.get(pk=page.pk)
    with translation.override(ctx.code):
        return PageDetailOut(
            **page_fields(request, specific, ctx),
            seo_title=specific.seo_title,
            search_description=specific.search_description,
            translations=translations_of(request, specific, ctx),
        )


def page_fields(request: HttpRequest, page: Page, ctx: LocaleContext) -> dict[str, Any]:
    return PageSummaryOut.page_fields(
        page,
        request=request,
        requested_locale=ctx.code,
        locale_codes=ctx.locale_codes,
        api_url=page_api_url(page, ctx),
    )


def snippet_querysets() -> dict[type, QuerySet]:
    """How referenced snippets are loaded: with what their schemas read, so building is free."""
    return {
        ParticipatingState: states_queryset(),
        Structure: structures_queryset(),
    }


def snippet_out(schema: type[SnippetOut], obj: Any, ctx: LocaleContext) -> Any:
    return schema.from_instance(obj, **ctx.schema_context()) if obj is not None else None


def _only_keys(model: type) -> QuerySet:
    return model._default_manager.only("pk", "translation_key", "locale_id")


def stream_representation(
    request: HttpRequest, page: Page, field_name: str, ctx: LocaleContext
) -> list[Any]:
    """A StreamField's API representation; its blocks prefetch what they refer to in bulk."""
    value = getattr(page, field_name)
    context = {"request": request, "page": page, "requested_locale": ctx.code}
    return value.stream_block.get_api_representation(value, context=context)


# Stories ---------------------------------------------------------------------------


def stories_queryset(request: HttpRequest, model: type) -> QuerySet:
    """Visible stories with hero images, renditions and taxonomy keys loaded in bulk."""
    return with_image_renditions(visible_pages(request, model), "hero_image").prefetch_related(
        Prefetch("fields_of_work", queryset=_only_keys(FieldOfWork)),
        Prefetch("sources", queryset=_only_keys(Structure)),
        Prefetch("countries", queryset=_only_keys(ParticipatingState)),
    )


def story_fields(
    request: HttpRequest, story: Any, ctx: LocaleContext, refs: ReferenceLocalizer
) -> dict[str, Any]:
    image = story.hero_image
    return {
        **page_fields(request, story, ctx),
        "date": story.date,
        "lead": story.lead,
        "hero_image": image_out(image, alt=story.hero_alt) if image else None,
        "hero_caption": story.hero_caption or None,
        "hero_credit": story.hero_credit_line or None,
        "fields_of_work": [
            snippet_out(FieldOfWorkOut, obj, ctx)
            for obj in refs.get_all(story.fields_of_work.all())
        ],
        "sources": [
            snippet_out(StructureOut, obj, ctx) for obj in refs.get_all(story.sources.all())
        ],
        "countries": [
            snippet_out(ParticipatingStateOut, obj, ctx)
            for obj in refs.get_all(story.countries.all())
        ],
    }


def localize_story_refs(stories: list[Any], ctx: LocaleContext) -> ReferenceLocalizer:
    refs = ReferenceLocalizer(ctx, snippet_querysets())
    for story in stories:
        refs.add_all(story.fields_of_work.all())
        refs.add_all(story.sources.all())
        refs.add_all(story.countries.all())
    refs.resolve()
    return refs


def story_detail(request: HttpRequest, model: type, page_id: int, ctx: LocaleContext):
    story = stories_queryset(request, model).filter(pk=page_id).first()
    if story is None:
        raise not_found(f"No live, public story has id {page_id}.")
    refs = localize_story_refs([story], ctx)
    with translation.override(ctx.code):
        return StoryDetailOut(
            **story_fields(request, story, ctx, refs),
            seo_title=story.seo_title,
            search_description=story.search_description,
            body=stream_representation(request, story, "body", ctx),
            related_stories=stream_representation(request, story, "related_stories", ctx),
            translations=translations_of(request, story, ctx),
        )


# Meetings --------------------------------------------------------------------------


def meetings_queryset(request: HttpRequest, model: type) -> QuerySet:
    return visible_pages(request, model).select_related("series", "country", "organiser")


def meeting_fields(
    request: HttpRequest, meeting: Any, ctx: LocaleContext, refs: ReferenceLocalizer
) -> dict[str, Any]:
    status = meeting.status
    return {
        **page_fields(request, meeting, ctx),
        "start": meeting.start,
        "end": meeting.end,
        "all_day": meeting.all_day,
        "status": status,
        "status_label": str(MeetingStatus(status).label),
        "series": snippet_out(MeetingSeriesOut, refs.get(meeting.series), ctx),
        "city": meeting.city,
        "country": snippet_out(ParticipatingStateOut, refs.get(meeting.country), ctx),
        "venue": meeting.venue,
        "organiser": snippet_out(StructureOut, refs.get(meeting.organiser), ctx),
        "lead": meeting.lead,
        "livestream_url": meeting.livestream_url or None,
    }


def localize_meeting_refs(meetings: list[Any], ctx: LocaleContext) -> ReferenceLocalizer:
    refs = ReferenceLocalizer(ctx, snippet_querysets())
    for meeting in meetings:
        refs.add(meeting.series)
        refs.add(meeting.country)
        refs.add(meeting.organiser)
    refs.resolve()
    return refs


def meeting_detail(request: HttpRequest, model: type, page_id: int, ctx: LocaleContext):
    meeting = meetings_queryset(request, model).filter(pk=page_id).first()
    if meeting is None:
        raise not_found(f"No live, public meeting has id {page_id}.")
    refs = localize_meeting_refs([meeting], ctx)
    with translation.override(ctx.code):
        return MeetingDetailOut(
            **meeting_fields(request, meeting, ctx, refs),
            seo_title=meeting.seo_title,
            search_description=meeting.search_description,
            body=stream_representation(request, meeting, "body", ctx),
            documents=stream_representation(request, meeting, "documents", ctx),
            translations=translations_of(request, meeting, ctx),
        )


def page_type_from_param(value: str) -> type[Page]:
    """``wagtail_osce.StoryPage`` (any case) -> the model; anything else is a 400 naming ``type``."""
    try:
        model = apps.get_model(value)
    except (LookupError, ValueError):
        model = None
    if model is None or model not in get_page_models():
        raise bad_parameter("type", f"Unknown page type {value!r}; use 'app_label.ModelName'.")
    return model


AnyPageDetail = StoryDetailOut | MeetingDetailOut | PageDetailOut

PageOrdering = Literal["path", "title", "-title", "first_published_at", "-first_published_at"]


@router.get(
    "/pages",
    response={200: Listing.of(PageSummaryOut), **ERROR_RESPONSES},
    summary="List pages",
)
def list_pages(
    request: HttpRequest,
    type: str | None = Query(
        None, description="Only pages of this model, as `app_label.ModelName`."
    ),
    child_of: int | None = Query(
        None,
        ge=1,
        le=MAX_ID,
        description="Only the children of this page (or of its translations).",
    ),
    slug: str | None = Query(None, description="Only pages with this slug."),
    locale: str | None = Query(None, description=LOCALE_DESCRIPTION),
    ordering: PageOrdering = Query("path", description="Sort order; `path` is the tree's order."),
    page: int = Query(1, description=PAGE_PARAM_DESCRIPTION),
    page_size: int | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public pages of the site in the requested locale, with untranslated ones falling back."""
    ctx = resolve_locale(request, locale)
    queryset = visible_pages(request)
    if type:
        model = page_type_from_param(type)
        queryset = queryset.type(model)
    if child_of is not None:
        queryset = queryset.filter(children_of_q(request, child_of, ctx))
    if slug:
        queryset = queryset.filter(slug=slug)
    queryset = localized_pages(request, queryset, ctx).order_by(ordering, "pk")
    items, envelope = paginate(request, queryset, page, page_size)
    with translation.override(ctx.code):
        results = [summary_of(request, item, ctx) for item in items]
    return Listing.of(PageSummaryOut)(**envelope, results=results)


def children_of_q(request: HttpRequest, parent_id: int, ctx: LocaleContext):
    """Children of a visible page and of its translations in the requested and default locales."""
    from django.db.models import Q

    parent = visible_pages(request).filter(pk=parent_id).only("translation_key").first()
    if parent is None:
        raise bad_parameter(
            "child_of", f"child_of: no live, public page has id {parent_id}.", code="unknown_value"
        )
    parents = visible_pages(request).filter(
        translation_key=parent.translation_key, locale_id__in=[*ctx.locale_ids, parent.locale_id]
    )
    q = Q(pk__in=[])
    for item in parents.only("path", "depth"):
        q |= Q(path__startswith=item.path, depth=item.depth + 1)
    return q


@router.get(
    "/pages/find",
    response={200: AnyPageDetail, **ERROR_RESPONSES},
    summary="Find a page by its path on the site",
)
def find_page(
    request: HttpRequest,
    html_path: str = Query(
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
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return {}
    locales = all_locales(request)
    result: dict[int, str] = {}
    for srp in Site.get_site_root_paths():
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
    locale: str | None = Query(
        None,
        description="Return this language version of the page (or the default locale's, "
        "marked `is_fallback`). Defaults to the page's own locale.",
    ),
):
    hit = cache.cached_request(request, "page", page_id, locale)
    if hit is not None:
        return apply_http_caching(request, hit)
    ctx = resolve_locale(request, locale)
    page = lookup_page(request, pk=page_id)
    if page is None:
        raise not_found(f"No live, public page has id {page_id}.")
    page = in_requested_locale(request, page, ctx)
    cache.note_visible(request, page)
    return build_detail(request, page, page_context(ctx, page))


# Listing filters -----------------------------------------------------------------------

# What a snippet slug (or an ISO code) may hold; anything else never matches a row.
SLUG_PATTERN = re.compile(r"[-\w]+", re.ASCII)


def snippet_key(model: type, parameter: str, value: str, *, match_iso_code: bool = False) -> UUID:
    """The ``translation_key`` of the snippet a filter value names; unknown values are a 400."""
    value = value.strip()
    if not SLUG_PATTERN.fullmatch(value):
        raise bad_parameter(
            parameter,
            f"{value!r} is not a slug: use letters, digits, hyphens and underscores.",
            code="invalid_slug",
        )
    condition = Q(slug=value)
    if match_iso_code and len(value) == 2:
        condition |= Q(iso_code=value.upper())
    key = (
        model._default_manager.filter(condition)
        .order_by()
        .values_list("translation_key", flat=True)
        .first()
    )
    if key is None:
        raise bad_parameter(
            parameter,
            f"No {model._meta.verbose_name} has the slug {value!r}.",
            code="unknown_value",
        )
    return key


def filter_by_snippet(
    queryset: QuerySet, lookup: str, model: type, parameter: str, value: str | None, **kwargs: Any
) -> QuerySet:
    """Pages referring (through ``lookup``) to any translation of the snippet named by ``value``."""
    if not value:
        return queryset
    key = snippet_key(model, parameter, value, **kwargs)
    matching = queryset.model._default_manager.filter(**{f"{lookup}__translation_key": key})
    return queryset.filter(pk__in=matching.values("pk"))


def tie_breaker(ordering: str) -> str:
    """Order equal values by id in the same direction, so pagination is stable."""
    return "-pk" if ordering.startswith("-") else "pk"


def check_date_range(date_from: datetime.date | None, date_to: datetime.date | None) -> None:
    if date_from and date_to and date_to < date_from:
        raise bad_parameter("date_to", "date_to must not be before date_from.")


@router.get(
    "/stories",
    response={200: Listing.of(StorySummaryOut), **ERROR_RESPONSES},
    summary="List stories",
)
def list_stories(
    request: HttpRequest,
    field: str | None = Query(None, description="Slug of a field of work."),
    country: str | None = Query(None, description="Slug or ISO code of a participating State."),
    source: str | None = Query(None, description="Slug of a structure the stories come from."),
    date_from: datetime.date | None = Query(None, description="Earliest date, `YYYY-MM-DD`."),
    date_to: datetime.date | None = Query(None, description="Latest date, `YYYY-MM-DD`."),
    locale: str | None = Query(None, description=LOCALE_DESCRIPTION),
    ordering: Literal["-date", "date"] = Query(
        "-date", description="Newest (`-date`) or oldest first."
    ),
    page: int = Query(1, description=PAGE_PARAM_DESCRIPTION),
    page_size: int | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public stories in the requested locale, untranslated ones falling back to the default."""
    ctx = resolve_locale(request, locale)
    check_date_range(date_from, date_to)
    model = story_model()
    queryset = stories_queryset(request, model)
    queryset = filter_by_snippet(queryset, "fields_of_work", FieldOfWork, "field", field)
    queryset = filter_by_snippet(
        queryset, "countries", ParticipatingState, "country", country, match_iso_code=True
    )
    queryset = filter_by_snippet(queryset, "sources", Structure, "source", source)
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    queryset = localized_pages(request, queryset, ctx).order_by(ordering, tie_breaker(ordering))
    stories, envelope = paginate(request, queryset, page, page_size)
    refs = localize_story_refs(stories, ctx)
    with translation.override(ctx.code):
        results = [StorySummaryOut(**story_fields(request, story, ctx, refs)) for story in stories]
    return Listing.of(StorySummaryOut)(**envelope, results=results)


def typed_detail(
    request: HttpRequest,
    model: type,
    page_id: int,
    locale: str | None,
    noun: str,
    build: Callable[..., Any],
) -> Any:
    """A story's or meeting's detail in the requested locale, from the cache when it can be.

    A request seen before is answered from its visibility-stamped entry (see
    :func:`wagtail_osce.api.cache.cached_request`) without touching the database.
    """
    hit = cache.cached_request(request, noun, page_id, locale)
    if hit is not None:
        return apply_http_caching(request, hit)
    ctx = resolve_locale(request, locale)
    page = lookup_page(request, model, pk=page_id)
    if page is None:
        raise not_found(f"No live, public {noun} has id {page_id}.")
    page = in_requested_locale(request, page, ctx)
    cache.note_visible(request, page)
    ctx = page_context(ctx, page)
    return cached_or(request, page, ctx, lambda: build(request, model, page.pk, ctx))


@router.get(
    "/stories/{page_id}",
    response={200: StoryDetailOut, **ERROR_RESPONSES},
    summary="Get a story",
)
def get_story(
    request: HttpRequest,
    page_id: PageId,
    locale: str | None = Query(
        None,
        description="Return this language version of the story (or the default locale's, "
        "marked `is_fallback`). Defaults to the story's own locale.",
    ),
):
    return typed_detail(request, story_model(), page_id, locale, "story", story_detail)


@router.get(
    "/meetings",
    response={200: Listing.of(MeetingSummaryOut), **ERROR_RESPONSES},
    summary="List meetings and conferences",
)
def list_meetings(
    request: HttpRequest,
    status: Literal["upcoming", "past"] | None = Query(
        None,
        description="`upcoming`: not over yet (ongoing included), soonest first; "
        "`past`: concluded, latest first.",
    ),
    series: str | None = Query(None, description="Slug of a meeting series."),
    country: str | None = Query(
        None, description="Slug or ISO code of the participating State hosting it."
    ),
    organiser: str | None = Query(None, description="Slug of the organising structure."),
    date_from: datetime.date | None = Query(
        None, description="Starting on or after this date, `YYYY-MM-DD`."
    ),
    date_to: datetime.date | None = Query(
        None, description="Starting on or before this date, `YYYY-MM-DD`."
    ),
    locale: str | None = Query(None, description=LOCALE_DESCRIPTION),
    ordering: Literal["start", "-start"] | None = Query(
        None, description="By start; defaults to `start` for upcoming meetings, else `-start`."
    ),
    page: int = Query(1, description=PAGE_PARAM_DESCRIPTION),
    page_size: int | None = Query(None, description=PAGE_SIZE_DESCRIPTION),
):
    """Live, public meetings in the requested locale, untranslated ones falling back to the default."""
    ctx = resolve_locale(request, locale)
    check_date_range(date_from, date_to)
    model = meeting_model()
    queryset = meetings_queryset(request, model)
    queryset = filter_by_snippet(queryset, "series", MeetingSeries, "series", series)
    queryset = filter_by_snippet(
        queryset, "country", ParticipatingState, "country", country, match_iso_code=True
    )
    queryset = filter_by_snippet(queryset, "organiser", Structure, "organiser", organiser)
    now = timezone.now()
    if status == "upcoming":
        queryset = queryset.filter(end__gte=now)
    elif status == "past":
        queryset = queryset.filter(end__lt=now)
    if date_from:
        queryset = queryset.filter(start__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(start__date__lte=date_to)
    ordering = ordering or ("start" if status == "upcoming" else "-start")
    queryset = localized_pages(request, queryset, ctx).order_by(ordering, tie_breaker(ordering))
    meetings, envelope = paginate(request, queryset, page, page_size)
    refs = localize_meeting_refs(meetings, ctx)
    with translation.override(ctx.code):
        results = [
            MeetingSummaryOut(**meeting_fields(request, meeting, ctx, refs)) for meeting in meetings
        ]
    return Listing.of(MeetingSummaryOut)(**envelope, results=results)


@router.get(
    "/meetings/{page_id}",
    response={200: MeetingDetailOut, **ERROR_RESPONSES},
    summary="Get a meeting",
)
def get_meeting(
    request: HttpRequest,
    page_id: PageId,
    locale: str | None = Query(
        None,
        description="Return this language version of the meeting (or the default locale's, "
        "marked `is_fallback`). Defaults to the meeting's own locale.",
    ),
):
    return typed_detail(request, meeting_model(), page_id, locale, "meeting", meeting_detail)
