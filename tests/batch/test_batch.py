"""debtcli batch, driven as a user runs it: a generated portfolio with planted errors is scored,
and the output is checked for order, resume, the summary workbook and problems in the source."""

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import portfolio_gen  # noqa: E402

N = 50


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    out = tmp_path_factory.mktemp("portfolio")
    source = portfolio_gen.write_portfolio(out, N, seed=11, layout="export", error_rate=0.3)
    return out, source


@pytest.mark.parametrize("layout", ["export", "folders"])
def test_every_planted_error_is_found_and_no_clean_account_is_flagged(tmp_path, run_cli, layout):
    source = portfolio_gen.write_portfolio(tmp_path, N, seed=3, layout=layout, error_rate=0.3)
    out = tmp_path / "results.jsonl"
    code, _, err = run_cli("batch", source, "--rules", "none", "--out", out)
    score = portfolio_gen.score(out, tmp_path / "answers.jsonl")
    assert score["planted"] >= 8, score  # the seed plants enough errors of every kind to mean something
    kinds = {json.loads(x)["kind"] for x in (tmp_path / "answers.jsonl").read_text().splitlines()}
    assert {"clean", "inflated", "unposted", "unauthorized_fee"} <= kinds
    assert score["missed"] == [] and score["false_flags"] == [] and score["not_in_results"] == [], score
    assert score["found"] == score["planted"]
    assert code == 1, err  # flagged accounts, every account readable


def test_clean_accounts_with_a_service_fee_are_not_flagged_under_cn(tmp_path, run_cli):
    """The creditor's figures of a clean account come from the contract read the way the cn pack
    reads it: with no order of payments agreed, Civil Code Art. 561 (interest before the fee). Account
    29 of seed 7 (a licensed lender's loan with a service fee on signing, paid late) was flagged
    126.89 above the lawful balance when ``balance`` and ``verify`` read a silent contract apart."""
    source = portfolio_gen.write_portfolio(tmp_path, 8, seed=7, layout="export", error_rate=0.2,
                                           benchmark=True, start=26)
    answers = [json.loads(x) for x in (tmp_path / "answers.jsonl").read_text().splitlines()]
    assert {"account": "L0000029", "kind": "clean"}.items() <= next(a for a in answers if a["account"] == "L0000029").items()
    assert "service fee" in (source / "accounts.csv").read_text()
    out = tmp_path / "results.jsonl"
    run_cli("batch", source, "--rules", "cn", "--out", out)
    score = portfolio_gen.score(out, tmp_path / "answers.jsonl")
    assert score["false_flags"] == [] and score["missed"] == [] and score["not_in_results"] == [], score


def test_output_is_in_account_order_and_the_same_with_two_workers(tmp_path, run_cli, export):
    _, source = export
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_cli("batch", source, "--rules", "none", "--workers", "1", "--out", one)
    run_cli("batch", source, "--rules", "none", "--workers", "2", "--out", two)
    ids = [x["account"] for x in lines(one)]
    assert ids == sorted(ids) and len(ids) == N
    assert one.read_bytes() == two.read_bytes()


def test_each_line_is_the_verify_object(tmp_path, run_cli, run_json, export):
    _, source = export
    out = tmp_path / "r.jsonl"
    run_cli("batch", source, "--rules", "none", "--out", out)
    first = lines(out)[0]
    assert first["account"] == "L0000001"
    assert set(first) >= {"schema", "case", "as_of", "currency", "rules", "balances", "payments", "findings",
                          "inputs"}
    assert [i["file"] for i in first["inputs"]["files"]] == ["accounts.csv", "ledger.csv", "payments.csv"]


def test_resume_keeps_what_was_written_and_finishes_the_rest(tmp_path, run_cli, export):
    _, source = export
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    run_cli("batch", source, "--rules", "none", "--out", full)
    text = full.read_text(encoding="utf-8").splitlines(keepends=True)
    # an interrupted run: 20 complete lines and one cut short
    part.write_text("".join(text[:20]) + text[20][:57], encoding="utf-8")
    code, _, err = run_cli("batch", source, "--rules", "none", "--out", part, "--resume")
    assert "20 kept from the earlier run" in err
    assert part.read_bytes() == full.read_bytes()


