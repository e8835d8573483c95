"""How long importing a 5 MB Markdown roadmap takes, as whole ``mlplan import`` processes.

A seed document (tests/fixtures/seeds) is repeated as it is until the file passes 5 MB;
each run imports it into a throw-away ``MLPLAN_HOME`` (parse, validate, report the skipped
lines, write the YAML). Medians of several runs are reported. CPU time is the figure to
compare: the machine is shared, and wall time counts the other work on it too.

Measured on 2026-11-28 on the development machine (2 CPUs, nothing else running), the
code before and after interleaved, five runs each, medians:

    before (pulldown-cmark events made into markdown-it-style     CPU 6.6 s   wall 6.6 s   peak 391 MB
            tokens, then read; YAML through PyYAML's representer)
    after  (events read straight into the document tree, each     CPU 2.8 s   wall 2.8 s   peak 220 MB
            distinct line read once, YAML written directly)

Later that day, with libyaml's emitter choosing every string's style again (fed events),
then fewer calls per event, line and piece, rich left out unless stderr is a terminal,
and the collector paused for the whole command (it had scanned the new roadmap's million
objects after each inner pause: 0.1 s). The machine was much slower than in the morning
(load 0.8-0.9 from other work, the same code ~35% slower), so the two are compared run by
run, interleaved, five runs each:

    before (commit b1fcda0)   CPU median 3.76 s (3.71-4.13)   wall median 3.87 s   peak 223 MB
    after                     CPU median 3.65 s (2.89-3.73)   wall median 3.80 s   peak 220 MB

After was faster in each of the five pairs, by 0.07-0.82 s. Instruction counts (valgrind
callgrind, a 1 MB file, which do not drift with the machine) say the same: 4.57 -> 4.22
billion for the whole process (-7.7%), of which starting Python and importing 1.48 -> 1.35.
Scaled to the morning's quiet machine that is about 2.6-2.7 s, under the issue's 3 s but
without a wide margin; on a loaded machine single runs pass 3 s.

What is left, roughly: reading the events into the document (a third; half of that is
pulldown-cmark's events becoming Python dicts), finding units and items (a fifth),
building and validating the roadmap and the skipped report (a fifth), starting Python
and importing the modules (a tenth: pydantic's models, ftfy, typer), writing the YAML
(a tenth, most of it in libyaml's emitter).

    python benchmarks/markdown_import_5mb.py [--runs 3] [--seed 002_fb1b600ca95d8385.txt]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds"
# Words numbered per copy in the varied file: the prose differs, the shapes (labels, hours, headings) do not.
_PROSE_WORDS = re.compile(r"\b(the|and|of|to|with|for|in|on|a|your|data|model|models|learn|build|using)\b")


def mlplan_command() -> list[str]:
    script = Path(sys.executable).with_name("mlplan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mlplan"]


def five_megabytes(seed: str, varied: bool) -> str:
    """Copies of ``seed`` up to 5 MB; ``varied`` numbers common prose words per copy so no two copies' lines repeat."""
    parts: list[str] = []
    size = 0
    while size < 5_000_000:
        part = _PROSE_WORDS.sub(rf"\g<0>{len(parts) + 1}", seed) if varied else seed
        parts.append(part)
        size += len(part.encode("utf-8"))
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", default="002_fb1b600ca95d8385.txt")
    parser.add_argument(
        "--against", metavar="MLPLAN", help="another mlplan command (another checkout's venv) to time, interleaved"
    )
    args = parser.parse_args()

    seed = (SEEDS / args.seed).read_text(encoding="utf-8")
    commands = {"mlplan": mlplan_command()} | ({"against": [args.against]} if args.against else {})
    work = tempfile.mkdtemp(prefix="mlplan-bench-")
    try:
        files = {}
        for shape in ("repeated", "varied"):
            files[shape] = Path(work) / f"{shape}.md"
            files[shape].write_text(five_megabytes(seed, shape == "varied"), encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        cpu: dict[tuple[str, str], list[float]] = {}
        wall: dict[tuple[str, str], list[float]] = {}
        peak: dict[tuple[str, str], float] = {}
        for run in range(args.runs):
            for shape, source in files.items():
                for name, command in commands.items():
                    env["MLPLAN_HOME"] = str(Path(work) / f"home-{name}-{shape}-{run}")
                    seconds, used, rss = _timed([*command, "import", str(source), "--id", "big"], env)
                    wall.setdefault((name, shape), []).append(seconds)
                    cpu.setdefault((name, shape), []).append(used)
                    peak[name, shape] = max(peak.get((name, shape), 0.0), rss)
        print(f"5 MB from {args.seed}, {args.runs} runs each, interleaved (medians):")
        for (name, shape), times in cpu.items():
            spread = f"(min {min(times):.2f}, max {max(times):.2f})"
            middle_wall = statistics.median(wall[name, shape])
            print(
                f"  {name:8} {shape:9} CPU {statistics.median(times):.2f} s {spread}"
                f"   wall {middle_wall:.2f} s   peak {peak[name, shape]:.0f} MB"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one whole process."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


if __name__ == "__main__":
    main()
