"""Story pages: created, edited and published in the admin, served as accessible HTML."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import FieldOfWorkFactory, ParticipatingStateFactory, StructureFactory
from tests.page_factories import (
    MeetingIndexPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    make_image,
    site_root,
)
from wagtail_osce.pages.models import MeetingPage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db


def add_url(model: type, parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def story_form_data(**overrides) -> dict:
    """What the admin's add form posts for a story, with a one-paragraph body."""
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
        "comments": inline_formset([]),
    }
    multiple = {k: v for k, v in overrides.items() if isinstance(v, list)}
    data.update({k: v for k, v in overrides.items() if k not in multiple})
    return {**nested_form_data(data), **multiple}


@pytest.fixture
def taxonomy(locales):
    return {
        "field": FieldOfWorkFactory(name="Border management", slug="border-management"),
        "state": ParticipatingStateFactory(name="Austria", slug="austria", iso_code="AT"),
        "source": StructureFactory(name="Ministerial Council", slug="ministerial-council"),
    }


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def test_story_serves_accessible_html(client, taxonomy):
    image = make_image("Border crossing")
    story = StoryPageFactory(
        title="Countering transnational threats",
        date=datetime.date(2024, 3, 7),
        lead="The need to connect the dots has never been clearer.",
        hero_image=image,
        hero_alt_text="Officers at a border crossing",
        hero_caption="A joint patrol",
        hero_credit="Jane Doe",
        sources=[taxonomy["source"]],
        fields_of_work=[taxonomy["field"]],
        countries=[taxonomy["state"]],
    )
    index_url = story.get_parent().url

    response = client.get(story.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r"<article[^>]*>.*<h1[^>]*>Countering transnational threats</h1>", html, re.S)
    assert '<time datetime="2024-03-07">7 March 2024</time>' in html
    assert "The need to connect the dots has never been clearer." in html
    assert f"The body of {story.title}." in html
    # The hero image: a figure with alt text, caption and the "OSCE/Name" credit.
    figure = re.search(r"<figure class=\"osce-story__hero\">.*?</figure>", html, re.S).group(0)
    assert 'alt="Officers at a border crossing"' in figure
    assert "<figcaption>" in figure and "A joint patrol" in figure
    assert "OSCE/Jane Doe" in figure
    # Taxonomy links lead to the filtered listing of the story's index.
    assert f'href="{index_url}?source=ministerial-council">Ministerial Council</a>' in html
    assert f'href="{index_url}?field=border-management">Border management</a>' in html
    assert f'href="{index_url}?country=at">Austria</a>' in html


def test_headings_follow_in_order(client, taxonomy):
    story = StoryPageFactory(
        fields_of_work=[taxonomy["field"]],
        body=[
            {"type": "heading", "value": {"text": "Background", "level": "h2", "anchor": ""}},
            {"type": "rich_text", "value": "<p>Some text.</p>"},
            {"type": "heading", "value": {"text": "Details", "level": "h3", "anchor": ""}},
        ],
    )
    html = client.get(story.url).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


