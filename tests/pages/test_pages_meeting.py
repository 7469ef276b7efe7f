"""Meeting pages: dates and status, validation in the admin, documents and the served HTML."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import MeetingSeriesFactory, ParticipatingStateFactory, StructureFactory
from tests.page_factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    StoryIndexPageFactory,
    site_root,
)
from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")


def vienna(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VIENNA)


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["wagtail_osce", "meetingpage", parent.pk])


def meeting_form_data(**overrides) -> dict:
    data = {
        "title": "Ministerial Council 2024",
        "slug": "ministerial-council-2024",
        "start": "2024-12-05 09:00",
        "end": "2024-12-06 18:00",
        "city": "Ta' Qali",
        "venue": "Mediterranean Conference Centre",
        "lead": "",
        "livestream_url": "",
        "series": "",
        "country": "",
        "organiser": "",
        "body": streamfield([]),
        "documents": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def taxonomy(locales):
    return {
        "series": MeetingSeriesFactory(
            name="Ministerial Council meetings", slug="ministerial-council-meetings"
        ),
        "state": ParticipatingStateFactory(name="Malta", slug="malta", iso_code="MT"),
        "organiser": StructureFactory(name="Chairpersonship", slug="chairpersonship"),
    }


def make_document(title: str = "Ministerial Declaration") -> object:
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save("declaration.pdf", ContentFile(b"%PDF-1.4\n% test\n"), save=False)
    document.save()
    return document


# Status ----------------------------------------------------------------------


def test_status_follows_the_dates():
    meeting = MeetingPage(start=vienna(2024, 12, 5, 9), end=vienna(2024, 12, 6, 18))
    assert meeting.get_status(now=vienna(2024, 12, 5, 8, 59)) == "upcoming"
    assert meeting.get_status(now=vienna(2024, 12, 5, 9)) == "ongoing"
    assert meeting.get_status(now=vienna(2024, 12, 6, 18)) == "ongoing"
    assert meeting.get_status(now=vienna(2024, 12, 6, 18, 1)) == "concluded"


def test_status_compares_instants_not_wall_clocks():
    meeting = MeetingPage(start=vienna(2024, 12, 5, 9), end=vienna(2024, 12, 5, 12))
    # 08:30 UTC is 09:30 in Vienna: the meeting has begun.
    assert (
        meeting.get_status(now=datetime.datetime(2024, 12, 5, 8, 30, tzinfo=datetime.UTC))
        == "ongoing"
    )
    # 11:30 UTC is 12:30 in Vienna: it is over.
    assert (
        meeting.get_status(now=datetime.datetime(2024, 12, 5, 11, 30, tzinfo=datetime.UTC))
        == "concluded"
    )


def test_all_day_meeting_lasts_until_the_end_of_its_last_local_day():
    meeting = MeetingPage(start=vienna(2024, 12, 5, 0), end=vienna(2024, 12, 6, 0), all_day=True)
    assert meeting.get_status(now=vienna(2024, 12, 4, 23, 59)) == "upcoming"
    assert meeting.get_status(now=vienna(2024, 12, 6, 23, 30)) == "ongoing"
    # 23:10 UTC on the 6th is already the 7th in Vienna.
    assert (
        meeting.get_status(now=datetime.datetime(2024, 12, 6, 23, 10, tzinfo=datetime.UTC))
        == "concluded"
    )


def test_all_day_meeting_is_stored_as_whole_days(taxonomy):
    meeting = MeetingPageFactory(
        start=vienna(2024, 12, 5, 15), end=vienna(2024, 12, 6, 10), all_day=True
    )
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.start, VIENNA) == vienna(2024, 12, 5, 0)
    assert timezone.localtime(meeting.end, VIENNA).date() == datetime.date(2024, 12, 6)
    assert timezone.localtime(meeting.end, VIENNA).time() >= datetime.time(23, 59, 59)


def test_status_property_uses_the_current_time():
    past = MeetingPage(start=vienna(2010, 12, 1, 9), end=vienna(2010, 12, 2, 18))
    future = MeetingPage(
        start=timezone.now() + datetime.timedelta(days=30),
        end=timezone.now() + datetime.timedelta(days=31),
    )
    assert past.status == "concluded"
    assert future.status == "upcoming"
    assert past.status_label == "Concluded"


# Serving -----------------------------------------------------------------------


def test_meeting_serves_accessible_html(client, taxonomy):
    document = make_document()
    meeting = MeetingPageFactory(
        title="31st OSCE Ministerial Council",
        start=vienna(2024, 12, 5, 0),
        end=vienna(2024, 12, 6, 0),
        all_day=True,
        city="Ta' Qali",
        venue="Mediterranean Conference Centre",
        country=taxonomy["state"],
        series=taxonomy["series"],
        organiser=taxonomy["organiser"],
        livestream_url="https://example.org/live",
        body=[{"type": "rich_text", "value": "<p>Foreign ministers met in Malta.</p>"}],
        documents=[
            {
                "type": "document",
                "value": {
                    "document": document.pk,
                    "title": "",
                    "description": "",
                    "kind": "declaration",
                },
            }
        ],
    )

    response = client.get(meeting.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r"<article[^>]*>.*<h1[^>]*>31st OSCE Ministerial Council</h1>", html, re.S)
    assert '<time datetime="2024-12-05">5 December 2024</time>' in html
    assert '<time datetime="2024-12-06">6 December 2024</time>' in html
    assert "Mediterranean Conference Centre, Ta&#x27; Qali, Malta" in html
    assert "Ministerial Council meetings" in html
    assert "Chairpersonship" in html
    assert "Concluded" in html
    assert 'href="https://example.org/live"' in html
    assert "Foreign ministers met in Malta." in html
    assert "Declaration" in html
    assert "Ministerial Declaration" in html
    assert f'href="{document.url}"' in html


def test_timed_meeting_shows_times(client):
    meeting = MeetingPageFactory(start=vienna(2027, 3, 10, 9, 30), end=vienna(2027, 3, 10, 17, 0))
    html = client.get(meeting.url).content.decode()
    assert 'datetime="2027-03-10T09:30:00+01:00"' in html
    assert "10 March 2027, 09:30" in html
    assert "Upcoming" in html


# Admin -------------------------------------------------------------------------


def test_admin_add_view_loads_and_publishes(admin_client, taxonomy):
    index = MeetingIndexPageFactory()
    url = add_url(index)
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        meeting_form_data(
            series=str(taxonomy["series"].pk),
            country=str(taxonomy["state"].pk),
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    meeting = MeetingPage.objects.get(slug="ministerial-council-2024")
    assert meeting.live
    assert meeting.series == taxonomy["series"]
    assert timezone.localtime(meeting.start, VIENNA) == vienna(2024, 12, 5, 9)
    assert admin_client.get(meeting.url).status_code == 200


def test_admin_edit_view_loads(admin_client, taxonomy):
    meeting = MeetingPageFactory(series=taxonomy["series"])
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    assert response.status_code == 200
    assert 'id="tab-label-taxonomy"' in response.content.decode()


def test_end_before_start_is_an_error_on_end(admin_client):
    index = MeetingIndexPageFactory()
    response = admin_client.post(
        add_url(index),
        meeting_form_data(
            start="2024-12-06 09:00", end="2024-12-05 18:00", **{"action-publish": "action-publish"}
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["end"]
    assert "cannot end before it starts" in str(errors["end"])
    assert not MeetingPage.objects.exists()


def test_meetings_only_go_under_a_meeting_index():
    meeting_index = MeetingIndexPageFactory()
    story_index = StoryIndexPageFactory()
    assert MeetingPage.can_create_at(meeting_index)
    assert not MeetingPage.can_create_at(site_root())
    assert not MeetingPage.can_create_at(story_index)
    assert MeetingIndexPage.can_create_at(site_root())
    assert MeetingIndexPage.allowed_subpage_models() == [MeetingPage]


def test_meeting_pages_declare_the_shared_wagtail_api_fields():
    from wagtail_osce.pages.api_fields import MEETING_INDEX_PAGE_API_FIELDS, MEETING_PAGE_API_FIELDS

    assert MeetingPage.api_fields is MEETING_PAGE_API_FIELDS
    assert MeetingIndexPage.api_fields is MEETING_INDEX_PAGE_API_FIELDS
    names = {field.name for field in MeetingPage.api_fields}
    assert {
        "start",
        "end",
        "status",
        "series",
        "country",
        "organiser",
        "documents",
        "body",
    } <= names
