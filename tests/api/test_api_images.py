"""Responsive images in the API: valid srcsets per use, real AVIF/WebP files, absolute URLs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import features
from wagtail.images import get_image_model

from tests.api.builders import API, publish, story, story_index
from wagtail_osce.api.cache.responses import bump_version
from wagtail_osce.representation.responsive import check_settings, image_specs, make_renditions

CANDIDATE = re.compile(r"^(\S+) (\d+)w$")
RATIOS = {"card": 16 / 9, "hero": 21 / 9}


def photo(width: int = 1000, height: int = 600, name: str = "photo"):
    """A JPEG with a focal point in its right part."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 80, 40)).save(buffer, format="JPEG")
    buffer.seek(0)
    return get_image_model().objects.create(
        title=name,
        file=ImageFile(buffer, name=f"{name}.jpg"),
        focal_point_x=width * 3 // 4,
        focal_point_y=height // 2,
        focal_point_width=50,
        focal_point_height=50,
    )


def media_file(url: str) -> Path:
    path = re.sub(r"^https?://[^/]+", "", url)
    assert path.startswith(django_settings.MEDIA_URL), url
    return Path(django_settings.MEDIA_ROOT) / path.removeprefix(django_settings.MEDIA_URL)


def parse_srcset(srcset: str) -> list[tuple[str, int]]:
    """(URL, width) candidates; fails on anything that is not "URL <n>w"."""
    candidates = []
    for part in srcset.split(", "):
        match = CANDIDATE.match(part.strip())
        assert match, f"not a srcset candidate: {part!r}"
        candidates.append((match.group(1), int(match.group(2))))
    assert candidates
    return candidates


@pytest.fixture
def illustrated(locales):
    index = story_index()
    hero, inline, first, second = (photo(name=n) for n in ("hero", "inline", "first", "second"))
    page = story(
        index,
        "Elections observed",
        hero_image=hero,
        body=[
            {
                "type": "image",
                "value": {"image": inline.pk, "alt_text": "Voters", "caption": "", "credit": ""},
            },
            {
                "type": "gallery",
                "value": {
                    "title": "",
                    "images": [
                        {"image": first.pk, "alt_text": "One", "caption": "", "credit": ""},
                        {"image": second.pk, "alt_text": "Two", "caption": "", "credit": ""},
                    ],
                },
            },
            {
                "type": "rich_text",
                "value": f'<p>Text</p><embed embedtype="image" id="{inline.pk}" '
                'format="fullwidth" alt="A ballot box"/>',
            },
        ],
    )
    return publish(page)


def images_of(body: dict) -> list[dict]:
    blocks = {item["type"]: item["value"] for item in body["body"]}
    return [
        body["hero_image"],
        blocks["image"]["image"],
        *(item["image"] for item in blocks["gallery"]["images"]),
    ]


def test_every_image_has_a_valid_srcset_per_use_in_every_format(client, illustrated):
    body = client.get(f"{API}/stories/{illustrated.pk}").json()
    for image in images_of(body):
        assert set(image["uses"]) == {"card", "hero", "content"}
        assert image["focal_point"] == {"x": 750, "y": 300, "width": 50, "height": 50}
        for name, use in image["uses"].items():
            ratio = RATIOS.get(name, image["width"] / image["height"])
            types = [source["type"] for source in use["sources"]]
            # WebP by default (AVIF is opt-in: much slower to encode), the original last.
            expected = ["image/webp"] if features.check("webp") else []
            assert types == [*expected, "image/jpeg"]
            for source in use["sources"]:
                candidates = parse_srcset(source["srcset"])
                widths = [width for _, width in candidates]
                # Narrowest first, never wider than the original (1000 px).
                assert widths == sorted(widths) and max(widths) <= image["width"]
                assert widths == [320, 640, 960]
                for url, width in candidates:
                    with PILImage.open(media_file(url)) as file:
                        assert file.width == width
                        assert abs(file.width / file.height - ratio) < 0.01, (name, file.size)
                        assert file.format == source["type"].removeprefix("image/").upper()
            assert use["src"] in use["sources"][-1]["srcset"]
            assert use["aspect_ratio"] == {"card": "16:9", "hero": "21:9"}.get(name)
            assert abs(use["width"] / use["height"] - ratio) < 0.01


