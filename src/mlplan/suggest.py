"""Suggesting what the user meant when an id or name is unknown."""

from __future__ import annotations

import difflib


def closest(word: str, choices: list[str], n: int = 3) -> list[str]:
    """The choices most like ``word``: those containing it first, then near spellings."""
    lowered = word.lower()
    contains = [c for c in choices if lowered and lowered in c.lower()]
    similar = difflib.get_close_matches(lowered, choices, n=n, cutoff=0.5)
    return list(dict.fromkeys(contains + similar))[:n]


def unknown_message(what: str, word: str, choices: list[str], listing: str) -> str:
    """``unknown roadmap 'x'; did you mean y?`` or a pointer to the command that lists them."""
    near = closest(word, choices)
    hint = f"did you mean {' or '.join(near)}?" if near else f"see `{listing}` for the list"
    return f"unknown {what} '{word}'; {hint}"
