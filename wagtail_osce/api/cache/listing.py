"""Cached listings: a listing endpoint's response kept under the same stamp as a detail.

A listing (stories, meetings, pages, the navigation, search) is built from many
pages, images and snippets, and only changes when one of them does, or when the
clock passes a ``go_live_at`` or ``expire_at``. :func:`cached_listing` wraps an
endpoint so that, after django-ninja has validated its parameters (bad input is
still a 400), a response built for the same parameters, host and content version
is served again at the cost of reading the content version, and a response built
is stored for the next request (which ``api/urls.py`` then answers before the
parameters are parsed again); see :mod:`wagtail_osce.api.cache.responses` for the
stamp that guards it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

from wagtail_osce.api.cache import responses as cache
from wagtail_osce.api.cache.http import apply_http_caching

View = TypeVar("View", bound=Callable[..., Any])


def answered_from(
    lookup: Callable[[HttpRequest], HttpResponse | None], view: View
) -> Callable[..., Any]:
    """``view``, answering from the response ``lookup`` finds stored for a request when it finds one."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        hit = lookup(request)
        if hit is not None:
            return apply_http_caching(request, hit)
        return view(request, *args, **kwargs)

    return wrapper


def cached_listing(view: View) -> View:
    """Serve ``view``'s response from the shared cache while its stamp holds; store it when built."""
    wrapper = answered_from(cache.cached_listing, view)
    # django-ninja reads the parameters from the signature; resolve its annotations
    # here, where the view's module globals are at hand.
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
