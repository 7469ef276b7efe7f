"""How fast the package's API serves stories, next to Wagtail's v3 API and a floor.

    .venv/bin/python bench/api.py [--repeat 25] [--warmup 3] [--clock wall|cpu] [--redis URL]

Builds a fresh SQLite database in a temporary directory (the example project's
database is never touched), seeds the reference data, and creates stories of
10, 50 and 200 block units, each unit a heading, a rich text with two page
links, an image and three reference cards (the stories that
``tests/test_api_queries.py`` builds), plus 50 stories with a hero image and
taxonomies for the listings. Every endpoint is then requested in-process with
Django's test client: warm-up requests first, then ``--repeat`` timed rounds
in which the compared endpoints take turns, each endpoint's median reported,
and one more request each whose queries are counted. The temporary directory
is removed at the end; set ``BENCH_DIR`` to keep the database and reuse it in
the next run.

The same content is served by:

* ours: ``/api/osce/stories/{id}`` and ``/api/osce/stories?page_size=N``;
* v3: Wagtail's v3 API, ``/api/v3/pages/{id}/?rich_text_format=html`` and
  ``/api/v3/pages/?type=wagtail_osce.StoryPage&limit=N``, anonymously (its
  read endpoints are public and serve live, public pages only, like ours);
* floor: a Django view returning our response body, built in advance;
* lookup floor: the same, after the lookup our API makes on every request it
  cannot answer from its visibility-stamped cache entry (locale, site and the
  live/public check of the page), see ``bench/urls.py``.

The anchor: each story's units are also built as a page of Wagtail's core
blocks (``bench/coreblocks``: a heading, a rich text with the same two page
links, an image and three cards of a title, a text and a page), served by
Wagtail's v3 API with ``rich_text_format=html``: what a site gets from Wagtail
alone for the same content, next to our cold and cached details.

"ours" is the detail served from the cache: a request seen before, whose
visibility stamp (content version, and no scheduled go-live or expiry passed)
still holds. "ours cold" is the detail when its cached representation has just
been invalidated (as a snippet change or a publish does): the cost of building it.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT / "example_project", ROOT):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

DETAIL_UNITS = (10, 50, 200)
LISTING_SIZES = (10, 20, 50)
OURS = "/api/osce"


@dataclass
class Timing:
    """Median milliseconds of a request and the number of queries it made."""

    ms: float
    queries: int


@dataclass
class Endpoint:
    """A URL to time; ``before`` runs ahead of every request (untimed)."""

    url: str
    before: Callable[[], None] | None = None


CLOCKS = {
    # Wall time; what a client waits for.
    "wall": time.perf_counter,
    # CPU time of this thread: steadier on a machine busy with other work.
    "cpu": time.thread_time,
}


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def build_site() -> dict[int, int]:
    """Migrate, seed and create the stories; returns the detail stories' ids by number of units."""
    import datetime

    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Locale

    from tests.api.builders import fast_story, story, story_index, tiny_image, unit
    from wagtail_osce.signal_handlers import muted
    from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure

    call_command("migrate", verbosity=0)
    built = reuse_site()
    if built is not None:
        return built
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    call_command("osce_seed", locales=["fr"], verbosity=0)
    en = Locale.objects.get(language_code="en")
    refs = {
        "states": list(ParticipatingState.objects.filter(locale=en)),
        "structures": list(Structure.objects.filter(locale=en)),
        "fields": list(FieldOfWork.objects.filter(locale=en)),
    }
    largest = max(DETAIL_UNITS)
    with muted():
        index = story_index()
        linked = [fast_story(index, n) for n in range(2 * largest)]
        images = [tiny_image(n) for n in range(largest)]
        stories = {
            size: story(
                index,
                f"Story with {size} units",
                body=[block for n in range(size) for block in unit(n, linked, images, refs)],
                fields=refs["fields"][:2],
                countries=refs["states"][:2],
                sources=refs["structures"][:1],
                hero_image=images[0],
            ).pk
            for size in DETAIL_UNITS
        }
        # The newest stories, so they head our listing: each with a hero image and taxonomies.
        for n in range(max(LISTING_SIZES)):
            story(
                index,
                f"Listed story {n}",
                datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
                fields=refs["fields"][:2],
                countries=refs["states"][:3],
                sources=refs["structures"][:1],
                hero_image=images[n],
                lead="A story in the listing.",
            )
    return stories


