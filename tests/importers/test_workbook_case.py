"""A case as one workbook: sheets case (key | value), ledger and payments."""

import datetime as dt
from decimal import Decimal

import openpyxl


def workbook_case(path, case_rows, ledger=None, payments=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "case"
    ws.append(["key", "value"])
    for row in case_rows:
        ws.append(list(row))
    for name, rows in (("ledger", ledger), ("payments", payments)):
        if rows is not None:
            sheet = wb.create_sheet(name)
            for row in rows:
                sheet.append(list(row))
    wb.save(path)
    return path


CASE_ROWS = [
    ("schema", "debtcli/1"), ("[case]", None), ("id", "WB-1"), ("jurisdiction", "none"), ("currency", "CNY"),
    ("[contract]", None), ("signed", dt.date(2024, 1, 1)), ("principal", "10000.00"), ("rate", "12%"),
    ("day_count", "ACT/365"), ("method", "bullet"), ("term_months", 12),
    ("[demand]", None), ("as_of", dt.date(2024, 4, 1)),
]


def test_a_workbook_case_is_verified_like_a_folder(tmp_path, run_json):
    book = workbook_case(
        tmp_path / "case.xlsx", CASE_ROWS,
        ledger=[("日期", "类型", "金额", "余额"), (dt.date(2024, 1, 1), "放款", 10000, 10000),
                (dt.date(2024, 3, 1), "还款", 1000, 9000)],
        payments=[("日期", "金额", "流水号"), (dt.date(2024, 3, 1), 1000, "P1"), (dt.date(2024, 3, 20), 500, "P2")])
    code, report = run_json("verify", book)
    assert report["case"] == "WB-1"
    assert report["payments"]["matched"] == 1
    assert [u["reference"] for u in report["payments"]["unposted"]] == ["P2"]
    # 2024-03-01: interest 10000 x 12% x 60 / 365 = 197.26 is paid first, 802.74 reduces the principal to 9197.26;
    # 2024-03-20 (the unposted P2, credited all the same): 9197.26 x 12% x 19 / 365 = 57.45, 442.55 to principal
    assert round(Decimal(10000) * Decimal("0.12") * 60 / 365, 2) == Decimal("197.26")
    assert round(Decimal("9197.26") * Decimal("0.12") * 19 / 365, 2) == Decimal("57.45")
    assert report["balances"]["contractual"]["principal"] == str(Decimal("9197.26") - (500 - Decimal("57.45")))
    assert [(i["file"], i["rows"], i["rejected"]) for i in report["inputs"]["files"]] == [
        ("case.xlsx", 1, 0), ("case.xlsx", 2, 0), ("case.xlsx", 2, 0)]


def test_a_workbook_case_problem_names_the_sheet_and_row(tmp_path, run_cli):
    rows = [r for r in CASE_ROWS if r[0] != "rate"] + [("rate", None)]
    book = workbook_case(tmp_path / "case.xlsx", rows)
    code, out, err = run_cli("verify", book)
    assert code == 2
    assert f"error: case.xlsx[case]:{len(rows) + 1} column B: rate: no value" in err.splitlines()
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "other.xlsx")
    code, out, err = run_cli("verify", tmp_path / "other.xlsx")
    assert code == 2
    assert "error: other.xlsx: a case workbook needs a sheet named case; the sheets are: Sheet1" in err.splitlines()


def test_two_files_for_one_table_is_an_error_not_a_choice(tmp_path, run_cli):
    (tmp_path / "case.toml").write_text(
        'schema = "debtcli/1"\n[case]\nid = "T-2"\njurisdiction = "none"\n[contract]\nsigned = 2024-01-01\n'
        'principal = "1000.00"\nrate = "12%"\nmethod = "bullet"\nterm_months = 12\n', encoding="utf-8")
    (tmp_path / "payments.csv").write_text("date,amount\n2024-02-01,100.00\n", encoding="utf-8")
    workbook_case(tmp_path / "payments.xlsx", [])
    code, out, err = run_cli("verify", tmp_path)
    assert code == 2
    assert ("error: payments.xlsx: two payments files in the case folder (payments.csv, payments.xlsx); keep one, "
            "or name the ones to read in case.toml [files]" in err.splitlines())
