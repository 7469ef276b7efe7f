"""Reference blocks: validation naming the failing field, rendering, API shape and bulk fetching."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import PageViewRestriction

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
)
from wagtail_osce.blocks import (
    FieldsOfWorkBlock,
    MeetingBodyBlock,
    RelatedStoriesBlock,
    RelatedStoriesOut,
    StatesBlock,
    StatesOut,
    StructuresBlock,
    UpcomingMeetingsOut,
)

pytestmark = pytest.mark.django_db


def clean_errors(block, raw: dict) -> dict:
    """The per-child errors ``block.clean`` raises for a raw (JSON) value."""
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python(raw))
    return caught.value.block_errors


def render_stream(raw: list[dict], context: dict | None = None) -> str:
    block = MeetingBodyBlock()
    return block.render(block.to_python(raw), context or {})


def api_stream(raw: list[dict], context: dict | None = None) -> list[dict]:
    block = MeetingBodyBlock()
    return block.get_api_representation(block.to_python(raw), context or {})


# Snippet lists -------------------------------------------------------------------


@pytest.fixture
def states(locales):
    return [
        ParticipatingStateFactory(name="Austria", slug="austria", iso_code="AT"),
        ParticipatingStateFactory(name="Malta", slug="malta", iso_code="MT"),
    ]


def test_states_block_cleans_renders_and_represents(states):
    block = StatesBlock()
    raw = {"heading": "Host States", "states": [states[0].pk, states[1].pk]}
    value = block.clean(block.to_python(raw))

    html = block.render(value)
    assert '<h2 class="osce-references__heading">Host States</h2>' in html
    assert '<span class="osce-references__code" aria-hidden="true">AT</span> Austria' in html
    assert html.index("Austria") < html.index("Malta")

    api = block.get_api_representation(value)
    StatesOut.model_validate(api)
    assert api["heading"] == "Host States"
    assert [(s["name"], s["iso_code"], s["slug"], s["locale"]) for s in api["states"]] == [
        ("Austria", "AT", "austria", "en"),
        ("Malta", "MT", "malta", "en"),
    ]


def test_states_block_names_the_failing_child(states):
    block = StatesBlock()
    repeated = clean_errors(block, {"heading": "", "states": [states[0].pk, states[0].pk]})
    assert list(repeated) == ["states"]
    assert "Austria" in str(repeated["states"])
    empty = clean_errors(block, {"heading": "", "states": []})
    assert list(empty) == ["states"]


@pytest.mark.parametrize(
    ("block_class", "factory", "items_name", "text"),
    [
        (
            StructuresBlock,
            lambda: StructureFactory(name="Mission to Skopje", acronym="", slug="skopje"),
            "structures",
            "Mission to Skopje",
        ),
        (
            FieldsOfWorkBlock,
            lambda: FieldOfWorkFactory(name="Policing", slug="policing"),
            "fields_of_work",
            "Policing",
        ),
    ],
)
def test_other_snippet_lists(locales, block_class, factory, items_name, text):
    obj = factory()
    block = block_class()
    value = block.clean(block.to_python({"heading": "", items_name: [obj.pk]}))
    assert text in block.render(value)
    api = block.get_api_representation(value)
    block_class.api_schema.model_validate(api)
    assert api["heading"] is None
    assert api[items_name][0]["slug"] == obj.slug
    assert api[items_name][0]["id"] == obj.pk
    assert list(clean_errors(block, {"heading": "", items_name: [obj.pk, obj.pk]})) == [items_name]


def test_deleted_snippet_is_skipped(states):
    block = StatesBlock()
    value = block.to_python({"heading": "", "states": [states[0].pk, states[1].pk]})
    states[1].delete()
    value = block.to_python({"heading": "", "states": [states[0].pk, states[1].pk]})
    assert [s["name"] for s in block.get_api_representation(value)["states"]] == ["Austria"]


# Related stories -------------------------------------------------------------------


@pytest.fixture
def story_world(locales):
    policing = FieldOfWorkFactory(name="Policing", slug="policing")
    elections = FieldOfWorkFactory(name="Elections", slug="elections")
    index = StoryIndexPageFactory()
    stories = {
        f"police-{n}": StoryPageFactory(
            parent=index,
            title=f"Police story {n}",
            date=datetime.date(2024, 1, n),
            fields_of_work=[policing],
        )
        for n in range(1, 6)
    }
    stories["election"] = StoryPageFactory(
        parent=index,
        title="Election story",
        date=datetime.date(2024, 2, 1),
        fields_of_work=[elections],
    )
    return {"policing": policing, "elections": elections, "index": index, "stories": stories}


def test_related_stories_needs_exactly_one_mode(story_world):
    block = RelatedStoriesBlock()
    story = story_world["stories"]["police-1"]
    both = clean_errors(
        block,
        {
            "heading": "",
            "stories": [story.pk],
            "field_of_work": story_world["policing"].pk,
            "count": 3,
        },
    )
    assert list(both) == ["field_of_work"]
    neither = clean_errors(block, {"heading": "", "stories": [], "field_of_work": None, "count": 3})
    assert list(neither) == ["stories"]
    too_many = clean_errors(
        block,
        {"heading": "", "stories": [], "field_of_work": story_world["policing"].pk, "count": 50},
    )
    assert list(too_many) == ["count"]
    valid = block.clean(
        block.to_python({"heading": "", "stories": [story.pk], "field_of_work": None, "count": 3})
    )
    assert block.mode(valid) == "chosen"


def test_latest_mode_lists_newest_live_public_stories_of_the_field(story_world):
    stories = story_world["stories"]
    stories["police-5"].unpublish()
    PageViewRestriction.objects.create(page=stories["police-4"], restriction_type="login")
    raw = [
        {
            "type": "related_stories",
            "value": {
                "heading": "More on policing",
                "stories": [],
                "field_of_work": story_world["policing"].pk,
                "count": 2,
            },
        }
    ]
    # Viewed from police story 3: it is not listed as related to itself.
    html = render_stream(raw, {"page": stories["police-3"]})
    assert "More on policing" in html
    assert "Police story 2" in html and "Police story 1" in html
    assert html.index("Police story 2") < html.index("Police story 1")
    for hidden in ("Police story 5", "Police story 4", "Police story 3", "Election story"):
        assert hidden not in html

    api = api_stream(raw, {"page": stories["police-3"]})[0]["value"]
    RelatedStoriesOut.model_validate(api)
    assert api["mode"] == "latest"
    assert api["field_of_work"]["slug"] == "policing"
    assert [s["title"] for s in api["stories"]] == ["Police story 2", "Police story 1"]
    assert api["stories"][0]["url"] == stories["police-2"].url
    assert api["stories"][0]["date"] == "2024-01-02"


def test_latest_mode_skips_stories_in_hidden_sections_or_out_of_time(story_world):
    hidden_section = StoryIndexPageFactory(title="Hidden section")
    StoryPageFactory(
        parent=hidden_section,
        title="Story in unpublished section",
        date=datetime.date(2025, 1, 1),
        fields_of_work=[story_world["elections"]],
    )
    hidden_section.unpublish()
    expired = StoryPageFactory(
        parent=story_world["index"],
        title="Expired election story",
        date=datetime.date(2025, 2, 1),
        fields_of_work=[story_world["elections"]],
    )
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    raw = [
        {
            "type": "related_stories",
            "value": {
                "heading": "",
                "stories": [],
                "field_of_work": story_world["elections"].pk,
                "count": 5,
            },
        }
    ]
    assert [s["title"] for s in api_stream(raw)[0]["value"]["stories"]] == ["Election story"]


def test_chosen_mode_keeps_order_and_drops_hidden_stories(story_world):
    stories = story_world["stories"]
    draft = StoryPageFactory(parent=story_world["index"], title="Draft story", live=False)
    raw = [
        {
            "type": "related_stories",
            "value": {
                "heading": "Read next",
                "stories": [stories["election"].pk, draft.pk, stories["police-1"].pk],
                "field_of_work": None,
                "count": 3,
            },
        }
    ]
    api = api_stream(raw)[0]["value"]
    assert api["mode"] == "chosen"
    assert api["field_of_work"] is None
    assert [s["title"] for s in api["stories"]] == ["Election story", "Police story 1"]
    html = render_stream(raw)
    assert html.index("Election story") < html.index("Police story 1")
    assert "Draft story" not in html


def test_chosen_story_is_shown_in_the_readers_language(story_world, locales):
    from django.utils import translation

    english = story_world["stories"]["election"]
    french = english.copy_for_translation(locales["fr"], copy_parents=True)
    french.title = "Article sur les élections"
    french.save_revision().publish()
    raw = [
        {
            "type": "related_stories",
            "value": {"heading": "", "stories": [english.pk], "field_of_work": None, "count": 3},
        }
    ]
    with translation.override("fr"):
        titles = [s["title"] for s in api_stream(raw)[0]["value"]["stories"]]
    assert titles == ["Article sur les élections"]
    with translation.override("en"):
        assert [s["title"] for s in api_stream(raw)[0]["value"]["stories"]] == ["Election story"]


# Upcoming meetings -------------------------------------------------------------------


@pytest.fixture
def meeting_world(locales):
    council = MeetingSeriesFactory(
        name="Ministerial Council meetings", slug="ministerial-council-meetings"
    )
    summits = MeetingSeriesFactory(name="Summit meetings", slug="summit-meetings")
    index = MeetingIndexPageFactory()
    now = timezone.now()

    def meeting(title: str, series, days: int, length: int = 1, **kwargs):
        start = now + datetime.timedelta(days=days)
        return MeetingPageFactory(
            parent=index,
            title=title,
            series=series,
            start=start,
            end=start + datetime.timedelta(days=length),
            **kwargs,
        )

    return {
        "council": council,
        "summits": summits,
        "past": meeting("Past council", council, -30),
        "ongoing": meeting("Ongoing council", council, -1, length=3),
        "soon": meeting("Soon summit", summits, 10),
        "later": meeting("Later council", council, 100),
        "latest": meeting("Latest council", council, 200),
        "draft": meeting("Draft council", council, 5, live=False),
    }


def test_upcoming_meetings_soonest_first_without_ended_or_draft(meeting_world):
    raw = [{"type": "upcoming_meetings", "value": {"heading": "Next", "series": None, "count": 3}}]
    html = render_stream(raw)
    assert html.index("Ongoing council") < html.index("Soon summit") < html.index("Later council")
    for hidden in ("Past council", "Draft council", "Latest council"):
        assert hidden not in html
    api = api_stream(raw)[0]["value"]
    UpcomingMeetingsOut.model_validate(api)
    assert [m["title"] for m in api["meetings"]] == [
        "Ongoing council",
        "Soon summit",
        "Later council",
    ]
    assert [m["status"] for m in api["meetings"]] == ["ongoing", "upcoming", "upcoming"]


def test_upcoming_meetings_of_one_series(meeting_world):
    raw = [
        {
            "type": "upcoming_meetings",
            "value": {"heading": "", "series": meeting_world["council"].pk, "count": 2},
        },
        {
            "type": "upcoming_meetings",
            "value": {"heading": "", "series": meeting_world["summits"].pk, "count": 5},
        },
    ]
    council, summits = (item["value"] for item in api_stream(raw))
    assert [m["title"] for m in council["meetings"]] == ["Ongoing council", "Later council"]
    assert council["series"]["slug"] == "ministerial-council-meetings"
    assert [m["title"] for m in summits["meetings"]] == ["Soon summit"]
    assert summits["meetings"][0]["series"]["name"] == "Summit meetings"


def test_upcoming_meetings_says_when_there_are_none(locales):
    html = render_stream(
        [{"type": "upcoming_meetings", "value": {"heading": "Next", "series": None, "count": 3}}]
    )
    assert "No upcoming meetings are scheduled yet." in html


def test_a_block_rendered_on_its_own_resolves_its_value(story_world):
    block = RelatedStoriesBlock()
    value = block.to_python(
        {
            "heading": "Alone",
            "stories": [],
            "field_of_work": story_world["elections"].pk,
            "count": 3,
        }
    )
    assert "Election story" in block.render(value)
    assert [s["title"] for s in block.get_api_representation(value)["stories"]] == [
        "Election story"
    ]


# Bulk fetching -------------------------------------------------------------------------


def _reference_stream(world: dict, meetings: dict, states: list, copies: int) -> list[dict]:
    stories = world["stories"]
    raw = []
    for n in range(copies):
        raw += [
            {
                "type": "states",
                "value": {"heading": f"States {n}", "states": [s.pk for s in states]},
            },
            {
                "type": "related_stories",
                "value": {
                    "heading": f"Latest {n}",
                    "stories": [],
                    "field_of_work": (world["policing"] if n % 2 else world["elections"]).pk,
                    "count": 1 + n % 3,
                },
            },
            {
                "type": "related_stories",
                "value": {
                    "heading": f"Chosen {n}",
                    "stories": [stories["police-1"].pk],
                    "field_of_work": None,
                    "count": 3,
                },
            },
            {
                "type": "upcoming_meetings",
                "value": {
                    "heading": f"Meetings {n}",
                    "series": meetings["council"].pk if n % 2 else None,
                    "count": 2,
                },
            },
        ]
    return raw


def test_reference_blocks_cost_the_same_whatever_their_number(story_world, meeting_world, states):
    counts = {}
    # Warm-up: the site root paths are computed once and cached.
    render_stream(_reference_stream(story_world, meeting_world, states, 1))
    for copies in (2, 12):
        raw = _reference_stream(story_world, meeting_world, states, copies)
        with CaptureQueriesContext(connection) as render_queries:
            html = render_stream(raw)
        with CaptureQueriesContext(connection) as api_queries:
            api = api_stream(raw)
        assert len(api) == 4 * copies
        assert html.count('class="osce-story-card__title"') >= copies
        counts[copies] = (len(render_queries), len(api_queries))
    print(f"reference stream queries (render, API) by copies of the 4-block group: {counts}")
    assert counts[2] == counts[12], counts
