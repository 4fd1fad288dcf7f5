"""The itemised statement, driven through the CLI as a user runs it.

Every bundled example is rendered in both languages. The PDF is read back as text (pdftotext) and
the XLSX reopened with openpyxl: each formula is evaluated again in Decimal from the cells it
references and must equal the value cached in the file, and the cached figures must equal what
``verify --format json`` reports.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from debtcli.render.i18n import sheet_name
from tests.conftest import EXAMPLES

CASES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml"))
LANGS = ("zh", "en")
PDFTOTEXT = shutil.which("pdftotext")


def rules_for(case_dir: Path) -> str:
    """The case's own rule pack when this build has it, else none."""
    from debtcli.importers.case_loader import load_case
    from debtcli.model.records import InputError
    from debtcli.rules.packs import get_pack

    case, _ = load_case(str(case_dir))
    try:
        get_pack(case.terms.case.jurisdiction)
    except InputError:
        return "none"
    return case.terms.case.jurisdiction


def grouped(text: str) -> str:
    """'48157.61' -> '48,157.61', as the statement prints amounts."""
    return f"{Decimal(text):,.2f}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each example rendered as PDF and XLSX in both languages, plus its verify JSON."""
    from typer.testing import CliRunner

    from debtcli.cli.app import app

    runner = CliRunner()
    out = {}
    base = tmp_path_factory.mktemp("statements")
    for case_dir in CASES:
        rules = rules_for(case_dir)
        res = runner.invoke(app, ["verify", str(case_dir), "--rules", rules, "--format", "json"])
        assert res.exit_code in (0, 1), res.output
        report = json.loads(res.stdout)
        for lang in LANGS:
            for fmt in ("pdf", "xlsx", "md", "html"):
                path = base / f"{case_dir.name}-{lang}.{fmt}"
                res = runner.invoke(app, ["statement", str(case_dir), "--rules", rules, "--lang", lang, "--format", fmt,
                                          "-o", str(path)])
                assert res.exit_code in (0, 1), res.output
                assert res.exit_code == (1 if any(f["severity"] == "error" for f in report["findings"]) else 0)
                out[(case_dir.name, lang, fmt)] = path
        out[case_dir.name] = report
    return out


def test_examples_exist():
    assert CASES, "no example case under examples/"


# ---------------------------------------------------------------------- PDF


