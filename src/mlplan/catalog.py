"""The catalog of roadmaps a learner can plan with: finding, loading and suggesting ids.

All roadmap loading goes through here, so every command sees the same set of
roadmaps and the same error for an unknown id. A roadmap file is named after
its id (``<id>.yaml``), which lets the catalog list ids without parsing files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlplan.errors import RoadmapInvalid, UsageError
from mlplan.models import Roadmap
from mlplan.paths import bundled_roadmaps_dir
from mlplan.roadmap_file import load_roadmap_file
from mlplan.suggest import unknown_message


@dataclass(frozen=True)
class CatalogEntry:
    """A roadmap file the catalog knows about, before it is parsed."""

    id: str
    path: Path
    origin: str  # "bundled" (more origins arrive with user imports)

    @property
    def shown_as(self) -> str:
        """How error messages name the file."""
        return f"data/roadmaps/{self.path.name}" if self.origin == "bundled" else str(self.path)


def entries() -> list[CatalogEntry]:
    """Every known roadmap, sorted by id."""
    folder = bundled_roadmaps_dir()
    return [CatalogEntry(p.stem, p, "bundled") for p in sorted(folder.glob("*.yaml"))]


def ids() -> list[str]:
    """Every known roadmap id."""
    return [entry.id for entry in entries()]


def find(roadmap_id: str) -> CatalogEntry:
    """The entry for ``roadmap_id``; an unknown id raises a UsageError naming the closest ids."""
    known = entries()
    for entry in known:
        if entry.id == roadmap_id:
            return entry
    raise UsageError(unknown_message("roadmap", roadmap_id, [e.id for e in known], "mlplan roadmaps"))


def load(roadmap_id: str) -> Roadmap:
    """Load and validate one roadmap by id."""
    return load_entry(find(roadmap_id))


def load_entry(entry: CatalogEntry) -> Roadmap:
    """Load and validate the roadmap of a catalog entry."""
    roadmap = load_roadmap_file(entry.path, entry.shown_as)
    if roadmap.id != entry.id:
        raise RoadmapInvalid(f"{entry.shown_as}: id: is '{roadmap.id}' but the file name says '{entry.id}'")
    return roadmap


def load_all() -> list[Roadmap]:
    """Load and validate every roadmap in the catalog."""
    return [load_entry(entry) for entry in entries()]
