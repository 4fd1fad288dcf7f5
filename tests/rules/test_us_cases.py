"""The ``us`` pack on small loan cases written here: CA Civ. 3289(b), post-judgment interest,
charges without a clause, the loader's US checks, and the itemization identity as a property."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal as D
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from debtcli.cli.app import app

runner = CliRunner()


def cents(x: D) -> D:
    return x.quantize(D("0.01"), ROUND_HALF_UP)


def case(folder: Path, state="CA", kind="original_creditor", contract="", rest="") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.toml").write_text(f'''schema = "debtcli/1"
[case]
id = "T-1"
jurisdiction = "us"
state = "{state}"
lender_kind = "{kind}"
currency = "USD"
language = "en"
[contract]
signed = 2022-01-01
principal = "10000.00"
method = "bullet"
maturity = 2022-07-01
day_count = "ACT/365"
{contract}
{rest}
''', encoding="utf-8")
    return folder


def verify(folder: Path):
    res = runner.invoke(app, ["verify", str(folder), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.stdout)


def test_ca_contract_silent_on_rate_gives_10_percent_after_breach(tmp_path):
    folder = case(tmp_path / "c", rest='[demand]\nas_of = 2023-07-01\nprincipal = "10000.00"\n'
                                         'default_interest = "1200.00"\ntotal = "11200.00"\n')
    code, d = verify(folder)
    # 10,000 overdue from the maturity 2022-07-01 to 2023-07-01: 365 days x 10% / 365 = 1,000.00
    assert d["balances"]["contractual"]["total"] == "10000.00"  # the contract itself gives no interest
    assert d["balances"]["lawful"]["default_interest"] == "1000.00"
    codes = [f["code"] for f in d["findings"]]
    assert "UNAUTHORIZED_CHARGE" not in codes  # Civ. 3289(b) permits interest the contract is silent on
    assert d["balances"]["excess"]["total"] == "200.00" and code == 1


def test_ny_judgment_interest_2_percent_simple(tmp_path):
    folder = case(tmp_path / "j", state="NY", kind="debt_buyer", contract='rate = "24%"',
                  rest='[[payment]]\ndate = 2023-06-01\namount = "100.00"\n'
                       '[rules]\njudgment_date = 2023-01-10\njudgment_amount = "4250.00"\n'
                       '[demand]\nas_of = 2024-01-10\ntotal = "4250.00"\n')
    code, d = verify(folder)
    # 4,250.00 x 2% x 142 days (2023-01-10 to 2023-06-01) / 365 = 33.07; the 100.00 payment pays it
    # and 66.93 of the judgment: 4,183.07. Then 4,183.07 x 2% x 223 days / 365 = 51.11. Total 4,234.18.
    first = cents(D("4250.00") * D("0.02") * 142 / 365)
    left = D("4250.00") - (D("100.00") - first)
    total = left + cents(left * D("0.02") * 223 / 365)
    assert (first, left, total) == (D("33.07"), D("4183.07"), D("4234.18"))
    assert D(d["balances"]["lawful"]["total"]) == total
    assert "CPLR 5004" in json.dumps(d["conventions"])
    assert d["balances"]["excess"]["total"] == "15.82"  # 4,250.00 demanded, no credit for interest or the payment


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.integers(1, 800))
def test_judgment_interest_is_one_simple_figure_rounded_once(tmp_path, days):
    # NY, 2% simple on 3,300.00 from the judgment of 2024-01-15, nothing paid: 3,300.00 x 2% x days / 365,
    # rounded once, all of it interest. (A judgment replayed as a loan due the day after split the first
    # day off, rounded on its own, and labelled the rest default interest: 5.60 instead of 5.61 at 31 days.)
    as_of = date(2024, 1, 15) + timedelta(days=days)
    folder = case(tmp_path / f"j{days}", state="NY", kind="debt_buyer", contract='rate = "24%"',
                  rest='[rules]\njudgment_date = 2024-01-15\njudgment_amount = "3300.00"\n'
                       f'[demand]\nas_of = {as_of.isoformat()}\ntotal = "3300.00"\n')
    _, d = verify(folder)
    expected = cents(D("3300.00") * D("0.02") * days / 365)
    if days == 31:
        assert expected == D("5.61")
    assert D(d["balances"]["lawful"]["interest"]) == expected
    assert D(d["balances"]["lawful"]["default_interest"]) == 0
    assert D(d["balances"]["lawful"]["total"]) == D("3300.00") + expected


def test_tx_judgment_without_contract_rate_asks_for_the_prime_rate(tmp_path):
    folder = case(tmp_path / "tx", state="TX", rest='[rules]\njudgment_date = 2023-01-10\njudgment_amount = "4250.00"\n')
    res = runner.invoke(app, ["verify", str(folder)])
    assert res.exit_code == 2 and "rules.prime_rate" in res.stderr and "Traceback" not in res.stderr


def test_each_ledger_charge_needs_its_own_authorization(tmp_path):
    folder = case(tmp_path / "fees", contract='rate = "12%"\n[contract.clauses]\nlate_fee = "section 7: late fee $25"',
                  rest='[demand]\nas_of = 2022-09-01\ntotal = "10000.00"\n')
    (folder / "ledger.csv").write_text("date,type,amount,reference,memo\n2022-01-01,disbursement,10000.00,D1,loan\n"
                                       "2022-07-05,fee,25.00,F1,late fee\n2022-08-05,fee,35.00,F2,processing fee\n",
                                       encoding="utf-8")
    code, d = verify(folder)
    unauthorized = [f for f in d["findings"] if f["code"] == "UNAUTHORIZED_CHARGE"]
    # the late fee has its clause (keyed by its name), the processing fee (line 4 of the file) has none
    assert [(f["amount"], f["evidence"][0]["row"]) for f in unauthorized] == [("35.00", 4)]
    assert "1692f(1)" in unauthorized[0]["basis"]


def test_loader_us_checks(tmp_path):
    folder = case(tmp_path / "bad", kind="bank", rest='[notice]\ncollecter = "x"\n[demand]\nas_of = 2023-01-01\n'
                                                   'itemization_date = 2022-12-01\n')
    res = runner.invoke(app, ["verify", str(folder)])
    assert res.exit_code == 2
    for needle in ("case.lender_kind", "notice.collecter", "demand.itemization_basis"):
        assert needle in res.stderr, needle


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    principal=st.integers(100_00, 50_000_00),
    rate=st.integers(0, 3000),  # basis points
    pays=st.lists(st.tuples(st.integers(1, 700), st.integers(1_00, 2_000_00)), max_size=5),
    item_day=st.integers(1, 700),
)
def test_itemization_identity_holds_to_the_cent(tmp_path_factory, principal, rate, pays, item_day):
    from debtcli.engine.account import account_from_terms
    from debtcli.engine.replay import replay
    from debtcli.rules.us_itemization import itemize
    from debtcli.terms.loader import load_terms_text

    start = date(2022, 1, 1)
    as_of = start + timedelta(days=730)
    text = (f'schema = "debtcli/1"\n[case]\nid = "P"\njurisdiction = "us"\nstate = "FL"\nlender_kind = "collector"\n'
            f'currency = "USD"\n[contract]\nsigned = {start}\nprincipal = "{D(principal) / 100}"\n'
            f'rate = "{D(rate) / 100}%"\nmethod = "bullet"\nmaturity = {start + timedelta(days=365)}\n'
            f'day_count = "ACT/365"\n')
    for i, (day, amount) in enumerate(pays):
        text += f'[[payment]]\ndate = {start + timedelta(days=day)}\namount = "{D(amount) / 100}"\nreference = "p{i}"\n'
    terms, issues = load_terms_text(text)
    assert terms is not None, issues
    account, _ = account_from_terms(terms, until=as_of)
    item_date = start + timedelta(days=item_day)
    it = itemize(replay(account, item_date, False), replay(account, as_of, False), "last_payment")
    assert it.amount + it.interest + it.fees - it.payments == it.current
    # the payments line is every payment after the itemization date (one made on that very date may
    # fall on either side, but always whole); an overpayment held as credit counts too
    after = sum((D(a) / 100 for day, a in pays if start + timedelta(days=day) > item_date), D(0))
    on = sum((D(a) / 100 for day, a in pays if start + timedelta(days=day) == item_date), D(0))
    assert it.payments in (after, after + on)


def test_tx_judgment_interest_compounds_on_each_anniversary(tmp_path):
    # Tex. Fin. Code 304.002: the contract rate (24%) capped at 18%; 304.006: compounded annually.
    folder = case(tmp_path / "txc", state="TX", contract='rate = "24%"',
                  rest='[rules]\njudgment_date = 2022-09-01\njudgment_amount = "10000.00"\n'
                       '[demand]\nas_of = 2024-12-01\ntotal = "14600.00"\n')
    code, d = verify(folder)
    # year 1, 2022-09-01 to 2023-09-01, 365 days: 10,000.00 x 18% = 1,800.00, added to the amount
    y1 = cents(D("10000.00") * D("0.18") * 365 / 365)
    # year 2, 2023-09-01 to 2024-09-01, 366 days (29 Feb 2024): 11,800.00 x 18% x 366 / 365 = 2,129.82
    y2 = cents((D("10000.00") + y1) * D("0.18") * 366 / 365)
    base = D("10000.00") + y1 + y2
    # then 2024-09-01 to 2024-12-01, 91 days on 13,929.82: 625.12
    tail = cents(base * D("0.18") * 91 / 365)
    assert (y1, y2, base, tail) == (D("1800.00"), D("2129.82"), D("13929.82"), D("625.12"))
    lawful = d["balances"]["lawful"]
    assert D(lawful["total"]) == base + tail == D("14554.94")
    # simple interest would be 10,000.00 x 18% x 822 / 365 = 4,053.70: compounding adds 501.24
    assert D(lawful["total"]) - (D("10000.00") + cents(D("10000.00") * D("0.18") * 822 / 365)) == D("501.24")
    # the capitalized interest is still interest by origin; the judgment amount stays the principal
    assert lawful["principal"] == "10000.00"
    assert D(lawful["interest"]) + D(lawful["default_interest"]) == D("4554.94")
    assert "304.006" in json.dumps(d["conventions"])
    assert d["balances"]["excess"]["total"] == "45.06" and code == 1


def test_tx_compounding_with_a_payment_between_anniversaries(tmp_path):
    folder = case(tmp_path / "txp", state="TX", contract='rate = "24%"',
                  rest='[[payment]]\ndate = 2023-10-01\namount = "500.00"\n'
                       '[rules]\njudgment_date = 2022-09-01\njudgment_amount = "10000.00"\n'
                       '[demand]\nas_of = 2024-09-02\ntotal = "12000.00"\n')
    code, d = verify(folder)
    base = D("11800.00")  # 10,000.00 + 1,800.00 capitalized on 2023-09-01
    # 2023-09-01 to 2023-10-01, 30 days: 174.58 of interest; the 500.00 pays it and 325.42 of the base
    i1 = cents(base * D("0.18") * 30 / 365)
    base2 = base - (D("500.00") - i1)
    # 2023-10-01 to 2024-09-01, 336 days: capitalized on the anniversary
    i2 = cents(base2 * D("0.18") * 336 / 365)
    base3 = base2 + i2
    # 2024-09-01 to 2024-09-02, 1 day
    total = base3 + cents(base3 * D("0.18") * 1 / 365)
    assert (i1, base2) == (D("174.58"), D("11474.58"))
    assert D(d["balances"]["lawful"]["total"]) == total
    # the payment's 325.42 beyond the interest paid capitalized interest first: principal stays 10,000.00
    assert d["balances"]["lawful"]["principal"] == "10000.00"


def test_after_a_judgment_the_contract_limitation_no_longer_runs(tmp_path):
    # Default 2022-07-01 (maturity); TX 4 years would end 2026-07-01. The judgment of 2022-09-01 replaced
    # the contract claim, so checking on 2027-01-01 finds no time bar.
    folder = case(tmp_path / "txj", state="TX", contract='rate = "24%"',
                  rest='[rules]\njudgment_date = 2022-09-01\njudgment_amount = "10000.00"\n'
                       '[demand]\nas_of = 2027-01-01\ntotal = "16000.00"\ndocument_kind = "suit"\n')
    code, d = verify(folder)
    assert "US.TIME_BARRED" not in [f["code"] for f in d["findings"]]
    assert d.get("limitation") is None
    # without the judgment the same claim is barred: a suit on 2027-01-01, an error
    folder = case(tmp_path / "tx", state="TX", contract='rate = "24%"',
                  rest='[demand]\nas_of = 2027-01-01\ntotal = "16000.00"\ndocument_kind = "suit"\n')
    code, d = verify(folder)
    assert [f["severity"] for f in d["findings"] if f["code"] == "US.TIME_BARRED"] == ["error"]
    assert d["limitation"]["expires"] == "2026-07-01"
