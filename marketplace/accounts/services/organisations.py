"""Organisations and users of a region, managed by its organiser.

Rules enforced here:
- an organiser creates and edits organisations of their own region only (a platform
  admin any region); a new organisation is put in the organiser's region;
- a company may not keep rehabilitative work activity (Act 189/2001): an
  organisation with rehabilitative sites cannot become a company;
- an organiser gives a user exactly one role, only a role organisers may assign
  (never platform admin), and only in an organisation of their region;
- staff roles get access to the Wagtail admin, others do not;
- every change is written to Wagtail's audit log with who made it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from marketplace.access import permissions, roles
from marketplace.models import Organisation, User


class OrganisationRuleError(ValueError):
    """An organisation change broke a rule of the service."""


@transaction.atomic
def organisation_save(
    *, user: User, organisation: Organisation, name: str, kind: str, business_id: str
) -> Organisation:
    """Create or update an organisation in the organiser's region.

    A company may not keep rehabilitative work activity (Act 189/2001), so an
    organisation with rehabilitative sites cannot become a company.
    """
    creating = organisation.pk is None
    if creating:
        if not permissions.can_manage_organisations(user):
            raise PermissionDenied
        if not permissions.is_platform_admin(user) or organisation.region_id is None:
            organisation.region_id = user.region_id
    elif not permissions.can_manage_organisation(user, organisation):
        raise PermissionDenied
    if (
        kind == Organisation.Kind.COMPANY
        and not creating
        and organisation.sites.filter(services__code="rehabilitative").exists()
    ):
        raise OrganisationRuleError("company with rehabilitative sites")
    organisation.name = name
    organisation.kind = kind
    organisation.business_id = business_id
    organisation.full_clean()
    organisation.save()
    log(
        instance=organisation,
        action="wagtail.create" if creating else "wagtail.edit",
        user=user,
    )
    return organisation


@transaction.atomic
def user_save(
    *,
    actor: User,
    user: User | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    organisation: Organisation | None,
    is_active: bool,
    password: str,
) -> User:
    """Create or update a user of the organiser's region and give them one role."""
    if role not in roles.ASSIGNABLE_BY_ORGANISER:
        raise PermissionDenied
    if organisation is not None and not permissions.can_manage_organisation(
        actor, organisation
    ):
        raise PermissionDenied
    creating = user is None
    if user is None:
        if not permissions.can_manage_organisations(actor):
            raise PermissionDenied
        user = User()
    elif not permissions.can_manage_user(actor, user):
        raise PermissionDenied
    user.username = username
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.organisation = organisation
    user.is_active = is_active
    user.is_staff = role in roles.ADMIN_ROLES
    if password:
        user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name=role))
    log(
        instance=user,
        action="wagtail.create" if creating else "wagtail.edit",
        user=actor,
    )
    return user
