"""Serializer fields for Wagtail's own APIs (v2 and the v3 preview), and the snippets' ``api_fields``.

Wagtail's APIs read a model's ``api_fields``. The fields here compute their
values with the same shapes and builders as the package's own API, so a story's
hero image, a meeting's organiser or a structure's parent come out as the same
expanded objects, never bare IDs, whichever API a frontend uses. Like Wagtail's
``APIField``, they import no API view: models declare them while being defined.

In Wagtail's v3 API each field is typed by its ``output`` (the return annotation
of ``to_representation``), so the v3 OpenAPI document describes the expanded
objects too.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.http import HttpRequest
from django.utils import translation
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.rich_text import expand_db_html

from wagtail_osce.locales import LocaleContext, ReferenceLocalizer, context_for

from .common import dump, stream_context
from .links import RichTextOut
from .media import ImageOut, image_out
from .snippets import (
    HostOut,
    SnippetOut,
    StateRef,
    StructureRef,
    schema_context,
    schema_for,
    snippet_queryset,
)

_DUMP_ATTR = "_wagtail_osce_api_dump"
_LOCALE_ATTR = "_wagtail_osce_api_locale"


# Serializer fields ---------------------------------------------------------------------


class RepresentationField(Field):
    """A read-only field whose value is computed from the whole object (``source="*"``).

    Subclasses implement ``represent``. ``output`` is the value's type (a type,
    or an annotation); Wagtail's v3 API
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
        ctx = context_for(obj, request)
        setattr(obj, _LOCALE_ATTR, ctx)
    return ctx


def snippet_dump(obj: Model) -> dict[str, Any]:
    """The snippet as the package's API shows it, in its own locale (built once per object).

    Reads the locale through ``obj.locale``: select it with the object, and a
    listing costs no query per row.
    """
    cached = getattr(obj, _DUMP_ATTR, None)
    if cached is None:
        code = obj.locale.language_code
        with translation.override(code):
            cached = dump(schema_for(type(obj)).from_instance(obj, requested_locale=code))
        setattr(obj, _DUMP_ATTR, cached)
    return cached


class LocaleField(RepresentationField):
    """The language code of a translatable object, such as ``"fr"``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(output=str, **kwargs)

    def represent(self, obj: Model) -> str:
        return obj.locale.language_code


class SnippetAttributeField(RepresentationField):
    """One attribute of a snippet's package representation, named by the API field."""

    def represent(self, obj: Model) -> Any:
        return snippet_dump(obj)[self.field_name]


class SnippetReferenceField(RepresentationField):
    """Snippets a page refers to, in the page's locale (else the default), as their shape.

    ``schema`` is the snippet's shape; ``many`` is true for a many-to-many field.
    """

    def __init__(self, *, schema: type[SnippetOut], many: bool = False, **kwargs: Any) -> None:
        output = list[schema] if many else schema | None  # type: ignore[valid-type]
        super().__init__(output=output, **kwargs)
        self.schema = schema
        self.many = many

    def represent(self, page: Model) -> Any:
        ctx = locale_context(page, self.request)
        value = getattr(page, self.field_name)
        rows = list(value.all()) if self.many else [value] if value is not None else []
        refs = ReferenceLocalizer(ctx, {type(row): snippet_queryset(type(row)) for row in rows})
        refs.add_all(rows)
        refs.resolve()
        with translation.override(ctx.code):
            dumps = [
                dump(self.schema.from_instance(row, **schema_context(ctx)))
                for row in refs.get_all(rows)
            ]
        return dumps if self.many else (dumps[0] if dumps else None)


class ExpandedImageField(RepresentationField):
    """An image expanded as ``image_out``: renditions, responsive sets per use, alt text, focal point.

    ``image`` names the image attribute (default: the API field's name); ``alt``
    names the attribute holding the alt text, else the image's own is used.
    """

    def __init__(self, *, image: str | None = None, alt: str | None = None, **kwargs: Any) -> None:
        super().__init__(output=ImageOut | None, **kwargs)
        self.image_attr = image
        self.alt_attr = alt

    def represent(self, obj: Model) -> dict[str, Any] | None:
        image = getattr(obj, self.image_attr or self.field_name)
        if image is None:
            return None
        alt = getattr(obj, self.alt_attr) if self.alt_attr else None
        return dump(image_out(image, alt=alt))


class StreamRepresentationField(RepresentationField):
    """A page's StreamField through its blocks' API representations, in the page's locale.

    The blocks get the same context as in the package's API (the page and the
    requested locale), so related stories leave out the page itself and
    referenced snippets follow its language. ``output`` is the type of the list,
    built from the stream's blocks.
    """

    def represent(self, page: Model) -> list[Any]:
        value = getattr(page, self.field_name)
        ctx = locale_context(page, self.request)
        context = stream_context(self.request, page, ctx.code)
        with translation.override(ctx.code):
            return value.stream_block.get_api_representation(value, context=context)


class DisplayRichTextField(RepresentationField):
    """Rich text as display HTML with its links resolved, as ``{"html": ...}``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(output=RichTextOut, **kwargs)

    def represent(self, obj: Model) -> dict[str, str]:
        return {"html": expand_db_html(getattr(obj, self.field_name) or "")}


class TextOrNullField(RepresentationField):
    """A text attribute, or null when it is empty; ``attribute`` names it (default: the field's name)."""

    def __init__(self, *, attribute: str | None = None, **kwargs: Any) -> None:
        super().__init__(output=str | None, **kwargs)
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
    "iso_code", "group", _attribute("group_label", str), "partner_since"
)
STRUCTURE_API_FIELDS = _snippet_fields(
    "kind",
    _attribute("kind_label", str),
    "acronym",
    _attribute("parent", StructureRef | None),
    _attribute("region", str | None),
    "seat_city",
    _attribute("host", HostOut | None),
    "established",
    "closed",
    _attribute("status", str),
)
FIELD_OF_WORK_API_FIELDS = _snippet_fields("description", "sort_order")
MEETING_SERIES_API_FIELDS = _snippet_fields("description", "sort_order")
CHAIRPERSONSHIP_API_FIELDS = _snippet_fields(
    "year",
    _attribute("state", StateRef | None),
    "historic_state",
    "state_name",
    _attribute("chairperson_in_office", list[str]),
)
