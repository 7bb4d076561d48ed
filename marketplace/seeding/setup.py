"""Set-up that every installation needs: vocabularies, regions, roles, page tree, workflow.

Safe to run again: each step creates only what is missing.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from marketplace.access import roles
from marketplace.accounts.regions import REGIONS
from marketplace.models import Region, RegionApprovalTask, Term
from marketplace.seeding.content import content_pages_ensure
from marketplace.seeding.languages import columns, fill_empty, in_each_language
from matching.core import vocabulary as V

ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def ensure_terms() -> None:
    """One row per code of the closed vocabularies (languages are added as met)."""
    wanted = [("service", c) for c in V.SERVICES]
    wanted += [("form", c) for c in V.FORMS]
    wanted += [("tag", c) for c in V.TAGS]
    wanted += [("accessibility", c) for c in V.ACCESSIBILITY]
    wanted += [("language", c) for c in ("fi", "sv", "en")]
    existing = set(Term.objects.values_list("vocabulary", "code"))
    Term.objects.bulk_create(
        [Term(vocabulary=v, code=c) for v, c in wanted if (v, c) not in existing]
    )


def ensure_regions() -> None:
    for slug, data in REGIONS.items():
        Region.objects.update_or_create(
            slug=slug,
            defaults={
                "name_fi": data["name_fi"],
                "name_sv": data["name_sv"],
                "name_en": data["name_en"],
            },
        )


def ensure_page_tree() -> Page:
    """Root → home page → site catalogue; the default Wagtail site serves the home page."""
    from cms.models import HomePage, SiteIndexPage

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Polku", slug="polku"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": "localhost", "site_name": "Polku"},
        )
        # Wagtail's own welcome page is not part of Polku.
        Page.objects.filter(depth=2).exclude(pk=home.pk).filter(
            content_type__app_label="wagtailcore"
        ).delete()
    catalogue = SiteIndexPage.objects.first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=SiteIndexPage(
                title=in_each_language(catalogue_title)["fi"],
                slug="tyotoimintapaikat",
            )
        )
    fill_empty(home, columns("intro", in_each_language(home_intro)))
    fill_empty(catalogue, columns("title", in_each_language(catalogue_title)))
    fill_empty(catalogue, columns("intro", in_each_language(catalogue_intro)))
    return catalogue


def home_intro() -> str:
    return _(
        "Polku helps social instructors and clients find work-activity "
        "places that lead somewhere."
    )


def catalogue_title() -> str:
    return _("Work-activity sites")


def catalogue_intro() -> str:
    return _(
        "Workshops, cafés, recycling centres and outside groups where "
        "rehabilitative and disability work activity is done."
    )


def bank_title() -> str:
    return _("Job bank")


def bank_intro() -> str:
    return _(
        "Associations, foundations, parishes and municipalities post "
        "jobs here, and supervised work-activity groups take them on. "
        "The money from paid jobs becomes the participants' work-share "
        "money."
    )


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups(catalogue: Page) -> dict[str, Group]:
    """The role groups, with Wagtail admin access and page permissions where needed.

    Supervisors may add and change pages under the catalogue but not publish:
    their changes go to the organiser's moderation. Object-level limits (own
    organisation, own region) are in ``marketplace.access.permissions``.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL}
    access = _perm(*ADMIN_ACCESS)
    page_perms = {
        roles.SUPERVISOR: ("add_page", "change_page"),
        roles.ORGANISER: ("add_page", "change_page", "publish_page"),
        roles.PLATFORM_ADMIN: (
            "add_page",
            "change_page",
            "publish_page",
            "delete_page",
        ),
    }
    for role, codenames in page_perms.items():
        group = groups[role]
        group.permissions.add(access)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=catalogue, permission=_perm("wagtailcore", codename)
            )
    return groups


WORKFLOW_NAME = "Paikkasivun julkaisu"
APPROVAL_TASK_NAME = "Järjestäjän hyväksyntä"


def ensure_workflow(catalogue: Page, organisers: Group) -> Workflow:
    """Publication of catalogue pages waits for approval by the region's organiser."""
    # Names are shown in the Finnish admin as they are (Wagtail stores them as data).
    task = RegionApprovalTask.objects.order_by("pk").first()
    if task is None:
        task = RegionApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        task.groups.set([organisers])
    elif task.name != APPROVAL_TASK_NAME:
        task.name = APPROVAL_TASK_NAME
        task.save(update_fields=["name"])
    workflow = (
        Workflow.objects.filter(name__in=[WORKFLOW_NAME, "Site publication"])
        .order_by("pk")
        .first()
    ) or Workflow.objects.create(name=WORKFLOW_NAME)
    if workflow.name != WORKFLOW_NAME:
        workflow.name = WORKFLOW_NAME
        workflow.save(update_fields=["name"])
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=catalogue, defaults={"workflow": workflow}
    )
    return workflow


JOB_WORKFLOW_NAME = "Työpankin ilmoituksen julkaisu"


def ensure_job_bank() -> Page:
    """Home page → job bank (työpankki), beside the site catalogue."""
    from cms.models import HomePage, JobBankPage

    bank = JobBankPage.objects.first()
    if bank is None:
        bank = HomePage.objects.get().add_child(
            instance=JobBankPage(
                title=in_each_language(bank_title)["fi"], slug="tyopankki"
            )
        )
    fill_empty(bank, columns("title", in_each_language(bank_title)))
    fill_empty(bank, columns("intro", in_each_language(bank_intro)))
    return bank


def ensure_job_bank_permissions(bank: Page, groups: dict[str, Group]) -> None:
    """Job posters add and change jobs under the job bank, but publishing waits for
    the organiser. Object-level limits (own organisation, only while the job is open)
    are in ``marketplace.access.permissions``."""
    page_perms = {
        roles.POSTER: ("add_page", "change_page"),
        roles.ORGANISER: ("add_page", "change_page", "publish_page"),
        roles.PLATFORM_ADMIN: (
            "add_page",
            "change_page",
            "publish_page",
            "delete_page",
        ),
    }
    groups[roles.POSTER].permissions.add(_perm(*ADMIN_ACCESS))
    for role, codenames in page_perms.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[role], page=bank, permission=_perm("wagtailcore", codename)
            )


def ensure_job_workflow(bank: Page, organisers: Group) -> Workflow:
    """Job pages are published after approval by the organiser of the job's region
    (the same approval task as site pages, in a workflow of its own)."""
    task = RegionApprovalTask.objects.order_by("pk").first()
    if task is None:
        task = RegionApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        task.groups.set([organisers])
    workflow = Workflow.objects.filter(name=JOB_WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=JOB_WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=bank, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def polku_setup() -> Page:
    """Everything an installation needs before data comes in; returns the catalogue."""
    ensure_terms()
    ensure_regions()
    catalogue = ensure_page_tree()
    groups = ensure_groups(catalogue)
    ensure_workflow(catalogue, groups[roles.ORGANISER])
    bank = ensure_job_bank()
    ensure_job_bank_permissions(bank, groups)
    ensure_job_workflow(bank, groups[roles.ORGANISER])
    content_pages_ensure()
    return catalogue
