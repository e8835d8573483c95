"""Plain data as block YAML, as ``yaml.dump`` writes it, in a fraction of its time.

``yaml.dump`` spends most of its time in Python before libyaml sees anything: its
representer makes a node per value and its serializer asks the resolver about each
scalar. Writing the roadmap of a 5 MB Markdown import took 0.8 s that way. A roadmap
is plain data (mappings, lists, strings, numbers, booleans, None), so ``dump`` hands
libyaml's emitter the events for it directly: the emitter still chooses every
string's style, escapes and folds it, and the resolver still decides which strings
would read back as another type; mlplan only makes the events, and makes one per
distinct string (a roadmap repeats its keys, kinds and many titles). Anything else
goes to ``yaml.dump`` itself; ``tests/test_yaml_writer.py`` checks the two agree.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

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
_BLOCK_MAPPING, _EMPTY_MAPPING = (MappingStartEvent(None, None, True, flow_style=f) for f in (False, True))
_BLOCK_SEQUENCE, _EMPTY_SEQUENCE = (SequenceStartEvent(None, None, True, flow_style=f) for f in (False, True))
_MAPPING_END, _SEQUENCE_END = MappingEndEvent(), SequenceEndEvent()


class _Unsupported(Exception):
    """Data this writer leaves to ``yaml.dump``."""


class _WholeFloatsDumper(_Dumper):  # type: ignore[misc,valid-type]
    """``yaml.dump``'s dumper writing whole floats as ints (for data this writer leaves to it)."""

    def represent_float(self, data: float) -> yaml.ScalarNode:
        return self.represent_int(int(data)) if data.is_integer() else super().represent_float(data)


_WholeFloatsDumper.add_representer(float, _WholeFloatsDumper.represent_float)


def dump(data: dict[str, Any], *, whole_floats_as_int: bool = False) -> str:
    """``yaml.dump(data, sort_keys=False, allow_unicode=True, width=100)`` for plain data, in block style.

    ``whole_floats_as_int`` writes a float that is a whole number as that int (``3``, not ``3.0``).
    """
    events: list[Event] = [StreamStartEvent(), DocumentStartEvent(explicit=False)]
    try:
        _events(data, events, _whole_number if whole_floats_as_int else _scalar)
    except _Unsupported:
        dumper = _WholeFloatsDumper if whole_floats_as_int else _Dumper
        return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=WIDTH)
    events += [DocumentEndEvent(explicit=False), StreamEndEvent()]
    out = io.StringIO()
    emit = _Dumper(out, allow_unicode=True, width=WIDTH).emit
    for event in events:
        emit(event)
    _string.cache_clear()  # the events are this document's: free them with it
    return out.getvalue()


def _events(value: Any, events: list[Event], scalar: Callable[[Any], ScalarEvent]) -> None:
    """The events of a value; strings, the most frequent values, without a call of their own."""
    kind = type(value)
    if kind is dict:
        events.append(_BLOCK_MAPPING if value else _EMPTY_MAPPING)
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            events.append(_string(key))
            kind = type(item)
            if kind is str:
                events.append(_string(item))
            elif kind is dict or kind is list:
                _events(item, events, scalar)
            else:
                events.append(scalar(item))
        events.append(_MAPPING_END)
    elif kind is list:
        events.append(_BLOCK_SEQUENCE if value else _EMPTY_SEQUENCE)
        for item in value:
            kind = type(item)
            if kind is str:
                events.append(_string(item))
            elif kind is dict or kind is list:
                _events(item, events, scalar)
            else:
                events.append(scalar(item))
        events.append(_SEQUENCE_END)
    elif kind is str:
        events.append(_string(value))
    else:
        events.append(scalar(value))


def _scalar(value: Any) -> ScalarEvent:
    """A number's, boolean's or None's event, written as SafeDumper's representer writes it."""
    kind = type(value)
    if kind is bool:
        return _plain("true" if value else "false")
    if kind is int:
        return _plain(str(value))
    if kind is float and value == value and abs(value) != float("inf"):
        text = repr(value).lower()
        return _plain(text.replace("e", ".0e", 1) if "." not in text and "e" in text else text)
    if value is None:
        return _plain("null")
    raise _Unsupported


def _whole_number(value: Any) -> ScalarEvent:
    """``_scalar``, with a float that is a whole number written as that int."""
    if type(value) is float and value.is_integer():
        return _plain(str(int(value)))
    return _scalar(value)


@cache  # unbounded but emptied after each dump: cheaper to look up than an LRU cache
def _string(text: str) -> ScalarEvent:
    """A string's event: plain style allowed only when the text would read back as a string."""
    return ScalarEvent(None, None, (_reads_as_string(text), True), text)


def _reads_as_string(text: str) -> bool:
    """What the resolver says: ``text`` written plain reads back as a string."""
    if text[:1] not in _RESOLVABLE_FIRST and None not in _RESOLVABLE_FIRST:  # no pattern to try
        return True
    return bool(_resolve(yaml.ScalarNode, text, (True, False)) == _STR)


@lru_cache(maxsize=4096)
def _plain(text: str) -> ScalarEvent:
    return ScalarEvent(None, None, (True, False), text)
