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
    args = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
