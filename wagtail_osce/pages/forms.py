"""Admin form behaviour shared by the package's pages.

Reference snippets have one row per language. In a page's edit form the
many-to-many choices (sources, fields of work, countries) list only the rows in
the page's language, plus whatever the page already refers to, so an editor
sees each State once instead of once per language.

A translated page may still refer to rows of another language (a draft saved
before the French "Allemagne" existed, or a chooser block wagtail-localize kept
as it was): the form opens with those references swapped for their rows in the
page's language wherever one exists, in the taxonomy fields and in the snippet
choosers of its streams, so the editor sees the names the page shows. A row
with no translation keeps its place, labelled with its language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.models import Locale, TranslatableMixin

from wagtail_osce.locales import locale_id_of, localize_list, translations_by_key
from wagtail_osce.snippets.referenced import chosen_in_stream, map_chosen


class LocalizedChoicesFormMixin:
    """Limit multiple-choice fields over translatable models to the page's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        locale_id = locale_id_of(instance) if instance is not None else None
        if locale_id is None:
            return
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.ModelMultipleChoiceField):
                self._localize_choices(name, form_field, instance, locale_id)
            elif not self.is_bound and isinstance(form_field, BlockField):
                self._localize_stream(name, form_field, locale_id)

    def _localize_choices(
        self, name: str, form_field: forms.ModelMultipleChoiceField, instance: Any, locale_id: int
    ) -> None:
        model = form_field.queryset.model
        if not issubclass(model, TranslatableMixin):
            return
        current = self._current(instance, name)
        translations = translations_by_key(current, locale_id)
        if self.is_bound:
            # What the form was opened with stays valid, whichever rows it named.
            kept = [obj.pk for obj in current]
        else:
            kept = [obj.pk for obj in current if obj.translation_key not in translations]
            if translations:
                chosen = [obj.pk for obj in localize_list(current, translations)]
                self.initial[name] = list(dict.fromkeys(chosen))
        form_field.queryset = form_field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=kept))
        if any(obj.locale_id != locale_id for obj in current):
            form_field.label_from_instance = _label_with_language(locale_id)

    def _localize_stream(self, name: str, form_field: Any, locale_id: int) -> None:
        value = self.initial.get(name)
        stream_block = getattr(value, "stream_block", None)
        if stream_block is None:
            return
        raw = value.get_prep_value()
        localized = localized_stream_data(stream_block, raw, locale_id)
        if localized is not raw:
            self.initial[name] = stream_block.to_python(localized)

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        # A page type may refuse more in the editor's form than its model does.
        check = getattr(type(self.instance), "admin_form_errors", None)
        if check is not None:
            for name, error in check(cleaned_data).items():
                self.add_error(name, error)
        return cleaned_data

    @staticmethod
    def _current(instance: Any, name: str) -> list[Any]:
        if instance.pk is None:
            return []
        manager = getattr(instance, name, None)
        if manager is None or not hasattr(manager, "all"):
            return []
        return [obj for obj in manager.all() if obj is not None]


def _label_with_language(locale_id: int) -> Callable[[Any], str]:
    """A choice label naming the language of rows that are not in ``locale_id``."""
    names: dict[int, str] = {}

    def label(obj: Any) -> str:
        if obj.locale_id == locale_id:
            return str(obj)
        if not names:
            names.update((locale.pk, locale.get_display_name()) for locale in Locale.objects.all())
        return _("%(name)s (%(language)s, not translated)") % {
            "name": obj,
            "language": names.get(obj.locale_id, ""),
        }

    return label


def localized_stream_data(stream_block: blocks.StreamBlock, raw: list[Any], locale_id: int) -> Any:
    """``raw`` stream data with each chosen snippet row swapped for its row in ``locale_id``.

    Rows already in that language, and rows with no translation in it, stay as they
    are. Returns ``raw`` itself when nothing changes. Two queries per snippet model.
    """
    swaps: dict[tuple[type, Any], Any] = {}
    for model, ids in chosen_in_stream(stream_block, raw).items():
        rows = list(model._default_manager.filter(pk__in=ids).exclude(locale_id=locale_id))
        translations = translations_by_key(rows, locale_id)
        for row in rows:
            if row.translation_key in translations:
                swaps[(model, row.pk)] = swaps[(model, str(row.pk))] = translations[
                    row.translation_key
                ].pk
    if not swaps:
        return raw
    return map_chosen(stream_block, raw, lambda model, pk: swaps.get((model, pk), pk))


@functools.cache
def localized_choices_form_class(base: type) -> type:
    """``base`` (the page's admin form class) with :class:`LocalizedChoicesFormMixin` mixed in."""
    if issubclass(base, LocalizedChoicesFormMixin):
        return base
    metaclass = type(base)
    return metaclass(
        f"Localized{base.__name__}",
        (LocalizedChoicesFormMixin, base),
        {"__module__": __name__},
    )
