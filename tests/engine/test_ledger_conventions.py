"""Contract conventions of real ledgers (issue 12), each checked against a figure worked out by hand
in the test: rounding down, installment_multiple, late_fee bases, flat interest, on-demand maturity,
overdue_from and periodic fees with who they are paid to."""

from datetime import date
from decimal import Decimal

import pytest

from debtcli.engine.account import conventions
from debtcli.model.records import PaymentRecord, SourceRef
from tests.helpers import run, terms_of

D = Decimal


def pay(d: date, amount: str) -> PaymentRecord:
    return PaymentRecord(d, D(amount), "R", "", "", SourceRef("payments.csv", row=1))


# ---------------------------------------------------------------- rounding = "down"


@pytest.mark.parametrize("mode,posted", [("down", "13.96"), ("half_up", "13.97"), ("half_even", "13.97")])
def test_rounding_down_truncates_at_the_fen(mode, posted):
    # the bank's 复利 line: 225.72 x 14.85% x 150 / 360 = 33.51942 x 150 / 360 = 13.966425 -> posted 13.96
    contract = {"signed": date(2023, 1, 1), "principal": "225.72", "rate": "14.85%", "day_count": "ACT/360",
                "maturity": date(2023, 5, 31), "rounding": mode}  # 2023-01-01 .. 2023-05-31 = 150 days
    _, res = run(contract, date(2023, 5, 31))
    assert res.installments[0].interest == D(posted)


def test_rounding_down_on_default_interest():
    # the same line as default interest: 225.72 of principal left unpaid on its due date bears 14.85% for
    # 150 days (ACT/360)
    contract = {"signed": date(2023, 1, 1), "principal": "10000.00", "rate": "0%", "day_count": "ACT/360",
                "method": "custom", "default_rate": "14.85%", "compound": True, "rounding": "down"}
    extra = '[[installment]]\ndue = 2023-02-01\nprincipal = "10000.00"\ninterest = "225.72"\n'
    # the principal is paid on the due date, the interest is not
    _, res = run(contract, date(2023, 7, 1), payments=[pay(date(2023, 2, 1), "10000.00")], extra=extra,
                 case={"id": "T"})
    # allocation pays interest first by default: the payment of 10,000 covers the 225.72 of interest and
    # 9,774.28 of principal; 225.72 of principal stays unpaid and bears default interest 2023-02-01 ..
    # 2023-07-01 = 150 days: 225.72 x 14.85% x 150 / 360 = 13.966425 -> 13.96 (down)
    assert res.charged["default_interest"] == D("13.96")


# ---------------------------------------------------------------- installment_multiple


def test_installment_multiple_fineract_table():
    # 5,000 at 12% a year (1% a month), 18 monthly installments: the annuity is
    # 5000 x 0.01 / (1 - 1.01^-18) = 304.9102..., Fineract's table shows 304.91; with "installment amount in
    # multiples of 1" it is 305.00 and the last installment takes the rest, 303.22.
    contract = {"signed": date(2022, 1, 1), "principal": "5000.00", "rate": "12%", "method": "equal_installment",
                "term_months": 18, "first_due": date(2022, 2, 1), "installment_multiple": "1"}
    account, res = run(contract, date(2024, 1, 1), trace=False)
    assert account.annuity == D("305")
    rows = res.installments
    assert all(r.total == D("305.00") for r in rows[:-1])
    # hand check of the tail: balance after 16 installments 598.23 (= 5000 x 1.01^16 - 305 x (1.01^16 - 1)/0.01,
    # rounded row by row); row 17: interest 5.98 -> from the rows: interest 5.99, principal 299.01;
    # row 18: balance 300.22, interest 3.00, total 303.22
    assert (rows[16].interest, rows[16].principal) == (D("5.99"), D("299.01"))
    assert (rows[17].principal, rows[17].interest, rows[17].total) == (D("300.22"), D("3.00"), D("303.22"))
    assert sum(r.principal for r in rows) == D("5000.00")
    without = run({**contract, "installment_multiple": "0.01"}, date(2024, 1, 1), trace=False)[0]
    assert without.annuity == D("304.91")


def test_installment_multiple_of_ten():
    # 5,000 at 12%, 18 months: 304.91 -> nearest multiple of 10 = 300.00
    contract = {"signed": date(2022, 1, 1), "principal": "5000.00", "rate": "12%", "method": "equal_installment",
                "term_months": 18, "first_due": date(2022, 2, 1), "installment_multiple": "10"}
    account, res = run(contract, date(2024, 1, 1), trace=False)
    assert account.annuity == D("300")
    assert res.installments[0].total == D("300.00")
    assert sum(r.principal for r in res.installments) == D("5000.00")


