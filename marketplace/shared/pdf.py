"""Printable documents as PDF: a Django template and its context → PDF bytes.

One way to make every PDF of Polku (the placement agreement and client plan, the
work-share statement, the competence certificate): render an ordinary HTML template
that extends ``documents/pdf_base.html`` (A4 page, margins, the shipped fonts, a page
footer) and hand it to xhtml2pdf. The same body template can be included by the HTML
page that a browser prints, so both say the same.

Why xhtml2pdf (docs/documents.md has the measurements): it is pure Python on wheels
(reportlab, pypdf, lxml), so ``make run`` and ``make test`` need nothing from Debian;
WeasyPrint renders CSS better but needs Pango from the system. The fonts are DejaVu
Sans, subset to the Latin letters and shipped in ``marketplace/shared/fonts/``, so a
PDF looks the same on every machine and its text can be extracted (and read aloud).

Nothing outside that font folder is ever loaded: the renderer's resource policy
refuses the network and every other file, so a link in a document cannot make the
server fetch anything.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

log = logging.getLogger("polku.pdf")

FONT_DIR = Path(__file__).resolve().parent / "fonts"
#: The only scheme the templates may link to: ``polku-font:DejaVuSans.ttf``.
FONT_SCHEME = "polku-font:"
FONTS = {
    "regular": f"{FONT_SCHEME}DejaVuSans.ttf",
    "bold": f"{FONT_SCHEME}DejaVuSans-Bold.ttf",
}

#: A render taking longer than this is stopped (a statement of a big unit is ~1 s).
RENDER_SECONDS = 30


class PdfError(RuntimeError):
    """The document could not be made into a PDF (a defect in its template)."""


def link_callback(uri: str, rel: str | None = None) -> str:
    """The file behind a link of a PDF template: a shipped font, nothing else."""
    if uri.startswith(FONT_SCHEME):
        path = (FONT_DIR / uri.removeprefix(FONT_SCHEME)).resolve()
        if path.parent == FONT_DIR and path.is_file():
            return str(path)
    log.warning("PDF template linked to something that is not a shipped font")
    return ""


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    request: HttpRequest | None = None,
) -> bytes:
    """Render ``template_name`` with ``context`` and return the PDF's bytes.

    The template should extend ``documents/pdf_base.html``; ``pdf_fonts`` and
    ``pdf_language`` are added to its context. Raises :class:`PdfError` if the
    renderer reports an error (the caller shows the user the HTML page instead).
    """
    from xhtml2pdf import pisa
    from xhtml2pdf.config.resources import ResourceAccessPolicy

    html = render_to_string(
        template_name,
        {**context, "pdf_fonts": FONTS, "pdf_language": get_language() or "fi"},
        request=request,
    )
    out = io.BytesIO()
    # nothing from the network, nothing local but the fonts, every limit on
    policy = ResourceAccessPolicy.server(
        FONT_DIR, allow_remote=False, max_render_seconds=RENDER_SECONDS
    )
    status = pisa.CreatePDF(
        html,
        dest=out,
        encoding="utf-8",
        link_callback=link_callback,
        resource_policy=policy,
    )
    if status.err:
        raise PdfError(f"{template_name}: {status.err} rendering error(s)")
    return out.getvalue()


def pdf_response(pdf: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    """An HTTP response carrying ``pdf``; a download unless ``attachment`` is off."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = content_disposition_header(attachment, filename)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    return response
