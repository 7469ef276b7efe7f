"""A reference is content: no response names a page a visitor cannot open.

A public story links, through every kind of page reference (a link block, a
call to action, a rich-text link, chosen related stories, an upcoming-meetings
list), to one public page and to one page of each hidden kind. The hidden
page's title, slug and URL appear in no response of the package's API or of
Wagtail's v2 and v3; the public control appears in each, so no test passes by
serving nothing.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from tests.api.builders import API, add_page, meeting, meeting_index, publish, site_root, story
from tests.api.builders import story_index as make_story_index
from wagtail_osce.pages.models import MeetingPage, StoryPage

HIDDEN_KINDS = [
    "draft",
    "password",
    "login",
    "group",
    "under_restricted",
    "scheduled",
    "expired",
    "other_site",
]


def _target(index: Page, kind: str) -> StoryPage:
    """A story of ``kind`` whose title and slug carry a marker no response may show."""
    marker = f"hidden{kind.replace('_', '')}"
    now = timezone.now()
    if kind == "draft":
        page = StoryPage(title=f"Story {marker}", slug=marker, live=False)
        index.add_child(instance=page)
        page.save_revision()
        return page
    if kind == "scheduled":
        page = StoryPage(title=f"Story {marker}", slug=marker, live=False)
        index.add_child(instance=page)
        page.go_live_at = now + datetime.timedelta(days=2)
        page.save_revision().publish()
        return page
    page = story(index, f"Story {marker}", slug=marker)
    if kind in ("password", "login", "group"):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="x" if kind == "password" else ""
        )
        if kind == "group":
            restriction.groups.add(Group.objects.create(name="Insiders"))
    elif kind == "expired":
        StoryPage.objects.filter(pk=page.pk).update(expire_at=now - datetime.timedelta(hours=1))
    return page


def _restricted_index(kind: str) -> Page:
    index = make_story_index(slug=f"private-{kind}")
    PageViewRestriction.objects.create(page=index, restriction_type="login", password="")
    return index


def _other_site_index() -> Page:
    root = Page.get_first_root_node()
    home = Page(title="Other home", slug="other-home")
    root.add_child(instance=home)
    Site.objects.create(hostname="other.example", port=80, root_page=home)
    return make_story_index(parent=home, slug="other-stories")


def _body(targets: list[Page]) -> list[dict]:
    blocks: list[dict] = []
    for target in targets:
        blocks += [
            {
                "type": "link",
                "value": {"page": target.pk, "document": None, "url": "", "text": "Read on"},
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Act",
                    "text": "Now",
                    "button_label": "Go",
                    "link": {"page": target.pk, "document": None, "url": "", "text": "Go"},
                },
            },
            {
                "type": "rich_text",
                "value": f'<p>See <a linktype="page" id="{target.pk}">this story</a>.</p>',
            },
        ]
    return blocks


def _related(targets: list[Page]) -> list[dict]:
    """The story's "related stories", choosing ``targets``."""
    return [
        {
            "type": "related_stories",
            "value": {
                "heading": "More",
                "stories": [t.pk for t in targets],
                "field_of_work": None,
                "count": 3,
            },
        }
    ]


@pytest.fixture
def linked(locales):
    index = make_story_index()
    public = story(index, "Public control story", slug="public-control")
    targets = {}
    for kind in HIDDEN_KINDS:
        if kind == "under_restricted":
            targets[kind] = _target(_restricted_index(kind), "plain")
            targets[kind].marker = "hiddenplain"
        elif kind == "other_site":
            targets[kind] = _target(_other_site_index(), "othersite")
            targets[kind].marker = "hiddenothersite"
        else:
            targets[kind] = _target(index, kind)
            targets[kind].marker = f"hidden{kind.replace('_', '')}"
    meetings = meeting_index()
    soon = timezone.now() + datetime.timedelta(days=5)
    public_meeting = meeting(meetings, "Public control meeting", soon)
    draft_meeting = MeetingPage(
        title="Meeting hiddendraftmeeting",
        slug="hiddendraftmeeting",
        start=soon,
        end=soon + datetime.timedelta(hours=2),
        live=False,
    )
    meetings.add_child(instance=draft_meeting)
    draft_meeting.save_revision()
    host = StoryPage(title="Host story", slug="host-story", date=datetime.date(2024, 6, 1))
    host.body = [
        *_body([public, *targets.values()]),
        {"type": "upcoming_meetings", "value": {"heading": "Next", "series": None, "count": 5}},
    ]
    host.related_stories = _related([public, *targets.values()])
    host = add_page(index, host)
    return {
        "host": host,
        "public": public,
        "public_meeting": public_meeting,
        "markers": [t.marker for t in targets.values()] + ["hiddendraftmeeting"],
        "targets": targets,
    }


