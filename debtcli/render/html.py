"""The statement as one self-contained HTML file (inline CSS, print styles, no scripts, no
external resources). Every piece of text is escaped: input files cannot inject markup."""

from __future__ import annotations

from html import escape

from debtcli.render import document as doc_model

CSS = """
:root { color-scheme: light; }
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif;
       font-size: 10.5pt; color: #111; max-width: 210mm; margin: 12mm auto; padding: 0 8mm; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
.subtitle { color: #444; margin-bottom: 4mm; }
.verdict { font-weight: bold; }
.small { font-size: 9pt; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #e8ecf2; }
td.r, th.r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.mono { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
tr.group td { background: #f4f4f4; font-weight: bold; }
tr.total td { background: #eef3ea; font-weight: bold; }
tr.note td { font-style: italic; }
table.kv th { width: 28%; background: none; font-weight: normal; color: #333; }
.signature p { margin: 7mm 0 0; }
.signature span { display: inline-block; width: 60mm; border-bottom: 1px solid #000; }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9.5pt; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
}
"""


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _table(block) -> str:
    def cls(i: int) -> str:
        return ' class="r"' if block.align[i] == "r" else (' class="mono"' if i in block.mono else "")

    head = "".join(f"<th{cls(i) if block.align[i] == 'r' else ''}>{_text(h)}</th>" for i, h in enumerate(block.header))
    rows = []
    for row in block.rows:
        attr = f' class="{row.style}"' if row.style else ""
        if row.style == "group":
            rows.append(f'<tr{attr}><td></td><td colspan="{len(row.cells) - 1}">{_text(row.cells[1])}</td></tr>')
            continue
        rows.append(f"<tr{attr}>" + "".join(f"<td{cls(i)}>{_text(c)}</td>" for i, c in enumerate(row.cells))
                    + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _block(block) -> str:
    if isinstance(block, doc_model.Table):
        return _table(block)
    if isinstance(block, doc_model.KeyValues):
        rows = "".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in block.pairs)
        return f'<table class="kv">{rows}</table>'
    if isinstance(block, doc_model.Signature):
        return '<div class="signature">' + "".join(f"<p>{_text(x)} <span></span></p>" for x in block.labels) + "</div>"
    if block.style == "heading":
        return f"<h3>{_text(block.text)}</h3>"
    cls = f' class="{block.style}"' if block.style else ""
    return f"<p{cls}>{_text(block.text)}</p>"


def render_html(statement) -> str:
    lang = "zh-CN" if statement.lang == "zh" else "en"
    parts = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
             f"<title>{_text(statement.title)} {_text(statement.case_id)}</title>",
             f'<meta name="generator" content="debtcli">\n<style>{CSS}</style>\n</head>\n<body>',
             f"<h1>{_text(statement.title)}</h1>", f'<p class="subtitle">{_text(statement.subtitle)}</p>']
    for section in statement.sections:
        parts.append(f'<section id="{section.key}">\n<h2>{_text(section.title)}</h2>')
        parts += [_block(b) for b in section.blocks]
        parts.append("</section>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)
