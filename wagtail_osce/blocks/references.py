"""Reference blocks: chosen States, structures and fields of work, related stories, upcoming meetings.

Whatever the number of these blocks in a stream, resolving them costs a fixed
number of queries. Snippet choosers load all the rows of one block type with one
query (Wagtail's ``bulk_to_python``, here with the ``select_related`` the API
representation needs). Related stories and upcoming meetings are resolved in
``bulk_prefetch``: one windowed query finds the latest stories of every field of
work (or the next meetings of every series) asked for anywhere in the stream,
and one more loads them. Only live, public pages are ever listed.
"""

from __future__ import annotations

import copy
import datetime
from functools import reduce
from operator import or_
from typing import Any, ClassVar, Literal

from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, Field
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_osce.blocks.base import BlockContext, OsceStructBlock, or_none
from wagtail_osce.blocks.prefetch import PREFETCH_CONTEXT_KEY, StreamPrefetch
from wagtail_osce.conf import osce_settings
from wagtail_osce.locales import active_locale_id
from wagtail_osce.registry import meeting_page_models, story_page_models
from wagtail_osce.representation.links import PageLinkOut, StoryCard
from wagtail_osce.representation.media import get_image_renditions
from wagtail_osce.representation.paths import page_api_url
from wagtail_osce.representation.snippets import (
    SNIPPET_SCHEMAS,
    FieldOfWorkOut,
    MeetingSeriesOut,
    ParticipatingStateOut,
    SnippetOut,
    StateRef,
    StructureOut,
)

__all__ = [
    "FieldsOfWorkBlock",
    "FieldsOfWorkOut",
    "MeetingCardOut",
    "ReferenceChooserBlock",
    "RelatedStoriesBlock",
    "RelatedStoriesOut",
    "StatesBlock",
    "StatesOut",
    "StructuresBlock",
    "StructuresOut",
    "UpcomingMeetingsBlock",
    "UpcomingMeetingsOut",
]

MAX_ITEMS = 12


def _visible(model: type[Model], prefetch: StreamPrefetch) -> QuerySet:
    """Pages of ``model`` a visitor may see: the stream's one visibility rule, site included."""
    return model._default_manager.filter(prefetch.visibility)


def _active_locale_id(prefetch: StreamPrefetch) -> int | None:
    """The locale of the active language (the reader's), looked up once per stream."""
    key = "wagtail_osce.active_locale_id"
    if key not in prefetch.extra:
        prefetch.extra[key] = active_locale_id()
    return prefetch.extra[key]


class ReferenceChooserBlock(SnippetChooserBlock):
    """A snippet chooser that loads its rows with the relations their API shape reads.

    Wagtail's chooser loads the rows of every occurrence of a block type in one
    query; this one adds the ``select_related`` of the snippet's API schema
    (locale, flag, parent structure...) so that building the API representation
    costs nothing more.
    """

    @cached_property
    def related(self) -> tuple[str, ...]:
        schema = SNIPPET_SCHEMAS.get(self.model_class._meta.label)
        return tuple(schema.RELATED) if schema is not None else ()

    def _queryset(self) -> QuerySet:
        return self.model_class._default_manager.select_related(*self.related)

    def bulk_to_python(self, values: list[Any]) -> list[Model | None]:
        objects = self._queryset().in_bulk([v for v in values if v not in (None, "")])
        seen: set[Any] = set()
        result: list[Model | None] = []
        for value in values:
            obj = objects.get(value)
            if obj is not None and value in seen:
                # A row chosen twice gets its own instance, as Wagtail's chooser does.
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(value)
        return result

    def to_python(self, value: Any) -> Model | None:
        if value in (None, "") or isinstance(value, self.model_class):
            return value or None
        return self._queryset().filter(pk=value).first()


# Snippet lists ---------------------------------------------------------------


