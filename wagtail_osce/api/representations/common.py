"""What every page's representation shares: its fields, its links and its translations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from pydantic import BaseModel, Field
from pydantic_core import to_json

from wagtail_osce.api.cache.http import apply_http_caching
from wagtail_osce.api.headers import served_languages, set_content_language
from wagtail_osce.api.schemas.pages import (
    PageSummaryOut,
    PageTranslationOut,
)
from wagtail_osce.blocks.prefetch import StreamPrefetch
from wagtail_osce.locales import (
    LocaleContext,
)
from wagtail_osce.representation.common import Listing, stream_context
from wagtail_osce.representation.links import RichTextOut
from wagtail_osce.representation.paths import page_api_url as api_url_of
from wagtail_osce.representation.snippets import (
    SnippetOut,
    schema_context,
)
from wagtail_osce.visibility import visible_pages

if TYPE_CHECKING:
    from wagtail.models import Page

T = TypeVar("T")


class CursorListing(Listing[T], Generic[T]):
    """One page of a listing that also pages by cursor: pass ``next_cursor`` as ``after``.

    A page asked for with ``after`` has no page number (``page`` is null) and no
    ``previous``; ``count`` and ``num_pages`` still describe the whole listing.
    """

    page: int | None = Field(
        description="The 1-based page number returned; null on a page asked for with `after`."
    )
    next_cursor: str | None = Field(
        description="Pass as `after` for the next page; null on the last page."
    )

    @classmethod
    def of(cls, schema: type[BaseModel]) -> type[CursorListing]:
        """``CursorListing[schema]`` named like a plain listing: ``StoryListing``."""
        if schema not in _CURSOR_LISTINGS:
            name = schema.__name__.removesuffix("SummaryOut") + "Listing"
            _CURSOR_LISTINGS[schema] = type(
                name, (cls[schema],), {"__module__": __name__, "__doc__": cls.__doc__}
            )
        return _CURSOR_LISTINGS[schema]


_CURSOR_LISTINGS: dict[type, type] = {}


def page_api_url(page: Page, ctx: LocaleContext | None = None) -> str:
    """The page's detail endpoint, in the requested locale when ``locale=`` was given."""
    return api_url_of(page, ctx.code if ctx is not None and ctx.explicit else None)


def page_fields(request: HttpRequest, page: Page, ctx: LocaleContext) -> dict[str, Any]:
    return PageSummaryOut.page_fields(
        page,
        request=request,
        requested_locale=ctx.code,
        locale_codes=ctx.locale_codes,
        api_url=page_api_url(page, ctx),
    )


def summary_of(request: HttpRequest, page: Page, ctx: LocaleContext) -> PageSummaryOut:
    return PageSummaryOut(**page_fields(request, page, ctx))


def translations_of(
    request: HttpRequest, page: Page, ctx: LocaleContext
) -> list[PageTranslationOut]:
    """The page's other visible language versions, in one query."""
    others = (
        visible_pages(request)
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .order_by("locale_id")
    )
    return [
        PageTranslationOut(
            id=other.pk,
            locale=ctx.code_for(other.locale_id),
            title=other.title,
            url=other.get_url(request=request),
            api_url=page_api_url(other),
        )
        for other in others
    ]


def page_context(ctx: LocaleContext, page: Page) -> LocaleContext:
    """Without ``locale=`` a page is rendered in its own locale: it is then never a fallback."""
    return ctx if ctx.explicit else ctx.for_locale(ctx.by_id[page.locale_id])


def snippet_out(
    schema: type[SnippetOut],
    obj: Any,
    ctx: LocaleContext,
    shapes: dict[tuple[type, int], Any] | None = None,
) -> Any:
    """The snippet's shape in ``ctx``; with ``shapes``, built once per row for a whole listing
    (fifty stories of the same field of work build it once)."""
    if obj is None:
        return None
    if shapes is None:
        return schema.from_instance(obj, **schema_context(ctx))
    key = (schema, obj.pk)
    if key not in shapes:
        shapes[key] = schema.from_instance(obj, **schema_context(ctx))
    return shapes[key]


def stream_representation(
    request: HttpRequest, page: Page, field_name: str, ctx: LocaleContext
) -> list[Any]:
    """A StreamField's API representation; its blocks prefetch what they refer to in bulk."""
    value = getattr(page, field_name)
    context = stream_context(request, page, ctx.code)
    return value.stream_block.get_api_representation(value, context=context)


def rich_text_out(request: HttpRequest, page: Page, source: str | None) -> RichTextOut:
    """A page's rich-text field as the API shows rich text: links and images resolved in bulk."""
    prefetch = StreamPrefetch(request=request, page=page)
    prefetch.add_rich_text(source)
    prefetch.fetch()
    return RichTextOut(html=prefetch.rich_text_html(source, annotate=True))


def listing_response(request: HttpRequest, listing: BaseModel) -> HttpResponseBase:
    """A listing's JSON response, serialised in one pass without validating its items again.

    django-ninja would validate every item once more against the response schema and
    encode the dump with the standard library's ``json``: for items built from their
    shapes already, that was about a third of building a listing. The caching headers
    are added here, as django-ninja hands a response on as it is; the tests validate
    real listings against the OpenAPI document generated from the same shapes.
    """
    response = HttpResponse(to_json(listing), content_type="application/json; charset=utf-8")
    set_content_language(response, served_languages(listing, request))
    return apply_http_caching(request, response)


def detail_response(schema: type[BaseModel], fields: dict[str, Any]) -> HttpResponse:
    """A detail's JSON response, serialised in one pass without validating ``fields`` again.

    The blocks have already built each value as its own ``api_schema`` and dumped it, and
    the snippets, images and translations are validated shapes: validating the whole body
    once more (and once again in django-ninja) only repeats that work. ``model_construct``
    fills the schema's defaults so every declared field is present; the tests validate
    real responses against the OpenAPI document generated from ``schema``.
    """
    instance = schema.model_construct(**fields)
    body = to_json({name: getattr(instance, name) for name in type(instance).model_fields})
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    if isinstance(fields.get("locale"), str):
        set_content_language(response, [fields["locale"]])
    return response
