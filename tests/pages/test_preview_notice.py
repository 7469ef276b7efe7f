"""A related-stories block that lists nothing in the page's language says so in preview.

The French translation of a story keeps its "Related stories" block, the latest
stories in a field of work; the block lists the stories in the page's language,
and no story in that field of work is published in French yet, so the French
page shows nothing there. The editor previewing
the French page is told why; visitors and the API never see the notice.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.factories import FieldOfWorkFactory
from tests.page_factories import StoryIndexPageFactory, StoryPageFactory
from wagtail_osce.pages.models import StoryPage

pytestmark = pytest.mark.django_db

API = "/api/osce"
NOTICE = "data-osce-preview-notice"


def related(field_of_work: Any = None, *stories: Any) -> list[dict[str, Any]]:
    return [
        {
            "type": "related_stories",
            "value": {
                "heading": "Read next",
                "stories": [story.pk for story in stories],
                "field_of_work": getattr(field_of_work, "pk", None),
                "count": 3,
            },
        }
    ]


@pytest.fixture
def pages(locales: dict[str, Any]) -> dict[str, StoryPage]:
    borders = FieldOfWorkFactory(name="Border management", slug="border-management")
    french_borders = borders.copy_for_translation(locales["fr"])
    french_borders.name = "Gestion des frontières"
    french_borders.save()
    index = StoryIndexPageFactory(title="Stories", slug="stories")
    english_only = StoryPageFactory(
        parent=index,
        title="Only in English",
        slug="only-in-english",
        date=datetime.date(2024, 1, 1),
        fields_of_work=[borders],
    )
    story = StoryPageFactory(
        parent=index,
        title="Border guards train together",
        slug="border-guards",
        date=datetime.date(2024, 6, 1),
        related_stories=related(borders),
    )
    french = story.copy_for_translation(locales["fr"], copy_parents=True)
    french.title = "Les gardes-frontières s'entraînent"
    french.related_stories = related(french_borders)
    french.save_revision().publish()
    french = StoryPage.objects.get(pk=french.pk)
    return {"english": story, "english_only": english_only, "french": french}


def test_the_english_page_lists_the_story_and_no_notice(pages) -> None:
    html = pages["english"].make_preview_request().content.decode()
    assert "Only in English" in html
    assert NOTICE not in html


def test_the_french_preview_says_why_the_block_is_empty(pages) -> None:
    html = pages["french"].make_preview_request().content.decode()
    assert "Only in English" not in html
    assert NOTICE in html
    # In the page's language, as the rest of the preview.
    assert "Read next" in html
    notice = html[html.index(NOTICE) :]
    assert "Gestion des frontières" not in notice  # the notice, not the field's name, speaks
    assert "français" in notice.lower()


def test_visitors_and_the_api_never_see_the_notice(pages, client) -> None:
    french = pages["french"]
    response = client.get(french.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE not in html
    assert "Only in English" not in html

    body = client.get(f"{API}/stories/{french.pk}").json()
    text = str(body)
    assert "preview" not in text.lower()
    (block,) = body["related_stories"]
    assert block["value"]["stories"] == []
