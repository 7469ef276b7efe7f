"""The rotating Chairpersonship, held by one State each calendar year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_osce.representation.api_fields import CHAIRPERSONSHIP_API_FIELDS

from .base import ReferenceSnippet


class Chairpersonship(ReferenceSnippet):
    """The State that chairs the OSCE for one year, and its foreign minister, the Chairperson-in-Office.

    ``name`` reads "Finland 2025". A State that no longer exists (Czechoslovakia,
    1992) is named in ``historic_state`` instead of pointing to a participating State.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    state = models.ForeignKey(
        "wagtail_osce.ParticipatingState",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chairpersonships",
    )
    historic_state = models.CharField(
        _("historic State"),
        max_length=255,
        blank=True,
        help_text=_("Only for a chairing State that is no longer a participating State."),
    )
    chairperson_in_office = models.CharField(
        _("Chairperson-in-Office"),
        max_length=255,
        blank=True,
        help_text=_("Separate several office holders in one year with a semicolon."),
    )

    unique_per_locale = ("slug", "year")

    search_fields = [
        *ReferenceSnippet.search_fields,
        index.SearchField("chairperson_in_office"),
        index.FilterField("year"),
    ]

    api_fields = CHAIRPERSONSHIP_API_FIELDS

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("historic_state"),
        TranslatableField("chairperson_in_office"),
        TranslatableField("state"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("year", overridable=False),
    ]

    class Meta(ReferenceSnippet.Meta):
        verbose_name = _("Chairpersonship")
        verbose_name_plural = _("Chairpersonships")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "year"], name="wagtail_osce_chairpersonship_year_per_locale"
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_chairpersonship_slug_per_locale"
            ),
        ]

    @property
    def state_name(self) -> str:
        return self.state.name if self.state_id else self.historic_state

    @property
    def office_holders(self) -> list[str]:
        return [n.strip() for n in self.chairperson_in_office.split(";") if n.strip()]

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if bool(self.state_id) == bool(self.historic_state):
            errors.setdefault("state", []).append(
                ValidationError(
                    _("Choose the chairing State, or name a historic State, but not both."),
                    code="state_or_historic_state",
                )
            )
        elif self.state_id and self.state.locale_id != self.get_locale_id():
            errors.setdefault("state", []).append(
                ValidationError(
                    _("Choose a State in the same language as this Chairpersonship."),
                    code="state_locale",
                )
            )
        if errors:
            raise ValidationError(errors)
