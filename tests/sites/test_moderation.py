"""A supervisor submits a site change; an organiser of the site's region approves it."""

from __future__ import annotations

import pytest
from django.utils import translation
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from marketplace.access import roles
from marketplace.models import Term, WorkSite
from marketplace.shared.law import COMPANY_REHAB_MESSAGE
from tests.factories.accounts import (
    PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    make_user,
)
from tests.factories.sites import make_site


def edit_form(site: WorkSite, **changes: object) -> dict:
    terms = {t.vocabulary + ":" + t.code: t.pk for t in Term.objects.all()}
    data = {
        "title": site.title,
        "slug": site.slug,
        "organisation": site.organisation_id,
        "description_fi": site.description_fi,
        "description_sv": "",
        "description_en": "",
        "municipality": site.municipality_id,
        "address": site.address,
        "postal_code": site.postal_code,
        "lat": site.lat,
        "lon": site.lon,
        "services": [terms["service:" + t.code] for t in site.services.all()],
        "forms": [terms["form:" + t.code] for t in site.forms.all()],
        "tags": [terms["tag:" + t.code] for t in site.tags.all()],
        "accessibility": [],
        "languages": [terms["language:fi"]],
        "days_min": site.days_min,
        "days_max": site.days_max,
        "hours_min": site.hours_min,
        "hours_max": site.hours_max,
        "support_level": site.support_level,
        "voucher_price_cents": "",
        "learning_units": inline_formset([]),
        "comments": inline_formset([]),
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
    }
    data.update(changes)
    lists = {
        k: data.pop(k)
        for k in ("services", "forms", "tags", "accessibility", "languages")
    }
    return {**nested_form_data(data), **lists}


@pytest.fixture
def setting(polku):  # type: ignore[no-untyped-def]
    south, north = RegionFactory(slug="south"), RegionFactory(slug="north")
    org = OrganisationFactory(name="Oma ry", region=south)
    site = make_site(
        title="Oma paja",
        organisation=org,
        municipality=MunicipalityFactory(region=south),
    )
    county = OrganisationFactory(kind="wellbeing_county", region=south)
    far_county = OrganisationFactory(kind="wellbeing_county", region=north)
    return {
        "site": site,
        "supervisor": make_user(roles.SUPERVISOR, organisation=org),
        "organiser": make_user(roles.ORGANISER, organisation=county),
        "far_organiser": make_user(roles.ORGANISER, organisation=far_county),
    }


def submit(client, setting, **changes):  # type: ignore[no-untyped-def]
    client.login(username=setting["supervisor"].username, password=PASSWORD)
    site = setting["site"]
    return client.post(
        f"/admin/pages/{site.pk}/edit/",
        {**edit_form(site, **changes), "action-submit": "Submit"},
    )


def test_supervisor_change_waits_for_the_organisers_approval(client, setting):
    # Given a supervisor who changes the description and submits it
    response = submit(
        client, setting, description_fi="Uusi kuvaus: puutöitä ja korjausta."
    )
    assert response.status_code == 302, response.content[:2000]
    site = WorkSite.objects.get(pk=setting["site"].pk)
    # then the public page still shows the old text and a workflow is in progress
    assert site.description == "Puutöitä omaan tahtiin."
    state = WorkflowState.objects.get(object_id=str(site.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # and the supervisor cannot publish by themself
    assert not site.permissions_for_user(setting["supervisor"]).can_publish()


def test_only_an_organiser_of_the_sites_region_can_approve(client, setting):
    submit(client, setting, description_fi="Uusi kuvaus.")
    site = WorkSite.objects.get(pk=setting["site"].pk)
    state = WorkflowState.objects.get(object_id=str(site.pk))
    task = state.current_task_state.task.specific
    assert task.get_actions(site, setting["far_organiser"]) == []
    assert task.get_actions(site, setting["supervisor"]) == []
    assert [a[0] for a in task.get_actions(site, setting["organiser"])][:2] == [
        "reject",
        "approve",
    ]
    assert not task.get_task_states_user_can_moderate(setting["far_organiser"]).exists()
    assert task.get_task_states_user_can_moderate(setting["organiser"]).exists()


def test_the_organisers_approval_publishes_the_change(client, setting):
    submit(client, setting, description_fi="Uusi kuvaus hyväksyttäväksi.")
    site = WorkSite.objects.get(pk=setting["site"].pk)
    state = WorkflowState.objects.get(object_id=str(site.pk))
    client.logout()
    client.login(username=setting["organiser"].username, password=PASSWORD)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{site.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    site.refresh_from_db()
    assert site.description == "Uusi kuvaus hyväksyttäväksi."
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_company_site_cannot_offer_rehabilitative_work_activity(client, setting):
    company = OrganisationFactory(
        name="Paja Oy",
        kind="company",
        business_id="",
        region=setting["site"].organisation.region,
    )
    admin = make_user(roles.PLATFORM_ADMIN)
    client.login(username=admin.username, password=PASSWORD)
    site = setting["site"]
    response = client.post(
        f"/admin/pages/{site.pk}/edit/",
        {**edit_form(site, organisation=company.pk), "action-publish": "Publish"},
    )
    assert response.status_code == 200
    with translation.override("fi"):
        assert str(COMPANY_REHAB_MESSAGE) in response.context["form"].errors["services"]
    site.refresh_from_db()
    assert site.organisation.name == "Oma ry"
