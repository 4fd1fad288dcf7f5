"""The PDF stands alone: every font embedded (pdffonts), Chinese text extractable (pdftotext),
"第 N 页 共 M 页" / "Page N of M" on every page, and the same bytes for the same case."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from tests.conftest import EXAMPLES

CASES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml"))
PDFFONTS, PDFTOTEXT, PDFINFO = shutil.which("pdffonts"), shutil.which("pdftotext"), shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(None in (PDFFONTS, PDFTOTEXT, PDFINFO),
                                   reason="poppler-utils (pdffonts, pdftotext, pdfinfo) is not installed")


def write_pdf(case_dir: Path, lang: str, out: Path, *extra: str) -> Path:
    res = CliRunner().invoke(app, ["statement", str(case_dir), "--lang", lang, "-o", str(out), *extra])
    assert res.exit_code in (0, 1), res.output
    return out


def fonts(path: Path) -> list[dict]:
    """pdffonts' table as rows: name and the emb column (yes/no)."""
    lines = subprocess.run([PDFFONTS, str(path)], check=True, capture_output=True, text=True).stdout.splitlines()
    header, rule = lines[0], lines[1]
    emb_at = header.index("emb")
    out = []
    for line in lines[2:]:
        out.append({"name": line.split()[0], "emb": line[emb_at:emb_at + 3].strip()})
    assert rule.startswith("---")
    return out


def page_count(path: Path) -> int:
    info = subprocess.run([PDFINFO, str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pages_text(path: Path) -> list[str]:
    text = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f") if page.strip()]


@needs_poppler
@pytest.mark.parametrize("lang", ("zh", "en"))
@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_every_font_is_embedded_and_pages_are_numbered(tmp_path, case_dir, lang):
    path = write_pdf(case_dir, lang, tmp_path / "s.pdf")
    rows = fonts(path)
    assert rows, "no font listed"
    assert [r["name"] for r in rows if r["emb"] != "yes"] == []
    n = page_count(path)
    pages = pages_text(path)
    assert len(pages) == n
    for i, page in enumerate(pages, 1):
        label = f"第{i}页共{n}页" if lang == "zh" else f"Page{i}of{n}"
        assert label in page, (i, n)
    case = tomllib.loads((case_dir / "case.toml").read_text(encoding="utf-8"))["case"]
    flat = "".join(pages)
    if lang == "zh":
        assert "债务核对明细表" in flat
    # the parties' names as written in case.toml come back out of the PDF's text layer
    for who in ("lender", "borrower"):
        if case.get(who):
            assert re.sub(r"\s+", "", case[who]) in flat, who


@needs_poppler
def test_chinese_glyphs_come_from_the_embedded_font(tmp_path):
    """A Chinese statement uses the shipped CJK font, embedded as a subset, and no viewer font."""
    path = write_pdf(EXAMPLES / "private-loan", "zh", tmp_path / "s.pdf")
    names = [r["name"] for r in fonts(path)]
    assert any(re.fullmatch(r"[A-Z]{6}\+DroidSansFallback", x) for x in names), names
    assert "STSong-Light" not in names and "Helvetica" not in names


def test_same_case_same_bytes(tmp_path):
    for lang in ("zh", "en"):
        a = write_pdf(EXAMPLES / "private-loan", lang, tmp_path / f"a-{lang}.pdf").read_bytes()
        b = write_pdf(EXAMPLES / "private-loan", lang, tmp_path / f"b-{lang}.pdf").read_bytes()
        assert a == b


def test_every_character_is_set_in_an_embedded_font():
    """Rare name characters outside GB2312 (堃 U+5803 and 喆 U+5586 of GBK, 䶮 U+4DAE of Extension A) are
    in the shipped CJK font; a character beyond it (𠮷 U+20BB7, Extension B) stays in that embedded font
    (its empty box) rather than in a font the viewer has to supply."""
    from debtcli.render import pdf

    pdf.register_fonts()
    for ch in "堃喆䶮":
        assert ord(ch) in pdf._CJK_CHARS, ch
    rare = "𠮷"
    assert ord(rare) not in pdf._CJK_CHARS
    assert pdf._cjk_runs("张堃喆䶮" + rare) == [(pdf.CJK_FONT, "张堃喆䶮" + rare)]
    assert {face for face, _ in pdf._cjk_runs("“王—堃…”")} <= {pdf.CJK_FONT, pdf.LATIN}


@needs_poppler
@pytest.mark.parametrize("lang", ("zh", "en"))
def test_a_rare_name_character_embeds_only_embedded_fonts(tmp_path, lang):
    """The private-loan example with the borrower 王堃喆䶮𠮷: pdffonts lists only embedded fonts, and
    the three characters the shipped font has come back out of the text layer."""
    case = tmp_path / "case"
    shutil.copytree(EXAMPLES / "private-loan", case)
    toml = case / "case.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r'(?m)^borrower = ".*"$', 'borrower = "王堃喆䶮𠮷"', text), encoding="utf-8")
    path = write_pdf(case, lang, tmp_path / "s.pdf")
    rows = fonts(path)
    assert rows and [r["name"] for r in rows if r["emb"] != "yes"] == []
    assert "STSong-Light" not in [r["name"] for r in rows]
    assert "王堃喆䶮" in "".join(pages_text(path))
    claim = write_pdf(case, lang, tmp_path / "c.pdf", "--template", "claim")
    assert [r["name"] for r in fonts(claim) if r["emb"] != "yes"] == []


@needs_poppler
def test_the_validation_notice_embeds_its_fonts_too(tmp_path):
    path = write_pdf(EXAMPLES / "us-card-debt-buyer", "en", tmp_path / "n.pdf", "--template", "regf")
    rows = fonts(path)
    assert rows and [r["name"] for r in rows if r["emb"] != "yes"] == []
    assert "\u2610" in subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True).stdout
