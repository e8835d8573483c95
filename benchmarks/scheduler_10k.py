"""How long scheduling 10,000 items takes, timed as whole processes.

Each run is a fresh ``python`` process that builds 10,000 items (hours from 15
minutes to 4 hours) and schedules them at 40 h a week with a few days off.
We report the median wall time of the whole process, the median of a process
that only imports the scheduler (the floor), and the median time spent inside
``build_schedule`` as measured by the child.

    python benchmarks/scheduler_10k.py [--runs 9] [--items 10000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CHILD = """
import time
from datetime import date, timedelta
from mlplan.scheduler import Availability, StudyItem, build_schedule
hours = [0.25, 0.5, 1, 1.5, 2.75, 4]
items = [StudyItem(f"i{n}", f"Item {n}", hours[n % len(hours)], f"u{n // 10}") for n in range({items})]
off = frozenset(date(2026, 12, 24) + timedelta(days=d) for d in range(9))
availability = Availability(40, date(2026, 11, 23), days_off=off)
began = time.perf_counter()
schedule = build_schedule(items, availability)
print(time.perf_counter() - began, schedule.study_weeks())
"""


def run(code: str) -> tuple[float, str]:
    began = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - began, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()

    floor = [run("import mlplan.scheduler")[0] for _ in range(args.runs)]
    whole, inside, weeks = [], [], ""
    for _ in range(args.runs):
        elapsed, out = run(CHILD.replace("{items}", str(args.items)))
        seconds, weeks = out.split()
        whole.append(elapsed)
        inside.append(float(seconds))
    print(f"{args.items} items, {weeks} study weeks, {args.runs} runs (medians):")
    print(f"  whole process          {statistics.median(whole) * 1000:8.1f} ms")
    print(f"  import-only process    {statistics.median(floor) * 1000:8.1f} ms")
    print(f"  inside build_schedule  {statistics.median(inside) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
