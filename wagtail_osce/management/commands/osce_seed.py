"""``manage.py osce_seed``: load the shipped reference data, in every locale of the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from wagtail_osce.snippets.seeding import (
    Counts,
    SeedError,
    SeedReport,
    default_data_dir,
    load_data,
    resolve_locales,
    seed,
)


class Command(BaseCommand):
    help = (
        "Load the OSCE reference data (participating States, Partners, structures, fields of "
        "work, meeting series, Chairpersonships) and create their translations in every locale "
        "of the site. Running it again writes nothing; rows that editors changed are kept "
        "unless --overwrite is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=("Do everything and report it, then roll back: nothing is saved."),
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Replace rows that differ from the data files, edited ones too. In "
                "translations only the synchronised fields, links and names are replaced."
            ),
        )
        parser.add_argument(
            "--locale",
            action="append",
            dest="locales",
            metavar="CODE",
            help=(
                "Create translations only for this locale (repeatable). The default locale "
                "is always seeded. Default: every locale of the site."
            ),
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            metavar="PATH",
            help=(
                'Folder with the data files. Default: WAGTAIL_OSCE["DATA_DIR"], else the '
                "files shipped with wagtail-osce."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data_dir"] or default_data_dir()
        try:
            data = load_data(data_dir)
            locales = resolve_locales(options["locales"]) if options["locales"] else None
            report = seed(
                data,
                locales=locales,
                overwrite=options["overwrite"],
                dry_run=options["dry_run"],
            )
        except SeedError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                _("The database refused the reference data (%(error)s). Has migrate been run?")
                % {"error": error}
            ) from error

        if options["verbosity"] >= 1:
            self._print_report(report, data_dir, options["verbosity"])

    def _print_report(self, report: SeedReport, data_dir: Path, verbosity: int) -> None:
        self.stdout.write(
            _("Reference data from %(dir)s; default locale %(default)s; translations: %(others)s.")
            % {
                "dir": data_dir,
                "default": report.default_locale,
                "others": ", ".join(report.locales[1:]) or _("none"),
            }
        )
        rows: list[tuple[str, Counts]] = [
            (str(model._meta.verbose_name_plural), report.total(model=model))
            for model in report.models
        ]
        self._table(_("Model"), rows)
        if len(report.locales) > 1:
            self._table(_("Locale"), [(code, report.total(locale=code)) for code in report.locales])
        if verbosity >= 2:
            detail = [
                (f"{model._meta.verbose_name_plural} [{code}]", report.counts_for(model, code))
                for model in report.models
                for code in report.locales
            ]
            self._table(_("Model [locale]"), detail)
            for kept in report.kept:
                self.stdout.write(
                    _(
                        "Kept %(model)s %(key)r [%(locale)s] as edited; differs from the data in: %(fields)s."
                    )
                    % {
                        "model": kept.model._meta.verbose_name,
                        "key": kept.key,
                        "locale": kept.locale,
                        "fields": ", ".join(kept.fields),
                    }
                )

        total = report.total()
        self.stdout.write("")
        if report.kept:
            self.stdout.write(
                _(
                    "%(kept)s row(s) differ from the data files and were kept as edited; "
                    "--overwrite replaces them, -v 2 lists them."
                )
                % {"kept": total.kept}
            )
        if report.dry_run and not report.changed:
            self.stdout.write(
                self.style.SUCCESS(_("Dry run: nothing to change; the database was not changed."))
            )
        elif report.dry_run:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Dry run: %(created)s row(s) would be created and %(updated)s updated; "
                        "the database was not changed."
                    )
                    % {"created": total.created, "updated": total.updated}
                )
            )
        elif not report.changed:
            self.stdout.write(
                self.style.SUCCESS(_("Nothing to change: nothing was written to the database."))
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Done: %(created)s row(s) created, %(updated)s updated.")
                    % {"created": total.created, "updated": total.updated}
                )
            )

    def _table(self, title: str, rows: list[tuple[str, Counts]]) -> None:
        headings = [_("created"), _("updated"), _("kept"), _("unchanged")]
        width = max([len(title), *(len(label) for label, _counts in rows)])
        widths = [max(len(heading), 7) for heading in headings]
        self.stdout.write("")
        self.stdout.write(
            "  ".join(
                [title.ljust(width), *(h.rjust(w) for h, w in zip(headings, widths, strict=True))]
            )
        )
        for label, counts in rows:
            numbers = [counts.created, counts.updated, counts.kept, counts.unchanged]
            self.stdout.write(
                "  ".join(
                    [
                        label.ljust(width),
                        *(str(n).rjust(w) for n, w in zip(numbers, widths, strict=True)),
                    ]
                )
            )