def test_installment_multiple_needs_equal_installments():
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    terms, issues = load_terms_text(case_toml({"signed": date(2022, 1, 1), "principal": "5000.00", "rate": "12%",
                                               "method": "equal_principal", "term_months": 18,
                                               "installment_multiple": "1"}))
    assert terms is None and any("contract.installment_multiple" in str(i) for i in issues)


# ---------------------------------------------------------------- late_fee = { rate, base }


@pytest.mark.parametrize("base,fee", [
    # installment 1 of 1,200 over 12 months at 12%: principal 100.00, interest 12.00 (1,200 x 1%)
    ("installment", "1.68"),  # 1.5% x 112.00 = 1.68
    ("principal", "1.50"),  # 1.5% x 100.00 = 1.50
    ("interest", "0.18"),  # 1.5% x 12.00 = 0.18
])
def test_late_fee_base(base, fee):
    contract = {"signed": date(2022, 1, 1), "principal": "1200.00", "rate": "12%", "method": "equal_principal",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    account, res = run_with(contract, f'late_fee = {{ rate = "1.5%", base = "{base}" }}\n', date(2022, 2, 15))
    assert res.installments[0].principal == D("100.00") and res.installments[0].interest == D("12.00")
    assert res.charged["penalties"] == D(fee)


def run_with(contract: dict, contract_lines: str, as_of: date, payments=()):
    """A case whose [contract] table also has ``contract_lines`` (inline tables the helper cannot write)."""
    from debtcli.engine.account import account_from_terms
    from debtcli.engine.replay import replay
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    text = case_toml(contract).replace("[contract]\n", "[contract]\n" + contract_lines, 1)
    terms, issues = load_terms_text(text)
    assert terms is not None, [str(i) for i in issues]
    account, _ = account_from_terms(terms, payments=payments or None, until=as_of)
    return account, replay(account, as_of)


def test_late_fee_table_checked():
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    text = case_toml({"signed": date(2022, 1, 1), "principal": "1200.00", "maturity": date(2023, 1, 1)})
    text = text.replace("[contract]\n", '[contract]\nlate_fee = { rate = "1.5%", base = "balance" }\n')
    terms, issues = load_terms_text(text)
    assert terms is None and any("contract.late_fee.base" in str(i) for i in issues)


# ---------------------------------------------------------------- method = "flat"


def test_flat_method_interest_on_original_principal():
    # 12,000 over 12 months at 12% flat: every installment's interest is 12,000 x 12% / 12 = 120.00, whatever
    # has been repaid; principal 12,000 / 12 = 1,000.00; each installment 1,120.00; total interest 1,440.00
    contract = {"signed": date(2022, 1, 1), "principal": "12000.00", "rate": "12%", "method": "flat",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    account, res = run(contract, date(2023, 2, 1), trace=False)
    rows = res.installments
    assert len(rows) == 12
    assert all((r.principal, r.interest, r.total) == (D("1000.00"), D("120.00"), D("1120.00")) for r in rows)
    assert sum(r.interest for r in rows) == D("1440.00")


def test_flat_method_last_installment_takes_the_rest():
    # 10,000 over 3 months at 10% flat: principal 3,333.33, 3,333.33, 3,333.34; interest 10,000 x 10% / 12 =
    # 83.333.. -> 83.33 each period
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "10%", "method": "flat",
                "term_months": 3, "first_due": date(2022, 2, 1)}
    _, res = run(contract, date(2022, 6, 1), trace=False)
    assert [r.principal for r in res.installments] == [D("3333.33"), D("3333.33"), D("3333.34")]
    assert [r.interest for r in res.installments] == [D("83.33")] * 3


# ---------------------------------------------------------------- maturity = "on_demand"


def test_on_demand_falls_due_thirty_days_after_the_demand():
    # 10,000 at 12% ACT/365, no term; demand notice 2022-06-01 -> due 2022-07-01 (30 days, Civil Code
    # Art. 675). Interest 2022-01-01 .. 2022-07-01 = 181 days: 10,000 x 12% x 181 / 365 = 595.07 (595.0684..);
    # then default 18% on 10,000 from 2022-07-01 to 2022-07-31 (30 days): 10,000 x 18% x 30 / 365 = 147.95
    extra = '[[event]]\ndate = 2022-06-01\ntype = "demand_notice"\n'
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "12%", "day_count": "ACT/365",
                "maturity": "on_demand", "default_rate": "18%"}
    account, res = run(contract, date(2022, 7, 31), extra=extra)
    assert account.due_dates == (date(2022, 7, 1),)
    assert res.installments[0].interest == D("595.07")
    assert res.balance["default_interest"] == D("147.95")
    assert res.first_missed == date(2022, 7, 1)


