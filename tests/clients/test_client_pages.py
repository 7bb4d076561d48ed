"""Client pages through the web: the path, the access log, and who may see what."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.access import roles
from marketplace.models import AccessLogEntry, Client, Placement
from tests.factories.accounts import (
    PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    make_user,
)
from tests.factories.clients import make_client
from tests.factories.sites import make_site


@pytest.fixture
def team(polku):  # type: ignore[no-untyped-def]
    org = OrganisationFactory(kind="wellbeing_county")
    other_org = OrganisationFactory(kind="wellbeing_county")
    me = make_user(roles.INSTRUCTOR, organisation=org, username="minä")
    colleague = make_user(roles.INSTRUCTOR, organisation=org, username="kollega")
    stranger = make_user(roles.INSTRUCTOR, organisation=other_org, username="vieras")
    site = make_site(organisation=OrganisationFactory(region=org.region), seats=(5, 2))
    client_user = make_user(roles.CLIENT, username="asiakas1")
    mine = make_client(
        instructor=me,
        name="Aino Oma",
        user=client_user,
        municipality=MunicipalityFactory(region=org.region),
    )
    theirs = make_client(instructor=colleague, name="Bertta Kollegan")
    return locals()


def login(client, user):  # type: ignore[no-untyped-def]
    assert client.login(username=user.username, password=PASSWORD)


def test_instructor_sees_only_own_clients_and_list_reads_are_logged(client, team):
    login(client, team["me"])
    body = client.get("/oma/asiakkaat/").content.decode()
    assert "Aino Oma" in body and "Bertta Kollegan" not in body
    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.client, entry.action) == (
        team["me"],
        team["mine"],
        "list",
    )


def test_opening_a_client_is_logged(client, team):
    login(client, team["me"])
    assert client.get(f"/oma/asiakkaat/{team['mine'].pk}/").status_code == 200
    assert (
        AccessLogEntry.objects.filter(client=team["mine"], action="view").count() == 1
    )


def test_a_colleagues_client_opens_only_with_a_purpose_which_is_logged(client, team):
    login(client, team["me"])
    url = f"/oma/asiakkaat/{team['theirs'].pk}/"
    response = client.get(url)
    assert response.status_code == 302 and "peruste" in response["Location"]
    assert not AccessLogEntry.objects.exists()
    client.post(f"{url}peruste/", {"purpose": "substitute"})
    assert client.get(url).status_code == 200
    entry = AccessLogEntry.objects.get(client=team["theirs"])
    assert entry.action == "view" and entry.purpose


@pytest.mark.parametrize("who", ["stranger", "client_user", "supervisor", "poster"])
@pytest.mark.parametrize(
    "page",
    ["", "muokkaa/", "itsearvio/", "peruste/", "lasnaolo.csv", "post:ehdota/"]
    + [f"placement:{a}/" for a in ("visit", "agree", "end", "hold", "cancel")],
)
def test_others_get_403_or_404_on_a_clients_pages(client, team, who, page):
    users = {
        "stranger": team["stranger"],
        "client_user": make_user(roles.CLIENT, username="toinen-asiakas"),
        "supervisor": make_user(
            roles.SUPERVISOR, organisation=team["site"].organisation
        ),
        "poster": make_user(roles.POSTER, organisation=OrganisationFactory()),
    }
    placement = Placement.objects.create(client=team["mine"], site=team["site"])
    login(client, users[who])
    if page.startswith("post:"):
        response = client.post(
            f"/oma/asiakkaat/{team['mine'].pk}/{page[5:]}", {"site": team["site"].pk}
        )
    elif page.startswith("placement:"):
        url = f"/oma/sijoitukset/{placement.pk}/{page[10:]}"
        assert client.get(url).status_code in (403, 404)
        response = client.post(url, {"visit_at": "2026-01-05T10:00"})
    else:
        response = client.get(f"/oma/asiakkaat/{team['mine'].pk}/{page}")
    assert response.status_code in (403, 404)
    assert Placement.objects.filter(client=team["mine"]).count() == 1
    placement.refresh_from_db()
    assert placement.status == Placement.Status.SUGGESTED
    assert "Aino Oma" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(client=team["mine"]).exists()


def test_client_ids_in_urls_are_not_sequential(team):
    assert len(str(team["mine"].pk)) == 36 and str(team["mine"].pk) != "1"


def test_instructor_walks_a_client_from_suggestion_to_held_return(client, team, clock):
    clock.set(dt.date(2026, 1, 2))
    login(client, team["me"])
    base = f"/oma/asiakkaat/{team['mine'].pk}/"
    client.post(f"{base}ehdota/", {"site": team["site"].pk})
    p = Placement.objects.get(client=team["mine"])
    act = lambda a, data=None: client.post(f"/oma/sijoitukset/{p.pk}/{a}/", data or {})  # noqa: E731
    assert act("visit", {"visit_at": "2026-01-05T10:00"}).status_code == 302
    assert (
        act(
            "agree",
            {
                "start_date": "2026-01-12",
                "days_per_week": 3,
                "hours_per_day": 5,
                "tasks": "Puutyöt",
            },
        ).status_code
        == 302
    )
    clock.set(dt.date(2026, 1, 12))
    assert act("activate", {"start_date": "12.1.2026"}).status_code == 302
    clock.set(dt.date(2026, 3, 1))
    assert (
        act(
            "hold", {"end_date": "2026-03-01", "exit_reason": "work_trial", "weeks": 6}
        ).status_code
        == 302
    )
    clock.set(dt.date(2026, 3, 20))
    assert act("return", {"start_date": "2026-03-20"}).status_code == 302
    p.refresh_from_db()
    assert p.status == Placement.Status.ACTIVE and p.periods.count() == 2
    page = client.get(base).content.decode()
    assert "20.3.2026" in page and "1.3.2026" in page


def test_a_broken_rule_is_shown_and_changes_nothing(client, team, clock):
    clock.set(dt.date(2026, 1, 2))
    login(client, team["me"])
    client.post(f"/oma/asiakkaat/{team['mine'].pk}/ehdota/", {"site": team["site"].pk})
    p = Placement.objects.get()
    client.post(f"/oma/sijoitukset/{p.pk}/visit/", {"visit_at": "2026-01-05T10:00"})
    response = client.post(
        f"/oma/sijoitukset/{p.pk}/agree/",
        {
            "start_date": "2026-01-12",
            "days_per_week": 5,
            "hours_per_day": 5,
            "tasks": "x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    p.refresh_from_db()
    assert p.status == Placement.Status.VISIT_BOOKED


def test_client_form_has_no_place_for_diagnoses_and_keeps_goal_order(client, team):
    login(client, team["me"])
    form = client.get("/oma/asiakkaat/uusi/").context["form"]
    assert not any("diagno" in name or "health" in name for name in form.fields)
    municipality = team["mine"].municipality
    response = client.post(
        "/oma/asiakkaat/uusi/",
        {
            "name": "Cecilia Uusi",
            "municipality": municipality.pk,
            "service": "disability",
            "goal_1": "own_product",
            "goal_2": "employment",
            "days_per_week": 5,
            "hours_per_day": 5,
            "max_travel_km": 10,
        },
    )
    assert response.status_code == 302
    created = Client.objects.get(name="Cecilia Uusi")
    assert (
        created.goals == ["own_product", "employment"]
        and created.instructor == team["me"]
    )


def test_client_sees_own_page_and_who_viewed(client, team):
    login(client, team["me"])
    client.get(f"/oma/asiakkaat/{team['mine'].pk}/")
    client.logout()
    login(client, team["client_user"])
    response = client.get("/oma/minun/")
    assert response.status_code == 200
    lines = response.context["access_lines"]
    assert [(line.who, line.times) for line in lines] == [
        (team["me"].get_full_name() or team["me"].username, 1)
    ]
    assert client.get(f"/oma/asiakkaat/{team['mine'].pk}/").status_code == 403


def test_client_changes_own_wishes_and_interests_and_nothing_else(client, team):
    from marketplace.models import Term

    woodwork = Term.objects.get(vocabulary="tag", code="woodwork")
    login(client, team["client_user"])
    response = client.post(
        "/oma/minun/toiveet/",
        {
            "wishes": "Haluan tehdä puutöitä aamuisin.",
            "interests": [woodwork.pk],
            "max_travel_km": 300,  # not on the form: must be ignored
        },
    )
    assert response.status_code == 302 and response["Location"] == "/oma/minun/"
    mine = Client.objects.get(pk=team["mine"].pk)
    assert mine.wishes == "Haluan tehdä puutöitä aamuisin."
    assert list(mine.interests.all()) == [woodwork]
    assert mine.max_travel_km == team["mine"].max_travel_km
    assert (
        "Haluan tehdä puutöitä aamuisin." in client.get("/oma/minun/").content.decode()
    )
    # a client's own edits are not staff access
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("who", ["me", "supervisor"])
def test_staff_without_a_client_record_cannot_use_the_own_wishes_page(
    client, team, who
):
    user = team[who] if who == "me" else make_user(roles.SUPERVISOR)
    login(client, user)
    assert client.get("/oma/minun/toiveet/").status_code == 403


def test_organiser_searches_the_access_log_of_own_region_only(client, team):
    login(client, team["me"])
    client.get(f"/oma/asiakkaat/{team['mine'].pk}/")
    organiser = make_user(roles.ORGANISER, organisation=team["org"])
    far = make_user(roles.ORGANISER, organisation=team["other_org"])
    client.logout()
    login(client, organiser)
    response = client.get("/oma/lokit/", {"kayttaja": "minä"})
    assert [e.client for e in response.context["entries"]] == [team["mine"]]
    assert (
        len(client.get("/oma/lokit/", {"kayttaja": "nobody"}).context["entries"]) == 0
    )
    client.logout()
    login(client, far)
    assert len(client.get("/oma/lokit/").context["entries"]) == 0
    client.logout()
    login(client, team["me"])
    assert client.get("/oma/lokit/").status_code == 403
