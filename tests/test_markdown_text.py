"""Text before structure: mojibake repair and title cleaning give the same text as the plain library calls."""

from __future__ import annotations

import json
import re

import ftfy
import ftfy.bad_codecs  # noqa: F401  # registers the sloppy codecs PIECES is made with
from ftfy.badness import MOJIBAKE_CATEGORIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlplan.markdown_import.text import (
    _EMOJI,
    _FOOTNOTE,
    _MACROMAN_RUN,
    _NEAR,
    BOLD_OFF,
    BOLD_ON,
    _from_macroman,
    _ftfy_may_change,
    clean,
    repair,
)

# Pieces of real documents: cp1252 and MacRoman mojibake, emoji, HTML entities and tags, ligatures,
# full-width letters, control characters, line endings, combining accents and plain words.
PIECES = [
    "â€™", "â€œ", "Ã©", "Ã—", "ðŸ§ ", "Â ", "â€", "‚Äì", "‚Äî", "üöÄ", "‚úÖ", "¬≤", "\uf8ff", "ƒ",
    "’", "–", "🚀", "✅", "🧠", "é", "e\u0301", "ﬁ", "Ｗｅｅｋ", "\x85", "\x1b[31m", "\x07", "\r", "\u2028",
    "&amp;", "&lt;b&gt;", "&eacute;", "&#39;", "<br>", "<b>", "&", "<", "Week 1", "learn", " ", "-", "**",
    "Â", "Ã", "×²", "√±", "вЂ", "β€", "ā€", "ØØ", "à²", "œ ", "°", "│", "€", "½", "§", "‘", "“", "”", "\ud800",
] + [  # emoji and punctuation as UTF-8 read as cp1252, MacRoman and cp1251, the way real documents carry them
    char.encode("utf-8").decode(encoding)
    for char in "🧠📚💻🎯🚀✅—…“”’é"
    for encoding in ("sloppy-windows-1252", "mac_roman", "sloppy-windows-1251")
]  # fmt: skip
LINES = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=12).map("".join)


def repaired_as_before(text: str) -> str:
    """What repair did with ftfy's plain call: each non-ASCII line MacRoman-decoded, then ftfy.fix_text."""
    return "\n".join(
        line if line.isascii() else ftfy.fix_text(_MACROMAN_RUN.sub(_from_macroman, line), **FTFY_OPTIONS)
        for line in text.split("\n")
    )


FTFY_OPTIONS = {"uncurl_quotes": False, "unescape_html": False, "fix_line_breaks": False}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=6).map("\n".join))
def test_repair_is_ftfy_fix_text_line_by_line(text):
    assert repair(text) == repaired_as_before(text)


def test_mojibake_next_to_what_ftfys_other_fixers_change_gets_both_fixes():
    """After fix_encoding, ftfy's later fixers and its second pass still act: a ligature, full width, a control."""
    text = "ðŸš€ ï¬\x81ne-tuning\nðŸš€ ﬁne-tuning\nðŸš€ Ｗｅｅｋ 1\nðŸš€ ding\x07\nâ€” e\u0301"
    assert repair(text) == repaired_as_before(text) == "🚀 fine-tuning\n🚀 fine-tuning\n🚀 Week 1\n🚀 ding\n— é"


def test_a_line_longer_than_ftfys_segment_is_repaired_as_fix_text_cuts_it():
    line = "x" * (ftfy.TextFixerConfig().max_decode_length - 1) + "â€™ theorem"  # cut after â: not repaired
    text = line + "\nGÃ©ron"
    assert repair(text) == repaired_as_before(text) != text.replace("â€™", "’").replace("Ã©", "é")


# Lines as mojibake documents have them: long runs of ASCII prose between mojibake, and the ASCII ftfy's rules look
# at beside it (a space that was a no-break space, "voilÃ le", "Ã quele").
ASCII_RUNS = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=10, max_size=70)
MOJIBAKE_PROSE = st.lists(
    st.sampled_from([*PIECES, " ", "a", "voil", "Ã ", " le travail", "Ã quele", "Â ", "s "])
    | st.text(st.sampled_from(sorted(set("".join(MOJIBAKE_CATEGORIES.values())) | set("ÂÃ "))), max_size=4)
    | ASCII_RUNS,
    max_size=10,
).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MOJIBAKE_PROSE, max_size=3).map("\n".join))
def test_mojibake_lines_of_long_prose_are_repaired_as_ftfy_repairs_them_whole(text):
    """ftfy is shown only the ASCII near the mojibake of a long line: the line comes out as ftfy makes it whole."""
    assert repair(text) == repaired_as_before(text)


def test_a_long_escape_sequence_or_a_fix_beside_set_aside_prose_still_repairs_as_ftfy_does():
    prose = "the seventeenth lecture covers gradient descent in some detail"
    for line in [
        f"\x1b[{'1;' * 30}31m{prose}â€™s",  # an ANSI escape sequence longer than the ASCII kept near mojibake
        f"voilÃ {prose} Ã {prose} Ã©",  # restore_byte_a0 turns the space after Ã into part of the character
        f"{prose} â€” {prose}\t{prose} Ã©",
    ]:
        assert repair(line) == repaired_as_before(line) != line


