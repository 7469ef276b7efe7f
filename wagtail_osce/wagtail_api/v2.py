"""The reference snippets in Wagtail's API v2: one read-only endpoint per snippet type.

``register_v2_endpoints(api_router)`` adds ``states``, ``structures``... to a
site's ``WagtailAPIRouter``; each serves the model's ``api_fields``, which carry
the package's representations.

Every query parameter (``search``, ``locale``, a field filter such as ``slug``)
is checked before it reaches a query: a NUL byte or another control character
is a 400 in v2's own error shape (``{"message": ...}``) naming the parameter,
as PostgreSQL would otherwise refuse the query with a 500.
"""

from __future__ import annotations

import functools
import re

from django.core.exceptions import SuspiciousOperation
from django.db.models import Model, QuerySet
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from wagtail_osce.registry import SnippetType, snippet_types
from wagtail_osce.representation.snippets import snippet_queryset

#: What no query parameter of the endpoints can hold: C0 control characters (NUL included), DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1F\x7F]")


def check_query_parameters_text(request) -> None:
    """Refuse a control character in any query parameter's name or value, naming it."""
    try:
        items = list(request.GET.lists())
    except SuspiciousOperation as error:  # TooManyFieldsSent
        raise BadRequestError(str(error) or "The query string could not be read.") from None
    for name, values in items:
        if CONTROL_CHARACTERS.search(name) or any(CONTROL_CHARACTERS.search(v) for v in values):
            shown = CONTROL_CHARACTERS.sub("?", name)[:100]
            raise BadRequestError(
                f"query parameter {shown} must not contain control characters such as NUL"
            )


def endpoint_queryset(kind: SnippetType) -> QuerySet:
    """The rows of a snippet type with what its representation reads, and their locales."""
    return snippet_queryset(kind.model).select_related("locale")


@functools.cache
def _viewset_base() -> type:
    class SnippetAPIViewSet(BaseAPIViewSet):
        """A read-only v2 endpoint for one snippet model; ``?locale=fr`` lists one language."""

        snippet_type: SnippetType
        filter_backends = [FieldsFilter, OrderingFilter, LocaleFilter, SearchFilter]
        known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])

        def initial(self, request, *args, **kwargs) -> None:
            super().initial(request, *args, **kwargs)
            check_query_parameters_text(request)

        def get_queryset(self) -> QuerySet:
            return endpoint_queryset(self.snippet_type)

        @classmethod
        def get_listing_default_fields(cls, model: type[Model]) -> list[str]:
            """Reference data is small: listings show every field, as the package's API does."""
            return cls.get_available_fields(model)

    return SnippetAPIViewSet


def v2_snippet_viewsets() -> dict[str, type]:
    """A Wagtail API v2 viewset for each snippet model, by endpoint name."""
    base = _viewset_base()
    return {
        kind.endpoint: type(
            f"{kind.model.__name__}APIViewSet",
            (base,),
            {"snippet_type": kind, "model": kind.model, "name": kind.endpoint},
        )
        for kind in snippet_types()
    }


def register_v2_endpoints(router: WagtailAPIRouter) -> None:
    """Add an endpoint per snippet model (``states``, ``structures``, ...) to a v2 API router."""
    for name, viewset in v2_snippet_viewsets().items():
        router.register_endpoint(name, viewset)
