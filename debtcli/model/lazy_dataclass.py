"""``dataclass``: the standard library's decorator, applied when the class is first used.

Making a dataclass costs about 2 ms of CPU (the standard library writes and compiles its methods;
``method_cache`` keeps the compiled methods between runs, which leaves about 0.4 ms),
and a command uses only some of the records its modules define: a ``debtcli verify`` of a loan
never builds a card cycle, a settlement plan or a schedule report. With this decorator a class
becomes a dataclass, exactly as ``dataclasses.dataclass(**options)`` makes it, the first time it is
used: an instance is made (or unpickled or copied), ``dataclasses.fields()`` / ``is_dataclass()`` /
``inspect.signature()`` look at it, or a dataclass subclass of it is made. Before that it is the plain class as written.

A class the lazy way cannot serve is made at once: ``slots=True`` (the standard library makes a new
class), a class without fields of its own, one that defines ``__init__``, ``__new__`` or its own
pickling, or one with bases other than ``object`` and dataclasses.
"""

from __future__ import annotations

import dataclasses
from _thread import RLock
from typing import dataclass_transform

from debtcli.model.method_cache import compiling_from_cache

_FIELDS = "__dataclass_fields__"
_LOCK = RLock()


class _Pending:
    """Stands for ``__dataclass_fields__`` of a class not made yet: reading it makes the class."""

    __slots__ = ("cls", "options")

    def __init__(self, cls, options):
        self.cls, self.options = cls, options

    def __get__(self, obj, owner=None):
        return make(self.cls).__dict__[_FIELDS]


class _PendingSignature:
    """Stands for ``__signature__`` of a class not made yet: ``inspect.signature`` makes the class and
    reads the signature of its ``__init__``."""

    __slots__ = ("cls",)

    def __init__(self, cls):
        self.cls = cls

    def __get__(self, obj, owner=None):
        import inspect

        make(self.cls)
        return inspect.signature(owner if obj is None else type(obj))


def make(cls):
    """Turn ``cls`` into its dataclass now, if it is still waiting (else leave it)."""
    with _LOCK:
        pending = cls.__dict__.get(_FIELDS)
        if not isinstance(pending, _Pending):
            return cls
        for base in cls.__mro__[-2:0:-1]:
            make(base)
        for name in (_FIELDS, "__signature__", "__init__", "__setstate__"):
            delattr(cls, name)
        with compiling_from_cache(cls):
            made = dataclasses.dataclass(cls, **pending.options)
        assert made is cls
        return cls


_OWN = ("__init__", "__new__", "__setstate__", "__getstate__", "__reduce__", "__reduce_ex__", "__signature__", _FIELDS)


def _lazy_ok(cls, options) -> bool:
    if (options.get("slots") or type(cls) is not type or not cls.__dict__.get("__annotations__")
            or any(name in cls.__dict__ for name in _OWN)):
        return False
    return all(base is object or _FIELDS in base.__dict__ for base in cls.__mro__[1:])


def _wait(cls, options):
    """Put the stand-ins on ``cls``: the first instance, an unpickled or copied one, or a look at its
    fields makes the dataclass."""

    def __init__(self, *args, **kwargs):
        make(cls)
        cls.__init__(self, *args, **kwargs)

    def __setstate__(self, state):  # unpickling or copying (object's own way once the class is made)
        make(cls)
        state, slots = state if isinstance(state, tuple) and len(state) == 2 else (state, None)
        if state:
            self.__dict__.update(state)
        for key, value in (slots or {}).items():
            object.__setattr__(self, key, value)

    setattr(cls, _FIELDS, _Pending(cls, options))
    cls.__signature__ = _PendingSignature(cls)
    cls.__init__ = __init__
    cls.__setstate__ = __setstate__
    return cls


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls=None, /, **options):
    """``dataclasses.dataclass`` with the same options, applied on first use (see the module)."""

    def wrap(cls):
        if not _lazy_ok(cls, options):
            with _LOCK, compiling_from_cache(cls):
                return dataclasses.dataclass(cls, **options)
        return _wait(cls, options)

    return wrap if cls is None else wrap(cls)


__all__ = ["dataclass", "make"]
