"""The search index of published pages: base forms of their words, with weights."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """One base form (or compound part) in a published site's or job's text.

    Written by ``marketplace.search.indexing`` when the page is published (and by
    ``manage.py rebuild_search_index``); read by ``marketplace.search.selectors``. The
    same rows on SQLite and PostgreSQL, so results and their order are the same on
    both (docs/search.md). ``weight`` adds up where the term stands: the title weighs
    more than the description, a whole word more than a compound's part.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    term = models.CharField(_("term"), max_length=64)
    weight = models.PositiveIntegerField(_("weight"))

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["page", "term"], name="search_term_once")
        ]
        indexes = [models.Index(fields=["term", "page"], name="search_term_page")]

    def __str__(self) -> str:
        return self.term
