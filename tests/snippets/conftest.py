"""Fixtures for the snippet tests: seeding data folders, and groups that hold some locales."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from tests.snippets.builders import PASSWORD, run_seed
from wagtail_osce.permissions.models import GroupLocalePermission
from wagtail_osce.snippets.seeding import PACKAGE_DATA_DIR

SNIPPET_MODELS = [
    "participatingstate",
    "partner",
    "structure",
    "fieldofwork",
    "meetingseries",
    "chairpersonship",
]


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


@pytest.fixture
def make_member(locales: dict[str, Locale]) -> Callable[..., Any]:
    """A user in a new group with ``actions`` on the six snippets and the given languages."""

    def make(username: str, actions: tuple[str, ...], codes: tuple[str, ...]) -> Any:
        group = Group.objects.create(name=f"{username} group")
        permissions = [
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            Permission.objects.get(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            ),
            *Permission.objects.filter(
                content_type__app_label="wagtail_osce",
                codename__in=[
                    f"{action}_{model}" for action in actions for model in SNIPPET_MODELS
                ],
            ),
        ]
        group.permissions.set(permissions)
        for code in codes:
            GroupLocalePermission.objects.create(group=group, locale=locales[code])
        user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
        user.groups.add(group)
        return user

    return make


@pytest.fixture
def french_translator(make_member: Callable[..., Any]) -> Any:
    """Change (not add or delete) on the reference data, in French only."""
    return make_member("translator-fr", ("change",), ("fr",))


@pytest.fixture
def french_editor(make_member: Callable[..., Any]) -> Any:
    """Change and delete on the reference data, in French only."""
    return make_member("editor-fr", ("change", "delete"), ("fr",))


@pytest.fixture
def editor(make_member: Callable[..., Any]) -> Any:
    """Add, change and delete on the reference data, in the source language (English)."""
    return make_member("editor", ("add", "change", "delete"), ("en",))
