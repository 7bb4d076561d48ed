"""What a page says, as a reader of one language meets it, and the words that must
not be in a Finnish or Swedish page (used by test_page_language.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.apps import apps

#: Elements whose text nobody reads, or that show code as code (a command to type).
SILENT = {"script", "style", "template", "noscript", "code", "kbd", "samp"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
#: Attributes read aloud or shown.
READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")


#: English that Wagtail writes into its templates without gettext, so no catalogue
#: can translate it (Wagtail 8.0.1): the screen-reader-only submit button of the
#: editor's header search (wagtailadmin/shared/header.html).
UPSTREAM_ENGLISH = ('<input type="submit" value="Search" class="button" />',)


class PageText(HTMLParser):
    """The text of a page that is in ``lang``: element text and the attributes a
    screen reader reads, leaving out scripts and anything marked with another
    ``lang`` (a language's own name in the switch, a fallback text in Finnish)."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _silent(self) -> bool:
        return any(silent for _tag, silent in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        marked = values.get("lang", "").split("-")[0]
        hidden = "hidden" in values or values.get("aria-hidden") == "true"
        silent = tag in SILENT or hidden or bool(marked and marked != self.lang)
        if not (silent or self._silent()):
            self.parts += [values[a] for a in READ_ATTRIBUTES if values.get(a)]
            if tag == "input" and values.get("type") in ("submit", "button"):
                self.parts.append(values.get("value", ""))
        if tag not in VOID:
            self.stack.append((tag, silent))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._silent():
            self.parts.append(data)

    @classmethod
    def of(cls, html: str, lang: str) -> str:
        for snippet in UPSTREAM_ENGLISH:
            html = html.replace(snippet, "")
        parser = cls(lang)
        parser.feed(html)
        parser.close()
        return " ".join(" ".join(parser.parts).split())


#: Common English words of an interface that are no Finnish or Swedish word (short
#: or shared ones such as "in", "on", "by", "for", "start", "status" and the
#: Swedish "filter" are left out).
ENGLISH_WORDS = frozenset(
    """the and of with your you this that these those are was were been has have
    will would should could cannot can't don't doesn't isn't not used save saved
    saving cancel delete deleted edit editing search submit next previous page pages
    loading error errors required optional choose select selected settings dashboard
    password username help yes more less hide close add remove view download upload
    user users account login logout sign draft published unpublished preview history
    comments comment workflow approve approved reject rejected submitted task tasks
    sort filters clear apply actions privacy public private locked unlocked
    owner updated created children parent explorer reports documentation editor
    guide profile notifications language theme checks metrics content autosave paused
    words reading issues changes unsaved latest version versions moderation
    awaiting review reviews today yesterday ago minutes hours days week month year
    name title slug date time type types order ordering details summary back
    here click please sorry permission access denied found missing empty
    none nothing other everything something where when why what who which how""".split()
)

#: Codes of Polku's that are also a Finnish or Swedish word, a brand or too short
#: to tell apart (language codes); the rest of the codes must not show.
NOT_CODES = frozenset(
    """fi sv en no yes form tag service list radio export pension transfer sent
    start taken state""".split()
)


def project_codes() -> frozenset[str]:
    """Every code a field of Polku's models may hold (its choices), the codes of the
    shared vocabularies (work tags, forms, services, accessibility, goals) and the
    matcher's decisions."""
    from marketplace.shared import vocabularies

    codes: set[str] = set()
    for app in ("marketplace", "matching", "cms"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if getattr(field, "choices", None) and not field.many_to_many:
                    codes |= {v for v, _ in field.flatchoices if isinstance(v, str)}
    for vocabulary in ("service", "form", "tag", "accessibility", "goal"):
        codes |= set(vocabularies.codes(vocabulary))
    # the matcher's decisions on a trained model (shown by matching/display.py)
    from matching.services import DECISIONS

    codes |= {*DECISIONS, "holdout"}
    return frozenset(c for c in codes if re.fullmatch(r"[a-z_]{3,}", c)) - NOT_CODES


#: A word as written, with its digits and underscores (``R2OF`` in a key is no word).
WORD = re.compile(r"[\w'’]+")
#: A code written as one: lower-case words joined by underscores.
SNAKE = re.compile(r"[a-z]+(?:_[a-z]+)+")


def english_in(text: str, codes: frozenset[str]) -> list[tuple[str, str]]:
    """The codes (as written, e.g. ``job_work_days``) and English words in a text,
    each with the text around it."""
    found = []
    for match in WORD.finditer(text):
        word = match.group(0)
        if any(c.isdigit() for c in word):
            continue
        if word in codes or SNAKE.fullmatch(word) or word.lower() in ENGLISH_WORDS:
            start = max(match.start() - 40, 0)
            found.append((word, f"…{text[start : match.end() + 40]}…"))
    return found
