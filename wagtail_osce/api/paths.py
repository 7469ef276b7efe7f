"""Root-relative links between the API's endpoints, such as a page's ``api_url``."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse

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
