"""The benchmarks' own PostgreSQL databases: created on demand, never another one."""

from __future__ import annotations


def ensure_database(url: str, fresh: bool) -> None:
    """Create the database ``url`` names (dropping it first when ``fresh``).

    Only a name starting with ``osce_bench`` is accepted, so a benchmark given
    the wrong URL cannot empty a site's or the test suite's database.
    """
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if not name.startswith("osce_bench"):
        raise SystemExit(f"refusing to use {name!r}: the database name must start with osce_bench")
    admin = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
