"""case.toml validation: every problem listed with its key path, the value found and what was expected."""

from datetime import date
from decimal import Decimal

from debtcli.terms.loader import load_terms_text

GOOD = '''
schema = "debtcli/1"
[case]
id = "DEMO-001"
jurisdiction = "cn"
lender_kind = "individual"
[contract]
signed = 2021-03-01
principal = "100000.00"
rate = "24%"
method = "bullet"
term_months = 12
default_rate = "+50%"
late_fee = "5%"
[[contract.fee]]
name = "service fee"
amount = "10000.00"
withheld = true
[[disbursement]]
date = 2021-03-01
amount = "90000.00"
[[event]]
date = 2022-01-15
type = "demand_notice"
[demand]
as_of = 2023-06-30
principal = "100000.00"
interest = "30000.00"
total = "130000.00"
'''


def test_a_good_case_loads():
    terms, issues = load_terms_text(GOOD)
    assert terms is not None, issues
    c = terms.contract
    assert c.principal == Decimal("100000.00") and c.rate.fixed.value == Decimal("0.24")
    assert c.default_rate.markup == Decimal("0.5") and c.late_fee_rate == Decimal("0.05")
    assert c.fees[0].withheld and c.fees[0].date == date(2021, 3, 1)
    assert terms.demand.amounts == {"principal": Decimal("100000.00"), "interest": Decimal("30000.00")}
    assert c.day_count is None  # silent: not "ACT/360"


BROKEN = '''
schema = "debtcli/1"
[case]
id = "BAD"
lender_kind = "pawnbroker"
[contract]
signed = 2021-03-01
principal = "-5"
rate = 24
method = "balloon"
first_due = 2021-02-01
grace_days = "three"
colour = "red"
[[event]]
date = "2021-13-01"
type = "acceleration"
'''


def test_every_problem_is_listed_once_each():
    terms, issues = load_terms_text(BROKEN)
    assert terms is None
    text = "\n".join(str(i) for i in issues)
    for expected in [
        "case.lender_kind: found 'pawnbroker', expected individual | company",
        "contract.principal: found '-5', expected the principal as written, a positive amount",
        "contract.rate: found 24, expected a rate",
        "contract.method: found 'balloon', expected equal_installment | equal_principal",
        "contract.grace_days: found 'three'",
        "contract.colour: unknown key",
        "contract.first_due: found '2021-02-01', expected a date after contract.signed",
    ]:
        assert expected in text, expected
    # the TOML-level bad date is caught by the TOML parser before anything else
    terms2, issues2 = load_terms_text(BROKEN.replace("2021-13-01", "2021-12-01"))
    assert terms2 is None and len(issues2) >= 7


def test_missing_keys_are_named():
    terms, issues = load_terms_text('schema = "debtcli/1"\n[case]\n[contract]\nmethod = "equal_installment"\n')
    text = "\n".join(str(i) for i in issues)
    assert "case.id: found missing" in text
    assert "contract.signed: found missing" in text
    assert "contract.principal: found missing" in text
    assert "contract.term_months: found missing" in text


def test_wrong_schema_and_invalid_toml():
    _, issues = load_terms_text('schema = "debtcli/9"\n')
    assert any("schema: found 'debtcli/9'" in str(i) for i in issues)
    _, issues = load_terms_text("this is = = not toml")
    assert "not valid TOML" in str(issues[0])


def test_floats_for_money_are_refused():
    terms, issues = load_terms_text(GOOD.replace('principal = "100000.00"\nrate', 'principal = 100000.10\nrate', 1))
    assert terms is None
    assert any("contract.principal" in str(i) and "float" in str(i) for i in issues)


def test_dates_out_of_order():
    bad = GOOD.replace("[[disbursement]]\ndate = 2021-03-01", "[[disbursement]]\ndate = 2021-02-01")
    _, issues = load_terms_text(bad)
    assert any("disbursement[0].date: found '2021-02-01'" in str(i) for i in issues)


def test_reconcile_settings_are_checked():
    bad = GOOD + '[reconcile]\nwindow_days = "three"\ntolerance = "abc"\nwindw = 2\n'
    terms, issues = load_terms_text(bad)
    assert terms is None
    text = "\n".join(str(i) for i in issues)
    assert "reconcile.window_days: found 'three'" in text
    assert "reconcile.tolerance: found 'abc'" in text
    assert "reconcile.windw: unknown key" in text
    ok, _ = load_terms_text(GOOD + '[reconcile]\nwindow_days = 5\ntolerance = "0.05"\n')
    assert ok.reconcile == {"window_days": 5, "tolerance": Decimal("0.05")}
