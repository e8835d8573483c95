"""The core names what is wrong in its own words; the CLI words it with its options."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

import mlplan
from mlplan.errors import ChoiceError
from mlplan.scheduler import Availability, StudyItem, build_schedule

ROADMAP = "zero-to-engineer-16w"


def test_the_scheduler_names_the_choice_not_the_option():
    short_days = Availability(2.5, date(2026, 11, 23), daily_cap=0.5, min_part=0.5)
    with pytest.raises(ChoiceError) as caught:
        build_schedule([StudyItem("a", "A", 0.75, "u")], short_days)
    assert "--" not in str(caught.value)
    assert str(caught.value).endswith("give more hours per day or a smaller min part")
    assert caught.value.worded({"min_part": "--min-part"}).endswith("or a smaller --min-part")


def test_the_cli_names_the_option(mlplan):
    result = mlplan("plan", ROADMAP, "--days", "mon,mon")
    assert result.exit_code == 2
    assert "Error: --days mon,mon: mon is given twice" in result.stderr


@pytest.mark.parametrize("typed", ["{hours}", "{choice}", "{0}", "{"])
def test_what_the_learner_typed_is_never_read_as_a_placeholder(mlplan, typed):
    result = mlplan("plan", ROADMAP, "--by", typed)
    assert result.exit_code == 2
    assert f"Error: --by {typed}: not a date" in result.stderr


def test_a_rounding_note_says_the_choice_what_was_given_and_what_is_used():
    from mlplan.availability import build_availability

    _, notes = build_availability(start=date(2026, 11, 23), days="mon=1.1,tue=1")
    (days_note,) = notes
    assert (days_note.choice, days_note.values["given"], days_note.values["used"]) == ("days", "mon=1.1", "1 h")
    assert str(days_note) == "days mon=1.1: rounded to 1 h (the nearest quarter hour)"
    assert days_note.worded({"days": "--days"}).startswith("--days mon=1.1: rounded")


def test_an_alarm_is_read_where_the_calendar_is_made():
    from mlplan.ics_export import read_alarm

    assert read_alarm("15m") == (15, None)
    minutes, note = read_alarm("0.6m")
    assert minutes == 1 and note is not None and note.choice == "alarm"
    with pytest.raises(ChoiceError) as caught:
        read_alarm("8d")
    assert caught.value.worded({"alarm": "--alarm"}).startswith("--alarm 8d: not a duration")


# Modules that speak to people as the command line does: they may name its options.
SHELLS = {"cli.py", "render.py", "daily_text.py"}
# Values kept in learners' databases since the first schema (a replan's skip notes), not wording.
STORED = {("plans.py", "LEFT_OUT_BY_FROM"), ("plans.py", "LEFT_OUT_BY_SKIP")}
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def _flags_named(path: Path) -> list[str]:
    """The strings in ``path`` (docstrings and stored values aside) that name a command-line option."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ignored: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            ignored.add(id(body[0].value))  # a docstring talks to the reader of the code
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and (path.name, t.id) in STORED for t in node.targets
        ):
            ignored.add(id(node.value))
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in ignored
        and FLAG.search(node.value)
    ]


def _core_modules() -> list[Path]:
    package = Path(mlplan.__file__).parent
    modules = [path for path in package.rglob("*.py") if path.name not in SHELLS]
    assert len(modules) > 30
    return modules


def test_the_core_never_names_a_command_line_option():
    named = [found for path in _core_modules() for found in _flags_named(path)]
    assert named == []


def test_the_scan_finds_an_option_named_in_a_message(tmp_path):
    core = tmp_path / "core.py"
    core.write_text('"""Reads --hours."""\n\ndef f(x):\n    raise ValueError(f"--daily-cap {x}: too big")\n')
    assert _flags_named(core) == ["core.py:4: '--daily-cap '"]


PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}")


def _unworded_choices(path: Path) -> list[str]:
    """Placeholders in ``path``'s templates that are neither a value passed in nor a choice the CLI words.

    A value goes in by keyword (``day=by``) or as a key of a dict of values; what
    is left names a choice, which needs an option in ``OPTION_OF``.
    """
    from mlplan.cli import OPTION_OF

    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    values = {kw.arg for node in ast.walk(tree) if isinstance(node, ast.Call) for kw in node.keywords}
    values |= {
        key.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key in node.keys
        if isinstance(key, ast.Constant)
    }
    return [
        f"{path.name}:{node.lineno}: {{{name}}}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings
        for name in PLACEHOLDER.findall(node.value)
        if name not in values and name not in OPTION_OF and name != "choice"
    ]


def test_every_choice_the_core_names_has_an_option():
    unworded = [found for path in _core_modules() for found in _unworded_choices(path)]
    assert unworded == []


def test_a_choice_without_an_option_is_found(tmp_path):
    core = tmp_path / "core.py"
    core.write_text('def f(x):\n    raise ChoiceError("{week_count} {x}: too many", x=x)\n')
    assert _unworded_choices(core) == ["core.py:2: {week_count}"]
