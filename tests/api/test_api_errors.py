"""Bad input gets a 400 naming the parameter, unknown objects a 404, and nothing a 5xx."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import RequestFactory

from tests.api.builders import API, story, story_index
from wagtail_osce.api.api import api
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

BAD_PARAMETERS = [
    ("stories?page_size=0", "page_size"),
    ("stories?page_size=1000", "page_size"),
    ("stories?page_size=abc", "page_size"),
    ("stories?page=0", "page"),
    ("stories?page=abc", "page"),
    ("stories?date_from=2024-13-45", "date_from"),
    ("stories?date_to=yesterday", "date_to"),
    ("stories?date_to=0", "date_to"),
    ("meetings?date_from=1700000000", "date_from"),
    ("stories?date_from=2024-1-5", "date_from"),
    ("stories?field=not a slug", "field"),
    ("stories?ordering=title", "ordering"),
    ("stories?locale=xx", "locale"),
    ("stories?locale=fr-", "locale"),
    ("stories?locale=x-fr", "locale"),
    ("stories?locale=en&locale=fr", "locale"),
    ("stories?page=1&page=2", "page"),
    ("stories?ordering=date&ordering=-date", "ordering"),
    ("stories?field=" + "&field=".join(["policing"] * 21), "field"),
    ("meetings?status=soon", "status"),
    ("meetings?ordering=date", "ordering"),
    ("pages?type=wagtail_osce.Nothing", "type"),
    ("pages?type=not-a-model", "type"),
    ("pages?type=wagtail_osce.storypage", "type"),
    ("pages?child_of=abc", "child_of"),
    ("pages?ordering=random", "ordering"),
    ("pages/find", "html_path"),
    ("pages/1?locale=klingon", "locale"),
    ("search", "q"),
    ("search?q=", "q"),
    ("search?q=%20%20", "q"),
    ("search?q=a&q=b", "q"),
    ("search?q=" + "x" * 300, "q"),
    ("search?q=a&page_size=-1", "page_size"),
    ("states?locale=zz", "locale"),
    ("structures?kind=embassy", "kind"),
    ("structures?status=open", "status"),
    ("partners?group=african", "group"),
    ("navigation?locale=123", "locale"),
]


@pytest.fixture
def content(locales):
    FieldOfWork.objects.create(name="Policing", slug="policing", locale=locales["en"])
    MeetingSeries.objects.create(name="Summits", slug="summits", locale=locales["en"])
    ParticipatingState.objects.create(
        name="Austria", slug="austria", iso_code="AT", locale=locales["en"]
    )
    Structure.objects.create(name="ODIHR", slug="odihr", kind="institution", locale=locales["en"])
    index = story_index()
    story(index, "Police reform")
    return index


@pytest.mark.parametrize(("path", "parameter"), BAD_PARAMETERS)
def test_bad_parameter_is_400_naming_it(client, content, path, parameter):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["code"] in {"invalid_parameter", "unknown_locale"}
    assert parameter in error["message"]


def test_a_repeated_single_value_parameter_says_so(client, content):
    error = client.get(f"{API}/stories?locale=en&locale=fr").json()["error"]
    assert error["message"] == "locale takes one value; it was given 2 times."


def test_an_unknown_locale_lists_the_sites_languages(client, content):
    error = client.get(f"{API}/states?locale=xx").json()["error"]
    assert error["code"] == "unknown_locale"
    assert "en, fr, de" in error["message"]


UNKNOWN_VALUES = [
    ("stories?field=no-such-field", "field"),
    ("stories?field=policing&field=no-such-field", "field"),
    ("stories?country=atlantis", "country"),
    ("stories?source=no-such-body", "source"),
    ("meetings?series=no-such-series", "series"),
    ("meetings?organiser=nobody", "organiser"),
    ("meetings?country=atlantis", "country"),
    ("pages?child_of=999999", "child_of"),
]


@pytest.mark.parametrize(("path", "parameter"), UNKNOWN_VALUES)
def test_a_filter_naming_nothing_is_404_naming_it(client, content, path, parameter):
    """A well-formed value that names nothing: the listing it asks for does not exist."""
    response = client.get(f"{API}/{path}")
    assert response.status_code == 404, response.content
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("unknown_value", parameter)
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("listing", ["stories", "meetings", "pages", "search?q=police"])
def test_a_page_past_the_last_is_404_naming_page(client, content, listing):
    separator = "&" if "?" in listing else "?"
    response = client.get(f"{API}/{listing}{separator}page=99")
    assert response.status_code == 404, response.content
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("not_found", "page")
    assert "99" in error["message"]


def test_page_one_of_an_empty_listing_is_an_empty_page(client, content):
    body = client.get(f"{API}/meetings?page=1").json()
    assert (body["count"], body["page"], body["results"]) == (0, 1, [])


def test_repeated_filters_are_combined_with_or(client, locales, content):
    justice = FieldOfWork.objects.create(name="Justice", slug="justice", locale=locales["en"])
    story(content, "Court reform", fields=[justice])
    story(content, "Patrols", fields=[FieldOfWork.objects.get(slug="policing")])
    one = client.get(f"{API}/stories?field=justice").json()
    both = client.get(f"{API}/stories?field=justice&field=policing").json()
    assert [item["title"] for item in one["results"]] == ["Court reform"]
    assert sorted(item["title"] for item in both["results"]) == ["Court reform", "Patrols"]
    repeated = client.get(f"{API}/stories?field=justice&field=justice").json()
    assert repeated["count"] == 1


def test_an_inverted_date_range_is_an_empty_listing(client, content):
    response = client.get(f"{API}/stories?date_from=2024-05-01&date_to=2024-01-01")
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert client.get(f"{API}/stories?date_from=2000-01-01").json()["count"] == 1


NOT_FOUND = [
    "states/atlantis",
    "partners/atlantis",
    "structures/no-such-body",
    "fields-of-work/knitting",
    "meeting-series/none",
    "stories/999999",
    "meetings/999999",
    "pages/999999",
    "pages/find?html_path=/no/such/page/",
    "no-such-endpoint",
    "stories/1/extra",
]


@pytest.mark.parametrize("path", NOT_FOUND)
def test_unknown_object_is_404_json(client, content, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


ODD_INPUTS = [
    "stories?page=99999999999999999999999",
    "stories?page_size=1e3",
    "stories?date_from=0000-00-00",
    "stories?date_from=9999-12-31",
    "stories?field=%00",
    "stories?country=" + "a" * 5000,
    "stories?locale=%F0%9F%98%80",
    "pages/find?html_path=" + "/x" * 500,
    "pages/find?html_path=//fr//",
    "pages?child_of=-1",
    "pages?child_of=99999999999999999999999",
    "pages/99999999999999999999999",
    "stories/99999999999999999999999",
    "meetings/0",
    "search?q=%22%27%3B--",
    "search?q=AND OR NOT",
    "structures/tree?locale=",
    "meetings?date_from=2024-02-30",
]


@pytest.mark.parametrize("path", ODD_INPUTS)
def test_odd_input_never_5xx(client, content, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code < 500, response.content
    assert "error" in response.json() or response.status_code == 200


def test_unexpected_failure_is_logged_json_500(caplog, rf: RequestFactory):
    request = rf.get(f"{API}/stories")
    with caplog.at_level(logging.ERROR, logger="wagtail_osce.api.errors"):
        response = api.on_exception(request, RuntimeError("database went away"))
    assert response.status_code == 500
    body = json.loads(response.content)
    assert body == {
        "error": {"code": "server_error", "message": "Internal server error.", "parameter": None}
    }
    assert "database went away" not in response.content.decode()
    assert any("Unhandled error" in record.message for record in caplog.records)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_with_json_405(client, content, method):
    response = getattr(client, method)(f"{API}/stories")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_head_is_served_like_get_without_a_body(client, content):
    get = client.get(f"{API}/stories")
    head = client.head(f"{API}/stories")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_api_root_points_to_the_documents(client):
    body = client.get(f"{API}/").json()
    assert body["openapi"] == f"{API}/openapi.json"
    assert body["docs"] == f"{API}/docs"
