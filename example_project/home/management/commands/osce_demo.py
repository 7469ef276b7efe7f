"""Set up the example site for a demonstration: locales, home page, admin login, demo content.

Run after ``migrate``. It creates the site's locales, then runs ``osce_seed`` so the
reference data exists in every one of them before the demo content refers to it.
Running it again changes nothing that already exists apart from the admin password,
which is set to the one given so the printed login always works.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from home.models import HomePage

DEFAULT_PASSWORD = "osce-demo-admin"
ADMIN_USERNAME = "admin"
HOME_TITLE = "OSCE example"
DEMO_CONTENT_MODULE = "home.demo_content"


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation as the description.
    help = (
        "Prepare the example site: a locale per content language, the reference data in "
        "each, an 'OSCE example' home page as the root of the default site, a superuser "
        "'admin', and demo content."
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

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or os.environ.get("OSCE_DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            locales = self.ensure_locales()
            home = self.ensure_home_page()
            self.ensure_home_translations(home, locales)
            self.ensure_superuser(password)
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

    def build_demo_content(self) -> None:
        """Stories and meetings from ``home.demo_content``, where the example site has it."""
        if importlib.util.find_spec(DEMO_CONTENT_MODULE) is None:
            self.stdout.write(f"No {DEMO_CONTENT_MODULE} module: skipping demo content.")
            return
        module = importlib.import_module(DEMO_CONTENT_MODULE)
        module.build_demo_content(self.stdout)
