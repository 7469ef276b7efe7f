"""Translators work only in their languages: locale-scoped permissions on the reference snippets.

For every snippet type, a French translator translates into French and publishes,
and is refused (403, row unchanged, audit entry) everywhere else: the English
source, the Russian row, delete and bulk delete, the chooser, the history, and
wagtail-localize's "translate" and "sync" actions. An editor holding English
changes the source; a superuser does everything.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from tests.factories import (
    ChairpersonshipFactory,
    FieldOfWorkFactory,
    MeetingSeriesFactory,
    ParticipatingStateFactory,
    PartnerFactory,
    StructureFactory,
)
from tests.snippets.builders import PASSWORD
from wagtail_osce.permissions.audit import PERMISSION_DENIED
from wagtail_osce.permissions.models import GroupLocalePermission
from wagtail_osce.permissions.policy import LocalePermissionPolicy, locales_for_user
from wagtail_osce.permissions.views import LocaleScopedSnippetViewSet
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    model: type[Model]
    factory: Callable[..., Model]


CASES = [
    Case(ParticipatingState, ParticipatingStateFactory),
    Case(Partner, PartnerFactory),
    Case(Structure, StructureFactory),
    Case(FieldOfWork, FieldOfWorkFactory),
    Case(MeetingSeries, MeetingSeriesFactory),
    Case(Chairpersonship, ChairpersonshipFactory),
]


@pytest.fixture(params=CASES, ids=lambda case: case.model.__name__)
def case(request: Any) -> Case:
    return request.param


@dataclass
class Rows:
    """One object in English with its French and Russian rows."""

    en: Model
    fr: Model
    ru: Model


@pytest.fixture
def rows(case: Case, locales: dict[str, Locale]) -> Rows:
    english = case.factory(name="Source name")
    translated = {}
    for code in ("fr", "ru"):
        row = english.copy_for_translation(locales[code])
        row.name = f"{code} name"
        if isinstance(row, Chairpersonship):
            # A Chairpersonship names the chairing State in its own language.
            state = english.state.copy_for_translation(locales[code])
            state.save()
            row.state = state
        row.save()
        translated[code] = row
    return Rows(english, translated["fr"], translated["ru"])


def url(model: type[Model], view: str, *args: Any) -> str:
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def login(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def edit_form_data(admin_client: Client, instance: Model, **changes: Any) -> dict[str, Any]:
    """The values the edit form shows for ``instance`` (read as a superuser), with ``changes``."""
    response = admin_client.get(url(type(instance), "edit", instance.pk))
    assert response.status_code == 200
    form = response.context["form"]
    data = {field.html_name: field.value() for field in form if field.value() not in (None, "")}
    return {**data, **changes}


def refusals(user: Any, instance: Model) -> list[dict[str, Any]]:
    """The audit log's refusal entries for ``user`` on ``instance``."""
    return [
        entry.data
        for entry in ModelLogEntry.objects.filter(
            action=PERMISSION_DENIED,
            user=user,
            content_type=ContentType.objects.get_for_model(type(instance)),
            object_id=str(instance.pk),
        ).order_by("pk")
    ]


def name_of(instance: Model) -> str:
    return type(instance)._default_manager.get(pk=instance.pk).name


# -- Every snippet type is under the policy ------------------------------------------------


def test_every_reference_snippet_is_under_the_locale_policy(case: Case) -> None:
    viewset = case.model.snippet_viewset
    assert isinstance(viewset, LocaleScopedSnippetViewSet)
    assert isinstance(viewset.permission_policy, LocalePermissionPolicy)


# -- Changing ------------------------------------------------------------------------------


