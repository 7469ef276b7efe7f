"""Load test: the example site under gunicorn, 32 concurrent clients, next to a floor.

    .venv/bin/python bench/load.py [--duration 30] [--clients 32] [--workers 5]
    .venv/bin/python bench/load.py --db postgres --cache redis --workers 4

Builds a fresh database (by default a SQLite file in a temporary directory;
with ``--db postgres`` its own PostgreSQL database, ``osce_bench_load``, dropped
and created again), runs ``migrate`` and ``manage.py osce_demo`` into it (the
example project's database is never touched), starts gunicorn on 127.0.0.1 with
the example site's production settings (a per-process memory cache, or Redis with
``--cache redis``), and drives it with ``--clients`` concurrent clients for
``--duration`` seconds per scenario:

* floor: a view returning a fixed JSON body, through the same middleware
  (the most this setup can serve: Django's request handling and gunicorn);
* the story list, a story's detail and the navigation, each without and with
  ``If-None-Match`` (the ETag of a first response, so the API answers 304);
* publish while reading: the clients read one story's detail while an editor
  process publishes a new title, publishes another, then unpublishes it, one
  action a second (``--no-publish`` leaves it out).

Every response must have the expected status (200, or 304 with
``If-None-Match``); any other status or a failed connection counts as an
error, and the script exits with status 1 if there was one. It prints a
Markdown table: requests per second, latency percentiles, errors, and
throughput as a share of the floor. ``--json PATH`` also writes the numbers.

In the publish-while-reading scenario each change is committed in its own
transaction, in another process than the workers. Every response must be a 200
or a 404, and a response requested after a change had returned and received
before the next one began must show that change: the new title after a publish,
a 404 after the unpublish. Any other is stale. ``--freshness`` runs this
scenario alone.

Traffic goes only to 127.0.0.1, and every scenario stops after its duration.
This module is also gunicorn's entry point (``bench.load:build_application()``)
and the URLconf it serves: the example site's URLs plus the floor view.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_project"
SETTINGS = "osce_example.settings.production"
HOST = "127.0.0.1"
FLOOR_PATH = "/bench/floor/"
#: With ``--db postgres`` and ``--cache redis``: the load test's own database and Redis database.
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/osce_bench_load"
REDIS_URL = "redis://127.0.0.1:6379/9"
#: The floor's body: about the size of a short API response.
FLOOR_BODY = {
    "count": 1,
    "results": [{"id": 1, "title": "Floor", "lead": "A fixed body, served as fast as Django can."}],
}


# -- The server side: gunicorn imports this module -----------------------------------------


def floor(request: Any) -> Any:
    """A fixed JSON body: what any view costs at least, through the site's middleware."""
    from django.http import JsonResponse

    return JsonResponse(FLOOR_BODY)


def __getattr__(name: str) -> Any:
    """``urlpatterns``, built on first use (Django is set up by then): the floor, then the site."""
    if name != "urlpatterns":
        raise AttributeError(name)
    from django.urls import path

    from osce_example.urls import urlpatterns as site_patterns

    return [path(FLOOR_PATH.strip("/") + "/", floor), *site_patterns]


def build_application() -> Any:
    """gunicorn's application factory: the example site, with this module as its URLconf."""
    import django
    from django.conf import settings

    django.setup()
    # Before the first request, so every URL lookup sees the floor next to the site.
    settings.ROOT_URLCONF = __name__
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


# -- The client side ---------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    expected_status: int = 200


@dataclass
class Result:
    name: str
    path: str
    conditional: bool
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    bytes_per_response: float
    error_samples: list[str]
    share_of_floor: float | None = None


