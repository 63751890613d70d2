"""Run benchmark suites and record them in benchmarks/RESULTS.md.

    uv run benchmarks/run.py                 # every suite
    uv run benchmarks/run.py linalg          # one suite
    uv run benchmarks/run.py linalg --quick  # the smallest sizes only, a smoke run (not recorded)

Each suite's section in RESULTS.md is replaced in place, so suites can be re-run one at a time.
"""

import argparse
import datetime
import importlib
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import machine_description, markdown_table, time_case  # noqa: E402

RESULTS = HERE / "RESULTS.md"
HEADER = """# Benchmark results

Ours beside the real library on the same inputs, in one process, alternating, with the same
BLAS thread count for both (threadpoolctl). Medians of the repeats; ratio > 1 means ours is
slower. Regenerate a suite with `uv run benchmarks/run.py <suite>`.
"""


def available_suites():
    return sorted(p.stem for p in (HERE / "suites").glob("*.py") if not p.stem.startswith("_"))


def write_section(suite, text):
    """Replace (or append) the suite's marked section in RESULTS.md, atomically."""
    begin, end = f"<!-- suite:{suite} -->", f"<!-- /suite:{suite} -->"
    section = f"{begin}\n{text}\n{end}"
    current = RESULTS.read_text() if RESULTS.exists() else HEADER
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _: section, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    temporary = RESULTS.with_suffix(".md.tmp")
    temporary.write_text(updated)
    os.replace(temporary, RESULTS)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("suites", nargs="*", help=f"default: all of {available_suites()}")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per side (default 5)")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="BLAS threads for both sides")
    parser.add_argument("--quick", action="store_true", help="smallest sizes only; does not write RESULTS.md")
    args = parser.parse_args(argv)

    unknown = sorted(set(args.suites) - set(available_suites()))
    if unknown:
        parser.error(f"unknown suite(s) {unknown}; available: {available_suites()}")
    description = machine_description(args.threads)
    print(description, flush=True)
    for suite in args.suites or available_suites():
        module = importlib.import_module(f"suites.{suite}")
        print(f"\n== {suite}: {module.TITLE}", flush=True)
        timings = []
        for case in module.cases(quick=args.quick):
            timing = time_case(case, args.repeats, args.threads)
            timings.append(timing)
            print(markdown_table([timing], module.PEER).splitlines()[-1], flush=True)
        table = markdown_table(timings, module.PEER)
        if not args.quick:
            stamp = datetime.date.today().isoformat()
            counts = sorted({t.case.repeats or args.repeats for t in timings})  # cases may override
            repeats = " or ".join(map(str, counts)) if counts else str(args.repeats)
            notes = getattr(module, "NOTES", "").strip()
            write_section(
                suite,
                f"## {suite}: {module.TITLE}\n\nRun {stamp} on {description}; "
                f"{repeats} {'repeat' if counts == [1] else 'repeats'} per side.\n\n{table}\n" + (f"\n{notes}\n" if notes else ""),
            )
    if not args.quick:
        print(f"\nwritten to {RESULTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
