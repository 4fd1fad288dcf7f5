"""The batch path's shortcuts give what the plain path gives: a row of a plain CSV table becomes the
same record (or the same rejection, with the same message and column) through the quick reader as
through the general one; an export's tables, read once and kept in a temporary file, give back
every row as the tables hold it; a chunk packed for a worker unpacks to the same accounts."""

import csv
from pathlib import Path

from hypothesis import given, settings, strategies as st

from debtcli.batch.export import AccountRows
from debtcli.batch.groups import RejectedRow, Work
from debtcli.batch.run import pack_chunk, unpack_chunk
from debtcli.batch.source import Export, open_portfolio
from debtcli.importers.tables import TableReader

LEDGER_HEADER = ["account_id", "date", "type", "amount", "reference", "memo", "balance"]
PAYMENT_HEADER = ["account_id", "date", "amount", "reference", "payer", "channel"]

DATES = ["2024-01-05", "2024-02-29", "2023-02-29", "2024/1/5", "2024年1月5日", "", " 2024-03-01 ", "合计", "Total",
         "20240105", "2024-01-05 10:30:00"]
AMOUNTS = ["100.00", "-5.50", "1,066.19", "1066,19", "12.345", "1.000", "", "abc", "0", " 7 ", "00012.10",
           "99999999999999999.99"]
TYPES = ["payment", "还款", "结息", "fee", "adjustment", "interest", "nonsense", "", "disbursement"]
TEXTS = ["", "R1", "R1", " memo ", "x,y", "line\nbreak"]


def _write(path: Path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def _read(path: Path, kind: str, quick: bool):
    """(records, rejected rows, issues) of the table's data rows read as a batch worker reads them."""
    reader = TableReader(path, kind)
    rows = list(reader.data_rows())
    part = reader.part(2)
    if not quick:
        part._fast_record = lambda: None  # the general path for every row
    records = list(part.records_of(rows))
    return records, part.table.rejected, part.table.issues


def _same_both_ways(tmp_path: Path, kind: str, header: list[str], rows: list[list[str]]) -> None:
    path = tmp_path / f"{kind}.csv"
    _write(path, [header] + rows)
    assert _read(path, kind, quick=True) == _read(path, kind, quick=False)


row_cells = st.tuples(st.sampled_from(DATES), st.sampled_from(TYPES), st.sampled_from(AMOUNTS),
                      st.sampled_from(TEXTS), st.sampled_from(TEXTS), st.sampled_from(AMOUNTS + [""] * 4))


@settings(max_examples=60, deadline=None)
@given(st.lists(row_cells, min_size=1, max_size=12), st.integers(min_value=3, max_value=8))
def test_a_ledger_row_gives_the_same_record_or_rejection_either_way(tmp_path_factory, rows, width):
    tmp = tmp_path_factory.mktemp("ledger")
    # rows cut short or with a cell too many, as files hold them
    table = [["A1", *r][:width] if width < 7 else ["A1", *r] + [""] * (width - 7) for r in rows]
    _same_both_ways(tmp, "ledger", LEDGER_HEADER, table)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATES), st.sampled_from(AMOUNTS), st.sampled_from(TEXTS),
                          st.sampled_from(TEXTS), st.sampled_from(TEXTS)), min_size=1, max_size=12))
def test_a_payment_row_gives_the_same_record_or_rejection_either_way(tmp_path_factory, rows):
    _same_both_ways(tmp_path_factory.mktemp("payments"), "payments", PAYMENT_HEADER, [["A1", *r] for r in rows])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(row_cells, min_size=1, max_size=6), st.sampled_from([0, 2, 3])), min_size=1,
                max_size=5))
def test_accounts_read_one_after_another_each_get_what_a_reader_of_their_own_gives(tmp_path_factory, accounts):
    """The parts of one table share what they can (the quick reader of each number of decimals, the
    amounts and dates already read): each account's records, rejections and issues are still those of a
    fresh reader of that account's rows alone, whatever was read before it."""
    tmp = tmp_path_factory.mktemp("parts")
    table = [["A1", *r] for rows, _ in accounts for r in rows]
    path = tmp / "ledger.csv"
    _write(path, [LEDGER_HEADER] + table)
    reader = TableReader(path, "ledger")
    rows = list(reader.data_rows())
    at = 0
    for account_rows, places in accounts:
        mine = rows[at:at + len(account_rows)]
        at += len(account_rows)
        shared = reader.part(places)
        got = list(shared.records_of(mine)), shared.table.rejected, shared.table.issues, shared.table.used
        alone = TableReader(path, "ledger")
        list(alone.data_rows())
        plain = alone.part(places)
        plain._fast_record = lambda: None  # the general path for every row
        assert got == (list(plain.records_of(mine)), plain.table.rejected, plain.table.issues, plain.table.used)


