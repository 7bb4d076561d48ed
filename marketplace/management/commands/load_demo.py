"""``manage.py load_demo``: the demo data set and one demo user per role.

Prints a few lines per step and, last, the demo users (``make run`` shows them just
before the server starts); ``-v 2`` adds the import's and the training's progress.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.notifications.services import muted
from marketplace.seeding.demo import DEMO_PASSWORD, demo_users_ensure
from marketplace.seeding.demo_activity import demo_activity_ensure
from marketplace.seeding.demo_audit import demo_audit_attributes_ensure
from marketplace.seeding.demo_plans import demo_plans_ensure
from marketplace.seeding.demo_weekdays import demo_weekdays_ensure
from matching.core.dataset import load

DEMO_DATASET = Path(settings.BASE_DIR) / "data" / "demo" / "polku-demo.json"


class Command(BaseCommand):
    help = (
        "Load the demo data set and create one demo user per role (development only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dataset", default=str(DEMO_DATASET))
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off"
        )

    @muted()  # the demo's history is not news: no e-mails while it is made
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Demo users have public passwords: load_demo runs only with DEBUG on "
                "(or --force on a machine that is not in production)."
            )
        self.verbose = options["verbosity"] >= 2
        if not self.verbose:
            # a "Page created" and "Published" line per imported page is noise here
            for name in ("wagtail", "matching"):
                logging.getLogger(name).setLevel(logging.WARNING)
        call_command(
            "import_dataset",
            options["dataset"],
            stdout=self.stdout,
            stderr=self.stderr,
            verbosity=options["verbosity"],
        )
        # the import has checked the file; read again for what it does not store
        data = load(options["dataset"])
        users = demo_users_ensure(data)
        # after the users: the demo client's own latest months are left to answer
        activity = demo_activity_ensure(as_of=data.as_of)
        weekdays = demo_weekdays_ensure()
        self.stdout.write(
            f"Demo activity up to {data.as_of}: {activity.reviews} reviews and "
            f"{activity.answers} monthly feedback answers added; weekdays agreed "
            f"for {weekdays} placements."
        )
        staff = {user.username: user for user, _description in users}
        plans = demo_plans_ensure(
            instructor=staff["sosiaaliohjaaja"],
            supervisor=staff.get("tyonohjaaja"),
            as_of=data.as_of,
        )
        self.stdout.write(
            f"Competence at work: {plans.records} records added; network plans: "
            f"{plans.plans} added."
        )
        audited = demo_audit_attributes_ensure()
        self.stdout.write(
            f"Audit attributes (invented) recorded for {audited} clients."
        )
        self._train_matcher()
        call_command("demo_two_factor", force=True, stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo users (password for all: {DEMO_PASSWORD}):")
        )
        for user, description in users:
            self.stdout.write(f"  {user.username:<16} {description}")

    def _train_matcher(self) -> None:
        """Train the matcher on the demo history once (it is put in use only if it
        ranks the latest periods better than content alone; the demo's invented
        outcomes depend on goals, fit and site quality, so it learns them)."""
        from matching.core.training import InsufficientHistoryError
        from matching.models import MatcherModel
        from matching.services import matcher_retrain

        if MatcherModel.objects.exists():
            self.stdout.write("The matcher has been trained before.")
            return
        try:
            model = matcher_retrain(
                progress=self.stdout.write if self.verbose else lambda _m: None
            )
        except InsufficientHistoryError as exc:
            self.stdout.write(f"The matcher ranks on content alone: {exc}")
            return
        ev = model.evaluation
        self.stdout.write(
            f"The matcher, trained on the demo history: {model.decision} (hold-out "
            f"AUC {ev.get('holdout_auc')}, on content alone "
            f"{ev.get('content_holdout_auc')})"
        )
