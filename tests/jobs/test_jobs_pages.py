"""Job-bank pages: who sees which management page, the forms, the public pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from marketplace.jobs.services import jobs as svc
from marketplace.models import Job, JobOffer
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.jobs import post_job, record_days, taken_job
from tests.factories.sites import terms


def login(client, user) -> None:  # type: ignore[no-untyped-def]
    assert client.login(username=user.username, password=PASSWORD)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("poster", 200),
        ("supervisor", 200),
        ("organiser", 200),
        ("other_poster", 404),
        ("far_supervisor", 404),
        ("far_organiser", 404),
        ("instructor", 404),
    ],
)
def test_a_jobs_management_page_is_for_its_poster_group_and_organiser(
    client, bank, who, status
):
    job = taken_job(bank, price_cents=0)
    login(client, bank[who])
    assert client.get(f"/oma/tyopankki/{job.pk}/").status_code == status


def test_a_job_not_yet_taken_is_managed_only_by_its_poster_and_organiser(client, bank):
    job = post_job(bank, price_cents=0)
    svc.job_offer(actor=bank["supervisor"], job=job, site=bank["site"], workers=2)
    login(client, bank["supervisor"])
    # the offering group sees its offer on the public page, not the management page
    assert client.get(f"/oma/tyopankki/{job.pk}/").status_code == 404
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(job.url)
    assert "Withdraw the offer" in page.content.decode()


def test_anonymous_users_are_sent_to_log_in(client, bank):
    job = post_job(bank, price_cents=0)
    response = client.get(f"/oma/tyopankki/{job.pk}/")
    assert response.status_code == 302 and "/kirjaudu/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("other_poster", "/oma/tyopankki/{pk}/accept/", 404),
        ("far_supervisor", "/oma/tyopankki/{pk}/start/", 404),
        ("poster", "/oma/tyopankki/{pk}/tyopaivat/", 403),
        ("organiser", "/oma/tyopankki/{pk}/tyopaivat/", 403),
        ("other_poster", "/oma/tyopankki/{pk}/muokkaa/", 404),
        ("supervisor", "/oma/tyopankki/{pk}/muokkaa/", 403),
    ],
)
def test_other_roles_cannot_reach_a_jobs_steps(client, bank, who, url, status):
    job = taken_job(bank, price_cents=0)
    login(client, bank[who])
    assert client.post(url.format(pk=job.pk)).status_code == status
    assert Job.objects.get(pk=job.pk).progress.status == "taken"


def test_another_poster_cannot_accept_an_offer(client, bank):
    job = post_job(bank, price_cents=0)
    offer = svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=2
    )
    login(client, bank["other_poster"])
    response = client.post(f"/oma/tyopankki/tarjoukset/{offer.pk}/accept/")
    assert response.status_code == 404
    assert JobOffer.objects.get(pk=offer.pk).status == "pending"


def test_the_job_list_is_scoped_to_the_user(client, bank):
    own = post_job(bank, price_cents=0, title="Oma työ")
    other = post_job(bank, price_cents=0, title="Vieras työ")
    Job.objects.filter(pk=other.pk).update(organisation=bank["far_org"])
    login(client, bank["poster"])
    text = client.get("/oma/tyopankki/").content.decode()
    assert own.title in text and "Vieras työ" not in text
    client.logout()
    login(client, bank["instructor"])
    assert client.get("/oma/tyopankki/").status_code == 403


def test_the_poster_posts_a_job_with_the_form(client, bank):
    login(client, bank["poster"])
    deadline = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    data = {
        "title": "Pihan haravointi",
        "description": "Lehtien haravointi seurakuntatalon pihalta.",
        "services": [t.pk for t in terms("service", "disability")],
        "tags": [t.pk for t in terms("tag", "gardening")],
        "municipality": bank["lahti"].pk,
        "workers_needed": "4",
        "effort_days": "2",
        "deadline": deadline,
        "price": "450,50",
    }
    # Without the declaration nothing is stored and the form says why
    response = client.post("/oma/tyopankki/uusi/", data)
    assert response.status_code == 200
    assert "replaces_no_paid_work" in response.context["form"].errors
    assert not Job.objects.exists()
    response = client.post(
        "/oma/tyopankki/uusi/", {**data, "replaces_no_paid_work": "on"}
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert job.price_cents == 45050 and not job.live
    assert job.organisation == bank["ngo"]


def test_a_company_is_told_why_it_cannot_post_for_rehabilitative_work(client, bank):
    company_poster = make_user("poster", organisation=bank["far_org"])
    bank["far_org"].kind = "company"
    bank["far_org"].save()
    login(client, company_poster)
    response = client.post(
        "/oma/tyopankki/uusi/",
        {
            "title": "Inventaario",
            "description": "Laskentaa",
            "services": [t.pk for t in terms("service", "rehabilitative")],
            "municipality": bank["lahti"].pk,
            "workers_needed": "2",
            "effort_days": "1",
            "deadline": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
            "replaces_no_paid_work": "on",
        },
    )
    assert response.status_code == 200
    assert "services" in response.context["form"].errors
    assert not Job.objects.exists()


def test_the_job_bank_lists_open_jobs_with_filters(client, bank):
    paid = post_job(bank, title="Maksettu työ")
    unpaid = post_job(bank, title="Talkootyö", price_cents=0, remote=True)
    post_job(bank, title="Luonnos", publish=False)
    taken_job(bank, title="Jo otettu", price_cents=0)
    text = client.get("/tyopankki/").content.decode()
    assert paid.title in text and unpaid.title in text
    assert "Luonnos" not in text and "Jo otettu" not in text
    text = client.get("/tyopankki/?pay=unpaid").content.decode()
    assert unpaid.title in text and paid.title not in text
    text = client.get("/tyopankki/?remote=remote").content.decode()
    assert unpaid.title in text and paid.title not in text
    text = client.get("/tyopankki/?tag=gardening").content.decode()
    assert paid.title not in text


def test_the_job_bank_is_searched_by_base_forms(client, bank):
    # given two open jobs in Lahti and a draft
    letters = post_job(bank, title="Taita ja postita jäsenkirjeitä")
    yard = post_job(
        bank,
        title="Pihan haravointi",
        description="Haravoidaan seurakuntatalon piha ja kannetaan lehdet.",
        tags=terms("tag", "gardening"),
        price_cents=0,
    )
    post_job(bank, title="Haravointi luonnos", publish=False)

    def found(query: str) -> list[str]:
        bank_page = client.get("/tyopankki/", {"q": query}).context["job_bank"]
        return [job.title for job in bank_page.page.object_list]

    # then inflected, Swedish and place-name queries find the right one
    assert found("jäsenkirje") == [letters.title]
    assert found("haravoimaan") == [yard.title]
    assert found("trädgård") == [yard.title]  # Swedish for the kind of work
    assert set(found("Lahdessa")) == {letters.title, yard.title}
    assert found("piha Lahdessa") == [yard.title]
    # and a word found nowhere is named, with no talk of filters
    response = client.get("/tyopankki/", {"q": "xylofoni"})
    assert response.context["job_bank"].search.missing == ["xylofoni"]
    assert "Kokeile poistaa" not in response.content.decode()


def test_the_job_bank_lists_in_a_fixed_number_of_queries(
    client, bank, django_assert_max_num_queries
):
    for n in range(3):
        post_job(bank, title=f"Työ {n}", price_cents=0)
    client.get("/tyopankki/")
    with django_assert_max_num_queries(40) as first:
        client.get("/tyopankki/")
    for n in range(3, 10):
        post_job(bank, title=f"Työ {n}", price_cents=0)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/tyopankki/")


def test_without_stripe_keys_the_job_bank_says_payments_are_off(
    client, bank, no_payments
):
    post_job(bank)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get("/tyopankki/").content.decode()
    assert "Payments are not configured" in text


def test_the_job_page_offers_the_supervisors_groups(client, bank):
    job = post_job(bank, price_cents=0)
    login(client, bank["supervisor"])
    response = client.get(job.url)
    assert response.status_code == 200
    assert list(response.context["offer_sites"]) == [bank["site"]]
    response = client.post(
        f"/oma/tyopankki/{job.pk}/tarjoa/",
        {"site": bank["site"].pk, "workers": "3", "message": "Aloitamme maanantaina"},
    )
    assert response.status_code == 302
    assert job.offers.get().site == bank["site"]


def test_the_poster_does_not_see_participants_names(client, bank):
    job = taken_job(bank, price_cents=0)
    svc.job_start(actor=bank["supervisor"], job=job)
    record_days(bank, job, days=1)
    login(client, bank["poster"])
    url = f"/oma/tyopankki/{job.pk}/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(url).content.decode()
    assert "3 work days recorded." in text
    for person in bank["people"]:
        assert person.name not in text
    client.logout()
    login(client, bank["supervisor"])
    text = client.get(f"/oma/tyopankki/{job.pk}/tyopaivat/").content.decode()
    assert all(person.name in text for person in bank["people"])


def test_steps_run_from_the_management_page(client, bank):
    job = taken_job(bank, price_cents=0)
    login(client, bank["supervisor"])
    assert client.post(f"/oma/tyopankki/{job.pk}/start/").status_code == 302
    assert client.get(f"/oma/tyopankki/{job.pk}/deliver/").status_code == 200
    client.post(f"/oma/tyopankki/{job.pk}/deliver/", {"note": "Valmista"})
    client.logout()
    login(client, bank["poster"])
    response = client.post(f"/oma/tyopankki/{job.pk}/dispute/", {"reason": ""})
    assert response.status_code == 200  # the reason is required
    client.post(f"/oma/tyopankki/{job.pk}/dispute/", {"reason": "Kesken"})
    assert Job.objects.get(pk=job.pk).progress.status == "disputed"
    client.logout()
    login(client, bank["organiser"])
    page = client.get(f"/oma/tyopankki/{job.pk}/")
    assert "resolve" in dict(page.context["actions"])
    client.post(f"/oma/tyopankki/{job.pk}/resolve/", {"decision": "accept"})
    assert Job.objects.get(pk=job.pk).progress.status == "accepted"


def test_a_job_page_template_renders_for_every_status(client, bank):
    job = taken_job(bank, price_cents=0)
    login(client, bank["poster"])
    for step, who in (
        (None, None),
        ("job_start", "supervisor"),
        ("job_deliver", "supervisor"),
        ("job_accept", "poster"),
        ("job_close", "supervisor"),
    ):
        if step:
            getattr(svc, step)(actor=bank[who], job=Job.objects.get(pk=job.pk))
        assert client.get(f"/oma/tyopankki/{job.pk}/").status_code == 200
        assert client.get(job.url).status_code == 200


def test_the_poster_sees_groups_that_could_do_an_open_job(client, bank):
    from matching import web

    web.clear_cache()
    job = post_job(bank, price_cents=0)
    login(client, bank["poster"])
    page = client.get(f"/oma/tyopankki/{job.pk}/")
    assert [g.site for g in page.context["groups"]][:1] == [bank["site"]]


def test_anyone_reads_a_published_job_but_only_supervisors_get_the_offer_form(
    client, bank
):
    job = post_job(bank, price_cents=0)
    page = client.get(job.url)
    assert page.status_code == 200
    assert list(page.context["offer_sites"]) == []
    assert not page.context["can_view_management"]
    draft = post_job(bank, price_cents=0, publish=False, title="Luonnos")
    assert client.get(f"/tyopankki/{draft.slug}/").status_code == 404


def test_a_new_job_can_be_previewed_before_it_is_saved(bank):
    from marketplace.jobs import selectors

    draft = Job(title="Esikatselu", organisation=bank["ngo"])
    context = selectors.job_page_context(bank["poster"], draft)
    assert context["progress"] is None and not context["can_view_management"]
