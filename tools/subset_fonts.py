"""Rebuild the fonts shipped in debtcli/render/fonts/ (run by hand; fontTools is not a run-time
dependency): python tools/subset_fonts.py DroidSansFallbackFull.ttf DejaVuSans.ttf DejaVuSans-Bold.ttf
DejaVuSansMono.ttf

The CJK font keeps every character of GB2312 (6,763 hanzi and its symbols), the CJK punctuation and
full-width forms, and every character written anywhere in the package (so each label, message and
citation has its glyph). The Latin fonts keep Latin-1, general punctuation and currency signs.
TrueType outlines are kept, as reportlab needs them; reportlab subsets again to the glyphs a PDF uses.
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


def main(cjk: str, sans: str, bold: str, mono: str) -> None:
    OUT.mkdir(exist_ok=True)
    cjk_set = gb2312() | package_chars() | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFF70)) | LATIN
    cut(cjk, "DroidSansFallback-GB2312.ttf", cjk_set)
    for src, dst in ((sans, "DejaVuSans-Latin.ttf"), (bold, "DejaVuSans-Bold-Latin.ttf"),
                     (mono, "DejaVuSansMono-Latin.ttf")):
        cut(src, dst, LATIN)


if __name__ == "__main__":
    main(*sys.argv[1:5])
