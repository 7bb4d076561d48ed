"""Job pages in the Wagtail admin: posters edit their own organisation's open jobs,
the organiser approves; a company cannot choose rehabilitative work activity there."""

from __future__ import annotations

from cms.models import JobBankPage
from marketplace.jobs.services import jobs as svc
from tests.factories.accounts import PASSWORD
from tests.factories.jobs import post_job, taken_job


def test_a_poster_sees_only_their_organisations_jobs_in_the_explorer(client, bank):
    own = post_job(bank, price_cents=0, title="Oma ilmoitus")
    other = post_job(bank, price_cents=0, title="Toisen ilmoitus")
    other.organisation = bank["far_org"]
    other.save()
    client.login(username="poster", password=PASSWORD)
    bank_page = JobBankPage.objects.get()
    response = client.get(f"/admin/pages/{bank_page.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert own.title in text and "Toisen ilmoitus" not in text


def test_the_page_permissions_follow_the_jobs_status(bank):
    job = post_job(bank, price_cents=0)
    assert job.permissions_for_user(bank["poster"]).can_edit()
    assert not job.permissions_for_user(bank["other_poster"]).can_edit()
    assert not job.permissions_for_user(bank["supervisor"]).can_edit()
    assert not job.permissions_for_user(bank["poster"]).can_publish()
    assert job.permissions_for_user(bank["organiser"]).can_publish()
    assert not job.permissions_for_user(bank["far_organiser"]).can_edit()
    taken = taken_job(bank, price_cents=0, title="Otettu")
    assert not taken.permissions_for_user(bank["poster"]).can_edit()
    assert not taken.permissions_for_user(bank["poster"]).can_delete()


def test_the_poster_opens_the_admin_editor_of_their_open_job(client, bank):
    job = post_job(bank, price_cents=0)
    client.login(username="poster", password=PASSWORD)
    assert client.get(f"/admin/pages/{job.pk}/edit/").status_code == 200
    offer = svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=1
    )
    svc.offer_accept(actor=bank["poster"], offer=offer)
    response = client.get(f"/admin/pages/{job.pk}/edit/")
    assert response.status_code in (302, 403)


def test_the_organiser_edits_a_job_waiting_for_approval(client, bank):
    job = post_job(bank, price_cents=0, publish=False)
    client.login(username=bank["organiser"].username, password=PASSWORD)
    response = client.get(f"/admin/pages/{job.pk}/edit/")
    assert response.status_code == 200
    choices = response.context["form"].fields["organisation"].queryset
    assert bank["ngo"] in choices and bank["far_org"] not in choices
