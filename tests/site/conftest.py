"""The rendered example site, as a visitor gets it: the demo content served by the test client."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from wagtail_osce.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage

SEED_STORY_SLUG = "countering-transnational-threats"


@dataclass
class Demo:
    """The demo pages the tests visit."""

    story_index: StoryIndexPage
    meeting_index: MeetingIndexPage
    story: StoryPage

    def meeting(self, slug: str) -> MeetingPage:
        return MeetingPage.objects.get(slug=slug, locale=self.story.locale)


@pytest.fixture
def demo(db) -> Demo:
    """``manage.py osce_demo``: locales, home pages, reference data and demo content."""
    call_command(
        "osce_demo", password="demo-pw", translator_password="demo-pw-2", stdout=io.StringIO()
    )
    english = Locale.objects.get(language_code="en")
    return Demo(
        story_index=StoryIndexPage.objects.get(locale=english),
        meeting_index=MeetingIndexPage.objects.get(locale=english),
        story=StoryPage.objects.get(locale=english, slug=SEED_STORY_SLUG),
    )


def translate(page: Page, language_code: str, *, publish: bool = True) -> Page:
    """A translation of ``page`` (and of its untranslated parents), published unless told not."""
    locale = Locale.objects.get(language_code=language_code)
    copy = page.copy_for_translation(locale, copy_parents=True)
    if publish:
        for ancestor in copy.get_ancestors().filter(depth__gt=2, live=False):
            ancestor.specific.save_revision().publish()
        copy.save_revision().publish()
    return copy
