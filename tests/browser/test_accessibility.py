"""axe-core finds no WCAG 2.0/2.1 A or AA violations on the public pages."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

CATALOGUE = "/tyotoimintapaikat/"


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per rule and per failing node: what to fix and where."""
    lines = [f"{len(violations)} axe-core violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


PAGES = {
    "home": "/",
    "catalogue": CATALOGUE,
    "catalogue-with-filters": f"{CATALOGUE}?municipality=398&tag=woodwork&tag=cafe"
    "&free_seats=on&pricing=voucher&q=H%C3%B6yl%C3%A4",
    # an unknown municipality: the form shows an error next to the field
    "catalogue-form-error": f"{CATALOGUE}?municipality=999",
    "site-page": "{site_url}",
    "login": "/kirjaudu/",
    "accessibility-statement": "/saavutettavuus/",
    "accessibility-feedback": "/saavutettavuus/palaute/",
    "privacy-notice": "/tietosuoja/",
    "help": "/ohjeet/",
}


@pytest.mark.parametrize("name", PAGES)
def test_public_page_has_no_axe_violations(page, world, shot, axe, name):
    # Given a public page as an anonymous Finnish-speaking visitor sees it
    response = page.goto(PAGES[name].format(site_url=world["hoyla"].url))
    assert response is not None and response.ok, response and response.status
    shot(page, f"axe-{name}")
    # when axe-core checks it against WCAG 2.0 and 2.1, levels A and AA
    violations = axe(page)
    # then it finds nothing to fix
    assert violations == [], describe(violations)


SUPERVISOR_PAGES = {
    "dashboard": "/oma/",
    "my-sites": "/oma/paikat/",
    "seats-form": "/oma/paikat/{site_pk}/paikkamaara/",
}


@pytest.mark.parametrize("name", SUPERVISOR_PAGES)
def test_supervisor_page_has_no_axe_violations(page, world, shot, axe, name):
    # Given a supervisor, logged in through the login form
    from marketplace.access import roles
    from tests.factories.accounts import make_user
    from tests.security.login import browser_log_in

    supervisor = make_user(roles.SUPERVISOR, organisation=world["ngo"])
    browser_log_in(page, supervisor)
    # when they open one of their own pages
    response = page.goto(SUPERVISOR_PAGES[name].format(site_pk=world["hoyla"].pk))
    assert response is not None and response.ok, response and response.status
    shot(page, f"axe-supervisor-{name}")
    # then axe-core finds no WCAG 2.0/2.1 A or AA violations
    violations = axe(page)
    assert violations == [], describe(violations)
