"""The ``jobs`` section of a ``polku-dataset/1`` document: job-bank jobs as published
pages under the job bank, updated by their data-set id.

Rules, as for the other sections: a record the model refuses is an error named by
record and field, and the caller keeps nothing. A company's job is meant for
disability work activity only (a company may not post for rehabilitative work
activity); other jobs are open to both services. A data set's job was published by
its region, so it is live at once. A job that a group has already taken in Polku
keeps its terms: the data set does not rewrite work under way. A job whose page
already says what its record says is left untouched (no revision, no log entry).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.search.index import insert_or_update_object

from marketplace.models import Job, JobEvent, JobProgress
from marketplace.seeding.importing_run import ImportRun, codes, free_slug
from matching.core import dataset as ds

_JOB_FIELDS = [
    "organisation", "municipality", "lat", "lon", "description", "remote",
    "workers_needed", "effort_days", "deadline", "price_cents",
]  # fmt: skip


def import_jobs(run: ImportRun) -> None:
    """Create, update or leave the data set's jobs; errors go to ``run.errors``."""
    from cms.models import JobBankPage

    bank = JobBankPage.objects.get()
    existing = {j.external_id: j for j in Job.objects.filter(external_id__isnull=False)}
    slugs = set(bank.get_children().values_list("slug", flat=True))
    total = len(run.data.jobs)
    for i, record in enumerate(run.data.jobs):
        job = existing.get(record.id)
        if job is not None and (_under_way(job) or _same_page(job, record, run)):
            run.count("jobs", "unchanged")  # work under way keeps its terms
            run.progress("jobs", i + 1, total)
            continue
        created = job is None
        if job is None:
            job = Job(
                external_id=record.id,
                slug=free_slug(record.title, record.id, slugs, "job"),
            )
        _fill(job, record, run)
        try:
            names = {
                f.name for f in Job._meta.get_fields() if getattr(f, "concrete", 0)
            }
            job.clean_fields(exclude=names - set(_JOB_FIELDS))
        except ValidationError as exc:
            run.refused(f"jobs[{i}]", exc.message_dict)
            continue
        if created:
            bank.add_child(instance=job)
            slugs.add(job.slug)
        job.services.set(run.terms_for("service", _service_codes(job)))
        job.tags.set(run.terms_for("tag", record.tags))
        job.save()
        job.save_revision().publish()
        if created:
            JobProgress.objects.create(job=job)
            JobEvent.objects.create(
                job=job, to_status="published", detail={"imported": record.id}
            )
        insert_or_update_object(job)
        run.count("jobs", "created" if created else "updated")
        run.progress("jobs", i + 1, total)


def _service_codes(job: Job) -> list[str]:
    if job.organisation.is_for_profit:
        return ["disability"]
    return ["rehabilitative", "disability"]


def _same_page(job: Job, j: ds.Job, run: ImportRun) -> bool:
    """The published job already says what the record says."""
    stored = (
        job.title, job.organisation_id, job.municipality_id, job.lat, job.lon,
        job.description, job.remote, job.workers_needed, job.effort_days,
        job.deadline, job.price_cents, job.replaces_no_paid_work,
    )  # fmt: skip
    wanted = (
        j.title, run.organisations[j.organisation].pk,
        run.municipalities[j.municipality].pk, j.lat, j.lon,
        j.description or j.title, j.remote, j.workers_needed, j.effort_days,
        j.deadline, j.price_cents, True,
    )  # fmt: skip
    if stored != wanted or not job.live or job.has_unpublished_changes:
        return False
    services = frozenset(_service_codes(job))
    return codes(job.services.all()) == services and codes(job.tags.all()) == frozenset(
        j.tags
    )


def _under_way(job: Job) -> bool:
    progress = JobProgress.objects.filter(job=job).first()
    return progress is not None and progress.status != "published"


def _fill(job: Job, record: ds.Job, run: ImportRun) -> None:
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
