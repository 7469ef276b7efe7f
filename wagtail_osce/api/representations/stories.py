"""Stories as the API shows them: the listing summary and the whole detail."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from wagtail_osce.api.errors import not_found
from wagtail_osce.api.schemas.pages import (
    StoryDetailOut,
)
from wagtail_osce.locales import (
    LocaleContext,
    ReferenceLocalizer,
    RowKey,
)
from wagtail_osce.pages.listing import without_stream_fields
from wagtail_osce.representation.media import (
    attach_renditions,
    image_out,
    with_image_renditions,
)
from wagtail_osce.representation.snippets import (
    FieldOfWorkOut,
    ParticipatingStateOut,
    StructureOut,
    snippet_localizer,
)
from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure
from wagtail_osce.sql import ModelSql, placeholders
from wagtail_osce.visibility import visible_pages

from .common import (
    detail_response,
    page_fields,
    snippet_out,
    stream_representation,
    translations_of,
)

#: A story's taxonomies, and the shape each one's rows take in a response.
_TAXONOMY_SHAPES = {
    "fields_of_work": FieldOfWorkOut,
    "sources": StructureOut,
    "countries": ParticipatingStateOut,
}
#: Where :func:`attach_taxonomy_keys` puts each taxonomy's keys on a story.
_TAXONOMY_ATTR = "_osce_listed_"


def stories_queryset(request: HttpRequest, model: type) -> QuerySet:
    """Visible stories with their hero images and the images' renditions."""
    return with_image_renditions(visible_pages(request, model), "hero_image")


def _taxonomy(story: Any, name: str) -> list[Any]:
    """The :class:`RowKey` s of one of ``story``'s taxonomies, as
    :func:`attach_taxonomy_keys` loaded them.

    They are read from a plain list: the relation's manager would be built again
    for every story, at more cost than the rows themselves. A story not loaded
    that way (a preview's draft, with its relations in memory) reads the relation.
    """
    try:
        return getattr(story, _TAXONOMY_ATTR + name)
    except AttributeError:
        return list(getattr(story, name).all())


def listed_stories(request: HttpRequest, model: type) -> QuerySet:
    """Stories as a listing loads them: with their hero images, without their StreamFields.

    :func:`prepare_story_cards` then loads the rest of what their cards show.
    """
    return without_stream_fields(visible_pages(request, model).select_related("hero_image"))


def prepare_story_cards(
    request: HttpRequest, stories: list[Any], ctx: LocaleContext
) -> ReferenceLocalizer:
    """Load what the cards of ``stories`` show, in bulk: the hero images' renditions and
    the taxonomies' keys (rows rather than model instances); then localize the taxonomies."""
    attach_renditions(story.hero_image for story in stories)
    attach_taxonomy_keys(stories)
    return localize_story_refs(request, stories, ctx)


def attach_taxonomy_keys(stories: list[Any]) -> None:
    """Load the keys of every taxonomy of ``stories``: one query per taxonomy and page type."""
    by_model: dict[type, list[Any]] = {}
    for story in stories:
        by_model.setdefault(type(story), []).append(story)
    for model, same_type in by_model.items():
        for name in _TAXONOMY_SHAPES:
            _attach_taxonomy_keys(model, name, same_type)


def _attach_taxonomy_keys(model: type, name: str, stories: list[Any]) -> None:
    """Each story's keys of taxonomy ``name``, read from the relation's table in one query.

    In the order of the snippet's ``Meta.ordering``, as the relation lists them.
    Every listing and detail built runs it for each taxonomy, so its SQL is
    written here rather than compiled by the ORM each time (compiling took longer
    than running it).
    """
    relation = model._meta.get_field(name)
    through, snippet = relation.remote_field.through, relation.related_model
    sql = ModelSql(snippet)
    source = sql.column(through, relation.m2m_field_name())
    target = sql.column(through, relation.m2m_reverse_field_name())
    ordering = ", ".join(
        f"s.{sql.column(snippet, field.lstrip('-'))} {'DESC' if field.startswith('-') else 'ASC'}"
        for field in snippet._meta.ordering
    )
    keys: dict[Any, list[RowKey]] = {story.pk: [] for story in stories}
    rows = sql.fetch_all(
        f"SELECT t.{source}, t.{target}, s.{sql.column(snippet, 'translation_key')}"
        f" FROM {sql.table(through)} t"
        f" INNER JOIN {sql.table(snippet)} s ON s.{sql.column(snippet, 'pk')} = t.{target}"
        f" WHERE t.{source} IN ({placeholders(len(keys))})"
        + (f" ORDER BY {ordering}" if ordering else ""),
        list(keys),
    )
    translation_key = snippet._meta.get_field("translation_key")
    for story_id, pk, key in rows:
        keys[story_id].append(RowKey(snippet, pk, translation_key.to_python(key)))
    for story in stories:
        setattr(story, _TAXONOMY_ATTR + name, keys[story.pk])


def story_fields(
    request: HttpRequest,
    story: Any,
    ctx: LocaleContext,
    refs: ReferenceLocalizer,
    shapes: dict[tuple[type, int], Any] | None = None,
) -> dict[str, Any]:
    """A story's ``StorySummaryOut`` fields; a listing passes one ``shapes`` for all its items."""
    image = story.hero_image
    return {
        **page_fields(request, story, ctx),
        "date": story.date,
        "lead": story.lead,
        "hero_image": image_out(image, alt=story.hero_alt) if image else None,
        "hero_caption": story.hero_caption or None,
        "hero_credit": story.hero_credit_line or None,
        **{
            name: [
                snippet_out(shape, obj, ctx, shapes) for obj in refs.get_all(_taxonomy(story, name))
            ]
            for name, shape in _TAXONOMY_SHAPES.items()
        },
    }


def localize_story_refs(
    request: HttpRequest, stories: list[Any], ctx: LocaleContext
) -> ReferenceLocalizer:
    """The stories' taxonomies in ``ctx``'s locale, from the snippet rows the process keeps."""
    refs = snippet_localizer(request, ctx, (FieldOfWork, Structure, ParticipatingState))
    for story in stories:
        for name in _TAXONOMY_SHAPES:
            refs.add_all(_taxonomy(story, name))
    refs.resolve()
    return refs


def story_detail(
    request: HttpRequest, model: type, page_id: int, ctx: LocaleContext
) -> HttpResponse:
    """The live story's detail as a JSON response, built without validating it again."""
    story = stories_queryset(request, model).filter(pk=page_id).first()
    if story is None:
        raise not_found(f"No live, public story has id {page_id}.")
    attach_taxonomy_keys([story])
    return detail_response(StoryDetailOut, story_detail_fields(request, story, ctx))


def story_detail_of(request: HttpRequest, story: Any, ctx: LocaleContext) -> StoryDetailOut:
    """The detail of a story instance, validated: a draft being previewed, say."""
    return StoryDetailOut(**story_detail_fields(request, story, ctx))


def story_detail_fields(request: HttpRequest, story: Any, ctx: LocaleContext) -> dict[str, Any]:
    """The fields of a story's ``StoryDetailOut``: the live one, or a draft being previewed."""
    refs = localize_story_refs(request, [story], ctx)
    with translation.override(ctx.code):
        return {
            **story_fields(request, story, ctx, refs),
            "seo_title": story.seo_title,
            "search_description": story.search_description,
            "body": stream_representation(request, story, "body", ctx),
            "related_stories": stream_representation(request, story, "related_stories", ctx),
            "translations": translations_of(request, story, ctx),
        }
