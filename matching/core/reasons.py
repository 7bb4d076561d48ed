"""Why a placement was suggested: structured reasons, and an English rendering.

Reasons are codes with parameters (``Reason("distance", {"km": 6.2})``) so the web
layer can say them in plain Finnish, Swedish or English; :func:`render` is the plain
English used by the command-line tools. Reasons describe the placement and the
client's own goals and wishes — never anything the matcher may not use.

Codes and their parameters:

* ``goal_match`` — ``goal``, ``via`` (``learning_units`` | ``history`` | ``forms`` |
  ``tags``), and ``units`` / ``count`` / ``forms`` / ``tags`` for the evidence;
* ``interest`` — ``tag``; ``wishes`` — ``words``: the client's own wanted words
  (as written) that the place's text has or whose kind of work it offers;
* ``similar_moved_on`` — ``exit`` (most common positive exit of past clients with
  the same first goal), ``count``;
* ``moved_on_rate`` — ``share`` and ``periods`` (only with at least 10 periods);
* ``no_history`` — no ended periods yet: ranked on content alone;
* ``schedule`` — ``days``, ``hours``; ``support`` — ``level`` (1–3);
* ``distance`` — ``km``; ``remote`` — can be done from home.

Job bank (:mod:`matching.core.jobbank`): ``shared_tag`` — ``tag``; ``group_size`` —
``clients``, ``needed``; ``group_outside``; ``disability_clients_only``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from matching.core import features as F
from matching.core import history as H
from matching.core.dataset import Client, Job, Site
from matching.core.lexicon import Lexicon
from matching.core.wishes import read_wish

if TYPE_CHECKING:
    from matching.core.catalogue import Catalogue, ClientBatch

#: A goal counts as served by history when this many past exits served it.
MIN_HISTORY_EXITS = 2
MIN_RATE_PERIODS = 10


class Reason(NamedTuple):
    """One reason: a stable code and its parameters (JSON-friendly values)."""

    code: str
    params: dict[str, Any]


def reasons_for(
    batch: ClientBatch,
    i: int,
    rows: NDArray[np.int64],
    cat: Catalogue,
    lexicon: Lexicon | None = None,
) -> list[tuple[Reason, ...]]:
    """Reasons for client ``i`` of ``batch`` and each catalogue row in ``rows``."""
    ci = np.full(rows.size, i, dtype=np.int64)
    km = cat.municipality_km[batch.municipality[ci], rows]
    X = F.pair_features(batch, cat, ci, rows, km)
    client = batch.records[i]
    words = lexicon or Lexicon()
    return [
        tuple(_reasons(client, int(row), X[n], float(km[n]), cat, words))
        for n, row in enumerate(rows.tolist())
    ]


def wished_words(
    client: Client, row: int, cat: Catalogue, lexicon: Lexicon, limit: int = 3
) -> list[str]:
    """The client's own words (as written) that this place offers: a word they
    WANT (never one they avoid) whose base form is in the place's text, or that
    names one of its kinds of work. Words common to most places say nothing and
    are not quoted."""
    wish = read_wish(client.wishes)
    record = cat.records[row]
    terms = cat.text.terms_of(row)
    common = max(1.0, 0.3 * len(cat))
    out: list[str] = []
    for term in wish.wanted:
        col = cat.text.vocabulary.get(term)
        in_text = term in terms and col is not None and cat.text.df[col] <= common
        named = {t for t, w in lexicon.weights(term).items() if w >= 0.5}
        if len(term) >= 4 and (in_text or named & set(record.tags)):
            word = wish.written.get(term, term)
            if word not in out:
                out.append(word)
    return out[:limit]


def _reasons(
    client: Client,
    row: int,
    x: NDArray[np.float64],
    km: float,
    cat: Catalogue,
    lexicon: Lexicon,
) -> list[Reason]:
    record = cat.records[row]
    out = _goal_reasons(client, row, cat)
    out += [
        Reason("interest", {"tag": t}) for t in client.interests if t in record.tags
    ]
    words = wished_words(client, row, cat, lexicon)
    if words:
        out.append(Reason("wishes", {"words": words}))
    out += _history_reasons(client, row, cat)
    if isinstance(record, Site):
        if min(x[F.COLUMN["days_fit"]], x[F.COLUMN["hours_fit"]]) >= 0.5:
            params = {"days": client.days_per_week, "hours": client.hours_per_day}
            out.append(Reason("schedule", params))
        if x[F.COLUMN["has_assessment"]] and x[F.COLUMN["support_gap_abs"]] <= 0.5:
            out.append(Reason("support", {"level": record.support_level}))
    if x[F.COLUMN["remote_beyond"]]:
        out.append(Reason("remote", {}))
    else:
        out.append(Reason("distance", {"km": round(km, 1)}))
    return out


def _goal_reasons(client: Client, row: int, cat: Catalogue) -> list[Reason]:
    """The client's goals (first goal first) that this placement is known to serve."""
    record = cat.records[row]
    h = cat.history
    out = []
    for goal in client.goals[:3]:
        g = F.GOAL_INDEX[goal]
        if cat.unit_goals[row, g] > 0 and isinstance(record, Site):
            units = list(record.learning_units[:2])
            out.append(
                Reason(
                    "goal_match",
                    {"goal": goal, "via": "learning_units", "units": units},
                )
            )
        elif h.exit_goal[row, g] >= MIN_HISTORY_EXITS and (
            h.exit_goal[row, g] / max(h.n[row], 1.0) >= h.goal_prior[g]
        ):
            count = int(h.exit_goal[row, g])
            out.append(
                Reason("goal_match", {"goal": goal, "via": "history", "count": count})
            )
        elif cat.content_goals[row, g] >= 0.5:
            out.append(Reason("goal_match", _content_evidence(record, goal)))
    return out


