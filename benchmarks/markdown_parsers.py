"""markdown-it-py against pulldown-cmark (pyromark): speed on a 5 MB file, and fidelity.

The importer once parsed with markdown-it-py; it now gets the same token stream from
pulldown-cmark (``mlplan.markdown_import.tokens``). This measures the parse alone
(CPU seconds, median of several runs) on the 5 MB file ``markdown_import_5mb.py``
builds, and checks fidelity: every fixture and seed must import to the same roadmap
with either parser, and their token streams (type, tag, level, content of every token
and of every inline child) are compared too, showing the first difference.

    python benchmarks/markdown_parsers.py [--runs 3]

markdown-it-py is not a dependency of mlplan any more; install it to run this
(``pip install markdown-it-py mdit-py-plugins``).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path
from unittest import mock

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from mlplan.errors import RoadmapInvalid
from mlplan.markdown_import import import_markdown, tokens
from mlplan.markdown_import.text import repair

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SEED = FIXTURES / "seeds" / "002_fb1b600ca95d8385.txt"


def markdown_it_py(text: str) -> list:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.use(front_matter_plugin).use(footnote_plugin).use(tasklists_plugin).parse(text)


def shape(stream: list) -> list[tuple]:
    """What the importer reads of a token stream."""
    out = []
    for token in stream:
        children: list[tuple] = []
        for c in token.children or []:
            if c.type == "text" and children and children[-1][0] == "text":  # markdown-it splits text at '*'
                children[-1] = ("text", children[-1][1] + c.content, ())
            elif c.type != "text" or c.content:
                children.append((c.type, c.content, tuple(sorted(c.attrs.items()))))
        out.append((token.type, token.tag, token.level, token.content if token.type != "inline" else "", children))
    return out


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


def imported(text: str, name: str, parse) -> str:
    with mock.patch.object(tokens, "parse", parse):
        try:
            return import_markdown(text, name).model_dump_json()
        except RoadmapInvalid as exc:
            return f"refused: {exc}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    files = sorted((FIXTURES / "curricula").glob("*.md")) + sorted((FIXTURES / "seeds").glob("*.txt"))
    same_roadmap = same_tokens = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        if imported(text, path.name, markdown_it_py) == imported(text, path.name, tokens.parse):
            same_roadmap += 1
        else:
            print(f"  roadmap differs: {path.name}")
        a, b = shape(markdown_it_py(repair(text))), shape(tokens.parse(repair(text)))
        if a == b:
            same_tokens += 1
        else:
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            print(f"  tokens differ: {path.name} at token {first}:")
            print(f"    markdown-it-py: {a[first] if first < len(a) else 'end'}")
            print(f"    pyromark:       {b[first] if first < len(b) else 'end'}")
    print(f"{len(files)} fixtures: same roadmap {same_roadmap}, same token stream {same_tokens}")

    seed = SEED.read_text(encoding="utf-8")
    parts, size = [], 0
    while size < 5_000_000:
        parts.append(seed)
        size += len(seed.encode("utf-8"))
    big = repair("\n\n".join(parts))
    print(f"parse of {len(big.encode('utf-8')) / 1e6:.1f} MB, CPU seconds, median of {args.runs}:")
    print(f"  markdown-it-py            {cpu(markdown_it_py, big, args.runs):.2f} s")
    print(f"  pyromark (events only)    {cpu(lambda t: tuple(tokens.pyromark.events(t)), big, args.runs):.2f} s")
    print(f"  pyromark as tokens        {cpu(tokens.parse, big, args.runs):.2f} s")


if __name__ == "__main__":
    main()
