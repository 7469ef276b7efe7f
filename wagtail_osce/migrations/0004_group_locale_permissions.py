"""Locale grants for groups; existing groups keep the access they had.

A group that could already change, add or delete the reference snippets gets
every existing locale, so upgrading locks nobody out; narrow the translators'
groups afterwards (Settings -> Groups -> Languages). On a new database the
snippet permissions do not exist yet when this runs, so nothing is granted.
"""

import django.db.models.deletion
from django.db import migrations, models


SNIPPET_MODELS = [
    "participatingstate",
    "partner",
    "structure",
    "fieldofwork",
    "meetingseries",
    "chairpersonship",
]


def grant_existing_groups_every_locale(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    GroupLocalePermission = apps.get_model("wagtail_osce", "GroupLocalePermission")
    codenames = [
        f"{action}_{model}" for action in ("add", "change", "delete") for model in SNIPPET_MODELS
    ]
    groups = Group.objects.filter(
        permissions__content_type__app_label="wagtail_osce",
        permissions__codename__in=codenames,
    ).distinct()
    locale_ids = list(Locale.objects.values_list("pk", flat=True))
    GroupLocalePermission.objects.bulk_create(
        [
            GroupLocalePermission(group_id=group_id, locale_id=locale_id)
            for group_id in groups.values_list("pk", flat=True)
            for locale_id in locale_ids
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtail_osce', '0003_reference_names'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='GroupLocalePermission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='osce_locale_permissions', to='auth.group', verbose_name='group')),
                ('locale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'verbose_name': 'group locale permission',
                'verbose_name_plural': 'group locale permissions',
                'constraints': [models.UniqueConstraint(fields=('group', 'locale'), name='wagtail_osce_unique_group_locale')],
            },
        ),
        migrations.RunPython(grant_existing_groups_every_locale, migrations.RunPython.noop),
    ]
