"""Inline Markdown (a paragraph, a heading, a table cell) as lines of plain text with their links.

HTML tags are dropped (their text is kept), images and badges with their alt text, and bold
survives only as two marker characters so that a leading ``**Label:**`` can be recognised.
Hard breaks and ``<br>`` split lines, and so does a soft break before bold text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from mlplan.markdown_import.labels import label_category
from mlplan.markdown_import.text import BOLD_OFF, BOLD_ON, BR, URL_OK, clean


@dataclass(slots=True)  # a large document makes a hundred thousand
class Line:
    """One line of inline text with its links and a leading ``Label:`` if it has one.

    Never changed once read: equal plain lines are one shared ``Line`` (see ``plain_line``).
    """

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


_new = object.__new__


LineParts = tuple[str, str, str, bool, bool, bool, bool]


def _read_line_parts(raw: str) -> LineParts | None:
    """A line's text, label, body, and whether it is all bold, has a colon, a bold label, leading bold."""
    raw = raw.strip()
    text = clean(raw)
    if not text:
        return None
    lead_bold, bold_only = raw.startswith(BOLD_ON), False
    if lead_bold:
        if bold := _BOLD_LABEL.match(raw):
            head, rest = clean(bold.group(1)), clean(bold.group(3))
            if bold.group(2) or BOLD_ON in bold.group(3):
                bold_only = _all_bold(raw)
            else:  # outside bold there is only the rest (after spaces, which clean drops): its clean text says it
                bold_only = not rest.strip(":")
            colon = head.endswith(":") or bool(bold.group(2))
            if colon or not rest or (len(head.split()) <= 3 and label_category(head)):
                return text, head.rstrip(": "), rest, bold_only, colon, True, lead_bold
        else:
            bold_only = _all_bold(raw)
    plain = PLAIN_LABEL.match(text) if ":" in text else None
    # A short "Label:" is structure; a sentence that ends in a colon is prose.
    if plain and len(plain.group(1).split()) <= (5 if plain.group(2) else 3) and not plain.group(1).startswith("http"):
        return text, plain.group(1).strip(), plain.group(2).strip(), bold_only, True, False, lead_bold
    return text, "", text, bold_only, False, False, lead_bold


def _all_bold(raw: str) -> bool:
    """Nothing but bold in the line (a colon aside)."""
    return not clean(_BOLD_SPAN.sub("", raw)).strip(":")


# documents repeat lines ("Estimated time (hours):", dividers): each distinct one is read once
_line_parts = cache(_read_line_parts)


def make_line(
    raw: str,
    links: list[tuple[str, str]],
    anchors: int,
    local: list[str] | None = None,
    parts_of: Callable[[str], LineParts | None] = _line_parts,
) -> Line | None:
    parts = parts_of(raw)
    if parts is None:
        return None
    # object.__new__ and slot stores: calling the dataclass with eleven arguments is the dearest step of a line.
    line = _new(Line)
    line.text, line.label, line.body, line.bold_only, line.colon, line.bold_label, line.lead_bold = parts
    line.links, line.anchors, line.bare, line.local = links, anchors, False, [] if local is None else local
    return line


class _BoldMark(str):
    """Bold's marker in a run: a ``str``, so that a run of text and bold joins as it is, yet told from text."""


class LocalLink:
    """A link to a file beside the document (``[notebooks](lectures/micrograd)``), which has no web address.

    ``line`` is its byte offset until the reader numbers the lines; ``label`` is its text, once read.
    """

    __slots__ = ("line", "href", "label")

    def __init__(self, offset: int, href: str) -> None:
        self.line, self.href, self.label = offset, href, ""


# A run of inline text is a list of pieces: a text as its ``str``, bold as a marker, anything else an ``(op, arg)``.
Piece = str | tuple[str, str | None] | tuple[str, LocalLink]
BOLD_OPEN, BOLD_CLOSE = _BoldMark(BOLD_ON), _BoldMark(BOLD_OFF)
LINK_CLOSE, IMAGE_OPEN, IMAGE_CLOSE = ("/link", None), ("image", None), ("/image", None)
SOFT_BREAK, HARD_BREAK, MARK = ("soft", None), ("hard", None), ("mark", None)  # MARK: any other inline tag


def code_piece(code: str) -> Piece:
    return ("code", code)


def link_piece(href: str) -> Piece:
    return ("link", href)


def local_link_piece(link: LocalLink) -> Piece:
    return ("local", link)


def html_piece(html: str) -> Piece:
    return ("html", html)


