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


def _entry_indexes() -> dict[str, list[str]]:
    from django.db import connection
    from wagtail.search.models import IndexEntry

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, IndexEntry._meta.db_table)
    return {name: info["columns"] for name, info in constraints.items() if info["index"]}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_entries_are_indexed_by_the_object_they_index() -> None:
    """Migration 0010 adds the index the search join uses, and takes it away when reversed."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    name = "wagtail_osce_indexentry_obj"
    assert _entry_indexes().get(name) == ["object_id", "content_type_id"]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("wagtail_osce")
    executor.migrate([("wagtail_osce", "0009_schedule_indexes")])
    try:
        assert name not in _entry_indexes()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    assert _entry_indexes().get(name) == ["object_id", "content_type_id"]


def _page_indexes() -> set[str]:
    from django.db import connection
    from wagtail.models import Page

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Page._meta.db_table)
    return {name for name, info in constraints.items() if info["index"]}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_are_indexed_by_their_id_as_text_on_postgresql() -> None:
    """Migration 0011 indexes the expression the search join casts page ids to (PostgreSQL
    only: other databases' search backends join otherwise), and drops it when reversed."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    name = "wagtail_osce_page_id_text"
    on_postgresql = connection.vendor == "postgresql"
    assert (name in _page_indexes()) is on_postgresql
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("wagtail_osce")
    executor.migrate([("wagtail_osce", "0010_search_entry_index")])
    try:
        assert name not in _page_indexes()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    assert (name in _page_indexes()) is on_postgresql
