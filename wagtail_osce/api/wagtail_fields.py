"""The package's API representations, served through Wagtail's own APIs (v2 and the v3 preview).

Wagtail's APIs read a model's ``api_fields``. The fields here compute their
values with the same pydantic schemas and builders as the package's own API, so
a story's hero image, a meeting's organiser or a structure's parent come out as
the same expanded objects, never bare IDs, whichever API a frontend uses::

    from wagtail_osce.api.wagtail_fields import STORY_PAGE_API_FIELDS

    class StoryPage(StoryPageMixin, BasePage):
        api_fields = STORY_PAGE_API_FIELDS

Snippet models import this module while they are being defined, so it imports
no model and no API view at import time: the schemas are imported when a value
is first computed, the v2 endpoints and the v3 router when a URLconf asks for
them with :func:`register_v2_endpoints` and :func:`register_v3_endpoints`.

In Wagtail's v3 API each field is typed by its ``output`` (an annotation
naming the package's schemas as ``schemas.<Name>``), so the v3 OpenAPI document
describes the expanded objects too.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import translation
from rest_framework.fields import Field
from wagtail.api import APIField

if TYPE_CHECKING:
    from ninja import NinjaAPI, Router
    from wagtail.api.v2.router import WagtailAPIRouter

    from .locale import LocaleContext


class _Schemas:
    """The package's pydantic schemas by name, imported on first use.

    ``output`` annotations read ``schemas.ImageOut``; Wagtail's v3 API evaluates
    them when it builds its schemas, after every model is loaded.
    """

    modules = (
        "wagtail_osce.api.schemas.snippets",
        "wagtail_osce.api.schemas.pages",
        "wagtail_osce.blocks.representation",
    )

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("_"):
            for path in self.modules:
                module = import_module(path)
                if hasattr(module, name):
                    return getattr(module, name)
        raise AttributeError(name)


schemas = _Schemas()

_DUMP_ATTR = "_wagtail_osce_api_dump"
_LOCALE_ATTR = "_wagtail_osce_api_locale"


# Serializer fields ---------------------------------------------------------------------


class RepresentationField(Field):
    """A read-only field whose value is computed from the whole object (``source="*"``).

    Subclasses implement ``represent``. ``output`` is the value's type (a type,
    or an annotation string that may name ``schemas.<Name>``); Wagtail's v3 API
    reads it from ``to_representation``'s return annotation to type the field.
    """

    def __init__(self, *, output: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)
        self.output = output
        if output is not None:
            represent = self.represent

            def to_representation(value: Any) -> Any:
                return represent(value)

            to_representation.__annotations__ = {"return": output}
            self.to_representation = to_representation

    def to_representation(self, value: Any) -> Any:
        return self.represent(value)

    def represent(self, obj: Any) -> Any:
        raise NotImplementedError

    @property
    def request(self) -> HttpRequest | None:
        """The request under Wagtail's v2 API; v3 does not pass one to serializer fields."""
        return self.context.get("request")


def locale_context(obj: Model, request: HttpRequest | None = None) -> LocaleContext:
    """A page's own locale as the requested one: Wagtail's APIs serve each page as it is.

    Cached on the object, so its fields share one look-up of the site's locales.
    """
    ctx = getattr(obj, _LOCALE_ATTR, None)
    if ctx is None:
        from .locale import resolve_locale

        ctx = resolve_locale(request, None)
        ctx = ctx.for_locale(ctx.by_id[obj.locale_id])
        setattr(obj, _LOCALE_ATTR, ctx)
    return ctx


def snippet_dump(obj: Model) -> dict[str, Any]:
    """The snippet as the package's API shows it, in its own locale (built once per object).

    Reads the locale through ``obj.locale``: select it with the object, and a
    listing costs no query per row.
    """
    dump = getattr(obj, _DUMP_ATTR, None)
    if dump is None:
        from .schemas.snippets import SNIPPET_SCHEMAS

        code = obj.locale.language_code
        with translation.override(code):
            out = SNIPPET_SCHEMAS[type(obj)].from_instance(obj, requested_locale=code)
        dump = out.model_dump(mode="json")
        setattr(obj, _DUMP_ATTR, dump)
    return dump


