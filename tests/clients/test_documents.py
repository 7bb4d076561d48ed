"""The placement agreement and client plan: a page to print and a PDF with the
client's goals in their order, the site, days, hours, dates, contacts and review
date; read only by the own worker and the client (logged); marked signed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from marketplace.access import roles
from marketplace.clients.services import documents as dsvc
from marketplace.clients.services import placements as psvc
from marketplace.models import AccessLogEntry, Placement
from marketplace.shared import vocabularies
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

START = dt.date(2026, 2, 2)
GOALS = ["own_product", "studies", "life_management"]


@pytest.fixture
def world(polku, clock):  # type: ignore[no-untyped-def]
    clock.set(dt.date(2026, 1, 20))  # the visit and the agreement are made that day
    county = OrganisationFactory(name="Hyvinvointialue", kind="wellbeing_county")
    unit = OrganisationFactory(name="Verstas ry")
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    instructor.first_name, instructor.last_name = "Sanna", "Ohjaaja"
    instructor.email = "sanna@example.org"
    instructor.save()
    client_user = make_user(roles.CLIENT)
    site = make_site(
        title="Puupaja Äijälä",
        organisation=unit,
        seats=(5, 2),
        days_min=1,
        days_max=4,
        hours_min=4,
        hours_max=6,
    )
    site.contact_name, site.contact_phone = "Tuomas Työnohjaaja", "040 123 4567"
    site.save()
    client = make_client(
        instructor=instructor, user=client_user, name="Åsa Öhman", goals=GOALS
    )
    placement = psvc.placement_suggest(actor=instructor, client=client, site=site)
    placement = psvc.placement_book_visit(
        actor=instructor,
        placement=placement,
        visit_at=dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC),
    )
    placement = psvc.placement_agree(
        actor=instructor,
        placement=placement,
        start_date=START,
        days_per_week=3,
        hours_per_day=5,
        tasks="Puutyöt ja kokoonpano",
    )
    clock.reset()
    return {
        "instructor": instructor,
        "client_user": client_user,
        "client": client,
        "site": site,
        "placement": placement,
        "unit": unit,
        "county": county,
    }


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def goal_labels() -> list[str]:
    with translation.override("fi"):
        return [vocabularies.label("goal", g) for g in GOALS]


def test_the_page_shows_goals_in_order_site_days_dates_contacts_and_review(
    client, world
):
    client.force_login(world["instructor"])

    response = client.get(reverse("placement_agreement", args=[world["placement"].pk]))

    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(label) for label in goal_labels()]
    assert positions == sorted(positions)
    for text in ("Puupaja Äijälä", "Verstas ry", "Puutyöt ja kokoonpano",
                 "2.2.2026", "2.5.2026", "18.4.2026", "Tuomas Työnohjaaja",
                 "040 123 4567", "sanna@example.org", "9,00"):  # fmt: skip
        assert text in html, text
    entry = AccessLogEntry.objects.get(client=world["client"])
    assert (entry.actor, entry.action, entry.subject, entry.purpose) == (
        world["instructor"],
        AccessLogEntry.Action.VIEW,
        AccessLogEntry.Subject.AGREEMENT,
        AccessLogEntry.Purpose.OWN_WORKER,
    )


def test_the_pdf_reads_back_with_the_goals_in_order_and_the_dates(client, world):
    client.force_login(world["instructor"])

    response = client.get(
        reverse("placement_agreement_pdf", args=[world["placement"].pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    positions = [text.index(label) for label in goal_labels()]
    assert positions == sorted(positions)
    for fact in ("Åsa Öhman", "Puupaja Äijälä", "2.2.2026", "2.5.2026", "18.4.2026"):
        assert fact in text, fact
    assert AccessLogEntry.objects.filter(
        client=world["client"], action=AccessLogEntry.Action.EXPORT
    ).exists()


def test_the_client_reads_their_own_agreement_without_an_access_log_entry(
    client, world
):
    client.force_login(world["client_user"])

    page = client.get(reverse("placement_agreement", args=[world["placement"].pk]))
    pdf = client.get(reverse("placement_agreement_pdf", args=[world["placement"].pk]))

    assert page.status_code == 200 and pdf.status_code == 200
    assert "Mark the agreement signed" not in page.content.decode()
    assert "Merkitse sopimus allekirjoitetuksi" not in page.content.decode()
    assert not AccessLogEntry.objects.filter(client=world["client"]).exists()


@pytest.mark.parametrize("who", ["colleague", "supervisor", "other_client", "poster"])
def test_nobody_else_reads_the_agreement(client, world, who):
    user = {
        "colleague": lambda: make_user(roles.INSTRUCTOR, organisation=world["county"]),
        "supervisor": lambda: make_user(roles.SUPERVISOR, organisation=world["unit"]),
        "other_client": lambda: make_user(roles.CLIENT),
        "poster": lambda: make_user(roles.POSTER, organisation=world["unit"]),
    }[who]()
    client.force_login(user)
    pk = world["placement"].pk

    for name in ("placement_agreement", "placement_agreement_pdf"):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    response = client.post(
        reverse("placement_agreement_sign", args=[pk]), {"signed_on": "2026-02-01"}
    )
    assert response.status_code == 404
    assert Placement.objects.get(pk=pk).agreement_signed_on is None
    assert not AccessLogEntry.objects.filter(client=world["client"]).exists()


def test_the_own_worker_marks_it_signed_and_the_pdf_says_so(client, world):
    client.force_login(world["instructor"])
    pk = world["placement"].pk
    day = timezone.localdate()

    response = client.post(
        reverse("placement_agreement_sign", args=[pk]),
        {"signed_on": day.isoformat()},
    )

    assert response.status_code == 302
    placement = Placement.objects.get(pk=pk)
    assert placement.agreement_signed_on == day
    assert placement.agreement_signed_by == world["instructor"]
    assert AccessLogEntry.objects.filter(
        client=world["client"],
        action=AccessLogEntry.Action.EDIT,
        subject=AccessLogEntry.Subject.AGREEMENT,
    ).exists()
    text = pdf_text(client.get(reverse("placement_agreement_pdf", args=[pk])).content)
    assert f"{day.day}.{day.month}.{day.year}" in text


def test_a_date_in_the_future_is_refused_at_the_field_and_changes_nothing(
    client, world
):
    client.force_login(world["instructor"])
    pk = world["placement"].pk
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(
        reverse("placement_agreement_sign", args=[pk]),
        {"signed_on": tomorrow.isoformat()},
    )

    assert response.status_code == 400
    assert (
        "Allekirjoituspäivä ei voi olla tulevaisuudessa." in response.content.decode()
    )
    assert Placement.objects.get(pk=pk).agreement_signed_on is None


def test_a_garbled_date_gets_a_message_not_an_error(client, world):
    client.force_login(world["instructor"])

    response = client.post(
        reverse("placement_agreement_sign", args=[world["placement"].pk]),
        {"signed_on": "31.31.2026"},
    )

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_only_an_agreed_placement_can_be_marked_signed(world):
    suggested = psvc.placement_suggest(
        actor=world["instructor"],
        client=make_client(instructor=world["instructor"], name="Toinen"),
        site=world["site"],
    )

    with translation.override("en"), pytest.raises(dsvc.AgreementError):
        dsvc.placement_agreement_sign(
            actor=world["instructor"],
            placement=suggested,
            signed_on=timezone.localdate(),
        )