def pdf_text(path: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_pdf_text_carries_the_key_figures(rendered, case_dir, lang):
    report = rendered[case_dir.name]
    path = rendered[(case_dir.name, lang, "pdf")]
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    flat = re.sub(r"\s+", "", text)
    assert report["case"] in text
    for side in ("contractual", "lawful"):
        for key, value in report["balances"][side].items():
            if value is not None and Decimal(value) != 0:
                assert grouped(value) in text, (side, key, value)
    demanded = report["balances"]["demanded"]["total"]
    if demanded is not None:
        assert grouped(demanded) in text
    if report["payments"]["total"] != "0.00":
        assert grouped(report["payments"]["total"]) in text
    for item in report["inputs"]["files"]:
        assert item["sha256"] in flat, item["file"]
    for f in report["findings"]:
        assert f["code"] in flat
    # page numbers on every page
    pages = text.count("\f")
    label = "第{n}页" if lang == "zh" else "Page{n}"
    for n in range(1, pages + 1):
        assert label.format(n=n) in flat
    if lang == "zh":
        assert "债务核对明细表" in text and "计算过程" in text and "以本金" in flat
    else:
        assert "Itemised debt statement" in text and "on a base of" in text


# ---------------------------------------------------------------------- XLSX


_REF = r"\$?([A-Z]+)\$?(\d+)"


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _value(ws_values, ref: str) -> Decimal:
    m = re.fullmatch(_REF, ref)
    v = ws_values.cell(row=int(m.group(2)), column=_col(m.group(1))).value
    return Decimal(repr(v)) if v is not None else Decimal(0)


def _sum(ws_values, first: str, last: str) -> Decimal:
    a, b = re.fullmatch(_REF, first), re.fullmatch(_REF, last)
    total = Decimal(0)
    for row in range(int(a.group(2)), int(b.group(2)) + 1):
        for col in range(_col(a.group(1)), _col(b.group(1)) + 1):
            v = ws_values.cell(row=row, column=col).value
            total += Decimal(repr(v)) if isinstance(v, (int, float)) else 0
    return total


def evaluate(formula: str, ws_values) -> Decimal:
    """Evaluate the few formula shapes the statement writes, in Decimal, from the cached values
    of the cells they reference: ROUND(x, n), SUM(A1:B2), products, quotients and differences."""
    expr = formula.lstrip("=")
    expr = re.sub(r"SUM\(" + _REF.replace("(", "(?:") + r":" + _REF.replace("(", "(?:") + r"\)",
                  lambda m: f"D('{_sum(ws_values, *m.group(0)[4:-1].split(':'))}')", expr)
    expr = re.sub(r"(?<![A-Za-z'])" + r"\$?[A-Z]+\$?\d+", lambda m: f"D('{_value(ws_values, m.group(0))}')", expr)
    expr = expr.replace("ROUND(", "R(")

    def rnd(x, n):
        return x.quantize(Decimal(1).scaleb(-int(n)), rounding=ROUND_HALF_UP)

    return eval(expr, {"__builtins__": {}}, {"D": Decimal, "R": rnd})  # noqa: S307 - our own formulas only


def formula_cells(path: Path):
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield ws.title, cell.coordinate, cell.value, values[ws.title][cell.coordinate].value, values[ws.title]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_every_formula_carries_its_own_result(rendered, case_dir, lang):
    path = rendered[(case_dir.name, lang, "xlsx")]
    cells = list(formula_cells(path))
    assert cells
    for sheet, coord, formula, cached, ws_values in cells:
        assert isinstance(cached, (int, float)), (sheet, coord, formula, cached)
        recomputed = evaluate(formula, ws_values)
        if "ROUND" in formula or "SUM" in formula or "-" in formula:
            assert recomputed == Decimal(repr(cached)).quantize(Decimal("0.01")), (sheet, coord, formula)
        else:  # an unrounded product: equal to the precision of a double
            assert abs(recomputed - Decimal(repr(cached))) < Decimal("1e-9"), (sheet, coord, formula)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_xlsx_figures_equal_the_json_report(rendered, case_dir, lang):
    from debtcli.render.xlsx import SHEETS

    report = rendered[case_dir.name]
    path = rendered[(case_dir.name, lang, "xlsx")]
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames[:5] == [sheet_name(s, lang) for s in SHEETS]
    if lang == "zh":
        assert wb.sheetnames[:5] == ["汇总", "计算明细", "还款", "核查发现", "输入文件"]
    summary = wb[sheet_name("Summary", lang)]
    label = "合计" if lang == "zh" else "Total"
    total_row = next(r for r in summary.iter_rows() if r[0].value == label)
    assert Decimal(repr(total_row[2].value)) == Decimal(report["balances"]["contractual"]["total"])
    assert Decimal(repr(total_row[3].value)) == Decimal(report["balances"]["lawful"]["total"])
    if report["balances"]["excess"]["total"] is not None:
        assert Decimal(repr(total_row[4].value)) == Decimal(report["balances"]["excess"]["total"])
    payments = wb[sheet_name("Payments", lang)]
    if report["payments"]["total"] != "0.00":
        last = [r for r in payments.iter_rows() if r[1].value is not None][-1]
        assert Decimal(repr(last[1].value)).quantize(Decimal("0.01")) == Decimal(report["payments"]["total"])
    inputs = {r[0].value: r[3].value for r in wb[sheet_name("Inputs", lang)].iter_rows(min_row=2) if r[3].value}
    for item in report["inputs"]["files"]:
        assert inputs[item["file"]] == item["sha256"]
    computation = wb[sheet_name("Computation", lang)]
    assert summary.freeze_panes is None and computation.freeze_panes == "A2"
    assert computation.print_title_rows.replace("$", "") == "1:1"


# ---------------------------------------------------------------------- computation and rounding


def test_computation_lines_tie_to_the_report_and_rounding_differences_are_lines(rendered):
    """In the workbook, each posting group's rounded lines plus its rounding difference equal the
    posted amount; the Report's lawful balances of the accruing components are posted amounts."""
    from debtcli.importers.case_loader import load_case
    from debtcli.render.statement import computation_groups
    from debtcli.report.build import build_report

    for case_dir in CASES:
        case, _ = load_case(str(case_dir))
        report = build_report(case, None, rules_for(case_dir))
        groups = computation_groups(report, "en")
        assert sum(len(g.lines) for g in groups) == len(report.computation)
        md = rendered[(case_dir.name, "en", "md")].read_text(encoding="utf-8")
        for g in groups:
            if g.posted is None:
                continue
            assert g.lines_total + g.difference == g.posted
            if g.difference:
                assert f"*Rounding difference (posted − sum of lines)* | *{g.difference:,.2f}*" in md


def test_court_form_of_the_published_example(run_cli, tmp_path):
    """以本金 90,000.00 元为基数，按年利率 15.4% 计算，自 2021年3月1日 至 2022年3月1日，共 365 天：
    90,000.00 x 0.154 x 365 / 365 = 13,860.00. The end date is named as courts name it when the start
    day is counted and the end day is not (算头不算尾)."""
    case = tmp_path / "c"
    case.mkdir()
    (case / "case.toml").write_text(
        'schema = "debtcli/1"\n[case]\nid = "FORM-1"\njurisdiction = "none"\nborrower = "张三"\n'
        '[contract]\nsigned = 2021-03-01\nprincipal = "90000.00"\nrate = "15.4%"\nday_count = "ACT/365"\n'
        'method = "bullet"\nterm_months = 12\n', encoding="utf-8")
    expected_amount = (Decimal("90000.00") * Decimal("0.154") * 365 / 365).quantize(Decimal("0.01"))
    assert expected_amount == Decimal("13860.00")
    for lang, sentence in (
        ("zh", "以本金 90,000.00 元为基数，按年利率 15.4% 计算，自 2021年3月1日 至 2022年3月1日，共 365 天"
               "（一年按 365 天计），计 13,860.00 元"),
        ("en", "on a base of 90,000.00 at 15.4% a year from 1 Mar 2021 to 1 Mar 2022, 365 days (year of 365 days): "
               "13,860.00"),
    ):
        out = tmp_path / f"s-{lang}.md"
        code, _, err = run_cli("statement", case, "--as-of", "2022-03-01", "--lang", lang, "--format", "md",
                               "-o", out)
        assert code == 0, err
        assert sentence in out.read_text(encoding="utf-8")
        xlsx = tmp_path / f"s-{lang}.xlsx"
        assert run_cli("statement", case, "--as-of", "2022-03-01", "--lang", lang, "-o", xlsx)[0] == 0
        ws = openpyxl.load_workbook(xlsx, data_only=True)[sheet_name("Computation", lang)]
        line = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == 1)
        assert line[5] == 365 and line[6] == 90000 and line[9] == 365
        assert Decimal(repr(line[10])) == expected_amount
        formulas = openpyxl.load_workbook(xlsx)[sheet_name("Computation", lang)]
        row = next(r for r in formulas.iter_rows(min_row=2) if r[0].value == 1)
        assert row[10].value == f"=ROUND(G{row[0].row}*H{row[0].row}*F{row[0].row}/J{row[0].row},2)"