class LocaleField(RepresentationField):
    """The language code of a translatable object, such as ``"fr"``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(output="str", **kwargs)

    def represent(self, obj: Model) -> str:
        return obj.locale.language_code


class SnippetAttributeField(RepresentationField):
    """One attribute of a snippet's package representation, named by the API field."""

    def represent(self, obj: Model) -> Any:
        return snippet_dump(obj)[self.field_name]


class SnippetReferenceField(RepresentationField):
    """Snippets a page refers to, in the page's locale (else the default), as their ``*Out`` schema.

    ``schema`` names the schema in :mod:`wagtail_osce.api.schemas.snippets`;
    ``many`` is true for a many-to-many field.
    """

    def __init__(self, *, schema: str, many: bool = False, **kwargs: Any) -> None:
        output = f"list[schemas.{schema}]" if many else f"schemas.{schema} | None"
        super().__init__(output=output, **kwargs)
        self.schema = schema
        self.many = many

    def represent(self, page: Model) -> Any:
        from .locale import ReferenceLocalizer
        from .routers.pages import snippet_querysets

        ctx = locale_context(page, self.request)
        schema = getattr(schemas, self.schema)
        refs = ReferenceLocalizer(ctx, snippet_querysets())
        value = getattr(page, self.field_name)
        rows = list(value.all()) if self.many else [value] if value is not None else []
        refs.add_all(rows)
        refs.resolve()
        with translation.override(ctx.code):
            dumps = [
                schema.from_instance(row, **ctx.schema_context()).model_dump(mode="json")
                for row in refs.get_all(rows)
            ]
        return dumps if self.many else (dumps[0] if dumps else None)


class ExpandedImageField(RepresentationField):
    """An image expanded as ``image_out``: renditions with URL, width and height, alt text, focal point.

    ``image`` names the image attribute (default: the API field's name); ``alt``
    names the attribute holding the alt text, else the image's own is used.
    """

    def __init__(self, *, image: str | None = None, alt: str | None = None, **kwargs: Any) -> None:
        super().__init__(output="schemas.ImageOut | None", **kwargs)
        self.image_attr = image
        self.alt_attr = alt

    def represent(self, obj: Model) -> dict[str, Any] | None:
        from wagtail_osce.blocks.representation import dump, image_out

        image = getattr(obj, self.image_attr or self.field_name)
        if image is None:
            return None
        alt = getattr(obj, self.alt_attr) if self.alt_attr else None
        return dump(image_out(image, alt=alt))


class StreamRepresentationField(RepresentationField):
    """A page's StreamField through its blocks' API representations, in the page's locale.

    The blocks get the same context as in the package's API (the page and the
    requested locale), so related stories leave out the page itself and
    referenced snippets follow its language. ``schema`` names the item union in
    :mod:`wagtail_osce.api.schemas.pages`.
    """

    def __init__(self, *, schema: str, **kwargs: Any) -> None:
        super().__init__(output=f"list[schemas.{schema}]", **kwargs)
        self.schema = schema

    def represent(self, page: Model) -> list[Any]:
        value = getattr(page, self.field_name)
        ctx = locale_context(page, self.request)
        context = {"request": self.request, "page": page, "requested_locale": ctx.code}
        with translation.override(ctx.code):
            return value.stream_block.get_api_representation(value, context=context)


