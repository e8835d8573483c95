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
dataclasses); a schedule and its settings go in and come out as the typed
``plan_data`` classes and are JSON text only inside the file. It imports
nothing heavy, since ``mlplan today`` goes through it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from mlplan.errors import MlplanError
from mlplan.plan_data import Schedule, Settings

APPLICATION_ID = 0x6D6C706C  # "mlpl"
T = TypeVar("T")
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


def _v4(db: sqlite3.Connection) -> None:
    # Spaced reviews. Each review is a "review" event in the log plus the card it
    # leaves behind: reading today's due cards needs no replay of the memory model,
    # and undoing the event's batch brings back the card of the review before it.
    _run(
        db,
        """
        CREATE TABLE reviews (
            event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            card_id TEXT NOT NULL,
            title TEXT NOT NULL,
            prompts_json TEXT NOT NULL,
            rating TEXT NOT NULL,
            card_json TEXT NOT NULL,
            due TEXT NOT NULL
        );
        CREATE INDEX reviews_by_plan ON reviews (plan_id, card_id);
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)
# The tables and columns the migrations make (a test keeps the two in step); a file
# lacking any of them is refused before it is read or written.
SCHEMA = {
    "plans": ("id", "name", "roadmap_id", "roadmap_json", "created_at", "uid"),
    "schedules": ("plan_id", "version", "settings_json", "schedule_json", "created_at"),
    "events": (
        "id",
        "plan_id",
        "kind",
        "item_id",
        "on_date",
        "hours",
        "note",
        "schedule_version",
        "created_at",
        "batch",
        "undoes_batch",
    ),
    "meta": ("key", "value"),
    "reviews": ("event_id", "plan_id", "card_id", "title", "prompts_json", "rating", "card_json", "due"),
}


def now_utc() -> str:
    """The current time as UTC ISO-8601 text, the store's timestamp format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(path: Path, create: bool = False) -> Store:
    """Open (and, with ``create``, make or migrate) the database at ``path``.

    Without ``create`` a missing file is an error telling the learner to start a plan.
    A file mlplan cannot write is opened for reading; changes then say it is read-only.
    """
    if not _existing_database(path):
        if not create:
            raise StoreError("no plan yet: start one with `mlplan start`")
        _create(path)
    folder_writable = os.access(path.parent, os.W_OK)
    read_only = not (folder_writable and os.access(path, os.W_OK))
    # A WAL reader needs the -shm file beside the database; in a folder it cannot
    # write, it can only read the file as it stands (SQLite's "immutable").
    db = connect(path, read_only=read_only, immutable=not folder_writable)
    try:
        _check_and_migrate(db, path, read_only)
    except BaseException:
        db.close()
        raise
    return Store(db, path, read_only)


def connect(path: Path, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection to an existing database file: busy timeout, foreign keys on, rows by name.

    The ``mode=rw``/``ro`` URI keeps SQLite from creating a missing file behind our back.
    """
    uri = path.absolute().as_uri() + ("?mode=ro" if read_only else "?mode=rw") + ("&immutable=1" if immutable else "")
    try:
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc}); it was left untouched") from exc
    db.row_factory = sqlite3.Row
    return db


@contextmanager
def transaction(db: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Run the block as one write transaction (``BEGIN IMMEDIATE``), on a file checked to be sound.

    Taking the write lock first means what the block reads cannot change before it
    writes. A damaged file is refused before anything is written to it.
    """
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the database could not be updated ({exc}); nothing was changed") from exc
    try:
        _check_integrity(db, path)
        yield
    except BaseException as exc:
        db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(f"{path}: the database could not be updated ({exc}); nothing was changed") from exc
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the database could not be updated ({exc}); nothing was changed") from exc


def _damaged(path: Path, what: str) -> StoreError:
    return StoreError(
        f"{path}: not a readable mlplan database ({what}); restore it from a backup, or move it aside "
        "to start afresh — mlplan left it untouched"
    )


def _check_integrity(db: sqlite3.Connection, path: Path) -> None:
    try:
        problem = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    if problem != "ok":
        detail = " ".join(problem.replace("*** in database main ***", "").split())
        raise _damaged(path, f"the integrity check says: {detail}")


def _existing_database(path: Path) -> bool:
    """Is there a database file at ``path``? Anything there that cannot be one is refused as it is."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise StoreError(
                f"{path}: a link to {os.readlink(path)}, which does not exist; fix or remove the link"
            ) from None
        return False
    except OSError as exc:
        raise StoreError(f"{path}: cannot be used ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        if path.is_symlink():
            kind += f" (a link to {os.readlink(path)})"
        raise StoreError(f"{path}: {kind}, so it cannot hold your plans; move it aside — mlplan left it untouched")
    if info.st_size == 0:
        raise StoreError(
            f"{path}: the file is empty (0 bytes), so it holds no plans; if you expected plans there, restore it "
            "from a backup, else delete it to start afresh — mlplan left it untouched"
        )
    return True


def _create(path: Path) -> None:
    """Make a fresh database at ``path``, readable by its owner only.

    It is built beside the target and linked into place, so no process ever sees
    a half-made file at ``path`` (an empty file there is refused as damage), and a
    second mlplan creating it at the same moment simply uses the first one's file.
    """
    building = path.with_name(f".{path.name}.{os.getpid()}.new")
    leftovers = [Path(f"{building}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    try:
        _remove_abandoned_builds(path)
        for leftover in leftovers:  # from a killed process that had our pid
            leftover.unlink(missing_ok=True)
        os.close(os.open(building, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        db = connect(building)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            _migrate(db, building, 0)
        finally:
            db.close()
        try:
            os.link(building, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links (FAT): only a much smaller race is left
            if not path.exists():
                os.replace(building, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the database ({exc.strerror or exc})") from exc
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)


def _remove_abandoned_builds(path: Path) -> None:
    """Delete half-built databases beside ``path`` left by first starts that were killed.

    A build belongs to the process whose pid its name carries; one whose process is
    gone is abandoned. A live pid (another first start at this moment) is left alone.
    """
    prefix = f".{path.name}."
    for name in os.listdir(path.parent):
        pid, _, rest = name.removeprefix(prefix).partition(".")
        if not (name.startswith(prefix) and pid.isdigit() and rest.startswith("new")) or int(pid) == os.getpid():
            continue
        leftover = path.parent / name
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except (PermissionError, OverflowError):  # alive under another user, or no such pid at all
            continue


def _check_and_migrate(db: sqlite3.Connection, path: Path, read_only: bool) -> None:
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: this is not an mlplan database; set MLPLAN_HOME to another folder or move it aside")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer mlplan (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade mlplan — the file was left untouched"
        )
    if version < SCHEMA_VERSION:
        if read_only:
            raise StoreError(
                f"{path}: needs an upgrade to schema {SCHEMA_VERSION} but is read-only; make it (and its folder) "
                "writable and run mlplan again"
            )
        db.execute("PRAGMA journal_mode = WAL")
        _migrate(db, path, version)
    _check_schema(db, path)


def _migrate(db: sqlite3.Connection, path: Path, version: int) -> None:
    for number, migrate in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(db, path):
            # Another process may have migrated while we waited for the lock.
            if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue
            migrate(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {number}")


def _check_schema(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose tables lost what this mlplan reads and writes (a dropped table or column)."""
    try:
        rows = db.execute(
            "SELECT m.name, c.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table'"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    present = {(table, column) for table, column in rows}
    for table, columns in SCHEMA.items():
        missing = [column for column in columns if (table, column) not in present]
        if len(missing) == len(columns):
            raise _damaged(path, f"table '{table}' is missing")
        if missing:
            raise _damaged(path, f"table '{table}' lacks column '{missing[0]}'")


class PlanRow(NamedTuple):
    id: int
    name: str
    roadmap_id: str
    roadmap_json: str
    created_at: str
    uid: str

    def roadmap(self) -> dict[str, Any]:
        """The roadmap snapshot the plan was built from, as plain data."""
        return _json(self.roadmap_json, f"plan '{self.name}': its stored roadmap")


_PLAN_COLUMNS = ", ".join(PlanRow._fields)  # by name: a column added by hand must not break reading


class ScheduleRow(NamedTuple):
    plan_id: int
    version: int
    settings: Settings
    schedule: Schedule
    created_at: str


class ReviewRow(NamedTuple):
    event_id: int
    batch: int
    card_id: str
    title: str
    prompts_json: str
    rating: str
    card_json: str
    due: str
    on_date: str


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


def _json(text: str, what: str) -> Any:
    """Stored JSON text as data; text a damaged file garbled is refused, not a crash."""
    try:
        return json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise StoreError(
            f"{what} is damaged ({exc}); restore the database from a backup or `mlplan delete` that plan"
        ) from None


def _schedule_row(row: sqlite3.Row, path: Path) -> ScheduleRow:
    what = f"{path}: schedule {row['version']} of plan {row['plan_id']}"
    settings = _typed(Settings.from_dict, _json(row["settings_json"], f"{what}: its settings"), f"{what}: its settings")
    schedule = _typed(Schedule.from_dict, _json(row["schedule_json"], what), what)
    return ScheduleRow(row["plan_id"], row["version"], settings, schedule, row["created_at"])


def _typed(read: Callable[[Any], T], data: Any, what: str) -> T:
    """Stored JSON read into its typed class; data of the wrong shape is refused like garbled text."""
    try:
        return read(data)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        problem = f"{exc.args[0]!r} is missing" if isinstance(exc, KeyError) and exc.args else str(exc)
        raise StoreError(
            f"{what} is damaged ({problem}); restore the database from a backup or `mlplan delete` that plan"
        ) from None


class Store:
    """An open mlplan database. Use ``transaction()`` around every change."""

    def __init__(self, db: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All changes inside happen together or not at all."""
        if self.read_only:
            raise StoreError(
                f"{self.path}: the database is read-only, so mlplan can show your plans but not record changes; "
                "make the file and its folder writable — nothing was changed"
            )
        with transaction(self.db, self.path):
            yield self

    # --- plans ---------------------------------------------------------------------------------

    def plans(self) -> list[PlanRow]:
        return [PlanRow(**dict(row)) for row in self._query(f"SELECT {_PLAN_COLUMNS} FROM plans ORDER BY id")]

    def plan(self, name: str) -> PlanRow | None:
        row = self._query(f"SELECT {_PLAN_COLUMNS} FROM plans WHERE name = ?", name)
        return PlanRow(**dict(row[0])) if row else None

    def plan_with_uid(self, uid: str) -> PlanRow | None:
        row = self._query(f"SELECT {_PLAN_COLUMNS} FROM plans WHERE uid = ?", uid)
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

    def add_schedule(self, plan: PlanRow, settings: Settings, schedule: Schedule, created_at: str | None = None) -> int:
        """Store a new schedule version for the plan; returns its version number."""
        row = self._query("SELECT coalesce(max(version), 0) AS v FROM schedules WHERE plan_id = ?", plan.id)
        version = row[0]["v"] + 1
        self.db.execute(
            "INSERT INTO schedules (plan_id, version, settings_json, schedule_json, created_at) VALUES (?, ?, ?, ?, ?)",
            (plan.id, version, json.dumps(settings.to_dict()), json.dumps(schedule.to_dict()), created_at or now_utc()),
        )
        return version

    def schedules(self, plan: PlanRow) -> list[ScheduleRow]:
        """Every schedule of the plan, oldest first (the history survives replans and undos)."""
        rows = self._query("SELECT * FROM schedules WHERE plan_id = ? ORDER BY version", plan.id)
        return [_schedule_row(r, self.path) for r in rows]

    def schedule(self, plan: PlanRow, version: int) -> ScheduleRow:
        rows = self._query("SELECT * FROM schedules WHERE plan_id = ? AND version = ?", plan.id, version)
        if not rows:
            raise StoreError(f"{self.path}: plan '{plan.name}' lacks its schedule {version}; the database is damaged")
        return _schedule_row(rows[0], self.path)

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

    def add_reviews(self, plan: PlanRow, reviews: list[dict[str, Any]], batch: int | None = None) -> int:
        """Record reviews (``card_id``, ``title``, ``prompts``, ``rating``, ``card``, ``due``, ``on_date``) as
        "review" events of ``batch`` (a new batch when None); returns the batch."""
        if batch is None:
            row = self._query("SELECT coalesce(max(batch), 0) AS b FROM events WHERE plan_id = ?", plan.id)
            batch = row[0]["b"] + 1
        for review in reviews:
            cursor = self.db.execute(
                "INSERT INTO events (plan_id, batch, kind, item_id, on_date, note, created_at)"
                " VALUES (?, ?, 'review', ?, ?, ?, ?)",
                (plan.id, batch, review["card_id"], review["on_date"], review["rating"], now_utc()),
            )
            self.db.execute(
                "INSERT INTO reviews (event_id, plan_id, card_id, title, prompts_json, rating, card_json, due)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cursor.lastrowid,
                    plan.id,
                    review["card_id"],
                    review["title"],
                    json.dumps(review["prompts"]),
                    review["rating"],
                    review["card"],
                    review["due"],
                ),
            )
        return batch

    def reviews(self, plan: PlanRow) -> list[ReviewRow]:
        """Every review of the plan's cards, oldest first, with the batch and date of its event."""
        rows = self._query(
            "SELECT r.event_id, e.batch, r.card_id, r.title, r.prompts_json, r.rating, r.card_json, r.due, e.on_date"
            " FROM reviews r JOIN events e ON e.id = r.event_id WHERE r.plan_id = ? ORDER BY r.event_id",
            plan.id,
        )
        return [ReviewRow(**dict(r)) for r in rows]

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
