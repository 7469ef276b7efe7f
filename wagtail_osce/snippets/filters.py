"""Listing filters for the reference snippets in the Wagtail admin.

Each filter set subclasses Wagtail's ``WagtailFilterSet``, which adds the locale
filter for translatable models when ``WAGTAIL_I18N_ENABLED`` is on.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .chairpersonships import Chairpersonship
from .countries import ParticipatingState
from .structures import Structure


class YearRangeWidget(django_filters.widgets.SuffixedMultiWidget):
    """Two year inputs, ``<name>_min`` and ``<name>_max``, rendered like Wagtail's range filters."""

    template_name = "wagtailadmin/widgets/range_input.html"
    suffixes = ["min", "max"]

    def __init__(self, attrs: dict | None = None) -> None:
        widgets = (
            forms.NumberInput(attrs={"placeholder": _("From year"), "min": "1990"}),
            forms.NumberInput(attrs={"placeholder": _("To year"), "min": "1990"}),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value: slice | None) -> list:
        if value:
            return [value.start, value.stop]
        return [None, None]


class ParticipatingStateFilterSet(WagtailFilterSet):
    """States by when they joined: a date range on the admission date."""

    admission_date = django_filters.DateFromToRangeFilter(
        label=_("Admission date"),
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = ParticipatingState
        fields = ["admission_date"]


class StructureFilterSet(WagtailFilterSet):
    """Structures by kind, region and whether they still operate.

    "Closed" follows the model: a structure is closed once its closing date is set.
    """

    STATUS_CURRENT = "current"
    STATUS_CLOSED = "closed"

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(STATUS_CURRENT, _("Current")), (STATUS_CLOSED, _("Closed"))],
        method="filter_status",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Structure
        fields = ["kind", "region", "status"]

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.STATUS_CLOSED:
            return queryset.filter(closed__isnull=False)
        if value == self.STATUS_CURRENT:
            return queryset.filter(closed__isnull=True)
        return queryset


class ChairpersonshipFilterSet(WagtailFilterSet):
    """Chairpersonships within a range of years, such as one decade."""

    year = django_filters.RangeFilter(label=_("Year"), widget=YearRangeWidget)

    class Meta:
        model = Chairpersonship
        fields = ["year"]


__all__ = [
    "ChairpersonshipFilterSet",
    "ParticipatingStateFilterSet",
    "StructureFilterSet",
]
