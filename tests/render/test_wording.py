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