def test_on_demand_filing_first_and_period_setting():
    extra = '[[event]]\ndate = 2022-06-01\ntype = "demand_notice"\n'
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "12%", "maturity": "on_demand",
                "demand_period_days": 60}
    # 60 days after 2022-06-01 is 2022-07-31; filed on 2022-07-15 comes first
    account, _ = run(contract, date(2022, 8, 1), extra=extra, case={"filed": date(2022, 7, 15)})
    assert account.due_dates == (date(2022, 7, 15),)
    account, _ = run(contract, date(2022, 8, 1), extra=extra)
    assert account.due_dates == (date(2022, 7, 31),)


def test_on_demand_without_demand_nothing_is_due():
    # no demand and no filing: nothing overdue; the balance is principal plus interest to date
    # 10,000 x 12% x 31 / 360 (ACT/360 default) = 103.33
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "12%", "maturity": "on_demand"}
    account, res = run(contract, date(2022, 2, 1))
    assert account.due_dates == ()
    assert res.balance["interest"] == D("103.33") and res.balance["default_interest"] == 0
    conv = _english(conventions(account, terms_of(contract)))
    assert "on demand" in conv["maturity"] and "nothing is due" in conv["maturity"]


# ---------------------------------------------------------------- overdue_from


@pytest.mark.parametrize("overdue_from,default_interest,interest", [
    # bullet 10,000 at 12%, default 24%, ACT/360, due 2022-02-01, as of 2022-02-11.
    # due: default 10,000 x 24% x 10 / 360 = 66.67; term interest 31 days = 103.33
    ("due", "66.67", "103.33"),
    # next_day: the due day bears the contract rate (10,000 x 12% x 1 / 360 = 3.33, with the term interest
    # 103.33 -> 106.66... posted as one figure 10,000 x 12% x 32 / 360 = 106.67 at the as-of date would be
    # the same; here the due day's 3.33 stays apart from the installment) and default runs 9 days: 60.00
    ("next_day", "60.00", "106.66"),
])
def test_overdue_from(overdue_from, default_interest, interest):
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "12%", "maturity": date(2022, 2, 1),
                "default_rate": "24%", "overdue_from": overdue_from}
    _, res = run(contract, date(2022, 2, 11))
    assert res.balance["default_interest"] == D(default_interest)
    assert res.balance["interest"] == D(interest)


# ---------------------------------------------------------------- [[contract.fee]] period = "monthly"


def test_monthly_fee_amount_and_rate_with_paid_to():
    # 12,000 over 12 months, equal principal at 0%: a management fee of 0.5% of principal a month
    # (12,000 x 0.5% = 60.00) to the lender, and a fixed 10.00 insurance fee to a third party
    extra = ('[[contract.fee]]\nname = "management"\nperiod = "monthly"\nrate = "0.5%"\npaid_to = "nominee"\n'
             '[[contract.fee]]\nname = "insurance"\nperiod = "monthly"\namount = "10.00"\npaid_to = "third_party"\n')
    contract = {"signed": date(2022, 1, 1), "principal": "12000.00", "rate": "0%", "method": "equal_principal",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    account, res = run(contract, date(2023, 1, 1), extra=extra)
    assert account.installment_fees == (("management", D("60.00")), ("insurance", D("10.00")))
    assert all(r.fees == D("70.00") and r.total == D("1070.00") for r in res.installments)
    terms = terms_of(contract, extra=extra)
    assert [f.paid_to for f in terms.contract.fees] == ["nominee", "third_party"]
    conv = _english(conventions(account, terms))
    assert "paid to nominee" in conv["periodic_fees"] and "paid to third party" in conv["periodic_fees"]


def test_conventions_list_every_new_key():
    contract = {"signed": date(2022, 1, 1), "principal": "1200.00", "rate": "12%", "method": "flat",
                "term_months": 12, "rounding": "down"}
    account, _ = run(contract, date(2022, 3, 1))
    conv = _english(conventions(account, terms_of(contract)))
    for key in ("rounding", "installment_multiple", "late_fee", "method", "maturity", "overdue_from", "periodic_fees"):
        assert key in conv
    assert conv["rounding"].startswith("down") and conv["method"].startswith("flat")


def _english(conv: dict) -> dict:
    """The conventions in English words (they are catalogue references, put into words at render time)."""
    from debtcli.messages import value_text

    return {k: value_text(v, "en") for k, v in conv.items()}
