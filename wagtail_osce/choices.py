"""The controlled vocabularies of the content model: kinds of body, regions, groups, statuses.

They live below the models so that the representations can type them as
literals without importing the models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StructureKind(models.TextChoices):
    """What kind of body a structure is."""

    CHAIRPERSONSHIP = "chairpersonship", _("Chairpersonship")
    DECISION_MAKING = "decision_making", _("Decision-making body")
    SECRETARIAT = "secretariat", _("Secretariat")
    SECRETARIAT_UNIT = "secretariat_unit", _("Secretariat unit")
    INSTITUTION = "institution", _("Institution")
    FIELD_OPERATION = "field_operation", _("Field operation")
    PARLIAMENTARY_ASSEMBLY = "parliamentary_assembly", _("Parliamentary Assembly")
    COURT = "court", _("Court of Conciliation and Arbitration")


class StructureRegion(models.TextChoices):
    """Where a field operation works."""

    SOUTH_EASTERN_EUROPE = "south_eastern_europe", _("South-Eastern Europe")
    EASTERN_EUROPE = "eastern_europe", _("Eastern Europe")
    SOUTH_CAUCASUS = "south_caucasus", _("South Caucasus")
    CENTRAL_ASIA = "central_asia", _("Central Asia")


class PartnerGroup(models.TextChoices):
    """The two groups of Partners for Co-operation."""

    ASIAN = "asian", _("Asian Partners for Co-operation")
    MEDITERRANEAN = "mediterranean", _("Mediterranean Partners for Co-operation")


class MeetingStatus(models.TextChoices):
    """Where a meeting stands relative to now."""

    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("Ongoing")
    CONCLUDED = "concluded", _("Concluded")
