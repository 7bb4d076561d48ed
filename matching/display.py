"""Reasons for a suggestion in the reader's language, in plain words.

:mod:`matching.core.reasons` gives stable codes with parameters; this module says them
through Django's translations. Two voices: to the client ("you") and to the
instructor ("the client").
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.models.placements import EXIT_REASON_CHOICES
from marketplace.shared import vocabularies
from matching.core.reasons import Reason

_VIA = {
    "learning_units": gettext_lazy("qualification units can be earned here"),
    "history": gettext_lazy("people have moved on to it from here"),
    "forms": gettext_lazy("the way of working suits it"),
    "tags": gettext_lazy("the kind of work suits it"),
}


def _list(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def _tag(code: str) -> str:
    return vocabularies.label("tag", code).lower()


def reason_text(reason: Reason, *, to_client: bool) -> str:
    """One reason as a sentence; ``to_client`` speaks to the client as "you"."""
    code, p = reason.code, reason.params
    goal = vocabularies.label("goal", str(p.get("goal", ""))).lower()
    if code == "goal_match":
        via = p.get("via")
        detail = str(_VIA.get(str(via), ""))
        if via == "learning_units" and p.get("units"):
            detail = _("qualification units can be earned here (%(units)s)") % {
                "units": _list(p["units"])
            }
        if via == "history" and p.get("count"):
            detail = _("%(count)s people have moved on to it from here") % {
                "count": p["count"]
            }
        template = (
            _("Suits your goal: %(goal)s — %(detail)s.")
            if to_client
            else _("Suits the client's goal: %(goal)s — %(detail)s.")
        )
        return template % {"goal": goal, "detail": detail}
    if code == "interest":
        template = (
            _("%(tag)s, which you said you like.")
            if to_client
            else _("%(tag)s, which interests the client.")
        )
        return template % {"tag": vocabularies.label("tag", str(p["tag"]))}
    if code == "wishes":
        template = (
            _("Matches what you wished for: %(words)s.")
            if to_client
            else _("Matches the client's wishes: %(words)s.")
        )
        return template % {"words": _list(p.get("words", []))}
    if code == "similar_moved_on":
        exit_label = str(dict(EXIT_REASON_CHOICES).get(p["exit"], p["exit"])).lower()
        return _(
            "People with similar goals often moved on from here to: %(exit)s "
            "(%(count)s times)."
        ) % {"exit": exit_label, "count": p["count"]}
    if code == "moved_on_rate":
        return _("%(percent)s %% of %(periods)s periods here ended in moving on.") % {
            "percent": round(100 * float(p["share"])),
            "periods": p["periods"],
        }
    if code == "no_history":
        return _("A new place: suggested for what it offers.")
    if code == "schedule":
        template = (
            _("Fits your %(days)s days a week, %(hours)s hours a day.")
            if to_client
            else _("Fits the client's %(days)s days a week, %(hours)s hours a day.")
        )
        return template % {"days": p["days"], "hours": p["hours"]}
    if code == "support":
        return _("Offers the support described (level %(level)s).") % {
            "level": p["level"]
        }
    if code == "distance":
        template = _("Close to home: %(km)s km.") if float(p["km"]) <= 10 else None
        template = template or _("%(km)s km from home.")
        return template % {"km": number_format(p["km"], 1)}
    if code == "remote":
        return _("Can be done from home.")
    if code == "shared_tag":
        return _("The group already does %(tag)s.") % {"tag": _tag(str(p["tag"]))}
    if code == "group_size":
        return _("The group has %(clients)s clients; the job needs %(needed)s.") % p
    if code == "group_outside":
        return _("The group works at outside organisations.")
    if code == "disability_clients_only":
        return _("A company's job: only for clients in disability work activity.")
    return code


def reasons_text(reasons: tuple[Reason, ...], *, to_client: bool) -> list[str]:
    return [reason_text(r, to_client=to_client) for r in reasons]


# --- the matcher page ---------------------------------------------------------------

_GROUPS = {
    "goal": gettext_lazy("The client's goals against what the place leads to"),
    "history": gettext_lazy(
        "How often people with similar goals moved on from the place before"
    ),
    "words": gettext_lazy("Interests and the client's own words against the work"),
    "fit": gettext_lazy("Days, hours and support level"),
    "exposure": gettext_lazy(
        "How often the place was used and how far it is (only to separate habit "
        "from results; not used when ranking)"
    ),
    "kind": gettext_lazy("Remote work and job-bank jobs"),
}
_KINDS = {
    "logreg": gettext_lazy("logistic regression"),
    "gbm": gettext_lazy("gradient boosting"),
}


def model_kind(kind: str) -> str:
    return str(_KINDS.get(kind, kind))


def weight_rows(weights: dict[str, Any] | None) -> list[tuple[str, float]]:
    """(what, share) per feature group, largest first, for the page's table."""
    groups = (weights or {}).get("groups", {})
    rows = [(str(_GROUPS.get(g, g)), float(v)) for g, v in groups.items()]
    return sorted(rows, key=lambda r: -r[1])


def decision_text(evaluation: dict[str, Any]) -> str:
    """Why a trained model was or was not put in use, in the reader's language."""
    decision = evaluation.get("decision") or {}
    code = decision.get("code") if isinstance(decision, dict) else None
    params = {
        "auc": number_format(decision.get("auc") or 0, 2),
        "other": number_format(decision.get("other") or 0, 2),
    }
    if code == "in_use":
        return (
            _(
                "In use: on the latest periods it ordered outcomes better (%(auc)s) than "
                "what ranked before (%(other)s)."
            )
            % params
        )
    if code == "worse_than_active":
        return (
            _(
                "Not used: on the latest periods it ordered outcomes worse (%(auc)s) than "
                "the model in use (%(other)s)."
            )
            % params
        )
    if code == "worse_than_content":
        return (
            _(
                "Not used: on the latest periods it ordered outcomes worse (%(auc)s) than "
                "ranking on what places offer (%(other)s), which stays in use."
            )
            % params
        )
    if code == "no_holdout":
        return _("Not used: too little history to test it on the latest periods.")
    return _("Trained before this check was recorded.")
