"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from django.db.models import Model
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale

from tests.factories import (
    ParticipatingStateFactory,
)
from wagtail_osce.snippets import (
    ParticipatingState,
)


def admin_url(model: type[Model], view: str, *args: Any, **query: str) -> str:
    """The URL of one of a snippet viewset's views, with an optional query string."""
    url = reverse(model.snippet_viewset.get_url_name(view), args=args)
    return f"{url}?{urlencode(query)}" if query else url


def edit_url(user: Any, instance: Model) -> str:
    """Where the admin edits ``instance``, as Wagtail's own links find it."""
    url = AdminURLFinder(user).get_edit_url(instance)
    assert url, f"no admin edit URL for {instance!r}"
    return url


def field_error(response: HttpResponse, field: str) -> str:
    """The error text the edit form shows next to ``field``; empty when the field is not in error."""
    page = soup(response)
    widget = page.find(id=f"id_{field}")
    assert widget is not None, f"the form has no {field!r} field"
    wrapper = widget.find_parent(class_="w-field")
    if "w-field--error" not in wrapper.get("class", []):
        return ""
    return wrapper.find(class_="error-message").get_text(" ", strip=True)


def state_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "Austria",
        "slug": "austria",
        "iso_code": "AT",
        "admission_date": "1973-06-25",
        "flag": "",
        "note": "Host of the Secretariat.",
    }


def partner_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "Japan",
        "slug": "japan",
        "iso_code": "JP",
        "group": "asian",
        "partner_since": "1992",
    }


def structure_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "OSCE Mission to Skopje",
        "slug": "mission-to-skopje",
        "acronym": "MtS",
        "kind": "field_operation",
        "region": "south_eastern_europe",
        "parent": "",
        "sort_order": "10",
        "seat_city": "Skopje",
        "host_state": "",
        "host_territory": "",
        "established": "1992-09-18",
        "closed": "",
    }


def field_of_work_post(locale: Locale) -> dict[str, str]:
    return {"name": "Policing", "slug": "policing", "sort_order": "3", "description": ""}


def meeting_series_post(locale: Locale) -> dict[str, str]:
    return {
        "name": "Ministerial Council",
        "slug": "ministerial-council",
        "sort_order": "1",
        "description": "",
    }


def chairpersonship_post(locale: Locale) -> dict[str, str]:
    finland = ParticipatingState.objects.filter(
        locale=locale, iso_code="FI"
    ).first() or ParticipatingStateFactory(locale=locale, name="Finland", iso_code="FI")
    return {
        "name": "Finland 2025",
        "slug": "finland-2025",
        "year": "2025",
        "state": str(finland.pk),
        "historic_state": "",
        "chairperson_in_office": "Elina Valtonen",
    }


def form_data(instance: Model, fields: list[str]) -> dict[str, str]:
    """The edit form's data for ``instance`` as the browser would post it back unchanged."""
    data: dict[str, str] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = field.value_from_object(instance)
        data[name] = "" if value is None else str(value)
    return data


def soup(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")
