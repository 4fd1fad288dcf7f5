"""The private-lending ceiling, rule by rule, against hand calculations.

Sources: SPC Provisions on Private Lending Art. 25 (4 x one-year LPR at formation), Art. 26 (interest
withheld up front), Art. 31 ¶2 (contracts formed before 2020-08-20); Civil Code Art. 670, 679.
Every expected figure is base x rate x days / basis with the dates written beside it.
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.rules.cn_cases import BULLET_2021, contractual, findings, lawful, money, verify_json, write_case

WITHHELD = """
[[contract.fee]]
name = "interest withheld"
amount = "10000.00"
withheld = true
component = "interest"

[[disbursement]]
date = 2021-03-01
amount = "90000.00"
"""

# id, contract changes, [case] changes, extra toml, as_of, principal, interest, default_interest, codes
CASES = [
    # Formed 2021-03-01 (Monday): the fixing in force is 2021-02-20, 3.85% -> ceiling 15.4%.
    # 10,000 of 100,000 withheld: principal 90,000; 90,000 x 15.4% x 365 / 365 = 13,860.00
    ("withheld-2021", {}, {}, WITHHELD, date(2022, 3, 1),
     "90000.00", money(Decimal(90000) * Decimal("0.154") * 365 / 365), "0.00",
     {"CN.UPFRONT_DEDUCTION", "CN.RATE_ABOVE_CAP"}),
    # No deduction, rate 24% capped: 100,000 x 15.4% x 365 / 365 = 15,400.00
    ("capped-2021", {}, {}, "", date(2022, 3, 1),
     "100000.00", money(Decimal(100000) * Decimal("0.154")), "0.00", {"CN.RATE_ABOVE_CAP"}),
    # Below the ceiling the contract stands: 100,000 x 12% x 365 / 365 = 12,000.00
    ("below-cap", {"rate": "12%"}, {}, "", date(2022, 3, 1),
     "100000.00", Decimal("12000.00"), "0.00", set()),
    # Formed Sunday 2022-08-21: the fixing of Monday 2022-08-22 (3.65%) is not yet published; the one in
    # force is 2022-07-20, 3.70% -> 14.8%. 100,000 x 14.8% x 365 / 365 = 14,800.00 (2022-08-21 .. 2023-08-20)
    ("sunday", {"signed": date(2022, 8, 21)}, {}, "", date(2023, 8, 21),
     "100000.00", Decimal("14800.00"), "0.00", {"CN.RATE_ABOVE_CAP"}),
    # Formed on the fixing day 2022-08-22: 14.6% (new fixing) or 14.8% (before publication); the higher
    # is used and the day is flagged: 100,000 x 14.8% x 365 / 365 = 14,800.00
    ("fixing-day", {"signed": date(2022, 8, 22)}, {}, "", date(2023, 8, 22),
     "100000.00", Decimal("14800.00"), "0.00", {"CN.RATE_ABOVE_CAP", "CN.LPR_FIXING_DAY"}),
    # An individual's loan is formed when the money is handed over (Civil Code Art. 679): signed
    # 2023-08-15 (fixing 2023-07-20: 3.55% -> 14.2%), paid out 2023-08-25 (fixing 2023-08-21: 3.45% -> 13.8%).
    # Interest from 2023-08-25 to 2024-08-15 = 356 days: 100,000 x 13.8% x 356 / 365 = 13,459.73
    ("individual-formed-on-delivery", {"signed": date(2023, 8, 15)}, {},
     "[[disbursement]]\ndate = 2023-08-25\namount = \"100000.00\"\n", date(2024, 8, 15),
     "100000.00", money(Decimal(100000) * Decimal("0.138") * 356 / 365), "0.00", {"CN.RATE_ABOVE_CAP"}),
    # The same loan from a company: formed at signing, 14.2%: 100,000 x 14.2% x 356 / 365 = 13,849.86
    ("company-formed-on-signing", {"signed": date(2023, 8, 15)}, {"lender_kind": "company"},
     "[[disbursement]]\ndate = 2023-08-25\namount = \"100000.00\"\n", date(2024, 8, 15),
     "100000.00", money(Decimal(100000) * Decimal("0.142") * 356 / 365), "0.00", {"CN.RATE_ABOVE_CAP"}),
    # Formed 2019-06-01 at 30%, filed 2021-03-01. Term 2019-06-01 .. 2020-06-01 = 366 days at 24% (2015
    # Provisions): 100,000 x 24% x 366 / 365 = 24,065.75. Overdue principal keeps the term rate, capped:
    # 2020-06-01 .. 2020-08-20 = 80 days at 24% = 5,260.27; 2020-08-20 .. 2021-03-01 = 193 days at 4 x the
    # LPR at filing (2021-02-20 fixing 3.85% -> 15.4%) = 8,142.19; together 13,402.47
    ("transition-2019", {"signed": date(2019, 6, 1), "rate": "30%"}, {"filed": date(2021, 3, 1)}, "",
     date(2021, 3, 1), "100000.00", money(Decimal(100000) * Decimal("0.24") * 366 / 365),
     money(Decimal(100000) * Decimal("0.24") * 80 / 365 + Decimal(100000) * Decimal("0.154") * 193 / 365),
     {"CN.RATE_ABOVE_CAP"}),
    # Filed 2023-01-01: the LPR at filing is the 2022-12-20 fixing, 3.65% -> 14.6%:
    # 5,260.27 (80 days at 24%) + 100,000 x 14.6% x 193 / 365 = 7,720.14 -> 12,980.41
    ("transition-filing-2023", {"signed": date(2019, 6, 1), "rate": "30%"}, {"filed": date(2023, 1, 1)}, "",
     date(2021, 3, 1), "100000.00", money(Decimal(100000) * Decimal("0.24") * 366 / 365),
     money(Decimal(100000) * Decimal("0.24") * 80 / 365 + Decimal(100000) * Decimal("0.146") * 193 / 365),
     {"CN.RATE_ABOVE_CAP"}),
    # The other reading: the LPR in force on 2020-08-20 (3.85% -> 15.4%) whatever the filing date
    ("transition-reading-2020-08-20", {"signed": date(2019, 6, 1), "rate": "30%"}, {"filed": date(2023, 1, 1)},
     '[rules]\ntransition = "2020-08-20"\n', date(2021, 3, 1), "100000.00",
     money(Decimal(100000) * Decimal("0.24") * 366 / 365),
     money(Decimal(100000) * Decimal("0.24") * 80 / 365 + Decimal(100000) * Decimal("0.154") * 193 / 365),
     {"CN.RATE_ABOVE_CAP"}),
    # Filed before 2020-08-20: the 2015 Provisions throughout (24%). Term as above 24,065.75;
    # overdue 2020-06-01 .. 2020-07-01 = 30 days: 100,000 x 24% x 30 / 365 = 1,972.60
    ("filed-before-2020-08-20", {"signed": date(2019, 6, 1), "rate": "30%"}, {"filed": date(2020, 7, 1)}, "",
     date(2020, 7, 1), "100000.00", money(Decimal(100000) * Decimal("0.24") * 366 / 365),
     money(Decimal(100000) * Decimal("0.24") * 30 / 365), {"CN.RATE_ABOVE_CAP"}),
]


@pytest.mark.parametrize("cid,change,case,extra,as_of,principal,interest,default,codes", CASES,
                         ids=[c[0] for c in CASES])
def test_ceiling(tmp_path, run_cli, cid, change, case, extra, as_of, principal, interest, default, codes):
    folder = write_case(tmp_path / cid, {**BULLET_2021, **change}, case, extra)
    _, rep = verify_json(run_cli, folder, "--as-of", as_of.isoformat())
    assert lawful(rep, "principal") == Decimal(principal)
    assert lawful(rep, "interest") == Decimal(interest)
    assert lawful(rep, "default_interest") == Decimal(default)
    cn_codes = {f["code"] for f in rep["findings"] if f["code"].startswith("CN.")}
    assert cn_codes == codes


def test_withheld_interest_figures(tmp_path, run_cli):
    folder = write_case(tmp_path / "w", BULLET_2021, {}, WITHHELD)
    _, rep = verify_json(run_cli, folder, "--as-of", "2022-03-01")
    # contract: 100,000 x 24% x 365 / 365 = 24,000.00 on the written principal, of which the 10,000
    # withheld was paid in advance: 14,000.00 still owed, total 114,000.00
    assert contractual(rep, "principal") == Decimal("100000.00")
    assert contractual(rep, "interest") == Decimal("14000.00")
    assert contractual(rep, "total") == Decimal("114000.00")
    (up,) = findings(rep, "CN.UPFRONT_DEDUCTION")
    assert (up["severity"], up["component"], up["amount"]) == ("error", "principal", "10000.00")
    assert up["details"]["handed_over"] == "90000.00"
    # interest the contract charges on the withheld part: 10,000 x 24% x 365 / 365 = 2,400.00
    assert up["details"]["interest_on_withheld"] == "2400.00"
    assert "Art. 26" in up["basis_en"] and "670" in up["basis_en"]
    (cap,) = findings(rep, "CN.RATE_ABOVE_CAP")
    # on the 90,000 handed over: 90,000 x (24% - 15.4%) x 365 / 365 = 7,740.00
    assert cap["amount"] == "7740.00"
    assert cap["details"]["ceiling"] == "15.4%"
    assert "90,000.00 x 15.4% x 365 / 365 = 13,860.00" in cap["message_en"]
    assert "Art. 25" in cap["basis_en"]


def test_fixing_day_shows_both_readings(tmp_path, run_cli):
    folder = write_case(tmp_path / "f", {**BULLET_2021, "signed": date(2022, 8, 22)})
    _, rep = verify_json(run_cli, folder, "--as-of", "2023-08-22")
    (f,) = findings(rep, "CN.LPR_FIXING_DAY")
    assert f["details"] == {"ceiling_used": "14.8%", "ceiling_other": "14.6%"}


def test_transition_reading_is_printed(tmp_path, run_cli):
    folder = write_case(tmp_path / "t", {**BULLET_2021, "signed": date(2019, 6, 1), "rate": "30%"},
                        {"filed": date(2021, 3, 1)})
    _, rep = verify_json(run_cli, folder, "--as-of", "2021-03-01")
    assert "filing date" in rep["conventions"]["transition"]
    assert "2015 Provisions" in rep["conventions"]["ceiling"]


def test_unknown_lpr_stops_with_a_message(tmp_path, run_cli):
    # 2026-10-20 is the first fixing the table does not know (status U): no ceiling can be computed
    folder = write_case(tmp_path / "u", {**BULLET_2021, "signed": date(2026, 10, 25)})
    code, out, err = run_cli("verify", folder, "--as-of", "2027-10-25")
    assert code == 2
    assert "LPR" in err and "[rules] lpr_1y" in err and "2026-10-25" in err
    assert "Traceback" not in err


def test_supplied_lpr_is_used_and_flagged_unverified(tmp_path, run_cli):
    folder = write_case(tmp_path / "s", {**BULLET_2021, "signed": date(2026, 10, 25)}, {},
                        '[rules]\nlpr_1y = "3.00%"\nlpr_date = 2026-10-20\n')
    _, rep = verify_json(run_cli, folder, "--as-of", "2027-10-25")
    # 4 x 3.00% = 12%: 100,000 x 12% x 365 / 365 = 12,000.00
    assert lawful(rep, "interest") == Decimal("12000.00")
    (f,) = findings(rep, "CN.LPR_UNVERIFIED")
    assert f["severity"] == "warning"


def test_unverified_table_row_is_flagged():
    from dataclasses import replace

    from debtcli.engine.account import account_from_terms
    from debtcli.terms.case import Case
    from debtcli.rules.base import PackContext
    from debtcli.rules.cn import CnPack
    from debtcli.rules.lpr import Fixing, Fixings
    from tests.helpers import terms_of

    terms = terms_of(BULLET_2021, {"jurisdiction": "cn"})
    table = Fixings([Fixing(date(2021, 2, 20), Decimal("0.0385"), None, "S")])
    account, _ = account_from_terms(terms, fixings=table, until=date(2022, 3, 1))
    ctx = PackContext(Case(terms), account, date(2022, 3, 1), table, {})
    _, found, _ = CnPack().lawful_account(ctx)
    assert [f.code for f in found if f.code == "CN.LPR_UNVERIFIED"] == ["CN.LPR_UNVERIFIED"]
    del replace


@pytest.mark.parametrize("rules,expected", [
    ('transition = "later"', "rules.transition"),
    ('lpr_1y = "abc"', "rules.lpr_1y"),
    ("colour = 1", "rules.colour: unknown key"),
])
def test_bad_rules_settings_are_input_errors(tmp_path, run_cli, rules, expected):
    folder = write_case(tmp_path / "r", BULLET_2021, {}, f"[rules]\n{rules}\n")
    code, _, err = run_cli("verify", folder)
    assert code == 2
    assert expected in err


def test_interest_rolled_into_a_new_iou(tmp_path, run_cli):
    """利滚利 (Art. 27). IOU of 2021-03-01 for 100,000 (ceiling 15.4%); on 2022-03-01 a new IOU for 130,000
    at 24% replaces it, repayable 2023-03-01.
    ¶1: rolled-in interest counts up to 100,000 x 15.4% x 365 / 365 = 15,400 -> principal 115,400.00.
    ¶2: principal + interest on 2023-03-01 at most 100,000 + 100,000 x 15.4% x 730 / 365 = 130,800.00,
    so interest for the second year is at most 130,800 - 115,400 = 15,400.00 (below 115,400 x 14.8%)."""
    folder = write_case(tmp_path / "roll", {**BULLET_2021, "signed": date(2022, 3, 1), "principal": "130000.00"}, {},
                        '[rules]\nrolled_over_from = 2021-03-01\noriginal_principal = "100000.00"\n')
    _, rep = verify_json(run_cli, folder, "--as-of", "2023-03-01")
    assert lawful(rep, "principal") == Decimal(100000) + Decimal(100000) * Decimal("0.154") * 365 / 365
    assert lawful(rep, "interest") == Decimal("130800.00") - Decimal("115400.00")
    (f,) = findings(rep, "CN.ROLLED_INTEREST")
    assert (f["amount"], f["details"]["bound"]) == ("14600.00", "130800.00")
    assert "Art. 27" in f["basis_en"]


def test_rolled_over_needs_both_settings(tmp_path, run_cli):
    folder = write_case(tmp_path / "r", BULLET_2021, {}, "[rules]\nrolled_over_from = 2021-03-01\n")
    code, _, err = run_cli("verify", folder)
    assert code == 2 and "rules.original_principal" in err
