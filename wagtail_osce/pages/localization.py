"""Show snippet references in the language of the page that displays them.

wagtail-localize copies a page's many-to-many references unchanged into its
translations, so a French story points at the English rows of its fields of
work. These helpers swap such rows for their translation in the page's locale,
one query per snippet model whatever the number of pages, and keep the original
row where no translation exists yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import Model
from wagtail.models import Locale

M = TypeVar("M", bound=Model)


def translations_by_key(objects: Iterable[M], locale_id: int | None) -> dict[Any, M]:
    """The translations in ``locale_id`` of the objects not already in it, by translation key."""
    if locale_id is None:
        return {}
    by_model: dict[type[Model], set[Any]] = defaultdict(set)
    for obj in objects:
        if obj is not None and obj.locale_id != locale_id:
            by_model[type(obj)].add(obj.translation_key)
    found: dict[Any, M] = {}
    for model, keys in by_model.items():
        for translation in model._default_manager.filter(
            translation_key__in=keys, locale_id=locale_id
        ):
            found[translation.translation_key] = translation
    return found


def localize_list(objects: Sequence[M], translations: dict[Any, M]) -> list[M]:
    """``objects`` with each replaced by its translation where ``translations`` has one."""
    return [translations.get(obj.translation_key, obj) for obj in objects if obj is not None]


def locale_id_of(page: Model) -> int | None:
    """The page's locale, or the default locale for a page not yet saved."""
    if getattr(page, "locale_id", None):
        return page.locale_id
    try:
        return Locale.get_default().pk
    except Locale.DoesNotExist:
        return None
