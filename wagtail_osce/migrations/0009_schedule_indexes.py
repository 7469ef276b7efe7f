"""Indexes of the page table's ``go_live_at`` and ``expire_at``, which Wagtail leaves unindexed.

Every cached API response is stamped with the first of these after the moment
it was built (``api.cache.responses.next_scheduled_moment``): with an index, that
is the first row past the moment instead of a scan of every page. Partial
(only pages with a date) where the database has partial indexes. Dropped when
the migration is reversed.
"""

import swapper
from django.db import migrations

INDEXES = {
    "wagtail_osce_page_go_live_at": "go_live_at",
    "wagtail_osce_page_expire_at": "expire_at",
}
PARTIAL_INDEX_VENDORS = ("postgresql", "sqlite")


def _page_table(apps) -> str:
    app_label, model_name = swapper.get_model_name("wagtailcore", "Page").split(".")
    return apps.get_model(app_label, model_name)._meta.db_table


def create_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    partial = schema_editor.connection.vendor in PARTIAL_INDEX_VENDORS
    for name, column in INDEXES.items():
        where = f" WHERE {quote(column)} IS NOT NULL" if partial else ""
        exists = "IF NOT EXISTS " if partial else ""
        schema_editor.execute(
            f"CREATE INDEX {exists}{quote(name)} "
            f"ON {quote(_page_table(apps))} ({quote(column)}){where}"
        )


def drop_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for name in INDEXES:
        if schema_editor.connection.vendor in PARTIAL_INDEX_VENDORS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
        else:
            schema_editor.execute(f"DROP INDEX {quote(name)} ON {quote(_page_table(apps))}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_osce", "0008_scale_indexes"),
        swapper.dependency("wagtailcore", "Page"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
