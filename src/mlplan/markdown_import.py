"""Import a Markdown curriculum (a roadmap README, a syllabus, a course table) as a roadmap.

``import_markdown(text, name)`` is pure: text in, validated ``Roadmap`` out, or one
``RoadmapInvalid`` line. markdown-it-py reads the document; headings, lists, tables and
task lists come from its token stream, and regular expressions only ever look inside
one line of inline text (hour forms, labels, emoji, footnote markers).

Text first: NUL bytes mean a binary file. Mojibake is repaired — MacRoman-style
(``‚Äì``, ``üöÄ``) by re-decoding runs of MacRoman characters that form UTF-8, then
cp1252-style (``â€™``, ``Ã©``, ``ðŸ§ ``) with ftfy. Decorative emoji and ``:shortcodes:``,
HTML tags (their text is kept), images and badges, footnote markers and definitions,
bold and italic markers, and fenced or indented code are dropped.

Structure, from the headings:

- Title: the ``title`` argument, else front matter ``title:``, else the first H1 when it
  opens the document (an empty H1 just before it, a stray file name, is skipped; a table of
  contents is not a title), else a README's leading HTML heading (``<h1 align="center">``),
  else the file name.
- Back matter is never study content: sections whose heading names a table of
  contents, a summary, an overview, resources or references, prerequisites, success
  metrics, an end goal, contributing, licence, team, FAQ… (``_BACK_MATTER``), with
  everything below them. So is a list of in-page ``#anchor`` links (a table of contents).
- Units sit at one heading level: the level with the most numbered headings (``Week 3``,
  ``Module 2``, ``1. …``); without numbering, the level with the most sections that hold
  lists or tables. Headings that only name a part of a unit (``Topics``, ``Project``,
  ``Learning Objectives``…) do not count: they label what follows them.
- Stages are the nearest heading level above the units; a document with one level of
  headings has one stage. A section at stage level with content but no sub-sections is
  a unit of its own (a ``Week 0`` before the first quarter joins that quarter). A
  stage's own lists before its first unit form a unit named after the stage. Unit-level
  sections before the first stage are the introduction: they give the summary and the
  pace, never units.
- A table one of whose columns holds ranges such as ``Weeks 1–4`` or ``Modules 1–4``
  names the stages instead: each unit goes to the stage whose range holds its number
  (an unnumbered unit follows the one before it), and the section holding that table
  is not a unit.
- A section that yields no items is not a unit; a stage without units is dropped.
- Inside a unit, deeper headings are labels or groups. A table with a ``Week`` column
  turns each row into a week unit (the section becomes their ``module``), and a list
  whose entries start with ``Week N``/``Module N`` turns each entry into a unit.

Items, from labels (``**Tasks**``, ``Key Concepts:``, ``### Topics``, a column header):
topics and concepts become concept items, tasks become tasks (``Install`` → setup,
``Learn`` → concept, ``Mini-project`` → project), resources become resource items,
projects and capstones their kind; objectives and outcomes fill the unit's lists;
deliverables, ethics (``Ethics:``), stretch goals (``Stretch:``), self-checks
(``Self-check:``) and interview questions (``Interview:``) become checklists of the
unit's project or checkpoint, and a task list in the same paragraph as a project line
lists that project's steps. A list under a label mlplan does not know (``Rubric:``)
joins the project's checklist, or becomes one task with that checklist; ``Choose one:``
/ ``Options:`` make one project with the options as its checklist. Nested list entries
are their parent's checklist, except under an entry that is only bold text, which heads
the entries under or after it. Prose is not study content; a bold title followed by
links (``**Intro to Data Science** / UW [Videos](…)``) is a resource. Links become
resources, their kind guessed from the address (a table's ``Courses`` header helps).
When a unit states hours for its tasks (``[3 hrs] …``), the time is theirs: its topic
lists become objectives, its resources and project notes attach to those tasks. In a
capstone unit, the first project list is its capstone.

Hours: hours an item states are kept (``estimated: false``, rounded to quarter hours); a
course row's ``Duration`` times ``Effort`` too. A unit's stated total (``Estimated time
(hours): 13``), or its weeks (``Week 3``, ``Weeks 3-4``) at the document's stated pace
(``Target: 25 hours/week``, ``(12–14 hrs/week)`` → ``hours_per_week``), is shared by
its ``Day 1-3`` items in proportion to their days, then by its other items without hours
in proportion to their estimates, with ``split_hours``; anything else gets
``estimate_hours`` and ``estimated: true``. An item over 200 hours is split into parts.

Ids: roadmap id from ``roadmap_id`` or the slugified title; stages ``s1``…; units from
their numbering (``w03``, ``m12``) else ``u07`` by position; items ``<unit>.<n>``, day
items ``<unit>.d1-3``; clashes get ``-2``.
"""

from __future__ import annotations

import gc
import html
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import PurePath
from typing import Any

import ftfy
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from pydantic import ValidationError

from mlplan import hour_forms
from mlplan.errors import RoadmapInvalid
from mlplan.estimate import estimate_hours
from mlplan.hours import round_quarter, split_hours
from mlplan.models import ItemKind, ResourceKind, Roadmap
from mlplan.roadmap_file import describe_errors

MAX_ITEM_HOURS = 200.0

# ---------------------------------------------------------------- text

# Bold survives inline reading as these two markers: a leading bold run is how curricula write labels.
_BOLD_ON, _BOLD_OFF = "\x01", "\x02"
_MACROMAN_LEAD3 = bytes(range(0xE0, 0xF0)).decode("mac_roman")
_MACROMAN_LEAD4 = bytes(range(0xF0, 0xF5)).decode("mac_roman")
_MACROMAN_CONT = bytes(range(0x80, 0xC0)).decode("mac_roman")
_MACROMAN_RUN = re.compile(
    f"¬[{re.escape(_MACROMAN_CONT)}]"  # ¬² is ², the only two-byte lead that ordinary text never puts there
    f"|[{re.escape(_MACROMAN_LEAD3)}][{re.escape(_MACROMAN_CONT)}]{{2}}"
    f"|[{re.escape(_MACROMAN_LEAD4)}][{re.escape(_MACROMAN_CONT)}]{{3}}"
)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d\u20e3\uf8ff]")
_SHORTCODE = re.compile(r"(?<![\w:/]):[a-z0-9_+-]*[a-z][a-z0-9_+-]*:(?![\w/])")
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<!--.*?-->|<[^>]+>", re.S)
_HTML_HEADING = re.compile(r"<h[1-3][^>]*>(.*?)</h[1-3]>", re.I | re.S)
_URL_OK = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def _repair(text: str) -> str:
    """Undo MacRoman- then cp1252-style mojibake, line by line (ftfy is slow on ASCII it need not read)."""
    text = _MACROMAN_RUN.sub(_from_macroman, text)
    return "\n".join(line if line.isascii() else ftfy.fix_text(line, uncurl_quotes=False) for line in text.split("\n"))


def _from_macroman(match: re.Match[str]) -> str:
    try:
        return match.group().encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return match.group()


def _clean(text: str) -> str:
    """Plain text for titles: no emoji, shortcodes, footnote markers, bold markers or extra spaces."""
    if not text.isascii():
        text = _EMOJI.sub("", text)
    if ":" in text:
        text = _SHORTCODE.sub("", text)
    if "[^" in text:
        text = _FOOTNOTE.sub("", text)
    text = text.replace(_BOLD_ON, "").replace(_BOLD_OFF, "")
    return " ".join(text.split()).strip(" |*_")


# ---------------------------------------------------------------- inline lines


@dataclass
class Line:
    """One line of inline text with its links and a leading ``Label:`` if it has one."""

    text: str
    links: list[tuple[str, str]]
    anchors: int = 0
    label: str = ""
    body: str = ""
    bold_only: bool = False
    colon: bool = False
    bold_label: bool = False
    lead_bold: bool = False


