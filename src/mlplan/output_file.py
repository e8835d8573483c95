"""Writing exports: to stdout, or to a file that is never half-written or overwritten by surprise."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from mlplan.errors import MlplanError, UsageError


def write_output(data: str | bytes, out: str | None, force: bool = False) -> Path | None:
    """Write ``data`` to stdout (``out`` None or ``-``) or to ``out``; returns the path written.

    The file is written under a temporary name in the same folder and renamed
    into place, so an interrupted export never leaves a half-written file. An
    existing file is replaced only with ``force``.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is None or out == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return None
    path = Path(out).expanduser()
    if path.exists() and not force:
        raise UsageError(f"{path} exists; add --force to replace it, or choose another --out")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name with --out")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise MlplanError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise MlplanError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
