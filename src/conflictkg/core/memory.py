"""Giving freed memory back to the system.

glibc's malloc keeps what a program frees for reuse, in one heap per thread that allocated it; pyoxigraph's
bulk loads and queries free hundreds of MB at a time, which then stay in the process's RSS (measured on an
import of 400,000 rows: each aggregate query of the kept answers left about 400 MB freed but held).
`malloc_trim` returns it. Elsewhere than glibc it does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util

try:
    _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    _trim.argtypes, _trim.restype = [ctypes.c_size_t], ctypes.c_int
except (OSError, AttributeError):  # not glibc
    _trim = None


def release() -> None:
    """Return the memory freed so far, in every malloc heap, to the system."""
    if _trim is not None:
        _trim(0)
