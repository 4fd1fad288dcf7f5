"""Where a portfolio's accounts come from, in account-id order, one at a time.

SOURCE is either

* a folder of case folders: each sub-folder holding ``case.toml`` is one account, its id the
  folder's name; or
* a portfolio export: a folder holding ``accounts.csv`` (or ``terms.csv``; ``.xlsx`` too) with
  optional ``ledger.*`` and ``payments.*``, or one workbook with sheets ``accounts`` (or ``terms``),
  ``ledger`` and ``payments``. Every table has an ``account_id`` column.

An export is read in one streaming pass when every table is sorted by ``account_id`` (what core
banking exports produce); otherwise its rows are first staged in a temporary SQLite file on disk,
so memory stays flat either way. A quick first pass over the ``account_id`` column counts the
accounts and finds out which of the two applies.

Either way the rows are grouped into accounts by ``debtcli.api.account_groups``, the function Spark
runs on each of its partitions, and the reader hands back, beside the accounts, every row that
belongs to none (``RejectedRow``: a blank row, a row above a header, a row whose account the terms
table lacks): ``Portfolio.items`` yields both, and whoever reads it records the rejected ones.
Nothing is recorded on the side.
"""

from __future__ import annotations

import heapq
import itertools
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from debtcli.batch.export import ACCOUNT_ID, ExportLayout, TableInfo, layout_problems
from debtcli.batch.groups import RejectedRow, Work, account_groups  # noqa: F401 - Work is public here
from debtcli.batch.tables import TABLE_EXTENSIONS, Table, TableError, iter_rows, read_header, record_reader
from debtcli.importers.case_loader import sha256_of

TERMS_STEMS = ("accounts", "terms")
KINDS = ("terms", "ledger", "payments")
MAX_LISTED_REJECTS = 1000


