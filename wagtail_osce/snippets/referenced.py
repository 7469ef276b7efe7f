"""The reference snippets a page (or any translatable object) refers to, and their translations.

A translator working on a page in wagtail-localize's editor translates its texts;
the States, structures, fields of work and meeting series it shows are rows of
their own, translated separately. :func:`referenced_snippets` lists them, from
the object's stream blocks (chooser blocks at any depth), its foreign keys and
its many-to-many fields (a story's sources, fields of work and countries), each with its row in the target language or ``None``
where the row exists only in other languages. Pages chosen in blocks are left
out: their translation is looked up when the page is rendered.

The cost is one query per chooser block type and one per snippet model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin

__all__ = ["ReferencedSnippet", "referenced_snippets"]


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


def _from_block(block: blocks.Block, value: Any) -> Iterator[models.Model]:
    """The translatable rows chosen in one block value, in the order they appear."""
    if value is None:
        return
    if isinstance(block, blocks.ChooserBlock):
        if _is_reference(value):
            yield value
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _from_block(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _from_block(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _from_block(child.block, child.value)


def _from_instance(instance: models.Model) -> Iterator[models.Model]:
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(instance, field.name)
            for child in value:
                yield from _from_block(child.block, child.value)
        elif isinstance(field, models.ManyToManyField):
            if field.auto_created or not issubclass(field.related_model, TranslatableMixin):
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


def referenced_snippets(instance: models.Model, locale: Locale) -> list[ReferencedSnippet]:
    """The translatable rows ``instance`` refers to, each once, with their row in ``locale``.

    Rows are listed in the order the object first refers to them; a row already
    in ``locale`` is its own translation.
    """
    seen: dict[tuple[type[models.Model], Any], models.Model] = {}
    for obj in _from_instance(instance):
        seen.setdefault((type(obj), obj.translation_key), obj)

    keys_by_model: dict[type[models.Model], set[Any]] = {}
    for model, key in seen:
        keys_by_model.setdefault(model, set()).add(key)
    translations: dict[tuple[type[models.Model], Any], models.Model] = {}
    for model, keys in keys_by_model.items():
        for row in model._default_manager.filter(translation_key__in=keys, locale_id=locale.pk):
            translations[(model, row.translation_key)] = row

    return [
        ReferencedSnippet(source=obj, translation=translations.get(key))
        for key, obj in seen.items()
    ]
