"""Which API URLs go stale when content changes, and purging them from the frontend cache.

A CDN or reverse proxy in front of the API keeps responses for ``API_CACHE_MAX_AGE``
seconds. When an editor publishes or unpublishes a page, the page's own API
responses and every listing it appears in are purged through Wagtail's frontend
cache (``wagtail.contrib.frontend_cache``), so readers see the change at once.
A site without ``WAGTAILFRONTENDCACHE`` purges nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from wagtail.models import Locale, Page, Site

from wagtail_osce.conf import osce_settings
from wagtail_osce.registry import meeting_page_models, snippet_types, story_page_models

#: The URL namespace the package's API is mounted under.
API_NAMESPACE = "wagtail_osce_api"

#: Page types that list other pages; publishing one may change the navigation. Matched
#: by the ``model_name`` of the type or of any model it inherits from, so a site's
#: own subclasses count too.
INDEX_PAGE_MODELS: frozenset[str] = frozenset(
    {"storyindexpagemixin", "meetingindexpagemixin", "storyindexpage", "meetingindexpage"}
)

#: Listings beside a snippet endpoint's own that show its rows, by endpoint.
EXTRA_LISTINGS: dict[str, tuple[str, ...]] = {
    "structures": ("structures/tree",),
    "chairpersonships": ("chairpersonships/current",),
}

#: Endpoints whose rows have no detail by slug.
NO_DETAIL: frozenset[str] = frozenset({"chairpersonships"})


def snippet_paths() -> dict[str, tuple[tuple[str, ...], str | None]]:
    """API paths of each reference snippet type, by ``model_name``: its listings, and the
    detail path pattern (filled with the object's ``slug``) where it has one."""
    return {
        kind.label.split(".")[1].lower(): (
            (kind.endpoint, *EXTRA_LISTINGS.get(kind.endpoint, ())),
            None if kind.endpoint in NO_DETAIL else f"{kind.endpoint}/{{slug}}",
        )
        for kind in snippet_types()
    }


def frontend_cache_configured() -> bool:
    """Whether the site has a frontend cache to purge; without one, purging is skipped."""
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def api_root_path() -> str | None:
    """The path the API is mounted at (``/api/osce/``), or None when the site does not mount it."""
    try:
        return reverse(f"{API_NAMESPACE}:api-root")
    except NoReverseMatch:
        return None


def api_base_url(page: Page | None = None) -> str:
    """Scheme and host the API is served from.

    ``WAGTAIL_OSCE["API_BASE_URL"]`` (or Wagtail's ``WAGTAILAPI_BASE_URL``) wins, for
    headless sites whose API host differs from the site's hostname; otherwise the root
    URL of the page's site, then of the default site.
    """
    configured = getattr(osce_settings, "API_BASE_URL", None) or getattr(
        settings, "WAGTAILAPI_BASE_URL", None
    )
    if configured:
        parts = urlsplit(str(configured))
        return f"{parts.scheme}://{parts.netloc}"
    site = page.get_site() if page is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return str(getattr(settings, "WAGTAILADMIN_BASE_URL", "http://localhost")).rstrip("/")


def all_api_base_urls() -> list[str]:
    """Every host the API answers on: the configured one, else each site's root URL.

    Snippet responses are the same on every site, so a CDN may hold a copy per host.
    """
    if getattr(osce_settings, "API_BASE_URL", None) or getattr(
        settings, "WAGTAILAPI_BASE_URL", None
    ):
        return [api_base_url()]
    roots = dict.fromkeys(site.root_url for site in Site.objects.order_by("-is_default_site", "pk"))
    return list(roots) or [api_base_url()]


def _model_names(model: type[models.Model]) -> list[str]:
    return [
        klass._meta.model_name
        for klass in model.__mro__
        if issubclass(klass, models.Model) and hasattr(klass, "_meta")
    ]


def page_type_label(page: Page) -> str:
    """``app_label.ModelName``, as the API's ``type`` filter and Wagtail's API spell it."""
    model = page.specific_class or type(page)
    return f"{model._meta.app_label}.{model.__name__}"


def is_index_page(page: Page) -> bool:
    """Whether the page is a story or meeting index (or a subclass of one)."""
    return bool(INDEX_PAGE_MODELS.intersection(_model_names(page.specific_class or type(page))))


def _parent_ids(page: Page) -> list[int]:
    """The parent and its translations: ``child_of`` lists children of a page's translations too."""
    if not page.depth or page.depth <= 2:
        return []
    parent = page.get_parent()
    if parent is None:
        return []
    translations = Page.objects.filter(translation_key=parent.translation_key).exclude(pk=parent.pk)
    return [parent.pk, *translations.order_by("pk").values_list("pk", flat=True)]


def page_api_paths(page: Page) -> list[str]:
    """Paths, relative to the API root, of the responses that show ``page`` and take ``locale=``.

    Its detail, the page listing unfiltered and filtered by its type, its parent's
    detail and children listing (for the parent's translations too), and the
    navigation when the page is an index.
    """
    paths = [f"pages/{page.pk}", "pages", f"pages?{urlencode({'type': page_type_label(page)})}"]
    model = page.specific_class
    if model in story_page_models():
        paths += [f"stories/{page.pk}", "stories"]
    elif model in meeting_page_models():
        paths += [f"meetings/{page.pk}", "meetings"]
    for parent_id in _parent_ids(page):
        paths += [f"pages/{parent_id}", f"pages?child_of={parent_id}"]
    if is_index_page(page):
        paths.append("navigation")
    return paths


def page_find_paths(page: Page, language_codes: Sequence[str]) -> list[str]:
    """``pages/find?html_path=`` paths that return ``page``.

    Its own path, and the same path under each other language prefix in
    ``language_codes``, which falls back to it while no translation exists. Both
    the encoded (``%2F``) and the plain spelling of the path are listed, since a
    cache keys on the query string as the client sent it.
    """
    parts = page.get_url_parts()
    if parts is None:
        return []
    own_path = parts[2]
    own_code = page.locale.language_code if page.locale_id else None
    bare = own_path
    if own_code and own_path.startswith(f"/{own_code}/"):
        bare = own_path[len(own_code) + 1 :]
    html_paths = [own_path, *(f"/{code}{bare}" for code in language_codes if code != own_code)]
    paths: dict[str, None] = {}
    for html_path in html_paths:
        paths[f"pages/find?{urlencode({'html_path': html_path})}"] = None
        paths[f"pages/find?html_path={html_path}"] = None
    return list(paths)


def snippet_api_paths(instance: models.Model, previous_slug: str | None = None) -> list[str]:
    """Paths, relative to the API root, of every response that shows a reference snippet.

    ``previous_slug`` is the slug before this save, whose detail URL now answers 404.
    """
    model_name = instance._meta.model_name
    listings, detail = snippet_paths().get(model_name, ((), None))
    paths: list[str] = []
    if detail:
        slugs = dict.fromkeys(s for s in (getattr(instance, "slug", None), previous_slug) if s)
        paths += [detail.format(slug=slug) for slug in slugs]
    paths += listings
    if model_name in snippet_paths():
        paths.append("navigation")
    return paths


def snippet_detail_path(instance: models.Model) -> str | None:
    """The snippet's own API path (its listing when it has no detail endpoint)."""
    listings, detail = snippet_paths().get(instance._meta.model_name, ((), None))
    if detail and getattr(instance, "slug", None):
        return detail.format(slug=instance.slug)
    return listings[0] if listings else None


def _with_locales(path: str, language_codes: Sequence[str]) -> list[str]:
    separator = "&" if "?" in path else "?"
    return [path, *(f"{path}{separator}locale={code}" for code in language_codes)]


def absolute_api_urls(
    paths: Iterable[str], base_url: str, language_codes: Sequence[str] = ()
) -> list[str]:
    """Absolute URLs for API ``paths``, as is and with each ``?locale=``; empty if unmounted."""
    root = api_root_path()
    if root is None:
        return []
    prefix = base_url.rstrip("/") + "/" + root.strip("/") + "/"
    urls: dict[str, None] = {}
    for path in paths:
        for variant in _with_locales(path, language_codes):
            urls[prefix + variant] = None
    return list(urls)


def affected_languages(instance: models.Model) -> list[str]:
    """The ``locale=`` values whose responses show ``instance``.

    Its own locale; and, for content in the default locale, every locale, since
    the API falls back to the default for what is not translated yet.
    """
    locale_id = getattr(instance, "locale_id", None)
    if not locale_id:
        return []
    own = instance.locale.language_code
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return [own]
    if default.pk != locale_id:
        return [own]
    others = Locale.objects.exclude(pk=locale_id).order_by("pk")
    return [own, *others.values_list("language_code", flat=True)]


def api_urls_for_page(page: Page) -> list[str]:
    """Absolute URLs of the API responses that change when ``page`` is published or unpublished.

    Each path as is and with ``?locale=`` for every locale whose responses show the
    page; ``pages/find`` URLs carry the locale in the path instead.
    """
    languages = affected_languages(page)
    base_url = api_base_url(page)
    urls = absolute_api_urls(page_api_paths(page), base_url, languages)
    return urls + absolute_api_urls(page_find_paths(page, languages), base_url)


def api_urls_for_snippet(instance: models.Model, previous_slug: str | None = None) -> list[str]:
    """Absolute URLs of the API responses that change when a reference snippet changes."""
    paths = snippet_api_paths(instance, previous_slug)
    languages = affected_languages(instance)
    urls: dict[str, None] = {}
    for base_url in all_api_base_urls():
        urls.update(dict.fromkeys(absolute_api_urls(paths, base_url, languages)))
    return list(urls)


def api_urls_for_reference_data() -> list[str]:
    """Every reference-data listing and the navigation, in every locale, on every host.

    For bulk loads (``osce_seed``) that write rows without model signals.
    """
    paths = [path for listings, _detail in snippet_paths().values() for path in listings]
    paths.append("navigation")
    languages = list(Locale.objects.order_by("pk").values_list("language_code", flat=True))
    urls: dict[str, None] = {}
    for base_url in all_api_base_urls():
        urls.update(dict.fromkeys(absolute_api_urls(paths, base_url, languages)))
    return list(urls)


def purge_reference_data() -> None:
    """Purge every reference-data listing and the navigation; a no-op without a frontend cache."""
    if frontend_cache_configured():
        purge_urls(api_urls_for_reference_data())


def api_url_for_snippet(instance: models.Model) -> str | None:
    """The snippet's own API URL, for webhook payloads."""
    path = snippet_detail_path(instance)
    urls = absolute_api_urls([path], api_base_url()) if path else []
    return urls[0] if urls else None


def api_detail_url(page: Page) -> str | None:
    """The page's own API URL, for webhook payloads; None when the site does not mount the API."""
    urls = absolute_api_urls([f"pages/{page.pk}"], api_base_url(page))
    return urls[0] if urls else None


def purge_urls(urls: Iterable[str]) -> None:
    """Purge ``urls`` through Wagtail's frontend cache (its own background task); no-op without one."""
    urls = list(urls)
    if not urls or not frontend_cache_configured():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    PurgeBatch(urls).purge()
