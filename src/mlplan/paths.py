"""Where mlplan's files live. Every path is resolved here and nowhere else.

Bundled roadmaps ship inside the wheel as ``mlplan/data/roadmaps``; in a
source checkout (editable install) they are read from the top-level
``data/roadmaps`` folder, which is what the wheel is built from.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_roadmaps_dir() -> Path:
    """The folder of the roadmaps that ship with mlplan."""
    installed = _PACKAGE_DIR / "data" / "roadmaps"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parents[1] / "data" / "roadmaps"