def test_counting_both_ends_names_the_last_day_counted(tmp_path):
    """算头算尾: each span names the last day it counts. The loan term 1 Mar 2021 - 28 Feb 2022 is
    365 days: 90,000.00 x 0.154 x 365 / 365 = 13,860.00; the as-of day 1 Mar 2022 counts too, as one
    overdue day: 90,000.00 x 0.154 x 1 / 365 = 37.97."""
    from datetime import date

    from debtcli.importers.case_loader import load_case
    from debtcli.render.files import render_statement
    from debtcli.report.build import build_report

    (tmp_path / "case.toml").write_text(
        'schema = "debtcli/1"\n[case]\nid = "FORM-2"\njurisdiction = "none"\n'
        '[contract]\nsigned = 2021-03-01\nprincipal = "90000.00"\nrate = "15.4%"\nday_count = "ACT/365"\n'
        'counting = "both"\nmethod = "bullet"\nterm_months = 12\n', encoding="utf-8")
    case, _ = load_case(str(tmp_path))
    report = build_report(case, date(2022, 3, 1), "none")
    one_day = (Decimal("90000.00") * Decimal("0.154") * 1 / 365).quantize(Decimal("0.01"), ROUND_HALF_UP)
    md = render_statement(report, "md", "en").decode()
    assert "from 1 Mar 2021 to 28 Feb 2022, 365 days (year of 365 days): 13,860.00" in md
    assert f"from 1 Mar 2022 to 1 Mar 2022, 1 day (year of 365 days): {one_day}" in md
    zh = render_statement(report, "md", "zh").decode()
    assert "自 2021年3月1日 至 2022年2月28日，共 365 天" in zh


