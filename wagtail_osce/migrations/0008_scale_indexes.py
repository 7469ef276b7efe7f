"""Two indexes on tables of Wagtail's own apps, which a model of this package cannot declare.

- The parents of the page tree (``numchild > 0``): visibility looks for hidden
  sections among them on every request, and a partial index lets the database
  read those few rows instead of every page (see ``visibility._hidden_section_paths``).
- On PostgreSQL, the search index's title and body vectors together
  (``title || body``), the expression Wagtail's database search backend matches
  a query against: without it every search reads every index entry.

Both are dropped when the migration is reversed.
"""

import swapper
from django.db import migrations

PARENTS_INDEX = "wagtail_osce_page_parents"
SEARCH_INDEX = "wagtail_osce_indexentry_vector"


def _page_table(apps) -> str:
    app_label, model_name = swapper.get_model_name("wagtailcore", "Page").split(".")
    return apps.get_model(app_label, model_name)._meta.db_table


def _search_table(apps) -> str | None:
    try:
        return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    except LookupError:
        return None


#: The databases with partial indexes (MySQL and MariaDB have none: the query works without).
PARTIAL_INDEX_VENDORS = ("postgresql", "sqlite")


def create_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    if schema_editor.connection.vendor in PARTIAL_INDEX_VENDORS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(PARENTS_INDEX)} "
            f"ON {quote(_page_table(apps))} (path) WHERE numchild > 0"
        )
    table = _search_table(apps)
    if schema_editor.connection.vendor == "postgresql" and table:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(SEARCH_INDEX)} "
            f"ON {quote(table)} USING gin ((title || body))"
        )


def drop_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    if schema_editor.connection.vendor in PARTIAL_INDEX_VENDORS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(PARENTS_INDEX)}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(SEARCH_INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_osce", "0007_listing_indexes"),
        swapper.dependency("wagtailcore", "Page"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
