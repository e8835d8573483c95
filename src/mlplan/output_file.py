"""Writing exports: to stdout, or to a file that is never half-written or overwritten by surprise.

A regular file is written under a temporary name in its folder and renamed into
place, so an interrupted export never leaves half a file. Only regular files are
ever replaced: a pipe or a terminal (``/dev/stdout``, ``/dev/tty``) named as
the output is written into, like the shell's ``>`` would, and anything else (a
folder, a block device, a socket) is refused. A new file gets the mode the
user's umask gives; a replaced file keeps its mode.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from mlplan.errors import ChoiceError, MlplanError, UsageError


def write_output(data: str | bytes, out: str | None, force: bool = False, choice: str = "out") -> Path | None:
    """Write ``data`` to stdout (``out`` None or ``-``) or to ``out``; returns the path written.

    An existing regular file is replaced only with ``force``; messages name ``out`` as the choice ``choice``.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is None or out == "-":
        try:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
        except OSError as exc:
            raise MlplanError(f"cannot write to standard output: {exc.strerror or exc}") from exc
        return None
    path = Path(out).expanduser()
    existing = _stat(path)
    if existing is None:
        _replace(path, payload, _new_file_mode())
    elif stat.S_ISDIR(existing.st_mode):
        raise ChoiceError("{path} is a folder; give {choice} the name of a file inside it", choice=choice, path=path)
    elif stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode):
        _into_stream(path, payload)
    elif not stat.S_ISREG(existing.st_mode):
        raise ChoiceError(
            "{path} is not a regular file ({kind}); choose another {choice}",
            choice=choice,
            path=path,
            kind=_kind(existing.st_mode),
        )
    elif not force:
        raise ChoiceError(
            "{path} exists; add {force} to replace it, or choose another {choice}", choice=choice, path=path
        )
    else:
        _replace(path.resolve(), payload, stat.S_IMODE(existing.st_mode))
    return path


def _stat(path: Path) -> os.stat_result | None:
    """What is at ``path`` (following links); None when nothing is, an error when it cannot be told."""
    try:
        return path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist") from None
        return None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {_reason(exc)}") from None


def _replace(path: Path, payload: bytes, mode: int) -> None:
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise MlplanError(f"cannot write {path}: {_reason(exc)}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise MlplanError(f"cannot write {path}: {_reason(exc)}") from exc


def _into_stream(path: Path, payload: bytes) -> None:
    """Write into a pipe or a character device; a pipe nobody reads is an error, not a hang."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        why = "nothing is reading that pipe" if exc.errno == errno.ENXIO else _reason(exc)
        raise MlplanError(f"cannot write {path}: {why}") from exc
    try:
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
    except OSError as exc:
        raise MlplanError(f"cannot write {path}: {_reason(exc)}") from exc


def _new_file_mode() -> int:
    """The mode a new file gets under the user's umask (read without changing it for long)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _kind(mode: int) -> str:
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    return exc.strerror or str(exc)
