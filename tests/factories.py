"""Factories for the reference snippets, built in code rather than loaded from fixtures.

Every factory creates its row in the default locale unless given ``locale=``;
to make a translation of an existing row, pass the same ``translation_key``
(or use the model's ``copy_for_translation(locale)``).
"""

from __future__ import annotations

import datetime

import factory
from django.conf import settings
from factory.django import DjangoModelFactory
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)


def default_locale() -> Locale:
    """The site's default locale.

    Wagtail's migrations create it, but a transactional test flushes it away, so
    it is created again when missing.
    """
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return Locale.objects.create(language_code=language)


# ISO 3166-1 leaves these codes to users and never gives them to a country, so
# generated rows cannot clash with the real codes a test types in (AT, FR...).
# XK is left out: some use it for Kosovo.
USER_ASSIGNED_CODES = [
    "AA",
    *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
    *(f"X{c}" for c in "ABCDEFGHIJLMNOPQRSTUVWXYZ"),
    "ZZ",
]
OTHER_CODES = [
    a + b
    for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if a + b not in USER_ASSIGNED_CODES
]


def free_iso_code(model: type, locale: Locale, n: int) -> str:
    """A two-letter code not yet used in ``locale``: user-assigned codes first, then any other."""
    used = set(model._default_manager.filter(locale=locale).values_list("iso_code", flat=True))
    start = n % len(USER_ASSIGNED_CODES)
    for code in USER_ASSIGNED_CODES[start:] + USER_ASSIGNED_CODES[:start] + OTHER_CODES:
        if code not in used:
            return code
    raise ValueError(f"every two-letter code is taken in {locale}")


def free_year(locale: Locale, n: int) -> int:
    """A year without a Chairpersonship in ``locale``, counting down from 2100.

    Far-off years keep generated rows clear of the real ones a test types in.
    """
    used = set(Chairpersonship.objects.filter(locale=locale).values_list("year", flat=True))
    for year in range(2100 - n % 50, 1989, -1):
        if year not in used:
            return year
    raise ValueError(f"every year is taken in {locale}")


class ReferenceSnippetFactory(DjangoModelFactory):
    """Name, slug and locale, shared by every reference snippet factory."""

    class Meta:
        abstract = True

    locale = factory.LazyFunction(default_locale)
    name = factory.Sequence(lambda n: f"Reference {n}")
    slug = factory.Sequence(lambda n: f"reference-{n}")


class ParticipatingStateFactory(ReferenceSnippetFactory):
    class Meta:
        model = ParticipatingState

    name = factory.Sequence(lambda n: f"State {n}")
    slug = factory.Sequence(lambda n: f"state-{n}")
    iso_code = factory.LazyAttributeSequence(
        lambda o, n: free_iso_code(ParticipatingState, o.locale, n)
    )
    admission_date = datetime.date(1992, 1, 30)


class PartnerFactory(ReferenceSnippetFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    iso_code = factory.LazyAttributeSequence(lambda o, n: free_iso_code(Partner, o.locale, n))
    group = Partner.Group.MEDITERRANEAN
    partner_since = 1995


class StructureFactory(ReferenceSnippetFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"Structure {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    kind = Structure.Kind.INSTITUTION
    seat_city = "Vienna"


class FieldOfWorkFactory(ReferenceSnippetFactory):
    class Meta:
        model = FieldOfWork

    name = factory.Sequence(lambda n: f"Field of work {n}")
    slug = factory.Sequence(lambda n: f"field-of-work-{n}")
    sort_order = factory.Sequence(lambda n: n)


class MeetingSeriesFactory(ReferenceSnippetFactory):
    class Meta:
        model = MeetingSeries

    name = factory.Sequence(lambda n: f"Meeting series {n}")
    slug = factory.Sequence(lambda n: f"meeting-series-{n}")
    sort_order = factory.Sequence(lambda n: n)


class ChairpersonshipFactory(ReferenceSnippetFactory):
    """A Chairpersonship held by a participating State in the same locale, one year per row."""

    class Meta:
        model = Chairpersonship

    year = factory.LazyAttributeSequence(lambda o, n: free_year(o.locale, n))
    state = factory.SubFactory(ParticipatingStateFactory, locale=factory.SelfAttribute("..locale"))
    name = factory.LazyAttribute(
        lambda o: f"{o.state.name if o.state else o.historic_state} {o.year}"
    )
    slug = factory.LazyAttribute(lambda o: f"chairpersonship-{o.year}")
    historic_state = ""
    chairperson_in_office = factory.Sequence(lambda n: f"Minister {n}")
