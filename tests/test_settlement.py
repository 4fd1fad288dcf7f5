"""Settling a debt: payoff quote with per-diem, waiver scenarios, approved waivers, plan proposals,
restructure events and broken plans. Every expected figure is worked out by hand in the comments."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import case_toml

# A bullet loan under no rule pack, so that the lawful figure is the contractual one:
# 100,000 at 12% a year, ACT/365, lent 2024-01-01, due 2025-01-01; 5,000 paid on 2024-03-01.
LOAN = {"signed": date(2024, 1, 1), "principal": "100000.00", "rate": "12%", "day_count": "ACT/365",
        "method": "bullet", "term_months": 12}
PAYMENT = '\n[[payment]]\ndate = 2024-03-01\namount = "5000.00"\n'
# Hand calculation, up to 2024-06-01:
#   2024-01-01..2024-02-29  60 days: 100,000 x 0.12 x 60 / 365 = 720,000 / 365 = 1,972.6027 -> 1,972.60
#   the payment of 5,000 on 2024-03-01 pays that interest, the rest 3,027.40 goes to principal: 96,972.60
#   2024-03-01..2024-05-31  92 days: 96,972.60 x 0.12 = 11,636.712 a year; x 92 / 365 = 2,933.0891 -> 2,933.09
#   to settle on 2024-06-01: 96,972.60 + 2,933.09 = 99,905.69
#   per diem: 11,636.712 / 365 = 31.8814 a day (interest); nothing else accrues
#   to settle on 2024-06-02: 96,972.60 + (2,933.0891 + 31.8814 = 2,964.9705 -> 2,964.97) = 99,937.57


def write_case(tmp_path: Path, text: str, name: str = "case") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "case.toml").write_text(text, encoding="utf-8")
    return folder


def loan_case(tmp_path, extra: str = "", name: str = "case") -> Path:
    return write_case(tmp_path, case_toml(LOAN, {"jurisdiction": "none"}, PAYMENT + extra), name)


def test_payoff_quote_with_per_diem(tmp_path, run_json):
    folder = loan_case(tmp_path)
    _, q = run_json("quote", folder, "--on", "2024-06-01", expect=(0,))
    assert q["lawful"]["principal"] == "96972.60"
    assert q["lawful"]["interest"] == "2933.09"
    assert q["lawful"]["total"] == "99905.69"
    assert q["contractual"]["total"] == "99905.69"
    assert q["per_diem"]["lawful"]["interest"] == "31.88"
    assert Decimal(q["per_diem"]["lawful"]["exact"]["interest"]).quantize(Decimal("0.0001")) == Decimal("31.8814")
    assert q["per_diem"]["lawful"]["principal"] == "0.00"
    assert q["next_day"] == {"date": "2024-06-02", "lawful": {**q["next_day"]["lawful"], "total": "99937.57"}}
    assert q["settle_amount"] == "99905.69"


def test_waiver_scenario_before_waived_after(tmp_path, run_json):
    folder = loan_case(tmp_path)
    # interest=50%: 2,933.09 x 0.5 = 1,466.545 -> 1,466.55 (half-up); interest after: 1,466.54
    # principal=1000.00: principal after 95,972.60
    # total after: 99,905.69 - 1,466.55 - 1,000.00 = 97,439.14
    _, q = run_json("quote", folder, "--on", "2024-06-01", "--waive", "interest=50%", "--waive", "principal=1000.00",
                    expect=(0,))
    s = q["settlement"]
    assert s["before"]["total"] == "99905.69"
    assert (s["waived"]["interest"], s["waived"]["principal"], s["waived"]["total"]) == ("1466.55", "1000.00", "2466.55")
    assert (s["after"]["interest"], s["after"]["principal"], s["after"]["total"]) == ("1466.54", "95972.60", "97439.14")
    assert q["settle_amount"] == "97439.14"


@pytest.mark.parametrize("waive,needle", [
    ("interest=3000.00", "more than the lawful"),  # lawful interest is 2,933.09
    ("interest=150%", "at most 100%"),
    ("tips=10%", "component"),
    ("interest", "COMPONENT="),
])
def test_bad_waivers_exit_2(tmp_path, run_cli, waive, needle):
    folder = loan_case(tmp_path)
    code, out, err = run_cli("quote", folder, "--on", "2024-06-01", "--waive", waive)
    assert code == 2 and needle in err and "Traceback" not in err


def test_plan_proposal_zero_rate_and_with_interest(tmp_path, run_json):
    folder = loan_case(tmp_path)
    # After waiving 50% of the interest and 1,000 of principal: 97,439.14 in 12 installments at 0%:
    #   97,439.14 / 12 = 8,119.9283 -> 8,119.93; installments 1..11: 8,119.93; the 12th takes the rest:
    #   97,439.14 - 11 x 8,119.93 = 97,439.14 - 89,319.23 = 8,119.91. Due on the 1st, July 2024 .. June 2025.
    _, q = run_json("quote", folder, "--on", "2024-06-01", "--waive", "interest=50%", "--waive", "principal=1000.00",
                    "--plan", "12", expect=(0,))
    plan = q["plan"]
    assert plan["amount"] == "97439.14" and plan["installment"] == "8119.93" and plan["first_due"] == "2024-07-01"
    sched = plan["schedule"]
    assert len(sched) == 12 and sched[-1]["due"] == "2025-06-01"
    assert all(r["total"] == "8119.93" for r in sched[:11]) and sched[11]["total"] == "8119.91"
    assert plan["total"] == "97439.14"
    # At 6% a year (0.5% a month) on 60,000 over 3 months from 2024-01-01, first due 2024-02-01 (a whole month):
    #   annuity = 60,000 x 0.005 / (1 - 1.005^-3); 1.005^3 = 1.015075125, 1.005^-3 = 0.985148759,
    #   1 - that = 0.014851241; 300 / 0.014851241 = 20,200.3325 -> 20,200.33
    #   month 1: interest 60,000 x 0.005 = 300.00, principal 19,900.33, balance 40,099.67
    #   month 2: interest 40,099.67 x 0.005 = 200.4984 -> 200.50, principal 19,999.83, balance 20,099.84
    #   month 3: interest 20,099.84 x 0.005 = 100.4992 -> 100.50, principal the rest 20,099.84, total 20,200.34
    loan = write_case(tmp_path, case_toml({**LOAN, "principal": "60000.00"}, {"jurisdiction": "none"}), "small")
    _, q = run_json("quote", loan, "--on", "2024-01-01", "--plan", "3", "--rate", "6%", expect=(0,))
    rows = [(r["interest"], r["principal"], r["total"], r["balance"]) for r in q["plan"]["schedule"]]
    assert rows == [("300.00", "19900.33", "20200.33", "40099.67"), ("200.50", "19999.83", "20200.33", "20099.84"),
                    ("100.50", "20099.84", "20200.34", "0.00")]


# A bullet loan of 12,000 at 12% (ACT/360) with 5 days of grace, quoted on its signing day: nothing has
# accrued, so the plan amount is 12,000. A plan of 3 at 12% a year (1% a month), due 2024-02-01, 03-01, 04-01:
#   annuity = 12,000 x 0.01 / (1 - 1.01^-3); 1.01^3 = 1.030301, 1.01^-3 = 0.970590147, 1 - that = 0.029409853;
#   120 / 0.029409853 = 4,080.2656 -> 4,080.27
#   month 1: interest 12,000 x 1% = 120.00, principal 3,960.27, balance 8,039.73
#   month 2: interest 8,039.73 x 1% = 80.3973 -> 80.40, principal 3,999.87, balance 4,039.86
#   month 3: interest 4,039.86 x 1% = 40.3986 -> 40.40, principal the rest 4,039.86, total 4,080.26
# Every installment is met on its due date: the 5 days of grace add nothing (kept through them, the
# 3,960.27 of month 1 would add 3,960.27 x 12% x 5 / 360 = 6.60 to month 2).
GRACE_LOAN = {"signed": date(2024, 1, 1), "principal": "12000.00", "rate": "12%", "day_count": "ACT/360",
              "method": "bullet", "maturity": date(2025, 1, 1), "grace_days": 5}
GRACE_PLAN_ROWS = [("2024-02-01", "120.00", "3960.27", "4080.27", "8039.73"),
                   ("2024-03-01", "80.40", "3999.87", "4080.27", "4039.86"),
                   ("2024-04-01", "40.40", "4039.86", "4080.26", "0.00")]


def test_a_proposed_plan_meets_each_installment_when_due_whatever_the_grace_days(tmp_path, run_json):
    folder = write_case(tmp_path, case_toml(GRACE_LOAN, {"jurisdiction": "none"}))
    _, q = run_json("quote", folder, "--on", "2024-01-01", "--plan", "3", "--rate", "12%", expect=(0,))
    plan = q["plan"]
    assert plan["amount"] == "12000.00" and plan["installment"] == "4080.27"
    assert [(r["due"], r["interest"], r["principal"], r["total"], r["balance"]) for r in plan["schedule"]] \
        == GRACE_PLAN_ROWS
    # 4,080.27 + 4,080.27 + 4,080.26
    assert plan["total"] == "12240.80"


def test_a_proposed_card_plan_is_not_changed_by_the_cards_grace_days(run_json):
    # examples/card-default (grace_days = 3) on 2024-08-10 with the 违约金 waived: 5,595.43 in 3 at 12%
    # from 2024-09-10 (2024-08-10 -> 09-10 a whole month):
    #   annuity = 5,595.43 x 0.01 / 0.029409853 = 55.9543 / 0.029409853 = 1,902.566 -> 1,902.57
    #   month 1: interest 55.9543 -> 55.95, principal 1,846.62, balance 3,748.81
    #   month 2: interest 37.4881 -> 37.49, principal 1,865.08, balance 1,883.73
    #   month 3: interest 18.8373 -> 18.84, principal 1,883.73, total 1,902.57
    _, q = run_json("quote", EXAMPLES / "card-default", "--on", "2024-08-10", "--waive", "penalties=100%",
                    "--plan", "3", "--first", "2024-09-10", "--rate", "12%")
    plan = q["plan"]
    assert plan["amount"] == "5595.43" and plan["installment"] == "1902.57"
    assert [(r["interest"], r["principal"], r["total"], r["balance"]) for r in plan["schedule"]] == [
        ("55.95", "1846.62", "1902.57", "3748.81"), ("37.49", "1865.08", "1902.57", "1883.73"),
        ("18.84", "1883.73", "1902.57", "0.00")]
    assert plan["total"] == "5707.71"


def test_a_plan_for_a_flat_loan_bears_interest_on_the_plans_balance(tmp_path, run_json):
    # A flat loan (等本等息) charges each month the original principal x rate / 12. A plan replacing it is
    # 等额本息 on the plan's own balance: 12,000 in 3 at 12% from the signing day are the rows worked out
    # above (120.00, 80.40, 40.40), not 12,000 x 1% = 120.00 every month on the loan's original principal;
    # the same for the plan as a restructure paid on its due dates.
    flat = {**GRACE_LOAN, "method": "flat", "term_months": 12, "interest_method": "per_period"}
    del flat["maturity"]
    folder = write_case(tmp_path, case_toml(flat, {"jurisdiction": "none"}), "flat")
    _, q = run_json("quote", folder, "--on", "2024-01-01", "--plan", "3", "--rate", "12%", expect=(0,))
    assert [(r["due"], r["interest"], r["principal"], r["total"], r["balance"]) for r in q["plan"]["schedule"]] \
        == GRACE_PLAN_ROWS
    extra = ('[[event]]\ndate = 2024-01-01\ntype = "restructure"\ninstallments = 3\nrate = "12%"\n'
             '[[payment]]\ndate = 2024-02-01\namount = "4080.27"\n[[payment]]\ndate = 2024-03-01\namount = "4080.27"\n'
             '[[payment]]\ndate = 2024-04-01\namount = "4080.26"\n')
    folder = write_case(tmp_path, case_toml(flat, {"jurisdiction": "none"}, extra), "flat_plan")
    _, r = run_json("verify", folder, "--as-of", "2024-04-01", expect=(0,))
    assert [s["interest"] for s in r["plans"][0]["schedule"]] == ["120.00", "80.40", "40.40"]
    assert r["balances"]["contractual"]["total"] == "0.00"


def _grace_plan_case(tmp_path, payments, name):
    extra = ('[[event]]\ndate = 2024-01-01\ntype = "restructure"\ninstallments = 3\nrate = "12%"\n'
             + "".join(f'[[payment]]\ndate = {d}\namount = "{a}"\n' for d, a in payments))
    return write_case(tmp_path, case_toml(GRACE_LOAN, {"jurisdiction": "none"}, extra), name)


def test_an_actual_plan_met_when_due_is_the_proposal_and_a_payment_in_grace_bears_interest(tmp_path, run_json):
    # The same plan as a restructure of the loan on 2024-01-01, each installment paid on its due date:
    # the plan's rows are the proposal's, and nothing is left.
    folder = _grace_plan_case(tmp_path, [("2024-02-01", "4080.27"), ("2024-03-01", "4080.27"),
                                         ("2024-04-01", "4080.26")], "on_time")
    _, r = run_json("verify", folder, "--as-of", "2024-04-01", expect=(0,))
    (plan,) = r["plans"]
    assert [(s["due"], s["interest"], s["principal"], s["total"], s["status"]) for s in plan["schedule"]] == [
        (d, i, p, t, "paid") for d, i, p, t, _ in GRACE_PLAN_ROWS]
    assert r["balances"]["contractual"]["total"] == "0.00"
    # Installment 1 paid 3 days late, on 2024-02-04, within the 5 days of grace: its 3,960.27 of principal
    # was owed 3 more days at the plan rate, interest of the next installment (as a loan's grace days):
    #   month 2: 8,039.73 x 1% + 3,960.27 x 0.12 x 3 / 360 = 80.3973 + 3.96027 = 84.35757 -> 84.36,
    #   principal 4,080.27 - 84.36 = 3,995.91, balance 4,043.82
    #   month 3: 4,043.82 x 1% = 40.4382 -> 40.44, principal 4,043.82, total 4,084.26
    # Paid 3 days late within grace, installment 1 is paid, not missed; 4,080.26 on 04-01 leaves 4.00 of month 3.
    folder = _grace_plan_case(tmp_path, [("2024-02-04", "4080.27"), ("2024-03-01", "4080.27"),
                                         ("2024-04-01", "4080.26")], "in_grace")
    _, r = run_json("verify", folder, "--as-of", "2024-04-01", expect=(0,))
    (plan,) = r["plans"]
    assert [(s["interest"], s["principal"], s["total"], s["status"], s["days_late"]) for s in plan["schedule"]] == [
        ("120.00", "3960.27", "4080.27", "paid", 3), ("84.36", "3995.91", "4080.27", "paid", 0),
        ("40.44", "4043.82", "4084.26", "unpaid", 0)]
    assert r["balances"]["contractual"]["total"] == "4.00"
    assert not [f for f in r["findings"] if f["code"] == "PLAN_INSTALLMENT_MISSED"]


def test_plan_over_sixty_months_is_refused(tmp_path, run_cli):
    folder = loan_case(tmp_path)
    code, _, err = run_cli("quote", folder, "--on", "2024-06-01", "--plan", "61")
    assert code == 2 and "--plan" in err and "60" in err


# ---------------------------------------------------------------------- waiver approval

WAIVER = '''
[[event]]
date = 2024-05-01
type = "waiver"
component = "interest"
amount = "500.00"
{approval}
[demand]
as_of = 2024-06-01
total = "99905.69"
document = "demand that ignores the waiver"
'''


def test_demand_ignoring_an_approved_waiver_is_above_lawful_by_that_amount(tmp_path, run_json):
    # The waiver crystallises the interest on 2024-05-01: 61 days on 96,972.60 = 11,636.712 x 61 / 365
    # = 1,944.7656 -> 1,944.77; 500.00 of it is waived; 2024-05-01..05-31: 31 days = 988.3235 -> 988.32.
    # Lawful on 2024-06-01: 96,972.60 + 1,944.77 - 500.00 + 988.32 = 99,405.69. The demand of
    # 99,905.69 (the balance without the waiver) is above it by exactly 500.00.
    folder = loan_case(tmp_path, WAIVER.format(approval='approved_by = "credit committee"\n'
                                                         'approval_ref = "CC-2024-17"'))
    code, r = run_json("verify", folder)
    assert code == 1
    assert r["balances"]["lawful"]["total"] == "99405.69"
    above = [f for f in r["findings"] if f["code"] == "DEMAND_ABOVE_LAWFUL"]
    assert len(above) == 1 and above[0]["amount"] == "500.00"
    assert not [f for f in r["findings"] if f["code"] == "WAIVER_UNAPPROVED"]


@pytest.mark.parametrize("approval,missing", [("", "approved_by, approval_ref"),
                                              ('approved_by = "王经理"', "approval_ref")])
def test_waiver_without_approval_is_a_warning(tmp_path, run_json, approval, missing):
    folder = loan_case(tmp_path, WAIVER.format(approval=approval))
    _, r = run_json("verify", folder)
    found = [f for f in r["findings"] if f["code"] == "WAIVER_UNAPPROVED"]
    assert len(found) == 1
    assert found[0]["severity"] == "warning" and found[0]["amount"] == "500.00"
    assert found[0]["details"]["missing"] == missing
    assert found[0]["evidence"] == [{"file": "case.toml", "column": "event[0]"}]


# ---------------------------------------------------------------------- restructure and broken plans

PLAN_LOAN = {"signed": date(2024, 1, 1), "principal": "12000.00", "rate": "12%", "day_count": "ACT/365",
             "method": "equal_principal", "term_months": 12, "default_rate": "18%", "penalty": "500.00"}
RESTRUCTURE = '''
[[event]]
date = 2024-06-15
type = "restructure"
installments = 6
first_due = 2024-07-15
rate = "0%"
[[payment]]
date = 2024-02-01
amount = "1120.00"
'''
# Hand calculation of the balance on 2024-06-15 (equal principal, 1,000 a month, 1% a month per period,
# due on the 1st from 2024-02-01; 18% a year on overdue principal, 违约金 500 on the first miss):
#   2024-02-01: installment 1 = 1,000 + 12,000 x 1% = 1,120, paid that day.
#   missed: 03-01 (interest 11,000 x 1% = 110), 04-01 (100), 05-01 (90), 06-01 (80): 380 interest, 4,000 principal
#   interest of June to the 15th: 7,000 x 1% x 14 / 30 = 32.67 -> interest 412.67
#   default interest: 1,000 each for 106 + 75 + 45 + 14 = 240 days: 1,000 x 0.18 x 240 / 365 = 118.356 -> 118.36
#   违约金 500.00; principal 11,000.00. Total 11,000 + 412.67 + 118.36 + 500 = 12,031.03
#   plan: 12,031.03 / 6 = 2,005.1717 -> 2,005.17 (the 6th: 12,031.03 - 5 x 2,005.17 = 2,005.18),
#   due 2024-07-15, 08-15, 09-15, 10-15, 11-15, 12-15; at 0% nothing more accrues.


def plan_case(tmp_path, payments: list[tuple[str, str]]) -> Path:
    extra = RESTRUCTURE + "".join(f'[[payment]]\ndate = {d}\namount = "{a}"\n' for d, a in payments)
    return write_case(tmp_path, case_toml(PLAN_LOAN, {"jurisdiction": "none"}, extra))


def test_restructure_replaces_the_schedule_and_a_broken_plan_is_found(tmp_path, run_json):
    # 2,005.17 paid on 07-15 (on time); 2,005.17 on 08-25 (installment 2, due 08-15: 10 days late);
    # nothing for installment 3 (due 09-15): on 09-30 it is 15 days late. Balance: 12,031.03 - 4,010.34 = 8,020.69
    folder = plan_case(tmp_path, [("2024-07-15", "2005.17"), ("2024-08-25", "2005.17")])
    _, r = run_json("verify", folder, "--as-of", "2024-09-30", expect=(0,))
    assert r["balances"]["contractual"]["total"] == "8020.69"
    assert r["balances"]["contractual"]["principal"] == "8020.69"
    (plan,) = r["plans"]
    assert plan["balance_before"]["total"] == "12031.03"
    assert (plan["balance_before"]["interest"], plan["balance_before"]["default_interest"]) == ("412.67", "118.36")
    assert plan["amount"] == "12031.03" and plan["installment"] == "2005.17"
    assert [(s["n"], s["status"], s["days_late"]) for s in plan["schedule"]] == [
        (1, "paid", 0), (2, "late", 10), (3, "unpaid", 15)]
    missed = sorted((f["details"]["installment"], f["details"]["days_late"], f["amount"])
                    for f in r["findings"] if f["code"] == "PLAN_INSTALLMENT_MISSED")
    assert missed == [(2, 10, "2005.17"), (3, 15, "2005.17")]


def test_a_short_payment_leaves_the_installment_open(tmp_path, run_json):
    # 1,000 on 07-15 and 1,000 on 08-25: both go to installment 1 (2,005.17), which stays 5.17 short;
    # on 09-30 installments 1, 2, 3 are 77, 46 and 15 days late with 5.17, 2,005.17 and 2,005.17 open.
    folder = plan_case(tmp_path, [("2024-07-15", "1000.00"), ("2024-08-25", "1000.00")])
    _, r = run_json("verify", folder, "--as-of", "2024-09-30", expect=(0,))
    missed = sorted((f["details"]["installment"], f["details"]["days_late"], f["amount"])
                    for f in r["findings"] if f["code"] == "PLAN_INSTALLMENT_MISSED")
    assert missed == [(1, 77, "5.17"), (2, 46, "2005.17"), (3, 15, "2005.17")]
    assert r["balances"]["contractual"]["total"] == "10031.03"


def test_restructure_amount_below_the_balance_forgives_the_rest(tmp_path, run_json):
    text = case_toml(PLAN_LOAN, {"jurisdiction": "none"}, RESTRUCTURE.replace('rate = "0%"', 'rate = "0%"\namount = "9000.00"'))
    folder = write_case(tmp_path, text)
    _, r = run_json("verify", folder, "--as-of", "2024-06-20", expect=(0,))
    (plan,) = r["plans"]
    # 12,031.03 owed, 9,000 agreed: 3,031.03 no longer claimed; 9,000 / 6 = 1,500.00 a month
    assert (plan["amount"], plan["forgiven"], plan["installment"]) == ("9000.00", "3031.03", "1500.00")
    assert r["balances"]["contractual"]["total"] == "9000.00"


def test_restructure_interrupts_limitation(tmp_path, run_json):
    # A bullet loan due 2021-06-01 and a payment plan agreed on 2023-03-01: the period restarts then.
    loan = {"signed": date(2020, 6, 1), "principal": "10000.00", "rate": "6%", "day_count": "ACT/365",
            "method": "bullet", "term_months": 12}
    extra = '[[event]]\ndate = 2023-03-01\ntype = "restructure"\ninstallments = 10\n'
    folder = write_case(tmp_path, case_toml(loan, {"jurisdiction": "cn", "lender_kind": "individual"}, extra))
    _, r = run_json("verify", folder, "--as-of", "2023-06-01")
    assert {"date": "2023-03-01", "event": "restructure"} in r["limitation"]["interruptions"]


@pytest.mark.parametrize("event,needle", [
    ('type = "restructure"', "installments"),
    ('type = "restructure"\ninstallments = 61', "installments"),
    ('type = "restructure"\ninstallments = 6\nfirst_due = 2024-06-01', "first_due"),
    ('type = "acceleration"\napproved_by = "x"', "approved_by"),
    ('type = "acceleration"\ninstallments = 3', "installments"),
])
def test_bad_event_keys_exit_2(tmp_path, run_cli, event, needle):
    extra = f"\n[[event]]\ndate = 2024-06-15\n{event}\n"
    folder = write_case(tmp_path, case_toml(LOAN, {"jurisdiction": "none"}, extra))
    code, _, err = run_cli("verify", folder)
    assert code == 2 and needle in err and "Traceback" not in err


# ---------------------------------------------------------------------- the example and the offer letter


def test_settlement_example(run_json):
    # The plan: 5,595.43 owed on 2024-08-10 after the approved waiver of the 违约金 (520.86);
    # 12 x 466.29 (the last 466.24). Five installments paid, the third 15 days late (due 11-10, paid
    # 11-25, beyond the 3 days of grace): 5,595.43 - 5 x 466.29 = 3,263.98 left, as the reminder says.
    code, r = run_json("verify", EXAMPLES / "settlement")
    assert code == 0
    assert r["balances"]["lawful"]["total"] == "3263.98"
    (plan,) = r["plans"]
    assert plan["amount"] == "5595.43" and plan["installment"] == "466.29"
    assert plan["balance_before"]["penalties"] == "0.00"
    assert [f["code"] for f in r["findings"]] == ["PLAN_INSTALLMENT_MISSED"]
    assert r["findings"][0]["details"]["installment"] == 3 and r["findings"][0]["details"]["days_late"] == 15


def test_offer_letter_formats(tmp_path, run_cli):
    folder = loan_case(tmp_path)
    for suffix in ("md", "pdf", "xlsx", "html"):
        out = tmp_path / f"offer.{suffix}"
        code, _, err = run_cli("quote", folder, "--on", "2024-06-01", "--waive", "interest=50%", "--plan", "12",
                               "-o", out, "--lang", "en")
        assert code == 0, err
        assert out.stat().st_size > 0
    md = (tmp_path / "offer.md").read_text(encoding="utf-8")
    assert "98,439.14" in md and "8,203.26" in md  # 99,905.69 - 1,466.55; / 12 = 8,203.2617
    first = (tmp_path / "offer.pdf").read_bytes()
    run_cli("quote", folder, "--on", "2024-06-01", "--waive", "interest=50%", "--plan", "12", "-o",
            tmp_path / "offer.pdf", "--lang", "en")
    assert (tmp_path / "offer.pdf").read_bytes() == first
    code, _, err = run_cli("quote", folder, "--on", "2024-06-01", "-o", tmp_path / "offer.txt")
    assert code == 2 and ".pdf" in err


def test_statement_shows_the_plan(tmp_path, run_cli):
    out = tmp_path / "st.md"
    code, _, err = run_cli("statement", EXAMPLES / "settlement", "-o", out)
    assert code == 0, err
    md = out.read_text(encoding="utf-8")
    assert "还款计划（重组）及履行情况" in md and "逾期 15 天还清" in md


def test_quote_table_output(run_cli):
    code, out, _ = run_cli("quote", EXAMPLES / "card-default", "--on", "2024-08-10", "--waive", "penalties=100%",
                           "--plan", "12", "--first", "2024-09-10")
    assert code == 0 and "5,595.43" in out and "466.24" in out
    json.dumps(out)


def test_statement_workbook_has_the_plan_sheet(tmp_path, run_cli):
    import openpyxl

    out = tmp_path / "st.xlsx"
    code, _, err = run_cli("statement", EXAMPLES / "settlement", "-o", out)
    assert code == 0, err
    rows = list(openpyxl.load_workbook(out)["还款计划"].iter_rows(values_only=True))  # the Plan sheet, in Chinese
    third = next(r for r in rows if r[0] == 3)
    # installment 3: 466.29 due 2024-11-10, paid in full on 2024-11-25
    assert third[2] == 466.29 and third[3] == 466.29 and third[4].date() == date(2024, 11, 25)
    assert "15" in third[5]


def test_a_charge_posted_after_a_zero_rate_plan_is_unauthorized(tmp_path, run_json):
    # The settlement example with the issuer posting 80.00 of interest on the statement of 2024-09-05,
    # after the 0% plan of 2024-08-10 replaced the card's schedule: the plan provides no interest.
    folder = tmp_path / "s"
    folder.mkdir()
    for name in ("case.toml", "payments.csv"):
        (folder / name).write_bytes((EXAMPLES / "settlement" / name).read_bytes())
    ledger = (EXAMPLES / "settlement" / "ledger.csv").read_text(encoding="utf-8")
    (folder / "ledger.csv").write_text(ledger + "2024-09-05,2024-09-05,interest,80.00,I2409,利息\n", encoding="utf-8")
    code, r = run_json("verify", folder)
    assert code == 1
    bad = [f for f in r["findings"] if f["code"] == "UNAUTHORIZED_CHARGE"]
    assert len(bad) == 1 and bad[0]["amount"] == "80.00" and bad[0]["component"] == "interest"
    assert bad[0]["details"]["plan"] == "2024-08-10"


# ---------------------------------------------------------------------- plans under the rule packs

PRIVATE_PLAN = '''
[[event]]
date = 2024-07-01
type = "restructure"
installments = 12
first_due = 2024-08-01
rate = "36%"
'''


def test_cn_ceiling_caps_a_plans_own_rate(tmp_path, run_json):
    # A private loan of 10,000 at 12% (ACT/365), signed 2024-01-01, bullet due 2024-07-01, replaced that
    # day by a 12-month plan at 36%. The ceiling (Provisions Art. 25) is 4 x the one-year LPR of the
    # fixing of 2023-12-20 (3.45%) = 13.8%.
    loan = {"signed": date(2024, 1, 1), "principal": "10000.00", "rate": "12%", "day_count": "ACT/365",
            "method": "bullet", "term_months": 6}
    folder = write_case(tmp_path, case_toml(loan, {"jurisdiction": "cn", "lender_kind": "individual"}, PRIVATE_PLAN))
    code, r = run_json("verify", folder, "--as-of", "2024-08-01")
    # balance on 2024-07-01: 10,000 x 12% x 182 / 365 = 598.36 of interest: plan amount 10,598.36
    # first installment's interest: at 36%, 10,598.36 x 3% = 317.95; at 13.8%, 10,598.36 x 1.15% = 121.88
    assert r["balances"]["contractual"]["total"] == "10916.31"  # 10,598.36 + 317.95
    assert r["balances"]["lawful"]["total"] == "10720.24"  # 10,598.36 + 121.88
    (capped,) = [f for f in r["findings"] if f["code"] == "CN.RATE_ABOVE_CAP"]
    assert capped["amount"] == "196.07" and capped["evidence"] == [{"file": "case.toml", "column": "event[0].rate"}]
    assert "36%" in capped["message"] and "13.8%" in capped["message"] and "第二十五条" in capped["basis"]
    assert code == 1  # an error finding: the plan charges above the ceiling


def test_cn_limitation_runs_from_the_plans_last_due_date(tmp_path, run_json):
    # A bullet loan due 2021-06-01; a 10-month plan agreed 2023-03-01 (first due 2023-04-01, last due
    # 2024-01-01). Without the plan the period would have restarted on 2023-03-01 and ended 2026-03-01;
    # as a debt in installments it runs from 2024-01-01 and ends 2027-01-01 (Civil Code Art. 189).
    loan = {"signed": date(2020, 6, 1), "principal": "10000.00", "rate": "6%", "day_count": "ACT/365",
            "method": "bullet", "term_months": 12}
    plan = '[[event]]\ndate = 2023-03-01\ntype = "restructure"\ninstallments = 10\n'
    folder = write_case(tmp_path, case_toml(loan, {"jurisdiction": "cn", "lender_kind": "individual"}, plan))
    _, r = run_json("verify", folder, "--as-of", "2026-06-01")
    assert r["limitation"]["expires"] == "2027-01-01" and r["limitation"]["expired"] is False
    assert {"date": "2023-03-01", "event": "restructure"} in r["limitation"]["interruptions"]
    assert "CN.LIMITATION_EXPIRED" not in [f["code"] for f in r["findings"]]
    # the creditor accelerates the broken plan on 2023-08-15: the period runs from that day, ends 2026-08-15
    folder = write_case(tmp_path, case_toml(loan, {"jurisdiction": "cn", "lender_kind": "individual"},
                                            plan + '[[event]]\ndate = 2023-08-15\ntype = "acceleration"\n'), "acc")
    _, r = run_json("verify", folder, "--as-of", "2026-08-16")
    assert r["limitation"]["expires"] == "2026-08-15" and r["limitation"]["expired"] is True


@pytest.mark.parametrize("as_of, barred", [("2027-02-15", False), ("2027-02-16", True)])
def test_us_plan_default_starts_the_limitation(tmp_path, run_json, as_of, barred):
    # TX, a loan due 2022-07-01, a 6-month plan agreed 2023-01-15 (a signed written acknowledgment),
    # first due 2023-02-15, never paid: the default is 2023-02-15, and the 4 years (CPRC 16.004) end
    # on 2027-02-15. Without the plan they would have ended on 2026-07-01.
    loan = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "10%", "day_count": "ACT/365",
            "method": "bullet", "maturity": date(2022, 7, 1)}
    plan = '[[event]]\ndate = 2023-01-15\ntype = "restructure"\ninstallments = 6\n'
    folder = write_case(tmp_path, case_toml(loan, {"jurisdiction": "us", "state": "TX", "lender_kind":
                                                   "original_creditor", "currency": "USD"}, plan))
    _, r = run_json("verify", folder, "--as-of", as_of)
    assert r["limitation"]["expires"] == "2027-02-15" and r["limitation"]["expired"] is barred
    assert ("US.TIME_BARRED" in [f["code"] for f in r["findings"]]) is barred


def test_card_plan_interest_posted_above_the_plan_is_found(tmp_path, run_json):
    # The settlement example with the plan at 12% a year instead of 0%: 5,595.43 in 12 installments, the
    # first due 2024-09-10 with 5,595.43 x 1% = 55.95 of interest. The issuer posts 80.00 of interest that
    # day: 24.05 above what the plan allows. A further 20.00 on 2024-10-05 (a statement before the second
    # due date) keeps the running total (100.00) under what the plan charges through 2024-10-10
    # (55.95 + the second installment's interest, about 51.5): nothing more is found.
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "payments.csv").write_bytes((EXAMPLES / "settlement" / "payments.csv").read_bytes())
    toml = (EXAMPLES / "settlement" / "case.toml").read_text(encoding="utf-8")
    (folder / "case.toml").write_text(toml.replace('rate = "0%"', 'rate = "12%"'), encoding="utf-8")
    ledger = (EXAMPLES / "settlement" / "ledger.csv").read_text(encoding="utf-8")
    (folder / "ledger.csv").write_text(ledger + "2024-09-10,2024-09-10,interest,80.00,I2409,分期利息\n"
                                       "2024-10-05,2024-10-05,interest,20.00,I2410,分期利息\n", encoding="utf-8")
    _, r = run_json("verify", folder, "--lang", "en")
    (plan,) = r["plans"]
    assert plan["schedule"][0]["interest"] == "55.95"
    found = [f for f in r["findings"] if f["code"] == "POSTING_MISMATCH"]
    assert [(f["amount"], f["evidence"][0]["row"]) for f in found] == [("24.05", 24)]
    assert found[0]["severity"] == "error" and "55.95" in found[0]["message"]
    # at the plan's own rate the same postings are not above it
    (folder / "ledger.csv").write_text(ledger + "2024-09-10,2024-09-10,interest,55.95,I2409,分期利息\n",
                                       encoding="utf-8")
    _, r = run_json("verify", folder)
    assert not [f for f in r["findings"] if f["code"] == "POSTING_MISMATCH"]


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_offer_letter_as_docx(tmp_path, run_cli):
    folder = loan_case(tmp_path)
    out = tmp_path / "offer.docx"
    args = ("quote", folder, "--on", "2024-06-01", "--waive", "interest=50%", "--plan", "12", "--lang", "en")
    code, _, err = run_cli(*args, "-o", out)
    assert code == 0, err
    text = _docx_text(out)
    # the hand figures of the payoff (see the top of this file): lawful 99,905.69; half the interest of
    # 2,933.09 waived (1,466.545 -> 1,466.55): 98,439.14 to pay; in 12 installments of 8,203.26
    assert "Settlement offer" in text and "99,905.69" in text and "98,439.14" in text and "8,203.26" in text
    total_row = next(line for line in text.splitlines() if line.startswith("Total |"))
    assert total_row.split(" | ")[-1] == "98,439.14"
    assert "Creditor (seal):" in text
    first = out.read_bytes()
    code, _, err = run_cli(*args, "-o", out)  # an existing letter is kept without --force
    assert code == 2 and "already exists" in err and out.read_bytes() == first
    out.write_bytes(b"")
    code, _, err = run_cli(*args, "-o", out, "--force")
    assert code == 0, err
    assert out.read_bytes() == first  # same quote, same bytes


def test_offer_letter_docx_in_chinese(tmp_path, run_cli):
    out = tmp_path / "offer.docx"
    code, _, err = run_cli("quote", EXAMPLES / "settlement", "--on", "2025-01-15", "-o", out)
    assert code == 0, err
    text = _docx_text(out)
    assert "还款方案（和解要约）" in text and "债务人（签字）：" in text
