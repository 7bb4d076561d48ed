"""Demo competence records and network plans for ``make run``.

After the demo users exist, this gives the client page, the supervisor's competence
pages, the client's own page and the staff's task list something to show:

* **Competence at work**: the demo supervisor records, for
  :data:`COMPETENCE_PARTICIPANTS` participants at their own organisation's sites
  that offer qualification units (the demo instructor's clients first, then those
  still at the site, then the latest), one unit shown in practice and, for every
  other participant, a second unit worked on since. The parts and
  the tasks are the usual ones of each unit (:data:`UNIT_WORK`).
* **Network plans**: the demo instructor records, for the first
  :data:`PLANNED_CLIENTS` clients of their caseload with an active placement (the
  demo client first), a starting meeting at the placement's start with three
  actors' tasks; where the placement has run three months, the latest review (at
  the last three-month mark) too, with what came of each task, the next step
  (continue at the site) and a task due by the next meeting.
  The demo instructor coordinates, and the demo supervisor is in the network of a
  client at their own site, so both have open tasks on their task list.

Everything goes through the competence and network services, with their rules. The
competence is history: its dates are counted back from the data set's ``as_of``
(never after today), so the same data set gives the same rows. A plan looks ahead:
its review and next meeting are counted from today, as the demo jobs' deadlines are,
so the next meeting is always to come. Idempotent: a placement that has records and
a client who has a plan are left as they are, so running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone

from marketplace.competence.services import STARTED, competence_record_add
from marketplace.models import (
    Client,
    CompetenceRecord,
    NetworkMeeting,
    NetworkPlan,
    NetworkTask,
    Placement,
    User,
)
from marketplace.network import services as network

#: How many participants at the supervisor's sites get competence records.
COMPETENCE_PARTICIPANTS = 4
#: How many of the instructor's clients get a network plan.
PLANNED_CLIENTS = 3
#: Days before ``as_of`` that the recorded competence starts, at the earliest.
COMPETENCE_DAYS = 120
#: A review meeting is held when the placement has run this long.
REVIEW_AFTER = dt.timedelta(days=91)

#: The parts of each demo unit that a participant typically works on, and the tasks.
UNIT_WORK: dict[str, tuple[str, str]] = {
    "Ruokapalveluissa toimiminen": (
        "Hygieniaosaaminen\nRuoan esivalmistelu\nAstiahuolto",
        "Salaattien ja leipien valmistus lounaalle, astianpesukoneen käyttö.",
    ),
    "Piha- ja ulkoalueiden hoitaminen": (
        "Työturvallisuus\nNurmikon ja istutusten hoito",
        "Ruohonleikkuu, haravointi ja kukkapenkkien kitkeminen.",
    ),
    "Kiinteistön ylläpitotehtävissä toimiminen": (
        "Työturvallisuus\nPienet korjaustyöt",
        "Kiinteistön kierrokset, lamppujen vaihto ja ovien säätäminen.",
    ),
    "Myyntityössä toimiminen": (
        "Asiakkaan kohtaaminen\nKassatyö",
        "Tuotteiden hinnoittelu ja esillepano, kassalla asiointi.",
    ),
    "Asiakaspalvelussa toimiminen": (
        "Asiakkaan kohtaaminen\nPuhelinpalvelu",
        "Asiakkaiden neuvominen, puheluihin vastaaminen ja varausten kirjaaminen.",
    ),
    "Puhdistuspalveluissa toimiminen": (
        "Puhdistusaineet ja -välineet\nYlläpitosiivous",
        "Toimistotilojen ylläpitosiivous siivousohjelman mukaan.",
    ),
    "Puutuotteiden valmistaminen": (
        "Työturvallisuus\nMittaaminen\nHionta ja pintakäsittely",
        "Hyllyjen ja linnunpönttöjen valmistus piirustuksen mukaan.",
    ),
    "Kierrätysmateriaalien käsittely": (
        "Materiaalien lajittelu\nTyöturvallisuus",
        "Lahjoitusten vastaanotto, lajittelu ja kunnon tarkastus.",
    ),
    "Kuljetustehtävissä avustaminen": (
        "Nostot ja siirrot\nKuormien sidonta",
        "Huonekalujen kantaminen ja kuormaus noutoajoissa.",
    ),
    "Hitsaus- ja levytöissä toimiminen": (
        "Työturvallisuus\nLevyn leikkaus ja taivutus",
        "Peltiosien leikkaus ja taivutus mallin mukaan.",
    ),
    "Pienkoneiden huoltaminen": (
        "Polttomoottorin perushuolto\nTerien teroitus",
        "Ruohonleikkureiden öljynvaihto ja terien teroitus.",
    ),
    "Kuva- ja videosisältöjen tuottaminen": (
        "Kuvaaminen\nKuvankäsittely",
        "Tuotekuvien ottaminen ja rajaaminen verkkokauppaan.",
    ),
    "Tietokoneiden asennus ja ylläpito": (
        "Käyttöjärjestelmän asennus\nTietojen poisto",
        "Lahjoitettujen tietokoneiden tyhjennys ja asennus uudelleenkäyttöön.",
    ),
    "Varastotoiminnoissa toimiminen": (
        "Tavaran vastaanotto\nKeräily",
        "Saapuvien tavaroiden tarkastus, hyllytys ja tilausten keräily.",
    ),
    "Metsätöissä toimiminen": (
        "Työturvallisuus\nTaimikonhoito",
        "Taimikon raivaus raivaussahalla ohjatusti.",
    ),
    "Polkupyörien huoltaminen": (
        "Renkaan ja sisäkumin vaihto\nJarrujen säätö",
        "Kierrätyspyörien kunnostus myyntiin.",
    ),
    "Tekstiilihuollon tehtävissä toimiminen": (
        "Pesuohjeet\nSilitys ja viikkaus",
        "Liinavaatteiden pesu, silitys ja viikkaus.",
    ),
    "Tekstiilituotteiden valmistaminen": (
        "Ompelukoneen käyttö\nKaavat ja leikkuu",
        "Kassien ja tyynynpäällisten ompelu kierrätyskankaista.",
    ),
    "Eläinten hoitaminen": (
        "Ruokinta\nTilojen puhtaanapito",
        "Eläinten ruokinta ja karsinoiden siivous.",
    ),
}
GENERAL_WORK = (
    "Työturvallisuus\nTyövälineiden käyttö",
    "Työtehtävät työnohjaajan ohjauksessa.",
)


@dataclass(frozen=True)
class DemoPlans:
    records: int
    plans: int


def _last_day(as_of: dt.date) -> dt.date:
    return min(as_of, timezone.localdate())


def _window(placement: Placement, last: dt.date) -> tuple[dt.date, dt.date]:
    """The participant's time at the site up to ``last``: its last period's end."""
    period = placement.periods.order_by("-start").first()
    end = period.end if period is not None and period.end else last
    start = placement.start_date or (period.start if period else end)
    return start, min(end, last)


def _record(
    supervisor: User, placement: Placement, n: int, last: dt.date
) -> list[CompetenceRecord]:
    """One unit shown in the first half of the (last four months of the)
    participant's time and, every other participant, a second worked on since."""
    first, final = _window(placement, last)
    start = max(first, final - dt.timedelta(days=COMPETENCE_DAYS))
    middle = start + (final - start) / 2
    units = list(placement.site.learning_units.order_by("sort_order"))
    plan = [(units[0], "shown", start, middle)]
    if len(units) > 1 and n % 2 == 0 and middle < final:
        plan.append((units[1], "worked_on", middle + dt.timedelta(days=1), final))
    out = []
    for unit, level, begin, end in plan:
        parts, tasks = UNIT_WORK.get(unit.name, GENERAL_WORK)
        out.append(
            competence_record_add(
                actor=supervisor,
                placement=placement,
                unit=unit,
                parts=parts,
                level=level,
                start=begin,
                end=end,
                tasks=tasks,
            )
        )
    return out


