"""debtcli.verify_rows: one account's rows in, its results line out, from mappings (a table) or from
file rows, with the layout resolved from column names alone."""

import csv
import json
import sys
from pathlib import Path

import pytest

import debtcli
from debtcli.api import (LEDGER, PAYMENTS, TERMS, RejectedRow, account_groups, file_fingerprint, layout_from_columns,
                         table_fingerprint)
from debtcli.batch.run import Settings, run_batch
from debtcli.batch.source import SourceError, Work, open_portfolio

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import portfolio_gen  # noqa: E402

TERMS_ROW = {"account_id": "A1", "jurisdiction": "none", "currency": "CNY", "signed": "2023-01-01",
             "principal": "10000.00", "rate": "12%", "day_count": "ACT/365", "method": "bullet", "term_months": "12",
             "demand_as_of": "2024-01-01", "demand_principal": "10000.00", "demand_interest": "1500.00",
             "demand_total": "11500.00"}


def test_a_bullet_loan_from_mappings_hand_calculated():
    # 10,000.00 at 12% a year, ACT/365, from 2023-01-01 to 2024-01-01 (365 days, the last day not
    # counted): interest = 10000 x 0.12 x 365 / 365 = 1,200.00. The creditor asks 1,500.00 of interest:
    # 300.00 above the lawful balance.
    ledger = [{"row_key": 2, "日期": "2023-01-01", "类型": "放款", "金额": "10000.00", "account_id": "A1"}]
    line = debtcli.verify_rows(TERMS_ROW, ledger, None)
    assert "error" not in line, line
    assert line["account"] == "A1"
    lawful = line["balances"]["lawful"]
    assert (lawful["principal"], lawful["interest"], lawful["total"]) == ("10000.00", "1200.00", "11200.00")
    assert line["balances"]["excess"]["interest"] == "300.00"
    assert "DEMAND_ABOVE_LAWFUL" in {f["code"] for f in line["findings"]}
    assert line["run"] == {"as_of": None, "rules": None, "source": ""}


def test_as_of_and_rules_are_carried_into_the_line():
    from datetime import date

    no_demand = {k: v for k, v in TERMS_ROW.items() if not k.startswith("demand_")}
    line = debtcli.verify_rows(no_demand, [], [], as_of=date(2023, 7, 2), rules="none")
    assert line["as_of"] == "2023-07-02" and line["run"]["as_of"] == "2023-07-02"
    # 182 days: 10000 x 0.12 x 182 / 365 = 598.356... -> 598.36
    assert line["balances"]["lawful"]["interest"] == "598.36"


def test_columns_that_cannot_be_used_give_an_error_line_not_an_exception():
    line = debtcli.verify_rows({**TERMS_ROW, "colour": "red"}, [{"when": "x"}], None)
    assert line["error"] == "the columns could not be used"
    text = " ".join(p["message"] for p in line["problems"])
    assert "colour" in text and "ledger" in text


def test_layout_problems_are_listed_together():
    with pytest.raises(SourceError) as exc:
        layout_from_columns(["account_id", "colour"], ["date", "amount", "account_id"], ["payer"])
    text = "\n".join(exc.value.problems)
    assert "colour" in text and "type" in text and "payments" in text


def _read(path: Path) -> list[dict]:
    """A CSV table as a table engine holds it: mappings, each with its file row number as row_key."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [{**row, "row_key": n} for n, row in enumerate(csv.DictReader(fh), start=2)]


def test_table_rows_give_the_line_the_file_reader_gives(tmp_path):
    """The same export read by the batch reader (files) and handed over as mappings with the file's
    row numbers as keys and the files' SHA-256 as fingerprints: byte-identical lines."""
    source = portfolio_gen.write_portfolio(tmp_path, 12, seed=5, layout="export", error_rate=0.5)
    portfolio = open_portfolio(str(source))
    settings = Settings(None, "none", portfolio.layout, portfolio.fingerprint())
    out = tmp_path / "r.jsonl"
    run_batch(portfolio, settings, out)
    expected = out.read_text(encoding="utf-8").splitlines()

    terms, ledger, payments = (_read(source / f"{n}.csv") for n in ("accounts", "ledger", "payments"))
    layout = layout_from_columns(terms[0], ledger[0], payments[0], names=("accounts.csv", "ledger.csv",
                                                                        "payments.csv"),
                                 fingerprints=tuple(file_fingerprint(source / f"{n}.csv")
                                                    for n in ("accounts", "ledger", "payments")))
    mine = Settings(None, "none", layout, portfolio.fingerprint())
    got = []
    for t in terms:
        aid = t["account_id"]
        line = debtcli.verify_rows(t, [r for r in ledger if r["account_id"] == aid],
                                   [r for r in payments if r["account_id"] == aid], settings=mine)
        got.append(json.dumps(line, ensure_ascii=False))
    assert got == expected
    assert len(got) == 12 and any("DEMAND_ABOVE_LAWFUL" in x for x in got)


def test_account_groups_hand_back_orphans_as_data():
    header = ("account_id", "signed")
    rows = [("", LEDGER, 9, ("", "2023-01-01")),
            ("A1", TERMS, 2, ("A1", "2023-01-01")), ("A1", LEDGER, 2, ("A1",)), ("A1", PAYMENTS, 5, ("A1",)),
            ("B7", LEDGER, 3, ("B7",)), ("B7", PAYMENTS, 4, ("B7",)),
            ("C2", TERMS, 3, ("C2", "x")), ("C2", TERMS, 4, ("C2", "y"))]
    out = list(account_groups(rows, "accounts.csv"))
    rejected = [x for x in out if isinstance(x, RejectedRow)]
    works = [x for x in out if isinstance(x, Work)]
    assert [(r.table, r.key, r.account_id) for r in rejected] == [(LEDGER, 9, ""), (LEDGER, 3, "B7"),
                                                                  (PAYMENTS, 4, "B7")]
    assert rejected[0].reason == "account_id is empty"
    assert rejected[1].reason == "account_id 'B7' is not in the terms table"
    assert [w.account_id for w in works] == ["A1", "C2"]
    assert works[0].rows.ledger == ((2, ("A1",)),) and works[0].rows.payments == ((5, ("A1",)),)
    assert works[1].problem is not None and "rows 3, 4" in works[1].problem["message"]
    del header


def test_table_fingerprint_changes_with_any_part():
    a = table_fingerprint("db.ledger", 10, "abc")
    assert len(a) == 64
    assert len({a, table_fingerprint("db.ledger", 11, "abc"), table_fingerprint("db.ledger2", 10, "abc"),
                table_fingerprint("db.ledger", 10, "abd"), table_fingerprint("db.ledger", 10, "abc", "v2")}) == 5
