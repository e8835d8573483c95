"""What an import left out: every heading and list item not in the roadmap, with its line and why.

The importer never drops a line silently. Once the roadmap is built, each heading and list
item of the source is looked for in it (as a stage, unit, item, resource, checklist entry,
objective or detail): it is kept when all the words of one of its lines (hours aside) appear
in one text of the roadmap, or when one of its links is a resource there. Looking the words
up, rather than following each line through every rule, keeps this report true whatever
the rules do. The others are reported with the reason: back matter, badge, table of
contents, navigation, a label, a heading without study content, prose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter

from mlplan import hour_forms
from mlplan.markdown_import.document import Document, Entry, ListBlock, Para, Section, all_entries
from mlplan.markdown_import.inline import Line
from mlplan.markdown_import.labels import bare_title, is_part_label, unit_title
from mlplan.markdown_import.outline import back_matter
from mlplan.markdown_import.pieces import is_navigation_text, is_toc
from mlplan.models import Roadmap, Stage

_WORD = re.compile(r"0*([^\W_]+)")  # without leading zeros: "Week 01" is "Week 1"
# _WORD's letters and digits for an ASCII byte, lower-cased; any other byte is a space.
_ASCII_WORDS = bytes(ord(c.lower()) if c.isalnum() else ord(" ") for c in map(chr, range(256)))
_CONTENTS = re.compile(r"(?:table of )?contents|toc\b", re.I)
_IMAGE = re.compile(r"!\[|<img\b", re.I)
_CITED = re.compile(r"\((https?://\S+)\)")
_NO_ADDRESS = "a file beside the document has no web address (import the document from its link to keep it)"


@dataclass(frozen=True)
class Skipped:
    """A heading or list item of the source that is not in the roadmap."""

    line: int
    text: str
    why: str


def skipped_lines(doc: Document, roadmap: Roadmap, source: str) -> list[Skipped]:
    """The source's headings and list items that the roadmap does not hold, in source order.

    Also the links to files beside the document (``[notebook](lectures/micrograd)``) in text
    the roadmap keeps: a document read from a file gives them no web address.
    """
    found = _Found(roadmap)
    raw = source.split("\n")
    out: list[Skipped] = []
    link_lines = _LinkLines(source)
    reported_link = 0

    def report(line: int, why: str) -> None:
        text = raw[line - 1].strip() if 0 < line <= len(raw) else ""
        out.append(Skipped(line, text if len(text) <= 200 else text[:199] + "…", why))

    # A loop, not a recursive closure: that would be a reference cycle holding the document.
    sections: list[tuple[Section, str]] = [(doc.root, "")]
    while sections:
        section, back = sections.pop()
        if section.level:
            back = back or (section.title if back_matter(section, doc.task_list) else "")
            if back:
                report(section.line, _back_why(back))
            elif not found.holds_text(section.title):
                report(section.line, "label" if is_part_label(section.title) else "heading without study content")
        for block in section.blocks:
            if isinstance(block, ListBlock):
                toc = is_toc(block.entries)
                for entry in all_entries(block.entries):
                    if why := _entry_why(entry, found, raw, back, toc, doc.task_list):
                        report(entry.line, why)
            elif isinstance(block, Para):
                for line in block.lines:
                    if line.links:  # most lines: none
                        for label, url in line.links:
                            if url in found.urls:
                                continue
                            number = link_lines.next(url, label)
                            if number != reported_link:
                                report(number, _back_why(back) if back else _link_why(raw[number - 1]))
                                reported_link = number  # a line's other links: the same line, once
        sections += [(child, back) for child in reversed(section.children)]
    for link in doc.local_links:  # kept text whose link had no web address (prose the roadmap drops is not reported)
        if link.label and (found.holds_text(link.label) or found.in_summary(link.label)):
            report(link.line, f"link to {link.href} not kept: {_NO_ADDRESS}")
    return sorted(out, key=_LINE)


_LINE = attrgetter("line")


class _LinkLines:
    """The source line of a paragraph's link, asked in source order: where its address is written next."""

    def __init__(self, source: str):
        self.source = source
        self.at = 0  # where the last one was found, on line self.line: lines are counted from there, not split
        self.line = 1

    def next(self, url: str, label: str) -> int:
        """The line (from 1) where ``url`` is written after the last one found, else where it is first.

        An address the source writes otherwise (an entity, a link relative to the document's own
        address) is looked for by its text, and else reported on the line of the last one found.
        """
        for text in (url, label):
            at = self.source.find(text, self.at + 1) if text else -1
            if at < 0 and text:
                at = self.source.find(text)
            if at >= 0:
                if at >= self.at:
                    self.line += self.source.count("\n", self.at, at)
                else:
                    self.line = self.source.count("\n", 0, at) + 1
                self.at = at
                return self.line
        return self.line


def _cited(summary: str) -> Iterator[str]:
    """The addresses prose keeps after the text of its links, ``the blog (https://…)``.

    An address may end in ``)`` itself (``…/Foo_(bar)``), and a cited one may close a bracket
    of the prose (``(see the blog (https://…))``): each reading is a candidate.
    """
    for found in _CITED.findall(summary):
        yield found
        while found.endswith(")"):
            found = found[:-1]
            yield found


