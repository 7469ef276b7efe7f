"""Set up the example site for a demonstration: locales, home page, logins, demo content.

Run after ``migrate``. It creates the site's locales, then runs ``osce_seed`` so the
reference data exists in every one of them before the demo content refers to it.
It also sets up groups and users to try the admin as someone other than a
superuser: an "Editors" group that owns the source language (an ``editor`` user),
a "Translators" group for every other language (the ``translator`` user) and one
group per language ("French translators", ... with ``translator-fr``, ...), each
holding only its own language's pages and reference data. Running it again
changes nothing that already exists apart from the passwords, which are set to
the ones given so the printed logins always work, and the groups' permissions and
languages, which are set back to the ones listed here.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from home.models import HomePage
from wagtail_osce.permissions.models import GroupLocalePermission

DEFAULT_PASSWORD = "osce-demo-admin"
ADMIN_USERNAME = "admin"
DEFAULT_TRANSLATOR_PASSWORD = "osce-demo-translator"
TRANSLATOR_USERNAME = "translator"
TRANSLATORS_GROUP = "Translators"
EDITOR_USERNAME = "editor"
EDITORS_GROUP = "Editors"
#: One group and one demo user per language: "French translators" and translator-fr.
LANGUAGE_TRANSLATORS_GROUP = "{language} translators"
LANGUAGE_TRANSLATOR_USERNAME = "translator-{code}"

#: What a translator may do anywhere: use the admin, submit and sync translations of
#: what they can see (snippets: "Translate"; translated pages: "Sync translated
#: pages"), and edit the reference data's texts. No adding or deleting of reference
#: data. With no permission on the source tree, a translator does not see the
#: English pages: an editor submits a page for translation, the translator
#: translates and publishes it.
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("wagtail_osce", "change_participatingstate"),
    ("wagtail_osce", "change_partner"),
    ("wagtail_osce", "change_structure"),
    ("wagtail_osce", "change_fieldofwork"),
    ("wagtail_osce", "change_meetingseries"),
    ("wagtail_osce", "change_chairpersonship"),
]
#: On each translated tree (the home page of every locale but the default one):
#: edit and publish the translations. Nothing on the source tree, and no adding,
#: moving, locking or bulk deleting of pages.
TRANSLATOR_PAGE_PERMISSIONS = ["change", "publish"]
#: In the root collection: pick another image or document for a translation.
TRANSLATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]
#: The reference data, which editors add, change and delete in the source language.
SNIPPET_MODELS = [
    "participatingstate",
    "partner",
    "structure",
    "fieldofwork",
    "meetingseries",
    "chairpersonship",
]
#: Added to the Editors group (which Wagtail creates with its page permissions): the
#: reference data, and submitting it and pages for translation. The group holds the
#: source language only, so editors do not overwrite the translators' work.
EDITOR_PERMISSIONS = [
    ("wagtail_localize", "submit_translation"),
    *[
        ("wagtail_osce", f"{action}_{model}")
        for model in SNIPPET_MODELS
        for action in ("add", "change", "delete")
    ],
]
HOME_TITLE = "OSCE example"
DEMO_CONTENT_MODULE = "home.demo_content"


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation as the description.
    help = (
        "Prepare the example site: a locale per content language, the reference data in "
        "each, an 'OSCE example' home page as the root of the default site, a superuser "
        "'admin', a 'translator' user in a 'Translators' group, and demo content."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=None,
            help=_(
                "Password for the 'admin' superuser (default: $OSCE_DEMO_PASSWORD, "
                "else 'osce-demo-admin')."
            ),
        )
        parser.add_argument(
            "--translator-password",
            default=None,
            help=_(
                "Password for the 'translator' user (default: $OSCE_DEMO_TRANSLATOR_PASSWORD, "
                "else 'osce-demo-translator')."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or os.environ.get("OSCE_DEMO_PASSWORD") or DEFAULT_PASSWORD
        translator_password = (
            options["translator_password"]
            or os.environ.get("OSCE_DEMO_TRANSLATOR_PASSWORD")
            or DEFAULT_TRANSLATOR_PASSWORD
        )
        with transaction.atomic():
            locales = self.ensure_locales()
            home = self.ensure_home_page()
            self.ensure_home_translations(home, locales)
            self.ensure_superuser(password)
            default = Locale.get_default()
            others = list(Locale.objects.exclude(pk=default.pk).order_by("pk"))
            group = self.ensure_translators_group(home, TRANSLATORS_GROUP, others)
            self.ensure_translator(TRANSLATOR_USERNAME, group, translator_password)
            for locale in others:
                language = self.language_name(locale)
                group = self.ensure_translators_group(
                    home, LANGUAGE_TRANSLATORS_GROUP.format(language=language), [locale]
                )
                self.ensure_translator(
                    LANGUAGE_TRANSLATOR_USERNAME.format(code=locale.language_code),
                    group,
                    translator_password,
                    first_name=language,
                )
            editors = self.ensure_editors_group(default)
            self.ensure_translator(
                EDITOR_USERNAME, editors, translator_password, last_name="Editor"
            )
        # Seeding again once every locale exists creates the reference data's
        # translations; rows already there are left as they are.
        call_command("osce_seed", stdout=self.stdout, stderr=self.stderr)
        self.build_demo_content()

        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("The OSCE example site is ready."))
        self.stdout.write(f"  Site:     {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/")
        self.stdout.write(f"  Admin:    {admin_url}")
        self.stdout.write(f"  Login:    {ADMIN_USERNAME} / {password}")
        self.stdout.write(
            f"  Translator: {TRANSLATOR_USERNAME} / {translator_password} "
            f"({TRANSLATORS_GROUP}: edits and publishes the translated pages)"
        )
        self.stdout.write(
            f"  One language: {LANGUAGE_TRANSLATOR_USERNAME.format(code='fr')} / "
            f"{translator_password} and translator-de, -it, -ru, -es "
            "(French translators, ...: that language only)"
        )
        self.stdout.write(
            f"  Editor:   {EDITOR_USERNAME} / {translator_password} "
            f"({EDITORS_GROUP}: owns the source language)"
        )

    @staticmethod
    def language_name(locale: Locale) -> str:
        """The language's English name from the settings ("French"), for a group's name."""
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        return str(names.get(locale.language_code, locale.language_code))

    def ensure_locales(self) -> list[Locale]:
        """One Locale per WAGTAIL_CONTENT_LANGUAGES entry, so every language can be translated into."""
        locales = []
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            locale, created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.stdout.write(f"Created locale {code}")
            locales.append(locale)
        return locales

    def ensure_home_page(self) -> HomePage:
        """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific

        default_locale = Locale.get_default()
        tree_root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale=default_locale).first()
        if home is None:
            if site is not None and self.is_welcome_page(site.root_page):
                # The site row cascades with its root page: point it at the tree root
                # while the welcome page is removed and the home page takes its slug.
                welcome = site.root_page
                Site.objects.filter(pk=site.pk).update(root_page=tree_root)
                welcome.delete()
                self.stdout.write("Removed Wagtail's default welcome page")
                tree_root.refresh_from_db()
            slug = "home" if Page._slug_is_available("home", tree_root) else "osce-example"
            home = tree_root.add_child(
                instance=HomePage(title=HOME_TITLE, slug=slug, locale=default_locale)
            )
            home.save_revision().publish()
            self.stdout.write(f"Created home page {HOME_TITLE!r}")

        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                site_name=HOME_TITLE,
                root_page=home,
                is_default_site=True,
            )
        else:
            # save(), not update(): Wagtail clears its cached site root paths on save.
            site.root_page = home
            site.site_name = HOME_TITLE
            site.save()
        return home

    @staticmethod
    def is_welcome_page(page: Page) -> bool:
        """True for the plain, childless page that Wagtail's first migration creates."""
        return page.depth == 2 and page.specific_class is Page and not page.get_children().exists()

    def ensure_home_translations(self, home: HomePage, locales: list[Locale]) -> None:
        """An alias of the home page per other locale, so /fr/, /de/... each have a root.

        Aliases follow the English page until someone translates them (wagtail-localize
        offers "Translate this page" on each).
        """
        existing = set(home.get_translations().values_list("locale_id", flat=True))
        for locale in locales:
            if locale.pk == home.locale_id or locale.pk in existing:
                continue
            home.copy_for_translation(locale, alias=True)
            self.stdout.write(f"Created home page alias for {locale.language_code}")

    def ensure_superuser(self, password: str) -> None:
        """A superuser 'admin' whose password is the one printed at the end."""
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", password)
            self.stdout.write(f"Created superuser {ADMIN_USERNAME!r}")
            return
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()

    def ensure_locale_grants(self, group: Group, locales: list[Locale]) -> None:
        """Exactly these languages for the group's reference-data rights (wagtail_osce.permissions)."""
        wanted = {locale.pk for locale in locales}
        grants = GroupLocalePermission.objects.filter(group=group)
        grants.exclude(locale_id__in=wanted).delete()
        held = set(grants.values_list("locale_id", flat=True))
        GroupLocalePermission.objects.bulk_create(
            GroupLocalePermission(group=group, locale_id=locale_id)
            for locale_id in sorted(wanted - held)
        )

    def ensure_editors_group(self, default: Locale) -> Group:
        """Wagtail's Editors group, given the reference data and the source language only."""
        group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
        if created:
            self.stdout.write(f"Created group {EDITORS_GROUP!r}")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in EDITOR_PERMISSIONS
            ]
        )
        self.ensure_locale_grants(group, [default])
        return group

    def ensure_translators_group(self, home: HomePage, name: str, locales: list[Locale]) -> Group:
        """A translators' group for ``locales``, with exactly the permissions listed at the
        top of this module.

        Page permissions go on the home page of each of those locales, never the
        home's own, so translators edit and publish translations but never the
        source pages; the group's languages keep its reference-data rights to the
        same locales.
        """
        group, created = Group.objects.get_or_create(name=name)
        if created:
            self.stdout.write(f"Created group {name!r}")
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in TRANSLATOR_PERMISSIONS
            ]
        )

        page_permissions = {
            codename: Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{codename}_page"
            )
            for codename in TRANSLATOR_PAGE_PERMISSIONS
        }
        locale_ids = {locale.pk for locale in locales}
        wanted = {
            (root.pk, permission.pk)
            for root in home.get_translations()
            if root.locale_id in locale_ids
            for permission in page_permissions.values()
        }
        existing = GroupPagePermission.objects.filter(group=group)
        existing.exclude(
            pk__in=[row.pk for row in existing if (row.page_id, row.permission_id) in wanted]
        ).delete()
        have = set(existing.values_list("page_id", "permission_id"))
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
            for page_id, permission_id in sorted(wanted - have)
        )

        root_collection = Collection.get_first_root_node()
        collection_permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in TRANSLATOR_COLLECTION_PERMISSIONS
        ]
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=collection_permissions
        ).delete()
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        self.ensure_locale_grants(group, locales)
        return group

    def ensure_translator(
        self,
        username: str,
        group: Group,
        password: str,
        *,
        first_name: str = "Demo",
        last_name: str = "Translator",
    ) -> None:
        """A demo user in one group only, whose password is the one printed."""
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@example.com",
                password,
                first_name=first_name,
                last_name=last_name,
            )
            self.stdout.write(f"Created user {username!r}")
        user.is_active = True
        user.is_staff = user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.set([group])
        user.user_permissions.clear()

    def build_demo_content(self) -> None:
        """Stories and meetings from ``home.demo_content``, where the example site has it."""
        if importlib.util.find_spec(DEMO_CONTENT_MODULE) is None:
            self.stdout.write(f"No {DEMO_CONTENT_MODULE} module: skipping demo content.")
            return
        module = importlib.import_module(DEMO_CONTENT_MODULE)
        module.build_demo_content(self.stdout)
