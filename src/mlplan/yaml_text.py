"""Reading YAML that someone else wrote: roadmap files and Markdown front matter.

Only plain data is built (PyYAML's safe loader, in C when available): a ``!!python/…``
tag never runs anything and is refused by name. Anchors and aliases are allowed, but an
alias is not a copy: a "billion laughs" file of nested aliases loads as a small graph
that every later step (validation, ``str()``, saving) would expand exponentially. So the
loaded data is measured as it would be expanded — each shared list or mapping counted
once per place it appears, memoised so the count itself is linear — and refused when
that passes ``MAX_NODES``.
"""

from __future__ import annotations

from typing import Any

import yaml

from mlplan.errors import RoadmapInvalid

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The largest bundled roadmap expands to ~10,000 nodes and a 5 MB imported one to ~200,000.
MAX_NODES = 2_000_000


def load_yaml(text: str, name: str) -> Any:
    """The data in YAML ``text``; RoadmapInvalid (naming ``name`` and the line) if it is not plain, bounded YAML."""
    return _load(text, name, lenient=False)


def load_front_matter(text: str) -> dict[str, Any]:
    """Markdown front matter as a mapping; {} when it is not YAML or not a mapping.

    A ``!!python/…`` tag or an alias bomb is not ignored: RoadmapInvalid, named ``front matter``.
    """
    data = _load(text, "front matter", lenient=True)
    return data if isinstance(data, dict) else {}


def _load(text: str, name: str, lenient: bool) -> Any:
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
        size = _expanded_size(data, {})
    except RecursionError:
        raise RoadmapInvalid(f"{name}: nested too deeply to be a roadmap") from None
    except yaml.constructor.ConstructorError as exc:
        raise RoadmapInvalid(f"{name}: {_where(exc)}{_tag_problem(exc)}") from exc
    except yaml.YAMLError as exc:
        if lenient:
            return None
        raise RoadmapInvalid(f"{name}: {_where(exc)}not valid YAML ({getattr(exc, 'problem', None) or exc})") from exc
    if size > MAX_NODES:
        raise RoadmapInvalid(
            f"{name}: its aliases (*name) repeat anchored blocks into more than {MAX_NODES:,} values "
            "(an entity-expansion attack?); write the repeated parts out or drop the anchors"
        )
    return data


def _where(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f"line {mark.line + 1}: " if mark else ""


def _tag_problem(exc: yaml.constructor.ConstructorError) -> str:
    problem = exc.problem or str(exc)
    if "tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"the tag {tag} is not allowed: roadmaps are plain YAML (mappings, lists, text, numbers), nothing runs"
    return f"not valid YAML ({problem})"


def _expanded_size(value: Any, seen: dict[int, int]) -> int:
    """How many values ``value`` holds once every alias is written out (shared containers memoised by id)."""
    if not isinstance(value, (dict, list)):
        return 1
    key = id(value)
    if key in seen:
        return seen[key]
    seen[key] = MAX_NODES + 1  # met again while being counted: it contains itself, an endless expansion
    children = value.items() if isinstance(value, dict) else enumerate(value)
    total = 1
    for _, child in children:
        total += _expanded_size(child, seen)
        if total > MAX_NODES:
            break
    seen[key] = total
    return total
