"""Which API URLs and cache tags go stale when content changes, and purging them.

A CDN or reverse proxy in front of the API keeps responses for ``API_CACHE_MAX_AGE``
seconds. When an editor publishes, unpublishes, moves or deletes a page, or adds
or removes a view restriction, every URL the page's data is served at (its
details, the listings and navigation it appears in, its parent's and the
linking pages' details, and for a move or a restriction the pages below it) is
purged through Wagtail's frontend cache (``wagtail.contrib.frontend_cache``), so
readers see the change at once. A site without ``WAGTAILFRONTENDCACHE`` purges
nothing.

API responses also carry ``Cache-Tag`` and ``Surrogate-Key`` headers naming the
pages, snippets and listings they show (:func:`page_tag`, :func:`snippet_tag`,
:func:`listing_tag`). Wagtail's own backends purge by URL only; a backend with a
``purge_tags(tags)`` method, such as :class:`CloudflareBackend` here, is also
asked to purge the change's tags, which drops exactly the responses that showed it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.backends.cloudflare import (
    CloudflareBackend as WagtailCloudflareBackend,
)
from wagtail.models import Locale, Page, ReferenceIndex, Site

from wagtail_osce.conf import osce_settings
from wagtail_osce.registry import meeting_page_models, snippet_types, story_page_models

logger = logging.getLogger("wagtail.frontendcache")

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

#: At most this many pages below a moved or restricted page have their URLs purged one
#: by one; beyond it, their responses are dropped by tag (where the backend can) or
#: expire after ``API_CACHE_MAX_AGE``.
DESCENDANTS_LIMIT = 200

#: Carried by every response that shows page data (details, listings, search,
#: navigation); a change to reference data, which any page may show, purges it.
PAGES_TAG = "osce-pages"


def page_tag(page_id: int) -> str:
    """The tag of every response that shows the page with this id (as itself or as a link)."""
    return f"osce-page-{page_id}"


def snippet_tag(endpoint: str, object_id: int | None = None) -> str:
    """The tag of a snippet type's responses (``osce-snippet-state``), or of one row's."""
    name = "osce-snippet-" + SNIPPET_TAG_NAMES.get(endpoint, endpoint)
    return name if object_id is None else f"{name}-{object_id}"


def listing_tag(endpoint: str) -> str:
    """The tag of a listing endpoint's responses, whatever their filters (``osce-listing-stories``)."""
    return f"osce-listing-{endpoint.replace('/', '-')}"


#: Short names of the snippet endpoints in tags.
SNIPPET_TAG_NAMES: dict[str, str] = {
    "states": "state",
    "partners": "partner",
    "structures": "structure",
    "fields-of-work": "field-of-work",
    "meeting-series": "meeting-series",
    "chairpersonships": "chairpersonship",
}


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


def detail_paths(page: Page) -> list[str]:
    """The page's details by id: ``pages/{id}``, and ``stories/{id}`` or ``meetings/{id}``."""
    paths = [f"pages/{page.pk}"]
    model = page.specific_class
    if model in story_page_models():
        paths.append(f"stories/{page.pk}")
    elif model in meeting_page_models():
        paths.append(f"meetings/{page.pk}")
    return paths


def listing_endpoints(page: Page) -> list[str]:
    """The listing endpoints the page appears in: ``pages``, ``stories`` or ``meetings``, ``search``."""
    endpoints = ["pages", "search"]
    model = page.specific_class
    if model in story_page_models():
        endpoints.append("stories")
    elif model in meeting_page_models():
        endpoints.append("meetings")
    if is_index_page(page):
        endpoints.append("navigation")
    return endpoints


def page_api_paths(page: Page) -> list[str]:
    """Paths, relative to the API root, of the responses that show ``page`` and take ``locale=``.

    Its details, the page listing unfiltered and filtered by its type, the story
    or meeting listing, its parent's detail and children listing (for the
    parent's translations too), and the navigation when the page is an index.
    """
    paths = [*detail_paths(page), "pages", f"pages?{urlencode({'type': page_type_label(page)})}"]
    model = page.specific_class
    if model in story_page_models():
        paths.append("stories")
    elif model in meeting_page_models():
        paths.append("meetings")
    for parent_id in _parent_ids(page):
        paths += [f"pages/{parent_id}", f"pages?child_of={parent_id}"]
    if is_index_page(page):
        paths.append("navigation")
    return paths


def linking_pages(page: Page) -> list[Page]:
    """Pages whose content links to ``page`` (Wagtail's reference index): their details show it."""
    references = ReferenceIndex.get_references_to(page).filter(
        base_content_type_id=ReferenceIndex._get_base_content_type(Page)
    )
    ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    ids.discard(page.pk)
    return list(Page.objects.filter(pk__in=ids).order_by("pk"))


def descendants_of(page: Page) -> list[Page]:
    """Pages below ``page`` (at most :data:`DESCENDANTS_LIMIT`), whose visibility follows it."""
    below = list(page.get_descendants().order_by("path")[: DESCENDANTS_LIMIT + 1])
    if len(below) > DESCENDANTS_LIMIT:
        logger.warning(
            "Purging the URLs of the first %d pages below page %s only; the rest are "
            "purged by tag where the frontend cache can, else they expire.",
            DESCENDANTS_LIMIT,
            page.pk,
        )
    return below[:DESCENDANTS_LIMIT]


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


