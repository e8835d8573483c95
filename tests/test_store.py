"""The SQLite store: migrations, refusing files it must not touch, and concurrent writers."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mlplan import store


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_new_database_has_the_current_schema(mlplan, clock, isolated_home):
    assert mlplan("start", "--yes").exit_code == 0
    db = sqlite3.connect(isolated_home / "mlplan.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    assert {"batch", "undoes_batch", "kind", "item_id", "on_date", "hours"} <= columns


FROZEN = Path(__file__).parent / "fixtures" / "databases"


def frozen_database(isolated_home: Path, schema: int) -> Path:
    """A database file an older mlplan wrote (kept as bytes in tests/fixtures/databases), in place in the home.

    Both hold a zero-to-engineer-16w plan started Mon 23 Nov 2026 with w01.t1 and w01.t3 done that day.
    """
    isolated_home.mkdir(parents=True, exist_ok=True)
    path = isolated_home / "mlplan.db"
    shutil.copyfile(FROZEN / f"mlplan-schema-{schema}.db", path)
    return path


@pytest.mark.parametrize("schema", [1, 3])
def test_a_database_from_an_older_schema_is_migrated_and_keeps_its_progress(mlplan, clock, isolated_home, schema):
    path = frozen_database(isolated_home, schema)
    before = sqlite3.connect(path)
    events = before.execute("SELECT id, plan_id, kind, item_id, on_date FROM events ORDER BY id").fetchall()
    before.close()

    status = as_json(mlplan("status", "--json"))
    assert (status["plan"], status["done_items"], status["done_hours"]) == ("zero-to-engineer-16w", 2, 5.0)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert db.execute("SELECT id, plan_id, kind, item_id, on_date FROM events ORDER BY id").fetchall() == events
    assert [row[0] for row in db.execute("SELECT batch FROM events ORDER BY id")] == [1, 2]  # one batch each
    assert len(db.execute("SELECT uid FROM plans").fetchone()[0]) == 36  # schema 3 gave the plan a uid
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(store.SCHEMA) <= tables
    db.close()

    assert "Undid done: w01.t3" in mlplan("undo").stdout
    assert as_json(mlplan("status", "--json"))["done_items"] == 1
    clock.set("2026-11-24")
    assert mlplan("done", "w01.t2").exit_code == 0  # a concept: its card is stored
    assert [c["id"] for c in as_json(mlplan("reviews", "--json"))["cards"]] == ["w01.t2"]


@pytest.mark.parametrize("command", [["today"], ["status"], ["start", "--yes"], ["done", "w01.t1"], ["plans"]])
def test_a_corrupt_file_is_refused_and_left_as_it_was(mlplan, isolated_home, command):
    isolated_home.mkdir(parents=True)
    path = isolated_home / "mlplan.db"
    garbage = b"this is not sqlite, it is a learner's file that got damaged\x00\x01" * 100
    path.write_bytes(garbage)
    result = mlplan(*command)
    assert result.exit_code == 1, result.output
    assert str(path) in result.stderr and "left it untouched" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in isolated_home.iterdir()) == ["mlplan.db"]


def make_foreign_db(path, user_version=0, application_id=0):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('my own data')")
    db.execute(f"PRAGMA user_version = {user_version}")
    db.execute(f"PRAGMA application_id = {application_id}")
    db.commit()
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [["today"], ["start", "--yes"]])
def test_a_database_from_a_newer_mlplan_is_refused_untouched(mlplan, isolated_home, command):
    isolated_home.mkdir(parents=True)
    path = isolated_home / "mlplan.db"
    before = make_foreign_db(path, user_version=store.SCHEMA_VERSION + 5, application_id=store.APPLICATION_ID)
    result = mlplan(*command)
    assert result.exit_code == 1
    assert "made by a newer mlplan" in result.stderr and "upgrade mlplan" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", [["today"], ["start", "--yes"]])
def test_someone_elses_database_is_refused_untouched(mlplan, isolated_home, command):
    isolated_home.mkdir(parents=True)
    path = isolated_home / "mlplan.db"
    before = make_foreign_db(path, user_version=3)
    result = mlplan(*command)
    assert result.exit_code == 1
    assert f"{path}: this is not an mlplan database" in result.stderr
    assert path.read_bytes() == before


def test_ten_processes_marking_items_at_once_all_land(mlplan, clock):
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    ids = [f"m01.c{n}" for n in range(1, 6)] + [f"m01.r{n}" for n in range(1, 4)] + ["m01.project", "m02.c1"]
    env = {**os.environ}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "mlplan", "done", item_id], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for item_id in ids
    ]
    results = [p.communicate(timeout=60) + (p.returncode,) for p in processes]
    assert [code for _, _, code in results] == [0] * 10, results
    status = as_json(mlplan("status", "--json"))
    assert status["done_items"] == 10
    for _ in ids:  # ten separate changes, each undoable
        assert mlplan("undo").stdout.startswith("Undid done")
    assert as_json(mlplan("status", "--json"))["done_items"] == 0
