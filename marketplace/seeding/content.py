"""Pages of text every installation needs: the accessibility statement (Act 306/2019
requires one of a public service), the privacy notice, help, and the accessibility
feedback form, under the home page and linked from the footer.

The texts are in ``pages/<key>.<language>.html`` in Finnish, Swedish and English.
Pages are created in Finnish, the site's first language, with their Swedish and
English texts beside it (``title_sv``, ``intro_sv``, ``body_sv`` …: docs/languages.md).
Created once: an editor's later changes are never overwritten; a text missing in a
language is filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Page

from marketplace.seeding.languages import fill_empty

PAGES_DIR = Path(__file__).resolve().parent / "pages"
LANGUAGES = ("fi", "sv", "en")
#: When the texts were last checked against the service (shown on the pages).
REVIEWED = dt.date(2026, 12, 5)


@dataclass
class PageText:
    """One page's text in one language."""

    title: str
    intro: str
    body: str
    thank_you: str = ""
    fields: list[tuple[str, str, bool]] = field(default_factory=list)


def page_text(key: str, language: str) -> PageText:
    """``pages/<key>.<language>.html``: ``name: value`` header lines, a blank line,
    then the body's HTML (a feedback form has ``field: type | label | required``
    lines and no body)."""
    text = (PAGES_DIR / f"{key}.{language}.html").read_text(encoding="utf-8")
    head, _sep, body = text.partition("\n\n")
    values: dict[str, str] = {}
    fields = []
    for line in head.splitlines():
        name, _colon, value = line.partition(":")
        if name == "field":
            kind, label, required = (part.strip() for part in value.split("|"))
            fields.append((kind, label, required == "required"))
        else:
            values[name.strip()] = value.strip()
    return PageText(
        title=values["title"],
        intro=values.get("intro", ""),
        body=body.strip(),
        thank_you=values.get("thank_you", ""),
        fields=fields,
    )


def _link_pages(body: str, pages: dict[str, Page]) -> str:
    """``href="page:<key>"`` → Wagtail's internal link, which follows a moved page."""

    def link(match: re.Match[str]) -> str:
        return f'linktype="page" id="{pages[match.group(1)].pk}"'

    return re.sub(r'href="page:(\w+)"', link, body)


def _ensure(parent: Page, slug: str, page: Page) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page.slug = slug
    return parent.add_child(instance=page)


@transaction.atomic
def content_pages_ensure(language: str = "fi") -> dict[str, Page]:
    """The accessibility statement (with its feedback form), the privacy notice and
    help under the home page, shown in the footer; only those that are missing."""
    from cms.models import ContentPage, FeedbackField, FeedbackPage, HomePage

    home = HomePage.objects.first()
    if home is None:
        return {}
    pages: dict[str, Page] = {}
    for key, slug in (("accessibility", "saavutettavuus"), ("privacy", "tietosuoja")):
        text = page_text(key, language)
        pages[key] = _ensure(
            home,
            slug,
            ContentPage(
                title=text.title,
                intro_fi=text.intro,
                body_fi="<p></p>",
                last_reviewed=REVIEWED,
                show_in_menus=True,
            ),
        )
    text = page_text("feedback", language)
    feedback = _ensure(
        pages["accessibility"],
        "palaute",
        FeedbackPage(
            title=text.title, intro_fi=text.intro, thank_you_text_fi=text.thank_you
        ),
    )
    if not feedback.form_fields.exists():
        FeedbackField.objects.bulk_create(
            FeedbackField(
                page=feedback,
                sort_order=n,
                field_type=kind,
                label=label,
                required=required,
            )
            for n, (kind, label, required) in enumerate(text.fields)
        )
    pages["feedback"] = feedback
    help_text = page_text("help", language)
    pages["help"] = _ensure(
        home,
        "ohjeet",
        ContentPage(
            title=help_text.title,
            intro_fi=help_text.intro,
            body_fi="<p></p>",
            show_in_menus=True,
        ),
    )
    _fill_bodies(pages, language)
    _fill_other_languages(pages)
    return pages


def _fill_bodies(pages: dict[str, Page], language: str) -> None:
    """Bodies are written once the pages exist (they link to each other)."""
    for key in ("accessibility", "privacy", "help"):
        page = pages[key]
        if page.body_fi == "<p></p>":
            page.body_fi = _link_pages(page_text(key, language).body, pages)
            page.save(update_fields=["body_fi"])


def _fill_other_languages(pages: dict[str, Page]) -> None:
    """The Swedish and English title and texts of each page, where still empty."""
    for key, page in pages.items():
        for lang in LANGUAGES[1:]:
            text = page_text(key, lang)
            values = {
                f"title_{lang}": text.title,
                f"intro_{lang}": text.intro,
                f"thank_you_text_{lang}": text.thank_you,
            }
            if key != "feedback":
                values[f"body_{lang}"] = _link_pages(text.body, pages)
            fill_empty(page, values)
