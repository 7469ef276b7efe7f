"""Several gunicorn workers never serve a detail that another process has changed.

Two real gunicorn servers with three sync workers each run the example site on
one database file (or, when ``DATABASE_URL`` names PostgreSQL, a copy of the test
database): one with Django's default per-process ``LocMemCache``, one with Redis.
Every worker caches a story's detail; then another process (``manage.py shell``,
``manage.py osce_seed --overwrite``) changes what it shows, and no later request
to any worker may answer with the old content.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_project"
HOST = "127.0.0.1"
WORKERS = 3
REDIS_URL = os.environ.get("OSCE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
EDITED = "Austria (edited by hand)"

SETUP = f"""
import json
from django.core.management import call_command
from wagtail.models import Site
from wagtail_osce.models import ParticipatingState, StoryIndexPage, StoryPage

call_command("osce_seed", locales=["en"], verbosity=0)
root = Site.objects.get(is_default_site=True).root_page
index = root.add_child(instance=StoryIndexPage(title="Stories", slug="workers-stories"))
index.save_revision().publish()
austria = ParticipatingState.objects.get(slug="austria", locale__language_code="en")
ParticipatingState.objects.filter(pk=austria.pk).update(name="{EDITED}")
made = {{}}
for key, title in (("unpublished", "Mediation in the field"), ("seeded", "Border training")):
    story = index.add_child(instance=StoryPage(title=title, slug=key, date="2024-05-01"))
    story.countries = [austria]
    story.save_revision().publish()
    made[key] = story.pk
print(json.dumps(made))
"""

UNPUBLISH = """
from wagtail.models import Page
Page.objects.get(pk={pk}).specific.unpublish()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str, bytes]:
    """A GET on a new connection: its status, the worker that answered, the body."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers={"Connection": "close"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers["X-Worker"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["X-Worker"], error.read()


def from_every_worker(port: int, path: str, rounds: int = 40) -> dict[str, list[tuple[int, bytes]]]:
    """Answers to ``path`` by worker, asking concurrently until each worker has answered twice."""
    answers: dict[str, list[tuple[int, bytes]]] = {}
    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        for _ in range(rounds):
            for status, worker, body in pool.map(lambda _n: get(port, path), range(WORKERS * 2)):
                answers.setdefault(worker, []).append((status, body))
            if len(answers) == WORKERS and all(len(seen) >= 2 for seen in answers.values()):
                break
    assert len(answers) == WORKERS, f"only workers {sorted(answers)} answered"
    return answers


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers: its own process group."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def copy_test_database(tmp: Path) -> tuple[str, str | None]:
    """A database the subprocesses share, copied from the migrated test database.

    Its URL, and the PostgreSQL database to drop afterwards (None for SQLite).
    """
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp / "workers.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", None
    import psycopg

    name = f"{settings['NAME']}_workers"
    connection.close()  # A template database must have no other session.
    server = {
        "host": settings["HOST"] or "localhost",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")
    return f"postgres://{auth}@{server['host']}:{server['port']}/{name}", name


def drop_database(name: str) -> None:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        autocommit=True,
        host=settings["HOST"] or "localhost",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """The shared database, and the commands other processes run against it."""

    def __init__(self, database_url: str) -> None:
        self.env = dict(os.environ)
        self.env.pop("REDIS_URL", None)
        self.env.update(
            DJANGO_SETTINGS_MODULE="osce_example.settings.production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(32),
            DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
            DATABASE_URL=database_url,
            PYTHONPATH=os.pathsep.join([str(ROOT), str(EXAMPLE), os.environ.get("PYTHONPATH", "")]),
        )

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(EXAMPLE / "manage.py"), *args],
            env=self.env,
            cwd=EXAMPLE,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def start(self, cache: str) -> tuple[subprocess.Popen, int]:
        env = dict(self.env)
        if cache == "redis":
            env["REDIS_URL"] = REDIS_URL
        port = free_port()
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            f"--bind={HOST}:{port}",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            "--preload",
            "--log-level=warning",
            "tests.api.workers_app:build_application()",
        ]
        server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
        return server, port


def wait_ready(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited with status {server.returncode}")
        try:
            if get(port, "/api/osce/stories")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("gunicorn did not answer within 60 s")


@pytest.fixture(scope="module")
def deployment(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest, tmp_path_factory
) -> Iterator[dict]:
    """Both servers on one shared database holding two published stories of Austria."""
    _ = urlsplit(REDIS_URL)  # The Redis server must answer, or this deployment cannot be tested.
    with socket.create_connection((_.hostname, _.port or 6379), timeout=5):
        pass
    servers: list[subprocess.Popen] = []
    dropped = None
    with django_db_blocker.unblock():
        try:
            database_url, dropped = copy_test_database(tmp_path_factory.mktemp("workers"))
            site = Site(database_url)
            ports = {}
            for cache in ("locmem", "redis"):
                server, ports[cache] = site.start(cache)
                servers.append(server)
            # While the workers start: the reference data and the stories.
            stories = json.loads(site.manage("shell", "-c", SETUP).strip().splitlines()[-1])
            for server, port in zip(servers, ports.values(), strict=True):
                wait_ready(server, port)
            yield {"site": site, "ports": ports, "stories": stories}
        finally:
            for server in servers:
                stop(server)
            if dropped:
                drop_database(dropped)


CACHES = ["locmem", "redis"]

# The mark makes pytest-django create the test database this module copies.
pytestmark = pytest.mark.django_db


def test_a_story_unpublished_by_another_process_leaves_every_worker(deployment):
    site, ports = deployment["site"], deployment["ports"]
    path = f"/api/osce/stories/{deployment['stories']['unpublished']}"
    for cache in CACHES:
        for worker, answers in from_every_worker(ports[cache], path).items():
            assert all(status == 200 for status, _body in answers), (cache, worker)
            assert all(b"Mediation in the field" in body for _status, body in answers)

    site.manage("shell", "-c", UNPUBLISH.format(pk=deployment["stories"]["unpublished"]))

    control = f"/api/osce/stories/{deployment['stories']['seeded']}"
    for cache in CACHES:
        for worker, answers in from_every_worker(ports[cache], path).items():
            assert [status for status, _body in answers] == [404] * len(answers), (cache, worker)
            assert not any(b"Mediation in the field" in body for _status, body in answers)
        assert get(ports[cache], control)[0] == 200


def test_a_state_renamed_by_osce_seed_is_renamed_in_every_worker(deployment):
    site, ports = deployment["site"], deployment["ports"]
    path = f"/api/osce/stories/{deployment['stories']['seeded']}"

    def country_names(body: bytes) -> list[str]:
        return [country["name"] for country in json.loads(body)["countries"]]

    for cache in CACHES:
        for worker, answers in from_every_worker(ports[cache], path).items():
            assert [country_names(body) for _s, body in answers] == [[EDITED]] * len(answers), (
                cache,
                worker,
            )

    site.manage("osce_seed", "--locale", "en", "--overwrite")

    for cache in CACHES:
        for worker, answers in from_every_worker(ports[cache], path).items():
            assert all(status == 200 for status, _body in answers), (cache, worker)
            assert [country_names(body) for _s, body in answers] == [["Austria"]] * len(answers), (
                cache,
                worker,
            )