def test_summary_workbook_counts_and_totals(tmp_path, run_cli, export):
    from openpyxl import load_workbook

    out_dir, source = export
    out, xlsx = tmp_path / "r.jsonl", tmp_path / "summary.xlsx"
    run_cli("batch", source, "--rules", "none", "--out", out, "--summary", xlsx)
    results = lines(out)
    flagged = sum(1 for r in results if any(f["severity"] == "error" for f in r["findings"]))
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Summary", "Findings", "Components", "Largest excess", "Unreadable", "Inputs"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Accounts"] == N
    assert summary["Flagged (error findings)"] == flagged
    assert summary["Verified (no error finding)"] == N - flagged
    assert summary["Unreadable"] == 0
    # the unauthorized fees the generator planted, totalled by code and component
    answers = [json.loads(x) for x in (out_dir / "answers.jsonl").read_text().splitlines()]
    planted_fees = sum(Decimal(a["amount"]) for a in answers if a["kind"] == "unauthorized_fee")
    rows = list(wb["Findings"].iter_rows(min_row=2, values_only=True))
    fee_row = next(r for r in rows if r[2] == "UNAUTHORIZED_CHARGE" and r[3] == "fees")
    # each planted fee is posted in the ledger and demanded: one finding citing both (issue 10)
    assert Decimal(str(fee_row[6])) == planted_fees
    # the largest excess comes first
    top = [r[5] for r in wb["Largest excess"].iter_rows(min_row=2, values_only=True)]
    assert top == sorted(top, reverse=True) and len(top) == sum(
        1 for r in results if r["balances"]["excess"]["total"] and Decimal(r["balances"]["excess"]["total"]) > 0)
    inputs = {r[0]: r for r in wb["Inputs"].iter_rows(min_row=2, values_only=True) if r[0]}
    with open(source / "payments.csv", encoding="utf-8") as fh:
        assert inputs["payments.csv"][2] == sum(1 for _ in fh) - 1  # every payment row used


def test_an_exports_tables_are_hashed_once_not_once_per_account(tmp_path, run_cli, export):
    # The Inputs sheet gives each table of an export its own SHA-256; the summary keeps no per-account
    # hash of those tables (one entry per account and table was about 60 MB at 100,000 accounts).
    import hashlib

    from openpyxl import load_workbook

    from debtcli.batch.summary import AccountStats, Summary

    _, source = export
    xlsx = tmp_path / "summary.xlsx"
    run_cli("batch", source, "--rules", "none", "--out", tmp_path / "r.jsonl", "--summary", xlsx)
    inputs = {r[0]: r for r in load_workbook(xlsx)["Inputs"].iter_rows(min_row=2, values_only=True) if r[0]}
    for name in ("accounts.csv", "ledger.csv", "payments.csv"):
        assert inputs[name][4] == hashlib.sha256((source / name).read_bytes()).hexdigest()
    totals = Summary(known_digests=frozenset({"ledger.csv"}))
    for i in range(3):
        totals.add(AccountStats(f"A{i}", f"A{i}", "verified", "CNY",
                                inputs=(("ledger.csv", 5, 0, "ab" * 32), ("case.toml", 1, 0, "cd" * 32))))
    assert totals.inputs["ledger.csv"] == [3, 15, 0, []]
    assert totals.inputs["case.toml"][3] == [(f"A{i}", "cd" * 32) for i in range(3)]


