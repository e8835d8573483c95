"""Bringing a learner's own roadmap in: mlplan YAML or a Markdown document.

Decides which reader a file needs (by its extension, else by its content),
applies ``--id`` and ``--title``, and returns a validated Roadmap. Saving it
is the catalog's job; this module never writes.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from mlplan.errors import RoadmapInvalid
from mlplan.models import Roadmap

YAML_SUFFIXES = {".yaml", ".yml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".txt"}


def read_roadmap(
    text: str, name: str, roadmap_id: str | None = None, title: str | None = None, skipped: list[Any] | None = None
) -> Roadmap:
    """The roadmap in ``text`` (named ``name`` in errors), with ``--id``/``--title`` applied.

    Given a ``skipped`` list, a Markdown import appends what it left out (YAML leaves nothing out).
    """
    if "\x00" in text:
        raise RoadmapInvalid(f"{name}: a binary file, not a roadmap (give a Markdown or YAML text file)")
    if not text.strip():
        raise RoadmapInvalid(f"{name}: the file is empty")
    if _is_yaml(text, name):
        from mlplan.roadmap_file import parse_roadmap

        roadmap = parse_roadmap(text, name)
        return _override(roadmap, roadmap_id, title, name)
    from mlplan.markdown_import import import_markdown
    from mlplan.sources import is_link, link_base

    if is_link(name):
        return import_markdown(text, name, roadmap_id, title, skipped=skipped, links_base=link_base(name))
    return import_markdown(text, PurePath(name).name, roadmap_id, title, skipped=skipped)


def _is_yaml(text: str, name: str) -> bool:
    suffix = PurePath(name).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return True
    if suffix in MARKDOWN_SUFFIXES:
        return False
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.constructor.ConstructorError:
        return True  # YAML with a tag such as !!python/object: the YAML reader says why it is refused
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and "stages" in data


def _override(roadmap: Roadmap, roadmap_id: str | None, title: str | None, name: str) -> Roadmap:
    if roadmap_id is None and title is None:
        return roadmap
    from mlplan.roadmap_file import validated

    data = roadmap.model_dump(mode="json")
    data.update({key: value for key, value in (("id", roadmap_id), ("title", title)) if value is not None})
    return validated(Roadmap, data, name, first_only=True, prefix="--")