_BOLD_LABEL = re.compile(rf"^{_BOLD_ON}([^{_BOLD_ON}{_BOLD_OFF}]+?)\s*{_BOLD_OFF}\s*(:?)\s*(.*)$", re.S)
_PLAIN_LABEL = re.compile(r"^([A-Za-z][\w /&()'’-]{0,40}?)\s*:\s*(.*)$")
_BOLD_SPAN = re.compile(f"{_BOLD_ON}[^{_BOLD_OFF}]*{_BOLD_OFF}?")


def _make_line(raw: str, links: list[tuple[str, str]], anchors: int) -> Line | None:
    raw = raw.strip()
    text = _clean(raw)
    if not text:
        return None
    line = Line(text, links, anchors, body=text, lead_bold=raw.startswith(_BOLD_ON))
    if line.lead_bold:
        line.bold_only = not _clean(_BOLD_SPAN.sub("", raw)).strip(":")
        if bold := _BOLD_LABEL.match(raw):
            head, rest = _clean(bold.group(1)), _clean(bold.group(3))
            colon = head.endswith(":") or bool(bold.group(2))
            if colon or not rest or (len(head.split()) <= 3 and _category(head)):
                line.label, line.body, line.colon, line.bold_label = head.rstrip(": "), rest, colon, True
                return line
    plain = _PLAIN_LABEL.match(text)
    # A short "Label:" is structure; a sentence that ends in a colon is prose.
    if plain and len(plain.group(1).split()) <= (5 if plain.group(2) else 3) and not plain.group(1).startswith("http"):
        line.label, line.body, line.colon = plain.group(1).strip(), plain.group(2).strip(), True
    return line


def _inline_lines(inline: Token) -> list[Line]:
    """The lines of one inline token: hard breaks and ``<br>`` split lines, a soft break before bold does too."""
    lines: list[Line] = []
    buf: list[str] = []
    links: list[tuple[str, str]] = []
    anchors = 0
    href: str | None = None
    link_buf: list[str] = []
    image_only = False

    def newline() -> None:
        nonlocal buf, links, anchors
        line = _make_line("".join(buf), links, anchors)
        if line:
            lines.append(line)
        buf, links, anchors = [], [], 0

    children = inline.children or []
    for i, child in enumerate(children):
        kind = child.type
        out = link_buf if href is not None else buf
        if kind == "text":
            out.append(child.content)
            image_only = image_only and not child.content.strip()
        elif kind == "code_inline":
            out.append(f"`{child.content}`")
            image_only = False
        elif kind == "strong_open":
            out.append(_BOLD_ON)
        elif kind == "strong_close":
            out.append(_BOLD_OFF)
        elif kind == "link_open":
            href, link_buf, image_only = str(child.attrs.get("href", "")), [], True
        elif kind == "link_close" and href is not None:
            label = _clean("".join(link_buf))
            if label or not image_only:
                buf.append("".join(link_buf))
                if _URL_OK.match(href):
                    links.append((label, href))
                elif href.startswith("#"):
                    anchors += 1
            href = None
        elif _breaks_line(children, i):
            newline()
        elif kind == "softbreak":
            out.append(" ")
        # images (badges, pictures) are not study content: they and their alt text are dropped
    newline()
    return lines


def _breaks_line(children: list[Token], i: int) -> bool:
    """A hard break or ``<br>`` ends a line; so does a soft break before bold text (a new ``**Label:**`` line)."""
    kind = children[i].type
    if kind == "html_inline":
        return bool(_BR.fullmatch(children[i].content.strip()))
    if kind != "softbreak":
        return kind == "hardbreak"
    for child in children[i + 1 :]:
        if child.type != "text" or child.content:
            return child.type == "strong_open"
    return False


def _joined(lines: list[Line]) -> str:
    return ": ".join(line.text for line in lines)


# ---------------------------------------------------------------- blocks and sections


@dataclass
class Entry:
    lines: list[Line]
    children: list[Entry]


@dataclass
class Para:
    lines: list[Line]


@dataclass
class ListBlock:
    entries: list[Entry]


@dataclass
class Table:
    header: list[str]
    rows: list[list[list[Line]]]


Block = Para | ListBlock | Table


@dataclass
class Section:
    level: int
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None


@dataclass
class Document:
    root: Section
    meta: dict[str, Any]
    html_title: str | None
    headings: int
    lists: int


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.use(front_matter_plugin).use(footnote_plugin).use(tasklists_plugin)


def _read_document(text: str) -> Document:
    tokens = _parser().parse(text)
    root = Section(0, "")
    doc = Document(root, {}, None, 0, 0)
    current = root
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            while current.level >= level:
                current = current.parent or root
            section = Section(level, _joined(_inline_lines(tokens[i + 1])), parent=current)
            current.children.append(section)
            current, doc.headings = section, doc.headings + 1
            i += 3
            continue
        if kind == "paragraph_open":
            if lines := _inline_lines(tokens[i + 1]):
                current.blocks.append(Para(lines))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            entries, i = _read_list(tokens, i)
            current.blocks.append(ListBlock(entries))
            doc.lists += 1
            continue
        if kind == "table_open":
            table, i = _read_table(tokens, i)
            current.blocks.append(table)
            doc.lists += 1
            continue
        if kind == "html_block":
            _read_html(token.content, current, doc)
        elif kind == "front_matter":
            doc.meta = _front_matter(token.content)
        elif kind == "footnote_block_open":
            i = _skip_to(tokens, i, "footnote_block_close")
        i += 1
    return doc


def _skip_to(tokens: list[Token], i: int, closing: str) -> int:
    while tokens[i].type != closing:
        i += 1
    return i


def _read_list(tokens: list[Token], i: int) -> tuple[list[Entry], int]:
    closing, depth, entries = tokens[i].type.replace("_open", "_close"), tokens[i].level, []
    i += 1
    while not (tokens[i].type == closing and tokens[i].level == depth):
        if tokens[i].type == "list_item_open":
            entry, i = _read_item(tokens, i)
            entries.append(entry)
        else:
            i += 1
    return entries, i + 1


def _read_item(tokens: list[Token], i: int) -> tuple[Entry, int]:
    depth, entry = tokens[i].level, Entry([], [])
    i += 1
    while not (tokens[i].type == "list_item_close" and tokens[i].level == depth):
        kind = tokens[i].type
        if kind in ("bullet_list_open", "ordered_list_open"):
            children, i = _read_list(tokens, i)
            entry.children.extend(children)
            continue
        if kind == "inline":
            entry.lines.extend(_inline_lines(tokens[i]))
        elif kind in ("fence", "code_block", "table_open"):
            i = _skip_to(tokens, i, "table_close") if kind == "table_open" else i
        i += 1
    return entry, i + 1


def _read_table(tokens: list[Token], i: int) -> tuple[Table, int]:
    header: list[str] = []
    rows: list[list[list[Line]]] = []
    row: list[list[Line]] = []
    while tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "tr_open":
            row = []
        elif kind == "inline":
            row.append(_inline_lines(tokens[i]))
        elif kind == "tr_close":
            if header:
                rows.append(row)
            else:
                header = [_joined(cell).lower() for cell in row]
        i += 1
    return Table(header, rows), i + 1


def _read_html(content: str, current: Section, doc: Document) -> None:
    heading = _HTML_HEADING.search(content)
    if heading and doc.headings == 0 and doc.html_title is None:
        doc.html_title = _clean(html.unescape(_TAG.sub(" ", heading.group(1)))) or None
    text = html.unescape(_TAG.sub("\n", content))
    lines = [line for raw in text.split("\n") if (line := _make_line(raw, [], 0))]
    if lines:
        current.blocks.append(Para(lines))


