"""The example site's demo content: built on seeded data, idempotent, and served."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from home.demo_content import (
    BLOCKS_STORY_SLUG,
    DEMO_MEETINGS,
    DEMO_STORIES,
    SEED_STORY_PARAGRAPHS,
    build_demo_content,
)
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail_osce.blocks import MeetingBodyBlock, MeetingDocumentsBlock, StoryBodyBlock
from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db


def content_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "stories": StoryPage.objects.count(),
        "meetings": MeetingPage.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


@pytest.fixture
def demo(locales):
    call_command("osce_seed", stdout=StringIO())
    out = StringIO()
    build_demo_content(out)
    return out.getvalue()


def test_second_run_creates_nothing(demo):
    first = content_counts()
    out = StringIO()
    build_demo_content(out)
    assert content_counts() == first
    assert "already in place" in out.getvalue()
    # The seed story and the story with every block type, besides the short ones;
    # and the seed story in French and Russian.
    assert first["stories"] == len(DEMO_STORIES) + 2 + 2
    assert first["meetings"] == len(DEMO_MEETINGS)
    assert first["images"] >= 11
    assert first["documents"] >= 2


def test_a_story_uses_every_block_type_of_the_story_body(demo):
    """The frontend's tests render each block type from this one page."""
    story = StoryPage.objects.get(slug=BLOCKS_STORY_SLUG)
    assert story.live
    assert sorted(child.block_type for child in story.body) == sorted(StoryBodyBlock().child_blocks)


def test_seed_story_is_published_and_serves_its_text(client, demo):
    index = StoryIndexPage.objects.get(slug="osce-impact")
    story = StoryPage.objects.child_of(index).get(slug="countering-transnational-threats")
    assert story.live and not story.has_unpublished_changes
    assert story.lead == SEED_STORY_PARAGRAPHS[0]
    assert sorted(s.slug for s in story.sources.all()) == ["ministerial-council", "summits"]
    assert sorted(f.slug for f in story.fields_of_work.all()) == [
        "border-management",
        "combating-trafficking-in-human-beings",
        "countering-terrorism",
        "cyber-ict-security",
        "policing",
    ]
    assert {child.block_type for child in story.body} >= {
        "rich_text",
        "heading",
        "quote",
        "key_figures",
        "call_to_action",
    }

    response = client.get(story.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Countering transnational threats" in html
    for paragraph in SEED_STORY_PARAGRAPHS[1:]:
        assert paragraph[:60] in html
    assert "OSCE/" in html  # the hero image credit
    assert f'href="{index.url}"' in html  # the call to action leads to the index


def test_listings_serve_the_demo_pages(client, demo):
    stories = client.get(StoryIndexPage.objects.get(slug="osce-impact").url)
    assert stories.status_code == 200
    assert "Countering transnational threats" in stories.content.decode()
    meetings = client.get(MeetingIndexPage.objects.get(slug="meetings-and-conferences").url)
    assert meetings.status_code == 200
    html = meetings.content.decode()
    for title in ("Skopje", "Malta", "Vienna", "Astana", "2027"):
        assert title in html
    assert 'id="osce-upcoming-meetings"' in html


def test_demo_pages_are_valid_and_published(demo):
    """Every body passes the blocks' validation, so an editor can open and save it."""
    for model, names in (
        (StoryPage, ("body", "related_stories")),
        (MeetingPage, ("body", "documents")),
    ):
        for page in model.objects.all():
            assert page.live
            for name in names:
                # The field's own stream block: optional, as the field is blank=True.
                model._meta.get_field(name).stream_block.clean(getattr(page, name))
            page.full_clean()
    assert isinstance(StoryPage._meta.get_field("body").stream_block, StoryBodyBlock)
    assert isinstance(MeetingPage._meta.get_field("body").stream_block, MeetingBodyBlock)
    assert isinstance(MeetingPage._meta.get_field("documents").stream_block, MeetingDocumentsBlock)
    assert {m.start.year for m in MeetingPage.objects.all()} >= {2010, 2023, 2024, 2025, 2027}
    upcoming = [m for m in MeetingPage.objects.all() if m.start.year == 2027]
    assert len(upcoming) >= 2


def test_stories_span_fields_countries_and_sources(demo):
    stories = StoryPage.objects.prefetch_related("fields_of_work", "countries", "sources")
    fields = {f.slug for s in stories for f in s.fields_of_work.all()}
    countries = {c.iso_code for s in stories for c in s.countries.all()}
    sources = {src.slug for s in stories for src in s.sources.all()}
    assert len(fields) >= 10
    assert len(countries) >= 5
    assert len(sources) >= 8


def test_without_seeded_data_it_says_what_to_run(locales):
    with pytest.raises(CommandError, match="osce_seed"):
        build_demo_content(StringIO())
