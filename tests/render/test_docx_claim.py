"""The statement as DOCX and the claim (--template claim), written through the CLI as a user does
and read back with python-docx: the figures are those of ``verify --format json``, the same case
gives the same bytes, pages are numbered with Word fields, and (when LibreOffice is installed) the
file converts headless to a PDF carrying the same figures."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from tests.conftest import EXAMPLES

CASES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
runner = CliRunner()


def verify_json(case_dir: Path) -> dict:
    res = runner.invoke(app, ["verify", str(case_dir), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def write(case_dir: Path, out: Path, *args: str) -> Path:
    res = runner.invoke(app, ["statement", str(case_dir), "-o", str(out), *args])
    assert res.exit_code in (0, 1), res.output
    return out


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs] + [p.text for s in d.sections for p in s.footer.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def grouped(value: str) -> str:
    return f"{Decimal(value):,.2f}"


@pytest.mark.parametrize("lang", ("zh", "en"))
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_docx_statement_carries_the_figures_of_the_json(tmp_path, case_dir, lang):
    report = verify_json(case_dir)
    path = write(case_dir, tmp_path / "s.docx", "--lang", lang)
    text = docx_text(path)
    assert report["case"] in text
    for side in ("contractual", "lawful"):
        for key, value in report["balances"][side].items():
            if value is not None and Decimal(value) != 0:
                assert grouped(value) in text, (side, key)
    for item in report["inputs"]["files"]:
        assert item["sha256"] in text
    for f in report["findings"]:
        assert f["code"] in text
    if lang == "zh":
        assert "债务核对明细表" in text


def test_docx_same_case_same_bytes_and_page_fields(tmp_path):
    a = write(EXAMPLES / "private-loan", tmp_path / "a.docx", "--lang", "zh").read_bytes()
    b = write(EXAMPLES / "private-loan", tmp_path / "b.docx", "--lang", "zh").read_bytes()
    assert a == b
    footer = docx.Document(str(tmp_path / "a.docx")).sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "第" in footer and "共" in footer


def test_the_format_follows_the_extension_and_docx_is_no_longer_refused(tmp_path):
    path = write(EXAMPLES / "bank-loan", tmp_path / "s.docx")
    assert path.read_bytes()[:2] == b"PK"


def claim_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if re.match(r"^\d+\. ", p.text)]


def amounts_in(text: str) -> list[Decimal]:
    return [Decimal(x.replace(",", "")) for x in re.findall(r"\d{1,3}(?:,\d{3})*\.\d{2}", text)]


def test_claim_in_chinese_private_loan(tmp_path):
    """张三 / 李四 (examples/private-loan): what can be claimed is the lawful balance on 2023-03-01.
    The running rate is the cap of the 2020 Provisions, four times the one-year LPR of 3.85% in force
    from 2020-08-20 = 15.4% a year (the IOU's 2% a month = 24% is above it)."""
    report = verify_json(EXAMPLES / "private-loan")
    lawful = report["balances"]["lawful"]
    path = write(EXAMPLES / "private-loan", tmp_path / "claim.docx", "--template", "claim", "--lang", "zh")
    claims = claim_paragraphs(path)
    assert claims[0].startswith("1. 判令被告张三向原告李四偿还借款本金 " + grouped(lawful["principal"]) + " 元")
    assert f"以 {grouped(lawful['principal'])} 元为基数，自 2023年3月1日 起按年利率 15.4% 计算至实际清偿之日止" \
        in claims[0]
    assert claims[-1].endswith("本案诉讼费用由被告承担。")
    # each claimed amount once: principal, then each accrued component; together the lawful total
    claimed = [amounts_in(c)[0] for c in claims[:-1]]
    assert sum(claimed) == Decimal(lawful["total"])
    text = docx_text(path)
    assert f"以上金额合计 {grouped(lawful['total'])} 元（暂计至 2023年3月1日）" in text
    assert "计算清单" in text and "以本金 90,000.00 元为基数" in text
    # the evidence list: each file with its SHA-256, computed here from the files themselves
    for name in ("case.toml", "ledger.csv", "payments.csv"):
        digest = hashlib.sha256((EXAMPLES / "private-loan" / name).read_bytes()).hexdigest()
        assert digest in text, name


def test_claim_in_english_and_as_pdf(tmp_path):
    report = verify_json(EXAMPLES / "bank-loan")
    lawful = report["balances"]["lawful"]
    path = write(EXAMPLES / "bank-loan", tmp_path / "claim.docx", "--template", "claim", "--lang", "en")
    claims = claim_paragraphs(path)
    assert claims[0].startswith("1. Order the defendant")
    assert f"principal of {grouped(lawful['principal'])} {report['currency']}" in claims[0]
    claimed = [amounts_in(c)[0] for c in claims if amounts_in(c)]
    assert sum(claimed) == Decimal(lawful["total"])
    pdf = write(EXAMPLES / "bank-loan", tmp_path / "claim.pdf", "--template", "claim", "--lang", "en")
    assert pdf.read_bytes().startswith(b"%PDF")
    again = write(EXAMPLES / "bank-loan", tmp_path / "claim2.pdf", "--template", "claim", "--lang", "en")
    assert pdf.read_bytes() == again.read_bytes()


def test_claim_refuses_xlsx(tmp_path):
    res = runner.invoke(app, ["statement", str(EXAMPLES / "bank-loan"), "--template", "claim", "-o",
                              str(tmp_path / "c.xlsx")])
    assert res.exit_code == 2 and "claim" in res.stderr


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("template", ("statement", "claim"))
def test_docx_opens_in_libreoffice(tmp_path, template):
    report = verify_json(EXAMPLES / "private-loan")
    path = write(EXAMPLES / "private-loan", tmp_path / "d.docx", "--template", template)
    profile = (tmp_path / "profile").as_uri()  # a profile of its own: runs side by side do not collide
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run([pdftotext, str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True).stdout
    assert grouped(report["balances"]["lawful"]["total"]) in text


def test_offer_letter_as_docx(tmp_path):
    """quote -o offer.docx: the same letter as the PDF, through the same writer."""
    case = EXAMPLES / "settlement"
    args = ["quote", str(case), "--on", "2025-03-20", "--waive", "penalties=100%", "--format", "json"]
    res = runner.invoke(app, args + ["-o", str(tmp_path / "offer.docx")])
    assert res.exit_code in (0, 1), res.output
    quote = json.loads(res.stdout)
    text = docx_text(tmp_path / "offer.docx")
    assert quote["case"] in text
    assert grouped(quote["settle_amount"]) in text
    again = runner.invoke(app, args + ["-o", str(tmp_path / "offer2.docx")])
    assert again.exit_code == res.exit_code
    assert (tmp_path / "offer.docx").read_bytes() == (tmp_path / "offer2.docx").read_bytes()
