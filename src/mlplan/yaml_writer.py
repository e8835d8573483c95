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
# The emitter only reads events, so one event can stand for every equal one.
_BLOCK_MAPPING, _EMPTY_MAPPING = (MappingStartEvent(None, None, True, flow_style=f) for f in (False, True))
_BLOCK_SEQUENCE, _EMPTY_SEQUENCE = (SequenceStartEvent(None, None, True, flow_style=f) for f in (False, True))
_MAPPING_END, _SEQUENCE_END = MappingEndEvent(), SequenceEndEvent()


class _Unsupported(Exception):
    """Data this writer leaves to ``yaml.dump``."""


def dump(data: dict[str, Any]) -> str:
    """``yaml.dump(data, sort_keys=False, allow_unicode=True, width=100)`` for plain data, in block style."""
    events: list[Event] = [StreamStartEvent(), DocumentStartEvent(explicit=False)]
    try:
        _events(data, events)
    except _Unsupported:
        return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH)
    events += [DocumentEndEvent(explicit=False), StreamEndEvent()]
    out = io.StringIO()
    emit = _Dumper(out, allow_unicode=True, width=WIDTH).emit
    for event in events:
        emit(event)
    _string.cache_clear()  # the events are this document's: free them with it
    return out.getvalue()


def _events(value: Any, events: list[Event]) -> None:
    kind = type(value)
    if kind is str:
        events.append(_string(value))
    elif kind is dict:
        events.append(_BLOCK_MAPPING if value else _EMPTY_MAPPING)
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            events.append(_string(key))
            if type(item) is str:  # most values: no call for them
                events.append(_string(item))
            else:
                _events(item, events)
        events.append(_MAPPING_END)
    elif kind is list:
        events.append(_BLOCK_SEQUENCE if value else _EMPTY_SEQUENCE)
        for item in value:
            if type(item) is str:
                events.append(_string(item))
            else:
                _events(item, events)
        events.append(_SEQUENCE_END)
    else:
        events.append(_plain(_other_scalar(value)))


def _other_scalar(value: Any) -> str:
    """A number, boolean or None as SafeDumper's representer writes it."""
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float and value == value and abs(value) != float("inf"):
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if value is None:
        return "null"
    raise _Unsupported


@cache  # unbounded but emptied after each dump: cheaper to look up than an LRU cache
def _string(text: str) -> ScalarEvent:
    """A string's event: plain style allowed only when the text would read back as a string."""
    return ScalarEvent(None, None, (_resolve(yaml.ScalarNode, text, (True, False)) == _STR, True), text)


@lru_cache(maxsize=4096)
def _plain(text: str) -> ScalarEvent:
    return ScalarEvent(None, None, (True, False), text)
