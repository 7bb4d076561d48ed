"""Background work of the matcher (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from matching.services import matcher_retrain


@task()
def matcher_retrain_task(kind: str = "logreg") -> int:
    """Nightly retraining: returns the id of the registered model."""
    return matcher_retrain(kind=kind).pk
