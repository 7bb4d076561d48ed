"""Uploads in the Wagtail admin accept only the document and image types Polku
allows: no HTML or SVG (they can carry script), no executables."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from marketplace.access import roles
from tests.factories.accounts import make_user

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


@pytest.fixture
def editor(client: Any, polku: Any, settings: Any, tmp_path: Any) -> Any:
    """A platform admin in the Wagtail admin (second factor verified); uploads go
    to a temporary directory."""
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(make_user(roles.PLATFORM_ADMIN))
    return client


def upload(client: Any, url: str, name: str, content: bytes, kind: str) -> Any:
    return client.post(
        url,
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=kind),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("sivu.html", HTML, "text/html"),
        ("kuva.svg", SVG, "image/svg+xml"),
        ("ohjelma.exe", EXE, "application/octet-stream"),
        ("skripti.js", b"alert(1)", "text/javascript"),
        # a web page renamed to an allowed extension
        ("ohje.pdf", HTML, "application/pdf"),
        ("ohje.txt", HTML, "text/plain"),
        ("ohje.docx", HTML, "application/octet-stream"),
        ("ohje.odt", EXE, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_a_document_of_a_dangerous_type_is_refused(
    editor: Any, name: str, content: bytes, kind: str
) -> None:
    # when an editor uploads the file as a document
    response = upload(editor, "/admin/documents/add/", name, content, kind)
    # then the form says no and nothing is stored
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_document_over_10_mb_is_refused(editor: Any) -> None:
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    response = upload(
        editor, "/admin/documents/add/", "iso.pdf", big, "application/pdf"
    )
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_plain_text_document_is_accepted(editor: Any) -> None:
    text = "Työpajan ohjeet: aloitus kello 9.00 – tervetuloa!".encode()
    response = upload(editor, "/admin/documents/add/", "ohje.txt", text, "text/plain")
    assert response.status_code == 302


def test_a_pdf_document_is_accepted(editor: Any) -> None:
    response = upload(
        editor,
        "/admin/documents/add/",
        "ohje.pdf",
        b"%PDF-1.4\n%%EOF\n",
        "application/pdf",
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="ohje.pdf").exists()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("kuva.svg", SVG, "image/svg+xml"),
        ("sivu.html", HTML, "text/html"),
        ("naamioitu.png", HTML, "image/png"),  # HTML posing as a PNG
        ("ohjelma.exe", EXE, "application/octet-stream"),
    ],
)
def test_an_image_of_a_dangerous_type_is_refused(
    editor: Any, name: str, content: bytes, kind: str
) -> None:
    response = upload(editor, "/admin/images/add/", name, content, kind)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_a_png_image_is_accepted(editor: Any) -> None:
    response = upload(editor, "/admin/images/add/", "kuva.png", PNG, "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="kuva.png").exists()
