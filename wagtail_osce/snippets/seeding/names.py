"""Where localized names come from: CLDR territory names through Babel."""

from __future__ import annotations

from dataclasses import dataclass

import babel
from django.utils.translation import gettext as _
from django.utils.translation import to_locale

from .errors import SeedLocaleError

NOT_TERRITORIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})


@dataclass(frozen=True)
class CldrName:
    """A field whose value is a CLDR territory name: ``template`` with the name in place of {}.

    ``fallback`` is the source-language value, used where a language's CLDR data
    lacks the territory.
    """

    code: str
    template: str
    fallback: str

    def render(self, names: dict[str, str]) -> str:
        name = names.get(self.code)
        return self.template.format(name) if name else self.fallback


def cldr_territories(language_code: str) -> dict[str, str]:
    """CLDR names of territories in a Wagtail locale's language (``pt-br`` is Babel's ``pt_BR``)."""
    try:
        return dict(babel.Locale.parse(to_locale(language_code)).territories)
    except (ValueError, TypeError, babel.UnknownLocaleError) as error:
        raise SeedLocaleError(
            _("Babel (CLDR) does not know the language of locale %(code)r: %(error)s")
            % {"code": language_code, "error": error}
        ) from error
