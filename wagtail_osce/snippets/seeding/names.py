"""Where localized names come from: the shipped official names first, then CLDR through Babel.

The organisation writes State and Partner names in its own register ("Saint-Siège",
"Fédération de Russie", "Кыргызстан"); ``country_names.csv`` ships those for its
six languages. Any other language, and any name the file does not cover, comes
from CLDR's everyday names. Names of structures, fields of work and meeting
series come from ``reference_names.csv``; where it has none, a translation keeps
the source-language copy until a translator translates it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import babel
from django.utils.translation import gettext as _
from django.utils.translation import to_locale

from .errors import SeedLocaleError

#: Two-letter CLDR regions that are not countries or territories.
NOT_TERRITORIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

#: How the alternative names of a row are joined in its ``alternative_names`` field.
ALTERNATIVE_NAMES_SEPARATOR = "\n"


def language_candidates(language_code: str) -> tuple[str, ...]:
    """The keys to look a locale up by in a names file: ``fr-ch`` tries ``fr-ch``, then ``fr``."""
    code = language_code.strip().lower().replace("_", "-")
    base = code.split("-", 1)[0]
    return (code,) if base == code else (code, base)


def pick(names: Mapping[str, str], language_code: str) -> str | None:
    """The name for a locale from a ``{language: name}`` mapping, or None if none fits."""
    for candidate in language_candidates(language_code):
        if names.get(candidate):
            return names[candidate]
    return None


def cldr_territories(language_code: str) -> dict[str, str]:
    """CLDR names of territories in a Wagtail locale's language (``pt-br`` is Babel's ``pt_BR``)."""
    try:
        return dict(babel.Locale.parse(to_locale(language_code)).territories)
    except (ValueError, TypeError, babel.UnknownLocaleError) as error:
        raise SeedLocaleError(
            _("Babel (CLDR) does not know the language of locale %(code)r: %(error)s")
            % {"code": language_code, "error": error}
        ) from error


@dataclass(frozen=True)
class CldrName:
    """A field named after a territory: ``template`` with the territory's name in place of {}.

    ``official`` maps a language to the name as the organisation writes it; a
    language without one gets CLDR's name, and ``fallback`` (the source-language
    value) is used where CLDR lacks the territory too.
    """

    code: str
    template: str
    fallback: str
    official: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def render(self, cldr: Mapping[str, str], language_code: str = "") -> str:
        """The value for a locale: its official name, else its CLDR name."""
        name = pick(self.official, language_code) if language_code else None
        name = name or cldr.get(self.code)
        return self.template.format(name) if name else self.fallback

    def render_cldr(self, cldr: Mapping[str, str]) -> str:
        """The value from CLDR alone: what releases before the official names wrote."""
        name = cldr.get(self.code)
        return self.template.format(name) if name else self.fallback


def join_alternatives(names: Iterable[str], exclude: Iterable[str] = ()) -> str:
    """Distinct names (ignoring case), without those in ``exclude``, one per line."""
    seen = {name.casefold() for name in exclude}
    kept: list[str] = []
    for name in names:
        name = name.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return ALTERNATIVE_NAMES_SEPARATOR.join(kept)
