"""Card cases through the commands a user runs: the bundled example, the interest-model comparison,
issuer-posting checks and input errors."""

import json

import pytest

from tests.conftest import EXAMPLES

CARD = EXAMPLES / "card-default"


def codes(report):
    out = {}
    for f in report["findings"]:
        out.setdefault(f["code"], []).append(f)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_example_verify(run_json, lang):
    code, rep = run_json("verify", CARD, "--lang", lang)
    assert code == 1
    found = codes(rep)
    assert set(found) == {"CN.INTEREST_ON_FEES", "DEMAND_ABOVE_LAWFUL", "POSTING_MISMATCH", "CN.REDUCIBLE_ABOVE_24"}
    # The statement of 2024-05-05 (cycle 6 Apr - 5 May, 30 days) charged interest on the fees and
    # 违约金 billed before it, which the agreement exempts: cash-advance fee 10.00 (billed 5 Mar),
    # annual fee 300.00 and 违约金 29.87 (billed 5 Apr), all unpaid:
    # (10.00 + 300.00 + 29.87) x 0.05% x 30 days = 5.09805 -> 5.10
    mismatch = found["POSTING_MISMATCH"][0]
    assert mismatch["amount"] == "5.10"
    assert mismatch["details"]["posted"] == "79.58"
    assert mismatch["details"]["recomputed"] == "74.48"
    assert mismatch["details"]["days"] == 30
    assert mismatch["details"]["model"] == "full_balance"
    assert mismatch["details"]["interest_on_fees"] == "5.10"
    assert mismatch["evidence"] == [{"file": "ledger.csv", "row": 12}]
    assert found["CN.INTEREST_ON_FEES"][0]["amount"] == "5.10"
    assert found["DEMAND_ABOVE_LAWFUL"][0]["amount"] == "5.10"
    assert rep["balances"]["lawful"]["total"] == "6105.90"
    assert rep["balances"]["excess"]["interest"] == "5.10"
    if lang == "zh":
        assert "利息" in mismatch["message"]


def test_example_first_interest_line_by_hand(run_json):
    # Statement of 2024-03-05. The statement of 2024-02-05 (4,200.00) got only 420.00 on 22 Feb, so the
    # purchases lose the free period (full_balance); the cash advance bears interest from 25 Feb:
    #   3,000.00 x 0.05% x 40 days (13 Jan - 21 Feb)   = 60.00
    #   2,580.00 x 0.05% x 13 days (22 Feb - 5 Mar)    = 16.77   (2024 is a leap year)
    #   1,200.00 x 0.05% x 46 days (20 Jan - 5 Mar)    = 27.60
    #   1,000.00 x 0.05% x 10 days (25 Feb - 5 Mar)    =  5.00
    #                                                    109.37, as the issuer posted
    _, rep = run_json("verify", CARD)
    assert not [f for f in rep["findings"] if f["code"] == "POSTING_MISMATCH"
                and f["details"]["statement_date"] == "2024-03-05"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_example_statement(run_cli, tmp_path, lang):
    out = tmp_path / f"card.{lang}.md"
    code, _, err = run_cli("statement", CARD, "--lang", lang, "-f", "md", "-o", out)
    assert code == 1, err
    text = out.read_text(encoding="utf-8")
    # the last cycle: 5,852.27 + 80.52 interest + 173.11 违约金 = 6,105.90; 135 days past 23 Mar: M5
    assert "6,105.90" in text and "M5" in text and "173.11" in text


def test_example_conventions_name_the_model(run_json):
    _, rep = run_json("verify", CARD)
    assert rep["conventions"]["interest_model"] == "full_balance"
    assert "tolerance 10.00" in rep["conventions"]["interest_free"]


BASE = """schema = "debtcli/1"
[case]
id = "CARD-M"
jurisdiction = "none"
language = "en"
[contract]
product = "card"
signed = 2026-01-01
rate = "0.05%/day"
day_count = "ACT/360"
statement_day = 5
due_day = 23
"""


def _case(tmp_path, contract_extra="", ledger="", payments="", tail="[demand]\nas_of = 2026-05-05\n"):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "case.toml").write_text(BASE + contract_extra + "\n" + tail, encoding="utf-8")
    if ledger:
        (folder / "ledger.csv").write_text("date,type,amount,reference\n" + ledger, encoding="utf-8")
    if payments:
        (folder / "payments.csv").write_text("date,amount,reference\n" + payments, encoding="utf-8")
    return folder


def test_both_models_shown_when_the_contract_is_silent(tmp_path, run_json):
    # the published example with no interest_model: full_balance 17.85 is used (creditor-favourable),
    # unpaid_part gives 16.65; the difference 1.20 is shown
    folder = _case(tmp_path, ledger="2026-03-30,purchase,1000.00,P1\n2026-04-23,payment,100.00,R1\n")
    _, rep = run_json("verify", folder)
    f = codes(rep)["INTEREST_MODEL_UNSTATED"][0]
    assert (f["amount"], f["severity"]) == ("1.20", "info")
    assert f["details"] == {"full_balance": "17.85", "unpaid_part": "16.65"}
    assert rep["balances"]["contractual"]["interest"] == "17.85"
    assert "contract silent" in rep["conventions"]["interest_model"]


