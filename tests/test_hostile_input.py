"""Hostile and careless input on the command line: refused in one line, with nothing changed.

Every case runs against a learner who already has a plan, and checks what the
learner would notice: the exit code (2 for a usage error), one ``Error:`` line
that names the value and the fix, no traceback, and a database file that is
byte for byte what it was.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from mlplan import paths

ROADMAP = "zero-to-engineer-16w"
HUGE = "9" * 400

# (arguments, exit code, what the one error line must say)
CASES: list[tuple[list[str], int, str]] = [
    # numbers that are not numbers, in every numeric option
    (["plan", ROADMAP, "--hours", "nan"], 2, "--hours nan: not a number of hours"),
    (["plan", ROADMAP, "--hours", "inf"], 2, "--hours inf: not a number of hours or a duration; give 15 min to 100 h"),
    (["plan", ROADMAP, "--hours", "-inf"], 2, "--hours -inf: not a number of hours or a duration"),
    (["plan", ROADMAP, "--hours", "1e309"], 2, "--hours 1e309: not a number of hours or a duration"),
    (["plan", ROADMAP, "--hours", "-0"], 2, "--hours -0: less than 15 min"),
    (["plan", ROADMAP, "--hours", "-3"], 2, "--hours -3: less than 15 min"),
    (["plan", ROADMAP, "--hours", HUGE], 2, "more than 100 h a week"),
    (["plan", ROADMAP, "--hours", "0.1"], 2, "--hours 0.1: less than 15 min"),
    (["start", "--hours", "nan", "--yes"], 2, "--hours nan: not a number of hours"),
    (["replan", "--hours", "inf"], 2, "--hours inf: not a number of hours or a duration"),
    (["plan", ROADMAP, "--daily-cap", "nan"], 2, "--daily-cap nan: not a number of hours"),
    (["plan", ROADMAP, "--daily-cap", "inf"], 2, "--daily-cap inf: not a number of hours or a duration; give 15 min"),
    (["plan", ROADMAP, "--daily-cap", "-0"], 2, "--daily-cap -0: less than 15 min"),
    (["plan", ROADMAP, "--daily-cap", "25"], 2, "--daily-cap 25: more than 24 h a day"),
    (["replan", "--daily-cap", "1e309"], 2, "--daily-cap 1e309: not a number of hours or a duration"),
    (["plan", ROADMAP, "--days", "mon=nan"], 2, "--days mon=nan: not a number of hours"),
    (["plan", ROADMAP, "--days", "mon=inf"], 2, "--days mon=inf: not a number of hours"),
    (["plan", ROADMAP, "--days", "mon=1e309"], 2, "--days mon=1e309: not a number of hours"),
    (["plan", ROADMAP, "--days", "mon=-0"], 2, "--days mon=-0: less than 15 min; give 15 min to 24 h a day"),
    (["plan", ROADMAP, "--days", f"mon={HUGE}"], 2, "more than 24 h a day; give 15 min to 24 h a day, like mon=1.5"),
    (["plan", ROADMAP, "--days", "mon=200"], 2, "--days mon=200: more than 24 h a day"),
    (["plan", ROADMAP, "--days", "mon=1_0"], 2, "--days mon=1_0: not a number of hours"),
    (["start", "--days", "tue=25", "--yes"], 2, "--days tue=25: more than 24 h a day"),
    (["replan", "--days", "mon=-1"], 2, "--days mon=-1: less than 15 min"),
    (["plan", ROADMAP, "--min-part", "nan"], 2, "--min-part nan: not a duration"),
    (["plan", ROADMAP, "--min-part", f"{HUGE}h"], 2, "more than 24 h; give 15 min to 24 h"),
    (["plan", ROADMAP, "--min-part", "0m"], 2, "--min-part 0m: less than 15 min"),
    (["replan", "--keep-end", "--max-hours", "nan"], 2, "--max-hours nan: not a number of hours"),
    (["replan", "--keep-end", "--max-hours", "inf"], 2, "--max-hours inf: not a number of hours or a duration"),
    (["replan", "--keep-end", "--max-hours", "-0"], 2, "--max-hours -0: less than 15 min"),
    (["export", "ics", "--weeks", HUGE], 2, "'--weeks'"),
    (["export", "ics", "--weeks", "99999999999999999999"], 2, "not in the range 1<=x<=2615"),
    (["export", "ics", "--weeks", "0"], 2, "not in the range 1<=x<=2615"),
    (["export", "ics", "--alarm", "nan"], 2, "--alarm nan: not a duration"),
    (["export", "ics", "--alarm", f"{HUGE}m"], 2, "more than 168 h; give 1 min to 168 h"),
    (["export", "ics", "--alarm", "0m"], 2, "--alarm 0m: less than 1 min"),
    (["export", "ics", "--alarm", "15"], 2, "--alarm 15: not a duration such as 90m"),
    (["log", "nan"], 2, "nan: not a duration"),
    (["log", f"{HUGE}h"], 2, "more than 24 h; give 1 min to 24 h"),
    (["log", "0m"], 2, "0m: less than 1 min"),
    (["week", HUGE], 2, "is not in the plan; give a week number from 1 to"),
    (["week", "99999999999999999999"], 2, "give a week number from 1 to"),
    (["export", "checklist", "--week", "0"], 2, "give a week number from 1 to"),
    # impossible availability
    (["plan", ROADMAP, "--hours", "100", "--days", "mon,tue"], 2, "at most 48 h a week; add study days"),
    (
        ["plan", ROADMAP, "--hours", "20", "--days", "mon,tue", "--daily-cap", "2"],
        2,
        "--hours 20 on 2 study days is more than they hold (--daily-cap 2 h): at most 4 h a week",
    ),
    (["plan", ROADMAP, "--days", "mon=4,sat=2", "--daily-cap", "3"], 2, "--days mon=4 is more than --daily-cap 3 h"),
    (["plan", ROADMAP, "--days", "mon-sun=15"], 2, "--days mon-sun=15: 105 h a week is more than 100 h"),
    (["plan", ROADMAP, "--days", "mon-fri,wed"], 2, "wed is given twice"),
    (["plan", ROADMAP, "--days", "mon-fir"], 2, "unknown weekday 'fir' in --days; did you mean fri?"),
    # dates at the edges of the calendar
    (["plan", ROADMAP, "--start", "9999-12-31"], 2, "--start 9999-12-31: out of range; give a date from 1900-01-01"),
    (["plan", ROADMAP, "--start", "9999-12-20"], 2, "out of range; give a date from 1900-01-01 to 9899-12-31"),
    (["plan", ROADMAP, "--start", "0001-01-01"], 2, "--start 0001-01-01: out of range"),
    (["plan", ROADMAP, "--start", "1899-12-31"], 2, "--start 1899-12-31: out of range"),
    (["plan", ROADMAP, "--start", "10000-01-01"], 2, "--start 10000-01-01: not a date"),
    (["start", "--start", "9999-12-31", "--yes"], 2, "--start 9999-12-31: out of range"),
    (["plan", ROADMAP, "--by", "9999-12-31"], 2, "--by 9999-12-31: out of range"),
    (["plan", ROADMAP, "--off", "0001-01-01..2026-12-31"], 2, "--off 0001-01-01: out of range"),
    (["plan", ROADMAP, "--off", "1900-01-01..9899-12-31"], 2, "longer than a plan can last (50 years)"),
    (["plan", ROADMAP, "--break", "9999-12-31"], 2, "--break 9999-12-31: out of range"),
    (["today", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["today", "--date", "0001-01-01"], 2, "--date 0001-01-01: out of range"),
    (["week", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["status", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["log", "1h", "--date", "0001-01-01"], 2, "--date 0001-01-01: out of range"),
    (["replan", "--from-date", "9999-12-31"], 2, "--from-date 9999-12-31: out of range"),
    (["replan", "--from-date", "9999-12-20"], 2, "--from-date 9999-12-20: out of range"),
    (["replan", "--by", "9999-12-31"], 2, "--by 9999-12-31: out of range"),
    (["replan", "--break", "1800-01-01..2026-12-01"], 2, "--break 1800-01-01: out of range"),
    (["export", "ics", "--from-date", "9999-12-31"], 2, "--from-date 9999-12-31: out of range"),
    (["export", "ics", "--from-date", "0001-01-01"], 2, "--from-date 0001-01-01: out of range"),
    (["done", "w01.t1", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["skip", "w01.t1", "--date", "1899-12-31"], 2, "--date 1899-12-31: out of range"),
    (["calendar", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["calendar", "--weeks", "0"], 2, "'--weeks'"),
    (["calendar", "--weeks", HUGE], 2, "'--weeks'"),
    (["status", "--date", "0001-01-01"], 2, "--date 0001-01-01: out of range"),
    # every other command, with what a careless hand types
    (["done", "nope"], 2, "unknown"),
    (["done", "w01.t1#99"], 2, "w01.t1#99"),
    (["skip", "\x00"], 2, "unknown"),
    (["reopen", "zz.top"], 2, "unknown"),
    (["undo", "--plan", "nope"], 2, "unknown plan 'nope'"),
    (["history", "--plan", "nope"], 2, "unknown plan 'nope'"),
    (["log", "1h", "nope.item"], 2, "nope.item"),
    (["status", "--svg", "-"], 2, "--svg needs a file name"),
    (["switch", "nope"], 2, "unknown plan 'nope'"),
    (["delete", "nope", "--yes"], 2, "unknown plan 'nope'"),
    (["delete", ROADMAP], 2, "add --yes to confirm"),
    (["plans", "--bogus"], 2, "No such option: --bogus"),
    (["paths", "--bogus"], 2, "No such option: --bogus"),
    (["show", "nope"], 2, "unknown roadmap 'nope'"),
    (["roadmaps", "export", "nope"], 2, "unknown roadmap 'nope'"),
    (["roadmaps", "remove", ROADMAP], 2, "is a bundled roadmap"),
    (["import", "/nonexistent/roadmap.md"], 2, "/nonexistent/roadmap.md: no such file"),
    (["import", "/dev/null"], 2, "the file is empty"),
    (["import-plan", "/nonexistent/backup.json"], 2, "/nonexistent/backup.json: no such file"),
    (["import-plan", "/dev/null"], 2, "not JSON"),
    (["start", "nope-roadmap", "--yes"], 2, "unknown roadmap 'nope-roadmap'"),
    (["plan", ROADMAP, "--from", "nope"], 2, "unknown unit 'nope'"),
    (["replan", "--at", "25:00"], 2, "--at 25:00: write the time as HH:MM"),
    (["replan", "--tz", "Mars/Olympus"], 2, "--tz Mars/Olympus: unknown time zone"),
    (["export", "json", "--out", "/nonexistent/backup.json"], 2, "the folder /nonexistent does not exist"),
    (["export", "ics", "--out", "/"], 2, "/ is a folder; give --out the name of a file inside it"),
    (["status", "--svg", "/"], 2, "/ is a folder; give --svg the name of a file inside it"),
    (["roadmaps", "export", ROADMAP, "--out", "/"], 2, "/ is a folder"),
]


@pytest.fixture(scope="module")
def saved_home(tmp_path_factory) -> Path:
    """A home with one started plan, made once and copied into each test's home."""
    from typer.testing import CliRunner

    from mlplan import clock
    from mlplan.cli import app

    home = tmp_path_factory.mktemp("hostile") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLPLAN_HOME", str(home))
        patch.setattr(clock, "today", lambda: __import__("datetime").date(2026, 11, 23))
        result = CliRunner().invoke(app, ["start", "--yes"])
    assert result.exit_code == 0, result.output
    return home