async def one_request(port: int, scenario: Scenario) -> tuple[int, int]:
    """Send one GET and read the whole response; return its status and body length."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        lines = [f"GET {scenario.path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close"]
        lines += [f"{key}: {value}" for key, value in scenario.headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = None
        for line in head.split(b"\r\n")[1:]:
            key, _, value = line.partition(b":")
            if key.strip().lower() == b"content-length":
                length = int(value.strip())
        body = await (reader.readexactly(length) if length is not None else reader.read())
        return status, len(body)
    finally:
        writer.close()


async def drive(port: int, scenario: Scenario, clients: int, duration: float) -> Result:
    """``clients`` loops requesting ``scenario`` back to back until ``duration`` has passed."""
    latencies: list[float] = []
    sizes: list[int] = []
    errors: list[str] = []
    deadline = time.monotonic() + duration

    async def client() -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status, size = await one_request(port, scenario)
            except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                errors.append(f"{type(error).__name__}: {error}")
                continue
            latencies.append(time.perf_counter() - started)
            if status != scenario.expected_status:
                errors.append(f"status {status}")
            else:
                sizes.append(size)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    seconds = time.monotonic() - started
    done = len(latencies)
    cuts = statistics.quantiles(latencies, n=100) if done > 1 else [0.0] * 99
    return Result(
        name=scenario.name,
        path=scenario.path,
        conditional="If-None-Match" in scenario.headers,
        requests=done,
        errors=len(errors),
        seconds=round(seconds, 2),
        rps=round(done / seconds, 1),
        p50_ms=round(cuts[49] * 1000, 1),
        p95_ms=round(cuts[94] * 1000, 1),
        p99_ms=round(cuts[98] * 1000, 1),
        bytes_per_response=round(statistics.fmean(sizes), 1) if sizes else 0.0,
        error_samples=sorted(set(errors))[:5],
    )


def fetch(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """A plain GET, for setting up the scenarios."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    # The first request makes the demo images' renditions: slow on a busy machine.
    with urllib.request.urlopen(request, timeout=180) as response:
        return response.status, dict(response.headers), response.read()


def scenarios(port: int) -> list[Scenario]:
    """The floor, then each API endpoint without and with the ETag of its current response."""
    status, _headers, body = fetch(port, "/api/osce/stories")
    stories = json.loads(body)["results"]
    if status != 200 or not stories:
        raise SystemExit("The demo site has no stories: is home.demo_content there?")
    endpoints = [
        ("story list", "/api/osce/stories"),
        ("story detail", f"/api/osce/stories/{stories[0]['id']}"),
        ("navigation", "/api/osce/navigation"),
    ]
    result = [Scenario("floor", FLOOR_PATH)]
    for name, path in endpoints:
        # Twice: the first response may build what later ones reuse.
        fetch(port, path)
        _status, headers, _body = fetch(port, path)
        etag = headers.get("ETag")
        if not etag:
            raise SystemExit(f"{path} sent no ETag")
        result.append(Scenario(name, path))
        result.append(Scenario(name, path, {"If-None-Match": etag}, expected_status=304))
    return result


# -- Setting up and running --------------------------------------------------------------


def environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(32),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=f"sqlite:///{workdir / 'load.sqlite3'}",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(EXAMPLE), env.get("PYTHONPATH", "")]),
    )
    return env


