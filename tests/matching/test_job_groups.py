"""Job bank: for a job, the sites whose groups suit it (tags, distance, group size)."""

from __future__ import annotations

from django.utils import translation

from matching import web
from tests.factories.accounts import OrganisationFactory
from tests.factories.jobs import post_job
from tests.factories.sites import make_site


def test_groups_for_a_job_are_near_groups_doing_that_kind_of_work(bank):  # noqa: F811
    web.clear_cache()
    # Given a mailing job in Lahti, the mailing unit there, and a unit in Oulu
    make_site(
        title="Lahden puupaja",
        organisation=OrganisationFactory(region=bank["south"]),
        municipality=bank["lahti"],
        services=("disability",),
        tags=("woodwork",),
    )
    job = post_job(bank)
    # when the groups are suggested
    with translation.override("fi"):
        groups = web.groups_for_job(job)
    titles = [g.site.title for g in groups]
    # then the mailing unit in Lahti comes first, and the far unit is not there
    assert titles[0] == "Työkeskus Verstas"
    assert "Pohjoinen paja" not in titles
    assert any("Ryhmä tekee jo" in r for r in groups[0].reasons)


def test_a_remote_job_reaches_far_groups(bank):  # noqa: F811
    web.clear_cache()
    job = post_job(bank, remote=True)
    titles = [g.site.title for g in web.groups_for_job(job)]
    assert "Työkeskus Verstas" in titles and "Pohjoinen paja" in titles


def test_a_job_past_its_deadline_gets_no_groups(bank):  # noqa: F811
    import datetime as dt

    from django.utils import timezone

    web.clear_cache()
    job = post_job(bank)
    job.deadline = timezone.localdate() - dt.timedelta(days=1)
    assert web.groups_for_job(job) == []
