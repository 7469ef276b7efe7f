"""What the package adds to wagtail-localize so that translations keep their references and texts.

References follow the locale
    wagtail-localize copies a page's many-to-many fields unchanged into its
    translations, so a French story would go on pointing at the English rows of
    its sources, fields of work and countries. When a page (or any translatable
    model with such fields) is saved, :func:`localize_references` swaps each
    referenced snippet for its translation in the page's own locale, where one
    exists. The
    page's revisions, its admin form, search index and listings then all see the
    French rows; rows not translated yet are kept as they are and the read-time
    helpers of :mod:`wagtail_osce.locales` and the API still show
    them in the requested language once a translation appears.

List items keep their place
    wagtail-localize tells the items of a list block apart by the ids Wagtail
    stores with them, and skips lists stored without ids. The page editor always
    stores ids, but stream data written in code (imports, fixtures, demo
    content) is saved as given. :func:`give_list_items_ids` stores such data the
    way the editor does, so key-figure labels, gallery captions or accordion
    sections written in code are offered for translation too.

Existing translations are kept
    ``osce_seed`` creates the reference data in every locale (with CLDR country
    names), and editors may translate a row by hand. wagtail-localize knows
    nothing of those texts: submitting such a row for translation, directly or
    because a submitted meeting refers to it, would write the source text over
    them. When a translation is created, :func:`remember_existing_translations`
    records the target's current texts that differ from the source as
    translations, so wagtail-localize keeps them and offers them for review.

Which models
    Only the package's own models are handled: its snippets, its page types and
    any model built on its abstract mixins (a site's ``NewsPage(StoryPageMixin,
    BasePage)``). A site opts another translatable model in with
    :func:`register_model`, as a class decorator or from its own
    ``AppConfig.ready()``. Other models of the site are never touched.

:func:`register` connects these; ``WagtailOsceConfig.ready()`` calls it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Collection
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import post_save, pre_save
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from wagtail_osce.locales import localize_list, translations_by_key

__all__ = [
    "give_list_items_ids",
    "handled_models",
    "localize_references",
    "register",
    "register_model",
    "remember_existing_translations",
    "translatable_m2m_fields",
]

PACKAGE = "wagtail_osce"
_opted_in: set[type[models.Model]] = set()
_registered = False


@functools.cache
def translatable_m2m_fields(model: type[models.Model]) -> tuple[str, ...]:
    """Names of ``model``'s ParentalManyToManyFields that point to translatable models."""
    if not issubclass(model, TranslatableMixin):
        return ()
    return tuple(
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ParentalManyToManyField)
        and issubclass(field.related_model, TranslatableMixin)
    )


def localize_references(instance: models.Model) -> list[str]:
    """Point ``instance``'s many-to-many references at their rows in its locale.

    Each referenced row in another locale is replaced by its translation in the
    instance's locale, where one exists; the order is kept and a row reached
    twice (the English and the French "Austria") is kept once. Works on the
    unsaved, in-memory relations, so it belongs before ``save()`` commits them.
    Returns the names of the fields it changed.
    """
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return []
    changed = []
    for name in translatable_m2m_fields(type(instance)):
        current = [obj for obj in getattr(instance, name).all() if obj is not None]
        translations = translations_by_key(current, locale_id)
        if not translations:
            continue
        localized = list({obj.pk: obj for obj in localize_list(current, translations)}.values())
        setattr(instance, name, localized)
        changed.append(name)
    return changed


@functools.cache
def stream_fields(model: type[models.Model]) -> tuple[str, ...]:
    """Names of ``model``'s StreamFields."""
    return tuple(field.name for field in model._meta.get_fields() if isinstance(field, StreamField))


def _lacks_list_ids(block: blocks.Block, raw: Any) -> bool:
    """Whether stored data ``raw`` of ``block`` holds a list item without Wagtail's item id."""
    if isinstance(block, blocks.ListBlock):
        if not isinstance(raw, list):
            return False
        for item in raw:
            if not (isinstance(item, dict) and item.get("type") == "item" and item.get("id")):
                return True
            if _lacks_list_ids(block.child_block, item.get("value")):
                return True
        return False
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(raw, list):
            return False
        return any(
            isinstance(item, dict)
            and item.get("type") in block.child_blocks
            and _lacks_list_ids(block.child_blocks[item["type"]], item.get("value"))
            for item in raw
        )
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return False
        return any(
            _lacks_list_ids(child, raw.get(name)) for name, child in block.child_blocks.items()
        )
    return False