def _front_matter(content: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _walk(section: Section):
    for child in section.children:
        yield child
        yield from _walk(child)


# ---------------------------------------------------------------- labels

_BACK_MATTER = re.compile(
    r"^(?:(?:table of )?contents|toc|quick links|summary|machine[- ]readable|(?:course |roadmap |program )?overview$"
    r"|about(?: this| the)?\b|licen[cs]e|contribut|code of conduct|team\b|credits|acknowledg|references|bibliography"
    r"|works cited|citations?|sources\b|further reading|see also|faq|change ?log|support|sponsor|community\b"
    r"|success metrics|metrics\b|milestones|end goal|final thoughts|conclusion|congratulations|what'?s next"
    r"|next goals|prerequisites?\b|how to (?:use|contribute|collaborate)|(?:\w+ )?resources?\b|resource compilation)",
    re.I,
)
_CATEGORIES = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("skip", r"\bmy resources\b|^notes?$"),
        ("time", r"^(?:estimated |expected )?(?:time|hours|effort|workload|time commitment|time allocation)\b"),
        ("duration", r"^duration\b"),
        ("prereq", r"^pre-?requisites?\b|^requirements?$"),
        ("interview", r"interview"),
        ("selfcheck", r"self[- ]?(?:check|assessment|evaluation)|knowledge check|quiz"),
        ("stretch", r"stretch|next steps|bonus|going further|extra credit"),
        ("ethics", r"ethic|best practices|responsible ai"),
        ("deliverables", r"deliverable|submission"),
        ("outcome", r"outcome|by the end|you will be able|skills (?:gained|achieved)|takeaways"),
        ("objective", r"objective|\bgoals?\b|\baims?\b|what you(?:'ll| will) learn"),
        ("capstone", r"capstone"),
        ("project", r"project|assignment|homework"),
        ("dataset", r"^datasets?\b|^data$"),
        (
            "resource",
            r"resource|reading|references?|materials?|\blinks?\b|\bvideos?\b|\bbooks?\b|\bcourses?\b"
            r"|tutorials?|\bdocs\b|documentation|\bpapers?\b|\btools?\b|librar|\bblogs?\b|articles?|\bwatch\b",
        ),
        ("setup", r"^(?:setup|set up|installation|environment|getting started)"),
        ("review", r"^(?:review|recap|reflection)"),
        ("concept", r"topics?|concepts?|theory|\bcontent\b|covered|key ideas|lectures?|fundamentals"),
        ("task", r"tasks?|practi[cs]e|exercises?|activit|\blabs?\b|seminars?|hands[- ]on|actions?|\bsteps\b"),
    )
)
_ALTERNATIVES = re.compile(r"^(?:choose|pick|select) (?:one|any)|^options?$|^one of|^either", re.I)
_CHECK_PREFIX = {"ethics": "Ethics: ", "stretch": "Stretch: ", "selfcheck": "Self-check: ", "interview": "Interview: "}
_ITEM_CATEGORIES = {
    "concept": ItemKind.CONCEPT,
    "task": ItemKind.TASK,
    "resource": ItemKind.RESOURCE,
    "dataset": ItemKind.RESOURCE,
    "project": ItemKind.PROJECT,
    "capstone": ItemKind.CAPSTONE,
    "setup": ItemKind.SETUP,
    "review": ItemKind.REVIEW,
}
_CHECK_CATEGORIES = {"deliverables", "ethics", "stretch", "selfcheck", "interview"}
_VERB_KINDS = (
    (
        ItemKind.SETUP,
        re.compile(r"^(?:install|set ?up|configure|create (?:an? )?accounts?|sign up|initiali[sz]e)\b", re.I),
    ),
    (ItemKind.PROJECT, re.compile(r"^(?:mini[- ]?project|project|capstone)\b", re.I)),
    (ItemKind.REVIEW, re.compile(r"^(?:review|recap|revise|reflect)\b", re.I)),
    (ItemKind.CONCEPT, re.compile(r"^(?:learn|study|read|watch|understand|explore|introduction|intro to)\b", re.I)),
    (
        ItemKind.TASK,
        re.compile(r"^(?:implement|build|write|code|train|practi[cs]e|solve|apply|compare|deploy|derive)\b", re.I),
    ),
)
_UNIT_WORDS = {"week": "w", "module": "m", "lesson": "l", "lecture": "l", "chapter": "ch", "unit": "u", "session": "se",
               "sprint": "sp", "class": "cl", "topic": "t"}  # fmt: skip
_UNIT_NUMBER = re.compile(
    rf"^(?P<word>{'|'.join(_UNIT_WORDS)})s?\s*0*(?P<a>\d+)(?:\s*(?:-|–|—|to)\s*0*(?P<b>\d+))?\b[\s:.,–—-]*(?P<rest>.*)$",
    re.I,
)
_ANY_UNIT_RANGE = re.compile(
    rf"\b(?P<word>{'|'.join(_UNIT_WORDS)})s?\s*(?P<a>\d+)(?:\s*(?:-|–|—|to)\s*(?P<b>\d+))?", re.I
)
_NUMBERED = re.compile(r"^(?:\d+|[IVX]+)[.)]\s")


@cache
def _category(label: str) -> str | None:
    for name, pattern in _CATEGORIES:
        if pattern.search(label):
            return name
    return None


def _bare(title: str) -> str:
    return re.sub(r"^[\W\d_]*(?:\d+[.)]|[IVX]+\.)?\s*", "", title).strip()


def _is_back_matter(title: str) -> bool:
    return bool(_BACK_MATTER.match(_bare(title)))


def _is_part_label(title: str) -> bool:
    return len(title.split()) <= 5 and _category(title) not in (None, "time", "duration")


def _unit_number(title: str) -> tuple[str, int, int] | None:
    match = _UNIT_NUMBER.match(title.strip())
    if not match:
        return None
    first = int(match["a"])
    return match["word"].lower(), first, int(match["b"] or first)


def _unit_title(title: str) -> str:
    """``MODULE 1: Linear Algebra`` → ``Module 1: Linear Algebra``; ``week01 Embeddings`` → ``Week 1: Embeddings``."""
    match = _UNIT_NUMBER.match(title.strip())
    if not match:
        return title
    dash = re.search(r"[-–—]|to", title[match.end("a") : match.start("b")]) if match["b"] else None
    span = match["a"] + (f"{dash.group() if dash else '-'}{match['b']}" if match["b"] else "")
    word = match["word"].capitalize() + ("s" if match["b"] else "")
    return f"{word} {span}: {match['rest']}" if match["rest"] else f"{word} {span}"


def _kind_from_text(text: str, default: ItemKind) -> ItemKind:
    for kind, pattern in _VERB_KINDS:
        if pattern.search(text):
            return kind
    return default


# ---------------------------------------------------------------- resources