def test_french_translator_changes_the_french_row(
    case: Case, rows: Rows, french_translator: Any, admin_client: Client
) -> None:
    data = edit_form_data(admin_client, rows.fr, name="Nom français")
    response = login(french_translator).post(url(case.model, "edit", rows.fr.pk), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert name_of(rows.fr) == "Nom français"
    assert refusals(french_translator, rows.fr) == []


@pytest.mark.parametrize("code", ["en", "ru"])
def test_french_translator_cannot_change_another_language(
    case: Case, rows: Rows, french_translator: Any, admin_client: Client, code: str
) -> None:
    row = getattr(rows, code)
    before = name_of(row)
    data = edit_form_data(admin_client, row, name="Renamed by a translator")
    client = login(french_translator)

    assert client.get(url(case.model, "edit", row.pk)).status_code == 403
    response = client.post(url(case.model, "edit", row.pk), data)

    assert response.status_code == 403
    assert name_of(row) == before
    logged = refusals(french_translator, row)
    assert [(entry["action"], entry["reason"], entry["method"]) for entry in logged] == [
        ("change", "locale", "GET"),
        ("change", "locale", "POST"),
    ]
    assert {entry["locale"] for entry in logged} == {code}


def test_editor_with_the_source_locale_changes_the_english_row_only(
    case: Case, rows: Rows, editor: Any, admin_client: Client
) -> None:
    client = login(editor)
    response = client.post(
        url(case.model, "edit", rows.en.pk), edit_form_data(admin_client, rows.en, name="New")
    )
    assert response.status_code == 302
    assert name_of(rows.en) == "New"

    response = client.post(
        url(case.model, "edit", rows.fr.pk), edit_form_data(admin_client, rows.fr, name="Oops")
    )
    assert response.status_code == 403
    assert name_of(rows.fr) == "fr name"


def test_superuser_changes_and_deletes_every_language(
    case: Case, rows: Rows, admin_client: Client
) -> None:
    for row in (rows.en, rows.fr, rows.ru):
        data = edit_form_data(admin_client, row, name=f"Admin {row.locale.language_code}")
        assert admin_client.post(url(case.model, "edit", row.pk), data).status_code == 302
        assert name_of(row) == f"Admin {row.locale.language_code}"
    assert admin_client.post(url(case.model, "delete", rows.ru.pk)).status_code == 302
    assert not case.model.objects.filter(pk=rows.ru.pk).exists()


def test_editor_adds_rows_in_the_source_language_only(
    case: Case, rows: Rows, editor: Any, locales: dict[str, Locale]
) -> None:
    client = login(editor)
    assert client.get(url(case.model, "add") + "?locale=en").status_code == 200
    count = case.model.objects.count()
    response = client.post(url(case.model, "add") + "?locale=fr", {"name": "Nouveau"})
    assert response.status_code == 403
    assert case.model.objects.count() == count
    entry = ModelLogEntry.objects.get(action=PERMISSION_DENIED, user=editor)
    assert entry.data["action"] == "add" and entry.data["locale"] == "fr"
    assert entry.data["model"] == case.model._meta.label


# -- Deleting ------------------------------------------------------------------------------


def test_french_translator_cannot_delete(case: Case, rows: Rows, french_translator: Any) -> None:
    client = login(french_translator)
    for row in (rows.fr, rows.en):
        response = client.post(url(case.model, "delete", row.pk))
        assert response.status_code == 403
        assert case.model.objects.filter(pk=row.pk).exists()
        assert [entry["action"] for entry in refusals(french_translator, row)] == ["delete"]
        assert refusals(french_translator, row)[0]["reason"] == "permission"


def bulk_delete_url(model: type[Model], *rows: Model) -> str:
    url = reverse(
        "wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"]
    )
    return f"{url}?{urlencode([('id', row.pk) for row in rows])}"


def test_bulk_delete_refuses_a_request_naming_another_language(
    case: Case, rows: Rows, french_translator: Any, french_editor: Any
) -> None:
    # Without the delete permission nothing is deleted, in French or in English.
    response = login(french_translator).post(bulk_delete_url(case.model, rows.fr, rows.en))
    assert response.status_code == 403
    assert case.model.objects.filter(pk__in=[rows.fr.pk, rows.en.pk]).count() == 2

    # With it, one English row in the request refuses the whole request.
    client = login(french_editor)
    response = client.post(bulk_delete_url(case.model, rows.fr, rows.en))
    assert response.status_code == 403
    assert case.model.objects.filter(pk__in=[rows.fr.pk, rows.en.pk]).count() == 2
    assert refusals(french_editor, rows.en)[0]["action"] == "delete"
    assert refusals(french_editor, rows.fr) == []

    # French rows alone are deleted.
    response = client.post(bulk_delete_url(case.model, rows.fr))
    assert response.status_code == 302
    assert not case.model.objects.filter(pk=rows.fr.pk).exists()
    assert case.model.objects.filter(pk=rows.en.pk).exists()


def test_french_editor_deletes_french_rows_only(case: Case, rows: Rows, french_editor: Any) -> None:
    client = login(french_editor)
    assert client.post(url(case.model, "delete", rows.en.pk)).status_code == 403
    assert case.model.objects.filter(pk=rows.en.pk).exists()
    assert client.post(url(case.model, "delete", rows.fr.pk)).status_code == 302
    assert not case.model.objects.filter(pk=rows.fr.pk).exists()


# -- Listing, chooser, history -------------------------------------------------------------