class SnippetListBlock(OsceStructBlock):
    """A heading and a list of chosen reference snippets, each at most once.

    Subclasses declare ``heading`` and an ``items_name`` ListBlock of
    :class:`ReferenceChooserBlock`, and name the snippet ``item_schema``.
    """

    items_name: ClassVar[str] = "items"
    item_schema: ClassVar[type[SnippetOut]]

    def items(self, value: blocks.StructValue) -> list[Model]:
        """The chosen rows that still exist, in the editor's order."""
        return [obj for obj in value.get(self.items_name) or [] if obj is not None]

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        seen: set[Any] = set()
        repeated: list[str] = []
        for obj in self.items(value):
            if obj.pk in seen:
                repeated.append(str(obj))
            seen.add(obj.pk)
        if repeated:
            return {
                self.items_name: ValidationError(
                    _("Each may be chosen once; remove the repeated: %(names)s.")
                    % {"names": ", ".join(repeated)},
                    code="repeated_choice",
                )
            }
        return {}

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        return {"items": self.items(value)}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> BaseModel:
        return self.api_schema(
            heading=or_none(value.get("heading")),
            **{
                self.items_name: [
                    snippet_out(self.item_schema, obj, ctx) for obj in self.items(value)
                ]
            },
        )


def snippet_out(schema: type[SnippetOut], obj: Model, ctx: BlockContext) -> SnippetOut:
    """The snippet's shape, built once per stream: a State chosen in ten blocks is built once."""
    built = ctx.prefetch.extra.setdefault("wagtail_osce.snippet_outs", {})
    key = (schema, obj.pk, ctx.requested_locale)
    if key not in built:
        built[key] = schema.from_instance(obj, **ctx.schema_kwargs())
    return built[key]


def _heading_block() -> blocks.CharBlock:
    return blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Heading"),
        help_text=_("Shown above the list; leave empty for none."),
    )


class StatesOut(BaseModel):
    heading: str | None
    states: list[ParticipatingStateOut]


class StatesBlock(SnippetListBlock):
    """Participating States a story or meeting concerns, such as the hosts of a project."""

    heading = _heading_block()
    states = blocks.ListBlock(
        ReferenceChooserBlock(
            "wagtail_osce.ParticipatingState",
            label=_("State"),
        ),
        min_num=1,
        label=_("Participating States"),
    )

    items_name = "states"
    item_schema = ParticipatingStateOut
    api_schema = StatesOut

    def prefetch_collect(self, value: blocks.StructValue, prefetch: StreamPrefetch) -> None:
        # Flags were loaded with the States; fetch their renditions with the stream's images.
        for state in self.items(value):
            if state.flag_id:
                prefetch.add_image(state.flag)

    class Meta:
        group = _("References")
        icon = "globe"
        label = _("Participating States")
        help_text = _("A list of participating States, such as those taking part in a project.")
        template = "wagtail_osce/blocks/states.html"
        label_format = "{heading}"


class StructuresOut(BaseModel):
    heading: str | None
    structures: list[StructureOut]


class StructuresBlock(SnippetListBlock):
    """Bodies of the organisation, such as the field operations running a project."""

    heading = _heading_block()
    structures = blocks.ListBlock(
        ReferenceChooserBlock("wagtail_osce.Structure", label=_("Structure")),
        min_num=1,
        label=_("Structures"),
    )

    items_name = "structures"
    item_schema = StructureOut
    api_schema = StructuresOut

    class Meta:
        group = _("References")
        icon = "group"
        label = _("Structures and institutions")
        help_text = _("A list of OSCE bodies, such as institutions or field operations.")
        template = "wagtail_osce/blocks/structures.html"
        label_format = "{heading}"


class FieldsOfWorkOut(BaseModel):
    heading: str | None
    fields_of_work: list[FieldOfWorkOut]


class FieldsOfWorkBlock(SnippetListBlock):
    """Fields of work, such as those a programme spans."""

    heading = _heading_block()
    fields_of_work = blocks.ListBlock(
        ReferenceChooserBlock("wagtail_osce.FieldOfWork", label=_("Field of work")),
        min_num=1,
        label=_("Fields of work"),
    )

    items_name = "fields_of_work"
    item_schema = FieldOfWorkOut
    api_schema = FieldsOfWorkOut

    class Meta:
        group = _("References")
        icon = "tag"
        label = _("Fields of work")
        help_text = _("A list of fields of work.")
        template = "wagtail_osce/blocks/fields_of_work.html"
        label_format = "{heading}"


# Dynamic page lists ------------------------------------------------------------


