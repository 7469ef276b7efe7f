"""JSON 400s, under the API's prefix, for requests Django refuses before any view runs.

Inside the API, a request with too many query parameters (``TooManyFieldsSent``)
or a body too large to read is already a 400 in the API's error shape (see
``errors.py``). A Host header outside ``ALLOWED_HOSTS`` is refused earlier, by
Django's ``CommonMiddleware``, with the site's HTML 400 page. A site that wants
that answer in JSON too lists this middleware first::

    MIDDLEWARE = ["wagtail_osce.api.middleware.ApiRefusedRequestMiddleware", ...]

It touches nothing outside the API's prefix.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from wagtail_osce.representation.paths import URLS_NAMESPACE

from .errors import error_response, refused_request_error


@cache
def _api_prefix() -> str | None:
    """Where the site mounted the API (``/api/osce/``), or None if it did not."""
    try:
        return reverse(f"{URLS_NAMESPACE}:api-root")
    except NoReverseMatch:
        return None


class ApiRefusedRequestMiddleware:
    """Answers a request under the API's prefix that Django would refuse with a JSON 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix = _api_prefix()
        if prefix is None or not request.path.startswith(prefix):
            return self.get_response(request)
        try:
            request.get_host()
            request.GET  # noqa: B018 (parsing the query string is what may be refused)
        except SuspiciousOperation as error:
            return error_response(refused_request_error(error))
        return self.get_response(request)
