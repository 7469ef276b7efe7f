"""``manage.py osce_openapi``: write the API's OpenAPI document, for a frontend's build.

A decoupled frontend generates its types from this document (openapi-typescript,
openapi-python-client...). Writing it from the command needs no running server, so
a build or a CI job can regenerate the types and check them against the committed
ones.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch


class Command(BaseCommand):
    help = (
        "Write the OpenAPI document of the wagtail-osce API as JSON, to a file (--output) or "
        "to standard output. Paths carry the prefix the API is mounted at in the site's "
        "URLconf, unless --path-prefix is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            metavar="PATH",
            help="File to write (replaced whole, or left untouched on error). Default: stdout.",
        )
        parser.add_argument(
            "--path-prefix",
            metavar="PREFIX",
            help=(
                "Prefix of every path in the document, such as /api/osce/. Default: where "
                "the site's URLconf mounts the API."
            ),
        )
        parser.add_argument(
            "--indent",
            type=int,
            default=2,
            metavar="N",
            help="Indentation of the JSON (0: one line). Default: 2.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Imported here: the API module builds its routers on import, which needs the apps.
        from wagtail_osce.api.api import api

        indent: int = options["indent"]
        if indent < 0:
            raise CommandError(f"--indent must be 0 or more, not {indent}.")
        prefix: str | None = options["path_prefix"]
        if prefix is not None and not prefix.startswith("/"):
            raise CommandError(f"--path-prefix must start with '/', not {prefix!r}.")
        try:
            schema = api.get_openapi_schema(path_prefix=prefix)
        except NoReverseMatch as error:
            raise CommandError(
                "The wagtail-osce API is not in the site's URLconf "
                "(path('api/osce/', include('wagtail_osce.api.urls'))): mount it, or give "
                "--path-prefix."
            ) from error
        text = json.dumps(schema, indent=indent or None, ensure_ascii=False, sort_keys=False)
        text += "\n"
        output: Path | None = options["output"]
        if output is None:
            self.stdout.write(text, ending="")
            return
        write_atomically(output, text)
        self.stderr.write(f"Wrote the OpenAPI document to {output}")


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, so a failure never leaves half a document."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CommandError(f"--output: the folder {directory} does not exist.")
    if path.is_dir():
        raise CommandError(f"--output: {path} is a folder, not a file.")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise CommandError(f"--output: cannot write {path}: {error}") from error
