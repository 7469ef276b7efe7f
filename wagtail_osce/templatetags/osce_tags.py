"""Site furniture for templates: the main menus, the language switcher, ``hreflang``
alternates, breadcrumbs, a skip link and story teasers.

A site that keeps its own base template loads these tags there::

    {% load osce_tags %}
    <head>… {% osce_hreflang %} …</head>
    <body>{% osce_skip_link %} <header>{% osce_menus %} {% osce_language_switcher %}</header>
          {% osce_breadcrumbs %} <main id="main">…</main></body>

The menus are built from the reference snippets in the active language, falling
back row by row to the default language, in a fixed number of queries, and kept
on the request so a second ``{% osce_menus %}`` (a footer, say) costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models

from wagtail_osce.locales import LocaleContext, UnknownLocale, resolve_locale
from wagtail_osce.pages.mixins import MeetingIndexPageMixin, StoryIndexPageMixin, StoryPageMixin
from wagtail_osce.snippets.navigation import MenuEntry, build_menu
from wagtail_osce.visibility import (
    content_visibility_q,
    page_model,
    site_for_request,
    visible_children,
    visible_pages,
)

register = template.Library()

M = TypeVar("M", bound=Model)

#: How many other stories the story page offers to read next.
TEASER_COUNT = 3
#: The teaser image: the rendition ``story_teaser.html`` asks for.
TEASER_RENDITION = "fill-480x270"


# -- Data -------------------------------------------------------------------------------------


@dataclass
class MenuLink:
    """One entry: a label, where it leads (if anywhere) and its own sub-entries."""

    label: str
    url: str | None = None
    #: The language of the label when it is the default language's: no translation yet.
    lang: str | None = None
    children: list[MenuLink] = field(default_factory=list)


@dataclass
class MenuGroup:
    """A labelled list inside a menu, such as "Participating States"."""

    key: str
    label: str | None
    links: list[MenuLink]


@dataclass
class MenuSection:
    """A top-level menu: a disclosure button and the groups it reveals."""

    key: str
    label: str
    groups: list[MenuGroup]
    #: Where "all of them" lives, such as the story index for fields of work.
    url: str | None = None
    url_label: str | None = None


@dataclass
class LanguageLink:
    """One language of the switcher: the page in that language, or that language's home."""

    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool


def _languages() -> tuple[str, str]:
    """The active content language and the default one."""
    active = get_supported_content_language_variant(translation.get_language() or "")
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return active, default


def _per_request(request: HttpRequest | None, key: str, build: Callable[[], Any]) -> Any:
    """``build()``, computed once per request and language."""
    if request is None:
        return build()
    store = request.__dict__.setdefault("_wagtail_osce_tags", {})
    key = f"{key}:{translation.get_language()}"
    if key not in store:
        store[key] = build()
    return store[key]


def _menu_context() -> LocaleContext:
    """The locale of the active language (else the default one), for the menus."""
    try:
        return resolve_locale(None, translation.get_language())
    except UnknownLocale:
        return resolve_locale(None, None)


def _site(request: HttpRequest | None) -> Site | None:
    if request is None:
        return None
    return site_for_request(request)


def _site_root_paths(site: Site | None) -> list[str]:
    """The url_paths of the site's home page in each of its languages."""
    return [
        root.root_path
        for root in Site.get_site_root_paths()
        if site is None or root.site_id == site.pk
    ]


def _on_site(page: Page, roots: list[str]) -> bool:
    return any(page.url_path.startswith(root) for root in roots)


def _visible(request: HttpRequest | None) -> QuerySet:
    """Pages a visitor of the request's site may see (of any site without a request)."""
    if request is not None:
        return visible_pages(request)
    return page_model().objects.filter(content_visibility_q())


def _models_with(mixin: type) -> list[type[Page]]:
    return [model for model in get_page_models() if issubclass(model, mixin)]


