"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from tests.localize.builders import (
    Content,
    References,
    cache_embed,
    en,
    every_block_body,
    make_document,
    related_stories_field,
    seed_reference_data,
    to_french,
    to_russian,
    translate_pages,
    translate_snippet,
)
from tests.page_factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    make_image,
)
from wagtail_osce.pages.models import MeetingPage, StoryIndexPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure


@pytest.fixture
def content(locales: dict[str, Locale]) -> Content:
    """A story index with a story of every block type, and a meeting, all in English."""
    seed_reference_data()
    cache_embed()
    refs = References(
        austria=ParticipatingState.objects.get(iso_code="AT", locale=locales["en"]),
        policing=en(FieldOfWork, "policing"),
        secretariat=en(Structure, "secretariat"),
        chairpersonship=en(Structure, "chairpersonship"),
        series=en(MeetingSeries, "ministerial-council-meetings"),
        image=make_image("Checkpoint"),
        document=make_document(),
    )
    index = StoryIndexPageFactory(title="Stories", slug="stories", intro="<p>Our stories.</p>")
    refs.index = index
    story = StoryPageFactory(
        parent=index,
        title="Observers report a calm day",
        slug="observers-report-a-calm-day",
        date=datetime.date(2025, 3, 14),
        lead="The monitors saw a calm day.",
        hero_image=refs.image,
        hero_alt_text="Monitors on a road",
        hero_caption="Monitors on patrol",
        hero_credit="Micky Kroell",
        body=every_block_body(refs),
        related_stories=related_stories_field(refs),
        sources=[refs.secretariat],
        fields_of_work=[refs.policing],
        countries=[refs.austria],
    )
    meeting_index = MeetingIndexPageFactory(title="Meetings", slug="meetings")
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=30)
    meeting = MeetingPageFactory(
        parent=meeting_index,
        title="Ministerial Council",
        slug="ministerial-council",
        start=start,
        end=start + datetime.timedelta(days=1),
        city="Vienna",
        venue="Hofburg",
        lead="Foreign ministers meet.",
        series=refs.series,
        country=refs.austria,
        organiser=refs.chairpersonship,
        body=[{"type": "rich_text", "value": "<p>The agenda.</p>"}],
        documents=[
            {
                "type": "document",
                "value": {
                    "document": refs.document.pk,
                    "title": "Final declaration",
                    "description": "",
                    "kind": "declaration",
                },
            }
        ],
    )
    # Read back as the admin reads them. The bodies were written in code, as raw data:
    # their list items (figures, gallery images, sections) must still be translatable.
    return Content(
        refs=refs,
        index=StoryIndexPage.objects.get(pk=index.pk),
        story=StoryPage.objects.get(pk=story.pk),
        meeting_index=meeting_index,
        meeting=MeetingPage.objects.get(pk=meeting.pk),
        locales=locales,
    )


@pytest.fixture
def translated(content: Content) -> dict[str, dict[str, Page]]:
    # Reference data the story shows whose seeded translations are English copies.
    for code, translate in (("ru", to_russian), ("fr", to_french)):
        translate_snippet(content.refs.policing, code, translate)
        translate_snippet(content.refs.secretariat, code, translate)
    return translate_pages(content)
