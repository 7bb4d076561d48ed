"""The matcher's writes: show a list (and log it), take feedback on a suggestion,
retrain and register a model. The matcher suggests; a person decides.

Rules enforced here:
- an instructor ranks only clients they may manage; a client sees only their own
  list, without the sites they said "not for me" about or the instructor hid;
- every list is stored exactly as shown (``ShownList``: scorer, model, items), so
  outcomes can be traced back to what was suggested;
- a hidden suggestion keeps its short reason for the model's review;
- a retrained model is registered every time but put in use only if its hold-out AUC
  (the latest 20 % of periods in time order) is not worse than the model in use, or,
  with none, than the content-only ranking; at most one model is in use;
- training reads no health data: the client's own goals, wishes, interests, needs,
  languages, schedule and history only.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from marketplace.access import permissions
from marketplace.models import Client, Placement, User, WorkSite
from matching import web
from matching.core import dataset as D
from matching.core import training
from matching.core.catalogue import Catalogue
from matching.core.ranking import Suggestion
from matching.display import reasons_text
from matching.models import MatcherModel, ShownList, SuggestionFeedback

logger = logging.getLogger(__name__)

#: Statuses in which the client is already on the way to, or at, a site.


class SuggestionError(ValueError):
    """A suggestion action that breaks a rule (message is for the user)."""


@dataclass(frozen=True)
class SuggestionFilters:
    """What the instructor narrowed the list to; never wider than the hard rules."""

    max_km: float | None = None
    remote_only: bool = False
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "max_km": self.max_km,
            "remote_only": self.remote_only,
            "tags": self.tags,
        }


@dataclass
class ShownSuggestion:
    position: int
    site: WorkSite
    score: float
    reasons: list[str] = field(default_factory=list)
    feedback: str = ""
    #: calibrated chance of moving on, only from a model whose calibration was
    #: measured on hold-out periods (otherwise no percentage is shown)
    probability: float | None = None


@dataclass
class SuggestionList:
    shown_list: ShownList
    items: list[ShownSuggestion]
    model: MatcherModel | None
    #: everything said of the client's suggestions, newest first
    feedback: list[SuggestionFeedback] = field(default_factory=list)


def _feedback_of(client: Client) -> list[SuggestionFeedback]:
    """Everything said of this client's suggestions (newest first), with each site's
    title for the instructor's "set aside" table. One query."""
    return list(
        SuggestionFeedback.objects.filter(client=client)
        .select_related("site")
        .only("kind", "reason", "site_id", "client_id", "created_at", "site__title")
    )


def _excluded_site_ids(client: Client, feedback: list[SuggestionFeedback]) -> set[int]:
    """Sites the client is already at or on the way to, and those set aside: hidden
    by the instructor, or "not for me" in the client's own list."""
    open_sites = Placement.objects.filter(
        client=client, status__in=Placement.OPEN
    ).values_list("site_id", flat=True)
    set_aside = {f.site_id for f in feedback if f.kind in ("hidden", "not_for_me")}
    return set(open_sites) | set_aside


def suggestions_show(
    *,
    actor: User,
    client: Client,
    audience: str,
    filters: SuggestionFilters | None = None,
    k: int = 10,
) -> SuggestionList:
    """Rank sites for ``client`` and log the list exactly as shown.

    The instructor sees their own clients (or colleagues' with a recorded purpose,
    checked by the view); the client sees only themself. The view that shows the
    list logs the read (``marketplace.clients.reads``).
    """
    filters = filters or SuggestionFilters()
    if audience == ShownList.Audience.CLIENT:
        if getattr(actor, "client_record", None) != client:
            raise PermissionDenied
    elif not permissions.can_manage_client(actor, client):
        raise PermissionDenied
    ranker, model = web.current_ranker()
    record = web.ranking_record(client)
    feedback = _feedback_of(client)
    exclude = {web.site_key(pk) for pk in _excluded_site_ids(client, feedback)}
    suggestions = ranker.rank(
        record,
        k=k,
        kind="site",
        max_km=filters.max_km,
        tags=filters.tags,
        exclude=exclude,
    )
    if filters.remote_only:
        suggestions = [
            s for s in suggestions if _is_remote(ranker.catalogue, s.placement_id)
        ]
    answers = {f.site_id: f.kind for f in feedback}
    items = _items(suggestions, answers, to_client=audience == "client")
    shown = ShownList.objects.create(
        viewer=actor,
        client=client,
        audience=audience,
        model=model,
        scorer="model" if model else "content",
        filters=filters.as_dict(),
        goals=list(client.goals or ()),
        items=[
            {
                "id": web.site_key(i.site.pk),
                "position": i.position,
                "score": i.score,
                "probability": i.probability,
            }
            for i in items
        ],
        mean_score=_mean_probability(items),
    )
    return SuggestionList(shown_list=shown, items=items, model=model, feedback=feedback)


