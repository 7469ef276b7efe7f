"""The organisation's bodies as one tree: Chairpersonship, Secretariat, institutions, field operations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_osce.choices import StructureKind, StructureRegion
from wagtail_osce.representation.api_fields import STRUCTURE_API_FIELDS

from .base import ReferenceSnippet
from .validators import no_null_characters


class Structure(ReferenceSnippet):
    """A body of the OSCE: where a story comes from and who organises a meeting.

    Bodies form one tree through ``parent`` (the Secretariat holds its units).
    A field operation is hosted by a participating State or, as in Kosovo, by a
    territory that is not one; it is closed once ``closed`` is set.
    """

    Kind = StructureKind
    Region = StructureRegion

    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, validators=[no_null_characters]
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The body this one belongs to, such as the Secretariat for its units."),
    )
    region = models.CharField(
        _("region"),
        max_length=30,
        choices=Region.choices,
        blank=True,
        help_text=_("For field operations: the region they work in."),
    )
    seat_city = models.CharField(
        _("seat"), max_length=255, blank=True, validators=[no_null_characters]
    )
    host_state = models.ForeignKey(
        "wagtail_osce.ParticipatingState",
        verbose_name=_("host State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_structures",
    )
    host_territory = models.CharField(
        _("host territory"),
        max_length=255,
        blank=True,
        validators=[no_null_characters],
        help_text=_("A host that is not a participating State, such as Kosovo."),
    )
    established = models.DateField(_("established"), null=True, blank=True)
    closed = models.DateField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the body is active."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
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

    search_fields = [
        *ReferenceSnippet.search_fields,
        index.SearchField("acronym"),
        index.AutocompleteField("acronym"),
        index.FilterField("kind"),
    ]

    api_fields = STRUCTURE_API_FIELDS

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("acronym"),
        TranslatableField("seat_city"),
        TranslatableField("host_territory"),
        TranslatableField("parent"),
        TranslatableField("host_state"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("region", overridable=False),
        SynchronizedField("established", overridable=False),
        SynchronizedField("closed", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(ReferenceSnippet.Meta):
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_osce_structure_slug_per_locale"
            ),
        ]

    @property
    def is_closed(self) -> bool:
        return self.closed is not None

    @property
    def host_name(self) -> str:
        if self.host_state_id:
            return self.host_state.name
        return self.host_territory

    def ancestors(self) -> list[Structure]:
        """Parents from the nearest up; stops at a cycle rather than looping for ever."""
        chain: list[Structure] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)

        if self.established and self.closed and self.closed < self.established:
            errors.setdefault("closed", []).append(
                ValidationError(
                    _("A structure cannot close before it was established."),
                    code="closed_before_established",
                )
            )
        if self.parent_id:
            if self.pk and (self.parent_id == self.pk or self._parent_chain_has(self.pk)):
                errors.setdefault("parent", []).append(
                    ValidationError(
                        _("A structure cannot be its own parent or ancestor."),
                        code="parent_cycle",
                    )
                )
            elif self.parent.locale_id != self.get_locale_id():
                errors.setdefault("parent", []).append(
                    ValidationError(
                        _("Choose a parent in the same language as this structure."),
                        code="parent_locale",
                    )
                )
        if self.host_state_id and self.host_state.locale_id != self.get_locale_id():
            errors.setdefault("host_state", []).append(
                ValidationError(
                    _("Choose a host State in the same language as this structure."),
                    code="host_state_locale",
                )
            )
        if self.host_state_id and self.host_territory:
            errors.setdefault("host_territory", []).append(
                ValidationError(
                    _("Give either a host State or a host territory, not both."),
                    code="host_state_and_territory",
                )
            )
        if errors:
            raise ValidationError(errors)

    def _parent_chain_has(self, pk: int) -> bool:
        return any(node.pk == pk for node in self.parent.ancestors()) or self.parent.pk == pk
