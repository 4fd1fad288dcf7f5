"""The judgment stage (法释〔2014〕8号) and the case-acceptance fee (诉讼费用交纳办法 Art. 13, 16),
against hand calculations and the published figures of cn-law.md §8 and oracles/public.md (J06)."""

from datetime import date
from decimal import Decimal

import pytest

from debtcli.rules.cn_judgment import court_fee
from tests.rules.cn_cases import findings, lawful, money, verify_json, write_case

D = Decimal
LOAN = {"signed": date(2021, 3, 1), "principal": "100000.00", "rate": "12%", "day_count": "ACT/365",
        "method": "bullet", "term_months": 12}

JUDGMENT = """
[[event]]
type = "judgment"
date = 2023-03-01
deadline = 2023-03-11
principal = "100000.00"
interest = "8000.00"
costs = "2300.00"
interest_base = "100000.00"
interest_rate = "3.65%"
interest_from = 2023-01-01
document = "(2023)某0102民初123号"
"""
PAYMENTS = """
[[payment]]
date = 2023-04-20
amount = "20000.00"

[[payment]]
date = 2023-06-19
amount = "50000.00"
"""


def test_j06_hundred_days_late():
    # oracle J06: judgment debt 100,000, 100 days late, 0.0175% a day: 1,750.00
    from debtcli.rules.cn_judgment import latest_judgment, judgment_stage
    from tests.helpers import terms_of

    terms = terms_of(LOAN, {"jurisdiction": "cn"}, '[[event]]\ntype = "judgment"\ndate = 2023-03-01\n'
                                                  'performance_days = 10\nprincipal = "100000.00"\n')
    j = latest_judgment(terms, date(2023, 6, 19))
    assert j.deadline == date(2023, 3, 11)
    # delay 2023-03-12 .. 2023-06-19, both counted: 20 + 30 + 31 + 19 = 100 days
    stage = judgment_stage(j, (), date(2023, 6, 19))
    assert stage.balance["judgment_interest"] == D(100000) * D("0.000175") * 100 == D("1750.00")


def test_judgment_with_two_payments_after_it(tmp_path, run_cli):
    # Payment 1, 2023-04-20:
    #   running interest 100,000 x 3.65% x 109 / 365 (2023-01-01 .. 2023-04-20) = 1,090.00
    #   doubled part on principal + awarded costs 102,300 x 0.0175% x 40 days (03-12 .. 04-20) = 716.10
    #   20,000 goes to the judgment debt (Art. 4; Civil Code Art. 561): costs 2,300, interest 8,000 + 1,090,
    #   principal 8,610 -> principal 91,390.00; the doubled part stays owed
    # Payment 2, 2023-06-19:
    #   running interest 91,390 x 3.65% x 60 / 365 = 548.34
    #   doubled part 91,390 x 0.0175% x 60 days (04-21 .. 06-19) = 959.595 -> 959.60
    #   50,000: interest 548.34, principal 49,451.66 -> 41,938.34
    # As of 2023-07-31:
    #   running interest 41,938.34 x 3.65% x 42 / 365 = 176.141.. -> 176.14
    #   doubled part 41,938.34 x 0.0175% x 42 days (06-20 .. 07-31) = 308.2468 -> 308.25
    folder = write_case(tmp_path / "j", LOAN, {"filed": date(2022, 6, 1)}, JUDGMENT + PAYMENTS)
    _, rep = verify_json(run_cli, folder, "--as-of", "2023-07-31")
    first_running = money(D(100000) * D("0.0365") * 109 / 365)
    first_doubled = money(D(102300) * D("0.000175") * 40)
    assert (first_running, first_doubled) == (D("1090.00"), D("716.10"))
    principal = D(100000) - (D(20000) - D(2300) - D(8000) - first_running)
    assert principal == D("91390.00")
    second_running = money(principal * D("0.0365") * 60 / 365)
    second_doubled = money(principal * D("0.000175") * 60)
    principal -= D(50000) - second_running
    assert principal == D("41938.34")
    last_running = money(principal * D("0.0365") * 42 / 365)
    last_doubled = money(principal * D("0.000175") * 42)
    assert lawful(rep, "principal") == principal
    assert lawful(rep, "interest") == last_running == D("176.14")
    assert lawful(rep, "costs") == D("0.00")
    assert lawful(rep, "judgment_interest") == first_doubled + second_doubled + last_doubled == D("1983.95")
    assert lawful(rep, "total") == principal + last_running + D("1983.95")
    assert "0.0175%" in rep["conventions"]["judgment"] or "0.0175" in rep["conventions"]["judgment"]
    assert "案件受理费" in rep["conventions"]["court_fee"]


def test_judgment_stage_lines_in_the_court_form(tmp_path):
    from debtcli.importers.case_loader import load_case
    from debtcli.render.i18n import court_form
    from debtcli.report.build import build_report

    folder = write_case(tmp_path / "j", LOAN, {"filed": date(2022, 6, 1)}, JUDGMENT + PAYMENTS)
    case, _ = load_case(folder)
    report = build_report(case, date(2023, 7, 31))
    lines = [ln for ln in report.computation if ln.component == "judgment_interest"]
    assert [(ln.days, ln.base, ln.amount) for ln in lines] == [
        (40, D("102300.00"), D("716.10")), (60, D("91390.00"), D("959.60")), (42, D("41938.34"), D("308.25"))]
    text = court_form(lines[0], "zh", 2, "CNY")
    assert "102,300.00 元为基数" in text and "2023年3月12日" in text and "2023年4月20日" in text and "共 40 天" in text
    # payments after the judgment, as the law applies them
    second = report.payments[1]
    assert second.lawful == {"interest": D("548.34"), "principal": D("49451.66")}