def _responses(client, host: Page) -> dict[str, str]:
    """The host story from every endpoint that shows it, and its HTML page."""
    urls = {
        "story": f"{API}/stories/{host.pk}",
        "page": f"{API}/pages/{host.pk}",
        "find": f"{API}/pages/find?html_path=/stories/{host.slug}/",
        "v2": f"/api/v2/pages/{host.pk}/",
        "v3": f"/api/v3/pages/{host.pk}/",
        "html": host.url,
    }
    bodies = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        bodies[name] = response.content.decode()
    return bodies


@pytest.mark.django_db
def test_no_response_names_a_hidden_page_and_each_shows_the_public_one(client, linked):
    bodies = _responses(client, linked["host"])
    public = linked["public"]
    for name, body in bodies.items():
        assert "Public control story" in body, name
        assert public.url_path.replace("/home", "", 1) in body, name
        for marker in linked["markers"]:
            assert marker not in body, (name, marker)
    assert "Public control meeting" in bodies["story"]


@pytest.mark.django_db
def test_a_hidden_target_keeps_the_editors_text_without_a_target(client, linked):
    data = client.get(f"{API}/stories/{linked['host'].pk}").json()
    links = [block["value"] for block in data["body"] if block["type"] == "link"]
    public_link, *hidden_links = links
    assert public_link["page"]["title"] == "Public control story"
    assert hidden_links and all(
        link["page"] is None and link["url"] is None and link["text"] == "Read on"
        for link in hidden_links
    )
    rich = [block["value"]["html"] for block in data["body"] if block["type"] == "rich_text"]
    assert 'href="/stories/public-control/"' in rich[0] or "public-control" in rich[0]
    assert all("<a>this story</a>" in html for html in rich[1:])
    related = data["related_stories"][0]
    assert [item["title"] for item in related["value"]["stories"]] == ["Public control story"]


@pytest.mark.django_db
def test_a_reference_hidden_after_caching_disappears(client, linked):
    host, public = linked["host"], linked["public"]
    first = client.get(f"{API}/stories/{host.pk}").content.decode()
    assert "Public control story" in first
    PageViewRestriction.objects.create(page=public, restriction_type="password", password="x")
    again = client.get(f"{API}/stories/{host.pk}").json()
    assert "Public control story" not in json.dumps(again)


@pytest.mark.django_db
def test_a_private_french_translation_is_not_offered_for_a_public_english_link(client, linked):
    public = linked["public"]
    french = public.copy_for_translation(
        __import__("wagtail.models", fromlist=["Locale"]).Locale.objects.get(language_code="fr"),
        copy_parents=True,
    )
    french.title = "Histoire privéehiddenfr"
    french.slug = "histoire-privee"
    publish(french)
    PageViewRestriction.objects.create(page=french, restriction_type="login", password="")
    body = client.get(f"{API}/stories/{linked['host'].pk}?locale=fr").content.decode()
    assert "hiddenfr" not in body and "histoire-privee" not in body
    assert "Public control story" in body
    english = client.get(f"{API}/stories/{public.pk}").json()
    assert english["translations"] == []


@pytest.mark.django_db
def test_blocks_list_no_page_of_another_site(client, locales):
    index = make_story_index()
    other_index = _other_site_index()
    field_story = story(index, "Home site story", slug="home-site")
    other = story(other_index, "Story hiddenforeign", slug="hiddenforeign")
    from wagtail_osce.snippets import FieldOfWork

    policing = FieldOfWork.objects.create(
        name="Policing", slug="policing", sort_order=1, locale=locales["en"]
    )
    for page in (field_story, other):
        page.fields_of_work = [policing]
        publish(page)
    host = StoryPage(title="Host story", slug="host-story", date=datetime.date(2024, 6, 1))
    host.related_stories = [
        {
            "type": "related_stories",
            "value": {"heading": "More", "stories": [], "field_of_work": policing.pk, "count": 3},
        }
    ]
    host = add_page(index, host)
    body = client.get(f"{API}/stories/{host.pk}").content.decode()
    assert "Home site story" in body
    assert "hiddenforeign" not in body
    assert site_root() is not None


@pytest.mark.django_db
def test_a_newer_draft_of_a_linked_page_is_not_shown(client, locales):
    index = make_story_index()
    target = story(index, "Live title", slug="live-title")
    target.title = "Draft title hiddendrafttitle"
    target.save_revision()
    host = StoryPage(title="Host story", slug="host-story", date=datetime.date(2024, 6, 1))
    host.body = _body([target])
    host.related_stories = _related([target])
    host = add_page(index, host)
    for name, body in _responses(client, host).items():
        assert "Live title" in body, name
        assert "hiddendrafttitle" not in body, name
