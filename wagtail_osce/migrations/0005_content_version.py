"""The content version row that cached API responses are checked against (created on first use)."""

import wagtail_osce.content_version
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_osce", "0004_group_locale_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("value", models.BigIntegerField(default=wagtail_osce.content_version.new_value)),
            ],
            options={
                "verbose_name": "content version",
                "verbose_name_plural": "content versions",
            },
        ),
    ]