def read_inline(run: list[Piece], rich: bool, lines: list[Line]) -> list[Line]:
    """One run of inline text (a paragraph, heading or table cell) as ``Line``s, added to ``lines``.

    A run that is not ``rich`` holds only text and bold (as most do: a list item's text) and is one line.

    Hard breaks and ``<br>`` end a line. A soft break is a space, unless the next thing
    after it is bold text (a new ``**Label:**`` line): it waits for that to be known.
    Images (badges, pictures) are not study content: their alt text is dropped. The run is
    read in one loop over plain variables: documents hold a hundred thousand runs.
    """
    if not rich:
        if (line := plain_line("".join(run))) is not None:  # type: ignore[arg-type]
            lines.append(line)
        return lines
    # one link, after a text or not (a table of links holds one per cell, a list of courses "🔗 [name](…)"): read
    # without the loop
    if (
        (len(run) == 3 or (len(run) == 4 and type(run[0]) is str))
        and run[-1] is LINK_CLOSE
        and type(link := run[-3]) is tuple
        and link[0] == "link"
        and type(text := run[-2]) is str
    ):
        links: list[tuple[str, str]] = []
        local: list[str] = []
        anchors = 0
        raw = run[0] if len(run) == 4 else ""
        if text.strip():  # else the link has no text (as the loop below drops an image-only link)
            anchors = _keep_link(clean(text), link[1], links, local, None)  # type: ignore[arg-type]
            raw += text  # type: ignore[operator]
        _add_line(lines, raw, links, anchors, local)  # type: ignore[arg-type]
        return lines
    buf: list[str] = []
    out = buf  # the link's label while inside a link
    links = []
    anchors = 0
    local = []
    href: str | None = None
    label: list[str]
    local_link: LocalLink | None = None  # the link being read, when it is to a file beside the document
    image_only = False
    soft: list[str] | None = None  # where a pending soft break's space goes
    images = 0
    for piece in run:
        if images:  # inside an image only images count
            if piece is IMAGE_OPEN:
                images += 1
            elif piece is IMAGE_CLOSE:
                images -= 1
            continue
        if not isinstance(piece, tuple):  # a text, or bold's marker
            if soft is not None:
                if not piece:  # an empty text: the break still waits
                    continue
                if piece is BOLD_OPEN:  # "**Label:**" after a soft break starts a line
                    buf, links, anchors, local = _next_line(lines, buf, links, anchors, local)
                    out = buf if href is None else out
                else:
                    soft.append(" ")
                soft = None
            out.append(piece)
            if href is not None and type(piece) is str:
                image_only = image_only and not piece.strip()
            continue
        op, arg = piece
        if soft is not None:  # anything else settles a pending soft break as a space
            soft.append(" ")
            soft = None
        if op == "link" or op == "local":
            if isinstance(arg, LocalLink):
                local_link, href = arg, arg.href
            else:
                href = arg
            label, image_only = [], True
            out = label
        elif op == "/link":
            if href is not None:
                text = "".join(label)
                name = clean(text)
                if name or not image_only:
                    buf.append(text)
                    anchors += _keep_link(name, href, links, local, local_link)
                href, out, local_link = None, buf, None
        elif op == "code":
            out.append(f"`{arg}`")
            image_only = False
        elif op == "soft":
            soft = out
        elif op == "image":
            images += 1
        elif op == "hard" or (op == "html" and BR.fullmatch(arg.strip())):  # type: ignore[union-attr]
            buf, links, anchors, local = _next_line(lines, buf, links, anchors, local)
            out = buf if href is None else out
    if soft is not None:
        soft.append(" ")
    _add_line(lines, "".join(buf), links, anchors, local)
    return lines


def _keep_link(
    name: str, href: str, links: list[tuple[str, str]], local: list[str], local_link: LocalLink | None
) -> int:
    """A link labelled ``name`` (its clean text) goes to the line's ``links`` or, to a file beside the document, to
    ``local``; 1 if it is an anchor (``#setup``), which the line counts, else 0."""
    if href.startswith("#"):
        return 1
    if _is_web_address(href):
        links.append((name, href))
    elif name and is_relative(href):
        local.append(name)
        if local_link is not None:
            local_link.label = name
    return 0


@cache  # documents link the same pages again and again, and the test walks the whole address
def _is_web_address(href: str) -> bool:
    return URL_OK.match(href) is not None


@cache  # most runs are plain text, and long documents repeat them; nothing changes a Line once it is read
def plain_line(raw: str) -> Line | None:
    """The line a run of text and bold makes, ``None`` if it is empty."""
    if "://" not in raw:  # as _add_line reads it, without its call: most lines have no bare address
        return make_line(raw, [], 0, [], _read_line_parts)
    lines: list[Line] = []
    _add_line(lines, raw, [], 0, [], _read_line_parts)  # caching its parts as well would only cost
    return lines[0] if lines else None


def _next_line(
    lines: list[Line], buf: list[str], links: list[tuple[str, str]], anchors: int, local: list[str]
) -> tuple[list[str], list[tuple[str, str]], int, list[str]]:
    """The line so far added to ``lines``; fresh text, links, anchor count and local links for the next one."""
    _add_line(lines, "".join(buf), links, anchors, local)
    return [], [], 0, []


def _add_line(
    lines: list[Line],
    raw: str,
    links: list[tuple[str, str]],
    anchors: int,
    local: list[str],
    parts_of: Callable[[str], LineParts | None] = _line_parts,
) -> None:
    """The text of one line, with its bare addresses read as links, added to ``lines`` unless it is empty."""
    if "://" not in raw:  # no bare address: the common case
        line = make_line(raw, links, anchors, local, parts_of)
    else:
        raw, bare = _bare_urls(raw)
        line = make_line(raw, links + bare if bare else links, anchors, local, parts_of)
        if line is None and bare:
            line = make_line(bare[0][0], bare, anchors, local, parts_of)
            if line is not None:
                line.bare = True
    if line is not None:
        lines.append(line)


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
    if not line.links:
        return read(text)
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


def is_relative(href: str) -> bool:
    """A link to a file beside the document (``lectures/micrograd``, ``../notes.md``, ``/docs/x.md``).

    Not an anchor (``#setup``) and not an address with a scheme (``https:``, ``mailto:``).
    """
    return bool(href) and not href.startswith("#") and ":" not in href.split("/", 1)[0]


_WORD = re.compile(r"[^\W\d_]{3,}")


def is_link_line(line: Line) -> bool:
    """The line is links and little else (``[Java Programming](…)``, ``Intro to ML https://…``), not prose."""
    if line.bare:
        return True
    rest = line.text
    labels = [label for label, _url in line.links] + line.local
    for label in labels:
        rest = rest.replace(label, "")
    return bool(labels) and not _WORD.search(rest)


def joined_text(lines: list[Line]) -> str:
    if len(lines) == 1:  # a heading or a cell is nearly always one line: no join for it
        return lines[0].text
    return ": ".join([line.text for line in lines])
