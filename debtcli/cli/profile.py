"""debtcli profile init: write a starting profile from a file's header row."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from debtcli.cli.common import EXIT_INPUT, MessagesLangOpt, fail_input, message_language, notice
from debtcli.cli.import_cmd import Kind

profile_app = typer.Typer(help="Profiles: how to read a ledger or payment file whose layout debtcli does not know.",
                          no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@profile_app.command("init")
def init(
    file: Annotated[str, typer.Argument(help="A CSV or XLSX file: a creditor's ledger or payment records.",
                                        show_default=False)],
    kind: Annotated[Kind | None, typer.Option("--kind", "-k", help="ledger or payments. Default: from the file name "
                                              "or the columns.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="The worksheet to read (XLSX).")] = None,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Where to write it; - for stdout. Default: "
                                            "<name>.profile.toml beside FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing profile.")] = False,
    lang: MessagesLangOpt = None,
) -> None:
    """Write a starting profile for FILE: the header row found, the columns recognised (日期, 金额,
    摘要 ...) and, as comments, the ones that were not. Edit it, then check it with debtcli import.

    Examples:

      debtcli profile init ledger.xlsx

      debtcli profile init export.csv --kind payments --out -
    """
    from debtcli.cli.import_cmd import guess_kind
    from debtcli.importers.readers import ReadError
    from debtcli.importers.tables import TableReader

    path = Path(file)
    if not path.is_file():
        fail_input([f"{file}: no such file"])
    the_kind = kind.value if kind else guess_kind(path, sheet)
    reader = TableReader(path, the_kind, None, sheet)
    try:
        reader.header_columns()
    except ReadError as exc:
        fail_input([f"{path.name}: {exc}"])
    text = profile_text(reader, message_language())
    if out == "-":
        sys.stdout.write(text)
        return
    target = Path(out) if out else path.with_name(path.stem + ".profile.toml")
    if target.exists() and not force:
        fail_input([f"{target}: already exists; use --force to overwrite it"])
    target.write_text(text, encoding="utf-8")
    t = reader.table
    notice("", f"wrote {target} ({len(t.columns)} column(s) recognised); check it with: debtcli import {file} "
               f"--profile {target}")
    if t.header_row is None or t.header_row == 0 or not t.columns:
        notice("warning", "no header row was recognised; fill in [columns] by header text or position")
        raise typer.Exit(EXIT_INPUT)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# the comments of a written profile, in each language
PROFILE_WORDS = {
    "en": {"head": "# How to read {file}: written by `debtcli profile init`; check it with",
           "checked": "# Every key is checked: a misspelt key or a column the file lacks is an error.",
           "skip": "# rows above the header row", "date_format": "# only when the dates are in an unusual form",
           "columns": "# canonical column = header text (or 1-based position)",
           "unknown": "# not recognised (map one to a column above, or leave it out):", "position": "position",
           "this": "<this file>", "types": "# words in the file that debtcli does not know",
           "rule": "# first matching rule decides a row's type"},
    "zh": {"head": "# 如何读取 {file}：由 `debtcli profile init` 生成；用以下命令检查",
           "checked": "# 每个键都会检查：拼错的键或文件中没有的列都是错误。",
           "skip": "# 表头行之上的行数", "date_format": "# 仅在日期格式特殊时填写",
           "columns": "# 标准列 = 表头文字（或从 1 起的列序号）",
           "unknown": "# 未识别的列（可对应到上面的某一列，或不用）：", "position": "第几列",
           "this": "<本文件>", "types": "# 文件中 debtcli 不认识的词", "rule": "# 第一条匹配的规则决定该行的类型"},
}


def profile_text(reader, lang: str = "en") -> str:
    w = PROFILE_WORDS["zh" if lang == "zh" else "en"]
    t = reader.table
    lines = [w["head"].format(file=t.file),
             f"#   debtcli import {t.file} --profile {w['this']}",
             w["checked"],
             f"kind = {_q(t.kind)}"]
    if t.sheet:
        lines.append(f"sheet = {_q(t.sheet)}")
    header_row = t.header_row or 0
    if header_row >= 1:
        lines.append(f"skip = {header_row - 1}              {w['skip']}")
    if t.encoding:
        enc = "utf-8" if t.encoding == "utf-8-sig" else t.encoding
        lines.append(f"encoding = {_q(enc)}")
    if t.delimiter:
        lines.append(f"delimiter = {_q(t.delimiter)}")
    lines += [f'# date_format = "%Y/%m/%d"   {w["date_format"]}',
              'decimal_mark = "."', "", f"[columns]            {w['columns']}"]
    by_index = {i: c for c, i in t.columns.items()}
    for col, i in sorted(t.columns.items(), key=lambda kv: kv[1]):
        lines.append(f"{col} = {_q(t.header[i]) if i < len(t.header) and t.header[i] else i + 1}")
    unknown = [(i, h) for i, h in enumerate(t.header) if h and i not in by_index]
    if unknown:
        lines.append(w["unknown"])
        lines += [f"#   {_q(h)}  ({w['position']} {i + 1})" for i, h in unknown]
    if not t.columns:
        lines.append("# date = 1")
        lines.append("# amount = 2")
    if t.kind == "ledger":
        lines += ["", f"# [types]              {w['types']}",
                  '# "结息" = "interest"', "", f"# [[rule]]             {w['rule']}",
                  '# match = "冲正"', '# type = "adjustment"']
    return "\n".join(lines) + "\n"
