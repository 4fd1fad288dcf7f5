"""A payment dated after the as-of date (a typo: 2032 for 2023) is listed as not applied, in the
JSON, the statement and the counts; it changes no balance and raises no finding of its own.

The example private-loan (README): verified as of 2023-03-01, lawful 62,462.64, with the 30,000.00
payment of 2022-06-15 in the payment records only (UNPOSTED_PAYMENT).
"""

import json
import shutil

import pytest

from tests.conftest import EXAMPLES

LAWFUL = "62462.64"


@pytest.fixture
def loan(tmp_path):
    folder = tmp_path / "loan"
    shutil.copytree(EXAMPLES / "private-loan", folder)
    return folder


def _add_line(path, line):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def _verify(run_cli, folder):
    code, out, err = run_cli("verify", folder, "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)


def test_a_record_after_the_as_of_date_is_listed_not_applied(run_cli, loan):
    _add_line(loan / "payments.csv", "2032-06-15,7000.00,TYPO-1,张三,银行转账")
    report = _verify(run_cli, loan)
    pay = report["payments"]
    assert [(x["date"], x["amount"], x["evidence"], x["applied"]) for x in pay["after_as_of"]] == [
        ("2032-06-15", "7000.00", {"file": "payments.csv", "row": 4}, False)]
    assert "after the as-of date" in pay["after_as_of"][0]["reason"]
    # not unposted: as of 2023-03-01 it was not due to be posted; the 30,000.00 of 2022 still is
    assert [x["reference"] for x in pay["unposted"]] == ["ICBC-2022061500123"]
    assert pay["total"] == "50000.00"  # 20,000.00 + 30,000.00 credited; the 7,000.00 is not
    assert report["balances"]["lawful"]["total"] == LAWFUL
    assert not any("TYPO-1" in json.dumps(f, ensure_ascii=False) for f in report["findings"])
    counts = {i["file"]: (i["rows"], i["rejected"], i["not_applied"]) for i in report["inputs"]["files"]}
    assert counts["payments.csv"] == (3, 0, 1)
    assert counts["ledger.csv"] == (3, 0, 0)


def test_a_ledger_payment_after_the_as_of_date_matched_to_a_record_is_listed_once(run_cli, loan):
    _add_line(loan / "payments.csv", "2032-06-15,7000.00,TYPO-2,张三,银行转账")
    _add_line(loan / "ledger.csv", "2032-06-15,payment,7000.00,TYPO-2,还款,")
    report = _verify(run_cli, loan)
    late = report["payments"]["after_as_of"]
    assert [(x["status"], x["evidence"], x["ledger"]) for x in late] == [
        ("matched", {"file": "payments.csv", "row": 4}, {"file": "ledger.csv", "row": 5})]
    assert report["payments"]["matched"] == 1  # the 20,000.00 of 2021-09-01 only
    assert report["balances"]["lawful"]["total"] == LAWFUL
    counts = {i["file"]: i["not_applied"] for i in report["inputs"]["files"]}
    assert counts == {"case.toml": 0, "ledger.csv": 1, "payments.csv": 1}


def test_without_a_ledger_a_late_record_is_listed_too(run_cli, loan):
    (loan / "ledger.csv").unlink()
    before = _verify(run_cli, loan)
    _add_line(loan / "payments.csv", "2032-06-15,7000.00,TYPO-3,张三,银行转账")
    after = _verify(run_cli, loan)
    assert [(x["status"], x["amount"]) for x in after["payments"]["after_as_of"]] == [("recorded", "7000.00")]
    assert after["balances"] == before["balances"]
    assert after["payments"]["total"] == before["payments"]["total"]


def test_the_statement_lists_it_and_no_longer_says_every_row_was_used(run_cli, loan):
    code, out, err = run_cli("statement", loan, "--format", "md", "--lang", "en", "-o", "-")
    assert code in (0, 1), err
    assert "Every input row was used." in out
    _add_line(loan / "payments.csv", "2032-06-15,7000.00,TYPO-4,张三,银行转账")
    code, out, err = run_cli("statement", loan, "--format", "md", "--lang", "en", "-o", "-")
    assert code in (0, 1), err
    assert "Every input row was used." not in out
    section = out.split("Payments dated after the as-of date (listed, not applied)")[1]
    assert "payments.csv:4" in section and "7,000.00" in section and "TYPO-4" in section
    # the counts: payments.csv has 3 rows read, 2 used, 0 rejected, 1 not applied
    row = next(line for line in out.splitlines() if line.startswith("| payments.csv |"))
    assert [c.strip() for c in row.strip("|").split("|")][:4] == ["payments.csv", "2", "0", "1"]


def test_the_terminal_lists_it(run_cli, loan):
    _add_line(loan / "payments.csv", "2032-06-15,7000.00,TYPO-5,张三,银行转账")
    code, out, err = run_cli("verify", loan, "--lang", "en")
    assert code in (0, 1), err
    assert "payments.csv:4: 2032-06-15 7,000.00 TYPO-5" in out
