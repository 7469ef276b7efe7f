"""What a seed did: counts per model and locale, and the rows kept as edited."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..base import ReferenceSnippet


@dataclass
class Counts:
    """What happened to the rows of one model in one locale."""

    created: int = 0
    updated: int = 0
    kept: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.kept += other.kept
        self.unchanged += other.unchanged


@dataclass(frozen=True)
class KeptRow:
    """A row that differs from the data file and was left as an editor or translator left it."""

    model: type[ReferenceSnippet]
    locale: str
    key: str | int
    fields: tuple[str, ...]


@dataclass
class SeedReport:
    """The outcome of a seed: counts per model and locale, and the rows kept as edited."""

    default_locale: str
    locales: list[str]
    dry_run: bool
    counts: dict[tuple[type[ReferenceSnippet], str], Counts] = field(default_factory=dict)
    kept: list[KeptRow] = field(default_factory=list)

    def counts_for(self, model: type[ReferenceSnippet], locale: str) -> Counts:
        return self.counts.setdefault((model, locale), Counts())

    def total(
        self,
        model: type[ReferenceSnippet] | None = None,
        locale: str | None = None,
    ) -> Counts:
        total = Counts()
        for (row_model, row_locale), counts in self.counts.items():
            if model in (None, row_model) and locale in (None, row_locale):
                total.add(counts)
        return total

    @property
    def models(self) -> list[type[ReferenceSnippet]]:
        return list(dict.fromkeys(model for model, _locale in self.counts))

    @property
    def changed(self) -> bool:
        total = self.total()
        return bool(total.created or total.updated)
