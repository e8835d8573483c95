"""Text that is safe to show on a terminal and to write into files.

Roadmap titles, URLs and notes come from files and other people's Markdown. A
control character in them reaches the terminal through every view, export and
error message: ESC starts ANSI and OSC sequences that recolour, clear the
screen, set the window title or plant a hyperlink, and a line break in a title
could add keys to a YAML file's header. So control characters (and the
invisible controls that reorder text on screen) are taken out where text enters
mlplan, in the roadmap models; error messages, which may quote anything the
user typed, show them escaped instead.
"""

from __future__ import annotations

import re
from typing import Any

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069"
_LINE_BREAK = re.compile(rf"\r\n|[{_BREAKS}]")
_BREAK_OR_TAB = re.compile(rf"\r\n|[\t{_BREAKS}]")
_CONTROL = re.compile(f"[{_CONTROLS}]")
_UNPRINTABLE = re.compile(rf"[\t{_BREAKS}{_CONTROLS}]")


def one_line(text: str) -> str:
    """``text`` on one line: line breaks and tabs become spaces, other control characters go."""
    if text.isprintable():  # no break, tab or control can be in it: the common case, checked in C
        return text
    return _CONTROL.sub("", _BREAK_OR_TAB.sub(" ", text))


def paragraphs(text: str) -> str:
    """``text`` with its line breaks as ``\\n`` and tabs kept; other control characters go."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def printable_data(value: Any) -> Any:
    """JSON-like data with every string made ``one_line`` (for plans restored from a backup)."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):
        return {key: printable_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable_data(item) for item in value]
    return value


def escaped(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), for messages."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
