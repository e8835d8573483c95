"""Suggesting what the user meant when an id or name is unknown, and free names when one is taken."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")


def _normal(text: str) -> str:
    """Lower case without zero padding, so ``m1.c1`` meets ``m01.c1``."""
    return _LEADING_ZEROS.sub("", text.lower())


def closest(word: str, choices: list[str], n: int = 3) -> list[str]:
    """The choices most like ``word``: same but for case or zero padding, near spellings, containing it."""
    by_normal: dict[str, str] = {}
    for choice in choices:
        by_normal.setdefault(_normal(choice), choice)
    key = _normal(word)
    same = [by_normal[key]] if key in by_normal else []
    similar = [by_normal[c] for c in difflib.get_close_matches(key, list(by_normal), n=n, cutoff=0.6)]
    contains = [c for c in choices if key and key in _normal(c)]
    return list(dict.fromkeys(same + similar + contains))[:n]


def unknown_message(what: str, word: str, choices: list[str], listing: str) -> str:
    """``unknown roadmap 'x'; did you mean y?`` or a pointer to the command that lists them."""
    near = closest(word, choices)
    if not near:
        return f"unknown {what} '{word}'; see `{listing}` for the list"
    options = near[0] if len(near) == 1 else ", ".join(near[:-1]) + f" or {near[-1]}"
    return f"unknown {what} '{word}'; did you mean {options}?"


def unique_name(wanted: str, taken: Collection[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… when ``taken`` holds it."""
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted}-{n}"
    return name
