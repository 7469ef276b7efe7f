"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.page_factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    make_image,
)
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

OSCE = "/api/osce"


#: How the package's API negotiates ``?locale=``; Wagtail's APIs serve each row as it is.
LOCALE_NEGOTIATION = {"requested_locale", "is_fallback"}


#: What every page has in both APIs, under different names (v2 puts most of it in ``meta``).
PAGE_BASICS = {
    "id",
    "type",
    "title",
    "slug",
    "url",
    "api_url",
    "first_published_at",
    "last_published_at",
    "seo_title",
    "search_description",
    "translations",
    "locale",
    *LOCALE_NEGOTIATION,
}


def get_json(client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    return response.json()


def v2_listing(client, url: str) -> list[dict[str, Any]]:
    """Every item of a v2 listing, page by page (v2 serves at most 20 at a time)."""
    items: list[dict[str, Any]] = []
    while True:
        body = get_json(client, f"{url}&offset={len(items)}")
        items += body["items"]
        if not body["items"] or len(items) >= body["meta"]["total_count"]:
            return items


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        get_json(client, url)
    return len(queries)


def assert_same_values(wagtail: dict[str, Any], package: dict[str, Any], names: Iterable[str]):
    """Each named field is present in Wagtail's representation with the package's value."""
    names = sorted(names)
    assert names, "nothing to compare"
    missing = [name for name in names if name not in wagtail]
    assert not missing, f"missing from Wagtail's API: {missing}"
    different = {
        name: (wagtail[name], package[name]) for name in names if wagtail[name] != package[name]
    }
    assert not different, different


def package_snippet(client, endpoint: str, obj: Any) -> dict[str, Any]:
    """The package API's representation of ``obj``, from its listing in the object's locale."""
    code = obj.locale.language_code
    listing = get_json(client, f"{OSCE}/{endpoint}?locale={code}")["results"]
    return next(item for item in listing if item["id"] == obj.pk)


def snippet_fields(package: dict[str, Any]) -> set[str]:
    return set(package) - LOCALE_NEGOTIATION


def page_fields(package: dict[str, Any]) -> set[str]:
    return set(package) - PAGE_BASICS


def seed_reference_data() -> None:
    """The shipped reference data in English and French, and a flag for Austria."""
    call_command("osce_seed", locales=["fr"], verbosity=0)
    flag = make_image("Flag of Austria", size=(300, 200))
    flag.description = "Red, white and red stripes"
    flag.save()
    ParticipatingState.objects.filter(slug="austria").update(flag=flag)


def en(model: type, **lookup: Any) -> Any:
    return model.objects.filter(locale__language_code="en", **lookup).first()


def snippet_cases() -> list[tuple[str, type, dict[str, Any]]]:
    """An object of each snippet model, chosen for having its references set."""
    return [
        ("states", ParticipatingState, {"slug": "austria"}),
        ("partners", Partner, {"group": "asian"}),
        ("structures", Structure, {"parent__isnull": False, "host_state__isnull": False}),
        ("fields-of-work", FieldOfWork, {}),
        ("meeting-series", MeetingSeries, {}),
        ("chairpersonships", Chairpersonship, {"state__isnull": False}),
    ]


def make_story() -> Any:
    """A live story with a hero image, an image in its body and all three taxonomies."""
    hero = make_image("Hero")
    photo = make_image("Bridge", size=(800, 600))
    return StoryPageFactory(
        parent=StoryIndexPageFactory(),
        title="Border guards train together",
        hero_image=hero,
        hero_alt_text="Border guards in a classroom",
        hero_caption="Training in Dushanbe",
        hero_credit="Jane Doe",
        body=[
            {"type": "rich_text", "value": "<p>Thirty officers took part.</p>"},
            {
                "type": "image",
                "value": {
                    "image": photo.pk,
                    "alt_text": "A bridge over the river",
                    "decorative": False,
                    "caption": "The bridge",
                    "credit": "John Roe",
                },
            },
        ],
        fields_of_work=[en(FieldOfWork)],
        sources=[en(Structure, parent__isnull=False)],
        countries=[
            en(ParticipatingState, slug="austria"),
            en(ParticipatingState, slug="tajikistan"),
        ],
    )


def make_meeting() -> Any:
    """A live meeting with a series, a host country and an organiser."""
    start = timezone.make_aware(datetime.datetime(2024, 12, 5, 9, 30))
    return MeetingPageFactory(
        parent=MeetingIndexPageFactory(),
        title="Ministerial Council in Malta",
        start=start,
        end=start + datetime.timedelta(days=1, hours=8),
        city="Valletta",
        venue="Mediterranean Conference Centre",
        livestream_url="https://example.org/live",
        series=en(MeetingSeries),
        country=en(ParticipatingState, slug="malta"),
        organiser=en(Structure, parent__isnull=False),
    )


def translate(page: Any, locale: Any) -> Any:
    """Translate ``page`` and its parents into ``locale``, and publish them."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translated.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)
