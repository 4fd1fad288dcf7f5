"""A portfolio export: the terms table's columns, and one account's rows turned into a ``Case``.

A core banking export is three tables keyed by ``account_id``: the terms table (one row per
account, its columns named after ``case.toml`` keys), the ledger (``ledger.csv`` columns plus
``account_id``) and the payment records (``payments.csv`` columns plus ``account_id``). Each
account's terms go through ``terms_from_dict``, so a mistake gets the same message as in
``case.toml``, located at the terms table's row and column instead of the key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from debtcli.terms.case import Case
from debtcli.model.money import minor_unit
from debtcli.model.records import COMPONENTS, InputFile, Issue, SourceRef
from debtcli.terms.loader import terms_from_dict

ACCOUNT_ID = "account_id"

# terms table column -> case.toml key path. Columns not listed here are refused by name.
CASE_COLUMNS = ("jurisdiction", "state", "lender_kind", "currency", "language", "lender", "borrower", "filed",
                "reference")
CONTRACT_COLUMNS = (
    "product", "signed", "principal", "rate", "day_count", "counting", "method", "term_months", "frequency",
    "in_advance", "interest_only_periods", "maturity", "first_due", "interest_method", "grace_days", "rounding",
    "default_rate", "compound", "penalty", "late_fee", "allocation", "repricing", "costs_recoverable",
    "carry_precision", "stop_accrual_on_charge_off",
    "statement_day", "due_day", "due_days", "interest_model", "minimum_payment", "tolerance", "credit_limit",
)
FEE_COLUMNS = ("name", "amount", "rate", "date", "withheld", "component", "per_installment", "clause")
DEMAND_COLUMNS = ("as_of", "total", "document") + COMPONENTS
EVENT_COLUMNS = ("acceleration", "charge_off")  # a date each: the event's date
# one prepayment event (提前还款): column -> its key in the [[event]] table
PREPAYMENT_COLUMNS = {"prepayment_date": "date", "prepayment_amount": "amount", "prepayment_keep": "keep"}

TERMS_COLUMNS: dict[str, str] = {ACCOUNT_ID: "case.id"}
TERMS_COLUMNS.update({c: f"case.{c}" for c in CASE_COLUMNS})
TERMS_COLUMNS.update({c: f"contract.{c}" for c in CONTRACT_COLUMNS})
TERMS_COLUMNS.update({f"fee_{c}": f"contract.fee[0].{c}" for c in FEE_COLUMNS})
TERMS_COLUMNS.update({f"demand_{c}": f"demand.{c}" for c in DEMAND_COLUMNS})
TERMS_COLUMNS.update({"disbursement_date": "disbursement[0].date", "disbursement_amount": "disbursement[0].amount"})
TERMS_COLUMNS.update({c: c for c in EVENT_COLUMNS})
TERMS_COLUMNS.update({c: f"prepayment.{key}" for c, key in PREPAYMENT_COLUMNS.items()})

_INTEGER_KEYS = {"term_months", "interest_only_periods", "grace_days", "statement_day", "due_day", "due_days"}
_BOOLEAN_KEYS = {"compound", "costs_recoverable", "carry_precision", "stop_accrual_on_charge_off", "withheld",
                 "in_advance", "per_installment"}
_TRUE = {"true", "yes", "y", "1", "是", "t"}
_FALSE = {"false", "no", "n", "0", "否", "f"}


@dataclass(frozen=True)
class TableInfo:
    """What every account needs to know about one table: its name, sheet, hash and header."""

    file: str
    sheet: str | None
    sha256: str
    header: tuple[str, ...]
    reader: object = field(default=None, compare=False)  # the ledger's / payments' TableReader, header read
    id_column: int | None = None

    @property
    def id_index(self) -> int:
        """Where the account id is in a row."""
        return self.header.index(ACCOUNT_ID) if self.id_column is None else self.id_column

    @property
    def label(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file


@dataclass(frozen=True)
class ExportLayout:
    """The three tables of an export as the workers see them. ``ledger``/``payments`` may be None."""

    terms: TableInfo
    ledger: TableInfo | None
    payments: TableInfo | None


def header_problems(info: TableInfo, known, required) -> list[str]:
    """Problems with a table's header: missing required columns, unknown or repeated columns."""
    where = info.label
    out = []
    missing = [c for c in required if c not in info.header]
    if missing:
        out.append(f"{where}:1: missing column(s) {', '.join(missing)}; found: {', '.join(info.header)}")
    unknown = [c for c in info.header if c and c not in known]
    if unknown:
        out.append(f"{where}:1: unknown column(s) {', '.join(unknown)} (known: {', '.join(known)})")
    repeated = sorted({c for c in info.header if c and info.header.count(c) > 1})
    if repeated:
        out.append(f"{where}:1: column(s) {', '.join(repeated)} appear more than once")
    return out


def layout_problems(layout: ExportLayout) -> list[str]:
    """The terms table's header problems (the ledger's and payments' are the shared reader's)."""
    return header_problems(layout.terms, tuple(TERMS_COLUMNS), (ACCOUNT_ID,))


def _kind_of(leaf: str) -> str | None:
    if leaf == "allocation":
        return "list"
    if leaf in _INTEGER_KEYS:
        return "int"
    return "bool" if leaf in _BOOLEAN_KEYS else None


