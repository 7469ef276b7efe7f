"""Root-relative links to the API's endpoints, such as a page's or a card's ``api_url``.

They live below the API so that every shape that names a page (a listing, a
story card in a block) links to its detail the same way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

from wagtail_osce.registry import meeting_page_models, story_page_models

if TYPE_CHECKING:
    from wagtail.models import Page

URLS_NAMESPACE = "wagtail_osce_api"
_PLACEHOLDER = "__osce_arg__"


@lru_cache(maxsize=64)
def _path_template(url_name: str, arg_name: str | None) -> str:
    kwargs = {arg_name: _PLACEHOLDER} if arg_name else {}
    return reverse(f"{URLS_NAMESPACE}:{url_name}", kwargs=kwargs)


def api_path(url_name: str, arg: tuple[str, object] | None = None, **query: object) -> str:
    """Root-relative URL of an endpoint, such as ``/api/osce/states/albania?locale=fr``.

    ``arg`` is the one path parameter as ``(name, value)``; ``query`` values that
    are None are left out. Reversing once per endpoint keeps long menus cheap.
    """
    path = _path_template(url_name, arg[0] if arg else None)
    if arg:
        path = path.replace(_PLACEHOLDER, str(arg[1]))
    params = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


def page_api_url(page: Page, locale: str | None = None) -> str:
    """The page's detail endpoint (``stories/{id}`` and ``meetings/{id}`` for those types),
    in ``locale`` when one was asked for."""
    model = page.specific_class
    url_name = "get_page"
    if model in story_page_models():
        url_name = "get_story"
    elif model in meeting_page_models():
        url_name = "get_meeting"
    return api_path(url_name, ("page_id", page.pk), locale=locale)