def _write(path: Path, header, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def test_export_figures_against_a_hand_calculation(tmp_path, run_cli):
    # 10,000.00 lent on 2023-01-01 at 12% a year, ACT/365, repaid in one sum on 2024-01-01.
    # Interest to 2024-01-01: 10000 x 12% x 365 / 365 = 1,200.00. The demand asks 1,300.00 interest.
    _write(tmp_path / "accounts.csv",
           ["account_id", "signed", "principal", "rate", "day_count", "method", "maturity", "interest_method",
            "demand_as_of", "demand_principal", "demand_interest", "demand_total"],
           [["A1", "2023-01-01", "10000.00", "12%", "ACT/365", "bullet", "2024-01-01", "daily", "2024-01-01",
             "10000.00", "1300.00", "11300.00"]])
    out = tmp_path / "r.jsonl"
    code, _, _ = run_cli("batch", tmp_path, "--rules", "none", "--out", out)
    (line,) = lines(out)
    assert code == 1
    assert line["balances"]["lawful"]["interest"] == "1200.00"
    assert line["balances"]["excess"]["interest"] == "100.00"
    assert [f["code"] for f in line["findings"]] == ["DEMAND_ABOVE_LAWFUL"]


def test_unsorted_export_gives_the_same_lines(tmp_path, run_cli, export):
    _, source = export
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    for name in ("accounts.csv", "ledger.csv", "payments.csv"):
        rows = list(csv.reader(open(source / name, encoding="utf-8")))
        _write(shuffled / name, rows[0], list(reversed(rows[1:])))
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run_cli("batch", source, "--rules", "none", "--out", a)
    run_cli("batch", shuffled, "--rules", "none", "--out", b)
    la, lb = lines(a), lines(b)
    assert [x["account"] for x in la] == [x["account"] for x in lb]
    # same figures and findings; only the evidence row numbers differ
    assert [x["balances"] for x in la] == [x["balances"] for x in lb]
    assert [[f["code"] for f in x["findings"]] for x in la] == [[f["code"] for f in x["findings"]] for x in lb]


def test_an_unreadable_account_gets_an_error_line_and_the_run_goes_on(tmp_path, run_cli):
    _write(tmp_path / "accounts.csv", ["account_id", "signed", "principal", "rate", "method", "term_months"],
           [["A1", "2023-01-01", "10000.00", "12%", "bullet", "12"],
            ["A2", "2023-01-01", "10000.00", "12 percent", "bullet", "twelve"],
            ["A3", "2023-01-01", "10000.00", "12%", "bullet", "12"]])
    _write(tmp_path / "payments.csv", ["account_id", "date", "amount"],
           [["A1", "2023-06-01", "500.00"], ["A2", "2023-06-01", "5OO.00"], ["A9", "2023-06-01", "1.00"]])
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", tmp_path, "--rules", "none", "--out", out)
    assert code == 2
    a1, a2, a3 = lines(out)
    assert "error" not in a1 and "error" not in a3
    assert a2["error"] == "the case could not be read"
    # each problem is an object a program can sort and filter
    assert all(set(x) == {"file", "sheet", "row", "column", "message"} for x in a2["problems"]), a2["problems"]
    rate = next(x for x in a2["problems"] if x["message"].startswith("rate: found '12 percent'"))
    assert (rate["file"], rate["row"], rate["sheet"]) == ("accounts.csv", 3, None)
    pay = next(x for x in a2["problems"] if x["file"] == "payments.csv")
    assert pay["row"] == 3 and pay["column"] == "amount", pay
    problems = "\n".join(f"{x['file']}:{x['row']}: {x['message']}" for x in a2["problems"])
    assert "accounts.csv:3: rate: found '12 percent'" in problems
    assert "accounts.csv:3: term_months: found 'twelve'" in problems
    assert "payments.csv:3: amount:" in problems
    # the payment row of an account the terms table does not have is reported, not dropped
    assert "payments.csv: 1 row(s) belong to no account (first: row 4" in err


@pytest.mark.parametrize("lang, says", [
    ("en", "the case could not be read: accounts.csv:2: rate: found '12 percent', expected a rate such as"),
    ("zh", "无法读取该案件：accounts.csv:2：rate：读到 '12 percent'，应为利率，如"),
])
def test_the_summary_names_an_unreadable_accounts_first_problem_in_its_language(tmp_path, run_cli, lang, says):
    import openpyxl

    _write(tmp_path / "accounts.csv", ["account_id", "signed", "principal", "rate", "method", "term_months"],
           [["A1", "2023-01-01", "10000.00", "12 percent", "bullet", "12"]])
    code, _, err = run_cli("batch", tmp_path, "--rules", "none", "--out", tmp_path / "r.jsonl",
                           "--summary", tmp_path / "s.xlsx", "--lang", lang)
    assert code == 2, err
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx").worksheets[4]
    (account, problem), = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert account == "A1" and problem.startswith(says), problem
    # the results file stays English, for programs
    assert lines(tmp_path / "r.jsonl")[0]["error"] == "the case could not be read"


@pytest.mark.parametrize("setup, message", [
    (lambda p: None, "no case folders and no accounts table"),
    (lambda p: (p / "case.toml").write_text('schema = "debtcli/1"\n'), "this folder is a single case"),
    (lambda p: _write(p / "accounts.csv", ["account_id", "principal", "interst"], [["A1", "1.00", "x"]]),
     "accounts.csv:1: unknown column(s) interst"),
    (lambda p: _write(p / "accounts.csv", ["signed", "principal"], [["2023-01-01", "1.00"]]),
     "accounts.csv:1: missing column(s) account_id"),
])
def test_an_unusable_source_exits_2_with_the_reason(tmp_path, run_cli, setup, message):
    setup(tmp_path)
    code, _, err = run_cli("batch", tmp_path, "--out", tmp_path / "r.jsonl")
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_a_portfolio_workbook(tmp_path, run_cli, export):
    from openpyxl import Workbook

    _, source = export
    wb = Workbook()
    wb.remove(wb.active)
    for name in ("accounts", "ledger", "payments"):
        ws = wb.create_sheet(name)
        for row in csv.reader(open(source / f"{name}.csv", encoding="utf-8")):
            ws.append(row)
    wb.save(tmp_path / "portfolio.xlsx")
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run_cli("batch", source, "--rules", "none", "--out", a)
    run_cli("batch", tmp_path / "portfolio.xlsx", "--rules", "none", "--out", b)
    assert [x["balances"] for x in lines(a)] == [x["balances"] for x in lines(b)]
    assert lines(b)[0]["inputs"]["files"][1]["file"] == "portfolio.xlsx[ledger]"
