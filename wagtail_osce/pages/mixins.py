"""Fields and behaviour of the story and meeting pages, as abstract mixins.

Wagtail 8 lets a site swap its base page model (``WAGTAIL_PAGE_MODEL``), so a
reusable app cannot subclass ``wagtail.models.Page`` and be done. These mixins
are plain abstract models holding the fields, panels, validation, search fields
and template context; :mod:`wagtail_osce.pages.models` combines each with the
site's base page model. A site building its own page types does the same::

    class StoryPage(StoryPageMixin, BasePage):
        content_panels = [*BasePage.content_panels, *StoryPageMixin.mixin_content_panels]
        search_fields = [*BasePage.search_fields, *StoryPageMixin.mixin_search_fields]
        parent_page_types = ["myapp.StoryIndexPage"]

The mixin goes first so that its ``get_context``, ``clean`` and ``save`` run and
hand over to the base page's with ``super()``. Panels and search fields are kept
under ``mixin_*`` names because a mixin attribute called ``content_panels``
would hide the base page's title panel. ``edit_handler`` builds the admin tabs
(content, taxonomy, promote, settings) from the class's own panel lists, so a
subclass that changes ``content_panels`` sees its change.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, ClassVar

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Prefetch, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from wagtail_osce.api.wagtail_fields import (
    MEETING_INDEX_PAGE_API_FIELDS,
    MEETING_PAGE_API_FIELDS,
    STORY_INDEX_PAGE_API_FIELDS,
    STORY_PAGE_API_FIELDS,
)
from wagtail_osce.blocks.media import CREDIT_PREFIX
from wagtail_osce.blocks.streams import (
    MeetingBodyBlock,
    MeetingDocumentsBlock,
    RelatedStoriesStreamBlock,
    StoryBodyBlock,
)
from wagtail_osce.conf import osce_settings

from .filters import Listing, ListingFilter, TaxonomyFilter, paginate
from .forms import localized_choices_form_class
from .localization import locale_id_of, localize_list, translations_by_key

TAXONOMY_ATTRS = ("sources", "fields_of_work", "countries")
CREDIT_PREFIX_RE = re.compile(r"^\s*OSCE\s*/", re.IGNORECASE)


class TabbedEditHandler:
    """``edit_handler`` for page types with a taxonomy tab, built from the class's panel lists.

    Evaluated when the admin asks for it, so importing the models never imports
    admin forms, and a subclass's ``content_panels`` or ``taxonomy_panels`` apply.
    """

    tabs: ClassVar[tuple[tuple[str, Any], ...]] = (
        ("content_panels", _("Content")),
        ("taxonomy_panels", _("Taxonomy")),
        ("promote_panels", _("Promote")),
        ("settings_panels", _("Settings")),
    )

    def __get__(self, instance: Any, owner: type) -> Any:
        from wagtail.admin.forms import WagtailAdminPageForm
        from wagtail.admin.panels import ObjectList, TabbedInterface

        tabs = [
            ObjectList(panels, heading=heading)
            for attr, heading in self.tabs
            if (panels := getattr(owner, attr, None))
        ]
        base_form = getattr(owner, "base_form_class", None) or WagtailAdminPageForm
        return TabbedInterface(tabs, base_form_class=localized_choices_form_class(base_form))


def _thumbnail_spec() -> str:
    return osce_settings.RENDITIONS.get("thumbnail", "fill-400x300")


def _attach_thumbnail(page: Any, image_attr: str = "hero_image") -> None:
    """Set ``page.thumbnail`` to the listing rendition of its hero image (or None)."""
    image = getattr(page, image_attr, None)
    page.thumbnail = None
    if image is None:
        return
    try:
        page.thumbnail = image.get_rendition(_thumbnail_spec())
    except (OSError, ValueError):
        page.thumbnail = None


def visible_children(parent: Any, model: type[models.Model]) -> QuerySet:
    """The children of ``parent`` of type ``model`` that its visitors may see.

    Live, not expired, not waiting for ``go_live_at``, and without a privacy
    restriction of their own. A restriction on the index itself (or above it) does
    not hide its children: whoever may see the index may see what it lists.
    """
    from wagtail.models import PageViewRestriction

    from wagtail_osce.api.querysets import hidden_q

    return (
        model._default_manager.child_of(parent)
        .exclude(hidden_q(timezone.now()))
        .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
    )


# Stories ----------------------------------------------------------------------


class StoryPageMixin(models.Model):
    """A story about the organisation's work: dated, attributed to its source bodies,
    filed under fields of work and countries, with a hero image and a body of blocks."""

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The date the story is published under; listings are ordered by it."),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences that open the story and appear in listings."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe the image for people who cannot see it. Empty: the image's own description."
        ),
    )
    hero_caption = models.CharField(_("caption"), max_length=255, blank=True)
    hero_credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_(
            "The photographer's name only, such as Micky Kroell: shown as “OSCE/Micky Kroell”."
        ),
    )
    sources = ParentalManyToManyField(
        "wagtail_osce.Structure",
        verbose_name=_("sources"),
        blank=True,
        related_name="+",
        help_text=_("The bodies the story comes from, such as the Ministerial Council."),
    )
    fields_of_work = ParentalManyToManyField(
        "wagtail_osce.FieldOfWork",
        verbose_name=_("fields of work"),
        blank=True,
        related_name="+",
    )
    countries = ParentalManyToManyField(
        "wagtail_osce.ParticipatingState",
        verbose_name=_("countries"),
        blank=True,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    related_stories = StreamField(
        RelatedStoriesStreamBlock(),
        verbose_name=_("related stories"),
        blank=True,
        help_text=_("Stories to read next: chosen ones, or the latest in a field of work."),
    )

    mixin_content_panels: ClassVar[list[Any]] = [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("related_stories"),
    ]
    taxonomy_panels: ClassVar[list[Any]] = [
        FieldPanel("sources", widget=forms.CheckboxSelectMultiple),
        FieldPanel("fields_of_work", widget=forms.CheckboxSelectMultiple),
        FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
    ]
    mixin_search_fields: ClassVar[list[index.BaseField]] = [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("hero_caption"),
        index.FilterField("date"),
        index.RelatedFields("fields_of_work", [index.SearchField("name")]),
        index.RelatedFields("sources", [index.SearchField("name")]),
        index.RelatedFields("countries", [index.SearchField("name")]),
    ]
    override_translatable_fields: ClassVar[list[Any]] = [
        SynchronizedField("date", overridable=False),
        SynchronizedField("hero_image"),
        SynchronizedField("hero_credit"),
        SynchronizedField("sources", overridable=False),
        SynchronizedField("fields_of_work", overridable=False),
        SynchronizedField("countries", overridable=False),
    ]
    api_fields: ClassVar[list[Any]] = STORY_PAGE_API_FIELDS
    edit_handler = TabbedEditHandler()

    class Meta:
        abstract = True

    @property
    def hero_alt(self) -> str:
        """The hero image's alternative text: the page's own, else the image's description."""
        if self.hero_alt_text:
            return self.hero_alt_text
        image = self.hero_image
        if image is None:
            return ""
        return getattr(image, "default_alt_text", "") or ""

    @property
    def hero_credit_line(self) -> str:
        """The credit as shown: the organisation, a slash and the photographer, "OSCE/Name"."""
        name = self.hero_credit.strip()
        return f"{CREDIT_PREFIX}{name}" if name else ""

    def clean(self) -> None:
        super().clean()
        if CREDIT_PREFIX_RE.match(self.hero_credit or ""):
            raise ValidationError(
                {
                    "hero_credit": ValidationError(
                        _("Enter the name only: “OSCE/” is added when the credit is shown."),
                        code="credit_prefix",
                    )
                }
            )

    @classmethod
    def attach_taxonomy(cls, stories: list[Any], locale_id: int | None) -> None:
        """Set ``sources_list``, ``fields_of_work_list`` and ``countries_list`` on each story,
        in the language of ``locale_id``. Prefetch the three relations first to keep this
        at one query per snippet model."""
        lists = {
            (position, attr): list(getattr(story, attr).all())
            for position, story in enumerate(stories)
            for attr in TAXONOMY_ATTRS
        }
        translations = translations_by_key(
            [obj for objs in lists.values() for obj in objs], locale_id
        )
        for (position, attr), objs in lists.items():
            setattr(stories[position], f"{attr}_list", localize_list(objs, translations))

    def get_index_page(self) -> Any | None:
        """The story index this story is listed in, to link its taxonomy to filtered listings."""
        parent = self.get_parent()
        if parent is None:
            return None
        model = parent.specific_class
        return parent if model is not None and issubclass(model, StoryIndexPageMixin) else None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        type(self).attach_taxonomy([self], locale_id_of(self))
        context["index_page"] = self.get_index_page()
        return context


