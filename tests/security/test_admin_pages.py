"""No Wagtail admin view shows another organisation's (region's) pages.

Generated from Wagtail's URL conf (tests/security/urlconf.py), like the IDOR test:
every admin URL of every family (pages, explorer, choosers, the admin API, reports,
workflows, usage, history, revisions, images, documents, users …) is opened, with the
other region's drafts as its arguments where it takes a page, revision, workflow or
task state, as each admin role of the home region. No response may name the other
region's draft sites and jobs, their pending changes, or who submitted them
(``marketplace.access.pages``).
"""

from __future__ import annotations

from typing import Any

import pytest
from wagtail.models import Page, TaskState, WorkflowState

from marketplace.models import Job, WorkSite
from tests.security.objects import Realm, realm_build
from tests.security.test_client_wishes import text_of
from tests.security.urlconf import Route, routes

#: The roles of a region that work in the admin.
ADMIN_ROLES = ("supervisor", "poster", "organiser")
#: Admin URLs not opened: they end the session (the rest of the run would see
#: nothing), or are no page (a catch-all and an error test).
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_error_test", None}
#: Views that search: opened again with a query for the other region's drafts.
SEARCHES = {
    "wagtailadmin_pages:search": "q",
    "wagtailadmin_pages:search_results": "q",
    "wagtailadmin_choose_page_search": "q",
    "wagtailadmin_explore_root": "q",
    "wagtailadmin_api:pages:listing": "search",
    "wagtailadmin_reports:site_history": "label",
    "wagtailadmin_reports:site_history_results": "label",
    "wagtailadmin_reports:workflow": "q",
    "wagtailadmin_reports:workflow_results": "q",
}


def markers(tag: str) -> dict[str, str]:
    return {
        "site": f"LUONNOS-{tag}-paikka",
        "job": f"LUONNOS-{tag}-tyo",
        "change": f"MUUTOS-{tag}-paikka",
        "submitter": f"Lähettäjä-{tag}",
        "poster": f"Ilmoittaja-{tag}",
    }


def drafts(realm: Realm) -> Realm:
    """A site never published, a live site with a pending change and a job draft,
    each submitted for approval by a named person of the realm."""
    from tests.factories.jobs import post_job
    from tests.factories.sites import make_site

    mark = markers(realm["tag"])
    supervisor, poster = realm["supervisor"], realm["poster"]
    supervisor.first_name, supervisor.last_name = "Salainen", mark["submitter"]
    supervisor.save()
    poster.first_name, poster.last_name = "Salainen", mark["poster"]
    poster.save()
    draft = make_site(
        title=mark["site"],
        organisation=realm["unit"],
        municipality=realm["town"],
        live=False,
    )
    draft.save_revision(user=supervisor)
    draft.get_workflow().start(draft, supervisor)
    live = realm["site"]
    live.title = mark["change"]
    live.save_revision(user=supervisor, log_action=True)
    live.get_workflow().start(live, supervisor)
    job = post_job(realm, publish=False, title=mark["job"])
    if not WorkflowState.objects.filter(object_id=str(job.pk)).exists():
        job.get_workflow().start(job, poster)
    realm["draft"] = WorkSite.objects.get(pk=draft.pk)
    realm["job_draft"] = Job.objects.get(pk=job.pk)
    return realm


@pytest.fixture
def regions(polku: Any) -> tuple[Realm, Realm]:
    return drafts(realm_build("koti", "981")), drafts(realm_build("vieras", "982"))


def arguments(route: Route, realm: Realm) -> list[dict[str, Any]]:
    """The URL arguments of an admin route, naming the realm's drafts."""
    draft, job = realm["draft"], realm["job_draft"]
    state = WorkflowState.objects.filter(object_id=str(draft.pk)).first()
    task = TaskState.objects.filter(workflow_state=state).first()
    revision = draft.latest_revision
    values: dict[str, list[Any]] = {
        "page_id": [draft.pk, job.pk, realm["site"].pk],
        "parent_page_id": [draft.pk, Page.objects.get(pk=draft.get_parent().pk).pk],
        "page_to_move_id": [draft.pk],
        "page_pk": [draft.pk],
        "destination_id": [draft.get_parent().pk],
        "pk": [draft.pk, job.pk],
        "revision_id": [revision.pk if revision else 1],
        "revision_id_a": ["earliest"],
        "revision_id_b": ["latest"],
        "workflow_state_id": [state.pk if state else 1],
        "task_state_id": [task.pk if task else 1],
        "task_id": [task.task_id if task else 1],
        "workflow_pk": [state.workflow_id if state else 1],
        "content_type_app_name": ["marketplace"],
        "content_type_model_name": ["worksite"],
        "app_label": ["marketplace"],
        "app_name": ["marketplace"],
        "model_name": ["worksite"],
        "action_name": ["approve"],
        "action": ["publish"],
        "object_id": [str(draft.pk)],
    }
    kwargs: dict[str, Any] = {}
    variants = 1
    for name in route.params:
        # images, documents, collections, sessions, password resets: any value
        options = values.get(name, [1] if "id" in name else ["x"])
        kwargs[name] = options
        variants = max(variants, len(options))
    return [
        {name: options[min(i, len(options) - 1)] for name, options in kwargs.items()}
        for i in range(variants)
    ]


def admin_urls(realm: Realm) -> list[tuple[str, str]]:
    found = []
    for route in routes():
        if not route.route.startswith("admin/") or route.name in SKIPPED:
            continue
        try:
            urls = [route.url(**kw) for kw in arguments(route, realm)]
        except Exception:  # a pattern our arguments do not fit (reported below)
            urls = []
        assert urls, f"{route.name} ({route.route}): no URL could be built"
        found += [(route.name or "", url) for url in urls]
        if route.name in SEARCHES:
            # the beginning of each marker: a page found shows the whole marker,
            # while the page only repeats the words searched for
            for value in (
                f"LUONNOS-{realm['tag']}",
                f"MUUTOS-{realm['tag']}",
                "Salainen",
            ):
                found.append((route.name, f"{urls[0]}?{SEARCHES[route.name]}={value}"))
    return found


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_no_admin_view_shows_another_regions_drafts(
    client: Any, regions: Any, role: str
):
    home, away = regions
    client.force_login(home[role])
    hidden = list(markers(away["tag"]).values())
    own = list(markers(home["tag"]).values())
    leaks, seen_own, opened = [], 0, 0
    # when a home user opens every admin URL with the away region's drafts
    for name, url in admin_urls(away) + admin_urls(home):
        response = client.get(url)
        opened += response.status_code == 200
        text = text_of(response)
        leaks += [
            f"{name} {url}: …{text[max(0, i - 60) : i + 40]}…"
            for m in hidden
            if (i := text.find(m)) >= 0
        ]
        seen_own += any(m in text for m in own)
    # then no response names them, their changes or their submitters
    assert leaks == [], "\n".join(leaks)
    # (and the user's own region's drafts were there to be seen: not a blank run)
    assert opened > 40 and seen_own > 0


def test_every_admin_url_family_is_built() -> None:
    families = {r.route.split("/")[1] for r in routes() if r.route.startswith("admin/")}
    assert {"pages", "api", "reports", "choose-page", "workflows"} <= families
