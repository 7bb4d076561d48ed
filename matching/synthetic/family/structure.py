"""The structure of one world of the family, drawn from its seed.

Which signals carry outcome and how strongly, how the history was chosen and how
noisy it is, how wishes are written and which fields are missing: all drawn per
seed, so that a matcher is scored on many different worlds, not on one shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np

HistoryPolicy = Literal["habit", "popularity", "random"]
DistanceForm = Literal["log_km", "share_of_limit"]
AGE_BANDS: tuple[str, ...] = ("under_25", "25_34", "35_44", "45_54", "55_plus")
SERVICE_LANGUAGES: tuple[str, ...] = ("fi", "sv", "other")


@dataclass(frozen=True)
class Structure:
    """What one world's truth, history and records look like."""

    seed: int
    n_clients: int
    n_sites: int
    n_jobs: int
    region: Literal["paijat-hame", "drawn"]
    # weights of the true log-odds
    w_goal: float
    visible: float  # how much of what a site leads to shows in its forms and units
    w_goal_quality: float
    w_quality: float
    w_interest: float
    w_avoid: float
    w_support: float
    w_schedule: float
    w_distance: float
    distance_form: DistanceForm
    base_rate: float
    noise: float  # sd of a per-period random effect on the log-odds
    # history
    policy: HistoryPolicy
    habit_km: float
    explore: float  # share of periods placed at random whatever the policy
    popularity_quality: float  # correlation of popularity with quality
    # records
    hidden_interest: float  # chance a true interest is only in the wishes
    avoid_share: float  # share of clients who say what they do not want
    swedish_share: float
    other_language_share: float
    no_assessment: float
    no_wishes: float
    no_interests: float
    filler: float  # chance of a sentence that says nothing about work

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def draw_structure(seed: int) -> Structure:
    """One world's structure; the same seed always gives the same structure."""
    rng = np.random.default_rng([seed, 9_473])
    u = rng.uniform
    policy: HistoryPolicy = ("habit", "popularity", "random")[
        int(rng.choice(3, p=[0.55, 0.25, 0.2]))
    ]
    return Structure(
        seed=seed,
        n_clients=int(rng.integers(1500, 3201)),
        n_sites=int(rng.integers(80, 181)),
        n_jobs=int(rng.integers(0, 41)),
        region="paijat-hame" if rng.random() < 0.5 else "drawn",
        w_goal=u(0.5, 3.0),
        visible=u(0.0, 1.0),
        w_goal_quality=u(0.0, 1.0),
        w_quality=u(0.2, 0.9),
        w_interest=u(0.3, 2.2),
        w_avoid=u(0.0, 2.0),
        w_support=u(0.0, 1.4),
        w_schedule=u(0.0, 0.9),
        w_distance=u(0.0, 0.6),
        distance_form=("log_km", "share_of_limit")[int(rng.integers(2))],
        base_rate=u(0.2, 0.4),
        noise=u(0.0, 1.0),
        policy=policy,
        habit_km=u(2.0, 10.0),
        explore=u(0.05, 0.35),
        popularity_quality=u(-0.3, 0.5),
        hidden_interest=u(0.15, 0.6),
        avoid_share=u(0.1, 0.5),
        swedish_share=u(0.0, 0.2),
        other_language_share=u(0.0, 0.1),
        no_assessment=u(0.1, 0.5),
        no_wishes=u(0.05, 0.35),
        no_interests=u(0.0, 0.3),
        filler=u(0.1, 0.6),
    )
