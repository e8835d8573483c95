"""The catalog of roadmaps a learner can plan with: finding, loading and suggesting ids.

All roadmap loading goes through here, so every command sees the same set of
roadmaps and the same error for an unknown id. Two folders feed it: the bundled
roadmaps and the learner's own (imported) ones; a bundled id can never be taken
by a user roadmap. A roadmap file is named after its id (``<id>.yaml``), which
lets the catalog list ids without parsing files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mlplan.errors import ChoiceError, MlplanError, RoadmapInvalid, UsageError
from mlplan.models import Roadmap
from mlplan.paths import bundled_roadmaps_dir, ready_roadmaps_dir
from mlplan.roadmap_file import dump_roadmap, load_roadmap_file
from mlplan.suggest import unknown_message


@dataclass(frozen=True)
class CatalogEntry:
    """A roadmap file the catalog knows about, before it is parsed."""

    id: str
    path: Path
    origin: str  # "bundled" or "user"

    @property
    def shown_as(self) -> str:
        """How error messages name the file."""
        return f"data/roadmaps/{self.path.name}" if self.origin == "bundled" else str(self.path)


def entries() -> list[CatalogEntry]:
    """Every known roadmap: the bundled ones, then the learner's, each sorted by id."""
    bundled = [CatalogEntry(p.stem, p, "bundled") for p in sorted(bundled_roadmaps_dir().glob("*.yaml"))]
    taken = {entry.id for entry in bundled}
    user_dir = ready_roadmaps_dir()
    user = [CatalogEntry(p.stem, p, "user") for p in sorted(user_dir.glob("*.yaml")) if p.stem not in taken]
    return bundled + user


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


def overviews(skipped: list[tuple[CatalogEntry, RoadmapInvalid]] | None = None) -> list[dict[str, object]]:
    """Every roadmap's overview (``Roadmap.overview``) and origin, in catalog order.

    A broken bundled roadmap is an error; a broken one of the learner's is left
    out, and added to ``skipped`` with its error, so one bad import never hides
    the others.
    """
    rows = []
    for entry in entries():
        try:
            rows.append(load_entry(entry).overview() | {"origin": entry.origin})
        except RoadmapInvalid as exc:
            if entry.origin == "bundled":
                raise
            if skipped is not None:
                skipped.append((entry, exc))
    return rows


def load_all() -> list[Roadmap]:
    """Load and validate every roadmap in the catalog."""
    return [load_entry(entry) for entry in entries()]


def save_user_roadmap(roadmap: Roadmap, force: bool = False) -> Path:
    """Write ``roadmap`` into the learner's roadmap folder; an existing id needs ``force``, a bundled one is refused."""
    from mlplan.output_file import write_output

    existing = next((entry for entry in entries() if entry.id == roadmap.id), None)
    if existing is not None and existing.origin == "bundled":
        raise ChoiceError(
            "'{roadmap}' is a bundled roadmap and cannot be replaced; import with another {id}", roadmap=roadmap.id
        )
    if existing is not None and not force:
        raise ChoiceError(
            "a roadmap '{roadmap}' exists ({path}); add {force} to replace it or give {id}",
            roadmap=roadmap.id,
            path=existing.path,
        )
    folder = ready_roadmaps_dir(create=True)
    path = write_output(dump_roadmap(roadmap), str(folder / f"{roadmap.id}.yaml"), force=True)
    assert path is not None
    return path


def remove_user_roadmap(roadmap_id: str, used_by: Callable[[str], list[str]] | None = None) -> Path:
    """Delete one of the learner's roadmaps (plans keep their own snapshot).

    With ``used_by`` (the names of the plans made from a roadmap), one a plan was
    made from is refused; without it (forced) it is removed all the same.
    """
    entry = find(roadmap_id)
    if entry.origin == "bundled":
        raise UsageError(f"'{roadmap_id}' is a bundled roadmap; only your own roadmaps can be removed")
    users = used_by(roadmap_id) if used_by is not None else []
    if users:
        raise ChoiceError(
            "plan {users} uses '{roadmap}'; add {force} to remove it anyway (the plan keeps its own copy)",
            users=", ".join(users),
            roadmap=roadmap_id,
        )
    try:
        entry.path.unlink()
    except OSError as exc:
        raise MlplanError(f"cannot remove {entry.path}: {exc.strerror or exc}") from exc
    return entry.path
