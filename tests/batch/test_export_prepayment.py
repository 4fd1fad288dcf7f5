"""A prepayment (提前还款) in a portfolio export: the terms table's ``prepayment_date``,
``prepayment_amount`` and ``prepayment_keep`` columns are the case's ``[[event]] type = "prepayment"``.

Worked by hand (the loan of tests/engine/test_prepayment_event.py): 120,000 at 6% a year, 12
monthly equal installments from 2024-01-15, interest by the period (0.5%); the level installment is
10,327.97. After the first three rows the principal is 90,669.93; on 2024-04-15 the borrower pays
40,327.97, of which 30,000.00 is prepaid, leaving 60,669.93.

* 减少月供 (keep the term): 60,669.93 x 0.005 / (1 - 1.005^-9) = 6,910.75 a month. Row 4 on
  2024-05-15: interest 60,669.93 x 0.5% = 303.35, principal 6,607.40, leaving 54,062.53.
* 缩短期限 (keep the installment): row 4 is 10,327.97: interest 303.35, principal 10,024.62,
  leaving 50,645.31.

Paid on 2024-05-15, the balance on that day is the principal alone (interest runs up to but
excluding the as-of date).
"""

import csv
import json
from pathlib import Path

HEADER = ["account_id", "signed", "principal", "rate", "method", "term_months", "interest_method",
          "prepayment_date", "prepayment_amount", "prepayment_keep", "demand_as_of", "demand_total"]
LOAN = ["2024-01-15", "120000.00", "6%", "equal_installment", "12", "per_period"]
PAID = [("2024-02-15", "10327.97"), ("2024-03-15", "10327.97"), ("2024-04-15", "40327.97")]


def _write(path: Path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def _batch(tmp_path, run_cli, accounts, fourth):
    _write(tmp_path / "accounts.csv", HEADER, [[acc, *LOAN, *pre, "2024-05-15", demand] for acc, pre, demand in accounts])
    _write(tmp_path / "payments.csv", ["account_id", "date", "amount", "reference"],
           [[acc, d, a, f"P{i}"] for acc, _, _ in accounts
            for i, (d, a) in enumerate(PAID + [("2024-05-15", fourth[acc])])])
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", tmp_path, "--rules", "none", "--out", out)
    return code, err, {x["account"]: x for x in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_a_prepayment_column_levels_the_installment_again_or_shortens_the_term(tmp_path, run_cli):
    code, err, lines = _batch(tmp_path, run_cli, [
        ("TERM", ("2024-04-15", "30000.00", "减少月供"), "54062.53"),
        ("SHORT", ("2024-04-15", "30000.00", "缩短期限"), "50645.31"),
        ("ENGLISH", ("2024-04-15", "30000.00", "installment"), "50645.31"),
        ("DEFAULT", ("2024-04-15", "30000.00", ""), "54062.53"),  # keep the term unless told
    ], {"TERM": "6910.75", "SHORT": "10327.97", "ENGLISH": "10327.97", "DEFAULT": "6910.75"})
    assert code == 0, err
    assert lines["TERM"]["balances"]["contractual"]["principal"] == "54062.53"
    assert lines["DEFAULT"]["balances"]["contractual"]["principal"] == "54062.53"
    assert lines["SHORT"]["balances"]["contractual"]["principal"] == "50645.31"
    assert lines["ENGLISH"]["balances"]["contractual"]["principal"] == "50645.31"
    for line in lines.values():
        assert line["balances"]["contractual"]["total"] == line["balances"]["contractual"]["principal"]
        assert line["findings"] == []


def test_without_the_columns_the_extra_money_is_held_as_credit(tmp_path, run_cli):
    """The same payments with no prepayment: the 30,000.00 is held as credit for the next due dates.
    Row 4 is the original installment: interest 90,669.93 x 0.5% = 453.35, principal 9,874.62,
    leaving 80,795.31; the credit is 30,000.00 + 6,910.75 - 10,327.97 = 26,582.78, which the balance
    sets against the principal: 54,212.53 owed, 150.00 more than with the prepayment (a month's
    interest on 30,000.00 at 0.5%). The columns are what tell the two readings apart."""
    code, err, lines = _batch(tmp_path, run_cli, [("HELD", ("", "", ""), "54212.53")], {"HELD": "6910.75"})
    assert code == 0, err
    assert lines["HELD"]["balances"]["contractual"]["total"] == "54212.53"


def test_a_prepayment_column_that_cannot_hold_is_named(tmp_path, run_cli):
    code, _, lines = _batch(tmp_path, run_cli, [
        ("KEEP", ("2024-04-15", "30000.00", "both"), "54062.53"),
        ("NODATE", ("", "30000.00", ""), "54062.53"),
        ("EARLY", ("2023-04-15", "30000.00", ""), "54062.53"),
    ], {"KEEP": "6910.75", "NODATE": "6910.75", "EARLY": "6910.75"})
    assert code == 2
    found = {acc: [(p["file"], p["row"], p["column"], p["message"]) for p in line["problems"]]
             for acc, line in lines.items()}
    assert found["KEEP"] == [("accounts.csv", 2, "prepayment_keep",
                              "prepayment_keep: found 'both', expected term | installment | 减少月供 | 缩短期限")]
    assert found["NODATE"] == [("accounts.csv", 3, "prepayment_date",
                                "prepayment_date: found missing, expected a date (YYYY-MM-DD)")]
    assert [(f, r, c) for f, r, c, _ in found["EARLY"]] == [("accounts.csv", 4, "prepayment_date")], found