class PageListBlock(OsceStructBlock):
    """A block listing pages found by ``bulk_prefetch``; results live in ``prefetch.extra``.

    A value rendered outside a prefetching stream (no ``bulk_prefetch`` call) is
    resolved on its own, with the same queries for one value.
    """

    extra_key: ClassVar[str]

    def resolve_all(
        self, values: list[blocks.StructValue], prefetch: StreamPrefetch
    ) -> dict[int, list[Any]]:
        """Pages for each value, by ``id(value)``; subclasses run their bulk queries here."""
        raise NotImplementedError

    def bulk_prefetch(self, values: list[blocks.StructValue], prefetch: StreamPrefetch) -> None:
        store = prefetch.extra.setdefault(self.extra_key, {})
        pending = [value for value in values if id(value) not in store]
        if not pending:
            return
        found = self.resolve_all(pending, prefetch)
        for value in pending:
            # Keep the value itself alongside, so its id() cannot be reused while stored.
            store[id(value)] = (value, found.get(id(value), []))

    def pages_for(self, value: blocks.StructValue, prefetch: StreamPrefetch) -> list[Any]:
        store = prefetch.extra.get(self.extra_key, {})
        if id(value) not in store:
            # Not resolved with its stream (a block rendered on its own): resolve it now,
            # and fetch the images it registered.
            self.bulk_prefetch([value], prefetch)
            prefetch.fetch()
            store = prefetch.extra[self.extra_key]
        return list(store[id(value)][1])

    @staticmethod
    def _current_page_id(context: dict[str, Any] | None) -> int | None:
        page = (context or {}).get("page")
        return getattr(page, "pk", None)

    def get_context(
        self, value: blocks.StructValue, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        prefetch = context[PREFETCH_CONTEXT_KEY]
        context["pages"] = self.listed(value, prefetch, self._current_page_id(parent_context))
        return context

    def listed(
        self, value: blocks.StructValue, prefetch: StreamPrefetch, current_page_id: int | None
    ) -> list[Any]:
        """What the block shows: its pages without the page being viewed, at most ``count``."""
        pages = [page for page in self.pages_for(value, prefetch) if page.pk != current_page_id]
        return pages[: self.limit(value)]

    def limit(self, value: blocks.StructValue) -> int:
        return MAX_ITEMS


def _count_block(default: int, help_text: Any) -> blocks.IntegerBlock:
    return blocks.IntegerBlock(
        default=default,
        min_value=1,
        max_value=MAX_ITEMS,
        label=_("Number"),
        help_text=help_text,
    )


def _hero_image(page: Any, prefetch: StreamPrefetch) -> Any | None:
    """A listed story's hero image from the prefetch, also set on the page so that
    ``page.hero_image`` (and its alt text) costs no query."""
    if not page.hero_image_id:
        return None
    image = prefetch.image(page.hero_image_id)
    if image is not None:
        page.hero_image = image
    return image


class RelatedStoriesOut(BaseModel):
    heading: str | None
    mode: Literal["chosen", "latest"] = Field(
        description="`chosen`: stories picked by the editor; `latest`: the newest in a field of work."
    )
    field_of_work: FieldOfWorkOut | None
    stories: list[StoryCard]


class RelatedStoriesBlock(PageListBlock):
    """Stories to read next: either picked one by one, or the latest live stories in a field of work."""

    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        default=_("Related stories"),
        label=_("Heading"),
    )
    stories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=list(osce_settings.STORY_PAGE_MODELS), label=_("Story")),
        default=[],
        label=_("Chosen stories"),
        help_text=_("Pick stories here, or leave empty and choose a field of work below."),
    )
    field_of_work = ReferenceChooserBlock(
        "wagtail_osce.FieldOfWork",
        required=False,
        label=_("Field of work"),
        help_text=_("Show the latest stories in this field of work instead of chosen ones."),
    )
    count = _count_block(3, _("How many of the latest stories to show."))

    api_schema = RelatedStoriesOut
    extra_key = "wagtail_osce.related_stories"

    @staticmethod
    def chosen(value: blocks.StructValue) -> list[Any]:
        return [page for page in value.get("stories") or [] if page is not None]

    def mode(self, value: blocks.StructValue) -> str:
        return "chosen" if self.chosen(value) else "latest"

    def limit(self, value: blocks.StructValue) -> int:
        if self.mode(value) == "chosen":
            return MAX_ITEMS * 2
        return min(max(int(value.get("count") or 3), 1), MAX_ITEMS)

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        has_stories = bool(self.chosen(value))
        has_field = value.get("field_of_work") is not None
        if has_stories and has_field:
            return {
                "field_of_work": ValidationError(
                    _(
                        "Either pick stories or choose a field of work, not both: clear one of them."
                    ),
                    code="both_modes",
                )
            }
        if not has_stories and not has_field and not self.is_deferred_validation:
            return {
                "stories": ValidationError(
                    _(
                        "Pick at least one story, or choose a field of work to show its latest stories."
                    ),
                    code="no_mode",
                )
            }
        return {}

    def resolve_all(
        self, values: list[blocks.StructValue], prefetch: StreamPrefetch
    ) -> dict[int, list[Any]]:
        models = story_page_models()
        target_locale_id = _active_locale_id(prefetch)

        chosen_ids: set[int] = set()
        chosen_keys: set[Any] = set()
        latest: dict[tuple[Any, int], int] = {}
        for value in values:
            pages = self.chosen(value)
            if pages:
                chosen_ids.update(page.pk for page in pages)
                chosen_keys.update(page.translation_key for page in pages)
                continue
            fow = value.get("field_of_work")
            if fow is not None:
                key = (fow.translation_key, fow.locale_id)
                # One more than shown, in case the page being viewed is among them.
                latest[key] = max(latest.get(key, 0), self.limit(value) + 1)

        stories: list[Any] = []
        ranked: dict[tuple[Any, int], list[int]] = {}
        for model in models:
            visible = _visible(model, prefetch)
            model_ranked = self._latest_story_ids(model, visible, latest)
            wanted = Q(pk__in=chosen_ids) | Q(
                pk__in=[pk for ids in model_ranked.values() for pk in ids]
            )
            if chosen_keys and target_locale_id is not None:
                wanted |= Q(translation_key__in=chosen_keys, locale_id=target_locale_id)
            if chosen_ids or model_ranked:
                stories.extend(visible.filter(wanted))
            for group, ids in model_ranked.items():
                ranked.setdefault(group, []).extend(ids)
        by_pk = {story.pk: story for story in stories}
        by_key = {
            story.translation_key: story for story in stories if story.locale_id == target_locale_id
        }
        for story in stories:
            prefetch.add_page(story)
            if story.hero_image_id:
                prefetch.add_image(story.hero_image_id)

        result: dict[int, list[Any]] = {}
        for value in values:
            pages = self.chosen(value)
            if pages:
                # The live translation in the reader's language, else the chosen story if visible.
                listed = [by_key.get(page.translation_key) or by_pk.get(page.pk) for page in pages]
                result[id(value)] = [page for page in listed if page is not None]
                continue
            fow = value.get("field_of_work")
            if fow is None:
                result[id(value)] = []
                continue
            ids = ranked.get((fow.translation_key, fow.locale_id), [])
            found = [by_pk[pk] for pk in ids if pk in by_pk]
            if len(models) > 1:
                found.sort(key=lambda story: (story.date, story.pk), reverse=True)
            result[id(value)] = found[: latest[(fow.translation_key, fow.locale_id)]]
        return result

    @staticmethod
    def _latest_story_ids(
        model: type[Model], visible: QuerySet, wanted: dict[tuple[Any, int], int]
    ) -> dict[tuple[Any, int], list[int]]:
        """The newest visible stories per (field of work, language), in one windowed query."""
        if not wanted:
            return {}
        relation = model._meta.get_field("fields_of_work")
        through = relation.remote_field.through
        story = relation.m2m_field_name()
        fow = relation.m2m_reverse_field_name()
        condition = reduce(
            or_,
            (
                Q(**{f"{fow}__translation_key": key, f"{story}__locale_id": locale_id})
                for key, locale_id in wanted
            ),
        )
        rows = (
            through._default_manager.filter(condition, **{f"{story}__in": visible.values("pk")})
            .annotate(
                fow_key=F(f"{fow}__translation_key"),
                story_locale=F(f"{story}__locale_id"),
                story_pk=F(f"{story}__pk"),
                rank=Window(
                    RowNumber(),
                    partition_by=[F(f"{fow}__translation_key"), F(f"{story}__locale_id")],
                    order_by=[F(f"{story}__date").desc(), F(f"{story}__pk").desc()],
                ),
            )
            .filter(rank__lte=max(wanted.values()))
            .order_by("rank")
            .values_list("fow_key", "story_locale", "story_pk", "rank")
        )
        result: dict[tuple[Any, int], list[int]] = {}
        for key, locale_id, pk, rank in rows:
            group = (key, locale_id)
            if group in wanted and rank <= wanted[group]:
                ids = result.setdefault(group, [])
                if pk not in ids:
                    ids.append(pk)
        return result

    def get_context(
        self, value: blocks.StructValue, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        prefetch = context[PREFETCH_CONTEXT_KEY]
        stories = []
        for page in context["pages"]:
            image = _hero_image(page, prefetch)
            stories.append(
                {
                    "page": page,
                    "url": prefetch.page_url(page),
                    "thumbnail": get_image_renditions(image).get("thumbnail") if image else None,
                    "alt": getattr(page, "hero_alt", ""),
                }
            )
        context["stories"] = stories
        request = (parent_context or {}).get("request")
        if not stories and getattr(request, "is_preview", False):
            context["preview_notice"] = self.preview_notice(value, parent_context)
        return context

    def preview_notice(
        self, value: blocks.StructValue, parent_context: dict[str, Any] | None = None
    ) -> str:
        """Why the block shows nothing, for the editor previewing the page; visitors never see it.

        The latest stories of a field of work are those in the page's language, so on a
        translated page the block vanishes until a story in that language is published;
        chosen stories that are all unpublished or private leave it empty too.
        """
        page = (parent_context or {}).get("page")
        locale = getattr(page, "locale", None)
        language = locale.get_display_name() if locale is not None else get_language()
        if self.mode(value) == "chosen":
            message = _(
                "Shown in preview only: none of the chosen stories is published and public, "
                "so visitors see nothing here. Publish them, or choose others."
            )
        else:
            message = _(
                "Shown in preview only: no story in this field of work is published in "
                "%(language)s, so visitors see nothing here. Translate and publish one, "
                "or choose stories one by one."
            )
        return message % {"language": language}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> RelatedStoriesOut:
        fow = value.get("field_of_work")
        mode = self.mode(value)
        stories = self.listed(value, ctx.prefetch, ctx.current_page_id)
        cards = []
        for page in stories:
            link = ctx.prefetch.page_link_out(page)
            image = _hero_image(page, ctx.prefetch)
            cards.append(
                StoryCard(
                    **link.model_dump(),
                    api_url=page_api_url(page),
                    date=page.date,
                    lead=page.lead,
                    hero_image=ctx.prefetch.image_out(image, alt=getattr(page, "hero_alt", ""))
                    if image
                    else None,
                )
            )
        return RelatedStoriesOut(
            heading=or_none(value.get("heading")),
            mode=mode,
            field_of_work=FieldOfWorkOut.from_instance(fow, **ctx.schema_kwargs())
            if fow is not None and mode == "latest"
            else None,
            stories=cards,
        )

    class Meta:
        group = _("References")
        icon = "doc-full-inverse"
        label = _("Related stories")
        help_text = _("Stories picked one by one, or the latest stories in a field of work.")
        template = "wagtail_osce/blocks/related_stories.html"
        label_format = "{heading}"


class SeriesRef(BaseModel):
    id: int
    slug: str
    name: str


class MeetingCardOut(PageLinkOut):
    """A meeting as listed: link, dates, status and place."""

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    status: Literal["upcoming", "ongoing", "concluded"]
    city: str
    country: StateRef | None
    series: SeriesRef | None


class UpcomingMeetingsOut(BaseModel):
    heading: str | None
    series: MeetingSeriesOut | None
    meetings: list[MeetingCardOut]


class UpcomingMeetingsBlock(PageListBlock):
    """The next meetings that have not ended yet, soonest first, optionally of one series."""

    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        default=_("Upcoming meetings"),
        label=_("Heading"),
    )
    series = ReferenceChooserBlock(
        "wagtail_osce.MeetingSeries",
        required=False,
        label=_("Series"),
        help_text=_("Only meetings of this series; leave empty for all meetings."),
    )
    count = _count_block(3, _("How many meetings to show."))

    api_schema = UpcomingMeetingsOut
    extra_key = "wagtail_osce.upcoming_meetings"

    def limit(self, value: blocks.StructValue) -> int:
        return min(max(int(value.get("count") or 3), 1), MAX_ITEMS)

    def resolve_all(
        self, values: list[blocks.StructValue], prefetch: StreamPrefetch
    ) -> dict[int, list[Any]]:
        now = timezone.now()
        active_locale_id = _active_locale_id(prefetch)
        by_series: dict[tuple[Any, int], int] = {}
        by_locale: dict[int, int] = {}
        for value in values:
            series = value.get("series")
            if series is not None:
                key = (series.translation_key, series.locale_id)
                by_series[key] = max(by_series.get(key, 0), self.limit(value))
            elif active_locale_id is not None:
                by_locale[active_locale_id] = max(
                    by_locale.get(active_locale_id, 0), self.limit(value)
                )
        if not by_series and not by_locale:
            return {}

        conditions = [
            Q(series__translation_key=key, locale_id=locale_id) for key, locale_id in by_series
        ] + [Q(locale_id=locale_id) for locale_id in by_locale]
        order = [F("start").asc(), F("pk").asc()]
        meetings = [
            meeting
            for model in meeting_page_models()
            for meeting in self._upcoming(
                model, prefetch, conditions, order, now, by_series, by_locale
            )
        ]
        meetings.sort(key=lambda meeting: (meeting.start, meeting.pk))
        for meeting in meetings:
            prefetch.add_page(meeting)

        result: dict[int, list[Any]] = {}
        for value in values:
            series = value.get("series")
            if series is not None:
                found = [
                    m
                    for m in meetings
                    if m.series_key == series.translation_key and m.locale_id == series.locale_id
                ]
            else:
                found = [m for m in meetings if m.locale_id == active_locale_id]
            result[id(value)] = found[: self.limit(value)]
        return result

    @staticmethod
    def _upcoming(
        model: type[Model],
        prefetch: StreamPrefetch,
        conditions: list[Q],
        order: list[Any],
        now: datetime.datetime,
        by_series: dict[tuple[Any, int], int],
        by_locale: dict[int, int],
    ) -> list[Any]:
        """The next visible meetings of ``model`` per series and per language, in one query."""
        return list(
            _visible(model, prefetch)
            .filter(reduce(or_, conditions), end__gte=now)
            .annotate(
                series_key=F("series__translation_key"),
                series_rank=Window(
                    RowNumber(),
                    partition_by=[F("series__translation_key"), F("locale_id")],
                    order_by=order,
                ),
                locale_rank=Window(RowNumber(), partition_by=[F("locale_id")], order_by=order),
            )
            .filter(
                Q(series_rank__lte=max(by_series.values(), default=0))
                | Q(locale_rank__lte=max(by_locale.values(), default=0))
            )
            .select_related("series", "country")
            .order_by("start", "pk")
        )

    def listed(
        self, value: blocks.StructValue, prefetch: StreamPrefetch, current_page_id: int | None
    ) -> list[Any]:
        return self.pages_for(value, prefetch)[: self.limit(value)]

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> UpcomingMeetingsOut:
        series = value.get("series")
        cards = []
        for meeting in self.listed(value, ctx.prefetch, None):
            link = ctx.prefetch.page_link_out(meeting)
            country = meeting.country
            cards.append(
                MeetingCardOut(
                    **link.model_dump(),
                    start=meeting.start,
                    end=meeting.end,
                    all_day=meeting.all_day,
                    status=meeting.status,
                    city=meeting.city,
                    country=StateRef(
                        id=country.pk,
                        slug=country.slug,
                        name=country.name,
                        iso_code=country.iso_code,
                    )
                    if country is not None
                    else None,
                    series=SeriesRef(
                        id=meeting.series.pk, slug=meeting.series.slug, name=meeting.series.name
                    )
                    if meeting.series is not None
                    else None,
                )
            )
        return UpcomingMeetingsOut(
            heading=or_none(value.get("heading")),
            series=MeetingSeriesOut.from_instance(series, **ctx.schema_kwargs())
            if series is not None
            else None,
            meetings=cards,
        )

    class Meta:
        group = _("References")
        icon = "date"
        label = _("Upcoming meetings")
        help_text = _("The next meetings and conferences, of all series or of one.")
        template = "wagtail_osce/blocks/upcoming_meetings.html"
        label_format = "{heading}"
