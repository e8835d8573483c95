"""markdown-it-py against pulldown-cmark (pyromark): the parse of a 5 MB file.

The importer once parsed with markdown-it-py; it now reads pulldown-cmark's events
straight into its document tree (``mlplan.markdown_import.events`` and ``document``).
This measures, in CPU seconds (median of several runs), on the 5 MB file
``markdown_import_5mb.py`` builds: markdown-it-py's parse, pulldown-cmark's events, and
the importer's whole reading of the document (events to sections, lists and lines).
Fidelity is a test: ``tests/test_markdown_tokens.py`` feeds markdown-it-py's tokens to
the same reader and checks that every fixture and seed imports to the same roadmap.

    python benchmarks/markdown_parsers.py [--runs 3]

markdown-it-py is not a dependency of mlplan; it comes with the test extra.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from mlplan.markdown_import.document import read_document
from mlplan.markdown_import.events import Source
from mlplan.markdown_import.text import repair

SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds" / "002_fb1b600ca95d8385.txt"


def markdown_it_py(text: str) -> list:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.use(front_matter_plugin).use(footnote_plugin).use(tasklists_plugin).parse(text)


def cpu(fn, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()  # as the importer does
        began = time.process_time()
        fn(text)
        times.append(time.process_time() - began)
        gc.enable()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    seed = SEED.read_text(encoding="utf-8")
    parts, size = [], 0
    while size < 5_000_000:
        parts.append(seed)
        size += len(seed.encode("utf-8"))
    big = repair("\n\n".join(parts))
    print(f"parse of {len(big.encode('utf-8')) / 1e6:.1f} MB, CPU seconds, median of {args.runs}:")
    print(f"  markdown-it-py tokens            {cpu(markdown_it_py, big, args.runs):.2f} s")
    print(f"  pulldown-cmark events            {cpu(lambda t: tuple(Source(t).events()), big, args.runs):.2f} s")
    print(f"  the importer's document reading  {cpu(read_document, big, args.runs):.2f} s")


if __name__ == "__main__":
    main()
