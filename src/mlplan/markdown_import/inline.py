"""One inline token of the Markdown stream as lines of plain text with their links.

HTML tags are dropped (their text is kept), images and badges with their alt text, and bold
survives only as two marker characters so that a leading ``**Label:**`` can be recognised.
Hard breaks and ``<br>`` split lines, and so does a soft break before bold text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from mlplan.markdown_import.labels import label_category
from mlplan.markdown_import.text import BOLD_OFF, BOLD_ON, BR, URL_OK, clean
from mlplan.markdown_import.tokens import Token


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
    bare: bool = False  # the line was only bare URLs: its text is the first one's host and path
    local: list[str] = field(default_factory=list)  # labels of links to files beside the document


_BOLD_LABEL = re.compile(rf"^{BOLD_ON}([^{BOLD_ON}{BOLD_OFF}]+?)\s*{BOLD_OFF}\s*(:?)\s*(.*)$", re.S)


T = TypeVar("T")
PLAIN_LABEL = re.compile(r"^([A-Za-z][\w /&()'’-]{0,40}?)\s*:\s*(.*)$")


_BOLD_SPAN = re.compile(f"{BOLD_ON}[^{BOLD_OFF}]*{BOLD_OFF}?")


def make_line(raw: str, links: list[tuple[str, str]], anchors: int) -> Line | None:
    raw = raw.strip()
    text = clean(raw)
    if not text:
        return None
    line = Line(text, links, anchors, body=text, lead_bold=raw.startswith(BOLD_ON))
    if line.lead_bold:
        line.bold_only = not clean(_BOLD_SPAN.sub("", raw)).strip(":")
        if bold := _BOLD_LABEL.match(raw):
            head, rest = clean(bold.group(1)), clean(bold.group(3))
            colon = head.endswith(":") or bool(bold.group(2))
            if colon or not rest or (len(head.split()) <= 3 and label_category(head)):
                line.label, line.body, line.colon, line.bold_label = head.rstrip(": "), rest, colon, True
                return line
    plain = PLAIN_LABEL.match(text)
    # A short "Label:" is structure; a sentence that ends in a colon is prose.
    if plain and len(plain.group(1).split()) <= (5 if plain.group(2) else 3) and not plain.group(1).startswith("http"):
        line.label, line.body, line.colon = plain.group(1).strip(), plain.group(2).strip(), True
    return line


def inline_lines(inline: Token) -> list[Line]:
    """The lines of one inline token: hard breaks and ``<br>`` split lines, a soft break before bold does too."""
    lines: list[Line] = []
    buf: list[str] = []
    links: list[tuple[str, str]] = []
    anchors = 0
    local: list[str] = []
    href: str | None = None
    link_buf: list[str] = []
    image_only = False

    def newline() -> None:
        nonlocal buf, links, anchors, local
        raw, bare = _bare_urls("".join(buf))
        line = make_line(raw, links + bare, anchors)
        if line is None and bare:
            line = make_line(bare[0][0], bare, anchors)
            if line:
                line.bare = True
        if line:
            line.local = local
            lines.append(line)
        buf, links, anchors, local = [], [], 0, []

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
            out.append(BOLD_ON)
        elif kind == "strong_close":
            out.append(BOLD_OFF)
        elif kind == "link_open":
            href, link_buf, image_only = str(child.attrs.get("href", "")), [], True
        elif kind == "link_close" and href is not None:
            label = clean("".join(link_buf))
            if label or not image_only:
                buf.append("".join(link_buf))
                if URL_OK.match(href):
                    links.append((label, href))
                elif href.startswith("#"):
                    anchors += 1
                elif label and ":" not in href.split("/", 1)[0]:
                    local.append(label)
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
        return bool(BR.fullmatch(children[i].content.strip()))
    if kind != "softbreak":
        return kind == "hardbreak"
    for child in children[i + 1 :]:
        if child.type != "text" or child.content:
            return child.type == "strong_open"
    return False


_BARE_URL = re.compile(r"https?://[^\s<>()\[\]`]+[^\s<>()\[\]`.,;:!?'\"]")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")


def _bare_urls(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """Bare ``https://…`` addresses in text (outside links) as links, and the text without them.

    A link's title is the text around it when that is short (``Intro to ML (Udacity) https://…``),
    else the address's host and path.
    """
    if "://" not in raw:
        return raw, []
    urls = [m.group() for m in _BARE_URL.finditer(raw) if URL_OK.match(m.group())]
    if not urls:
        return raw, []
    rest = _EMPTY_BRACKETS.sub("", _BARE_URL.sub("", raw))
    around = clean(rest).strip(" -–—:|,")
    title = around if around and len(around) <= 80 else ""
    return rest, [(title or url_title(url), url) for url in urls]


def url_title(url: str) -> str:
    """``https://www.youtube.com/watch?v=…`` → ``youtube.com/watch``: a readable name for a bare address."""
    address = url.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
    address = address.removeprefix("www.")
    return address if len(address) <= 70 else address[:67] + "…"


def outside_links(line: Line, text: str, read: Callable[[str], tuple[T, str]]) -> tuple[T, str]:
    """``read`` (such as ``hour_forms.task_hours``) applied to ``text`` with the line's link labels hidden.

    ``[PyTorch 60 minute blitz](…) (1.5 hours)`` states 1.5 hours: a link's label names the
    resource, it does not say how long the learner spends on it.
    """
    hidden: dict[str, str] = {}
    for n, (label, _url) in enumerate(line.links):
        if label and label in text:
            mark = f"\x03{chr(0xE000 + n)}\x04"
            hidden[mark] = label
            text = text.replace(label, mark, 1)
    value, rest = read(text)
    for mark, label in hidden.items():
        rest = rest.replace(mark, label)
    return value, rest


def is_link_line(line: Line) -> bool:
    """The line is links and little else (``[Java Programming](…)``, ``Intro to ML https://…``), not prose."""
    if line.bare:
        return True
    rest = line.text
    labels = [label for label, _url in line.links] + line.local
    for label in labels:
        rest = rest.replace(label, "")
    return bool(labels) and not re.search(r"[^\W\d_]{3,}", rest)


def joined_text(lines: list[Line]) -> str:
    return ": ".join(line.text for line in lines)
