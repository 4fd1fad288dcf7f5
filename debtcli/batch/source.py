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
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from debtcli.batch.export import ACCOUNT_ID, AccountRows, ExportLayout, TableInfo, layout_problems
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


@dataclass
class Work:
    """One account to verify: its id, and either a case folder's path or its export rows."""

    account_id: str
    folder: str | None = None
    rows: AccountRows | None = None
    problem: dict | None = None  # a problem the source itself found (e.g. a repeated account id)


class Portfolio:
    """The accounts of SOURCE. ``count`` is known before the run; ``work()`` streams them."""

    kind = ""
    count = 0
    layout: ExportLayout | None = None
    rejected: Rejected

    def work(self, skip: frozenset | set = frozenset()) -> Iterator[Work]:  # pragma: no cover - interface
        raise NotImplementedError

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
        self.rejected = Rejected()

    def _identity(self) -> str:
        return "folders\n" + "\n".join(self.names)

    def work(self, skip=frozenset()) -> Iterator[Work]:
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


def _data_rows(table: Table, kind: str, id_index: int, rejected: Rejected
               ) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    """(account id, row number, cells) for each data row; blank rows are listed as rejected."""
    for rowno, cells in _table_rows(table, kind):
        if not any(c.strip() for c in cells):
            rejected.add(table.label(), rowno, "empty row")
            continue
        account = cells[id_index].strip() if id_index < len(cells) else ""
        yield account, rowno, cells


def _is_sorted(table: Table, kind: str, id_index: int) -> tuple[bool, int, list[str]]:
    """(sorted by account id?, number of data rows, problems). A missing id is a problem."""
    last, ok, n, problems = None, True, 0, []
    for account, rowno, _ in _data_rows(table, kind, id_index, Rejected()):
        n += 1
        if not account and table is not None and len(problems) < 20:
            problems.append(f"{table.label()}:{rowno}: {ACCOUNT_ID} is empty")
        if last is not None and account < last:
            ok = False
        last = account
    return ok, n, problems


def _groups(rows) -> Iterator[tuple[str, list]]:
    """Consecutive rows with the same account id, as (id, [(row number, cells)])."""
    current, bucket = None, []
    for account, rowno, cells in rows:
        if account != current and bucket:
            yield current, bucket
            bucket = []
        current = account
        bucket.append((rowno, cells))
    if bucket:
        yield current, bucket


class _Follower:
    """A sorted ledger/payments table walked in step with the terms table."""

    def __init__(self, table: Table | None, kind: str, info: TableInfo | None, rejected: Rejected):
        self.label = table.label() if table else ""
        self.rejected = rejected
        self.groups = _groups(_data_rows(table, kind, info.id_index, rejected)) if table else iter(())
        self.head = next(self.groups, None)

    def take(self, account: str) -> tuple:
        """This account's rows; rows of accounts the terms table skipped are rejected on the way."""
        while self.head is not None and self.head[0] < account:
            self._orphans(self.head)
            self.head = next(self.groups, None)
        if self.head is not None and self.head[0] == account:
            rows = tuple(self.head[1])
            self.head = next(self.groups, None)
            return rows
        return ()

    def drain(self) -> None:
        while self.head is not None:
            self._orphans(self.head)
            self.head = next(self.groups, None)

    def _orphans(self, group) -> None:
        account, rows = group
        reason = f"{ACCOUNT_ID} {account!r} is not in the terms table" if account else f"{ACCOUNT_ID} is empty"
        for rowno, _ in rows:
            self.rejected.add(self.label, rowno, reason)


def _one_account(account: str, terms_rows: list, label: str, ledger: tuple, payments: tuple) -> Work:
    rowno, cells = terms_rows[0]
    work = Work(account, rows=AccountRows(account, rowno, cells, ledger, payments))
    if len(terms_rows) > 1:
        work.problem = {"file": label, "sheet": None, "row": terms_rows[1][0], "column": ACCOUNT_ID,
                        "message": f"{ACCOUNT_ID} {account!r} appears on rows "
                                   f"{', '.join(str(r) for r, _ in terms_rows)}; each account must have one row"}
    return work


