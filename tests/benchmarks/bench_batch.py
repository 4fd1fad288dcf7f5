"""Portfolio benchmark: prints, in one run on this machine,

1. ``debtcli batch`` end to end (read, both replays, reconciliation, JSON lines) on generated
   portfolios of 36-installment loans with about 40 payments each: accounts per second and peak
   memory (resident set of the whole process tree) for each size and worker count, with the run
   scored against the planted errors;
2. the replay alone, and the whole verification in one process without files (cases per second,
   peak memory);
3. a single ``debtcli verify`` including interpreter start (from byte-code caches, as an installed
   command runs), and the CLI's import time;
4. the time two peer libraries (mortgagemath, amortization) take merely to build the same loans'
   schedules, beside debtcli building them. The peers live in their own virtual environment
   (``--peer-venv``), never in the project's;
5. the schedule builder against a bare Decimal loop over the same loans (the ratio, same run), and a
   360-month loan replayed with no payment against the same loan paid on time (CPU per event);
6. payment matching at n and 10n ledger payments and as many records, when every row shares one
   reference and when every row has the same amount and date (CPU time and peak memory of each, the
   10n/n ratio; the greedy over listed pairs it replaced, kept in the tests, at n/10 and n/4);
7. ``--engine spark`` on ``local[2]`` against the local pool (``--workers 2``) on the same portfolio:
   accounts per CPU second of each, whether the two results files are byte-identical, and Spark's
   fixed start-up cost (the CPU of a run on a portfolio of 20 accounts). Needs debtcli[spark] and Java.

Every rate is per CPU second (``time.process_time`` in this process, rusage for child processes):
the machine is shared and wall-clock times vary with its load. A child's CPU is its whole process
tree's: this process makes itself the reaper of orphaned descendants (Linux PR_SET_CHILD_SUBREAPER)
and waits for every one of them before reading RUSAGE_CHILDREN. Part 7 needs more than that:
pyspark's daemon ignores SIGCHLD, so the kernel reaps the Python workers it forks without adding
their CPU to anybody's rusage; ``TreeCPU`` samples the tree from /proc and adds the last sample of
each such process (see its docstring).

Usage: python tests/benchmarks/bench_batch.py [--sizes 10000 100000] [--workers 1 2] [--work DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import portfolio_gen  # noqa: E402


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(x for x in open("/proc/meminfo") if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


# ---------------------------------------------------------------------------- measuring a process tree


def _tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in os.listdir(f"/proc/{p}/task"):
                stack += [int(c) for c in open(f"/proc/{p}/task/{task}/children").read().split()]
        except (OSError, ValueError):
            continue
    return total


_SUBREAPER = False


def _become_subreaper() -> None:
    """Orphaned descendants (a JVM left running for a moment by its parent) become this process's
    children, so that their CPU reaches RUSAGE_CHILDREN once they are waited for."""
    global _SUBREAPER
    if _SUBREAPER:
        return
    try:
        import ctypes

        PR_SET_CHILD_SUBREAPER = 36
        _SUBREAPER = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _SUBREAPER = False


def _reap_orphans(limit: float = 120.0) -> int:
    """Wait for every remaining child (orphaned descendants included); returns how many there were."""
    n, end = 0, time.monotonic() + limit
    while time.monotonic() < end:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return n
        if pid == 0:
            time.sleep(0.05)
        else:
            n += 1
    return n


def run_measured(cmd: list[str], **kw) -> tuple[float, float, int, float]:
    """(wall seconds, peak resident MB of the process and its children together, exit code, CPU
    seconds of the whole process tree). CPU seconds are what count on a busy machine."""
    _become_subreaper()
    _reap_orphans(0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    _reap_orphans()
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, peak / 1024, proc.returncode, cpu


# ---------------------------------------------------------------------------- portfolios


def _part(args) -> None:
    out, start, n, seed = args
    portfolio_gen.write_portfolio(Path(out), n, seed=seed, layout="export", error_rate=0.2, benchmark=True,
                                  start=start)


def portfolio(work: Path, n: int, seed: int = 7) -> Path:
    """A generated export of ``n`` benchmark accounts (cached in ``work``); generated in parallel
    parts and joined in account order."""
    target = work / f"p{n}"
    if (target / "done").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    parts_n = max(1, min(os.cpu_count() or 1, 8))
    size = -(-n // parts_n)
    jobs = [(str(target / f"part{k}"), 1 + k * size, min(size, n - k * size), seed) for k in range(parts_n)
            if n - k * size > 0]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        pool.map(_part, jobs)
    export = target / "export"
    export.mkdir(parents=True)
    for name in ("accounts.csv", "ledger.csv", "payments.csv"):
        with open(export / name, "wb") as out:
            for k, job in enumerate(jobs):
                with open(Path(job[0]) / "export" / name, "rb") as fh:
                    if k:
                        fh.readline()
                    shutil.copyfileobj(fh, out)
    with open(target / "answers.jsonl", "wb") as out:
        for job in jobs:
            with open(Path(job[0]) / "answers.jsonl", "rb") as fh:
                shutil.copyfileobj(fh, out)
    for job in jobs:
        shutil.rmtree(job[0])
    (target / "done").write_text("ok")
    return target


def rows_per_account(target: Path) -> tuple[float, float]:
    def count(name):
        with open(target / "export" / name, "rb") as fh:
            return sum(1 for _ in fh) - 1

    n = count("accounts.csv")
    return count("payments.csv") / n, count("ledger.csv") / n


# ---------------------------------------------------------------------------- the parts


def bench_batch(work: Path, sizes, workers_list, rules: str) -> list[dict]:
    out = []
    debtcli = [sys.executable, "-m", "debtcli"]
    for n in sizes:
        t0 = time.perf_counter()
        target = portfolio(work, n)
        gen = time.perf_counter() - t0
        pays, ledger = rows_per_account(target)
        print(f"\nportfolio of {n:,} accounts: {pays:.1f} payment records and {ledger:.1f} ledger rows per account "
              f"(generated or reused in {gen:.0f} s)", flush=True)
        for w in workers_list:
            results = target / f"results-{w}.jsonl"
            wall, peak, code, cpu = run_measured(debtcli + ["batch", str(target / "export"), "--rules", rules,
                                                       "--workers", str(w), "--out", str(results)])
            score = portfolio_gen.score(results, target / "answers.jsonl")
            row = {"accounts": n, "workers": w, "seconds": wall, "rate": n / wall, "peak_mb": peak, "exit": code,
                   "cpu_seconds": cpu, "rate_per_cpu_second": n / cpu,
                   "planted": score["planted"], "found": score["found"], "missed": len(score["missed"]),
                   "false_flags": len(score["false_flags"])}
            out.append(row)
            print(f"  workers {w}: {wall:8.1f} s  {n / wall:8.0f} accounts/s  ({n / cpu:.0f} per CPU second)  "
                  f"peak {peak:6.0f} MB  exit {code}  "
                  f"planted {score['planted']}, found {score['found']}, missed {len(score['missed'])}, "
                  f"clean accounts flagged {len(score['false_flags'])}", flush=True)
    return out


def bench_replay(n: int) -> dict:
    """The replay alone, then the whole verification, on in-memory cases (no files, one process)."""
    from debtcli.engine.replay import replay
    from debtcli.report.build import build_report, contract_account

    cases = [portfolio_gen.case_of(portfolio_gen.make_account(i, 7, 0.2, benchmark=True)) for i in range(1, n + 1)]
    accounts = [contract_account(c, portfolio_gen.AS_OF)[0] for c in cases]
    events = sum(len(a.payments) + len(a.due_dates) for a in accounts) / n
    t0 = time.process_time()
    for a in accounts:
        replay(a, portfolio_gen.AS_OF, trace=False)
    replay_s = time.process_time() - t0
    t0 = time.process_time()
    for c in cases:
        build_report(c, portfolio_gen.AS_OF, "none", trace=False)
    verify_s = time.process_time() - t0
    t0 = time.process_time()
    for c in cases:
        build_report(c, portfolio_gen.AS_OF, "cn", trace=False)
    verify_cn_s = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nreplay alone, {n:,} cases ({events:.0f} dues + payments each): {n / replay_s:,.0f} cases per CPU second; "
          f"whole verification in one process (both replays, reconciliation, report): {n / verify_s:,.0f} "
          f"cases per CPU second under the none pack, {n / verify_cn_s:,.0f} under the cn pack; "
          f"peak resident {peak:.0f} MB (this process, cases held in memory)", flush=True)
    return {"replay_rate": n / replay_s, "verify_rate": n / verify_s, "verify_cn_rate": n / verify_cn_s,
            "peak_mb": peak}


# ---------------------------------------------------------------------------- the CPU of a process tree (part 7)

_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_SIGCHLD_BIT = 1 << 16  # SIGCHLD is signal 17: bit 16 of /proc/<pid>/status SigIgn


def _descendants(root: int) -> list[int]:
    """Every living (or not yet reaped) descendant of ``root``, through each thread's children."""
    out, stack = [], [root]
    while stack:
        p = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                kids = [int(c) for c in open(f"/proc/{p}/task/{task}/children").read().split()]
            except (OSError, ValueError):
                continue
            out += kids
            stack += kids
    return out


