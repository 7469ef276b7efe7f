"""The default concrete page types, built on the site's base page model.

``BasePage`` is whatever ``WAGTAIL_PAGE_MODEL`` names (``wagtailcore.Page``
unless the site swaps it). A site that swaps it lists the app holding its base
page model before ``wagtail_osce`` in ``INSTALLED_APPS``, so that the model is
defined when these classes are.
"""

from __future__ import annotations

from typing import Any, ClassVar

import swapper
from django.utils.translation import gettext_lazy as _

from .mixins import (
    MeetingIndexPageMixin,
    MeetingPageMixin,
    StoryIndexPageMixin,
    StoryPageMixin,
)

# The setting is WAGTAIL_PAGE_MODEL, not swapper's default WAGTAILCORE_PAGE_MODEL.
swapper.set_app_prefix("wagtailcore", "wagtail")
BasePage = swapper.load_model("wagtailcore", "Page", require_ready=False)

__all__ = ["MeetingIndexPage", "MeetingPage", "StoryIndexPage", "StoryPage"]


class StoryIndexPage(StoryIndexPageMixin, BasePage):
    """A section of stories, such as "OSCE Impact"."""

    content_panels: ClassVar[list[Any]] = [
        *BasePage.content_panels,
        *StoryIndexPageMixin.mixin_content_panels,
    ]
    search_fields: ClassVar[list[Any]] = [
        *BasePage.search_fields,
        *StoryIndexPageMixin.mixin_search_fields,
    ]
    subpage_types: ClassVar[list[str]] = ["wagtail_osce.StoryPage"]
    template = "wagtail_osce/pages/story_index_page.html"

    class Meta:
        verbose_name = _("story index page")
        verbose_name_plural = _("story index pages")


class StoryPage(StoryPageMixin, BasePage):
    """A story: see :class:`~wagtail_osce.pages.mixins.StoryPageMixin`."""

    content_panels: ClassVar[list[Any]] = [
        *BasePage.content_panels,
        *StoryPageMixin.mixin_content_panels,
    ]
    search_fields: ClassVar[list[Any]] = [
        *BasePage.search_fields,
        *StoryPageMixin.mixin_search_fields,
    ]
    parent_page_types: ClassVar[list[str]] = ["wagtail_osce.StoryIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    template = "wagtail_osce/pages/story_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")


class MeetingIndexPage(MeetingIndexPageMixin, BasePage):
    """A section of meetings and conferences."""

    content_panels: ClassVar[list[Any]] = [
        *BasePage.content_panels,
        *MeetingIndexPageMixin.mixin_content_panels,
    ]
    search_fields: ClassVar[list[Any]] = [
        *BasePage.search_fields,
        *MeetingIndexPageMixin.mixin_search_fields,
    ]
    subpage_types: ClassVar[list[str]] = ["wagtail_osce.MeetingPage"]
    template = "wagtail_osce/pages/meeting_index_page.html"

    class Meta:
        verbose_name = _("meeting index page")
        verbose_name_plural = _("meeting index pages")


class MeetingPage(MeetingPageMixin, BasePage):
    """A meeting or conference: see :class:`~wagtail_osce.pages.mixins.MeetingPageMixin`."""

    content_panels: ClassVar[list[Any]] = [
        *BasePage.content_panels,
        *MeetingPageMixin.mixin_content_panels,
    ]
    search_fields: ClassVar[list[Any]] = [
        *BasePage.search_fields,
        *MeetingPageMixin.mixin_search_fields,
    ]
    parent_page_types: ClassVar[list[str]] = ["wagtail_osce.MeetingIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    template = "wagtail_osce/pages/meeting_page.html"

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
