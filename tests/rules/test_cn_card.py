"""The cn rules for card accounts, driven through ``debtcli verify`` as a user runs it.

Daily rate 0.05% with ACT/360 throughout: base x 18% x days / 360 = base x 0.05% x days.
"""

from decimal import Decimal

D = Decimal

HEAD = """schema = "debtcli/1"
[case]
id = "CARD-T"
jurisdiction = "cn"
lender_kind = "card_issuer"
language = "en"
[contract]
product = "card"
day_count = "ACT/360"
statement_day = 5
due_day = 23
interest_model = "full_balance"
"""


def write_case(tmp_path, contract: str, ledger_rows=(), as_of="", extra=""):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.toml").write_text(HEAD + contract + "\n" + extra + (f"\n[demand]\nas_of = {as_of}\n" if as_of else ""),
                                      encoding="utf-8")
    if ledger_rows:
        (folder / "ledger.csv").write_text("date,type,amount,reference\n" + "\n".join(ledger_rows) + "\n",
                                           encoding="utf-8")
    return folder


def codes(report):
    return {f["code"]: f for f in report["findings"]}


def test_interest_on_fees_charged_by_the_contract_after_2017(tmp_path, run_json):
    # annual fee 300.00 on 10 Mar 2019, billed 5 Apr, unpaid by 23 Apr: under the contract it bears
    # interest from 6 Apr: 300.00 x 0.05% x 30 days (6 Apr - 5 May) = 4.50. From 2017 it may not.
    folder = write_case(tmp_path, 'signed = 2019-01-01\nrate = "0.05%/day"\n'
                                  'annual_fee = { amount = "300.00", date = 2019-03-10 }', as_of="2019-05-05")
    _, rep = run_json("verify", folder)
    f = codes(rep)["CN.INTEREST_ON_FEES"]
    assert (f["amount"], f["severity"]) == ("4.50", "error")
    assert rep["balances"]["contractual"]["interest"] == "4.50"
    assert rep["balances"]["lawful"]["interest"] == "0.00"
    assert rep["balances"]["lawful"]["fees"] == "300.00"


def test_fee_interest_before_2017_is_not_flagged(tmp_path, run_json):
    folder = write_case(tmp_path, 'signed = 2015-01-01\nrate = "0.05%/day"\n'
                                  'annual_fee = { amount = "300.00", date = 2015-03-10 }', as_of="2015-05-05")
    _, rep = run_json("verify", folder)
    assert "CN.INTEREST_ON_FEES" not in codes(rep)
    assert rep["balances"]["lawful"]["interest"] == "4.50"


def test_rate_band_2017_to_2020(tmp_path, run_json):
    # 1,000.00 posted 30 Mar 2019, nothing paid; statement of 5 May 2019 (37 days, 30 Mar - 5 May):
    # contract 1,000.00 x 0.06% x 37 = 22.20; lawful 1,000.00 x 0.05% x 37 = 18.50; above the cap 3.70
    folder = write_case(tmp_path, 'signed = 2019-01-01\nrate = "0.06%/day"',
                        ["2019-03-30,purchase,1000.00,P1"], as_of="2019-05-05")
    _, rep = run_json("verify", folder)
    assert rep["balances"]["contractual"]["interest"] == "22.20"
    assert rep["balances"]["lawful"]["interest"] == "18.50"
    assert codes(rep)["CN.RATE_ABOVE_CAP"]["amount"] == "3.70"


def test_rate_by_agreement_from_2021(tmp_path, run_json):
    folder = write_case(tmp_path, 'signed = 2021-01-01\nrate = "0.06%/day"',
                        ["2021-03-30,purchase,1000.00,P1"], as_of="2021-05-05")
    _, rep = run_json("verify", folder)
    assert rep["balances"]["lawful"]["interest"] == "22.20"
    assert "CN.RATE_ABOVE_CAP" not in codes(rep)


def test_old_late_fee_regime_before_2017(tmp_path, run_json):
    # minimum of 5 Apr 2016: 10% x 100.00 = 10.00, unpaid by 23 Apr 2016.
    # contract: 5% x 10.00 = 0.50, raised to the floor 10.00; before 2017 the 滞纳金 was 5% of the
    # unpaid minimum with no floor: 0.50
    folder = write_case(tmp_path, 'signed = 2015-01-01\nrate = "0.05%/day"\n'
                                  'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }',
                        ["2016-03-30,purchase,100.00,P1"], as_of="2016-05-05")
    _, rep = run_json("verify", folder)
    assert rep["balances"]["contractual"]["penalties"] == "10.00"
    assert rep["balances"]["lawful"]["penalties"] == "0.50"


def test_overlimit_fee_after_2016_is_unauthorized(tmp_path, run_json):
    folder = write_case(tmp_path, 'signed = 2018-01-01\nrate = "0.05%/day"\ncredit_limit = "1000.00"',
                        ["2018-03-20,purchase,1100.00,P1", "2018-03-21,overlimit_fee,5.00,OL1"], as_of="2018-04-05")
    code, rep = run_json("verify", folder)
    f = [x for x in rep["findings"] if x["code"] == "UNAUTHORIZED_CHARGE"]
    assert [x["amount"] for x in f] == ["5.00"]
    assert f[0]["evidence"] == [{"file": "ledger.csv", "row": 3}]
    assert rep["balances"]["contractual"]["fees"] == "5.00"
    assert rep["balances"]["lawful"]["fees"] == "0.00"
    assert code == 1