def _stat(pid: int) -> tuple | None:
    """(ppid, own utime+stime, cutime+cstime, starttime) of a process in clock ticks, its name."""
    try:
        raw = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    name = raw[raw.index("(") + 1:raw.rindex(")")]
    f = raw[raw.rindex(")") + 2:].split()
    return int(f[1]), int(f[11]) + int(f[12]), int(f[13]) + int(f[14]), int(f[19]), name


def _ignores_sigchld(pid: int) -> bool:
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("SigIgn:"):
                return bool(int(line.split()[1], 16) & _SIGCHLD_BIT)
    except (OSError, ValueError):
        pass
    return False


class TreeCPU:
    """CPU seconds of a command's whole process tree, including the processes the kernel reaps without
    telling anybody.

    RUSAGE_CHILDREN holds the CPU of every descendant that a waiting parent reaped, all the way up:
    this process is made the reaper of orphans (PR_SET_CHILD_SUBREAPER) and waits for each one, so a
    JVM or a Python daemon outliving its parent still counts. It misses one kind of process: the
    children of a parent that ignores SIGCHLD, which the kernel reaps at exit and whose CPU it adds
    to nobody. pyspark's daemon does exactly that (``signal(SIGCHLD, SIG_IGN)``) and forks the Python
    workers that run ``verify_rows``: their CPU, the bulk of a Spark run, never reached the
    rusage (that is how 10,000 accounts once came out at 51 CPU seconds).

    So the tree is also sampled every ``interval`` seconds from /proc: for every descendant, keyed by
    (pid, start time), the last seen own utime+stime and its children's cutime+cstime, and whether
    its parent ignored SIGCHLD at that moment. The CPU of the tree is

        rusage of the reaped children + last sample (own + children's) of each process whose parent
        ignored SIGCHLD and that this process did not reap itself;

    the second term can only miss what such a process spent after its last sample (an idle pyspark
    worker at shutdown: nothing; at most one interval each). ``sampled`` (the sum of every process's
    last own utime+stime) is a check on the first term: it must come out a little below it."""

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.seen: dict[tuple[int, int], dict] = {}
        self.reaped: set[int] = set()

    def sample(self, root: int) -> int:
        """One look at the tree; returns its resident set in kB."""
        ign: dict[int, bool] = {}
        rss = 0
        for pid in _descendants(root):
            st = _stat(pid)
            if st is None:
                continue
            ppid, own, kids, start, name = st
            if ppid not in ign:
                ign[ppid] = _ignores_sigchld(ppid)
            self.seen[(pid, start)] = {"pid": pid, "name": name, "own": own, "children": kids,
                                       "orphan_of_sig_ign": ign[ppid]}
            try:
                for line in open(f"/proc/{pid}/status"):
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                        break
            except OSError:
                pass
        return rss

    def reap(self, limit: float = 300.0) -> None:
        """Wait for every remaining child (orphans included), sampling the tree meanwhile."""
        end = time.monotonic() + limit
        me = os.getpid()
        while time.monotonic() < end:
            self.sample(me)  # a zombie's /proc/<pid>/stat still holds its final times
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                time.sleep(self.interval)
            else:
                self.reaped.add(pid)
        print(f"warning: descendants still running after {limit:.0f} s; their CPU is counted up to now",
              file=sys.stderr)

    def unreaped_ticks(self) -> int:
        return sum(p["own"] + p["children"] for p in self.seen.values()
                   if p["orphan_of_sig_ign"] and p["pid"] not in self.reaped)

    def sampled_ticks(self) -> int:
        return sum(p["own"] for p in self.seen.values())


