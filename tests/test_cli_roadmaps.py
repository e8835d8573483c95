"""`mlplan roadmaps`, `mlplan show` and the CLI's general behaviour, as a user sees them."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from mlplan import catalog
from mlplan.models import Roadmap

BUNDLED = ["bedrock-24", "complete-course-15", "distinguished-52w", "practitioner-23", "zero-to-engineer-16w"]


def test_roadmaps_lists_the_five_bundled_roadmaps(mlplan):
    result = mlplan("roadmaps")
    assert result.exit_code == 0, result.output
    for roadmap_id in BUNDLED:
        assert roadmap_id in result.stdout
    assert "14 h/week, 16 weeks" in result.stdout and "25 h/week, 53 weeks" in result.stdout


def test_roadmaps_json_has_stable_keys_and_true_totals(mlplan):
    result = mlplan("roadmaps", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == BUNDLED
    for row in rows:
        assert {"id", "title", "stages", "units", "items", "hours", "hours_per_week", "weeks", "origin"} <= row.keys()
        roadmap = catalog.load(row["id"])
        assert row["units"] == len(roadmap.units())
        assert row["hours"] == pytest.approx(sum(item.hours for item in roadmap.items()))
        assert row["origin"] == "bundled"


def test_show_prints_the_tree_with_estimated_hours_marked(mlplan):
    result = mlplan("show", "zero-to-engineer-16w")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Weeks 1–4" in out
    assert "Week 1: Introduction to Python Programming" in out
    assert "w01.project" in out
    assert "(zero-to-engineer-16w, 217.25\u00a0h, 14 h/week, 16 weeks)" in out
    assert "3\u00a0h" in out and "~" not in out.split("\n└──")[0]  # every hour is stated or from its pace
    assert "~" in mlplan("show", "distinguished-52w").stdout.split("\n└──")[0]  # Week 0 is estimated


def test_show_prints_the_reference_the_roadmap_never_schedules(mlplan):
    out = mlplan("show", "distinguished-52w").stdout
    reference = out.split("Reference (listed by the roadmap, not scheduled)")[1]
    assert "Essential Books: Foundation" in reference and "Weekly Deliverables" in reference
    assert "ISL Python Playlist https://www.youtube.com/playlist?list=PLoROMvodv4rPP6braWoRt5UCXYZ71GZIQ" in reference
    assert "Technical: GitHub commits, code implementations" in reference
    assert "Reference" not in mlplan("show", "bedrock-24").stdout


def test_show_json_is_the_whole_roadmap_in_the_schema(mlplan):
    result = mlplan("show", "bedrock-24", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["id", "title", "summary", "source", "hours_per_week", "weeks", "stages", "reference"]
    item = data["stages"][0]["units"][0]["items"][0]
    assert {"id", "kind", "title", "hours", "estimated", "resources", "checklist"} <= item.keys()
    assert Roadmap.model_validate(data) == catalog.load("bedrock-24")


def test_show_gives_each_phase_its_why(mlplan):
    data = json.loads(mlplan("show", "practitioner-23", "--json").stdout)
    summaries = [stage["summary"] for stage in data["stages"]]
    assert len(summaries) == 6 and all(len(s) > 200 for s in summaries)
    assert summaries[0].startswith("This initial phase is the most critical.")
    assert "The mathematical concepts covered here" in summaries[0]  # a paragraph the PDF text split, joined
    assert summaries[5].startswith("This final phase addresses a critical truth of the field")
    out = " ".join(re.sub("[│├└─]", " ", mlplan("show", "practitioner-23").stdout).split())  # tree guides out
    assert "Phase 4: Introduction to Deep Learning & Neural Networks" in out
    assert "demystify this transition by revealing that a neural network is not a magical black box" in out


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("bedrok-24", "bedrock-24"), ("zero-to-engineer", "zero-to-engineer-16w"), ("52w", "distinguished-52w")],
)
def test_unknown_roadmap_names_the_closest_ids_in_one_line(mlplan, typed, suggested):
    result = mlplan("show", typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert typed in lines[0] and suggested in lines[0]
    assert "Traceback" not in result.output


def test_unknown_roadmap_with_nothing_close_points_to_the_list(mlplan):
    result = mlplan("show", "quantum-cooking")
    assert result.exit_code == 2
    assert "mlplan roadmaps" in result.stderr


def test_usage_errors_are_one_line_and_exit_2(mlplan):
    for args in (["roadmaps", "--jsn"], ["show"], ["no-such-command"]):
        result = mlplan(*args)
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("Error: ")


def test_bare_mlplan_shows_help(mlplan):
    result = mlplan()
    assert result.exit_code == 0
    assert "roadmaps" in result.stdout and "show" in result.stdout


def test_every_command_has_help_text(mlplan):
    from typer.main import get_command

    from mlplan.cli import app

    for name, command in get_command(app).commands.items():
        assert command.help, f"{name} has no help"
        result = mlplan(name, "--help")
        assert result.exit_code == 0
        assert " ".join(command.help.split()[:4]) in " ".join(result.stdout.split())


def test_the_command_runs_with_the_collector_on_and_its_start_up_frozen():
    # start-up objects are frozen out of the collector's way, but the command's own cycles are still collected
    probe = (
        "import gc, sys\n"
        "sys.argv = ['mlplan', 'roadmaps', '--json']\n"
        "from mlplan.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 10_000)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "True True"


def test_python_dash_m_mlplan_version():
    result = subprocess.run([sys.executable, "-m", "mlplan", "--version"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("mlplan ")
