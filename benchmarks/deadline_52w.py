"""How long `--by` takes on the 52-week roadmap, timed as whole processes.

`mlplan plan ROADMAP --by DATE` searches the fewest weekly hours by building
one schedule per step of a binary search over quarter hours. Each run is a
fresh process; we report medians of:

* ``mlplan plan distinguished-52w --by DATE --json`` (the search),
* ``mlplan plan distinguished-52w --hours H --json`` at the hours it found (one schedule),
* a child process that times ``deadline.fewest_hours`` alone and counts its schedules.

    python benchmarks/deadline_52w.py [--runs 9] [--by 2028-06-30] [--days mon,tue,wed,thu,fri]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROADMAP = "distinguished-52w"
START = "2026-11-23"


def search_alone(roadmap: str, start: str, days: str, by: str) -> None:
    """Time ``deadline.fewest_hours`` alone in this process and print seconds, schedules, hours and end.

    Run in a child process (``--child``) so each timing starts from a fresh interpreter; it is a
    function here, not a string of code, so mypy checks its calls into mlplan.
    """
    from datetime import date

    from mlplan import catalog, deadline
    from mlplan.availability import build_availability
    from mlplan.selection import study_items

    calls = 0
    real = deadline.build_schedule

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    deadline.build_schedule = counted
    items = study_items(catalog.load(roadmap))
    availability, _ = build_availability(start=date.fromisoformat(start), days=days)
    began = time.perf_counter()
    fit = deadline.fewest_hours(items, availability, date.fromisoformat(by))
    print(time.perf_counter() - began, calls, fit.hours_per_week, fit.schedule.end)


def mlplan_command() -> list[str]:
    script = Path(sys.executable).with_name("mlplan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mlplan"]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    began = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    return time.perf_counter() - began, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--by", default="2028-06-30")
    parser.add_argument("--days", default="mon,tue,wed,thu,fri")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        search_alone(ROADMAP, START, args.days, args.by)
        return

    env = os.environ | {"MLPLAN_HOME": tempfile.mkdtemp(prefix="mlplan-bench-")}
    base = [*mlplan_command(), "plan", ROADMAP, "--start", START, "--days", args.days, "--json"]
    hours = json.loads(timed([*base, "--by", args.by], env)[1])["hours_per_week"]
    child = [sys.executable, __file__, "--child", "--days", args.days, "--by", args.by]

    search, single, inside, steps, end = [], [], [], "", ""
    for _ in range(args.runs):  # interleaved, so machine noise hits all three alike
        search.append(timed([*base, "--by", args.by], env)[0])
        single.append(timed([*base, "--hours", str(hours)], env)[0])
        seconds, steps, _, end = timed(child, env)[1].split()
        inside.append(float(seconds))
    print(f"{ROADMAP} by {args.by} on {args.days}: {hours:g} h a week, ends {end}; {args.runs} runs (medians):")
    rows = [
        ("plan --by (whole process)", search),
        (f"plan --hours {hours:g} (whole process)", single),
        (f"inside fewest_hours ({steps} schedules)", inside),
    ]
    for label, times in rows:
        print(f"  {label:<40} {statistics.median(times) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
