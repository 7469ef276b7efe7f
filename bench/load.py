"""Load test: the example site under gunicorn, 32 concurrent clients, next to a floor.

    .venv/bin/python bench/load.py [--duration 30] [--clients 32] [--workers 5]

Builds a fresh SQLite database in a temporary directory (``migrate`` and
``manage.py osce_demo``, so the demo content is there; the example project's
database is never touched), starts gunicorn on 127.0.0.1 with the example
site's production settings, and drives it with ``--clients`` concurrent
clients for ``--duration`` seconds per scenario:

* floor: a view returning a fixed JSON body, through the same middleware
  (the most this setup can serve: Django's request handling and gunicorn);
* the story list, a story's detail and the navigation, each without and with
  ``If-None-Match`` (the ETag of a first response, so the API answers 304).

Every response must have the expected status (200, or 304 with
``If-None-Match``); any other status or a failed connection counts as an
error, and the script exits with status 1 if there was one. It prints a
Markdown table: requests per second, latency percentiles, errors, and
throughput as a share of the floor. ``--json PATH`` also writes the numbers.

``--freshness`` runs the freshness scenario instead: an editor process
publishes and unpublishes one story, one action every second (each change committed in
its own transaction, in another process than the workers) while ``--clients``
clients read that story's detail through the workers. Every response must be
a 200 or a 404, and none that was requested after an unpublish was committed
and received before the next publish began may show the story. Give it PostgreSQL and Redis
with ``DATABASE_URL`` (an empty database: it is migrated and
given the demo content) and ``REDIS_URL``.

Traffic goes only to 127.0.0.1, and every scenario stops after its duration.
This module is also gunicorn's entry point (``bench.load:build_application()``)
and the URLconf it serves: the example site's URLs plus the floor view.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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
    with urllib.request.urlopen(request, timeout=30) as response:
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


def environment_for(workdir: Path, database_url: str | None, redis_url: str | None) -> dict:
    """The environment, on the given database and cache instead of the SQLite file."""
    env = environment(workdir)
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare_database(env: dict[str, str]) -> None:
    """``migrate`` and ``osce_demo`` into the work directory's SQLite file."""
    manage = [sys.executable, str(EXAMPLE / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["osce_demo"]):
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


# -- The freshness scenario ------------------------------------------------------------

EDITOR = """
import sys, time
from django.db import transaction
from wagtail.models import Page
def page():
    # Fresh each time: publishing a revision does not update an object already loaded.
    return Page.objects.get(pk=int(sys.argv[1])).specific
deadline = time.time() + float(sys.argv[2])
while time.time() < deadline:
    started = time.time()
    print("publish-start", time.time(), flush=True)
    with transaction.atomic():
        page().save_revision().publish()
    time.sleep(max(0.0, 1.0 - (time.time() - started)))
    with transaction.atomic():
        page().unpublish()
    # Printed after the commit has returned: from now on no reader may see the story.
    print("unpublished", time.time(), flush=True)
    time.sleep(max(0.0, 2.0 - (time.time() - started)))
"""


async def read_story(port: int, path: str, title: bytes, duration: float, clients: int):
    """``clients`` loops reading ``path``; each response's start and end, status and visibility."""
    seen: list[tuple[float, float, int, bool]] = []
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
            seen.append((started, time.time(), status, title in raw))

    await asyncio.gather(*(client() for _ in range(clients)))
    return seen, errors


def freshness(env: dict[str, str], port: int, duration: float, clients: int) -> dict:
    """Run the editor and the readers together; count stale responses and errors."""
    title = "Freshness probe"
    created = subprocess.run(
        [
            sys.executable,
            str(EXAMPLE / "manage.py"),
            "shell",
            "-c",
            (
                "from wagtail.models import Site\n"
                "from wagtail_osce.models import StoryIndexPage, StoryPage\n"
                "root = Site.objects.get(is_default_site=True).root_page\n"
                "index = StoryIndexPage.objects.first()\n"
                f"page = index.add_child(instance=StoryPage(title={title!r}, slug='freshness-probe', date='2024-05-01'))\n"
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
    page_id = int(created.stdout.strip().splitlines()[-1])
    path = f"/api/osce/stories/{page_id}"
    editor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); exec(open(0).read())",
            str(page_id),
            str(duration),
        ],
        env=env,
        cwd=EXAMPLE,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    editor.stdin.write(EDITOR)
    editor.stdin.close()
    seen, errors = asyncio.run(read_story(port, path, title.encode(), duration + 1, clients))
    marks = [line.split() for line in editor.stdout.read().splitlines()]
    editor.wait(timeout=60)
    # Windows in which the story must not be served: from each committed unpublish to the
    # start of the next publish. A response counts when it was both asked for and received
    # inside one (a queued request may be served after the next publish, rightly).
    unpublished = [float(t) for kind, t in marks if kind == "unpublished"]
    publishes = [float(t) for kind, t in marks if kind == "publish-start"]
    windows = []
    for done in unpublished:
        later = [t for t in publishes if t > done]
        windows.append((done, min(later) if later else float("inf")))
    inside = [
        (status, shown)
        for started, ended, status, shown in seen
        if any(start <= started and ended < end for start, end in windows)
    ]
    stale = sum(1 for _status, shown in inside if shown)
    return {
        "responses": len(seen),
        "shown": sum(1 for *_times, _status, shown in seen if shown),
        "hidden": sum(1 for *_times, status, _shown in seen if status == 404),
        "in_unpublished_windows": len(inside),
        "stale": stale,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "cycles": len(unpublished),
    }


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
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--freshness",
        action="store_true",
        help="an editor publishes and unpublishes a story every second while clients read it",
    )
    args = parser.parse_args(argv)
    if args.freshness:
        return main_freshness(args)

    # Memory-backed when the system has it: building the demo is many small writes.
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    workdir = Path(tempfile.mkdtemp(prefix="wagtail-osce-load-", dir=base))
    server = None
    try:
        env = environment(workdir)
        print(f"Building the demo site in {workdir} ...", flush=True)
        prepare_database(env)
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        results = []
        for scenario in scenarios(port):
            label = scenario.name + (" (If-None-Match)" if scenario.headers else "")
            print(f"  {label}: {args.clients} clients for {args.duration:g} s", flush=True)
            results.append(asyncio.run(drive(port, scenario, args.clients, args.duration)))
        floor_rps = results[0].rps
        for result in results[1:]:
            result.share_of_floor = result.rps / floor_rps if floor_rps else None
    finally:
        if server is not None:
            stop(server)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(markdown(results, args.clients, args.duration, args.workers))
    for result in results:
        if result.errors:
            print(
                f"{result.name} {result.path}: {result.errors} errors, e.g. {result.error_samples}"
            )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 1 if any(r.errors for r in results) else 0


def main_freshness(args: argparse.Namespace) -> int:
    """The freshness scenario on ``DATABASE_URL`` and ``REDIS_URL`` (SQLite and LocMem without)."""
    workdir = Path(tempfile.mkdtemp(prefix="wagtail-osce-fresh-"))
    server = None
    try:
        env = environment_for(workdir, os.environ.get("DATABASE_URL"), os.environ.get("REDIS_URL"))
        print("Building the demo site ...", flush=True)
        prepare_database(env)
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        result = freshness(env, port, args.duration, args.clients)
    finally:
        if server is not None:
            stop(server)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    backend = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "LocMemCache"
    print()
    print(
        f"{args.clients} clients, {args.duration:g} s, gunicorn with {args.workers} sync workers, "
        f"{backend}, {cache}: {result['cycles']} publish/unpublish cycles"
    )
    print()
    print("| responses | showing the story | 404 | after an unpublish | stale | errors |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {result['responses']} | {result['shown']} | {result['hidden']} "
        f"| {result['in_unpublished_windows']} | {result['stale']} | {result['errors']} |"
    )
    if result["errors"]:
        print("errors, e.g.", result["error_samples"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 1 if result["errors"] or result["stale"] else 0


if __name__ == "__main__":
    sys.exit(main())
