"""Every model change comes with its migration."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings


def _makemigrations_check() -> tuple[int, str]:
    """Run ``makemigrations --check --dry-run``; return its exit code and output."""
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    code, output = _makemigrations_check()
    assert code == 0, f"makemigrations would create migrations:\n{output}"
    assert "No changes detected" in output


@pytest.mark.django_db
def test_the_check_fails_when_a_migration_is_missing(tmp_path: Path, monkeypatch) -> None:
    """The example site's home app without its migrations: the check must notice."""
    package = tmp_path / "no_home_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with override_settings(MIGRATION_MODULES={"home": "no_home_migrations"}):
        code, output = _makemigrations_check()
    assert code == 1
    assert "HomePage" in output
