"""Figures over many worlds: mean, worst decile, a confidence interval, ablations
and fairness gaps, and the Markdown tables the docs and the command print.

The worst decile of a method is the mean of its worst 10 % of worlds (at least one);
the confidence interval of a mean is a 95 % percentile bootstrap over worlds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matching.core.evaluation import BASELINES, WorldResult

REFERENCE = "tags_then_distance"
ATTRIBUTES = ("age_band", "service_language")
BOOTSTRAP = 2000


def worst_decile(values: list[float]) -> float:
    """Mean of the lowest 10 % of the values (at least one value)."""
    ordered = sorted(values)
    n = max(1, len(ordered) // 10)
    return float(np.mean(ordered[:n]))


def bootstrap_ci(values: list[float], seed: int = 0) -> tuple[float, float]:
    """95 % percentile bootstrap interval of the mean."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.size < 2:
        return float(arr.mean()), float(arr.mean())
    rng = np.random.default_rng(seed)
    means = arr[rng.integers(0, arr.size, (BOOTSTRAP, arr.size))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


@dataclass
class Summary:
    """One method over the worlds."""

    method: str
    mean: float
    sd: float
    worst_decile: float
    ci: tuple[float, float]
    top1_truth: float
    violations: int
    gap_mean: float  # mean over worlds of (this method − reference) NDCG@10
    gap_worst_decile: float
    gap_ci: tuple[float, float]


@dataclass
class Results:
    """Per-world results; :meth:`summary` and :meth:`table` summarise them."""

    worlds: list[WorldResult] = field(default_factory=list)
    label: str = ""

    @property
    def methods(self) -> list[str]:
        return list(self.worlds[0].scores) if self.worlds else []

    def values(self, method: str) -> list[float]:
        return [w.scores[method].ndcg for w in self.worlds]

    def gaps(self, method: str, reference: str = REFERENCE) -> list[float]:
        return [w.scores[method].ndcg - w.scores[reference].ndcg for w in self.worlds]

    def summary(self, method: str) -> Summary:
        values, gaps = self.values(method), self.gaps(method)
        return Summary(
            method=method,
            mean=float(np.mean(values)),
            sd=float(np.std(values)),
            worst_decile=worst_decile(values),
            ci=bootstrap_ci(values),
            top1_truth=float(
                np.mean([w.scores[method].top1_truth for w in self.worlds])
            ),
            violations=sum(w.scores[method].violations for w in self.worlds),
            gap_mean=float(np.mean(gaps)),
            gap_worst_decile=worst_decile(gaps),
            gap_ci=bootstrap_ci(gaps, seed=1),
        )

    def fairness(self, method: str, attribute: str) -> tuple[float, float, float]:
        """Mean and worst NDCG@10 gap between groups over the worlds, and the mean
        smallest group share of lists with a good first place."""
        gaps = [
            g for w in self.worlds if (g := w.scores[method].gap(attribute)) is not None
        ]
        shares = [
            min(v[1] for v in groups.values())
            for w in self.worlds
            if len(groups := w.scores[method].groups.get(attribute, {})) >= 2
        ]
        if not gaps:
            return float("nan"), float("nan"), float("nan")
        return float(np.mean(gaps)), float(max(gaps)), float(np.mean(shares))

    def table(self, main: str = "model") -> str:
        """The summary table (Markdown): every method, then the fairness gaps."""
        seeds = ", ".join(str(w.seed) for w in self.worlds)
        lines = [
            f"{self.label} {len(self.worlds)} world(s), seeds {seeds}".strip(),
            "",
            "| method | NDCG@10 mean [95 % CI] | sd | worst decile | − tags-then-distance"
            " mean [95 % CI] | gap worst decile | top-1 true P | violations |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for method in self.methods:
            s = self.summary(method)
            lines.append(
                f"| {method} | {s.mean:.3f} [{s.ci[0]:.3f}, {s.ci[1]:.3f}] | "
                f"{s.sd:.3f} | {s.worst_decile:.3f} | {s.gap_mean:+.3f} "
                f"[{s.gap_ci[0]:+.3f}, {s.gap_ci[1]:+.3f}] | {s.gap_worst_decile:+.3f} "
                f"| {s.top1_truth:.3f} | {s.violations} |"
            )
        lines += ["", self.fairness_table(main)]
        return "\n".join(lines)

    def fairness_table(self, main: str = "model") -> str:
        lines = [
            "| method | attribute | NDCG@10 gap between groups, mean | worst world |"
            " smallest group's share of lists with a good first place |",
            "|---|---|---:|---:|---:|",
        ]
        for method in (main, REFERENCE):
            if method not in self.methods:
                continue
            for attribute in ATTRIBUTES:
                mean, worst, share = self.fairness(method, attribute)
                lines.append(
                    f"| {method} | {attribute} | {mean:.3f} | {worst:.3f} | {share:.3f} |"
                )
        return "\n".join(lines)


def learned_methods(results: Results) -> list[str]:
    """Methods that are neither baselines nor the content scorer (the learners)."""
    return [m for m in results.methods if m not in BASELINES and m != "content_only"]
