"""Figures that cannot be trusted stop the run: a rate without a unit, an amount no account holds, a
date outside the accepted range, and an LPR-linked rate on a day the LPR table cannot answer.

Each case is a small case folder driven through the CLI; the expected messages are written out.
"""

import json
import shutil
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES

LOAN = """schema = "debtcli/1"
[case]
id = "F-1"
jurisdiction = "{jur}"
lender_kind = "bank"
[contract]
signed = 2026-06-01
principal = "10000.00"
rate = "{rate}"
method = "bullet"
term_months = 12
"""


def _case(tmp_path, rate="12%", jur="none", extra="", payments=None):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.toml").write_text(LOAN.format(rate=rate, jur=jur) + extra, encoding="utf-8")
    if payments is not None:
        (folder / "payments.csv").write_text("date,amount,reference\n" + payments, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------- rates and amounts


@pytest.mark.parametrize("rate,hint", [("24", '"24%"? "2.4%"?'), ("0.24", '"24%"? "0.24%"?')])
def test_a_rate_without_a_unit_is_refused_with_a_hint(run_cli, tmp_path, rate, hint):
    code, out, err = run_cli("verify", _case(tmp_path, rate=rate))
    assert code == 2 and out == ""
    assert (f'error: case.toml: contract.rate: found {rate!r}, expected a rate such as "24%", "2%/month", '
            f'"LPR+0.5%" (has no unit: {hint})') in err.splitlines()


def test_a_card_number_in_the_amount_column_is_refused(run_cli, tmp_path):
    folder = _case(tmp_path, payments="2026-07-01,6222021234567890123,R1\n")
    code, _, err = run_cli("verify", folder)
    assert code == 2
    assert ("error: payments.csv:2: amount: '6222021234567890123' has 19 significant digits; an amount has at most "
            "15 (an account or card number in the amount column?)") in err.splitlines()


def test_a_31_digit_amount_is_refused_not_a_crash(run_cli, tmp_path):
    folder = _case(tmp_path, payments="2026-07-01," + "9" * 31 + ",R1\n")
    code, _, err = run_cli("verify", folder)
    assert code == 2 and "has 31 significant digits" in err


def test_an_amount_above_a_thousand_times_the_principal_is_refused(run_cli, tmp_path):
    # 1,000 x 10,000.00 = 10,000,000.00 is the limit; one cent more is refused
    folder = _case(tmp_path, payments="2026-07-01,10000000.00,R1\n2026-07-02,10000000.01,R2\n")
    code, _, err = run_cli("verify", folder)
    assert code == 2
    lines = [x for x in err.splitlines() if x.startswith("error:")]
    assert lines == ["error: payments.csv:3: amount: 10,000,000.01 is above the largest plausible amount "
                     "10,000,000.00 (1,000 x the principal; set [reconcile] max_amount if it is real)"]


def test_max_amount_sets_the_limit(run_cli, tmp_path):
    folder = _case(tmp_path, payments="2026-07-01,600.00,R1\n",
                   extra='[reconcile]\nmax_amount = "500.00"\n[demand]\nas_of = 2026-08-01\ntotal = "20000.00"\n')
    code, _, err = run_cli("verify", folder)
    assert code == 2
    assert "error: payments.csv:2: amount: 600.00 is above the largest plausible amount 500.00 ([reconcile] " \
           "max_amount)" in err.splitlines()
    assert "error: case.toml: demand.total: 20,000.00 is above the largest plausible amount 500.00 ([reconcile] " \
           "max_amount)" in err.splitlines()


@pytest.mark.parametrize("command", ["verify", "balance", "schedule"])
def test_dates_near_year_9999_are_refused_not_a_crash(run_cli, tmp_path, command):
    folder = _case(tmp_path, payments="9999-12-30,100.00,R1\n")
    code, _, err = run_cli(command, folder)
    assert code == 2
    assert ("error: payments.csv:2: date: 9999-12-30 is outside the dates debtcli accepts (1900-01-01 to "
            "2199-12-31); a typo?") in err.splitlines()


def test_a_contract_signed_in_9999_and_an_as_of_in_9999(run_cli, tmp_path):
    case = tmp_path / "c"
    shutil.copytree(EXAMPLES / "bank-loan", case)
    text = (case / "case.toml").read_text(encoding="utf-8").replace("signed = 2023-01-10", "signed = 9999-01-10")
    (case / "case.toml").write_text(text, encoding="utf-8")
    code, _, err = run_cli("verify", case)
    assert code == 2 and "contract.signed: found 9999-01-10" in err
    code, _, err = run_cli("balance", EXAMPLES / "bank-loan", "--as-of", "9999-12-31")
    assert code == 2
    assert "error: --as-of: 9999-12-31 is outside the dates debtcli accepts (1900-01-01 to 2199-12-31); a typo?" in err


# ---------------------------------------------------------------------- LPR


def test_a_linked_rate_past_the_last_fixing_stops_naming_the_date_and_keys(run_cli, tmp_path):
    # the shipped table has values up to the fixing of 2026-09-20; the row of 2026-10-20 is U (no value)
    folder = _case(tmp_path, rate="LPR+1%")
    for command in (("verify", folder, "--as-of", "2027-03-01"), ("balance", folder, "--as-of", "2027-03-01"),
                    ("schedule", folder)):
        code, out, err = run_cli(*command)
        assert code == 2, (command, err)
        assert "2026-10-20" in err and "[rules] lpr_date" in err and "lpr_1y" in err, err


def test_a_linked_rate_inside_the_table_still_works(run_json, tmp_path):
    code, report = run_json("verify", _case(tmp_path, rate="LPR+1%"), "--as-of", "2026-09-01")
    # LPR 3.00% (fixings of 2026-05-20 to 2026-08-20) + 1% = 4%; ACT/360 (the contract is silent):
    # 10,000.00 x 4% x 92 days (2026-06-01 to 2026-09-01) / 360 = 102.22
    assert report["balances"]["contractual"]["interest"] == "102.22"


def test_supplied_fixings_are_used_and_reported_unverified(run_json, tmp_path):
    extra = ('[[rules.lpr]]\ndate = 2026-10-20\nlpr_1y = "3.00%"\n'
             '[[rules.lpr]]\ndate = 2026-11-20\nlpr_1y = "2.90%"\n')
    code, report = run_json("verify", _case(tmp_path, rate="LPR+1%", jur="cn", extra=extra), "--as-of", "2026-12-01")
    # 4% from 2026-06-01 for 172 days, 3.9% from the supplied 2026-11-20 fixing for 11 days, ACT/360:
    expected = Decimal(10000) * Decimal("0.04") * 172 / 360 + Decimal(10000) * Decimal("0.039") * 11 / 360
    assert report["balances"]["contractual"]["interest"] == str(expected.quantize(Decimal("0.01")))  # 203.03
    unverified = [f for f in report["findings"] if f["code"] == "CN.LPR_UNVERIFIED"]
    assert len(unverified) == 1 and "2026-11-20 (supplied)" in unverified[0]["message_en"]


def test_supplied_fixings_do_not_reach_past_their_month(run_cli, tmp_path):
    extra = ('[[rules.lpr]]\ndate = 2026-10-20\nlpr_1y = "3.00%"\n'
             '[[rules.lpr]]\ndate = 2026-11-20\nlpr_1y = "2.90%"\n')
    code, _, err = run_cli("verify", _case(tmp_path, rate="LPR+1%", extra=extra), "--as-of", "2027-01-05")
    assert code == 2 and "needs the 1y LPR in force on 2026-12-20" in err


def test_a_bad_supplied_fixing_is_an_input_error(run_cli, tmp_path):
    extra = '[[rules.lpr]]\ndate = "2026-10-20"\nlpr_1y = "3"\n'
    code, _, err = run_cli("verify", _case(tmp_path, rate="LPR+1%", extra=extra), "--as-of", "2026-09-01")
    assert code == 2
    assert "rules.lpr[0].date: found '2026-10-20', expected the publication date (YYYY-MM-DD, without quotes)" in err
