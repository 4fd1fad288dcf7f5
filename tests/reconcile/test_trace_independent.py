"""Findings must not depend on whether the caller asked for computation lines (batch runs untraced)."""

from pathlib import Path

import pytest

from debtcli.importers.case_loader import load_case
from debtcli.report.build import build_report
from debtcli.report.jsonout import report_to_dict
from tests.conftest import EXAMPLES

CASE = '''schema = "debtcli/1"
[case]
id = "MID-PERIOD"
jurisdiction = "none"
[contract]
signed = 2024-01-01
principal = "100000.00"
rate = "12%"
day_count = "ACT/365"
method = "bullet"
term_months = 12
[demand]
as_of = 2024-04-01
total = "102000.00"
'''

# interest posted mid-period, twice: the ledger checks must split the accrual at 2024-03-15
LEDGER = """date,type,amount,reference,memo
2024-01-01,disbursement,100000.00,D1,loan
2024-03-01,interest,1972.60,I1,interest to 2024-03-01
2024-03-15,interest,500.00,I2,interest to 2024-03-15
"""


def _findings(folder, trace):
    case, issues = load_case(folder)
    assert case is not None, issues
    return report_to_dict(build_report(case, trace=trace))["findings"]


def test_mid_period_postings_are_checked_the_same_untraced(tmp_path: Path):
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "ledger.csv").write_text(LEDGER, encoding="utf-8")
    traced = _findings(tmp_path, True)
    assert any(f["code"] == "POSTING_MISMATCH" for f in traced)
    assert _findings(tmp_path, False) == traced


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if (p / "case.toml").exists()))
def test_examples_give_the_same_findings_untraced(example):
    assert _findings(EXAMPLES / example, False) == _findings(EXAMPLES / example, True)


def test_a_payment_posted_with_another_amount_is_listed_as_mismatched(tmp_path: Path, run_json):
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "ledger.csv").write_text(
        "date,type,amount,reference,memo\n2024-01-01,disbursement,100000.00,D1,loan\n"
        "2024-02-01,payment,900.00,R77,repayment\n", encoding="utf-8")
    (tmp_path / "payments.csv").write_text(
        "date,amount,reference,payer,channel\n2024-02-01,1000.00,R77,borrower,bank\n", encoding="utf-8")
    _, data = run_json("verify", tmp_path)
    mismatched = data["payments"]["mismatched"]
    assert [(m["amount"], m["reference"], m["ledger"]["row"]) for m in mismatched] == [("1000.00", "R77", 3)]
    assert data["payments"]["unverified"] == [] and data["payments"]["unposted"] == []
    assert any(f["code"] == "PAYMENT_MISMATCH" for f in data["findings"])


def test_mismatch_days_is_honoured_by_verify(tmp_path: Path, run_json):
    # the same 1,000.00 posted ten days after the bank paid it: a date mismatch within the default
    # 31 days; with mismatch_days = 5 it is one unposted record and one unverified ledger payment
    (tmp_path / "ledger.csv").write_text(
        "date,type,amount,reference,memo\n2024-01-01,disbursement,100000.00,D1,loan\n"
        "2024-02-11,payment,1000.00,L9,repayment\n", encoding="utf-8")
    (tmp_path / "payments.csv").write_text(
        "date,amount,reference,payer,channel\n2024-02-01,1000.00,B7,borrower,bank\n", encoding="utf-8")
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    _, data = run_json("verify", tmp_path)
    assert len(data["payments"]["mismatched"]) == 1
    (tmp_path / "case.toml").write_text(CASE + "[reconcile]\nmismatch_days = 5\n", encoding="utf-8")
    _, data = run_json("verify", tmp_path)
    assert data["payments"]["mismatched"] == []
    assert len(data["payments"]["unposted"]) == 1 and len(data["payments"]["unverified"]) == 1
