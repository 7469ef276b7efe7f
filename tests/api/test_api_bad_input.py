"""Bad input never reaches a query: NUL bytes, control characters and over-long values.

The operations and their parameters are read from the API's own OpenAPI
document, so a new endpoint or parameter is probed without editing this file.
PostgreSQL refuses a NUL in text with an error SQLite does not raise, so this
module is the one that catches a 500 there: it runs in both database passes.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import quote

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.api.builders import API, story, story_index
from wagtail_osce.api.api import api
from wagtail_osce.snippets import FieldOfWork, ParticipatingState

BAD_VALUES = {
    "a NUL byte": "a\x00b",
    "only a NUL byte": "\x00",
    "a control character": "a\x01b",
    "a newline": "a\nb",
    "DEL": "a\x7fb",
    "5,000 characters": "x" * 5000,
}


def document() -> dict[str, Any]:
    """The document as clients read it (JSON: statuses are strings)."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix=API)))


def operations() -> list[tuple[str, dict[str, Any]]]:
    return [(path, item["get"]) for path, item in sorted(document()["paths"].items())]


@pytest.fixture
def content(locales):
    en = locales["en"]
    FieldOfWork.objects.create(name="Policing", slug="policing", locale=en)
    ParticipatingState.objects.create(name="Austria", slug="austria", iso_code="AT", locale=en)
    return {"story": story(story_index(), "Police reform")}


def valid_values(operation: dict[str, Any], content: dict[str, Any]) -> dict[str, str]:
    """A value that passes the checks for each required or path parameter."""
    values = {}
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            values[name] = str(content["story"].pk) if name == "page_id" else "austria"
        elif parameter.get("required"):
            values[name] = {
                "q": lambda: "police",
                "html_path": lambda: "/stories/police-reform/",
                "path": lambda: "/old-story/",
                "content_type": lambda: content["story"].get_content_type_str(),
                "token": lambda: content["story"].create_page_preview().token,
            }[name]()
    return values


def url_for(path: str, operation: dict[str, Any], values: dict[str, str]) -> str:
    query = []
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if name not in values:
            continue
        if parameter["in"] == "path":
            path = path.replace("{" + name + "}", quote(values[name], safe=""))
        else:
            query.append(f"{name}={quote(values[name], safe='')}")
    return path + ("?" + "&".join(query) if query else "")


@pytest.mark.parametrize(("path", "operation"), operations(), ids=[p for p, _ in operations()])
def test_every_parameter_refuses_nul_control_characters_and_overlong_values(
    client, content, path, operation
):
    """Each parameter in turn gets each bad value: a 400 naming it, documented, never a 5xx."""
    base = valid_values(operation, content)
    assert client.get(url_for(path, operation, base)).status_code in (200, 404)
    probed = 0
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        for label, bad in BAD_VALUES.items():
            url = url_for(path, operation, {**base, name: bad})
            response = client.get(url)
            probed += 1
            assert response.status_code < 500, (url[:200], response.content[:300])
            assert str(response.status_code) in operation["responses"], (url[:200], label)
            assert response.status_code == 400, (url[:200], label, response.content[:300])
            error = response.json()["error"]
            assert error["parameter"] == name, (url[:200], label, error)
            assert response["Cache-Control"] == "no-cache"
    assert probed == len(BAD_VALUES) * len(operation.get("parameters", []))


def test_the_document_declares_how_text_parameters_are_checked():
    """Every string parameter has a pattern or an enum, and a length bound, for clients to read."""
    for path, operation in operations():
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            schema = schema.get("items", schema)
            if schema.get("type") != "string" or schema.get("format") == "date":
                continue
            assert "enum" in schema or {"pattern", "maxLength"} <= set(schema), (path, parameter)


WAGTAIL_API_URLS = [
    ("/api/v2/states/?slug={bad}", 400),
    ("/api/v2/states/?search={bad}", 400),
    ("/api/v2/states/?locale={bad}", 400),
    ("/api/v2/states/?name={bad}", 400),
    ("/api/v2/states/?order={bad}", 400),
    ("/api/v2/states/find/?id={bad}", 400),
    ("/api/v3/osce/states/?locale={bad}", 422),
    ("/api/v3/osce/structures/?locale={bad}", 422),
]


@pytest.mark.parametrize(("template", "status"), WAGTAIL_API_URLS)
@pytest.mark.parametrize("bad", ["a\x00b", "\x00", "a\x01b"], ids=["nul", "only-nul", "control"])
def test_wagtail_apis_refuse_control_characters_in_the_packages_endpoints(
    client, content, template, status, bad
):
    response = client.get(template.format(bad=quote(bad, safe="")))
    assert response.status_code == status, response.content[:300]
    text = response.content.decode()
    assert template.split("?")[1].split("=")[0] in text


def test_wagtail_apis_still_serve_good_values(client, content):
    assert client.get("/api/v2/states/?slug=austria").json()["meta"]["total_count"] == 1
    assert client.get("/api/v3/osce/states/?locale=en").json()["count"] == 1


def test_too_many_query_parameters_is_a_400_in_the_error_shape(client, content):
    query = "&".join(f"p{i}=1" for i in range(11000))
    response = client.get(f"{API}/stories?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_parameters"


def test_an_unreadable_body_is_a_400_in_the_error_shape(rf: RequestFactory):
    response = api.on_exception(rf.get(f"{API}/stories"), RequestDataTooBig("too big"))
    assert response.status_code == 400
    assert json.loads(response.content) == {
        "error": {
            "code": "request_too_large",
            "message": "The request body is too large.",
            "parameter": None,
        }
    }


def test_a_large_write_is_refused_with_405_without_reading_it(client):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
        response = client.post(f"{API}/stories", data="x" * 1000, content_type="text/plain")
    assert response.status_code == 405


def test_malformed_percent_encoding_is_a_400_naming_the_parameter(client, content):
    for url, parameter in [
        (f"{API}/states/%FF%FE", "slug"),
        (f"{API}/stories?field=%zz", "field"),
        (f"{API}/stories?locale=%E0%A4", "locale"),
        (f"{API}/search?q=%00%", "q"),
    ]:
        response = client.get(url)
        assert response.status_code == 400, (url, response.content)
        assert response.json()["error"]["parameter"] == parameter


def test_a_disallowed_host_is_a_json_400_under_the_api_prefix(client, settings, caplog):
    settings.ALLOWED_HOSTS = ["testserver"]
    with caplog.at_level(logging.CRITICAL, logger="django.security"):
        response = client.get(f"{API}/stories", HTTP_HOST="evil.example")
        elsewhere = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "disallowed_host"
    assert response["Cache-Control"] == "no-cache"
    assert elsewhere.status_code == 400
    assert not elsewhere["Content-Type"].startswith("application/json")


def test_the_api_root_is_where_the_middleware_looks():
    assert reverse("wagtail_osce_api:api-root") == f"{API}/"
