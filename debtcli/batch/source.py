"""Where a portfolio's accounts come from, in account-id order, one at a time.

SOURCE is either

* a folder of case folders: each sub-folder holding ``case.toml`` is one account, its id the
  folder's name; or
* a portfolio export: a folder holding ``accounts.csv`` (or ``terms.csv``; ``.xlsx`` too) with
  optional ``ledger.*`` and ``payments.*``, or one workbook with sheets ``accounts`` (or ``terms``),
  ``ledger`` and ``payments``. Every table has an ``account_id`` column.

Each table of an export is read once: that pass counts the accounts, finds out whether every
table is sorted by ``account_id`` (what core banking exports produce) and keeps the rows, as plain
tuples in runs of one account's consecutive rows, in a temporary file (``Spool``). Sorted tables
are then merged side by side from those files, a run at a time; otherwise the rows are first staged
in a temporary SQLite file and read back sorted. Memory stays flat either way.

Either way the rows are grouped into accounts as ``debtcli.api.account_groups`` does, the function
Spark runs on each of its partitions (sorted runs go through ``run_groups``, which gives the same
items without handling each row), and the reader hands back, beside the accounts, every row that
belongs to none (``RejectedRow``: a blank row, a row above a header, a row whose account the terms
table lacks): ``Portfolio.items`` yields both, and whoever reads it records the rejected ones.
Nothing is recorded on the side.
"""

from __future__ import annotations

import heapq
import json
import marshal
import os
import sqlite3
import tempfile
from operator import itemgetter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from debtcli.batch.export import ACCOUNT_ID, ExportLayout, TableInfo, layout_problems
from debtcli.batch.groups import RejectedRow, Work, account_groups, run_groups  # noqa: F401 - Work is public here
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


SPOOL_BLOCK = 512  # rows per block of a spool: memory holds a block of each table


class Spool:
    """One table's rows, read once from the export and kept in a temporary file (deleted when
    closed, and by the system if the process dies) as blocks of plain tuples, so that the accounts
    are put together without parsing the table a second time. The rows are kept in file order as
    runs: ``(account id, table, ((row number, cells), ...))`` for consecutive data rows of one
    account, ``(None, table, row number)`` for a blank row (which ends a run). ``items()`` gives
    the rows back one by one, a blank row as a ``RejectedRow``, and ``runs()`` the runs, as often as
    they are called; memory holds one block."""

    def __init__(self):
        self.file = None
        self.block: list = []
        self.rows = 0  # rows in the block
        try:
            self.file = tempfile.TemporaryFile(prefix="debtcli-rows-")
        except OSError as exc:
            raise _no_room(exc) from None

    def add(self, item, rows: int = 1) -> None:
        """Keep a run of ``rows`` data rows, or a blank row's (None, table, row number)."""
        self.block.append(item)
        self.rows += rows
        if self.rows >= SPOOL_BLOCK:
            self.flush()

    def flush(self) -> None:
        if self.block:
            data = marshal.dumps(self.block)
            try:
                self.file.write(len(data).to_bytes(8, "little"))
                self.file.write(data)
            except OSError as exc:
                raise _no_room(exc) from None
            self.block.clear()
            self.rows = 0

    def _blocks(self) -> Iterator[list]:
        self.flush()
        fh, at = self.file, 0
        while True:
            fh.seek(at)  # each reader keeps its own place
            size = int.from_bytes(fh.read(8), "little")
            if not size:
                return
            block = marshal.loads(fh.read(size))
            at += 8 + size
            yield block

    def runs(self, blank: list | None) -> Iterator[tuple]:
        """The runs of data rows, ``(account id, table, ((row number, cells), ...))``, in file order.
        Each blank row is put on ``blank`` (as a ``RejectedRow``) when the runs are read past it, or,
        with ``blank`` None, given in its place as ``(None, table, row number)``."""
        for block in self._blocks():
            for item in block:
                if item[0] is not None or blank is None:
                    yield item
                else:
                    blank.append(_blank_row(item))

    def data_rows(self, blank: list) -> Iterator[tuple[str, int, int, tuple[str, ...]]]:
        """The data rows one by one, ``(account id, table, row number, cells)``; each blank row is put
        on ``blank`` as ``runs`` does."""
        for account, k, pairs in self.runs(blank):
            for rowno, cells in pairs:
                yield account, k, rowno, cells

    def items(self) -> Iterator[tuple[str, int, int, tuple[str, ...]] | RejectedRow]:
        """Every row in file order, as ``data_rows`` gives them, a blank row as a ``RejectedRow``."""
        for item in self.runs(None):
            if item[0] is None:
                yield _blank_row(item)
            else:
                account, k, pairs = item
                for rowno, cells in pairs:
                    yield account, k, rowno, cells

    def close(self) -> None:
        if self.file is not None:
            self.file.close()

    __del__ = close


def _blank_row(item: tuple) -> RejectedRow:
    """The rejection of a blank row kept as ``(None, table, row number)``."""
    return RejectedRow(item[1], item[2], "", "empty row")


