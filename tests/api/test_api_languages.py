"""Which language the API serves, how it names it, and that nothing varies on Accept-Language."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from tests.api.builders import API, get
from wagtail_osce.api.headers import ignore_accept_language
from wagtail_osce.locales import UnknownLocale, normalize_language_code

CODES = ["en", "fr", "de", "zh-hans"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr-ch", "fr"),
        ("fr_CH", "fr"),
        ("Fr-Latn-CH", "fr"),
        ("zh-Hans", "zh-hans"),
        ("zh_hans_cn", "zh-hans"),
        ("", None),
        (None, None),
    ],
)
def test_language_codes_are_read_as_the_configured_code(value, expected):
    assert normalize_language_code(value, CODES) == expected


@pytest.mark.parametrize("value", ["xx", "fr-", "-fr", "fr ch", "zh", "french", "e" * 40])
def test_codes_of_no_content_language_are_refused(value):
    with pytest.raises(UnknownLocale):
        normalize_language_code(value, CODES)


@pytest.fixture
def api_cache(settings):
    settings.WAGTAIL_OSCE = {**getattr(settings, "WAGTAIL_OSCE", {}), "API_CACHE_MAX_AGE": 60}
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["FR", "fr-ch", "fr_CH"])
def test_variants_serve_the_language(client, stories, value):
    body = client.get(f"{API}/stories?locale={value}").json()
    assert body["results"][1]["title"] == "Observation des élections"
    assert {item["requested_locale"] for item in body["results"]} == {"fr"}


@pytest.mark.django_db
def test_an_empty_locale_is_the_default(client, stories):
    assert client.get(f"{API}/stories?locale=").json() == client.get(f"{API}/stories").json()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["xx", "fr-", "en-"])
def test_unknown_locales_are_a_400_naming_locale(client, stories, value):
    response = client.get(f"{API}/stories?locale={value}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "locale"
    response = client.get(f"{API}/stories/{stories['second'].pk}?locale={value}")
    assert (response.status_code, response.json()["error"]["parameter"]) == (400, "locale")


@pytest.mark.django_db
def test_spellings_of_one_language_share_one_cache_entry(client, stories, api_cache):
    story_id = stories["second"].pk
    first = client.get(f"{API}/stories/{story_id}?locale=fr")
    assert first.json()["title"] == "Observation des élections"
    for value in ("FR", "fr-ch", "fr_CH"):
        response, queries = get(client, f"{API}/stories/{story_id}?locale={value}")
        assert response.content == first.content
        assert response["ETag"] == first["ETag"]
        # Served from the entry the first request stored: only the content version is read.
        assert queries <= 1, value


@pytest.mark.django_db
def test_accept_language_changes_nothing_and_is_not_in_vary(client, stories):
    plain = client.get(f"{API}/stories")
    french = client.get(f"{API}/stories", HTTP_ACCEPT_LANGUAGE="fr")
    assert french.content == plain.content
    for response in (plain, french, client.get(f"{API}/stories/{stories['first'].pk}")):
        assert "accept-language" not in response.get("Vary", "").lower()
    for path in ("openapi.json", "stories?locale=xx"):
        response = client.get(f"{API}/{path}", HTTP_ACCEPT_LANGUAGE="fr")
        assert "accept-language" not in response.get("Vary", "").lower()
        # Not the reader's language: what the response is in.
        assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_content_language_is_the_language_served(client, stories, api_cache):
    second, second_fr = stories["second"], stories["second_fr"]
    # A French detail, though the reader's browser asks for German.
    response = client.get(f"{API}/stories/{second.pk}?locale=fr", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "fr"
    # Again from the cache, and as a 304.
    assert client.get(f"{API}/stories/{second.pk}?locale=fr")["Content-Language"] == "fr"
    not_modified = client.get(
        f"{API}/stories/{second.pk}?locale=fr", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert (not_modified.status_code, not_modified["Content-Language"]) == (304, "fr")
    # A page in its own locale, and a story not translated yet served in English.
    assert client.get(f"{API}/pages/{second_fr.pk}")["Content-Language"] == "fr"
    fallback = client.get(f"{API}/stories/{stories['first'].pk}?locale=fr")
    assert fallback.json()["is_fallback"] is True
    assert fallback["Content-Language"] == "en"
    # A French listing mixing English stories not translated yet.
    assert client.get(f"{API}/stories?locale=fr")["Content-Language"] == "fr, en"
    assert client.get(f"{API}/stories")["Content-Language"] == "en"
    # Nothing matches: the listing is still in the language asked for.
    empty = client.get(f"{API}/stories?locale=fr&date_from=2030-01-01")
    assert (empty.json()["count"], empty["Content-Language"]) == (0, "fr")


@pytest.mark.django_db
def test_the_document_names_content_language(client, locales):
    document = client.get(f"{API}/openapi.json").json()
    responses = document["paths"][f"{API}/stories"]["get"]["responses"]
    for status in ("200", "304"):
        header = responses[status]["headers"]["Content-Language"]
        assert "Accept-Language" in header["description"]


def test_other_vary_headers_are_kept():
    response = HttpResponse()
    response["Vary"] = "Accept-Language, Cookie"
    ignore_accept_language(response)
    assert response["Vary"] == "Cookie"
    patch_vary_headers(response, ("Accept-Language", "Origin"))
    assert response["Vary"] == "Cookie, Origin"
    only = ignore_accept_language(HttpResponse())
    patch_vary_headers(only, ("Accept-Language",))
    assert not only.has_header("Vary")
