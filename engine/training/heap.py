"""Giving the C heap's free memory back to the system when a job ends.

A job allocates and frees a lot in native code (TensorFlow's graphs and tensors, the
TFLite converter, LiteRT interpreters, image arrays). glibc keeps freed memory in its
arenas, scattered between live blocks, so a process that runs job after job (the
window, a soak) holds on to more and more of it although nothing is alive there:
measured with ``bench/soak.py compress``, resident memory went up and down by 40-60 MB
from lab to lab and crept up about 1 MB per lab, while with the free memory returned
after each lab it stayed within 2 MB. ``malloc_trim(0)`` returns it; elsewhere (macOS,
Windows, musl) there is nothing to call and nothing is done.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def release_free_memory() -> bool:
    """Return the C heap's free memory to the system (glibc); True when it was asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True


@contextmanager
def free_memory_returned() -> Iterator[None]:
    """When the block (a job) ends, however it ends, return the heap's free memory."""
    try:
        yield
    finally:
        release_free_memory()
