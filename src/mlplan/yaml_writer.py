"""Plain data as block YAML, as ``yaml.dump`` writes it, in a fraction of its time.

``yaml.dump`` spends most of its time in Python before libyaml sees anything: its
representer makes a node per value and its serializer asks the resolver about each
scalar. Writing the roadmap of a 5 MB Markdown import took 0.8 s that way. A roadmap
is plain data (mappings, lists, strings, numbers, booleans, None), so ``write`` hands
libyaml's emitter the events for it directly, each as soon as it is made: the emitter
still chooses every string's style, escapes and folds it, and the resolver still
decides which strings would read back as another type; mlplan only makes the events,
and reuses one for a string met again (a roadmap repeats its keys, kinds and many
titles). Anything else goes to ``yaml.dump`` itself; ``tests/test_yaml_writer.py``
checks the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, BinaryIO

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

WIDTH = 100
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML was built with it
_STR = "tag:yaml.org,2002:str"
_resolve = yaml.resolver.Resolver().resolve
# resolve() tries only the patterns filed under a string's first character ('' for the empty
# string) and those filed under None: a string whose first character has none reads back as a string.
_RESOLVABLE_FIRST = frozenset(first for first, found in yaml.resolver.Resolver.yaml_implicit_resolvers.items() if found)
# The emitter only reads events, so one event can stand for every equal one.
_STREAM_START = StreamStartEvent(encoding="utf-8")  # the emitter writes UTF-8 bytes, as yaml.dump(encoding=...) does
_DOCUMENT_START, _DOCUMENT_END = DocumentStartEvent(explicit=False), DocumentEndEvent(explicit=False)
_STREAM_END = StreamEndEvent()
_BLOCK_MAPPING, _EMPTY_MAPPING = (MappingStartEvent(None, None, True, flow_style=f) for f in (False, True))
_BLOCK_SEQUENCE, _EMPTY_SEQUENCE = (SequenceStartEvent(None, None, True, flow_style=f) for f in (False, True))
_MAPPING_END, _SEQUENCE_END = MappingEndEvent(), SequenceEndEvent()
_TRUE, _FALSE, _NULL = (ScalarEvent(None, None, (True, False), text) for text in ("true", "false", "null"))
_PLAIN_ALLOWED, _QUOTED = (True, True), (False, True)  # a string event's implicit: may it be written plain?
_STRING_EVENTS_KEPT = 8192  # a string met again is nearly always met within a few thousand strings


class _Unsupported(Exception):
    """Data this writer leaves to ``yaml.dump``."""


class _WholeFloatsDumper(_Dumper):  # type: ignore[misc,valid-type]
    """``yaml.dump``'s dumper writing whole floats as ints (for data this writer leaves to it)."""

    def represent_float(self, data: float) -> yaml.ScalarNode:
        return self.represent_int(int(data)) if data.is_integer() else super().represent_float(data)


_WholeFloatsDumper.add_representer(float, _WholeFloatsDumper.represent_float)


def write(data: dict[str, Any], stream: BinaryIO, *, whole_floats_as_int: bool = False) -> None:
    """Write ``data`` into a seekable binary ``stream`` as ``yaml.dump(data, sort_keys=False,
    allow_unicode=True, width=100, encoding="utf-8")`` would, in block style.

    ``whole_floats_as_int`` writes a float that is a whole number as that int (``3``, not ``3.0``).
    """
    start = stream.tell()
    emit = _Dumper(stream, allow_unicode=True, width=WIDTH).emit
    emit(_STREAM_START)
    emit(_DOCUMENT_START)
    try:
        _emit(data, emit, _StringEvents(), _whole_number if whole_floats_as_int else _scalar)
    except _Unsupported:
        # Drop what was emitted (libyaml's unwritten rest is dropped with its emitter) and let yaml.dump write it all.
        stream.seek(start)
        stream.truncate()
        dumper = _WholeFloatsDumper if whole_floats_as_int else _Dumper
        yaml.dump(data, stream, Dumper=dumper, encoding="utf-8", sort_keys=False, allow_unicode=True, width=WIDTH)
        return
    emit(_DOCUMENT_END)
    emit(_STREAM_END)


class _StringEvents(dict[str, ScalarEvent]):
    """Each string's event, made when first asked for; emptied when full, so a long document's do not pile up."""

    def __missing__(self, text: str) -> ScalarEvent:
        if len(self) >= _STRING_EVENTS_KEPT:
            self.clear()
        event = self[text] = ScalarEvent(None, None, _PLAIN_ALLOWED if _reads_as_string(text) else _QUOTED, text)
        return event


def _emit(value: Any, emit: Callable[[Event], None], strings: _StringEvents, scalar: Callable[[Any], Event]) -> None:
    """Emit a value's events; strings, the most frequent values, without a call of their own."""
    kind = type(value)
    if kind is dict:
        emit(_BLOCK_MAPPING if value else _EMPTY_MAPPING)
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            emit(strings[key])
            kind = type(item)
            if kind is str:
                emit(strings[item])
            elif kind is dict or kind is list:
                _emit(item, emit, strings, scalar)
            elif kind is bool:
                emit(_TRUE if item else _FALSE)
            else:
                emit(scalar(item))
        emit(_MAPPING_END)
    elif kind is list:
        emit(_BLOCK_SEQUENCE if value else _EMPTY_SEQUENCE)
        for item in value:
            kind = type(item)
            if kind is str:
                emit(strings[item])
            elif kind is dict or kind is list:
                _emit(item, emit, strings, scalar)
            elif kind is bool:
                emit(_TRUE if item else _FALSE)
            else:
                emit(scalar(item))
        emit(_SEQUENCE_END)
    elif kind is str:
        emit(strings[value])
    else:
        emit(scalar(value))


@lru_cache(maxsize=4096)
def _plain(text: str) -> ScalarEvent:
    return ScalarEvent(None, None, (True, False), text)


def _scalar(value: Any) -> ScalarEvent:
    """A number's, boolean's or None's event, written as SafeDumper's representer writes it."""
    kind = type(value)
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        return _plain(str(value))
    if kind is float and value == value and abs(value) != float("inf"):
        text = repr(value).lower()
        return _plain(text.replace("e", ".0e", 1) if "." not in text and "e" in text else text)
    if value is None:
        return _NULL
    raise _Unsupported


def _whole_number(value: Any) -> ScalarEvent:
    """``_scalar``, with a float that is a whole number written as that int."""
    if type(value) is float and value.is_integer():
        return _whole_float(value)
    return _scalar(value)


@lru_cache(maxsize=1024)
def _whole_float(value: float) -> ScalarEvent:
    """A whole float's event, written as its int (so equal floats, -0.0 and 0.0 too, share one)."""
    return _plain(str(int(value)))


def _reads_as_string(text: str) -> bool:
    """What the resolver says: ``text`` written plain reads back as a string."""
    if text[:1] not in _RESOLVABLE_FIRST and None not in _RESOLVABLE_FIRST:  # no pattern to try
        return True
    return bool(_resolve(yaml.ScalarNode, text, (True, False)) == _STR)
