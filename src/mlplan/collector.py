"""Pausing Python's cyclic garbage collector around work that builds large, short-lived graphs.

Importing a large document or writing a large roadmap as YAML makes hundreds of thousands
of objects that all stay alive until the step ends; the collector would scan them again
and again for nothing (on a 5 MB Markdown file that was nearly half the import, and half
the time of writing its YAML). Reference counting frees them as usual; the few cycles
(a section tree's parent links) are freed once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block, and restore it after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
