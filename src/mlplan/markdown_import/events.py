"""Markdown text as pulldown-cmark's events (through pyromark), with front matter split off.

pulldown-cmark is a Rust CommonMark parser; pyromark binds it. It reads a 5 MB file in a
few hundredths of a second, where markdown-it-py (pure Python, which the importer once
used) took 7–8 s (``benchmarks/markdown_parsers.py`` times both, and
``tests/test_markdown_tokens.py`` checks that every fixture imports to the same roadmap
with either). The reader (``document``) builds its tree straight from the events: an
intermediate token list cost more than the parse itself.

Front matter only opens the document, as in markdown-it's plugin: pulldown-cmark's
metadata blocks may start at any ``---`` line and would swallow everything up to the
next one (a heading between two rules), so it is split off here with a pattern.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote, urljoin

import pyromark

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pyromark.event import Range as Span

    from mlplan.sources import LinkBase

OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_TASKLISTS | pyromark.Options.ENABLE_FOOTNOTES
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SAFE_LINK = re.compile(r"[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#%]*")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class Placed(Protocol):
    line: int


class Source:
    """The document's events and its front matter; ``number_lines`` turns byte offsets into line numbers."""

    def __init__(self, text: str) -> None:
        self.front_matter: str | None = None
        front = _FRONT_MATTER.match(text)
        if front is not None:
            self.front_matter = (front.group(1) or "").rstrip("\n")
            text = "\n" * front.group().count("\n") + text[front.end() :]  # blank lines keep the line numbers
        self.text = text

    def events(self) -> Iterator[tuple[Any, Span]]:
        """pulldown-cmark's events, each a name (``"Rule"``) or a one-key dict (``{"Start": "Item"}``) with its span."""
        return pyromark.events_with_range(self.text, options=OPTIONS, merge_text=True)

    def number_lines(self, placed: Iterable[Placed]) -> None:
        """Turn the byte offset each one holds in ``line`` (list items, headings) into its line number, from 1.

        Counting the line breaks from one to the next (they come in source order) in one pass, once
        the events are read, costs less than a call per list item.
        """
        source = self.text.encode("utf-8")
        line, last = 1, 0
        for one in placed:
            offset = one.line
            if offset < last:
                line, last = 1, 0
            line += source.count(b"\n", last, offset)
            one.line, last = line, offset


@cache  # long documents link the same pages again and again
def normalize_link(url: str) -> str:
    """Percent-encode an address as markdown-it does (``<br>`` → ``%3Cbr%3E``, ``ü`` → ``%C3%BC``), keeping ``%XX``."""
    # fullmatch of the safe characters runs in one loop of the regex engine, where searching
    # for an unsafe one would start a match at every character
    if url.isascii() and _SAFE_LINK.fullmatch(url) and ("%" not in url or not _LONE_PERCENT.search(url)):
        return url
    return quote(_LONE_PERCENT.sub("%25", url), safe=";/?:@&=+$,-_.!~*'()#%")


def resolve_link(href: str, base: LinkBase) -> str:
    """``href`` (relative) as a web address, from the document's ``LinkBase`` (see ``sources.link_base``)."""
    if href.startswith("/") and not href.startswith("//"):
        return urljoin(base.root, href.lstrip("/"))
    return urljoin(base.page, href)