def test_a_table_without_reference_or_memo_reads_those_as_blank(tmp_path):
    rows = [["A1", "2024-01-05", "payment", "10.00"], ["A1", "2024-01-06", "fee", "2.5", "extra"]]
    _same_both_ways(tmp_path, "ledger", ["account_id", "date", "type", "amount"], rows)
    records, rejected, _ = _read(tmp_path / "ledger.csv", "ledger", quick=True)
    assert [(r.reference, r.memo, r.balance) for r in records] == [("", "", None)]
    assert [(r.source.row, r.reason) for r in rejected] == [(3, "5 fields where the header has 4 (extra: 'extra'); a "
                                                                "value holding the delimiter ',' (such as an unquoted "
                                                                "1,066.19) must be quoted")]


def test_an_export_read_once_gives_back_every_row_as_the_tables_hold_it(tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    terms = [["account_id", "principal"], ["B", "100.00"], ["A", "200.00"], ["", ""], ["C", "50.00"]]
    ledger = [LEDGER_HEADER] + [[f"{a}", "2024-01-05", "payment", f"{n}.00", f"R{n}", "", ""]
                                for n, a in enumerate("BABCAX")]
    ledger.insert(3, [""] * 7)  # a blank row: rejected as such, in its place
    _write(export / "accounts.csv", terms)
    _write(export / "ledger.csv", ledger)
    portfolio = open_portfolio(str(export))
    assert isinstance(portfolio, Export) and not portfolio.sorted and portfolio.count == 3

    expected = [("", 0, 4)]  # the blank terms row
    expected += [(r[0], 0, n, tuple(r)) for n, r in enumerate(terms[1:], start=2) if any(r)]
    expected += [(r[0], 1, n, tuple(r)) if any(r) else ("", 1, n) for n, r in enumerate(ledger[1:], start=2)]
    got = [(i.account_id, i.table, i.key) if isinstance(i, RejectedRow) else i for i in portfolio.rows()]
    assert sorted(got, key=lambda x: (x[1], x[2])) == sorted(expected, key=lambda x: (x[1], x[2]))
    assert list(portfolio.rows()) == list(portfolio.rows())  # as often as asked

    items = list(portfolio.items())
    works = [i for i in items if isinstance(i, Work)]
    assert [w.account_id for w in works] == ["A", "B", "C"]
    assert [n for n, _ in works[0].rows.ledger] == [3, 7]  # A's rows, in file order (row 4 is blank)
    assert sorted((i.table, i.key, i.reason) for i in items if isinstance(i, RejectedRow)) == [
        (0, 4, "empty row"), (1, 4, "empty row"), (1, 8, "account_id 'X' is not in the terms table")]
    portfolio.close()


def test_a_chunk_packed_for_a_worker_unpacks_to_the_same_accounts():
    rows = AccountRows("A-1", 2, ("A-1", "100.00", "是"), ((2, ("A-1", "2024-01-05", "还款", "1.00")),),
                       ((5, ("A-1", "2024-01-05", "1.00", "", "", "")),))
    chunk = [Work("A-1", rows=rows), Work("B-2", folder="/tmp/cases/B-2"),
             Work("C-3", rows=AccountRows("C-3", 9, ("C-3",)),
                  problem={"file": "accounts.csv", "sheet": None, "row": 10, "column": "account_id", "message": "m"})]
    packed = pack_chunk(chunk)
    assert isinstance(packed, bytes)
    assert unpack_chunk(packed) == chunk
    odd = [Work("D", rows=AccountRows("D", object(), ("D",)))]  # a row key marshal does not take
    assert pack_chunk(odd) is odd


def test_no_room_for_the_rows_in_the_temporary_folder_is_a_clear_input_error(tmp_path, run_cli, monkeypatch):
    import errno
    import tempfile

    export = tmp_path / "export"
    export.mkdir()
    _write(export / "accounts.csv", [["account_id", "principal"], ["A", "100.00"]])

    class Full:
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            pass

    monkeypatch.setattr(tempfile, "TemporaryFile", lambda **kw: Full())
    code, out, err = run_cli("batch", str(export), "--out", str(tmp_path / "results.jsonl"), "--workers", "1")
    assert code == 2
    assert "cannot hold the export's rows (No space left on device)" in err and "TMPDIR" in err


cell = st.sampled_from(["", "A1", "2024-01-05", "payment", "10.00", " x ", "合计"])
pair = st.tuples(st.one_of(st.integers(1, 9999), st.text(max_size=3)), st.lists(cell, max_size=8).map(tuple))


@settings(max_examples=100, deadline=None)
@given(st.lists(pair, max_size=6), st.lists(pair, max_size=6), st.booleans())
def test_rows_handed_on_as_the_reader_gives_them_are_the_rows_any_other_shape_gives(ledger, payments, as_lists):
    """``account_rows`` takes an export reader's (row key, cells) pairs as they are; the same rows as
    lists (or any other sequence of pairs) give the same account."""
    from debtcli.batch.rows import account_rows, layout_from_columns

    layout = layout_from_columns(["account_id", "principal"], LEDGER_HEADER, PAYMENT_HEADER)
    terms = (2, ("A1", "100.00"))
    as_given = account_rows(layout, terms, tuple(ledger), tuple(payments))
    other = ([list(p) for p in ledger], [[k, list(c)] for k, c in payments]) if as_lists else (
        iter(ledger), [(k, list(c)) for k, c in payments])
    assert as_given == account_rows(layout, terms, *other)
    assert as_given.ledger == tuple(ledger) and as_given.payments == tuple(payments)


def _old_merge(portfolio):
    """The sorted tables merged row by row and grouped by ``account_groups``, blank rows handed on as
    they are read past: what the reader did before it merged runs of rows."""
    import heapq
    from operator import itemgetter

    from debtcli.batch.groups import account_groups

    yield from portfolio.above_header
    pending = []
    streams = [spool.data_rows(pending) for spool in portfolio._present()]
    for item in account_groups(heapq.merge(*streams, key=itemgetter(0, 1)), portfolio.tables[0].label()):
        if pending:
            yield from pending
            pending.clear()
        yield item
    yield from pending


ids = st.sampled_from(["", "A", "B", "C", "D"])
table_rows = st.lists(st.one_of(ids, st.none()), max_size=10)  # None: a blank row


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=5), table_rows, table_rows,
       st.booleans())
