"""The "Languages" panel of the group edit form: which locales the group may change snippets in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import GroupLocalePermission


class LocaleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Locale) -> str:
        return obj.get_display_name() or obj.language_code


class GroupLocalePermissionForm(forms.Form):
    """Ticks one box per locale; saving the group stores exactly the ticked ones.

    Wagtail instantiates it with the group being edited (``instance``), validates
    it with the group form and calls ``save()`` after the group is saved.
    """

    template_name = "wagtail_osce/permissions/group_locale_permissions.html"

    locales = LocaleChoiceField(
        queryset=Locale.objects.order_by("language_code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages"),
        help_text=_(
            "Members may change, translate and delete locale-scoped snippets (the OSCE "
            "reference data) only in these languages, within their snippet permissions above. "
            "Only groups holding the default language may change the source rows."
        ),
    )

    def __init__(self, *args: Any, instance: Group | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "osce_locale_permissions")
        self.instance = instance
        if instance is not None and instance.pk is not None:
            kwargs["initial"] = {
                "locales": list(
                    GroupLocalePermission.objects.filter(group=instance).values_list(
                        "locale_id", flat=True
                    )
                )
            }
        super().__init__(*args, **kwargs)

    def as_admin_panel(self) -> str:
        return render_to_string(
            self.template_name,
            {"form": self, "heading": _("Languages"), "panel_id": "osce-locale-permissions"},
        )

    def save(self) -> None:
        if self.instance is None or self.instance.pk is None:
            return
        chosen = {locale.pk for locale in self.cleaned_data["locales"]}
        existing = GroupLocalePermission.objects.filter(group=self.instance)
        existing.exclude(locale_id__in=chosen).delete()
        held = set(existing.values_list("locale_id", flat=True))
        GroupLocalePermission.objects.bulk_create(
            GroupLocalePermission(group=self.instance, locale_id=locale_id)
            for locale_id in sorted(chosen - held)
        )