def _mean_probability(items: list[ShownSuggestion]) -> float | None:
    """Mean calibrated chance of the list (None when no chance was shown)."""
    values = [i.probability for i in items if i.probability is not None]
    return sum(values) / len(values) if values else None


def _is_remote(catalogue: Catalogue, placement_id: str) -> bool:
    return bool(catalogue.remote[catalogue.index[placement_id]])


def _items(
    suggestions: list[Suggestion], feedback: dict[int, str], *, to_client: bool
) -> list[ShownSuggestion]:
    from marketplace.sites.selectors import published_sites

    ids = [web.key_site_id(s.placement_id) for s in suggestions]
    # what a suggestion shows of its site: title, link, organisation, municipality
    # and free seats (the site's page has the rest)
    sites = (
        published_sites()
        .select_related("organisation", "municipality", "capacity")
        .only(
            "title",
            "url_path",
            "organisation__name",
            "municipality__name",
            "capacity__seats_free",
        )
        .in_bulk([i for i in ids if i is not None])
    )
    out = []
    for s, site_id in zip(suggestions, ids, strict=True):
        site = sites.get(site_id) if site_id is not None else None
        if site is None:  # unpublished since the catalogue was built
            continue
        out.append(
            ShownSuggestion(
                position=len(out) + 1,
                site=site,
                score=s.score,
                probability=s.probability,
                reasons=reasons_text(s.reasons, to_client=to_client),
                feedback=feedback.get(site.pk, ""),
            )
        )
    return out


@transaction.atomic
def suggestion_hide(
    *, actor: User, client: Client, site: WorkSite, reason: str, shown_list_id: Any
) -> SuggestionFeedback:
    """The instructor hides a suggestion; the short reason is kept for the model's
    review (docs/model-card.md) and the site leaves this client's list."""
    if not permissions.can_manage_client(actor, client):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise SuggestionError("Write a short reason for hiding the suggestion.")
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        client=client,
        site=site,
        defaults={
            "kind": SuggestionFeedback.Kind.HIDDEN,
            "reason": reason[:300],
            "by": actor,
            "shown_list": _shown(shown_list_id, client),
        },
    )
    return feedback


@transaction.atomic
def suggestion_answer(
    *, actor: User, site: WorkSite, kind: str, shown_list_id: Any
) -> SuggestionFeedback:
    """The client says "interested" or "not for me" about a site in their own list."""
    client = getattr(actor, "client_record", None)
    if client is None:
        raise PermissionDenied
    if kind not in (
        SuggestionFeedback.Kind.INTERESTED,
        SuggestionFeedback.Kind.NOT_FOR_ME,
    ):
        raise SuggestionError("Unknown answer.")
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        client=client,
        site=site,
        defaults={
            "kind": kind,
            "reason": "",
            "by": actor,
            "shown_list": _shown(shown_list_id, client),
        },
    )
    return feedback


def shown_list_chosen(*, shown_list_id: Any, client: Client, site: WorkSite) -> None:
    """Record that a visit was booked from this list (audits: chosen from the list)."""
    shown = _shown(shown_list_id, client)
    if shown is not None and any(
        item["id"] == web.site_key(site.pk) for item in shown.items
    ):
        ShownList.objects.filter(pk=shown.pk).update(chosen_site=site)


def _shown(shown_list_id: Any, client: Client) -> ShownList | None:
    if not shown_list_id:
        return None
    try:
        return ShownList.objects.filter(pk=shown_list_id, client=client).first()
    except (ValueError, TypeError, ValidationError):
        return None