def test_small_images_are_offered_at_their_own_width_never_enlarged(client, locales):
    page = publish(story(story_index(), "Small", hero_image=photo(200, 150)))
    uses = client.get(f"{API}/stories/{page.pk}").json()["hero_image"]["uses"]
    assert [w for _, w in parse_srcset(uses["content"]["sources"][-1]["srcset"])] == [200]
    assert [w for _, w in parse_srcset(uses["card"]["sources"][-1]["srcset"])] == [200]
    assert (uses["hero"]["width"], uses["hero"]["height"]) == (200, 86)


def test_rich_text_images_carry_srcset_sizes_and_dimensions(client, illustrated):
    body = client.get(f"{API}/stories/{illustrated.pk}").json()
    html = next(item for item in body["body"] if item["type"] == "rich_text")["value"]["html"]
    tag = re.search(r"<img [^>]*>", html).group(0)
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    assert [width for _, width in parse_srcset(srcset)] == [320, 640, 960]
    assert re.search(r'sizes="\(max-width: \d+px\) 100vw, \d+px"', tag)
    assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
    assert 'alt="A ballot box"' in tag


def test_urls_are_absolute_with_api_base_url(client, illustrated, settings):
    settings.WAGTAIL_OSCE = {"API_BASE_URL": "https://cms.example.org"}
    body = client.get(f"{API}/stories/{illustrated.pk}").json()
    for image in images_of(body):
        for use in image["uses"].values():
            assert use["src"].startswith("https://cms.example.org/media/")
            for source in use["sources"]:
                for url, _ in parse_srcset(source["srcset"]):
                    assert url.startswith("https://cms.example.org/media/")
        for rendition in image["renditions"].values():
            assert rendition["url"].startswith("https://cms.example.org/media/")
    html = next(item for item in body["body"] if item["type"] == "rich_text")["value"]["html"]
    assert 'src="https://cms.example.org/media/' in html
    assert 'srcset="https://cms.example.org/media/' in html


def test_media_base_url_wins_over_api_base_url(client, illustrated, settings):
    settings.WAGTAIL_OSCE = {
        "API_BASE_URL": "https://cms.example.org",
        "MEDIA_BASE_URL": "https://media.example.org/",
    }
    body = client.get(f"{API}/stories/{illustrated.pk}").json()
    assert body["hero_image"]["uses"]["hero"]["src"].startswith("https://media.example.org/media/")


def test_without_a_base_url_urls_stay_root_relative(client, illustrated):
    body = client.get(f"{API}/stories/{illustrated.pk}").json()
    assert body["hero_image"]["uses"]["card"]["src"].startswith("/media/")


def test_configured_uses_widths_and_formats_shape_the_sets(client, locales, settings):
    settings.WAGTAIL_OSCE = {
        "IMAGE_USES": {"square": "1:1"},
        "IMAGE_WIDTHS": [100, 300],
        "IMAGE_FORMATS": ["webp"],
    }
    page = publish(story(story_index(), "Square", hero_image=photo(400, 300)))
    uses = client.get(f"{API}/stories/{page.pk}").json()["hero_image"]["uses"]
    assert list(uses) == ["square"]
    assert [source["type"] for source in uses["square"]["sources"]] == ["image/webp", "image/jpeg"]
    for source in uses["square"]["sources"]:
        candidates = parse_srcset(source["srcset"])
        assert [width for _, width in candidates] == [100, 300]
        for url, width in candidates:
            with PILImage.open(media_file(url)) as file:
                assert file.size == (width, width)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("IMAGE_USES", {"card": "wide"}),
        ("IMAGE_USES", {"card": "16:0"}),
        ("IMAGE_USES", {"card": [16, 9]}),
        ("IMAGE_USES", ["card"]),
        ("IMAGE_USES", {}),
        ("IMAGE_WIDTHS", []),
        ("IMAGE_WIDTHS", [320, -1]),
        ("IMAGE_WIDTHS", "320"),
        ("IMAGE_FORMATS", ["gif"]),
        ("MEDIA_BASE_URL", "cdn.example.org"),
        ("API_BASE_URL", "example.org"),
    ],
)
def test_bad_image_settings_name_their_key(settings, key, value):
    settings.WAGTAIL_OSCE = {key: value}
    with pytest.raises(ImproperlyConfigured, match=rf'WAGTAIL_OSCE\["{key}"\]'):
        check_settings()


