"""schedule and balance driven as a user drives them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

BANK = EXAMPLES / "bank-loan"


def test_schedule_json_shape(run_json):
    code, data = run_json("schedule", BANK)
    assert code == 0
    assert data["case"] == "BANK-2023-0417" and data["currency"] == "CNY"
    rows = data["installments"]
    assert len(rows) == 36 and rows[0]["n"] == 1 and rows[0]["due"] == "2023-02-10"
    # 60,000 at 7.2% over 36 months: payment 1,858.12; row-1 interest 60,000 x 0.6% = 360.00
    assert rows[0]["total"] == "1858.12" and rows[0]["interest"] == "360.00"
    assert data["totals"]["principal"] == "60000.00"
    assert rows[-1]["balance"] == "0.00"
    assert "day_count" in data["conventions"]


def test_schedule_csv_and_table(run_cli):
    code, out, _ = run_cli("schedule", BANK, "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "n,due,principal,interest,fees,total,balance"
    assert len(out.splitlines()) == 37
    code, out, _ = run_cli("schedule", BANK, "--lang", "en")
    assert code == 0 and "Conventions" in out and "1,858.12" in out


@pytest.mark.parametrize("command", [("schedule",), ("balance", "--as-of", "2023-03-10")])
def test_a_tables_language_is_the_cases_unless_lang_says_otherwise(run_cli, monkeypatch, command):
    # bank-loan says language = "zh": its tables are Chinese whatever the messages language, as
    # verify's and quote's are; --lang en asks for English.
    monkeypatch.setenv("DEBTCLI_LANG", "en")
    code, out, _ = run_cli(command[0], BANK, *command[1:])
    assert code == 0 and "计算口径" in out and "Conventions" not in out
    code, out, _ = run_cli(command[0], BANK, *command[1:], "--lang", "en")
    assert code == 0 and "Conventions" in out and "计算口径" not in out


def test_balance_json(run_json):
    code, data = run_json("balance", BANK, "--as-of", "2023-03-10")
    assert code == 0
    # two installments paid on time: principal 60,000 - 1,498.12 - 1,507.11 = 56,994.77, nothing else owed
    assert data["balance"]["principal"] == "56994.77"
    assert data["balance"]["total"] == "56994.77"
    assert data["payments"]["count"] == 2


def test_broken_case_exits_2_with_one_line_per_problem(tmp_path, run_cli):
    (tmp_path / "case.toml").write_text('schema = "debtcli/1"\n[case]\nid = "X"\n[contract]\nsigned = 2021-01-01\n'
                                        'principal = "-1"\nmethod = "zigzag"\nrate = "abc"\n', encoding="utf-8")
    code, out, err = run_cli("schedule", tmp_path)
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 3
    assert any("contract.principal" in ln for ln in lines)
    assert "Traceback" not in err


def test_missing_case_folder(tmp_path, run_cli):
    code, _, err = run_cli("balance", tmp_path / "nope", "--as-of", "2024-01-01")
    assert code == 2 and "no such file" in err


def test_bad_as_of(run_cli):
    code, _, err = run_cli("balance", BANK, "--as-of", "2024-02-30")
    assert code == 2 and "--as-of" in err


def test_python_dash_m_and_help():
    out = subprocess.run([sys.executable, "-m", "debtcli", "--help"], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent)
    assert out.returncode == 0 and "schedule" in out.stdout and "Exit codes" in out.stdout
    out = subprocess.run([sys.executable, "-m", "debtcli", "schedule", "--help"], capture_output=True, text=True)
    assert "Examples" in out.stdout


def test_schedule_of_a_card_is_refused_plainly(run_cli):
    code, _, err = run_cli("schedule", EXAMPLES / "card-default")
    assert code == 2 and "no installment schedule" in err and "Traceback" not in err


def test_the_schedule_totals_are_grouped_like_its_rows(run_cli):
    # bank-loan: 60,000.00 lent over 36 installments; the footer reads 60,000.00, not 60000.00
    code, out, _ = run_cli("schedule", BANK, "--lang", "en")
    footer = next(line for line in out.splitlines() if "total" in line and "60,000.00" in line)
    assert "60000.00" not in footer