def run_measured_tree(cmd: list[str], interval: float = 0.1, **kw) -> dict:
    """Run ``cmd`` and measure its whole process tree: wall seconds, peak resident MB of the tree,
    exit code, CPU seconds (``TreeCPU``: the rusage of reaped processes plus the sampled CPU of those
    the kernel reaped silently), and its parts for checking."""
    _become_subreaper()
    tree = TreeCPU(interval)
    tree.reap(10)
    tree = TreeCPU(interval)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    peak = 0
    me = os.getpid()
    while proc.poll() is None:  # the command itself is reaped by poll(), nobody else
        peak = max(peak, tree.sample(me))
        time.sleep(interval)
    tree.reaped.add(proc.pid)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    tree.reap()
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rusage = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    silent = tree.unreaped_ticks() / _CLK_TCK
    return {"wall": wall, "peak_mb": peak / 1024, "exit": proc.returncode, "cpu": rusage + silent,
            "cpu_rusage": rusage, "cpu_silently_reaped": silent, "cpu_sampled": tree.sampled_ticks() / _CLK_TCK,
            "silently_reaped_processes": sum(1 for p in tree.seen.values()
                                             if p["orphan_of_sig_ign"] and p["pid"] not in tree.reaped),
            "processes": len(tree.seen)}