def core_unit(n: int, pages: list, images: list, refs: dict) -> list[dict]:
    """The unit of ``tests.api.builders.unit`` in Wagtail's core blocks: three cards for the references."""
    first, second = pages[2 * n], pages[2 * n + 1]
    pick = lambda items, k: items[(n + k) % len(items)]  # noqa: E731
    cards = [pick(refs["states"], 0), pick(refs["structures"], 0), pick(refs["fields"], 0)]
    return [
        {"type": "heading", "value": f"Section {n}"},
        {
            "type": "rich_text",
            "value": (
                f'<p><a linktype="page" id="{first.pk}">one</a> and '
                f'<a linktype="page" id="{second.pk}">two</a></p>'
            ),
        },
        {"type": "image", "value": images[n].pk},
        *(
            {
                "type": "card",
                "value": {"title": card.name, "text": f"About {card.name}.", "page": first.pk},
            }
            for card in cards
        ),
    ]


def build_core_pages() -> dict[int, int]:
    """Pages of Wagtail's core blocks with the same units as the stories; their ids by units."""
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site

    from bench.coreblocks.models import CoreBlocksPage
    from tests.api.builders import add_page
    from wagtail_osce.pages.models import StoryPage
    from wagtail_osce.signal_handlers import muted
    from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure

    built = dict(
        CoreBlocksPage.objects.filter(title__startswith="Core blocks with ").values_list(
            "title", "pk"
        )
    )
    if len(built) == len(DETAIL_UNITS):
        return {size: built[f"Core blocks with {size} units"] for size in DETAIL_UNITS}
    en = Locale.objects.get(language_code="en")
    refs = {
        "states": list(ParticipatingState.objects.filter(locale=en)),
        "structures": list(Structure.objects.filter(locale=en)),
        "fields": list(FieldOfWork.objects.filter(locale=en)),
    }
    by_title = {page.title: page for page in StoryPage.objects.filter(title__startswith="Linked ")}
    linked = [by_title[f"Linked {n}"] for n in range(len(by_title))]
    images = {image.title: image for image in get_image_model().objects.all()}
    ordered = [images[f"Image {n}"] for n in range(max(DETAIL_UNITS))]
    root = Site.objects.get(is_default_site=True).root_page
    pages = {}
    with muted():
        for size in DETAIL_UNITS:
            page = CoreBlocksPage(title=f"Core blocks with {size} units", slug=f"core-{size}")
            page.body = [b for n in range(size) for b in core_unit(n, linked, ordered, refs)]
            pages[size] = add_page(root, page).pk
    return pages


def reuse_site() -> dict[int, int] | None:
    """The stories of an earlier run in the same ``BENCH_DIR``, if it finished building them."""
    from wagtail_osce.pages.models import StoryPage

    stories = dict(
        StoryPage.objects.filter(title__startswith="Story with ").values_list("title", "pk")
    )
    listed = StoryPage.objects.filter(title__startswith="Listed story ").count()
    if listed < max(LISTING_SIZES):
        return None
    try:
        return {size: stories[f"Story with {size} units"] for size in DETAIL_UNITS}
    except KeyError:
        return None


def measure(
    client, endpoints: dict[str, Endpoint], repeat: int, warmup: int, clock: str
) -> dict[str, Timing]:
    """Median time of each endpoint over ``repeat`` rounds, and one request's queries.

    The endpoints take turns within each round, so a change in the machine's
    load during the run affects them all alike.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    now = CLOCKS[clock]

    def request(endpoint: Endpoint) -> float:
        if endpoint.before:
            endpoint.before()
        start = now()
        response = client.get(endpoint.url)
        elapsed = (now() - start) * 1000
        assert response.status_code == 200, (endpoint.url, response.status_code)
        return elapsed

    times: dict[str, list[float]] = {name: [] for name in endpoints}
    for round_ in range(warmup + repeat):
        for name, endpoint in endpoints.items():
            elapsed = request(endpoint)
            if round_ >= warmup:
                times[name].append(elapsed)
    result = {}
    for name, endpoint in endpoints.items():
        if endpoint.before:
            endpoint.before()
        with CaptureQueriesContext(connection) as queries:
            client.get(endpoint.url)
        result[name] = Timing(ms=statistics.median(times[name]), queries=len(queries))
    return result


def invalidator() -> Callable[[], None] | None:
    """What drops cached representations, when the package caches them."""
    try:
        from wagtail_osce.api.cache.responses import bump_version
    except ImportError:
        return None
    return bump_version


def floor_urls(key: str, body: bytes, page_id: int | None = None) -> tuple[str, str | None]:
    """The floor's URL serving ``body``, and the lookup floor's for ``page_id``."""
    from django.urls import reverse

    from bench.urls import FLOOR_BODIES

    FLOOR_BODIES[key] = body
    plain = reverse("bench_floor", kwargs={"key": key})
    if page_id is None:
        return plain, None
    return plain, reverse("bench_lookup_floor", kwargs={"key": key, "page_id": page_id})


def v3_url(name: str, **kwargs: object) -> str:
    from django.urls import reverse

    return reverse(f"wagtailapi_v3:{name}", kwargs=kwargs or None)


def check_v3_detail(body: dict, units: int) -> str:
    """A note when v3's detail does not carry the whole story (so the comparison flatters it)."""
    stream = body.get("body")
    if not isinstance(stream, list) or len(stream) != 6 * units:
        return "v3 detail lacks the story body (StoryPage.api_fields)"
    return ""


