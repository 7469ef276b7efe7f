"""The OpenAPI document, as strict as the server.

ninja writes the operations from the endpoints' signatures; this module adds
what signatures cannot say: the caching headers and the 304 of every
operation, query parameters without the ``null`` pydantic gives an optional
value (a query string has no null), and each page schema's ``type`` as the
page models it can be, so a client can narrow the ``pages/{id}`` union.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import get_page_models

from wagtail_osce.pages.meeting import MeetingIndexPageMixin
from wagtail_osce.pages.story import StoryIndexPageMixin
from wagtail_osce.registry import meeting_page_models, story_page_models

from .params import page_type_labels

ETAG_HEADER = {
    "description": "A strong validator of the body; send it back in `If-None-Match`.",
    "required": True,
    "schema": {"type": "string"},
}
CACHE_HEADER = {
    "description": "`public, max-age=<API_CACHE_MAX_AGE>` on success, `no-cache` on an error.",
    "required": True,
    "schema": {"type": "string"},
}
LANGUAGE_HEADER = {
    "description": "The languages of the content served: the page's for a detail; for a "
    "listing, the requested one then any fallen back to (`fr, en`). Chosen by `locale=` "
    "alone: `Accept-Language` is not read, and no response varies on it.",
    "required": False,
    "schema": {"type": "string"},
}
NOT_MODIFIED = {
    "description": "Not Modified: the `If-None-Match` ETag still matches. No body.",
    "headers": {
        "ETag": ETAG_HEADER,
        "Cache-Control": CACHE_HEADER,
        "Content-Language": LANGUAGE_HEADER,
    },
}


def tighten_document(document: dict[str, Any]) -> dict[str, Any]:
    """Add caching, strict query parameters and page type literals to ninja's document."""
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["schema"] = without_null(parameter["schema"])
            document_caching(operation["responses"])
    narrow_page_types(document.get("components", {}).get("schemas", {}))
    return document


def without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """``{"anyOf": [X, {"type": "null"}], ...}`` -> ``X`` with the outer keywords."""
    branches = schema.get("anyOf")
    if not branches:
        return schema
    kept = [branch for branch in branches if branch != {"type": "null"}]
    if len(kept) != 1:
        return schema
    outer = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**kept[0], **outer}


def document_caching(responses: dict[str, Any]) -> None:
    """ETag and Cache-Control on a 200, a 304 beside it, Cache-Control on each error."""
    success = None
    for status, response in responses.items():
        headers = response.setdefault("headers", {})
        if str(status) == "200":
            success = status
            headers["ETag"] = ETAG_HEADER
            headers["Content-Language"] = LANGUAGE_HEADER
        headers["Cache-Control"] = CACHE_HEADER
    if success is not None:
        # ninja keys responses by int; keep the key type so the document sorts.
        responses[304 if isinstance(success, int) else "304"] = NOT_MODIFIED


def narrow_page_types(schemas: dict[str, Any]) -> None:
    """Each page schema's ``type``: the labels of the page models it is used for."""
    stories = page_type_labels(story_page_models())
    meetings = page_type_labels(meeting_page_models())
    models = get_page_models()
    story_indexes = page_type_labels([m for m in models if issubclass(m, StoryIndexPageMixin)])
    meeting_indexes = page_type_labels([m for m in models if issubclass(m, MeetingIndexPageMixin)])
    special = {*stories, *meetings, *story_indexes, *meeting_indexes}
    others = [label for label in page_type_labels() if label not in special]
    for name, labels in [
        ("StorySummaryOut", stories),
        ("StoryDetailOut", stories),
        ("MeetingSummaryOut", meetings),
        ("MeetingDetailOut", meetings),
        ("StoryIndexPageDetailOut", story_indexes),
        ("MeetingIndexPageDetailOut", meeting_indexes),
        ("PageDetailOut", others),
        ("PageSummaryOut", page_type_labels()),
    ]:
        prop = schemas.get(name, {}).get("properties", {}).get("type")
        if prop is None or not labels:
            continue
        prop.pop("const", None)
        prop.pop("enum", None)
        if len(labels) == 1:
            prop["const"] = labels[0]
        else:
            prop["enum"] = labels
