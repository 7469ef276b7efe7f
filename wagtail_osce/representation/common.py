"""Shapes every representation shares: locale markers, paginated listings and collections."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

#: Where a stream's representation finds the language the client asked for.
REQUESTED_LOCALE_KEY = "osce_requested_locale"


def stream_context(request: Any, page: Any, requested_locale: str | None) -> dict[str, Any]:
    """The block context a stream is represented with: the request, the page, the language."""
    return {"request": request, "page": page, REQUESTED_LOCALE_KEY: requested_locale}


class LocalizedOut(BaseModel):
    """Locale markers carried by every translatable object in a response.

    ``locale`` is the language of the content actually returned; when the
    requested language has no translation yet, the default locale's content is
    returned instead and ``is_fallback`` is true.
    """

    locale: str = Field(description="Language code of the content returned.")
    requested_locale: str = Field(description="Language code the client asked for.")
    is_fallback: bool = Field(
        description="True when the requested translation does not exist and the "
        "default locale's content is returned instead."
    )


class Listing(BaseModel, Generic[T]):
    """One page of a paginated listing; ``next`` and ``previous`` are root-relative URLs."""

    model_config = ConfigDict(arbitrary_types_allowed=False)

    count: int = Field(
        description="Total number of results across all pages; when `count_exact` is "
        "false, a lower bound (the listing was counted no further)."
    )
    count_exact: bool = Field(
        description="Whether `count` is the exact total; false when the listing has more "
        "results than `WAGTAIL_OSCE['COUNT_LIMIT']` and was counted no further."
    )
    page: int = Field(description="The 1-based page number returned.")
    page_size: int
    num_pages: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    previous: str | None = Field(description="URL of the previous page, or null on the first page.")
    results: list[T]

    @classmethod
    def of(cls, schema: type[BaseModel]) -> type[Listing]:
        """``Listing[schema]`` under a readable name: ``StoryListing`` for ``StorySummaryOut``."""
        return _named_subclass(cls, schema, "Listing")


def _base_name(schema: type[Any]) -> str:
    name = getattr(schema, "__name__", "Item")
    for suffix in ("SummaryOut", "Out"):
        if name.endswith(suffix) and name != suffix:
            return name[: -len(suffix)]
    return name


def locale_markers(locale_code: str, requested_locale: str | None) -> dict[str, Any]:
    """The ``locale``/``requested_locale``/``is_fallback`` triple for one object."""
    requested = requested_locale or locale_code
    return {
        "locale": locale_code,
        "requested_locale": requested,
        "is_fallback": requested != locale_code,
    }


class Collection(BaseModel, Generic[T]):
    """A complete, unpaginated list: reference data is small and bounded."""

    count: int
    results: list[T]

    @classmethod
    def of(cls, schema: type[BaseModel]) -> type[Collection]:
        """``Collection[schema]`` under a readable name: ``PartnerCollection`` for ``PartnerOut``."""
        return _named_subclass(cls, schema, "Collection")


_NAMED: dict[tuple[type, type], type] = {}


def _named_subclass(generic: type, schema: type[BaseModel], suffix: str) -> type:
    """A concrete subclass of ``generic[schema]``, so the OpenAPI document names it plainly."""
    key = (generic, schema)
    if key not in _NAMED:
        name = f"{_base_name(schema)}{suffix}"
        _NAMED[key] = type(
            name, (generic[schema],), {"__module__": __name__, "__doc__": generic.__doc__}
        )
    return _NAMED[key]


def dump(model: BaseModel) -> dict[str, Any]:
    """The JSON-ready dict of an API model, as ``get_api_representation`` returns it."""
    return model.model_dump(mode="json")