def test_sorted_tables_merged_a_run_at_a_time_give_what_a_row_at_a_time_gave(tmp_path_factory, terms, ledger,
                                                                              payments, blank_terms_row):
    """Accounts, rows of no account (an id the terms table lacks, an empty id), a repeated terms row
    and blank rows anywhere: the same items in the same order, blank rows included, as merging and
    grouping the rows one by one."""
    export = tmp_path_factory.mktemp("export")

    def sorted_with_blanks(values):
        ordered = iter(sorted(v for v in values if v is not None))
        return [None if v is None else next(ordered) for v in values]

    terms_rows = [[a, "100.00"] for a in sorted(terms)]
    if blank_terms_row:
        terms_rows.insert(len(terms_rows) // 2, ["", ""])
    _write(export / "accounts.csv", [["account_id", "principal"]] + terms_rows)
    _write(export / "ledger.csv", [LEDGER_HEADER] + [[""] * 7 if a is None else
                                                     [a, "2024-01-05", "payment", f"{n}.00", f"R{n}", "", ""]
                                                     for n, a in enumerate(sorted_with_blanks(ledger))])
    _write(export / "payments.csv", [PAYMENT_HEADER] + [[""] * 6 if a is None else
                                                        [a, "2024-01-05", f"{n}.00", f"P{n}", "", ""]
                                                        for n, a in enumerate(sorted_with_blanks(payments))])
    portfolio = open_portfolio(str(export))
    assert portfolio.sorted
    assert list(portfolio.items()) == list(_old_merge(portfolio))
    portfolio.close()


def test_each_table_of_an_export_is_opened_and_parsed_once(tmp_path, monkeypatch):
    """The header is read by the pass that reads the rows below it, not by a pass of its own."""
    import debtcli.batch.tables as batch_tables
    import debtcli.importers.tables as importer_tables

    opened = []

    def counting(real):
        def csv_rows(path, *args, **kwargs):
            opened.append(Path(path).name)
            return real(path, *args, **kwargs)
        return csv_rows

    monkeypatch.setattr(batch_tables, "csv_rows", counting(batch_tables.csv_rows))
    monkeypatch.setattr(importer_tables, "csv_rows", counting(importer_tables.csv_rows))
    export = tmp_path / "export"
    export.mkdir()
    _write(export / "accounts.csv", [["account_id", "principal"], ["A", "100.00"], ["B", "200.00"]])
    _write(export / "ledger.csv", [["Ledger export"], LEDGER_HEADER, ["A", "2024-01-05", "payment", "1.00", "R1", "", ""]])
    _write(export / "payments.csv", [PAYMENT_HEADER, ["B", "2024-01-05", "2.00", "P1", "", ""]])
    portfolio = open_portfolio(str(export))
    works = [i for i in portfolio.items() if isinstance(i, Work)]
    assert sorted(opened) == ["accounts.csv", "ledger.csv", "payments.csv"]
    assert [(w.account_id, w.rows.ledger, w.rows.payments) for w in works] == [
        ("A", ((3, ("A", "2024-01-05", "payment", "1.00", "R1", "", "")),), ()),
        ("B", (), ((2, ("B", "2024-01-05", "2.00", "P1", "", "")),))]
    assert [(r.table, r.key, r.reason) for r in portfolio.above_header] == [(1, 1, "above the header row (a title or note)")]
    portfolio.close()
