"""What people and scripts read: text taken literally, tables that fit, JSON with one type per key."""

from __future__ import annotations

import json

import pytest
import yaml

TITLE = "[/] Odd [bold]titles[/bold] [Optional]"


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def bracketed(mlplan, tmp_path):
    """bedrock-24 imported as 'odd', with square brackets (rich markup) in every kind of title."""
    data = yaml.safe_load(mlplan("roadmaps", "export", "bedrock-24").stdout)
    data["id"] = "odd"
    data["title"] = TITLE
    data["stages"] = data["stages"][:1]
    stage = data["stages"][0]
    stage["title"] = "[Stage] one [/]"
    unit = stage["units"][0]
    unit["title"] = "[Unit] [red]one[/red]"
    unit["outcomes"] = ["[Outcome] [/]"]
    item = unit["items"][0]
    item["title"] = "[Item] [/] first"
    item["checklist"] = ["[Deliverable] [/]"]
    path = tmp_path / "odd.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mlplan("import", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_titles_with_square_brackets_are_printed_as_written_in_every_view(mlplan, clock, bracketed):
    views = {
        "roadmaps": mlplan("roadmaps"),
        "show": mlplan("show", "odd"),
        "plan": mlplan("plan", "odd"),
        "dry run": mlplan("import", str(bracketed), "--id", "odd2", "--dry-run"),
        "start": mlplan("start", "odd", "--yes"),
    }
    views |= {
        "today": mlplan("today"),
        "week": mlplan("week"),
        "status": mlplan("status"),
        "replan": mlplan("replan"),
        "plans": mlplan("plans"),
        "log": mlplan("log", "1h", "m01.c1", "--note", "[/] read [bold]twice[/bold]"),
    }
    views["history"] = mlplan("history")
    for name, result in views.items():
        assert result.exit_code == 0, f"{name}: {result.output}"
    for name in ("roadmaps", "show", "plan", "dry run", "start", "replan"):
        assert TITLE in views[name].stdout, name
    for name in ("show", "plan", "dry run", "week"):
        assert "[Unit] [red]one[/red]" in views[name].stdout, name
    for name in ("show", "dry run", "status"):
        assert "[Stage] one [/]" in views[name].stdout, name
    for name in ("show", "dry run", "today", "week", "start"):
        assert "[Item] [/] first" in views[name].stdout, name
    assert "[Outcome] [/]" in views["week"].stdout
    assert "[Deliverable] [/]" in views["week"].stdout
    assert "[/] read [bold]twice[/bold]" in views["history"].stdout
    assert "[Item] [/] first" in views["history"].stdout


LONG_NAME = "a-plan-name-long-enough-to-be-cut-in-a-table-at-80-columns-x"[:60]


