"""The benchmark's URLconf: the example site, Wagtail's v3 API, and two floor views.

The floor view returns a response body prepared in advance: the cost of
Django's request handling with no work at all, the lower bound for any API.
The lookup floor first finds the page as the API does on every request it
cannot answer from its visibility-stamped cache entry (the locale, the site and
the visibility check), then returns the prepared body.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from osce_example import urls as example_urls

#: Response bodies served by :func:`floor`, by key; filled by the benchmark.
FLOOR_BODIES: dict[str, bytes] = {}


def floor(request: HttpRequest, key: str) -> HttpResponse:
    """The prebuilt JSON body stored under ``key``."""
    try:
        body = FLOOR_BODIES[key]
    except KeyError:
        raise Http404(key) from None
    return HttpResponse(body, content_type="application/json")


def lookup_floor(request: HttpRequest, key: str, page_id: int) -> HttpResponse:
    """The prebuilt body under ``key``, after the API's locale and visible-page lookup."""
    from wagtail_osce.api.params import resolve_locale
    from wagtail_osce.api.representations.detail import lookup_page

    resolve_locale(request, None)
    if lookup_page(request, pk=page_id) is None:
        raise Http404(page_id)
    return floor(request, key)


def _has_namespace(patterns: list, namespace: str) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and (
            pattern.namespace == namespace or _has_namespace(pattern.url_patterns, namespace)
        ):
            return True
    return False


def _v3_patterns() -> list[URLPattern | URLResolver]:
    """Wagtail's v3 API at ``api/v3/``, unless the example site already mounts it."""
    if _has_namespace(example_urls.urlpatterns, "wagtailapi_v3"):
        return []
    from wagtail.api.v3.urls import api

    return [path("api/v3/", api.urls)]


urlpatterns = [
    path("bench/floor/<str:key>", floor, name="bench_floor"),
    path("bench/floor/<str:key>/<int:page_id>", lookup_floor, name="bench_lookup_floor"),
    *_v3_patterns(),
    *example_urls.urlpatterns,
]