@pytest.fixture
def learner(saved_home, isolated_home, clock) -> Path:
    """The test's home holding a copy of the started plan; returns the database path."""
    shutil.copytree(saved_home, isolated_home)
    return paths.database_path()


def _files(home: Path) -> dict[str, bytes]:
    """Every file of the learner's home; an empty write-ahead log counts as none, the shared-memory index not at all."""
    files = {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}
    return {name: data for name, data in files.items() if not name.endswith("-shm") and (data or "-wal" not in name)}


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_refused_in_one_line_with_nothing_changed(mlplan, learner, isolated_home, args, code, message):
    before = _files(isolated_home)
    result = mlplan(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert _files(isolated_home) == before


def test_hours_round_to_the_nearest_quarter_with_a_note(mlplan):
    result = mlplan("plan", ROADMAP, "--hours", "7.3", "--json")
    assert result.exit_code == 0, result.output
    assert "Note: --hours 7.3: rounded to 7.25 h (the nearest quarter hour)" in result.stderr
    assert json.loads(result.stdout)["hours_per_week"] == 7.25


def test_logged_time_and_alarms_round_to_the_minute_with_a_note(mlplan, learner):
    result = mlplan("log", "7.5m")
    assert result.exit_code == 0, result.output
    assert "Logged 8 min" in result.stdout
    assert "Note: 7.5m: rounded to 8 min (the nearest minute)" in result.stderr
    alarm = mlplan("export", "ics", "--alarm", "0.6m")
    assert alarm.exit_code == 0, alarm.output
    assert "Note: --alarm 0.6m: rounded to 1 min" in alarm.stderr and "TRIGGER:-PT1M" in alarm.stdout


def test_day_hours_round_too(mlplan):
    result = mlplan("plan", ROADMAP, "--days", "mon=1.1,sat=2h10m", "--json")
    assert result.exit_code == 0, result.output
    assert "--days mon=1.1: rounded to 1 h" in result.stderr
    assert "--days sat=2h10m: rounded to 2.25 h" in result.stderr
    assert json.loads(result.stdout)["hours_per_week"] == 3.25


@pytest.mark.parametrize(
    ("days", "study"),
    [
        ("mon-fri", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
        ("sat-sun", ["Sat", "Sun"]),
        ("fri-mon", ["Mon", "Fri", "Sat", "Sun"]),
        ("mon-wed,sat", ["Mon", "Tue", "Wed", "Sat"]),
    ],
)
def test_days_take_ranges(mlplan, clock, days, study):
    result = mlplan("plan", ROADMAP, "--days", days, "--json")
    assert result.exit_code == 0, result.output
    weekdays = {
        __import__("datetime").date.fromisoformat(day["date"]).strftime("%a")
        for week in json.loads(result.stdout)["weeks"]
        for day in week["days"]
    }
    assert sorted(weekdays, key=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].index) == study


def test_a_range_with_hours_gives_each_day_those_hours(mlplan, clock):
    result = mlplan("plan", ROADMAP, "--days", "mon-wed=2,sat=4", "--json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["weeks"][0]["days"]
    assert [day["hours"] for day in first] == [2, 2, 2, 4]


def test_a_daily_cap_on_the_default_hours_says_the_real_weekly_hours(mlplan, clock):
    result = mlplan("plan", ROADMAP, "--daily-cap", "1", "--json")
    assert result.exit_code == 0, result.output
    assert "your 5 study days hold 5 h a week, so the plan uses that (not 10 h)" in result.stderr
    weeks = json.loads(result.stdout)["weeks"]
    assert all(day["hours"] <= 1 for week in weeks for day in week["days"])
    assert sum(day["hours"] for day in weeks[1]["days"]) == 5


def test_a_daily_cap_on_replan_lowers_the_plans_hours_with_a_note(mlplan, learner):
    result = mlplan("replan", "--daily-cap", "1.5")
    assert result.exit_code == 0, result.output
    assert "hold 7.5 h a week, so the plan uses that (not 10 h)" in result.stderr
    today = json.loads(mlplan("status", "--json").stdout)
    assert today["hours_per_week"] == 7.5


def test_the_latest_start_date_still_plans(mlplan):
    result = mlplan("plan", ROADMAP, "--start", "9899-12-31", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["end"].startswith("9900-")


def test_a_plan_never_runs_past_the_calendar():
    from datetime import date

    from mlplan.errors import UsageError
    from mlplan.scheduler import Availability, StudyItem, build_schedule

    items = [StudyItem(f"i{n}", "item", 2.0, "u") for n in range(20)]
    with pytest.raises(UsageError, match=r"run past the end of the calendar \(9999-12-31\)"):
        build_schedule(items, Availability(hours_per_week=2, start=date(9999, 11, 1)))


# --- where exports go -----------------------------------------------------------------------------


def _export(mlplan, out: Path | str, *more: str):
    return mlplan("export", "checklist", "--out", str(out), *more)


def test_out_naming_a_folder_says_it_is_a_folder(mlplan, learner, tmp_path):
    result = _export(mlplan, tmp_path, "--force")
    assert result.exit_code == 2
    expected = f"Error: {tmp_path} is a folder; give --out the name of a file inside it"
    assert result.stderr.strip() == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/plan.md", "the folder {tmp}/missing does not exist"),
        ("x" * 300 + ".md", "the name is too long"),
        ("file.md/plan.md", "a part of the path is a file, not a folder"),
    ],
)
def test_out_names_that_cannot_be_written(mlplan, learner, tmp_path, name, message):
    (tmp_path / "file.md").write_text("mine")
    result = _export(mlplan, tmp_path / name)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: cannot write ") and message.format(tmp=tmp_path) in line
    assert (tmp_path / "file.md").read_text() == "mine"


def test_a_full_device_is_a_write_failure_and_stays_a_device(mlplan, learner):
    full = Path("/dev/full")
    if not full.is_char_device():
        pytest.skip("no /dev/full here")
    result = _export(mlplan, full, "--force")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: cannot write /dev/full: No space left on device"
    assert "Wrote" not in result.output
    assert full.is_char_device()


def test_a_pipe_nobody_reads_is_an_error_not_a_hang(mlplan, learner, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = _export(mlplan, pipe)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: cannot write {pipe}: nothing is reading that pipe"
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_pipe_with_a_reader_gets_the_export(mlplan, learner, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    try:
        for _ in range(200):  # until cat has the pipe open; a refused export changes nothing
            result = _export(mlplan, pipe)
            if result.exit_code == 0:
                break
            threading.Event().wait(0.02)
        received = reader.communicate(timeout=10)[0]
    finally:
        reader.kill()
    assert result.exit_code == 0, result.output
    assert received.startswith(b"# Study plan")


def test_a_socket_is_never_replaced(mlplan, learner, tmp_path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = _export(mlplan, path, "--force")
    finally:
        server.close()
    assert result.exit_code == 2
    assert "is not a regular file (a socket); choose another --out" in result.stderr
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_new_exports_follow_the_umask(mlplan, learner, tmp_path):
    old = os.umask(0o027)
    try:
        result = _export(mlplan, tmp_path / "plan.md")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "plan.md").stat().st_mode) == 0o640


def test_force_keeps_the_replaced_files_mode_and_follows_links(mlplan, learner, tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("old")
    target.chmod(0o604)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = _export(mlplan, link, "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text().startswith("# Study plan")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


# --- terminal escapes and markup in roadmaps ------------------------------------------------------

ESC_TITLE = "Evil \x1b]0;pwned\x07title\x1b[2J with \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202edone"


def _hostile_roadmap(tmp_path: Path, url: str = "https://example.org/page") -> Path:
    """A roadmap whose texts carry ANSI/OSC sequences, bidi overrides and line breaks."""
    item = {
        "id": "u1.i1",
        "kind": "task",
        "title": f"Item {ESC_TITLE}",
        "hours": 2,
        "estimated": False,
        "details": "line one\n\x1b[31mline two\x1b[0m",
        "resources": [{"title": "Res \x1b[5mblink", "url": url, "kind": "article"}],
    }
    unit = {"id": "u1", "title": "Unit\x1b[1m one", "outcomes": ["Out\x1b[2Kcome"], "items": [item]}
    data = {
        "id": "hostile",
        "title": ESC_TITLE,
        "source": "somewhere\nid: injected",
        "summary": "sum\x07mary",
        "stages": [{"id": "s1", "title": "Stage\r\x1b[A one", "units": [unit]}],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    return path


def test_control_characters_never_reach_a_view_an_export_or_the_saved_file(mlplan, clock, tmp_path, isolated_home):
    imported = mlplan("import", str(_hostile_roadmap(tmp_path)))
    assert imported.exit_code == 0, imported.output
    saved = (isolated_home / "roadmaps" / "hostile.yaml").read_text(encoding="utf-8")
    title = "Evil ]0;pwnedtitle[2J with ]8;;https://evil.example\\link]8;;\\ done"
    assert saved.splitlines()[0] == f"# mlplan roadmap: {title}"
    assert saved.splitlines()[1] == "# Source: somewhere id: injected"
    shown = json.loads(mlplan("show", "hostile", "--json").stdout)
    assert shown["source"] == "somewhere id: injected"
    assert shown["stages"][0]["units"][0]["items"][0]["details"] == "line one\n[31mline two[0m"
    assert mlplan("start", "hostile", "--yes").exit_code == 0
    outputs = [
        mlplan(*args)
        for args in (
            ["roadmaps"],
            ["roadmaps", "--json"],
            ["show", "hostile"],
            ["plan", "hostile"],
            ["roadmaps", "export", "hostile"],
            ["today"],
            ["today", "--json"],
            ["week"],
            ["week", "--markdown"],
            ["status"],
            ["plans"],
            ["export", "checklist"],
            ["export", "ics"],
            ["export", "json"],
        )
    ]
    for result in outputs:
        assert result.exit_code == 0, result.output
        text = result.output
        assert not any(c in text for c in "\x1b\x07\r\u202e"), (result, text)
    assert "Evil" in outputs[0].output


def test_a_saved_roadmap_reads_back_exactly(mlplan, tmp_path, isolated_home):
    assert mlplan("import", str(_hostile_roadmap(tmp_path)), "--title", "Two\nlines: yes\x1b[2J").exit_code == 0
    first = mlplan("show", "hostile", "--json").stdout
    assert json.loads(first)["title"] == "Two lines: yes[2J"
    exported = tmp_path / "again.yaml"
    assert mlplan("roadmaps", "export", "hostile", "--out", str(exported)).exit_code == 0
    assert mlplan("import", str(exported), "--force").exit_code == 0
    assert mlplan("show", "hostile", "--json").stdout == first


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/page\n",
        "https://example.org/<script>alert(1)</script>",
        'https://example.org/a"onmouseover="x',
        "https://example.org/a b",
        "https://example.org/\x1b[2J",
        "javascript:alert(1)",
        "ftp://example.org/file",
    ],
)
def test_resource_urls_must_be_plain_web_addresses(mlplan, tmp_path, isolated_home, url):
    result = mlplan("import", str(_hostile_roadmap(tmp_path, url)))
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "stages[0].units[0].items[0].resources[0].url: must be an http(s) address without spaces" in line
    assert "\x1b" not in result.stderr
    assert not (isolated_home / "roadmaps").exists()


def test_a_checklist_never_carries_html_from_a_stored_url():
    from mlplan.checklist import week_markdown

    item = {"id": "a.b", "title": "t", "hours": 1, "done": False, "skipped": False, "part": 1, "parts": 1}
    item |= {"moved": False, "moved_to": None}
    item["resources"] = [{"title": "r", "url": 'https://x.org/<script>")x (y)'}]
    view = {"index": 1, "start": "2026-11-23", "end": "2026-11-29", "done_hours": 0, "planned_hours": 1}
    view |= {"moved_hours": 0, "days": [{"date": "2026-11-23", "hours": 1, "items": [item]}], "units": []}
    text = week_markdown(view, "p")
    assert "[r](https://x.org/%3Cscript%3E%22%29x%20%28y%29)" in text
    assert "<" not in text.replace("\\<", "")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "\x1b]0;pwned\x07"],
        ["start", "--name", "a\x1b[2J", "--yes"],
        ["start", "--name", "ml\n", "--yes"],
        ["switch", "\x1b[31mred"],
        ["plan", ROADMAP, "--days", "mon,\x1b[2J"],
        ["today", "--plan", "\x9b2J"],
    ],
)
def test_error_messages_show_control_characters_escaped(mlplan, learner, isolated_home, args):
    before = _files(isolated_home)
    result = mlplan(*args)
    assert result.exit_code == 2, result.output
    assert not any(c in result.stderr for c in "\x1b\x07\x9b")
    assert "\\x1b" in result.stderr or "\\x9b" in result.stderr or "\\n" in result.stderr
    assert all(line.startswith("Error: ") for line in result.stderr.strip().splitlines())
    assert _files(isolated_home) == before


