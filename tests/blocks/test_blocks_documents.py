"""Document blocks: document list and download: validation, HTML and API values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.blocks.builders import make_document, struct_errors
from wagtail_osce.blocks.documents import (
    DocumentListBlock,
    DocumentListOut,
    DownloadBlock,
    DownloadOut,
    file_description,
)

pytestmark = pytest.mark.django_db


def test_file_description_names_type_and_size() -> None:
    assert (
        file_description(make_document(filename="decision.pdf", size=120 * 1024)) == "PDF, 120 KB"
    )
    assert file_description(make_document(filename="data.xlsx", size=900)) == "XLSX, 900 bytes"
    big = make_document(filename="annex.zip", size=int(2.4 * 1024 * 1024))
    assert file_description(big) == "ZIP, 2.4 MB"


# Document list ----------------------------------------------------------------


def list_value(english, french) -> dict:
    return {
        "title": "Ministerial Council decisions",
        "items": [
            {"title": "Decision No. 1/24", "document": english, "language": "en"},
            {"title": "", "document": french, "language": "fr"},
        ],
    }


def test_document_list_is_valid_with_documents_in_official_languages() -> None:
    block = DocumentListBlock()
    block.clean(block.normalize(list_value(make_document(), make_document())))


def test_document_list_offers_the_six_official_languages_and_other() -> None:
    language_block = DocumentListBlock().child_blocks["items"].child_block.child_blocks["language"]
    codes = [code for code, _label in language_block.field.choices if code]
    assert codes == ["en", "fr", "de", "it", "ru", "es", "other"]


def test_document_list_rejects_an_unknown_language_and_names_it() -> None:
    block = DocumentListBlock()
    value = list_value(make_document(), make_document())
    value["items"][1]["language"] = "pt"
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(value))
    list_error = struct_errors(excinfo)["items"]
    assert list(list_error.block_errors) == [1]
    assert list(list_error.block_errors[1].block_errors) == ["language"]


def test_document_list_item_needs_a_document() -> None:
    block = DocumentListBlock()
    value = list_value(make_document(), None)
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(value))
    assert list(struct_errors(excinfo)["items"].block_errors[1].block_errors) == ["document"]


def test_document_list_needs_one_document() -> None:
    block = DocumentListBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize({"title": "Decisions", "items": []}))
    assert list(struct_errors(excinfo)) == ["items"]


def test_document_list_renders_links_with_language_type_and_size() -> None:
    english = make_document("Decision 1/24", "decision-en.pdf", size=120 * 1024)
    french = make_document("Décision 1/24", "decision-fr.pdf", size=130 * 1024)
    block = DocumentListBlock()
    html = block.render(block.normalize(list_value(english, french)))
    assert "<h2" in html and "Ministerial Council decisions" in html
    assert html.count("<li") == 2
    assert (
        f'<a href="{english.url}" type="application/pdf" hreflang="en">Decision No. 1/24</a>'
    ) in html
    assert "(English, PDF, 120 KB)" in html
    # An empty title override falls back on the document's own title.
    assert f'<a href="{french.url}" type="application/pdf" hreflang="fr">Décision 1/24</a>' in html
    assert "(French, PDF, 130 KB)" in html


def test_document_list_api_value_expands_documents() -> None:
    english = make_document("Decision 1/24", "decision-en.pdf", size=4096)
    french = make_document("Décision 1/24", "decision-fr.pdf", size=5000)
    block = DocumentListBlock()
    data = block.get_api_representation(block.normalize(list_value(english, french)))
    assert DocumentListOut.model_validate(data)
    assert data["title"] == "Ministerial Council decisions"
    first, second = data["items"]
    assert first == {
        "title": "Decision No. 1/24",
        "language": "en",
        "document": {
            "id": english.pk,
            "title": "Decision 1/24",
            "url": english.url,
            "file_size": 4096,
            "file_type": "pdf",
            "content_type": "application/pdf",
        },
    }
    assert second["title"] == "Décision 1/24"
    assert second["document"]["file_size"] == 5000


# Download ---------------------------------------------------------------------


def download_value(document, **overrides) -> dict:
    return {
        "document": document,
        "title": "Annual Report 2024",
        "description": "Our work across the OSCE region.",
        **overrides,
    }


def test_download_is_valid_with_a_document() -> None:
    block = DownloadBlock()
    block.clean(block.normalize(download_value(make_document())))


def test_download_needs_a_document() -> None:
    block = DownloadBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize(download_value(None)))
    assert list(struct_errors(excinfo)) == ["document"]


def test_download_renders_a_link_with_file_type_and_size() -> None:
    document = make_document("Report", "annual-report.pdf", size=120 * 1024)
    block = DownloadBlock()
    html = block.render(block.normalize(download_value(document)))
    assert f'href="{document.url}" type="application/pdf"' in html
    assert '<span class="osce-download__title">Annual Report 2024</span>' in html
    assert '<span class="osce-download__meta">(PDF, 120 KB)</span>' in html
    assert "Our work across the OSCE region." in html


def test_download_of_a_deleted_document_renders_nothing() -> None:
    document = make_document()
    block = DownloadBlock()
    value = block.normalize(download_value(document))
    document.delete()
    value["document"] = None
    assert block.render(value).strip() == ""


def test_download_api_value() -> None:
    document = make_document("Report", "annual-report.pdf", size=2048)
    block = DownloadBlock()
    data = block.get_api_representation(block.normalize(download_value(document, title="")))
    assert DownloadOut.model_validate(data)
    assert data["title"] == "Report"
    assert data["description"] == "Our work across the OSCE region."
    assert data["document"]["url"] == document.url
    assert data["document"]["file_type"] == "pdf"
    assert data["document"]["file_size"] == 2048