def test_court_reduction_line_default_24(tmp_path, run_json):
    # 1,000.00 posted 30 Mar 2024, nothing paid, as of 5 May 2024.
    # cost: interest 1,000.00 x 0.05% x 37 days = 18.50, 违约金 5% x 100.00 = 5.00 -> floor 10.00:
    # 28.50. Line: 1,000.00 x 24% x 36 / 365 (30 Mar up to 5 May) = 23.67. Reducible: 4.83.
    contract = ('signed = 2024-01-01\nrate = "0.05%/day"\n'
                'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }')
    folder = write_case(tmp_path, contract, ["2024-03-30,purchase,1000.00,P1"], as_of="2024-05-05")
    _, rep = run_json("verify", folder)
    f = codes(rep)["CN.REDUCIBLE_ABOVE_24"]
    assert (f["amount"], f["severity"]) == ("4.83", "warning")
    assert f["details"]["line"] == "23.67"
    assert rep["balances"]["lawful"]["total"] == "1028.50"  # a reduction on request, not a cut


def test_court_reduction_line_is_a_setting(tmp_path, run_json):
    # at 36%: 1,000.00 x 36% x 36 / 365 = 35.51 > 28.50: nothing reducible
    contract = ('signed = 2024-01-01\nrate = "0.05%/day"\n'
                'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }')
    folder = write_case(tmp_path, contract, ["2024-03-30,purchase,1000.00,P1"], as_of="2024-05-05",
                        extra='[rules]\ncard_reduction_line = "36%"\n')
    _, rep = run_json("verify", folder)
    assert "CN.REDUCIBLE_ABOVE_24" not in codes(rep)


def test_bad_reduction_line_is_an_input_error(tmp_path, run_cli):
    folder = write_case(tmp_path, 'signed = 2024-01-01\nrate = "0.05%/day"', ["2024-03-30,purchase,1000.00,P1"],
                        as_of="2024-05-05", extra='[rules]\ncard_reduction_line = "lots"\n')
    code, out, err = run_cli("verify", folder)
    assert code == 2
    assert "rules.card_reduction_line" in err and "Traceback" not in err


def test_card_line_24_cuts_the_lawful_balance(tmp_path, run_json):
    # The case above with [rules] card_line = "24%": cost 28.50 against the line 23.67: the 4.83 above
    # it is cut, the unpaid 违约金 first: penalties 10.00 -> 5.17; total 1,028.50 -> 1,023.67
    contract = ('signed = 2024-01-01\nrate = "0.05%/day"\n'
                'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }')
    folder = write_case(tmp_path, contract, ["2024-03-30,purchase,1000.00,P1"], as_of="2024-05-05",
                        extra='[rules]\ncard_line = "24%"\n')
    _, rep = run_json("verify", folder)
    f = codes(rep)["CN.CARD_LINE_CUT"]
    assert (f["amount"], f["details"]["line"]) == ("4.83", "23.67")
    assert "CN.REDUCIBLE_ABOVE_24" not in codes(rep)
    assert rep["balances"]["lawful"]["penalties"] == "5.17"
    assert rep["balances"]["lawful"]["total"] == "1023.67"


def test_card_line_4x_lpr_at_filing(tmp_path, run_json):
    # filed 2024-05-10: the fixing in force is 2024-04-22 (3.45%) -> 13.8%.
    # line: 1,000.00 x 13.8% x 36 / 365 = 13.61; cost 28.50; cut 14.89: penalties 10.00 -> 0, then interest
    # 18.50 -> 13.61; total 1,013.61
    contract = ('signed = 2024-01-01\nrate = "0.05%/day"\n'
                'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }')
    folder = write_case(tmp_path, contract, ["2024-03-30,purchase,1000.00,P1"], as_of="2024-05-05",
                        extra='[rules]\ncard_line = "4xLPR@filing"\n')
    text = (folder / "case.toml").read_text(encoding="utf-8").replace('lender_kind = "card_issuer"',
                                                                     'lender_kind = "card_issuer"\nfiled = 2024-05-10')
    (folder / "case.toml").write_text(text, encoding="utf-8")
    _, rep = run_json("verify", folder)
    f = codes(rep)["CN.CARD_LINE_CUT"]
    assert (f["amount"], f["details"]["line"], f["details"]["line_rate"]) == ("14.89", "13.61", "13.8%")
    assert rep["balances"]["lawful"]["total"] == "1013.61"


def test_card_line_bad_value(tmp_path, run_cli):
    folder = write_case(tmp_path, 'signed = 2024-01-01\nrate = "0.05%/day"', ["2024-03-30,purchase,1000.00,P1"],
                        as_of="2024-05-05", extra='[rules]\ncard_line = "30%"\n')
    code, out, err = run_cli("verify", folder)
    assert code == 2 and "rules.card_line" in err and "Traceback" not in err
