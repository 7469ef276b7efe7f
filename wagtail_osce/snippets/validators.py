"""Field validators shared by the reference snippets."""

from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

iso_alpha2_validator = RegexValidator(
    regex=r"^[A-Z]{2}\Z",
    message=_("Enter a two-letter ISO 3166-1 alpha-2 code in capitals, such as AT."),
    code="invalid_iso_code",
)

#: On every text field of the reference snippets, so ``full_clean()`` refuses a NUL byte as the
#: admin's forms do: PostgreSQL cannot store one, and SQLite should not differ.
no_null_characters = ProhibitNullCharactersValidator()
