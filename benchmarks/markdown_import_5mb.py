"""How long importing a 5 MB Markdown roadmap takes, as whole ``mlplan import`` processes.

5 MB files are made from real documents (tests/fixtures/seeds, tests/fixtures/curricula).
"repeated" is a document copied as it is (seed 002 repeated is the file issue 11's figures
were measured on: 701 distinct lines); "varied" numbers common prose words per copy ("the17",
"data17"), so that its lines do not repeat while its shape stays the same (seed 002 varied:
40,796 distinct lines; each copy still gives 73 items, 260 hours and 15 skipped lines).
Per-line caches help the first a lot and the second little. By default: seed 002 repeated
and varied, and four other shapes varied: seed 000 (cp1252 mojibake on a fifth of its
lines), seed 003 (a 52-week plan), amitness-learning (a long curriculum of links) and
ml-youtube-courses (tables of video courses; 63k items in 5 MB). Each run imports a file
into a throw-away ``MLPLAN_HOME`` (parse, validate, report the skipped lines, write the
YAML); ``--against`` times another mlplan command too (another checkout's), interleaved
with this one. CPU time is the figure to compare: the machine is shared, and wall time
counts the other work on it too.

History (CPU seconds, medians of five interleaved runs, 2-CPU development machine):

    seed 002 repeated: the issue's code 9-11 s; 2075d92 6.0-6.4; 6833dce 2.96; e8f9301 2.11;
                       4950738 about 1.8; 2026-11-28 evening (a3a12e5) 1.77 (1.72-1.87), 190 MB
    seed 002 varied:   6833dce 4.64; e8f9301 3.31; 4950738 2.86 (2.74-3.01);
                       a3a12e5 2.63 (2.48-2.75), 246 MB

The evening of 2026-11-28 measured every shape, against 7355c80 (the same day's code with
the ftfy gate and the freeze at exit, before four helpers' work on reading, shapes, repair
and output), interleaved:

    seed 000 varied            5.04 s -> 3.61 s (3.49-3.80)   peak 301 MB
    seed 003 varied            3.71 s -> 3.58 s (3.32-3.91)   peak 355 MB
    amitness-learning varied   4.34 s -> 3.63 s (3.32-4.39)   peak 326 MB
    ml-youtube-courses varied  3.76 s -> 3.57 s (3.31-3.76)   peak 343 MB

2026-11-28 night (c30da82; four helpers on reading, shapes, validation and output) against
2010167, whole processes under valgrind callgrind (instructions, which the host's load does
not move; the host was too busy for steady times), and peak memory:

    seed 002 varied            13.76 G -> 13.12 G  (-5%)    246 -> 237 MB
    seed 000 varied            22.20 G -> 20.88 G  (-6%)    301 -> 278 MB
    seed 003 varied            19.55 G -> 17.66 G  (-10%)   355 -> 304 MB
    amitness-learning varied   22.50 G -> 19.03 G  (-15%)   326 -> 253 MB
    ml-youtube-courses varied  19.90 G -> 18.39 G  (-8%)    343 -> 316 MB

Scaled from that evening's quiet-host CPU times, that is about 2.5 s for seed 002 varied,
2.8-2.95 s for seed 003, amitness-learning and ml-youtube-courses, and 3.4 s for seed 000,
whose repair (ftfy's mojibake pattern run over each of 8,450 distinct fixed lines) is 0.6 s.

2026-11-28, late (bdbb886; the mojibake repair shows ftfy only the ASCII near mojibake and
asks it once per such segment, one search rules out a line no repair acts on, and three
helpers on reading, items and hours, and validation), whole-process instructions against
c30da82 (the night's code above) and peak memory:

    seed 002 varied            13.12 G -> 13.09 G  (-0.2%)   237 MB
    seed 000 varied            20.88 G -> 16.64 G  (-20%)    281 MB  (repair 0.6 s -> 0.2 s)
    seed 003 varied            17.66 G -> 17.20 G  (-2.6%)   303 MB
    amitness-learning varied   19.03 G -> 17.58 G  (-7.6%)   256 MB
    ml-youtube-courses varied  18.39 G -> 17.86 G  (-2.9%)   318 MB

Scaled from the quiet-host CPU times of that evening (17:04, 2010167's code), that is about
2.5 s for seed 002 varied, 2.6 s for amitness-learning, 2.7 s for seed 000 and seed 003 and
2.85 s for ml-youtube-courses. Measured directly at 21:31 on a host with nothing else
running but about 35% slower than at 17:04 (seed 002 repeated: 1.79 s then, 2.44-2.48 s
now, for the same code), interleaved with 99da85e: seed 002 repeated 2.48 s, seed 002
varied 3.70, seed 000 4.18 (99da85e: 4.80), seed 003 4.32, amitness-learning 4.43,
ml-youtube-courses 4.60. The speed of this machine moves that much over a day, so compare
instruction counts, or runs interleaved within minutes.

2026-11-28, before midnight (cbb1d04; three helpers on reading, items and hours, and the
skipped report), whole-process instructions against ace26ec (the evening's code above):

    seed 002 varied            13.09 G -> 12.79 G  (-2.3%)   236 MB
    seed 000 varied            16.64 G -> 15.83 G  (-4.9%)   280 MB
    seed 003 varied            17.20 G -> 16.45 G  (-4.4%)   298 MB
    amitness-learning varied   17.58 G -> 16.63 G  (-5.4%)   251 MB
    ml-youtube-courses varied  17.86 G -> 16.70 G  (-6.5%)   309 MB

Scaled the same way: about 2.45 s for seed 002 varied and amitness-learning, 2.6 s for seed
000 and seed 003, 2.65 s for ml-youtube-courses. Measured directly at 23:50 (load about 1,
interleaved with ace26ec; a fixed Python loop of 10 million additions took 1.20 s, 0.89-1.31):
seed 002 repeated 2.04 s (ace26ec 2.35), seed 002 varied 2.74 (3.48), seed 000 3.93 (4.10),
seed 003 3.70 (3.60), amitness-learning 3.98 (4.08), ml-youtube-courses 3.98 (4.56); single
runs ranged over a third. The reference line (that loop, timed once a run between the
imports) and each figure's multiple of it make runs at different hours comparable.

2026-11-29, 00:44 (ad10652: the importer now keeps units' and stages' prose as their
summaries, and a "- Lecture 1: ..." list with nothing nested is a course's items, not empty
units, so ml-youtube-courses yields 4.8% more items): whole-process instructions against
545462d, seed 002 varied 12.79 G -> 12.86 G (+0.6%), ml-youtube-courses varied 16.71 G ->
17.40 G (+4.1%). Measured on a quiet host (the reference loop 0.89 s, 0.86-1.11), five runs:
seed 002 repeated 1.57 s (178 MB), seed 002 varied 2.47 (235 MB), seed 000 2.74 (280 MB),
seed 003 2.78 (298 MB), amitness-learning 2.63 (251 MB), ml-youtube-courses 2.93 (317 MB),
1.8x to 3.3x the reference.

2026-11-29, 01:17 (a9224a4: the skipped report also lists links in paragraphs the roadmap
does not keep; "[Algorithms I: …](…)" alone in a paragraph is an item): instructions against
ad10652, seed 002 varied 12.86 G -> 12.94 G (+0.6%), ml-youtube-courses varied 17.40 G ->
17.45 G (+0.3%). Five runs (the reference loop 0.99 s, 0.87-1.24): seed 002 repeated 1.72 s,
seed 002 varied 2.45, seed 000 2.93, seed 003 2.91, amitness-learning 2.92, ml-youtube-courses
3.03 (317 MB); 1.7x to 3.1x the reference.

The ftfy gate (a line goes through ftfy only if ftfy may change it) took seed 002 varied
from 3.05 to 2.76 s, and freezing what the command leaves alive (so the collector's last
scan at exit skips the importer's caches) to 2.49 s. Where the other shapes' time goes
(in-process, collector paused): starting Python and importing 0.2-0.3 s, reading the
document 0.6-0.8 s, finding units and items 0.5-0.6 s, building and validating the
roadmap 0.5-0.8 s, the skipped report 0.15-0.4 s, writing the YAML 0.65-0.8 s (libyaml's
emitter about 0.4 s of it for a million events), and for seed 000 repairing 8,450
distinct mojibake lines 0.66 s.

    python benchmarks/markdown_import_5mb.py [--runs 3] [--source FILE ...] [--against MLPLAN]
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


# A fixed amount of pure-Python work (0.9-1.5 s of CPU here on 2026-11-28, 23:50), timed once a run between
# the imports: the machine's speed drifts by a third through the day, so an import's time means little without it.
REFERENCE = [sys.executable, "-c", "x = 0\nfor i in range(10_000_000):\n    x += i"]


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
        reference: list[float] = []
        for run in range(args.runs):
            reference.append(_timed(REFERENCE, env)[1])
            for label, path in files.items():
                for name, command in commands.items():
                    env["MLPLAN_HOME"] = str(Path(work) / f"home-{name}-{run}-{path.stem}")
                    seconds, used, rss = _timed([*command, "import", str(path), "--id", "big"], env)
                    wall.setdefault((name, label), []).append(seconds)
                    cpu.setdefault((name, label), []).append(used)
                    peak[name, label] = max(peak.get((name, label), 0.0), rss)
        print(f"5 MB files, {args.runs} runs each, interleaved (medians):")
        unit = statistics.median(reference)
        spread = f"(min {min(reference):.2f}, max {max(reference):.2f})"
        print(f"  reference (a fixed Python loop)     CPU {unit:.2f} s {spread}")
        for (name, label), times in cpu.items():
            spread = f"(min {min(times):.2f}, max {max(times):.2f})"
            middle_wall = statistics.median(wall[name, label])
            print(
                f"  {name:7} {label:27} CPU {statistics.median(times):.2f} s {spread}"
                f"   wall {middle_wall:.2f} s   peak {peak[name, label]:.0f} MB"
                f"   {statistics.median(times) / unit:.1f}x the reference"
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
