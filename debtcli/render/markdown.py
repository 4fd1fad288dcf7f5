"""The statement as Markdown, for pasting into a ticket or an e-mail. Pipes, backslashes and
line breaks in text are escaped so that a table never breaks apart."""

from __future__ import annotations

import re

from debtcli.render import document as doc_model


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _cell(text: str) -> str:
    """Text as Markdown shows it literally: HTML (<script>, <img onerror=...>) as text, no link or
    image ([x](javascript:...), autolinks <...>), no emphasis or code, control characters dropped."""
    text = _CONTROLS.sub("", str(text).replace("\r\n", "\n"))
    text = text.replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "|*_`[]!":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "<br>")


def _table(block) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in block.header) + " |",
           "|" + "|".join("---:" if a == "r" else ":---" for a in block.align) + "|"]
    for row in block.rows:
        cells = [_cell(c) for c in row.cells]
        if row.style in ("group", "total"):
            cells = [f"**{c}**" if c else c for c in cells]
        elif row.style == "note":
            cells = [f"*{c}*" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _block(block) -> list[str]:
    if isinstance(block, doc_model.Table):
        return _table(block)
    if isinstance(block, doc_model.KeyValues):
        return [f"- **{_cell(k)}**: {_cell(v)}" for k, v in block.pairs]
    if isinstance(block, doc_model.Signature):
        return [f"{_cell(x)} ____________________" + "  " for x in block.labels]
    if block.style == "heading":
        return [f"### {_cell(block.text)}"]
    if block.style == "verdict":
        return [f"**{_cell(block.text)}**"]
    if block.style == "small":
        return [f"_{_cell(block.text)}_"]
    return [_cell(block.text)]


def render_markdown(statement) -> str:
    lines = [f"# {_cell(statement.title)}", "", _cell(statement.subtitle), ""]
    for section in statement.sections:
        lines += [f"## {_cell(section.title)}", ""]
        for block in section.blocks:
            lines += _block(block)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
