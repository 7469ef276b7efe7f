"""The plain records that reading produces and writing consumes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base import ReferenceSnippet
from .names import CldrName


@dataclass(frozen=True)
class Record:
    """One data-file row as model values.

    ``values`` are the default locale's field values; ``refs`` maps a foreign key
    to the natural key of its target, resolved in each locale to that locale's row;
    ``cldr`` holds the fields named after a territory in translations (and in the
    default locale too when ``values`` has no value for them). ``names`` maps a
    language to the translated ``name`` (from ``reference_names.csv``), and
    ``alternatives`` lists the other names an editor may search for (States and
    Partners).
    """

    line: int
    key: str | int
    values: dict[str, Any]
    refs: dict[str, str | None] = field(default_factory=dict)
    cldr: dict[str, CldrName] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelData:
    """The records of one data file, ordered so that a parent comes before its children."""

    model: type[ReferenceSnippet]
    path: Path
    key_field: str
    records: tuple[Record, ...]
