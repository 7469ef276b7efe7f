"""Page types of a site that follows docs/pages.md, and a translatable model it does not opt in."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Page, TranslatableMixin

from wagtail_osce.localize import register_model
from wagtail_osce.pages.mixins import (
    MeetingIndexPageMixin,
    MeetingPageMixin,
    StoryIndexPageMixin,
    StoryPageMixin,
)


class NewsIndexPage(StoryIndexPageMixin, Page):
    template = "wagtail_osce/pages/story_index_page.html"
    content_panels = [*Page.content_panels, *StoryIndexPageMixin.mixin_content_panels]
    subpage_types = ["site_app.NewsPage"]


class NewsPage(StoryPageMixin, Page):
    template = "wagtail_osce/pages/story_page.html"
    content_panels = [*Page.content_panels, *StoryPageMixin.mixin_content_panels]
    search_fields = [*Page.search_fields, *StoryPageMixin.mixin_search_fields]
    parent_page_types = ["site_app.NewsIndexPage", "wagtail_osce.StoryIndexPage"]


class EventIndexPage(MeetingIndexPageMixin, Page):
    template = "wagtail_osce/pages/meeting_index_page.html"
    content_panels = [*Page.content_panels, *MeetingIndexPageMixin.mixin_content_panels]
    subpage_types = ["site_app.EventPage"]


class EventPage(MeetingPageMixin, Page):
    template = "wagtail_osce/pages/meeting_page.html"
    content_panels = [*Page.content_panels, *MeetingPageMixin.mixin_content_panels]
    search_fields = [*Page.search_fields, *MeetingPageMixin.mixin_search_fields]
    parent_page_types = ["site_app.EventIndexPage", "wagtail_osce.MeetingIndexPage"]


class Bulletin(TranslatableMixin, ClusterableModel):
    """A translatable model of the site's own, referring to States; the package leaves it alone."""

    title = models.CharField(max_length=100)
    states = ParentalManyToManyField(
        "wagtail_osce.ParticipatingState", blank=True, related_name="+"
    )

    class Meta(TranslatableMixin.Meta):
        pass


@register_model
class OptedInBulletin(TranslatableMixin, ClusterableModel):
    """The same, opted in: its references follow its locale like the package's own models'."""

    title = models.CharField(max_length=100)
    states = ParentalManyToManyField(
        "wagtail_osce.ParticipatingState", blank=True, related_name="+"
    )

    class Meta(TranslatableMixin.Meta):
        pass