def test_issuer_interest_line_checked_with_the_other_model_shown(tmp_path, run_json):
    # the issuer posted 17.85 on 5 May but the contract is silent: no mismatch under full_balance;
    # had it posted 18.00, the finding carries 17.85 and the unpaid_part figure 16.65
    ledger = "2026-03-30,purchase,1000.00,P1\n2026-04-23,payment,100.00,R1\n2026-05-05,interest,18.00,I1\n"
    _, rep = run_json("verify", _case(tmp_path, ledger=ledger))
    f = codes(rep)["POSTING_MISMATCH"][0]
    assert (f["amount"], f["severity"]) == ("0.15", "error")
    d = f["details"]
    assert (d["posted"], d["recomputed"], d["other_model_recomputed"], d["days"]) == ("18.00", "17.85", "16.65", 30)
    assert "1,000.00 x 0.0500%/day x 24 days (2026-03-30 to 2026-04-22" in d["computation"]


def test_issuer_penalty_checked(tmp_path, run_json):
    # minimum of 5 Apr 100.00 unpaid: 违约金 5% x 100.00 = 5.00, floor 10.00; the issuer posted 15.00
    ledger = "2026-03-30,purchase,1000.00,P1\n2026-04-24,penalty,15.00,L1\n"
    folder = _case(tmp_path, 'interest_model = "full_balance"\n'
                             'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }', ledger=ledger)
    _, rep = run_json("verify", folder)
    f = codes(rep)["POSTING_MISMATCH"][0]
    assert (f["component"], f["amount"], f["details"]["recomputed"]) == ("penalties", "5.00", "10.00")


def test_a_statement_paid_within_tolerance_gets_no_late_penalty(tmp_path, run_json):
    # 10,000.00 bought 30 March, billed 5 April; 9,995.00 paid 20 April: 5.00 left, within the 10.00
    # tolerance. 5 May bills the 5.00 (minimum 10% = 0.50), nothing is paid by 23 May: still within the
    # tolerance, so it counts as paid in full and its minimum as met. On 10 June: no interest, no
    # 违约金 (unmet, the 0.50 would have cost the floor of 10.00), 0 days past due; 5.00 of principal owed.
    ledger = "2026-03-30,purchase,10000.00,P1\n2026-04-20,payment,9995.00,R1\n"
    folder = _case(tmp_path, 'interest_model = "full_balance"\ntolerance = "10.00"\n'
                             'late_penalty = { rate = "5%", min = "10.00", max = "500.00" }', ledger=ledger,
                   tail="")
    _, rep = run_json("verify", folder, "--as-of", "2026-06-10", "--no-demand")
    cycles = {c["statement_date"]: c for c in rep["card"]["cycles"]}
    may, june = cycles["2026-05-05"], cycles["2026-06-05"]
    assert (may["closing"], may["minimum_payment"], may["paid_in_full"]) == ("5.00", "0.50", True)
    assert (june["interest"], june["penalties"], june["days_past_due"], june["bucket"]) == ("0.00", "0.00", 0, "M0")
    c = rep["balances"]["contractual"]
    assert (c["principal"], c["interest"], c["penalties"], c["total"]) == ("5.00", "0.00", "0.00", "5.00")


def test_installment_plan_without_months_is_refused(tmp_path, run_cli):
    folder = _case(tmp_path, '[[contract.installment_plan]]\ndate = 2026-04-10\namount = "3600.00"\n')
    code, out, err = run_cli("verify", folder)
    assert code == 2
    assert "contract.installment_plan[0].months" in err
    assert "Traceback" not in err


def test_card_row_with_no_meaning_is_listed(tmp_path, run_json):
    ledger = "2026-03-30,purchase,1000.00,P1\n2026-03-31,disbursement,50.00,X1\n"
    _, rep = run_json("verify", _case(tmp_path, 'interest_model = "full_balance"', ledger=ledger))
    assert any("ledger.csv:3" in n and "disbursement" in n for n in rep.get("notes", []))


def test_json_is_deterministic(run_cli):
    a = run_cli("verify", CARD, "--format", "json")[1]
    b = run_cli("verify", CARD, "--format", "json")[1]
    assert a == b and json.loads(a)["case"] == "CARD-2024-0088"


def test_due_days_past_the_next_statement_is_refused(tmp_path, run_cli):
    folder = _case(tmp_path, "due_days = 40")
    code, _, err = run_cli("verify", folder)
    assert code == 2 and "contract.due_days" in err