def row(cells: list[str], widths: list[int]) -> str:
    return (
        "| "
        + " | ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True))
        + " |"
    )


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    lines = [row(header, widths), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"]
    lines += [row(r, widths) for r in rows]
    return "\n".join(lines)


def environment() -> str:
    """The software and machine a run was made on."""
    import platform
    import sqlite3

    import django
    import wagtail

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    from django.conf import settings

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return (
        f"Python {platform.python_version()}, Django {django.__version__}, "
        f"Wagtail {wagtail.__version__}, SQLite {sqlite3.sqlite_version}, {cache}; "
        f"{os.cpu_count()} CPUs, load average {load}"
    )


def detail_table(client, stories: dict[int, int], repeat: int, warmup: int, clock: str):
    """Rows comparing the story detail at each size, and notes on anything amiss."""
    rows, notes = [], []
    cold = invalidator()
    for units, page_id in stories.items():
        ours_url = f"{OURS}/stories/{page_id}"
        response = client.get(ours_url)  # creates the renditions once
        assert response.status_code == 200, response.content[:300]
        assert len(response.json()["body"]) == 6 * units
        v3 = f"{v3_url('detail_page', page_id=page_id)}?rich_text_format=html"
        note = check_v3_detail(client.get(v3).json(), units)
        if note and note not in notes:
            notes.append(note)
        floor, lookup_floor = floor_urls(f"detail-{units}", response.content, page_id)
        endpoints = {
            "ours": Endpoint(ours_url),
            "v3": Endpoint(v3),
            "floor": Endpoint(floor),
            "lookup floor": Endpoint(lookup_floor),
        }
        if cold:
            endpoints["ours cold"] = Endpoint(ours_url, before=cold)
        t = measure(client, endpoints, repeat, warmup, clock)
        ours, theirs = t["ours"], t["v3"]
        cold_cell = f"{t['ours cold'].ms:.2f} ({t['ours cold'].queries} q)" if cold else "-"
        rows.append(
            [
                str(units),
                f"{len(response.content) // 1024} KB",
                str(ours.queries),
                f"{ours.ms:.2f}",
                cold_cell,
                str(theirs.queries),
                f"{theirs.ms:.2f}",
                f"{t['floor'].ms:.2f}",
                f"{t['lookup floor'].ms:.2f} ({t['lookup floor'].queries} q)",
                f"{theirs.ms / ours.ms:.1f}x",
                f"{ours.ms / t['floor'].ms:.1f}x",
                f"{ours.ms / t['lookup floor'].ms:.2f}x",
            ]
        )
    header = [
        "units",
        "body",
        "ours queries",
        "ours ms",
        "ours cold ms",
        "v3 html queries",
        "v3 ms",
        "floor ms",
        "lookup floor ms",
        "v3/ours",
        "ours/floor",
        "ours/lookup floor",
    ]
    return table(header, rows), notes


def anchor_table(client, stories: dict[int, int], repeat: int, warmup: int, clock: str) -> str:
    """Our cold and cached details next to Wagtail's v3 html on a page of core blocks."""
    rows = []
    cold = invalidator()
    core = build_core_pages()
    for units, page_id in stories.items():
        ours_url = f"{OURS}/stories/{page_id}"
        v3 = f"{v3_url('detail_page', page_id=core[units])}?rich_text_format=html"
        body = client.get(v3).json()["body"]
        assert len(body) == 6 * units, len(body)
        assert '<a href="' in body[1]["value"], body[1]["value"]  # links rendered as HTML
        endpoints = {"ours": Endpoint(ours_url), "core": Endpoint(v3)}
        if cold:
            endpoints["ours cold"] = Endpoint(ours_url, before=cold)
        t = measure(client, endpoints, repeat, warmup, clock)
        ours, theirs = t["ours"], t["core"]
        ours_cold = t.get("ours cold")
        rows.append(
            [
                str(units),
                f"{theirs.ms:.2f} ({theirs.queries} q)",
                f"{ours_cold.ms:.2f} ({ours_cold.queries} q)" if ours_cold else "-",
                f"{ours.ms:.2f} ({ours.queries} q)",
                f"{ours_cold.ms / theirs.ms:.0%}" if ours_cold else "-",
                f"{ours.ms / theirs.ms:.1%}",
            ]
        )
    header = ["units", "v3 core html ms", "ours cold ms", "ours cached ms", "cold/v3", "cached/v3"]
    return table(header, rows)


def listing_table(client, repeat: int, warmup: int, clock: str) -> str:
    """Our listing served again (cached) and built from scratch, next to v3's and the floor."""
    cold = invalidator()
    rows = []
    for size in LISTING_SIZES:
        ours_url = f"{OURS}/stories?page_size={size}"
        response = client.get(ours_url)
        assert len(response.json()["results"]) == size
        v3 = f"{v3_url('list_pages')}?type=wagtail_osce.StoryPage&limit={size}"
        assert len(client.get(v3).json()["items"]) == size
        floor, _ = floor_urls(f"listing-{size}", response.content)
        endpoints = {"ours": Endpoint(ours_url), "v3": Endpoint(v3), "floor": Endpoint(floor)}
        if cold:
            endpoints["ours built"] = Endpoint(ours_url, before=cold)
        t = measure(client, endpoints, repeat, warmup, clock)
        ours, theirs, built = t["ours"], t["v3"], t.get("ours built")
        rows.append(
            [
                str(size),
                f"{ours.ms:.2f} ({ours.queries} q)",
                f"{built.ms:.2f} ({built.queries} q)" if built else "-",
                f"{theirs.ms:.2f} ({theirs.queries} q)",
                f"{t['floor'].ms:.2f}",
                f"{ours.ms / theirs.ms:.2f}x",
                f"{built.ms / theirs.ms:.2f}x" if built else "-",
                f"{ours.ms / t['floor'].ms:.1f}x",
            ]
        )
    header = ["items", "ours cached ms", "ours built ms", "v3 ms", "floor ms"]
    return table([*header, "cached/v3", "built/v3", "cached/floor"], rows)


def run(repeat: int, warmup: int, clock: str) -> str:
    from django.test import Client

    stories = build_site()
    client = Client()
    # What the process loaded to start (Django, Wagtail, the site) is never garbage;
    # frozen, as a server that forks its workers would, it is not scanned again by
    # every full collection, which then costs what the requests left, not what the
    # building of the site left (tens of milliseconds, charged to whichever request
    # happened to set the collection off).
    gc.collect()
    gc.freeze()
    detail, notes = detail_table(client, stories, repeat, warmup, clock)
    anchor = anchor_table(client, stories, repeat, warmup, clock)
    listing = listing_table(client, repeat, warmup, clock)
    how = f"median {clock} ms of {repeat} requests after {warmup} warm-up"
    parts = [
        environment(),
        "",
        f"Story detail ({how})",
        "",
        detail,
        "",
        f"The anchor: the same units in Wagtail's core blocks, v3 rich_text_format=html ({how})",
        "",
        anchor,
        "",
        f"Story listing ({how})",
        "",
        listing,
    ]
    parts += ["", *(f"Note: {note}." for note in notes)] if notes else []
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="wall", help="wall time or this thread's CPU"
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="the cache on Redis (cleared first), e.g. redis://127.0.0.1:6379/8",
    )
    args = parser.parse_args(argv)
    keep = bool(os.environ.get("BENCH_DIR"))
    if args.redis:
        os.environ["BENCH_REDIS_URL"] = args.redis
    setup_django()
    if args.redis:
        from django.core.cache import cache

        cache.clear()
    from django.conf import settings

    try:
        print(run(args.repeat, args.warmup, args.clock))
    finally:
        if not keep:
            shutil.rmtree(settings.BENCH_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
