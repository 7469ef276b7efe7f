"""What every reference snippet shares: a translatable name, a slug and per-locale uniqueness."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index

from wagtail_osce.locales import locale_id_of

from .validators import no_null_characters


class ReferenceSnippet(TranslatableMixin, index.Indexed, models.Model):
    """A piece of reference data with one row per locale, sharing a ``translation_key``.

    ``unique_per_locale`` names the fields that must not repeat within one locale
    (a slug, an ISO code, a year). They are checked in ``clean()`` so the admin
    shows a field error instead of the database raising an IntegrityError.
    """

    name = models.CharField(_("name"), max_length=255, validators=[no_null_characters])
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        allow_unicode=False,
        validators=[no_null_characters],
        help_text=_("Used in URLs and the API; the same in every language."),
    )

    unique_per_locale: tuple[str, ...] = ("slug",)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.name

    def get_locale_id(self) -> int | None:
        """The locale this row belongs to, or the default one for a row not yet saved."""
        return locale_id_of(self)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        locale_id = self.get_locale_id()
        siblings = type(self)._default_manager.filter(locale_id=locale_id).exclude(pk=self.pk)
        for field_name in self.unique_per_locale:
            value = getattr(self, field_name)
            if value in (None, "") or (isinstance(value, str) and "\x00" in value):
                # A NUL byte already has its field error, and PostgreSQL refuses it in a query.
                continue
            if siblings.filter(**{field_name: value}).exists():
                field = self._meta.get_field(field_name)
                errors.setdefault(field_name, []).append(
                    ValidationError(
                        _("Another %(model)s in this language already has this %(field)s."),
                        code="unique_per_locale",
                        params={
                            "model": self._meta.verbose_name,
                            "field": field.verbose_name,
                        },
                    )
                )
        if errors:
            raise ValidationError(errors)


class OrderedReferenceSnippet(ReferenceSnippet):
    """Reference data listed in a fixed order that editors set, not alphabetically."""

    sort_order = models.PositiveIntegerField(
        _("order"),
        default=0,
        help_text=_("Position in menus and listings; lower comes first."),
    )

    class Meta(ReferenceSnippet.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
