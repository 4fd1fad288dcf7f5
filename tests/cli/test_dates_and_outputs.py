"""The date a demand is judged on, balances without a demand, and where a statement is written.

Each test drives the CLI as a user does and reads its JSON or its files.
"""

import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT


# ---------------------------------------------------------------------- --as-of and the demand


def test_an_as_of_other_than_the_demands_date_is_refused_naming_both(run_cli):
    # bank-loan's demand is of 2024-06-30; on 2024-03-31 the balances are lower and a comparison
    # would report an excess that does not exist
    code, out, err = run_cli("verify", EXAMPLES / "bank-loan", "--as-of", "2024-03-31", "--format", "json")
    assert code == 2 and out == ""
    assert "2024-03-31" in err and "2024-06-30" in err and "--no-demand" in err
    assert "Traceback" not in err


def test_an_as_of_before_signing_is_refused_even_without_the_demand(run_cli):
    code, _, err = run_cli("verify", EXAMPLES / "bank-loan", "--as-of", "2022-12-31", "--no-demand")
    assert code == 2
    assert "error: --as-of: 2022-12-31 is before the contract was signed (contract.signed = 2023-01-10)" in err
    code, _, err = run_cli("balance", EXAMPLES / "bank-loan", "--as-of", "2022-12-31")
    assert code == 2 and "2023-01-10" in err


def test_the_demands_own_date_is_accepted(run_json):
    code, report = run_json("verify", EXAMPLES / "bank-loan", "--as-of", "2024-06-30")
    assert code == 1 and report["as_of"] == "2024-06-30"
    assert report["balances"]["excess"]["total"] == "300.00"  # lawful apart from the 300.00 fee the contract lacks


def test_no_demand_computes_the_balances_of_any_date_without_comparing(run_json):
    code, report = run_json("verify", EXAMPLES / "bank-loan", "--as-of", "2024-03-31", "--no-demand")
    assert code == 0
    assert report["as_of"] == "2024-03-31" and report["verdict"] == "no_demand"
    assert set(report["balances"]["demanded"].values()) == {None}
    assert set(report["balances"]["excess"].values()) == {None}
    assert "DEMAND_ABOVE_LAWFUL" not in {f["code"] for f in report["findings"]}
    # the principal outstanding does not depend on the demand: 45,472.59 after the last payment
    # (the demand's own principal line, which the example's README says is lawful)
    assert report["balances"]["lawful"]["principal"] == "45472.59"


def test_no_demand_also_ignores_a_ledger_balance_used_as_the_demand(run_json):
    # messy-loan has no [demand]: the ledger's last running balance is the demand
    _, with_demand = run_json("verify", EXAMPLES / "messy-loan")
    assert with_demand["demand_source"] == "ledger"
    _, without = run_json("verify", EXAMPLES / "messy-loan", "--no-demand")
    assert without["verdict"] == "no_demand" and without["balances"]["demanded"]["total"] is None


def test_statement_checks_the_date_the_same_way(run_cli, tmp_path):
    code, _, err = run_cli("statement", EXAMPLES / "bank-loan", "--as-of", "2024-03-31", "-o", tmp_path / "s.md")
    assert code == 2 and "2024-06-30" in err and not (tmp_path / "s.md").exists()
    code, _, err = run_cli("statement", EXAMPLES / "bank-loan", "--as-of", "2024-03-31", "--no-demand",
                           "-o", tmp_path / "s.md")
    assert code == 0, err
    text = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "2024年3月31日" in text and "48,457.61" not in text  # the demanded total is not shown


def test_batch_as_of_is_checked_for_every_account(run_cli, tmp_path):
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES / "bank-loan", cases / "bank")
    shutil.copytree(EXAMPLES / "private-loan", cases / "private")
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", cases, "--as-of", "2024-06-30", "--out", out, "--workers", "1")
    assert code == 2
    lines = {x["account"]: x for x in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert "error" not in lines["bank"] and lines["bank"]["as_of"] == "2024-06-30"
    problem = " ".join(p["message"] for p in lines["private"]["problems"])
    assert "2024-06-30" in problem and "2023-03-01" in problem


def _help_examples(command: str) -> list[list[str]]:
    proc = subprocess.run([sys.executable, "-m", "debtcli", command, "--help"], capture_output=True, text=True,
                          encoding="utf-8", check=True)
    return [line.split()[1:] for line in proc.stdout.splitlines() if line.strip().startswith(f"debtcli {command} ")]


@pytest.mark.parametrize("command", ["verify", "balance", "schedule"])
def test_every_help_example_runs(run_cli, command, monkeypatch):
    monkeypatch.chdir(ROOT)
    examples = _help_examples(command)
    assert examples
    for args in examples:
        code, _, err = run_cli(*args)
        assert code in (0, 1), (args, err)


# ---------------------------------------------------------------------- balance without payments


def test_balance_of_a_case_without_payments(run_cli, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLES / "bank-loan", case)
    (case / "payments.csv").unlink()
    code, out, err = run_cli("balance", case, "--as-of", "2023-02-10", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["payments"] == {"count": 0, "total": "0.00"}
    # on the first due date nothing was paid: the first installment is due, 60,000 x 7.2% / 12 = 360.00
    # interest (the example's first payment splits 360.00 interest + 1,498.12 principal)
    assert doc["balance"]["interest"] == "360.00"
    assert doc["balance"]["principal"] == "60000.00"


# ---------------------------------------------------------------------- statement files


def test_a_format_that_contradicts_the_extension_is_refused(run_cli, tmp_path):
    code, _, err = run_cli("statement", EXAMPLES / "bank-loan", "--format", "pdf", "-o", tmp_path / "s.md")
    assert code == 2
    assert "error: --format pdf contradicts the file name 's.md'; name the file s.pdf, or leave out --format" in err
    assert not (tmp_path / "s.md").exists()


def test_an_existing_file_is_kept_without_force(run_cli, tmp_path):
    target = tmp_path / "s.html"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run_cli("statement", EXAMPLES / "bank-loan", "-o", target)
    assert code == 2 and f"error: {target}: already exists; use --force to overwrite it" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, err = run_cli("statement", EXAMPLES / "bank-loan", "-o", target, "--force")
    assert code == 1, err
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


@pytest.mark.parametrize("fmt,start", [("md", "# "), ("html", "<!doctype html")])
def test_dash_writes_md_and_html_to_stdout(run_cli, tmp_path, fmt, start, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("statement", EXAMPLES / "bank-loan", "--format", fmt, "-o", "-")
    assert code == 1, err
    assert out.lstrip().lower().startswith(start)
    assert "48,457.61" in out
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_dash_refuses_a_binary_format(run_cli):
    code, out, err = run_cli("statement", EXAMPLES / "bank-loan", "--format", "pdf", "-o", "-")
    assert code == 2 and out == ""
    assert "binary" in err


# ---------------------------------------------------------------------- a workbook's formulas


def test_control_characters_in_a_formula_are_a_read_error(tmp_path):
    import zipfile

    from debtcli.importers.readers import ReadError, formula_cells

    src = ROOT / "tests" / "data" / "bad_inputs" / "formula_without_value.xlsx"
    book = tmp_path / "f.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(book, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>B2*2</f>", b"<f>B2&#1;*2</f>")
            zout.writestr(name, data)
    with pytest.raises(ReadError, match=re.escape("[payments] the formulas cannot be read")):
        formula_cells(book, "payments", {3})
