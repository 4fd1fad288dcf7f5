"""Rows sorted by account, put together into accounts: what the local reader and every Spark
partition do alike. An account's rows become one ``Work``; a row that belongs to no account becomes a
``RejectedRow``, handed back as data beside the accounts, never recorded on the side.

Imports only the export layout; the reader (``debtcli.batch.source``) and the public per-account
function (``debtcli.batch.rows``) both build on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from debtcli.batch.export import ACCOUNT_ID, AccountRows

TERMS, LEDGER, PAYMENTS = 0, 1, 2  # the three tables, in the order an account's rows are sorted


@dataclass
class Work:
    """One account to verify: its id, and either a case folder's path or its export rows."""

    account_id: str
    folder: str | None = None
    rows: AccountRows | None = None
    problem: dict | None = None  # a problem the source itself found (e.g. a repeated account id)


@dataclass(frozen=True)
class RejectedRow:
    """A row that belongs to no account, or that no account could use, and why."""

    table: int  # TERMS, LEDGER or PAYMENTS
    key: object
    account_id: str
    reason: str


def orphan_reason(account_id: str) -> str:
    return f"{ACCOUNT_ID} {account_id!r} is not in the terms table" if account_id else f"{ACCOUNT_ID} is empty"


def one_account(account: str, terms_rows: list, label: str, ledger: tuple, payments: tuple) -> Work:
    """The ``Work`` of one account; a second terms row for the same id is the account's problem."""
    rowno, cells = terms_rows[0]
    work = Work(account, rows=AccountRows(account, rowno, cells, ledger, payments))
    if len(terms_rows) > 1:
        work.problem = {"file": label, "sheet": None, "row": terms_rows[1][0], "column": ACCOUNT_ID,
                        "message": f"{ACCOUNT_ID} {account!r} appears on rows "
                                   f"{', '.join(str(r) for r, _ in terms_rows)}; each account must have one row"}
    return work


def account_groups(rows: Iterable[tuple[str, int, object, tuple[str, ...]]], terms_label: str = "accounts"
                   ) -> Iterator[Work | RejectedRow]:
    """Rows sorted by (account id, table), each ``(account id, table, row key, cells)``, as ``Work``
    items (one per account of the terms table, its ledger and payment rows attached) and
    ``RejectedRow`` items (rows of an account id the terms table lacks, or with no account id): each
    row is a run of one for ``run_groups``."""
    return run_groups(((account, table, ((key, cells),)) for account, table, key, cells in rows), terms_label)


def run_groups(runs: Iterable[tuple[str, int, tuple]], terms_label: str = "accounts") -> Iterator[Work | RejectedRow]:
    """The accounts of rows that come in runs, ``(account id, table, ((row key, cells), ...))``, sorted
    by (account id, table); an account's items are handed on when the first run of the next account
    comes, without handling each row (``account_groups`` for rows one by one)."""
    current, bucket = None, []
    for account, table, pairs in runs:
        if account != current and bucket:
            yield from _run_group(current, bucket, terms_label)
            bucket = []
        current = account
        bucket.append((table, pairs))
    if bucket:
        yield from _run_group(current, bucket, terms_label)


def _rows_of(bucket: list, table: int) -> tuple:
    runs = [pairs for t, pairs in bucket if t == table]
    return runs[0] if len(runs) == 1 else tuple(pair for pairs in runs for pair in pairs)


def _run_group(account: str, bucket: list, terms_label: str) -> Iterator[Work | RejectedRow]:
    terms = _rows_of(bucket, TERMS)
    if not terms or not account:
        reason = orphan_reason(account)
        for t, pairs in bucket:
            for k, _ in pairs:
                yield RejectedRow(t, k, account, reason)
        return
    yield one_account(account, terms, terms_label, _rows_of(bucket, LEDGER), _rows_of(bucket, PAYMENTS))
