"""Ranking speed: one client, a region's nightly batch, a national batch.

    .venv/bin/python benchmarks/bench_ranking.py [--quick]

Single process, BLAS/OpenMP limited to one thread (as in a web worker). Prints:

* one client ranked against 300 and against 5,000 placements (k = 10, with reasons,
  as the web page asks): p50 / p95 in ms over many repetitions;
* a region's nightly batch: 1,500 clients × 300 placements (seconds);
* a national batch: 45,000 clients × 5,000 placements (seconds; peak traced memory
  of the batch and the process's peak RSS).

Targets (issue 13): p95 ≤ 3 ms (300), p50 ≤ 15 ms (5,000), region ≤ 5 s, national
≤ 15 s within 1 GB. The models are trained on each world's own history first.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.core.catalogue import Catalogue  # noqa: E402
from matching.core.ranking import Ranker  # noqa: E402
from matching.core.training import fit  # noqa: E402
from matching.synthetic.world import World, make_world  # noqa: E402


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def ranker_for(world: World) -> Ranker:
    cat = Catalogue.from_dataset(world.dataset)
    return Ranker(fit(world.dataset, cat), cat)


def single_client(ranker: Ranker, world: World, reps: int) -> tuple[float, float]:
    """p50 and p95 in ms of ``rank(client, k=10)`` over ``reps`` different clients."""
    clients = world.dataset.clients
    for client in clients[:20]:
        ranker.rank(client, k=10)  # warm caches (stems, imports)
    times = np.empty(reps)
    for i in range(reps):
        client = clients[i % len(clients)]
        began = time.perf_counter()
        ranker.rank(client, k=10)
        times[i] = time.perf_counter() - began
    return float(np.percentile(times, 50) * 1e3), float(np.percentile(times, 95) * 1e3)


def batch(ranker: Ranker, world: World, n: int) -> float:
    """Seconds to rank ``n`` clients (k = 10, without reasons) in one batch."""
    clients = list(world.dataset.clients[:n])
    began = time.perf_counter()
    ranker.rank_batch(clients, k=10)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    reps = 500 if args.quick else 3000
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPU(s), 1 BLAS/OpenMP thread"
    )

    region = make_world(n_clients=2500, n_sites=240, n_jobs=60, seed=11)
    small = ranker_for(region)
    p50, p95 = single_client(small, region, reps)
    print(
        f"one client × {len(small.catalogue)} placements: "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms ({reps} repetitions)"
    )
    seconds = batch(small, region, 1500)
    print(
        f"region batch 1,500 clients × {len(small.catalogue)} placements: "
        f"{seconds:.2f} s"
    )

    began = time.perf_counter()
    nation = make_world(
        n_clients=45_000, n_sites=4_000, n_jobs=1_000, seed=12, region="finland"
    )
    large = ranker_for(nation)
    print(
        f"(national world built and trained in {time.perf_counter() - began:.1f} s; "
        f"{len(nation.dataset.placements)} placements of history)"
    )
    p50, p95 = single_client(large, nation, reps // 3)
    print(
        f"one client × {len(large.catalogue)} placements: "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms ({reps // 3} repetitions)"
    )

    rss_before = rss_mb()
    seconds = batch(large, nation, 45_000)
    rss_after = rss_mb()
    tracemalloc.start()
    batch(large, nation, 45_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"national batch 45,000 clients × {len(large.catalogue)} placements: "
        f"{seconds:.1f} s; traced peak of the batch {peak / 2**20:.0f} MB; "
        f"process peak RSS {rss_after:.0f} MB (before the batch {rss_before:.0f} MB)"
    )


if __name__ == "__main__":
    main()
