"""The translators' dashboard panel: per language, the pages to translate.

Wagtail 8 has no read-only page permission, and translators' groups hold page
rights only on their own languages' trees, so the page explorer never shows them
the source pages. This panel does, per language they may translate:

- pages waiting for translation: a translation was started (submitted) and its
  page is still a draft, with a link to wagtail-localize's editor;
- pages whose source changed since: the source page was published after the
  translation was prepared or last synced, with a link to the translation;
- pages not translated yet: live source pages with no translation in that
  language, with wagtail-localize's "Translate this page" link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from wagtail_osce.permissions.policy import locale_ids_for_user

#: How many pages each list shows; the rest are counted.
LIST_LIMIT = 10


@dataclass
class PageToTranslate:
    title: str
    url: str
    action: str


@dataclass
class LanguageQueue:
    locale: Locale
    waiting: list[PageToTranslate] = field(default_factory=list)
    changed: list[PageToTranslate] = field(default_factory=list)
    untranslated: list[PageToTranslate] = field(default_factory=list)
    untranslated_count: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.waiting or self.changed or self.untranslated)


def translatable_locales(user: Any) -> list[Locale]:
    """The languages other than the source one that ``user`` may edit pages in."""
    if not getattr(user, "is_active", False):
        return []
    default = Locale.get_default()
    others = Locale.objects.exclude(pk=default.pk).order_by("pk")
    if user.is_superuser:
        return list(others)
    page_locales = set(
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .values_list("locale_id", flat=True)
        .distinct()
    )
    held = page_locales | set(locale_ids_for_user(user))
    return [locale for locale in others if locale.pk in held]


def _edit_translation_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def language_queue(locale: Locale) -> LanguageQueue:
    """What there is to translate into ``locale``, from the default locale's pages."""
    from wagtail_localize.models import Translation

    queue = LanguageQueue(locale=locale)
    source_locale = Locale.get_default()
    translations = (
        Translation.objects.filter(
            target_locale=locale,
            enabled=True,
            source__locale=source_locale,
            source__specific_content_type__in=_page_content_types(),
        )
        .select_related("source")
        .order_by("-source__last_updated_at")
    )
    by_key = {str(t.source.object_id): t for t in translations}
    targets = {
        str(page.translation_key): page
        for page in Page.objects.filter(locale=locale, translation_key__in=list(by_key))
    }
    sources = {
        str(page.translation_key): page
        for page in Page.objects.filter(locale=source_locale, translation_key__in=list(by_key))
    }
    for key, translation in by_key.items():
        target, source = targets.get(key), sources.get(key)
        if target is None or source is None:
            continue
        entry = PageToTranslate(
            title=source.get_admin_display_title(),
            url=_edit_translation_url(target),
            action=str(_("Translate")),
        )
        prepared = translation.source.last_updated_at
        published = translation.destination_last_updated_at
        if not target.live:
            if len(queue.waiting) < LIST_LIMIT:
                queue.waiting.append(entry)
        elif (source.last_published_at and source.last_published_at > prepared) or (
            published is not None and prepared > published
        ):
            entry.action = str(_("Update"))
            if len(queue.changed) < LIST_LIMIT:
                queue.changed.append(entry)

    translated = Page.objects.filter(locale=locale).values("translation_key")
    untranslated = (
        Page.objects.live()
        .filter(locale=source_locale, depth__gt=1)
        .exclude(translation_key__in=translated)
        .exclude(~Q(alias_of=None))
        .order_by(F("last_published_at").desc(nulls_last=True))
    )
    queue.untranslated_count = untranslated.count()
    queue.untranslated = [
        PageToTranslate(
            title=page.get_admin_display_title(),
            url=reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            action=str(_("Start translation")),
        )
        for page in untranslated[:LIST_LIMIT]
    ]
    return queue


def _page_content_types() -> Any:
    from django.contrib.contenttypes.models import ContentType

    page_models = [
        model for model in _all_models() if issubclass(model, Page) and not model._meta.abstract
    ]
    return ContentType.objects.get_for_models(*page_models).values()


def _all_models() -> list[type]:
    from django.apps import apps

    return list(apps.get_models())


class TranslationQueuePanel(Component):
    """The dashboard panel listing, per language, the pages to translate."""

    name = "osce_translation_queue"
    order = 150
    template_name = "wagtail_osce/admin/translation_queue_panel.html"

    def __init__(self, locales: list[Locale]) -> None:
        self.locales = locales

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        queues = [language_queue(locale) for locale in self.locales]
        return {"queues": queues}