_URL_KINDS = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (ResourceKind.VIDEO, r"youtube\.com|youtu\.be|vimeo\.com|panopto"),
        (ResourceKind.PAPER, r"arxiv\.org|openreview\.net|aclanthology|doi\.org|jmlr\.org|neurips\.cc|\.pdf$"),
        (
            ResourceKind.DATASET,
            r"kaggle\.com/(?:datasets|c/|competitions)|archive\.ics\.uci\.edu|huggingface\.co/datasets/",
        ),
        (ResourceKind.TOOL, r"github\.com/[^/]+/[^/#?]+/?$"),
        (ResourceKind.DOCS, r"github\.com/.+/(?:blob|tree|wiki)/"),
        (
            ResourceKind.COURSE,
            r"coursera\.org|edx\.org|khanacademy\.org|udacity\.com|udemy\.com|ocw\.mit\.edu"
            r"|openlearninglibrary|kaggle\.com/learn|fast\.ai|deeplearning\.ai|huggingface\.co/(?:learn|course)|course",
        ),
        (
            ResourceKind.COMMUNITY,
            r"discord\.(?:gg|com)|reddit\.com|slack\.com|gitter\.im|t\.me/|groups\.google|meetup\.com|forum",
        ),
        (ResourceKind.BOOK, r"oreilly\.com|manning\.com|amazon\.|amzn\.to|goodreads|/book|leanpub|nostarch"),
        (
            ResourceKind.TOOL,
            r"pypi\.org|colab\.research\.google\.com|anaconda\.com|docker\.com/?$|jupyter\.org"
            r"|render\.com|fly\.io",
        ),
        (
            ResourceKind.DOCS,
            r"^https?://docs?\.|readthedocs\.|/docs?/|/documentation|/api/|/reference/|/user_guide"
            r"|/stable/|/latest/",
        ),
        (ResourceKind.TUTORIAL, r"tutorial|realpython\.com|w3schools|/learn/|quickstart|get-?started|/guide"),
    )
)
_TEXT_KINDS = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (ResourceKind.VIDEO, r"\bvideos?\b|\blectures?\b|playlist|youtube|podcast|\bwatch\b"),
        (ResourceKind.BOOK, r"\bbooks?\b|textbook|\bebook\b"),
        (ResourceKind.COURSE, r"\bcourses?\b|specialization|\bmooc\b|coursera|\bedx\b"),
        (ResourceKind.PAPER, r"\bpapers?\b"),
        (ResourceKind.TUTORIAL, r"tutorials?|\bguide\b|exercises|practice|\bipynb\b|notebook"),
        (ResourceKind.DOCS, r"\bdocs\b|documentation"),
        (ResourceKind.TOOL, r"\btools?\b|\blibrar|framework"),
        (ResourceKind.DATASET, r"datasets?\b"),
        (ResourceKind.COMMUNITY, r"community|forum|discord|slack|reddit|\bchat\b"),
        (ResourceKind.ARTICLE, r"\bblog\b|\barticles?\b|\bpost\b"),
    )
)


def _text_kind(text: str) -> ResourceKind | None:
    return next((kind for kind, pattern in _TEXT_KINDS if pattern.search(text)), None)


def _resource_kind(url: str | None, text: str, hint: str = "") -> ResourceKind:
    """The author's label first (``Video:``), then the address, then the words, else article (other without a link)."""
    if hint and (kind := _text_kind(hint)):
        return kind
    if url:
        for kind, pattern in _URL_KINDS:
            if pattern.search(url):
                return kind
    return _text_kind(text) or (ResourceKind.ARTICLE if url else ResourceKind.OTHER)


def _resources(line: Line, hint: str = "", bare: bool = False) -> list[dict[str, Any]]:
    """A line's links as resources; with ``bare``, a line without links is one resource (a book title)."""
    found = [
        {"title": text or url.split("/")[2], "url": url, "kind": _resource_kind(url, text or line.text, hint)}
        for text, url in line.links
    ]
    if not found and bare and line.text:
        title = line.body if line.label and _text_kind(line.label) else line.text
        found.append({"title": title, "kind": _resource_kind(None, line.text, hint or line.label)})
    return found


# ---------------------------------------------------------------- pieces: what a unit's text says


@dataclass
class Piece:
    """One thing a unit says: an item, an objective, a check for its project, a note…"""

    role: str  # item | objective | outcome | check | group | detail | resource | unit-resource | time | prereq
    text: str = ""
    category: str | None = None
    label: str = ""
    kind: ItemKind | None = None
    resources: list[dict[str, Any]] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    hours: float | None = None
    days: int | None = None


@dataclass
class State:
    """The label in force while reading a unit: from a heading, a bold line, a column header."""

    category: str | None = None
    label: str = ""
    group: str = ""
    default: ItemKind = ItemKind.CONCEPT
    capstone: bool = False
    steps: bool = False
    heading: tuple[str | None, str] = (None, "")

    def under(self, label: str, group: str | None = None) -> State:
        category = _category(label) or self.category
        group = self.group if group is None else group
        return State(category, label, group, self.default, self.capstone, heading=(category, label))

    def done(self) -> None:
        """A bold label line introduces the next list or table only; a heading's label lasts to the next heading."""
        self.category, self.label = self.heading
        self.steps = False


def _is_label_line(line: Line) -> bool:
    return bool(line.label) and not line.body and (line.colon or _category(line.label) is not None)


def _item_piece(line: Line, category: str | None, state: State, own_text: bool = False) -> Piece | None:
    day_label = line.label and hour_forms.day_count(line.label)
    # A bold label is the document's structure (``**Mini-Project Idea:** …``); a plain one is part of the text.
    text = line.body if own_text and line.bold_label and line.body and not day_label else line.text
    hours, text = hour_forms.task_hours(text)
    if not text:
        return None
    plain = _PLAIN_LABEL.match(text)
    label, subject = line.label or (plain.group(1) if plain else ""), plain.group(2) if plain else text
    own = _category(label) if label else None
    kind = _ITEM_CATEGORIES.get(category or "", state.default)
    if own in _ITEM_CATEGORIES and own not in ("resource", "dataset") and category not in ("resource", "dataset"):
        kind = _ITEM_CATEGORIES[own]
    elif category == "task" or day_label or (category is None and not line.links):
        kind = _kind_from_text(subject, _kind_from_text(text, kind))
    resources = _resources(line, hint=line.label)
    if category is None and resources and kind == state.default == ItemKind.CONCEPT:
        kind = ItemKind.RESOURCE  # a linked entry in a plain list is something to read or watch
    if kind == ItemKind.RESOURCE and not resources:
        resources = _resources(line, hint=line.label, bare=True)
    details = [f"Section: {_NUMBERED.sub('', state.group)}"] if state.group else []
    days = hour_forms.day_count(text) if re.match(r"day", text, re.I) else None
    return Piece("item", text, category, state.label, kind, resources, details=details, hours=hours, days=days)


def _line_pieces(lines: list[Line], state: State) -> list[Piece]:
    """A paragraph: label lines set the state, ``Label: text`` says one thing, plain lines count under item labels."""
    pieces: list[Piece] = []
    project_here = False
    for line in lines:
        if _is_label_line(line):
            state.category, state.label = _category(line.label), line.label
            state.steps = project_here and state.category in (None, "task")
            continue
        category = _category(line.label) if line.label else None
        if category == "concept" and _CODE_LIST.match(line.body):
            # "Topics covered: `a` `b` `c`" lists its topics as code spans
            spans = [Line(t, [], body=t) for t in re.findall(r"`([^`]+)`", line.body)]
            pieces += filter(None, (_item_piece(span, category, state) for span in spans))
            continue
        if category:
            piece = _labelled_piece(line, category, state)
            project_here = project_here or category in ("project", "capstone")
        elif line.label and state.category not in _ITEM_CATEGORIES:
            piece = Piece("detail", line.text, label=line.label)
        elif state.category in _ITEM_CATEGORIES and (line.links or state.category not in ("resource", "dataset")):
            piece = _item_piece(line, state.category, state)
        elif line.lead_bold and line.links:
            piece = _item_piece(line, "resource", state)  # "**Intro to Data Science** / UW [Videos](…)"
        else:
            piece = None  # prose
        if piece:
            pieces.append(piece)
    return pieces


_CODE_LIST = re.compile(r"^(?:`[^`]+`\s*)+$")


def _labelled_piece(line: Line, category: str, state: State) -> Piece | None:
    if category in ("objective", "outcome", "prereq"):
        return Piece(category, line.body) if line.body else None
    if category in ("time", "duration"):
        return Piece("time", line.body, category, line.label)
    if category in _CHECK_CATEGORIES:
        return Piece("check", line.body, category, line.label) if line.body else None
    if category == "dataset":
        return Piece("resource", line.text, category, resources=_resources(line, hint="dataset"))
    if category == "skip":
        return None
    return _item_piece(line, category, state, own_text=True)