def give_list_items_ids(
    instance: models.Model, field_names: Collection[str] | None = None
) -> list[str]:
    """Have ``instance``'s StreamFields store list items with ids, as the page editor does.

    Only streams holding a list item without an id are touched: their blocks are
    read through their block types, which write every list item back with an id
    when the instance is saved. ``field_names`` limits this to some fields (those
    a save with ``update_fields`` writes). Returns the names of the fields concerned.
    """
    concerned = []
    for name in stream_fields(type(instance)):
        if field_names is not None and name not in field_names:
            continue
        value = getattr(instance, name)
        stream_block = getattr(value, "stream_block", None)
        if stream_block is None:
            continue
        raw_data = value.raw_data
        if any(
            isinstance(item, dict)
            and item.get("type") in stream_block.child_blocks
            and _lacks_list_ids(stream_block.child_blocks[item["type"]], item.get("value"))
            for item in raw_data
        ):
            # Reading the children binds each to its block type, which writes it back.
            list(value)
            concerned.append(name)
    return concerned


def _prepare_for_translation(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool = False,
    update_fields: Any = None,
    **kwargs: Any,
) -> None:
    if raw:
        return
    give_list_items_ids(instance, update_fields)
    # A save limited to some fields (a revision pointer, a slug) commits no relation.
    if update_fields is None:
        localize_references(instance)


def remember_existing_translations(translation: Translation) -> int:
    """Record the texts the target object already has as translations of its source's strings.

    Called when wagtail-localize creates ``translation``. Only texts that differ
    from the source are recorded (a copy of the English text is no translation),
    only where a field or block holds a single string in both versions, and never
    over a translation wagtail-localize already has. Aliases mirror their source
    and are skipped. Returns how many strings were recorded.
    """
    source = translation.source
    try:
        target = source.get_translated_instance(translation.target_locale)
    except ObjectDoesNotExist:
        return 0
    if getattr(target, "alias_of_id", None):
        return 0

    existing: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(target):
        if isinstance(segment, StringSegmentValue):
            existing[segment.path].append(segment.string.data)

    by_context: dict[Any, list[Any]] = defaultdict(list)
    for string_segment in source.stringsegment_set.select_related("string", "context"):
        by_context[string_segment.context].append(string_segment)

    recorded = 0
    for context, string_segments in by_context.items():
        values = existing.get(context.path, [])
        if len(string_segments) != 1 or len(values) != 1:
            continue
        string = string_segments[0].string
        value = values[0]
        if not value.strip() or value == string.data:
            continue
        _translation, created = StringTranslation.objects.get_or_create(
            translation_of=string,
            locale=translation.target_locale,
            context=context,
            defaults={
                "data": value,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
        recorded += created
    return recorded


def _remember_on_create(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw and _handles(instance.source.specific_content_type.model_class()):
        remember_existing_translations(instance)


def is_package_model(model: type[models.Model]) -> bool:
    """Whether ``model`` is one of the package's or built on one of its abstract models."""
    return any(
        klass.__module__.split(".")[0] == PACKAGE
        for klass in model.__mro__
        if issubclass(klass, models.Model) and klass is not models.Model
    )


def _handles(model: type[models.Model] | None) -> bool:
    return model is not None and (is_package_model(model) or model in _opted_in)


def handled_models() -> list[type[models.Model]]:
    """The translatable models whose saves the package prepares for translation."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin)
        and _handles(model)
        and (translatable_m2m_fields(model) or stream_fields(model))
    ]


def _connect(model: type[models.Model]) -> None:
    pre_save.connect(
        _prepare_for_translation,
        sender=model,
        dispatch_uid=f"wagtail_osce_prepare_for_translation_{model._meta.label_lower}",
    )


def register_model(model: type[models.Model]) -> type[models.Model]:
    """Opt a site's translatable model in: its references follow the locale, its list items
    get ids. Usable as a class decorator."""
    if not issubclass(model, TranslatableMixin):
        raise TypeError(f"{model.__name__} is not translatable (TranslatableMixin).")
    _opted_in.add(model)
    if _registered:
        _connect(model)
    return model


def register() -> None:
    """Connect the handlers: a ``pre_save`` for each handled model (see :func:`handled_models`)
    and a ``post_save`` for wagtail-localize's ``Translation``."""
    global _registered
    _registered = True
    for model in handled_models():
        _connect(model)
    post_save.connect(
        _remember_on_create,
        sender=Translation,
        dispatch_uid="wagtail_osce_remember_existing_translations",
    )