def competence_participants(
    supervisor: User, instructor: User | None, last: dt.date
) -> list[Placement]:
    """The supervisor's participants at their sites that offer units: the demo
    instructor's clients first, then those still there, then the latest."""
    if supervisor.organisation_id is None:
        return []
    first = Case(
        When(client__instructor=instructor, then=Value(0)),
        When(status=Placement.Status.ACTIVE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        Placement.objects.filter(
            site__organisation_id=supervisor.organisation_id,
            site__learning_units__isnull=False,
            status__in=STARTED,
            start_date__lt=last,
        )
        .select_related("site", "client")
        .distinct()
        .annotate(first=first)
        .order_by("first", "-start_date", "external_id")[:COMPETENCE_PARTICIPANTS]
    )


@transaction.atomic
def demo_competence_ensure(
    *, supervisor: User, instructor: User | None, as_of: dt.date
) -> int:
    """Competence records of the supervisor's first participants (see the
    module); returns how many records were added."""
    last = _last_day(as_of)
    added = 0
    for n, placement in enumerate(
        competence_participants(supervisor, instructor, last)
    ):
        if not placement.competence_records.exists():
            added += len(_record(supervisor, placement, n, last))
    return added


STARTING_POINT = (
    "Olen ollut pitkään kotona ilman työtä. Haluan päiviin rytmiä ja tekemistä."
)
GOALS = "Käyn työtoiminnassa säännöllisesti ja selvitän, mitä voisin opiskella."
#: The network of a demo client besides the coordinator: (role, organisation).
ACTORS = (
    ("Työvalmentaja", "Työllisyyspalvelut"),
    ("Terveydenhoitaja", "Terveysasema"),
)
#: The first meeting's tasks: (index of the actor, task, days to its due date).
#: Index 0 is the coordinator, 1–2 are :data:`ACTORS`, -1 the client or the site.
FIRST_TASKS = (
    (0, "Hakee maksusitoumuksen työtoimintaan", 14),
    (1, "Selvittää alan koulutukset ja niiden hakuajat", 60),
    (2, "Varaa terveystarkastuksen", 45),
    (-1, "", 75),
)
#: The last task: the site's supervisor's if they are in the network, else the client's.
SITE_TASK = "Järjestää uuden työtehtävän kokeiltavaksi"
CLIENT_TASK = "Kokeilee uutta työtehtävää työtoiminnassa"
#: What came of the first three tasks at the review (the last one continues).
REVIEW_OUTCOMES = (
    "Maksusitoumus saatu",
    "Kolme koulutusvaihtoehtoa selvitetty",
    "Terveystarkastus tehty",
)


def _participants(
    instructor: User, supervisor: User | None, placement: Placement
) -> list[network.ActorInput]:
    coordinator = network.ActorInput(
        role="Sosiaaliohjaaja",
        organisation=instructor.organisation.name if instructor.organisation else "",
        user=instructor,
    )
    others = [network.ActorInput(role=r, organisation=o) for r, o in ACTORS]
    at_site = (
        supervisor is not None
        and supervisor.organisation_id == placement.site.organisation_id
        and supervisor.region_id == instructor.region_id
    )
    last = (
        network.ActorInput(
            role="Työnohjaaja",
            organisation=placement.site.organisation.name,
            user=supervisor,
        )
        if at_site
        else network.ActorInput(role=network.CLIENT_ROLE, is_client=True)
    )
    return [coordinator, *others, last]


def _plan(
    instructor: User, supervisor: User | None, placement: Placement, today: dt.date
) -> None:
    """A starting meeting with its tasks and, once the placement has run three
    months, the latest review (at the last three-month mark)."""
    started = placement.start_date or today
    marks = (today - started) // REVIEW_AFTER
    reviewed = marks >= 1
    participants = _participants(instructor, supervisor, placement)
    meeting = network.network_meeting_record(
        actor=instructor,
        client=placement.client,
        kind=NetworkMeeting.Kind.START,
        date=started,
        starting_point=STARTING_POINT,
        goals=GOALS,
        participants=participants,
        coordinator_index=0,
        next_meeting=started + REVIEW_AFTER if not reviewed else None,
        client_agreed=True,
    )
    actors = list(meeting.participants.order_by("pk"))
    by_role = {a.role: a for a in actors}
    tasks = [
        network.network_task_add(
            actor=instructor,
            meeting=meeting,
            task_actor=by_role[participants[i].role],
            description=text
            or (CLIENT_TASK if participants[i].is_client else SITE_TASK),
            due=started + dt.timedelta(days=days),
        )
        for i, text, days in FIRST_TASKS
    ]
    if reviewed:
        day = started + marks * REVIEW_AFTER
        _review(instructor, placement, participants, tasks, day)


def _review(
    instructor: User,
    placement: Placement,
    participants: list[network.ActorInput],
    tasks: list[NetworkTask],
    day: dt.date,
) -> None:
    review = network.network_meeting_record(
        actor=instructor,
        client=placement.client,
        kind=NetworkMeeting.Kind.REVIEW,
        date=day,
        starting_point=STARTING_POINT,
        goals=GOALS,
        participants=participants,
        coordinator_index=0,
        next_meeting=day + REVIEW_AFTER,
        client_agreed=True,
    )
    done = [
        network.TaskReview(task=t, status="done", outcome=outcome)
        for t, outcome in zip(tasks, REVIEW_OUTCOMES, strict=False)
    ]
    still = [
        network.TaskReview(task=t, status="open", outcome="")
        for t in tasks[len(REVIEW_OUTCOMES) :]
    ]
    network.network_review_record(
        actor=instructor,
        meeting=review,
        reviews=done + still,
        next_step="continue",
        next_step_note="Jatkaa työtoiminnassa ja hakee kevään yhteishaussa.",
    )
    coordinator = review.participants.get(role=participants[0].role)
    network.network_task_add(
        actor=instructor,
        meeting=review,
        task_actor=coordinator,
        description="Tukee koulutukseen hakemisessa",
        due=day + REVIEW_AFTER,  # by the next meeting
    )


@transaction.atomic
def demo_network_ensure(
    *, instructor: User, supervisor: User | None, today: dt.date | None = None
) -> int:
    """Network plans for the instructor's first clients (see the module), the demo
    client's first; returns how many plans were added."""
    last = today or timezone.localdate()
    clients = Client.objects.filter(instructor=instructor)
    placements = [
        Placement.objects.filter(
            client=c, status=Placement.Status.ACTIVE, start_date__lt=last
        )
        .select_related("site__organisation", "client")
        .order_by("start_date")
        .first()
        for c in clients.order_by(F("user").desc(nulls_last=True), "external_id")
    ]
    chosen = [p for p in placements if p is not None][:PLANNED_CLIENTS]
    added = 0
    for placement in chosen:
        if not NetworkPlan.objects.filter(client=placement.client).exists():
            _plan(instructor, supervisor, placement, last)
            added += 1
    return added


def demo_plans_ensure(
    *,
    instructor: User,
    supervisor: User | None,
    as_of: dt.date,
    today: dt.date | None = None,
) -> DemoPlans:
    """Both of the above, the competence first; returns how many rows were added."""
    records = (
        demo_competence_ensure(
            supervisor=supervisor, instructor=instructor, as_of=as_of
        )
        if supervisor is not None
        else 0
    )
    plans = demo_network_ensure(
        instructor=instructor, supervisor=supervisor, today=today
    )
    return DemoPlans(records, plans)
