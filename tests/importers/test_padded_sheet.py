"""A workbook whose last cell sits on row 1,048,576 (Excel's last row): the sheet's dimension is not
trusted, the million empty rows are one rejected entry, and nothing grows with them (the issue's
1,787-byte workbook gave 121 MB of JSON and a PDF still running after 400 s). The workbook is built
in a few kilobytes: only the cells that exist are written.

README, "Real-world inputs": "A long run of empty rows (a sheet whose last cell sits on row
1,048,576) is listed as one rejected entry."
"""

import json
import shutil

import pytest
from openpyxl import Workbook

from tests.conftest import EXAMPLES

LAST_ROW = 1_048_576


def _padded_ledger(folder, last_cell):
    wb = Workbook()
    ws = wb.active
    ws.title = "ledger"
    ws.append(["date", "type", "amount", "reference", "memo", "balance"])
    ws.append(["2021-03-01", "disbursement", "100000.00", "JT-0301", "借款本金（借条金额）", "100000.00"])
    ws.append(["2021-09-01", "payment", "20000.00", "WX20210901", "微信转账还款", "80000.00"])
    ws.append(["2022-03-01", "penalty", "5000.00", None, "逾期违约金", "85000.00"])
    last_cell(ws.cell(row=LAST_ROW, column=1))
    wb.save(folder / "ledger.xlsx")
    assert (folder / "ledger.xlsx").stat().st_size < 10_000


@pytest.fixture
def loan(tmp_path):
    folder = tmp_path / "loan"
    shutil.copytree(EXAMPLES / "private-loan", folder)
    (folder / "ledger.csv").unlink()
    return folder


def _styled_but_empty(cell):
    cell.number_format = "0.00"  # a formatted cell with no value: the sheet's dimension says A1:F1048576


def test_a_sheet_padded_to_the_last_row_reads_its_rows_and_lists_the_padding_once(run_cli, loan, tmp_path):
    _padded_ledger(loan, _styled_but_empty)
    code, out, err = run_cli("verify", loan, "--format", "json")
    assert code == 1, err
    assert len(out) < 200_000
    report = json.loads(out)
    # the same ledger as the example's ledger.csv: the example's lawful balance (README)
    assert report["balances"]["lawful"]["total"] == "62462.64"
    ledger = next(i for i in report["inputs"]["files"] if i["file"].startswith("ledger.xlsx"))
    assert (ledger["rows"], ledger["rejected"]) == (3, 1)
    (padding,) = report["rejected_rows"]
    assert padding["row"] == 5 and f"{LAST_ROW:,}" in padding["reason"]
    code, md, err = run_cli("statement", loan, "--format", "md", "-o", "-")
    assert code in (0, 1), err
    assert len(md) < 200_000
    out_pdf = tmp_path / "s.pdf"
    code, _, err = run_cli("statement", loan, "--format", "pdf", "-o", out_pdf)
    assert code in (0, 1), err
    assert out_pdf.stat().st_size < 2_000_000


def test_a_value_on_the_last_row_is_a_problem_naming_that_row(run_cli, loan):
    _padded_ledger(loan, lambda cell: setattr(cell, "value", "2021-10-01"))
    code, out, err = run_cli("verify", loan, "--format", "json")
    assert code == 2
    assert f":{LAST_ROW}" in err and len(err) < 2_000
