"""The examples of docs/api.md, requested against the demo content and compared with the responses.

An example is a fenced block marked ```` ```http checked ````: a request line
(``GET /api/osce/...``), optionally request headers, then, after a blank line,
the status line and the response headers expected. The ```` ```json checked ````
block that follows is a fragment of the response body: every key it names must
have that value, and the items of a list must appear in that order. ``{page:slug}``
stands for the id of the default-locale page with that slug.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from home.demo_content import build_demo_content
from wagtail.models import Locale, Page

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"```(http|json) checked\n(.*?)```", re.DOTALL)
PLACEHOLDER = re.compile(r"\{page:([-a-z0-9]+)\}")


def checked_examples() -> list[tuple[str, str | None]]:
    """``(http block, json block or None)`` for each checked request of the document."""
    examples: list[tuple[str, str | None]] = []
    for kind, text in BLOCK.findall(DOCS.read_text()):
        if kind == "http":
            examples.append((text, None))
        else:
            assert examples and examples[-1][1] is None, "a json checked block without a request"
            examples[-1] = (examples[-1][0], text)
    return examples


def fill(text: str) -> str:
    default = Locale.get_default()

    def page_id(match: re.Match) -> str:
        return str(Page.objects.get(slug=match.group(1), locale=default).pk)

    return PLACEHOLDER.sub(page_id, text)


def mismatches(expected: Any, actual: Any, where: str = "body") -> list[str]:
    """Where ``actual`` differs from the fragment ``expected``."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r:.200}"]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{where}.{key}: missing")
            else:
                problems.extend(mismatches(value, actual[key], f"{where}.{key}"))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {actual!r:.200}"]
        position = 0
        for index, item in enumerate(expected):
            while position < len(actual) and mismatches(item, actual[position]):
                position += 1
            if position == len(actual):
                return [f"{where}[{index}]: no item matches {item!r:.200} in order"]
            position += 1
        return []
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r:.200}"]


def request_example(client, http: str) -> tuple[Any, list[str]]:
    request_part, _blank, response_part = http.partition("\n\n")
    request_line, *header_lines = request_part.strip().splitlines()
    method, path = request_line.split()[:2]
    assert method == "GET", request_line
    headers = {}
    for line in header_lines:
        name, value = line.split(":", 1)
        headers["HTTP_" + name.strip().upper().replace("-", "_")] = value.strip()
    response = client.get(path, **headers)
    problems = []
    status_line, *expected_headers = response_part.strip().splitlines() or [""]
    if status_line:
        status = int(status_line.split()[1])
        if response.status_code != status:
            problems.append(f"status: expected {status}, got {response.status_code}")
    for line in expected_headers:
        name, value = (part.strip() for part in line.split(":", 1))
        if response.get(name) != value:
            problems.append(f"header {name}: expected {value!r}, got {response.get(name)!r}")
    return response, problems


def test_fragments_are_compared_key_by_key_and_in_order():
    actual = {"count": 2, "results": [{"id": 1, "title": "A"}, {"id": 2, "title": "B"}]}
    assert mismatches({"results": [{"id": 1}, {"title": "B"}]}, actual) == []
    assert mismatches({"results": [{"id": 2}, {"id": 1}]}, actual)
    assert mismatches({"count": 3}, actual) == ["body.count: expected 3, got 2"]
    assert mismatches({"next": None}, actual) == ["body.next: missing"]


def test_the_document_has_checked_examples():
    examples = checked_examples()
    assert len(examples) >= 6
    assert all(body is not None for _http, body in examples[:-1])


@pytest.mark.django_db
def test_the_examples_of_the_api_document_hold(client, locales):
    call_command("osce_seed", locales=["fr"], stdout=StringIO())
    build_demo_content(StringIO())
    failures = []
    for http, body in checked_examples():
        http = fill(http)
        response, problems = request_example(client, http)
        if body is not None:
            problems.extend(mismatches(json.loads(fill(body)), response.json()))
        if problems:
            failures.append(f"{http.splitlines()[0]}\n  " + "\n  ".join(problems))
    assert not failures, "\n\n".join(failures)
