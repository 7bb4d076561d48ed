"""Search quality on the demo catalogue: recall@10 and mean reciprocal rank over the
test set ``data/search/queries.tsv`` (queries typed as people type them, each with the
sites that must come first). Used by tests/search/test_quality.py and
benchmarks/bench_search.py; needs the demo data loaded."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from marketplace.models import WorkSite
from marketplace.search import selectors
from marketplace.sites.selectors import published_sites

QUERIES = Path(settings.BASE_DIR) / "data" / "search" / "queries.tsv"
K = 10


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    why: str
    relevant: frozenset[str]  # data set ids of the sites that must come first


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: list[str]  # data set ids, best first

    @property
    def recall(self) -> float:
        """Share of the sites that must come first among the first ``K`` results."""
        hits = len(self.query.relevant & set(self.found[:K]))
        return hits / min(len(self.query.relevant), K)

    @property
    def precision(self) -> float:
        """Share of all results that are sites that must come first."""
        if not self.found:
            return 0.0
        return len(self.query.relevant & set(self.found)) / len(self.found)

    @property
    def reciprocal_rank(self) -> float:
        for rank, site in enumerate(self.found, 1):
            if site in self.query.relevant:
                return 1.0 / rank
        return 0.0


def load_queries(path: Path = QUERIES) -> list[Query]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, why, sites = line.split("\t")
        out.append(Query(kind, text, why, frozenset(sites.split())))
    return out


def run(queries: list[Query]) -> list[Outcome]:
    """Search the published catalogue for every query."""
    external = dict(WorkSite.objects.values_list("pk", "external_id"))
    return [
        Outcome(
            q, [external[pk] for pk in selectors.search(published_sites(), q.text).ids]
        )
        for q in queries
    ]


@dataclass(frozen=True)
class Figures:
    queries: int
    recall_at_10: float
    mrr: float
    precision: float  # of all results: how few unrelated sites are listed


def figures(outcomes: list[Outcome]) -> dict[str, Figures]:
    """Recall@10 and MRR over all queries ("all") and per kind of query."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups["all"].append(outcome)
        groups[outcome.query.kind].append(outcome)
    return {
        kind: Figures(
            queries=len(items),
            recall_at_10=sum(o.recall for o in items) / len(items),
            mrr=sum(o.reciprocal_rank for o in items) / len(items),
            precision=sum(o.precision for o in items) / len(items),
        )
        for kind, items in groups.items()
    }


REFERENCE = Path(settings.BASE_DIR) / "data" / "search" / "reference_order.json"


def first_results(outcomes: list[Outcome]) -> dict[str, list[str]]:
    """Each query's first ``K`` results (data set ids), to compare databases."""
    return {o.query.text: o.found[:K] for o in outcomes}


def demo_sites_only(document: dict[str, Any]) -> dict[str, Any]:
    """The demo data set without clients, placements and jobs: what search sees."""
    return {**document, "clients": [], "placements": [], "jobs": []}
