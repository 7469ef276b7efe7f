"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import pytest

from tests.wagtail_api.builders import (
    make_meeting,
    make_story,
    seed_reference_data,
)


@pytest.fixture
def seeded(locales):
    seed_reference_data()
    return locales


@pytest.fixture
def story(seeded):
    return make_story()


@pytest.fixture
def meeting(seeded):
    return make_meeting()
