"""The core names what is wrong in its own words; the CLI words it with its options."""

from __future__ import annotations

from datetime import date

import pytest

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
