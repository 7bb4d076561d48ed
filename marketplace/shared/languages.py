"""Page texts written in several languages, read in the user's language.

A page's text field ``name`` has a column per language: ``<name>_fi``, ``<name>_sv``
and ``<name>_en`` (django-modeltranslation, registered in ``marketplace/translation.py``
and ``cms/translation.py``), or, for a page's title, the page's own ``title`` (Finnish)
with ``title_sv`` and ``title_en`` beside it (:class:`cms.models.TitleInLanguages`).

Rules (docs/languages.md):
- a text is shown in the user's language when it is written in it, otherwise in
  Finnish, the site's first language, and marked ``lang="fi"`` so that a screen
  reader reads it as Finnish;
- Finnish is the text of record: search and the matcher read every language's text
  in its own language (:func:`texts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

FIRST = "fi"
LANGUAGES = ("fi", "sv", "en")


def current_language() -> str:
    """The active language as one of :data:`LANGUAGES` (Finnish when none is)."""
    code = (translation.get_language() or FIRST).split("-")[0].lower()
    return code if code in LANGUAGES else FIRST


def written(obj: object, name: str, lang: str) -> str:
    """The text of ``name`` as written in ``lang`` ('' when it is not); never a
    fallback. Finnish is ``<name>_fi`` where the page has it, else ``<name>``."""
    if lang == FIRST and not hasattr(obj, f"{name}_{FIRST}"):
        value = getattr(obj, name, "")
    else:
        value = getattr(obj, f"{name}_{lang}", "")
    return str(value or "").strip()


@dataclass(frozen=True)
class Text:
    """A text and the language it is written in."""

    text: str
    lang: str
    #: the language of the page around it (the user's)
    page_lang: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def is_fallback(self) -> bool:
        return self.lang != self.page_lang

    @property
    def lang_attr(self) -> SafeString:
        """`` lang="fi"`` for an element holding a text in another language than
        the page's, else nothing."""
        if self.text and self.is_fallback:
            return format_html(' lang="{}"', self.lang)
        return mark_safe("")


def in_language(obj: object, name: str, lang: str | None = None) -> Text:
    """``name`` in ``lang`` (the active language by default), or in Finnish when it is
    not written in that language."""
    wanted = lang or current_language()
    text = written(obj, name, wanted)
    if text:
        return Text(text, wanted, wanted)
    return Text(written(obj, name, FIRST), FIRST, wanted)


def texts(obj: object, name: str) -> list[tuple[str, str]]:
    """(language, text) of every language ``name`` is written in, Finnish first."""
    return [(lang, t) for lang in LANGUAGES if (t := written(obj, name, lang))]


def in_languages(name: str, label: str | Promise) -> list[FieldPanel]:
    """The Wagtail editor's panels of a text written in each language: Finnish
    first (the text of record, shown when the user's language has none), then
    Swedish and English."""
    headings = {
        "fi": _("%(field)s in Finnish"),
        "sv": _("%(field)s in Swedish"),
        "en": _("%(field)s in English"),
    }
    return [
        FieldPanel(f"{name}_{lang}", heading=_heading(heading, label))
        for lang, heading in headings.items()
    ]


def _format(template: str | Promise, label: str | Promise) -> str:
    return str(template) % {"field": label}


#: a heading in the editor's language when shown, not when the model is defined
_heading = lazy(_format, str)
