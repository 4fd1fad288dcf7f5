"""Statement wording (issue 10): the verdict labels each figure, rates print with at most 4 decimals,
a card statement shows the card's terms. Driven through the CLI; figures checked by hand."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()
CASES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml"))


def md(case: Path, lang: str, *extra: str) -> str:
    res = runner.invoke(app, ["statement", str(case), "-o", "-", "--format", "md", "--lang", lang, *extra])
    assert res.exit_code in (0, 1), res.output
    return res.stdout


def amount(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


LOAN_85 = """schema = "debtcli/1"
[case]
id = "R85"
jurisdiction = "none"
currency = "CNY"
language = "zh"
[contract]
signed = 2024-01-01
principal = "12000.00"
rate = "8.5%"
method = "equal_installment"
term_months = 12
first_due = 2024-02-01
interest_method = "per_period"
"""


@pytest.fixture
def loan_85(tmp_path) -> Path:
    (tmp_path / "case.toml").write_text(LOAN_85, encoding="utf-8")
    return tmp_path


def test_monthly_rate_is_written_with_four_decimals_and_its_derivation(loan_85):
    # 8.5% a year per period: 8.5 / 12 = 0.708333...% a month, printed 0.7083%; the first period's interest is
    # 12,000.00 x 0.085 / 12 = 85.00
    zh = md(loan_85, "zh")
    assert "按月利率 0.7083%（年利率 8.5% ÷ 12）计算" in zh
    first = re.search(r"以本金 12,000\.00 元为基数，按月利率 0\.7083%（年利率 8\.5% ÷ 12）计算.*?计 ([\d,.]+) 元", zh)
    assert first and amount(first.group(1)) == Decimal("12000.00") * Decimal("0.085") / 12
    en = md(loan_85, "en")
    assert "at 0.7083% a month (8.5% a year ÷ 12)" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_rate_has_more_than_four_decimals(loan_85, lang):
    for case in [*CASES, loan_85]:
        text = md(case, lang)
        long = [m.group(0) for m in re.finditer(r"\d+\.(\d+)%", text) if len(m.group(1)) > 4]
        assert not long, (case.name, long[:3])


def test_zh_verdict_labels_each_figure():
    # private-loan: the demand's total is 130,163.30 (case.toml [demand] total); whatever the lawful balance, the
    # verdict names all three figures and the excess is their difference
    text = md(EXAMPLES / "private-loan", "zh")
    m = re.search(r"结论：催收金额 ([\d,.]+)，依法可主张 ([\d,.]+)，超出 ([\d,.]+)（CNY）。", text)
    assert m, text[:800]
    demanded, lawful, over = (amount(g) for g in m.groups())
    assert demanded == Decimal("130163.30")
    assert demanded - lawful == over


def test_en_verdict_labels_each_figure():
    text = md(EXAMPLES / "card-default", "en")
    m = re.search(r"Verdict: demanded ([\d,.]+), lawful ([\d,.]+), above the lawful balance by ([\d,.]+) \(CNY\)", text)
    assert m
    demanded, lawful, over = (amount(g) for g in m.groups())
    # card-default's case.toml: the demand totals 6,111.00 and 5.10 of its interest is interest on fees
    assert demanded == Decimal("6111.00") and over == Decimal("5.10") and demanded - lawful == over


def _header(text: str) -> str:
    return text.split("\n## ", 2)[1]


def test_card_statement_header_shows_the_cards_terms():
    zh = _header(md(EXAMPLES / "card-default", "zh"))
    # card-default's case.toml: rate 0.05%/day, statement_day 5, due_day 23, grace 3, full_balance, 10% minimum,
    # late penalty 5% (10.00 to 500.00), credit limit 10,000.00
    for expected in ("**透支利率**: 日利率 0.05%", "**账单日**: 每月 5 日", "**到期还款日**: 每月 23 日",
                     "**宽限期**: 3 天", "**计息方式**: 全额计息", "新增本金的 10%",
                     "最低还款额未还部分的 5%，最低 10.00，最高 500.00", "**信用额度**: 10,000.00 CNY"):
        assert expected in zh, expected
    for wrong in ("到期一次还本付息", "合同本金", ": 0.00 CNY", "/day"):
        assert wrong not in zh, wrong
    en = _header(md(EXAMPLES / "card-default", "en"))
    for expected in ("**Card rate**: 0.05%/day", "**Statement day**: day 5 of each month",
                     "**Payment due**: day 23 of each month", "**Interest model**: full balance"):
        assert expected in en, expected
    assert "bullet" not in en and "Contract principal" not in en


def test_a_loan_rate_written_with_latin_units_is_said_in_chinese(tmp_path):
    (tmp_path / "case.toml").write_text(LOAN_85.replace('rate = "8.5%"', 'rate = "0.6%/month"'), encoding="utf-8")
    header = _header(md(tmp_path, "zh"))
    assert "**合同利率**: 月利率 0.6%" in header and "/month" not in header


def test_payment_statuses_are_words_of_the_language():
    res = runner.invoke(app, ["verify", str(EXAMPLES / "messy-loan"), "--lang", "zh"], env={"COLUMNS": "200"})
    assert "已匹配" in res.stdout and "未入账" in res.stdout
    assert not re.search(r"\b(matched|unposted|recorded)\b", res.stdout)


def verify_json(case: Path, lang: str = "zh") -> dict:
    import json

    res = runner.invoke(app, ["verify", str(case), "--format", "json", "--lang", lang])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


FEE_CASE = """schema = "debtcli/1"
[case]
id = "FEE-1"
jurisdiction = "cn"
lender_kind = "individual"
currency = "CNY"
language = "zh"
[contract]
signed = 2024-01-01
principal = "10000.00"
rate = "12%"
day_count = "ACT/365"
method = "bullet"
term_months = 12
[demand]
as_of = 2024-07-01
principal = "10000.00"
interest = "600.00"
fees = "300.00"
total = "10900.00"
"""


def test_a_charge_demanded_and_posted_is_one_finding_citing_both(tmp_path):
    (tmp_path / "case.toml").write_text(FEE_CASE, encoding="utf-8")
    (tmp_path / "ledger.csv").write_text("date,type,amount,reference,memo\n"
                                         "2024-01-01,disbursement,10000.00,D1,loan\n"
                                         "2024-03-01,fee,300.00,F1,collection service fee\n", encoding="utf-8")
    rep = verify_json(tmp_path)
    fees = [f for f in rep["findings"] if f["code"] == "UNAUTHORIZED_CHARGE"]
    assert len(fees) == 1, fees
    (f,) = fees
    assert f["component"] == "fees" and f["amount"] == "300.00"
    where = {(e["file"], e.get("column"), e.get("row")) for e in f["evidence"]}
    assert ("case.toml", "demand.fees", None) in where
    assert any(file == "ledger.csv" and row == 3 for file, _, row in where)  # header is row 1, the fee row 3
    assert "台账亦记入该项（2024-03-01 300.00，合计 300.00）" in f["message"] and "合同未约定" in f["message"]
    assert "demanded and posted in the ledger" in f["message_en"]


def test_a_charge_only_in_the_ledger_stays_a_ledger_finding(tmp_path):
    (tmp_path / "case.toml").write_text(FEE_CASE.replace('fees = "300.00"\ntotal = "10900.00"', 'total = "10600.00"'),
                                        encoding="utf-8")
    (tmp_path / "ledger.csv").write_text("date,type,amount,reference,memo\n"
                                         "2024-03-01,fee,300.00,F1,collection service fee\n", encoding="utf-8")
    (f,) = [f for f in verify_json(tmp_path)["findings"] if f["code"] == "UNAUTHORIZED_CHARGE"]
    assert [e["file"] for e in f["evidence"]] == ["ledger.csv"]


OVERPAID = """schema = "debtcli/1"
[case]
id = "OVER-1"
jurisdiction = "cn"
lender_kind = "individual"
currency = "CNY"
language = "zh"
[contract]
signed = 2023-01-01
principal = "10000.00"
rate = "12%"
day_count = "ACT/365"
method = "bullet"
term_months = 12
[demand]
as_of = 2024-06-30
principal = "0.00"
total = "0.00"
"""


def test_an_overpayment_is_a_credit_due_to_the_borrower(tmp_path):
    # 10,000.00 at 12% for 2023-01-01 .. 2024-01-01 (365 days, ACT/365): interest 1,200.00; owed 11,200.00 at
    # maturity. 12,000.00 paid that day leaves 800.00 paid beyond the debt.
    (tmp_path / "case.toml").write_text(OVERPAID, encoding="utf-8")
    (tmp_path / "payments.csv").write_text("date,amount,reference\n2024-01-01,12000.00,P1\n", encoding="utf-8")
    rep = verify_json(tmp_path)
    assert rep["credit"] == {"contractual": "800.00", "lawful": "800.00"}
    (f,) = [f for f in rep["findings"] if f["code"] == "OVERPAYMENT"]
    assert f["amount"] == "-800.00" and "800.00" in f["message"] and "应退还借款人" in f["message"]
    term = runner.invoke(app, ["verify", str(tmp_path), "--lang", "zh"], env={"COLUMNS": "200"}).stdout
    assert "借款人已多付 800.00（CNY），应退还借款人。" in term
    text = md(tmp_path, "zh")
    assert "借款人已多付 800.00（CNY），应退还借款人。" in text
    assert re.search(r"\| \*溢缴款（应退还借款人）\* \|  \| \*800\.00\* \| \*800\.00\* \|", text)
    assert "a credit due to the borrower" in md(tmp_path, "en")


def test_no_credit_line_when_nothing_is_overpaid():
    rep = verify_json(EXAMPLES / "bank-loan")
    assert rep["credit"] == {"contractual": "0.00", "lawful": "0.00"}
    assert "OVERPAYMENT" not in {f["code"] for f in rep["findings"]}
    assert "溢缴款" not in md(EXAMPLES / "bank-loan", "zh")


MISSED = """schema = "debtcli/1"
[case]
id = "LATE-1"
jurisdiction = "none"
currency = "CNY"
language = "zh"
[contract]
signed = 2024-01-01
principal = "12000.00"
rate = "12%"
method = "equal_principal"
term_months = 12
first_due = 2024-02-01
interest_method = "per_period"
{extra}
"""


def test_late_fee_on_the_missed_installment_has_its_computation_line(tmp_path):
    # equal principal, per period: installment 1 (due 2024-02-01) is 12,000.00 / 12 = 1,000.00 of principal plus
    # 12,000.00 x 12% / 12 = 120.00 of interest = 1,120.00; nothing paid, so the 5% late fee is 1,120.00 x 5% = 56.00
    (tmp_path / "case.toml").write_text(MISSED.format(extra='late_fee = "5%"'), encoding="utf-8")
    zh = md(tmp_path, "zh", "--as-of", "2024-03-15", "--no-demand")
    m = re.search(r"以第 1 期（2024年2月1日 到期）未还金额 ([\d,.]+) 元为基数，按 5% 计算，计 ([\d,.]+) 元", zh)
    assert m, zh[zh.index("## 计算过程"):][:1500]
    assert amount(m.group(1)) == Decimal("1000.00") + Decimal("120.00")
    assert amount(m.group(2)) == Decimal("1120.00") * Decimal("0.05")
    en = md(tmp_path, "en", "--as-of", "2024-03-15", "--no-demand")
    assert "late fee: 5% of the unpaid part of installment 1 (due 1 Feb 2024), 1,120.00: 56.00" in en


def test_a_fixed_penalty_names_the_installment_missed(tmp_path):
    (tmp_path / "case.toml").write_text(MISSED.format(extra='penalty = "500.00"'), encoding="utf-8")
    zh = md(tmp_path, "zh", "--as-of", "2024-03-15", "--no-demand")
    assert "第 1 期（2024年2月1日 到期）款项未按期偿还，按合同约定违约金 500.00 元" in zh


def test_card_late_penalty_lines_are_five_percent_of_the_unpaid_minimum():
    zh = md(EXAMPLES / "card-default", "zh")
    lines = re.findall(r"以(\d{4})年(\d+)月(\d+)日 到期的最低还款额未还部分 ([\d,.]+) 元为基数，按 5% 计算，计 ([\d,.]+) 元", zh)
    assert len(lines) >= 4
    for *_, base, charged in lines:
        # late_penalty = { rate = "5%", min = "10.00", max = "500.00" }: within the bounds it is 5% rounded half up
        expected = (amount(base) * Decimal("0.05")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        expected = min(max(expected, Decimal("10.00")), Decimal("500.00"))
        assert amount(charged) == expected
    # the statement of 2024-04-05 shows an unpaid minimum of 597.37 due 2024-03-23: 597.37 x 5% = 29.87
    assert ("2024", "3", "23", "597.37", "29.87") in lines


def test_late_fee_on_the_unpaid_principal_names_that_base(tmp_path):
    # late_fee = { rate = "5%", base = "principal" }: 5% of installment 1's unpaid principal, 12,000.00 / 12 = 1,000.00 -> 50.00
    extra = 'late_fee = { rate = "5%", base = "principal" }'
    (tmp_path / "case.toml").write_text(MISSED.format(extra=extra), encoding="utf-8")
    zh = md(tmp_path, "zh", "--as-of", "2024-03-15", "--no-demand")
    m = re.search(r"以第 1 期（2024年2月1日 到期）未还本金 ([\d,.]+) 元为基数，按 5% 计算，计 ([\d,.]+) 元", zh)
    assert m, zh[zh.index("## 计算过程"):][:1200]
    assert amount(m.group(1)) == Decimal("1000.00") and amount(m.group(2)) == Decimal("50.00")
