"""The WAGTAIL_OSCE settings dict: defaults, overrides, and errors for unknown keys."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from wagtail_osce.conf import DEFAULTS, osce_settings

SETTINGS_DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


@override_settings(WAGTAIL_OSCE={})
def test_every_key_has_its_default_when_the_site_sets_nothing() -> None:
    for key, default in DEFAULTS.items():
        assert getattr(osce_settings, key) == default, key


def test_missing_wagtail_osce_setting_means_defaults(settings) -> None:
    del settings.WAGTAIL_OSCE
    assert DEFAULTS["PAGE_SIZE"] == osce_settings.PAGE_SIZE
    assert osce_settings.WEBHOOK_URLS == []


def test_override_takes_effect_and_leaves_other_keys_at_their_defaults() -> None:
    with override_settings(WAGTAIL_OSCE={"PAGE_SIZE": 7, "WEBHOOK_URLS": ["https://f.test/hook"]}):
        assert osce_settings.PAGE_SIZE == 7
        assert osce_settings.WEBHOOK_URLS == ["https://f.test/hook"]
        assert DEFAULTS["MAX_PAGE_SIZE"] == osce_settings.MAX_PAGE_SIZE
    # Leaving the block reverts to the defaults: the cache was dropped again.
    assert DEFAULTS["PAGE_SIZE"] == osce_settings.PAGE_SIZE
    assert DEFAULTS["WEBHOOK_URLS"] == osce_settings.WEBHOOK_URLS


def test_nested_overrides_each_take_effect() -> None:
    with override_settings(WAGTAIL_OSCE={"API_CACHE_MAX_AGE": 300}):
        assert osce_settings.API_CACHE_MAX_AGE == 300
        with override_settings(WAGTAIL_OSCE={"API_CACHE_MAX_AGE": 0}):
            assert osce_settings.API_CACHE_MAX_AGE == 0
        assert osce_settings.API_CACHE_MAX_AGE == 300


def test_pytest_settings_fixture_override_takes_effect(settings) -> None:
    settings.WAGTAIL_OSCE = {"MAX_PAGE_SIZE": 50}
    assert osce_settings.MAX_PAGE_SIZE == 50


def test_unknown_key_raises_improperly_configured_naming_it() -> None:
    with (
        override_settings(WAGTAIL_OSCE={"PAGE_SIZ": 20, "PAGE_SIZE": 20}),
        pytest.raises(ImproperlyConfigured, match=r"PAGE_SIZ\b"),
    ):
        osce_settings.PAGE_SIZE  # noqa: B018
    # A corrected configuration works again straight away.
    assert DEFAULTS["PAGE_SIZE"] == osce_settings.PAGE_SIZE


def test_reading_an_undefined_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NOT_A_SETTING"):
        osce_settings.NOT_A_SETTING  # noqa: B018


def _documented_default(section: str) -> object:
    """The value after "Default:", inline in backticks or in the code block that follows."""
    inline = re.search(r"^Default: `(.+)`$", section, flags=re.MULTILINE)
    if inline:
        return ast.literal_eval(inline.group(1))
    block = re.search(r"^Default:\s*```python\n(.*?)```", section, flags=re.MULTILINE | re.DOTALL)
    assert block, "no 'Default:' line"
    return ast.literal_eval(block.group(1))


def test_every_setting_is_documented_with_its_default() -> None:
    """docs/settings.md has a section for every key in DEFAULTS, giving its real default."""
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    headings = re.findall(r"^### `([A-Z0-9_]+)`$", text, flags=re.MULTILINE)
    assert sorted(headings) == sorted(DEFAULTS)
    for key, default in DEFAULTS.items():
        section = text.split(f"### `{key}`\n", 1)[1].split("\n### ", 1)[0]
        assert _documented_default(section) == default, key
