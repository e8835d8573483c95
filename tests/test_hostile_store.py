"""Hostile input on the storage side: damaged databases, crafted backups, unusable paths, concurrency.

Every refusal must be one line on stderr, never a traceback, and must leave the
learner's database byte for byte as it was. The input-side corpus (option
values, dates, YAML, control characters, --out) is in test_hostile_input.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlplan import paths, plan_archive, store
from mlplan.cli import app

START = ("start", "--yes", "--start", "2026-11-23", "--tz", "Europe/Paris")


def refused(result, code: int, *fragments: str) -> None:
    """A clean refusal: the exit code, one line on stderr naming what is wrong, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, bytes]:
    """A database with a plan, two items done and one log, and its JSON backup (made once per module)."""
    home = tmp_path_factory.mktemp("saved") / "home"
    runner = CliRunner()
    env = {"MLPLAN_HOME": str(home), "COLUMNS": "120"}
    for args in (START, ("done", "w01.t1"), ("done", "w01.t2"), ("log", "45m", "--note", "reading")):
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code == 0, result.output
    backup = runner.invoke(app, ["export", "json"], env=env).stdout
    return {"db": _settled(home / "mlplan.db"), "backup": backup.encode()}


def _settled(path: Path) -> bytes:
    """The database as one file: whatever is in its write-ahead log moved into it."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path.read_bytes()


@pytest.fixture
def db_path(saved, isolated_home) -> Path:
    """The saved database, copied into this test's home."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    path = isolated_home / "mlplan.db"
    path.write_bytes(saved["db"])
    return path


@pytest.fixture
def backup(saved, tmp_path) -> Callable[[Callable[[dict], object] | None], Path]:
    """Write the saved backup, changed by ``edit``, to a file; returns its path."""

    def write(edit=None) -> Path:
        document = json.loads(saved["backup"])
        if edit is not None:
            edit(document)
        path = tmp_path / "backup.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write


# --- damaged databases -----------------------------------------------------------------------------


