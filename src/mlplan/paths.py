"""Where mlplan's files live. Every path is resolved here and nowhere else.

The learner's files live in ``$MLPLAN_HOME`` when it is set (tests and separate
profiles use it), else in platformdirs' user data directory. Bundled roadmaps
ship inside the wheel as ``mlplan/data/roadmaps``; in a source checkout
(editable install) they are read from the top-level ``data/roadmaps`` folder,
which is what the wheel is built from.

Folders mlplan makes for the learner's files are private (0700). A home given
by ``MLPLAN_HOME`` is made only when its parent exists: a missing parent is
more likely an unplugged drive than a wish for new folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from mlplan.errors import MlplanError

_PACKAGE_DIR = Path(__file__).resolve().parent
DATABASE_FILE = "mlplan.db"


def home_dir() -> Path:
    """The folder of the learner's own files (database, imported roadmaps)."""
    override = os.environ.get("MLPLAN_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mlplan", appauthor=False))


def database_path() -> Path:
    """The SQLite file holding plans and progress."""
    return home_dir() / DATABASE_FILE


def user_roadmaps_dir() -> Path:
    """The folder of roadmaps the learner imported."""
    return home_dir() / "roadmaps"


def bundled_roadmaps_dir() -> Path:
    """The folder of the roadmaps that ship with mlplan."""
    installed = _PACKAGE_DIR / "data" / "roadmaps"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parents[1] / "data" / "roadmaps"


def shown() -> dict[str, str]:
    """Every place mlplan uses, by name (what ``mlplan paths`` prints)."""
    return {
        "home": str(home_dir()),
        "database": str(database_path()),
        "user_roadmaps": str(user_roadmaps_dir()),
        "bundled_roadmaps": str(bundled_roadmaps_dir()),
    }


def ready_home(create: bool = False) -> Path:
    """The home folder, checked to be usable; ``create`` makes it when missing."""
    home = home_dir()
    override = bool(os.environ.get("MLPLAN_HOME"))
    where = f"MLPLAN_HOME {home}" if override else f"mlplan's folder {home}"
    fix = "set MLPLAN_HOME to a folder you can write" if override else "or set MLPLAN_HOME to another folder"
    if override and create and not _is_dir(home.parent, where, fix):
        if home.parent.exists():
            raise MlplanError(f"{where}: {home.parent} is a file, not a folder; {fix}")
        raise MlplanError(f"{where}: {home.parent} does not exist (a drive not mounted?); create it or {fix}")
    return _ready_folder(home, create, where, fix)


def ready_roadmaps_dir(create: bool = False) -> Path:
    """The folder of the learner's roadmaps, checked to be usable; ``create`` makes it when missing."""
    ready_home(create)
    folder = user_roadmaps_dir()
    return _ready_folder(folder, create, f"your roadmaps folder {folder}", "move it aside")


def _is_dir(folder: Path, where: str, fix: str) -> bool:
    try:
        return folder.is_dir()
    except OSError as exc:  # a name too long, a loop of links…
        raise MlplanError(f"{where}: cannot be used ({exc.strerror or exc}); {fix}") from exc


def _ready_folder(folder: Path, create: bool, where: str, fix: str) -> Path:
    if _is_dir(folder, where, fix):
        return folder
    if folder.exists() or folder.is_symlink():
        raise MlplanError(f"{where}: is a file, not a folder; {fix}")
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise MlplanError(f"{where}: cannot be created ({exc.strerror or exc}); {fix}") from exc
    return folder