def prepare_database(env: dict[str, str]) -> None:
    """``migrate`` and ``osce_demo`` into the database, and an empty cache."""
    manage = [sys.executable, str(EXAMPLE / "manage.py")]
    clear = ["shell", "-c", "from django.core.cache import cache; cache.clear()"]
    for command in (["migrate", "--noinput", "-v", "0"], ["osce_demo"], clear):
        subprocess.run(
            [*manage, *command], env=env, cwd=EXAMPLE, check=True, stdout=subprocess.DEVNULL
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "bench.load:build_application()",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            if fetch(port, FLOOR_PATH)[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (its own process group), gracefully first."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# -- Publishing while reading ------------------------------------------------------------

PROBE_TITLE = "Freshness probe"

EDITOR = """
import sys, time
title = sys.argv[3]
from django.db import transaction
from wagtail.models import Page
def page():
    # Fresh each time: publishing a revision does not update an object already loaded.
    return Page.objects.get(pk=int(sys.argv[1])).specific
Page.objects.filter(pk=int(sys.argv[1])).exists()
print("ready", "-", 0, time.time(), flush=True)
deadline = time.time() + float(sys.argv[2])
version = 0
while time.time() < deadline:
    for action in ("publish", "publish", "unpublish"):
        started = time.time()
        if action == "publish":
            version += 1
        print("start", action, version, started, flush=True)
        with transaction.atomic():
            if action == "publish":
                story = page()
                story.title = f"{title} {version}"
                story.save_revision().publish()
            else:
                page().unpublish()
        # Printed once the commit has returned: from now on every reader must see it.
        print("done", action, version, time.time(), flush=True)
        time.sleep(max(0.0, 1.0 - (time.time() - started)))
"""

TITLE_RE = re.compile(rb'"title":\s*"' + PROBE_TITLE.encode() + rb' (\d+)"')


@dataclass
class Read:
    started: float
    ended: float
    status: int
    version: int | None


async def read_story(port: int, path: str, duration: float, clients: int):
    """``clients`` loops reading ``path``: each response's times, status and title's version."""
    seen: list[Read] = []
    errors: list[str] = []
    deadline = time.monotonic() + duration

    async def client() -> None:
        while time.monotonic() < deadline:
            started = time.time()
            try:
                reader, writer = await asyncio.open_connection(HOST, port)
                request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n"
                writer.write(request.encode())
                await writer.drain()
                raw = await reader.read()
                writer.close()
                status = int(raw.split(b" ", 2)[1])
            except (OSError, ValueError, IndexError) as error:
                errors.append(f"{type(error).__name__}: {error}")
                continue
            if status not in (200, 404):
                errors.append(f"status {status}")
            match = TITLE_RE.search(raw) if status == 200 else None
            seen.append(Read(started, time.time(), status, int(match[1]) if match else None))

    await asyncio.gather(*(client() for _ in range(clients)))
    return seen, errors


def create_probe(env: dict[str, str]) -> int:
    """A published story the editor changes; its id."""
    created = subprocess.run(
        [
            sys.executable,
            str(EXAMPLE / "manage.py"),
            "shell",
            "-c",
            (
                "from wagtail_osce.models import StoryIndexPage, StoryPage\n"
                "index = StoryIndexPage.objects.filter(locale__language_code='en').first()\n"
                f"page = index.add_child(instance=StoryPage(title='{PROBE_TITLE} 0', "
                "slug='freshness-probe', date='2024-05-01'))\n"
                "page.save_revision().publish()\n"
                "print(page.pk)\n"
            ),
        ],
        env=env,
        cwd=EXAMPLE,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(created.stdout.strip().splitlines()[-1])


def freshness(env: dict[str, str], port: int, duration: float, clients: int) -> dict:
    """Run the editor and the readers together; count stale responses and errors."""
    page_id = create_probe(env)
    path = f"/api/osce/stories/{page_id}"
    editor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); exec(open(0).read())",
            str(page_id),
            str(duration),
            PROBE_TITLE,
        ],
        env=env,
        cwd=EXAMPLE,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    editor.stdin.write(EDITOR)
    editor.stdin.close()
    # Django's start-up in the editor takes seconds: read once it is ready to publish.
    if not editor.stdout.readline().startswith("ready"):
        raise SystemExit("the editor process did not start")
    began = time.monotonic()
    seen, errors = asyncio.run(read_story(port, path, duration + 1, clients))
    seconds = time.monotonic() - began
    marks = [line.split() for line in editor.stdout.read().splitlines()]
    if editor.wait(timeout=60) != 0 or not marks:
        raise SystemExit(f"the editor process failed (status {editor.returncode})")
    return judge(seen, errors, marks, seconds)


def judge(seen: list[Read], errors: list[str], marks: list[list[str]], seconds: float) -> dict:
    """Compare every response with the change in force while it was asked for and answered.

    After a change has returned and until the next one starts, the story must
    show that change: the published version's title, or a 404 after the
    unpublish. A response asked for before a change returned, or answered after
    the next one started, may rightly show either, and is not judged.
    """
    starts = [float(t) for kind, _action, _version, t in marks if kind == "start"]
    windows = []
    for kind, action, version, t in marks:
        if kind != "done":
            continue
        done = float(t)
        later = [start for start in starts if start > done]
        expected = int(version) if action == "publish" else None
        windows.append((done, min(later) if later else float("inf"), expected))
    judged = stale = 0
    for read in seen:
        for done, until, expected in windows:
            if done <= read.started and read.ended < until:
                judged += 1
                shown = read.version if read.status == 200 else None
                stale += shown != expected
                break
    latencies = sorted(read.ended - read.started for read in seen)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "responses": len(seen),
        "shown": sum(1 for read in seen if read.status == 200),
        "hidden": sum(1 for read in seen if read.status == 404),
        "judged": judged,
        "stale": stale,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "changes": len(windows),
        "rps": round(len(seen) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def freshness_markdown(result: dict, floor_rps: float | None = None) -> str:
    share = f"{result['rps'] / floor_rps:.0%}" if floor_rps else "—"
    return "\n".join(
        [
            f"Publish while reading: {result['changes']} changes (publish, publish, unpublish).",
            "",
            "| responses | 200 | 404 | judged | stale | errors | req/s | p50 ms | p95 ms | p99 ms "
            "| share of floor |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {result['responses']} | {result['shown']} | {result['hidden']} | {result['judged']} "
            f"| {result['stale']} | {result['errors']} | {result['rps']:.0f} | {result['p50_ms']} "
            f"| {result['p95_ms']} | {result['p99_ms']} | {share} |",
        ]
    )


def markdown(results: list[Result], clients: int, duration: float, workers: int) -> str:
    lines = [
        f"{clients} clients, {duration:g} s per row, gunicorn with {workers} sync workers "
        f"on {HOST}, {os.cpu_count()} CPUs shared with the clients.",
        "",
        "| scenario | If-None-Match | status | requests | errors | req/s | p50 ms | p95 ms | p99 ms | share of floor |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        share = f"{r.share_of_floor:.0%}" if r.share_of_floor is not None else "—"
        lines.append(
            f"| {r.name} | {'yes' if r.conditional else 'no'} | {304 if r.conditional else 200} "
            f"| {r.requests} | {r.errors} | {r.rps:.0f} | {r.p50_ms} | {r.p95_ms} | {r.p99_ms} | {share} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per scenario")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--cache", choices=("locmem", "redis"), default="locmem")
    parser.add_argument(
        "--database-url", default=POSTGRES_URL, help="with --db postgres (emptied first)"
    )
    parser.add_argument("--redis-url", default=REDIS_URL, help="with --cache redis (cleared first)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--no-publish", action="store_true", help="leave out the publish-while-reading scenario"
    )
    parser.add_argument(
        "--freshness", action="store_true", help="run only the publish-while-reading scenario"
    )
    args = parser.parse_args(argv)

    # Memory-backed when the system has it: building the demo is many small writes.
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    workdir = Path(tempfile.mkdtemp(prefix="wagtail-osce-load-", dir=base))
    server = None
    results: list[Result] = []
    fresh: dict | None = None
    try:
        env = environment(workdir)
        if args.db == "postgres":
            sys.path.insert(0, str(ROOT))
            from bench.postgres import ensure_database

            ensure_database(args.database_url, fresh=True)
            env["DATABASE_URL"] = args.database_url
        if args.cache == "redis":
            env["REDIS_URL"] = args.redis_url
        print(f"Building the demo site ({args.db}, {args.cache}) ...", flush=True)
        prepare_database(env)
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        if not args.freshness:
            for scenario in scenarios(port):
                label = scenario.name + (" (If-None-Match)" if scenario.headers else "")
                print(f"  {label}: {args.clients} clients for {args.duration:g} s", flush=True)
                results.append(asyncio.run(drive(port, scenario, args.clients, args.duration)))
        if args.freshness or not args.no_publish:
            print(f"  publish while reading: {args.clients} clients for {args.duration:g} s")
            fresh = freshness(env, port, args.duration, args.clients)
    finally:
        if server is not None:
            stop(server)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    floor_rps = results[0].rps if results else None
    for result in results[1:]:
        result.share_of_floor = result.rps / floor_rps if floor_rps else None
    print()
    print(
        f"{'PostgreSQL' if args.db == 'postgres' else 'SQLite'}, "
        f"{'Redis' if args.cache == 'redis' else 'per-process memory cache'}"
    )
    if results:
        print(markdown(results, args.clients, args.duration, args.workers))
    for result in results:
        if result.errors:
            print(
                f"{result.name} {result.path}: {result.errors} errors, e.g. {result.error_samples}"
            )
    if fresh is not None:
        print()
        print(freshness_markdown(fresh, floor_rps))
        if fresh["errors"]:
            print("errors, e.g.", fresh["error_samples"])
    if args.json:
        numbers = {"results": [asdict(r) for r in results], "publish_while_reading": fresh}
        args.json.write_text(json.dumps(numbers, indent=2) + "\n")
    failed = any(r.errors for r in results) or (fresh and (fresh["errors"] or fresh["stale"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