def _load() -> str:
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def bench_spark(work: Path, sizes, rules: str, master: str = "local[2]", local: bool = True) -> dict:
    """Spark on ``master`` against the local pool with 2 workers, on the same portfolio: CPU seconds of
    each whole process tree (``TreeCPU``: the JVM and every Python worker included), per-account
    cost, peak memory, the results compared byte for byte, and the fixed cost of starting Spark
    measured on a portfolio of 20 accounts."""
    debtcli = [sys.executable, "-m", "debtcli", "batch"]
    out: dict = {"master": master, "runs": []}

    def show(label: str, m: dict, n: int | None = None, fixed: float = 0.0) -> str:
        text = (f"  {label:24s} {m['cpu']:8.1f} CPU s {m['wall']:7.1f} s wall  peak {m['peak_mb']:5.0f} MB  "
                f"exit {m['exit']}  load {m['load']}")
        if n:
            text += f"\n  {'':24s} {(m['cpu'] - fixed) / n * 1000:8.2f} CPU ms per account" + (
                " after the fixed cost" if fixed else "") + f"  ({n / m['cpu']:.0f} accounts per CPU second)"
        return text + (f"\n  {'':24s} of which reaped (rusage) {m['cpu_rusage']:.1f} s, silently reaped "
                       f"({m['silently_reaped_processes']} processes, sampled) {m['cpu_silently_reaped']:.1f} s; "
                       f"sum of every process's own CPU as sampled {m['cpu_sampled']:.1f} s")

    small = work / "spark-fixed"
    if not (small / "export" / "accounts.csv").exists():
        portfolio_gen.write_portfolio(small, 20, seed=7, layout="export", error_rate=0.2, benchmark=True)
    load = _load()
    m = run_measured_tree(debtcli + [str(small / "export"), "--rules", rules, "--engine", "spark", "--master", master,
                                     "--out", str(small / "r.jsonl")])
    m["load"] = f"{load}-{_load()}"
    out["fixed"] = m
    fixed = m["cpu"]
    print(f"\nSpark {master}, fixed cost (a run of 20 accounts):\n" + show("spark", m), flush=True)
    for n in sizes:
        target = portfolio(work, n)
        local_out, spark_out = target / "results-local-2.jsonl", target / "results-spark.jsonl"
        row: dict = {"accounts": n}
        print(f"portfolio of {n:,} accounts:", flush=True)
        if local:
            load = _load()
            lm = run_measured_tree(debtcli + [str(target / "export"), "--rules", rules, "--workers", "2",
                                              "--out", str(local_out)])
            lm["load"] = f"{load}-{_load()}"
            row["local"] = lm
            print(show("local pool, 2 workers", lm, n), flush=True)
        load = _load()
        sm = run_measured_tree(debtcli + [str(target / "export"), "--rules", rules, "--engine", "spark",
                                          "--master", master, "--out", str(spark_out)])
        sm["load"] = f"{load}-{_load()}"
        row["spark"] = sm
        print(show(f"spark {master}", sm, n, fixed), flush=True)
        if local_out.exists() and spark_out.exists():
            row["identical"] = local_out.read_bytes() == spark_out.read_bytes()
            print(f"  results files byte-identical: {row['identical']}", flush=True)
        out["runs"].append(row)
    return out


