"""Suggestions on the web: the instructor's top 10 and the client's own list, the
hard rules underneath, feedback, logging of what was shown, and retraining."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from marketplace.access import roles
from marketplace.models import AccessLogEntry, Placement, PlacementPeriod
from matching import services, web
from matching.models import MatcherModel, ShownList, SuggestionFeedback
from tests.factories.accounts import (
    PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    make_user,
)
from tests.factories.clients import make_client
from tests.factories.sites import make_site


@pytest.fixture(autouse=True)
def fresh_cache():  # type: ignore[no-untyped-def]
    web.clear_cache()
    yield
    web.clear_cache()


@pytest.fixture
def town(polku):  # type: ignore[no-untyped-def]
    county = OrganisationFactory(kind="wellbeing_county")
    lahti = MunicipalityFactory(
        code="398", name="Lahti", region=county.region, lat=60.98, lon=25.66
    )
    oulu = MunicipalityFactory(
        code="564", name="Oulu", region=county.region, lat=65.01, lon=25.47
    )
    ngo = OrganisationFactory(region=county.region, name="Kierrätys ry")
    company = OrganisationFactory(
        region=county.region, kind="company", name="Paja Oy", business_id="0737546-2"
    )
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="ohjaaja")
    colleague = make_user(roles.INSTRUCTOR, organisation=county, username="kollega")
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor,
        name="Aino Oma",
        user=client_user,
        municipality=lahti,
        goals=["studies", "social_participation"],
        max_travel_km=30,
    )
    sites = {
        "school": make_site(
            title="Opinpaja",
            organisation=ngo,
            municipality=lahti,
            forms=("individual",),
            tags=("office",),
            learning_units=("Toimistopalvelut",),
        ),
        "group": make_site(
            title="Yhteisöryhmä",
            organisation=ngo,
            municipality=lahti,
            forms=("group_outside",),
            tags=("cafe",),
            description="Kahvila ja yhdessä tekemistä muiden kanssa.",
        ),
        "full": make_site(
            title="Täysi paja", organisation=ngo, municipality=lahti, seats=(5, 0)
        ),
        "company": make_site(
            title="Yrityksen paja",
            organisation=company,
            municipality=lahti,
            services=("rehabilitative", "disability"),
        ),
        "far": make_site(title="Kaukainen paja", organisation=ngo, municipality=oulu),
        "remote": make_site(
            title="Etäpaja",
            organisation=ngo,
            municipality=oulu,
            forms=("remote",),
            tags=("digital_media",),
        ),
    }
    return locals() | sites


def login(client, user):  # type: ignore[no-untyped-def]
    assert client.login(username=user.username, password=PASSWORD)


def titles(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.site.title for i in result.items]


def test_instructor_sees_ranked_suggestions_with_reasons_and_the_list_is_logged(
    client, town
):
    # Given the instructor of Aino
    login(client, town["instructor"])
    # when they open Aino's suggestions
    with translation.override("fi"):
        response = client.get(f"/oma/asiakkaat/{town['person'].pk}/ehdotukset/")
    assert response.status_code == 200
    result = response.context["result"]
    shown = titles(result)
    # then the full site, the company site and the far site never appear
    assert set(shown) == {"Opinpaja", "Yhteisöryhmä"}
    # and every suggestion has reasons in plain Finnish
    body = response.content.decode()
    assert "Sopii asiakkaan tavoitteeseen" in body
    assert all(item.reasons for item in result.items)
    # and the list is logged with positions and scores, and the read access-logged
    log = ShownList.objects.get()
    assert [i["position"] for i in log.items] == [1, 2]
    assert [i["id"] for i in log.items] == [
        web.site_key(i.site.pk) for i in result.items
    ]
    scores = [i["score"] for i in log.items]
    assert scores == sorted(scores, reverse=True)
    # content-only ranking was never calibrated: no chance is shown or logged
    assert all(i["probability"] is None for i in log.items)
    assert "Arvioitu mahdollisuus" not in body
    assert log.goals == ["studies", "social_participation"]
    assert AccessLogEntry.objects.filter(client=town["person"], action="view").exists()


def test_the_first_goal_decides_and_reordering_changes_the_list(client, town):
    person = town["person"]
    first = services.suggestions_show(
        actor=town["instructor"], client=person, audience="instructor"
    )
    assert titles(first)[0] == "Opinpaja"  # studies first: qualification units
    # when the client moves "being with others" to the top on their own page
    login(client, town["client_user"])
    response = client.post(
        "/oma/minun/tavoitteet/", {"goal": "social_participation", "direction": "up"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.goals == ["social_participation", "studies"]
    # then the group outside comes first
    again = client.get("/oma/minun/ehdotukset/").context["result"]
    assert titles(again)[0] == "Yhteisöryhmä"


def test_remote_and_distance_filters_narrow_the_list(client, town):
    person = town["person"]
    person.remote_ok = True
    person.save()
    login(client, town["instructor"])
    url = f"/oma/asiakkaat/{person.pk}/ehdotukset/"
    everything = titles(client.get(url).context["result"])
    assert "Etäpaja" in everything and "Kaukainen paja" not in everything
    only_remote = titles(client.get(url, {"remote_only": "on"}).context["result"])
    assert only_remote == ["Etäpaja"]
    near = titles(client.get(url, {"max_km": "5"}).context["result"])
    assert "Opinpaja" in near and "Etäpaja" in near  # remote passes a distance limit
    log = ShownList.objects.order_by("shown_at").last()
    assert log.filters["max_km"] == 5


def test_hiding_needs_a_reason_and_removes_the_site(client, town):
    login(client, town["instructor"])
    base = f"/oma/asiakkaat/{town['person'].pk}/ehdotukset/"
    school = town["school"]
    client.post(f"{base}{school.pk}/piilota/", {"reason": ""})
    assert not SuggestionFeedback.objects.exists()
    client.post(f"{base}{school.pk}/piilota/", {"reason": "Liian kova melu"})
    hidden = SuggestionFeedback.objects.get()
    assert (hidden.kind, hidden.reason, hidden.by) == (
        "hidden",
        "Liian kova melu",
        town["instructor"],
    )
    assert "Opinpaja" not in titles(client.get(base).context["result"])
    client.post(f"{base}{school.pk}/palauta/")
    assert "Opinpaja" in titles(client.get(base).context["result"])


def test_book_a_visit_starts_the_placement_path(client, town):
    login(client, town["instructor"])
    base = f"/oma/asiakkaat/{town['person'].pk}/ehdotukset/"
    response = client.post(f"{base}{town['group'].pk}/varaa/")
    placement = Placement.objects.get(client=town["person"])
    assert placement.site_id == town["group"].pk and placement.status == "suggested"
    assert response["Location"] == f"/oma/sijoitukset/{placement.pk}/visit/"
    # and a site the client is already on the way to leaves the suggestions
    assert "Yhteisöryhmä" not in titles(client.get(base).context["result"])


def test_client_answers_interested_or_not_for_me(client, town):
    login(client, town["client_user"])
    with translation.override("fi"):
        page = client.get("/oma/minun/ehdotukset/")
    assert "Miksi tämä paikka" in page.content.decode()
    shown = page.context["result"].shown_list
    client.post(
        f"/oma/minun/ehdotukset/{town['school'].pk}/vastaus/",
        {"answer": "interested", "shown": shown.pk},
    )
    client.post(
        f"/oma/minun/ehdotukset/{town['group'].pk}/vastaus/",
        {"answer": "not_for_me", "shown": shown.pk},
    )
    kinds = dict(SuggestionFeedback.objects.values_list("site__title", "kind"))
    assert kinds == {"Opinpaja": "interested", "Yhteisöryhmä": "not_for_me"}
    assert titles(client.get("/oma/minun/ehdotukset/").context["result"]) == [
        "Opinpaja"
    ]
    # the instructor sees the client's interest
    client.logout()
    login(client, town["instructor"])
    body = client.get(f"/oma/asiakkaat/{town['person'].pk}/ehdotukset/")
    assert body.context["result"].items[0].feedback == "interested"
    # the client's own reads are not staff access
    assert not AccessLogEntry.objects.filter(actor=town["client_user"]).exists()


@pytest.mark.parametrize("who", ["colleague", "client_user", "supervisor"])
def test_others_cannot_see_or_act_on_a_clients_suggestions(client, town, who):
    user = town[who] if who != "supervisor" else make_user(roles.SUPERVISOR)
    login(client, user)
    base = f"/oma/asiakkaat/{town['person'].pk}/ehdotukset/"
    assert client.get(base).status_code in (403, 404)
    assert client.post(f"{base}{town['school'].pk}/varaa/").status_code in (403, 404)
    response = client.post(f"{base}{town['school'].pk}/piilota/", {"reason": "x"})
    assert response.status_code in (403, 404)
    assert not Placement.objects.exists() and not SuggestionFeedback.objects.exists()
    assert not ShownList.objects.exists()


def test_staff_have_no_own_suggestions_page(client, town):
    login(client, town["instructor"])
    assert client.get("/oma/minun/ehdotukset/").status_code == 403


def _history(town, n: int = 60) -> None:  # type: ignore[no-untyped-def]
    """Ended periods of clients who all aim at studies: studies followed the school
    nearly always, the far site rarely (a signal clear enough that the trained model
    is put in use whatever order the database returns the random client ids in)."""
    start = dt.date(2023, 1, 9)
    for i in range(n):
        site = town["school"] if i % 2 else town["far"]
        positive = (i % 2 and i % 7 != 0) or (not i % 2 and i % 9 == 0)
        person = make_client(
            instructor=town["instructor"],
            name=f"Historia {i}",
            municipality=town["lahti"],
            goals=["studies"],
        )
        placement = Placement.objects.create(client=person, site=site, status="ended")
        begin = start + dt.timedelta(days=7 * i)
        PlacementPeriod.objects.create(
            placement=placement,
            start=begin,
            end=begin + dt.timedelta(days=90),
            exit_reason="studies" if positive else "non_commitment",
        )


def test_retraining_registers_a_model_that_ranking_then_uses(town, settings, tmp_path):
    settings.MATCHER_ARTIFACT_DIR = str(tmp_path)
    _history(town)
    model = services.matcher_retrain(as_of=dt.date(2026, 11, 1))
    assert model.is_active and model.training_rows == 60
    assert model.sklearn_version and model.code_version
    assert (tmp_path / model.path.split("/")[-1]).exists()
    result = services.suggestions_show(
        actor=town["instructor"], client=town["person"], audience="instructor"
    )
    assert result.model == model
    assert ShownList.objects.get().scorer == "model"


def test_a_worse_model_does_not_replace_the_one_in_use(
    town, settings, tmp_path, monkeypatch
):
    settings.MATCHER_ARTIFACT_DIR = str(tmp_path)
    _history(town)
    first = services.matcher_retrain(as_of=dt.date(2026, 11, 1))
    first.evaluation = {**first.evaluation, "holdout_auc": 0.99}
    first.save()
    second = services.matcher_retrain(as_of=dt.date(2026, 11, 1))
    assert not second.is_active and second.decision == "worse_than_active"
    assert second.evaluation["decision"]["code"] == "worse_than_active"
    assert MatcherModel.objects.get(is_active=True) == first


def test_retraining_runs_as_a_task(town, settings, tmp_path):
    from matching.tasks import matcher_retrain_task

    settings.MATCHER_ARTIFACT_DIR = str(tmp_path)
    _history(town)
    result = matcher_retrain_task.enqueue()
    assert MatcherModel.objects.filter(pk=result.return_value, is_active=True).exists()


def test_audit_attributes_are_kept_apart_and_reported_only_in_aggregate(client, town):
    from matching.audit import audit_rows
    from matching.models import ClientAuditAttributes

    # Given the instructor records an age band for statistics
    login(client, town["instructor"])
    person = town["person"]
    data = {
        "name": person.name, "municipality": person.municipality_id,
        "service": person.service, "goal_1": "studies",
        "goal_2": "social_participation", "days_per_week": 3, "hours_per_day": 5,
        "max_travel_km": 30, "age_band": "25_34", "service_language": "fi",
    }  # fmt: skip
    response = client.post(f"/oma/asiakkaat/{person.pk}/muokkaa/", data)
    assert response.status_code == 302
    audit = ClientAuditAttributes.objects.get(client=person)
    assert (audit.age_band, audit.service_language) == ("25_34", "fi")
    # and the matcher never receives it
    record = web.client_record(web.client_prefetched(person))
    assert "25_34" not in repr(record)
    # when fewer than five clients share a group, the group is suppressed
    rows = {r.group: r for r in audit_rows("age_band")}
    assert rows["25_34"].suppressed and rows["25_34"].clients is None
    # and with five or more, figures appear
    for i in range(5):
        other = make_client(
            instructor=town["instructor"], name=f"Muu {i}", municipality=town["lahti"]
        )
        ClientAuditAttributes.objects.create(client=other, age_band="55_plus")
    rows = {r.group: r for r in audit_rows("age_band")}
    assert rows["55_plus"].clients == 5 and rows["55_plus"].lists_per_client == 0


def test_booking_from_a_list_is_recorded_as_chosen(client, town):
    login(client, town["instructor"])
    base = f"/oma/asiakkaat/{town['person'].pk}/ehdotukset/"
    shown = client.get(base).context["result"].shown_list
    client.post(f"{base}{town['group'].pk}/varaa/", {"shown": shown.pk})
    shown.refresh_from_db()
    assert shown.chosen_site_id == town["group"].pk


def test_organiser_sees_the_matcher_overview_of_own_region_only(client, town):
    # Given a hidden suggestion in the region, with its reason
    services.suggestion_hide(
        actor=town["instructor"],
        client=town["person"],
        site=town["school"],
        reason="Liian kova melu",
        shown_list_id=None,
    )
    organiser = make_user(roles.ORGANISER, organisation=town["county"])
    far = make_user(roles.ORGANISER, organisation=OrganisationFactory())
    login(client, organiser)
    response = client.get("/oma/suosittelija/")
    assert response.status_code == 200
    assert "Liian kova melu" in response.content.decode()
    assert "Aino Oma" not in response.content.decode()
    client.logout()
    login(client, far)
    assert "Liian kova melu" not in client.get("/oma/suosittelija/").content.decode()
    client.logout()
    login(client, town["instructor"])
    assert client.get("/oma/suosittelija/").status_code == 403


@pytest.mark.parametrize(
    "figures, active_auc, used",
    [
        ({"holdout_auc": 0.62, "content_holdout_auc": 0.60}, None, True),
        ({"holdout_auc": 0.49, "content_holdout_auc": 0.58}, None, False),
        ({"holdout_auc": 0.70, "content_holdout_auc": 0.80}, 0.65, True),
        ({"holdout_auc": 0.64, "content_holdout_auc": 0.50}, 0.65, False),
        ({"holdout_rows": 0}, None, False),
    ],
)
def test_a_model_is_used_only_when_not_worse_than_what_ranks_now(
    figures, active_auc, used
):
    active = (
        None
        if active_auc is None
        else MatcherModel(evaluation={"holdout_auc": active_auc})
    )
    assert services._decide(figures, active)[0] is used


def test_the_ranking_record_of_a_view_matches_the_full_read(polku):
    """ranking_record (two queries) gives exactly what client_record of a fully
    prefetched client gives, interests, needs and languages included."""
    from marketplace.models import Client
    from tests.factories.clients import make_client
    from tests.factories.sites import term

    person = make_client(goals=["studies", "work_trial"])
    person.interests.set([term("tag", "woodwork"), term("tag", "cafe")])
    person.accessibility_needs.set([term("accessibility", "step_free")])
    person.languages.set([term("language", "fi"), term("language", "sv")])
    fresh = Client.objects.get(pk=person.pk)
    record = web.ranking_record(fresh)
    assert record == web.client_record(web.client_prefetched(person))
    assert record.interests == ("cafe", "woodwork")
    assert record.accessibility_needs == ("step_free",)
    assert record.languages == ("fi", "sv")
