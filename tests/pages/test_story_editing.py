"""What an editor meets in the story and meeting forms: grouped blocks, one place for related
stories (stored body blocks moved there), one alt-text rule, help on every typed field."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import FieldOfWorkFactory
from tests.page_factories import StoryIndexPageFactory, StoryPageFactory, make_image
from wagtail_osce.blocks.streams import MeetingBodyBlock, StoryBodyBlock
from wagtail_osce.pages.models import MeetingPage, StoryPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("wagtail_osce.migrations.0006_block_groups")


@pytest.fixture
def admin_client(client, locales):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


# Block picker ---------------------------------------------------------------------------


def picker_groups(block) -> list[tuple[str, list[str]]]:
    return [(str(group), [b.name for b in items]) for group, items in block.grouped_child_blocks()]


def test_story_picker_offers_six_named_groups_in_order() -> None:
    groups = picker_groups(StoryBodyBlock())
    assert [name for name, _ in groups] == [
        "Text",
        "Media",
        "Documents",
        "Data",
        "References",
        "Layout",
    ]
    by_name = dict(groups)
    assert by_name["Text"] == ["rich_text", "heading", "quote", "fact_box"]
    assert by_name["References"] == ["states", "structures", "fields_of_work", "upcoming_meetings"]
    assert by_name["Layout"] == ["link", "call_to_action", "accordion"]


def test_story_body_no_longer_offers_related_stories_but_a_meeting_body_does() -> None:
    assert "related_stories" not in StoryBodyBlock().child_blocks
    meeting = dict(picker_groups(MeetingBodyBlock()))
    assert "related_stories" in meeting["References"]
    assert "" not in meeting  # every block sits in a group


def test_story_form_shows_the_grouped_picker(admin_client) -> None:
    index = StoryIndexPageFactory()
    story = StoryPageFactory(parent=index)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    # The stream's definition, with its groups, is in the form's telepath data.
    for group in ("Text", "Media", "Documents", "Data", "References", "Layout"):
        assert f"&quot;{group}&quot;" in html or f'"{group}"' in html


# Related stories: one input, nothing lost ------------------------------------------------


def related_block(stories=(), field_of_work=None) -> dict:
    return {
        "type": "related_stories",
        "id": f"rs-{len(stories)}-{field_of_work}",
        "value": {
            "heading": "Read next",
            "stories": list(stories),
            "field_of_work": field_of_work,
            "count": 3,
        },
    }


def test_split_body_moves_and_merges_hand_picked_stories() -> None:
    text = {"type": "rich_text", "id": "t", "value": "<p>Hi</p>"}
    body, related, changed = migration.split_body(
        [text, related_block([1, 2]), related_block([2, 3])], [related_block([4])]
    )
    assert changed and body == [text]
    assert len(related) == 1
    assert related[0]["value"]["stories"] == [4, 1, 2, 3]


def test_split_body_keeps_a_latest_in_field_block_beside_a_chosen_one() -> None:
    body, related, changed = migration.split_body(
        [related_block(field_of_work=7)], [related_block([4])]
    )
    assert changed and body == []
    assert [b["value"]["field_of_work"] for b in related] == [None, 7]


def test_split_body_leaves_a_body_without_the_block_alone() -> None:
    text = {"type": "rich_text", "id": "t", "value": "<p>Hi</p>"}
    assert migration.split_body([text], []) == ([text], [], False)


def test_migration_moves_a_stored_body_block_to_the_page_field_and_its_revisions(
    client, locales
) -> None:
    index = StoryIndexPageFactory()
    other = StoryPageFactory(parent=index, title="Other story")
    story = StoryPageFactory(
        parent=index,
        title="Story with a body block",
        body=[{"type": "rich_text", "value": "<p>Text.</p>"}],
    )
    revision = story.save_revision()
    revision.publish()
    stored_body = [
        {"type": "rich_text", "id": "a", "value": "<p>Text.</p>"},
        related_block([other.pk]),
    ]
    # As the page was stored before the body lost the block.
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(StoryPage._meta.db_table)
        cursor.execute(
            f"UPDATE {table} SET body = %s WHERE page_ptr_id = %s",
            [json.dumps(stored_body), story.pk],
        )
    revision.content["body"] = json.dumps(stored_body)
    revision.save(update_fields=["content"])

    migration.move_related_stories(apps, None)

    story.refresh_from_db()
    assert [block.block_type for block in story.body] == ["rich_text"]
    assert [block.block_type for block in story.related_stories] == ["related_stories"]
    assert [p.pk for p in story.related_stories[0].value["stories"]] == [other.pk]
    revision.refresh_from_db()
    assert [b["type"] for b in json.loads(revision.content["body"])] == ["rich_text"]
    assert [b["type"] for b in json.loads(revision.content["related_stories"])] == [
        "related_stories"
    ]
    # The reader sees the related story where the page field shows it.
    html = client.get(story.url).content.decode()
    assert "Other story" in html


# Alt text ---------------------------------------------------------------------------------


def test_hero_image_and_image_block_give_the_same_alt_text_guidance() -> None:
    hero = StoryPage._meta.get_field("hero_alt_text").help_text
    block = StoryBodyBlock().child_blocks["image"].child_blocks["alt_text"].field.help_text
    assert str(hero) == str(block)
    assert "decorative" in str(hero)


def story_form(index, **overrides) -> dict:
    data = {
        "title": "Border guards train together",
        "slug": "border-guards-train-together",
        "date": "2024-05-14",
        "lead": "Border guards from three States trained together.",
        "hero_image": "",
        "hero_alt_text": "",
        "hero_caption": "",
        "hero_credit": "",
        "body": streamfield([("rich_text", rich_text("<p>Twenty officers took part.</p>"))]),
        "related_stories": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data) | {"comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0"}


def add_story_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["wagtail_osce", "storypage", index.pk])


def test_a_hero_image_without_alt_text_is_refused_with_the_block_s_message(admin_client) -> None:
    index = StoryIndexPageFactory()
    image = make_image("IMG_0423")
    response = admin_client.post(add_story_url(index), story_form(index, hero_image=image.pk))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "hero_alt_text" in errors
    assert "mark it as decorative" in errors["hero_alt_text"][0]
    assert not StoryPage.objects.filter(slug="border-guards-train-together").exists()


def test_a_hero_image_the_library_describes_needs_no_alt_text(admin_client) -> None:
    index = StoryIndexPageFactory()
    image = make_image("IMG_0423")
    image.description = "Border guards at a crossing in the snow"
    image.save()
    response = admin_client.post(add_story_url(index), story_form(index, hero_image=image.pk))
    assert response.status_code == 302, response.context["form"].errors
    story = StoryPage.objects.get(slug="border-guards-train-together")
    assert story.hero_alt == "Border guards at a crossing in the snow"


# Help text --------------------------------------------------------------------------------

TYPED_FIELDS = {
    StoryPage: ["lead", "hero_alt_text", "hero_caption", "hero_credit", "date"],
    MeetingPage: ["start", "end", "city", "venue", "lead", "livestream_url"],
}


@pytest.mark.parametrize("model", list(TYPED_FIELDS))
def test_every_typed_page_field_has_help_text(model) -> None:
    missing = [name for name in TYPED_FIELDS[model] if not model._meta.get_field(name).help_text]
    assert missing == []


def test_taxonomy_fields_say_to_type_to_find(admin_client) -> None:
    FieldOfWorkFactory(name="Border management", slug="border-management")
    index = StoryIndexPageFactory()
    html = admin_client.get(add_story_url(index)).content.decode()
    assert "type to find one" in html


# Taxonomy: searchable lists in the page's language --------------------------------------


def test_taxonomy_tab_is_a_searchable_list_in_the_page_language(admin_client, locales) -> None:
    from tests.factories import ParticipatingStateFactory

    FieldOfWorkFactory(name="Border management", slug="border-management")
    ParticipatingStateFactory(
        name="Türkiye", slug="turkiye", iso_code="TR", alternative_names="Turkey\nTurquie"
    )
    french = ParticipatingStateFactory(
        name="Turquie", slug="turkiye", iso_code="TR", locale=locales["fr"]
    )
    index = StoryIndexPageFactory()
    html = admin_client.get(add_story_url(index)).content.decode()
    for field in ("sources", "fields_of_work", "countries"):
        assert f'id="id_{field}-search"' in html
        assert "data-osce-taxonomy-chooser" in html
    # Typing "turkey" matches: the option carries its folded name and alternative names.
    assert 'data-osce-search="turkiye turkey turquie tr"' in html
    # Only the page's language is listed: the French row is not offered in an English story.
    assert f'name="countries" value="{french.pk}"' not in html
    assert html.count('name="countries"') == 1
    assert "taxonomy-chooser.js" in html


def test_choosing_two_fields_of_work_saves_them(admin_client) -> None:
    border = FieldOfWorkFactory(name="Border management", slug="border-management")
    gender = FieldOfWorkFactory(name="Gender equality", slug="gender-equality")
    FieldOfWorkFactory(name="Policing", slug="policing")
    index = StoryIndexPageFactory()
    data = story_form(index)
    data["fields_of_work"] = [str(border.pk), str(gender.pk)]
    response = admin_client.post(add_story_url(index), data)
    assert response.status_code == 302, response.context["form"].errors
    story = StoryPage.objects.get(slug="border-guards-train-together")
    assert {f.slug for f in story.fields_of_work.all()} == {"border-management", "gender-equality"}