def test_story_cards_carry_the_card_use(client, illustrated):
    reader = publish(
        story(
            illustrated.get_parent(),
            "Reader",
            related_stories=[
                {
                    "type": "related_stories",
                    "value": {"heading": "", "stories": [illustrated.pk], "count": 3},
                }
            ],
        )
    )
    body = client.get(f"{API}/stories/{reader.pk}").json()
    (card,) = body["related_stories"][0]["value"]["stories"]
    use = card["hero_image"]["uses"]["card"]
    assert use["aspect_ratio"] == "16:9"
    for url, width in parse_srcset(use["sources"][-1]["srcset"]):
        with PILImage.open(media_file(url)) as file:
            assert file.width == width and abs(file.width / file.height - 16 / 9) < 0.01


def test_renditions_made_ahead_are_all_a_response_needs(client, locales):
    """``make_renditions`` on a new image leaves nothing for the first visitor to wait for."""
    # Wagtail also keeps renditions in a cache, which outlives the rolled-back rows of
    # earlier tests (whose images had the same ids).
    caches["renditions" if "renditions" in django_settings.CACHES else "default"].clear()
    hero = photo(name="ahead")
    make_renditions(hero)
    assert hero.renditions.count() == len(set(image_specs(hero))) > 0
    made = {Path(name).name for name in hero.renditions.values_list("file", flat=True)}
    page = publish(story(story_index(), "Made ahead", hero_image=hero))
    body = client.get(f"{API}/stories/{page.pk}").json()
    served = {
        Path(url).name
        for use in body["hero_image"]["uses"].values()
        for source in use["sources"]
        for url, _ in parse_srcset(source["srcset"])
    }
    assert served and served <= made


def test_prefetched_renditions_are_the_ones_wagtail_would_pick(locales):
    """Renditions picked from a prefetch match Wagtail's own lookup, focal point included."""
    from wagtail_osce.representation.media import get_renditions_by_spec, image_rendition_specs

    # Wagtail's rendition cache may hold renditions of an earlier test's image with this id.
    get_image_model().get_rendition_model().cache_backend.clear()
    image = photo(name="focal")
    make_renditions(image)
    specs = image_rendition_specs(image)
    expected = {spec: r.file.name for spec, r in image.get_renditions(*specs).items()}

    def prefetched():
        return get_image_model().objects.prefetch_renditions().get(pk=image.pk)

    picked = get_renditions_by_spec(prefetched(), specs)
    assert {spec: r.file.name for spec, r in picked.items()} == expected
    # A new focal point needs new crops: the old ones are not picked, the new ones are made.
    image.focal_point_x = 10
    image.save()
    moved = get_renditions_by_spec(prefetched(), specs)
    assert set(moved) == set(specs)
    crops = [spec for spec in specs if spec.startswith("fill-")]
    assert crops and all(moved[spec].file.name != expected[spec] for spec in crops)
    assert all(moved[spec].file.name == expected[spec] for spec in specs if spec not in crops)


@pytest.mark.parametrize("name", ["images/a b.png", "images/été (1).png", "images/x%y.png"])
def test_file_urls_are_the_storage_urls(name, settings):
    from django.core.files.storage import default_storage
    from django.db.models.fields.files import FieldFile

    from wagtail_osce.representation.responsive import file_url

    for media_url in ("/media/", "https://cdn.example.org/media/"):
        settings.MEDIA_URL = media_url
        field = get_image_model()._meta.get_field("file")
        file = FieldFile(None, field, name)
        file.storage = default_storage
        assert file_url(file) == default_storage.url(name)


