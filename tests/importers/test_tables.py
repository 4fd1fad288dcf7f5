"""Reading real-world tables: encodings, delimiters, Chinese headers and words, workbooks."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from debtcli.importers import readers
from debtcli.importers.columns import ledger_type, match_headers
from debtcli.importers.tables import cell_date, read_table

PAYMENTS_ZH = "交易日期,交易金额(元),交易流水号,付款人户名,交易渠道\n2024年1月5日,\"1,858.12\",A1,王五,柜面\n" \
              "2024/2/5,1858.12,A2,王五,手机银行\n"


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig"),
                                               ("gbk", "gb18030"), ("gb18030", "gb18030")])
def test_encodings_are_detected(tmp_path, encoding, expected):
    path = tmp_path / "payments.csv"
    path.write_bytes(PAYMENTS_ZH.encode(encoding))
    t = read_table(path, "payments")
    assert t.encoding == expected
    assert [(r.date, r.amount, r.reference, r.payer, r.channel) for r in t.records] == [
        (dt.date(2024, 1, 5), Decimal("1858.12"), "A1", "王五", "柜面"),
        (dt.date(2024, 2, 5), Decimal("1858.12"), "A2", "王五", "手机银行"),
    ]
    assert t.errors == [] and t.rejected == []


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path, delimiter):
    path = tmp_path / "payments.csv"
    path.write_text(delimiter.join(["date", "amount", "reference"]) + "\n"
                    + delimiter.join(["2024-01-05", "100.50", "R1"]) + "\n", encoding="utf-8")
    t = read_table(path, "payments")
    assert t.delimiter == delimiter
    assert [(r.amount, r.reference) for r in t.records] == [(Decimal("100.50"), "R1")]


def test_chinese_headers_map_to_canonical_columns():
    header = ["交易日期", "记账日期", "摘要", "借方发生额", "贷方发生额", "余额", "凭证号", "柜员"]
    cols = match_headers(header, ("date", "posted", "type", "amount", "debit", "credit", "reference", "memo",
                                  "balance"))
    assert cols == {"date": 0, "posted": 1, "type": 2, "debit": 3, "credit": 4, "reference": 6, "balance": 5}


@pytest.mark.parametrize("word,expected", [
    ("还款", "payment"), ("归还本金", "payment"), ("归还利息", "payment"), ("结息", "interest"), ("利息", "interest"),
    ("罚息", "default_interest"), ("逾期利息", "default_interest"), ("复利", "compound_interest"),
    ("手续费", "fee"), ("违约金", "penalty"), ("诉讼费", "cost"), ("律师费", "cost"), ("贷款发放", "disbursement"),
    ("减免罚息", "waiver"), ("核销", "write_off"), ("Default Interest", "default_interest"), ("payment", "payment"),
    ("神秘费", None),
])
def test_transaction_words(word, expected):
    assert ledger_type(word) == expected


def test_ledger_with_debit_credit_and_running_balance(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text("记账日期,摘要,借方,贷方,余额,凭证号\n2024-01-01,贷款发放,\"10,000.00\",,10000.00,V1\n"
                    "2024-02-01,结息,100.00,,10100.00,V2\n2024-02-01,还款,,600.00,9500.00,V3\n"
                    "2024-03-01,冲正,,50.00,9450.00,V4\n", encoding="utf-8")
    t = read_table(path, "ledger")
    assert [(r.type, r.amount, r.balance) for r in t.records] == [
        ("disbursement", Decimal("10000.00"), Decimal("10000.00")),
        ("interest", Decimal("100.00"), Decimal("10100.00")),
        ("payment", Decimal("600.00"), Decimal("9500.00")),
        ("adjustment", Decimal("-50.00"), Decimal("9450.00")),  # a credit adjustment lowers the balance
    ]


def test_title_rows_totals_and_empty_rows_are_rejected_not_lost(tmp_path):
    path = tmp_path / "ledger.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分户账"
    ws.append(["某银行 贷款分户账"])
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["记账日期", "摘要", "发生额", "余额"])
    ws.append([dt.date(2024, 1, 5), "贷款发放", 1000, 1000])
    ws.append([45327, "结息", 12.34, 1012.34])  # an Excel serial number: 45327 days after 1899-12-30
    ws.append([None, None, None, None])
    ws.append(["合计", None, 1012.34, None])
    wb.save(path)
    t = read_table(path, "ledger")
    assert t.sheet == "分户账" and t.header_row == 3
    assert [(r.date, r.type, r.amount, r.source.row) for r in t.records] == [
        (dt.date(2024, 1, 5), "disbursement", Decimal("1000"), 4),
        (dt.date(1899, 12, 30) + dt.timedelta(days=45327), "interest", Decimal("12.34"), 5),
    ]
    assert dt.date(1899, 12, 30) + dt.timedelta(days=45327) == dt.date(2024, 2, 5)
    assert [(x.source.row, x.reason) for x in t.rejected] == [
        (1, "above the header row (a title or note)"), (2, "empty row"), (6, "empty row"),
        (7, "a total line, not a posting")]
    assert t.used + len(t.rejected) + 1 == t.rows_seen == 7


def test_workbook_floats_become_exact_decimals(tmp_path):
    path = tmp_path / "payments.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["date", "amount"])
    for v in (1858.12, 0.1, 1234567.89, 100):
        ws.append([dt.date(2024, 1, 5), v])
    wb.save(path)
    t = read_table(path, "payments")
    assert [r.amount for r in t.records] == [Decimal("1858.12"), Decimal("0.1"), Decimal("1234567.89"),
                                             Decimal("100")]


def test_duplicates_and_reused_references_are_kept_and_flagged(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_text("date,amount,reference\n2024-01-05,100.00,R1\n2024-01-05,100.00,R1\n2024-02-05,200.00,R1\n",
                    encoding="utf-8")
    t = read_table(path, "payments")
    assert len(t.records) == 3
    assert [str(i) for i in t.issues] == [
        "payments.csv:3: the same as row 2 (kept: an exact duplicate may be a double posting)",
        "payments.csv:4: reference 'R1' is used again (first on row 2); both rows are kept",
    ]
    assert all(i.severity == "warning" for i in t.issues)


@pytest.mark.parametrize("text,expected", [
    ("2024-01-05", dt.date(2024, 1, 5)), ("2024/1/5", dt.date(2024, 1, 5)), ("2024年1月5日", dt.date(2024, 1, 5)),
    ("20240105", dt.date(2024, 1, 5)), ("2024-01-05 10:30:00", dt.date(2024, 1, 5)), ("45296", dt.date(2024, 1, 5)),
])
def test_dates_as_staff_write_them(text, expected):
    assert cell_date(text) == expected


def test_zip_cap_is_checked_before_opening(tmp_path, monkeypatch):
    path = tmp_path / "payments.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["date", "amount"])
    wb.save(path)
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(readers.ReadError, match=r"^refused: the workbook would inflate to 0 MiB, above the limit"):
        readers.check_workbook(Path(path))