@transaction.atomic
def client_goals_reorder(*, actor: User, client: Client, goals: list[str]) -> Client:
    """The client (or their instructor) puts the same goals in a new order."""
    own = getattr(actor, "client_record", None) == client
    if not (own or permissions.can_manage_client(actor, client)):
        raise PermissionDenied
    if sorted(goals) != sorted(client.goals or []):
        raise SuggestionError("The goals can only be put in a new order here.")
    client.goals = goals
    client.save(update_fields=["goals"])
    return client


# --- training -------------------------------------------------------------------


def training_dataset(as_of: dt.date) -> tuple[D.Dataset, Catalogue]:
    """The whole history known on ``as_of`` as a data set, and its catalogue."""
    catalogue = web.build_catalogue(as_of)
    _goals, placements = web.history_records(until=as_of)
    with_history = {p.client for p in placements}
    clients = [
        web.client_record(c)
        for c in web.clients_for_ranking().filter(pk__in=with_history).order_by("pk")
    ]
    dataset = D.Dataset(
        as_of=as_of,
        municipalities=tuple(catalogue.municipalities.values()),
        organisations=tuple(
            D.Organisation(id=i, name="", kind=k)
            for i, k in catalogue.organisation_kinds.items()
        ),
        sites=tuple(r for r in catalogue.records if isinstance(r, D.Site)),
        clients=tuple(clients),
        placements=tuple(placements),
    )
    return dataset, catalogue


def artifact_dir() -> Path:
    path = Path(settings.MATCHER_ARTIFACT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


#: Why a trained model was or was not put in use (``evaluation["decision"]``); the
#: matcher page says these in the reader's language (``matching.display``).
DECISIONS = ("in_use", "worse_than_active", "worse_than_content", "no_holdout")


def _decide(
    figures: dict[str, Any], active: MatcherModel | None
) -> tuple[bool, dict[str, Any]]:
    """Put the new model in use only if it is not worse than what ranks now: the
    model in use, or (with none) the content-only ranking, on hold-out AUC (the
    same latest 20 % of periods for both)."""
    new_auc = figures.get("holdout_auc")
    content = figures.get("content_holdout_auc")
    if new_auc is None:
        return False, {"code": "no_holdout"}
    if active is not None and active.auc is not None and new_auc < active.auc:
        return False, {"code": "worse_than_active", "auc": new_auc, "other": active.auc}
    if active is None and content is not None and new_auc < content:
        return False, {"code": "worse_than_content", "auc": new_auc, "other": content}
    other = active.auc if active is not None and active.auc is not None else content
    return True, {"code": "in_use", "auc": new_auc, "other": other}


def matcher_retrain(
    *,
    kind: str = "logreg",
    as_of: dt.date | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> MatcherModel:
    """Train on every ended period, save the artifact, register it, and put it in
    use only if its evaluation is not worse than the model in use (hold-out AUC on
    the latest 20 % of periods, time order). Safe to run again: each run registers
    one more model and at most one is active."""
    as_of = as_of or timezone.localdate()
    progress("Reading the placement history…")
    dataset, catalogue = training_dataset(as_of)
    progress(
        f"{len(dataset.placements)} periods, {len(dataset.clients)} clients, "
        f"{len(dataset.sites)} sites. Training ({kind})…"
    )
    trained = training.fit(dataset, catalogue, kind)  # type: ignore[arg-type]
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    path = artifact_dir() / f"matcher-{stamp}-{kind}.joblib"
    training.save(trained, path)
    meta = trained.metadata
    figures = dict(meta.get("evaluation", {}))
    with transaction.atomic():
        active = MatcherModel.objects.select_for_update().filter(is_active=True).first()
        better, decision = _decide(figures, active)
        figures["decision"] = decision
        figures["calibration"] = meta.get("calibration")
        figures["weights"] = meta.get("weights")
        figures["config"] = meta.get("config")
        if better and active is not None:
            active.is_active = False
            active.save(update_fields=["is_active"])
        model = MatcherModel.objects.create(
            path=str(path),
            kind=kind,
            sklearn_version=meta["sklearn_version"],
            code_version=meta["code_version"],
            data_as_of=as_of,
            training_rows=meta["training_rows"],
            evaluation=figures,
            is_active=better,
            decision=decision["code"],
        )
    web.clear_cache()
    progress(
        f"{decision['code']}: hold-out AUC {decision.get('auc')} vs {decision.get('other')}"
    )
    logger.info("matcher model %s registered: %s", model.pk, decision["code"])
    return model
