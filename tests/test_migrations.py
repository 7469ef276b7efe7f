"""Every model change comes with its migration."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
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


def _indexes(model) -> dict[str, list[str]]:
    """The indexes of ``model``'s table, with their columns."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {name: info["columns"] for name, info in constraints.items() if info["index"]}


@contextmanager
def migrated_back_to(migration: str) -> Iterator[None]:
    """The package's migrations reversed down to ``migration``, then applied again."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("wagtail_osce")
    executor.migrate([("wagtail_osce", migration)])
    try:
        yield
    finally:
        MigrationExecutor(connection).migrate(latest)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_entries_are_indexed_by_the_object_they_index() -> None:
    """Migration 0010 adds the index the search join uses, and takes it away when reversed."""
    from wagtail.search.models import IndexEntry

    name = "wagtail_osce_indexentry_obj"
    assert _indexes(IndexEntry).get(name) == ["object_id", "content_type_id"]
    with migrated_back_to("0009_schedule_indexes"):
        assert name not in _indexes(IndexEntry)
    assert _indexes(IndexEntry).get(name) == ["object_id", "content_type_id"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_are_indexed_by_their_id_as_text_on_postgresql() -> None:
    """Migration 0011 indexes the expression the search join casts page ids to (PostgreSQL
    only: other databases' search backends join otherwise), and drops it when reversed."""
    from django.db import connection
    from wagtail.models import Page

    name = "wagtail_osce_page_id_text"
    on_postgresql = connection.vendor == "postgresql"
    assert (name in _indexes(Page)) is on_postgresql
    with migrated_back_to("0010_search_entry_index"):
        assert name not in _indexes(Page)
    assert (name in _indexes(Page)) is on_postgresql
