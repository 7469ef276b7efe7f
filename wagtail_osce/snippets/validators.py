"""Field validators shared by the reference snippets."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

iso_alpha2_validator = RegexValidator(
    regex=r"^[A-Z]{2}\Z",
    message=_("Enter a two-letter ISO 3166-1 alpha-2 code in capitals, such as AT."),
    code="invalid_iso_code",
)