def _garbage_at_page(which: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        page_size = int.from_bytes(data[16:18], "big")
        page = which(len(data) // page_size)
        data[(page - 1) * page_size : page * page_size] = b"\xde\xad garbage \xbe\xef " * (page_size // 16)
        path.write_bytes(bytes(data))

    return damage


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        db = sqlite3.connect(path)
        db.execute(statement)
        db.commit()
        db.close()
        _settled(path)

    return damage


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage_header(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(b"\x00garbage" * 12 + data[96:])


DAMAGES = {
    "garbage in page 2": _garbage_at_page(lambda pages: 2),
    "garbage mid-file": _garbage_at_page(lambda pages: pages // 2),
    "garbage in the last page": _garbage_at_page(lambda pages: pages),
    "garbage in the header": _garbage_header,
    "cut in half": _truncate,
    "events table dropped": _sql("DROP TABLE events"),
    "meta table dropped": _sql("DROP TABLE meta"),
    "a column dropped": _sql("ALTER TABLE events DROP COLUMN undoes_batch"),
}
WRITES = {
    "start": START,
    "done": ("done", "w01.t3"),
    "undo": ("undo",),
    "replan": ("replan", "--hours", "8", "--start", "2026-11-30"),
}


@pytest.mark.parametrize("command", WRITES.values(), ids=WRITES.keys())
@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_database_is_never_written_to(mlplan, db_path, damage, command):
    damage(db_path)
    before = db_path.read_bytes()
    result = mlplan(*command)
    refused(result, 1, str(db_path))
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (_sql("DROP TABLE events"), "table 'events' is missing"),
        (_sql("DROP TABLE plans"), "table 'plans' is missing"),
        (_sql("ALTER TABLE events DROP COLUMN undoes_batch"), "table 'events' lacks column 'undoes_batch'"),
        (_garbage_header, "not a readable mlplan database"),
        (
            _sql("UPDATE schedules SET schedule_json = json_remove(schedule_json, '$.weeks[0].days[0].items[0].id')"),
            "schedule 1 of plan 1 is damaged ('id' is missing)",
        ),
        (_sql("UPDATE schedules SET settings_json = '{}'"), "its settings is damaged ('hours_per_week' is missing)"),
        (_sql("UPDATE schedules SET schedule_json = '[]'"), "schedule 1 of plan 1 is damaged"),
    ],
)
@pytest.mark.parametrize("command", [("today",), ("status",), ("plans",)])
def test_reading_a_damaged_database_says_what_is_wrong(mlplan, db_path, damage, says, command):
    damage(db_path)
    before = db_path.read_bytes()
    refused(mlplan(*command), 1, str(db_path), says)
    assert db_path.read_bytes() == before


def test_a_column_added_by_hand_is_no_damage(mlplan, db_path):
    _sql("ALTER TABLE plans ADD COLUMN colour TEXT")(db_path)
    assert mlplan("done", "w01.t3").exit_code == 0
    assert json.loads(mlplan("plans", "--json").stdout)[0]["done_items"] == 3


def test_the_integrity_check_is_quoted_in_one_line(mlplan, db_path):
    _garbage_at_page(lambda pages: pages // 2)(db_path)
    refused(mlplan(*START), 1, "integrity check says", "restore it from a backup", "left it untouched")


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _link_to_dev_null(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/null")


def _dangling_link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent / "gone.db")


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "keep.txt").write_text("mine")


def _someone_elses(path: Path) -> None:
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.commit()
    db.close()


def _newer(path: Path) -> None:
    _sql(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")(path)


NOT_A_DATABASE = {
    "an empty file": (_zero_bytes, "the file is empty (0 bytes)"),
    "a link to /dev/null": (_link_to_dev_null, "not a regular file (a link to /dev/null)"),
    "a dangling link": (_dangling_link, "which does not exist"),
    "a folder": (_a_folder, "a folder, so it cannot hold your plans"),
    "someone else's database": (_someone_elses, "this is not an mlplan database"),
    "a newer mlplan's database": (_newer, "made by a newer mlplan"),
}


def _state(path: Path) -> object:
    """What is at ``path``, followed or not: link target, folder listing or bytes."""
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return ("folder", sorted(p.name for p in path.iterdir()))
    return ("file", path.read_bytes())


@pytest.mark.parametrize("command", [START, ("today",), ("done", "w01.t3"), ("status",)], ids=lambda c: c[0])
@pytest.mark.parametrize(("make", "says"), NOT_A_DATABASE.values(), ids=NOT_A_DATABASE.keys())
def test_what_is_not_a_database_is_neither_read_nor_initialised(mlplan, db_path, make, says, command):
    make(db_path)
    before = _state(db_path)
    refused(mlplan(*command), 1, str(db_path), says)
    assert _state(db_path) == before


def test_import_plan_into_an_empty_file_does_not_initialise_it(mlplan, db_path, backup):
    _zero_bytes(db_path)
    refused(mlplan("import-plan", str(backup())), 1, "the file is empty (0 bytes)")
    assert db_path.read_bytes() == b""


# --- read-only databases ---------------------------------------------------------------------------


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files or folders unwritable: chmod for a user, the immutable flag for root (who ignores modes)."""
    if os.geteuid() != 0:
        modes = [p.stat().st_mode for p in paths]
        for p in paths:
            p.chmod(stat.S_IMODE(p.stat().st_mode) & ~0o222)
        try:
            yield
        finally:
            for p, mode in zip(paths, modes, strict=True):
                p.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", *map(str, paths)]).returncode != 0:
        pytest.skip("cannot make a file read-only for root here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


@pytest.mark.parametrize("folder_too", [False, True], ids=["file", "file and folder"])
def test_a_read_only_database_is_read_and_writes_say_why_they_cannot(mlplan, db_path, folder_too):
    before = db_path.read_bytes()
    with read_only(db_path, *([db_path.parent] if folder_too else [])):
        status = mlplan("status", "--json", "--date", "2026-11-24")
        assert status.exit_code == 0, status.output
        assert json.loads(status.stdout)["done_items"] == 2
        today = mlplan("today", "--date", "2026-11-24")
        assert today.exit_code == 0 and "not readable" not in today.output
        for command in (("done", "w01.t3"), ("undo",), START):
            refused(mlplan(*command), 1, str(db_path), "read-only", "nothing was changed")
            assert db_path.read_bytes() == before


def test_the_database_is_private_to_its_owner(mlplan, isolated_home):
    assert mlplan(*START).exit_code == 0
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((isolated_home / "mlplan.db").stat().st_mode) == 0o600
    assert sorted(p.name for p in isolated_home.iterdir() if p.name.startswith(".")) == []  # no half-made file left


def test_the_schema_check_matches_what_the_migrations_make():
    db = sqlite3.connect(":memory:", isolation_level=None)
    for migrate in store.MIGRATIONS:
        migrate(db)
    made: dict[str, list[str]] = {}
    for table, column in db.execute(
        "SELECT m.name, c.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table'"
    ):
        made.setdefault(table, []).append(column)
    assert {table: sorted(columns) for table, columns in made.items()} == {
        table: sorted(columns) for table, columns in store.SCHEMA.items()
    }


# --- unusable paths --------------------------------------------------------------------------------


def _home_is_a_file(home: Path) -> str:
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("not a folder")
    return "is a file, not a folder"


def _home_too_long(home: Path) -> str:
    os.environ["MLPLAN_HOME"] = str(home.parent / ("x" * 300))
    return "File name too long"


def _home_on_a_missing_mount(home: Path) -> str:
    os.environ["MLPLAN_HOME"] = str(home.parent / "media" / "usb-stick" / "mlplan")
    return "does not exist (a drive not mounted?)"


def _home_under_a_file(home: Path) -> str:
    home.parent.mkdir(parents=True, exist_ok=True)
    (home.parent / "a-file").write_text("x")
    os.environ["MLPLAN_HOME"] = str(home.parent / "a-file" / "mlplan")
    return "a-file is a file, not a folder"


HOMES = {
    "a file": _home_is_a_file,
    "a name too long": _home_too_long,
    "on a missing mount": _home_on_a_missing_mount,
    "under a file": _home_under_a_file,
}


@pytest.mark.parametrize("command", [START, ("import-plan", "BACKUP")], ids=["start", "import-plan"])
@pytest.mark.parametrize("make", HOMES.values(), ids=HOMES.keys())
def test_an_unusable_home_is_named_in_one_line(mlplan, isolated_home, monkeypatch, backup, make, command):
    monkeypatch.setenv("MLPLAN_HOME", str(isolated_home))
    says = make(isolated_home)
    args = [str(backup()) if arg == "BACKUP" else arg for arg in command]
    refused(mlplan(*args), 1, "MLPLAN_HOME", says)
    assert not (isolated_home.parent / "media").exists()  # nothing made on the wrong drive


@pytest.mark.parametrize("command", [("today",), ("roadmaps",)])
def test_reading_through_a_home_that_is_a_file(mlplan, isolated_home, command):
    _home_is_a_file(isolated_home)
    refused(mlplan(*command), 1, f"MLPLAN_HOME {isolated_home}: is a file, not a folder")
    assert isolated_home.read_text() == "not a folder"


def test_an_unwritable_home_is_reported(mlplan, isolated_home, tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    os.environ["MLPLAN_HOME"] = str(parent / "mlplan")
    with read_only(parent):
        refused(mlplan(*START), 1, f"MLPLAN_HOME {parent / 'mlplan'}: cannot be created")
    assert list(parent.iterdir()) == []


@pytest.mark.parametrize(
    "command", [("roadmaps",), START, ("show", "bedrock-24"), ("import", "ROADMAP")], ids=lambda c: c[0]
)
def test_a_roadmaps_folder_that_is_a_file(mlplan, isolated_home, command):
    isolated_home.mkdir(parents=True)
    (isolated_home / "roadmaps").write_text("not a folder")
    roadmap = paths.bundled_roadmaps_dir() / "bedrock-24.yaml"
    args = [*command, "--id", "mine"] if "ROADMAP" in command else list(command)
    args = [str(roadmap) if arg == "ROADMAP" else arg for arg in args]
    refused(mlplan(*args), 1, f"your roadmaps folder {isolated_home / 'roadmaps'}: is a file, not a folder")
    assert (isolated_home / "roadmaps").read_text() == "not a folder"


# --- crafted and damaged backups -------------------------------------------------------------------


def _set(path: str, value: object) -> Callable[[dict], None]:
    """An edit setting ``a.b[0].c`` to ``value`` (a missing key is added)."""

    def edit(document: dict) -> None:
        *parents, last = _steps(path)
        node: object = document
        for step in parents:
            node = node[step]  # type: ignore[index]
        node[last] = value  # type: ignore[index]

    return edit


def _drop(path: str) -> Callable[[dict], None]:
    def edit(document: dict) -> None:
        *parents, last = _steps(path)
        node: object = document
        for step in parents:
            node = node[step]  # type: ignore[index]
        del node[last]  # type: ignore[index,attr-defined]

    return edit


def _steps(path: str) -> list[str | int]:
    return [int(step) if step.isdigit() else step for step in path.replace("[", ".").replace("]", "").split(".")]


def _add_event(event: dict) -> Callable[[dict], None]:
    def edit(document: dict) -> None:
        last = document["events"][-1]
        document["events"].append({**last, "item_id": None, "hours": None, "note": None} | event)

    return edit


SETTINGS = "schedules[0].settings"
PART = "schedules[0].schedule.weeks[0].days[0].items[0]"
CRAFTED = {
    "no plan": (_drop("plan"), "plan: is required"),
    "no uid": (_drop("plan.uid"), "plan.uid: is required"),
    "a bad uid": (_set("plan.uid", "x"), "plan.uid: "),
    "a plan that is a list": (_set("plan", []), "plan: "),
    "no schedules": (_set("schedules", []), "schedules: "),
    "a schedule version gap": (_set("schedules[0].version", 3), "versions must run 1, 2, 3"),
    "an unknown time zone": (_set(f"{SETTINGS}.tz", "Mars/Olympus_Mons"), f"{SETTINGS}.tz: 'Mars/Olympus_Mons'"),
    "a time of day 25:99": (_set(f"{SETTINGS}.at", "25:99"), f"{SETTINGS}.at: '25:99' is not a time"),
    "negative weekly hours": (_set(f"{SETTINGS}.hours_per_week", -5), f"{SETTINGS}.hours_per_week:"),
    "infinite weekly hours": (_set(f"{SETTINGS}.hours_per_week", 1e309), f"{SETTINGS}.hours_per_week:"),
    "a weekday 9": (_set(f"{SETTINGS}.weekdays", [0, 9]), f"{SETTINGS}.weekdays[1]:"),
    "a start date 2026-02-30": (_set(f"{SETTINGS}.start", "2026-02-30"), f"{SETTINGS}.start:"),
    "a start in the year 9999": (_set(f"{SETTINGS}.start", "9999-12-31"), "outside the years 1900 to 9000"),
    "a break ending before it starts": (
        _set(f"{SETTINGS}.breaks", [{"first": "2026-12-24", "last": "2026-12-20"}]),
        "the break ends (2026-12-20) before it starts",
    ),
    "part hours as text": (_set(f"{PART}.hours", "lots"), f"{PART}.hours:"),
    "a part of 30 hours": (_set(f"{PART}.hours", 30), f"{PART}.hours:"),
    "part hours as a number in text": (_set(f"{PART}.hours", "2"), f"{PART}.hours:"),
    "weekly hours as a number in text": (_set(f"{SETTINGS}.hours_per_week", "10"), f"{SETTINGS}.hours_per_week:"),
    "a part of no item": (_set(f"{PART}.id", "w99.nothing"), f"{PART}.id: 'w99.nothing' is not an item"),
    "a schedule without weeks": (_drop("schedules[0].schedule.weeks"), "schedules[0].schedule.weeks: is required"),
    "a replan to a missing schedule": (
        _add_event({"kind": "replan", "batch": 99, "schedule_version": 7}),
        "schedule_version: a replan must name one of the schedules 1 to 1",
    ),
    "an undo of nothing": (_add_event({"kind": "undo", "batch": 99, "undoes_batch": 42}), "undoes_batch:"),
    "an unknown event kind": (_set("events[0].kind", "explode"), "events[0].kind:"),
    "done of an unknown item": (_set("events[0].item_id", "w99.x"), "events[0].item_id: 'w99.x' is not an item"),
    "done without an item": (_set("events[0].item_id", None), "events[0].item_id: a done event needs"),
    "events out of order": (_set("events[0].batch", 50), "events must be in order"),
    "an unknown event field": (_set("events[0].payload", "rm -rf"), "events[0].payload: unknown field"),
    "a roadmap without stages": (_drop("roadmap.stages"), "roadmap.stages: is required"),
    "a roadmap id that differs": (_set("plan.roadmap_id", "bedrock-24"), "plan.roadmap_id:"),
    "a version as text": (_set("version", "1"), "export version '1' is not supported"),
    "a plan name with a newline": (_set("plan.name", "mine\nError: fake"), "plan.name: use letters"),
}


@pytest.mark.parametrize(("edit", "says"), CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_backup_is_refused_before_the_database_is_touched(mlplan, db_path, backup, edit, says):
    before = db_path.read_bytes()
    file = backup(edit)
    refused(mlplan("import-plan", str(file)), 2, str(file), says)
    assert db_path.read_bytes() == before


RAW = {
    "truncated": (lambda text: text[: len(text) // 2], "not JSON (EOF while parsing"),
    "deeply nested": (lambda text: "[" * 100_000 + "]" * 100_000, "not JSON (recursion limit exceeded"),
    "nested inside a field": (
        lambda text: text.replace('"events": [', '"events": [' + "[" * 50_000 + "]" * 50_000 + ",", 1),
        "not JSON (recursion limit exceeded",
    ),
    "key-less": (lambda text: "{}", "not an mlplan plan export"),
    "only the header": (lambda text: '{"format": "mlplan-plan", "version": 1}', "plan: is required"),
    "a list": (lambda text: "[1, 2, 3]", "not an mlplan plan export"),
    "empty": (lambda text: "", "not JSON (EOF while parsing"),
    "NUL bytes": (lambda text: "\x00" * 64, "not JSON ("),
}


@pytest.mark.parametrize(("mangle", "says"), RAW.values(), ids=RAW.keys())
def test_a_damaged_backup_is_refused_in_one_line(mlplan, db_path, saved, tmp_path, mangle, says):
    before = db_path.read_bytes()
    file = tmp_path / "backup.json"
    file.write_text(mangle(saved["backup"].decode()), encoding="utf-8")
    refused(mlplan("import-plan", str(file)), 2, str(file), says)
    assert db_path.read_bytes() == before


def test_import_plan_names_a_bad_name_option_escaped(mlplan, db_path, backup):
    before = db_path.read_bytes()
    refused(mlplan("import-plan", str(backup()), "--name", "x\ny"), 2, "--name 'x\\ny': use letters")
    assert db_path.read_bytes() == before


def test_a_backup_over_the_size_limit_is_refused(mlplan, db_path, backup, monkeypatch):
    monkeypatch.setattr(plan_archive, "MAX_BYTES", 1000)
    file = backup()
    before = db_path.read_bytes()
    refused(mlplan("import-plan", str(file)), 2, "larger than")
    assert db_path.read_bytes() == before


def test_a_backup_with_scattered_batch_numbers_keeps_its_undos(mlplan, isolated_home, backup):
    # Logs migrated from schema 1 number batches by event id, across plans: 5, 6, 9.
    def scatter(document: dict) -> None:
        done1, done2, logged = [e for e in document["events"] if e["kind"] != "review"]  # a card's review left out
        document["events"] = [
            done1 | {"batch": 5},
            done2 | {"batch": 6},
            logged | {"batch": 9},
            logged | {"batch": 11, "kind": "undo", "undoes_batch": 6, "item_id": None, "hours": None, "note": None},
        ]

    result = mlplan("import-plan", str(backup(scatter)))
    assert result.exit_code == 0, result.output
    status = json.loads(mlplan("status", "--json", "--date", "2026-11-24").stdout)
    assert status["done_items"] == 1  # the second done stays undone
    assert mlplan("undo").stdout.startswith("Undid log")  # the next undo is the log, not a batch twice


# --- many writers at once, and a writer killed mid-transaction -------------------------------------


def _mlplan_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mlplan", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_ten_undos_at_once_each_revert_a_different_change(mlplan, db_path):
    # Saved so far: done w01.t1, done w01.t2, a log; eight more changes make eleven.
    for item in ("w01.t3", "w01.t4", "w02.t1", "w02.t2", "w02.t3", "w03.t1", "w03.t2", "w03.t3"):
        assert mlplan("done", item).exit_code == 0
    processes = [_mlplan_process("undo") for _ in range(10)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 10, outputs
    undone = [out.strip() for out, _ in outputs]
    assert all(line.startswith("Undid ") for line in undone), undone
    assert len(set(undone)) == 10  # ten acknowledged undos, ten different changes reverted
    db = sqlite3.connect(db_path)
    reverted = [row[0] for row in db.execute("SELECT undoes_batch FROM events WHERE kind = 'undo'")]
    db.close()
    assert len(reverted) == len(set(reverted)) == 10
    status = json.loads(mlplan("status", "--json", "--date", "2026-11-24").stdout)
    assert (status["done_items"], status["logged_hours"]) == (1, 0)  # only the first change is left


def test_five_first_starts_at_once_share_one_new_database(mlplan, isolated_home):
    processes = [_mlplan_process(*START, "--name", f"plan-{n}") for n in range(5)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 5, outputs
    names = {row["name"] for row in json.loads(mlplan("plans", "--json").stdout)}
    assert names == {f"plan-{n}" for n in range(5)}
    assert sorted(p.name for p in isolated_home.iterdir() if p.name.startswith(".")) == []


def test_a_first_start_clears_half_built_databases_of_killed_starts_but_not_of_running_ones(mlplan, isolated_home):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=60)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        isolated_home.mkdir(mode=0o700, parents=True, exist_ok=True)
        abandoned = [isolated_home / f".mlplan.db.{gone.pid}.new{suffix}" for suffix in ("", "-wal")]
        in_progress = isolated_home / f".mlplan.db.{running.pid}.new"
        for leftover in [*abandoned, in_progress]:
            leftover.write_bytes(b"half a database")
        assert mlplan(*START).exit_code == 0
        assert [p.name for p in abandoned if p.exists()] == []
        assert in_progress.read_bytes() == b"half a database"
    finally:
        running.kill()
        running.wait(timeout=60)


def test_twenty_writers_at_once_lose_nothing(mlplan, db_path):
    processes = [_mlplan_process("log", "15m", "--note", f"writer {n}") for n in range(20)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 20, outputs
    db = sqlite3.connect(db_path)
    notes = {row[0] for row in db.execute("SELECT note FROM events WHERE kind = 'log'")}
    batches = [row[0] for row in db.execute("SELECT batch FROM events WHERE kind = 'log' ORDER BY id")]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    assert notes == {"reading"} | {f"writer {n}" for n in range(20)}
    assert len(batches) == len(set(batches))  # each command its own batch, so each can be undone alone


KILLED_WRITER = """
import sys, time
from mlplan import plans

store = plans.open_plans()
plan = plans.resolve_plan(store, None)
for n in range(1, 1000):
    with store.transaction():
        store.append(plan, [{"kind": "log", "hours": 0.25, "on_date": "2026-11-24", "note": f"write {n}"}])
        print(f"inside {n}", flush=True)
        time.sleep(0.2 if n >= 4 else 0)  # the parent kills it here, before the commit
    print(f"acknowledged {n}", flush=True)
"""


def test_a_writer_killed_mid_transaction_leaves_a_sound_file_with_every_acknowledged_change(mlplan, db_path):
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    acknowledged = 0
    for line in child.stdout:
        if line.startswith("acknowledged"):
            acknowledged = int(line.split()[1])
        if line.strip() == "inside 4":
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL and acknowledged == 3

    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    notes = [row[0] for row in db.execute("SELECT note FROM events WHERE note LIKE 'write %' ORDER BY id")]
    db.close()
    assert notes == ["write 1", "write 2", "write 3"]  # the last acknowledged change is there, the killed one not
    assert mlplan("undo").stdout.startswith("Undid log")  # and the file takes new changes
