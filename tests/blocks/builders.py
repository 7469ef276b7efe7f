"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site


def make_page(title: str, slug: str, parent: Page | None = None) -> Page:
    """A live page under the default site's root, so it has a URL."""
    parent = parent or Site.objects.get(is_default_site=True).root_page
    return parent.add_child(instance=Page(title=title, slug=slug))


def make_image(title: str = "Observers at a polling station", size=(1600, 1200)):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(filename="photo.png", size=size)
    )


def make_document(title: str = "Annual report", filename: str = "report.pdf", size: int = 2048):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF" + b"x" * (size - 4), name=filename)
    )


def struct_errors(excinfo: pytest.ExceptionInfo) -> dict:
    """The errors of a StructBlock clean(), by child name."""
    assert isinstance(excinfo.value, StructBlockValidationError)
    return excinfo.value.block_errors
