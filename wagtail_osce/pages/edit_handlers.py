"""The admin's tabs for the story and meeting page types: content, taxonomy, promote, settings."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _

from .forms import localized_choices_form_class


class TabbedEditHandler:
    """``edit_handler`` for page types with a taxonomy tab, built from the class's panel lists.

    Evaluated when the admin asks for it, so importing the models never imports
    admin forms, and a subclass's ``content_panels`` or ``taxonomy_panels`` apply.
    """

    tabs: ClassVar[tuple[tuple[str, Any], ...]] = (
        ("content_panels", _("Content")),
        ("taxonomy_panels", _("Taxonomy")),
        ("promote_panels", _("Promote")),
        ("settings_panels", _("Settings")),
    )

    def __get__(self, instance: Any, owner: type) -> Any:
        from wagtail.admin.forms import WagtailAdminPageForm
        from wagtail.admin.panels import ObjectList, TabbedInterface

        tabs = [
            ObjectList(panels, heading=heading)
            for attr, heading in self.tabs
            if (panels := getattr(owner, attr, None))
        ]
        base_form = getattr(owner, "base_form_class", None) or WagtailAdminPageForm
        return TabbedInterface(tabs, base_form_class=localized_choices_form_class(base_form))
