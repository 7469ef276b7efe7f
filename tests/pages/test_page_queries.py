"""Query budgets: serving a page costs the same whatever the number of blocks or listed pages.

Each test serves the small and the large variant through the test client, after
one warm-up request (which creates image renditions), under the same
``django_assert_max_num_queries`` bound, and checks the two counts are equal.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    FieldOfWorkFactory,
    MeetingSeriesFactory,
    ParticipatingStateFactory,
    StructureFactory,
)
from tests.page_factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    make_image,
)

pytestmark = pytest.mark.django_db

#: Queries of the layout around every page, whatever it shows: the menus (8: the
#: locales, the index pages, the current Chairpersonship and five kinds of reference
#: data), the language switcher and hreflang links (3), breadcrumbs (1) and the site lookup.
SITE_FURNITURE = 13
#: Queries to serve a story whose body holds reference blocks, however many
#: (its "discover more stories" teasers and its related-stories stream included).
STORY_BUDGET = 28 + SITE_FURNITURE
#: Queries to serve an index page, however many pages it lists.
LISTING_BUDGET = 20 + SITE_FURNITURE


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def world(locales):
    fields = [FieldOfWorkFactory(name=f"Field {n}", slug=f"field-{n}") for n in range(5)]
    series = [MeetingSeriesFactory(name=f"Series {n}", slug=f"series-{n}") for n in range(3)]
    states = [ParticipatingStateFactory() for _ in range(6)]
    structures = [StructureFactory() for _ in range(4)]
    index = StoryIndexPageFactory(title="Impact")
    image = make_image("Hero")
    for n in range(15):
        StoryPageFactory(
            parent=index,
            title=f"Listed story {n}",
            date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n),
            fields_of_work=[fields[n % 5]],
            hero_image=image,
        )
    meetings = MeetingIndexPageFactory()
    now = timezone.now()
    for n in range(9):
        start = now + datetime.timedelta(days=5 + n)
        MeetingPageFactory(
            parent=meetings,
            series=series[n % 3],
            start=start,
            end=start + datetime.timedelta(hours=6),
        )
    return {
        "fields": fields,
        "series": series,
        "states": states,
        "structures": structures,
        "index": index,
    }


def reference_body(world: dict, copies: int) -> list[dict]:
    """``copies`` times one block of each reference type, with varying targets."""
    body = []
    for n in range(copies):
        body += [
            {
                "type": "states",
                "value": {
                    "heading": f"States {n}",
                    "states": [s.pk for s in world["states"][n % 3 :]],
                },
            },
            {
                "type": "structures",
                "value": {"heading": "", "structures": [world["structures"][n % 4].pk]},
            },
            {
                "type": "fields_of_work",
                "value": {
                    "heading": "",
                    "fields_of_work": [f.pk for f in world["fields"][: 1 + n % 5]],
                },
            },
            {
                "type": "upcoming_meetings",
                "value": {
                    "heading": f"Meetings {n}",
                    "series": world["series"][n % 3].pk,
                    "count": 1 + n % 3,
                },
            },
        ]
    return body


def test_story_with_40_reference_blocks_costs_what_one_with_4_does(
    client, world, django_assert_max_num_queries
):
    related = [
        {
            "type": "related_stories",
            "value": {"heading": "", "stories": [], "field_of_work": world["fields"][0].pk},
        }
    ]
    small = StoryPageFactory(
        parent=world["index"], title="Small", body=reference_body(world, 1), related_stories=related
    )
    large = StoryPageFactory(
        parent=world["index"],
        title="Large",
        body=reference_body(world, 10),
        related_stories=related,
    )
    assert len(large.body) == 40 and len(small.body) == 4

    counts = {}
    for page in (small, large):
        client.get(page.url)  # warm-up: renditions are created once
        with django_assert_max_num_queries(STORY_BUDGET):
            counts[len(page.body)] = count_queries(client, page.url)
    print(f"story queries by number of reference blocks: {counts}")
    assert counts[4] == counts[40]
    html = client.get(large.url).content.decode()
    assert html.count('class="osce-references__heading"') == 10
    assert html.count('class="osce-meeting-card__title"') >= 10


@override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 50})
def test_story_listing_costs_the_same_for_3_and_15_stories(
    client, world, django_assert_max_num_queries
):
    few = StoryIndexPageFactory(title="Few")
    for n in range(3):
        StoryPageFactory(
            parent=few,
            fields_of_work=[world["fields"][n]],
            countries=[world["states"][n]],
            hero_image=world["index"].get_children().specific().first().hero_image,
        )
    counts = {}
    for index, expected in ((few, 3), (world["index"], 15)):
        client.get(index.url)
        with django_assert_max_num_queries(LISTING_BUDGET):
            counts[expected] = count_queries(client, index.url)
        html = client.get(index.url).content.decode()
        assert html.count('class="osce-story-card__title"') == expected
    print(f"story index queries by number of listed stories: {counts}")
    assert counts[3] == counts[15]


@override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 50})
def test_meeting_listing_costs_the_same_for_2_and_9_meetings(
    client, world, django_assert_max_num_queries
):
    few = MeetingIndexPageFactory(title="Few meetings")
    now = timezone.now()
    for n in range(2):
        start = now + datetime.timedelta(days=3 + n)
        MeetingPageFactory(
            parent=few,
            series=world["series"][n],
            start=start,
            end=start + datetime.timedelta(hours=3),
        )
    many = few.get_siblings().type(type(few)).exclude(pk=few.pk).first()
    counts = {}
    for index, expected in ((few, 2), (many, 9)):
        client.get(index.url)
        with django_assert_max_num_queries(LISTING_BUDGET):
            counts[expected] = count_queries(client, index.url)
    print(f"meeting index queries by number of listed meetings: {counts}")
    assert counts[2] == counts[9]
