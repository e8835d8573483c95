"""The SQLite store: plans, their schedules and the progress log, in one file.

The file is the learner's only copy of their progress, so:

* the schema is versioned with ``PRAGMA user_version`` and grown by an ordered
  list of migrations, each applied with its version bump in one transaction;
  a file from a newer mlplan, a damaged file or someone else's database is
  refused before anything is written to it;
* ``PRAGMA application_id`` marks the file as mlplan's;
* connections use WAL and a busy timeout, and every command's changes go
  through ``transaction`` (``BEGIN IMMEDIATE``), so two commands at the same
  moment queue up instead of failing or losing a write;
* progress is an append-only log of events grouped in batches (one batch per
  command); undo appends an event naming the batch it reverts.

This module speaks plain rows (named tuples, cheaper to define than
dataclasses) and JSON text; it imports nothing heavy, since ``mlplan today``
goes through it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from mlplan.errors import MlplanError

APPLICATION_ID = 0x6D6C706C  # "mlpl"
BUSY_TIMEOUT_MS = 10_000


class StoreError(MlplanError):
    """The database cannot be used as it is; the message names the file and what to do."""


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            roadmap_id TEXT NOT NULL,
            roadmap_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE schedules (
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            settings_json TEXT NOT NULL,
            schedule_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (plan_id, version)
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            item_id TEXT,
            on_date TEXT,
            hours REAL,
            note TEXT,
            schedule_version INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    )


def _v2(db: sqlite3.Connection) -> None:
    # Events are grouped per command so undo can revert `done a b c` at once;
    # older events each become their own batch.
    _run(
        db,
        """
        ALTER TABLE events ADD COLUMN batch INTEGER;
        ALTER TABLE events ADD COLUMN undoes_batch INTEGER;
        UPDATE events SET batch = id;
        CREATE INDEX events_by_plan ON events (plan_id, id);
        """,
    )


def _v3(db: sqlite3.Connection) -> None:
    # Calendar exports need an id for a plan that survives renames and moves between machines.
    import uuid

    db.execute("ALTER TABLE plans ADD COLUMN uid TEXT")
    for (plan_id,) in db.execute("SELECT id FROM plans").fetchall():
        db.execute("UPDATE plans SET uid = ? WHERE id = ?", (str(uuid.uuid4()), plan_id))


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


def now_utc() -> str:
    """The current time as UTC ISO-8601 text, the store's timestamp format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(path: Path, create: bool = False) -> Store:
    """Open (and, with ``create``, make or migrate) the database at ``path``.

    Without ``create`` a missing file is an error telling the learner to start a plan.
    """
    if not path.exists() and not create:
        raise StoreError("no plan yet: start one with `mlplan start`")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc
    db.row_factory = sqlite3.Row
    try:
        _check_and_migrate(db, path, create)
    except BaseException:
        db.close()
        raise
    return Store(db, path)


