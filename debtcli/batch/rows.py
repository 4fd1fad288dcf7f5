"""The per-account entry point behind ``debtcli.verify_rows`` (re-exported by ``debtcli.api``): one account's rows in, its results line out.

``verify_rows`` is what ``debtcli batch`` runs for every account of an export, in the local process
pool and on Spark alike: there is one code path from rows to the JSON line. Rows come from files
(a row key is the file's row number) or from tables (a row key is a column, ``row_key``); the layout
is resolved from column names alone, never by opening a file, and the inputs are named by a
fingerprint that either can give (a file's SHA-256, or a table's name, row count and a hash of its
keys). ``account_groups`` walks rows sorted by account and hands back, as data, both the accounts
and the rows that belong to no account.

May import the batch, importers, terms, model and report packages; never the CLI, a terminal or
a distributed engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from debtcli.batch.groups import LEDGER, PAYMENTS, TERMS  # noqa: F401 - the three tables' indexes

ROW_KEY = "row_key"  # the column that carries a table row's key (an integer)


# ---------------------------------------------------------------------------- fingerprints


def file_fingerprint(path: str | Path) -> str:
    """A file's fingerprint: its SHA-256."""
    from debtcli.importers.case_loader import sha256_of

    return sha256_of(Path(path))


def table_fingerprint(name: str, rows: int, keys_hash: str = "", snapshot: str = "") -> str:
    """A table's fingerprint: SHA-256 of its name, snapshot (when the catalogue has one), row count
    and a hash of its row keys, as far as they are known."""
    text = f"table {name}\nsnapshot {snapshot}\nrows {rows}\nkeys {keys_hash}\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- the layout


def layout_from_columns(terms_columns: Iterable[str], ledger_columns: Iterable[str] | None = None,
                        payment_columns: Iterable[str] | None = None, *,
                        names: tuple[str, str, str] = ("accounts", "ledger", "payments"),
                        fingerprints: tuple[str, str, str] = ("", "", "")):
    """The ``ExportLayout`` of three tables known by their column names (``None``: no such table).
    Headers are matched as a file's are (English or Chinese names, the account id under any of its
    aliases); SourceError lists every problem. A ``row_key`` column is the rows' key, not data."""
    from debtcli.batch.export import ACCOUNT_ID, ExportLayout, TableInfo, layout_problems
    from debtcli.batch.source import SourceError
    from debtcli.batch.tables import account_column
    from debtcli.importers.tables import TableReader

    header = [str(c).strip().lower() for c in terms_columns]
    at = account_column(header)
    if at is not None:
        header[at] = ACCOUNT_ID
    terms = TableInfo(names[0], None, fingerprints[0], tuple(header))
    # the row key stays in the header (cells keep their places) but is no case.toml key to check
    checked = TableInfo(names[0], None, fingerprints[0], tuple(h for h in header if h != ROW_KEY))
    problems = layout_problems(ExportLayout(checked, None, None))
    infos = []
    for kind, columns, name, fp in (("ledger", ledger_columns, names[1], fingerprints[1]),
                                    ("payments", payment_columns, names[2], fingerprints[2])):
        if columns is None:
            infos.append(None)
            continue
        cols = [str(c) for c in columns]
        reader = TableReader(Path(name), kind)
        next(reader._find_header(iter([(1, cols)])), None)  # the header is the only row
        t = reader.table
        found = [f"{name}: {i.message}" for i in t.errors]
        if t.header_row is None and not found:
            found.append(f"{name}: columns {', '.join(cols)} are not a {kind} table's")
        at = account_column(t.header) if t.header_row else None
        if at is None and not found:
            found.append(f"{name}: missing column {ACCOUNT_ID} (or 账号, 借据号, 合同号 ...); found: {', '.join(cols)}")
        problems += found
        infos.append(None if found else TableInfo(name, None, fp, tuple(t.header), reader=reader, id_column=at))
    if problems:
        raise SourceError(problems)
    return ExportLayout(terms, *infos)


def portfolio_settings(terms_columns: Iterable[str], ledger_columns: Iterable[str] | None = None,
                       payment_columns: Iterable[str] | None = None, *, as_of: date | None = None,
                       rules: str | None = None, names: tuple[str, str, str] = ("accounts", "ledger", "payments"),
                       fingerprints: tuple[str, str, str] = ("", "", ""), max_rows: int | None = None):
    """Settings for ``verify_rows`` resolved once for a whole portfolio (the layout from the tables'
    column names; ``run.source`` in every line from the fingerprints). SourceError when the columns
    cannot be used."""
    from debtcli.batch.account import Settings

    layout = layout_from_columns(terms_columns, ledger_columns, payment_columns, names=names,
                                 fingerprints=fingerprints)
    source = hashlib.sha256(("tables\n" + "\n".join(f"{n} {p}" for n, p in zip(names, fingerprints) if p))
                            .encode("utf-8")).hexdigest()
    return Settings(as_of, rules, layout, source, max_rows)


# ---------------------------------------------------------------------------- rows


