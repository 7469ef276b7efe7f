"""The site's taxonomies: fields of work and meeting series, each in the site's own order."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_osce.representation.api_fields import (
    FIELD_OF_WORK_API_FIELDS,
    MEETING_SERIES_API_FIELDS,
)

from .base import OrderedReferenceSnippet
from .validators import no_null_characters


class TaxonomySnippet(OrderedReferenceSnippet):
    """An ordered, described term that pages are filed under."""

    description = models.TextField(_("description"), blank=True, validators=[no_null_characters])
    seeded_values = models.JSONField(
        _("seeded values"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "What osce_seed last wrote to the localized fields, so that a later seed can tell "
            "an unedited row from an edited one."
        ),
    )

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(OrderedReferenceSnippet.Meta):
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_%(class)s_slug_per_locale"
            ),
        ]


class FieldOfWork(TaxonomySnippet):
    """A thematic field the OSCE works in, such as policing or border management."""

    api_fields = FIELD_OF_WORK_API_FIELDS

    class Meta(TaxonomySnippet.Meta):
        verbose_name = _("field of work")
        verbose_name_plural = _("fields of work")


class MeetingSeries(TaxonomySnippet):
    """A recurring kind of meeting or conference, such as the Ministerial Council."""

    api_fields = MEETING_SERIES_API_FIELDS

    class Meta(TaxonomySnippet.Meta):
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