def test_a_restored_backup_and_a_logged_note_carry_no_control_characters(mlplan, learner, tmp_path):
    assert mlplan("log", "1h", "--note", "focus\x1b]0;pwned\x07\nnext").exit_code == 0
    backup = json.loads(mlplan("export", "json").stdout)
    backup["roadmap"]["title"] = "Backup \x1b[2Jtitle"
    backup["schedules"][0]["schedule"]["weeks"][0]["days"][0]["items"][0]["title"] = "Part \x1b[31mred"
    backup["events"][-1]["note"] = "note \x9b2J"
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup), encoding="utf-8")
    result = mlplan("import-plan", str(path), "--name", "restored")
    assert result.exit_code == 0, result.output
    for args in (["today", "--plan", "restored"], ["week", "1", "--plan", "restored"], ["log"], ["plans"]):
        shown = mlplan(*args)
        assert shown.exit_code == 0, shown.output
        assert not any(c in shown.output for c in "\x1b\x07\x9b"), shown.output
    exported = mlplan("export", "json", "--plan", "restored").stdout
    assert "Backup [2Jtitle" in exported and "Part [31mred" in exported and "note 2J" in exported
    assert "focus]0;pwned next" in mlplan("export", "json").stdout


def test_a_roadmap_file_named_with_escapes_is_skipped_with_the_name_escaped(mlplan, tmp_path, isolated_home):
    folder = isolated_home / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "\x1b[2Jx.yaml").write_text(_hostile_roadmap(tmp_path).read_text(), encoding="utf-8")
    result = mlplan("roadmaps")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "Warning: skipping your roadmap" in result.stderr and "\\x1b[2Jx.yaml" in result.stderr


def test_one_line_takes_out_every_break_and_control_character_even_on_its_quick_path():
    # one_line skips the cleaning for text str.isprintable() accepts: it must agree with the cleaning everywhere
    from mlplan.safe_text import _BREAK_OR_TAB, _CONTROL, one_line

    def cleaned(text):
        return _CONTROL.sub("", _BREAK_OR_TAB.sub(" ", text))

    differ = [c for c in map(chr, range(0x110000)) if one_line(f"a{c}b") != cleaned(f"a{c}b")]
    assert differ == []
    assert one_line("a\tb\x1b[2Jc\u202e") == "a b[2Jc"


def test_weeks_options_allow_every_week_of_the_longest_plan():
    from mlplan.cli import MAX_WEEKS
    from mlplan.scheduler import MAX_PLAN_DAYS

    assert MAX_WEEKS == MAX_PLAN_DAYS // 7 + 1  # weeks count from the plan's first day
