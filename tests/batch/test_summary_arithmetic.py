"""The summary workbook adds up: demanded - lawful = excess on every row of the Components sheet and
in total, demands stated only as a total counted like the others, the Findings sheet's
DEMAND_ABOVE_LAWFUL equal to the Components' excess of the demands above the lawful total, SHA-256
filled for case-folder inputs, signed amounts explained in a header note, and the files of a case
folder that were not read listed with their reason.

Every account is the same loan, worked by hand: 10,000.00 lent on 2023-01-01 at 12% a year, ACT/365,
repaid in one sum on 2024-01-01; as of 2024-01-01 interest is 10,000 x 12% x 365 / 365 = 1,200.00,
so the lawful balance is principal 10,000.00 + interest 1,200.00 = 11,200.00 (rule pack none).

- A states principal 10,000.00 and interest 1,300.00, total 11,300.00: excess interest 100.00.
- B states a total of 11,500.00 only: excess 300.00.
- C states principal 10,000.00 and a total of 11,250.00: the rest of its total is 1,250.00 against
  the lawful 1,200.00 (11,200.00 - 10,000.00): excess 50.00.
- D states interest 1,100.00, total 11,100.00: its excess interest is -100.00 (signed).
- E has no demand.
Components: principal (A, C): 20,000.00 / 20,000.00 / 0.00; interest (A, D): 2,400.00 / 2,400.00 /
0.00; rest of itemised (C 1,250.00/1,200.00, D 10,000.00/10,000.00): 11,250.00 / 11,200.00 / 50.00;
total only (B): 11,500.00 / 11,200.00 / 300.00. Total: 45,150.00 / 44,800.00 / 350.00. Demands
above the lawful total: A 100 + B 300 + C 50 = 450.00 (D is below).
"""

import hashlib
import json
import re
from decimal import Decimal

from openpyxl import load_workbook

CONTRACT = """schema = "debtcli/1"
[case]
id = "{id}"
jurisdiction = "none"
currency = "CNY"
[contract]
signed = 2023-01-01
principal = "10000.00"
rate = "12%"
day_count = "ACT/365"
method = "bullet"
term_months = 12
interest_method = "daily"
"""

DEMANDS = {
    "A": 'principal = "10000.00"\ninterest = "1300.00"\ntotal = "11300.00"\n',
    "B": 'total = "11500.00"\n',
    "C": 'principal = "10000.00"\ntotal = "11250.00"\n',
    "D": 'interest = "1100.00"\ntotal = "11100.00"\n',
    "E": None,
}


def _portfolio(root):
    for name, demand in DEMANDS.items():
        folder = root / name
        folder.mkdir(parents=True)
        text = CONTRACT.format(id=name)
        if demand is not None:
            text += "[demand]\nas_of = 2024-01-01\n" + demand
        (folder / "case.toml").write_text(text, encoding="utf-8")
    (root / "C" / "notes.txt").write_text("call back", encoding="utf-8")
    return root


def _run(tmp_path, run_cli, *extra):
    cases = _portfolio(tmp_path / "cases")
    out, xlsx = tmp_path / "r.jsonl", tmp_path / "s.xlsx"
    code, _, err = run_cli("batch", cases, "--out", out, "--summary", xlsx, "--workers", "1", *extra)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return code, err, lines, load_workbook(xlsx), cases


def D(x):
    return Decimal(str(x)).quantize(Decimal("0.01"))