def index_pages(request: HttpRequest | None) -> dict[str, Page]:
    """The site's first story index and meeting index, in the active language if it has
    them, else the default language's: one query."""
    active, default = _languages()
    story_models = _models_with(StoryIndexPageMixin)
    meeting_models = _models_with(MeetingIndexPageMixin)
    if not story_models and not meeting_models:
        return {}
    candidates = (
        _visible(request)
        .type(*story_models, *meeting_models)
        .filter(locale__language_code__in={active, default})
        .select_related("locale")
        .order_by("path")
    )
    story_types = {
        content_type.pk
        for content_type in ContentType.objects.get_for_models(*story_models).values()
    }
    found: dict[str, Page] = {}
    for language in (active, default):
        for page in candidates:
            if page.locale.language_code != language:
                continue
            kind = "stories" if page.content_type_id in story_types else "meetings"
            found.setdefault(kind, page)
    return found


def _listing_url(
    index: Page | None, request: HttpRequest | None, param: str, value: str
) -> str | None:
    if index is None:
        return None
    url = index.get_url(request)
    return f"{url}?{param}={value}" if url else None


#: Keys of the unlabelled groups of entries in each menu, in order.
UNNAMED_GROUPS = {
    "fields-of-work": ["fields-of-work"],
    "meetings": ["meeting-series"],
    "structures": ["governance", "assembly-and-court"],
}


def build_menus(request: HttpRequest | None) -> list[MenuSection]:
    """The four menus of osce.org's header, from the same builder as the API's navigation,
    each entry linking to the story or meeting index filtered by it."""
    ctx = _menu_context()
    indexes = index_pages(request)
    stories, meetings = indexes.get("stories"), indexes.get("meetings")
    targets = {
        "field_of_work": (stories, "field", lambda row: row.slug),
        "meeting_series": (meetings, "series", lambda row: row.slug),
        "state": (stories, "country", lambda row: row.iso_code.lower()),
        "structure": (stories, "source", lambda row: row.slug),
    }

    def link(entry: MenuEntry) -> MenuLink:
        row = entry.row
        url = None
        if entry.kind in targets:
            index, param, value = targets[entry.kind]
            url = _listing_url(index, request, param, value(row))
        return MenuLink(
            label=entry.label,
            url=url,
            lang=ctx.code_for(row.locale_id) if row.locale_id != ctx.requested.pk else None,
            children=[link(child) for child in entry.children],
        )

    def groups(section: Any) -> list[MenuGroup]:
        unnamed = iter(UNNAMED_GROUPS.get(section.key, []))
        result: list[MenuGroup] = []
        for entry in section.entries:
            if entry.kind == "group":
                if entry.children:
                    result.append(
                        MenuGroup(
                            entry.key.removeprefix("group:"),
                            entry.label,
                            [link(child) for child in entry.children],
                        )
                    )
            elif result and result[-1].label is None:
                result[-1].links.append(link(entry))
            else:
                key = next(unnamed, f"{section.key}-{len(result)}")
                result.append(MenuGroup(key, None, [link(entry)]))
        return result

    all_links = {
        "fields-of-work": (stories, _("All stories")),
        "meetings": (meetings, _("All meetings and conferences")),
    }
    sections = []
    with translation.override(ctx.code):
        for section in build_menu(ctx):
            index, label = all_links.get(section.key, (None, None))
            sections.append(
                MenuSection(
                    section.key,
                    section.label,
                    groups(section),
                    url=index.get_url(request) if index else None,
                    url_label=str(label) if label else None,
                )
            )
    return sections


def language_links(request: HttpRequest | None, page: Page | None) -> list[LanguageLink]:
    """Every language of the site: the page's live, public translation where there is one,
    else that language's home page. The current language first keeps its place."""
    site = _site(request)
    roots = _site_root_paths(site)
    current = page.locale.language_code if page is not None else _languages()[0]
    urls: dict[str, tuple[str, bool]] = {}
    if page is not None:
        for translated in translations_of(page, request):
            url = translated.get_url(request)
            if url:
                urls[translated.locale.language_code] = (url, True)
    if site is not None:
        homes = (
            _visible(request)
            .filter(translation_key=site.root_page.translation_key, url_path__in=roots)
            .select_related("locale")
        )
        for home in homes:
            url = home.get_url(request)
            if url:
                urls.setdefault(home.locale.language_code, (url, False))
    links = []
    for code, _name in get_content_languages().items():
        if code not in urls:
            continue
        url, is_translation = urls[code]
        info = translation.get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                url=url,
                is_current=code == current,
                is_translation=is_translation,
            )
        )
    return links if len(links) > 1 else []