@pytest.mark.parametrize("columns", ["80", None], ids=["80 columns", "piped"])
def test_roadmaps_and_plans_never_cut_names_or_titles(mlplan, clock, monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS")
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert mlplan("start", "bedrock-24", "--yes", "--name", LONG_NAME).exit_code == 0
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0

    listed = mlplan("roadmaps")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    for row in as_json(mlplan("roadmaps", "--json")):
        assert any(row["id"] in line and row["title"] in line for line in lines), row["title"]
    assert "…" not in listed.stdout

    plans = mlplan("plans")
    lines = plans.stdout.splitlines()
    assert any(LONG_NAME in line for line in lines)
    assert any(line.startswith("* zero-to-engineer-16w") for line in lines)
    assert "…" not in plans.stdout


def test_a_wide_console_keeps_the_tables(mlplan, clock, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    assert "┃ id" in mlplan("roadmaps").stdout
    assert "┃ name" in mlplan("plans").stdout


def test_week_is_one_table_by_weekday_with_aligned_columns(mlplan, clock):
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0
    text = mlplan("week").stdout
    assert "Week 1 · Mon 23 Nov – Sun 29 Nov" in text
    rows = [line for line in text.splitlines() if "[ ]" in line and "w01." in line]
    assert [row.split()[0] for row in rows if not row.startswith(" ")] == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert len({row.index("[ ]") for row in rows}) == 1
    assert len({row.index("w01.") for row in rows}) == 1


def test_counts_of_one_are_singular(mlplan, clock):
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0
    assert mlplan("done", "w01.t1").exit_code == 0
    status = mlplan("status").stdout
    assert "Streak   1 study day\n" in status
    clock.set("2026-11-25")
    status = mlplan("status").stdout
    assert "behind the plan (1 study day)" in status
    assert "Streak   0 study days" in status


@pytest.mark.parametrize(
    ("count", "noun", "many", "words"),
    [
        (1, "item", None, "1 item"),
        (0, "item", None, "0 items"),
        (2.5, "hour", None, "2.5 hours"),
        (1, "study day", None, "1 study day"),
        (3, "match", "matches", "3 matches"),
    ],
)
def test_plural(count, noun, many, words):
    from mlplan.wording import plural

    assert plural(count, noun, many) == words


def test_top_level_help_gives_each_command_its_whole_first_sentence(mlplan, monkeypatch):
    from typer.main import get_command

    from mlplan.cli import app

    monkeypatch.setenv("COLUMNS", "80")
    text = mlplan("--help").stdout
    commands = text.split("Commands:")[1]
    assert "..." not in commands
    flat = " ".join(commands.split())
    for name, command in get_command(app).commands.items():
        first = command.get_short_help_str(limit=10_000)
        assert f"{name} {first}" in flat, name


def test_replan_help_says_options_keep_the_plans_settings(mlplan):
    text = " ".join(mlplan("replan", "--help").stdout.split())
    for option in ("--hours", "--days", "--daily-cap", "--min-part", "--at", "--tz"):
        after = text.split(f"{option} <")[1].split(" --")[0]
        assert "(default: the plan's)" in after, option
    assert "default 10" not in text and "default mon-fri" not in text
    assert "added to the plan's" in text.split("--off <")[1].split(" --")[0]


def test_shell_completion_can_be_shown_and_installed(mlplan, monkeypatch, tmp_path):
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    shown = mlplan("--show-completion", "bash")
    assert shown.exit_code == 0, shown.output
    assert "_MLPLAN_COMPLETE=complete_bash" in shown.stdout
    installed = mlplan("--install-completion", "bash")
    assert installed.exit_code == 0, installed.output
    assert "_MLPLAN_COMPLETE=complete_bash" in (tmp_path / ".bash_completions" / "mlplan.sh").read_text()
    assert ".bash_completions/mlplan.sh" in (tmp_path / ".bashrc").read_text()


def test_completion_offers_commands(monkeypatch, capsys):
    from mlplan.cli import app

    monkeypatch.setenv("_MLPLAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "mlplan sta")
    monkeypatch.setenv("COMP_CWORD", "1")
    with pytest.raises(SystemExit) as exited:
        app(prog_name="mlplan", args=[])
    assert exited.value.code == 0
    assert capsys.readouterr().out.split() == ["start", "status"]


READ_ONLY = [
    ["today"],
    ["today", "--json"],
    ["status"],
    ["status", "--json"],
    ["week"],
    ["week", "2"],
    ["calendar"],
    ["paths"],
    ["paths", "--json"],
    ["plans"],
    ["plans", "--json"],
    ["roadmaps"],
    ["show", "bedrock-24"],
    ["plan", "bedrock-24"],
    ["export", "ics"],
    ["export", "checklist"],
    ["export", "json"],
    ["undo"],
    ["switch", "x"],
    ["delete", "x", "--yes"],
]


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
@pytest.mark.parametrize("home_exists", [False, True], ids=["no home", "empty home"])
def test_read_only_commands_never_create_the_database_or_its_folder(mlplan, isolated_home, args, home_exists):
    if home_exists:
        isolated_home.mkdir()
    result = mlplan(*args)
    assert "Traceback" not in result.output
    assert isolated_home.exists() == home_exists
    assert not (isolated_home / "mlplan.db").exists()
    if home_exists:
        assert list(isolated_home.iterdir()) == []


def _numbers_by_key(data, found, key="(top)"):
    """Every number in ``data`` with the key it sits under: {key: {type names}}."""
    if isinstance(data, dict):
        for k, v in data.items():
            _numbers_by_key(v, found, k)
    elif isinstance(data, list):
        for v in data:
            _numbers_by_key(v, found, key)
    elif isinstance(data, int | float) and not isinstance(data, bool):
        found.setdefault(key, set()).add(type(data).__name__)


def test_json_numbers_have_one_type_per_key_and_hours_are_floats(mlplan, clock, tmp_path):
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0
    assert mlplan("done", "w01.t1").exit_code == 0
    assert mlplan("log", "45m", "w01.t2").exit_code == 0
    clock.set("2026-11-26")
    outputs = [
        mlplan("roadmaps", "--json"),
        mlplan("show", "bedrock-24", "--json"),
        mlplan("plan", "complete-course-15", "--json"),
        mlplan("plan", "bedrock-24", "--by", "2027-12-31", "--json"),
        mlplan("today", "--json"),
        mlplan("week", "--json"),
        mlplan("week", "16", "--json"),
        mlplan("status", "--json"),
        mlplan("status", "--json", "--chart", "--calendar"),
        mlplan("calendar", "--json"),
        mlplan("plans", "--json"),
        mlplan("export", "json"),
    ]
    found: dict[str, set[str]] = {}
    for result in outputs:
        _numbers_by_key(as_json(result), found)
    mixed = {key: types for key, types in found.items() if len(types) > 1}
    assert mixed == {}
    ints_for_hours = {key for key, types in found.items() if "hours" in key and types != {"float"}}
    assert ints_for_hours == set()


def test_status_titles_a_plan_by_its_name_and_its_roadmap_only_when_they_differ(mlplan, clock):
    assert mlplan("start", "--yes").exit_code == 0
    title = mlplan("status").stdout.splitlines()[0].strip()
    assert title == "zero-to-engineer-16w"
    assert mlplan("start", "bedrock-24", "--yes", "--name", "evenings").exit_code == 0
    title = mlplan("status", "--plan", "evenings").stdout.splitlines()[0].strip()
    assert title == "evenings · bedrock-24"
