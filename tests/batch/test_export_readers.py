"""A portfolio export is read through the same readers and profiles as a single case: Chinese
headers, GBK text, a title row above a workbook's header, a profile beside a table, and a bad row
rejected with its location while the other accounts are verified."""

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import portfolio_gen  # noqa: E402

CN_TYPES = {"disbursement": "放款", "payment": "还款", "fee": "手续费"}
LOCATION_KEYS = {"file", "row", "sheet", "sha256", "raw", "source", "inputs", "case"}


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def without_locations(obj):
    """A result line without where its evidence came from (file names and row numbers differ)."""
    if isinstance(obj, dict):
        return {k: without_locations(v) for k, v in obj.items() if k not in LOCATION_KEYS}
    if isinstance(obj, list):
        return [without_locations(v) for v in obj]
    return obj


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, rows, encoding="utf-8") -> None:
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)


@pytest.fixture(scope="module")
def canonical(tmp_path_factory):
    out = tmp_path_factory.mktemp("portfolio")
    return portfolio_gen.write_portfolio(out, 30, seed=5, layout="export", error_rate=0.3)


def _chinese_export(source: Path, dest: Path) -> None:
    """The same portfolio as a core banking system exports it: GBK CSV with Chinese headers, the
    account key called 借据号, and the ledger as a workbook with a title above its header."""
    from openpyxl import Workbook

    dest.mkdir()
    terms = _rows(source / "accounts.csv")
    terms[0][0] = "借据号"
    _write(dest / "accounts.csv", terms, "gbk")

    pays = _rows(source / "payments.csv")
    assert pays[0] == ["account_id", "date", "amount", "reference", "payer", "channel"]
    pays[0] = ["借据号", "还款日期", "还款金额(元)", "交易流水号", "付款人", "还款方式"]
    _write(dest / "payments.csv", pays, "gbk")

    ledger = _rows(source / "ledger.csv")
    assert ledger[0] == ["account_id", "date", "type", "amount", "reference", "memo"]
    wb = Workbook()
    ws = wb.active
    ws.title = "贷款分户账"
    ws.append(["某某银行 贷款分户账明细"])
    ws.append(["借据号", "交易日期", "交易类型", "发生额", "流水号", "备注"])
    for account, day, typ, amount, ref, memo in ledger[1:]:
        ws.append([account, day, CN_TYPES[typ], float(amount), ref, memo])
    wb.save(dest / "ledger.xlsx")


def test_chinese_gbk_and_a_titled_workbook_give_the_same_lines_as_canonical_csv(tmp_path, run_cli, canonical):
    cn = tmp_path / "cn"
    _chinese_export(canonical, cn)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    code_a, _, _ = run_cli("batch", canonical, "--out", a)
    code_b, _, err = run_cli("batch", cn, "--out", b)
    assert code_a == code_b
    la, lb = lines(a), lines(b)
    assert [x["account"] for x in la] == [x["account"] for x in lb]
    assert [without_locations(x) for x in la] == [without_locations(x) for x in lb]
    # every row used: the same counts of ledger and payment rows per account
    assert [[i["rows"] for i in x["inputs"]["files"]] for x in la if "inputs" in x] == \
           [[i["rows"] for i in x["inputs"]["files"]] for x in lb if "inputs" in x]
    assert lb[0]["inputs"]["files"][1]["file"] == "ledger.xlsx[贷款分户账]"
    # the title row is listed among the rows that belong to no account, with its location
    assert "ledger.xlsx: 1 row(s)" in err and "row 1" in err


def _one_account(folder: Path) -> None:
    # 10,000.00 lent on 2023-01-01 at 12% a year, ACT/365, repaid in one sum on 2024-01-01.
    # Interest to 2024-01-01: 10000 x 12% x 365 / 365 = 1,200.00; the borrower paid 1,200.00 then,
    # so 10,000.00 is owed, which is what the demand asks.
    _write(folder / "accounts.csv",
           [["account_id", "signed", "principal", "rate", "day_count", "method", "maturity", "interest_method",
             "demand_as_of", "demand_principal", "demand_interest", "demand_total"],
            ["A1", "2023-01-01", "10000.00", "12%", "ACT/365", "bullet", "2024-01-01", "daily", "2024-01-01",
             "10000.00", "0.00", "10000.00"]])


def test_a_profile_beside_an_export_table_is_applied(tmp_path, run_cli):
    _one_account(tmp_path)
    # the bank's own headers and payments shown as negative amounts: only the profile explains them
    _write(tmp_path / "payments.csv", [["账号", "到账时间", "到账金额"], ["A1", "2024/01/01", "-1200.00"]])
    (tmp_path / "payments.profile.toml").write_text(
        'kind = "payments"\nnegate = true\n[columns]\ndate = "到账时间"\namount = "到账金额"\n', encoding="utf-8")
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", tmp_path, "--rules", "none", "--out", out)
    (line,) = lines(out)
    assert code == 0, err
    assert line["inputs"]["files"][1]["rows"] == 1 and line["inputs"]["files"][1]["rejected"] == 0
    assert line["balances"]["lawful"]["interest"] == "0.00"
    assert line["balances"]["lawful"]["principal"] == "10000.00"
    assert line["findings"] == []


def test_a_broken_profile_is_refused_with_its_name(tmp_path, run_cli):
    _one_account(tmp_path)
    _write(tmp_path / "payments.csv", [["account_id", "date", "amount"], ["A1", "2024-01-01", "1200.00"]])
    (tmp_path / "payments.profile.toml").write_text('negat = true\n', encoding="utf-8")
    code, _, err = run_cli("batch", tmp_path, "--out", tmp_path / "r.jsonl")
    assert code == 2
    assert "payments.profile.toml" in err and "negat" in err
    assert "Traceback" not in err


def test_a_bad_row_is_rejected_with_its_location_and_the_run_goes_on(tmp_path, run_cli):
    from openpyxl import Workbook

    _one_account(tmp_path)
    terms = _rows(tmp_path / "accounts.csv")
    terms.append(["A2"] + terms[1][1:])
    _write(tmp_path / "accounts.csv", terms)
    wb = Workbook()
    ws = wb.active
    ws.title = "ledger"
    ws.append(["账号", "日期", "类型", "金额"])
    ws.append(["A1", "2023-01-01", "放款", 10000])
    ws.append(["A2", "2023-01-01", "放款", "1O000"])  # a letter O for a zero
    wb.save(tmp_path / "ledger.xlsx")
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", tmp_path, "--rules", "none", "--out", out)
    assert code == 2
    a1, a2 = lines(out)
    assert "error" not in a1 and a1["inputs"]["files"][1]["rows"] == 1
    assert a2["error"] == "the case could not be read"
    assert any((p["file"], p["sheet"], p["row"]) == ("ledger.xlsx", "ledger", 3) and p["message"].startswith("amount")
               for p in a2["problems"]), a2["problems"]
    assert "Traceback" not in err
