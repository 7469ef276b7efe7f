"""Cache tags of an API response: which pages, snippets and listings it shows.

Sent as ``Cache-Tag`` (Cloudflare, Akamai; comma-separated) and ``Surrogate-Key``
(Fastly, Varnish with xkey; space-separated), so a CDN that purges by tag can drop
exactly the responses a change affects (see :mod:`wagtail_osce.notifications.purge`):

* ``osce-page-<id>`` for every page a response shows, as itself, as a listing
  item or as a link (any object whose ``id`` is followed by a ``type`` naming
  a model, as the API's page shapes are);
* ``osce-pages`` on every response showing page data, which a change to
  reference data purges (any page may show a State, a structure...);
* ``osce-listing-<endpoint>`` on listings (``osce-listing-stories``), whatever
  their filters and page;
* ``osce-snippet-<type>-<id>`` for each reference-data row a snippet endpoint
  serves (``osce-snippet-state-3``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse

from wagtail_osce.notifications.purge import (
    PAGES_TAG,
    SNIPPET_TAG_NAMES,
    api_root_path,
    listing_tag,
    page_tag,
    snippet_tag,
)

#: More tags than this are not sent (header size limits); the listing tags still cover.
MAX_TAGS = 200

#: Starts with a literal, which the regular expression engine looks for first: scanning a
#: 640 KB body takes a tenth of the time a pattern starting with ``[{,]`` took.
_PAGE_OBJECT = re.compile(rb'"id":\s*(\d+),\s*"type":\s*"[A-Za-z_]\w*\.[A-Za-z_]\w*"')
_SNIPPET_LISTINGS = {
    "structures/tree": "structures",
    "chairpersonships/current": "chairpersonships",
}


def _pages_in(body: bytes) -> Iterator[int]:
    """Ids of the pages shown anywhere in a JSON body.

    A page is shown as an object whose ``id`` is followed by a ``type`` naming a
    model (``PageSummaryOut``, ``PageLinkOut`` and the shapes built on them). The
    body is scanned as it is rather than decoded and walked: for a listing of fifty
    stories that walk cost more than building a card. Text inside a JSON string
    cannot match, as its quotes are escaped, and the keys are the API's own.
    """
    for match in _PAGE_OBJECT.finditer(body):
        yield int(match[1])


def _route(request: HttpRequest) -> list[str] | None:
    root = api_root_path()
    if root is None or not request.path.startswith(root):
        return None
    return [part for part in request.path[len(root) :].split("/") if part]


def response_tags(request: HttpRequest, response: HttpResponse) -> list[str]:
    """The cache tags of a successful JSON response of the package's API."""
    route = _route(request)
    if not route or "json" not in response.get("Content-Type", ""):
        return []
    endpoint = "/".join(route[:2]) if "/".join(route[:2]) in _SNIPPET_LISTINGS else route[0]
    snippet_endpoint = _SNIPPET_LISTINGS.get(endpoint, endpoint)
    tags: dict[str, None] = {}
    if snippet_endpoint in SNIPPET_TAG_NAMES:
        if len(route) == 1 or endpoint in _SNIPPET_LISTINGS:
            tags[listing_tag(endpoint)] = None
        tags[snippet_tag(snippet_endpoint)] = None
        try:
            data = json.loads(response.content)
        except ValueError:
            return list(tags)[:MAX_TAGS]
        rows = data.get("results", [data]) if isinstance(data, dict) else data
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and isinstance(row.get("id"), int):
                tags[snippet_tag(snippet_endpoint, row["id"])] = None
        return list(tags)[:MAX_TAGS]
    tags[PAGES_TAG] = None
    if len(route) == 1:
        tags[listing_tag(endpoint)] = None
    for page_id in _pages_in(response.content):
        tags[page_tag(page_id)] = None
    return list(tags)[:MAX_TAGS]


def add_tag_headers(response: HttpResponse, tags: list[str]) -> None:
    """``Cache-Tag`` (comma-separated) and ``Surrogate-Key`` (space-separated)."""
    if tags:
        response["Cache-Tag"] = ",".join(tags)
        response["Surrogate-Key"] = " ".join(tags)
