"""Which of the site's locales a seed writes, in the order the site lists them."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .errors import SeedLocaleError


def ordered_locales(locales: Iterable[Locale]) -> list[Locale]:
    """Locales in the order of ``WAGTAIL_CONTENT_LANGUAGES``, then by code."""
    configured = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    position = {code: index for index, code in enumerate(configured)}
    return sorted(
        locales, key=lambda loc: (position.get(loc.language_code, len(position)), loc.language_code)
    )


def resolve_locales(codes: Iterable[str] | None) -> list[Locale]:
    """The ``Locale`` rows for ``codes`` (all the site's locales when None); unknown codes raise."""
    available = list(Locale.objects.all())
    if codes is None:
        return ordered_locales(available)
    by_code = {loc.language_code.lower(): loc for loc in available}
    chosen: list[Locale] = []
    for code in codes:
        locale = by_code.get(code.strip().lower())
        if locale is None:
            raise SeedLocaleError(
                _("Unknown locale %(code)r: the site's locales are %(available)s.")
                % {
                    "code": code,
                    "available": ", ".join(sorted(loc.language_code for loc in available))
                    or _("none"),
                }
            )
        if locale not in chosen:
            chosen.append(locale)
    return ordered_locales(chosen)