def test_costs_left_out_of_the_base(tmp_path, run_cli):
    # [rules] judgment_costs_in_base = false: the first doubled part is 100,000 x 0.0175% x 40 = 700.00
    # (2023-04-20, no further delay counted as the as-of date is the payment day)
    folder = write_case(tmp_path / "c", LOAN, None,
                        JUDGMENT + '[[payment]]\ndate = 2023-04-20\namount = "20000.00"\n'
                        + '[rules]\njudgment_costs_in_base = false\n')
    _, rep = verify_json(run_cli, folder, "--as-of", "2023-04-20")
    assert lawful(rep, "judgment_interest") == D("700.00")
    assert "left out" in rep["conventions"]["judgment"]


def test_enforcement_application_above_the_judgment(tmp_path, run_cli):
    # the balance of the case above on 2023-07-31 is 41,938.34 + 176.14 + 1,983.95 = 44,098.43;
    # the application asks 50,000.00: 5,901.57 more
    extra = JUDGMENT + PAYMENTS + ('[demand]\nas_of = 2023-07-31\ntotal = "50000.00"\ncosts = "3000.00"\n'
                                   'principal = "47000.00"\ndocument = "申请执行书 (2023)某0102执456号"\n')
    folder = write_case(tmp_path / "e", LOAN, {"filed": date(2022, 6, 1)}, extra)
    code, rep = verify_json(run_cli, folder)
    assert code == 1
    (f,) = findings(rep, "CN.ENFORCEMENT_ABOVE_JUDGMENT")
    assert D(f["amount"]) == D("50000.00") - D("44098.43")
    assert "法释〔2014〕8号" in f["basis"] and "2023-03-12" in f["basis"]
    # costs demanded above the 2,300 awarded
    (u,) = [x for x in findings(rep, "UNAUTHORIZED_CHARGE") if x["component"] == "costs"]
    assert u["amount"] == "700.00"


@pytest.mark.parametrize("claimed,ordinary,simple", [
    # published: 500,000 -> 8,800; 300,000 -> 5,800; 160,000 -> 3,500 (1,750 halved)
    ("500000", "8800.00", "4400.00"),
    ("300000", "5800.00", "2900.00"),
    ("160000", "3500.00", "1750.00"),
    # up to 10,000: 50 a case
    ("8000", "50.00", "25.00"),
    ("10000", "50.00", "25.00"),
    # 10,000-100,000 at 2.5%: 50 + 90,000 x 2.5% = 2,300
    ("100000", "2300.00", "1150.00"),
    # + 100,000 x 2% = 4,300 at 200,000
    ("200000", "4300.00", "2150.00"),
    # 1 million: 8,800 + 500,000 x 1% = 13,800; 2 million: + 1,000,000 x 0.9% = 22,800
    ("1000000", "13800.00", "6900.00"),
    ("2000000", "22800.00", "11400.00"),
    # 5 million: + 3,000,000 x 0.8% = 46,800; 10 million: + 5,000,000 x 0.7% = 81,800;
    # 20 million: + 10,000,000 x 0.6% = 141,800; 25 million: + 5,000,000 x 0.5% = 166,800
    ("5000000", "46800.00", "23400.00"),
    ("10000000", "81800.00", "40900.00"),
    ("20000000", "141800.00", "70900.00"),
    ("25000000", "166800.00", "83400.00"),
    # 12,345.67: 50 + 2,345.67 x 2.5% = 108.64175 -> 108.64
    ("12345.67", "108.64", "54.32"),
])
def test_court_fee_bands(claimed, ordinary, simple):
    assert court_fee(D(claimed)) == D(ordinary)
    assert court_fee(D(claimed), simple=True) == D(simple)


def test_court_fee_shown_when_filed(tmp_path, run_cli):
    # claim 160,000 under the simple procedure: 1,750.00
    extra = '[demand]\nas_of = 2022-03-01\ntotal = "160000.00"\n[rules]\nprocedure = "simple"\n'
    folder = write_case(tmp_path / "f", LOAN, {"filed": date(2022, 4, 1)}, extra)
    _, rep = verify_json(run_cli, folder)
    assert "1,750.00" in rep["conventions"]["court_fee"]
    folder = write_case(tmp_path / "g", LOAN, None, "")
    _, rep = verify_json(run_cli, folder, "--as-of", "2022-03-01")
    assert "court_fee" not in rep["conventions"]


def test_judgment_keys_are_checked(tmp_path, run_cli):
    bad = '[[event]]\ntype = "judgment"\ndate = 2023-03-01\nprincipal = "1000.00"\nrate = "3%"\n'
    folder = write_case(tmp_path / "b", LOAN, None, bad)
    code, out, err = run_cli("verify", folder, "--as-of", "2023-06-01")
    assert code == 2 and "event[0].deadline" in err and "event[0].rate" in err and "Traceback" not in err
