"""Editors are warned, in the page editor, about links to pages visitors cannot see."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.api.builders import add_page, story, story_index
from wagtail_osce.pages.models import StoryPage


def _host(index, target) -> StoryPage:
    host = StoryPage(title="Host story", slug="host-story", date=datetime.date(2024, 6, 1))
    host.body = [
        {
            "type": "link",
            "value": {"page": target.pk, "document": None, "url": "", "text": "Read on"},
        }
    ]
    return add_page(index, host)


@pytest.mark.django_db
def test_the_editor_is_told_about_a_link_to_a_private_page(admin_client, locales):
    index = story_index()
    target = story(index, "Confidential briefing", slug="confidential")
    PageViewRestriction.objects.create(page=target, restriction_type="login", password="")
    host = _host(index, target)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[host.pk])).content.decode()
    assert "visitors cannot see" in html
    assert "Confidential briefing" in html


@pytest.mark.django_db
def test_no_warning_when_every_link_is_public(admin_client, locales):
    index = story_index()
    host = _host(index, story(index, "Public briefing", slug="public-briefing"))
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[host.pk])).content.decode()
    assert "visitors cannot see" not in html