def _is_toc(entries: list[Entry]) -> bool:
    return all(e.lines and e.lines[0].anchors and not e.lines[0].links and _is_toc(e.children) for e in entries)


def _flatten(entries: list[Entry]) -> list[str]:
    out: list[str] = []
    for entry in entries:
        if entry.lines:
            out.append(" ".join(line.text for line in entry.lines))
        out.extend(_flatten(entry.children))
    return out


def _list_pieces(entries: list[Entry], state: State) -> list[Piece]:
    if _is_toc(entries):
        return []
    category = state.category
    if category == "skip" or category in ("time", "duration"):
        return []
    if state.steps or category in _CHECK_CATEGORIES:
        return [Piece("check", text, "steps" if state.steps else category, state.label) for text in _flatten(entries)]
    if category in ("objective", "outcome", "prereq"):
        return [Piece(category, text) for text in _flatten(entries)]
    if (state.label and category is None) or (state.capstone and category == "project"):
        state.capstone = False  # only the first project list of a capstone unit is the capstone
        group = "capstone" if category == "project" else None
        return [Piece("group", category=group, label=state.label, checklist=_flatten(entries))]
    pieces: list[Piece] = []
    current = state
    for entry in entries:
        if not entry.lines:
            pieces.extend(_list_pieces(entry.children, current))
            continue
        first = entry.lines[0]
        if first.bold_only or _is_label_line(first):
            sub = current.under(first.label or first.text, None if _category(first.label or first.text) else first.text)
            if entry.children:
                pieces.extend(_list_pieces(entry.children, sub))
            else:
                current = sub  # a bold entry heads the entries after it
            continue
        own = _category(first.label) if first.label else None
        if current.category is None and own and own not in _ITEM_CATEGORIES:
            piece = _labelled_piece(first, own, current)
        else:
            piece = _item_piece(first, current.category or own, current, own_text=current.category is None)
        if piece and piece.role == "item":
            piece.checklist = _flatten(entry.children)
            piece.details += [line.text for line in entry.lines[1:]]
        if piece:
            pieces.append(piece)
    return pieces


# ---------------------------------------------------------------- tables

_COLUMN_ROLES = tuple(
    (role, re.compile(pattern, re.I))
    for role, pattern in (
        ("week", r"^weeks?$|^wk\b|^week\s*#?$"),
        ("day", r"^days?\b"),
        ("duration", r"duration|length"),
        ("effort", r"effort|workload|hours|time|commitment"),
        ("prereq", r"prereq|requirement"),
        ("other", r"discussion|chat|author|status|released|date|additional|notes?$|comments?"),
        ("resources", r"resource|reading|reference|material|links?$|videos?|books?"),
        ("project", r"project"),
        ("goals", r"goal|objective|daily"),
        ("task", r"task|practi[cs]e|exercise|assignment|homework|\blab|activit|action"),
        (
            "title",
            r"course|topic|title|name|lesson|subject|area|focus|module|chapter|content|concept|unit|section|skill",
        ),
    )
)


def _column_role(header: str) -> str:
    return next((role for role, pattern in _COLUMN_ROLES if pattern.search(header)), "other")


def _table_roles(table: Table) -> list[str]:
    roles: list[str] = []
    for header in table.header:
        role = _column_role(header)
        roles.append("other" if role in ("title", "week", "day") and role in roles else role)
    return roles


def _row_pieces(roles: list[str], row: list[list[Line]], state: State, header: str = "") -> list[Piece]:
    cells = {role: cell for role, cell in zip(roles, row, strict=False) if cell and role != "other"}
    head = _joined(cells.get("title", []))
    task = _joined(cells.get("task", []))
    items: list[Piece] = []
    if "day" in cells:
        text = f"Day {_joined(cells['day'])}: " + ": ".join(part for part in (head, task) if part)
        kind = _kind_from_text(task or head, ItemKind.TASK if task else ItemKind.CONCEPT)
        items.append(Piece("item", text, "task", kind=kind, days=hour_forms.day_count(_joined(cells["day"]))))
    else:
        for line in cells.get("goals", []):
            items += filter(None, [_item_piece(line, "concept", state)])
        if task:
            kind = _kind_from_text(task, _kind_from_text(head, ItemKind.TASK))
            if _category(head) == "setup":
                kind = ItemKind.SETUP
            items.append(Piece("item", ": ".join(p for p in (head, task) if p), "task", kind=kind))
        if "project" in cells:
            items.append(Piece("item", _joined(cells["project"]), "project", kind=ItemKind.PROJECT))
        if not items and head:
            items += filter(None, [_title_row_piece(cells, header, state)])
    resources = [r for line in cells.get("resources", []) for r in _resources(line, hint=line.label, bare=True)]
    if items:
        items[0].resources += resources
        if "prereq" in cells and _joined(cells["prereq"]).strip("- ").lower() not in ("", "none"):
            items[0].details.append(f"Prerequisites: {_joined(cells['prereq'])}")
        return items
    return [Piece("item", r["title"], "resource", kind=ItemKind.RESOURCE, resources=[r]) for r in resources]


def _title_row_piece(cells: dict[str, list[Line]], header: str, state: State) -> Piece | None:
    """A course-table row: its title cell's links are the course, its duration times effort its hours."""
    lines = cells["title"]
    line = Line(_joined(lines), [link for ln in lines for link in ln.links], body=_joined(lines))
    piece = _item_piece(line, state.category, state)
    if piece is None:
        return None
    if piece.resources and piece.category is None:
        piece.kind = ItemKind.RESOURCE
        for resource, (text, url) in zip(piece.resources, line.links, strict=True):
            resource["kind"] = _resource_kind(url, f"{text} {header}")  # "Courses" in the header says what they are
    length = hour_forms.weeks(_joined(cells.get("duration", [])))
    effort = _joined(cells.get("effort", []))
    rate = hour_forms.pace(effort)
    if length and rate:
        piece.hours = length * rate
    elif rate is None and effort:
        piece.hours = hour_forms.task_hours(effort)[0]
    return piece


def _table_pieces(table: Table, state: State) -> list[Piece]:
    roles = _table_roles(table)
    header = table.header[roles.index("title")] if "title" in roles else ""
    return [piece for row in table.rows for piece in _row_pieces(roles, row, state, header)]


def _week_rows(table: Table) -> list[tuple[int, list[list[Line]]]]:
    """Rows of a table with a Week column, grouped by week number (an empty week cell continues the last week)."""
    roles = _table_roles(table)
    if "week" not in roles:
        return []
    column = roles.index("week")
    weeks: list[tuple[int, list[list[Line]]]] = []
    for row in table.rows:
        cell = _joined(row[column]) if column < len(row) else ""
        number = re.fullmatch(r"(?:week\s*)?0*(\d+)", cell.strip(), re.I)
        if number:
            weeks.append((int(number.group(1)), [row]))
        elif weeks and not cell.strip():
            weeks[-1][1].append(row)
        else:
            return []
    return weeks


# ---------------------------------------------------------------- units


@dataclass
class UnitDraft:
    title: str
    pieces: list[Piece]
    module: str | None = None
    number: tuple[str, int, int] | None = None


def _section_pieces(section: Section, state: State, own_only: bool = False) -> list[Piece]:
    pieces: list[Piece] = []
    for block in section.blocks:
        if isinstance(block, Para):
            pieces += _line_pieces(block.lines, state)
        elif isinstance(block, ListBlock):
            pieces += _list_pieces(block.entries, state)
            state.done()
        else:
            pieces += _table_pieces(block, state)
            state.done()
    if not own_only:
        for child in section.children:
            label = _is_part_label(child.title)
            sub = state.under(child.title, None if label else _clean(child.title))
            if not label:
                sub.category, sub.label = state.heading
                sub.heading = state.heading
            pieces += _section_pieces(child, sub)
    return pieces