def bare_schedule(principal, annual, n: int, method: str):
    """The least a Decimal schedule can do: n rows of interest, principal and balance, rounded
    half-up at the cent, with the monthly rate annual / 12."""
    from decimal import ROUND_HALF_UP, Decimal

    cent = Decimal("0.01")
    r = annual / 12
    bal = principal
    if method == "equal_installment":
        pay = (principal * r / (1 - (1 + r) ** -n)).quantize(cent, ROUND_HALF_UP)
    elif method == "equal_principal":
        each = (principal / n).quantize(cent, ROUND_HALF_UP)
    rows = []
    for k in range(n):
        interest = (bal * r).quantize(cent, ROUND_HALF_UP)
        if k == n - 1:
            part = bal
        elif method == "equal_installment":
            part = pay - interest
        elif method == "equal_principal":
            part = each
        else:
            part = Decimal(0)
        bal -= part
        rows.append((k + 1, interest, part, bal))
    return rows


def bench_schedule(n: int) -> dict:
    """debtcli's schedule builder (the replay with no payments) against ``bare_schedule`` on the same
    loans, then a 360-month loan with no payment against the same loan paid on its due dates."""
    from datetime import date as _date
    from decimal import Decimal

    from debtcli.engine.replay import replay
    from debtcli.model.records import PaymentRecord
    from debtcli.report.build import schedule_run
    from debtcli.terms.loader import load_terms_text
    from debtcli.engine.account import account_from_terms

    accts = [portfolio_gen.make_account(i, 7, 0.2, benchmark=True) for i in range(1, n + 1)]
    cases = [portfolio_gen.case_of(a) for a in accts]
    loans = [(c.terms.contract.principal, c.terms.contract.rate.fixed.annual(360), c.terms.contract.term_months,
              c.terms.contract.method) for c in cases]
    t0 = time.process_time()
    for c in cases:
        schedule_run(c)
    ours = time.process_time() - t0
    t0 = time.process_time()
    for p, r, k, m in loans:
        bare_schedule(p, r, k, m)
    bare = time.process_time() - t0
    text = ('schema = "debtcli/1"\n[case]\nid = "L360"\n[contract]\nsigned = 2000-01-15\nprincipal = "1000000.00"\n'
            'rate = "4.9%"\nmethod = "equal_installment"\nterm_months = 360\ndefault_rate = "+50%"\n'
            'late_fee = "50.00"\n')
    terms, _ = load_terms_text(text)
    unpaid, _ = account_from_terms(terms, payments=())
    end = unpaid.due_dates[-1]
    sched = replay(unpaid, end, trace=False)
    paid = unpaid.with_payments([PaymentRecord(r.due, r.total, f"n{r.n}") for r in sched.installments])
    per_event = {}
    for name, acc, until in (("unpaid", unpaid, end), ("paid", paid, end),
                             ("unpaid_120", unpaid, unpaid.due_dates[119])):
        reps = 10
        t0 = time.process_time()
        for _ in range(reps):
            replay(acc, until, trace=False)
        dt = (time.process_time() - t0) / reps
        events = sum(2 for d in acc.due_dates if d <= until) + sum(1 for p in acc.payments if p.date <= until)
        per_event[name] = (dt, dt / events)
    print(f"\nschedules of {n:,} loans (36 months): debtcli {n / ours:,.0f} per CPU second, a bare Decimal loop "
          f"{n / bare:,.0f}: debtcli / bare = {ours / bare:.1f}x (same run)\n"
          f"360-month loan replayed to its end: no payment {per_event['unpaid'][0] * 1000:.1f} ms "
          f"({per_event['unpaid'][1] * 1e6:.1f} us per event), paid on every due date "
          f"{per_event['paid'][0] * 1000:.1f} ms ({per_event['paid'][1] * 1e6:.1f} us per event): "
          f"{per_event['unpaid'][1] / per_event['paid'][1]:.2f}x per event; the unpaid loan to month 120 "
          f"{per_event['unpaid_120'][1] * 1e6:.1f} us per event (linear: the same per event at 120 and 360 months)",
          flush=True)
    return {"schedule_rate": n / ours, "bare_rate": n / bare, "schedule_vs_bare": ours / bare,
            "long_unpaid_ms": per_event["unpaid"][0] * 1000, "long_paid_ms": per_event["paid"][0] * 1000,
            "long_unpaid_us_per_event": per_event["unpaid"][1] * 1e6,
            "long_paid_us_per_event": per_event["paid"][1] * 1e6,
            "long_unpaid_120_us_per_event": per_event["unpaid_120"][1] * 1e6}


