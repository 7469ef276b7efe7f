"""The reference snippets in Wagtail's API v3 preview: a listing and a detail per snippet type.

Call :func:`register_v3_endpoints` on Wagtail's v3 ``NinjaAPI`` before its URLs
are read. Each model's read schema is generated from its ``api_fields`` by
Wagtail's own generator and registered for ``/schema/`` discovery.
"""

# No ``from __future__ import annotations``: ninja's ``paginate`` wraps the listing view, so its
# string annotations would be resolved in ninja's module, where ``LanguageCode`` is unknown.
import re
from typing import Annotated

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Router
from ninja.pagination import paginate
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.registry import ContentTypeRegistration, registry
from wagtail.api.v3.schemas import BaseSchema, read_generator
from wagtail.api.v3.schemas.params import locale_filter_q

from wagtail_osce.registry import SnippetType, snippet_types

from .v2 import endpoint_queryset

#: A language code as Wagtail stores it (``fr``, ``pt-br``); anything else never names a locale.
LANGUAGE_CODE_PATTERN = r"^[-a-zA-Z0-9_]+$"
MAX_LANGUAGE_CODE_LENGTH = 35


def _language_code(value: str) -> str:
    """Refuse what cannot be a language code (a NUL byte would be a 500 on PostgreSQL)."""
    if len(value) > MAX_LANGUAGE_CODE_LENGTH or not re.fullmatch(LANGUAGE_CODE_PATTERN, value):
        raise PydanticCustomError(
            "invalid_language_code", "must be a language code such as 'fr' or 'pt-br'."
        )
    return value


LanguageCode = Annotated[
    str,
    AfterValidator(_language_code),
    Field(
        json_schema_extra={"pattern": LANGUAGE_CODE_PATTERN, "maxLength": MAX_LANGUAGE_CODE_LENGTH}
    ),
]


def v3_snippets_router() -> Router:
    """A v3 router with a listing and a detail endpoint per snippet model.

    Public, like pages: a token is accepted but not required.
    """
    router = Router(tags=["OSCE reference data"], auth=[BearerTokenAuth(), AllowAnonymous()])
    for kind in snippet_types():
        model = kind.model
        schema = read_generator.generate_schema(model, base_class=BaseSchema)
        registry.register(
            ContentTypeRegistration(
                name=model._meta.label, label=str(model._meta.verbose_name), read_schema=schema
            )
        )
        _add_routes(router, kind, schema)
    return router


def _add_routes(router: Router, kind: SnippetType, schema: type) -> None:
    key = kind.endpoint.replace("-", "_")
    plural = str(kind.model._meta.verbose_name_plural)

    @router.get(
        f"/{kind.endpoint}/",
        response=list[schema],
        url_name=f"list_{key}",
        operation_id=f"osce_{key}_list",
        summary=f"List {plural}",
    )
    @paginate(WagtailLimitOffsetPagination)
    def list_view(
        request: HttpRequest,
        locale: LanguageCode | None = Query(None, description="Only objects in this language."),
    ) -> QuerySet:
        queryset = endpoint_queryset(kind)
        return queryset.filter(locale_filter_q(locale)) if locale else queryset

    @router.get(
        f"/{kind.endpoint}/{{object_id}}/",
        response=schema,
        url_name=f"detail_{key}",
        operation_id=f"osce_{key}_detail",
        summary=f"Get one of the {plural}",
    )
    def detail_view(request: HttpRequest, object_id: int) -> Model:
        return get_object_or_404(endpoint_queryset(kind), pk=object_id)


def register_v3_endpoints(api: NinjaAPI, prefix: str = "/osce/") -> None:
    """Mount the snippet endpoints on Wagtail's v3 API, before its ``urls`` are read::

    from wagtail.api.v3.urls import api as v3_api

    register_v3_endpoints(v3_api)
    urlpatterns = [path("api/v3/", v3_api.urls)]
    """
    api.add_router(prefix, v3_snippets_router())
