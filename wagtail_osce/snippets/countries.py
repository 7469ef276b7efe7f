"""Participating States and Partners for Co-operation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_osce.choices import PartnerGroup
from wagtail_osce.representation.api_fields import (
    PARTICIPATING_STATE_API_FIELDS,
    PARTNER_API_FIELDS,
)

from .base import ReferenceSnippet
from .validators import iso_alpha2_validator, no_null_characters


class CountryMixin(models.Model):
    """A country identified by its ISO 3166-1 alpha-2 code, unique within a language."""

    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        validators=[iso_alpha2_validator, no_null_characters],
        help_text=_("ISO 3166-1 alpha-2, such as AT for Austria."),
    )
    alternative_names = models.TextField(
        _("alternative names"),
        blank=True,
        validators=[no_null_characters],
        help_text=_(
            "Other names editors may search for, one per line: short forms, former names, "
            "names in other languages (Russia, Turkey, Vatican)."
        ),
    )
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

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.iso_code = (self.iso_code or "").upper()
        super().save(*args, **kwargs)


class ParticipatingState(CountryMixin, ReferenceSnippet):
    """One of the 57 States that take part in the OSCE on an equal footing."""

    admission_date = models.DateField(
        _("admission date"),
        null=True,
        blank=True,
        help_text=_("When the State joined the CSCE/OSCE."),
    )
    note = models.TextField(
        _("internal note"),
        blank=True,
        validators=[no_null_characters],
        help_text=_(
            "For editors only, such as where a name or date comes from: never shown to "
            "readers, the same in every language and not offered for translation."
        ),
    )
    flag = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("flag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    unique_per_locale = ("slug", "iso_code")

    search_fields = [
        *ReferenceSnippet.search_fields,
        index.SearchField("iso_code"),
        index.SearchField("alternative_names"),
        index.AutocompleteField("alternative_names"),
    ]

    api_fields = PARTICIPATING_STATE_API_FIELDS

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("alternative_names"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("iso_code", overridable=False),
        SynchronizedField("admission_date", overridable=False),
        SynchronizedField("flag"),
        # Internal sourcing text: kept out of translation, copied to every language.
        SynchronizedField("note", overridable=False),
    ]

    class Meta(ReferenceSnippet.Meta):
        verbose_name = _("participating State")
        verbose_name_plural = _("participating States")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "iso_code"], name="wagtail_osce_state_iso_per_locale"
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_state_slug_per_locale"
            ),
        ]


class Partner(CountryMixin, ReferenceSnippet):
    """A Partner for Co-operation: a State outside the OSCE that works with it in a regional group."""

    Group = PartnerGroup

    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    partner_since = models.PositiveSmallIntegerField(
        _("partner since"),
        null=True,
        blank=True,
        help_text=_("Year the State became a Partner for Co-operation."),
    )

    unique_per_locale = ("slug", "iso_code")

    search_fields = [
        *ReferenceSnippet.search_fields,
        index.SearchField("alternative_names"),
        index.AutocompleteField("alternative_names"),
        index.FilterField("group"),
    ]

    api_fields = PARTNER_API_FIELDS

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("alternative_names"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("iso_code", overridable=False),
        SynchronizedField("group", overridable=False),
        SynchronizedField("partner_since", overridable=False),
    ]

    class Meta(ReferenceSnippet.Meta):
        verbose_name = _("Partner for Co-operation")
        verbose_name_plural = _("Partners for Co-operation")
        ordering = ["group", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "iso_code"], name="wagtail_osce_partner_iso_per_locale"
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_partner_slug_per_locale"
            ),
        ]
