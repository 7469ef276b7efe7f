"""The OpenAPI 3.1 document describes every real response of every endpoint."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import BaseModel
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail import blocks
from wagtail.documents import get_document_model

from tests.api.builders import (
    API,
    make_image,
    meeting,
    meeting_index,
    site_root,
    story,
    story_index,
    translate,
)
from wagtail_osce.api.schemas.pages import stream_item_schema
from wagtail_osce.pages.models import StoryPage
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

DOC_URI = "urn:wagtail-osce:openapi"


def make_document(title: str = "Final declaration"):
    document = get_document_model()(title=title)
    document.file.save("declaration.pdf", ContentFile(b"%PDF-1.4\n% test\n"), save=False)
    document.save()
    return document


def every_story_block(refs: dict[str, Any]) -> list[dict[str, Any]]:
    """One value of each child of the story body, in stored form."""
    image, document, other = refs["image"].pk, refs["document"].pk, refs["other"].pk
    link = {"page": other, "document": None, "url": "", "text": ""}
    return [
        {"type": "rich_text", "value": f'<p><a linktype="page" id="{other}">Read</a></p>'},
        {"type": "heading", "value": {"text": "Findings", "level": "h2", "anchor": ""}},
        {"type": "quote", "value": {"text": "Peace.", "attribution": "A. B.", "role": ""}},
        {"type": "fact_box", "value": {"title": "Facts", "body": "<p>57 States</p>"}},
        {
            "type": "image",
            "value": {
                "image": image,
                "alt_text": "A",
                "decorative": False,
                "caption": "",
                "credit": "",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "",
                "images": [
                    {
                        "image": image,
                        "alt_text": "B",
                        "decorative": False,
                        "caption": "",
                        "credit": "",
                    }
                ],
            },
        },
        {
            "type": "video",
            "value": {"url": "https://example.org/v/1", "caption": "", "transcript": ""},
        },
        {
            "type": "document_list",
            "value": {
                "title": "Texts",
                "items": [{"title": "", "document": document, "language": "en"}],
            },
        },
        {"type": "download", "value": {"document": document, "title": "", "description": ""}},
        {
            "type": "key_figures",
            "value": {"title": "", "figures": [{"value": "57", "label": "States"}]},
        },
        {
            "type": "timeline",
            "value": {
                "title": "",
                "events": [{"date": "1975-08-01", "title": "Helsinki Final Act", "text": ""}],
            },
        },
        {
            "type": "table",
            "value": {
                "caption": "Budget",
                "columns": [
                    {"type": "text", "heading": "Item"},
                    {"type": "number", "heading": "EUR"},
                ],
                "rows": [{"values": ["Missions", "12.5"]}],
            },
        },
        {"type": "states", "value": {"heading": "", "states": [refs["state"].pk]}},
        {"type": "structures", "value": {"heading": "", "structures": [refs["structure"].pk]}},
        {"type": "fields_of_work", "value": {"heading": "", "fields_of_work": [refs["field"].pk]}},
        {
            "type": "upcoming_meetings",
            "value": {"heading": "", "series": refs["series"].pk, "count": 3},
        },
        {"type": "link", "value": link},
        {
            "type": "call_to_action",
            "value": {"title": "Act", "text": "", "button_label": "Go", "link": link},
        },
        {
            "type": "accordion",
            "value": {"title": "", "items": [{"title": "Q", "body": "<p>A</p>"}]},
        },
    ]


@pytest.fixture
def site(locales):
    call_command("osce_seed", locales=["fr"], verbosity=0)
    en = locales["en"]
    refs = {
        "image": make_image("Hero"),
        "document": make_document(),
        "state": ParticipatingState.objects.get(slug="austria", locale=en),
        "structure": Structure.objects.get(slug="secretariat", locale=en),
        "field": FieldOfWork.objects.get(slug="policing", locale=en),
        "series": MeetingSeries.objects.get(slug="summit-meetings", locale=en),
    }
    stories = story_index()
    refs["other"] = story(stories, "Other story", fields=[refs["field"]])
    full = story(
        stories,
        "Every block",
        fields=[refs["field"]],
        sources=[refs["structure"]],
        countries=[refs["state"]],
        hero_image=refs["image"],
        body=every_story_block(refs),
        related_stories=[
            {
                "type": "related_stories",
                "value": {"heading": "More", "stories": [refs["other"].pk], "count": 3},
            }
        ],
    )
    translate(full, locales["fr"], "Tous les blocs")
    meetings = meeting_index()
    start = timezone.now() + datetime.timedelta(days=5)
    summit = meeting(
        meetings,
        "Summit",
        start,
        series=refs["series"],
        country=refs["state"],
        organiser=refs["structure"],
        body=[{"type": "heading", "value": {"text": "Agenda", "level": "h2", "anchor": ""}}],
        documents=[
            {
                "type": "document",
                "value": {
                    "document": refs["document"].pk,
                    "title": "",
                    "description": "",
                    "kind": "declaration",
                },
            }
        ],
    )
    return {"story": full, "meeting": summit, "stories": stories}


@pytest.fixture
def document(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def validator_for(document: dict, path: str, status: int) -> Draft202012Validator:
    registry = Registry().with_resource(
        DOC_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in [
            "paths",
            path,
            "get",
            "responses",
            str(status),
            "content",
            "application/json",
            "schema",
        ]
    )
    return Draft202012Validator(
        {"$ref": f"{DOC_URI}#/{pointer}"}, registry=registry, format_checker=FormatChecker()
    )


def test_document_is_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"]
    assert "/api/osce/stories" in document["paths"]


def test_docs_page_is_served(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_story_body_is_a_discriminated_union_of_every_block(document):
    body = document["components"]["schemas"]["StoryDetailOut"]["properties"]["body"]["items"]
    mapping = body["discriminator"]["mapping"]
    assert set(mapping) == set(StoryPage._meta.get_field("body").stream_block.child_blocks)
    heading = document["components"]["schemas"]["StoryBodyHeading"]
    assert heading["properties"]["type"]["const"] == "heading"
    assert heading["properties"]["value"] == {"$ref": "#/components/schemas/HeadingOut"}


def test_new_block_types_appear_automatically():
    class BannerOut(BaseModel):
        text: str

    class BannerBlock(blocks.StructBlock):
        text = blocks.CharBlock()
        api_schema = BannerOut

    class Stream(blocks.StreamBlock):
        heading = blocks.CharBlock()
        banner = BannerBlock()

    item = stream_item_schema(Stream(), "Test")
    from pydantic import TypeAdapter

    adapter = TypeAdapter(item)
    parsed = adapter.validate_python({"type": "banner", "id": "1", "value": {"text": "Hi"}})
    assert parsed.value.text == "Hi"
    with pytest.raises(ValueError):
        adapter.validate_python({"type": "banner", "id": "1", "value": {}})
    assert (
        adapter.validate_python({"type": "heading", "id": None, "value": "Plain"}).value == "Plain"
    )


def responses_to_check(site: dict) -> list[tuple[str, str, int]]:
    """(URL, path template, status) for every endpoint, with successful and failing requests."""
    story_id, meeting_id = site["story"].pk, site["meeting"].pk
    index_id = site["stories"].pk
    return [
        ("states", "/api/osce/states", 200),
        ("states?locale=de", "/api/osce/states", 200),
        ("states/austria?locale=fr", "/api/osce/states/{slug}", 200),
        ("states/atlantis", "/api/osce/states/{slug}", 404),
        ("partners?group=asian", "/api/osce/partners", 200),
        ("partners/japan", "/api/osce/partners/{slug}", 200),
        ("structures?kind=field_operation", "/api/osce/structures", 200),
        ("structures?kind=x", "/api/osce/structures", 400),
        ("structures/tree", "/api/osce/structures/tree", 200),
        ("structures/secretariat", "/api/osce/structures/{slug}", 200),
        ("fields-of-work?locale=fr", "/api/osce/fields-of-work", 200),
        ("fields-of-work/policing", "/api/osce/fields-of-work/{slug}", 200),
        ("meeting-series", "/api/osce/meeting-series", 200),
        ("meeting-series/summit-meetings", "/api/osce/meeting-series/{slug}", 200),
        ("chairpersonships", "/api/osce/chairpersonships", 200),
        ("chairpersonships/current", "/api/osce/chairpersonships/current", None),
        ("navigation?locale=fr", "/api/osce/navigation", 200),
        ("pages", "/api/osce/pages", 200),
        (f"pages?child_of={index_id}&locale=fr", "/api/osce/pages", 200),
        ("pages?page_size=0", "/api/osce/pages", 400),
        ("pages/find?html_path=/fr/stories/every-block/", "/api/osce/pages/find", 200),
        ("pages/find?html_path=/nowhere/", "/api/osce/pages/find", 404),
        (f"pages/{site_root().pk}", "/api/osce/pages/{page_id}", 200),
        (f"pages/{story_id}", "/api/osce/pages/{page_id}", 200),
        (f"pages/{meeting_id}", "/api/osce/pages/{page_id}", 200),
        ("stories?field=policing", "/api/osce/stories", 200),
        ("stories?locale=fr&page_size=1", "/api/osce/stories", 200),
        ("stories?date_from=2024-13-45", "/api/osce/stories", 400),
        (f"stories/{story_id}", "/api/osce/stories/{page_id}", 200),
        (f"stories/{story_id}?locale=de", "/api/osce/stories/{page_id}", 200),
        ("stories/999999", "/api/osce/stories/{page_id}", 404),
        ("meetings?status=upcoming", "/api/osce/meetings", 200),
        (f"meetings/{meeting_id}?locale=fr", "/api/osce/meetings/{page_id}", 200),
        ("search?q=block", "/api/osce/search", 200),
        ("search", "/api/osce/search", 400),
        ("sitemap?page_size=50", "/api/osce/sitemap", 200),
        ("sitemap?locale=fr", "/api/osce/sitemap", 200),
        ("redirects?path=/nowhere/", "/api/osce/redirects", 404),
        ("redirects?path=nowhere", "/api/osce/redirects", 400),
        (
            "preview?content_type=wagtail_osce.storypage&token="
            + site["story"].create_page_preview().token,
            "/api/osce/preview",
            200,
        ),
        ("preview?content_type=wagtail_osce.storypage&token=bad", "/api/osce/preview", 401),
        ("preview?content_type=nope.nothing&token=bad", "/api/osce/preview", 404),
    ]


def test_every_endpoint_response_matches_the_document(client, site, document):
    checked: set[str] = set()
    for url, path, expected in responses_to_check(site):
        response = client.get(f"{API}/{url}")
        status = response.status_code
        if expected is not None:
            assert status == expected, (url, response.content[:500])
        assert str(status) in document["paths"][path]["get"]["responses"], (url, status)
        errors = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator_for(document, path, status).iter_errors(response.json())
        ]
        assert errors == [], (url, errors[:5])
        checked.add(path)
    assert checked == set(document["paths"])


def test_full_story_body_has_every_block_type(client, site):
    body = client.get(f"{API}/stories/{site['story'].pk}").json()["body"]
    assert [item["type"] for item in body] == [item["type"] for item in every_story_block_types()]


def every_story_block_types() -> list[dict[str, str]]:
    return [{"type": name} for name in StoryPage._meta.get_field("body").stream_block.child_blocks]


def test_validation_catches_a_wrong_block_value(client, site, document):
    """The check above is not vacuous: a block value off its schema fails validation."""
    validator = validator_for(document, "/api/osce/stories/{page_id}", 200)
    body = client.get(f"{API}/stories/{site['story'].pk}").json()
    assert list(validator.iter_errors(body)) == []
    heading = next(item for item in body["body"] if item["type"] == "heading")
    heading["value"]["level"] = "h9"
    assert list(validator.iter_errors(body))
    body["body"] = [{"type": "no_such_block", "id": "x", "value": {}}]
    assert list(validator.iter_errors(body))


def test_every_operation_documents_caching_and_its_errors(document):
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert {"200", "304", "400", "404"} <= set(responses), path
        assert {"ETag", "Cache-Control"} <= set(responses["200"]["headers"]), path
        assert responses["304"]["headers"]["ETag"]["required"] is True, path
        assert "Cache-Control" in responses["404"]["headers"], path


def test_query_parameters_are_as_strict_as_the_server(document, settings):
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/api/osce/stories"]["get"]["parameters"]
    }
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locale_pattern = re.compile(parameters["locale"]["pattern"])
    for code in codes:
        for spelling in (code, code.upper(), f"{code}-ch", f"{code}_CH", ""):
            assert locale_pattern.fullmatch(spelling), spelling
    for refused in ("xx", "fr-", "-fr", "fr ch", "french"):
        assert not locale_pattern.fullmatch(refused), refused
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 100)
    assert parameters["page"]["minimum"] == 1
    assert parameters["date_to"] == {**parameters["date_to"], "type": "string", "format": "date"}
    assert parameters["field"]["type"] == "array"
    assert all("anyOf" not in schema for schema in parameters.values())
    search = document["paths"]["/api/osce/search"]["get"]["parameters"]
    q = next(p["schema"] for p in search if p["name"] == "q")
    assert q["maxLength"] == 255 and "pattern" in q


def test_page_size_bound_follows_the_setting(client, settings, locales):
    settings.WAGTAIL_OSCE = {"MAX_PAGE_SIZE": 20}
    document = client.get(f"{API}/openapi.json").json()
    parameters = document["paths"]["/api/osce/pages"]["get"]["parameters"]
    page_size = next(p["schema"] for p in parameters if p["name"] == "page_size")
    assert page_size["maximum"] == 20
    assert client.get(f"{API}/pages?page_size=21").status_code == 400


def test_each_page_schema_names_its_page_types(document):
    schemas = document["components"]["schemas"]
    assert schemas["StoryDetailOut"]["properties"]["type"]["const"] == "wagtail_osce.StoryPage"
    assert schemas["MeetingDetailOut"]["properties"]["type"]["const"] == "wagtail_osce.MeetingPage"
    others = schemas["PageDetailOut"]["properties"]["type"]["enum"]
    story_indexes = schemas["StoryIndexPageDetailOut"]["properties"]["type"]
    meeting_indexes = schemas["MeetingIndexPageDetailOut"]["properties"]["type"]
    assert "wagtail_osce.StoryIndexPage" in story_indexes.get("enum", [story_indexes.get("const")])
    assert "wagtail_osce.MeetingIndexPage" in meeting_indexes.get(
        "enum", [meeting_indexes.get("const")]
    )
    assert "wagtail_osce.StoryIndexPage" not in others
    assert "wagtail_osce.MeetingIndexPage" not in others
    assert "wagtail_osce.StoryPage" not in others and "wagtail_osce.MeetingPage" not in others


def test_a_304_carries_the_documented_headers(client, site):
    first = client.get(f"{API}/stories")
    again = client.get(f"{API}/stories", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert "max-age" in again["Cache-Control"]
