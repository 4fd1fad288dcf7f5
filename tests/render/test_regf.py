"""The Regulation F validation notice (statement --template regf): the Model Form B-1 labels word
for word, the dispute end date, the state's charge-off block with its zero lines, same bytes twice."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-card-debt-buyer"
runner = CliRunner()

# The labels of the CFPB's Model Form B-1 (12 CFR part 1006, appendix B), as printed on the form.
FORM_LABELS = [
    "As of October 11, 2023, you owed:",  # "As of [itemization date], you owed:"
    "Between October 11, 2023 and today:",  # "Between [itemization date] and today:"
    "You were charged this amount in interest: +",
    "You were charged this amount in fees: +",
    "You paid or were credited this amount toward the debt: –",
    "Total amount of the debt now:",
    "How can you dispute the debt?",
    "I want to dispute the debt because I think:",
    "This is not my debt.",
    "The amount is wrong.",
    "Other",
]


def _write(tmp_path, fmt, case=EXAMPLE):
    out = tmp_path / f"notice.{fmt}"
    res = runner.invoke(app, ["statement", str(case), "--template", "regf", "-o", str(out)])
    return res, out


def _html_text(path: Path) -> str:
    text = re.sub(r"<style>.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def test_html_notice_has_the_form_labels_word_for_word(tmp_path):
    res, out = _write(tmp_path, "html")
    assert res.exit_code == 1  # the example has error findings; the notice is written either way
    text = _html_text(out)
    for label in FORM_LABELS:
        assert label in text, label
    # the lawful itemization: 3,108.87 + 389.21 + 0.00 - 50.00 = 3,448.08
    assert "you owed: $3,108.87" in text
    assert "in interest: + $389.21" in text and "in fees: + $0.00" in text
    assert "toward the debt: – $50.00" in text and "debt now: $3,448.08" in text
    # sent Mon 2024-06-10: receipt Mon 06-17 (5 weekdays, no holiday between), end 30 days later
    assert "Call or write to us by July 17, 2024, to dispute all or part of the debt." in text
    # NY 23 NYCRR 1.2(b): the block since charge-off keeps its zero line
    assert "Non-interest charges or fees since charge-off: $0.00" in text
    assert "Mail this form to:" in text and "How do you want to respond?" in text


def test_pdf_notice_labels_and_same_bytes(tmp_path):
    res, out = _write(tmp_path, "pdf")
    assert res.exit_code == 1 and out.read_bytes().startswith(b"%PDF")
    again = tmp_path / "again.pdf"
    runner.invoke(app, ["statement", str(EXAMPLE), "--template", "regf", "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", text)
    for label in FORM_LABELS:
        assert label in text, label
    assert "July 17, 2024" in text and "$3,448.08" in text


def test_end_date_moves_past_a_federal_holiday(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case)
    toml = case / "case.toml"
    # sent Tue 2024-11-26: Thanksgiving (Thu 28) is not counted, receipt Wed 2024-12-04, end 2025-01-03
    toml.write_text(toml.read_text().replace("sent = 2024-06-10", "sent = 2024-11-26"))
    res, out = _write(tmp_path, "html", case)
    assert "by January 3, 2025" in _html_text(out)


def test_regf_needs_the_us_pack_and_a_paged_format(tmp_path):
    res, _ = _write(tmp_path, "md")
    assert res.exit_code == 2 and "regf" in res.stderr
    res = runner.invoke(app, ["statement", str(EXAMPLE.parent / "bank-loan"), "--template", "regf",
                              "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 2 and "itemization_date" in res.stderr and "Traceback" not in res.stderr


def test_docx_notice_labels_and_same_bytes(tmp_path):
    from docx import Document

    res, out = _write(tmp_path, "docx")
    assert res.exit_code == 1
    again = tmp_path / "again.docx"
    runner.invoke(app, ["statement", str(EXAMPLE), "--template", "regf", "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()
    doc = Document(str(out))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    text = re.sub(r"\s+", " ", " ".join(parts))
    for label in FORM_LABELS:
        assert label in text, label
    assert "July 17, 2024" in text and "$3,448.08" in text and "$389.21" in text


def test_docx_without_the_template_is_the_statement_not_the_notice(tmp_path):
    from docx import Document

    res = runner.invoke(app, ["statement", str(EXAMPLE), "--lang", "en", "-o", str(tmp_path / "s.docx")])
    assert res.exit_code in (0, 1), res.output
    text = " ".join(p.text for p in Document(str(tmp_path / "s.docx")).paragraphs)
    assert "Itemised debt statement" in text and "Our information shows:" not in text


def test_sent_option_dates_the_notice_and_moves_the_end_date_past_juneteenth(tmp_path):
    out = tmp_path / "sent.html"
    res = runner.invoke(app, ["statement", str(EXAMPLE), "--template", "regf", "--sent", "2024-06-12",
                              "-o", str(out)])
    assert res.exit_code == 1, res.output
    text = _html_text(out)
    # sent Wed 2024-06-12; counted: Thu 13, Fri 14, Mon 17, Tue 18, (Wed 19 Juneteenth, 5 U.S.C. 6103(a),
    # not counted), Thu 20 = assumed receipt; 30 days later: Sat 2024-07-20
    assert "June 12, 2024" in text and "June 10, 2024" not in text
    assert "Call or write to us by July 20, 2024, to dispute all or part of the debt." in text
    assert "If you write by July 20, 2024, we must stop collection" in text
    # the figures stay those of the as-of date, and stderr says so
    assert "debt now: $3,448.08" in text
    assert "dated 2024-06-12" in res.stderr and "as of 2024-06-10" in res.stderr


def test_sent_option_checks(tmp_path):
    res = runner.invoke(app, ["statement", str(EXAMPLE), "--template", "regf", "--sent", "2023-10-10",
                              "-o", str(tmp_path / "n.pdf")])
    assert res.exit_code == 2 and "itemization date 2023-10-11" in res.stderr and not (tmp_path / "n.pdf").exists()
    res = runner.invoke(app, ["statement", str(EXAMPLE), "--sent", "2024-06-12", "-o", str(tmp_path / "s.pdf")])
    assert res.exit_code == 2 and "--template regf" in res.stderr
    res = runner.invoke(app, ["statement", str(EXAMPLE), "--template", "regf", "--sent", "2024-13-01",
                              "-o", str(tmp_path / "n.pdf")])
    assert res.exit_code == 2 and "Traceback" not in res.stderr


def _word_positions(pdf: Path) -> list[tuple[int, float, str]]:
    """(page, yMax, word) of every word of the PDF, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'yMax="([\d.]+)">([^<]*)</word>', line)
        if m:
            out.append((page, float(m.group(1)), unescape(m.group(2))))
    return out


