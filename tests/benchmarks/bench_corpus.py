"""Cost of every bad input: each input of tests/data/bad_inputs and the crafted ones of
corpus_runs.py, run as `debtcli ...` in its own process; prints its CPU time (user + system, from the
child's rusage) and peak resident memory, and exits 1 when one takes more than 10 CPU seconds or
500 MB (the bound of the hostile-input issue). CPU time, not wall time: the machine is shared.

Usage: python tests/benchmarks/bench_corpus.py [--cpu-limit 10] [--mem-limit-mb 500]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_runs  # noqa: E402


def measure(args: list[str]) -> tuple[int, float, float]:
    """(exit code, CPU seconds, peak RSS in MB) of one `debtcli` process."""
    proc = subprocess.Popen([sys.executable, "-m", "debtcli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cpu-limit", type=float, default=10.0)
    p.add_argument("--mem-limit-mb", type=float, default=500.0)
    a = p.parse_args(argv)
    rows, over = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, setup, args, _expected) in enumerate(corpus_runs.runs()):
            folder = Path(tmp) / f"run{i}"
            folder.mkdir()
            setup(folder)
            code, cpu, mb = measure([x.replace("{folder}", str(folder)) for x in args])
            rows.append((name, code, cpu, mb))
            if cpu > a.cpu_limit or mb > a.mem_limit_mb or code == 3:
                over.append(name)
            print(f"{name:50s} exit {code}  {cpu:6.2f} CPU s  {mb:7.1f} MB", flush=True)
    worst_cpu = max(rows, key=lambda r: r[2])
    worst_mem = max(rows, key=lambda r: r[3])
    print(f"\n{len(rows)} inputs; most CPU: {worst_cpu[2]:.2f} s ({worst_cpu[0]}); most memory: "
          f"{worst_mem[3]:.1f} MB ({worst_mem[0]}); limits {a.cpu_limit:g} s, {a.mem_limit_mb:g} MB")
    if over:
        print("over a limit or exit 3: " + ", ".join(over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
