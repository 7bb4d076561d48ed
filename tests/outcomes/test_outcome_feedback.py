"""The client's monthly feedback: on their own page or with the supervisor's help."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from marketplace.access import roles
from marketplace.clients.selectors.feedback import feedback_months, previous_month
from marketplace.clients.services.feedback import FeedbackError, feedback_record
from marketplace.models import (
    AccessLogEntry,
    ClientFeedback,
    Placement,
    PlacementPeriod,
)
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

ANSWERS = {"felt": "3", "learned": "a_little", "wants_to_continue": "yes"}


def this_month() -> dt.date:
    return timezone.localdate().replace(day=1)


def placed(site, name: str, user=None, start: dt.date | None = None):  # type: ignore[no-untyped-def]
    client = make_client(name=name, municipality=site.municipality, user=user)
    placement = Placement.objects.create(
        client=client, site=site, status=Placement.Status.ACTIVE
    )
    start = start or previous_month(this_month()) - dt.timedelta(days=20)
    PlacementPeriod.objects.create(placement=placement, start=start)
    return placement


@pytest.fixture
def setting(polku):  # type: ignore[no-untyped-def]
    org = OrganisationFactory()
    site = make_site(organisation=org)
    user = make_user(roles.CLIENT)
    return {
        "site": site,
        "mine": placed(site, "Aino", user=user),
        "other": placed(site, "Bertta"),
        "user": user,
        "supervisor": make_user(roles.SUPERVISOR, organisation=org),
        "stranger": make_user(roles.SUPERVISOR, organisation=OrganisationFactory()),
    }


def test_client_answers_for_their_own_placement(client, setting):
    # given a client with an active placement since last month
    client.login(username=setting["user"].username, password=PASSWORD)
    mine = setting["mine"]
    # when they open their page, it asks; they answer for last month
    page = client.get("/oma/minun/").content.decode()
    assert f"/oma/minun/palaute/{mine.pk}/" in page
    form = client.get(f"/oma/minun/palaute/{mine.pk}/").content.decode()
    assert "img/feedback/felt-3.svg" in form and 'alt=""' in form
    last = previous_month(this_month())
    response = client.post(
        f"/oma/minun/palaute/{mine.pk}/", {**ANSWERS, "month": last.isoformat()}
    )
    # then it is saved as their own answer
    assert response.status_code == 302
    answer = ClientFeedback.objects.get(placement=mine)
    assert (answer.month, answer.felt, answer.learned) == (last, 3, "a_little")
    assert not answer.helped_by_supervisor
    assert answer.recorded_by == setting["user"]


def test_one_answer_per_month(client, setting):
    client.login(username=setting["user"].username, password=PASSWORD)
    url = f"/oma/minun/palaute/{setting['mine'].pk}/"
    month = this_month().isoformat()
    client.post(url, {**ANSWERS, "month": month})
    response = client.post(url, {**ANSWERS, "month": month, "felt": "1"})
    assert response.status_code == 200  # the form again, with the error
    assert ClientFeedback.objects.filter(placement=setting["mine"]).count() == 1
    assert ClientFeedback.objects.get(placement=setting["mine"]).felt == 3


def test_service_refuses_a_month_already_answered_or_not_open(setting):
    mine, user = setting["mine"], setting["user"]
    today = timezone.localdate()
    feedback_record(
        actor=user,
        placement=mine,
        month=today,
        felt=2,
        learned="no",
        wants_to_continue="no",
    )
    with pytest.raises(FeedbackError):
        feedback_record(
            actor=user,
            placement=mine,
            month=today,
            felt=3,
            learned="no",
            wants_to_continue="no",
        )
    with pytest.raises(FeedbackError):  # three months ago is no longer open
        old = previous_month(previous_month(previous_month(this_month())))
        feedback_record(
            actor=user,
            placement=mine,
            month=old,
            felt=3,
            learned="no",
            wants_to_continue="no",
        )
    with pytest.raises(FeedbackError):
        previous = previous_month(this_month())
        feedback_record(
            actor=user,
            placement=mine,
            month=previous,
            felt=7,
            learned="no",
            wants_to_continue="no",
        )


def test_a_client_cannot_answer_for_another_clients_placement(client, setting):
    client.login(username=setting["user"].username, password=PASSWORD)
    url = f"/oma/minun/palaute/{setting['other'].pk}/"
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {**ANSWERS, "month": this_month().isoformat()}).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        feedback_record(
            actor=setting["user"],
            placement=setting["other"],
            month=this_month(),
            felt=3,
            learned="yes",
            wants_to_continue="yes",
        )
    assert not ClientFeedback.objects.exists()


def test_supervisor_records_the_answers_with_the_client(client, setting):
    # given the site's supervisor on the feedback page linked from attendance
    client.login(username=setting["supervisor"].username, password=PASSWORD)
    site, other = setting["site"], setting["other"]
    attendance = client.get(f"/oma/paikat/{site.pk}/lasnaolo/").content.decode()
    assert f"/oma/paikat/{site.pk}/palaute/" in attendance
    listing = client.get(f"/oma/paikat/{site.pk}/palaute/").content.decode()
    assert "Bertta" in listing
    # when they record Bertta's answers together
    url = f"/oma/paikat/{site.pk}/palaute/{other.pk}/"
    response = client.post(url, {**ANSWERS, "month": this_month().isoformat()})
    # then they are saved as helped answers, and the access is logged
    assert response.status_code == 302
    answer = ClientFeedback.objects.get(placement=other)
    assert answer.helped_by_supervisor and answer.recorded_by == setting["supervisor"]
    assert AccessLogEntry.objects.filter(
        client=other.client,
        actor=setting["supervisor"],
        action="edit",
        purpose="feedback",
    ).exists()


def test_supervisor_of_another_organisation_is_refused(client, setting):
    client.login(username=setting["stranger"].username, password=PASSWORD)
    site, other = setting["site"], setting["other"]
    assert client.get(f"/oma/paikat/{site.pk}/palaute/").status_code == 403
    url = f"/oma/paikat/{site.pk}/palaute/{other.pk}/"
    assert (
        client.post(url, {**ANSWERS, "month": this_month().isoformat()}).status_code
        == 403
    )
    assert not ClientFeedback.objects.exists()


def test_a_placement_of_another_site_is_not_found_on_this_sites_page(client, setting):
    elsewhere = placed(make_site(organisation=setting["site"].organisation), "Cecilia")
    client.login(username=setting["supervisor"].username, password=PASSWORD)
    url = f"/oma/paikat/{setting['site'].pk}/palaute/{elsewhere.pk}/"
    assert client.get(url).status_code == 404


def test_months_open_for_answers_follow_the_periods(setting):
    # a placement that started this month is asked only about this month
    today = timezone.localdate()
    fresh = placed(setting["site"], "Doris", start=this_month())
    assert feedback_months(fresh, today) == [this_month()]
    # an ended period before last month leaves nothing to answer
    gone = placed(setting["site"], "Eero", start=dt.date(2020, 1, 1))
    gone.periods.update(end=dt.date(2020, 6, 30))
    assert feedback_months(gone, today) == []


def test_missing_answers_are_explained_in_plain_words(client, setting):
    client.login(username=setting["user"].username, password=PASSWORD)
    response = client.post(
        f"/oma/minun/palaute/{setting['mine'].pk}/", {"month": this_month().isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["felt"]
    assert not ClientFeedback.objects.exists()
