"""Cache tags name every page a response shows, wherever in the body, and nothing else."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail_osce.api.cache.tags import response_tags


def _page(page_id: int, **extra: object) -> dict:
    return {
        "locale": "en",
        "id": page_id,
        "type": "wagtail_osce.StoryPage",
        "title": f"Story {page_id}",
        "url": f"/stories/{page_id}/",
        **extra,
    }


BODY = {
    **_page(1),
    "body": [
        {"type": "heading", "id": "6f1c", "value": {"text": "Not a page"}},
        {
            "type": "paragraph",
            "id": "77aa",
            "value": {
                # Text that looks like a page inside a string is not one.
                "html": '<p>{"id": 99, "type": "wagtail_osce.StoryPage"}</p>',
                "links": [_page(2)],
            },
        },
        {"type": "image", "id": "9", "value": {"id": 98, "type": "image/avif"}},
    ],
    "related_stories": [{"value": {"page": _page(3)}}],
}


@pytest.mark.django_db
@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")], ids=["compact", "spaced"])
def test_a_detail_is_tagged_with_itself_and_every_page_it_shows(separators):
    request = RequestFactory().get("/api/osce/stories/1")
    response = HttpResponse(
        json.dumps(BODY, separators=separators), content_type="application/json"
    )
    tags = response_tags(request, response)
    assert tags == ["osce-pages", "osce-page-1", "osce-page-2", "osce-page-3"]


@pytest.mark.django_db
def test_a_listing_is_tagged_with_its_endpoint_and_items():
    request = RequestFactory().get("/api/osce/stories")
    body = {"count": 2, "results": [_page(5), _page(4)]}
    response = HttpResponse(json.dumps(body), content_type="application/json")
    assert response_tags(request, response) == [
        "osce-pages",
        "osce-listing-stories",
        "osce-page-5",
        "osce-page-4",
    ]
