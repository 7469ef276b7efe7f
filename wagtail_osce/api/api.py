"""The ``NinjaAPI`` instance: public, read-only, unauthenticated, cached over HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from wagtail_osce.api.cache.http import apply_http_caching
from wagtail_osce.representation.paths import URLS_NAMESPACE

from .errors import count_repeated_values, register_exception_handlers
from .headers import served_languages, set_content_language
from .openapi import tighten_document
from .params import QueryParser
from .routers.meetings import router as meetings_router
from .routers.navigation import router as navigation_router
from .routers.pages import router as pages_router
from .routers.preview import router as preview_router
from .routers.search import router as search_router
from .routers.site import router as site_router
from .routers.snippets import router as snippets_router
from .routers.stories import router as stories_router

if TYPE_CHECKING:
    from ninja.operation import Operation


class OsceAPI(NinjaAPI):
    """A ``NinjaAPI`` whose successful GETs carry ETag and Cache-Control, and answer 304s."""

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code == 200:
            set_content_language(response, served_languages(data, request))
        return apply_http_caching(request, response)

    def validation_error_from_error_contexts(self, error_contexts: list[Any]) -> ValidationError:
        """ninja's validation error, each error marked with how often a single value was repeated."""
        counts = count_repeated_values(error_contexts)
        error = super().validation_error_from_error_contexts(error_contexts)
        for item, count in zip(error.errors, counts, strict=False):
            if count:
                item["repeated"] = count
        return error

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params=None):
        """ninja's document with the caching headers, strict parameters and page type literals."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return tighten_document(document)

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Short, stable operation ids (``list_stories``) for generated clients."""
        return operation.view_func.__name__


api = OsceAPI(
    title="OSCE content API",
    version="1.0.0",
    description=(
        "Read-only access to the site's published stories, meetings and pages, its "
        "reference data (participating States, Partners, structures, fields of work, "
        "meeting series, Chairpersonships), its navigation and search. Only live, "
        "public content is served."
    ),
    urls_namespace=URLS_NAMESPACE,
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=None,
    parser=QueryParser(),
)

register_exception_handlers(api)

api.add_router("/", snippets_router)
api.add_router("/", navigation_router)
api.add_router("/", pages_router)
api.add_router("/", stories_router)
api.add_router("/", meetings_router)
api.add_router("/", search_router)
api.add_router("/", site_router)
api.add_router("/", preview_router)
