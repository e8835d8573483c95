"""Text before structure: mojibake repaired, titles cleaned.

NUL bytes mean a binary file (refused by the entry point). Mojibake is repaired —
MacRoman-style (``‚Äì``, ``üöÄ``) by re-decoding runs of MacRoman characters that form UTF-8,
then cp1252-style (``â€™``, ``Ã©``, ``ðŸ§ ``) with ftfy. Titles lose decorative emoji and
``:shortcodes:``, footnote markers, bold markers and extra spaces.
"""

from __future__ import annotations

import re

from mlplan.models import WEB_URL

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
    """Undo MacRoman- then cp1252-style mojibake, line by line: an ASCII line has none, and most lines are ASCII.

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
    fixed: dict[str, str] = {}  # long documents repeat lines (dividers, emoji markers): repair each once
    lines = text.split("\n")
    for n in [n for n, line in enumerate(lines) if not line.isascii()]:
        line = lines[n]
        if line not in fixed:
            line_fixed = _MACROMAN_RUN.sub(_from_macroman, line)
            if len(line_fixed) <= config.max_decode_length:
                fixed[line] = ftfy.fix_and_explain(line_fixed, config).text
            else:
                fixed[line] = ftfy.fix_text(line_fixed, config)
        lines[n] = fixed[line]
    return "\n".join(lines)


def _from_macroman(match: re.Match[str]) -> str:
    try:
        return match.group().encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return match.group()


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
    return " ".join(text.split()).strip(" |*_")