def test_listing_links_only_the_rows_the_translator_may_change(
    case: Case, rows: Rows, french_translator: Any
) -> None:
    client = login(french_translator)
    # The listing opens on the translator's language...
    response = client.get(url(case.model, "list"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert url(case.model, "edit", rows.fr.pk) in {a["href"] for a in page.select("a[href]")}
    assert "Source name" not in page.get_text()
    # ...and with "All", the other languages are listed, read-only, for reference.
    response = client.get(url(case.model, "list") + "?locale=all")
    page = BeautifulSoup(response.content, "html.parser")
    links = {a["href"] for a in page.select("a[href]")}
    assert url(case.model, "edit", rows.fr.pk) in links
    assert url(case.model, "edit", rows.en.pk) not in links
    assert url(case.model, "edit", rows.ru.pk) not in links
    text = page.get_text()
    assert "Source name" in text and "ru name" in text


def chooser_pks(response: Any) -> set[int]:
    """The ids a chooser modal (JSON) or its results panel (HTML) offers."""
    content = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        content = json.loads(content)["html"]
    html = BeautifulSoup(content, "html.parser")
    return {int(a["href"].rstrip("/").split("/")[-1]) for a in html.select("td.title a[href]")}


def test_chooser_offers_only_the_translators_languages(
    case: Case, rows: Rows, french_translator: Any, admin_client: Client
) -> None:
    chooser = case.model.snippet_viewset.chooser_viewset
    client = login(french_translator)
    response = client.get(reverse(chooser.get_url_name("choose")))
    assert response.status_code == 200
    offered = chooser_pks(response)
    assert rows.fr.pk in offered and not offered & {rows.en.pk, rows.ru.pk}
    # Asking for English by the locale filter finds nothing.
    english = client.get(reverse(chooser.get_url_name("choose_results")), {"locale": "en"})
    assert not chooser_pks(english) & {rows.en.pk}

    # Choosing a Russian row by its id is refused.
    response = client.get(reverse(chooser.get_url_name("chosen"), args=[rows.ru.pk]))
    assert response.status_code == 403
    assert refusals(french_translator, rows.ru)[0]["action"] == "choose"
    assert client.get(reverse(chooser.get_url_name("chosen"), args=[rows.fr.pk])).status_code == 200

    # A superuser sees every language.
    everything = chooser_pks(admin_client.get(reverse(chooser.get_url_name("choose"))))
    assert {rows.en.pk, rows.fr.pk, rows.ru.pk} <= everything


def test_history_of_another_language_is_refused(
    case: Case, rows: Rows, french_translator: Any
) -> None:
    client = login(french_translator)
    assert client.get(url(case.model, "history", rows.fr.pk)).status_code == 200
    assert client.get(url(case.model, "history", rows.en.pk)).status_code == 403
    assert refusals(french_translator, rows.en)[0]["action"] == "change"


def test_refusals_show_in_the_rows_history(
    case: Case, rows: Rows, french_translator: Any, admin_client: Client
) -> None:
    login(french_translator).get(url(case.model, "edit", rows.en.pk))
    history = admin_client.get(url(case.model, "history", rows.en.pk))
    text = BeautifulSoup(history.content, "html.parser").get_text()
    assert "Refused to change: the user's groups do not hold the locale en" in text


# -- wagtail-localize ----------------------------------------------------------------------


def test_french_translator_translates_a_new_row_into_french_and_publishes_it(
    case: Case, french_translator: Any, locales: dict[str, Locale]
) -> None:
    english = case.factory(name="Brand new")
    client = login(french_translator)
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[case.model._meta.app_label, case.model._meta.model_name, english.pk],
    )
    # The form offers French only, and posting Russian is refused.
    form = client.get(submit).context["form"]
    assert list(form.fields["locales"].queryset) == [locales["fr"]]
    response = client.post(submit, {"locales": [locales["ru"].pk]})
    assert response.status_code == 403
    assert not case.model.objects.filter(
        locale=locales["ru"], translation_key=english.translation_key
    ).exists()
    assert refusals(french_translator, english)[0]["locale"] == "ru"

    assert client.post(submit, {"locales": [locales["fr"].pk]}).status_code == 302
    french = case.model.objects.get(locale=locales["fr"], translation_key=english.translation_key)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(english), target_locale=locales["fr"]
    )
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        value = (
            "Tout nouveau" if segment.string.data == "Brand new" else f"[fr] {segment.string.data}"
        )
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201, response.content

    # The edit view is wagtail-localize's editor; publishing writes the French row.
    assert client.get(url(case.model, "edit", french.pk)).status_code == 200
    response = client.post(url(case.model, "edit", french.pk), {"action": "publish"})
    assert response.status_code == 302
    assert name_of(french) == "Tout nouveau"
    assert name_of(english) == "Brand new"


