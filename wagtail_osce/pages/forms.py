"""Admin form behaviour shared by the package's pages.

Reference snippets have one row per language. In a page's edit form the
many-to-many choices (sources, fields of work, countries) list only the rows in
the page's language, plus whatever the page already refers to, so an editor
sees each State once instead of once per language.
"""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.db.models import Q
from wagtail.models import TranslatableMixin

from wagtail_osce.locales import locale_id_of


class LocalizedChoicesFormMixin:
    """Limit multiple-choice fields over translatable models to the page's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        locale_id = locale_id_of(instance) if instance is not None else None
        if locale_id is None:
            return
        for name, form_field in self.fields.items():
            if not isinstance(form_field, forms.ModelMultipleChoiceField):
                continue
            model = form_field.queryset.model
            if not issubclass(model, TranslatableMixin):
                continue
            current = self._current_ids(instance, name)
            form_field.queryset = form_field.queryset.filter(
                Q(locale_id=locale_id) | Q(pk__in=current)
            )

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        # A page type may refuse more in the editor's form than its model does.
        check = getattr(type(self.instance), "admin_form_errors", None)
        if check is not None:
            for name, error in check(cleaned_data).items():
                self.add_error(name, error)
        return cleaned_data

    @staticmethod
    def _current_ids(instance: Any, name: str) -> list[int]:
        if instance.pk is None:
            return []
        manager = getattr(instance, name, None)
        if manager is None or not hasattr(manager, "all"):
            return []
        return [obj.pk for obj in manager.all()]


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