def translations_of(page: Page, request: HttpRequest | None) -> list[Page]:
    """The page and its translations that a visitor of this site may open (once per request:
    the switcher and the ``hreflang`` links share them)."""

    def build() -> list[Page]:
        return list(
            _visible(request)
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .order_by("locale_id")
        )

    return _per_request(request, f"translations:{page.pk}", build)


def more_stories(story: Page, count: int = TEASER_COUNT) -> list[Page]:
    """The latest other stories of the same index that visitors may see, for the story's
    "discover more stories" teasers."""
    parent = story.get_parent() if story.pk else None
    if parent is None:
        return []
    queryset = (
        visible_children(parent, type(story))
        .exclude(pk=story.pk)
        .prefetch_related(
            Prefetch(
                "hero_image",
                queryset=get_image_model().objects.prefetch_renditions(TEASER_RENDITION),
            )
        )
        .order_by("-date", "-pk")
    )
    return list(queryset[:count])


# -- Tags ---------------------------------------------------------------------------------------


def _page(context: template.Context) -> Page | None:
    page = context.get("page") or context.get("self")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("wagtail_osce/includes/menus.html", takes_context=True)
def osce_menus(context: template.Context) -> dict[str, Any]:
    """The main menus as disclosure buttons (``<details>``): no script needed."""
    request = context.get("request")
    return {
        "request": request,
        "sections": _per_request(request, "menus", lambda: build_menus(request)),
    }


@register.inclusion_tag("wagtail_osce/includes/language_switcher.html", takes_context=True)
def osce_language_switcher(context: template.Context) -> dict[str, Any]:
    """Links to this page in the site's other languages (their home where it is not translated)."""
    request = context.get("request")
    page = _page(context)
    return {"languages": language_links(request, page)}


@register.simple_tag(takes_context=True)
def osce_hreflang(context: template.Context) -> SafeString:
    """``<link rel="alternate" hreflang>`` for each live, public translation of the page."""
    request = context.get("request")
    page = _page(context)
    if page is None or not page.pk:
        return SafeString("")
    translations = translations_of(page, request)
    if len(translations) < 2:
        return SafeString("")
    default = _languages()[1]
    tags = []
    for translated in translations:
        url = translated.get_full_url(request)
        if not url:
            continue
        tags.append(_alternate(translated.locale.language_code, url))
        if translated.locale.language_code == default:
            tags.append(_alternate("x-default", url))
    return SafeString("\n".join(tags))


def _alternate(code: str, url: str) -> str:
    return format_html('<link rel="alternate" hreflang="{}" href="{}">', code, url)


@register.inclusion_tag("wagtail_osce/includes/breadcrumbs.html", takes_context=True)
def osce_breadcrumbs(context: template.Context) -> dict[str, Any]:
    """The trail from the home page to this page; nothing on the home page itself."""
    page = _page(context)
    ancestors: Iterable[Page] = []
    if page is not None and page.pk and page.depth > 2:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"request": context.get("request"), "page": page, "ancestors": list(ancestors)}


@register.simple_tag
def osce_skip_link(target: str = "main") -> SafeString:
    """A "Skip to main content" link, the first thing a keyboard reaches."""
    return format_html(
        '<a class="osce-skip-link" href="#{}">{}</a>', target, _("Skip to main content")
    )


@register.simple_tag
def osce_more_stories(story: Page, count: int = TEASER_COUNT) -> list[Page]:
    """Other stories to read next; see :func:`more_stories`."""
    if not isinstance(story, StoryPageMixin):
        return []
    return more_stories(story, count)
