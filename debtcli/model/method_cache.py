"""The compiled methods of the project's dataclasses, kept between runs as Python keeps a module's
bytecode.

Making a dataclass means writing the source of each of its methods (``__init__``, ``__repr__``,
``__eq__`` ...) and compiling it. On Python 3.11 the compiling is three quarters of what a dataclass
costs to make: about 0.2 ms a method, 45 ms of the 200 ms a ``debtcli verify`` takes to start. The
standard library compiles that source with ``exec``; while ``compiling_from_cache()`` is in force,
that ``exec`` gets the code object from a cache when the same source was compiled before by the
same Python.

- The key is the whole source text of the method, so a changed class can never get an old method:
  its text differs. The file also records the interpreter (``sys.version``) and the optimisation
  level, and is ignored when either differs.
- The file lives where Python writes this package's bytecode: ``__pycache__`` beside this module, or
  the same place under ``sys.pycache_prefix``. It is named by the interpreter's cache tag, e.g.
  ``dataclass-methods.cpython-311.marshal``.
- Like bytecode, it is not written when ``sys.dont_write_bytecode`` is set (``PYTHONDONTWRITEBYTECODE``,
  ``python -B``) or the folder cannot be written. A file that cannot be read is ignored.
- In each of these cases every method is simply compiled, as without the cache. The file is
  written once, when the process ends, and only if a method was compiled; it is replaced whole, so a
  reader never sees half a file.
"""

from __future__ import annotations

import builtins
import os
import sys
from contextlib import contextmanager

_MARK = "def __create_fn__("  # how the standard library's method source starts (3.10 to 3.13)
_MAX_ENTRIES = 5000  # a file grown past this is written again with only this run's methods

_codes: dict | None = None  # source text -> code object, loaded on first use
_used: set = set()  # the texts this process compiled or took from the file
_new = 0  # methods compiled by this process (the file is written at exit when there are any)
compiled = 0  # methods compiled, for the tests
loaded = 0  # methods taken from the file, for the tests


def cache_path() -> str | None:
    """Where the file is, or None when this Python writes no bytecode cache of its own kind."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.pycache_prefix:
        folder = os.path.join(sys.pycache_prefix, os.path.splitdrive(here)[1].lstrip(os.sep))
    else:
        folder = os.path.join(here, "__pycache__")
    return os.path.join(folder, f"dataclass-methods.{tag}.marshal")


def _header() -> tuple:
    return ("debtcli dataclass methods", 2, sys.version, sys.flags.optimize)


def _load() -> dict:
    global _codes
    if _codes is None:
        import atexit
        import marshal

        _codes = {}
        path = cache_path()
        try:
            with open(path, "rb") as fh:  # read whole: marshal.load reads a file a few bytes at a time
                header, codes = marshal.loads(fh.read())
            if header == _header() and isinstance(codes, dict):
                _codes = codes
        except Exception:  # no file yet, or one from elsewhere or cut short: compile as usual
            pass
        atexit.register(_save)
    return _codes


def _save() -> None:
    """Write the file if this process compiled anything (at exit; errors leave it as it was)."""
    if not _new or sys.dont_write_bytecode or _codes is None:
        return
    import marshal

    path = cache_path()
    if path is None:
        return
    codes = _codes if len(_codes) <= _MAX_ENTRIES else {k: v for k, v in _codes.items() if k in _used}
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps((_header(), codes)))
        os.replace(tmp, path)
    except Exception:  # a folder that cannot be written: the next run compiles again
        try:
            os.remove(tmp)
        except OSError:
            pass


def _exec(source, globals=None, locals=None):
    """``exec`` for the standard library's dataclass module: a method's source is compiled once
    (per interpreter), anything else is executed as given."""
    global _new, compiled, loaded
    if source.__class__ is str and source.startswith(_MARK):
        codes = _load()
        code = codes.get(source)
        if code is None:
            # compiled as ``exec`` compiles it in the dataclasses module: without the future features
            # of this module (its annotations are strings; those of the methods must stay objects)
            code = codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _new += 1
            compiled += 1
        else:
            loaded += 1
        _used.add(source)
        source = code
    return builtins.exec(source, globals, locals)


@contextmanager
def compiling_from_cache():
    """While in force, the dataclasses made take their methods' code from the cache. (The caller
    holds the lock under which classes are made.)"""
    import dataclasses

    if dataclasses.__dict__.get("exec") is _exec:  # already in force (a base class made first)
        yield
        return
    dataclasses.exec = _exec
    try:
        yield
    finally:
        del dataclasses.exec
