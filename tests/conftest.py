"""Fixtures shared by every test module."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    """The site's locales, one per entry in WAGTAIL_CONTENT_LANGUAGES, English first."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the default language: a request may leave another one active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
