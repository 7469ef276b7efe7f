"""Why seeding cannot go ahead: every error names the file, line or row at fault."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _


class SeedError(Exception):
    """Seeding cannot go ahead; the message says why and nothing has been written."""


@dataclass(frozen=True)
class DataProblem:
    """One problem in a data file, at a line as an editor counts them (header = line 1).

    ``line`` is 0 for a problem with the file as a whole (missing, unreadable).
    """

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        if not self.line:
            return _("%(file)s: %(problem)s") % {"file": self.path, "problem": self.message}
        return _("%(file)s, line %(line)s: %(problem)s") % {
            "file": self.path,
            "line": self.line,
            "problem": self.message,
        }


class SeedDataError(SeedError):
    """One or more data files are malformed; ``problems`` lists each file, line and problem."""

    def __init__(self, problems: Sequence[DataProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class SeedConflictError(SeedError):
    """A row the data file needs would clash with a different row already in the database."""


class SeedLocaleError(SeedError):
    """A locale code that the site does not have, or whose language CLDR does not know."""