def _cells(row, header: tuple[str, ...], position: int) -> tuple[object, tuple[str, ...]]:
    """(row key, cells in the header's order) of a row given as a mapping or as a (key, cells) pair."""
    if isinstance(row, Mapping):
        from debtcli.importers.readers import cell_text

        key = row.get(ROW_KEY)
        cells = tuple(cell_text(row.get(col)) for col in header)
        return (position if key is None else key), cells
    key, cells = row
    return key, tuple(cells)


def _header_of(info) -> tuple[str, ...]:
    return tuple(info.reader.table.header) if info.reader is not None else info.header


def _mapping_header(row: Mapping, info) -> tuple[str, ...]:
    """The header a mapping row is read through: the table's own, each name found in the row as
    written or lower-cased (terms headers are lower-cased)."""
    if info.reader is not None:
        return _header_of(info)
    lower = {str(k).strip().lower(): k for k in row}
    return tuple(lower.get(col, col) for col in info.header)


def account_rows(layout, terms_row, ledger_rows: Iterable = (), payment_rows: Iterable = ()):
    """One account's rows as the batch reader hands them on (``AccountRows``)."""
    from debtcli.batch.export import AccountRows

    if isinstance(terms_row, Mapping):
        key, cells = _cells(terms_row, _mapping_header(terms_row, layout.terms), 1)
    else:
        key, cells = _cells(terms_row, layout.terms.header, 1)
    account = cells[layout.terms.id_index].strip() if layout.terms.id_index < len(cells) else ""
    tables = []
    for info, rows in ((layout.ledger, ledger_rows), (layout.payments, payment_rows)):
        if info is None or rows is None:
            tables.append(())
            continue
        if rows.__class__ is tuple and all(r.__class__ is tuple and len(r) == 2 and r[1].__class__ is tuple
                                           for r in rows):
            tables.append(rows)  # (row key, cells) pairs, as the batch reader hands them on: already its shape
            continue
        header = _header_of(info)
        tables.append(tuple(_cells(r, header, n) for n, r in enumerate(rows, start=1)))
    return AccountRows(account, key, cells, tables[0], tables[1])


def _columns(rows, kind: str = "terms") -> list[str] | None:
    """The column names of the first row; a table with no rows for the account has the plain ones."""
    if rows is None:
        return None
    for r in rows:
        if not isinstance(r, Mapping):
            raise TypeError("without settings, rows must be mappings of column name to value")
        return [str(k) for k in r]
    if kind == "ledger":
        return ["account_id", "date", "type", "amount", "reference", "memo"]
    return ["account_id", "date", "amount", "reference", "payer", "channel"]


def verify_rows(terms_row, ledger_rows: Iterable | None = (), payment_rows: Iterable | None = (), *,
                as_of: date | None = None, rules: str | None = None, settings=None) -> dict:
    """The results line of one account (the object ``debtcli batch`` writes: ``verify --format json``
    plus ``account`` and ``run``; an account that cannot be read gets ``error`` and ``problems``).

    ``terms_row``: the account's row of the terms table; ``ledger_rows`` / ``payment_rows``: its rows
    of the ledger and of the payment records (``None``: there is no such table). A row is a mapping
    of column name to value (its key in ``row_key``, else its position), or a ``(row key, cells)``
    pair with the cells in the layout's column order. ``settings`` (``debtcli.batch.run.Settings``)
    carries the layout resolved once for a whole portfolio; without it the layout is resolved from
    the rows' column names. ``as_of`` and ``rules`` override the settings'. Never raises for the
    account's sake: whatever goes wrong becomes the line's ``error``."""
    from debtcli.batch.account import INTERNAL, Settings, error_line, problem, verify_work
    from debtcli.batch.source import SourceError, Work

    if settings is None:
        ledger_rows = None if ledger_rows is None else list(ledger_rows)
        payment_rows = None if payment_rows is None else list(payment_rows)
        try:
            layout = layout_from_columns(_columns([terms_row]), _columns(ledger_rows, "ledger"),
                                         _columns(payment_rows, "payments"))
        except SourceError as exc:
            account = str(terms_row.get("account_id", "")) if isinstance(terms_row, Mapping) else ""
            settings = Settings(as_of, rules)
            return {**error_line(account, "the columns could not be used",
                                 [problem("", p) for p in exc.problems]), "run": settings.run()}
        settings = Settings(as_of, rules, layout)
    elif as_of is not None or rules is not None:
        settings = replace(settings, as_of=as_of if as_of is not None else settings.as_of,
                           rules=rules if rules is not None else settings.rules)
    try:
        rows = account_rows(settings.layout, terms_row, ledger_rows, payment_rows)
    except Exception as exc:  # noqa: BLE001 - a row of a shape no table gives
        return {**error_line("", "internal error (a defect in debtcli, not in the account's files)",
                             [problem("", f"{type(exc).__name__}: {exc}")], kind=INTERNAL), "run": settings.run()}
    return {**verify_work(Work(rows.account_id, rows=rows), settings), "run": settings.run()}


# ---------------------------------------------------------------------------- accounts out of sorted rows

from debtcli.batch.groups import RejectedRow, account_groups, orphan_reason  # noqa: E402,F401 - public here