# ---------------------------------------------------------------------- reproducible, injection, cycles


@pytest.mark.parametrize("fmt", ("pdf", "xlsx", "html", "md"))
def test_two_runs_give_identical_bytes(run_cli, tmp_path, fmt):
    case_dir = CASES[0]
    paths = [tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"]
    for p in paths:
        code, _, err = run_cli("statement", case_dir, "--rules", rules_for(case_dir), "-o", p)
        assert code in (0, 1), err
    assert paths[0].read_bytes() == paths[1].read_bytes()
    if fmt == "pdf":
        assert b"/CreationDate" in paths[0].read_bytes()


HOSTILE = '=HYPERLINK("http://example.invalid","click")'


def test_text_from_input_files_stays_text(run_cli, tmp_path):
    case = tmp_path / "c"
    case.mkdir()
    (case / "case.toml").write_text(
        'schema = "debtcli/1"\n[case]\nid = "INJ-1"\njurisdiction = "none"\n'
        f"borrower = '{HOSTILE}'\nlender = \"+cmd|' /C calc'!A0\"\n"
        '[contract]\nsigned = 2021-03-01\nprincipal = "1000.00"\nrate = "12%"\nday_count = "ACT/360"\n'
        'method = "bullet"\nterm_months = 12\n', encoding="utf-8")
    (case / "payments.csv").write_text(
        "date,amount,reference,payer,channel\n2021-06-01,100.00,@SUM(A1:A9),x,-2+3\n"
        "2021-07-01,50.00,<script>alert(1)</script>|x,y,z\n", encoding="utf-8")
    out = tmp_path / "s.xlsx"
    code, _, err = run_cli("statement", case, "--as-of", "2021-12-01", "--lang", "en", "-o", out)
    assert code in (0, 1), err
    wb = openpyxl.load_workbook(out)
    texts = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts[cell.value] = cell.data_type
    assert texts[HOSTILE] == "s"
    assert texts["+cmd|' /C calc'!A0"] == "s"
    assert texts["@SUM(A1:A9)"] == "s"
    assert all(not v.startswith(("=HYPERLINK", "=+cmd", "=@")) for v, t in texts.items() if t == "f")
    html = tmp_path / "s.html"
    assert run_cli("statement", case, "--as-of", "2021-12-01", "-o", html)[0] in (0, 1)
    page = html.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    md = tmp_path / "s.md"
    assert run_cli("statement", case, "--as-of", "2021-12-01", "-o", md)[0] in (0, 1)
    assert "\\|x" in md.read_text(encoding="utf-8")


def card_cycles():
    from datetime import date

    return [
        {"statement_date": date(2024, 1, 5), "due_date": date(2024, 1, 23), "opening": Decimal("0.00"),
         "new_transactions": Decimal("3000.00"), "payments": Decimal("0.00"), "interest": Decimal("0.00"),
         "penalties": Decimal("0.00"), "closing": Decimal("3000.00"), "minimum_payment": Decimal("300.00"),
         "days_past_due": 0, "bucket": "current"},
        # interest on the full balance from the posting date: 3,000.00 x 0.05% x 31 days = 46.50
        {"statement_date": date(2024, 2, 5), "due_date": date(2024, 2, 23), "opening": Decimal("3000.00"),
         "new_transactions": Decimal("0.00"), "payments": Decimal("0.00"), "interest": Decimal("46.50"),
         "penalties": Decimal("15.00"), "closing": Decimal("3061.50"), "minimum_payment": Decimal("661.50"),
         "days_past_due": 13, "bucket": "M1"},
    ]


@pytest.mark.parametrize("fmt", ("pdf", "xlsx", "html", "md"))
@pytest.mark.parametrize("lang", LANGS)
def test_card_cycles_are_rendered_when_present(fmt, lang, tmp_path):
    from dataclasses import replace

    from debtcli.importers.case_loader import load_case
    from debtcli.render.files import render_statement
    from debtcli.report.build import build_report

    case, _ = load_case(str(CASES[0]))
    from debtcli.report.model import CardCycle, CardSection

    cycles = tuple(CardCycle(**c) for c in card_cycles())
    report = replace(build_report(case, None, "none"), card=CardSection(cycles, cycles, "full_balance", True))
    data = render_statement(report, fmt, lang)
    closing = Decimal("3000.00") + Decimal("46.50") + Decimal("15.00")
    assert closing == Decimal("3061.50")
    if fmt == "xlsx":
        path = tmp_path / "c.xlsx"
        path.write_bytes(data)
        ws = openpyxl.load_workbook(path, data_only=True)[sheet_name("Cycles", lang)]
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert Decimal(repr(rows[1][5])) == Decimal("46.50") and Decimal(repr(rows[1][7])) == closing
        assert rows[1][10] == "M1"
        return
    if fmt == "pdf":
        path = tmp_path / "c.pdf"
        path.write_bytes(data)
        text = pdf_text(path)
    else:
        text = data.decode("utf-8")
    assert "3,061.50" in text and "46.50" in text and "M1" in text
    assert ("账单周期" if lang == "zh" else "Statement cycles") in text


# ---------------------------------------------------------------------- CLI errors


def test_unknown_extension_without_format_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("statement", CASES[0], "--rules", "none", "-o", tmp_path / "s.odt")
    assert code == 2 and "--format" in err


def test_missing_case_is_an_input_error(run_cli, tmp_path):
    code, _, err = run_cli("statement", tmp_path / "nowhere", "--format", "pdf", "-o", tmp_path / "s.pdf")
    assert code == 2 and "error:" in err
    assert not (tmp_path / "s.pdf").exists()


# ---------------------------------------------------------------------- LibreOffice recalculation


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice keeps the cached values of an .xlsx unless told to recalculate on load.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def libreoffice_recalculate(src: Path, workdir: Path) -> Path:
    profile = workdir / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    outdir = workdir / "out"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(src)], check=True,
                   capture_output=True, timeout=300)
    return outdir / src.name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_libreoffice_recalculation_agrees(rendered, case_dir, tmp_path):
    """LibreOffice recalculates every formula on load; the figures must not move."""
    import xlsxwriter

    probe = tmp_path / "probe.xlsx"
    wb = xlsxwriter.Workbook(str(probe))
    ws = wb.add_worksheet()
    ws.write_number(0, 0, 2)
    ws.write_formula(0, 1, "=ROUND(A1*3,2)", None, 999)  # a wrong cached value must be replaced
    wb.close()
    assert openpyxl.load_workbook(libreoffice_recalculate(probe, tmp_path / "p"), data_only=True).active["B1"].value == 6

    src = rendered[(case_dir.name, "en", "xlsx")]
    recalculated = openpyxl.load_workbook(libreoffice_recalculate(src, tmp_path / "s"), data_only=True)
    checked = 0
    for sheet, coord, _formula, cached, _ in formula_cells(src):
        again = recalculated[sheet][coord].value
        assert Decimal(repr(again)).quantize(Decimal("1e-6")) == Decimal(repr(cached)).quantize(Decimal("1e-6")), \
            (sheet, coord, again, cached)
        checked += 1
    assert checked