@pytest.mark.parametrize("kind, pages", [("debt_buyer", 2), ("original_creditor", 1)])
def test_response_form_is_whole_at_the_bottom_of_the_last_page(tmp_path, kind, pages):
    # 12 CFR 1006.34(c)(4): the consumer-response section is at the bottom of the notice, to be torn off.
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case)
    toml = case / "case.toml"
    toml.write_text(toml.read_text().replace('lender_kind = "debt_buyer"', f'lender_kind = "{kind}"'))
    res, out = _write(tmp_path, "pdf", case)
    words = _word_positions(out)
    assert max(p for p, _, _ in words) == pages  # the NY debt buyer's charge-off block takes a second page
    mail = [(p, y) for p, y, w in words if w == "Mail"]
    last = [(p, y) for p, y, w in words if w == "XXXX-XXXX-XXXX-4417."]  # "Include the reference number ..."
    assert len(mail) == 1 and mail[0][0] == pages and last[-1][0] == pages
    # letter paper is 792 pt tall; the bottom margin is 16 mm (45.4 pt) and the frame pads 6 pt: the
    # form's last line ends within a line (12 pt) of 792 - 45.4 - 6 = 740.6 pt
    assert 740.6 - 12 <= last[-1][1] <= 740.6
    if pages == 2:  # the form moved whole to the second page: nothing stands above it there
        assert not [w for p, y, w in words if p == 2 and y < mail[0][1]]


def test_docx_response_form_is_kept_on_one_page(tmp_path):
    from docx import Document

    res, out = _write(tmp_path, "docx")
    paras = Document(str(out)).paragraphs
    start = next(i for i, p in enumerate(paras) if p.text.startswith("- - -"))
    form = paras[start:]
    assert form[1].text.startswith("Mail this form to:") and form[-1].text.startswith("Make your check payable")
    # every paragraph of the form but the last keeps with the next: Word never breaks the form across pages
    assert all(p.paragraph_format.keep_with_next for p in form[:-1])
