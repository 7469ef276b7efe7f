"""Meetings and meeting indexes, as abstract mixins: fields, panels, validation, status, listing."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from wagtail_osce.blocks.streams import (
    MeetingBodyBlock,
    MeetingDocumentsBlock,
)
from wagtail_osce.choices import MeetingStatus
from wagtail_osce.locales import locale_id_of
from wagtail_osce.pages.api_fields import (
    MEETING_INDEX_PAGE_API_FIELDS,
    MEETING_PAGE_API_FIELDS,
)
from wagtail_osce.registry import meeting_page_models
from wagtail_osce.visibility import page_model, visible_children

from .edit_handlers import TabbedEditHandler
from .listing import (
    IndexListing,
    ListingFilter,
    TaxonomyFilter,
    paginate,
    specific_pages,
    typed_queryset,
)
from .preview import FrontendPreviewMixin
from .story import BODY_BOOST, LEAD_BOOST, NAME_BOOST


def meeting_card_queryset(queryset: QuerySet) -> QuerySet:
    """Meetings with what a listing card shows."""
    return queryset.select_related("series", "country", "organiser")


def _local_day_bounds(start: datetime.datetime, end: datetime.datetime) -> tuple:
    """The first instant of ``start``'s day and the last of ``end``'s, in the current time zone."""
    tz = timezone.get_current_timezone()
    first = timezone.localtime(start, tz).date()
    last = timezone.localtime(end, tz).date()
    return (
        timezone.make_aware(datetime.datetime.combine(first, datetime.time.min), tz),
        timezone.make_aware(datetime.datetime.combine(last, datetime.time.max), tz),
    )


class MeetingPageMixin(FrontendPreviewMixin, models.Model):
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
    start = models.DateTimeField(
        _("start"),
        db_index=True,
        help_text=_("When the first session opens, in the site's time zone."),
    )
    end = models.DateTimeField(
        _("end"),
        db_index=True,
        help_text=_("When the last session closes; the same as the start for a one-day event."),
    )
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_(
            "Show dates only: the meeting runs from the start of its first day to the end of its last."
        ),
    )
    city = models.CharField(
        _("city"),
        max_length=255,
        blank=True,
        help_text=_("The city as readers of this language write it, such as Vienna."),
    )
    country = models.ForeignKey(
        "wagtail_osce.ParticipatingState",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_("The building or conference centre, such as the Hofburg."),
    )
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
        index.SearchField("lead", boost=LEAD_BOOST),
        index.SearchField("city", boost=NAME_BOOST),
        index.SearchField("venue", boost=BODY_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("series"),
        index.RelatedFields("series", [index.SearchField("name", boost=NAME_BOOST)]),
        index.RelatedFields("country", [index.SearchField("name", boost=NAME_BOOST)]),
    ]
    override_translatable_fields: ClassVar[list[Any]] = [
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
        SynchronizedField("all_day", overridable=False),
    ]
    api_fields: ClassVar[list[Any]] = MEETING_PAGE_API_FIELDS
    edit_handler = TabbedEditHandler()

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


class MeetingIndexPageMixin(FrontendPreviewMixin, models.Model):
    """A listing of meetings: upcoming ones soonest first, then past ones latest first."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences above the list of meetings."),
    )

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
            TaxonomyFilter("organiser", _("Organiser"), "wagtail_osce.Structure", "organiser"),
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
            typed_queryset(
                meeting_page_models(),
                ("start", "end"),
                lambda model: meeting_card_queryset(visible_children(self, model)),
                visible_children(self, page_model()),
            )
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

    def get_listing(self, request: HttpRequest) -> IndexListing:
        locale_id = locale_id_of(self)
        models = meeting_page_models()
        base = self.get_meeting_queryset()
        queryset, active, notices = self.listing_filter.filter(base, request.GET, locale_id, models)
        page_obj = paginate(queryset, request.GET.get("page"), strict=False)
        meetings = specific_pages(
            list(page_obj.object_list),
            lambda model: meeting_card_queryset(model._default_manager.all()),
        )
        for meeting, item in zip(meetings, page_obj.object_list, strict=False):
            meeting.is_past = item.is_past
        page_obj.object_list = meetings
        return IndexListing(
            page_obj=page_obj,
            paginator=page_obj.paginator,
            active_filters=active,
            notices=notices,
            choices=self.listing_filter.choices(base, request.GET, locale_id, models),
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
