"""Banks and licensed lenders, the default allocation order, limitation, and conventions where the
contract is silent.

Sources: SPC Provisions on Private Lending Art. 1 ¶2 (not for financial institutions); 法发〔2017〕22号
Art. 2 (24% total-cost line, a reduction on request; secondary sources); Civil Code Art. 670 (no
interest withheld), 561 (costs, interest, principal), 188, 189, 195, 192-193 (limitation).
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.rules.cn_cases import contractual, findings, lawful, money, verify_json, write_case

BANK = {"signed": date(2023, 1, 1), "principal": "100000.00", "rate": "18%", "day_count": "ACT/360",
        "method": "bullet", "term_months": 12, "default_rate": "36%"}
FEE = '[[contract.fee]]\nname = "service fee"\namount = "1000.00"\n'


def test_bank_total_cost_above_24_is_reducible_not_cut(tmp_path, run_cli):
    # term 2023-01-01 .. 2024-01-01 = 365 days: 100,000 x 18% x 365 / 360 = 18,250.00
    # overdue 2024-01-01 .. 2024-12-31 = 365 days: 100,000 x 36% x 365 / 360 = 36,500.00
    # cost with the 1,000 fee: 55,750.00; 24% line: 100,000 x 24% x 730 / 360 = 48,666.67
    folder = write_case(tmp_path / "b", BANK, {"lender_kind": "bank"}, FEE)
    code, rep = verify_json(run_cli, folder, "--as-of", "2024-12-31")
    assert code == 0  # a warning only
    assert lawful(rep, "interest") == Decimal("18250.00")
    assert lawful(rep, "default_interest") == Decimal("36500.00")
    assert lawful(rep, "total") == contractual(rep, "total") == Decimal("155750.00")
    (f,) = findings(rep, "CN.REDUCIBLE_ABOVE_24")
    line = money(Decimal(100000) * Decimal("0.24") * 730 / 360)
    assert f["severity"] == "warning"
    assert Decimal(f["amount"]) == Decimal("55750.00") - line == Decimal("7083.33")
    assert f["details"] == {"total_cost": "55750.00", "line_24": "48666.67", "cost_source":
                            "contract: interest, default_interest, compound_interest, fees, penalties"}
    assert not findings(rep, "CN.RATE_ABOVE_CAP")


def test_bank_within_24_has_no_finding(tmp_path, run_cli):
    # 18,250 + 100,000 x 27% x 365 / 360 = 27,375 -> 45,625 <= 48,666.67
    folder = write_case(tmp_path / "b", {**BANK, "default_rate": "+50%"}, {"lender_kind": "bank"})
    _, rep = verify_json(run_cli, folder, "--as-of", "2024-12-31")
    assert lawful(rep, "default_interest") == Decimal("27375.00")
    assert not findings(rep, "CN.REDUCIBLE_ABOVE_24")


def test_bank_withheld_interest_is_removed_withheld_fee_is_not(tmp_path, run_cli):
    # Civil Code Art. 670 applies to every loan: 5,000 interest withheld -> principal 95,000;
    # the 1,000 service fee withheld stays (it counts in the 24% total cost instead).
    # interest 95,000 x 18% x 365 / 360 = 17,337.50
    extra = ('[[contract.fee]]\nname = "interest in advance"\namount = "5000.00"\nwithheld = true\n'
             'component = "interest"\n[[contract.fee]]\nname = "service fee"\namount = "1000.00"\nwithheld = true\n'
             '[[disbursement]]\ndate = 2023-01-01\namount = "94000.00"\n')
    folder = write_case(tmp_path / "w", BANK, {"lender_kind": "bank"}, extra)
    _, rep = verify_json(run_cli, folder, "--as-of", "2024-01-01")
    assert lawful(rep, "principal") == Decimal("95000.00")
    assert lawful(rep, "interest") == Decimal("17337.50")
    (f,) = findings(rep, "CN.UPFRONT_DEDUCTION")
    assert f["amount"] == "5000.00" and "670" in f["basis_en"]


def test_debt_buyer_follows_the_original_lender(tmp_path, run_cli):
    # bought from an individual: private-lending ceiling, 100,000 x 15.4% x 365 / 365 = 15,400.00
    contract = {**BANK, "signed": date(2021, 3, 1), "rate": "24%", "day_count": "ACT/365"}
    del contract["default_rate"]
    folder = write_case(tmp_path / "d", contract, {"lender_kind": "debt_buyer"},
                        '[rules]\noriginal_lender_kind = "individual"\n')
    _, rep = verify_json(run_cli, folder, "--as-of", "2022-03-01")
    assert lawful(rep, "interest") == Decimal("15400.00")


def test_art_561_default_allocation(tmp_path):
    """No allocation clause: a short payment goes to interest before principal (Civil Code Art. 561).
    100,000 at 12% from 2021-03-01; 10,000 paid on 2021-09-01 after 184 days of interest:
    100,000 x 12% x 184 / 365 = 6,049.32 to interest, 3,950.68 to principal."""
    from debtcli.importers.case_loader import load_case
    from debtcli.report.build import build_report

    contract = {"signed": date(2021, 3, 1), "principal": "100000.00", "rate": "12%", "day_count": "ACT/365",
                "method": "bullet", "term_months": 12}
    folder = write_case(tmp_path / "a", contract, extra='[[payment]]\ndate = 2021-09-01\namount = "10000.00"\n')
    case, _ = load_case(folder)
    report = build_report(case, date(2022, 3, 1))
    (line,) = report.payments
    assert line.lawful == {"interest": Decimal("6049.32"), "principal": Decimal("3950.68")}
    # then 96,049.32 x 12% x 181 / 365 = 5,715.52 (2021-09-01 .. 2022-03-01)
    assert report.lawful["interest"] == money(Decimal("96049.32") * Decimal("0.12") * 181 / 365)
    from debtcli.messages import value_text

    assert value_text(report.conventions["allocation"], "en").startswith("overdue:costs, overdue:compound_interest")


LOAN = {"signed": date(2019, 6, 1), "principal": "10000.00", "rate": "12%", "day_count": "ACT/365",
        "method": "bullet", "term_months": 12}  # due 2020-06-01


@pytest.mark.parametrize("cid,extra,as_of,starts,expires,expired", [
    # 3 years from the due date; the first day is not counted (Art. 201): ends 2023-06-01
    ("runs-from-due-date", "", "2023-06-01", "2020-06-01", "2023-06-01", False),
    ("expired-next-day", "", "2023-06-02", "2020-06-01", "2023-06-01", True),
    # a demand that reaches the debtor restarts it (Art. 195)
    ("demand-restarts", '[[event]]\ndate = 2022-01-10\ntype = "demand_notice"\n', "2024-06-01",
     "2020-06-01", "2025-01-10", False),
    # so does a part payment
    ("payment-restarts", '[[payment]]\ndate = 2021-05-05\namount = "100.00"\n', "2024-05-06",
     "2020-06-01", "2024-05-05", True),
    # acceleration makes everything due on its date
    ("acceleration", '[[event]]\ndate = 2020-03-01\ntype = "acceleration"\n', "2023-03-02",
     "2020-03-01", "2023-03-01", True),
    # a demand after expiry revives nothing
    ("late-demand", '[[event]]\ndate = 2023-07-01\ntype = "demand_notice"\n', "2023-08-01",
     "2020-06-01", "2023-06-01", True),
    # the debtor acknowledging the debt after expiry may no longer plead it (Art. 192 ¶2)
    ("late-acknowledgment", '[[event]]\ndate = 2023-07-01\ntype = "acknowledgment"\n', "2023-08-01",
     "2020-06-01", "2026-07-01", False),
])
def test_limitation(tmp_path, run_cli, cid, extra, as_of, starts, expires, expired):
    folder = write_case(tmp_path / cid, LOAN, {"lender_kind": "company"}, extra)
    code, rep = verify_json(run_cli, folder, "--as-of", as_of)
    lim = rep["limitation"]
    assert (lim["starts"], lim["expires"], lim["expired"]) == (starts, expires, expired)
    found = findings(rep, "CN.LIMITATION_EXPIRED")
    assert bool(found) == expired
    if expired:
        assert found[0]["severity"] == "warning"
        assert found[0]["details"]["expires"] == expires
        assert "188" in found[0]["basis_en"]


def test_limitation_is_checked_on_the_filing_date(tmp_path, run_cli):
    folder = write_case(tmp_path / "f", LOAN, {"lender_kind": "company", "filed": date(2023, 5, 1)})
    _, rep = verify_json(run_cli, folder, "--as-of", "2024-01-01")
    assert rep["limitation"]["expired"] is False


def test_silent_day_count_shows_the_debtor_favourable_figure(tmp_path, run_cli):
    # the contract names no day count: ACT/360 (creditor-favourable): 100,000 x 12% x 365 / 360 = 12,166.67;
    # beside it ACT/365: 100,000 x 12% x 365 / 365 = 12,000.00 -> lawful total 112,000.00
    contract = {"signed": date(2021, 3, 1), "principal": "100000.00", "rate": "12%", "method": "bullet",
                "term_months": 12}
    folder = write_case(tmp_path / "s", contract)
    _, rep = verify_json(run_cli, folder, "--as-of", "2022-03-01")
    assert lawful(rep, "interest") == money(Decimal(100000) * Decimal("0.12") * 365 / 360)
    note = rep["conventions"]["day_count_other"]
    assert "ACT/365" in note and "112,000.00" in note and "166.67 less" in note
