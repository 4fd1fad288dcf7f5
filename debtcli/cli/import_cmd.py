"""debtcli import: read a ledger or payment file as debtcli will, and print the canonical rows."""

from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from debtcli.cli.common import EXIT_INPUT, MaxRowsOpt, MessagesLangOpt, fail_input, max_rows_or_default, notice, \
    print_json


class Kind(str, Enum):
    ledger = "ledger"
    payments = "payments"


class CsvOrJson(str, Enum):
    csv = "csv"
    json = "json"


LEDGER_OUT = ("row", "date", "type", "amount", "reference", "memo", "balance", "posted")
PAYMENTS_OUT = ("row", "date", "amount", "reference", "payer", "channel")
_LEDGER_WORDS = ("ledger", "台账", "明细", "分户账", "账户", "statement")
_PAYMENT_WORDS = ("payment", "还款", "流水", "回单", "收款", "receipt", "bank")


def import_file(
    file: Annotated[str, typer.Argument(help="A CSV or XLSX file: a creditor's ledger or payment records.",
                                        show_default=False)],
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="A profile (TOML) saying how to read the "
                                                "file. Default: <name>.profile.toml or profile.toml beside it.")]
    = None,
    kind: Annotated[Kind | None, typer.Option("--kind", "-k", help="ledger or payments. Default: from the profile, "
                                              "the file name, or the columns.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="The worksheet to read (XLSX).")] = None,
    format: Annotated[CsvOrJson, typer.Option("--format", "-f", help="Output format.")] = CsvOrJson.csv,
    max_rows: MaxRowsOpt = None,
    lang: MessagesLangOpt = None,
) -> None:
    """Print the rows of FILE as debtcli reads them (canonical columns, one row per posting), with
    the row each came from; rejected rows and problems go to stderr. Use it to check a profile
    before a verification.

    Exit code 0: every row was read or rejected without an error; 2: some row or the file could not
    be read.

    Examples:

      debtcli import ledger.xlsx

      debtcli import 还款流水.csv --kind payments --format json

      debtcli import export.csv --profile bank.profile.toml
    """
    from debtcli.importers.profile import find_profile, load_profile
    from debtcli.importers.readers import set_max_rows
    from debtcli.importers.tables import TableReader
    from debtcli.model.records import Issue

    set_max_rows(max_rows_or_default(max_rows))
    path = Path(file)
    if not path.is_file():
        fail_input([f"{file}: no such file"])
    prof = None
    prof_path = Path(profile) if profile else None
    if prof_path is not None:
        prof, issues = load_profile(prof_path)
        if prof is None:
            fail_input([str(i) for i in issues], hint="the profile was not used; nothing was read.")
    the_kind = kind.value if kind else (prof.kind if prof and prof.kind else None)
    if the_kind is None:
        the_kind = guess_kind(path, sheet)
    if prof is None:
        found = find_profile(path, the_kind)
        if found is not None:
            prof, issues = load_profile(found)
            if prof is None:
                fail_input([str(i) for i in issues], hint="the profile was not used; nothing was read.")
            notice("note", f"reading {path.name} through {found.name}")
            if prof.kind and kind is None:
                the_kind = prof.kind
    if sheet is None and path.suffix.lower() in (".xlsx", ".xlsm") and not (prof and prof.sheet):
        sheet = _workbook_sheet(path, the_kind)
    reader = TableReader(path, the_kind, prof, sheet)
    if format == CsvOrJson.csv:
        _write_csv(reader)
    else:
        rows = [_row_dict(r, the_kind) for r in reader.records()]
        t = reader.table
        print_json({
            "file": t.file, "sheet": t.sheet, "kind": t.kind, "encoding": t.encoding, "delimiter": t.delimiter,
            "header_row": t.header_row,
            "columns": {c: (t.header[i] if i < len(t.header) else i + 1) for c, i in t.columns.items()},
            "counts": {"rows": t.rows_seen, "header": _header_rows(t), "used": t.used, "rejected": len(t.rejected)},
            "rows": rows,
            "rejected": [{**x.source.evidence(), "reason": x.reason} for x in t.rejected],
            "issues": [{"severity": i.severity, "code": i.code, "message": str(i)} for i in t.issues],
        })
    t = reader.table
    for x in t.rejected:
        notice("rejected", str(Issue(x.source, x.reason)))
    for i in t.issues:
        notice(i.severity, str(i))
    notice("", f"{t.file}{f'[{t.sheet}]' if t.sheet else ''}: {t.rows_seen} rows: {_header_rows(t)} header, {t.used} "
               f"used as {t.kind}, {len(t.rejected)} rejected")
    if t.errors:
        raise typer.Exit(EXIT_INPUT)


def _header_rows(table) -> int:
    return 1 if table.header_row else 0


def guess_kind(path: Path, sheet: str | None = None) -> str:
    """From the file name, else from the header: a type column (类型/摘要) makes it a ledger."""
    name = path.stem.lower()
    if any(w in name for w in _LEDGER_WORDS):
        return "ledger"
    if any(w in name for w in _PAYMENT_WORDS):
        return "payments"
    from debtcli.importers.tables import TableReader

    probe = TableReader(path, "ledger", None, sheet)
    try:
        header = probe.header_columns()
    except Exception:  # noqa: BLE001 - the real read reports the problem
        return "payments"
    return "ledger" if ({"type", "debit", "balance"} & set(header)) else "payments"


def _workbook_sheet(path: Path, kind: str) -> str | None:
    from debtcli.importers.readers import ReadError, sheet_names

    try:
        names = sheet_names(path)
    except ReadError:
        return None  # the real read reports it
    return kind if kind in names else None


def _cells(rec, kind: str, places: int = 2) -> list[str]:
    from debtcli.model.money import fmt

    if kind == "ledger":
        return [str(rec.source.row), rec.date.isoformat(), rec.type, fmt(rec.amount, places), rec.reference,
                rec.memo, fmt(rec.balance, places) if rec.balance is not None else "",
                rec.posted.isoformat() if rec.posted else ""]
    return [str(rec.source.row), rec.date.isoformat(), fmt(rec.amount, places), rec.reference, rec.payer,
            rec.channel]


def _row_dict(rec, kind: str) -> dict:
    keys = LEDGER_OUT if kind == "ledger" else PAYMENTS_OUT
    out = dict(zip(keys, _cells(rec, kind)))
    out["row"] = rec.source.row
    if kind == "ledger" and rec.balance is None:
        out["balance"] = None
    return out


def _write_csv(reader) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(LEDGER_OUT if reader.kind == "ledger" else PAYMENTS_OUT)
    text_columns = {i for i, c in enumerate(LEDGER_OUT if reader.kind == "ledger" else PAYMENTS_OUT)
                    if c in ("type", "reference", "memo", "payer", "channel")}
    for rec in reader.records():
        writer.writerow([csv_safe(c) if i in text_columns else c for i, c in enumerate(_cells(rec, reader.kind))])


def csv_safe(text: str) -> str:
    """A text cell a spreadsheet will not run: one starting with = + - @ (or a tab or carriage
    return) gets a leading apostrophe, as OWASP advises against CSV injection."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
