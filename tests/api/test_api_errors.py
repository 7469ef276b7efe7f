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
    ("stories?page=99", "page"),
    ("stories?date_from=2024-13-45", "date_from"),
    ("stories?date_to=yesterday", "date_to"),
    ("stories?date_from=2024-05-01&date_to=2024-01-01", "date_to"),
    ("stories?field=no-such-field", "field"),
    ("stories?country=atlantis", "country"),
    ("stories?source=no-such-body", "source"),
    ("stories?ordering=title", "ordering"),
    ("stories?locale=xx", "locale"),
    ("meetings?status=soon", "status"),
    ("meetings?series=no-such-series", "series"),
    ("meetings?organiser=nobody", "organiser"),
    ("meetings?ordering=date", "ordering"),
    ("pages?type=wagtail_osce.Nothing", "type"),
    ("pages?type=not-a-model", "type"),
    ("pages?child_of=999999", "child_of"),
    ("pages?child_of=abc", "child_of"),
    ("pages?ordering=random", "ordering"),
    ("pages/find", "html_path"),
    ("pages/1?locale=klingon", "locale"),
    ("search", "q"),
    ("search?q=", "q"),
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
    assert error["code"] in {"invalid_parameter", "unknown_value", "unknown_locale"}
    assert parameter in error["message"] or error["code"] == "unknown_value"


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
