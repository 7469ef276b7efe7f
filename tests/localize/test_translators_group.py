"""The example site's Translators group and demo translator, as ``osce_demo`` sets them up.

Translators get what translating takes and no more: the admin, starting and
syncing translations, editing and publishing the pages of the translated trees
(never the English source), editing the reference data's texts, and choosing
images and documents. The last test is the whole job done through the admin as
the demo translator: the seed story submitted into German, translated string by
string, published, and served in German by the API.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from wagtail_osce.pages.models import StoryPage
from wagtail_osce.snippets import FieldOfWork, ParticipatingState

pytestmark = pytest.mark.django_db

TRANSLATOR_PASSWORD = "translate-me"
SEED_STORY_SLUG = "countering-transnational-threats"


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command(
        "osce_demo", "--password", "admin-pw", "--translator-password", TRANSLATOR_PASSWORD,
        *args, stdout=out,
    )  # fmt: skip
    return out.getvalue()


@pytest.fixture
def demo() -> str:
    return run_demo()


def home() -> Page:
    return Site.objects.get(is_default_site=True).root_page.specific


def group_state(group: Group) -> tuple[set, set, set]:
    return (
        {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()},
        {
            (row.page.locale.language_code, row.permission.codename)
            for row in GroupPagePermission.objects.filter(group=group)
        },
        {
            (row.collection.depth, row.permission.codename)
            for row in GroupCollectionPermission.objects.filter(group=group)
        },
    )


def test_the_translators_group_holds_only_what_translating_takes(demo: str) -> None:
    assert f"translator / {TRANSLATOR_PASSWORD}" in demo
    group = Group.objects.get(name="Translators")
    permissions, page_permissions, collection_permissions = group_state(group)
    assert permissions == {
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "wagtail_osce.change_participatingstate",
        "wagtail_osce.change_partner",
        "wagtail_osce.change_structure",
        "wagtail_osce.change_fieldofwork",
        "wagtail_osce.change_meetingseries",
        "wagtail_osce.change_chairpersonship",
    }
    # Edit and publish on every translated tree; nothing on the English source tree.
    assert page_permissions == {
        (code, codename)
        for code in ("fr", "de", "it", "ru", "es")
        for codename in ("change_page", "publish_page")
    }
    assert collection_permissions == {(1, "choose_image"), (1, "choose_document")}

    translator = get_user_model().objects.get(username="translator")
    assert list(translator.groups.all()) == [group]
    assert not translator.is_superuser and not translator.is_staff
    assert translator.check_password(TRANSLATOR_PASSWORD)


def test_running_the_demo_again_restores_the_group_and_changes_nothing_else(demo: str) -> None:
    group = Group.objects.get(name="Translators")
    before = group_state(group)
    counts = (GroupPagePermission.objects.count(), get_user_model().objects.count())

    # An extra permission given by hand is taken away again: the list in osce_demo is the rule.
    group.permissions.add(
        *Permission.objects.filter(codename__in=["delete_fieldofwork", "add_locale"])
    )
    output = run_demo()
    assert group_state(group) == before
    assert (GroupPagePermission.objects.count(), get_user_model().objects.count()) == counts
    assert "Created group" not in output and "Created user" not in output

    # A locale added to the site later gets its tree opened to translators on the next run.
    locale = Locale.objects.create(language_code="pl")
    home().copy_for_translation(locale, alias=True)
    run_demo()
    assert ("pl", "change_page") in group_state(group)[1]


def test_the_translator_may_translate_but_not_change_the_source(client: Any, demo: str) -> None:
    translator = get_user_model().objects.get(username="translator")
    story = StoryPage.objects.get(slug=SEED_STORY_SLUG)
    ru_home = home().get_translation(Locale.objects.get(language_code="ru"))

    source_perms = story.permissions_for_user(translator)
    assert not source_perms.can_edit() and not source_perms.can_publish()
    assert not home().permissions_for_user(translator).can_add_subpage()
    ru_perms = ru_home.permissions_for_user(translator)
    assert ru_perms.can_edit() and ru_perms.can_publish()
    assert not ru_perms.can_add_subpage()
    assert not ru_perms.can_lock() and not ru_perms.can_unlock()

    assert client.login(username="translator", password=TRANSLATOR_PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).status_code != 200
    assert client.get(reverse("wagtaillocales:index")).status_code != 200
    assert client.get(reverse("wagtailusers_users:index")).status_code != 200
    snippets = "wagtailsnippets_wagtail_osce_fieldofwork"
    assert client.get(reverse(f"{snippets}:list")).status_code == 200
    assert client.get(reverse(f"{snippets}:add")).status_code != 200
    policing = FieldOfWork.objects.get(slug="policing", locale__language_code="ru")
    assert client.get(reverse(f"{snippets}:edit", args=[policing.pk])).status_code == 200
    assert client.get(reverse(f"{snippets}:delete", args=[policing.pk])).status_code != 200


def form_data(response: Any) -> dict[str, Any]:
    """The values an edit form was rendered with, as the browser would post them back."""
    form = response.context["form"]
    return {field.html_name: field.value() for field in form if field.value() not in (None, "")}


def test_the_demo_translator_translates_and_publishes_the_seed_story_in_german(
    client: Any, demo: str, django_capture_on_commit_callbacks: Any
) -> None:
    de = Locale.objects.get(language_code="de")
    story = StoryPage.objects.get(slug=SEED_STORY_SLUG, locale=Locale.get_default())
    # The editor files the story under the States whose field operations it mentions.
    central_asia = ["KZ", "KG", "TJ", "TM", "UZ"]
    story.countries = ParticipatingState.objects.filter(
        locale=Locale.get_default(), iso_code__in=central_asia
    )
    story.save_revision().publish()
    # ... and, as the story is already translated (the demo ships it in French and
    # Russian), brings its translation source up to date: "Sync translated pages".
    # Without it wagtail-localize translates the source as it was first submitted.
    assert client.login(username="admin", password="admin-pw")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:update_translations",
                args=[TranslationSource.objects.get_for_instance(story).pk],
            ),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="translator", password=TRANSLATOR_PASSWORD)

    # "Translate this page" into German (the demo already ships French and Russian).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[story.pk]),
            {"locales": [de.pk]},
        )
    assert response.status_code == 302
    german = story.get_translation(de)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(story), target_locale=de
    )
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[german.pk]))
    assert editor.status_code == 200

    # Every string, one by one, as the translation editor saves them.
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    texts = {segment.string.data for segment in segments}
    assert "participating States" in texts, "key figure labels are offered for translation"
    assert "Countering transnational threats" in texts
    for segment in segments:
        value = {
            "Countering transnational threats": "Bekämpfung transnationaler Bedrohungen",
            "participating States": "Teilnehmerstaaten",
        }.get(segment.string.data, f"[de] {segment.string.data}")
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201, response.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"}
        )
    assert response.status_code == 302

    # The translator may edit the German names of the fields of work; the API serves them.
    names = {
        "countering-terrorism": "Terrorismusbekämpfung",
        "policing": "Polizeiarbeit",
        "border-management": "Grenzmanagement",
        "combating-trafficking-in-human-beings": "Bekämpfung des Menschenhandels",
        "cyber-ict-security": "Cyber-/IKT-Sicherheit",
    }
    snippets = "wagtailsnippets_wagtail_osce_fieldofwork"
    for slug, name in names.items():
        row = FieldOfWork.objects.get(slug=slug, locale=de)
        url = reverse(f"{snippets}:edit", args=[row.pk])
        response = client.post(url, {**form_data(client.get(url)), "name": name})
        assert response.status_code == 302, response.context["form"].errors

    response = client.get(f"/api/osce/stories/{story.pk}?locale=de")
    assert response.status_code == 200
    data = response.json()
    assert data["locale"] == "de" and not data["is_fallback"]
    assert data["title"] == "Bekämpfung transnationaler Bedrohungen"
    assert data["lead"].startswith("[de] The need to “connect the dots”")
    assert sorted(f["name"] for f in data["fields_of_work"]) == sorted(names.values())
    german_states = ParticipatingState.objects.filter(locale=de, iso_code__in=central_asia)
    assert sorted(c["name"] for c in data["countries"]) == sorted(s.name for s in german_states)
    assert "Tadschikistan" in {c["name"] for c in data["countries"]}
    assert all(s["locale"] == "de" for s in data["sources"])
    figures = next(b["value"] for b in data["body"] if b["type"] == "key_figures")
    assert figures["figures"][0] == {"value": "57", "label": "Teilnehmerstaaten"}

    # The German page itself points at the German rows.
    german = StoryPage.objects.get(pk=german.pk)
    assert {row.locale_id for row in german.fields_of_work.all()} == {de.pk}
    assert client.get(german.get_url()).status_code == 200
    # Without bulk delete, the translated section holding the story cannot be deleted.
    translator = get_user_model().objects.get(username="translator")
    assert not german.get_parent().permissions_for_user(translator).can_delete()


def test_demo_groups_keep_translators_to_their_languages(client: Any, demo: str) -> None:
    """The demo translator cannot rename the English Austria; its French row is theirs."""
    from wagtail.models import ModelLogEntry

    from wagtail_osce.permissions.models import GroupLocalePermission

    def languages(name: str) -> set[str]:
        return set(
            GroupLocalePermission.objects.filter(group__name=name).values_list(
                "locale__language_code", flat=True
            )
        )

    assert languages("Translators") == {"fr", "de", "it", "ru", "es"}
    assert languages("French translators") == {"fr"}
    assert languages("Russian translators") == {"ru"}
    assert languages("Editors") == {"en"}
    french_user = get_user_model().objects.get(username="translator-fr")
    assert [g.name for g in french_user.groups.all()] == ["French translators"]
    assert "translator-fr" in demo and "editor" in demo

    austria = ParticipatingState.objects.get(iso_code="AT", locale=Locale.get_default())
    autriche = ParticipatingState.objects.get(iso_code="AT", locale__language_code="fr")
    url = reverse("wagtailsnippets_wagtail_osce_participatingstate:edit", args=[austria.pk])
    assert client.login(username="admin", password="admin-pw")
    data = form_data(client.get(url))
    client.logout()

    for username in ("translator", "translator-fr"):
        assert client.login(username=username, password=TRANSLATOR_PASSWORD)
        response = client.post(url, {**data, "name": "Renamed"})
        assert response.status_code == 403
        austria.refresh_from_db()
        assert austria.name == "Austria"
        assert ModelLogEntry.objects.filter(
            action="wagtail_osce.permission_denied",
            user__username=username,
            object_id=str(austria.pk),
        ).exists()
        client.logout()

    # The French translator's own row, and the editor's English one, open as usual.
    assert client.login(username="translator-fr", password=TRANSLATOR_PASSWORD)
    french_url = reverse("wagtailsnippets_wagtail_osce_participatingstate:edit", args=[autriche.pk])
    assert client.get(french_url).status_code == 200
    client.logout()
    assert client.login(username="editor", password=TRANSLATOR_PASSWORD)
    response = client.post(url, {**data, "note": "Host of the Secretariat."})
    assert response.status_code == 302
    austria.refresh_from_db()
    assert austria.note == "Host of the Secretariat."