def bench_startup(case: Path) -> dict:
    cmd = [shutil.which("debtcli") or "debtcli", "verify", str(case), "--rules", "none", "--format", "json"]

    # as an installed command runs: from byte-code caches (pip writes them), so a PYTHONDONTWRITEBYTECODE
    # in this shell must not make every run compile the package again; one run first writes them
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def cpu_of(command) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    cpu_of(cmd)
    runs = [cpu_of(cmd) for _ in range(7)]
    bare = [cpu_of([sys.executable, "-c", "pass"]) for _ in range(7)]
    imp = subprocess.run([sys.executable, "-X", "importtime", "-c", "import debtcli.cli.app"], capture_output=True,
                         text=True, env=env).stderr.splitlines()
    cli_import_us = int(imp[-1].split("|")[1]) if imp else 0
    heavy = [x.split("|")[2].strip() for x in imp if any(
        m in x.split("|")[2] for m in ("openpyxl", "xlsxwriter", "reportlab", "rich.", "debtcli.engine",
                                       "debtcli.report"))]
    med = statistics.median(runs)
    print(f"\nsingle `debtcli verify {case.name} --format json`: {med * 1000:.0f} ms CPU (median of 7, interpreter "
          f"start included; a bare `python -c pass` takes {statistics.median(bare) * 1000:.0f} ms); importing the CLI takes "
          f"{cli_import_us / 1000:.0f} ms; heavy modules imported at start-up: {', '.join(heavy) or 'none'}",
          flush=True)
    return {"verify_cpu_s": med, "python_cpu_s": statistics.median(bare), "cli_import_ms": cli_import_us / 1000,
            "heavy": heavy}


