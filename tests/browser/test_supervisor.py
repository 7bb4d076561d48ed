"""A site supervisor logs in, edits their own site in the Wagtail admin and submits it
to the organiser's approval; another organisation's site stays closed to them."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.utils import translation
from wagtail.models import WorkflowState

from marketplace.access import roles
from marketplace.models import WorkSite
from marketplace.seeding.setup import WORKFLOW_NAME
from tests.factories.accounts import make_user
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser

NEW_DESCRIPTION = "Puutöitä omaan tahtiin. Uutena korjaamme polkupyöriä."


def test_supervisor_submits_a_change_for_approval_and_cannot_edit_others(
    page, world, shot
):
    # Given a supervisor of the organisation that runs Puupaja Höylä
    site = world["hoyla"]
    supervisor = make_user(roles.SUPERVISOR, organisation=world["ngo"])
    # when they log in through the login form
    log_in(page, supervisor)
    assert urlparse(page.url).path == "/oma/"
    shot(page, "supervisor-dashboard")
    # and change the description of their site in the Wagtail admin
    page.goto(f"/admin/pages/{site.pk}/edit/")
    page.locator("#id_description_fi").fill(NEW_DESCRIPTION)
    footer = page.locator("footer .actions--primary")
    # they have no Publish button, only "Submit to Paikkasivun julkaisu" in the menu
    assert footer.locator("button[name='action-publish']").count() == 0
    footer.locator(".w-dropdown__toggle").click()
    submit = footer.locator("button[name='action-submit']")
    assert WORKFLOW_NAME in submit.inner_text()
    shot(page, "supervisor-edit-menu-open")
    with page.expect_navigation():
        submit.click()
    shot(page, "supervisor-after-submit")
    # then the change waits in the workflow for the organiser's approval
    state = WorkflowState.objects.get(
        object_id=str(site.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by == supervisor
    # and the public page still has the old text while the draft has the new one
    saved = WorkSite.objects.get(pk=site.pk)
    assert saved.description == "Puutöitä omaan tahtiin."
    assert saved.get_latest_revision_as_object().description == NEW_DESCRIPTION
    # when they open another organisation's site in the editor
    other = world["bitti"]
    response = page.goto(f"/admin/pages/{other.pk}/edit/")
    shot(page, "supervisor-other-site")
    # then they are refused: not found (another organisation's page does not exist
    # in their admin, marketplace.access.admin_scope), a 403, or Wagtail's redirect
    assert response is not None
    if response.status not in (403, 404):
        redirect = response.request.redirected_from
        assert redirect is not None, (response.status, page.url)
        assert redirect.response().status == 302
        assert urlparse(page.url).path == "/admin/"
        with translation.override(page.evaluate("document.documentElement.lang")):
            denied = translation.gettext(
                "Sorry, you do not have permission to access this area."
            )
        assert denied in page.locator(".messages").inner_text()
    assert page.locator("#id_description_fi").count() == 0
    assert other.title not in page.locator("main, #main").first.inner_text()
