"""The translation editor lists the reference data a page shows, in the target language.

A French translator sees the States, structures, fields of work and meeting series
of the story by their French names, and a link to translate the one that exists
only in English; the links offered are only those the translator may follow.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page

from tests.localize.builders import Content, submit
from wagtail_osce.permissions.models import GroupLocalePermission
from wagtail_osce.snippets import FieldOfWork, ParticipatingState
from wagtail_osce.snippets.referenced import referenced_snippets

pytestmark = pytest.mark.django_db

#: Queries to list a story's references: one per many-to-many field and two per
#: snippet model (its rows, their translations), whatever the number of blocks.
QUERY_BUDGET = 11


@pytest.fixture
def cyber(content: Content) -> FieldOfWork:
    """A field of work that exists only in English, chosen on the story before it is translated."""
    cyber = FieldOfWork.objects.create(name="Cyber security", slug="cyber-security-new")
    story = content.story
    story.fields_of_work = [content.refs.policing, cyber]
    story.save_revision().publish()
    return cyber


@pytest.fixture
def french_story(content: Content, cyber: FieldOfWork) -> Page:
    story = Page.objects.get(pk=content.story.pk).specific
    submit(story, "fr")
    return story.get_translation(content.locales["fr"])


def french_translator(content: Content, *snippet_codenames: str) -> Any:
    """A translator of the French tree, with the snippet permissions named."""
    french = content.locales["fr"]
    french_home = Page.objects.get(depth=2, locale=french)
    group = Group.objects.create(name="French translators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
        *(Permission.objects.get(codename=codename) for codename in snippet_codenames),
    )
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=french_home, permission=Permission.objects.get(codename=codename)
        )
    GroupLocalePermission.objects.create(group=group, locale=french)
    user = get_user_model().objects.create_user("fr-translator", "fr@example.com", "pw")
    user.groups.add(group)
    return user


def panel_of(client: Any, page: Page) -> Any:
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one(".js-translation-editor") is not None  # wagtail-localize's editor
    return soup.select_one("[data-osce-referenced-snippets]")


def rows(panel: Any, translated: bool) -> dict[str, Any]:
    items = panel.select(f"li[data-translated={'true' if translated else 'false'}]")
    return {item.span.get_text(strip=True): item for item in items}


def test_referenced_snippets_come_from_blocks_fields_and_relations(
    content: Content, cyber: FieldOfWork
) -> None:
    french = content.locales["fr"]
    story = Page.objects.get(pk=content.story.pk).specific
    found = {ref.source: ref.translation for ref in referenced_snippets(story, french)}
    # The States block and the countries field, the structures block and the sources,
    # the fields of work block and field, the related stories' and meetings' choosers.
    assert set(found) == {
        content.refs.austria,
        content.refs.secretariat,
        content.refs.policing,
        content.refs.series,
        cyber,
    }
    assert found[content.refs.austria].name == "Autriche"
    assert found[content.refs.austria].locale == french
    assert found[cyber] is None


def test_editor_shows_french_names_and_a_translate_link(
    admin_client: Any, content: Content, french_story: Page
) -> None:
    panel = panel_of(admin_client, french_story)
    assert panel is not None
    translated = rows(panel, translated=True)
    assert "Autriche" in translated
    assert translated["Autriche"].span["lang"] == "fr"
    french_austria = ParticipatingState.objects.get(iso_code="AT", locale=content.locales["fr"])
    assert translated["Autriche"].a["href"] == (
        f"/admin/snippets/wagtail_osce/participatingstate/edit/{french_austria.pk}/"
    )
    untranslated = rows(panel, translated=False)
    assert list(untranslated) == ["Cyber security"]
    link = untranslated["Cyber security"].a["href"]
    cyber = FieldOfWork.objects.get(slug="cyber-security-new")
    assert link == (
        f"/admin/localize/submit/snippet/wagtail_osce/fieldofwork/{cyber.pk}/?select_locale=fr"
    )
    assert "1 is not translated into French yet" in panel.get_text(" ", strip=True)

    # The link starts the translation with French chosen; submitting it makes a French row.
    form = BeautifulSoup(admin_client.get(link).content.decode(), "html.parser")
    french_box = form.select_one(f"input[name=locales][value='{content.locales['fr'].pk}']")
    assert french_box is not None and french_box.has_attr("checked")
    response = admin_client.post(link, {"locales": [content.locales["fr"].pk]})
    assert response.status_code == 302
    assert cyber.has_translation(content.locales["fr"])
    panel = panel_of(admin_client, french_story)
    assert not rows(panel, translated=False)
    assert "Cyber security" in rows(panel, translated=True)


def test_a_translator_without_snippet_rights_gets_names_and_no_links(
    client: Any, content: Content, french_story: Page
) -> None:
    client.force_login(french_translator(content))
    panel = panel_of(client, french_story)
    assert "Autriche" in rows(panel, translated=True)
    assert "Cyber security" in rows(panel, translated=False)
    assert panel.select("a") == []
    # Which is right: the snippet translation would be refused.
    cyber = FieldOfWork.objects.get(slug="cyber-security-new")
    url = f"/admin/localize/submit/snippet/wagtail_osce/fieldofwork/{cyber.pk}/"
    assert client.post(url, {"locales": [content.locales["fr"].pk]}).status_code == 403
    assert not cyber.has_translation(content.locales["fr"])


def test_a_translator_sees_the_links_of_the_snippets_they_may_translate(
    client: Any, content: Content, french_story: Page
) -> None:
    client.force_login(french_translator(content, "change_fieldofwork"))
    panel = panel_of(client, french_story)
    translated = rows(panel, translated=True)
    # Fields of work: the French rows are theirs to edit. States: not theirs, names only.
    policing = FieldOfWork.objects.get(slug="policing", locale=content.locales["fr"])
    assert translated[policing.name].a["href"] == (
        f"/admin/snippets/wagtail_osce/fieldofwork/edit/{policing.pk}/"
    )
    assert translated["Autriche"].a is None
    link = rows(panel, translated=False)["Cyber security"].a["href"]
    assert client.get(link).status_code == 200
    assert client.get(translated[policing.name].a["href"]).status_code == 200


def test_finding_the_references_costs_the_same_for_any_number_of_blocks(
    content: Content, django_assert_max_num_queries: Any
) -> None:
    french = content.locales["fr"]
    story = Page.objects.get(pk=content.story.pk).specific
    with django_assert_max_num_queries(QUERY_BUDGET):
        found = referenced_snippets(story, french)
    assert len(found) == 4

    # Ten more States blocks, each naming other States: the same queries.
    states = list(
        ParticipatingState.objects.filter(locale=Locale.get_default()).order_by("pk")[:20]
    )
    story.body = list(story.body.raw_data) + [
        {"type": "states", "value": {"heading": "", "states": [s.pk for s in states[i : i + 2]]}}
        for i in range(0, 20, 2)
    ]
    story.save_revision().publish()
    story = Page.objects.get(pk=content.story.pk).specific
    with django_assert_max_num_queries(QUERY_BUDGET):
        found = referenced_snippets(story, french)
    assert len(found) == 4 + len({s.pk for s in states} - {content.refs.austria.pk})
