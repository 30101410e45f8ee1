"""Building many objects at once without the cyclic garbage collector's pauses.

CPython's collector runs after every few hundred new containers and walks the
older generations as they fill: while a million link records become rows, or a
store's records are read, it walks the ones already built again and again, for
nothing, since none of them forms a cycle. Measured on 200,000 generated
claims, turning them into the engine's rows took 5.2 s with it and 2.8 s
without. ``paused_gc`` turns it off for such a loop and back on after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside (reference counting still frees everything that is not in a cycle); the
    collector is turned back on after, if it was on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
