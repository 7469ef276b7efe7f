"""Load the shipped reference data into the snippets, in every locale the site has.

Two stages. ``load_data`` (``read``, ``names_files``) reads and checks every data
file and returns plain records, so a bad file is reported (file, line, problem)
before anything is written. ``seed`` (``write``) then writes the records in one
transaction: rows of the default locale keyed by their natural key (a slug; the
year for a Chairpersonship), and one translation per other locale sharing the
source row's ``translation_key``. Names in translations come from the shipped
names files, then CLDR through Babel (``names``); other texts stay in the source
language until a translator translates them.

Seeding is idempotent and keeps editors' work: a row that already exists and
differs from the data file is left alone ("kept") unless ``overwrite`` is set.
A translation mirrors its source row, and only that part of it is compared and
overwritten: the synchronised fields, the links and the localized names, never a
translator's notes or descriptions. Localized names the seeder wrote, and nobody
changed since, follow the data files on every seed.
"""

from .errors import DataProblem, SeedConflictError, SeedDataError, SeedError, SeedLocaleError
from .locales import resolve_locales
from .read import PACKAGE_DATA_DIR, default_data_dir, load_data
from .records import ModelData, Record
from .report import Counts, KeptRow, SeedReport
from .rows import parse_date
from .write import seed

__all__ = [
    "PACKAGE_DATA_DIR",
    "Counts",
    "DataProblem",
    "KeptRow",
    "ModelData",
    "Record",
    "SeedConflictError",
    "SeedDataError",
    "SeedError",
    "SeedLocaleError",
    "SeedReport",
    "default_data_dir",
    "load_data",
    "parse_date",
    "resolve_locales",
    "seed",
]
