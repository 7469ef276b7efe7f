"""Write the records in one transaction: the default locale, then a translation per locale."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, ReferenceIndex
from wagtail_localize.fields import SynchronizedField

from ..base import ReferenceSnippet
from ..signals import reference_data_seeded
from .errors import SeedConflictError, SeedLocaleError
from .index import index_for_search, index_references
from .locales import ordered_locales, resolve_locales
from .names import cldr_territories, join_alternatives, pick
from .read import load_data
from .records import ModelData, Record
from .report import KeptRow, SeedReport


@dataclass(frozen=True)
class Localized:
    """A localized field's value for one locale, and the values earlier releases wrote there.

    ``earlier`` lets a seed tell an unedited row of a database seeded before the
    seeder recorded its values: a row still holding one of them is corrected.
    """

    value: Any
    earlier: frozenset[Any]


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def _synchronised_fields(model: type[models.Model]) -> frozenset[str]:
    return frozenset(
        item.field_name
        for item in getattr(model, "override_translatable_fields", [])
        if isinstance(item, SynchronizedField)
    )


class _Seeder:
    """Writes the records for the default locale, then a translation per other locale.

    A row of the default locale is compared with its record. A translation mirrors
    its source row instead: the synchronised fields are the source's, its links go
    to the same-locale translations of what the source links to, and CLDR names
    are in its own language.
    """

    def __init__(
        self,
        data: Sequence[ModelData],
        default: Locale,
        targets: Sequence[Locale],
        overwrite: bool,
        report: SeedReport,
    ) -> None:
        self.data = data
        self.default = default
        self.targets = targets
        self.overwrite = overwrite
        self.report = report
        self.cldr = {loc.pk: cldr_territories(loc.language_code) for loc in [default, *targets]}
        # Every row of a model in a locale, by natural key (records only), pk and translation key.
        self.by_key: dict[tuple[type[models.Model], int], dict[str | int, models.Model]] = {}
        self.by_pk: dict[tuple[type[models.Model], int], dict[Any, models.Model]] = {}
        self.by_tk: dict[tuple[type[models.Model], int], dict[Any, models.Model]] = {}
        self.created: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.updated: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.pending: list[models.Model] = []

    def run(self) -> None:
        locale_ids = [self.default.pk, *(loc.pk for loc in self.targets)]
        for model_data in self.data:
            model = model_data.model
            for locale_id in locale_ids:
                self.by_pk[(model, locale_id)] = {}
                self.by_tk[(model, locale_id)] = {}
            for row in model._default_manager.filter(locale_id__in=locale_ids).order_by("pk"):
                self.by_pk[(model, row.locale_id)][row.pk] = row
                self.by_tk[(model, row.locale_id)][row.translation_key] = row
            for locale in [self.default, *self.targets]:
                self._seed_locale(model_data, locale)
        self._update_indexes()

    def _flush(self) -> None:
        """Insert the rows waiting to be created, so that other rows can link to them."""
        if self.pending:
            model = type(self.pending[0])
            model._default_manager.bulk_create(self.pending)
            for row in self.pending:
                self.by_pk[(model, row.locale_id)][row.pk] = row
            self.created[model].extend(self.pending)
            self.pending = []

    def _target(self, row: models.Model | None) -> Any:
        """The primary key of ``row``, inserting it first if it is still waiting."""
        if row is None:
            return None
        if row.pk is None:
            self._flush()
        return row.pk

    def _expected_source(self, model: type[models.Model], record: Record) -> dict[str, Any]:
        """What the data file decides for a row of the default locale, by attribute name."""
        values = dict(record.values)
        for name, key in record.refs.items():
            fk = model._meta.get_field(name)
            target = None
            if key is not None:
                target = self.by_key[(fk.related_model, self.default.pk)][key]
            values[fk.attname] = self._target(target)
        return values

    def _expected_translation(
        self, model: type[models.Model], record: Record, source: models.Model, locale: Locale
    ) -> tuple[dict[str, Any], set[str]]:
        """What a translation of ``source`` must hold, and the links that cannot be mirrored.

        A link cannot be mirrored when the source links to a row that has no
        translation in ``locale`` yet; such a link is left alone.
        """
        synced = _synchronised_fields(model)
        values = {name: getattr(source, name) for name in record.values if name in synced}
        unresolved: set[str] = set()
        for name in record.refs:
            fk = model._meta.get_field(name)
            source_target_id = getattr(source, fk.attname)
            if source_target_id is None:
                values[fk.attname] = None
                continue
            source_target = self.by_pk[(fk.related_model, self.default.pk)].get(source_target_id)
            target = None
            if source_target is not None:
                target = self.by_tk[(fk.related_model, locale.pk)].get(
                    source_target.translation_key
                )
            if target is None:
                unresolved.add(fk.attname)
            else:
                values[fk.attname] = self._target(target)
        return values, unresolved

    def _localized(
        self,
        model: type[models.Model],
        record: Record,
        locale: Locale,
        source: models.Model | None,
    ) -> dict[str, Localized]:
        """The fields whose value depends on the locale's language, with their earlier defaults.

        Territory names (official form, else CLDR), translated names of the other
        reference data, and the alternative names of a country. A name the data
        file gives for the default locale is not localized there.
        """
        is_default = source is None
        language = locale.language_code
        cldr = self.cldr[locale.pk]
        localized: dict[str, Localized] = {}
        for name, territory in record.cldr.items():
            if is_default and name in record.values:
                continue
            localized[name] = Localized(
                territory.render(cldr, language), frozenset({territory.render_cldr(cldr)})
            )
        if not is_default and (translated := pick(record.names, language)):
            localized["name"] = Localized(
                translated, frozenset({source.name, record.values.get("name", source.name)})
            )
        if _has_field(model, "alternative_names") and "name" in record.cldr:
            territory = record.cldr["name"]
            name = localized["name"].value if "name" in localized else record.values["name"]
            default_cldr = self.cldr[self.default.pk]
            alternatives = join_alternatives(
                [
                    cldr.get(territory.code, ""),
                    record.values["name"],
                    default_cldr.get(territory.code, ""),
                    *record.alternatives,
                ],
                exclude=[name],
            )
            localized["alternative_names"] = Localized(alternatives, frozenset({""}))
        return localized

    def _seed_locale(self, model_data: ModelData, locale: Locale) -> None:
        model = model_data.model
        is_default = locale.pk == self.default.pk
        records_seeds = _has_field(model, "seeded_values")
        counts = self.report.counts_for(model, locale.language_code)
        existing = list(self.by_pk[(model, locale.pk)].values())
        by_natural_key = {getattr(row, model_data.key_field): row for row in existing}
        taken = {
            name: {getattr(row, name): row for row in existing} for name in model.unique_per_locale
        }
        keyed = self.by_key.setdefault((model, locale.pk), {})
        updated: list[models.Model] = []
        updated_fields: set[str] = set()

        # Records come parents first; a row waits in ``pending`` until a child needs its key.
        for record in model_data.records:
            source = None
            if is_default:
                row = by_natural_key.get(record.key)
                expected, unresolved = self._expected_source(model, record), set()
            else:
                source = self.by_key[(model, self.default.pk)][record.key]
                row = self.by_tk[(model, locale.pk)].get(source.translation_key)
                expected, unresolved = self._expected_translation(model, record, source, locale)
            localized = self._localized(model, record, locale, source)
            wanted = {**expected, **{name: item.value for name, item in localized.items()}}
            if row is None:
                self._check_free(model, locale, record, wanted, taken, None)
                if is_default:
                    row = model(locale=locale, **wanted)
                else:
                    row = source.copy_for_translation(locale)
                    for attname in unresolved:
                        setattr(row, attname, None)
                    for attname, value in wanted.items():
                        setattr(row, attname, value)
                if records_seeds:
                    row.seeded_values = {name: item.value for name, item in localized.items()}
                self.pending.append(row)
                self.by_tk[(model, locale.pk)][row.translation_key] = row
                counts.created += 1
                keyed[record.key] = row
                continue

            seeded = dict(row.seeded_values) if records_seeds else {}
            differing = [
                attname for attname, value in expected.items() if getattr(row, attname) != value
            ]
            upgraded: list[str] = []
            for name, item in localized.items():
                current = getattr(row, name)
                if current == item.value:
                    seeded[name] = item.value
                elif name in seeded:
                    # A value the seeder wrote and nobody changed follows the data files.
                    (upgraded if current == seeded[name] else differing).append(name)
                else:
                    # Written by a release that recorded nothing: its default counts as unedited.
                    (upgraded if current in item.earlier else differing).append(name)
            changes = [*upgraded, *differing] if self.overwrite else upgraded
            if changes:
                self._check_free(model, locale, record, wanted, taken, row)
                for attname in changes:
                    setattr(row, attname, wanted[attname])
                    if attname in localized:
                        seeded[attname] = wanted[attname]
            if records_seeds and seeded != row.seeded_values:
                row.seeded_values = seeded
                changes.append("seeded_values")
            if changes:
                updated.append(row)
                updated_fields.update(changes)
            if differing and not self.overwrite:
                counts.kept += 1
                self.report.kept.append(
                    KeptRow(
                        model,
                        locale.language_code,
                        record.key,
                        tuple(model._meta.get_field(name).name for name in differing),
                    )
                )
            elif any(name != "seeded_values" for name in changes):
                counts.updated += 1
            else:
                counts.unchanged += 1
            keyed[record.key] = row
        self._flush()
        if updated:
            names = sorted(model._meta.get_field(attname).name for attname in updated_fields)
            model._default_manager.bulk_update(updated, names)
            self.updated[model].extend(updated)

    def _check_free(
        self,
        model: type[ReferenceSnippet],
        locale: Locale,
        record: Record,
        expected: dict[str, Any],
        taken: dict[str, dict[Any, models.Model]],
        row: models.Model | None,
    ) -> None:
        """Raise if a unique value the row needs already belongs to another row in this locale."""
        for name in model.unique_per_locale:
            value = expected.get(name)
            holder = taken[name].get(value)
            if value in (None, "") or holder is None or holder is row:
                continue
            raise SeedConflictError(
                _(
                    "%(model)s %(key)r in locale %(locale)s needs %(field)s %(value)r, but another "
                    "row (id %(id)s, %(name)r) already has it. Rename or delete that row, or "
                    "link it as a translation, then seed again."
                )
                % {
                    "model": model._meta.verbose_name,
                    "key": record.key,
                    "locale": locale.language_code,
                    "field": name,
                    "value": value,
                    "id": holder.pk,
                    "name": str(holder),
                }
            )

    def _update_indexes(self) -> None:
        """Do for the written rows what ``post_save`` would: reference index now, search on commit.

        Rows are written in bulk, which sends no signals. The search index may be an
        external service, so it is updated only once the transaction commits (never
        for a dry run).
        """
        for model in dict.fromkeys([*self.created, *self.updated]):
            created, updated = self.created[model], self.updated[model]
            if ReferenceIndex.is_indexed(model):
                index_references(model, created, updated)
            if getattr(model, "search_auto_update", True):
                transaction.on_commit(partial(index_for_search, model, [*created, *updated]))


def seed(
    data: Sequence[ModelData] | None = None,
    *,
    locales: Iterable[Locale] | None = None,
    overwrite: bool = False,
    dry_run: bool = False,
) -> SeedReport:
    """Write ``data`` (default: ``load_data()``) for the default locale and translations.

    ``locales`` limits the translations to those locales (default: every locale of
    the site); the default locale is always seeded, as the source of the others.
    Everything happens in one transaction, rolled back when ``dry_run`` is set or
    when anything fails.
    """
    if data is None:
        data = load_data()
    try:
        default = Locale.get_default()
    except (Locale.DoesNotExist, LookupError) as error:
        raise SeedLocaleError(
            _("The site has no locale for LANGUAGE_CODE %(code)r; run migrate first.")
            % {"code": settings.LANGUAGE_CODE}
        ) from error
    chosen = resolve_locales(None) if locales is None else ordered_locales(locales)
    targets = [loc for loc in chosen if loc.pk != default.pk]
    report = SeedReport(
        default_locale=default.language_code,
        locales=[default.language_code, *(loc.language_code for loc in targets)],
        dry_run=dry_run,
    )
    seeder = _Seeder(data, default, targets, overwrite, report)
    with transaction.atomic():
        seeder.run()
        if dry_run:
            transaction.set_rollback(True)
        elif report.changed:
            # Rows are written in bulk, without save signals: announce the change once.
            transaction.on_commit(
                partial(reference_data_seeded.send, sender=_Seeder, models=report.models)
            )
    return report