def _no_room(exc: OSError) -> SourceError:
    return SourceError([f"the temporary folder {tempfile.gettempdir()} cannot hold the export's rows "
                        f"({exc.strerror or exc}); free some space there, or set TMPDIR to a folder with room"])


def _read_once(rows: Iterator[tuple[int, tuple[str, ...]]], table: Table, kind: str, id_index: int, spool: Spool
               ) -> tuple[bool, int, list[str], int]:
    """Read a table's data ``rows`` into ``spool``, in file order, as runs of one account's
    consecutive rows (a blank row kept as blank): (sorted by account id?, number of data rows,
    problems, number of accounts). A missing id is a problem."""
    last, ok, n, problems, accounts = None, True, 0, [], 0
    label = table.label()
    k = KINDS.index(kind)
    run: list = []  # the rows of the current run, all of account ``last``
    for rowno, cells in rows:
        if not "".join(cells).strip():  # no cell holds anything
            if run:
                spool.add((last, k, tuple(run)), len(run))
                run = []
            spool.add((None, k, rowno))
            continue
        account = cells[id_index].strip() if id_index < len(cells) else ""
        n += 1
        if account != last:
            if run:
                spool.add((last, k, tuple(run)), len(run))
                run = []
            if not account and len(problems) < 20:
                problems.append(f"{label}:{rowno}: {ACCOUNT_ID} is empty")
            accounts += 1
            if last is not None and account < last:
                ok = False
            last = account
        elif not account and len(problems) < 20:
            problems.append(f"{label}:{rowno}: {ACCOUNT_ID} is empty")
        run.append((rowno, cells))
    if run:
        spool.add((last, k, tuple(run)), len(run))
    spool.flush()
    return ok, n, problems, accounts


class Export(Portfolio):
    kind = "export"

    def __init__(self, terms: Table, ledger: Table | None, payments: Table | None):
        self.tables = (terms, ledger, payments)
        self.labels = tuple(t.label() if t is not None else kind for t, kind in zip(self.tables, KINDS))
        self.above_header: list[RejectedRow] = []  # rows above the ledger's / payments' header
        infos, data, problems = [], [], []  # data: each table's rows below its header, not read yet
        for t, kind in zip(self.tables, KINDS):
            data.append(None)
            if t is None:
                infos.append(None)
                continue
            try:
                info, data[-1] = self._table_info(t, kind)
                infos.append(info)
            except TableError as exc:
                problems.append(str(exc))
                infos.append(None)
            except OSError as exc:
                problems.append(f"{t.label()}: cannot be read ({exc.strerror or exc})")
                infos.append(None)
        if not problems:
            self.layout = ExportLayout(*infos)
            problems = layout_problems(self.layout)
        if problems:
            for rows in data:
                if rows is not None:
                    rows.close()  # the files still open
            raise SourceError(problems)
        self.sorted = True
        self.spools: list[Spool | None] = [None, None, None]
        try:
            for k, (t, kind, info) in enumerate(zip(self.tables, KINDS, infos)):
                if t is None:
                    continue
                self.spools[k] = Spool()
                ok, n, id_problems, accounts = _read_once(data[k], t, kind, info.id_index, self.spools[k])
                if t is terms:
                    problems += id_problems
                    self.terms_rows = n
                    terms_accounts = accounts
                self.sorted = self.sorted and ok
            if problems:
                raise SourceError(problems)
            self.count = terms_accounts if self.sorted else self._count_accounts()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Delete the rows kept from the tables."""
        for spool in self.spools:
            if spool is not None:
                spool.close()

    def _table_info(self, table: Table, kind: str) -> tuple[TableInfo, Iterator[tuple[int, tuple[str, ...]]]]:
        """The table's header (and, for the ledger and payments, its reader), and the rows below the
        header, to be read on from there: a table is opened and parsed once. Rows above the header
        are listed as rejected."""
        if kind == "terms":
            rows = iter_rows(table)
            header = read_header(table, rows)
            return TableInfo(table.path.name, table.sheet, sha256_of(table.path), tuple(header)), rows
        reader, at, rows = record_reader(table, kind)
        for row in reader.table.rejected:
            self.above_header.append(RejectedRow(KINDS.index(kind), row.source.row, "", row.reason))
        return TableInfo(table.path.name, reader.table.sheet or table.sheet, sha256_of(table.path),
                         tuple(reader.table.header), reader=reader, id_column=at), rows

    def _count_accounts(self) -> int:
        """The number of account ids in the terms table (when it is not sorted)."""
        return len({r[0] for r in self.spools[0].data_rows([])})

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
        for spool in self._present():
            yield from spool.items()

    def _present(self) -> list[Spool]:
        """The rows of the tables there are, table after table."""
        return [spool for spool in self.spools if spool is not None]

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
        streams = [spool.runs(pending) for spool in self._present()]
        merged = heapq.merge(*streams, key=itemgetter(0, 1))
        for item in run_groups(merged, self.tables[0].label()):
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
                for spool in self._present():
                    rows = spool.data_rows(blank)
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
