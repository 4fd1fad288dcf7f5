"""Verify a portfolio: one JSON line per account, in account-id order, across processes.

Accounts are handed to the workers in chunks, with a bounded number of chunks in flight, and the
results are written in the order the chunks were handed out: the output is the same whatever the
number of workers, and memory does not grow with the portfolio. Each line is flushed as soon as
its chunk is done, so an interrupted run keeps every complete line and ``resume`` carries on
after them.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from debtcli.batch.source import Portfolio, Work
from debtcli.batch.summary import AccountStats, account_stats

CHUNK_SIZE = 16  # accounts per task handed to a worker
CHUNKS_IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class Settings:
    """What every account is verified with."""

    as_of: date | None
    rules: str | None
    layout: object = None  # ExportLayout for an export


# ---------------------------------------------------------------------------- one account


def error_line(account: str, message: str, problems: Iterable[str] = ()) -> dict:
    return {"account": account, "case": account, "error": message, "problems": list(problems)}


def verify_work(work: Work, settings: Settings) -> dict:
    """The JSON object of one account: ``verify --format json`` plus ``account``, or an error line."""
    if work.problem:
        return error_line(work.account_id, "the account could not be read", [work.problem])
    if work.folder is not None:
        from debtcli.importers.case_loader import load_case

        case, issues = load_case(work.folder)
    else:
        from debtcli.batch.export import case_from_rows

        case, issues = case_from_rows(settings.layout, work.rows)
    if case is None:
        errors = [i for i in issues if i.severity == "error"] or issues
        prefix = f"{work.account_id}/" if work.folder is not None else ""
        return error_line(work.account_id, "the case could not be read",
                          [prefix + str(i) for i in errors] or ["the case could not be read"])
    from debtcli.model.records import InputError
    from debtcli.report.build import build_report
    from debtcli.report.model import report_to_dict

    try:
        report = build_report(case, settings.as_of, settings.rules, trace=False)
    except InputError as exc:
        return error_line(work.account_id, "the case could not be verified", [str(i) for i in exc.issues])
    except Exception as exc:  # noqa: BLE001 - one broken account must not stop a portfolio
        if os.environ.get("DEBTCLI_DEBUG") == "1":
            raise
        return error_line(work.account_id, f"internal error: {type(exc).__name__}: {exc}")
    return {"account": work.account_id, **report_to_dict(report)}


def verify_chunk(chunk: list[Work], settings: Settings) -> list[tuple[str, AccountStats]]:
    """(JSON line, the figures the summary needs) for each account of the chunk."""
    out = []
    for w in chunk:
        obj = verify_work(w, settings)
        out.append((json.dumps(obj, ensure_ascii=False), account_stats(obj)))
    return out


_WORKER_SETTINGS: Settings | None = None


def _worker_init(settings: Settings) -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out work and keeps what was written."""
    global _WORKER_SETTINGS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_SETTINGS = settings


def _worker_chunk(chunk: list[Work]) -> list[tuple[str, AccountStats]]:
    return verify_chunk(chunk, _WORKER_SETTINGS)


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
                               initializer=_worker_init, initargs=(settings,))
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_worker_chunk, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------- the output file


def read_done(out: Path, on_account: Callable[[AccountStats], None] | None = None) -> set[str]:
    """Accounts already in ``out`` (for resume). A last line cut short by an interruption is removed
    from the file, so the run writes that account again."""
    done: set[str] = set()
    if not out.exists():
        return done
    keep = 0
    with open(out, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                obj = json.loads(raw)
            except ValueError:
                break
            keep += len(raw)
            done.add(str(obj.get("account", obj.get("case"))))
            if on_account is not None:
                on_account(account_stats(obj))
    if keep != out.stat().st_size:
        with open(out, "r+b") as fh:
            fh.truncate(keep)
    return done


@dataclass
class Outcome:
    written: int = 0
    skipped: int = 0
    interrupted: bool = False


def run_batch(portfolio: Portfolio, settings: Settings, out: Path, workers: int = 1, resume: bool = False,
              on_account: Callable[[AccountStats], None] | None = None,
              on_progress: Callable[[int], None] | None = None, chunk_size: int = CHUNK_SIZE) -> Outcome:
    """Verify every account of ``portfolio`` into ``out`` (JSON lines). ``on_account`` sees every
    account's stats, those already in the file on resume included; ``on_progress`` the number of
    accounts done after each chunk. KeyboardInterrupt stops the run, keeping every complete line."""
    outcome = Outcome()
    done = read_done(out, on_account) if resume else set()
    outcome.skipped = len(done)
    if on_progress:
        on_progress(len(done))
    results = verified_lines(portfolio.work(done), settings, workers, chunk_size)
    with open(out, "a" if resume else "w", encoding="utf-8", newline="\n") as fh:
        try:
            for chunk in results:
                fh.write("".join(line + "\n" for line, _ in chunk))
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
