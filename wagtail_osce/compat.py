"""The one place the package relies on Wagtail behaviour that has no public API.

Each use is a single function here, and ``tests/test_compat.py`` fails loudly
when a Wagtail release changes what it relies on.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import ReferenceIndex

from wagtail_osce.visibility import SITE_ROOT_PATHS_ATTR, site_for_request


def share_site_root_paths(page: Any, root_paths: list[Any]) -> None:
    """Let ``page`` reuse site root paths already read, so its URL costs no query.

    Without a request Wagtail reads the site root paths once per page; a stream
    linking to many pages reads them once and hands them to each page here.
    """
    if not hasattr(page, SITE_ROOT_PATHS_ATTR):
        setattr(page, SITE_ROOT_PATHS_ATTR, root_paths)


def reference_index_entries(model: type[models.Model], rows: list[models.Model]) -> list[Any]:
    """Unsaved reference index entries for new ``rows``, to insert in one batch.

    Wagtail only indexes one object at a time (two queries each); its private
    helpers give the same entries for many rows without a query per row.
    """
    content_types = [
        ContentType.objects.get_for_model(klass, for_concrete_model=False)
        for klass in [model, *model._meta.get_parent_list()]
    ]
    return [
        ReferenceIndex(
            content_type=content_types[0],
            base_content_type=content_types[-1],
            object_id=row.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for row in rows
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(row)
        )
    ]


#: The methods that decide a page's URL; a page type overriding any keeps Wagtail's own path.
_URL_METHODS = (
    "get_url",
    "get_url_parts",
    "relative_url",
    "_get_site_root_paths",
    "_get_relevant_site_root_paths",
)
_SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")
_PLACEHOLDER = "osce-page-path/"
_PROBE = "osce-probe/été-1/"


def page_url(page: Any, request: HttpRequest) -> str | None:
    """``page.get_url(request=request)``, without a ``reverse()`` per page.

    ``Page.get_url_parts`` reverses ``wagtail_serve`` for every page (under the page's
    language). The result is the reversed path of a placeholder with the page's path,
    quoted as ``reverse`` quotes it, in its place; the placeholder's path is reversed
    once per language, script prefix and URLconf. Any case off that path (a page type
    with its own URL methods, a page under several sites, a path or URLconf the default
    serve pattern does not cover) goes through Wagtail's ``get_url``.
    """
    if not isinstance(request, HttpRequest) or not _wagtails_url_methods(type(page)):
        return page.get_url(request=request)
    root_paths = page._get_site_root_paths(request)
    possible = [srp for srp in root_paths if page.url_path.startswith(srp.root_path)]
    if not possible:
        return None
    if len({srp[0] for srp in possible}) > 1:
        return page.get_url(request=request)
    site_id, root_path, root_url, language_code = possible[0]
    i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    if i18n:
        active = translation.get_language()
        try:
            if get_supported_content_language_variant(active) == language_code:
                language_code = active
        except LookupError:
            pass
    path = page.url_path[len(root_path) :]
    # The resolver, not the URLconf's name: Django makes a new one when ROOT_URLCONF changes.
    resolver = get_resolver(get_urlconf())
    template = _serve_template(language_code if i18n else None, resolver, get_script_prefix())
    if template is None or not _SERVE_PATH.fullmatch(path):
        return page.get_url(request=request)
    page_path = template.replace(_PLACEHOLDER, quote(path, safe=RFC3986_SUBDELIMS + "/~:@"))
    site = site_for_request(request)
    if (site is not None and site_id == site.id) or len({srp[0] for srp in root_paths}) == 1:
        return page_path
    return root_url + page_path


@lru_cache(maxsize=256)
def _wagtails_url_methods(model: type) -> bool:
    """Whether a page type decides its URL with Wagtail's own methods."""
    from wagtail.models import Page

    return all(getattr(model, name) is getattr(Page, name) for name in _URL_METHODS)


@lru_cache(maxsize=64)
def _serve_template(language_code: str | None, resolver: Any, script_prefix: str) -> str | None:
    """``wagtail_serve`` reversed for the placeholder path, or None if that is not exact.

    A probe path with a hyphen, a digit and an accented letter must come out of
    ``reverse`` as the template gives it, else the URLconf serves pages some other way.
    """
    from wagtail.coreutils import WAGTAIL_APPEND_SLASH

    if not WAGTAIL_APPEND_SLASH:
        return None
    try:
        with translation.override(language_code) if language_code else nullcontext():
            urlconf = resolver.urlconf_name
            template = reverse("wagtail_serve", args=(_PLACEHOLDER,), urlconf=urlconf)
            probe = reverse("wagtail_serve", args=(_PROBE,), urlconf=urlconf)
    except NoReverseMatch:
        return None
    if _PLACEHOLDER not in template:
        return None
    expected = template.replace(_PLACEHOLDER, quote(_PROBE, safe=RFC3986_SUBDELIMS + "/~:@"))
    return template if probe == expected else None
