"""Where mlplan's files live. Every path is resolved here and nowhere else.

The learner's files live in ``$MLPLAN_HOME`` when it is set (tests and separate
profiles use it), else in platformdirs' user data directory. Bundled roadmaps
ship inside the wheel as ``mlplan/data/roadmaps``; in a source checkout
(editable install) they are read from the top-level ``data/roadmaps`` folder,
which is what the wheel is built from.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def home_dir() -> Path:
    """The folder of the learner's own files (database, imported roadmaps)."""
    override = os.environ.get("MLPLAN_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mlplan", appauthor=False))


def database_path() -> Path:
    """The SQLite file holding plans and progress."""
    return home_dir() / "mlplan.db"


def user_roadmaps_dir() -> Path:
    """The folder of roadmaps the learner imported."""
    return home_dir() / "roadmaps"


def bundled_roadmaps_dir() -> Path:
    """The folder of the roadmaps that ship with mlplan."""
    installed = _PACKAGE_DIR / "data" / "roadmaps"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parents[1] / "data" / "roadmaps"
