"""The API's language headers: ``Content-Language`` says what is served; nothing varies on
``Accept-Language``.

The language of a response is chosen by its ``locale`` parameter alone, never by
``Accept-Language``: a URL names one response, so a CDN keeps one copy of it.
Django's ``LocaleMiddleware`` nevertheless adds ``Vary: Accept-Language`` to
every response (which would split shared caches by each reader's browser
languages) and sets ``Content-Language`` to the language active for the reader.
Here, an API response gets ``Content-Language`` from what it actually holds
(the page's language for a detail; for a listing, the requested language and
any language it fell back to, such as ``fr, en``), and its headers refuse
``Accept-Language`` in ``Vary`` whatever middleware runs after the view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.http.response import ResponseHeaders
from pydantic import BaseModel
from wagtail.coreutils import get_supported_content_language_variant

IGNORED_VARY = "accept-language"
_REQUESTED_ATTR = "_wagtail_osce_requested_language"


class _HeadersWithoutAcceptLanguage(ResponseHeaders):
    """Response headers whose ``Vary`` never names ``Accept-Language``."""

    def __setitem__(self, key: str, value: Any) -> None:
        if key.lower() == "vary":
            kept = [
                part.strip()
                for part in str(value).split(",")
                if part.strip().lower() != IGNORED_VARY
            ]
            if not kept:
                self.pop(key, None)
                return
            value = ", ".join(kept)
        super().__setitem__(key, value)


def ignore_accept_language(response: HttpResponseBase) -> HttpResponseBase:
    """Drop ``Accept-Language`` from ``Vary`` now and whenever a middleware adds it later."""
    headers = response.headers
    if not isinstance(headers, _HeadersWithoutAcceptLanguage):
        headers.__class__ = _HeadersWithoutAcceptLanguage
        if "Vary" in headers:
            headers["Vary"] = headers["Vary"]
    return response


def settle_language_headers(response: HttpResponseBase) -> HttpResponseBase:
    """The headers of every API response: no ``Vary: Accept-Language``, and a ``Content-Language``.

    A response that holds no translatable content (an error, the OpenAPI
    document, a redirect) is in the site's default language, never in the
    reader's, which ``LocaleMiddleware`` would otherwise name.
    """
    if not response.has_header("Content-Language"):
        response["Content-Language"] = default_language_code()
    return ignore_accept_language(response)


def default_language_code() -> str:
    """``LANGUAGE_CODE`` as the content language Wagtail serves for it (``en-us`` -> ``en``)."""
    try:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def note_requested_language(request: HttpRequest, code: str) -> None:
    """Remember the language a request asked for: an empty listing is still in it."""
    setattr(request, _REQUESTED_ATTR, code)


def served_languages(data: Any, request: HttpRequest | None = None) -> list[str]:
    """The languages of the content in a response body (an object or a listing of objects).

    Each translatable object carries its ``locale``; the requested language comes
    first, then each language fallen back to in order of appearance.
    """
    results = _get(data, "results")
    items: Iterable[Any] = results if isinstance(results, list) else [data]
    found: dict[str, None] = {}
    requested = getattr(request, _REQUESTED_ATTR, None) if request is not None else None
    for item in items:
        locale = _get(item, "locale")
        if isinstance(locale, str):
            asked = _get(item, "requested_locale")
            if requested is None and isinstance(asked, str):
                requested = asked
            found[locale] = None
    if requested is not None and (requested in found or not found):
        return [requested, *(code for code in found if code != requested)]
    return list(found)


def _get(obj: Any, name: str) -> Any:
    """A field of a response body as ninja hands it over: a dict, or a model."""
    if isinstance(obj, dict):
        return obj.get(name)
    if isinstance(obj, BaseModel):
        return getattr(obj, name, None)
    return None


def set_content_language(response: HttpResponseBase, codes: Iterable[str]) -> None:
    """``Content-Language: fr, en``: the languages served, when a response holds any."""
    codes = list(dict.fromkeys(codes))
    if codes:
        response["Content-Language"] = ", ".join(codes)
