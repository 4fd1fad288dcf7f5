"""Ledger and payment tables: canonical rows out of a CSV file.

Every data row is either turned into a record or listed as rejected with its reason and location.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from debtcli.model.money import ParseError, parse_amount
from debtcli.model.records import LEDGER_TYPES, InputFile, Issue, LedgerRow, PaymentRecord, RejectedRow, SourceRef
from debtcli.terms.loader import parse_date

LEDGER_COLUMNS = ("date", "type", "amount", "reference", "memo", "balance", "posted")
PAYMENT_COLUMNS = ("date", "amount", "reference", "payer", "channel")
LEDGER_REQUIRED = ("date", "type", "amount")
PAYMENT_REQUIRED = ("date", "amount")


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], list[Issue]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [], [Issue(SourceRef(path.name), "not UTF-8 text")]
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return [], [], [Issue(SourceRef(path.name), "the file is empty")]
    header = [h.strip().lower() for h in rows[0]]
    return header, [(i + 2, r) for i, r in enumerate(rows[1:])], []


def _table(path: Path, columns, required, make):
    header, rows, issues = _read_rows(path)
    records, rejected = [], []
    if issues:
        return records, rejected, InputFile(path.name, _sha(path), 0, 0), issues
    missing = [c for c in required if c not in header]
    if missing:
        issues.append(Issue(SourceRef(path.name, row=1),
                            f"missing column(s) {', '.join(missing)}; found: {', '.join(header)}"))
        return records, rejected, InputFile(path.name, _sha(path), 0, len(rows)), issues
    idx = {c: header.index(c) for c in columns if c in header}
    for rowno, cells in rows:
        if not any(c.strip() for c in cells):
            rejected.append(RejectedRow(SourceRef(path.name, row=rowno), "empty row"))
            continue
        values = {c: (cells[i].strip() if i < len(cells) else "") for c, i in idx.items()}
        try:
            records.append(make(values, SourceRef(path.name, row=rowno, raw=",".join(cells))))
        except _RowError as exc:
            src = SourceRef(path.name, row=rowno, column=exc.column, raw=values.get(exc.column or "", ""))
            rejected.append(RejectedRow(src, exc.message))
            issues.append(Issue(src, exc.message))
    return records, rejected, InputFile(path.name, _sha(path), len(records), len(rejected)), issues


def _sha(path: Path) -> str:
    from debtcli.importers.case_loader import sha256_of

    return sha256_of(path)


class _RowError(Exception):
    def __init__(self, column: str | None, message: str):
        self.column, self.message = column, message


def _field(values: dict, column: str, conv):
    try:
        return conv(values.get(column, ""))
    except (ParseError, ValueError) as exc:
        raise _RowError(column, f"{column}: {exc}") from None


def _ledger_row(values: dict, source: SourceRef) -> LedgerRow:
    typ = values.get("type", "").lower()
    if typ not in LEDGER_TYPES:
        raise _RowError("type", f"type: {values.get('type')!r} is not one of {', '.join(LEDGER_TYPES)}")
    amount = _field(values, "amount", parse_amount)
    bal = values.get("balance", "")
    posted = values.get("posted", "")
    return LedgerRow(
        date=_field(values, "date", parse_date), type=typ, amount=abs(amount),
        reference=values.get("reference", ""), memo=values.get("memo", ""),
        balance=_field(values, "balance", parse_amount) if bal else None,
        posted=_field(values, "posted", parse_date) if posted else None, source=source)


def _payment_row(values: dict, source: SourceRef) -> PaymentRecord:
    amount = _field(values, "amount", parse_amount)
    if amount <= 0:
        raise _RowError("amount", f"amount: a payment must be positive, found {amount}")
    return PaymentRecord(date=_field(values, "date", parse_date), amount=amount,
                         reference=values.get("reference", ""), payer=values.get("payer", ""),
                         channel=values.get("channel", ""), source=source)


def read_ledger(path: Path):
    """(rows, rejected, InputFile, issues) for a creditor's ledger."""
    return _table(path, LEDGER_COLUMNS, LEDGER_REQUIRED, _ledger_row)


def read_payments(path: Path):
    """(rows, rejected, InputFile, issues) for independent payment records."""
    return _table(path, PAYMENT_COLUMNS, PAYMENT_REQUIRED, _payment_row)