def _unit_state(title: str) -> State:
    default = ItemKind.PROJECT if re.search(r"project|capstone|case stud", title, re.I) else ItemKind.CONCEPT
    return State(default=default, capstone=bool(re.search(r"capstone", title, re.I)))


def _units_of(section: Section, own_only: bool = False) -> list[UnitDraft]:
    title = _clean(hour_forms.strip_pace(section.title))
    if not own_only:
        for block in section.blocks:
            single_week = (number := _unit_number(title)) and number[0] == "week" and number[1] == number[2]
            if isinstance(block, Table) and not single_week and (weeks := _week_rows(block)):
                return _week_table_units(section, title, block, weeks)
            if isinstance(block, ListBlock) and _is_unit_list(block):
                return _list_units(block)
    module = None
    week = re.search(r"\((weeks?\s*\d+)\)\s*$", title, re.I)
    if week and _unit_number(title) and _unit_number(week.group(1)):
        module = _unit_title(title[: week.start()].strip())
        rest = _UNIT_NUMBER.match(module)
        title = f"{_unit_title(week.group(1))}: {rest['rest'] if rest else module}"
    pieces = _section_pieces(section, _unit_state(title), own_only)
    return [UnitDraft(_unit_title(title), pieces, module, _unit_number(title))]


def _week_table_units(section: Section, title: str, table: Table, weeks: list) -> list[UnitDraft]:
    """One unit per week row; the section (``Module 1: Linear Algebra (Weeks 1-2)``) becomes their module."""
    module = _unit_title(re.sub(r"\s*\(weeks?[^)]*\)\s*$", "", title, flags=re.I))
    match = _UNIT_NUMBER.match(module)
    base = match["rest"] if match and match["rest"] else module
    roles = _table_roles(table)
    others = Section(section.level, section.title, [b for b in section.blocks if b is not table], section.children)
    intro = _section_pieces(others, _unit_state(title))
    units = []
    for index, (number, rows) in enumerate(weeks, 1):
        name = f"Week {number}: {base}" + (f" ({index} of {len(weeks)})" if len(weeks) > 1 else "")
        state = _unit_state(name)
        pieces = (intro if index == 1 else []) + [p for row in rows for p in _row_pieces(roles, row, state)]
        units.append(UnitDraft(name, pieces, module, ("week", number, number)))
    return units


def _is_unit_list(block: ListBlock) -> bool:
    numbered = sum(1 for e in block.entries if e.lines and _unit_number(e.lines[0].text))
    return numbered >= 2 and numbered * 2 >= len(block.entries)


def _list_units(block: ListBlock) -> list[UnitDraft]:
    """A list of ``Week N`` entries: each entry is a unit, its nested entries are the unit's items."""
    units = []
    for entry in block.entries:
        if not entry.lines:
            continue
        title = _unit_title(entry.lines[0].text)
        resources = _resources(entry.lines[0])
        for resource in resources:
            if _unit_number(resource["title"]) and len(resource["title"]) <= 12:
                resource["title"] = title  # the link only says "week01"
        pieces = [Piece("unit-resource", resources=resources)]
        pieces += _list_pieces(entry.children, _unit_state(title))
        units.append(UnitDraft(title, pieces, number=_unit_number(title)))
    return units


# ---------------------------------------------------------------- items and hours


@dataclass
class ItemDraft:
    kind: ItemKind
    title: str
    hours: float | None = None
    days: int | None = None
    estimated: bool = False
    resources: list[dict[str, Any]] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


@dataclass
class UnitContent:
    items: list[ItemDraft] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    times: list[tuple[str, str, str]] = field(default_factory=list)


class _Builder:
    """Turns a unit's pieces into items: checks go to its project, notes to the item they describe."""

    def __init__(self, pieces: list[Piece]):
        self.content = UnitContent()
        # A unit that states its tasks' hours spends its time on them; its other lists describe them.
        self.budgeted = any(p.role == "item" and p.hours is not None for p in pieces)
        self.project: ItemDraft | None = None
        self.checkpoint: ItemDraft | None = None
        self.loose_resources: list[dict[str, Any]] = []
        self.unit_resources: list[dict[str, Any]] = []
        for piece in pieces:
            getattr(self, "_" + piece.role.replace("-", "_"))(piece)
        self._place_resources()

    def _new(self, kind: ItemKind, title: str, **fields: Any) -> ItemDraft:
        item = ItemDraft(kind, title, **fields)
        self.content.items.append(item)
        if kind in (ItemKind.PROJECT, ItemKind.CAPSTONE):
            self.project = item
        return item

    def _target(self) -> ItemDraft | None:
        items = self.content.items
        return (
            self.project
            or next((i for i in reversed(items) if i.kind == ItemKind.PROJECT), None)
            or (items[-1] if items else None)
        )

    def _item(self, p: Piece) -> None:
        described = self.budgeted and p.hours is None and p.days is None
        if described and p.category == "concept":
            self.content.objectives.append(p.text)
        elif described and p.category in ("resource", "dataset"):
            self.loose_resources += p.resources
        elif described and p.category in ("project", "capstone") and (target := self._target()):
            target.details.append(f"{p.label}: {p.text}" if p.label else p.text)
            target.resources += p.resources
        else:
            kind = p.kind or ItemKind.CONCEPT
            self._new(kind, p.text, hours=p.hours, days=p.days, resources=list(p.resources),
                      checklist=list(p.checklist), details=list(p.details))  # fmt: skip

    def _check(self, p: Piece) -> None:
        text = _CHECK_PREFIX.get(p.category or "", "") + p.text
        if p.category in ("selfcheck", "interview"):
            if self.checkpoint is None:
                self.checkpoint = self._new(ItemKind.CHECKPOINT, p.label or "Self-check")
            self.checkpoint.checklist.append(text)
            return
        target = self._target()
        if target is None or (not self.budgeted and self.project is None):
            target = self._new(ItemKind.PROJECT if p.category == "deliverables" else ItemKind.TASK, p.label or "Checks")
        target.checklist.append(text)

    def _group(self, p: Piece) -> None:
        if p.category == "capstone":
            self._new(ItemKind.CAPSTONE, p.label, checklist=list(p.checklist))
        elif self.budgeted and (target := self._target()):
            target.details.append(f"{p.label}: " + "; ".join(p.checklist))
        elif self.project is not None:
            self.project.checklist += p.checklist
        elif _ALTERNATIVES.match(p.label) and p.checklist:
            joined = " / ".join(p.checklist)
            title = f"{p.label}: {joined}" if len(joined) <= 100 else p.label
            self._new(ItemKind.PROJECT, title, checklist=list(p.checklist))
        elif p.checklist:
            self._new(ItemKind.TASK, p.label, checklist=list(p.checklist))

    def _detail(self, p: Piece) -> None:
        if target := self._target():
            target.details.append(p.text)

    def _resource(self, p: Piece) -> None:
        if target := self._target():
            target.resources += p.resources
            target.details.append(p.text)
        else:
            self.loose_resources += p.resources

    def _unit_resource(self, p: Piece) -> None:
        self.unit_resources += p.resources

    def _objective(self, p: Piece) -> None:
        self.content.objectives.append(p.text)

    def _outcome(self, p: Piece) -> None:
        self.content.outcomes.append(p.text)

    def _prereq(self, p: Piece) -> None:
        self.content.prerequisites.append(p.text)

    def _time(self, p: Piece) -> None:
        self.content.times.append((p.category or "", p.label, p.text))

    def _place_resources(self) -> None:
        """Resources a unit lists beside tasks that state hours go to the task they share most words with."""
        items = self.content.items
        if not items:
            return
        study = [i for i in items if i.kind in (ItemKind.CONCEPT, ItemKind.TASK)] or items
        for resource in self.loose_resources:
            words = _words(resource["title"])
            best = max(study, key=lambda i: len(words & _words(i.title)))
            best = best if words & _words(best.title) else study[0]
            best.resources.append(resource)
        items[0].resources[:0] = self.unit_resources


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z0-9+-]{2,}", text.lower()) if w not in _STOP_WORDS}