class DisplayRichTextField(RepresentationField):
    """Rich text as display HTML with its links resolved, as ``{"html": ...}``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(output="schemas.RichTextOut", **kwargs)

    def represent(self, obj: Model) -> dict[str, str]:
        from wagtail.rich_text import expand_db_html

        return {"html": expand_db_html(getattr(obj, self.field_name) or "")}


class TextOrNullField(RepresentationField):
    """A text attribute, or null when it is empty; ``attribute`` names it (default: the field's name)."""

    def __init__(self, *, attribute: str | None = None, **kwargs: Any) -> None:
        super().__init__(output="str | None", **kwargs)
        self.attribute = attribute

    def represent(self, obj: Model) -> str | None:
        return getattr(obj, self.attribute or self.field_name) or None


class UTCDateTimeField(RepresentationField):
    """A date and time as the package's API writes it: ISO 8601 in UTC, ``Z``, milliseconds."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(output=datetime.datetime, **kwargs)

    def represent(self, obj: Model) -> str | None:
        value = getattr(obj, self.field_name)
        return DjangoJSONEncoder().default(value) if value is not None else None


# api_fields ------------------------------------------------------------------------------


def _snippet_fields(*fields: str | APIField) -> list[APIField]:
    """The fields every reference snippet shares, then ``fields``."""
    shared = [
        APIField("translation_key"),
        APIField("name"),
        APIField("slug"),
        APIField("locale", serializer=LocaleField()),
    ]
    return shared + [field if isinstance(field, APIField) else APIField(field) for field in fields]


def _attribute(name: str, output: Any = None) -> APIField:
    return APIField(name, serializer=SnippetAttributeField(output=output))


PARTICIPATING_STATE_API_FIELDS = _snippet_fields(
    "iso_code", "admission_date", APIField("flag", serializer=ExpandedImageField())
)
PARTNER_API_FIELDS = _snippet_fields(
    "iso_code", "group", _attribute("group_label", "str"), "partner_since"
)
STRUCTURE_API_FIELDS = _snippet_fields(
    "kind",
    _attribute("kind_label", "str"),
    "acronym",
    _attribute("parent", "schemas.StructureRef | None"),
    _attribute("region", "str | None"),
    "seat_city",
    _attribute("host", "schemas.HostOut | None"),
    "established",
    "closed",
    _attribute("status", "str"),
)
FIELD_OF_WORK_API_FIELDS = _snippet_fields("description", "sort_order")
MEETING_SERIES_API_FIELDS = _snippet_fields("description", "sort_order")
CHAIRPERSONSHIP_API_FIELDS = _snippet_fields(
    "year",
    _attribute("state", "schemas.StateRef | None"),
    "historic_state",
    "state_name",
    _attribute("chairperson_in_office", "list[str]"),
)

STORY_PAGE_API_FIELDS = [
    APIField("date"),
    APIField("lead"),
    APIField("hero_image", serializer=ExpandedImageField(alt="hero_alt")),
    APIField("hero_caption", serializer=TextOrNullField()),
    APIField("hero_credit", serializer=TextOrNullField(attribute="hero_credit_line")),
    APIField(
        "fields_of_work", serializer=SnippetReferenceField(schema="FieldOfWorkOut", many=True)
    ),
    APIField("sources", serializer=SnippetReferenceField(schema="StructureOut", many=True)),
    APIField(
        "countries", serializer=SnippetReferenceField(schema="ParticipatingStateOut", many=True)
    ),
    APIField("body", serializer=StreamRepresentationField(schema="StoryBodyItem")),
    APIField("related_stories", serializer=StreamRepresentationField(schema="RelatedStoriesItem")),
]
MEETING_PAGE_API_FIELDS = [
    APIField("start", serializer=UTCDateTimeField()),
    APIField("end", serializer=UTCDateTimeField()),
    APIField("all_day"),
    APIField("status"),
    APIField("status_label"),
    APIField("series", serializer=SnippetReferenceField(schema="MeetingSeriesOut")),
    APIField("city"),
    APIField("country", serializer=SnippetReferenceField(schema="ParticipatingStateOut")),
    APIField("venue"),
    APIField("organiser", serializer=SnippetReferenceField(schema="StructureOut")),
    APIField("lead"),
    APIField("livestream_url", serializer=TextOrNullField()),
    APIField("body", serializer=StreamRepresentationField(schema="MeetingBodyItem")),
    APIField("documents", serializer=StreamRepresentationField(schema="MeetingDocumentsItem")),
]
STORY_INDEX_PAGE_API_FIELDS = [APIField("intro", serializer=DisplayRichTextField())]
MEETING_INDEX_PAGE_API_FIELDS = [APIField("intro", serializer=DisplayRichTextField())]


# Endpoints --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SnippetEndpoint:
    """A snippet model served by Wagtail's APIs: its URL segment and the queryset that loads
    what its representation reads."""

    name: str
    model: type[Model]
    queryset: Callable[[], QuerySet]

    def get_queryset(self) -> QuerySet:
        return self.queryset().select_related("locale")


def snippet_endpoints() -> list[SnippetEndpoint]:
    """Every reference snippet, under the same names as in the package's API."""
    from wagtail_osce.snippets import (
        Chairpersonship,
        FieldOfWork,
        MeetingSeries,
        ParticipatingState,
        Partner,
        Structure,
    )

    from .routers import snippets as views

    return [
        SnippetEndpoint("states", ParticipatingState, views.states_queryset),
        SnippetEndpoint("partners", Partner, Partner.objects.all),
        SnippetEndpoint("structures", Structure, views.structures_queryset),
        SnippetEndpoint("fields-of-work", FieldOfWork, FieldOfWork.objects.all),
        SnippetEndpoint("meeting-series", MeetingSeries, MeetingSeries.objects.all),
        SnippetEndpoint("chairpersonships", Chairpersonship, views.chairpersonships_queryset),
    ]


@functools.cache
def _v2_viewset_base() -> type:
    from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter
    from wagtail.api.v2.views import BaseAPIViewSet

    class SnippetAPIViewSet(BaseAPIViewSet):
        """A read-only v2 endpoint for one snippet model; ``?locale=fr`` lists one language."""

        endpoint: SnippetEndpoint
        filter_backends = [FieldsFilter, OrderingFilter, LocaleFilter, SearchFilter]
        known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])

        def get_queryset(self) -> QuerySet:
            return self.endpoint.get_queryset()

        @classmethod
        def get_listing_default_fields(cls, model: type[Model]) -> list[str]:
            """Reference data is small: listings show every field, as the package's API does."""
            return cls.get_available_fields(model)

    return SnippetAPIViewSet


