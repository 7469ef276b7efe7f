"""The taxonomy inputs of the story form: a searchable list of checkboxes.

Wagtail's snippet chooser widget picks one object (``AdminSnippetChooser`` has no
multiple mode for a ``ParentalManyToManyField``), and ``MultipleChooserPanel``
works only on an ``InlinePanel`` relation. A story's sources, fields of work and
countries are many-to-many fields, so they keep Django's checkboxes, limited to
the page's language (``forms.LocalizedChoicesFormMixin``), with a search box
above them that narrows the list as the editor types (matching names without
accents and a State's alternative names, so "turkey" finds Türkiye) and a line
that says what is chosen. Without JavaScript it is the plain list.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def search_text(instance: Any) -> str:
    """What typing can match for one choice: its name, acronym and alternative names."""
    parts = [str(instance)]
    for attr in ("name", "acronym", "alternative_names", "iso_code"):
        value = getattr(instance, attr, "") or ""
        parts.extend(str(value).splitlines())
    unique = dict.fromkeys(part.strip() for part in parts if part and part.strip())
    text = " ".join(unique)
    folded = unicodedata.normalize("NFKD", text)
    return "".join(char for char in folded if not unicodedata.combining(char)).casefold()


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with a "type to find" box; the chosen ones are named above the list."""

    template_name = "wagtail_osce/admin/searchable_checkboxes.html"

    class Media:
        js = ["wagtail_osce/admin/taxonomy-chooser.js"]
        css = {"all": ["wagtail_osce/admin/taxonomy-chooser.css"]}

    def create_option(self, name: str, value: Any, label: Any, selected: Any, index: int,
                      subindex: int | None = None, attrs: dict | None = None) -> dict:  # fmt: skip
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        option["attrs"]["data-osce-search"] = (
            search_text(instance) if instance is not None else str(label).casefold()
        )
        return option

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            search_label=_("Type to find"),
            search_placeholder=_("Type a name…"),
            chosen_label=_("Chosen:"),
            none_chosen=_("None chosen"),
            no_match=_("Nothing matches."),
        )
        return context