def _content_evidence(record: Site | Job, goal: str) -> dict[str, Any]:
    """Which forms (or, failing those, which tags) make the placement suit a goal."""
    forms = record.forms if isinstance(record, Site) else ()
    hits = [f for f in forms if F.FORM_GOALS.get(f, {}).get(goal, 0) >= 0.5]
    if hits:
        return {"goal": goal, "via": "forms", "forms": hits}
    tags = [t for t in record.tags if F.TAG_GOALS.get(t, {}).get(goal, 0) >= 0.5]
    return {"goal": goal, "via": "tags", "tags": tags}


def _history_reasons(client: Client, row: int, cat: Catalogue) -> list[Reason]:
    h = cat.history
    out: list[Reason] = []
    if h.n[row] == 0:
        return [Reason("no_history", {})]
    if client.goals:
        by_exit = h.exits_by_goal[row, F.GOAL_INDEX[client.goals[0]]]
        best = int(np.argmax(by_exit))
        if by_exit[best] >= MIN_HISTORY_EXITS:
            params = {"exit": H.POSITIVE_EXIT_LIST[best], "count": int(by_exit[best])}
            out.append(Reason("similar_moved_on", params))
    if h.n[row] >= MIN_RATE_PERIODS and h.pos[row] / h.n[row] > h.prior_rate:
        share = round(float(h.pos[row] / h.n[row]), 2)
        out.append(Reason("moved_on_rate", {"share": share, "periods": int(h.n[row])}))
    return out


_GOAL_WORDS = {
    "employment": "paid work",
    "studies": "studies",
    "work_trial": "a work trial",
    "life_management": "managing daily life",
    "social_participation": "being with other people",
    "own_product": "your own product",
    "work_ability_assessment": "assessing your work ability",
}
_EXIT_WORDS = {
    "rehabilitation": "rehabilitation",
    "studies": "studies",
    "work_trial": "a work trial",
    "open_labour_market": "a job",
    "apprenticeship": "an apprenticeship",
    "pay_subsidy": "pay-subsidised work",
    "entrepreneurship": "their own business",
}
_VIA_WORDS = {
    "learning_units": "you can earn qualification units here",
    "history": "people here have moved on to it",
    "forms": "the way of working suits it",
    "tags": "the kind of work suits it",
}


_TEMPLATES = {
    "goal_match": "Suits your goal of {goal}: {via}.",
    "interest": "You are interested in {tag}.",
    "wishes": "Matches your wishes: {words}.",
    "similar_moved_on": "People with the same first goal moved on from here to "
    "{exit} ({count} times).",
    "moved_on_rate": "{percent} % of {periods} periods here ended with moving on.",
    "no_history": "No earlier periods here yet: suggested for what it offers.",
    "schedule": "Fits your {days} days a week, {hours} hours a day.",
    "support": "Offers the level of support you described (level {level}).",
    "distance": "{km} km from home.",
    "remote": "Can be done from home.",
    "shared_tag": "The group already does {tag}.",
    "group_size": "The group has {clients} clients; the job needs {needed}.",
    "group_outside": "The group works at outside organisations.",
    "disability_clients_only": "A company's job: only for clients in disability "
    "work activity.",
}


def render(reason: Reason) -> str:
    """Plain English for one reason (the CLI's rendering; the web layer has its own)."""
    code, params = reason
    p = dict(params)
    p["goal"] = _GOAL_WORDS.get(str(p.get("goal")), p.get("goal"))
    p["via"] = _VIA_WORDS.get(str(p.get("via")), p.get("via"))
    p["exit"] = _EXIT_WORDS.get(str(p.get("exit")), p.get("exit"))
    p["tag"] = str(p.get("tag", "")).replace("_", " ")
    p["words"] = ", ".join(p.get("words", []))
    p["percent"] = round(100 * float(p.get("share", 0)))
    template = _TEMPLATES.get(code)
    try:
        return template.format(**p) if template else f"{code}: {params}"
    except KeyError:
        return f"{code}: {params}"


def render_all(reasons: tuple[Reason, ...] | list[Reason]) -> str:
    """All reasons of a suggestion as one line of plain English."""
    return " ".join(render(r) for r in reasons)
