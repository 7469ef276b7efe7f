"""The API at 5,000 and 50,000 stories on PostgreSQL, next to Wagtail's v3 API on the same data.

    .venv/bin/python bench/scale.py [--sizes 5000 50000] [--repeat 15] [--database-url URL]

Builds the stories in its own PostgreSQL database (``osce_bench_scale`` on
127.0.0.1 by default, created if missing and emptied first; never the example
project's or the test suite's), then measures, at each size, the package's API
and Wagtail's v3 API in-process with Django's test client: the endpoints take
turns in each round, and the median of ``--repeat`` rounds is reported with the
queries of one more request. The stories of the first size are kept and the
next size adds to them, so both sizes are measured in one run on one database.

The stories are built in bulk: page rows are inserted with their treebeard path
computed directly (``Page.fix_tree`` finds nothing to fix, as the tests check),
live, without revisions, English, 10% of them translated into French and
Russian. Each story has a date spread over 15 years, a lead, a hero image,
one to three participating States (a few States far more often than others),
one or two fields of work, one source, and a body of about ten blocks (headings,
paragraphs with links to other stories, an image, reference cards), its words
drawn from 4,000 with Zipf's law. The search index is filled as ``update_index``
would, then the database is vacuumed and analysed as autovacuum would. Listings,
search and cold details are measured as built (the content version bumped before
each request), a cached first page and detail beside them.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import itertools
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT / "example_project", ROOT):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/osce_bench_scale"
SIZES = (5_000, 50_000)
TRANSLATED_SHARE = 0.1
TRANSLATION_LOCALES = ("fr", "ru")
IMAGES = 24
BATCH = 1_000
#: The most frequent words of the bodies; "cyber" is the common word search is measured with.
_WORD_LIST = (
    "security cooperation dialogue elections observation mission border management policing "
    "media freedom human rights gender equality minorities environment energy water "
    "cyber confidence building arms control trafficking migration tolerance youth "
    "democratic institutions rule of law economic governance anti-corruption field office "
    "workshop training conference report ministerial council chairpersonship"
)
VOCABULARY = 4_000
_SYLLABLES = tuple(c + v for c in "bcdfgklmnprstvz" for v in "aeio")


def _vocabulary() -> tuple[str, ...]:
    """The domain words first, then made-up words of two to four syllables: ``VOCABULARY`` words.

    Words are drawn with Zipf's law (the word of rank r with weight 1/r), as in real
    text: the domain words are common, "cyber" is in about half the stories and a
    made-up word far down the list (``RARE_WORD``) in about one in a hundred.
    """
    words = list(dict.fromkeys(_WORD_LIST.split()))
    rng = random.Random(7)
    seen = set(words)
    while len(words) < VOCABULARY:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


WORDS = _vocabulary()
_CUMULATIVE = tuple(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))
#: The rare word search is measured with.
RARE_WORD = WORDS[2_000]
COMMON_WORD = "cyber"


# -- Building ------------------------------------------------------------------------------


@dataclass
class Scaffold:
    """What the stories hang on: the story index per locale, reference data and images."""

    indexes: dict[str, Any]
    states: list[Any]
    fields: list[Any]
    structures: list[Any]
    images: list[Any]
    locales: dict[str, Any] = field(default_factory=dict)


def prepare() -> Scaffold:
    """The locales, reference data, story indexes (en, fr, ru) and images; reused when present."""
    from django.core.management import call_command
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from tests.api.builders import story_index, tiny_image, translate
    from wagtail_osce.pages.models import StoryIndexPage
    from wagtail_osce.snippets import FieldOfWork, ParticipatingState, Structure

    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("en", *TRANSLATION_LOCALES)
    }
    en = locales["en"]
    if not ParticipatingState.objects.filter(locale=en).exists():
        call_command("osce_seed", locales=list(TRANSLATION_LOCALES), verbosity=0)
    index = StoryIndexPage.objects.filter(locale=en, slug="stories").first()
    if index is None:
        index = story_index()
    indexes = {"en": index}
    for code in TRANSLATION_LOCALES:
        translated = index.get_translation_or_none(locales[code])
        indexes[code] = translated or translate(index, locales[code], f"Stories ({code})")
    images = list(get_image_model().objects.filter(title__startswith="Scale ").order_by("pk"))
    for n in range(len(images), IMAGES):
        image = tiny_image(n)
        image.title = f"Scale {n}"
        image.save(update_fields=["title"])
        images.append(image)
    return Scaffold(
        indexes=indexes,
        states=list(ParticipatingState.objects.filter(locale=en).order_by("pk")),
        fields=list(FieldOfWork.objects.filter(locale=en).order_by("pk")),
        structures=list(Structure.objects.filter(locale=en).order_by("pk")),
        images=images,
        locales=locales,
    )


def story_count() -> int:
    from wagtail_osce.pages.models import StoryPage

    return StoryPage.objects.filter(locale__language_code="en").count()


def _weighted(rng: random.Random, items: list, k: int) -> list:
    """``k`` distinct items, the first ones far more often (a few States make most news)."""
    weights = [1 / (rank + 1) for rank in range(len(items))]
    chosen: list = []
    while len(chosen) < min(k, len(items)):
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=_CUMULATIVE, k=words)).capitalize() + "."


def _body(
    rng: random.Random, scaffold: Scaffold, linked: list[int], n: int, texts: list[str]
) -> list[dict]:
    """About ten blocks: headings, paragraphs (two with a link to another story), an image, cards.

    The text of each block is appended to ``texts``, for the search index.
    """

    def paragraph(link: int | None) -> dict:
        text = _sentence(rng, 25)
        texts.append(text)
        if link is not None:
            words = _sentence(rng, 3)[:-1]
            texts.append(f"See {words}.")
            text += f' See <a linktype="page" id="{link}">{words}</a>.'
        return {"type": "rich_text", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}

    def heading(words: int) -> dict:
        text = _sentence(rng, words)[:-1]
        texts.append(text)
        return {
            "type": "heading",
            "value": {"text": text, "level": "h2", "anchor": ""},
            "id": str(uuid.uuid4()),
        }

    links = [rng.choice(linked) if linked else None for _ in range(2)]
    image = scaffold.images[n % len(scaffold.images)]
    state = _weighted(rng, scaffold.states, 2)
    caption = _sentence(rng, 6)
    texts.append(caption)
    return [
        paragraph(links[0]),
        paragraph(None),
        heading(4),
        paragraph(None),
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "A photograph",
                "decorative": False,
                "caption": caption,
                "credit": "",
            },
            "id": str(uuid.uuid4()),
        },
        paragraph(links[1]),
        heading(3),
        paragraph(None),
        {
            "type": "states",
            "value": {"heading": "", "states": [s.pk for s in state]},
            "id": str(uuid.uuid4()),
        },
        {
            "type": "fields_of_work",
            "value": {"heading": "", "fields_of_work": [rng.choice(scaffold.fields).pk]},
            "id": str(uuid.uuid4()),
        },
    ]


def _insert_stories(index: Any, rows: list[dict]) -> list[int]:
    """Insert story pages under ``index`` in bulk, paths computed directly; their ids."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from wagtail_osce.pages.models import StoryPage

    content_type = ContentType.objects.get_for_model(StoryPage)
    index = Page.objects.get(pk=index.pk)
    start = index.numchild
    now = datetime.datetime.now(datetime.UTC)
    pages = []
    for offset, row in enumerate(rows, start=1):
        pages.append(
            Page(
                title=row["title"],
                draft_title=row["title"],
                slug=row["slug"],
                content_type=content_type,
                locale_id=row["locale_id"],
                translation_key=row["translation_key"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                url_path=f"{index.url_path}{row['slug']}/",
                depth=index.depth + 1,
                path=Page._get_path(index.path, index.depth + 1, start + offset),
                numchild=0,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=BATCH)
    stories = []
    for page, row in zip(created, rows, strict=True):
        story = StoryPage(
            page_ptr_id=page.pk,
            date=row["date"],
            lead=row["lead"],
            hero_image_id=row["hero_image_id"],
            hero_alt_text="A photograph",
            hero_caption=row["lead"][:100],
        )
        story.body = row["body"]
        stories.append(story)
    fields = StoryPage._meta.local_concrete_fields
    for first in range(0, len(stories), BATCH):
        # bulk_create refuses multi-table inheritance; the parent rows are in already.
        StoryPage._base_manager._insert(stories[first : first + BATCH], fields=fields)
    Page.objects.filter(pk=index.pk).update(numchild=start + len(rows))
    # Taxonomies, through each relation's own table.
    for name in ("countries", "fields_of_work", "sources"):
        relation = StoryPage._meta.get_field(name)
        through = relation.remote_field.through
        mine, theirs = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        links = [
            through(**{f"{mine}_id": page.pk, f"{theirs}_id": target})
            for page, row in zip(created, rows, strict=True)
            for target in row[name]
        ]
        through.objects.bulk_create(links, batch_size=BATCH)
    return [page.pk for page in created]


def _index_for_search(ids: list[int], rows: list[dict]) -> None:
    """Add the stories to the search index.

    On PostgreSQL the index rows are written directly, one statement per batch,
    with the weights the database backend gives the fields (title, lead, the
    names of the taxonomies, the body and caption): indexing them one by one as
    ``update_index`` does costs some twenty queries a story, hours at 50,000.
    Elsewhere (the tests' SQLite) the backend indexes them itself.
    """
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from wagtail_osce.pages.models import StoryPage

    backend = get_search_backend()
    if connection.vendor != "postgresql":
        for first in range(0, len(ids), BATCH):
            chunk = StoryPage.get_indexed_objects().filter(pk__in=ids[first : first + BATCH])
            backend.add_bulk(StoryPage, list(chunk.order_by("pk")))
        return
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.postgres.weights import get_weight
    from wagtail.search.models import IndexEntry

    from wagtail_osce.pages.story import BODY_BOOST, LEAD_BOOST, NAME_BOOST

    config = getattr(backend, "config", None)

    def vector(weight: str, cfg: str | None = config) -> str:
        tsvector = "to_tsvector(%s::regconfig, %s)" if cfg else "to_tsvector(%s)"
        return f"setweight({tsvector}, '{weight}')"

    def vector_params(text: str, cfg: str | None = config) -> list:
        return [cfg, text] if cfg else [text]

    title_w, lead_w = get_weight(2), get_weight(LEAD_BOOST)
    names_w, body_w = get_weight(NAME_BOOST), get_weight(BODY_BOOST)
    one = (
        f"(%s, %s, {vector(title_w)}, {vector('D', 'simple')}, "
        f"{vector(lead_w)} || {vector(names_w)} || {vector(body_w)}, 1.0, %s, %s)"
    )
    content_type = ContentType.objects.get_for_model(StoryPage).pk
    with connection.cursor() as cursor:
        for first in range(0, len(ids), BATCH):
            values, params = [], []
            for pk, row in zip(
                ids[first : first + BATCH], rows[first : first + BATCH], strict=True
            ):
                text = row["search"]
                values.append(one)
                params += [content_type, str(pk), *vector_params(row["title"])]
                params += vector_params(row["title"], "simple")
                params += vector_params(row["lead"]) + vector_params(text["names"])
                params += vector_params(text["body"])
                params += [row["title"], " ".join((row["lead"], text["names"], text["body"]))]
            cursor.execute(
                f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "
                "autocomplete, body, title_norm, title_text, body_text) "
                f"VALUES {', '.join(values)}",
                params,
            )


def add_stories(scaffold: Scaffold, count: int, seed: int = 1) -> list[int]:
    """``count`` more English stories (10% also in French and Russian); the English ids."""
    from django.db import transaction

    from wagtail_osce.content_version import bump

    first = story_count()
    rng = random.Random(seed * 1_000_003 + first)
    latest = datetime.date(2025, 12, 31)
    en = scaffold.locales["en"]
    from wagtail_osce.pages.models import StoryPage

    linked = list(
        StoryPage.objects.filter(locale=en).order_by("-pk").values_list("pk", flat=True)[:500]
    )
    ids: list[int] = []
    for chunk_start in range(first, first + count, 5 * BATCH):
        chunk_end = min(chunk_start + 5 * BATCH, first + count)
        rows = []
        for n in range(chunk_start, chunk_end):
            title = f"{_sentence(rng, 5)[:-1]} ({n})"
            texts: list[str] = []
            body = _body(rng, scaffold, linked, n, texts)
            lead = _sentence(rng, 18)
            texts.append(lead[:100])  # the hero caption
            taxonomies = {
                "countries": _weighted(rng, scaffold.states, rng.randint(1, 3)),
                "fields_of_work": _weighted(rng, scaffold.fields, rng.randint(1, 2)),
                "sources": [rng.choice(scaffold.structures)],
            }
            names = " ".join(item.name for items in taxonomies.values() for item in items)
            rows.append(
                {
                    "n": n,
                    "title": title,
                    "slug": f"story-{n}",
                    "locale_id": en.pk,
                    "translation_key": uuid.uuid4(),
                    "date": latest - datetime.timedelta(days=rng.randrange(15 * 365)),
                    "lead": lead,
                    "hero_image_id": scaffold.images[n % len(scaffold.images)].pk,
                    "body": body,
                    **{name: [item.pk for item in items] for name, items in taxonomies.items()},
                    "search": {"names": names, "body": " ".join(texts)},
                }
            )
        with transaction.atomic():
            created = _insert_stories(scaffold.indexes["en"], rows)
            ids += created
            linked = (created[-500:] + linked)[:500]
            every = round(1 / TRANSLATED_SHARE)
            translated = [row for row in rows if row["n"] % every == 0]
            for code in TRANSLATION_LOCALES:
                locale = scaffold.locales[code]
                copies = [
                    {**row, "locale_id": locale.pk, "title": f"{row['title']} [{code}]"}
                    for row in translated
                ]
                if copies:
                    created_copies = _insert_stories(scaffold.indexes[code], copies)
                    _index_for_search(created_copies, copies)
            _index_for_search(created, rows)
            bump()
    return ids


def build(total: int, seed: int = 1) -> Scaffold:
    """A site with ``total`` English stories, adding to those already there."""
    scaffold = prepare()
    missing = total - story_count()
    if missing > 0:
        add_stories(scaffold, missing, seed)
    return scaffold


# -- Measuring -----------------------------------------------------------------------------


@dataclass
class Timing:
    ms: float
    queries: int


def measure(
    client, endpoints: dict[str, tuple[str, Callable[[], None] | None]], repeat: int, warmup: int
) -> dict[str, Timing]:
    """Median wall time of each endpoint over ``repeat`` rounds (taking turns); one request's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request(url: str, before: Callable[[], None] | None) -> float:
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code in (200, 302), (url, response.status_code)
        return elapsed

    times: dict[str, list[float]] = {name: [] for name in endpoints}
    for round_ in range(warmup + repeat):
        for name, (url, before) in endpoints.items():
            elapsed = request(url, before)
            if round_ >= warmup:
                times[name].append(elapsed)
    result = {}
    for name, (url, before) in endpoints.items():
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        result[name] = Timing(statistics.median(times[name]), len(queries))
    return result


def _cursor(ordering: str, value: str, pk: int) -> str:
    raw = json.dumps([ordering, value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def scenarios(client, scaffold: Scaffold) -> list[tuple[str, str | None, str | None]]:
    """(what, the package's URL, v3's URL or None) at the current size."""
    from wagtail_osce.pages.models import StoryPage

    first = client.get("/api/osce/stories").json()
    # The listing counts only up to COUNT_LIMIT: the pages are counted here.
    size = first["page_size"]
    pages = -(-story_count() // size)
    # Nine tenths of the way down the listing.
    deep = max(1, pages * 9 // 10)
    before = client.get(f"/api/osce/stories?page={deep - 1}").json() if deep > 1 else None
    if before and before.get("next_cursor"):
        after = before["next_cursor"]
    else:
        last = before["results"][-1] if before else None
        after = _cursor("-date", last["date"], last["id"]) if last else ""
    deep_ids = [
        item["id"] for item in client.get(f"/api/osce/stories?page={deep}").json()["results"]
    ]
    by_cursor = client.get(f"/api/osce/stories?after={after}")
    assert [item["id"] for item in by_cursor.json()["results"]] == deep_ids, "cursor != page"

    en = scaffold.locales["en"]
    stories = StoryPage.objects.filter(locale=en)
    # A State, field of work and source in a few percent of the stories: neither the
    # busiest nor a rare one (the builder favours the first ones).
    country, field_of_work, source = filter_values(scaffold)
    story = stories.order_by("pk").first()
    v3 = "/api/v3/pages/"
    v3_stories = f"{v3}?type=wagtail_osce.StoryPage&order=-date&limit={size}"
    return [
        ("first page", "/api/osce/stories", v3_stories),
        ("first page (cached)", "/api/osce/stories", None),
        (
            "deep page (page=)",
            f"/api/osce/stories?page={deep}",
            f"{v3_stories}&offset={(deep - 1) * size}",
        ),
        ("deep page (after=)", f"/api/osce/stories?after={after}", None),
        ("country=", f"/api/osce/stories?country={country}", None),
        ("field=", f"/api/osce/stories?field={field_of_work}", None),
        ("source=", f"/api/osce/stories?source={source}", None),
        (
            f"search q={COMMON_WORD}",
            f"/api/osce/search?q={COMMON_WORD}",
            f"{v3}?search={COMMON_WORD}&limit={size}",
        ),
        (
            f"search q={RARE_WORD}",
            f"/api/osce/search?q={RARE_WORD}",
            f"{v3}?search={RARE_WORD}&limit={size}",
        ),
        ("navigation", "/api/osce/navigation", f"{v3}?show_in_menus=true"),
        (
            "pages/find",
            f"/api/osce/pages/find?html_path={story.get_url()}",
            f"{v3}find/?html_path={story.get_url()}",
        ),
        (
            "detail (cached)",
            f"/api/osce/stories/{story.pk}",
            f"{v3}{story.pk}/?rich_text_format=html",
        ),
        (
            "detail (cold)",
            f"/api/osce/stories/{story.pk}",
            f"{v3}{story.pk}/?rich_text_format=html",
        ),
    ]


def filter_values(scaffold: Scaffold) -> tuple[str, str, str]:
    """The country (ISO code), field of work and source the filters are measured with."""
    return (
        scaffold.states[5].iso_code,
        scaffold.fields[3].slug,
        scaffold.structures[len(scaffold.structures) // 2].slug,
    )


def measure_size(client, scaffold: Scaffold, repeat: int, warmup: int) -> dict[str, dict]:
    """Each scenario's timing, ours and v3's, at the current size."""
    from wagtail_osce.api.cache.responses import bump_version as bump

    rows = {}
    for what, ours, theirs in scenarios(client, scaffold):
        response = client.get(ours)
        assert response.status_code == 200, (ours, response.status_code, response.content[:300])
        # Every endpoint but the cached detail and the cached first page is measured
        # as built: the content version is bumped before each request (as a publish
        # bumps it: not the reference version), so neither
        # the detail cache nor the listing cache (when the package has one) answers.
        cached = what in ("detail (cached)", "first page (cached)")
        endpoints = {"ours": (ours, None if cached else bump)}
        if theirs:
            endpoints["v3"] = (theirs, None)
        timings = measure(client, endpoints, repeat, warmup)
        rows[what] = {"ours": timings["ours"], "v3": timings.get("v3")}
    return rows


def report(results: dict[int, dict[str, dict]]) -> str:
    sizes = sorted(results)

    def short(n: int) -> str:
        return f"{n // 1000}k" if n % 1000 == 0 else str(n)

    header = ["endpoint"]
    for n in sizes:
        header += [f"ours ms {short(n)}", "q", f"v3 ms {short(n)}", "q"]
    if len(sizes) > 1:
        ratio = f"{short(sizes[-1])}/{short(sizes[0])}"
        header += [f"ours {ratio}", f"v3 {ratio}"]
    rows = []
    for key in results[sizes[0]]:
        cells = [key]
        for n in sizes:
            row = results[n].get(key)
            ours, theirs = (row["ours"], row["v3"]) if row else (None, None)
            cells += [
                f"{ours.ms:.1f}" if ours else "-",
                str(ours.queries) if ours else "-",
                f"{theirs.ms:.1f}" if theirs else "-",
                str(theirs.queries) if theirs else "-",
            ]
        if len(sizes) > 1:
            low, high = results[sizes[0]][key], results[sizes[-1]].get(key)
            for side in ("ours", "v3"):
                a, b = low[side], high[side] if high else None
                cells.append(f"{b.ms / a.ms:.2f}x" if a and b else "-")
        rows.append(cells)
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"]
    return "\n".join(out + [line(r) for r in rows])


def environment() -> str:
    import platform

    import django
    import wagtail
    from django.db import connection

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return (
        f"Python {platform.python_version()}, Django {django.__version__}, "
        f"Wagtail {wagtail.__version__}, PostgreSQL {server}; "
        f"{os.cpu_count()} CPUs, load average {load}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the stories already in the database"
    )
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        raise SystemExit("bench/scale.py measures PostgreSQL: give --database-url postgres://...")
    from bench.postgres import ensure_database

    ensure_database(args.database_url, fresh=not args.reuse)
    os.environ["BENCH_DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from wagtail_osce.signal_handlers import muted

    call_command("migrate", verbosity=0)
    client = Client()
    results: dict[int, dict[str, dict]] = {}
    for size in sorted(args.sizes):
        started = time.monotonic()
        with muted():
            scaffold = build(size)
        print(f"{size:,} stories built in {time.monotonic() - started:.0f} s", flush=True)
        from django.db import connection

        # What autovacuum does on a site's database after bulk changes: statistics
        # for the planner, and the visibility map index-only scans rely on.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        results[size] = measure_size(client, scaffold, args.repeat, args.warmup)
        print(report({size: results[size]}), flush=True)
    print()
    print(environment())
    print(f"median wall ms of {args.repeat} requests after {args.warmup} warm-up rounds")
    country, field_of_work, source = filter_values(scaffold)
    print(f"filters: country={country}, field={field_of_work}, source={source}")
    print()
    print(report(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    str(size): {
                        key: {
                            side: (row[side].__dict__ if row[side] else None)
                            for side in ("ours", "v3")
                        }
                        for key, row in rows.items()
                    }
                    for size, rows in results.items()
                },
                indent=2,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
