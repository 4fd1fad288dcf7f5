"""Every file of a case folder is read or reported as not read; tables are found whatever the case
of their names, or named in case.toml [files]; what cannot be read safely is refused by name.

The example private-loan re-derives by hand (README): lawful 62,462.64 with both payment records,
and its 30,000.00 payment appears only in the payment records (UNPOSTED_PAYMENT).
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

LAWFUL = "62462.64"  # README: the demand of 130,163.30 is 67,700.66 above the lawful 62,462.64


@pytest.fixture
def loan(tmp_path):
    folder = tmp_path / "loan"
    shutil.copytree(EXAMPLES / "private-loan", folder)
    return folder


def _append(folder, text):
    with open(folder / "case.toml", "a", encoding="utf-8") as fh:
        fh.write(text)


def test_files_named_otherwise_are_reported_not_read(run_cli, loan):
    (loan / "ledger.csv").rename(loan / "台账.csv")
    (loan / "payments.csv").rename(loan / "还款流水.csv")
    (loan / "notes.md").write_text("call back on Monday", encoding="utf-8")
    (loan / "scans").mkdir()
    code, out, err = run_cli("verify", loan, "--format", "json")
    report = json.loads(out)
    ignored = {x["file"]: x["reason"] for x in report["inputs"]["ignored"]}
    assert set(ignored) == {"台账.csv", "还款流水.csv", "notes.md", "scans"}
    assert "name it in case.toml [files]" in ignored["台账.csv"]
    for name in ignored:
        assert any(line.startswith(f"warning: {name}: not read: ") for line in err.splitlines()), name
    assert [i["file"] for i in report["inputs"]["files"]] == ["case.toml"]


def test_files_named_in_case_toml_are_read(run_json, loan):
    (loan / "ledger.csv").rename(loan / "台账.csv")
    (loan / "payments.csv").rename(loan / "还款流水.csv")
    _append(loan, '\n[files]\nledger = "台账.csv"\npayments = ["还款流水.csv"]\n')
    _, report = run_json("verify", loan)
    assert report["balances"]["lawful"]["total"] == LAWFUL
    assert [i["file"] for i in report["inputs"]["files"]] == ["case.toml", "台账.csv", "还款流水.csv"]
    assert report["inputs"]["ignored"] == []


def test_names_match_without_regard_to_case(run_json, loan):
    (loan / "ledger.csv").rename(loan / "Ledger.CSV")
    (loan / "payments.csv").rename(loan / "PAYMENTS.csv")
    _, report = run_json("verify", loan)
    assert report["balances"]["lawful"]["total"] == LAWFUL
    assert [i["file"] for i in report["inputs"]["files"]] == ["case.toml", "Ledger.CSV", "PAYMENTS.csv"]


def test_several_payment_files_are_merged_with_their_sources(run_json, loan):
    (loan / "payments.csv").unlink()
    (loan / "微信.csv").write_text("date,amount,reference,payer,channel\n2021-09-01,20000.00,WX20210901,张三,微信转账\n",
                                  encoding="utf-8")
    import xlsxwriter

    book = xlsxwriter.Workbook(str(loan / "回单.xlsx"))
    ws = book.add_worksheet("payments")
    for r, row in enumerate([("date", "amount", "reference", "payer", "channel"),
                             ("2022-06-15", "30000.00", "ICBC-2022061500123", "张三", "银行转账")]):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    book.close()
    _append(loan, '\n[files]\npayments = ["微信.csv", "回单.xlsx"]\n')
    _, report = run_json("verify", loan)
    assert report["balances"]["lawful"]["total"] == LAWFUL
    assert report["payments"]["total"] == "50000.00"
    assert report["payments"]["unposted"][0]["evidence"] == {"file": "回单.xlsx", "sheet": "payments", "row": 2}
    assert [(i["file"], i["rows"]) for i in report["inputs"]["files"]][1:] == [("ledger.csv", 3), ("微信.csv", 1),
                                                                      ("回单.xlsx", 1)]


@pytest.mark.parametrize("files,message", [
    ('ledger = "台账.csv"', "error: case.toml: files.ledger: '台账.csv' is not in the case folder"),
    ('ledger = "../ledger.csv"', "error: case.toml: files.ledger: found '../ledger.csv', expected a file name such "
                                 "as \"台账.csv\" (a file in the case folder, named without a path)"),
    ('payments = ["payments.csv", "Payments.csv"]', "error: case.toml: files.payments: found ['payments.csv', "
                                                    "'Payments.csv'], expected each file once (payments.csv is named "
                                                    "twice)"),
    ('ledgers = "x.csv"', "error: case.toml: files.ledgers: unknown key (known keys here: ledger, payments)"),
])
def test_files_table_mistakes(run_cli, loan, files, message):
    _append(loan, f"\n[files]\n{files}\n")
    code, _, err = run_cli("verify", loan)
    assert code == 2
    assert message in err.splitlines(), err


def test_old_excel_is_refused_with_the_readme_message(run_cli, loan):
    (loan / "ledger.csv").rename(loan / "ledger.xls")
    code, _, err = run_cli("verify", loan)
    assert code == 2
    assert "error: ledger.xls: an old .xls workbook (Excel 97-2003); save it as .xlsx or CSV" in err.splitlines()


def _verify_in_a_process(folder) -> subprocess.CompletedProcess:
    """In a child process with a time limit, so a file that is read when it should not be shows as a
    timeout instead of hanging the suite."""
    return subprocess.run([sys.executable, "-m", "debtcli", "verify", str(folder)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


@pytest.mark.parametrize("make,message", [
    (lambda f: os.symlink("/etc/passwd", f / "payments.csv"),
     "error: payments.csv: a symbolic link leading outside the case folder; refused (copy the file into the folder)"),
    (lambda f: os.symlink(f / "nowhere.csv", f / "payments.csv"),
     "error: payments.csv: a symbolic link to nothing (its target does not exist); refused"),
    (lambda f: os.symlink("payments.csv", f / "payments.csv"),
     "error: payments.csv: a symbolic link that loops; refused"),
    (lambda f: os.mkfifo(f / "payments.csv"),
     "error: payments.csv: a named pipe (FIFO), not a regular file; refused without reading it"),
    (lambda f: (f / "payments.csv").mkdir(),
     "error: payments.csv: a folder, not a file; refused"),
])
def test_unsafe_tables_are_refused_by_name_without_reading(loan, make, message):
    (loan / "payments.csv").unlink()
    make(loan)
    proc = _verify_in_a_process(loan)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr.splitlines()
    assert "root:" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_link_inside_the_folder_is_read(run_json, loan):
    (loan / "payments.csv").rename(loan / "bank.csv")
    os.symlink("bank.csv", loan / "payments.csv")
    _, report = run_json("verify", loan)
    assert report["balances"]["lawful"]["total"] == LAWFUL


def test_the_statement_lists_the_files_not_read(run_cli, loan, tmp_path):
    (loan / "合同扫描.pdf").write_bytes(b"%PDF-1.4\n")
    out = tmp_path / "s.md"
    code, _, err = run_cli("statement", loan, "--lang", "en", "-o", out)
    assert code == 1, err
    text = out.read_text(encoding="utf-8")
    assert "Files in the case folder that were not read" in text
    assert "| 合同扫描.pdf | not a case file" in text
