"""Media blocks: image with alt text and credit, gallery, video: validation, HTML and API values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.blocks.builders import make_image, struct_errors
from wagtail_osce.blocks.media import (
    GalleryBlock,
    GalleryOut,
    ImageBlock,
    ImageBlockOut,
    VideoBlock,
    VideoOut,
)

pytestmark = pytest.mark.django_db

YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def image_value(image, **overrides) -> dict:
    return {
        "image": image,
        "alt_text": "Election observers count ballots in Tbilisi",
        "decorative": False,
        "caption": "Counting began after the polls closed.",
        "credit": "Micky Kroell",
        **overrides,
    }


# Image ------------------------------------------------------------------------


def test_image_with_alt_text_and_credit_is_valid() -> None:
    block = ImageBlock()
    cleaned = block.clean(block.normalize(image_value(make_image())))
    assert cleaned["credit"] == "Micky Kroell"


def test_image_needs_alt_text_unless_decorative() -> None:
    block = ImageBlock()
    image = make_image()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(image_value(image, alt_text="")))
    assert list(struct_errors(excinfo)) == ["alt_text"]
    block.clean(block.normalize(image_value(image, alt_text="", decorative=True)))


def test_image_alt_text_can_wait_while_a_draft_is_saved() -> None:
    block = ImageBlock()
    block.clean_deferred(block.normalize(image_value(make_image(), alt_text="")))


def test_image_credit_given_with_the_prefix_is_rejected() -> None:
    block = ImageBlock()
    image = make_image()
    for credit in ("OSCE/Micky Kroell", "osce / Micky Kroell"):
        with pytest.raises(ValidationError) as excinfo:
            block.clean(block.normalize(image_value(image, credit=credit)))
        assert list(struct_errors(excinfo)) == ["credit"]


def test_image_is_required() -> None:
    block = ImageBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(image_value(None)))
    assert "image" in struct_errors(excinfo)


def test_image_renders_a_figure_with_alt_text_caption_and_prefixed_credit() -> None:
    image = make_image()
    block = ImageBlock()
    html = block.render(block.normalize(image_value(image)))
    thumbnail = image.get_rendition("fill-400x300")
    medium = image.get_rendition("max-800x600")
    large = image.get_rendition("max-1600x1200")
    assert html.strip().startswith('<figure class="osce-image">')
    assert f'src="{medium.url}"' in html
    # All three renditions keep the 4:3 shape of the original, so all serve the srcset.
    assert f'srcset="{thumbnail.url} 400w, {medium.url} 800w, {large.url} 1600w"' in html
    assert 'width="800" height="600"' in html
    assert 'alt="Election observers count ballots in Tbilisi"' in html
    assert "<figcaption" in html and "Counting began after the polls closed." in html
    assert '<small class="osce-image__credit">OSCE/Micky Kroell</small>' in html


def test_image_srcset_leaves_out_crops_of_another_shape() -> None:
    image = make_image(size=(1600, 900))
    block = ImageBlock()
    html = block.render(block.normalize(image_value(image)))
    assert image.get_rendition("fill-400x300").url not in html
    assert f'src="{image.get_rendition("max-800x600").url}"' in html
    assert " 1600w" in html


def test_small_image_has_no_srcset_of_one_width() -> None:
    image = make_image(size=(400, 300))
    block = ImageBlock()
    html = block.render(block.normalize(image_value(image)))
    assert 'width="400" height="300"' in html
    assert "srcset" not in html


def test_decorative_image_renders_empty_alt() -> None:
    block = ImageBlock()
    html = block.render(block.normalize(image_value(make_image(), decorative=True)))
    assert 'alt=""' in html
    assert "Election observers" not in html


def test_image_api_value_expands_the_image_with_its_renditions() -> None:
    image = make_image()
    image.focal_point_x, image.focal_point_y = 800, 400
    image.focal_point_width, image.focal_point_height = 200, 100
    image.save()
    block = ImageBlock()
    data = block.get_api_representation(block.normalize(image_value(image)))
    assert ImageBlockOut.model_validate(data)
    assert data["caption"] == "Counting began after the polls closed."
    assert data["credit"] == "OSCE/Micky Kroell"
    assert data["decorative"] is False
    expanded = data["image"]
    assert expanded["id"] == image.pk
    assert expanded["title"] == "Observers at a polling station"
    assert expanded["alt"] == "Election observers count ballots in Tbilisi"
    assert (expanded["width"], expanded["height"]) == (1600, 1200)
    assert expanded["focal_point"] == {"x": 800, "y": 400, "width": 200, "height": 100}
    renditions = expanded["renditions"]
    assert set(renditions) == {"thumbnail", "medium", "large"}
    assert renditions["thumbnail"] == {
        "url": image.get_rendition("fill-400x300").url,
        "width": 400,
        "height": 300,
    }
    assert (renditions["medium"]["width"], renditions["medium"]["height"]) == (800, 600)


@override_settings(WAGTAIL_OSCE={"RENDITIONS": {"square": "fill-100x100"}})
def test_image_api_renditions_follow_the_setting() -> None:
    block = ImageBlock()
    data = block.get_api_representation(block.normalize(image_value(make_image())))
    assert data["image"]["renditions"] == {
        "square": {"url": data["image"]["renditions"]["square"]["url"], "width": 100, "height": 100}
    }
    assert data["image"]["focal_point"] is None


# Gallery ----------------------------------------------------------------------


def gallery_value(*images) -> dict:
    return {
        "title": "Election day",
        "images": [image_value(image, caption=f"Photo {i}") for i, image in enumerate(images, 1)],
    }


def test_gallery_with_two_images_is_valid() -> None:
    block = GalleryBlock()
    block.clean(block.normalize(gallery_value(make_image(), make_image())))


def test_gallery_needs_at_least_two_images() -> None:
    block = GalleryBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(gallery_value(make_image())))
    errors = struct_errors(excinfo)
    assert list(errors) == ["images"]
    assert isinstance(errors["images"], ListBlockValidationError)
    assert "minimum number of items is 2" in str(errors["images"].non_block_errors)


def test_gallery_names_the_image_that_lacks_alt_text() -> None:
    block = GalleryBlock()
    value = gallery_value(make_image(), make_image())
    value["images"][1]["alt_text"] = ""
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(value))
    list_error = struct_errors(excinfo)["images"]
    assert list(list_error.block_errors) == [1]
    assert list(list_error.block_errors[1].block_errors) == ["alt_text"]


def test_gallery_renders_a_list_of_figures() -> None:
    block = GalleryBlock()
    html = block.render(block.normalize(gallery_value(make_image(), make_image())))
    assert '<section class="osce-gallery" aria-label="Election day">' in html
    assert html.count('<li class="osce-gallery__item">') == 2
    assert html.count("<figure") == 2
    assert "Photo 1" in html and "Photo 2" in html


def test_gallery_api_value_expands_each_image() -> None:
    first, second = make_image(), make_image()
    block = GalleryBlock()
    data = block.get_api_representation(block.normalize(gallery_value(first, second)))
    assert GalleryOut.model_validate(data)
    assert data["title"] == "Election day"
    assert [item["image"]["id"] for item in data["images"]] == [first.pk, second.pk]
    assert all(item["image"]["renditions"]["medium"]["url"] for item in data["images"])


# Video ------------------------------------------------------------------------


def video_value(url: str = YOUTUBE_URL, **overrides) -> dict:
    return {
        "url": url,
        "caption": "The Secretary General on the OSCE's work",
        "transcript": "Good morning.\n\nToday we talk about security.",
        **overrides,
    }


def cache_embed(url: str = YOUTUBE_URL) -> Embed:
    """An embed as the oEmbed finder stores it after a first successful fetch."""
    return Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Interview"></iframe>',
        title="Interview with the Secretary General",
        provider_name="YouTube",
        thumbnail_url="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
        width=480,
        height=270,
    )


def test_video_url_of_an_embeddable_provider_is_valid() -> None:
    block = VideoBlock()
    for url in (YOUTUBE_URL, "https://vimeo.com/76979871"):
        block.clean(block.normalize(video_value(url)))


def test_video_url_no_provider_embeds_is_rejected_on_url() -> None:
    block = VideoBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(video_value("https://www.osce.org/files/interview.mp4")))
    assert list(struct_errors(excinfo)) == ["url"]


def test_video_url_is_required() -> None:
    block = VideoBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(video_value("")))
    assert list(struct_errors(excinfo)) == ["url"]


def test_video_renders_the_cached_embed_caption_and_transcript() -> None:
    cache_embed()
    block = VideoBlock()
    html = block.render(block.normalize(video_value()))
    assert '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in html
    assert "osce-video__player" in html
    assert (
        '<figcaption class="osce-video__caption">'
        "The Secretary General on the OSCE&#x27;s work</figcaption>"
    ) in html
    assert "<details" in html and "<summary>Transcript</summary>" in html
    assert "<p>Today we talk about security.</p>" in html


def test_video_api_value_carries_the_cached_embed() -> None:
    cache_embed()
    block = VideoBlock()
    data = block.get_api_representation(block.normalize(video_value(transcript="")))
    assert VideoOut.model_validate(data)
    assert data["url"] == YOUTUBE_URL
    assert data["provider_name"] == "YouTube"
    assert data["title"] == "Interview with the Secretary General"
    assert data["html"].startswith("<iframe")
    assert (data["width"], data["height"]) == (480, 270)
    assert data["transcript"] is None


def test_video_api_value_without_a_cached_embed_gives_the_url_only() -> None:
    block = VideoBlock()
    data = block.get_api_representation(block.normalize(video_value()))
    assert data["url"] == YOUTUBE_URL
    assert data["html"] is None and data["provider_name"] is None