_WHOLE_NUMBER = re.compile(r"\d+")
_TRUE_OR_FALSE = _TRUE | _FALSE


def _typed_as(kind: str | None, text: str):
    """A cell's text as the TOML value the terms loader expects; left as text when it does not fit,
    so the loader reports it with the usual message."""
    if kind is None:
        return text
    if kind == "int":
        return int(text) if _WHOLE_NUMBER.fullmatch(text) else text
    if kind == "bool":
        return text.lower() in _TRUE if text.lower() in _TRUE_OR_FALSE else text
    return [x.strip() for x in re.split(r"[;,，；]", text) if x.strip()]


@lru_cache(maxsize=64)
def _plan(header: tuple) -> tuple:
    """Where each cell of a terms-table row goes, worked out once per header: (cell index, column,
    table path, key, kind of value) for each column that is a case.toml key, in the header's order;
    the table path is None for an event column."""
    out = []
    for i, col in enumerate(header):
        if col not in TERMS_COLUMNS:
            continue
        if col in EVENT_COLUMNS:
            out.append((i, col, None, None, None))
            continue
        head, _, leaf = TERMS_COLUMNS[col].rpartition(".")
        out.append((i, col, head, leaf, _kind_of(leaf)))
    return tuple(out)


def terms_document(header, cells) -> dict:
    """The case.toml document that one terms-table row stands for."""
    doc: dict = {"schema": "debtcli/1", "case": {}, "contract": {}}
    events = []
    prepayment: dict = {}
    width = len(cells)
    for i, col, head, leaf, kind in _plan(tuple(header)):
        if i >= width:
            break
        text = cells[i].strip()
        if not text:
            continue
        if head is None:
            events.append({"date": text, "type": col})
            continue
        value = text if kind is None else _typed_as(kind, text)
        if head == "prepayment":
            prepayment[leaf] = value
        elif head == "contract.fee[0]":
            doc["contract"].setdefault("fee", [{}])[0][leaf] = value
        elif head == "disbursement[0]":
            doc.setdefault("disbursement", [{}])[0][leaf] = value
        else:
            doc.setdefault(head, {})[leaf] = value
    if prepayment:
        events.append({"type": "prepayment", **prepayment})
    if events:
        doc["event"] = events
    return doc


_KEY_TO_COLUMN = {v: k for k, v in TERMS_COLUMNS.items()}


def _column_of(key_path: str, doc: dict) -> str | None:
    if key_path in _KEY_TO_COLUMN:
        return _KEY_TO_COLUMN[key_path]
    m = re.fullmatch(r"event\[(\d+)\](?:\.(.*))?", key_path)
    if m and int(m.group(1)) < len(doc.get("event", [])):
        event = doc["event"][int(m.group(1))]
        if event["type"] == "prepayment":
            return next((c for c, key in PREPAYMENT_COLUMNS.items() if key == m.group(2)), "prepayment_date")
        return event["type"]
    return None


def relocate(issue: Issue, table: TableInfo, rowno: int, doc: dict) -> Issue:
    """A terms issue (located by key path in case.toml) located at the terms table's row and column."""
    key_path = issue.source.column or ""
    column = _column_of(key_path, doc)
    message = issue.message
    if column and message.startswith(key_path):
        message = column + message[len(key_path):]
    return Issue(SourceRef(table.file, row=rowno, sheet=table.sheet, column=column or key_path or None),
                 message, issue.severity, issue.code)


@dataclass(frozen=True)
class AccountRows:
    """One account's raw rows, as the reader hands them to a worker."""

    account_id: str
    terms_row: int
    terms_cells: tuple[str, ...]
    ledger: tuple[tuple[int, tuple[str, ...]], ...] = ()
    payments: tuple[tuple[int, tuple[str, ...]], ...] = ()


def case_from_rows(layout: ExportLayout, rows: AccountRows) -> tuple[Case | None, list[Issue]]:
    """The ``Case`` of one account of an export, or None with every problem found."""
    doc = terms_document(layout.terms.header, rows.terms_cells)
    terms, t_issues = terms_from_dict(doc, layout.terms.file)
    issues = [relocate(i, layout.terms, rows.terms_row, doc) for i in t_issues]
    inputs = [InputFile(layout.terms.label, layout.terms.sha256, 1, 0 if terms else 1, "terms")]
    places = minor_unit(terms.case.currency) if terms is not None else 2
    ledger, payments, rejected = [], [], []
    for info, table_rows, kind in ((layout.ledger, rows.ledger, "ledger"), (layout.payments, rows.payments,
                                                                           "payments")):
        if info is None:
            continue
        part = info.reader.part(places)
        records = list(part.records_of(table_rows))
        (ledger if kind == "ledger" else payments).extend(records)
        rejected += part.table.rejected
        issues += part.table.issues
        inputs.append(InputFile(info.label, info.sha256, len(records), len(part.table.rejected), kind))
    if terms is None or any(i.severity == "error" for i in issues):
        return None, issues
    case = Case(terms=terms, ledger=tuple(ledger), payments=tuple(payments), inputs=tuple(inputs),
                rejected=tuple(rejected), issues=tuple(i for i in issues if i.severity != "error"),
                path=f"{layout.terms.file}:{rows.terms_row}", has_ledger=layout.ledger is not None,
                has_payments=layout.payments is not None)
    return case, issues
