"""Demo users for ``make run``: one per role, tied to organisations of the demo data.

After the demo data set is imported, :func:`demo_users_ensure` also gives the demo
roles something to work with: the social instructor gets a caseload of clients with
open placements in the demo region, the demo client login is linked to one of them
(and named as that client), and the supervisor's organisation is one whose sites
have active placements. Every step is deterministic and idempotent: running it
again changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When

from marketplace.access import roles
from marketplace.models import Client, Organisation, Placement, User, WorkSite
from marketplace.seeding.demo_languages import demo_languages_ensure
from matching.core import dataset as ds

DEMO_PASSWORD = "polku-demo"  # noqa: S105 - printed for the demo on purpose
DEMO_REGION = "paijat-hame"
#: Size of the demo instructor's caseload, and the home municipalities taken first
#: (Lahti, Hollola); the rest come from elsewhere in the demo region.
CASELOAD_SIZE = 25
CASELOAD_MUNICIPALITIES = ("398", "098")
#: Work-share money (työosuusraha) per realised day at disability work-activity
#: sites, which the data set format cannot carry: 6 € for groups working at outside
#: workplaces, 3 € in the unit (the Päijät-Häme practice of 3 or 6 €).
WORK_SHARE_OUTSIDE_CENTS = 600
WORK_SHARE_UNIT_CENTS = 300


def _org(**filters: object) -> Organisation | None:
    return (
        Organisation.objects.filter(region__slug=DEMO_REGION, **filters)
        .annotate(n=Count("sites"))
        .order_by("-n", "external_id")
        .first()
    )


def _supervisor_org() -> Organisation | None:
    """An association of the demo region with several sites where clients are active."""
    return (
        Organisation.objects.filter(region__slug=DEMO_REGION)
        .annotate(
            n=Count("sites", distinct=True),
            active=Count(
                "sites__placements",
                filter=Q(sites__placements__status=Placement.Status.ACTIVE),
                distinct=True,
            ),
        )
        .filter(active__gte=1)
        .order_by(
            Case(
                When(kind=Organisation.Kind.ASSOCIATION, n__gte=2, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-n",
            "external_id",
        )
        .first()
    )


def demo_client_names_ensure(data: ds.Dataset) -> int:
    """Give data-set clients the names the data set has for them.

    The importer of this version names every new client "Asiakas <id>" and ignores
    the optional ``name`` of the format; a demo caseload reads better with names.
    Only that placeholder is replaced, so a name changed in the service stays.
    """
    named = {c.id: c.name for c in data.clients if c.name}
    changed = 0
    for client in Client.objects.filter(external_id__in=list(named)):
        if client.name == f"Asiakas {client.external_id}":
            client.name = named[client.external_id]
            client.save(update_fields=["name"])
            changed += 1
    return changed


def demo_caseload_ensure(instructor: User) -> list[Client]:
    """The demo instructor's own clients: data-set clients of the demo region with an
    open placement, Lahti and Hollola first, never taken from another instructor."""
    preferred = Case(
        When(municipality__code__in=CASELOAD_MUNICIPALITIES, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    with_open = Placement.objects.filter(status__in=Placement.OPEN).values("client")
    caseload = list(
        Client.objects.filter(
            Q(instructor__isnull=True) | Q(instructor=instructor),
            external_id__isnull=False,
            municipality__region__slug=DEMO_REGION,
            pk__in=with_open,
        )
        .select_related("municipality")
        .annotate(preferred=preferred)
        .order_by("preferred", "external_id")[:CASELOAD_SIZE]
    )
    Client.objects.filter(pk__in=[c.pk for c in caseload]).exclude(
        instructor=instructor
    ).update(instructor=instructor)
    return caseload


def demo_client_choice(user: User | None, caseload: list[Client]) -> Client | None:
    """The caseload client the demo client login belongs to: one with an active
    placement. A link made earlier is kept while it still fits; otherwise the first,
    by data-set id, of Lahti and Hollola clients with self-assessments."""
    active = set(
        Placement.objects.filter(
            client__in=caseload, status=Placement.Status.ACTIVE
        ).values_list("client_id", flat=True)
    )
    assessed = set(
        Client.objects.filter(pk__in=active, assessments__isnull=False).values_list(
            "pk", flat=True
        )
    )
    candidates = [c for c in caseload if c.pk in active]
    current = next(
        (c for c in candidates if user is not None and c.user_id == user.pk), None
    )
    return current or min(
        candidates,
        key=lambda c: (
            c.municipality.code not in CASELOAD_MUNICIPALITIES,
            c.pk not in assessed,
            c.external_id,
        ),
        default=None,
    )


def demo_client_login_ensure(user: User, client: Client | None) -> None:
    """Link the demo client login to ``client`` (and to no other client)."""
    Client.objects.filter(user=user).exclude(pk=client.pk if client else None).update(
        user=None
    )
    if client is not None and client.user_id != user.pk:
        client.user = user
        client.save(update_fields=["user"])


def demo_work_share_ensure() -> int:
    """Set work-share money at imported disability sites that have none yet."""
    sites = WorkSite.objects.filter(
        external_id__isnull=False,
        work_share_cents_per_day__isnull=True,
        services__code="disability",
    ).prefetch_related("forms")
    changed = 0
    for site in sites:
        outside = any(f.code == "group_outside" for f in site.forms.all())
        site.work_share_cents_per_day = (
            WORK_SHARE_OUTSIDE_CENTS if outside else WORK_SHARE_UNIT_CENTS
        )
        site.save()
        # the page's latest revision must carry the value too, or the next edit in
        # the admin would clear it
        site.save_revision().publish()
        changed += 1
    return changed


def demo_email(username: str, role: str) -> str:
    """An address on a reserved domain, so the console shows the e-mails. The
    organiser and the admin get none: Wagtail itself e-mails moderators when a job
    is sent for approval, and the demo's jobs would fill the console with that."""
    if role in (roles.ORGANISER, roles.PLATFORM_ADMIN):
        return ""
    return f"{username}@example.org"


