"""debtcli.model.lazy_dataclass: a class made a dataclass on first use behaves exactly as the standard
library's dataclass of the same definition, whichever way it is first used."""

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
from dataclasses import field

import pytest

from debtcli.model import lazy_dataclass
from debtcli.model.lazy_dataclass import dataclass


def _pair(**options):
    """The same definition twice: the standard library's dataclass and the lazy one."""

    def define(decorator):
        @decorator(**options)
        class Rec:
            """A record."""

            a: int
            b: str = "x"
            c: list = field(default_factory=list)
            d: int = field(default=4, repr=False, compare=False)

            def total(self) -> int:
                return self.a + self.d

        return Rec

    return define(dataclasses.dataclass), define(dataclass)


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"eq": False}, {"order": True}, {"kw_only": True}])
def test_the_lazy_dataclass_is_the_standard_ones(options):
    std, lazy = _pair(**options)
    assert isinstance(lazy.__dict__["__dataclass_fields__"], lazy_dataclass._Pending)
    args = {"a": 1, "b": "y", "c": (2,)}
    one, two = std(**args), lazy(**args)
    assert repr(one).split(".")[-1] == repr(two).split(".")[-1]
    assert lazy.__doc__ == std.__doc__
    assert [f.name for f in dataclasses.fields(lazy)] == [f.name for f in dataclasses.fields(std)]
    assert dataclasses.asdict(two) == dataclasses.asdict(one)
    assert (two == lazy(**args)) == (one == std(**args))
    assert two.total() == 5 and lazy(a=1).c == [] and lazy(a=1).c is not lazy(a=1).c
    if options.get("frozen"):
        assert hash(two) == hash(lazy(**args))
        with pytest.raises(dataclasses.FrozenInstanceError):
            two.a = 3
    assert dataclasses.replace(two, a=7).a == 7
    with pytest.raises(TypeError):
        lazy()


def test_fields_and_is_dataclass_before_any_instance():
    std, lazy = _pair(frozen=True)
    assert str(inspect.signature(lazy)) == str(inspect.signature(std))
    assert list(inspect.signature(lazy).parameters) == ["a", "b", "c", "d"]
    _, lazy = _pair(frozen=True)
    assert dataclasses.is_dataclass(lazy)
    assert [f.name for f in dataclasses.fields(lazy)] == ["a", "b", "c", "d"]
    assert lazy(a=1) == lazy(a=1)


def test_subclasses_of_a_waiting_class():
    _, lazy = _pair(frozen=True)

    @dataclasses.dataclass(frozen=True)
    class Std(lazy):
        e: int = 0

    assert [f.name for f in dataclasses.fields(Std)] == ["a", "b", "c", "d", "e"]
    _, lazy2 = _pair(frozen=True)

    @dataclass(frozen=True)
    class Lazy(lazy2):
        e: int = 0

    class Plain(Lazy):
        pass

    assert Plain(1, e=2) == Plain(1, e=2) and Plain(1).e == 0 and Lazy(1, "x", [], 4, 5).e == 5


def test_copy_and_pickle_of_a_class_not_made_yet_in_the_process_that_reads_it():
    from debtcli.report.settlement import WaiverAsk

    value = WaiverAsk(**{f.name: None for f in dataclasses.fields(WaiverAsk)})
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    code = ("import pickle, sys\n"
            "from debtcli.report.settlement import WaiverAsk\n"
            "assert 'Pending' in type(WaiverAsk.__dict__['__dataclass_fields__']).__name__\n"
            "v = pickle.loads(sys.stdin.buffer.read())\n"
            "print(repr(v), v == v, hash(v) == hash(pickle.loads(pickle.dumps(v))))")
    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(value), capture_output=True,
                         check=True).stdout.decode()
    assert out.strip() == f"{value!r} True True"


MAKE_ALL = """
import dataclasses, importlib, pkgutil
import debtcli
from debtcli.model import lazy_dataclass
made = 0
for info in pkgutil.walk_packages(debtcli.__path__, "debtcli."):
    if info.name == "debtcli.__main__" or info.name.startswith(("debtcli.spark", "debtcli.cli.batch_spark")):
        continue
    module = importlib.import_module(info.name)
    for value in list(vars(module).values()):
        if isinstance(value, type) and isinstance(value.__dict__.get("__dataclass_fields__"), lazy_dataclass._Pending):
            assert dataclasses.fields(value) is not None
            made += 1
print(made)
"""


def test_every_debtcli_dataclass_is_well_formed():
    """Each class waiting to be made is made here (in a new interpreter, where none is made yet), so
    that a mistake in a definition fails a test rather than the first run that uses the class."""
    out = subprocess.run([sys.executable, "-c", MAKE_ALL], capture_output=True, text=True, check=True).stdout
    assert int(out) > 10