def test_translation_editor_of_another_language_is_refused(
    case: Case, french_translator: Any, locales: dict[str, Locale], admin_client: Client
) -> None:
    english = case.factory(name="Source")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[case.model._meta.app_label, case.model._meta.model_name, english.pk],
    )
    assert admin_client.post(submit, {"locales": [locales["ru"].pk]}).status_code == 302
    russian = case.model.objects.get(locale=locales["ru"], translation_key=english.translation_key)
    translation = Translation.objects.get(
        target_locale=locales["ru"], source__object_id=english.translation_key
    )
    segment = StringSegment.objects.filter(source=translation.source).first()

    client = login(french_translator)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "Piraté"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    assert (
        not translation.string_translations.exists()
        if hasattr(translation, "string_translations")
        else True
    )
    assert (
        client.post(url(case.model, "edit", russian.pk), {"action": "publish"}).status_code == 403
    )
    assert name_of(russian) == "Source"
    assert {entry["action"] for entry in refusals(french_translator, russian)} == {"change"}

    # "Sync translated snippets" acts on the English source: refused too.
    sync = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert client.post(sync, {"publish_translations": "on"}).status_code == 403
    assert refusals(french_translator, english)[0]["action"] == "change"


def test_sync_is_open_to_the_editor_of_the_source(
    case: Case, editor: Any, locales: dict[str, Locale], admin_client: Client
) -> None:
    english = case.factory(name="Source")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[case.model._meta.app_label, case.model._meta.model_name, english.pk],
    )
    assert admin_client.post(submit, {"locales": [locales["fr"].pk]}).status_code == 302
    source = TranslationSource.objects.get_for_instance(english)
    client = login(editor)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.post(sync, {}).status_code == 302
    # Publishing the synced French row needs French as well.
    assert client.post(sync, {"publish_translations": "on"}).status_code == 403


# -- Groups --------------------------------------------------------------------------------


def test_group_languages_are_edited_next_to_the_groups_permissions(
    admin_client: Client, locales: dict[str, Locale], french_translator: Any
) -> None:
    group = Group.objects.get(name="translator-fr group")
    edit = reverse("wagtailusers_groups:edit", args=[group.pk])
    response = admin_client.get(edit)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    boxes = page.select('input[name="osce_locale_permissions-locales"]')
    assert {box["value"] for box in boxes} == {str(locale.pk) for locale in locales.values()}
    assert {box["value"] for box in boxes if box.has_attr("checked")} == {str(locales["fr"].pk)}

    form = response.context["form"]
    data = {"name": group.name, "permissions": [p.pk for p in group.permissions.all()]}
    data.update({k: v for k, v in form.initial.items() if k not in data and v is not None})
    for formset in response.context["permission_panels"]:
        if hasattr(formset, "management_form"):
            data.update(
                {
                    f"{formset.prefix}-{key}": value
                    for key, value in formset.management_form.initial.items()
                }
            )
    data["osce_locale_permissions-locales"] = [locales["fr"].pk, locales["ru"].pk]
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.content[:2000]
    assert set(
        GroupLocalePermission.objects.filter(group=group).values_list(
            "locale__language_code", flat=True
        )
    ) == {"fr", "ru"}
    assert set(locales_for_user(french_translator).values_list("language_code", flat=True)) == {
        "fr",
        "ru",
    }


def test_editor_copies_rows_of_the_source_language_only(
    case: Case, rows: Rows, editor: Any
) -> None:
    client = login(editor)
    assert client.get(url(case.model, "copy", rows.en.pk)).status_code == 200
    count = case.model.objects.count()
    assert client.post(url(case.model, "copy", rows.fr.pk), {"name": "Copie"}).status_code == 403
    assert case.model.objects.count() == count


def test_sync_button_is_listed_only_for_who_may_sync(
    case: Case,
    editor: Any,
    french_translator: Any,
    locales: dict[str, Locale],
    admin_client: Client,
) -> None:
    english = case.factory(name="Source")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[case.model._meta.app_label, case.model._meta.model_name, english.pk],
    )
    assert admin_client.post(submit, {"locales": [locales["fr"].pk]}).status_code == 302
    source = TranslationSource.objects.get_for_instance(english)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])

    def listed(user: Any) -> bool:
        response = login(user).get(url(case.model, "list") + "?locale=en")
        links = {
            a["href"].split("?")[0]
            for a in BeautifulSoup(response.content, "html.parser").select("a[href]")
        }
        return sync in links

    assert listed(editor)
    assert not listed(french_translator)
