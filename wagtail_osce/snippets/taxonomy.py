"""The site's taxonomies: fields of work and meeting series, each in the site's own order."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_osce.api.wagtail_fields import FIELD_OF_WORK_API_FIELDS, MEETING_SERIES_API_FIELDS

from .base import OrderedReferenceSnippet


class FieldOfWork(OrderedReferenceSnippet):
    """A thematic field the OSCE works in, such as policing or border management."""

    description = models.TextField(_("description"), blank=True)

    api_fields = FIELD_OF_WORK_API_FIELDS

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(OrderedReferenceSnippet.Meta):
        verbose_name = _("field of work")
        verbose_name_plural = _("fields of work")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_fieldofwork_slug_per_locale"
            ),
        ]


class MeetingSeries(OrderedReferenceSnippet):
    """A recurring kind of meeting or conference, such as the Ministerial Council."""

    description = models.TextField(_("description"), blank=True)

    api_fields = MEETING_SERIES_API_FIELDS

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(OrderedReferenceSnippet.Meta):
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_meetingseries_slug_per_locale"
            ),
        ]
