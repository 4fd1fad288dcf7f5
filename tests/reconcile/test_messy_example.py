"""examples/messy-loan: an Excel ledger with a title and a running balance, a GBK bank statement with
Chinese headers, and one repayment the bank never posted."""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from tests.conftest import EXAMPLES

CASE = EXAMPLES / "messy-loan"


def cents(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def schedule(principal=Decimal("36000.00"), annual=Decimal("0.084"), n=12):
    """等额本息 by hand: installment = P r / (1 - (1 + r)^-n) rounded; each month's interest is the
    remaining principal x 8.4% / 12 rounded; principal = installment - interest."""
    r = annual / 12
    installment = cents(principal * r / (1 - (1 + r) ** -n))
    rows, remaining = [], principal
    for k in range(1, n + 1):
        interest = cents(remaining * r)
        part = installment - interest if k < n else remaining
        remaining -= part
        rows.append((interest, part, remaining))
    return installment, rows


def test_the_example_reconciles_with_one_unposted_payment(run_json):
    installment, rows = schedule()
    assert installment == Decimal("3138.25")
    code, report = run_json("verify", CASE)
    assert code == 1
    unposted = [f for f in report["findings"] if f["code"] == "UNPOSTED_PAYMENT"]
    assert len(unposted) == 1
    assert unposted[0]["evidence"] == [{"file": "payments.csv", "row": 5}]
    assert report["payments"]["unposted"] == [{"date": "2024-05-15", "amount": str(installment),
                                               "reference": "2024051591034",
                                               "evidence": {"file": "payments.csv", "row": 5}}]
    assert report["payments"]["matched"] == 5 and report["payments"]["unverified"] == []
    # The replay credits all six repayments, so on 2024-07-15 (the 6th due date, paid) only the
    # principal not yet due is owed: what remains after six installments.
    assert report["balances"]["contractual"]["total"] == str(rows[5][2]) == "18376.60"
    assert report["payments"]["total"] == str(6 * installment)
    # The ledger's balance never took the 2024-05-15 repayment off: it is one installment too high.
    assert report["balances"]["demanded"]["total"] == str(rows[5][2] + installment)
    assert report["balances"]["excess"]["total"] == str(installment)
    # The ledger's interest postings are the contract's, and its running balance adds up.
    assert not [f for f in report["findings"] if f["code"] in ("POSTING_MISMATCH", "LEDGER_ARITHMETIC",
                                                               "PAYMENT_MISMATCH", "UNVERIFIED_PAYMENT")]


def test_every_row_of_the_example_is_used_or_rejected(run_json):
    _, report = run_json("verify", CASE)
    counts = {i["file"]: (i["rows"], i["rejected"]) for i in report["inputs"]["files"]}
    assert counts == {"case.toml": (1, 0), "ledger.xlsx": (12, 4), "payments.csv": (6, 2)}
    assert [(r["file"], r["row"], r["reason"]) for r in report["rejected_rows"]] == [
        ("ledger.xlsx", 1, "above the header row (a title or note)"),
        ("ledger.xlsx", 2, "above the header row (a title or note)"),
        ("ledger.xlsx", 3, "empty row"),
        ("ledger.xlsx", 17, "a total line, not a posting"),
        ("payments.csv", 6, "empty row"),
        ("payments.csv", 9, "a total line, not a posting"),
    ]


def test_import_shows_the_files_as_debtcli_reads_them(run_cli):
    installment, rows = schedule()
    code, out, err = run_cli("import", CASE / "ledger.xlsx")
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(out)))
    interest = [Decimal(r["amount"]) for r in table if r["type"] == "interest"]
    assert interest == [i for i, _, _ in rows[:6]]  # 252.00, 231.80, ... as the contract gives them
    assert [r["type"] for r in table].count("payment") == 5
    assert table[5]["date"] == "2024-04-15"  # stored as the Excel serial number 45397
    assert "ledger.xlsx[分户账]: 17 rows: 1 header, 12 used as ledger, 4 rejected" in err
    code, out, err = run_cli("import", CASE / "payments.csv")
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(out)))
    assert [(r["date"], r["amount"], r["payer"]) for r in table][:2] == [("2024-02-15", "3138.25", "王五"),
                                                                        ("2024-03-15", "3138.25", "王五")]
    assert "payments.csv: 9 rows: 1 header, 6 used as payments, 2 rejected" in err
    assert (CASE / "payments.csv").read_bytes().decode("gbk").startswith("交易日期")
