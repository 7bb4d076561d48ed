"""marketplace.shared.pdf: a template and its context become a PDF whose text reads
back, in the shipped fonts, and nothing but those fonts is ever loaded."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from marketplace.shared import pdf


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def template(tmp_path, settings):  # type: ignore[no-untyped-def]
    """A PDF template in a temporary template folder."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    def write(body: str) -> str:
        (tmp_path / "doc.html").write_text(
            '{% extends "documents/pdf_base.html" %}{% block content %}'
            + body
            + "{% endblock %}",
            encoding="utf-8",
        )
        return "doc.html"

    return write


def test_a_template_and_its_context_become_a_pdf_whose_text_reads_back(template):
    name = template(
        "<h1>{{ title }}</h1><ol>{% for g in goals %}<li>{{ g }}</li>{% endfor %}</ol>"
    )

    data = pdf.render_pdf(
        name, {"title": "Työtoimintasopimus", "goals": ["Päivärytmi", "Åbo–Öljy €"]}
    )

    assert data.startswith(b"%PDF-")
    text = text_of(data)
    assert "Työtoimintasopimus" in text
    assert text.index("Päivärytmi") < text.index("Åbo–Öljy €")


def test_the_shipped_font_is_embedded(template):
    data = pdf.render_pdf(template("<p>Äö</p>"), {})

    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_content_is_escaped_and_cannot_load_anything(template, monkeypatch):
    """A user's text is escaped by the template; a link in the template itself to
    anything but a shipped font is refused by the link callback."""
    opened: list[str] = []

    def connect(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(address))
        raise OSError("no network in tests")

    monkeypatch.setattr("socket.create_connection", connect)
    monkeypatch.setattr("socket.getaddrinfo", connect)
    name = template('<p>{{ text }}</p><img src="http://images.example.org/x.png">')

    data = pdf.render_pdf(name, {"text": '<img src="http://images.example.org/y.png">'})

    assert opened == []
    assert '<img src="http://images.example.org/y.png">' in text_of(data)


@pytest.mark.parametrize(
    "uri",
    [
        "polku-font:../pdf.py",
        "/etc/passwd",
        "file:///etc/passwd",
        "polku-font:nope.ttf",
    ],
)
def test_the_link_callback_gives_nothing_but_a_shipped_font(uri):
    assert pdf.link_callback(uri) == ""
    assert pdf.link_callback(pdf.FONTS["bold"]).endswith("DejaVuSans-Bold.ttf")


def test_the_response_is_a_download_with_a_safe_name():
    response = pdf.pdf_response(b"%PDF-1.4", "sopimus Äö.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''sopimus%20%C3%84%C3%B6.pdf" in response["Content-Disposition"]
    )