def test_ftfys_patterns_reach_no_further_than_half_the_ascii_the_repair_keeps_near_mojibake():
    """The repair sets aside ASCII more than _NEAR characters from anything else, trusting ftfy's patterns to match
    short stretches (look-arounds counted); an ftfy whose patterns reach further would need a larger _NEAR."""
    from re import _parser  # type: ignore[attr-defined]

    from ftfy import badness, chardata, fixes

    for pattern in (badness.BADNESS_RE, chardata.ALTERED_UTF8_RE, chardata.LOSSY_UTF8_RE, fixes.A_GRAVE_WORD_RE):
        text = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
        consuming = re.sub(r"\(\?<?[=!]", "(?:", text)  # a look-around's characters counted as matched
        assert _parser.parse(consuming, pattern.flags & re.VERBOSE).getwidth()[1] <= _NEAR // 2, pattern


# ftfy's own mojibake classes (cp1252, MacRoman, cp1251, cp1253 and cp1257 look-alikes) and the characters around
# them: Latin-1 and Latin Extended, Greek and Cyrillic, punctuation, currency, letter-like and math signs, box drawing,
# CJK punctuation, ligatures and full-width forms.
MOJIBAKE = st.sampled_from(sorted(set("".join(MOJIBAKE_CATEGORIES.values())) | set("ÂÃÎÐØÙà√≈‚ВГРСΒΓΞΟβāаz. ?!")))
NEAR_MOJIBAKE = st.one_of(
    st.characters(min_codepoint=0x80, max_codepoint=0x24F),
    st.characters(min_codepoint=0x370, max_codepoint=0x4FF),
    st.characters(min_codepoint=0x2000, max_codepoint=0x25FF),
    st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
    st.characters(min_codepoint=0xFB00, max_codepoint=0xFB06),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.sampled_from(["a", "Z", " ", "1", "\x1b", "\ud800", "\u0301", "e"]),
)


@settings(max_examples=1500, deadline=None)
@given(st.text(MOJIBAKE, min_size=1, max_size=5) | st.text(NEAR_MOJIBAKE | MOJIBAKE, min_size=1, max_size=6))
def test_a_line_the_repair_passes_by_is_one_ftfy_leaves_as_it_is(line):
    if not _ftfy_may_change()(line):
        assert ftfy.fix_text(line, **FTFY_OPTIONS) == line


def test_lines_with_curly_quotes_dashes_and_accents_are_not_sent_through_ftfy():
    """Most non-ASCII lines of real curricula: ftfy would leave them as they are, and repair knows it without it."""
    may_change = _ftfy_may_change()
    assert not may_change("It’s week 2 – gradient descent (Géron, ch. 4) • 3 h 🚀")
    assert all(map(may_change, ["Itâ€™s week 2", "Ｗｅｅｋ 2", "ﬁne-tuning", "e\u0301", "\x85"]))


def cleaned_as_before(text: str) -> str:
    """clean as it was first written: every step on every text, the shortcode look-behind first."""
    text = _EMOJI.sub("", text)
    text = re.sub(r"(?<![\w:/]):[a-z0-9_+-]*[a-z][a-z0-9_+-]*:(?![\w/])", "", text)
    text = _FOOTNOTE.sub("", text).replace(BOLD_ON, "").replace(BOLD_OFF, "")
    return " ".join(text.split()).strip(" |*_")


TITLE_PIECES = [
    ":", "::", ":rocket:", ":+1:", ":a1_b:", ":123:", "a:b:", "x:smile:", "/:x:", "http://h:80/:x:", ":x:/", ":x:y",
    "[^1]", "[^note]", BOLD_ON, BOLD_OFF, "🚀", "✅", "\ufe0f", "é", "_", "|", "*", " ", "\t", "\u00a0", "Week 1",
    "  ", "\x1f", "\u2028", "\u3000", "\u200b",  # spaces clean squeezes, and a zero-width one it keeps
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TITLE_PIECES) | st.text(max_size=3), max_size=10).map("".join))
def test_clean_is_as_before(text):
    assert clean(text) == cleaned_as_before(text)


def dry_run(mlplan, path):
    result = mlplan("import", str(path), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    items = [item["title"] for stage in data["roadmap"]["stages"] for unit in stage["units"] for item in unit["items"]]
    return items, [(s["line"], s["text"]) for s in data["skipped"]]


def test_a_windows_file_with_an_emoji_line_keeps_its_line_numbers(mlplan, tmp_path):
    text = "# Plan\n\n## Week 1\n- Learn A \u2705 (1h)\n  and more\n- Learn B (1h)\n- [Back to top](#top)\n"
    (tmp_path / "unix.md").write_bytes(text.encode())
    (tmp_path / "windows.md").write_bytes(text.replace("\n", "\r\n").encode())
    assert dry_run(mlplan, tmp_path / "windows.md") == dry_run(mlplan, tmp_path / "unix.md")
    assert dry_run(mlplan, tmp_path / "windows.md") == (["Learn A and more", "Learn B"], [(7, "- [Back to top](#top)")])


def test_html_entities_are_read_once_on_a_line_with_an_emoji(mlplan, tmp_path):
    (tmp_path / "plan.md").write_text(
        "# Plan\n\n## Week 1\n- Escape `&amp;` in HTML \u2705 (1h)\n- Read AT&amp;amp;T notes \u2705 (1h)\n",
        encoding="utf-8",
    )
    assert dry_run(mlplan, tmp_path / "plan.md")[0] == ["Escape `&amp;` in HTML", "Read AT&amp;T notes"]
