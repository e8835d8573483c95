"""Text before structure: mojibake repaired, titles cleaned.

NUL bytes mean a binary file (refused by the entry point). Mojibake is repaired —
MacRoman-style (``‚Äì``, ``üöÄ``) by re-decoding runs of MacRoman characters that form UTF-8,
then cp1252-style (``â€™``, ``Ã©``, ``ðŸ§ ``) with ftfy. Titles lose decorative emoji and
``:shortcodes:``, footnote markers, bold markers and extra spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from mlplan.models import WEB_URL

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

# Bold survives inline reading as these two markers: a leading bold run is how curricula write labels.
BOLD_ON, BOLD_OFF = "\x01", "\x02"


_MACROMAN_LEAD3 = bytes(range(0xE0, 0xF0)).decode("mac_roman")


_MACROMAN_LEAD4 = bytes(range(0xF0, 0xF5)).decode("mac_roman")


_MACROMAN_CONT = bytes(range(0x80, 0xC0)).decode("mac_roman")


_MACROMAN_RUN = re.compile(
    f"¬[{re.escape(_MACROMAN_CONT)}]"  # ¬² is ², the only two-byte lead that ordinary text never puts there
    f"|[{re.escape(_MACROMAN_LEAD3)}][{re.escape(_MACROMAN_CONT)}]{{2}}"
    f"|[{re.escape(_MACROMAN_LEAD4)}][{re.escape(_MACROMAN_CONT)}]{{3}}"
)


# Every run starts with one of these. The regex engine tries each of the run's three alternatives at every
# character of a line; one class scans a line far faster, and most non-ASCII lines hold none of them.
_MACROMAN_LEADS = "¬" + _MACROMAN_LEAD3 + _MACROMAN_LEAD4
_MACROMAN_LEAD = re.compile(f"[{re.escape(_MACROMAN_LEADS)}]")


_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d\u20e3\uf8ff]")


# The colon comes first and what stands before it is looked at after it ("not after a word, colon or slash"),
# so the regex engine can skip to each colon instead of trying the look-behind at every character.
_SHORTCODE = re.compile(r":(?<![\w:/]:)[a-z0-9_+-]*[a-z][a-z0-9_+-]*:(?![\w/])")


_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")


BR = re.compile(r"<br\s*/?>", re.I)


TAG = re.compile(r"<!--.*?-->|<[^>]+>", re.S)


HTML_HEADING = re.compile(r"<h[1-3][^>]*>(.*?)</h[1-3]>", re.I | re.S)


URL_OK = WEB_URL  # the roadmap model's rule, so an address kept here is one the model accepts


def repair(text: str) -> str:
    """Undo MacRoman- then cp1252-style mojibake, line by line: only lines holding one of a few characters have any.

    ftfy is imported only for a document that has a line to repair (it takes longer to import than
    an ASCII document takes to read).
    """
    if text.isascii():
        return text
    import ftfy

    # The Markdown reader decodes HTML entities itself (not in code), and a line break ftfy made of a "\r"
    # or U+2028 would shift every later line number. For one line, ftfy.fix_text(line, **options) is
    # fix_and_explain with this config (fix_text cuts segments only at "\n" and past max_decode_length):
    # building it once spares that work per line.
    config = ftfy.TextFixerConfig(explain=False, uncurl_quotes=False, unescape_html=False, fix_line_breaks=False)
    may_change = _ftfy_may_change()
    has_mark = _repair_marks().search
    normalized = unicodedata.is_normalized
    fixed: dict[str, str] = {}  # long documents repeat lines (dividers, emoji markers): repair each once
    lines = text.split("\n")
    for n in [n for n, line in enumerate(lines) if not line.isascii()]:
        line = lines[n]
        if line not in fixed:
            # Most lines hold none of the characters any repair acts on: one search tells, not one per kind of repair.
            if has_mark(line) is None and normalized("NFC", line):
                fixed[line] = line
            else:
                fixed[line] = _repaired(line, config, may_change)
        lines[n] = fixed[line]
    return "\n".join(lines)


def _repaired(line: str, config: TextFixerConfig, may_change: Callable[[str], bool]) -> str:
    """A line with its MacRoman runs re-decoded, then through ftfy if ftfy may change it."""
    import ftfy

    line_fixed = _MACROMAN_RUN.sub(_from_macroman, line) if _MACROMAN_LEAD.search(line) else line
    if not may_change(line_fixed):
        return line_fixed
    if len(line_fixed) <= config.max_decode_length:
        return _fix_far_ascii_aside(line_fixed, config, may_change)
    return ftfy.fix_text(line_fixed, config)


# What ftfy's rules look at around a character they may change: its patterns match at most 7 characters
# (BADNESS_RE), 6 with a look-ahead (restore_byte_a0) or chains of 2-4 whose every link starts with a
# non-ASCII character (decode_inconsistent_utf8). Twice that leaves room for the rare fix that turns ASCII
# next to mojibake into something else (restore_byte_a0's space) before a second pass looks again.
_NEAR = 16


# A run of printable ASCII with characters more than _NEAR from anything else: ftfy's rules never see those.
_LONG_ASCII = re.compile(f"[ -~]{{{2 * _NEAR + 1},}}")


_ASCII_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _fix_far_ascii_aside(line: str, config: TextFixerConfig, may_change: Callable[[str], bool]) -> str:
    """``_fix_segment(line, …)``, with ftfy shown only the line's non-ASCII characters and the ASCII near them.

    A mojibake line is mostly ASCII, and ftfy scans every character of it with its mojibake pattern
    twice (to find mojibake, then to confirm its fix left none): on a 5 MB file with thousands of such
    lines that was most of the import's repair. Every rule ftfy applies here either looks at characters
    near one that is not ASCII (its patterns, the UTF-8 decode) or at which characters the line holds
    at all (is it ASCII, can it be encoded in a single-byte encoding: printable ASCII is in every one it
    tries). So each stretch of printable ASCII far from the rest is replaced by a line break, which ftfy
    neither changes nor lets a pattern cross, and is put back after. A line with an ASCII control
    character (an ANSI escape sequence is matched whole) goes as it is, and so does one whose
    fix touched the ASCII kept beside a line break.
    """
    if _ASCII_CONTROL.search(line) is not None:
        return _fix_segment(line, config, may_change)
    kept: list[str] = []
    far: list[str] = []
    start = 0
    for run in _LONG_ASCII.finditer(line):
        kept.append(line[start : run.start() + _NEAR])
        far.append(line[run.start() + _NEAR : run.end() - _NEAR])
        start = run.end() - _NEAR
    if not far:
        return _fix_segment(line, config, may_change)
    kept.append(line[start:])
    pieces = _fix_segment("\n".join(kept), config, may_change).split("\n")
    if len(pieces) == len(kept) and all(
        (n == 0 or piece.startswith(was[:_NEAR])) and (n == len(far) or piece.endswith(was[-_NEAR:]))
        for n, (piece, was) in enumerate(zip(pieces, kept, strict=True))
    ):
        return "".join(piece + rest for piece, rest in zip(pieces, [*far, ""], strict=True))
    return _fix_segment(line, config, may_change)


# Lines that differ only in the ASCII set aside show ftfy the same segment (a document's lines
# often start with the same emoji and label): its answer is asked for once.
@lru_cache(maxsize=4096)
def _fix_segment(segment: str, config: TextFixerConfig, may_change: Callable[[str], bool]) -> str:
    """``ftfy.fix_and_explain(segment, config).text``, without its confirming pass when the gate rules it out.

    With repair's config (HTML unescaping, which would come first, off) fix_and_explain repeats a pass —
    ``fix_encoding``, then the other fixers — until a pass changes nothing:
    on mojibake that is a second whole pass, and on text it leaves alone ftfy's mojibake pattern costs the
    most. ``fix_encoding`` itself repeats its step until it changes nothing, so ``fix_encoding(t)`` is left
    alone by it, and the first pass gives the same text from ``t`` and from ``fix_encoding(t)``; both runs
    then go the same way, except that one starting at a text its pass leaves alone stops there (and if
    either does, the texts agree). So ``fix_and_explain(t) == fix_and_explain(fix_encoding(t))``, and the
    latter is ``fix_encoding(t)`` itself when the gate says ftfy leaves that alone.
    """
    import ftfy

    encoding_fixed = ftfy.fix_encoding(segment)  # as fix_and_explain calls it: with its default config
    if not may_change(encoding_fixed):
        return encoding_fixed
    return ftfy.fix_and_explain(encoding_fixed, config).text


@cache
def _ftfy_may_change() -> Callable[[str], bool]:
    """Whether ftfy, as ``repair`` calls it, may change a line: ``False`` is certain, ``True`` only a maybe.

    This holds for ``repair``'s config only: with HTML unescaping, quote uncurling or line-break
    fixing on, their characters would have to be looked for too.

    Most non-ASCII lines (a curly quote, an accent) come out of ftfy as they went in, and finding that
    out is most of its time. Its encoding fix acts only on a line its mojibake pattern (``BADNESS_RE``)
    matches; its other fixers only on characters in their tables or patterns; its NFC step only on text
    not in NFC. Every match of each pattern holds one of a few characters, read off the pattern's parse,
    and looking for those first spares most lines the mojibake pattern itself.
    """
    from ftfy.badness import BADNESS_RE

    fixable_chars, bad_chars = _ftfy_chars()
    if fixable_chars is None:  # a pattern whose matches need no rare character: only ftfy can tell
        return lambda line: True
    fixable = _char_class(fixable_chars).search
    normalized = unicodedata.is_normalized
    bad = BADNESS_RE.search
    maybe_bad = _char_class(bad_chars).search if bad_chars else bad  # the pattern itself if its characters are unknown

    def may_change(line: str) -> bool:
        if fixable(line) is not None or not normalized("NFC", line):
            return True
        return maybe_bad(line) is not None and bad(line) is not None

    return may_change


_NON_ASCII = re.compile("[^\x00-\x7f]")


@cache
def _repair_marks() -> re.Pattern[str]:
    """A pattern finding a character one of which every line ``repair`` may change holds, if the line is in NFC."""
    fixable_chars, bad_chars = _ftfy_chars()
    if fixable_chars is None or bad_chars is None:
        return _NON_ASCII
    return _char_class(fixable_chars | bad_chars | set(map(ord, _MACROMAN_LEADS)))


@cache
def _ftfy_chars() -> tuple[set[int] | None, set[int] | None]:
    """The characters ftfy's fixers other than the encoding fix act on, and those one of which every match of its
    mojibake pattern holds (``None`` for either if a pattern's matches need no rare character)."""
    from ftfy import chardata, fixes
    from ftfy.badness import BADNESS_RE

    chars: set[int] = set()
    for pattern in (chardata.C1_CONTROL_RE, fixes.SURROGATE_RE, fixes.ANSI_RE):
        needed = _needed_chars(pattern)
        if needed is None:
            return None, _needed_chars(BADNESS_RE)
        chars |= needed
    chars.update(chardata.LIGATURES, chardata.WIDTH_MAP, chardata.CONTROL_CHARS)  # str.translate tables
    return chars, _needed_chars(BADNESS_RE)


def _char_class(chars: set[int]) -> re.Pattern[str]:
    """A pattern matching any one of ``chars``."""
    return re.compile(f"[{''.join(re.escape(chr(char)) for char in sorted(chars))}]")


def _needed_chars(pattern: re.Pattern[str]) -> set[int] | None:
    """A set of characters, none of them ordinary ASCII, of which every match of ``pattern`` holds one; or None."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]  # the regex parser, private but in every Python 3.11+

        return _needed_in(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a parser that changed shape: no gate, every line goes to ftfy
        return None


def _needed_in(sequence: list[tuple[Any, Any]]) -> set[int] | None:
    """The smallest rare-character set one of a sequence's required positions holds (for ``_needed_chars``)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    best: set[int] | None = None
    for op, value in sequence:
        found: set[int] | None = None
        if op is sre.LITERAL:
            found = {value}
        elif op is sre.IN and all(kind in (sre.LITERAL, sre.RANGE) for kind, _ in value):
            found = set()
            for kind, member in value:
                found.update([member] if kind is sre.LITERAL else range(member[0], member[1] + 1))
        elif op is sre.SUBPATTERN:
            if value[1] & re.IGNORECASE:  # a group's own (?i)
                return None
            found = _needed_in(list(value[-1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:
            found = _needed_in(list(value[2]))
        elif op is sre.BRANCH:
            sets = [_needed_in(list(alternative)) for alternative in value[1]]
            found = None if any(one is None for one in sets) else set().union(*sets)  # type: ignore[arg-type]
        if not found or any(0x20 <= char < 0x7F or char in (0x09, 0x0A, 0x0D) for char in found):
            continue  # no set here, or one that any text holds
        if best is None or len(found) < len(best):
            best = found
    return best


def _from_macroman(match: re.Match[str]) -> str:
    try:
        return match.group().encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return match.group()


@cache  # a text is often cleaned more than once (a link's label, then its line), and documents repeat them
def clean(text: str) -> str:
    """Plain text for titles: no emoji, shortcodes, footnote markers, bold markers or extra spaces."""
    if not text.isascii():
        text = _EMOJI.sub("", text)
    if ":" in text:
        text = _SHORTCODE.sub("", text)
    if "[^" in text:
        text = _FOOTNOTE.sub("", text)
    if BOLD_ON in text or BOLD_OFF in text:
        text = text.replace(BOLD_ON, "").replace(BOLD_OFF, "")
    if "  " not in text and text.isprintable():  # no space but single ones (every other space is unprintable)
        return text.strip(" |*_")  # as below: the strip drops a single space at either end
    return " ".join(text.split()).strip(" |*_")
