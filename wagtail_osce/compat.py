"""The one place the package relies on Wagtail behaviour that has no public API.

Each use is a single function here, and ``tests/test_compat.py`` fails loudly
when a Wagtail release changes what it relies on.
"""

from __future__ import annotations

from typing import Any

#: Where Wagtail's ``Page._get_site_root_paths`` caches the site root paths on a page
#: that is given no request.
SITE_ROOT_PATHS_ATTR = "_wagtail_cached_site_root_paths"


def share_site_root_paths(page: Any, root_paths: list[Any]) -> None:
    """Let ``page`` reuse site root paths already read, so its URL costs no query.

    Without a request Wagtail reads the site root paths once per page; a stream
    linking to many pages reads them once and hands them to each page here.
    """
    if not hasattr(page, SITE_ROOT_PATHS_ATTR):
        setattr(page, SITE_ROOT_PATHS_ATTR, root_paths)
