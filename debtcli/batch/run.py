"""Verify a portfolio: one JSON line per account, in account-id order, across processes.

Accounts are handed to the workers in chunks, with a bounded number of chunks in flight, and the
results are written in the order the chunks were handed out: the output is the same whatever the
number of workers, and memory does not grow with the portfolio. Each line is flushed as soon as
its chunk is done, so an interrupted run keeps every complete line and ``resume`` carries on
after them.
"""

from __future__ import annotations

import json
import marshal
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from debtcli.batch.export import AccountRows
from debtcli.batch.source import Portfolio, Rejected, Work
from debtcli.batch.account import (  # noqa: F401 - names callers import from here
    INPUT, INTERNAL, MAX_MESSAGE, Settings, error_line, issue_problem, problem, verify_work,
)
from debtcli.batch.summary import AccountStats, account_stats

CHUNK_SIZE = 16  # accounts per task handed to a worker
CHUNKS_IN_FLIGHT_PER_WORKER = 4


def account_line(work: Work, settings: Settings) -> tuple[str, AccountStats]:
    """(JSON line, the figures the summary needs) of one account; never raises for the account's sake.
    An export's account goes through ``debtcli.verify_rows``, as on every other engine."""
    if work.rows is not None and work.problem is None:
        from debtcli.batch.rows import verify_rows

        rows = work.rows
        obj = verify_rows((rows.terms_row, rows.terms_cells), rows.ledger, rows.payments, settings=settings)
    else:
        obj = {**verify_work(work, settings), "run": settings.run()}
    try:
        line = json.dumps(obj, ensure_ascii=False)
        return line, account_stats(obj)
    except Exception as exc:  # noqa: BLE001 - a value the JSON or the summary cannot hold
        if os.environ.get("DEBTCLI_DEBUG") == "1":
            raise
        obj = error_line(work.account_id, "internal error (a defect in debtcli, not in the account's files)",
                         [problem(work.account_id, f"{type(exc).__name__}: {exc}")], kind=INTERNAL)
        obj["run"] = settings.run()
        return json.dumps(obj, ensure_ascii=False), account_stats(obj)


def verify_chunk(chunk: list[Work], settings: Settings) -> list[tuple[str, AccountStats]]:
    """(JSON line, the figures the summary needs) for each account of the chunk."""
    return [account_line(w, settings) for w in chunk]


_WORKER_SETTINGS: Settings | None = None


