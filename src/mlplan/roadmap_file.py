"""Reading and writing roadmap YAML files.

Validation errors become one line per problem, ``file: path.to.field: what is
wrong``, so a learner editing a roadmap sees exactly where to look.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from mlplan import yaml_writer
from mlplan.collector import collector_paused
from mlplan.errors import RoadmapInvalid, UsageError
from mlplan.models import Roadmap
from mlplan.yaml_text import load_yaml

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

ModelT = TypeVar("ModelT", bound=BaseModel)

_HEADER = """\
# mlplan roadmap: {title}
# Source: {source}
# Hours marked "estimated: true" follow mlplan's estimation rule (see README,
# "How hours are estimated"); the others are stated by the source.
"""


def load_roadmap_file(path: Path, shown_as: str | None = None) -> Roadmap:
    """Read and validate a roadmap YAML file; errors name ``shown_as`` (default: the path)."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RoadmapInvalid(f"{name}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RoadmapInvalid(f"{name}: not UTF-8 text") from exc
    return parse_roadmap(text, name)


MAX_PROBLEMS = 5  # a file with many problems usually has one mistake repeated: show the first few


def parse_roadmap(text: str, name: str) -> Roadmap:
    """Validate YAML text as a roadmap; ``name`` prefixes every error."""
    with collector_paused():  # a large roadmap's data and models: see mlplan.collector
        return _parse_roadmap(text, name)


def _parse_roadmap(text: str, name: str) -> Roadmap:
    data = load_yaml(text, name)
    if not isinstance(data, dict):
        raise RoadmapInvalid(f"{name}: expected a mapping with id, title, stages… at the top level")
    if data.get("source") is None:  # a hand-written roadmap's source is the file it came from
        data["source"] = name if "://" in name else PurePath(name).name
    return validated(Roadmap, data, name)


def validated(
    model: type[ModelT],
    data: Any,
    name: str,
    *,
    error: type[UsageError] = RoadmapInvalid,
    first_only: bool = False,
    prefix: str = "",
) -> ModelT:
    """``data`` as ``model``, or ``error`` with one ``name: path: problem`` line per problem.

    ``first_only`` keeps the first problem; ``prefix`` goes before the path (``--``
    when the fields came from options such as ``--id``).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = describe_errors(exc)
        shown = lines[: 1 if first_only else MAX_PROBLEMS]
        more = len(lines) - len(shown)
        if more and not first_only:
            shown.append(f"… and {more} more problem{'s' * (more > 1)} (fix these first)")
        raise error("\n".join(f"{name}: {prefix}{line}" for line in shown)) from exc


def describe_errors(exc: ValidationError) -> list[str]:
    """One ``path: message`` line per pydantic error, in mlplan's wording."""
    lines = []
    for error in exc.errors():
        path = _path(error["loc"])
        message = _message(error)
        lines.append(f"{path}: {message}" if path else message)
    return lines


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(error: ErrorDetails) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind in ("value_error", "assertion_error"):
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "enum":
        return f"must be one of {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return "must be lower-case letters, digits, '.', '-' or '_' (like m05.project)"
    return msg.replace("Input should be", "must be").replace("Input", "value")


def dump_roadmap(roadmap: Roadmap) -> bytes:
    """The roadmap as commented, human-editable YAML, in UTF-8 (empty fields left out)."""
    # Written as bytes into one buffer: a str holding one character past Latin-1 takes 4 bytes for
    # every character, and the 10 MB roadmap of a 5 MB Markdown file would be copied three times.
    out = io.BytesIO()
    out.write(_HEADER.format(title=_comment_text(roadmap.title), source=_comment_text(roadmap.source)).encode())
    with collector_paused():  # a large roadmap's data: see mlplan.collector
        # whole hours as ints: ``hours: 3`` reads better than ``hours: 3.0``; the models turn them back into floats
        yaml_writer.write(roadmap.model_dump(mode="json", exclude_defaults=True), out, whole_floats_as_int=True)
    return out.getvalue()


def _comment_text(text: str) -> str:
    """``text`` fit for one comment line: a line break or control character would end the comment or the file."""
    return "".join(char if char.isprintable() else " " for char in text)
