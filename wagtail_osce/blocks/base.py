"""The one contract every block of the package follows, and the context its representation gets.

A block represents itself for the APIs with ``api_value(value, ctx)``, which
returns an instance of its ``api_schema``; ``ctx`` is a :class:`BlockContext`
(the request, the page showing the block, the language asked for and the
stream's prefetch). Struct blocks build on :class:`OsceStructBlock`: field-level
errors for cross-field rules, and rendering from the stream's prefetch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.functional import Promise
from pydantic import BaseModel
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from wagtail_osce.blocks.prefetch import PREFETCH_CONTEXT_KEY, StreamPrefetch, get_prefetch
from wagtail_osce.representation.common import REQUESTED_LOCALE_KEY

__all__ = ["BlockContext", "OsceStructBlock", "RepresentedBlock"]


@dataclass(frozen=True)
class BlockContext:
    """What a block's representation may depend on, read once from Wagtail's block context."""

    prefetch: StreamPrefetch
    request: HttpRequest | None = None
    page: Any = None
    requested_locale: str | None = None

    @classmethod
    def of(cls, context: dict[str, Any] | None, block: blocks.Block, value: Any) -> BlockContext:
        """The context a block gets, with the stream's prefetch (or one made for ``value``)."""
        context = context or {}
        return cls(
            prefetch=get_prefetch(context, block, value),
            request=context.get("request"),
            page=context.get("page"),
            requested_locale=context.get(REQUESTED_LOCALE_KEY),
        )

    @property
    def current_page_id(self) -> int | None:
        """The page showing the block, which lists of pages leave out."""
        return getattr(self.page, "pk", None)

    def schema_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for the snippet shapes' ``from_instance``: the language asked for."""
        return {"requested_locale": self.requested_locale} if self.requested_locale else {}


class RepresentedBlock:
    """A block whose API representation is ``api_value(value, ctx)``, an ``api_schema`` instance."""

    api_schema: ClassVar[type[BaseModel]]

    def api_value(self, value: Any, ctx: BlockContext) -> BaseModel:
        """The value as an instance of ``api_schema``."""
        raise NotImplementedError

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return self.api_value(value, BlockContext.of(context, self, value)).model_dump(mode="json")


class OsceStructBlock(RepresentedBlock, blocks.StructBlock):
    """A StructBlock with field-level cross-field validation, a typed API value and prefetching.

    Subclasses set ``api_schema`` (the pydantic model of their API value) and
    implement :meth:`api_value`; they add cross-field rules in :meth:`validate`,
    which returns errors by child name so the admin shows each one on its field.
    Their templates get ``osce_prefetch`` and what :meth:`get_template_values` adds.
    """

    def clean(self, value: Any) -> blocks.StructValue:
        errors: dict[str, ValidationError] = {}
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            errors.update(error.block_errors)
            cleaned = self.normalize(value)
        for name, error in self.validate(cleaned).items():
            errors.setdefault(name, error)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return cleaned

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        """Cross-field rules: return ``{child_name: ValidationError}`` for each broken one.

        Rules that only say something is missing should return nothing while
        ``self.is_deferred_validation`` is set, so editors can save drafts.
        """
        return {}

    def get_context(
        self, value: blocks.StructValue, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        prefetch = get_prefetch(parent_context, self, value)
        context = super().get_context(value, parent_context=parent_context)
        context[PREFETCH_CONTEXT_KEY] = prefetch
        context.update(self.get_template_values(value, prefetch))
        return context

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        """Extra template variables computed from the value, with lookups from the prefetch."""
        return {}


def blank(value: Any) -> bool:
    """True for None, empty strings and strings of spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def or_none(value: Any) -> Any:
    """Empty optional text as ``None``, so the API says null rather than "".

    A default such as a lazily translated heading comes out as plain text.
    """
    if blank(value):
        return None
    return str(value) if isinstance(value, Promise) else value