_STOP_WORDS = {"the", "and", "for", "with", "from", "using", "use", "official", "free", "learn", "tutorial", "docs",
               "guide", "intro", "introduction", "youtube", "course", "basics"}  # fmt: skip


def _unit_budget(content: UnitContent, title: str, pace: float | None) -> float | None:
    """The hours a unit states in total (``Estimated time (hours): 13``, duration × effort), else its weeks × pace."""
    total = rate = length = None
    for category, label, value in content.times:
        if category == "duration":
            length = hour_forms.weeks(value)
        elif re.match(r"effort|workload", label, re.I) and (per_week := hour_forms.pace(value)):
            rate = per_week
        else:
            total = hour_forms.hours_value(label, value)
    if total:
        return total
    if length and rate:
        return length * rate
    weeks = hour_forms.leading_weeks(title)
    return weeks * pace if weeks and pace else None


def _assign_hours(items: list[ItemDraft], budget: float | None, pace: float | None) -> None:
    for item in items:
        if item.hours is not None:
            item.hours = round_quarter(item.hours)
    days = [i for i in items if i.hours is None and i.days]
    if days and pace:
        week_share = round_quarter(pace * min(sum(i.days or 0 for i in days), 7) / 7)
        for item, share in zip(days, split_hours(week_share, [i.days or 1 for i in days]), strict=True):
            item.hours = share
    unstated = [i for i in items if i.hours is None]
    if budget and unstated:
        left = math.floor((budget - sum(i.hours or 0 for i in items)) * 4) / 4
        if left >= 0.25 * len(unstated):
            shares = split_hours(left, [_estimate(i) for i in unstated])
            if all(shares):
                for item, share in zip(unstated, shares, strict=True):
                    item.hours = share
    for item in items:
        if item.hours is None:
            item.hours, item.estimated = _estimate(item), True


def _estimate(item: ItemDraft) -> float:
    resource_kind = item.resources[0]["kind"] if item.resources else None
    return estimate_hours(item.kind, resource_kind if item.kind == ItemKind.RESOURCE else None)


def _split_long(items: list[ItemDraft]) -> list[ItemDraft]:
    """An item over 200 hours (a long course) becomes equal parts the scheduler can take one by one."""
    out: list[ItemDraft] = []
    for item in items:
        parts = math.ceil((item.hours or 0) / MAX_ITEM_HOURS)
        if parts <= 1:
            out.append(item)
            continue
        for number, share in enumerate(split_hours(item.hours or 0, [1.0] * parts), 1):
            out.append(replace(item, title=f"{item.title} (part {number} of {parts})", hours=share))
    return out


# ---------------------------------------------------------------- the document's plan


@dataclass
class StageDraft:
    title: str
    units: list[UnitDraft] = field(default_factory=list)


@dataclass
class Plan:
    title_section: Section | None
    stages: list[StageDraft]
    intro: list[Block]
    outside_titles: list[str]


def _has_content(section: Section) -> bool:
    own = any(isinstance(b, Table) or (isinstance(b, ListBlock) and not _is_toc(b.entries)) for b in section.blocks)
    return own or any(_is_part_label(c.title) and _has_content(c) for c in section.children)


def _study_sections(root: Section, skip: Section | None) -> list[Section]:
    out: list[Section] = []
    for child in root.children:
        if _is_back_matter(child.title):
            continue
        if child is not skip:
            out.append(child)
        out += _study_sections(child, skip)
    return out


def _best_level(counts: Counter[int]) -> int | None:
    return max(counts, key=lambda level: (counts[level], -level)) if counts else None


def _unit_level(sections: list[Section]) -> int | None:
    numbered = Counter(
        s.level for s in sections if _unit_number(s.title) or _NUMBERED.match(s.title) and not _is_part_label(s.title)
    )
    if numbered and max(numbered.values()) >= 2:
        return _best_level(numbered)
    holding = [s for s in sections if _has_content(s)]
    return _best_level(Counter(s.level for s in holding if not _is_part_label(s.title))) or _best_level(
        Counter(s.level for s in holding)
    )


def _stage_level(sections: list[Section], unit_level: int, skip: Section | None) -> int | None:
    levels = set()
    for section in sections:
        if section.level != unit_level:
            continue
        parent = section.parent
        while parent is not None and parent.level > 0:
            if parent is not skip:
                levels.add(parent.level)
            parent = parent.parent
    return max(levels) if levels else None


def _title_section(root: Section) -> Section | None:
    for section in _walk(root):
        if section.level == 1 and not section.blocks and not section.children:
            continue  # a stray one-word H1 (a file or model name) right before the real title
        return section if section.level == 1 and not _is_back_matter(section.title) else None
    return None


def _plan(doc: Document, roadmap_title: str) -> Plan:
    title_section = _title_section(doc.root)
    sections = _study_sections(doc.root, title_section)
    unit_level = _unit_level(sections)
    plan = Plan(title_section, [], list(doc.root.blocks), [])
    if title_section:
        plan.intro += title_section.blocks
    if unit_level is None:
        if any(isinstance(b, (ListBlock, Table)) for b in doc.root.blocks):
            plan.stages.append(StageDraft(roadmap_title, _units_of(Section(0, roadmap_title, doc.root.blocks))))
        return plan
    stage_level = _stage_level(sections, unit_level, title_section)
    table_section, ranges = _stage_table(doc.root, sections, unit_level)
    if stage_level is None:
        plan.stages.append(StageDraft(roadmap_title))
    pending: list[UnitDraft] = []

    def place(units: list[UnitDraft]) -> None:
        (plan.stages[-1].units if plan.stages else pending).extend(units)

    def visit(section: Section, in_stage: bool) -> None:
        for child in section.children:
            if _is_back_matter(child.title) or child is table_section:
                continue
            if child is title_section:
                visit(child, in_stage)
                continue
            if stage_level is not None and child.level == stage_level:
                if any(s.level >= unit_level for s in _walk(child)):
                    plan.stages.append(StageDraft(_clean(hour_forms.strip_pace(child.title)), pending[:]))
                    pending.clear()
                    place(_units_of(child, own_only=True))
                    plan.outside_titles.append(child.title)
                    visit(child, True)
                elif _has_content(child):
                    place(_units_of(child))
            elif child.level >= unit_level:
                if stage_level is not None and not in_stage and not plan.stages:
                    plan.intro += [b for s in [child, *_walk(child)] for b in s.blocks]
                else:
                    place(_units_of(child))
            else:
                plan.outside_titles.append(child.title)
                if not plan.stages:
                    plan.intro += child.blocks
                visit(child, in_stage)

    visit(doc.root, stage_level is None)
    if pending:
        if not plan.stages:
            plan.stages.append(StageDraft(roadmap_title))
        plan.stages[-1].units += pending
    if ranges:
        plan.stages = _restage([u for s in plan.stages for u in s.units], ranges)
    return plan


# ---------------------------------------------------------------- stages named by an overview table

_RANGE_CELL = re.compile(
    rf"^(?:(?P<word>{'|'.join(_UNIT_WORDS)})s?\s*)?(?P<a>\d+)\s*(?:-|–|—|to)\s*(?P<b>\d+)\b[\s:.,–—-]*(?P<rest>.*)$",
    re.I,
)


def _stage_table(
    root: Section, sections: list[Section], unit_level: int
) -> tuple[Section | None, list[tuple[int, int, str]]]:
    """A table whose column holds ranges of the units' numbers (``Weeks 1–4``) names the stages."""
    numbers = {n[1] for s in sections if s.level == unit_level and (n := _unit_number(s.title))}
    for section in [root, *_walk(root)]:
        for block in section.blocks:
            if isinstance(block, Table) and (ranges := _table_ranges(block)):
                covered = sum(1 for n in numbers if any(a <= n <= b for a, b, _ in ranges))
                if covered >= 2:
                    return section, ranges
    return None, []


