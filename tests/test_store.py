"""The SQLite store: migrations, refusing files it must not touch, and concurrent writers."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

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


def test_migrating_from_the_first_schema_version_keeps_progress(mlplan, clock, isolated_home):
    # A plan made by an mlplan that only knew schema 1: copy today's plan rows into a v1 file.
    assert mlplan("start", "--yes").exit_code == 0
    assert mlplan("done", "w01.t1").exit_code == 0
    current = sqlite3.connect(isolated_home / "mlplan.db")
    plan = current.execute("SELECT * FROM plans").fetchone()
    schedule = current.execute("SELECT * FROM schedules").fetchone()
    current.close()
    (isolated_home / "mlplan.db").unlink()
    for suffix in ("-wal", "-shm"):
        (isolated_home / f"mlplan.db{suffix}").unlink(missing_ok=True)

    old = sqlite3.connect(isolated_home / "mlplan.db", isolation_level=None)
    old.execute("BEGIN")
    store.MIGRATIONS[0](old)
    old.execute(f"PRAGMA application_id = {store.APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO plans VALUES (?, ?, ?, ?, ?)", tuple(plan)[:5])  # v1 plans had no uid
    old.execute("INSERT INTO schedules VALUES (?, ?, ?, ?, ?)", tuple(schedule))
    old.execute("INSERT INTO meta VALUES ('current_plan', ?)", (plan[1],))
    for item in ("w01.t1", "w01.t2"):
        old.execute(
            "INSERT INTO events (plan_id, kind, item_id, on_date, created_at) VALUES (1, 'done', ?,"
            " '2026-11-23', '2026-11-23T18:00:00+00:00')",
            (item,),
        )
    old.execute("COMMIT")
    old.close()

    status = as_json(mlplan("status", "--json"))
    assert status["done_items"] == 2
    db = sqlite3.connect(isolated_home / "mlplan.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert [row[0] for row in db.execute("SELECT batch FROM events ORDER BY id")] == [1, 2]
    assert len(db.execute("SELECT uid FROM plans").fetchone()[0]) == 36  # v3 gave the plan a uid
    db.close()
    assert "Undid done: w01.t2" in mlplan("undo").stdout  # each old event became its own batch
    assert as_json(mlplan("status", "--json"))["done_items"] == 1


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
