"""Wagtail's publishing signals keep the search index (every way of publishing sends
them: the editor, a workflow approval, scheduled publishing, the importer)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from marketplace.models import Municipality, Organisation


def _published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from marketplace.search import indexing

    page = indexing.indexable(instance)
    if page is not None:
        indexing.index_page(page)


def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    from marketplace.search import indexing

    if indexing.indexable(instance) is not None:
        indexing.unindex_page(instance.pk)


def _renamed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """An organisation's or municipality's name is in its pages' terms."""
    from marketplace.models import Job, WorkSite
    from marketplace.search import indexing

    if created or kwargs.get("raw"):
        return
    key = "organisation" if sender is Organisation else "municipality"
    for model in (WorkSite, Job):
        for page in model.objects.live().filter(**{key: instance}):
            indexing.index_page(page)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="polku_search_published")
    page_unpublished.connect(_unpublished, dispatch_uid="polku_search_unpublished")
    for model in (Organisation, Municipality):
        post_save.connect(_renamed, sender=model, dispatch_uid=f"polku_search_{model}")