def test_components_add_up_on_every_row_and_in_total(tmp_path, run_cli):
    code, err, lines, wb, _ = _run(tmp_path, run_cli)
    assert code == 1, err
    assert {x["account"]: x["balances"]["lawful"]["total"] for x in lines} == dict.fromkeys("ABCDE", "11200.00")
    # cached values: the excess cells are formulas (=D-E, SUM), written with their values
    values = load_workbook(tmp_path / "s.xlsx", data_only=True)["Components"]
    rows = [r for r in values.iter_rows(min_row=2, values_only=True) if r[0] == "CNY" and r[1]]
    by_label = {r[1].split(" / ")[0]: r for r in rows}
    expect = {  # (accounts, demanded, lawful, excess) by hand, see the module docstring
        "Principal": (2, "20000.00", "20000.00", "0.00"),
        "Interest": (2, "2400.00", "2400.00", "0.00"),
        "Rest of itemised demands (total less the stated components)": (2, "11250.00", "11200.00", "50.00"),
        "Demands stated only as a total": (1, "11500.00", "11200.00", "300.00"),
        "Total (sum of the rows above)": ("", "45150.00", "44800.00", "350.00"),
    }
    for label, (n, d, l, e) in expect.items():
        r = by_label[label]
        assert (r[2] or "", D(r[3]), D(r[4]), D(r[5])) == (n, Decimal(d), Decimal(l), Decimal(e)), label
    for r in rows:
        if r[3] is not None and r[4] is not None:
            assert D(r[5]) == D(r[3]) - D(r[4]), r
    formulas = {r[1].split(" / ")[0]: r for r in wb["Components"].iter_rows(min_row=2, values_only=True) if r[1]}
    assert formulas["Interest"][5] == "=D3-E3" and formulas["Total (sum of the rows above)"][5].startswith("=SUM(F2:F")
    total = next(r for r in values.iter_rows(min_row=2, values_only=True) if r[1] and r[1].startswith("Total"))
    assert D(total[5]) == Decimal("350.00")
    above = next(r for r in values.iter_rows(min_row=2, values_only=True) if r[1] and r[1].startswith("of which"))
    assert (above[2], D(above[5])) == (3, Decimal("450.00"))
    none = next(r for r in values.iter_rows(min_row=2, values_only=True) if r[1] and r[1].startswith("Accounts without"))
    assert (none[2], D(none[4])) == (1, Decimal("11200.00"))
    # the Findings sheet's DEMAND_ABOVE_LAWFUL agrees with the Components' demands above the lawful total
    findings = [r for r in wb["Findings"].iter_rows(min_row=2, values_only=True) if r[2] == "DEMAND_ABOVE_LAWFUL"]
    assert [(r[4], D(r[6])) for r in findings] == [(3, Decimal("450.00"))]
    # and the Summary sheet counts the same three accounts above the lawful balance (B, a total only, too)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Demand above the lawful balance"] == 3
    largest = [r[0] for r in wb["Largest excess"].iter_rows(min_row=2, values_only=True)]
    assert largest == ["B", "A", "C"]


def test_signed_amounts_are_explained_in_header_notes(tmp_path, run_cli):
    _, _, _, wb, _ = _run(tmp_path, run_cli)
    assert "signed" in wb["Components"]["F1"].comment.text
    assert "signed" in wb["Findings"]["G1"].comment.text


def test_inputs_sheet_has_sha256_and_the_files_not_read(tmp_path, run_cli):
    _, _, lines, wb, cases = _run(tmp_path, run_cli)
    rows = list(wb["Inputs"].iter_rows(min_row=2, values_only=True))
    toml = next(r for r in rows if r[0] == "case.toml")
    assert toml[1] == 5
    # the digest documented in the header note, recomputed from the files themselves
    own = sorted((name, hashlib.sha256((cases / name / "case.toml").read_bytes()).hexdigest()) for name in DEMANDS)
    assert toml[4] == hashlib.sha256("".join(f"{a}  {h}\n" for a, h in own).encode()).hexdigest()
    assert [x["sha256"] for x in lines[0]["inputs"]["files"]] == [own[0][1]]
    not_read = [r for r in rows if r[0] == "notes.txt"]
    assert [(r[1], bool(r[4])) for r in not_read] == [("C", True)]
    line_c = next(x for x in lines if x["account"] == "C")
    assert [x["file"] for x in line_c["inputs"]["ignored"]] == ["notes.txt"]
    assert not_read[0][4] == line_c["inputs"]["ignored"][0]["reason"]


