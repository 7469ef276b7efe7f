"""The example site's demo setup: idempotent, and the home page serves."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from home.models import HomePage
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("osce_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_osce_demo_sets_up_the_site_and_is_idempotent(client, settings) -> None:
    output = _run("--password", "pw-one")
    assert "admin / pw-one" in output

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "OSCE example"
    assert not Page.objects.filter(depth=2, title__startswith="Welcome").exists()
    codes = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert set(Locale.objects.values_list("language_code", flat=True)) == codes
    assert (
        set(home.get_translations(inclusive=True).values_list("locale__language_code", flat=True))
        == codes
    )

    def counts() -> tuple[int, ...]:
        return (
            Page.objects.count(),
            Revision.objects.count(),
            Locale.objects.count(),
            Site.objects.count(),
            get_user_model().objects.count(),
            # The seed story's French and Russian translations are not made again.
            TranslationSource.objects.count(),
            Translation.objects.count(),
            StringTranslation.objects.count(),
        )

    first = counts()
    assert first[-1] > 0
    second_output = _run("--password", "pw-two")
    assert counts() == first
    assert "Published the" not in second_output
    assert Page.find_problems() == ([], [], [], [], [])
    assert get_user_model().objects.get(username="admin").check_password("pw-two")

    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="en"' in response.content
    response = client.get("/fr/")
    assert response.status_code == 200
    assert b'<html lang="fr"' in response.content
    assert client.login(username="admin", password="pw-two")
