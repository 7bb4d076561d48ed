"""Suggestions in a real browser: the instructor sees the top list with reasons and
books a visit from it; the client sees their own suggestions in plain Finnish,
reorders their goals and says "interested"."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from marketplace.access import roles
from marketplace.models import Placement
from matching import web
from matching.models import ShownList, SuggestionFeedback
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def town(polku):  # type: ignore[no-untyped-def]
    web.clear_cache()
    county = OrganisationFactory(kind="wellbeing_county")
    lahti = MunicipalityFactory(
        code="398", name="Lahti", region=county.region, lat=60.98, lon=25.66
    )
    ngo = OrganisationFactory(region=county.region, name="Kierrätys ry")
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="ohjaaja")
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor,
        name="Aino Oma",
        user=client_user,
        municipality=lahti,
        goals=["studies", "social_participation"],
    )
    school = make_site(
        title="Opinpaja",
        organisation=ngo,
        municipality=lahti,
        forms=("individual",),
        tags=("office",),
        learning_units=("Toimistopalvelut",),
    )
    group = make_site(
        title="Yhteisöryhmä",
        organisation=ngo,
        municipality=lahti,
        forms=("group_outside",),
        tags=("cafe",),
    )
    yield {"instructor": instructor, "client_user": client_user, "person": person,
           "school": school, "group": group}  # fmt: skip
    web.clear_cache()


def card_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("#suggestions .suggestion h3").all_inner_texts()


def test_instructor_sees_reasons_and_books_a_visit_from_the_list(page, town, shot, axe):
    # Given the instructor on their client's page
    log_in(page, town["instructor"])
    page.goto(f"/oma/asiakkaat/{town['person'].pk}/")
    # when they open the suggestions
    with page.expect_navigation():
        page.get_by_role("link", name="Ehdotukset asiakkaalle").click()
    # then the place with qualification units comes first, with reasons in Finnish
    assert card_titles(page) == ["Opinpaja", "Yhteisöryhmä"]
    first = page.locator("#suggestions .suggestion").first
    reasons = first.locator(".reasons li").all_inner_texts()
    assert any(r.startswith("Sopii asiakkaan tavoitteeseen: opiskelu") for r in reasons)
    assert any("km" in r for r in reasons)
    shot(page, "suggestions-instructor")
    assert axe(page) == []
    # when they book a visit to the first one
    with page.expect_navigation():
        first.get_by_role("button", name="Varaa tutustumiskäynti").click()
    # then the placement path starts there, at the visit form
    placement = Placement.objects.get(client=town["person"])
    assert placement.site_id == town["school"].pk
    assert urlparse(page.url).path == f"/oma/sijoitukset/{placement.pk}/visit/"
    assert ShownList.objects.filter(audience="instructor").count() == 1


def test_client_reorders_goals_sees_the_list_change_and_says_interested(
    page, town, shot, axe
):
    log_in(page, town["client_user"])
    page.goto("/oma/minun/")
    with page.expect_navigation():
        page.get_by_role("link", name="Omat ehdotukseni").click()
    assert page.locator("h1").inner_text() == "Omat ehdotukseni"
    assert card_titles(page)[0] == "Opinpaja"
    reasons = page.locator("#suggestions .reasons").first.inner_text()
    assert "Sopii tavoitteeseesi" in reasons
    assert axe(page) == []
    # when the client moves "being with others" to the top
    with page.expect_navigation():
        page.get_by_role(
            "button", name=re.compile(r"Ylös\s*: Sosiaalinen osallisuus")
        ).click()
    # then the order of the goals and of the suggestions changes
    assert (
        page.locator(".goal-order .goal-label").first.inner_text()
        == "Sosiaalinen osallisuus"
    )
    assert card_titles(page)[0] == "Yhteisöryhmä"
    shot(page, "suggestions-client")
    # when they say they are interested in the group
    card = page.locator("#suggestions .suggestion").first
    with page.expect_navigation():
        card.get_by_role("button", name="Kiinnostaa").click()
    assert "kiinnostaa sinua" in page.locator(".messages").inner_text()
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.site, feedback.kind) == (town["group"], "interested")