class Export(Portfolio):
    kind = "export"

    def __init__(self, terms: Table, ledger: Table | None, payments: Table | None):
        self.tables = (terms, ledger, payments)
        self.rejected = Rejected()
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
            self.rejected.add(table.label(), row.source.row, row.reason)
        return TableInfo(table.path.name, reader.table.sheet or table.sheet, sha256_of(table.path),
                         tuple(reader.table.header), reader=reader, id_column=at)

    def _count_accounts(self) -> int:
        terms, info = self.tables[0], self.layout.terms
        rows = _data_rows(terms, "terms", info.id_index, Rejected())
        if self.sorted:
            return sum(1 for _ in _groups(rows))
        return len({a for a, _, _ in rows})

    def inputs(self) -> list[dict]:
        out = []
        for t, info in zip(self.tables, (self.layout.terms, self.layout.ledger, self.layout.payments)):
            if t is not None:
                out.append({"file": t.label(), "sha256": info.sha256})
        return out

    def _identity(self) -> str:
        return "export\n" + "\n".join(f"{i['file']} {i['sha256']}" for i in self.inputs())

    def work(self, skip=frozenset()) -> Iterator[Work]:
        if self.sorted:
            yield from self._merged(skip)
        else:
            yield from self._staged(skip)

    def _merged(self, skip) -> Iterator[Work]:
        terms, ledger, payments = self.tables
        lay = self.layout
        follow_l = _Follower(ledger, "ledger", lay.ledger, self.rejected)
        follow_p = _Follower(payments, "payments", lay.payments, self.rejected)
        for account, trows in _groups(_data_rows(terms, "terms", lay.terms.id_index, self.rejected)):
            lrows, prows = follow_l.take(account), follow_p.take(account)
            if account not in skip:
                yield _one_account(account, trows, terms.label(), lrows, prows)
        follow_l.drain()
        follow_p.drain()

    def _staged(self, skip) -> Iterator[Work]:
        """Unsorted tables: stage every row in a temporary SQLite file, then read account by account."""
        lay = self.layout
        with tempfile.TemporaryDirectory(prefix="debtcli-batch-") as tmp:
            db = sqlite3.connect(os.path.join(tmp, "stage.sqlite"))
            try:
                db.execute("PRAGMA journal_mode=OFF")
                db.execute("PRAGMA synchronous=OFF")
                db.execute("CREATE TABLE r (tbl INTEGER, account TEXT, rowno INTEGER, cells TEXT)")
                for k, (t, info) in enumerate(zip(self.tables, (lay.terms, lay.ledger, lay.payments))):
                    if t is None:
                        continue
                    rows = _data_rows(t, KINDS[k], info.id_index, self.rejected)
                    db.executemany("INSERT INTO r VALUES (?, ?, ?, ?)",
                                   ((k, a, n, json.dumps(c, ensure_ascii=False)) for a, n, c in rows))
                db.execute("CREATE INDEX r_account ON r (tbl, account, rowno)")
                db.commit()
                yield from self._from_stage(db, skip)
            finally:
                db.close()

    def _from_stage(self, db, skip) -> Iterator[Work]:
        terms, ledger, payments = self.tables

        def rows_of(tbl: int, account: str) -> tuple:
            cur = db.execute("SELECT rowno, cells FROM r WHERE tbl = ? AND account = ? ORDER BY rowno", (tbl, account))
            return tuple((n, tuple(json.loads(c))) for n, c in cur)

        accounts = db.execute("SELECT DISTINCT account FROM r WHERE tbl = 0 ORDER BY account")
        for (account,) in accounts:
            if account in skip:
                continue
            trows = list(rows_of(0, account))
            yield _one_account(account, trows, terms.label(), rows_of(1, account), rows_of(2, account))
        for tbl, t in ((1, ledger), (2, payments)):
            if t is None:
                continue
            orphans = db.execute(
                "SELECT account, rowno FROM r WHERE tbl = ? AND account NOT IN (SELECT account FROM r WHERE tbl = 0) "
                "ORDER BY rowno", (tbl,))
            for account, rowno in orphans:
                reason = (f"{ACCOUNT_ID} {account!r} is not in the terms table" if account
                          else f"{ACCOUNT_ID} is empty")
                self.rejected.add(t.label(), rowno, reason)


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
