"""Uploads in the Wagtail admin (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

Wagtail checks a document's extension against ``WAGTAILDOCS_EXTENSIONS``; this form
also checks that the content is what the extension says (ASVS 5.2.2) and that the
file is not too large (5.2.1), so that an HTML page renamed ``.pdf`` or ``.txt`` is
refused. Images need no such form: Wagtail opens each one with Willow, which refuses
anything that is not an image of an allowed format.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

#: How each allowed kind of document starts (docx and odt are zip packages).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}
#: Markup that makes a "text" file something a browser would run.
MARKUP = ("<!doctype", "<html", "<script", "<svg", "<iframe", "<?xml")


def document_content_error(name: str, head: bytes) -> str | None:
    """Why the first bytes of a file do not fit its extension, or None."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        return str(_("The file's content is not a %(kind)s document.")) % {
            "kind": extension.upper()
        }
    if extension == "txt":
        text = head.decode("utf-8", errors="ignore").lower()
        if any(m in text for m in MARKUP):
            return str(_("A text document may not contain web page code."))
    return None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing content that does not fit the extension."""

    def clean_file(self) -> File[bytes] | None:
        file: File[bytes] | None = self.cleaned_data.get("file")
        if not file or "file" not in self.changed_data:
            return file
        limit = settings.POLKU_DOCUMENT_MAX_UPLOAD_SIZE
        if file.size > limit:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s.")
                % {"size": filesizeformat(limit)}
            )
        file.seek(0)
        head = file.read(2048)
        file.seek(0)
        error = document_content_error(file.name or "", head)
        if error:
            raise forms.ValidationError(error)
        return file