PEER_SCRIPT = r"""
import csv, sys, time
from decimal import Decimal
loans = [(Decimal(r["principal"]), Decimal(r["rate"].rstrip("%")), int(r["term_months"]))
         for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
from mortgagemath import LoanParams, PaymentRounding, amortization_schedule as mm_schedule
t0 = time.process_time()
for p, r, n in loans:
    mm_schedule(LoanParams(principal=p, annual_rate=r, term_months=n, payment_rounding=PaymentRounding.ROUND_HALF_UP))
t1 = time.process_time()
from amortization.schedule import amortization_schedule as am_schedule
for p, r, n in loans:
    list(am_schedule(float(p), float(r) / 100, n))
t2 = time.process_time()
print(len(loans), t1 - t0, t2 - t1)
"""


def bench_peers(work: Path, venv: Path, n: int) -> dict | None:
    """Build the same loans' schedules with debtcli and with two peer libraries."""
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"\npeers: creating {venv} with mortgagemath and amortization", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "mortgagemath==0.7.1", "amortization==3.0.1"],
                       check=True)
    target = portfolio(work, n)
    loans_csv = work / f"loans-{n}.csv"
    with open(target / "export" / "accounts.csv", encoding="utf-8") as fh, open(loans_csv, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["principal", "rate", "term_months"])
        for r in csv.DictReader(fh):
            w.writerow([r["principal"], r["rate"], r["term_months"]])
    res = subprocess.run([str(py), "-c", PEER_SCRIPT, str(loans_csv)], capture_output=True, text=True)
    if res.returncode:
        print(res.stderr, file=sys.stderr)
        return None
    count, mm_s, am_s = res.stdout.split()
    from debtcli.report.build import schedule_run

    cases = [portfolio_gen.case_of(portfolio_gen.make_account(i, 7, 0.2, benchmark=True)) for i in range(1, n + 1)]
    t0 = time.process_time()
    for c in cases:
        schedule_run(c)
    ours = time.process_time() - t0
    mm_s, am_s = float(mm_s), float(am_s)
    print(f"\nbuilding {n:,} 36-month schedules (schedule only; the peers compute annuities only, debtcli each "
          f"loan's own method and conventions):\n"
          f"  (CPU seconds)\n"
          f"  debtcli (schedule_run)  {ours:7.2f} s  {n / ours:8.0f} schedules/s\n"
          f"  mortgagemath 0.7.1      {mm_s:7.2f} s  {n / mm_s:8.0f} schedules/s  (debtcli / mortgagemath "
          f"{ours / mm_s:.1f}x)\n"
          f"  amortization 3.0.1      {am_s:7.2f} s  {n / am_s:8.0f} schedules/s  (floats; debtcli / amortization "
          f"{ours / am_s:.1f}x)", flush=True)
    return {"debtcli_s": ours, "mortgagemath_s": mm_s, "amortization_s": am_s}


def _matching_inputs(n: int, shape: str):
    from datetime import date, timedelta
    from decimal import Decimal

    from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef

    base = date(2023, 1, 1)
    ledger, records = [], []
    for i in range(n):
        if shape == "one reference":  # amounts and dates all different: every pair is a candidate of pass 2
            d, a, b, ref = base + timedelta(days=i % 700), Decimal(100 + i), Decimal(100 + i) + Decimal("0.50"), "R1"
            later = 40
        else:  # one amount, one day: every pair is a candidate of pass 1
            d, a, b, ref, later = base, Decimal("100.00"), Decimal("100.00"), "", 0
        ledger.append(LedgerRow(d, "payment", a, ref, source=SourceRef("ledger.csv", row=i + 2)))
        records.append(PaymentRecord(d + timedelta(days=later), b, ref, source=SourceRef("payments.csv", row=i + 2)))
    return ledger, records


