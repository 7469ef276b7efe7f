"""gunicorn's entry point for the multi-worker tests: the example site, each response naming its worker.

``X-Worker`` (the process id) lets a test check that every worker has served, and
later refused, a detail; the site itself is unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any


def build_application() -> Callable[..., Iterable[bytes]]:
    """The example site's WSGI application, adding ``X-Worker`` to every response."""
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    site = get_wsgi_application()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, [*headers, ("X-Worker", str(os.getpid()))], exc_info)

        return site(environ, start)

    return application