def test_admin_add_view_loads_and_publishes_a_story(admin_client, taxonomy):
    index = StoryIndexPageFactory()
    url = add_url(StoryPage, index)
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        story_form_data(
            fields_of_work=[str(taxonomy["field"].pk)],
            countries=[str(taxonomy["state"].pk)],
            sources=[str(taxonomy["source"].pk)],
            **{"action-publish": "action-publish"},
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    story = StoryPage.objects.get(slug="border-guards-train-together")
    assert story.live
    assert story.get_parent().pk == index.pk
    assert list(story.fields_of_work.all()) == [taxonomy["field"]]
    served = admin_client.get(story.url)
    assert served.status_code == 200
    assert "Twenty officers took part." in served.content.decode()


def test_admin_edit_view_loads_with_tabs(admin_client, taxonomy):
    story = StoryPageFactory(fields_of_work=[taxonomy["field"]])
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("content", "taxonomy", "promote"):
        assert f'id="tab-label-{tab}"' in html, tab
    # Only rows in the page's language are offered: one checkbox per field of work.
    assert html.count(f'value="{taxonomy["field"].pk}"') >= 1


def test_taxonomy_choices_are_limited_to_the_page_language(admin_client, locales, taxonomy):
    french = taxonomy["field"].copy_for_translation(locales["fr"])
    french.name = "Gestion des frontières"
    french.save()
    index = StoryIndexPageFactory()
    html = admin_client.get(add_url(StoryPage, index)).content.decode()
    assert "Border management" in html
    assert "Gestion des frontières" not in html


def test_credit_with_prefix_is_refused_on_its_field(admin_client, taxonomy):
    index = StoryIndexPageFactory()
    response = admin_client.post(
        add_url(StoryPage, index),
        story_form_data(hero_credit="OSCE/Jane Doe", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 200
    assert "hero_credit" in response.context["form"].errors
    assert not StoryPage.objects.filter(slug="border-guards-train-together").exists()


def test_stories_only_go_under_a_story_index():
    home = site_root()
    story_index = StoryIndexPageFactory()
    meeting_index = MeetingIndexPageFactory()
    assert StoryPage.can_create_at(story_index)
    assert not StoryPage.can_create_at(home)
    assert not StoryPage.can_create_at(meeting_index)
    assert not MeetingPage.can_create_at(story_index)
    # Index pages go anywhere, but stories take no children.
    assert StoryIndexPage.can_create_at(home)
    story = StoryPageFactory(parent=story_index)
    assert StoryPage.allowed_subpage_models() == []
    assert not StoryIndexPage.can_create_at(story)


def test_admin_refuses_a_story_outside_an_index(admin_client):
    url = add_url(StoryPage, site_root())
    # Wagtail answers a disallowed page type with its permission-denied redirect.
    response = admin_client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    admin_client.post(url, story_form_data(**{"action-publish": "action-publish"}))
    assert not StoryPage.objects.exists()


def test_story_search_finds_lead_text(taxonomy):
    from wagtail.search.backends import get_search_backend

    story = StoryPageFactory(lead="Cyber confidence-building measures were discussed.")
    StoryPageFactory(lead="Something else entirely.", parent=story.get_parent())
    results = get_search_backend().search("confidence-building", StoryPage)
    assert [page.pk for page in results] == [story.pk]


def test_related_stories_on_a_story_exclude_the_story_itself(client, taxonomy):
    index = StoryIndexPageFactory()
    older = StoryPageFactory(
        parent=index,
        title="Older border story",
        date=datetime.date(2024, 1, 1),
        fields_of_work=[taxonomy["field"]],
    )
    story = StoryPageFactory(
        parent=index,
        title="Newest border story",
        date=datetime.date(2024, 6, 1),
        fields_of_work=[taxonomy["field"]],
        related_stories=[
            {
                "type": "related_stories",
                "value": {
                    "heading": "More on borders",
                    "stories": [],
                    "field_of_work": taxonomy["field"].pk,
                    "count": 3,
                },
            }
        ],
    )
    html = client.get(story.url).content.decode()
    related = html[html.index("More on borders") :]
    assert f'href="{older.url}"' in related
    assert f'href="{story.url}"' not in related


def test_preview_renders_the_story(taxonomy):
    story = StoryPageFactory(title="Previewed story", fields_of_work=[taxonomy["field"]])
    response = story.make_preview_request()
    assert response.status_code == 200
    assert "Previewed story" in response.content.decode()


def test_pages_declare_the_shared_wagtail_api_fields():
    """Wagtail's own APIs read ``api_fields``: the pages use the package's expanded fields."""
    from wagtail_osce.pages.api_fields import STORY_INDEX_PAGE_API_FIELDS, STORY_PAGE_API_FIELDS

    assert StoryPage.api_fields is STORY_PAGE_API_FIELDS
    assert StoryIndexPage.api_fields is STORY_INDEX_PAGE_API_FIELDS
    names = {field.name for field in StoryPage.api_fields}
    assert {"date", "lead", "body", "fields_of_work", "countries", "sources", "hero_image"} <= names
    for name in ("fields_of_work", "countries", "sources", "hero_image"):
        field = next(f for f in StoryPage.api_fields if f.name == name)
        assert field.serializer is not None, f"{name} would be bare IDs"


def test_migration_follows_a_swapped_base_page_model(settings):
    """The migration takes the base page model from WAGTAIL_PAGE_MODEL, as Wagtail's own do."""
    import glob
    import importlib
    import os

    import wagtail_osce.migrations as migrations_package

    (path,) = glob.glob(os.path.join(os.path.dirname(migrations_package.__file__), "0002_*.py"))
    name = f"wagtail_osce.migrations.{os.path.basename(path)[:-3]}"
    module = importlib.import_module(name)
    try:
        settings.WAGTAIL_PAGE_MODEL = "basepage.BasePage"
        swapped = importlib.reload(module)
        assert ("basepage", "__first__") in swapped.Migration.dependencies
        for operation in swapped.Migration.operations:
            if not hasattr(operation, "bases"):
                continue
            assert operation.bases[0] == "basepage.BasePage"
            parent_link = dict(operation.fields)["basepage_ptr"]
            assert parent_link.remote_field.model == "basepage.BasePage"
            assert "page_ptr" not in dict(operation.fields)
    finally:
        settings.WAGTAIL_PAGE_MODEL = "wagtailcore.Page"
        importlib.reload(module)
