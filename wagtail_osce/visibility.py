"""What an anonymous visitor of a site may see: the one rule every page query and reference uses.

A page is visible when it is live, not expired, not waiting for its
``go_live_at``, not privacy-restricted, inside the requesting site (in any of
its language trees), and when none of its ancestors fails any of these tests:
a live page under a draft, an expired or a restricted section is hidden too.
Listings, details, search, navigation, page links in blocks and rich text, and
translations lists all select pages through this module.
"""

from __future__ import annotations

import copy
import datetime
from functools import lru_cache, reduce
from operator import or_
from typing import Any, TypeVar

import swapper
from django.conf import settings
from django.db import connections
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from wagtail_osce.content_version import kept
from wagtail_osce.sql import ModelSql

P = TypeVar("P", bound=Model)

_SCOPE_CACHE_ATTR = "_wagtail_osce_page_scope"
#: Where Wagtail's ``Page._get_site_root_paths`` caches the site root paths on the object
#: it is given (a request, or a page): the same attribute, so a request reads them once
#: for the visibility rule and for every page URL.
SITE_ROOT_PATHS_ATTR = "_wagtail_cached_site_root_paths"


def page_model() -> type[Model]:
    """The site's base page model (Wagtail 8 lets a site swap it)."""
    return swapper.load_model("wagtailcore", "Page")


def hidden_q(now: datetime.datetime) -> Q:
    """A page that is itself not visible: unpublished, expired or scheduled."""
    return Q(live=False) | Q(expired=True) | Q(expire_at__lte=now) | Q(go_live_at__gt=now)


def site_root_paths(request: HttpRequest | None) -> list[Any]:
    """Wagtail's root paths of every site and language tree, read once per request."""
    if request is None:
        return Site.get_site_root_paths()
    cached = getattr(request, SITE_ROOT_PATHS_ATTR, None)
    if cached is None:
        cached = Site.get_site_root_paths()
        setattr(request, SITE_ROOT_PATHS_ATTR, cached)
    return cached


def _hidden_section_paths(now: datetime.datetime) -> list[str]:
    """Tree paths of sections whose every page is hidden: non-visible parents and restrictions.

    One query, a union of two that each use an index: parents (``numchild > 0``,
    the partial index of migration 0008, so the leaves, nearly every page, are
    never read) and the pages named by a view restriction. Every response built
    runs it: it is compiled from :func:`hidden_q` once per database (compiling took
    longer than running it) and run with each request's moment.
    """
    page = page_model()
    sql = ModelSql(page)
    query, params, probe = _hidden_sections_sql(sql.connection.alias, settings.USE_TZ)
    moment = _moment_param(page, now, sql.connection)
    return [path for (path,) in sql.fetch_all(query, [moment if p == probe else p for p in params])]


#: A moment stands for each request's in the compiled query: its parameters equal to
#: this one's are where the request's moment goes.
_PROBE_MOMENT = datetime.datetime(2000, 1, 1, 0, 0, 0, 123456, tzinfo=datetime.UTC)


@lru_cache(maxsize=8)
def _hidden_sections_sql(alias: str, use_tz: bool) -> tuple[str, tuple[Any, ...], Any]:
    """The hidden sections' query compiled for database ``alias``, its parameters, and the
    probe moment as it stands among them."""
    page = page_model()
    pages = page.objects.using(alias).order_by()
    probe = _PROBE_MOMENT if use_tz else timezone.make_naive(_PROBE_MOMENT, datetime.UTC)
    hidden_parents = pages.filter(Q(numchild__gt=0) & hidden_q(probe)).values_list("path")
    restricted = pages.filter(
        pk__in=PageViewRestriction.objects.using(alias).order_by().values("page_id")
    ).values_list("path")
    connection = connections[alias]
    query, params = hidden_parents.union(restricted).query.get_compiler(alias).as_sql()
    return query, tuple(params), _moment_param(page, probe, connection)


def _moment_param(page: type[Model], moment: datetime.datetime, connection: Any) -> Any:
    """``moment`` as the ORM passes a page's datetime to the database."""
    return page._meta.get_field("go_live_at").get_db_prep_value(moment, connection)


def content_visibility_q(now: datetime.datetime | None = None) -> Q:
    """Visible pages of any site: live, in time, public, under no hidden section (one query).

    For code without a request, such as blocks rendered outside the API; with a
    request, :func:`visibility_q` adds the requesting site's scope.
    """
    now = now or timezone.now()
    scope = ~hidden_q(now)
    hidden_sections = _hidden_section_paths(now)
    if hidden_sections:
        scope &= ~reduce(or_, (Q(path__startswith=path) for path in hidden_sections))
    return scope


def site_visibility_q(site: Site, root_paths: list[Any] | None = None) -> Q:
    """The filter selecting visible pages of ``site``, in any of its language trees."""
    roots = [
        srp.root_path
        for srp in (root_paths if root_paths is not None else Site.get_site_root_paths())
        if srp.site_id == site.pk
    ]
    if not roots:
        return Q(pk__in=[])
    return content_visibility_q() & reduce(or_, (Q(url_path__startswith=path) for path in roots))


def site_for_request(request: HttpRequest | None) -> Site | None:
    """The site serving ``request``, as ``Site.find_for_request`` finds it and caches it on
    the request; the row found for a host name and port is kept while the reference
    version holds (:func:`~wagtail_osce.content_version.kept`).

    Each request gets its own copy, without the root page Wagtail's lookup selects
    with it: pages change without the reference version changing.
    """
    if request is None:
        return None
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    # The same host name and port as Wagtail's lookup, without the ``ALLOWED_HOSTS`` check.
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    found = kept(request, ("site", hostname, port), lambda: _site_row(hostname, port))
    site = None
    if found is not None:
        site = copy.copy(found)
        site._state.fields_cache.pop("root_page", None)
    request._wagtail_site = site
    return site


def _site_row(hostname: str, port: str) -> Site | None:
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def visibility_q(request: HttpRequest) -> Q:
    """The filter selecting visible pages of the request's site; computed once per request."""
    scope = getattr(request, _SCOPE_CACHE_ATTR, None)
    if scope is not None:
        return scope
    site = site_for_request(request)
    scope = site_visibility_q(site, site_root_paths(request)) if site else Q(pk__in=[])
    setattr(request, _SCOPE_CACHE_ATTR, scope)
    return scope


def visible_pages(request: HttpRequest, model: type[P] | None = None) -> QuerySet[P]:
    """Live, public pages of ``model`` (default: every page type) that the request's site serves."""
    model = model or page_model()
    return model._default_manager.filter(visibility_q(request))


def visible_children(parent: Model, model: type[P]) -> QuerySet[P]:
    """The children of ``parent`` of type ``model`` that the visitors of ``parent`` may see.

    Wagtail has already let the visitor through ``parent``'s own restrictions
    when it serves it, so only each child's own state and restriction count here.
    """
    return (
        model._default_manager.child_of(parent)
        .exclude(hidden_q(timezone.now()))
        .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
    )


def public_documents(queryset: QuerySet[P]) -> QuerySet[P]:
    """Documents of ``queryset`` outside any privacy-restricted collection (or one below it)."""
    restricted = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True).distinct()
    )
    if not restricted:
        return queryset
    return queryset.exclude(
        reduce(or_, (Q(collection__path__startswith=path) for path in restricted))
    )