def _user_ensure(
    username: str, role: str, org: Organisation | None, first: str, last: str
) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last
    user.organisation = org
    user.is_staff = role in roles.ADMIN_ROLES
    user.is_superuser = role == roles.PLATFORM_ADMIN
    user.email = demo_email(username, role)
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user


@transaction.atomic
def demo_users_ensure(data: ds.Dataset | None = None) -> list[tuple[User, str]]:
    """Create (or reset) the demo users; returns each with a line describing it.

    ``data`` is the demo data set just imported; with it, clients get their names.
    """
    if data is not None:
        demo_client_names_ensure(data)
    demo_work_share_ensure()
    demo_languages_ensure()
    county = _org(kind=Organisation.Kind.WELLBEING_COUNTY)
    site_org = _supervisor_org() or _org(n__gte=1)
    poster_org = (
        _org(kind__in=["parish", "foundation", "association"])
        if site_org is None
        else Organisation.objects.filter(
            region__slug=DEMO_REGION, kind__in=["parish", "foundation", "association"]
        )
        .exclude(pk=site_org.pk)
        .order_by("external_id")
        .first()
    )
    wanted = [
        ("yllapito", roles.PLATFORM_ADMIN, None, "Ylläpito", "Polku"),
        ("jarjestaja", roles.ORGANISER, county, "Jaana", "Järjestäjä"),
        ("sosiaaliohjaaja", roles.INSTRUCTOR, county, "Sanna", "Sosiaaliohjaaja"),
        ("tyonohjaaja", roles.SUPERVISOR, site_org, "Tuomas", "Työnohjaaja"),
        ("ilmoittaja", roles.POSTER, poster_org, "Iida", "Ilmoittaja"),
    ]
    users = {
        username: _user_ensure(username, role, org, first, last)
        for username, role, org, first, last in wanted
    }
    caseload = demo_caseload_ensure(users["sosiaaliohjaaja"])
    # the client login is named as its client record, so that the header and the
    # client's own page greet the same person
    client = demo_client_choice(
        User.objects.filter(username="asiakas").first(), caseload
    )
    first, _, last = client.name.partition(" ") if client else ("Aino", "", "Asiakas")
    wanted.append(("asiakas", roles.CLIENT, None, first, last))
    users["asiakas"] = _user_ensure("asiakas", roles.CLIENT, None, first, last)
    demo_client_login_ensure(users["asiakas"], client)

    from marketplace.seeding.demo_jobs import demo_jobs_ensure

    jobs = demo_jobs_ensure(
        poster=users["ilmoittaja"],
        supervisor=users["tyonohjaaja"],
        organiser=users["jarjestaja"],
    )
    notes = {"sosiaaliohjaaja": f"; {len(caseload)} clients in the caseload"}
    if jobs:
        notes["ilmoittaja"] = f"; {jobs} jobs in the job bank, in different states"
    if client is not None:
        notes["asiakas"] = f" — client record “{client.name}” ({client.municipality})"
    if site_org is not None:
        active = Placement.objects.filter(
            site__organisation=site_org, status=Placement.Status.ACTIVE
        ).count()
        notes["tyonohjaaja"] = (
            f"; {site_org.sites.count()} sites, {active} active placements"
        )
    out = []
    for username, role, org, _first, _last in wanted:
        where = f" — {org.name}" if org else ""
        out.append(
            (users[username], f"{roles.LABELS[role]}{where}{notes.get(username, '')}")
        )
    return out
