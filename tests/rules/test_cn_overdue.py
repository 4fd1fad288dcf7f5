"""Overdue interest and the combined cap for private loans, against hand calculations.

Sources: SPC Provisions on Private Lending Art. 28 (overdue interest: agreed rate up to the ceiling;
only a term rate: the term rate from the due date; nothing agreed: the one-year LPR), Art. 29 (overdue
interest + 违约金 + other fees together within the ceiling), Art. 24 and Civil Code Art. 680 (no
interest agreed or unclear between individuals).

The loan: 100,000 lent 2021-03-01 (ceiling 4 x 3.85% = 15.4%), repayable in one sum on 2021-09-01,
nothing repaid, checked on 2022-09-01. Term 2021-03-01 .. 2021-09-01 = 184 days; overdue
2021-09-01 .. 2022-09-01 = 365 days; day count ACT/365.
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.rules.cn_cases import contractual, findings, lawful, money, verify_json, write_case

SIX_MONTHS = {"signed": date(2021, 3, 1), "principal": "100000.00", "day_count": "ACT/365", "method": "bullet",
              "term_months": 6}
P = Decimal(100000)
AS_OF = "2022-09-01"

# id, contract keys, interest, default_interest, penalties, cn codes
OVERDUE = [
    # agreed overdue rate above the ceiling: 100,000 x 15.4% x 365 / 365 = 15,400.00;
    # term 100,000 x 12% x 184 / 365 = 6,049.32
    ("agreed-above-cap", {"rate": "12%", "default_rate": "24%"}, money(P * Decimal("0.12") * 184 / 365),
     Decimal("15400.00"), Decimal("0"), {"CN.RATE_ABOVE_CAP"}),
    # agreed overdue rate below the ceiling stands: 100,000 x 15% x 365 / 365 = 15,000.00
    ("agreed-below-cap", {"rate": "12%", "default_rate": "15%"}, money(P * Decimal("0.12") * 184 / 365),
     Decimal("15000.00"), Decimal("0"), set()),
    # only a term rate (24%): it runs on from the due date, both capped at 15.4%;
    # term 100,000 x 15.4% x 184 / 365 = 7,763.29; overdue 15,400.00
    ("term-rate-only", {"rate": "24%"}, money(P * Decimal("0.154") * 184 / 365), Decimal("15400.00"),
     Decimal("0"), {"CN.RATE_ABOVE_CAP"}),
    # "+50%" on 12% = 18%, capped at 15.4%: 15,400.00
    ("markup-capped", {"rate": "12%", "default_rate": "+50%"}, money(P * Decimal("0.12") * 184 / 365),
     Decimal("15400.00"), Decimal("0"), {"CN.RATE_ABOVE_CAP"}),
    # nothing agreed: no interest for the term; from the due date the one-year LPR in force on 2021-09-01
    # (2021-08-20 fixing, 3.85%): 100,000 x 3.85% x 365 / 365 = 3,850.00
    ("nothing-agreed", {}, Decimal("0"), Decimal("3850.00"), Decimal("0"), set()),
]

COMBINED = [
    # 15% overdue + 违约金 5,000: 15,000 + 5,000 = 20,000 against 100,000 x 15.4% x 365 / 365 = 15,400;
    # 4,600 of the 违约金 goes, 400 stays
    ("penalty-cut", {"rate": "12%", "default_rate": "15%", "penalty": "5000.00"}, Decimal("15000.00"),
     Decimal("400.00"), "4600.00"),
    # 12% overdue + 2,000: 12,000 + 2,000 = 14,000 <= 15,400: all stands
    ("within-cap", {"rate": "12%", "default_rate": "12%", "penalty": "2000.00"}, Decimal("12000.00"),
     Decimal("2000.00"), None),
    # 24% overdue capped at 15.4% uses the whole cap: the 违约金 5,000 goes entirely
    ("cap-used-by-interest", {"rate": "12%", "default_rate": "24%", "penalty": "5000.00"}, Decimal("15400.00"),
     Decimal("0.00"), "5000.00"),
    # 15% + 违约金 5,000 + late fee 500 = 20,500 against 15,400: 5,100 goes (the 违约金, then 100 of the fee)
    ("penalty-and-late-fee", {"rate": "12%", "default_rate": "15%", "penalty": "5000.00", "late_fee": "500.00"},
     Decimal("15000.00"), Decimal("400.00"), "5100.00"),
]


@pytest.mark.parametrize("cid,contract,interest,default,penalties,codes", OVERDUE, ids=[c[0] for c in OVERDUE])
def test_overdue_interest(tmp_path, run_cli, cid, contract, interest, default, penalties, codes):
    folder = write_case(tmp_path / cid, {**SIX_MONTHS, **contract})
    _, rep = verify_json(run_cli, folder, "--as-of", AS_OF)
    assert lawful(rep, "interest") == interest
    assert lawful(rep, "default_interest") == default
    assert lawful(rep, "penalties") == penalties
    assert {f["code"] for f in rep["findings"] if f["code"].startswith("CN.")} == codes


@pytest.mark.parametrize("cid,contract,default,penalties,excess", COMBINED, ids=[c[0] for c in COMBINED])
def test_combined_cap(tmp_path, run_cli, cid, contract, default, penalties, excess):
    folder = write_case(tmp_path / cid, {**SIX_MONTHS, **contract})
    _, rep = verify_json(run_cli, folder, "--as-of", AS_OF)
    assert lawful(rep, "default_interest") == default
    assert lawful(rep, "penalties") == penalties
    found = findings(rep, "CN.COMBINED_CAP_EXCEEDED")
    if excess is None:
        assert found == []
    else:
        (f,) = found
        assert (f["severity"], f["amount"]) == ("error", excess)
        assert f["details"]["cap"] == "15400.00"
        assert "Art. 29" in f["basis_en"]


def test_combined_cap_reallocates_a_payment(tmp_path):
    """A payment the creditor put on the unlawful part of the 违约金 goes to lawful charges instead.

    8,000 paid on 2022-03-01, the contract applying payments to 违约金 first. Default interest accrued by
    then: 100,000 x 15% x 181 / 365 = 7,438.36 (2021-09-01 .. 2022-03-01).
    Contract: 5,000 to the 违约金, 3,000 to default interest.
    Lawful (违约金 cut to 400, see penalty-cut): 400 to the 违约金, 7,438.36 to default interest, the
    remaining 161.64 to the term interest."""
    from debtcli.importers.case_loader import load_case
    from debtcli.report.build import build_report

    extra = '[[payment]]\ndate = 2022-03-01\namount = "8000.00"\n'
    folder = write_case(tmp_path / "pay", {**SIX_MONTHS, "rate": "12%", "default_rate": "15%", "penalty": "5000.00",
                                           "allocation": ["penalties", "default_interest", "interest", "principal"]},
                        extra=extra)
    case, issues = load_case(folder)
    report = build_report(case, date(2022, 9, 1))
    (line,) = report.payments
    assert line.contractual == {"penalties": Decimal("5000.00"), "default_interest": Decimal("3000.00")}
    assert line.lawful == {"penalties": Decimal("400.00"), "default_interest": money(P * Decimal("0.15") * 181 / 365),
                           "interest": Decimal("161.64")}
    assert report.lawful["penalties"] == 0
    # default interest runs on overdue principal only, so the only difference is the 4,600 cut
    assert report.contractual["total"] - report.lawful["total"] == Decimal("4600.00")


def test_no_interest_agreed(tmp_path, run_cli):
    extra = '[demand]\nas_of = 2021-09-01\nprincipal = "100000.00"\ninterest = "5000.00"\n'
    folder = write_case(tmp_path / "n", {**SIX_MONTHS}, extra=extra)
    code, rep = verify_json(run_cli, folder)
    assert code == 1
    assert lawful(rep, "interest") == Decimal("0.00")
    (f,) = findings(rep, "UNAUTHORIZED_CHARGE")
    assert (f["component"], f["amount"]) == ("interest", "5000.00")
    assert rep["balances"]["excess"]["interest"] == "5000.00"


@pytest.mark.parametrize("kind,interest,finding", [
    # between individuals an unclear interest term means no interest (Civil Code Art. 680 ¶3)
    ("individual", Decimal("0.00"), True),
    # a company lender: the rule for individuals does not apply; 100,000 x 10% x 184 / 365 = 5,041.10
    ("company", money(P * Decimal("0.10") * 184 / 365), False),
])
def test_unclear_interest_term(tmp_path, run_cli, kind, interest, finding):
    folder = write_case(tmp_path / kind, {**SIX_MONTHS, "rate": "10%"}, {"lender_kind": kind},
                        "[rules]\ninterest_term_clear = false\n")
    _, rep = verify_json(run_cli, folder, "--as-of", "2021-09-01")
    assert lawful(rep, "interest") == interest
    found = findings(rep, "CN.NO_INTEREST_AGREED")
    assert bool(found) == finding
    if finding:
        assert found[0]["amount"] == str(money(P * Decimal("0.10") * 184 / 365))


def test_overdue_interest_by_law_is_not_unauthorized(tmp_path, run_cli):
    # nothing agreed, yet the law gives overdue interest from the due date (Civil Code Art. 676, Art. 28):
    # the demanded 3,850.00 = 100,000 x 3.85% x 365 / 365 is lawful and has a basis
    extra = ('[demand]\nas_of = 2022-09-01\nprincipal = "100000.00"\ndefault_interest = "3850.00"\n'
             'total = "103850.00"\n')
    folder = write_case(tmp_path / "law", {**SIX_MONTHS}, extra=extra)
    code, rep = verify_json(run_cli, folder)
    assert code == 0
    assert findings(rep, "UNAUTHORIZED_CHARGE") == []
    assert rep["balances"]["excess"]["total"] == "0.00"
    assert "LPR" in rep["conventions"]["overdue_interest"]


def test_payments_in_the_24_to_36_band_are_noted(tmp_path, run_cli):
    extra = '[[payment]]\ndate = 2019-12-01\namount = "5000.00"\n'
    contract = {**SIX_MONTHS, "signed": date(2019, 6, 1), "rate": "30%", "term_months": 12}
    folder = write_case(tmp_path / "band", contract, {"filed": date(2021, 3, 1)}, extra)
    _, rep = verify_json(run_cli, folder, "--as-of", "2021-03-01")
    assert "36%" in rep["conventions"]["band_24_36"]