def v2_snippet_viewsets() -> dict[str, type]:
    """A Wagtail API v2 viewset for each snippet model, by endpoint name."""
    base = _v2_viewset_base()
    return {
        endpoint.name: type(
            f"{endpoint.model.__name__}APIViewSet",
            (base,),
            {"endpoint": endpoint, "model": endpoint.model, "name": endpoint.name},
        )
        for endpoint in snippet_endpoints()
    }


def register_v2_endpoints(router: WagtailAPIRouter) -> None:
    """Add an endpoint per snippet model (``states``, ``structures``, ...) to a v2 API router."""
    for name, viewset in v2_snippet_viewsets().items():
        router.register_endpoint(name, viewset)


def v3_snippets_router() -> Router:
    """A v3 router with a listing and a detail endpoint per snippet model.

    Each model's read schema is generated from its ``api_fields`` by Wagtail's
    own generator and registered for ``/schema/`` discovery. Public, like pages:
    a token is accepted but not required.
    """
    from ninja import Router
    from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
    from wagtail.api.v3.registry import ContentTypeRegistration, registry
    from wagtail.api.v3.schemas import BaseSchema, read_generator

    router = Router(tags=["OSCE reference data"], auth=[BearerTokenAuth(), AllowAnonymous()])
    for endpoint in snippet_endpoints():
        model = endpoint.model
        schema = read_generator.generate_schema(model, base_class=BaseSchema)
        registry.register(
            ContentTypeRegistration(
                name=model._meta.label, label=str(model._meta.verbose_name), read_schema=schema
            )
        )
        _add_v3_routes(router, endpoint, schema)
    return router


def _add_v3_routes(router: Router, endpoint: SnippetEndpoint, schema: type) -> None:
    from django.shortcuts import get_object_or_404
    from ninja import Query
    from ninja.pagination import paginate
    from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
    from wagtail.api.v3.schemas.params import locale_filter_q

    key = endpoint.name.replace("-", "_")
    plural = str(endpoint.model._meta.verbose_name_plural)

    @router.get(
        f"/{endpoint.name}/",
        response=list[schema],
        url_name=f"list_{key}",
        operation_id=f"osce_{key}_list",
        summary=f"List {plural}",
    )
    @paginate(WagtailLimitOffsetPagination)
    def list_view(
        request: HttpRequest,
        locale: str | None = Query(None, description="Only objects in this language."),
    ) -> QuerySet:
        queryset = endpoint.get_queryset()
        return queryset.filter(locale_filter_q(locale)) if locale else queryset

    @router.get(
        f"/{endpoint.name}/{{object_id}}/",
        response=schema,
        url_name=f"detail_{key}",
        operation_id=f"osce_{key}_detail",
        summary=f"Get one of the {plural}",
    )
    def detail_view(request: HttpRequest, object_id: int) -> Model:
        return get_object_or_404(endpoint.get_queryset(), pk=object_id)


def register_v3_endpoints(api: NinjaAPI, prefix: str = "/osce/") -> None:
    """Mount the snippet endpoints on Wagtail's v3 API, before its ``urls`` are read::

    from wagtail.api.v3.urls import api as v3_api

    register_v3_endpoints(v3_api)
    urlpatterns = [path("api/v3/", v3_api.urls)]
    """
    api.add_router(prefix, v3_snippets_router())