class StoryIndexPageMixin(models.Model):
    """A listing of stories, newest first, filterable by every taxonomy and by year."""

    intro = RichTextField(_("introduction"), blank=True)

    #: The story model this index lists; a site with its own story page type changes it.
    child_page_model: ClassVar[str] = "wagtail_osce.StoryPage"
    listing_filter: ClassVar[ListingFilter] = ListingFilter(
        [
            TaxonomyFilter(
                "field", _("Field of work"), "wagtail_osce.FieldOfWork", "fields_of_work"
            ),
            TaxonomyFilter(
                "country",
                _("Country"),
                "wagtail_osce.ParticipatingState",
                "countries",
                match_iso_code=True,
            ),
            TaxonomyFilter("source", _("Source"), "wagtail_osce.Structure", "sources"),
        ],
        date_field="date",
    )

    mixin_content_panels: ClassVar[list[Any]] = [FieldPanel("intro")]
    mixin_search_fields: ClassVar[list[index.BaseField]] = [index.SearchField("intro")]
    api_fields: ClassVar[list[Any]] = STORY_INDEX_PAGE_API_FIELDS

    class Meta:
        abstract = True

    def get_story_queryset(self) -> QuerySet:
        """The live, public stories under this index, newest first."""
        model = apps.get_model(self.child_page_model)
        return visible_children(self, model).order_by("-date", "-pk")

    def get_listing(self, request: HttpRequest) -> Listing:
        """Filter and paginate the stories for ``request``; bad parameters never fail."""
        locale_id = locale_id_of(self)
        base = self.get_story_queryset()
        queryset, active, notices = self.listing_filter.filter(base, request.GET, locale_id)
        queryset = queryset.prefetch_related(
            Prefetch(
                "hero_image",
                queryset=get_image_model().objects.prefetch_renditions(_thumbnail_spec()),
            ),
            *TAXONOMY_ATTRS,
        )
        paginator, page_obj = paginate(queryset, request.GET)
        stories = list(page_obj.object_list)
        page_obj.object_list = stories
        if stories:
            type(stories[0]).attach_taxonomy(stories, locale_id)
        for story in stories:
            _attach_thumbnail(story)
        return Listing(
            page_obj=page_obj,
            paginator=paginator,
            active_filters=active,
            notices=notices,
            choices=self.listing_filter.choices(base, request.GET, locale_id),
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        context.update(
            listing=listing,
            stories=listing.page_obj.object_list,
            page_obj=listing.page_obj,
            paginator=listing.paginator,
        )
        return context


# Meetings ---------------------------------------------------------------------


class MeetingStatus(models.TextChoices):
    """Where a meeting stands relative to now."""

    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("Ongoing")
    CONCLUDED = "concluded", _("Concluded")


def _local_day_bounds(start: datetime.datetime, end: datetime.datetime) -> tuple:
    """The first instant of ``start``'s day and the last of ``end``'s, in the current time zone."""
    tz = timezone.get_current_timezone()
    first = timezone.localtime(start, tz).date()
    last = timezone.localtime(end, tz).date()
    return (
        timezone.make_aware(datetime.datetime.combine(first, datetime.time.min), tz),
        timezone.make_aware(datetime.datetime.combine(last, datetime.time.max), tz),
    )


class MeetingPageMixin(models.Model):
    """A meeting or conference: when and where it takes place, who organises it, which
    series it belongs to, and the decisions and declarations it adopted."""

    series = models.ForeignKey(
        "wagtail_osce.MeetingSeries",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_(
            "Show dates only: the meeting runs from the start of its first day to the end of its last."
        ),
    )
    city = models.CharField(_("city"), max_length=255, blank=True)
    country = models.ForeignKey(
        "wagtail_osce.ParticipatingState",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    organiser = models.ForeignKey(
        "wagtail_osce.Structure",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences about the meeting, shown in listings."),
    )
    livestream_url = models.URLField(
        _("livestream URL"),
        blank=True,
        help_text=_("Where the public sessions are streamed."),
    )
    documents = StreamField(
        MeetingDocumentsBlock(),
        verbose_name=_("documents"),
        blank=True,
        help_text=_("Decisions, declarations and other documents the meeting adopted or issued."),
    )
    body = StreamField(MeetingBodyBlock(), verbose_name=_("body"), blank=True)

    mixin_content_panels: ClassVar[list[Any]] = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("venue"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("lead"),
        FieldPanel("livestream_url"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    taxonomy_panels: ClassVar[list[Any]] = [
        FieldPanel("series"),
        FieldPanel("organiser"),
    ]
    mixin_search_fields: ClassVar[list[index.BaseField]] = [
        index.SearchField("lead"),
        index.SearchField("city"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("series"),
        index.RelatedFields("series", [index.SearchField("name")]),
        index.RelatedFields("country", [index.SearchField("name")]),
    ]
    override_translatable_fields: ClassVar[list[Any]] = [
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
        SynchronizedField("all_day", overridable=False),
    ]
    api_fields: ClassVar[list[Any]] = MEETING_PAGE_API_FIELDS
    edit_handler = TabbedEditHandler()

    Status = MeetingStatus

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalize_times()
        super().save(*args, **kwargs)

    def normalize_times(self) -> None:
        """For an all-day meeting, stretch start and end to whole days in the site's time zone,
        so that listings and status queries compare plain datetimes."""
        if self.all_day and self.start and self.end:
            self.start, self.end = _local_day_bounds(self.start, self.end)

    def clean(self) -> None:
        super().clean()
        self.normalize_times()
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {
                    "end": ValidationError(
                        _("The meeting cannot end before it starts."), code="end_before_start"
                    )
                }
            )

    def get_status(self, now: datetime.datetime | None = None) -> str:
        """``upcoming``, ``ongoing`` or ``concluded`` at ``now`` (default: the current time)."""
        now = now or timezone.now()
        start, end = self.start, self.end or self.start
        if self.all_day:
            start, end = _local_day_bounds(start, end)
        if now < start:
            return MeetingStatus.UPCOMING.value
        if now <= end:
            return MeetingStatus.ONGOING.value
        return MeetingStatus.CONCLUDED.value

    @property
    def status(self) -> str:
        return self.get_status()

    @property
    def status_label(self) -> str:
        return str(MeetingStatus(self.status).label)

    @property
    def is_multi_day(self) -> bool:
        tz = timezone.get_current_timezone()
        return timezone.localtime(self.start, tz).date() != timezone.localtime(self.end, tz).date()


class MeetingIndexPageMixin(models.Model):
    """A listing of meetings: upcoming ones soonest first, then past ones latest first."""

    intro = RichTextField(_("introduction"), blank=True)

    child_page_model: ClassVar[str] = "wagtail_osce.MeetingPage"
    listing_filter: ClassVar[ListingFilter] = ListingFilter(
        [
            TaxonomyFilter("series", _("Series"), "wagtail_osce.MeetingSeries", "series"),
            TaxonomyFilter(
                "country",
                _("Country"),
                "wagtail_osce.ParticipatingState",
                "country",
                match_iso_code=True,
            ),
            TaxonomyFilter("source", _("Organiser"), "wagtail_osce.Structure", "organiser"),
        ],
        date_field="start",
    )

    mixin_content_panels: ClassVar[list[Any]] = [FieldPanel("intro")]
    mixin_search_fields: ClassVar[list[index.BaseField]] = [index.SearchField("intro")]
    api_fields: ClassVar[list[Any]] = MEETING_INDEX_PAGE_API_FIELDS

    class Meta:
        abstract = True

    def get_meeting_queryset(self, now: datetime.datetime | None = None) -> QuerySet:
        """Live, public meetings under this index: those not yet over by start date
        ascending, then the concluded ones by start date descending."""
        now = now or timezone.now()
        return (
            visible_children(self, apps.get_model(self.child_page_model))
            .annotate(
                is_past=Case(When(end__lt=now, then=Value(True)), default=Value(False)),
                upcoming_start=Case(When(end__gte=now, then=F("start"))),
                past_start=Case(When(end__lt=now, then=F("start"))),
            )
            .order_by(
                "is_past",
                F("upcoming_start").asc(nulls_last=True),
                F("past_start").desc(nulls_last=True),
                "pk",
            )
        )

    def get_listing(self, request: HttpRequest) -> Listing:
        locale_id = locale_id_of(self)
        base = self.get_meeting_queryset()
        queryset, active, notices = self.listing_filter.filter(base, request.GET, locale_id)
        queryset = queryset.select_related("series", "country", "organiser")
        paginator, page_obj = paginate(queryset, request.GET)
        page_obj.object_list = list(page_obj.object_list)
        return Listing(
            page_obj=page_obj,
            paginator=paginator,
            active_filters=active,
            notices=notices,
            choices=self.listing_filter.choices(base, request.GET, locale_id),
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        meetings = listing.page_obj.object_list
        context.update(
            listing=listing,
            meetings=meetings,
            upcoming_meetings=[m for m in meetings if not m.is_past],
            past_meetings=[m for m in meetings if m.is_past],
            page_obj=listing.page_obj,
            paginator=listing.paginator,
        )
        return context
