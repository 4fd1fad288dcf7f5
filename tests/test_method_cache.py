"""debtcli.model.method_cache: a dataclass whose methods come from the cache is the one the standard
library compiles, and the cache file follows Python's own rules for bytecode."""

import dataclasses
import os
import subprocess
import sys
from dataclasses import field

from debtcli.model import method_cache
from debtcli.model.lazy_dataclass import dataclass

# makes the records of debtcli.model.records (made when the module is imported) and one lazy class,
# then prints how many methods were compiled and how many came from the file
COUNT = """
import debtcli.model.records
from debtcli.model.findings import Finding
import dataclasses
dataclasses.fields(Finding)
from debtcli.model import method_cache
print(method_cache.compiled, method_cache.loaded, method_cache.cache_path("debtcli.model.records"))
"""


def _run(env_extra: dict, prefix) -> tuple[int, int, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-X", f"pycache_prefix={prefix}", "-c", COUNT], capture_output=True,
                         text=True, check=True, env=env).stdout.split()
    return int(out[0]), int(out[1]), out[2]


def test_the_first_run_compiles_and_writes_the_next_ones_read(tmp_path):
    compiled, loaded, path = _run({}, tmp_path)
    assert compiled > 10 and loaded == 0
    assert path.startswith(str(tmp_path)) and os.path.exists(path)
    compiled, loaded, _ = _run({}, tmp_path)
    assert compiled == 0 and loaded > 10


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path):
    compiled, _, path = _run({"PYTHONDONTWRITEBYTECODE": "1"}, tmp_path)
    assert compiled > 10 and not os.path.exists(path)


def test_a_damaged_file_is_ignored_and_written_again(tmp_path):
    _, _, path = _run({}, tmp_path)
    files = list(tmp_path.rglob("*.dataclass-methods.*.marshal"))
    assert str(path) in map(str, files) and len(files) >= 2  # one per module: records, findings
    for file in files:
        with open(file, "r+b") as fh:
            fh.truncate(100)  # cut short
    compiled, loaded, _ = _run({}, tmp_path)
    assert compiled > 10 and loaded == 0
    compiled, loaded, _ = _run({}, tmp_path)
    assert compiled == 0 and loaded > 10
    for file in files:
        file.write_bytes(b"not marshal data")
    compiled, loaded, _ = _run({}, tmp_path)
    assert compiled > 10 and loaded == 0


def _codes(fn):
    c = fn.__code__
    return c.co_code, c.co_consts, c.co_names, c.co_varnames, c.co_filename, c.co_flags, repr(fn.__annotations__)


def test_the_methods_from_the_cache_are_the_standard_librarys():
    # The same definition made by the standard library (which compiles) and through the cache (the
    # second make of an identical source text takes the code the first one compiled).
    def define(decorator):
        @decorator(frozen=True, order=True)
        class Rec:
            """A record."""

            a: int
            b: str = "x"
            c: tuple = field(default_factory=tuple)

        return Rec

    standard = define(dataclasses.dataclass)
    first, second = define(dataclass), define(dataclass)
    second(1)  # made now, from what ``first`` compiled when it was made
    first(1)
    before = method_cache.loaded
    define(dataclass)(2)
    assert method_cache.loaded > before
    for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__"):
        assert _codes(getattr(first, name)) == _codes(getattr(standard, name)) == _codes(getattr(second, name))
    assert second(1, "y") == second(1, "y") and hash(second(1)) == hash(second(1)) and second(1) < second(2)
    assert repr(second(1)) == "test_the_methods_from_the_cache_are_the_standard_librarys.<locals>.define." \
                              "<locals>.Rec(a=1, b='x', c=())"


def test_the_standard_exec_is_back_once_a_class_is_made():
    dataclass(frozen=True)(type("Plain", (), {"__annotations__": {"a": "int"}, "__module__": __name__}))
    assert "exec" not in dataclasses.__dict__


def test_methods_of_classes_since_changed_do_not_pile_up(tmp_path):
    # Methods no class uses any more (a class changed: its new methods are compiled, the old ones stay
    # in the file) are kept up to three times what a run uses, then dropped when the file is written.
    import marshal

    _, _, path = _run({}, tmp_path)
    header, codes = marshal.loads(open(path, "rb").read())
    stale = {f"def __create_fn__():\n def old_{i}(self):\n  return {i}\n return old_{i}": compile("0", "<s>", "exec")
             for i in range(10 * len(codes))}
    changed = dict(list(codes.items())[1:])  # one method "changed": compiled again, so the file is written
    with open(path, "wb") as fh:
        fh.write(marshal.dumps((header, {**changed, **stale})))
    compiled, _, _ = _run({}, tmp_path)
    assert compiled == 1
    assert marshal.loads(open(path, "rb").read())[1].keys() == codes.keys()
