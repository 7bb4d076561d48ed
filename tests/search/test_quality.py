"""Search quality on the demo catalogue, on SQLite and on PostgreSQL (CI).

The test set (data/search/queries.tsv) holds queries typed as people type them; the
floor below is what the search must keep. The first ten results of every query must
also be the reference order (data/search/reference_order.json, written by
``benchmarks/bench_search.py --write-reference``), which makes the order the same on
both databases: CI checks it on PostgreSQL, ``make test`` on SQLite.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from marketplace.models import WorkSite
from marketplace.search import quality, selectors
from marketplace.sites.selectors import published_sites

DEMO = Path(settings.BASE_DIR) / "data" / "demo" / "polku-demo.json"
FLOOR = {"recall_at_10": 0.95, "mrr": 0.95}
KIND_FLOOR = 0.9


@pytest.fixture
def demo_catalogue(polku, tmp_path):  # type: ignore[no-untyped-def]
    document = quality.demo_sites_only(json.loads(DEMO.read_text(encoding="utf-8")))
    path = tmp_path / "demo-sites.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    call_command("import_dataset", str(path), stdout=io.StringIO())


def titles(query: str) -> list[str]:
    ids = selectors.search(published_sites(), query).ids
    names = dict(WorkSite.objects.values_list("pk", "title"))
    return [names[pk] for pk in ids]


def test_search_quality_holds_and_the_order_is_the_same_on_every_database(
    demo_catalogue,
):
    # given the demo catalogue, when every query of the test set is searched
    queries = quality.load_queries()
    outcomes = quality.run(queries)
    figures = quality.figures(outcomes)
    # then the floor holds over all queries and for every kind of query
    assert len(queries) >= 60
    assert figures["all"].recall_at_10 >= FLOOR["recall_at_10"], figures
    assert figures["all"].mrr >= FLOOR["mrr"], figures
    for kind, kind_figures in figures.items():
        assert kind_figures.recall_at_10 >= KIND_FLOOR, (kind, kind_figures)
    # and the first ten results are the reference order (the same on both databases)
    reference = json.loads(quality.REFERENCE.read_text(encoding="utf-8"))
    assert quality.first_results(outcomes) == reference


def test_the_queries_of_issue_14_find_their_sites(demo_catalogue):
    plural = set(titles("puutyöt"))
    assert len(plural) >= 7
    # the base form and the partitive find the same sites, and no garden (*puu*tarha)
    assert set(titles("puutyö")) == plural
    assert set(titles("puutöitä")) == plural
    assert len(titles("kahviloissa")) >= 5
    assert set(titles("Lahdessa")) == set(titles("Lahti"))
    for query in ("kahvilassa", "keittiössä", "ompelemaan", "eläimet", "Heinolassa"):
        assert titles(query), query
    assert titles("Heinola puutyö") == [
        "Heinolan työtoimintakeskus, puu- ja metallipaja"
    ]
