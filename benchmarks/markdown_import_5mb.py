"""How long importing a 5 MB Markdown roadmap takes, as whole ``mlplan import`` processes.

Two 5 MB files are made from a seed document (tests/fixtures/seeds): "repeated" is the
seed copied as it is (the file issue 11's figures were measured on: 701 distinct lines),
and "varied" numbers common prose words per copy ("the17", "data17"), so that its lines
do not repeat (40,796 distinct lines) while its shape stays the same: each copy still
gives 73 items, 260 hours and 15 skipped lines. Per-line caches help the first a lot and
the second little. Each run imports a file into a throw-away ``MLPLAN_HOME`` (parse,
validate, report the skipped lines, write the YAML); ``--against`` times another mlplan
command too (another checkout's), interleaved with this one. CPU time is the figure to
compare: the machine is shared, and wall time counts the other work on it too.

Measured on 2026-11-28 at 12:10 UTC on the development machine (2 CPUs, nothing else
running), five interleaved runs each, medians (min-max):

    session start (6833dce)   repeated  CPU 2.96 s (2.34-3.03)   peak 221 MB
                              varied    CPU 4.64 s (4.41-5.77)   peak 273 MB
    after this session        repeated  CPU 2.11 s (1.91-2.84)   peak 214 MB
                              varied    CPU 3.31 s (3.11-3.96)   peak 269 MB

On the repeated file, the code at the start of the day (2075d92) took 6.0-6.4 s, and the
code the issue measured 9-11 s.

Session of 2026-11-28 afternoon (e8f9301 -> 57982ab): the machine's speed drifted too much
to time (the same command took 3.0-4.6 s within minutes), so the change is given in
instructions (valgrind callgrind, whole processes, one run each, which load does not move):
varied 18.37 G -> 16.85 G (-8.3%), repeated 11.91 G -> 10.98 G (-7.8%). Scaled from the
quiet-machine figures above, that is about 3.0 s for the varied file and 1.95 s for the
repeated one. Where the varied file's time goes now (in-process, collector paused, quiet
moments): starting Python and importing the modules 0.3 s (0.29 s for a one-line file),
ftfy's repair of its 4,400 distinct non-ASCII lines 0.33 s (its mojibake check alone
0.1 s), reading pulldown-cmark's events into the document 0.75 s (iterating the events
alone 0.19 s), finding units and items 0.42 s, building the roadmap 0.13 s, validating it
0.11 s, the skipped report 0.35 s, writing the YAML 0.3 s (libyaml's emitter 0.15 s of it).

    python benchmarks/markdown_import_5mb.py [--runs 3] [--seed 002_fb1b600ca95d8385.txt] [--against MLPLAN]
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
CURRICULA = SEEDS.parent / "curricula"
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


# The documents the 5 MB files are made from: the issue's seed (copied as it is, and varied), and four more of
# other shapes, varied: cp1252 mojibake on a fifth of the lines (000), a 52-week plan (003), a long personal
# curriculum of links (amitness-learning) and a table of video courses (ml-youtube-courses).
ISSUE_SEED = "002_fb1b600ca95d8385.txt"
OTHER_SOURCES = (
    "000_ce1706a25f0c318a.txt",
    "003_e932e5f969b43a1a.txt",
    "amitness-learning.md",
    "ml-youtube-courses.md",
)


def source_path(name: str) -> Path:
    """A seed (tests/fixtures/seeds) or a public curriculum (tests/fixtures/curricula) by file name."""
    for folder in (SEEDS, CURRICULA):
        if (folder / name).exists():
            return folder / name
    raise SystemExit(f"no seed or curriculum named {name!r} in {SEEDS} or {CURRICULA}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--source",
        action="append",
        help=f"a seed or curriculum file to make 5 MB from, varied (repeatable; default: {ISSUE_SEED} "
        f"repeated and varied, and {', '.join(OTHER_SOURCES)} varied)",
    )
    parser.add_argument(
        "--against", metavar="MLPLAN", help="another mlplan command (another checkout's venv) to time, interleaved"
    )
    args = parser.parse_args()

    wanted = [(name, True) for name in args.source] if args.source else [
        (ISSUE_SEED, False), (ISSUE_SEED, True), *((name, True) for name in OTHER_SOURCES)
    ]  # fmt: skip
    commands = {"mlplan": mlplan_command()} | ({"against": [args.against]} if args.against else {})
    work = tempfile.mkdtemp(prefix="mlplan-bench-")
    try:
        files: dict[str, Path] = {}
        for name, varied in wanted:
            short = f"seed {name[:3]}" if source_path(name).parent == SEEDS else Path(name).stem
            label = f"{short} {'varied' if varied else 'repeated'}"
            files[label] = Path(work) / f"{len(files)}.md"
            text = five_megabytes(source_path(name).read_text(encoding="utf-8"), varied)
            files[label].write_text(text, encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        cpu: dict[tuple[str, str], list[float]] = {}
        wall: dict[tuple[str, str], list[float]] = {}
        peak: dict[tuple[str, str], float] = {}
        for run in range(args.runs):
            for label, path in files.items():
                for name, command in commands.items():
                    env["MLPLAN_HOME"] = str(Path(work) / f"home-{name}-{run}-{path.stem}")
                    seconds, used, rss = _timed([*command, "import", str(path), "--id", "big"], env)
                    wall.setdefault((name, label), []).append(seconds)
                    cpu.setdefault((name, label), []).append(used)
                    peak[name, label] = max(peak.get((name, label), 0.0), rss)
        print(f"5 MB files, {args.runs} runs each, interleaved (medians):")
        for (name, label), times in cpu.items():
            spread = f"(min {min(times):.2f}, max {max(times):.2f})"
            middle_wall = statistics.median(wall[name, label])
            print(
                f"  {name:7} {label:27} CPU {statistics.median(times):.2f} s {spread}"
                f"   wall {middle_wall:.2f} s   peak {peak[name, label]:.0f} MB"
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
