"""HTTP caching of API responses: a strong ETag of the body, Cache-Control and 304s.

Every successful GET carries ``ETag`` (a hash of the exact JSON body) and
``Cache-Control: public, max-age=<WAGTAIL_OSCE["API_CACHE_MAX_AGE"]>``, so a
CDN or browser can keep it and later revalidate with ``If-None-Match``; a
match gets ``304 Not Modified`` with no body. Hashing the body (rather than a
version counter) is always correct, whatever changed: a page, a snippet, a
rendition or a translation.

Each successful response also names what it shows in ``Cache-Tag`` and
``Surrogate-Key`` (:mod:`wagtail_osce.api.cache.tags`), so a CDN can purge by tag.

A page detail that :mod:`wagtail_osce.api.cache` asked to keep is stored here,
once its body, ETag and tags are final; a detail served from that cache arrives
with its ETag and tags already set and is not hashed again.
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control

from wagtail_osce.api.cache import responses as cache
from wagtail_osce.api.cache.tags import add_tag_headers, response_tags
from wagtail_osce.conf import osce_settings

CACHEABLE_METHODS = ("GET", "HEAD")


def body_etag(content: bytes) -> str:
    """A strong ETag (quoted) for a response body."""
    return '"' + hashlib.sha256(content).hexdigest()[:40] + '"'


def apply_http_caching(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """Add caching headers to a successful GET, or answer a matching ``If-None-Match`` with 304.

    Error responses get ``Cache-Control: no-cache`` so a shared cache does not
    keep a transient failure. A response that already has an ETag (a cached
    detail) keeps it.
    """
    if request.method not in CACHEABLE_METHODS:
        return response
    if response.status_code != 200:
        patch_cache_control(response, no_cache=True)
        return response
    if not response.has_header("ETag"):
        response["ETag"] = body_etag(response.content)
        add_tag_headers(response, response_tags(request, response))
        cache.store(request, response, response["ETag"])
    patch_cache_control(response, public=True, max_age=int(osce_settings.API_CACHE_MAX_AGE))
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not None:
        # A CDN revalidating with If-None-Match keeps the tags and language of what it holds.
        for header in ("Cache-Tag", "Surrogate-Key", "Content-Language"):
            if response.has_header(header):
                conditional[header] = response[header]
        return conditional
    return response