def _check_and_migrate(db: sqlite3.Connection, path: Path, create: bool) -> None:
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: not a readable mlplan database ({exc}); move it aside to start afresh, "
            "or restore it from a backup — mlplan left it untouched"
        ) from exc
    if app_id != APPLICATION_ID and (tables or version):
        raise StoreError(f"{path}: this is not an mlplan database; set MLPLAN_HOME to another folder or move it aside")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer mlplan (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade mlplan — the file was left untouched"
        )
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if version == SCHEMA_VERSION:
        return
    if version == 0 and not create:
        raise StoreError("no plan yet: start one with `mlplan start`")
    db.execute("PRAGMA journal_mode = WAL")
    for number, migrate in enumerate(MIGRATIONS[version:], start=version + 1):
        with _immediate(db):
            # Another process may have migrated while we waited for the lock.
            if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue
            migrate(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {number}")


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class PlanRow(NamedTuple):
    id: int
    name: str
    roadmap_id: str
    roadmap_json: str
    created_at: str
    uid: str

    def roadmap(self) -> dict[str, Any]:
        """The roadmap snapshot the plan was built from, as plain data."""
        return json.loads(self.roadmap_json)


class ScheduleRow(NamedTuple):
    plan_id: int
    version: int
    settings: dict[str, Any]
    schedule: dict[str, Any]
    created_at: str


class Event(NamedTuple):
    id: int
    batch: int
    kind: str
    item_id: str | None
    on_date: str | None
    hours: float | None
    note: str | None
    schedule_version: int | None
    undoes_batch: int | None
    created_at: str


def _schedule_row(row: sqlite3.Row) -> ScheduleRow:
    return ScheduleRow(
        row["plan_id"],
        row["version"],
        json.loads(row["settings_json"]),
        json.loads(row["schedule_json"]),
        row["created_at"],
    )


class Store:
    """An open mlplan database. Use ``transaction()`` around every change."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All changes inside happen together or not at all."""
        try:
            with _immediate(self.db):
                yield self
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the database could not be updated ({exc}); nothing was changed") from exc

    # --- plans ---------------------------------------------------------------------------------

    def plans(self) -> list[PlanRow]:
        return [PlanRow(**dict(row)) for row in self._query("SELECT * FROM plans ORDER BY id")]

    def plan(self, name: str) -> PlanRow | None:
        row = self._query("SELECT * FROM plans WHERE name = ?", name)
        return PlanRow(**dict(row[0])) if row else None

    def plan_with_uid(self, uid: str) -> PlanRow | None:
        row = self._query("SELECT * FROM plans WHERE uid = ?", uid)
        return PlanRow(**dict(row[0])) if row else None

    def add_plan(
        self, name: str, roadmap_id: str, roadmap_json: str, uid: str | None = None, created_at: str | None = None
    ) -> PlanRow:
        import uuid

        self.db.execute(
            "INSERT INTO plans (name, roadmap_id, roadmap_json, created_at, uid) VALUES (?, ?, ?, ?, ?)",
            (name, roadmap_id, roadmap_json, created_at or now_utc(), uid or str(uuid.uuid4())),
        )
        plan = self.plan(name)
        assert plan is not None
        return plan

    def delete_plan(self, plan: PlanRow) -> None:
        self.db.execute("DELETE FROM plans WHERE id = ?", (plan.id,))
        if self.current_plan_name() == plan.name:
            self.db.execute("DELETE FROM meta WHERE key = 'current_plan'")

    def current_plan_name(self) -> str | None:
        row = self._query("SELECT value FROM meta WHERE key = 'current_plan'")
        return row[0]["value"] if row else None

    def set_current_plan(self, name: str) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES ('current_plan', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (name,),
        )

    # --- schedules -----------------------------------------------------------------------------

    def add_schedule(
        self, plan: PlanRow, settings: dict[str, Any], schedule: dict[str, Any], created_at: str | None = None
    ) -> int:
        """Store a new schedule version for the plan; returns its version number."""
        row = self._query("SELECT coalesce(max(version), 0) AS v FROM schedules WHERE plan_id = ?", plan.id)
        version = row[0]["v"] + 1
        self.db.execute(
            "INSERT INTO schedules (plan_id, version, settings_json, schedule_json, created_at) VALUES (?, ?, ?, ?, ?)",
            (plan.id, version, json.dumps(settings), json.dumps(schedule), created_at or now_utc()),
        )
        return version

    def schedules(self, plan: PlanRow) -> list[ScheduleRow]:
        """Every schedule of the plan, oldest first (the history survives replans and undos)."""
        rows = self._query("SELECT * FROM schedules WHERE plan_id = ? ORDER BY version", plan.id)
        return [_schedule_row(r) for r in rows]

    def schedule(self, plan: PlanRow, version: int) -> ScheduleRow:
        rows = self._query("SELECT * FROM schedules WHERE plan_id = ? AND version = ?", plan.id, version)
        return _schedule_row(rows[0])

    # --- the progress log ----------------------------------------------------------------------

    def append(self, plan: PlanRow, events: list[dict[str, Any]]) -> int:
        """Append one command's events as a batch; returns the batch number."""
        row = self._query("SELECT coalesce(max(batch), 0) AS b FROM events WHERE plan_id = ?", plan.id)
        batch = row[0]["b"] + 1
        created = now_utc()
        self.db.executemany(
            "INSERT INTO events (plan_id, batch, kind, item_id, on_date, hours, note, schedule_version,"
            " undoes_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    plan.id,
                    batch,
                    e["kind"],
                    e.get("item_id"),
                    e.get("on_date"),
                    e.get("hours"),
                    e.get("note"),
                    e.get("schedule_version"),
                    e.get("undoes_batch"),
                    e.get("created_at") or created,
                )
                for e in events
            ],
        )
        return batch

    def events(self, plan: PlanRow) -> list[Event]:
        rows = self._query(
            "SELECT id, batch, kind, item_id, on_date, hours, note, schedule_version, undoes_batch, created_at"
            " FROM events WHERE plan_id = ? ORDER BY id",
            plan.id,
        )
        return [Event(**dict(r)) for r in rows]

    def _query(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the database cannot be read ({exc}); it was left untouched") from exc
