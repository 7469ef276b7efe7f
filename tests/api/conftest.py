"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from tests.api.builders import (
    snippet,
    story,
    story_index,
    translate,
)
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure


@pytest.fixture
def taxonomy(locales):
    en, fr = locales["en"], locales["fr"]
    return {
        "policing": snippet(FieldOfWork, "policing", en, name="Policing"),
        "policing_fr": snippet(FieldOfWork, "policing", fr, name="Activités de police"),
        "elections": snippet(FieldOfWork, "elections", en, name="Elections"),
        "austria": snippet(ParticipatingState, "austria", en, name="Austria", iso_code="AT"),
        "austria_fr": snippet(ParticipatingState, "austria", fr, name="Autriche", iso_code="AT"),
        "odihr": snippet(Structure, "odihr", en, name="ODIHR", kind="institution"),
        "summits": snippet(MeetingSeries, "summits", en, name="Summits"),
    }


@pytest.fixture
def stories(locales, taxonomy):
    """Three English stories, the middle one translated into French."""
    index = story_index()
    first = story(
        index,
        "Police reform in Austria",
        datetime.date(2024, 1, 10),
        fields=[taxonomy["policing"]],
        countries=[taxonomy["austria"]],
        sources=[taxonomy["odihr"]],
        lead="Police reform.",
    )
    second = story(
        index,
        "Election observation",
        datetime.date(2024, 3, 5),
        fields=[taxonomy["elections"]],
        sources=[taxonomy["odihr"]],
    )
    third = story(
        index, "Border training", datetime.date(2024, 6, 20), fields=[taxonomy["policing"]]
    )
    second_fr = translate(second, locales["fr"], "Observation des élections")
    return {
        "index": index,
        "first": first,
        "second": second,
        "third": third,
        "second_fr": second_fr,
    }


@pytest.fixture
def empty_cache():
    """The test starts with nothing cached, whatever earlier tests left."""
    cache.clear()
    yield
    cache.clear()
