"""The compiled methods of the project's dataclasses, kept between runs as Python keeps a module's
bytecode.

Making a dataclass means writing the source of each of its methods (``__init__``, ``__repr__``,
``__eq__`` ...) and compiling it. On Python 3.11 the compiling is three quarters of what a dataclass
costs to make: about 0.2 ms a method, 45 ms of the 200 ms a ``debtcli verify`` took to start. The
standard library compiles that source with ``exec``; while ``compiling_from_cache(cls)`` is in
force, that ``exec`` gets the code object from a cache when the same source was compiled before by
the same Python.

- The key is the whole source text of the method, so a changed class can never get an old method:
  its text differs. Each file also records the interpreter (``sys.version``) and the optimisation
  level, and is ignored when either differs.
- There is one file per module that defines dataclasses, beside that module's bytecode:
  ``__pycache__/records.dataclass-methods.cpython-311.marshal`` for ``records.py`` (or the same place
  under ``sys.pycache_prefix``). A command reads only the files of the modules whose classes it makes.
- Like bytecode, the files are not written when ``sys.dont_write_bytecode`` is set
  (``PYTHONDONTWRITEBYTECODE``, ``python -B``) or the folder cannot be written. A file that cannot
  be read is ignored. In each of these cases the methods are simply compiled, as without the cache.
- A file is written when the process ends, only if a method of its module was compiled. It is
  replaced whole, so a reader never sees half a file. It keeps the methods of earlier runs too
  unless that makes it much larger than what the run used (the methods of classes since changed).
"""

from __future__ import annotations

import builtins
import os
import sys
from contextlib import contextmanager

_MARK = "def __create_fn__("  # how the standard library's method source starts (3.10 to 3.13)
_KEEP_FACTOR = 3  # a file with more than this many times the methods a run used keeps only those

_files: dict = {}  # module name -> {source text: code object}, read when the module's first class is made
_used: dict = {}  # module name -> the texts this process compiled or read for it
_dirty: set = set()  # modules with a method compiled by this process
_module: str | None = None  # the module of the class being made
compiled = 0  # methods compiled, for the tests
loaded = 0  # methods taken from a file, for the tests


def cache_path(module: str) -> str | None:
    """The file of ``module`` (a module name), or None when it has no file of its own or this
    Python writes no bytecode cache."""
    tag = sys.implementation.cache_tag
    source = getattr(sys.modules.get(module), "__file__", None)
    if tag is None or not source:
        return None
    here, name = os.path.split(os.path.abspath(source))
    if sys.pycache_prefix:
        folder = os.path.join(sys.pycache_prefix, os.path.splitdrive(here)[1].lstrip(os.sep))
    else:
        folder = os.path.join(here, "__pycache__")
    return os.path.join(folder, f"{os.path.splitext(name)[0]}.dataclass-methods.{tag}.marshal")


def _header() -> tuple:
    return ("debtcli dataclass methods", 3, sys.version, sys.flags.optimize)


def _codes(module: str) -> dict:
    codes = _files.get(module)
    if codes is None:
        import marshal

        if not _files:
            import atexit

            atexit.register(_save)
        codes = _files[module] = {}
        _used[module] = set()
        try:
            with open(cache_path(module), "rb") as fh:  # read whole: marshal.load reads a few bytes at a time
                header, stored = marshal.loads(fh.read())
            if header == _header() and isinstance(stored, dict):
                codes.update(stored)
        except Exception:  # no file yet, or one from elsewhere or cut short: compile as usual
            pass
    return codes


def _save() -> None:
    """Write the files of the modules that compiled anything (at exit; errors leave them as they were)."""
    if sys.dont_write_bytecode:
        return
    import marshal

    for module in sorted(_dirty):
        path = cache_path(module)
        if path is None:
            continue
        codes, used = _files[module], _used[module]
        if len(codes) > _KEEP_FACTOR * len(used):
            codes = {k: v for k, v in codes.items() if k in used}
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
    global compiled, loaded
    module = _module
    if module is not None and source.__class__ is str and source.startswith(_MARK):
        codes = _codes(module)
        code = codes.get(source)
        if code is None:
            # compiled as ``exec`` compiles it in the dataclasses module: without the future features
            # of this module (its annotations are strings; those of the methods must stay objects)
            code = codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _dirty.add(module)
            compiled += 1
        else:
            loaded += 1
        _used[module].add(source)
        source = code
    return builtins.exec(source, globals, locals)


@contextmanager
def compiling_from_cache(cls):
    """While in force, the dataclass made of ``cls`` takes its methods' code from the cache of its
    module. (The caller holds the lock under which classes are made.)"""
    import dataclasses

    global _module
    outer = _module
    _module = cls.__module__
    patched = dataclasses.__dict__.get("exec") is not _exec  # not already in force (a base class first)
    if patched:
        dataclasses.exec = _exec
    try:
        yield
    finally:
        _module = outer
        if patched:
            del dataclasses.exec
