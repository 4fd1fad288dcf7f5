"""A contract that names no order of payments is read under its jurisdiction's law, the same way by
every command: `balance` and `verify`'s "per contract" column give one figure, and the conventions
say where the order came from.

The case, worked by hand: 12,000.00 at 12% a year, interest only, interest by the period
(12,000.00 x 12% / 12 = 120.00 a month), first due 2024-02-15, no grace days; a service fee of
100.00 charged on signing (2024-01-15). On the first due date the borrower pays 150.00: the fee and
the first month's interest are both due that day, neither is overdue yet.

* cn, Civil Code Art. 561 (costs, then interest, then principal; the pack puts fees after interest):
  interest 120.00 is met first, then 30.00 of the fee. On 2024-03-01: fees 70.00, interest owed is
  only what accrues from 2024-02-15 (not yet due). The unpaid fee stays due, not overdue.
* debtcli's default (``--rules none``, or an agreed order): charges first: the fee 100.00, then
  50.00 of the interest: fees 0.00 and 70.00 of the first month's interest unpaid, overdue from
  2024-02-16. No default or compound interest is agreed, so nothing runs on it: the totals agree.
"""

from decimal import Decimal

CASE = """schema = "debtcli/1"
[case]
id = "A-1"
jurisdiction = "cn"
lender_kind = "company"
[contract]
signed = 2024-01-15
principal = "12000.00"
rate = "12%"
method = "interest_only"
interest_method = "per_period"
term_months = 3
first_due = 2024-02-15
grace_days = 0
{order}
[[contract.fee]]
name = "service fee"
amount = "100.00"
date = 2024-01-15
"""


def _case(tmp_path, order=""):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.toml").write_text(CASE.format(order=order), encoding="utf-8")
    (folder / "payments.csv").write_text("date,amount,reference\n2024-02-15,150.00,P1\n", encoding="utf-8")
    return folder


def _balance(run_json, folder, *extra, lang="en"):
    _, doc = run_json("balance", folder, "--as-of", "2024-03-01", *extra)
    conventions = doc["conventions_zh" if lang == "zh" else "conventions"]
    return {k: Decimal(v) for k, v in doc["balance"].items()}, conventions["allocation"]


def _verify(run_json, folder, *extra):
    _, doc = run_json("verify", folder, "--as-of", "2024-03-01", "--lang", "en", *extra)
    return {k: Decimal(v) for k, v in doc["balances"]["contractual"].items()}, doc["conventions"]["allocation"]


def test_a_silent_contract_under_cn_meets_interest_before_the_fee(run_json, tmp_path):
    folder = _case(tmp_path)
    balance, said = _balance(run_json, folder)
    contractual, _ = _verify(run_json, folder)
    assert balance["fees"] == Decimal("70.00")
    assert balance == contractual  # one contractual figure, whichever command asks
    assert "contract silent: Civil Code Art. 561" in said
    _, said_zh = _balance(run_json, folder, lang="zh")
    assert "合同未约定，依《中华人民共和国民法典》第五百六十一条" in said_zh


def test_debtcli_default_order_meets_the_fee_first(run_json, tmp_path):
    folder = _case(tmp_path)
    cn, _ = _verify(run_json, folder)
    none, said = _verify(run_json, folder, "--rules", "none")
    assert none["fees"] == Decimal("0.00")
    assert none["interest"] - cn["interest"] == Decimal("70.00")
    assert none["total"] == cn["total"]  # no interest runs on the fee or on interest here
    assert said.endswith("(contract silent: costs, charges and interest before principal)")


def test_an_agreed_order_is_the_contract_s_and_says_so(run_json, tmp_path):
    folder = _case(tmp_path, order='allocation = ["fees", "interest", "principal"]')
    balance, said = _balance(run_json, folder)
    contractual, _ = _verify(run_json, folder)
    assert balance["fees"] == Decimal("0.00") and balance == contractual
    assert "silent" not in said and said.startswith("overdue:fees, overdue:interest")
