"""Reading the tables of a portfolio export one row at a time (CSV or one sheet of a workbook).

Rows are streamed, never loaded whole: a portfolio's ledger can hold millions of rows. A row comes
out as its 1-based row number (header = row 1, as a spreadsheet shows it) and its cells as text.
CSV may be UTF-8 (with or without BOM) or GB18030/GBK; a workbook's numeric cells are turned into
text through ``repr`` so that no binary float reaches the money path.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

TABLE_EXTENSIONS = (".csv", ".xlsx")


class TableError(Exception):
    """A table that cannot be read at all (wrong encoding, missing sheet, empty file)."""


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


def cell_text(value) -> str:
    """A workbook cell as the text a user would type: numbers through repr, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value).strip()


def _csv_encoding(path: Path) -> str:
    """utf-8-sig when the whole file decodes as UTF-8, else gb18030 (a superset of GBK)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with open(path, "rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


def iter_rows(table: Table) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every row, the header included as row 1."""
    if table.path.suffix.lower() == ".xlsx":
        yield from _xlsx_rows(table)
        return
    encoding = _csv_encoding(table.path)
    with open(table.path, newline="", encoding=encoding) as fh:
        for rowno, cells in enumerate(csv.reader(fh), start=1):
            yield rowno, cells


def _xlsx_rows(table: Table) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(table.path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"{table.name}: not a readable workbook ({exc})") from None
    try:
        if table.sheet is not None and table.sheet not in wb.sheetnames:
            raise TableError(f"{table.name}: no sheet {table.sheet!r} (sheets: {', '.join(wb.sheetnames)})")
        ws = wb[table.sheet] if table.sheet is not None else wb.worksheets[0]
        for rowno, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield rowno, [cell_text(v) for v in values]
    finally:
        wb.close()


def read_header(table: Table) -> list[str]:
    """The header row, lower-cased and stripped. TableError for an empty table."""
    for _, cells in iter_rows(table):
        return [c.strip().lower() for c in cells]
    raise TableError(f"{table.label()}: the table is empty (no header row)")
