"""URLs of the OSCE API; a site includes them under a prefix of its choice.

    path("api/osce/", include("wagtail_osce.api.urls")),

Every view answers GET and HEAD; any other method, and any path under the
prefix that is not an endpoint, gets the API's JSON error instead of an HTML page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, include, path, re_path, reverse

from .api import URLS_NAMESPACE, api
from .cache import responses as cache
from .cache.listing import answered_from
from .errors import ApiError, error_response, not_found
from .headers import settle_language_headers

READ_METHODS = ("GET", "HEAD")

#: The endpoints whose responses are kept in the shared cache (details by id, listings):
#: a request made before is answered before its parameters are parsed again.
SERVED_AGAIN = frozenset(
    {
        "get_story",
        "get_meeting",
        "get_page",
        "list_stories",
        "list_meetings",
        "list_pages",
        "get_navigation",
        "search",
    }
)


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve HEAD as GET (the server drops the body) and refuse writes with a JSON 405.

    No response of the API varies on ``Accept-Language``, and each names its
    language (see ``headers.py``).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return settle_language_headers(_read(request, *args, **kwargs))

    def _read(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in READ_METHODS:
            error = ApiError(405, "method_not_allowed", "The API is read-only: use GET.")
            response = error_response(error)
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        if request.method == "HEAD":
            request.method = "GET"
            try:
                return view(request, *args, **kwargs)
            finally:
                request.method = "HEAD"
        return view(request, *args, **kwargs)

    return wrapper


def served_again(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a request seen before from its stored response, before django-ninja runs the view."""
    return answered_from(cache.served_again, view)


def index(request: HttpRequest) -> JsonResponse:
    """The API root: where its OpenAPI document and interactive docs are."""
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "openapi": reverse(f"{URLS_NAMESPACE}:openapi-json"),
            "docs": reverse(f"{URLS_NAMESPACE}:openapi-view"),
        }
    )


def unknown_endpoint(request: HttpRequest, rest: str = "") -> JsonResponse:
    """A JSON 404 for any path under the prefix that is not an endpoint."""
    return error_response(not_found(f"No API endpoint at {request.path[:200]!r}."))


def _read_only_patterns() -> tuple[list[URLPattern], str]:
    """ninja's URL patterns, each view wrapped by ``read_only``; the root serves ``index``.

    The views of ``SERVED_AGAIN`` first look for the stored response to the same request.
    """
    patterns, app_name, _namespace = api.urls
    wrapped = []
    for p in patterns:
        view = index if p.name == "api-root" else p.callback
        if p.name in SERVED_AGAIN:
            view = served_again(view)
        wrapped.append(URLPattern(p.pattern, read_only(view), p.default_args, p.name))
    return wrapped, app_name


urlpatterns = [
    path("", include(_read_only_patterns(), namespace=URLS_NAMESPACE)),
    re_path(r"^(?P<rest>.*)$", read_only(unknown_endpoint)),
]