def _peak_child(code: str) -> tuple[float, float]:
    """(CPU seconds, peak resident MB) of ``code`` run in a fresh interpreter (peak memory of one run)."""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), check=True)
    cpu, peak_kb = res.stdout.split()
    return float(cpu), int(peak_kb) / 1024


MATCH_SCRIPT = r"""
import resource, sys, time
sys.path.insert(0, "tests/benchmarks"); sys.path.insert(0, "tests/reconcile"); sys.path.insert(0, ".")
from bench_batch import _matching_inputs
n, shape, which = {n}, {shape!r}, {which!r}
ledger, records = _matching_inputs(n, shape)
if which == "old":
    from test_matching_equivalence import listed_pairs_match as match
else:
    from debtcli.reconcile.payments import match_payments as match
t0 = time.process_time()
m = match(ledger, records)
print(time.process_time() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_matching(n: int) -> dict:
    """Payment matching at n and 10n (one process each, so that peak memory is each run's own)."""
    out: dict = {}
    print(f"\npayment matching, n = {n:,} ledger payments and as many records (CPU seconds, peak RSS):", flush=True)
    for shape in ("one reference", "one amount and day"):
        runs = {}
        for which, size in (("old", n // 10), ("old", n // 4), ("new", n), ("new", 10 * n)):
            runs[(which, size)] = _peak_child(MATCH_SCRIPT.format(n=size, shape=shape, which=which))
        new_n, new_10n = runs[("new", n)], runs[("new", 10 * n)]
        old_a, old_b = runs[("old", n // 10)], runs[("old", n // 4)]
        print(f"  {shape:20s} {n:>7,}: {new_n[0]:6.2f} s {new_n[1]:6.0f} MB   {10 * n:>7,}: {new_10n[0]:6.2f} s "
              f"{new_10n[1]:6.0f} MB   10n/n {new_10n[0] / max(new_n[0], 1e-9):5.1f}x   "
              f"(listed pairs: {n // 10:,} {old_a[0]:.2f} s {old_a[1]:.0f} MB, {n // 4:,} {old_b[0]:.2f} s "
              f"{old_b[1]:.0f} MB)", flush=True)
        out[shape] = {f"{w}_{s}": {"cpu_s": c, "peak_mb": m} for (w, s), (c, m) in runs.items()}
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--rules", default="cn", help="rule pack for the batch runs (none: reconciliation only)")
    p.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "debtcli-bench")
    p.add_argument("--replay-cases", type=int, default=2000)
    p.add_argument("--peer-venv", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "debtcli-bench-venv")
    p.add_argument("--schedule-loans", type=int, default=2000)
    p.add_argument("--matching-n", type=int, default=4000)
    p.add_argument("--skip", nargs="*", default=[], choices=("batch", "replay", "startup", "peers", "schedule",
                                                              "matching", "spark"))
    p.add_argument("--spark-sizes", type=int, nargs="+", default=[10_000],
                   help="portfolios for the Spark comparison (part 7)")
    p.add_argument("--spark-no-local", action="store_true",
                   help="part 7 without the local pool's runs (Spark only)")
    args = p.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", flush=True)
    report = {"machine": machine()}
    if "startup" not in args.skip:
        report["startup"] = bench_startup(ROOT / "examples" / "bank-loan")
    if "replay" not in args.skip:
        report["replay"] = bench_replay(args.replay_cases)
    if "schedule" not in args.skip:
        report["schedule"] = bench_schedule(args.schedule_loans)
    if "matching" not in args.skip:
        report["matching"] = bench_matching(args.matching_n)
    if "peers" not in args.skip:
        report["peers"] = bench_peers(args.work, args.peer_venv, min(args.sizes))
    if "batch" not in args.skip:
        report["batch"] = bench_batch(args.work, args.sizes, args.workers, args.rules)
    if "spark" not in args.skip:
        report["spark"] = bench_spark(args.work, args.spark_sizes, args.rules, local=not args.spark_no_local)
    (args.work / "bench.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
