"""Fuzzing the headless API: a live example site with its demo content, and a run summary.

The summary line (requests sent, operations covered, failures) is printed at
the end of the pytest run, so CI logs show how much was exercised.
"""

from __future__ import annotations

import io
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception

FUZZ_STATS = pytest.StashKey["FuzzStats"]()


@dataclass
class FuzzStats:
    """What a fuzzing run did, for the terminal summary."""

    requests: int = 0
    operations: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


@pytest.fixture
def fuzz_stats(request: pytest.FixtureRequest) -> FuzzStats:
    return request.config.stash.setdefault(FUZZ_STATS, FuzzStats())


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    """Tracebacks of exceptions the live server raised, to explain a 500."""
    errors: list[str] = []

    def record(sender: Any, request: Any = None, **kwargs: Any) -> None:
        errors.append(
            f"{getattr(request, 'get_full_path', lambda: '?')()}\n{traceback.format_exc()}"
        )

    got_request_exception.connect(record, weak=False)
    yield errors
    got_request_exception.disconnect(record)


@pytest.fixture
def demo_api_url(django_db_serialized_rollback: None, live_server: Any) -> str:
    """The example site, set up by ``manage.py osce_demo`` with its demo content, served live."""
    call_command("osce_demo", password="fuzz-admin", stdout=io.StringIO())
    return live_server.url


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    stats = config.stash.get(FUZZ_STATS, None)
    if stats is None or not stats.requests:
        return
    terminalreporter.write_sep("-", "API fuzzing (schemathesis)")
    terminalreporter.write_line(
        f"{stats.requests} requests over {len(stats.operations)} operations in "
        f"{stats.seconds:.0f} s; {len(stats.failures)} failing operation runs"
    )