class SourceError(Exception):
    """SOURCE cannot be used at all; carries every problem, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Rejected:
    """Rows of an export that belong to no account (counted per table; the first ones listed)."""

    counts: dict = field(default_factory=dict)  # table label -> rows
    listed: list = field(default_factory=list)  # (table label, row, reason)

    def add(self, label: str, rowno: int, reason: str) -> None:
        self.counts[label] = self.counts.get(label, 0) + 1
        if len(self.listed) < MAX_LISTED_REJECTS:
            self.listed.append((label, rowno, reason))

    def record(self, row: RejectedRow, labels: tuple[str, str, str]) -> None:
        """Count a row the reader rejected; ``labels`` name the three tables (``Portfolio.labels``)."""
        self.add(labels[row.table], row.key, row.reason)


class Portfolio:
    """The accounts of SOURCE. ``count`` is known before the run; ``items()`` streams them, with the
    rows that belong to no account."""

    kind = ""
    count = 0
    layout: ExportLayout | None = None
    labels: tuple[str, str, str] = ("", "", "")  # what a RejectedRow's table index names

    def items(self, skip: frozenset | set = frozenset()) -> Iterator[Work | RejectedRow]:  # pragma: no cover
        """Each account as ``Work`` (in account-id order, those in ``skip`` left out) and, among
        them, each row that belongs to no account as ``RejectedRow``."""
        raise NotImplementedError

    def work(self, skip: frozenset | set, rejected: Rejected) -> Iterator[Work]:
        """The accounts alone, each rejected row counted in ``rejected`` as it goes by."""
        for item in self.items(skip):
            if isinstance(item, RejectedRow):
                rejected.record(item, self.labels)
            else:
                yield item

    def inputs(self) -> list[dict]:
        """The portfolio-level inputs: each table with its hash (exports only)."""
        return []

    def fingerprint(self) -> str:
        """What the results file records of SOURCE, so that ``--resume`` notices another source: the
        SHA-256 of the export's tables, or of the list of case folders."""
        import hashlib

        return hashlib.sha256(self._identity().encode("utf-8")).hexdigest()

    def _identity(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError


# ---------------------------------------------------------------------------- folders


class CaseFolders(Portfolio):
    kind = "folders"

    def __init__(self, root: Path):
        self.root = root
        self.names = sorted(e.name for e in os.scandir(root) if e.is_dir() and not e.name.startswith("."))
        self.count = len(self.names)

    def _identity(self) -> str:
        return "folders\n" + "\n".join(self.names)

    def items(self, skip=frozenset()) -> Iterator[Work]:
        for name in self.names:
            if name not in skip:
                yield Work(name, folder=str(self.root / name))


# ---------------------------------------------------------------------------- exports


def _find(folder: Path, stems) -> Path | None:
    for stem in stems:
        for ext in TABLE_EXTENSIONS:
            p = folder / f"{stem}{ext}"
            if p.exists():
                return p
    return None


def export_tables(source: Path) -> tuple[Table, Table | None, Table | None] | None:
    """(terms, ledger, payments) tables when SOURCE is an export, else None."""
    if source.is_file() and source.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(source, read_only=True)
            sheets = list(wb.sheetnames)
            wb.close()
        except Exception as exc:  # a damaged workbook
            raise SourceError([f"{source.name}: not a readable workbook ({exc})"]) from None
        terms = next((s for s in TERMS_STEMS if s in sheets), None)
        if terms is None:
            raise SourceError([f"{source.name}: a portfolio workbook needs a sheet named accounts (or terms); "
                               f"found: {', '.join(sheets)}"])
        return (Table(source, terms), Table(source, "ledger") if "ledger" in sheets else None,
                Table(source, "payments") if "payments" in sheets else None)
    if source.is_dir():
        terms = _find(source, TERMS_STEMS)
        if terms is None:
            return None
        ledger, payments = _find(source, ("ledger",)), _find(source, ("payments",))
        return Table(terms), Table(ledger) if ledger else None, Table(payments) if payments else None
    return None


def _table_rows(table: Table, kind: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The data rows of a table: below the first row for the terms table, below the header found by
    the shared reader (a title above it is skipped) for the ledger and payments."""
    if kind == "terms":
        rows = iter_rows(table)
        next(rows, None)
        return rows
    return record_reader(table, kind)[2]


def _data_rows(table: Table, kind: str, id_index: int) -> Iterator[tuple[str, int, int, tuple[str, ...]] | RejectedRow]:
    """``(account id, table, row number, cells)`` for each data row, in file order (the rows
    ``account_groups`` takes); a blank row comes back as a ``RejectedRow``."""
    k = KINDS.index(kind)
    for rowno, cells in _table_rows(table, kind):
        if not any(c.strip() for c in cells):
            yield RejectedRow(k, rowno, "", "empty row")
            continue
        account = cells[id_index].strip() if id_index < len(cells) else ""
        yield account, k, rowno, cells


def _only_rows(items, rejected: list) -> Iterator[tuple]:
    """The data rows of ``items``; its RejectedRows are put on ``rejected`` for the caller to hand on."""
    for item in items:
        if isinstance(item, RejectedRow):
            rejected.append(item)
        else:
            yield item


def _is_sorted(table: Table, kind: str, id_index: int) -> tuple[bool, int, list[str]]:
    """(sorted by account id?, number of data rows, problems). A missing id is a problem."""
    last, ok, n, problems = None, True, 0, []
    for account, _, rowno, _ in _only_rows(_data_rows(table, kind, id_index), []):
        n += 1
        if not account and table is not None and len(problems) < 20:
            problems.append(f"{table.label()}:{rowno}: {ACCOUNT_ID} is empty")
        if last is not None and account < last:
            ok = False
        last = account
    return ok, n, problems


class Export(Portfolio):
    kind = "export"

    def __init__(self, terms: Table, ledger: Table | None, payments: Table | None):
        self.tables = (terms, ledger, payments)
        self.labels = tuple(t.label() if t is not None else kind for t, kind in zip(self.tables, KINDS))
        self.above_header: list[RejectedRow] = []  # rows above the ledger's / payments' header
        infos, problems = [], []
        for t, kind in zip(self.tables, KINDS):
            if t is None:
                infos.append(None)
                continue
            try:
                infos.append(self._table_info(t, kind))
            except TableError as exc:
                problems.append(str(exc))
                infos.append(None)
            except OSError as exc:
                problems.append(f"{t.label()}: cannot be read ({exc.strerror or exc})")
                infos.append(None)
        if problems:
            raise SourceError(problems)
        self.layout = ExportLayout(*infos)
        problems = layout_problems(self.layout)
        if problems:
            raise SourceError(problems)
        self.sorted = True
        for t, kind, info in zip(self.tables, KINDS, infos):
            if t is None:
                continue
            ok, n, id_problems = _is_sorted(t, kind, info.id_index)
            if t is terms:
                problems += id_problems
                self.terms_rows = n
            self.sorted = self.sorted and ok
        if problems:
            raise SourceError(problems)
        self.count = self._count_accounts()

    def _table_info(self, table: Table, kind: str) -> TableInfo:
        """The table's header (and, for the ledger and payments, its reader); rows above the
        header are listed as rejected."""
        if kind == "terms":
            return TableInfo(table.path.name, table.sheet, sha256_of(table.path), tuple(read_header(table)))
        reader, at, _ = record_reader(table, kind)
        for row in reader.table.rejected:
            self.above_header.append(RejectedRow(KINDS.index(kind), row.source.row, "", row.reason))
        return TableInfo(table.path.name, reader.table.sheet or table.sheet, sha256_of(table.path),
                         tuple(reader.table.header), reader=reader, id_column=at)

    def _count_accounts(self) -> int:
        terms, info = self.tables[0], self.layout.terms
        accounts = (r[0] for r in _only_rows(_data_rows(terms, "terms", info.id_index), []))
        if self.sorted:
            return sum(1 for _ in itertools.groupby(accounts))
        return len(set(accounts))

    def inputs(self) -> list[dict]:
        out = []
        for t, info in zip(self.tables, (self.layout.terms, self.layout.ledger, self.layout.payments)):
            if t is not None:
                out.append({"file": t.label(), "sha256": info.sha256})
        return out

    def _identity(self) -> str:
        return "export\n" + "\n".join(f"{i['file']} {i['sha256']}" for i in self.inputs())

    def rows(self) -> Iterator[tuple[str, int, int, tuple[str, ...]] | RejectedRow]:
        """Every row of the three tables, table after table in file order: ``(account id, table, row
        number, cells)`` for a data row, ``RejectedRow`` for a blank row or a row above a header."""
        yield from self.above_header
        for t, kind, info in self._present():
            yield from _data_rows(t, kind, info.id_index)

    def _present(self):
        lay = self.layout
        return [(t, kind, info) for t, kind, info in zip(self.tables, KINDS, (lay.terms, lay.ledger, lay.payments))
                if t is not None]

    def items(self, skip=frozenset()) -> Iterator[Work | RejectedRow]:
        yield from self.above_header
        grouped = self._merged() if self.sorted else self._staged()
        try:
            for item in grouped:
                if isinstance(item, Work) and item.account_id in skip:
                    continue
                yield item
        finally:
            grouped.close()

    def _merged(self) -> Iterator[Work | RejectedRow]:
        """Sorted tables: the three read side by side, merged on (account id, table), grouped."""
        pending: list[RejectedRow] = []  # blank rows met on the way, handed on in order
        streams = [_only_rows(_data_rows(t, kind, info.id_index), pending) for t, kind, info in self._present()]
        merged = heapq.merge(*streams, key=lambda r: (r[0], r[1]))
        for item in account_groups(merged, self.tables[0].label()):
            if pending:
                yield from pending
                pending.clear()
            yield item
        yield from pending

    def _staged(self) -> Iterator[Work | RejectedRow]:
        """Unsorted tables: stage every row in a temporary SQLite file, then read them back sorted by
        (account id, table, row number) and group them."""
        with tempfile.TemporaryDirectory(prefix="debtcli-batch-") as tmp:
            db = sqlite3.connect(os.path.join(tmp, "stage.sqlite"))
            try:
                db.execute("PRAGMA journal_mode=OFF")
                db.execute("PRAGMA synchronous=OFF")
                db.execute("CREATE TABLE r (tbl INTEGER, account TEXT, rowno INTEGER, cells TEXT)")
                blank: list[RejectedRow] = []
                for t, kind, info in self._present():
                    rows = _only_rows(_data_rows(t, kind, info.id_index), blank)
                    db.executemany("INSERT INTO r VALUES (?, ?, ?, ?)",
                                   ((k, a, n, json.dumps(c, ensure_ascii=False)) for a, k, n, c in rows))
                db.execute("CREATE INDEX r_account ON r (account, tbl, rowno)")
                db.commit()
                yield from blank
                cur = db.execute("SELECT account, tbl, rowno, cells FROM r ORDER BY account, tbl, rowno")
                rows = ((a, k, n, tuple(json.loads(c))) for a, k, n, c in cur)
                yield from account_groups(rows, self.tables[0].label())
            finally:
                db.close()


def open_portfolio(path: str) -> Portfolio:
    """The portfolio at ``path``; SourceError when it is neither a folder of cases nor an export."""
    source = Path(path)
    if not source.exists():
        raise SourceError([f"{path}: no such file or folder"])
    if source.is_dir() and (source / "case.toml").exists():
        raise SourceError([f"{path}: this folder is a single case; use `debtcli verify {path}`, or give batch the "
                           "folder that holds the case folders"])
    tables = export_tables(source)
    if tables is not None:
        return Export(*tables)
    if source.is_dir():
        folders = CaseFolders(source)
        if folders.count == 0:
            raise SourceError([f"{path}: no case folders and no accounts table (accounts.csv / accounts.xlsx) in "
                               "this folder"])
        return folders
    raise SourceError([f"{path}: give a folder of case folders, a folder holding accounts.csv (with ledger.csv "
                       "and payments.csv), or a portfolio workbook (.xlsx with sheets accounts, ledger, payments)"])
