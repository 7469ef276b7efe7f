"""The reference snippets a page (or any translatable object) refers to, and their translations.

A translator working on a page in wagtail-localize's editor translates its texts;
the States, structures, fields of work and meeting series it shows are rows of
their own, translated separately. :func:`referenced_snippets` lists them, from
the object's stream blocks (chooser blocks at any depth), its foreign keys and
its many-to-many fields (a story's sources, fields of work and countries), each with its row in the target language or ``None``
where the row exists only in other languages. Pages chosen in blocks are left
out: their translation is looked up when the page is rendered.

Stream blocks are read from their stored data, so images, documents and pages
chosen in them are never loaded. The cost is one query per many-to-many field
and two per snippet model, whatever the number of blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin

from wagtail_osce.locales import translations_by_key

__all__ = [
    "ReferencedSnippet",
    "chosen_in_stream",
    "map_chosen",
    "referenced_snippets",
    "translatable_chooser_model",
]


@dataclass
class ReferencedSnippet:
    """One referenced row (as the object refers to it) and its row in the target language."""

    source: models.Model
    translation: models.Model | None

    @property
    def model(self) -> type[models.Model]:
        return type(self.source)

    @property
    def is_translated(self) -> bool:
        return self.translation is not None


def _is_reference(obj: Any) -> bool:
    return isinstance(obj, TranslatableMixin) and not isinstance(obj, Page)


def translatable_chooser_model(block: blocks.Block) -> type[models.Model] | None:
    """The snippet model a chooser block picks, if it is translatable (pages excluded)."""
    if not isinstance(block, blocks.ChooserBlock):
        return None
    model = getattr(block, "model_class", None)
    if (
        isinstance(model, type)
        and issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
    ):
        return model
    return None


def map_chosen(
    block: blocks.Block, raw: Any, chosen: Callable[[type[models.Model], Any], Any]
) -> Any:
    """Stored stream data with each translatable snippet chooser's id replaced by ``chosen``.

    ``chosen(model, id)`` is called for every chooser at any depth of structs, lists
    and nested streams, in order; what it returns takes the id's place. Other data is
    kept as it is.
    """
    if raw in (None, "", [], {}):
        return raw
    model = translatable_chooser_model(block)
    if model is not None:
        return chosen(model, raw)
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        return {
            key: map_chosen(block.child_blocks[key], value, chosen)
            if key in block.child_blocks
            else value
            for key, value in raw.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        return [
            {**item, "value": map_chosen(block.child_block, item["value"], chosen)}
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item
            else map_chosen(block.child_block, item, chosen)
            for item in raw
        ]
    if isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        return [
            {
                **item,
                "value": map_chosen(block.child_blocks[item["type"]], item.get("value"), chosen),
            }
            if isinstance(item, dict) and item.get("type") in block.child_blocks
            else item
            for item in raw
        ]
    return raw


def chosen_in_stream(
    stream_block: blocks.StreamBlock, raw: list[Any]
) -> dict[type[models.Model], list[Any]]:
    """The ids chosen in translatable snippet choosers of stored stream data, by model.

    Reads the stored data (``StreamValue.raw_data`` or ``get_prep_value()``) without
    loading anything, at any depth of structs, lists and nested streams, in order.
    """
    found: dict[type[models.Model], list[Any]] = {}

    def collect(model: type[models.Model], pk: Any) -> Any:
        found.setdefault(model, []).append(pk)
        return pk

    map_chosen(stream_block, raw, collect)
    return found


def _from_instance(instance: models.Model) -> Iterator[models.Model]:
    chosen: dict[type[models.Model], list[Any]] = {}
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(instance, field.name)
            stream_block = getattr(value, "stream_block", None)
            if stream_block is not None:
                for model, ids in chosen_in_stream(stream_block, list(value.raw_data)).items():
                    chosen.setdefault(model, []).extend(ids)
        elif isinstance(field, models.ManyToManyField):
            if not issubclass(field.related_model, TranslatableMixin):
                continue
            yield from (obj for obj in getattr(instance, field.name).all() if _is_reference(obj))
        elif isinstance(field, models.ForeignKey) and not field.auto_created:
            related = field.related_model
            if not issubclass(related, TranslatableMixin) or issubclass(related, Page):
                continue
            if getattr(instance, field.attname) is not None:
                obj = getattr(instance, field.name)
                if _is_reference(obj):
                    yield obj
    for model, ids in chosen.items():
        rows = model._default_manager.in_bulk(ids)
        for pk in ids:
            row = rows.get(pk) if pk in rows else rows.get(_to_pk(model, pk))
            if row is not None:
                yield row


def _to_pk(model: type[models.Model], value: Any) -> Any:
    try:
        return model._meta.pk.to_python(value)
    except Exception:
        return None


def referenced_snippets(instance: models.Model, locale: Locale) -> list[ReferencedSnippet]:
    """The translatable rows ``instance`` refers to, each once, with their row in ``locale``.

    Rows of fields come first, then those of stream blocks, each in order; a row
    already in ``locale`` is its own translation.
    """
    seen: dict[tuple[type[models.Model], Any], models.Model] = {}
    for obj in _from_instance(instance):
        seen.setdefault((type(obj), obj.translation_key), obj)

    translations = translations_by_key(seen.values(), locale.pk)
    return [
        ReferencedSnippet(
            source=obj,
            translation=obj
            if obj.locale_id == locale.pk
            else translations.get(obj.translation_key),
        )
        for obj in seen.values()
    ]
