"""Which locales a group's members may change translatable reference data in."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


class GroupLocalePermission(models.Model):
    """A group's right to change, translate and delete locale-scoped snippets in one language.

    Wagtail grants snippet permissions per model; this row narrows a group's
    change, delete and publish rights to the rows of one locale. A group with the
    default locale may change the source language; a French translators' group
    holds French only.
    """

    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="osce_locale_permissions",
    )
    locale = models.ForeignKey(
        Locale,
        verbose_name=_("locale"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("group locale permission")
        verbose_name_plural = _("group locale permissions")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "locale"], name="wagtail_osce_unique_group_locale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} / {self.locale}"
