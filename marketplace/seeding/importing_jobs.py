"""The ``jobs`` section of a ``polku-dataset/1`` document: job-bank jobs as published
pages under the job bank, updated by their data-set id.

Rules, as for the other sections: a record the model refuses is an error named by
record and field, and the caller keeps nothing. A company's job is meant for
disability work activity only (a company may not post for rehabilitative work
activity); other jobs are open to both services. A data set's job was published by
its region, so it is live at once. A job that a group has already taken in Polku
keeps its terms: the data set does not rewrite work under way.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail.search.index import insert_or_update_object

from marketplace.models import Job, JobEvent, JobProgress
from matching.core import dataset as ds

_JOB_FIELDS = [
    "organisation", "municipality", "lat", "lon", "description", "remote",
    "workers_needed", "effort_days", "deadline", "price_cents",
]  # fmt: skip


def import_jobs(run: Any, data: ds.Dataset) -> None:
    """Create or update the data set's jobs; errors go to ``run.errors``."""
    from cms.models import JobBankPage

    bank = JobBankPage.objects.get()
    existing = {j.external_id: j for j in Job.objects.filter(external_id__isnull=False)}
    total = len(data.jobs)
    for i, record in enumerate(data.jobs, 1):
        job = existing.get(record.id)
        created = job is None
        if not created and _under_way(job):
            continue
        if created:
            job = Job(
                external_id=record.id, slug=slugify(f"{record.title}-{record.id}")[:250]
            )
        _fill(job, record, run)
        try:
            names = {
                f.name for f in Job._meta.get_fields() if getattr(f, "concrete", 0)
            }
            job.clean_fields(exclude=names - set(_JOB_FIELDS))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                run.errors += [f"jobs[{i - 1}].{name}: {m}" for m in messages]
            continue
        if created:
            bank.add_child(instance=job)
        service_codes = (
            ["disability"]
            if job.organisation.is_for_profit
            else ["rehabilitative", "disability"]
        )
        job.services.set([run.term("service", c) for c in service_codes])
        job.tags.set([run.term("tag", t) for t in record.tags])
        job.save()
        job.save_revision().publish()
        if created:
            JobProgress.objects.create(job=job)
            JobEvent.objects.create(
                job=job, to_status="published", detail={"imported": record.id}
            )
        insert_or_update_object(job)
        run.count("jobs", created)
        run.progress("jobs", i, total)


def _under_way(job: Job) -> bool:
    progress = JobProgress.objects.filter(job=job).first()
    return progress is not None and progress.status != "published"


def _fill(job: Job, record: ds.Job, run: Any) -> None:
    job.title = record.title
    job.organisation = run.organisations[record.organisation]
    job.municipality = run.municipalities[record.municipality]
    job.lat, job.lon = record.lat, record.lon
    job.description = record.description or record.title
    job.remote = record.remote
    job.workers_needed = record.workers_needed
    job.effort_days = record.effort_days
    job.deadline = record.deadline
    job.price_cents = record.price_cents
    job.replaces_no_paid_work = True
