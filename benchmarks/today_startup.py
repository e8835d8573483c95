"""How fast ``mlplan today`` starts, next to a bare ``python -c "import typer"``.

``today`` is run every day, so it must stay within about 1.3× of the time it
takes Python just to import typer. Both are timed as whole processes, several
runs each, interleaved so that machine noise hits both alike; medians are
reported. A throw-away ``MLPLAN_HOME`` holds a plan started for the purpose.

Measured on 2026-11-28 (2 CPUs), 21 runs each: 1.23-1.40× (median of eight runs 1.32×)
before ``mlplan.entry`` paused the collector for the start-up imports and froze what they
made; 1.00-1.10× after (three runs, quiet machine; 1.09-1.17× with two other jobs
running). Instruction counts (callgrind) say the same: 332 M -> 295 M against 240 M for
the bare import.

    python benchmarks/today_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def mlplan_command() -> list[str]:
    script = Path(sys.executable).with_name("mlplan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mlplan"]


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="mlplan-bench-")
    # An installed mlplan runs from cached bytecode (pip writes it at install time); let an
    # editable checkout write its cache too, and warm it up before timing.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["MLPLAN_HOME"] = home
    try:
        subprocess.run(
            [*mlplan_command(), "start", "distinguished-52w", "--yes"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        timed([*mlplan_command(), "today"], env)
        baseline, today = [], []
        for _ in range(args.runs):
            baseline.append(timed([sys.executable, "-c", "import typer"], env))
            today.append(timed([*mlplan_command(), "today"], env))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    base, day = statistics.median(baseline), statistics.median(today)
    print(f"{args.runs} runs each (medians):")
    print(f"  python -c 'import typer'  {base * 1000:7.1f} ms")
    print(f"  mlplan today              {day * 1000:7.1f} ms   ({day / base:.2f}× the bare import; goal ≤ 1.3×)")


if __name__ == "__main__":
    main()
