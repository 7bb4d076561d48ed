"""A supervisor writes their site's description in Swedish in the editor; once the
organiser approves it, a visitor whose browser asks for Swedish reads it, and a
visitor in English reads the Finnish text marked as Finnish (docs/languages.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from wagtail.models import WorkflowState

from marketplace.access import roles
from marketplace.models import WorkSite
from tests.factories.accounts import make_user
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser

SWEDISH = "Snickeri i lugn takt. Vi reparerar också cyklar."
FINNISH = "Puutöitä omaan tahtiin."


def visitor(browser: Any, live_server: Any, locale: str) -> Any:
    """A new browser page whose Accept-Language is ``locale``'s."""
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def test_a_swedish_visitor_reads_the_description_the_supervisor_wrote_in_swedish(
    page, browser, live_server, world, shot, axe
):
    # Given the supervisor of Puupaja Höylä, whose description is in Finnish only
    site = world["hoyla"]
    supervisor = make_user(roles.SUPERVISOR, organisation=world["ngo"])
    log_in(page, supervisor)
    # when they write a Swedish description in the editor and submit it
    page.goto(f"/admin/pages/{site.pk}/edit/")
    page.locator("#id_description_sv").fill(SWEDISH)
    footer = page.locator("footer .actions--primary")
    footer.locator(".w-dropdown__toggle").click()
    with page.expect_navigation():
        footer.locator("button[name='action-submit']").click()
    # and the organiser approves the change
    state = WorkflowState.objects.get(
        object_id=str(site.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    state.current_task_state.approve(user=make_user(roles.PLATFORM_ADMIN))
    site = WorkSite.objects.get(pk=site.pk)
    assert site.description_sv == SWEDISH
    assert site.description_fi == FINNISH
    # then a visitor whose browser asks for Swedish reads the Swedish text, in a
    # page marked Swedish and without a language mark of its own
    swede = visitor(browser, live_server, "sv-FI")
    swede.goto(site.url)
    assert swede.evaluate("document.documentElement.lang") == "sv"
    lead = swede.locator("p.lead")
    assert lead.inner_text() == SWEDISH
    assert lead.get_attribute("lang") is None
    shot(swede, "site-in-swedish")
    assert axe(swede) == []
    # and in the catalogue the site's card says it in Swedish too
    swede.goto(site.get_parent().url)
    card = swede.locator(f"#site-{site.pk} p.summary")
    assert card.inner_text().startswith("Snickeri i lugn takt.")
    swede.context.close()
    # while a browser that asks for English gets Finnish, the site's first language
    english = visitor(browser, live_server, "en-US")
    english.goto(site.url)
    assert english.evaluate("document.documentElement.lang") == "fi"
    assert english.locator("p.lead").inner_text() == FINNISH
    # and, having picked English (the language switch's cookie), reads the
    # Finnish text marked as Finnish
    english.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    english.goto(site.url)
    assert english.evaluate("document.documentElement.lang") == "en"
    lead = english.locator("p.lead")
    assert lead.inner_text() == FINNISH
    assert lead.get_attribute("lang") == "fi"
    assert axe(english) == []
    english.context.close()
