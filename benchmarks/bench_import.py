"""Parse each sample plan N times and report the median time per seed (target: under 200 ms).

python benchmarks/bench_import.py [-n 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from theodoi.importer import UnreadableDocument, import_document

SEEDS = Path(__file__).resolve().parents[1] / "theodoi" / "demo" / "seeds"


def bench(path: Path, runs: int) -> float:
    data = path.read_bytes()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            import_document(data, path.name)
        except UnreadableDocument:
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=20)
    args = parser.parse_args()
    for path in sorted(SEEDS.glob("*.txt")):
        print(f"{path.name:34} {bench(path, args.runs):8.1f} ms")


if __name__ == "__main__":
    main()
