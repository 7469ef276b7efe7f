"""The API type of a stream: a union of its child blocks' shapes, discriminated by block type.

Each child becomes ``{"type": Literal[<child name>], "id": str, "value": <api_schema>}``,
so a block added to a stream appears in the OpenAPI documents (the package's and
Wagtail's v3) without a change elsewhere. A child without ``api_schema`` (a plain
Wagtail block) has an untyped ``value``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Field, create_model
from wagtail import blocks

_ITEM_SCHEMAS: dict[tuple[Any, ...], Any] = {}


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def stream_item_schema(stream_block: blocks.StreamBlock, name: str) -> Any:
    """The type of one item of ``stream_block``'s API representation, named ``name``.

    Built once per name and set of children, so every caller shares one set of
    pydantic models (the OpenAPI documents name each once).
    """
    children = tuple(
        (child_name, type(child_block))
        for child_name, child_block in stream_block.child_blocks.items()
    )
    key = (name, children)
    if key not in _ITEM_SCHEMAS:
        _ITEM_SCHEMAS[key] = _build(stream_block, name)
    return _ITEM_SCHEMAS[key]


def _build(stream_block: blocks.StreamBlock, name: str) -> Any:
    members = []
    for child_name, child_block in stream_block.child_blocks.items():
        value_schema = getattr(child_block, "api_schema", None) or Any
        members.append(
            create_model(
                f"{name}{_camel(child_name)}",
                __doc__=f"A `{child_name}` block: {child_block.label}.",
                type=(Literal[child_name], ...),  # type: ignore[valid-type]
                id=(str | None, Field(description="The block's id, stable across edits.")),
                value=(value_schema, ...),
            )
        )
    if not members:
        return dict[str, Any]
    if len(members) == 1:
        return members[0]
    return Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007


def merged_stream_block(stream_blocks: list[blocks.StreamBlock]) -> blocks.StreamBlock:
    """One stream block with the children of all of ``stream_blocks`` (the first of a name wins).

    For the API's story and meeting schemas when a site serves several page types
    whose bodies differ.
    """
    if len(stream_blocks) == 1:
        return stream_blocks[0]
    children: dict[str, blocks.Block] = {}
    for stream_block in stream_blocks:
        for child_name, child_block in stream_block.child_blocks.items():
            children.setdefault(child_name, child_block)
    return blocks.StreamBlock(list(children.items()))