def card_image(client, page) -> dict:
    """The hero image of ``page``'s card in the story listing, built afresh."""
    bump_version()
    listing = client.get(f"{API}/stories").json()
    (card,) = [item for item in listing["results"] if item["id"] == page.pk]
    return card["hero_image"]


def served_files(image: dict) -> set[str]:
    urls = {rendition["url"] for rendition in image["renditions"].values()}
    for use in image["uses"].values():
        urls.add(use["src"])
        urls.update(url for source in use["sources"] for url, _ in parse_srcset(source["srcset"]))
    return {Path(url).name for url in urls}


def test_a_card_shows_its_image_as_the_detail_does(client, illustrated):
    """Cards load all of an image's renditions; the detail those of its specs: the same image."""
    card = card_image(client, illustrated)  # first: the renditions are made here
    detail = client.get(f"{API}/stories/{illustrated.pk}").json()
    assert card == detail["hero_image"]
    assert card_image(client, illustrated) == card  # and again, built from what is kept


def test_renditions_as_read_are_keyed_as_the_instances_would_be(locales):
    """The key of a kept image, taken from the columns as read, is the one its renditions give;
    a rendition Wagtail makes later (appended to the loaded ones) gives another key."""
    from wagtail_osce.representation.media import _shape_key, attach_renditions

    image = photo(name="keyed")
    make_renditions(image)
    attach_renditions([image])
    as_read = _shape_key(image)
    image.prefetched_renditions = list(image.prefetched_renditions)  # a plain list: signed anew
    assert _shape_key(image) == as_read
    attach_renditions([image])
    image.get_rendition("fill-32x32")  # a spec not made before: appended to the loaded ones
    assert _shape_key(image) != as_read
    assert "fill-32x32" in {spec for spec, *_ in _shape_key(image)[-1]}


def test_loading_no_spec_or_no_image_reads_nothing(locales, django_assert_num_queries):
    from wagtail_osce.representation.media import load_renditions

    # Wagtail's rendition cache may hold renditions of an earlier test's image with this id.
    get_image_model().get_rendition_model().cache_backend.clear()
    image = photo(name="unused")
    make_renditions(image)
    with django_assert_num_queries(0):
        assert load_renditions({}) == {}
        assert load_renditions({image.pk: image}, specs=[]) == {}
    assert load_renditions({image.pk: image}, specs=["fill-7x7"]) == {}  # none made
    [(pk, loaded)] = load_renditions(
        {image.pk: image}, specs=["fill-7x7", *image_specs(image)]
    ).items()
    assert pk == image.pk and {r.filter_spec for r in loaded} == set(image_specs(image))
    assert all(r.image is image for r in loaded)


def test_an_image_edited_after_it_was_served_is_shown_as_it_is_now(client, illustrated):
    before = card_image(client, illustrated)
    hero = get_image_model().objects.get(pk=illustrated.hero_image_id)
    hero.title = "Renamed"
    hero.focal_point_x = 10
    hero.save()
    after = card_image(client, illustrated)
    assert after["title"] == "Renamed"
    assert after["focal_point"]["x"] == 10
    # New crops around the new focal point, every one a file that exists.
    assert after["uses"]["card"]["src"] != before["uses"]["card"]["src"]
    made = {Path(name).name for name in hero.renditions.values_list("file", flat=True)}
    assert served_files(after) <= made


def test_renditions_deleted_after_an_image_was_served_are_made_again(client, illustrated):
    card_image(client, illustrated)
    hero = get_image_model().objects.get(pk=illustrated.hero_image_id)
    hero.renditions.all().delete()
    after = card_image(client, illustrated)
    made = {Path(name).name for name in hero.renditions.values_list("file", flat=True)}
    assert made and served_files(after) <= made


def test_a_settings_change_reshapes_images_already_served(client, illustrated, settings):
    assert card_image(client, illustrated)["uses"]["card"]["src"].startswith("/media/")
    settings.WAGTAIL_OSCE = {"MEDIA_BASE_URL": "https://media.example.org"}
    image = card_image(client, illustrated)
    assert image["uses"]["card"]["src"].startswith("https://media.example.org/media/")