def _table_ranges(table: Table) -> list[tuple[int, int, str]]:
    for column, header in enumerate(table.header):
        if re.search(r"day|duration|effort|hours|date", header):
            continue
        ranges = []
        for row in table.rows:
            cell = row[column] if column < len(row) else []
            match = _RANGE_CELL.match(_joined(cell))
            if not match:
                break
            if not (match["word"] or re.search("|".join(_UNIT_WORDS), header) or "covered" in header):
                break
            others = [_joined(c) for i, c in enumerate(row) if i != column and len(_joined(c)) <= 60][:2]
            title = _joined(cell) if match["rest"] else ": ".join(o for o in others if o) or _joined(cell)
            ranges.append((int(match["a"]), int(match["b"]), title))
        if len(ranges) >= 2 and len(ranges) == len(table.rows):
            return ranges
    return []


def _restage(units: list[UnitDraft], ranges: list[tuple[int, int, str]]) -> list[StageDraft]:
    stages = [StageDraft(title) for _, _, title in ranges]
    index = 0
    for unit in units:
        numbers = [int(m["b"] or m["a"]) for m in _ANY_UNIT_RANGE.finditer(unit.title)]
        number = unit.number[2] if unit.number else (numbers[0] if numbers else None)
        if number is not None:
            index = next((i for i, (a, b, _) in enumerate(ranges) if a <= number <= b), index)
        stages[index].units.append(unit)
    return stages


# ---------------------------------------------------------------- the roadmap


def import_markdown(text: str, name: str, roadmap_id: str | None = None, title: str | None = None) -> Roadmap:
    """Read a Markdown curriculum as a roadmap; ``name`` (the file name) prefixes errors and is the ``source``."""
    if "\x00" in text:
        raise RoadmapInvalid(f"{name}: not a text file (it contains NUL bytes)")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise RoadmapInvalid(f"{name}: the file is empty")
    with _collector_paused():
        return _import(text, name, roadmap_id, title)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while importing, and restore it after.

    A large document makes hundreds of thousands of tokens and lines that all stay alive
    until the import ends; the collector would scan them again and again for nothing
    (on a 5 MB file that is nearly half the time). The only cycles made here are the
    section tree's parent links, which the collector frees once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(text: str, name: str, roadmap_id: str | None, title: str | None) -> Roadmap:
    doc = _read_document(_repair(text))
    if not doc.headings and not doc.lists:
        raise RoadmapInvalid(f"{name}: no Markdown headings or lists to import")
    title_section = _title_section(doc.root)
    meta_title = doc.meta.get("title")
    roadmap_title = _clean(
        title
        or (str(meta_title) if meta_title else "")
        or (hour_forms.strip_pace(title_section.title) if title_section else "")
        or doc.html_title
        or PurePath(name).stem
    )
    plan = _plan(doc, roadmap_title)
    pace = _pace(doc, plan)
    stages = _stage_dicts(plan.stages, pace)
    if not stages:
        raise RoadmapInvalid(f"{name}: nothing to import: no section lists study items")
    data = {
        "id": roadmap_id or _slug(roadmap_title) or _slug(PurePath(name).stem) or "roadmap",
        "title": roadmap_title or PurePath(name).stem,
        "summary": str(doc.meta.get("summary") or doc.meta.get("description") or _summary(plan.intro)),
        "source": name,
        "hours_per_week": pace,
        "stages": stages,
    }
    try:
        return Roadmap.model_validate(data)
    except ValidationError as exc:
        raise RoadmapInvalid("\n".join(f"{name}: {line}" for line in describe_errors(exc))) from exc


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-")


def _summary(intro: list[Block]) -> str:
    for block in intro:
        if isinstance(block, Para) and not block.lines[0].label:
            text = " ".join(line.text for line in block.lines)
            if len(text) >= 60:
                return text
    return ""


def _pace(doc: Document, plan: Plan) -> float | None:
    """The weekly pace the document states outside its units (title, stage headings, introduction)."""
    stated = doc.meta.get("hours_per_week")
    if isinstance(stated, int | float) and 0 < stated <= 100:
        return round_quarter(float(stated))
    texts = [plan.title_section.title] if plan.title_section else []
    texts += plan.outside_titles
    for block in plan.intro:
        if isinstance(block, Para):
            texts += [line.text for line in block.lines]
        elif isinstance(block, ListBlock):
            texts += _flatten(block.entries)
    for text in texts:
        rate = hour_forms.pace(text)
        if rate and 0 < rate <= 100:
            return round_quarter(rate)
    return None


def _unique(candidate: str, taken: set[str]) -> str:
    unique, n = candidate, 1
    while unique in taken:
        n += 1
        unique = f"{candidate}-{n}"
    taken.add(unique)
    return unique


def _stage_dicts(stages: list[StageDraft], pace: float | None) -> list[dict[str, Any]]:
    taken: set[str] = set()
    numbered: dict[tuple[str, int], str] = {}
    out: list[dict[str, Any]] = []
    position = 0
    for stage in stages:
        units = []
        for draft in stage.units:
            builder = _Builder(draft.pieces)
            content = builder.content
            if not content.items:
                continue
            position += 1
            uid = _unit_id(draft, position, taken)
            _assign_hours(content.items, _unit_budget(content, draft.title, pace), pace)
            units.append(_unit_dict(draft, uid, content, _prerequisites(content.prerequisites, numbered), taken))
            if draft.number:
                for n in range(draft.number[1], draft.number[2] + 1):
                    numbered.setdefault((draft.number[0], n), uid)
        if units:
            out.append({"id": f"s{len(out) + 1}", "title": stage.title or f"Stage {len(out) + 1}", "units": units})
    return out


def _unit_id(draft: UnitDraft, position: int, taken: set[str]) -> str:
    if draft.number and draft.number[1] == draft.number[2]:
        return _unique(f"{_UNIT_WORDS[draft.number[0]]}{draft.number[1]:02d}", taken)
    return _unique(f"u{position:02d}", taken)


def _prerequisites(texts: list[str], numbered: dict[tuple[str, int], str]) -> list[str]:
    ids: list[str] = []
    for text in texts:
        for match in _ANY_UNIT_RANGE.finditer(text):
            first = int(match["a"])
            for n in range(first, int(match["b"] or first) + 1):
                uid = numbered.get((match["word"].lower(), n))
                if uid and uid not in ids:
                    ids.append(uid)
    return ids


def _unit_dict(
    draft: UnitDraft, uid: str, content: UnitContent, prerequisites: list[str], taken: set[str]
) -> dict[str, Any]:
    items = []
    for n, item in enumerate(_split_long(content.items), 1):
        day = re.match(r"days?\s*(\d+(?:\s*[-–]\s*\d+)?)", item.title, re.I) if item.days else None
        suffix = "d" + re.sub(r"\s*[-–]\s*", "-", day.group(1)) if day else str(n)
        entry: dict[str, Any] = {
            "id": _unique(f"{uid}.{suffix}", taken),
            "kind": item.kind.value,
            "title": item.title,
            "hours": item.hours,
            "estimated": item.estimated,
            "resources": item.resources,
            "checklist": [c for c in item.checklist if c.strip()],
        }
        if details := "\n".join(d for d in item.details if d):
            entry["details"] = details
        items.append(entry)
    unit: dict[str, Any] = {
        "id": uid,
        "title": draft.title,
        "objectives": content.objectives,
        "outcomes": content.outcomes,
        "prerequisites": prerequisites,
        "items": items,
    }
    if draft.module:
        unit["module"] = draft.module
    return unit
