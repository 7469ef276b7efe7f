"""Browsers on the frontend's origin may call the API, and only the API."""

from __future__ import annotations

import pytest

from tests.api.builders import API

FRONTEND = "http://127.0.0.1:3000"


@pytest.fixture
def frontend(settings):
    settings.WAGTAIL_OSCE = {"FRONTEND_URLS": {"default": f"{FRONTEND}/"}}


@pytest.mark.django_db
def test_a_preflight_from_the_frontend_is_answered(client, frontend, locales):
    response = client.options(
        f"{API}/stories",
        HTTP_ORIGIN=FRONTEND,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


@pytest.mark.django_db
def test_a_simple_request_from_the_frontend_may_read_the_etag(client, frontend, locales):
    response = client.get(f"{API}/fields-of-work", HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert "ETag" in response["Access-Control-Expose-Headers"]


@pytest.mark.django_db
def test_another_origin_gets_no_cors_headers(client, frontend, locales):
    response = client.get(f"{API}/fields-of-work", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_the_admin_never_gets_cors_headers(admin_client, frontend, locales):
    for url in ("/admin/", "/admin/login/"):
        response = admin_client.get(url, HTTP_ORIGIN=FRONTEND)
        assert "Access-Control-Allow-Origin" not in response, url


@pytest.mark.django_db
def test_explicit_origins_replace_the_frontends(client, settings, locales):
    settings.WAGTAIL_OSCE = {
        "FRONTEND_URLS": {"default": FRONTEND},
        "CORS_ALLOWED_ORIGINS": ["https://app.example"],
    }
    allowed = client.get(f"{API}/fields-of-work", HTTP_ORIGIN="https://app.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
    assert "Access-Control-Allow-Origin" not in client.get(
        f"{API}/fields-of-work", HTTP_ORIGIN=FRONTEND
    )


@pytest.mark.django_db
def test_the_docs_page_serves_swagger_ui_from_the_sites_static_files(client):
    html = client.get(f"{API}/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
