"""Reading the tables of a portfolio export one row at a time, through the shared readers.

Rows are streamed, never loaded whole: a portfolio's ledger can hold millions of rows. CSV and XLSX
go through ``debtcli.importers.readers`` (encoding and delimiter detection, the zip-bomb cap), so an
export is read as a single case's tables are. The ledger and payment tables also go through a
``TableReader``: English or Chinese headers, a title above the header, debit/credit columns and a
profile beside the table (``ledger.profile.toml``, or ``profile.toml`` for the folder).

A row comes out as its 1-based row number, as a spreadsheet shows it, and its cells as text
(a workbook's numbers through their shortest ``repr``, so that no binary float reaches the money path).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from debtcli.importers.columns import normalise_header
from debtcli.importers.readers import ReadError, cell_text, csv_rows, xlsx_rows

TABLE_EXTENSIONS = (".csv", ".xlsx")
ACCOUNT_ID = "account_id"

# The headers a core banking export gives the account key (账号 / 借据号 / 合同号 ...), normalised.
ACCOUNT_ID_ALIASES = ("accountid", "account", "accountno", "accountnumber", "loanid", "loanno", "账号", "账户",
                      "账户号", "贷款账号", "借据号", "贷款借据号", "合同号", "贷款合同号", "合同编号", "客户号")


class TableError(Exception):
    """A table that cannot be read at all (wrong encoding, missing sheet, empty file, bad header)."""


@dataclass(frozen=True)
class Table:
    """One table of a portfolio export: a CSV file, or a sheet of a workbook."""

    path: Path
    sheet: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def label(self) -> str:
        return f"{self.path.name}[{self.sheet}]" if self.sheet else self.path.name


def account_column(header: list[str]) -> int | None:
    """The index of the account id column: ``account_id`` itself first, then the first alias."""
    norm = [normalise_header(h) for h in header]
    for alias in ACCOUNT_ID_ALIASES:
        if alias in norm:
            return norm.index(alias)
    return None


def as_text(cells: list) -> tuple[str, ...]:
    """Cells as text: a workbook's numbers and dates as the user would type them."""
    return tuple(c if c.__class__ is str else cell_text(c) for c in cells)


def iter_rows(table: Table) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, cells) for every row, the header included as row 1."""
    try:
        if table.path.suffix.lower() == ".xlsx":
            _, rows = xlsx_rows(table.path, table.sheet)
            for rowno, cells in rows:
                yield rowno, as_text(cells)
        else:
            _, _, rows = csv_rows(table.path)
            for rowno, cells in rows:
                yield rowno, tuple(cells)
    except ReadError as exc:
        raise TableError(f"{table.label()}: {exc}") from None


def read_header(table: Table, rows: Iterator[tuple[int, tuple[str, ...]]] | None = None) -> list[str]:
    """The terms table's header row, lower-cased and stripped, the account id column named
    ``account_id``. TableError for an empty table. ``rows``: the table's rows (``iter_rows``), left
    at the first row below the header."""
    for _, cells in (iter_rows(table) if rows is None else rows):
        header = [c.strip().lower() for c in cells]
        at = account_column(header)
        if at is not None:
            header[at] = ACCOUNT_ID
        return header
    raise TableError(f"{table.label()}: the table is empty (no header row)")


def record_reader(table: Table, kind: str):
    """(reader, account id column, data rows) for a ledger or payments table, its header read.
    The reader's ``table`` holds the rows above the header; TableError lists what stops the table
    being used at all."""
    from debtcli.importers.profile import find_profile, load_profile
    from debtcli.importers.tables import TableReader

    profile = None
    if table.sheet is None:
        found = find_profile(table.path, kind)
        if found is not None:
            profile, issues = load_profile(found)
            if issues:
                raise TableError("\n".join(str(i) for i in issues))
    reader = TableReader(table.path, kind, profile, table.sheet)
    try:
        rows = reader.data_rows()
        first = next(rows, None)
    except ReadError as exc:
        raise TableError(f"{table.label()}: {exc}") from None
    except OSError as exc:
        raise TableError(f"{table.label()}: cannot be read ({exc.strerror or exc})") from None
    t = reader.table
    problems = [str(i) for i in t.errors]
    if t.header_row is None and not problems:
        problems.append(f"{table.label()}: the table is empty (no header row)")
    at = account_column(t.header) if t.header_row else None
    if at is None and not problems:
        problems.append(f"{table.label()}:{t.header_row or 1}: missing column(s) {ACCOUNT_ID} (or 账号, 借据号, "
                        f"合同号 ...); found: {', '.join(h for h in t.header if h)}")
    if problems:
        raise TableError("\n".join(problems))

    text = as_text if reader.table.sheet is not None else tuple  # CSV cells are text already

    def data() -> Iterator[tuple[int, tuple[str, ...]]]:
        try:
            if first is not None:
                yield first[0], text(first[1])
            for rowno, cells in rows:
                yield rowno, text(cells)
        except ReadError as exc:
            raise TableError(f"{table.label()}: {exc}") from None

    return reader, at, data()