def _summaries(stage: Stage) -> Iterator[str]:
    yield stage.summary
    for unit in stage.units:
        yield unit.summary


def _link_why(source_line: str) -> str:
    return "badge" if _IMAGE.search(source_line) else "link in prose"


def _back_why(title: str) -> str:
    return "table of contents" if _CONTENTS.match(bare_title(title)) else f"back matter ({title})"


def _entry_why(entry: Entry, found: _Found, raw: list[str], back: str, toc: bool, tasks: bool) -> str | None:
    if back:
        return _back_why(back)
    if not entry.lines:
        source = raw[entry.line - 1] if 0 < entry.line <= len(raw) else ""
        return "badge" if _IMAGE.search(source) else "empty"
    first = entry.lines[0]
    if is_navigation_text(first.text) or (first.anchors and not first.links):  # navigation, or any in-page link
        return "table of contents" if toc else "navigation"
    if found.seen.get(first.text):  # most entries: a text of the roadmap, asked without a call (as holds does first)
        return None
    for line in entry.lines:
        if found.holds(line):
            return None
    if tasks and not entry.task:
        return "prose (the document's study items are its task list)"
    return "prose"


class _Found:
    """The roadmap's texts, indexed by word, and its resources' addresses."""

    def __init__(self, roadmap: Roadmap):
        texts = [roadmap.title, roadmap.summary]
        details: set[str] = set()  # each split once: a long document's items repeat their details
        urls: set[str] = set()
        for stage in roadmap.stages:
            texts.append(stage.title)
            for unit in stage.units:
                texts += [unit.title, unit.module or "", *unit.objectives, *unit.outcomes]
                for item in unit.items:  # most items have a title only: no list made for them
                    texts.append(item.title)
                    if item.checklist:
                        texts += item.checklist
                    if item.details:
                        details.add(item.details)
                    for resource in item.resources:
                        texts.append(resource.title)
                        if resource.url:
                            urls.add(resource.url)
        for text in details:
            texts += text.split("\n")
        unique = [text for text in dict.fromkeys(texts) if text]
        words_of = [_words(text) for text in unique]
        self.exact = set(words_of)
        self.summaries = [roadmap.summary, *(text for stage in roadmap.stages for text in _summaries(stage))]
        self._summary_words: dict[str, list[int]] | None = None  # made when first asked (see in_summary)
        for summary in self.summaries:
            if "(" in summary:
                urls.update(_cited(summary))
        self.urls = urls
        index: defaultdict[str, list[frozenset[str]]] = defaultdict(list)  # each word's texts, as their words
        for words in words_of:  # the list, not the set: in the order they were made, they are near in memory
            for word in words:
                index[word].append(words)
        self.index = dict(index)
        # A long document repeats its lines, so each text is looked up once; most lines are a text of the
        # roadmap as it is, which holds itself when it has words.
        self.seen = dict.fromkeys(compress(unique, words_of), True)

    def holds(self, line: Line) -> bool:
        if self.seen.get(line.text):  # most lines are a text of the roadmap, or one already looked up
            return True
        for _, url in line.links:
            if url in self.urls:
                return True
        return self.holds_text(line.text) or (line.body != line.text and self.holds_text(line.body))

    def in_summary(self, text: str) -> bool:
        """``text`` is written in a summary: looked for only in those holding its rarest word."""
        if self._summary_words is None:
            postings: defaultdict[str, list[int]] = defaultdict(list)
            for n, summary in enumerate(self.summaries):
                for word in _words(summary):
                    postings[word].append(n)
            self._summary_words = dict(postings)
        try:
            rarest = min([self._summary_words[word] for word in _words(text)], key=len)
        except (KeyError, ValueError):  # a word no summary has, or no word
            return False
        return any(text in self.summaries[n] for n in rarest)

    def holds_text(self, text: str) -> bool:
        held = self.seen.get(text)
        if held is None:
            held = self.seen[text] = any(map(self._holds, _variants(text)))
        return held

    def _holds(self, text: str) -> bool:
        words = _words(text)
        if not words or words in self.exact:
            return bool(words)
        try:
            rarest = min([self.index[word] for word in words], key=len)
        except KeyError:  # a word that no text has
            return False
        return any(map(words.issubset, rarest))


def _variants(text: str) -> Iterator[str]:
    """The text as the roadmap may hold it: as it is, without its hours, as a unit title."""
    yield text
    without_hours = hour_forms.task_hours(text)[1]
    if without_hours != text:
        yield without_hours
    as_unit = unit_title(text)
    if as_unit not in (text, without_hours):
        yield as_unit


def _words(text: str) -> frozenset[str]:
    if not text.isascii():
        return frozenset(_WORD.findall(text.lower()))
    # The same words as _WORD finds, several times faster: most lines are ASCII, and the report splits them all.
    words = text.encode().translate(_ASCII_WORDS).decode().split()
    return frozenset([word.lstrip("0") or "0" for word in words] if "0" in text else words)
