"""Story and meeting pages: abstract mixins to build on, and default concrete page types.

A site that uses Wagtail's default ``Page`` gets ``StoryPage``, ``StoryIndexPage``,
``MeetingPage`` and ``MeetingIndexPage`` from :mod:`wagtail_osce.pages.models`,
built on whatever ``WAGTAIL_PAGE_MODEL`` names. A site that wants its own page
types combines the mixins of :mod:`wagtail_osce.pages.mixins` with its base page
model instead. This module imports neither, so importing the mixins never
defines the concrete models.
"""
