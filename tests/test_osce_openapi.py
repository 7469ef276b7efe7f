"""``manage.py osce_openapi``: the OpenAPI document a frontend's build generates its types from."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail_osce.blocks import StoryBodyBlock


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("osce_openapi", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def story_block_types(document: dict, field: str = "body") -> set[str]:
    """The ``type`` values of a story stream's union, as a code generator sees them."""
    schemas = document["components"]["schemas"]
    body = schemas["StoryDetailOut"]["properties"][field]["items"]
    if "$ref" in body:
        body = {"oneOf": [body]}
    members = body.get("oneOf") or body.get("anyOf")
    return {
        schemas[member["$ref"].rsplit("/", 1)[1]]["properties"]["type"]["const"]
        for member in members
    }


def test_stdout_is_the_served_document() -> None:
    """Without --output the document goes to stdout, the same one the API serves."""
    out, _ = run()
    document = json.loads(out)
    assert document["openapi"].startswith("3.1")
    # Paths carry the prefix the example site mounts the API at.
    assert "/api/osce/stories/{page_id}" in document["paths"]
    assert document["paths"]["/api/osce/stories"]["get"]["operationId"] == "list_stories"
    # Every block of the story body is in the union a frontend switches over; with the
    # related-stories stream, a story page offers every one of the 20 block types.
    assert story_block_types(document) == set(StoryBodyBlock().child_blocks)
    related = story_block_types(document, "related_stories")
    assert len(story_block_types(document) | related) == 20


def test_output_writes_the_file(tmp_path: Path, client) -> None:
    target = tmp_path / "openapi.json"
    _, err = run("--output", str(target))
    written = json.loads(target.read_text(encoding="utf-8"))
    served = client.get("/api/osce/openapi.json").json()
    assert written == served
    assert str(target) in err


def test_path_prefix_and_one_line(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    run("--output", str(target), "--path-prefix", "/cms/api/", "--indent", "0")
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 1
    assert "/cms/api/stories" in json.loads(text)["paths"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--path-prefix", "api/"], "--path-prefix must start with '/'"),
        (["--indent", "-1"], "--indent must be 0 or more"),
    ],
)
def test_bad_options_are_refused(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_missing_folder_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "openapi.json"
    with pytest.raises(CommandError, match="does not exist"):
        run("--output", str(target))
    assert not target.parent.exists()


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    """A folder given as --output is refused; an existing document is never half-replaced."""
    target = tmp_path / "openapi.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(CommandError, match="is a folder"):
        run("--output", str(tmp_path))
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["openapi.json"]
