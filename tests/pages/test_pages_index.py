"""Index pages: what they list, in which order, filtered and paginated, whatever the query string."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone
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

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")


def listed_titles(response, card_class: str = "osce-story-card__title") -> list[str]:
    html = response.content.decode()
    return re.findall(rf'class="{card_class}"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture
def taxonomy(locales):
    return {
        "policing": FieldOfWorkFactory(name="Policing", slug="policing"),
        "elections": FieldOfWorkFactory(name="Elections", slug="elections"),
        "austria": ParticipatingStateFactory(name="Austria", slug="austria", iso_code="AT"),
        "malta": ParticipatingStateFactory(name="Malta", slug="malta", iso_code="MT"),
        "council": StructureFactory(name="Ministerial Council", slug="ministerial-council"),
        "odihr": StructureFactory(name="ODIHR", slug="odihr"),
    }


@pytest.fixture
def stories(taxonomy):
    index = StoryIndexPageFactory(title="OSCE Impact")
    made = {
        "old": StoryPageFactory(
            parent=index,
            title="Old policing story",
            date=datetime.date(2022, 5, 1),
            fields_of_work=[taxonomy["policing"]],
            countries=[taxonomy["austria"]],
            sources=[taxonomy["council"]],
        ),
        "new": StoryPageFactory(
            parent=index,
            title="New election story",
            date=datetime.date(2024, 9, 1),
            fields_of_work=[taxonomy["elections"]],
            countries=[taxonomy["malta"]],
            sources=[taxonomy["odihr"]],
        ),
        "mid": StoryPageFactory(
            parent=index,
            title="Middle policing story",
            date=datetime.date(2023, 3, 1),
            fields_of_work=[taxonomy["policing"]],
            countries=[taxonomy["malta"]],
            sources=[taxonomy["council"]],
        ),
    }
    return index, made


# What is listed ------------------------------------------------------------------


def test_lists_live_public_children_newest_first(client, stories):
    index, _made = stories
    response = client.get(index.url)
    assert response.status_code == 200
    assert listed_titles(response) == [
        "New election story",
        "Middle policing story",
        "Old policing story",
    ]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<time datetime="2024-09-01">' in html


def test_hides_drafts_unpublished_and_private_stories(client, stories):
    index, _made = stories
    StoryPageFactory(parent=index, title="Draft story", live=False)
    unpublished = StoryPageFactory(parent=index, title="Withdrawn story")
    unpublished.unpublish()
    private = StoryPageFactory(parent=index, title="Private story")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    elsewhere = StoryIndexPageFactory(title="Other section")
    StoryPageFactory(parent=elsewhere, title="Story in another section")

    expired = StoryPageFactory(parent=index, title="Expired story")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    early = StoryPageFactory(parent=index, title="Not yet due story")
    type(early).objects.filter(pk=early.pk).update(
        go_live_at=timezone.now() + datetime.timedelta(days=1)
    )

    titles = listed_titles(client.get(index.url))

    assert titles == ["New election story", "Middle policing story", "Old policing story"]


def test_a_restricted_index_lists_its_stories_to_those_who_may_see_it(client, stories):
    from django.contrib.auth import get_user_model

    index, _made = stories
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert client.get(index.url).status_code == 302  # the login wall
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    assert len(listed_titles(client.get(index.url))) == 3


# Filters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("field=policing", ["Middle policing story", "Old policing story"]),
        ("country=mt", ["New election story", "Middle policing story"]),
        ("country=MT", ["New election story", "Middle policing story"]),
        ("country=malta", ["New election story", "Middle policing story"]),
        ("source=ministerial-council", ["Middle policing story", "Old policing story"]),
        ("year=2023", ["Middle policing story"]),
        ("field=policing&country=mt", ["Middle policing story"]),
        ("field=policing&year=2022", ["Old policing story"]),
    ],
)
def test_filters_narrow_the_listing(client, stories, query, expected):
    index, _made = stories
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert listed_titles(response) == expected


def test_filter_form_offers_only_used_values_and_marks_the_chosen_one(client, stories, taxonomy):
    index, _made = stories
    FieldOfWorkFactory(name="Unused field", slug="unused-field")
    html = client.get(f"{index.url}?field=policing").content.decode()
    assert '<label for="osce-filter-field">' in html
    assert '<option value="policing" selected>Policing</option>' in html
    assert '<option value="elections">Elections</option>' in html
    # The site menus list every field of work; the filter form only the used ones.
    form = html[html.index('<form class="osce-filters"') : html.index("</form>")]
    assert "Unused field" not in form
    assert '<option value="mt">Malta</option>' in html
    assert '<option value="2024">2024</option>' in html


def test_filter_matches_a_translated_reference(client, stories, taxonomy, locales):
    """A story pointing at the French row of a field of work is found by its slug too."""
    index, made = stories
    french = taxonomy["elections"].copy_for_translation(locales["fr"])
    french.name = "Élections"
    french.save()
    made["old"].fields_of_work.set([french])
    made["old"].save()
    assert listed_titles(client.get(f"{index.url}?field=elections")) == [
        "New election story",
        "Old policing story",
    ]


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("field=no-such-field", "No field of work matches “no-such-field”"),
        ("country=zz", "No country matches “zz”"),
        ("source=%3Cscript%3E", "No source matches “&lt;script&gt;”"),
        ("year=abc", "“abc” is not a year"),
        ("year=99999", "“99999” is not a year"),
        ("field=" + "x" * 500, "No field of work matches"),
        ("field=a%00b", "No field of work matches “ab”"),
        ("year=%C2%B9%C2%B2%C2%B3%C2%B4", "is not a year"),
    ],
)
def test_bad_filter_values_are_ignored_with_a_notice(client, stories, query, notice):
    index, _made = stories
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert len(listed_titles(response)) == 3
    html = response.content.decode()
    assert notice in html
    assert 'role="status"' in html


# Pagination -----------------------------------------------------------------------


@override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 2})
def test_paginates_with_the_configured_page_size(client, stories):
    index, _made = stories
    first = client.get(index.url)
    assert listed_titles(first) == ["New election story", "Middle policing story"]
    html = first.content.decode()
    assert '<nav class="osce-pagination" aria-label="Pagination">' in html
    assert 'href="?page=2" rel="next"' in html
    assert 'aria-current="page">1</a>' in html
    second = client.get(f"{index.url}?page=2")
    assert listed_titles(second) == ["Old policing story"]


@override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 1})
def test_pagination_links_keep_the_filters(client, stories):
    index, _made = stories
    html = client.get(f"{index.url}?field=policing").content.decode()
    assert 'href="?field=policing&amp;page=2" rel="next"' in html


@override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 2})
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("999", ["Old policing story"]),
        ("0", ["Old policing story"]),
        ("-1", ["Old policing story"]),
        ("abc", ["New election story", "Middle policing story"]),
        ("", ["New election story", "Middle policing story"]),
    ],
)
def test_bad_page_numbers_give_the_nearest_page(client, stories, page, expected):
    index, _made = stories
    response = client.get(f"{index.url}?page={page}")
    assert response.status_code == 200
    assert listed_titles(response) == expected


def test_empty_listing_says_so(client, locales):
    index = StoryIndexPageFactory()
    response = client.get(index.url)
    assert response.status_code == 200
    assert "No stories match these filters." in response.content.decode()


# Meetings -------------------------------------------------------------------------


@pytest.fixture
def meetings(locales):
    index = MeetingIndexPageFactory(title="Meetings and conferences")
    council = MeetingSeriesFactory(
        name="Ministerial Council meetings", slug="ministerial-council-meetings"
    )
    summits = MeetingSeriesFactory(name="Summit meetings", slug="summit-meetings")
    now = timezone.now()
    made = {
        "astana": MeetingPageFactory(
            parent=index,
            title="Astana Summit",
            series=summits,
            start=datetime.datetime(2010, 12, 1, tzinfo=VIENNA),
            end=datetime.datetime(2010, 12, 2, 18, tzinfo=VIENNA),
        ),
        "skopje": MeetingPageFactory(
            parent=index,
            title="Skopje Ministerial",
            series=council,
            start=datetime.datetime(2023, 11, 30, tzinfo=VIENNA),
            end=datetime.datetime(2023, 12, 1, 18, tzinfo=VIENNA),
        ),
        "later": MeetingPageFactory(
            parent=index,
            title="Later conference",
            series=council,
            start=now + datetime.timedelta(days=400),
            end=now + datetime.timedelta(days=401),
        ),
        "soon": MeetingPageFactory(
            parent=index,
            title="Soon conference",
            series=summits,
            start=now + datetime.timedelta(days=20),
            end=now + datetime.timedelta(days=21),
        ),
        "ongoing": MeetingPageFactory(
            parent=index,
            title="Ongoing conference",
            series=council,
            start=now - datetime.timedelta(hours=2),
            end=now + datetime.timedelta(hours=5),
        ),
    }
    return index, made


def meeting_titles(response) -> list[str]:
    return listed_titles(response, "osce-meeting-card__title")


def test_meetings_upcoming_ascending_then_past_descending(client, meetings):
    index, _made = meetings
    response = client.get(index.url)
    assert response.status_code == 200
    assert meeting_titles(response) == [
        "Ongoing conference",
        "Soon conference",
        "Later conference",
        "Skopje Ministerial",
        "Astana Summit",
    ]
    html = response.content.decode()
    upcoming_at = html.index('id="osce-upcoming-meetings"')
    past_at = html.index('id="osce-past-meetings"')
    assert upcoming_at < html.index("Soon conference") < past_at < html.index("Skopje Ministerial")
    assert "Ongoing" in html and "Concluded" in html


def test_meetings_hide_drafts_and_private_pages(client, meetings):
    index, _made = meetings
    MeetingPageFactory(parent=index, title="Draft meeting", live=False)
    private = MeetingPageFactory(parent=index, title="Private meeting")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    titles = meeting_titles(client.get(index.url))
    assert "Draft meeting" not in titles
    assert "Private meeting" not in titles
    assert len(titles) == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("series=summit-meetings", ["Soon conference", "Astana Summit"]),
        ("year=2023", ["Skopje Ministerial"]),
        ("series=summit-meetings&year=2010", ["Astana Summit"]),
    ],
)
def test_meetings_filter(client, meetings, query, expected):
    index, _made = meetings
    assert meeting_titles(client.get(f"{index.url}?{query}")) == expected


@override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 2})
@pytest.mark.parametrize(
    "query", ["series=nope", "year=20x4", "page=999", "page=abc", "country=%00"]
)
def test_meetings_survive_bad_parameters(client, meetings, query):
    index, _made = meetings
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert len(meeting_titles(response)) in (1, 2)
