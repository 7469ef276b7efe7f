"""Fixtures for the seeding tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wagtail.models import Locale

from wagtail_osce.snippets.seeding import PACKAGE_DATA_DIR

from .helpers import run_seed


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data files that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA_DIR, target)
    return target


@pytest.fixture
def seeded(locales: dict[str, Locale]) -> dict[str, Locale]:
    run_seed()
    return locales
