"""Writing plain data as block YAML, byte for byte as PyYAML's ``yaml.dump`` (libyaml) writes it, faster.

``yaml.dump`` builds a node for every value, and its C emitter calls back into Python
several times per node: writing the roadmap of a 5 MB Markdown import took 0.8 s. A
roadmap is plain data (mappings with identifier keys, lists, strings, numbers,
booleans), so ``dump`` writes it directly: each string's style (plain, single- or
double-quoted) and its folding at 100 columns follow libyaml's rules, and each
distinct string is worked out once. Anything else (a key that needs quoting, a list in
a list, another type) goes to ``yaml.dump`` itself. ``tests/test_yaml_writer.py``
checks the two agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

WIDTH = 100
_STR = "tag:yaml.org,2002:str"
_resolve = yaml.resolver.Resolver().resolve
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# libyaml writes only these as they are: line feed, printable ASCII, and the Basic Multilingual Plane
# without surrogates, the byte-order mark and U+FFFE/FFFF.
_SPECIAL = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_BREAK = "\n\u2028\u2029"  # \r and \x85 are special characters already
_BREAKS = re.compile(f"[{_BREAK}]")
_BREAK_SPACE = re.compile(f"[{_BREAK}] | [{_BREAK}]")
_BLOCK_INDICATOR = re.compile(
    r"^(?:---|\.\.\.|[#,\[\]{}&*!|>'\"%@`]|[?:-](?:[ \n\u2028\u2029]|\Z))|:(?:[ \n\u2028\u2029]|\Z)|[ \n\u2028\u2029]#"
)
_ESCAPES = {"\0": "0", "\a": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", "\x1b": "e",
            '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P"}  # fmt: skip


class _Unsupported(Exception):
    """Data this writer leaves to ``yaml.dump``."""


def dump(data: dict[str, Any]) -> str:
    """``yaml.dump(data, sort_keys=False, allow_unicode=True, width=100)`` for plain data, in block style."""
    try:
        lines: list[str] = []
        _mapping(data, 0, "", lines)
        return "\n".join(lines) + "\n"
    except _Unsupported:
        return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                         allow_unicode=True, width=WIDTH)  # fmt: skip


def _mapping(data: dict[str, Any], indent: int, first: str, lines: list[str]) -> None:
    """A mapping at ``indent``; its first key follows ``first`` (a list item's ``- ``) on the same line."""
    if not data:
        raise _Unsupported
    pad = " " * indent
    for key, value in data.items():
        if type(key) is not str or not _plain_key(key):
            raise _Unsupported
        head = (first or pad) + key + ":"
        first = ""
        kind = type(value)
        if kind is dict and value:
            lines.append(head)
            _mapping(value, indent + 2, "", lines)
        elif kind is list and value:
            lines.append(head)
            _sequence(value, indent, lines)
        else:
            lines.append(head + _scalar(value, indent + len(key) + 1, indent + 2))


def _sequence(data: list[Any], indent: int, lines: list[str]) -> None:
    dash = " " * indent + "- "
    for value in data:
        kind = type(value)
        if kind is dict and value:
            _mapping(value, indent + 2, dash, lines)
        elif kind is list and value:
            raise _Unsupported
        else:
            lines.append(dash + _scalar(value, indent + 1, indent + 2)[1:])


def _scalar(value: Any, column: int, indent: int) -> str:
    """A scalar as written after ``key:`` or ``-``, with its leading space (``column``, ``indent``: libyaml's)."""
    kind = type(value)
    if kind is str:
        return _string(value, column, indent)
    if kind is bool:
        return " true" if value else " false"
    if kind is int:
        return f" {value}"
    if kind is float and value == value and abs(value) != float("inf"):
        text = repr(value).lower()
        return " " + (text.replace("e", ".0e", 1) if "." not in text and "e" in text else text)
    if value is None:
        return " null"
    if value == {}:
        return " {}"
    if value == []:
        return " []"
    raise _Unsupported


@lru_cache(maxsize=4096)
def _plain_key(key: str) -> bool:
    return bool(_KEY.fullmatch(key)) and _resolve(yaml.ScalarNode, key, (True, False)) == _STR


@lru_cache(maxsize=200_000)
def _string(value: str, column: int, indent: int) -> str:
    if not value:
        return " ''"
    special = _SPECIAL.search(value) is not None
    if special or _BREAK_SPACE.search(value):
        style = "double"
    elif (
        value[0] == " "
        or value[-1] == " "
        or _BREAKS.search(value)
        or _BLOCK_INDICATOR.search(value)
        or _resolve(yaml.ScalarNode, value, (True, False)) != _STR
    ):
        style = "single"
    else:
        style = "plain"
    if style == "plain" and column + len(value) < WIDTH:
        return " " + value
    if style == "plain":
        return _folded(value, column + 1, indent)
    if style == "single":
        return _single_quoted(value, column + 2, indent)
    return _double_quoted(value, column + 2, indent)


def _folded(value: str, column: int, indent: int) -> str:
    """A plain string, broken at single spaces once past the width."""
    words = value.split(" ")
    out = [" ", words[0]]
    column += len(words[0])
    for n in range(1, len(words)):
        word = words[n]
        if column > WIDTH and words[n - 1] and word:
            out.append("\n" + " " * indent)
            column = indent
        else:
            out.append(" ")
            column += 1
        out.append(word)
        column += len(word)
    return "".join(out)


def _single_quoted(value: str, column: int, indent: int) -> str:
    out = [" '"]
    spaces = breaks = False
    last = len(value) - 1
    for n, char in enumerate(value):
        if char == " ":
            if not spaces and column > WIDTH and 0 < n < last and value[n + 1] != " ":
                out.append("\n" + " " * indent)
                column = indent
            else:
                out.append(" ")
                column += 1
            spaces = True
        elif char in _BREAK:
            if not breaks and char == "\n":
                out.append("\n")
            out.append(char)
            column, breaks = 0, True
        else:
            if breaks:
                out.append(" " * indent)
                column = indent
            if char == "'":
                out.append("'")
                column += 1
            out.append(char)
            column += 1
            spaces = breaks = False
    if breaks:
        out.append(" " * indent)
    out.append("'")
    return "".join(out)


def _double_quoted(value: str, column: int, indent: int) -> str:
    out = [' "']
    spaces = False
    last = len(value) - 1
    for n, char in enumerate(value):
        if char in _BREAK or char in '"\\' or _SPECIAL.match(char):
            escape = _ESCAPES.get(char)
            if escape is None:
                code = ord(char)
                escape = f"x{code:02X}" if code <= 0xFF else f"u{code:04X}" if code <= 0xFFFF else f"U{code:08X}"
            out.append("\\" + escape)
            column += 1 + len(escape)
            spaces = False
        elif char == " ":
            if not spaces and column > WIDTH and 0 < n < last:
                out.append("\n" + " " * indent)
                column = indent
                if value[n + 1] == " ":
                    out.append("\\")
                    column += 1
            else:
                out.append(" ")
                column += 1
            spaces = True
        else:
            out.append(char)
            column += 1
            spaces = False
    out.append('"')
    return "".join(out)
