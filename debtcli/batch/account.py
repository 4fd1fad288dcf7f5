"""One account of a portfolio: what every account is verified with (``Settings``), the problems and
error lines of an account that cannot be read, and the verification of one account's work, shared by
the local pool (``debtcli.batch.run``) and ``debtcli.verify_rows`` (``debtcli.batch.rows``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from debtcli.batch.source import Work

@dataclass(frozen=True)
class Settings:
    """What every account is verified with."""

    as_of: date | None
    rules: str | None
    layout: object = None  # ExportLayout for an export
    source: str = ""  # the portfolio's fingerprint (Portfolio.fingerprint)
    max_rows: int | None = None  # rows per ledger / payments table of one account
    no_demand: bool = False  # balances as of ``as_of`` without comparing any demand (``--no-demand``)
    statements: object = None  # batch.statements.StatementOptions: also write each account's statement

    def run(self) -> dict:
        """The settings a results line was written with; ``--resume`` refuses a file written with others."""
        out = {"as_of": self.as_of.isoformat() if self.as_of else None, "rules": self.rules, "source": self.source}
        if self.no_demand:
            out["no_demand"] = True
        return out


# ---------------------------------------------------------------------------- one account

INPUT, INTERNAL = "input", "internal"
MAX_MESSAGE = 1000  # characters of one problem message in a results line


def problem(file: str = "", message: str = "", sheet: str | None = None, row: int | None = None,
            column: str | None = None) -> dict:
    """One problem of an account, as results.jsonl carries it."""
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + f"... ({len(message)} characters)"
    return {"file": file, "sheet": sheet, "row": row, "column": column, "message": message}


def issue_problem(issue, prefix: str = "") -> dict:
    src = issue.source
    return problem(prefix + src.file if src.file else prefix.rstrip("/"), issue.message, src.sheet, src.row,
                   src.column)


def error_line(account: str, message: str, problems: Iterable[dict] = (), kind: str = INPUT) -> dict:
    """The line of an account that could not be verified. ``error_kind`` is ``input`` (the account's
    files must be fixed) or ``internal`` (a defect in debtcli: please report it)."""
    return {"account": account, "case": account, "error": message, "error_kind": kind, "problems": list(problems)}


def verify_work(work: Work, settings: Settings) -> dict:
    """The JSON object of one account: ``verify --format json`` plus ``account``, or an error line.
    Everything about the account (loading, both replays, the report) runs inside one guard: whatever
    goes wrong becomes this account's error line and the portfolio goes on."""
    try:
        return _verify_work(work, settings)
    except RecursionError:
        return error_line(work.account_id, "the case could not be read",
                          [problem(work.account_id, "the input is nested too deeply to be read (a crafted file?)")])
    except MemoryError:
        return error_line(work.account_id, "the case could not be read",
                          [problem(work.account_id, "the input is too large to be verified in memory")])
    except Exception as exc:  # noqa: BLE001 - one broken account must not stop a portfolio
        if os.environ.get("DEBTCLI_DEBUG") == "1":
            raise
        text = f"{type(exc).__name__}: {exc}"
        return error_line(work.account_id, "internal error (a defect in debtcli, not in the account's files)",
                          [problem(work.account_id, text)], kind=INTERNAL)


def _verify_work(work: Work, settings: Settings) -> dict:
    if work.problem:
        return error_line(work.account_id, "the account could not be read", [work.problem])
    if settings.max_rows is not None:
        from debtcli.importers.readers import set_max_rows

        set_max_rows(settings.max_rows)
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
                          [issue_problem(i, prefix) for i in errors]
                          or [problem(work.account_id, "the case could not be read")])
    from debtcli.model.records import InputError
    from debtcli.report.build import build_report
    from debtcli.report.jsonout import to_json

    try:
        # a statement needs the computation lines, and is then the same as `debtcli statement` writes
        report = build_report(case, settings.as_of, settings.rules, trace=settings.statements is not None,
                              compare=not settings.no_demand)
    except InputError as exc:
        return error_line(work.account_id, "the case could not be verified", [issue_problem(i) for i in exc.issues])
    if settings.statements is not None:
        from debtcli.batch.statements import write_statement

        write_statement(report, work.account_id, settings.statements)
    return {"account": work.account_id, **to_json(report)}
