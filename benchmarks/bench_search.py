"""Search quality and speed on the demo catalogue, on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/bench_search.py [--postgres URL] [--write-reference]

Imports the demo data set's sites (data/demo/polku-demo.json, without clients and
placements) into a throwaway database (a temporary SQLite file, or with ``--postgres``
a database ``test_<name>_search`` on that server; dropped at the end), runs every
query of the test set (data/search/queries.tsv) and prints recall@10 and MRR, over
all queries and per kind of query, the queries that miss a site, the time per query,
and whether the first ten results are the reference order
(data/search/reference_order.json: the same on both databases).
``--write-reference`` writes this run's order as the reference.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure(postgres: str | None) -> str:
    """Point Django at a throwaway database; returns the engine's name."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = postgres or "sqlite:///" + str(
        Path(tempfile.gettempdir()) / "polku-bench-unused.sqlite3"
    )
    import django
    from django.db import connection

    django.setup()
    db = connection.settings_dict
    if postgres:
        db["TEST"]["NAME"] = f"test_{db['NAME']}_search"
    else:
        handle, path = tempfile.mkstemp(prefix="polku-search-", suffix=".sqlite3")
        os.close(handle)
        db["TEST"]["NAME"] = path
    return str(db["ENGINE"]).rsplit(".", 1)[-1]


def load_demo_sites() -> float:
    from django.core.management import call_command

    from marketplace.search import quality

    document = json.loads((ROOT / "data/demo/polku-demo.json").read_text("utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(quality.demo_sites_only(document), f)
    began = time.perf_counter()
    call_command("polku_setup", stdout=io.StringIO())
    call_command("import_dataset", f.name, stdout=io.StringIO())
    os.unlink(f.name)
    return time.perf_counter() - began


def report(write_reference: bool) -> None:
    from marketplace.models import SearchTerm
    from marketplace.search import quality

    queries = quality.load_queries()
    quality.run(queries[:1])  # the dictionaries load once per process
    began = time.perf_counter()
    outcomes = quality.run(queries)
    per_query = (time.perf_counter() - began) / len(queries) * 1000
    print(f"{len(queries)} queries, {SearchTerm.objects.count()} index rows")
    print(f"{'kind':<10} {'n':>3} {'recall@10':>9} {'MRR':>6} {'precision':>9}")
    for kind, f in quality.figures(outcomes).items():
        print(
            f"{kind:<10} {f.queries:>3} {f.recall_at_10:>9.3f} {f.mrr:>6.3f} "
            f"{f.precision:>9.3f}"
        )
    for o in outcomes:
        if o.recall < 1 or o.reciprocal_rank < 1:
            missed = sorted(o.query.relevant - set(o.found[:10]))
            print(f"  {o.query.text!r}: recall {o.recall:.2f}, missed {missed}")
    times = []
    for o in outcomes:
        t = time.perf_counter()
        quality.run([o.query])
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"per query: mean {per_query:.1f} ms, p50 {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms"
    )
    order = quality.first_results(outcomes)
    if write_reference:
        text = json.dumps(order, ensure_ascii=False, indent=1) + "\n"
        quality.REFERENCE.write_text(text, encoding="utf-8")
        print(f"wrote {quality.REFERENCE.relative_to(ROOT)}")
    else:
        reference = json.loads(quality.REFERENCE.read_text("utf-8"))
        differ = [q for q in order if order[q] != reference.get(q)]
        print(
            f"first ten results as the reference order: {len(order) - len(differ)}"
            f"/{len(order)} queries" + (f"; differ: {differ}" if differ else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL URL; default: SQLite")
    parser.add_argument("--write-reference", action="store_true")
    args = parser.parse_args()
    engine = configure(args.postgres)
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        seconds = load_demo_sites()
        print(
            f"Python {platform.python_version()}, {engine}; demo sites imported "
            f"and indexed in {seconds:.0f} s"
        )
        report(args.write_reference)
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0
        )


if __name__ == "__main__":
    main()
