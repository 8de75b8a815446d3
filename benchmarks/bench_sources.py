"""Read (and, when the plan rules are present, fully import) a generated 1,000-row plan .docx.

    .venv/bin/python benchmarks/bench_sources.py [--rows 1000] [--runs 5] [--pdf]

Reports the median wall time over the runs and the peak Python memory of one run (tracemalloc),
plus the process's peak resident size. Targets: under 3 s and under 200 MB. No assertion: the
numbers are for people; the last results are kept in benchmarks/RESULTS-sources.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from theodoi.importer.sources import read_document
from theodoi.importer.tests.builders import big_docx, docx_to_pdf


def measure(label: str, work: Callable[[], Any], runs: int, *, trace: bool = True) -> None:
    """Median time over `runs`; peak Python memory of one more run (tracemalloc makes pdfminer
    some ten times slower, so PDF runs report only the process's peak resident size)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    traced = ""
    if trace:
        tracemalloc.start()
        work()
        traced = f"   peak {tracemalloc.get_traced_memory()[1] / 2**20:6.1f} MB (tracemalloc)"
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<26} median {statistics.median(times):6.3f} s{traced}   process peak resident {rss:5.0f} MB"
    )


def full_import() -> Callable[[bytes, str], Any] | None:
    """The plan rules' entry point, once the importer branch is merged."""
    import theodoi.importer

    found = getattr(theodoi.importer, "import_document", None)
    return found if callable(found) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also read the plan printed to PDF (LibreOffice)")
    args = parser.parse_args()
    data = big_docx(args.rows)
    read_document(data, "warm.docx")  # imports and caches out of the timings
    print(f"{args.rows}-row plan: {len(data) / 1024:.0f} KB .docx")
    measure("read_document (.docx)", lambda: read_document(data, "big.docx"), args.runs)
    importer = full_import()
    if importer is not None:
        measure("import_document (.docx)", lambda: importer(data, "big.docx"), args.runs)
    else:
        print("import_document: not available on this branch (plan rules not merged)")
    if args.pdf:
        # A 1,000-row plan prints to some 430 pages, past the page cap; half of it stays under.
        pdf = docx_to_pdf(big_docx(args.rows // 2))
        if pdf is None:
            print("PDF: LibreOffice not installed, skipped")
        else:
            print(f"{args.rows // 2}-row plan printed to PDF: {len(pdf) / 1024:.0f} KB")
            measure("read_document (.pdf)", lambda: read_document(pdf, "big.pdf"), 1, trace=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