def _worker_init(settings: Settings, parent: int) -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out work and keeps what was written,
    and end with the parent: a parent killed outright (kill -9) leaves no worker behind."""
    global _WORKER_SETTINGS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_SETTINGS = settings
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    try:  # Linux: the kernel kills this process when the parent dies
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)
    import threading
    import time

    def watch() -> None:  # everywhere else: look every half second
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="debtcli-parent-watch", daemon=True).start()


def _worker_chunk(chunk: list[Work] | bytes) -> list[tuple[str, AccountStats]]:
    return verify_chunk(unpack_chunk(chunk) if chunk.__class__ is bytes else chunk, _WORKER_SETTINGS)


def pack_chunk(chunk: list[Work]) -> list[Work] | bytes:
    """A chunk as the parent sends it to a worker: its accounts as plain tuples of strings and numbers
    in one ``marshal`` string (quicker to write and to read than the pickled ``Work`` objects), or the
    chunk itself when a value is not one marshal takes."""
    plain = [(w.account_id, w.folder, w.problem,
              None if w.rows is None else (w.rows.terms_row, w.rows.terms_cells, w.rows.ledger, w.rows.payments))
             for w in chunk]
    try:
        return marshal.dumps(plain)
    except ValueError:
        return chunk


def unpack_chunk(data: bytes) -> list[Work]:
    """The ``Work`` of each account of a chunk packed by ``pack_chunk``."""
    out = []
    for account, folder, found, rows in marshal.loads(data):
        if rows is not None:
            rows = AccountRows(account, *rows)
        out.append(Work(account, folder, rows, found))
    return out


# ---------------------------------------------------------------------------- many accounts


def _chunks(works: Iterator[Work], size: int) -> Iterator[list[Work]]:
    chunk = []
    for w in works:
        chunk.append(w)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def verified_lines(works: Iterator[Work], settings: Settings, workers: int = 1, chunk_size: int = CHUNK_SIZE
                   ) -> Iterator[list[tuple[str, AccountStats]]]:
    """(JSON line, stats) lists, chunk by chunk, in the order of ``works``."""
    chunks = _chunks(works, chunk_size)
    if workers <= 1:
        for chunk in chunks:
            yield verify_chunk(chunk, settings)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # spawn: the same on every platform, and safe beside the progress bar's thread
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init, initargs=(settings, os.getpid()))
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_worker_chunk, pack_chunk(chunk)))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------- the output file


class ResumeError(Exception):
    """The results file cannot be resumed with these settings; the message says why."""


class Locked(Exception):
    """Another run is writing the same results file."""


@dataclass
class Kept:
    """What ``--resume`` found in the results file."""

    done: set
    dropped: int = 0  # lines that were not a complete result, and the lines after them, to be redone


def _valid_line(obj, run: dict | None) -> bool:
    if not isinstance(obj, dict) or not isinstance(obj.get("account"), str) or not obj["account"]:
        return False
    if "error" in obj:
        ok = isinstance(obj.get("problems"), list) and all(isinstance(p, dict) for p in obj["problems"])
    else:
        ok = (isinstance(obj.get("balances"), dict) and isinstance(obj.get("findings"), list)
              and isinstance(obj.get("inputs"), dict) and isinstance(obj["inputs"].get("files"), list))
    return ok and isinstance(obj.get("run"), dict)


def read_done(out: Path, on_account: Callable[[AccountStats], None] | None = None, run: dict | None = None) -> Kept:
    """Accounts already in ``out`` (for resume). The file is kept up to its first line that is not a
    complete result (cut short by an interruption, edited, or out of order); that line and every
    line after it are removed, so the run writes them again in order. A line written with other
    settings (``run``: as-of date, rule pack, source) stops the resume with ResumeError."""
    kept = Kept(set())
    if not out.exists():
        return kept
    keep, last = 0, None
    stats: list[AccountStats] = []
    with open(out, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if kept.dropped:
                kept.dropped += 1
                continue
            try:
                obj = json.loads(raw) if raw.endswith(b"\n") else None
            except ValueError:
                obj = None
            if not _valid_line(obj, run) or (last is not None and obj["account"] <= last):
                kept.dropped = 1
                continue
            if run is not None and obj["run"] != run:
                theirs = obj["run"]
                diffs = [f"{k} {theirs.get(k)!r} there, {v!r} now" for k, v in run.items() if theirs.get(k) != v]
                raise ResumeError(f"{out.name}:{n}: written with other settings ({'; '.join(diffs)}); resume with "
                                  "the same --as-of, --rules and SOURCE, or write to another --out")
            keep += len(raw)
            last = obj["account"]
            kept.done.add(obj["account"])
            stats.append(account_stats(obj))
    if keep != out.stat().st_size:
        with open(out, "r+b") as fh:
            fh.truncate(keep)
    if on_account is not None:
        for st in stats:
            on_account(st)
    return kept


def _lock(fh, out: Path) -> None:
    """Hold an exclusive lock on the open results file until it is closed; Locked if another run holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock
        return
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise Locked(f"{out}: another debtcli batch is writing this file; wait for it to finish or choose "
                     "another --out") from None


@dataclass
class Outcome:
    written: int = 0
    skipped: int = 0
    kept: frozenset = frozenset()  # the accounts whose lines a resumed run kept from the earlier one
    redone: int = 0  # lines of the earlier run that were not complete results (and those after them)
    interrupted: bool = False
    rejected: Rejected = field(default_factory=Rejected)  # rows of no account the reader handed back


def run_batch(portfolio: Portfolio, settings: Settings, out: Path, workers: int = 1, resume: bool = False,
              on_account: Callable[[AccountStats], None] | None = None,
              on_progress: Callable[[int], None] | None = None, chunk_size: int = CHUNK_SIZE) -> Outcome:
    """Verify every account of ``portfolio`` into ``out`` (JSON lines). ``on_account`` sees every
    account's stats, those already in the file on resume included; ``on_progress`` the number of
    accounts done after each chunk. KeyboardInterrupt stops the run, keeping every complete line.
    The file is locked for the whole run: a second run on the same file raises Locked."""
    outcome = Outcome()
    with open(out, "ab") as fh:
        _lock(fh, out)
        if resume:
            kept = read_done(out, on_account, settings.run())
            done, outcome.redone = kept.done, kept.dropped
        else:
            fh.truncate(0)
            done = set()
        outcome.skipped = len(done)
        outcome.kept = frozenset(done)
        if on_progress:
            on_progress(len(done))
        results = verified_lines(portfolio.work(done, outcome.rejected), settings, workers, chunk_size)
        try:
            for chunk in results:
                fh.write("".join(line + "\n" for line, _ in chunk).encode("utf-8"))
                fh.flush()
                outcome.written += len(chunk)
                if on_account is not None:
                    for _, stats in chunk:
                        on_account(stats)
                if on_progress:
                    on_progress(outcome.skipped + outcome.written)
        except KeyboardInterrupt:
            outcome.interrupted = True
        finally:
            results.close()
    return outcome