def api_urls_for_page(page: Page, *, descendants: bool = False) -> list[str]:
    """Absolute URLs of the API responses that change when ``page`` changes.

    Its own responses (:func:`page_api_paths`, ``pages/find``), the details of the
    pages linking to it and, with ``descendants`` (a move or a view restriction),
    the details and ``pages/find`` URLs of the pages below it. Each path as is and
    with ``?locale=`` for every locale whose responses show the page;
    ``pages/find`` URLs carry the locale in the path instead.
    """
    languages = affected_languages(page)
    base_url = api_base_url(page)
    urls = dict.fromkeys(absolute_api_urls(page_api_paths(page), base_url, languages))
    urls.update(dict.fromkeys(absolute_api_urls(page_find_paths(page, languages), base_url)))
    for linking in linking_pages(page):
        linking_languages = affected_languages(linking)
        urls.update(
            dict.fromkeys(absolute_api_urls(detail_paths(linking), base_url, linking_languages))
        )
    if descendants:
        for below in descendants_of(page):
            below_languages = affected_languages(below)
            urls.update(
                dict.fromkeys(absolute_api_urls(detail_paths(below), base_url, below_languages))
            )
            urls.update(
                dict.fromkeys(absolute_api_urls(page_find_paths(below, below_languages), base_url))
            )
    return list(urls)


def tags_for_page(page: Page, *, descendants: bool = False) -> list[str]:
    """Cache tags of the responses that change when ``page`` changes.

    The page's own tag (every response showing it, as itself or as a link
    block, carries it), its listings', the linking pages' own tags; with ``descendants``, the tags of every page
    below it (not limited: one tag purge per page is cheap).
    """
    tags = [page_tag(page.pk), *(listing_tag(endpoint) for endpoint in listing_endpoints(page))]
    # A rich-text link names no page in the response: the linking pages' own tags do.
    tags += [page_tag(linking.pk) for linking in linking_pages(page)]
    if descendants:
        ids = page.get_descendants().values_list("pk", flat=True)
        tags += [page_tag(pk) for pk in ids]
    return tags


def tags_for_snippet(instance: models.Model) -> list[str]:
    """Cache tags of the responses that change with a reference snippet.

    Its own row's, its endpoint's listings' and the navigation's, and
    :data:`PAGES_TAG`: page details and listings may show any snippet.
    """
    endpoint = endpoint_of(instance)
    if endpoint is None:
        return []
    listings, _detail = snippet_paths().get(instance._meta.model_name, ((), None))
    return [
        snippet_tag(endpoint, instance.pk),
        *(listing_tag(listing) for listing in listings),
        listing_tag("navigation"),
        PAGES_TAG,
    ]


def tags_for_reference_data() -> list[str]:
    """Cache tags of every response that shows reference data (after a bulk load)."""
    tags = [snippet_tag(endpoint) for endpoint in SNIPPET_TAG_NAMES]
    tags += [
        listing_tag(path) for listings, _detail in snippet_paths().values() for path in listings
    ]
    return [*tags, listing_tag("navigation"), PAGES_TAG]


def endpoint_of(instance: models.Model) -> str | None:
    """The API endpoint that serves a reference snippet's type (``states``)."""
    listings, _detail = snippet_paths().get(instance._meta.model_name, ((), None))
    return listings[0] if listings else None


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
    """Purge every reference-data listing, the navigation, and their tags; a no-op without a
    frontend cache."""
    if frontend_cache_configured():
        purge_urls(api_urls_for_reference_data())
        purge_tags(tags_for_reference_data())


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


def purge_tags(tags: Iterable[str]) -> None:
    """Purge responses by cache tag through every configured backend that can (``purge_tags``).

    Wagtail's own backends purge by URL only, so they are skipped; a failure is
    logged, never raised (the URLs are purged anyway).
    """
    tags = list(dict.fromkeys(tags))
    if not tags or not frontend_cache_configured():
        return
    from wagtail.contrib.frontend_cache.utils import get_backends

    for name, backend in get_backends().items():
        purge = getattr(backend, "purge_tags", None)
        if purge is None:
            continue
        try:
            purge(tags)
        except Exception:
            logger.exception("Could not purge %d cache tags through %s", len(tags), name)


class CloudflareBackend(WagtailCloudflareBackend):
    """Wagtail's Cloudflare backend, which also purges by cache tag (Cloudflare's ``tags``).

    Use it in ``WAGTAILFRONTENDCACHE`` in place of Wagtail's, with the same options;
    Cloudflare reads the ``Cache-Tag`` header the API sends. Purging by tag needs a
    Cloudflare plan that offers it; a refused request is logged.
    """

    TAGS_CHUNK_SIZE = 30

    def purge_tags(self, tags: Sequence[str]) -> None:
        """Purge every cached response carrying any of ``tags``."""
        import requests

        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        for start in range(0, len(tags), self.TAGS_CHUNK_SIZE):
            chunk = list(tags[start : start + self.TAGS_CHUNK_SIZE])
            response = requests.post(
                self.cloudflare_purge_endpoint_url,
                json={"tags": chunk},
                headers=headers,
                timeout=30,
            )
            try:
                success = response.json().get("success", False)
            except ValueError:
                success = False
            if not success:
                logger.error(
                    "Couldn't purge cache tags %s from Cloudflare: HTTP %d %s",
                    chunk,
                    response.status_code,
                    response.text[:200],
                )
