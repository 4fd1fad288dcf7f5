"""Every example's DOCX statement opens in LibreOffice: converted headless to PDF, its text layer
(pdftotext) gives the same figures as the JSON of the same case: each row of the summary table
(demanded, per contract, lawful, excess per component and the total), every finding's amount and the
payments total. Skipped only where LibreOffice (soffice) or pdftotext is not installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH
from tests.conftest import EXAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                                reason="LibreOffice (soffice) or pdftotext (poppler-utils) is not installed")

CASES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml"))
LANGS = ("zh", "en")
AMOUNT = r"-?\d{1,3}(?:,\d{3})*\.\d{2}"
CELL = rf"({AMOUNT}|—)"


def grouped(s: str | None) -> str:
    return "—" if s is None else f"{Decimal(s):,.2f}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict:
    """(case, lang) -> (the JSON of verify, the text of the LibreOffice PDF of its DOCX statement).
    One soffice run converts them all, with a profile of its own (runs side by side do not collide)."""
    work = tmp_path_factory.mktemp("libreoffice")
    runner = CliRunner()
    docs, reports = [], {}
    for case in CASES:
        for lang in LANGS:
            path = work / f"{case.name}.{lang}.docx"
            res = runner.invoke(app, ["statement", str(case), "--lang", lang, "-o", str(path)])
            assert res.exit_code in (0, 1), res.output
            res = runner.invoke(app, ["verify", str(case), "--lang", lang, "--format", "json"])
            assert res.exit_code in (0, 1), res.output
            reports[(case.name, lang)] = json.loads(res.stdout)
            docs.append(path)
    out = work / "pdf"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=900)
    texts = {}
    for case, lang in reports:
        pdf = out / f"{case}.{lang}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {case}.{lang}.docx"
        texts[(case, lang)] = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True,
                                             text=True).stdout
    return {k: (reports[k], texts[k]) for k in reports}


ROW = re.compile(rf"^\s*(\S.*?)\s+{CELL}\s+{CELL}\s+{CELL}\s+{CELL}\s*$")


def summary_rows(text: str, names: dict) -> dict:
    """The rows of the summary table: component -> its four cells (demanded, contractual, lawful,
    excess). A name too long for its cell wraps onto the next line, which then holds only words."""
    key_of = {name: key for key, name in names.items()}
    lines = text.splitlines()
    out = {}
    for i, line in enumerate(lines):
        found = ROW.match(line)
        if not found:
            continue
        label, cells = found.group(1).strip(), found.groups()[1:]
        rest = lines[i + 1].strip() if i + 1 < len(lines) else ""
        for candidate in (label, f"{label} {rest}", f"{label}{rest}"):
            if candidate in key_of and key_of[candidate] not in out:
                out[key_of[candidate]] = cells
                break
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_docx_in_libreoffice_shows_the_json_figures(converted, case_dir, lang):
    report, text = converted[(case_dir.name, lang)]
    names = COMPONENT_NAMES_ZH if lang == "zh" else COMPONENT_NAMES_EN
    rows = summary_rows(text, names)
    balances = report["balances"]
    assert set(rows) == set(balances["lawful"]), sorted(set(balances["lawful"]) - set(rows))
    for key, cells in rows.items():
        expected = tuple(grouped(balances[col][key]) for col in ("demanded", "contractual", "lawful", "excess"))
        assert cells == expected, (key, cells, expected)
    flat = re.sub(r"\s+", "", text)
    for f in report["findings"]:
        assert grouped(f["amount"]).lstrip("-") in flat, (f["code"], f["amount"])
    if report["payments"]["total"] != "0.00":
        assert grouped(report["payments"]["total"]) in flat