def test_no_demand_gives_balances_at_any_date(tmp_path, run_cli):
    # 2023-07-01: 181 days of interest, 10,000 x 12% x 181 / 365 = 595.068... -> 595.07
    code, err, lines, wb, _ = _run(tmp_path, run_cli, "--as-of", "2023-07-01", "--no-demand")
    assert code == 0, err
    assert [x["balances"]["lawful"]["interest"] for x in lines] == ["595.07"] * 5
    assert all(x["verdict"] == "no_demand" and x["run"]["no_demand"] is True for x in lines)
    none = next(r for r in load_workbook(tmp_path / "s.xlsx", data_only=True)["Components"].iter_rows(
        min_row=2, values_only=True) if r[1] and r[1].startswith("Accounts without"))
    assert (none[2], D(none[4])) == (5, Decimal("52975.35"))  # 5 x 10,595.07


def test_another_as_of_without_no_demand_is_an_error_line_per_account_with_a_demand(tmp_path, run_cli):
    code, err, lines, _, _ = _run(tmp_path, run_cli, "--as-of", "2023-07-01")
    assert code == 2
    errors = {x["account"] for x in lines if "error" in x}
    assert errors == {"A", "B", "C", "D"}  # E has no demand to compare
    assert all("2024-01-01" in json.dumps(x["problems"]) for x in lines if "error" in x)


def test_resume_refuses_a_file_written_without_no_demand(tmp_path, run_cli):
    _run(tmp_path, run_cli, "--as-of", "2024-01-01")
    code, _, err = run_cli("batch", tmp_path / "cases", "--out", tmp_path / "r.jsonl", "--as-of", "2024-01-01",
                           "--no-demand", "--resume")
    assert code == 2 and "no_demand" in err


def test_the_workbook_follows_lang(tmp_path, run_cli):
    """--lang zh: the same sheets and figures as in English, every sheet name, label and note in
    Chinese (codes, currencies, file names and account ids stay as they are)."""
    _, _, _, en, _ = _run(tmp_path / "en", run_cli, "--lang", "en")
    _, _, _, zh, _ = _run(tmp_path / "zh", run_cli, "--lang", "zh")
    assert zh.sheetnames == ["汇总", "核查发现", "分项金额", "超出最多的账户", "无法读取", "输入文件"]
    assert en.sheetnames == ["Summary", "Findings", "Components", "Largest excess", "Unreadable", "Inputs"]
    for a, b in zip(en.worksheets, zh.worksheets):
        figures_en = [[c for c in r if not isinstance(c, str)] for r in a.iter_rows(values_only=True)]
        figures_zh = [[c for c in r if not isinstance(c, str)] for r in b.iter_rows(values_only=True)]
        assert figures_en == figures_zh, a.title
    components = [r for r in zh["分项金额"].iter_rows(values_only=True) if r[1]]
    labels = [r[1] for r in components]
    assert labels[0] == "项目" and "本金" in labels and "利息" in labels
    assert "合计（以上各行之和）" in labels and "仅列总额的催收" in labels
    summary = {r[0]: r[1] for r in zh["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["催收金额超出依法可主张的余额"] == 3 and summary["账户数"] == 5
    latin = re.compile(r"[A-Za-z][A-Za-z_]+")
    allowed = {"DEMAND_ABOVE_LAWFUL", "UNAUTHORIZED_CHARGE", "POSTING_MISMATCH", "LEDGER_ARITHMETIC",
               "PAYMENT_MISMATCH", "SHA", "ACCOUNT", "inputs", "files", "CNY", "debtcli"}
    texts = [ws.title for ws in zh.worksheets]
    texts += [c for ws in zh.worksheets for c in next(ws.iter_rows(max_row=1, values_only=True)) if c]  # headers
    texts += [r[0] for r in zh["汇总"].iter_rows(values_only=True)]  # the Summary sheet's labels
    texts += [c for c in labels if c]  # the Components sheet's labels
    texts += [c.comment.text for ws in zh.worksheets for row in ws.iter_rows() for c in row if c.comment]
    for t in texts:
        assert set(latin.findall(t.replace("SHA-256", ""))) <= allowed, t


def test_a_language_other_than_zh_or_en_is_refused(tmp_path, run_cli):
    cases = _portfolio(tmp_path / "cases")
    code, _, err = run_cli("batch", cases, "--out", tmp_path / "r.jsonl", "--summary", tmp_path / "s.xlsx",
                           "--lang", "fr")
    assert code == 2 and "fr" in err
