"""Property-based fuzzing of the headless API with schemathesis, against its own OpenAPI document.

Every operation of ``/api/osce/openapi.json`` is called with requests that
schemathesis generates from the document: valid ones, invalid ones, and valid
ones whose path names a real object of the demo content (a State's slug, a
story's id...), so detail endpoints are exercised past their 404. Every check
schemathesis has runs on every response (``--checks all``): no server error, a
documented status, content type, headers and body schema, invalid input
rejected with a 4xx, valid input accepted (a 2xx, or a 404 for an object that
does not exist), writes refused with a 405 and an ``Allow`` header. Generated
strings may hold NUL bytes (``allow_x00``): the document's patterns make the
invalid ones hold control characters, which PostgreSQL would refuse in a query.

The bounded run (CI) sends a little over 1,000 requests, the same ones each
time, in well under two minutes. A longer, randomised run::

    OSCE_FUZZ_EXAMPLES=300 OSCE_FUZZ_RANDOM=1 .venv/bin/pytest tests/fuzz -q
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

if TYPE_CHECKING:
    from .conftest import FuzzStats

#: Examples per operation and kind of input (valid, invalid, valid with a real identifier).
EXAMPLES = int(os.environ.get("OSCE_FUZZ_EXAMPLES", "24"))
#: Fixed examples by default, so a CI failure reproduces; random ones for longer runs.
RANDOMISE = os.environ.get("OSCE_FUZZ_RANDOM", "") not in ("", "0")
MINIMUM_REQUESTS = int(os.environ.get("OSCE_FUZZ_MIN_REQUESTS", "1000"))
API_PREFIX = "/api/osce"

load_all_checks()
#: Every check schemathesis has, as ``--checks all`` runs them.
ALL_CHECKS = CHECKS.get_all()
#: Where to find real values for each path parameter: a listing and the field to read.
IDENTIFIER_SOURCES = {
    "/states/{slug}": ("/states", "slug"),
    "/partners/{slug}": ("/partners", "slug"),
    "/structures/{slug}": ("/structures", "slug"),
    "/fields-of-work/{slug}": ("/fields-of-work", "slug"),
    "/meeting-series/{slug}": ("/meeting-series", "slug"),
    "/pages/{page_id}": ("/pages?page_size=50", "id"),
    "/stories/{page_id}": ("/stories?page_size=50", "id"),
    "/meetings/{page_id}": ("/meetings?page_size=50", "id"),
}


def real_identifiers(session: requests.Session, base_url: str) -> dict[str, tuple[str, list]]:
    """For each detail operation, its path parameter and values that exist in the demo content."""
    found = {}
    for path, (listing, key) in IDENTIFIER_SOURCES.items():
        response = session.get(f"{base_url}{API_PREFIX}{listing}", timeout=30)
        response.raise_for_status()
        body = response.json()
        items = body["results"] if isinstance(body, dict) else body
        values = [item[key] for item in items]
        assert values, f"the demo content has nothing at {listing}"
        parameter = path.rsplit("{", 1)[1].rstrip("}")
        found[path] = (parameter, values)
    return found


def run_operation(strategy: st.SearchStrategy, call: Callable[[Any], None], examples: int) -> None:
    """Draw ``examples`` cases from ``strategy`` and ``call`` each; the first failure raises."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not RANDOMISE,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=RANDOMISE,
    )
    @given(case=strategy)
    def each(case: Any) -> None:
        call(case)

    each()


@pytest.mark.django_db(transaction=True)
def test_every_api_response_conforms_to_the_openapi_document(
    demo_api_url: str, server_errors: list[str], fuzz_stats: FuzzStats
) -> None:
    started = time.monotonic()
    session = requests.Session()
    schema = schemathesis.openapi.from_url(f"{demo_api_url}{API_PREFIX}/openapi.json")
    schema.config.generation.allow_x00 = True
    assert len(ALL_CHECKS) >= 10, [check.__name__ for check in ALL_CHECKS]
    identifiers = real_identifiers(session, demo_api_url)

    def call(case: Any) -> None:
        fuzz_stats.requests += 1
        response = case.call(base_url=demo_api_url, session=session, timeout=30)
        case.validate_response(response, checks=ALL_CHECKS)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, [op.label for op in operations]
    for operation in operations:
        fuzz_stats.operations.add(operation.label)
        kinds = {
            "valid": operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            "invalid": operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        }
        relative = operation.path.removeprefix(API_PREFIX)
        if relative in identifiers:
            parameter, values = identifiers[relative]
            kinds["existing"] = st.sampled_from(values).flatmap(
                lambda value, op=operation, name=parameter: op.as_strategy(
                    generation_mode=GenerationMode.POSITIVE, path_parameters={name: value}
                )
            )
        for kind, strategy in kinds.items():
            try:
                run_operation(strategy, call, EXAMPLES)
            except Exception as failure:
                fuzz_stats.failures.append(f"{operation.label} ({kind} input):\n{failure}")

    fuzz_stats.seconds = time.monotonic() - started
    report = "\n\n".join(fuzz_stats.failures)
    if server_errors:
        report += "\n\nServer tracebacks:\n" + "\n".join(server_errors[:5])
    assert not fuzz_stats.failures, report
    assert fuzz_stats.requests >= MINIMUM_REQUESTS, (
        f"only {fuzz_stats.requests} requests; raise OSCE_FUZZ_EXAMPLES"
    )
