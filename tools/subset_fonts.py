"""Rebuild the fonts shipped in debtcli/render/fonts/ (run by hand; fontTools is not a run-time
dependency): python tools/subset_fonts.py DroidSansFallbackFull.ttf [DejaVuSans.ttf DejaVuSans-Bold.ttf
DejaVuSansMono.ttf] (DroidSansFallbackFull.ttf: Debian's fonts-droid-fallback; with only the first
argument, only the CJK font is rebuilt).

The CJK font keeps every hanzi of GB18030's Basic Multilingual Plane: the CJK Unified Ideographs
(U+4E00..U+9FFF, which hold all of GBK and GB2312) and Extension A (U+3400..U+4DBF), the compatibility
ideographs, radicals, CJK punctuation, bopomofo and full-width forms, and every character written
anywhere in the package (so each label, message and citation has its glyph): a rare character of a
name (堃, 喆, 䶮) is in it. Extension B and beyond (U+20000..) are not: a name with one of those is
rare, and the file would double. The Latin fonts keep Latin-1, general punctuation and currency
signs. TrueType outlines are kept, as reportlab needs them; reportlab subsets again to the glyphs a PDF
uses, so a PDF is no bigger for the wider subset.
"""

from __future__ import annotations

import pathlib
import sys

from fontTools import subset

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "debtcli" / "render" / "fonts"
LATIN = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070)) | set(range(0x20A0, 0x20C0)) \
    | {0x2116, 0x2122, 0x2190, 0x2192, 0x2212, 0x2610, 0x2713, 0x00D7, 0x00F7}


def gb2312() -> set[int]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def gb18030_bmp() -> set[int]:
    """The hanzi and CJK symbols of GB18030 in the Basic Multilingual Plane (it maps all of them)."""
    blocks = ((0x2E80, 0x2FE0), (0x3000, 0x3040), (0x3100, 0x3130), (0x31A0, 0x31C0), (0x31C0, 0x31F0),
              (0x3200, 0x3400), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0xFE30, 0xFE50),
              (0xFF00, 0xFFF0))
    return {c for a, b in blocks for c in range(a, b)}


def package_chars() -> set[int]:
    out = set()
    for p in (ROOT / "debtcli").rglob("*.py"):
        out |= {ord(c) for c in p.read_text(encoding="utf-8") if ord(c) > 0x7F}
    return out


def cut(src: str, dst: str, codepoints: set[int]) -> None:
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = True
    opts.layout_features = ["*"]
    font = subset.load_font(src, opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    font.save(OUT / dst)
    print(dst, (OUT / dst).stat().st_size)


def main(cjk: str, sans: str | None = None, bold: str | None = None, mono: str | None = None) -> None:
    OUT.mkdir(exist_ok=True)
    cjk_set = gb2312() | gb18030_bmp() | package_chars() | LATIN
    cut(cjk, "DroidSansFallback-CJK.ttf", cjk_set)
    if sans and bold and mono:
        for src, dst in ((sans, "DejaVuSans-Latin.ttf"), (bold, "DejaVuSans-Bold-Latin.ttf"),
                         (mono, "DejaVuSansMono-Latin.ttf")):
            cut(src, dst, LATIN)


if __name__ == "__main__":
    main(*sys.argv[1:5])
