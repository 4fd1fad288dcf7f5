"""Problems with the input (exit 2), warnings and the command line's own notices, in Chinese.

An input problem is written where it is found as one English line (``Issue``: where, then what); the
words a user reads in Chinese come from the table below at the moment the line is printed. Each entry
is one message form: a pattern over the English line (its figures, names and dates captured) and the
Chinese sentence that says the same with those values. The location part (``file[sheet]:row column
c``) is said again too. A line no entry knows stays as written, so nothing is ever lost.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

# ---------------------------------------------------------------------- what was found (the message part)

_FORMATS = "pdf、xlsx、html 或 md"
_Q = r"(?P<q>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+?)"  # the value, as the parser quoted it

MESSAGES: tuple[tuple[str, object], ...] = (  # a template, or a function of the values
    # dates given on the command line (terms/asof.py)
    (r"(?P<d>\S+) is before the contract was signed \(contract\.signed = (?P<s>\S+)\); there is no balance before "
     r"that day", r"{d} 早于合同签订日（contract.signed = {s}）；该日之前不存在余额"),
    (r"(?P<d>\S+) differs from \[demand\] as_of = (?P<a>\S+): a demand is compared with the balances of its own "
     r"date; leave out (?P<o>\S+) to check the demand, or add --no-demand to compute the balances on \S+ without "
     r"comparing",
     r"{d} 与 [demand] as_of = {a} 不同：催收金额只与其自身日期的余额比较；核对催收金额请去掉 {o}，"
     r"或加 --no-demand 只计算 {d} 的余额而不作比较"),
    # the case folder (importers/case_loader.py)
    (r"no such file or folder", "文件或文件夹不存在"),
    (r"no case\.toml in this folder", "该文件夹中没有 case.toml"),
    (r"a case is a folder holding case\.toml, or a workbook \(\.xlsx\) with .*",
     "案件应为包含 case.toml 的文件夹，或含有 case 工作表的工作簿（.xlsx）"),
    (r"not read: (?P<inner>.*)", "未读取：{inner}"),
    (r"an old \.xls workbook \(Excel 97-2003\); save it as \.xlsx or CSV",
     "旧版 .xls 工作簿（Excel 97-2003）；请另存为 .xlsx 或 CSV"),
    (r"a binary \.xlsb workbook; save it as \.xlsx or CSV", "二进制 .xlsb 工作簿；请另存为 .xlsx 或 CSV"),
    (r"an OpenDocument spreadsheet; save it as \.xlsx or CSV", "OpenDocument 电子表格；请另存为 .xlsx 或 CSV"),
    (r"the file is empty", "文件为空"),
    (r"a folder, not a file; refused", "这是文件夹而不是文件；拒绝读取"),
    # reading a table (importers/readers.py, importers/tables.py)
    (r"above the header row \(a title or note\)", "表头之上的行（标题或说明）"),
    (r"empty row", "空行"),
    (r"a total line, not a posting", "合计行，不是记账行"),
    (r"(?P<col>[\w ]+): '(?P<v>.*)' is not an amount \(expected digits like 1,234\.56\)",
     "{col}：'{v}' 不是金额（应为 1,234.56 这样的数字）"),
    (r"(?P<col>[\w ]+): '(?P<v>.*)' is not a real date", "{col}：'{v}' 不是真实存在的日期"),
    (r"(?P<col>[\w ]+): '(?P<v>.*)' has (?P<n>\d+) significant digits; an amount has at most (?P<m>\d+).*",
     "{col}：'{v}' 有 {n} 位有效数字；金额最多 {m} 位（可能是卡号或账号，不是金额）"),
    (r"missing column\(s\) (?P<c>.*?); found: (?P<f>.*)", "缺少列 {c}；现有列：{f}"),
    # case.toml keys (terms/loader.py; a value found where another was expected: see EXPECTED below)
    (r"(?P<k>[\w.\[\]]+): unknown key \(known keys here: (?P<known>.*)\)", "{k}：未知的键（此处可用的键：{known}）"),
    (r"(?P<k>[\w.\[\]]+): no value", "{k}：没有值"),
    # reading files (importers/readers.py, importers/case_loader.py)
    (r"UTF-16 text; save the file as CSV UTF-8 \(or GBK\) and try again", "UTF-16 文本；请另存为 CSV UTF-8（或 GBK）后重试"),
    (r"not a text file \(it holds NUL bytes\); export the table as CSV or XLSX", "不是文本文件（含 NUL 字节）；请将表格导出为 CSV 或 XLSX"),
    (r"neither UTF-8 nor GBK/GB18030 text \(byte (?P<b>0x[0-9a-f]+) at offset (?P<o>\d+), line (?P<l>\d+)\); Latin-1 or "
     r"mixed encodings: save the file as CSV UTF-8",
     "既不是 UTF-8 也不是 GBK/GB18030 文本（第 {l} 行，偏移 {o} 处的字节 {b}）；可能是 Latin-1 或混合编码：请另存为 CSV UTF-8"),
    (r"line (?P<l>\d+): byte (?P<b>0x[0-9a-f]+) at position (?P<p>\d+) is not (?P<e>UTF-8|GBK/GB18030) text; the file mixes "
     r"encodings \(or is Latin-1\): save it again as CSV UTF-8",
     "第 {l} 行：第 {p} 个字节 {b} 不是 {e} 文本；文件混用了编码（或是 Latin-1）：请另存为 CSV UTF-8"),
    (r"lines (?P<a>\d+) and (?P<b>\d+) are in different encodings \(UTF-8 and GBK\); the file mixes encodings: save it "
     r"again as CSV UTF-8", "第 {a} 行和第 {b} 行的编码不同（UTF-8 和 GBK）；文件混用了编码：请另存为 CSV UTF-8"),
    (r"row (?P<n>\d+): a field longer than (?P<c>[\d,]+) characters; no ledger or payment cell is that long \(a quote left "
     r"open\?\)", "第 {n} 行：字段超过 {c} 个字符；台账或还款单元格不会这么长（有未闭合的引号？）"),
    (r"row (?P<n>\d+): a quote \(\"\) opened in this row is never closed; the rest of the file would be read as one cell\. "
     r"Close the quote or remove it", "第 {n} 行：本行的引号（\"）没有闭合，文件其余部分会被读成一个单元格。请补上或删去该引号"),
    (r"row (?P<n>\d+) \(line (?P<l>[^)]*)\): broken CSV \((?P<e>.*)\); a quote inside a field must be doubled \(\"\"\)",
     "第 {n} 行（文件第 {l} 行）：CSV 格式错误（{e}）；字段内的引号须写成两个（\"\"）"),
    (r"an old \.xls workbook \(Excel 97-2003\); save it as \.xlsx or CSV",
     "旧版 .xls 工作簿（Excel 97-2003）；请另存为 .xlsx 或 CSV"),
    (r"not an Excel workbook \(\.xlsx is a zip archive, this file is not\); if it is a CSV, name it \.csv",
     "不是 Excel 工作簿（.xlsx 是 zip 压缩包，此文件不是）；如果它是 CSV，请将扩展名改为 .csv"),
    (r"a damaged or truncated \.xlsx; open it in Excel and save it again", "已损坏或不完整的 .xlsx；请在 Excel 中打开并重新保存"),
    (r"a damaged \.xlsx \((?P<e>\w+)\); open it in Excel and save it again", "已损坏的 .xlsx（{e}）；请在 Excel 中打开并重新保存"),
    (r"refused: the workbook would inflate to (?P<a>\d+) MiB, above the limit of (?P<b>\d+) MiB \(a zip bomb or an "
     r"oversized export\); split it or export CSV",
     "拒绝读取：该工作簿解压后达 {a} MiB，超过 {b} MiB 的上限（压缩炸弹或导出过大）；请拆分或导出为 CSV"),
    (r"refused: (?P<m>\S+) inflates (?P<n>\d+)-fold to (?P<s>\d+) MiB, which no real worksheet does \(a zip bomb\)",
     "拒绝读取：{m} 解压后膨胀 {n} 倍至 {s} MiB，真实的工作表不会如此（压缩炸弹）"),
    (r"a zip archive but not an Excel workbook; save the table as \.xlsx or CSV", "是 zip 压缩包但不是 Excel 工作簿；请将表格另存为 .xlsx 或 CSV"),
    (r"no sheet (?P<s>'.*'); the sheets are: (?P<l>.*)", "没有名为 {s} 的工作表；现有工作表：{l}"),
    (r"the workbook has no worksheet", "工作簿中没有工作表"),
    (r"\[(?P<s>[^\]]*)\] the sheet cannot be read \(ParseError: .*: line (?P<l>\d+), column (?P<c>\d+)\)",
     "[{s}] 无法读取该工作表（其 XML 无法解析：第 {l} 行第 {c} 列）"),
    (r"\[(?P<s>[^\]]*)\] the sheet cannot be read \((?P<e>.*)\)", "[{s}] 无法读取该工作表（{e}）"),
    (r"\[(?P<s>[^\]]*)\] the formulas cannot be read \((?P<e>.*)\)", "[{s}] 无法读取其中的公式（{e}）"),
    (r"(?P<w>a folder|a named pipe \(FIFO\)|a device|a socket|not a regular file), not a regular file; only regular files "
     r"are read", "{w}，不是普通文件；只读取普通文件"),
    (r"a symbolic link to nothing \(its target does not exist\); refused", "指向不存在目标的符号链接；拒绝读取"),
    (r"a symbolic link that loops; refused", "循环的符号链接；拒绝读取"),
    (r"a symbolic link that cannot be followed \((?P<e>.*)\); refused", "无法跟随的符号链接（{e}）；拒绝读取"),
    (r"a symbolic link leading outside the case folder; refused \(copy the file into the folder\)",
     "指向案件文件夹之外的符号链接；拒绝读取（请把文件复制到文件夹中）"),
    (r"a named pipe \(FIFO\), not a regular file; refused without reading it", "命名管道（FIFO），不是普通文件；拒绝读取，未读取其内容"),
    (r"a device, not a regular file; refused without reading it", "设备文件，不是普通文件；拒绝读取，未读取其内容"),
    (r"a socket, not a regular file; refused", "套接字，不是普通文件；拒绝读取"),
    (r"not a regular file; refused", "不是普通文件；拒绝读取"),
    (r"a WPS spreadsheet; save it as \.xlsx or CSV", "WPS 电子表格；请另存为 .xlsx 或 CSV"),
    (r"a Numbers spreadsheet; export it as \.xlsx or CSV", "Numbers 电子表格；请导出为 .xlsx 或 CSV"),
    (r"not a table debtcli reads as (?P<kind>\w+) \(CSV, TSV, TXT or XLSX\)",
     "不是 debtcli 能作为{kind}读取的表格（CSV、TSV、TXT 或 XLSX）"),
    (r"two (?P<kind>\w+) files in the case folder \((?P<l>.*)\); keep one, or name the ones to read in case\.toml \[files\]",
     "案件文件夹中有两个{kind}文件（{l}）；请只保留一个，或在 case.toml 的 [files] 中写明要读取的文件"),
    (r"(?P<k>files\.[\w\[\]]+): (?P<f>'.*') is not in the case folder", "{k}：案件文件夹中没有 {f}"),
    (r"a case workbook needs a sheet named case; the sheets are: (?P<l>.*)", "案件工作簿需要名为 case 的工作表；现有工作表：{l}"),
    (r"no such file", "文件不存在"),
    (r"reading (?P<a>.+) through (?P<b>.+)", "按 {b} 读取 {a}"),
    (r"no header row was recognised; fill in \[columns\] by header text or position",
     "未识别出表头行；请在 [columns] 中按表头文字或列序号填写"),
    (r"no such profile file", "列映射文件不存在"),
    (r"a profile must be UTF-8 text", "列映射文件必须是 UTF-8 文本"),
    (r"case\.toml must be UTF-8 text", "case.toml 必须是 UTF-8 文本"),
    (r"not valid TOML: (?P<toml>.*) \(at line (?P<l>\d+), column (?P<c>\d+)\)", "不是有效的 TOML：第 {l} 行第 {c} 列{toml}"),
    (r"not valid TOML: (?P<toml>.*) \(at end of document\)", "不是有效的 TOML：文件末尾{toml}"),
    (r"not valid TOML: (?P<e>.*)", "不是有效的 TOML：{e}"),
    (r"cannot read the file: (?P<e>.*)", "无法读取该文件：{e}"),
    (r"cannot be read \((?P<e>.*)\)", "无法读取（{e}）"),
    # rows of a table (importers/tables.py)
    (r"(?P<n>[\d,]+) more row\(s\) could not be read; every one is (?P<rest>.*)", "另有 {n} 行无法读取；每一行都{rest}"),
    (r"no header row found in the first (?P<n>\d+) rows; expected columns such as (?P<c>.*?); the first row holds: (?P<h>.*)",
     "前 {n} 行中没有找到表头行；应有 {c} 等列；第一行为：{h}"),
    (r"no header row found in the first (?P<n>\d+) rows; expected columns such as (?P<c>.*)",
     "前 {n} 行中没有找到表头行；应有 {c} 等列"),
    (r"profile (?P<p>\S+): no row in the first (?P<n>\d+) holds all the headers named in \[columns\] \((?P<c>.*)\); the first "
     r"row holds: (?P<h>.*)", "列映射 {p}：前 {n} 行中没有一行包含 [columns] 中写明的全部表头（{c}）；第一行为：{h}"),
    (r"more than (?P<n>[\d,]+) data rows \(--max-rows\); nothing was verified\. (?P<rest>.*)",
     "数据行超过 {n} 行（--max-rows）；未进行任何核对。请拆分该表，或用 --max-rows 提高上限"),
    (r"past the limit of (?P<n>[\d,]+) rows \(--max-rows\)", "超过 {n} 行的上限（--max-rows）"),
    (r"the table lacks required column\(s\) (?P<c>.*)", "表格缺少必需的列 {c}"),
    (r"no header row", "没有表头行"),
    (r"empty rows (?P<a>[\d,]+) to (?P<b>[\d,]+) \((?P<n>[\d,]+) rows\)", "第 {a} 至 {b} 行为空行（共 {n} 行）"),
    (r"(?P<n>\d+) fields where the header has (?P<w>\d+) \(extra: (?P<x>.*)\); a value holding the delimiter (?P<d>'.*') "
     r"\(such as an unquoted 1,066\.19\) must be quoted",
     "有 {n} 个字段，而表头只有 {w} 个（多出：{x}）；含分隔符 {d} 的值（如未加引号的 1,066.19）必须加引号"),
    (r"(?P<n>\d+) fields where the header has (?P<w>\d+); the row is cut short", "只有 {n} 个字段，而表头有 {w} 个；该行不完整"),
    (r"column (?P<c>[^:]+): the field holds a line break \((?P<v>.*)\); a quote left open swallows the lines after it",
     "列 {c}：字段中含有换行（{v}）；未闭合的引号会吞掉其后的各行"),
    (r"the header names (?P<h>'.*') twice \(columns (?P<a>\d+) and (?P<b>\d+)\); one of the two would be ignored: rename one",
     "表头中 {h} 出现两次（第 {a} 列和第 {b} 列）；其中一列会被忽略：请重命名其中一列"),
    (r"profile (?P<p>\S+): columns\.(?P<c>\w+) does not belong in a (?P<k>\w+) table \(its columns are (?P<l>.*)\)",
     "列映射 {p}：columns.{c} 不属于 {k} 表（其列为 {l}）"),
    (r"profile (?P<p>\S+): columns\.(?P<c>\w+) = (?P<w>\S+), but the table has only (?P<n>\d+) columns",
     "列映射 {p}：columns.{c} = {w}，但该表只有 {n} 列"),
    (r"profile (?P<p>\S+): columns\.(?P<c>\w+) = (?P<w>'.*') is not a column of (?P<f>\S+); the columns are: (?P<l>.*)",
     "列映射 {p}：columns.{c} = {w} 不是 {f} 中的列；现有列：{l}"),
    (r"(?P<col>[\w ]+): a payment must be positive, found (?P<a>\S+) \(set negate = true in a profile if payments are shown "
     r"as negative\)", "{col}：还款金额必须为正数，读到 {a}（如果还款以负数表示，请在列映射中设置 negate = true）"),
    (r"skipped by rule (?P<n>\d+) of (?P<p>\S+)", "按 {p} 的第 {n} 条规则跳过"),
    (r"type: (?P<v>'.*') is not a known transaction type; map it in a profile \(\[types\] or a \[\[rule\]\]\) to one of "
     r"(?P<l>.*)", "type：{v} 不是已知的交易类型；请在列映射中（[types] 或 [[rule]]）将其对应到以下之一：{l}"),
    (r"debit and credit both hold an amount \((?P<a>\S+) and (?P<b>\S+)\); one row is one movement",
     "借方和贷方都有金额（{a} 和 {b}）；一行只能是一笔收支"),
    (r"(?P<col>[\w ]+): (?P<v>'.*') is a date, not an amount", "{col}：{v} 是日期，不是金额"),
    (r"(?P<col>[\w ]+): (?P<v>'.*') is not an amount", "{col}：{v} 不是金额"),
    (r"(?P<col>[\w ]+): (?P<v>\S+) has more than (?P<n>\d+) decimals; round it in the source \(a formula result\?\)",
     "{col}：{v} 的小数超过 {n} 位；请在源文件中取整（是公式结果？）"),
    (r"(?P<col>[\w ]+): (?P<v>'.*') does not fit the file's number format: it has a comma where this file's amounts have a "
     r"decimal point; if the file writes 1\.066,19, set decimal_mark = \",\" in a profile",
     "{col}：{v} 与文件的数字格式不符：本文件的金额用小数点，此处却是逗号；如果文件写作 1.066,19，请在列映射中设置 decimal_mark = \",\""),
    (r"(?P<col>[\w ]+): (?P<v>'.*') does not fit the file's number format: the profile sets decimal_mark = \",\", and this "
     r"amount has a dot that does not group thousands; fix the row or the profile",
     "{col}：{v} 与文件的数字格式不符：列映射设置了 decimal_mark = \",\"，而此金额中的点不是千位分隔；请修改该行或列映射"),
    (r"(?P<col>[\w ]+): (?P<v>'.*') does not fit the file's number format: (?P<h>.*)", "{col}：{v} 与文件的数字格式不符：{h}"),
    (r"(?P<col>[\w ]+): empty", "{col}：为空"),
    (r"(?P<col>[\w ]+): (?P<v>'.*') is not a date", "{col}：{v} 不是日期"),
    (r"(?P<col>[\w ]+): (?P<v>'.*') does not match the date format (?P<f>.*)", "{col}：{v} 不符合日期格式 {f}"),
    (r"(?P<col>[\w ]+): a formula \((?P<f>.*)\) with no saved value; open the file in Excel and save it, or paste the values",
     "{col}：公式（{f}）没有保存的值；请在 Excel 中打开并保存该文件，或粘贴为数值"),
    (r"the same as row (?P<n>[\d,]+) \(kept: an exact duplicate may be a double posting\)",
     "与第 {n} 行完全相同（已保留：完全重复的行可能是重复记账）"),
    (r"reference (?P<r>'.*') is used again \(first on row (?P<n>[\d,]+)\); (?P<rest>.*)",
     "流水号 {r} 再次出现（首次在第 {n} 行）；请确认是否为同一笔"),
    # amounts and dates checked for plausibility (terms/plausible.py)
    (r"(?P<col>[\w.\[\] ]+): (?P<v>[\d,.]+) is above the largest plausible amount (?P<m>[\d,.]+) \(1,000 x the principal; set "
     r"\[reconcile\] max_amount if it is real\)",
     "{col}：{v} 超过合理金额的上限 {m}（本金的 1,000 倍；如确属实，请设置 [reconcile] max_amount）"),
    (r"(?P<col>[\w.\[\] ]+): (?P<v>[\d,.]+) is above the largest plausible amount (?P<m>[\d,.]+) \(\[reconcile\] max_amount\)",
     "{col}：{v} 超过合理金额的上限 {m}（[reconcile] max_amount）"),
    (r"(?P<col>[\w.\[\] ]+): (?P<n>\d+) significant digits; an amount has at most (?P<m>\d+) (?P<rest>.*)",
     "{col}：有 {n} 位有效数字；金额最多 {m} 位（金额列中是账号或卡号？）"),
    (r"(?P<col>[\w.\[\] ]+): (?P<d>\S+) is outside the dates debtcli accepts \((?P<a>\S+) to (?P<b>\S+)\); a typo\?",
     "{col}：{d} 超出 debtcli 接受的日期范围（{a} 至 {b}）；是否笔误？"),
    (r"(?P<k>[\w.\[\]]+): found (?P<t>\S+), but the components add up to (?P<s>\S+)", "{k}：读到 {t}，但各构成项合计为 {s}"),
    # profiles (importers/profile.py)
    (r"(?P<k>[\w.\[\]]+): unknown key; the keys are: (?P<l>.*)", "{k}：未知的键；可用的键：{l}"),
    (r"(?P<k>[\w.\[\]]+): unknown key; a rule has: (?P<l>.*)", "{k}：未知的键；规则可用的键：{l}"),
    (r"(?P<k>[\w.\[\]]+): unknown column; the columns are: (?P<l>.*)", "{k}：未知的列；可用的列：{l}"),
    (r"(?P<k>[\w.\[\]]+): expected (?P<pytype>str|bool|int), found (?P<v>.*)", "{k}：应为{pytype}，读到 {v}"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not ledger or payments", "{k}：{v} 不是 ledger 或 payments"),
    (r"(?P<k>[\w.\[\]]+): cannot be negative", "{k}：不能为负数"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not '\.' or ','", "{k}：{v} 不是 '.' 或 ','"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not a single character", "{k}：{v} 不是单个字符"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not one of utf-8, utf-8-sig, gbk, gb18030", "{k}：{v} 不是 utf-8、utf-8-sig、gbk、gb18030 之一"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not a strptime format such as (?P<f>.*)", "{k}：{v} 不是 strptime 日期格式，如 {f}"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not one of (?P<l>.*)", "{k}：{v} 不是以下之一：{l}"),
    (r"(?P<k>[\w.\[\]]+): (?P<v>'.*') is not a canonical column \((?P<l>.*)\)", "{k}：{v} 不是标准列（{l}）"),
    (r"(?P<k>[\w.\[\]]+): expected a table \[(?P<t>\w+)\]", "{k}：应为 [{t}] 表"),
    (r"(?P<k>[\w.\[\]]+): expected a table \[types\] of word = type", "{k}：应为“词 = 类型”形式的 [types] 表"),
    (r"(?P<k>[\w.\[\]]+): expected \[\[rule\]\] blocks", "{k}：应为 [[rule]] 块"),
    (r"(?P<k>[\w.\[\]]+): expected a header text or a 1-based position, found (?P<v>.*)", "{k}：应为表头文字或从 1 起的列序号，读到 {v}"),
    (r"(?P<k>[\w.\[\]]+): positions start at 1", "{k}：列序号从 1 开始"),
    (r"(?P<k>[\w.\[\]]+): give either amount or debit/credit columns, not both", "{k}：amount 列与 debit/credit 列只能给出一种"),
    (r"(?P<k>[\w.\[\]]+): a rule needs match = \"a regular expression\"", "{k}：规则需要 match = \"正则表达式\""),
    (r"(?P<k>[\w.\[\]]+): longer than (?P<n>\d+) characters", "{k}：超过 {n} 个字符"),
    (r"(?P<k>[\w.\[\]]+): not a regular expression debtcli can run safely \((?P<e>.*)\); back-references and look-around are "
     r"not supported", "{k}：不是 debtcli 能安全执行的正则表达式；不支持反向引用和环视"),
    (r"(?P<k>[\w.\[\]]+): expected true or false", "{k}：应为 true 或 false"),
    (r"(?P<k>[\w.\[\]]+): a rule sets either type = \.\.\. or skip = true", "{k}：规则只能设置 type = ... 或 skip = true 其中之一"),
    # [rules] of a pack and the LPR table (rules/*)
    (r"(?P<k>[\w.\[\]]+): give lpr_1y and/or lpr_5y", "{k}：请给出 lpr_1y 和/或 lpr_5y"),
    (r"rules\.acquired: missing; a non-bank holder in NY may not charge more than 16% a year from the day it acquired the "
     r"debt, and the contract rate is above that: add \[rules\] acquired = YYYY-MM-DD \(the date of the bill of sale\)",
     "rules.acquired：缺少此项；纽约州的非银行持有人自取得债权之日起收取的利息不得超过年 16%，而合同利率高于此数：请在 [rules] "
     "中加 acquired = YYYY-MM-DD（债权转让协议的日期）"),
    (r"rules\.judgment_amount: missing; the amount of the judgment of (?P<d>\S+) \(rules\.judgment_date\) is needed",
     "rules.judgment_amount：缺少此项；需要 {d}（rules.judgment_date）判决的金额"),
    (r"(?P<k>[\w.\[\]]+): missing; rolled_over_from and original_principal go together",
     "{k}：缺少此项；rolled_over_from 与 original_principal 须同时给出"),
    (r"(?P<k>[\w.\[\]]+): expected \[\[rules\.lpr\]\] tables with date, lpr_1y, lpr_5y", "{k}：应为 [[rules.lpr]] 表（含 date、lpr_1y、lpr_5y）"),
    (r"(?P<k>[\w.\[\]]+): (?P<r>\S+) needs the (?P<tenor>1y|5y) LPR in force on (?P<d>\S+) \((?P<why>.*?)\), which the LPR table does not have; "
     r"debtcli does not carry an old fixing forward: supply it as \[rules\] lpr_date = YYYY-MM-DD with lpr_1y = \"3\.00%\" "
     r"\(and lpr_5y = \"3\.50%\" for a five-year link\)",
     "{k}：{r} 需要 {d} 有效的{tenor} LPR（{why}），LPR 表中没有；debtcli 不会沿用旧的报价：请在 [rules] 中以 lpr_date = YYYY-MM-DD "
     "和 lpr_1y = \"3.00%\" 给出（挂钩五年期的另给 lpr_5y = \"3.50%\"）"),
    (r"the one-year LPR in force on (?P<d>\S+) is not in the shipped LPR table \((?P<why>.*?)\); the table's last known "
     r"fixing is (?P<l>\S+)\. (?P<rest>.*)",
     "内置 LPR 表中没有 {d} 有效的一年期 LPR（{why}）；表中最后一次报价为 {l}。缺少该报价无法计算上限，debtcli 不作推测："
     "请在 case.toml 的 [rules] 中写明 {d} 有效的报价，lpr_1y = \"3.00%\"（一年期数值）和 lpr_date = YYYY-MM-DD（发布日期），或更新 LPR 表。"),
    # command-line options (cli/*)
    (r"(?P<o>\S+): already exists; use --force to overwrite it", "{o}：文件已存在；如需覆盖请加 --force"),
    (r"(?P<o>\S+): is a folder; give a file name", "{o}：这是文件夹；请给出文件名"),
    (r"(?P<o>\S+): cannot write the statement \((?P<why>.*)\)", "{o}：无法写入明细表（{why}）"),
    (r"--format (?P<f>\w+) contradicts the file name '(?P<n>[^']*)'; name the file (?P<s>\S+), or leave out --format",
     "--format {f} 与文件名 '{n}' 不一致；请将文件命名为 {s}，或去掉 --format"),
    (r"--format not given and '(?P<n>[^']*)' has no known extension; use --format pdf\|xlsx\|html\|md",
     "未给出 --format，且 '{n}' 的扩展名无法识别；请用 --format 指定 " + _FORMATS),
    (r"-o -: a (?P<f>\w+) statement is binary and is not written to stdout; give a file name, or use --format md or "
     r"html", "-o -：{f} 格式的明细表是二进制文件，不能写到标准输出；请给出文件名，或用 --format md 或 html"),
    (r"docx is written only for --template regf; the itemised statement is --format pdf\|xlsx\|html\|md",
     "docx 格式仅用于 --template regf；明细表请用 --format " + _FORMATS),
    (r"(?P<o>--[\w-]+): (?P<v>.*) is not a number of rows \(1 or more\)", "{o}：{v} 不是行数（应为 1 或更大）"),
    (r"(?P<p>.*): the case could not be read", "{p}：无法读取该案件"),
    # why an account of a batch has no figures (its line of the results file, the summary's Unreadable sheet)
    (r"the case could not be read", "无法读取该案件"),
    (r"the account could not be read", "无法读取该账户"),
    (r"the case could not be verified", "无法核对该案件"),
    (r"the columns could not be used", "无法使用这些列"),
    (r"internal error \(a defect in debtcli, not in the account's files\)", "内部错误（是 debtcli 的缺陷，不是该账户文件的问题）"),
    # debtcli batch: options and the portfolio
    (r"(?P<o>--[\w-]+) works with --engine local only", "{o} 只能与 --engine local 一起使用"),
    # a mistake on the command line, as click words it
    (r"No such option: (?P<o>\S+) \(Possible options: (?P<p>.+)\)", "没有选项 {o}（相近的选项：{p}）"),
    (r"No such option: (?P<o>\S+)\s+Did you mean (?P<d>\S+)\?", "没有选项 {o}；是否要用 {d}？"),
    (r"No such option: (?P<o>\S+)", "没有选项 {o}"),
    (r"No such command (?P<c>'.*')\. Did you mean (?P<d>'.*')\?", "没有命令 {c}；是否要用 {d}？"),
    (r"No such command (?P<c>'.*')\.", "没有命令 {c}"),
    (r"Invalid value for (?P<o>'[^']*'(?: / '[^']*')?): (?P<v>'.*') is not one of (?P<l>.+)\.",
     "{o} 的值无效：{v} 不是 {l} 之一"),
    (r"Invalid value for (?P<o>'[^']*'(?: / '[^']*')?): (?P<v>'.*') is not a valid (?:int|integer|float)\.",
     "{o} 的值无效：{v} 不是有效的数字"),
    (r"Invalid value for (?P<o>'[^']*'(?: / '[^']*')?): (?P<v>'.*') is not a valid boolean\.",
     "{o} 的值无效：{v} 不是 true 或 false"),
    (r"Invalid value for (?P<o>'[^']*'(?: / '[^']*')?): (?P<v>\S+) is not in the range (?P<lo>-?\d+)<=x<=(?P<hi>-?\d+)\.",
     "{o} 的值无效：{v} 不在 {lo} 到 {hi} 之间"),
    (r"Invalid value for (?P<o>'[^']*'(?: / '[^']*')?): (?P<v>\S+) is not in the range x>=(?P<lo>-?\d+)\.",
     "{o} 的值无效：{v} 应不小于 {lo}"),
    (r"Missing argument (?P<a>'.*')\.", "缺少参数 {a}"),
    (r"Missing option (?P<o>'.*')\.", "缺少选项 {o}"),
    (r"Option (?P<o>'.*') requires an argument\.", "选项 {o} 需要一个值"),
    (r"Option (?P<o>'.*') does not take a value\.", "选项 {o} 不带值"),
    (r"Got unexpected extra arguments? \((?P<a>.*)\)", "多余的参数（{a}）"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.*)\)", "多余的参数（{a}）"),
    # debtcli interest: the rate and the fixings it needs
    (r"the (?P<t>one-year|five-year) LPR published on (?P<d>\S+) is not in the LPR table and the period runs to "
     r"(?P<u>\S+); supply it with --lpr (?P<s>\S+)=<percent> \(e\.g\. --lpr (?P<e>\S+)\) after checking the "
     r"published figure", lambda v: f"LPR 表中没有 {v['d']} 发布的{'一年期' if v['t'] == 'one-year' else '五年期以上'} "
     f"LPR，而计算期间延续至 {v['u']}；请核对公布的数值后用 --lpr {v['s']}=<百分比> 补充（如 --lpr {v['e']}）"),
    (r"(?P<r>[^:]+) needs the LPR in force on (?P<d>\S+), but the LPR series starts on (?P<s>\S+) \(the PBOC benchmark "
     r"rates for older periods are not in this version\); give a fixed rate for the part before it",
     "{r} 需要 {d} 有效的 LPR，但 LPR 序列始于 {s}（本版本不含更早期间的中国人民银行基准利率）；该日之前的部分请给出固定利率"),
    (r"(?P<r>[^:]+) needs the LPR table", "{r} 需要 LPR 表"),
    (r"(?P<r>[^:]+) on (?P<d>\S+) needs the PBOC benchmark lending rate, but the shipped table starts on (?P<s>\S+); give "
     r"a fixed rate for the part before it",
     "{r} 在 {d} 需要中国人民银行贷款基准利率，但随附的表始于 {s}；该日之前的部分请给出固定利率"),
    (r"the PBOC benchmark \((?P<g>\w+)\) in force from (?P<d>\S+) is not known \(status (?P<st>\w+)\); give a fixed "
     r"rate for that part", "{d} 起施行的中国人民银行基准利率（{g}）未知（状态 {st}）；该部分请给出固定利率"),
    (r"(?P<r>[^:]+) is not linked to the LPR", "{r} 不是与 LPR 挂钩的利率"),
    (r"(?P<r>[^:]+) is relative; give an absolute rate", "{r} 是相对利率；请给出绝对利率"),
    (r"(?P<d>\S+) is before the LPR reform \((?P<s>\S+)\): no LPR was in force that day",
     "{d} 早于 LPR 改革（{s}），当日没有 LPR"),
    (r"(?P<e>\S+) leaves no day to count from (?P<s>\S+) \(counting (?P<c>\w+)\)",
     lambda v: f"{v['e']} 与起算日 {v['s']} 之间没有可计算的天数（{'算头不算尾' if v['c'] == 'start' else '算头算尾'}）"),
    (r"(?P<a>\S+) must be above zero", "{a} 必须大于零"),
    (r"with --engine spark the master decides how many processes run \(--master local\[4\]\)",
     "使用 --engine spark 时由 --master 决定运行多少个进程（如 --master local[4]）"),
    (r"--out: (?P<v>'.*') must end in \.jsonl \(one line per account\) or \.parquet \(a results table\)",
     "--out：{v} 的扩展名必须是 .jsonl（每个账户一行）或 .parquet（结果表）"),
    (r"(?P<s>.+): --engine spark reads portfolio exports \(accounts, ledger and payment tables\), Parquet tables or "
     r"hive: tables; a folder of case folders runs with --engine local",
     "{s}：--engine spark 读取组合导出文件（账户表、分户账表和还款记录表）、Parquet 表或 hive: 表；由案件文件夹组成的文件夹请用 "
     "--engine local"),
    (r"(?P<s>.+): --engine spark reads portfolio exports \(accounts, ledger and payment tables\); a folder of case "
     r"folders runs with --engine local",
     "{s}：--engine spark 读取组合导出文件（账户表、分户账表和还款记录表）；由案件文件夹组成的文件夹请用 --engine local"),
    (r"(?P<s>.+): give hive:DB or hive:TERMS,LEDGER,PAYMENTS \(table names\)",
     "{s}：请写 hive:数据库 或 hive:条款表,分户账表,还款记录表（表名）"),
    (r"(?P<s>hive:.+): no table (?P<t>.+)", "{s}：没有表 {t}"),
    (r"(?P<m>.+) not installed; install debtcli\[spark\] \(pip install 'debtcli\[spark\]'\), which brings pyspark "
     r"and pyarrow", lambda v: f"未安装 {v['m'].replace(' and ', ' 和 ')}；请安装 debtcli[spark]（pip install "
     "'debtcli[spark]'），它会装上 pyspark 和 pyarrow"),
    (r"(?P<t>[\w.]+): (?P<n>[\d,]+) row\(s\) rejected \(belong to no account, or could not be read; first: row "
     r"(?P<k>\d+)\); each one with its reason in (?P<p>.+)",
     "{t}：{n} 行未采用（不属于任何账户，或无法读取；第一行为第 {k} 行）；每一行及其原因见 {p}"),
    (r"--master works with --engine spark only", "--master 只能与 --engine spark 一起使用"),
    (r"--workers: (?P<n>-?\d+) is not a number of processes \(1 or more\)", "--workers：{n} 不是进程数（应为 1 或更大）"),
    (r"--summary: (?P<v>'.*') must be an \.xlsx file", "--summary：{v} 必须是 .xlsx 文件"),
    (r"--out: the folder (?P<v>'.*') does not exist", "--out：文件夹 {v} 不存在"),
    (r"(?P<o>--[\w, -]+): only with --statements DIR", "{o}：只能与 --statements DIR 一起使用"),
    (r"--template: (?P<v>'.*') is not statement, claim or regf", "--template：{v} 不是 statement、claim 或 regf"),
    (r"--format: the (?P<t>\w+) template is written as (?P<l>.*), not (?P<f>\w+)", "--format：{t} 模板只能写成 {l}，不能是 {f}"),
    (r"--template (?P<t>\w+) is written as (?P<l>.*), not (?P<f>\w+)",
     lambda v: f"--template {v['t']} 只能写成 {v['l'].replace(' or ', '、')}，不能是 {v['f']}"),
    (r"the regf template needs the us rule pack and \[demand\] itemization_date and itemization_basis in case\.toml",
     "regf 模板需要 us 规则包，并需在 case.toml 的 [demand] 中写明 itemization_date 和 itemization_basis"),
    (r"--sent: only with --template regf \(the date the validation notice is sent\)",
     "--sent：只能与 --template regf 一起使用（债务确认通知的发出日期）"),
    (r"(?P<c>.+): a card account has no installment schedule", "{c}：信用卡账户没有分期还款计划"),
    (r"Use `debtcli verify` or `debtcli statement` to see its statement cycles\.",
     "请用 `debtcli verify` 或 `debtcli statement` 查看其各账单周期。"),
    (r"--lang: (?P<v>'.*') is not zh or en", "--lang：{v} 不是 zh 或 en"),
    (r"--statements: (?P<v>'.*') is a file, not a folder", "--statements：{v} 是文件，不是文件夹"),
    (r"--statements: cannot create the folder (?P<v>'.*') \((?P<why>.*)\)", "--statements：无法创建文件夹 {v}（{why}）"),
    (r"not a readable workbook \((?P<e>.*)\)", "不是可读取的工作簿（{e}）"),
    (r"a portfolio workbook needs a sheet named accounts \(or terms\); found: (?P<l>.*)",
     "组合工作簿需要名为 accounts（或 terms）的工作表；现有工作表：{l}"),
    (r"(?P<c>\w+) is empty", "{c} 为空"),
    (r"this folder is a single case; use `debtcli verify (?P<p>.+)`, or give batch the folder that holds the case folders",
     "该文件夹是单个案件；请用 `debtcli verify {p}`，或把包含各案件文件夹的上级文件夹交给 batch"),
    (r"no case folders and no accounts table \(accounts\.csv / accounts\.xlsx\) in this folder",
     "该文件夹中没有案件文件夹，也没有账户表（accounts.csv / accounts.xlsx）"),
    (r"give a folder of case folders, a folder holding accounts\.csv \(with ledger\.csv and payments\.csv\), or a "
     r"portfolio workbook \(\.xlsx with sheets accounts, ledger, payments\)",
     "请给出包含各案件文件夹的文件夹、含 accounts.csv（及 ledger.csv 和 payments.csv）的文件夹，或组合工作簿"
     "（含 accounts、ledger、payments 工作表的 .xlsx）"),
    (r"written with other settings \((?P<d>.*)\); resume with the same --as-of, --rules and SOURCE, or write to another --out",
     "是用其他设置写入的（{d}）；续跑请用相同的 --as-of、--rules 和 SOURCE，或写到另一个 --out"),
    (r"another debtcli batch is writing this file; wait for it to finish or choose another --out",
     "另一个 debtcli batch 正在写入该文件；请等它结束，或换一个 --out"),
    # debtcli interest and debtcli quote
    (r"(?P<o>--lpr \S+): (?P<inner>.*) \(write e\.g\. (?P<ex>--lpr \S+)\)", "{o}：{inner}（请写成如 {ex}）"),
    (r"expected DATE=PERCENT", "应为 日期=百分数"),
    (r"(?P<o>--waive \S+): expected COMPONENT=PERCENT% or COMPONENT=AMOUNT, the component one of (?P<l>.*)",
     "{o}：应为 构成项=百分比% 或 构成项=金额，构成项为以下之一：{l}"),
    (r"(?P<o>--waive \S+): (?P<c>\w+) is waived twice", "{o}：{c} 被减免了两次"),
    (r"(?P<o>--waive \S+): (?P<inner>.*)", "{o}：{inner}"),
    (_Q + r" is not a percentage above 0% and at most 100%", "{q} 不是大于 0% 且不超过 100% 的百分比"),
    (_Q + r" is not an amount above zero", "{q} 不是大于零的金额"),
    (_Q + r" is not a plausible LPR in percent", "{q} 不是合理的 LPR 百分数"),
    (r"--currency: (?P<c>'.*') is not a known currency \((?P<l>.*)\)", "--currency：{c} 不是已知的货币（{l}）"),
    (r"(?P<o>--\w+): only with --plan", "{o}：只能与 --plan 一起使用"),
    (r"--first: (?P<a>\S+) must be after --on (?P<b>\S+)", "--first：{a} 必须晚于 --on {b}"),
    (r"--on: (?P<a>\S+) is before the contract was signed \((?P<b>\S+)\)", "--on：{a} 早于合同签订日（{b}）"),
    (r"-o (?P<n>.+): the offer letter is written as \.pdf, \.docx, \.xlsx, \.html or \.md",
     "-o {n}：报价函只能写成 .pdf、.docx、.xlsx、.html 或 .md"),
    (r"(?P<o>\S+): cannot write the offer letter \((?P<why>.*)\)", "{o}：无法写入报价函（{why}）"),
)

# ---------------------------------------------------------------------- whole lines (hints, notices)

LINES: tuple[tuple[str, object], ...] = (
    (r"(?P<n>\d+) problem\(s\); nothing was computed\.", "共 {n} 个问题；未进行任何计算。"),
    (r"wrote (?P<o>.*) \((?P<f>\w+), (?P<n>\d+) bytes\)", "已写入 {o}（{f}，{n} 字节）"),
    (r"interrupted", "已中断"),
    # debtcli batch
    (r"(?P<n>\d+) line\(s\) of (?P<o>.+) were not complete results \(cut short or edited, or after such a line\); they "
     r"were removed and verified again", "{o} 中有 {n} 行不是完整的结果（被截断或改动过，或在这样的行之后）；已删除并重新核对"),
    (r"(?P<a>\d+) of (?P<t>\d+) accounts are in (?P<o>.+); run the same command with --resume to finish",
     "共 {t} 户中已有 {a} 户写入 {o}；加 --resume 再次运行同一命令即可完成"),
    (r"(?P<l>.+?): (?P<n>\d+) row\(s\) belong to no account \(first: row (?P<r>\d+), (?P<w>.*)\)",
     "{l}：有 {n} 行不属于任何账户（第一行：第 {r} 行，{w}）"),
    (r"(?P<l>.+?): (?P<n>\d+) row\(s\) belong to no account", "{l}：有 {n} 行不属于任何账户"),
    (r"(?P<n>\d+) statement\(s\) in (?P<d>.+); list and SHA-256 in (?P<m>.+)", "{d} 中共 {n} 份明细表；清单及 SHA-256 见 {m}"),
    (r"(?P<t>\d+) accounts: (?P<v>\d+) verified, (?P<f>\d+) flagged, (?P<u>\d+) unreadable(?: \((?P<k>\d+) kept from the "
     r"earlier run\))?; results in (?P<o>.+?)(?:, summary in (?P<s>.+))?",
     lambda v: (f"共 {v['t']} 户：{v['v']} 户核对无误，{v['f']} 户有问题，{v['u']} 户无法读取"
                + (f"（{v['k']} 户沿用上次的结果）" if v["k"] else "") + f"；结果见 {v['o']}"
                + (f"，汇总见 {v['s']}" if v["s"] else ""))),
    (r"(?P<l>.+?)(?: and (?P<more>\d+) more)? \(each line of (?P<o>.+) with \"error\" lists the problems\)",
     lambda v: f"{v['l']}" + (f" 等另 {v['more']} 户" if v["more"] else "") + f"（{v['o']} 中带 \"error\" 的各行列出了问题）"),
    (r"internal error \(a defect in debtcli; please report it\) on: (?P<l>.+?)(?: and (?P<more>\d+) more)?",
     lambda v: f"内部错误（debtcli 的缺陷，请报告）：{v['l']}" + (f" 等另 {v['more']} 户" if v["more"] else "")),
    (r"nothing was verified\.", "未核对任何账户。"),
    # debtcli import and debtcli profile init
    (r"(?P<f>.+?): (?P<n>\d+) rows: (?P<h>\d+) header, (?P<u>\d+) used as (?P<kind>\w+), (?P<r>\d+) rejected",
     "{f}：共 {n} 行：表头 {h} 行，作为{kind}采用 {u} 行，未采用 {r} 行"),
    (r"the profile was not used; nothing was read\.", "未使用该列映射；未读取任何内容。"),
    (r"wrote (?P<t>.+) \((?P<n>\d+) column\(s\) recognised\); check it with: (?P<cmd>.*)",
     "已写入 {t}（识别出 {n} 列）；请用以下命令检查：{cmd}"),
    (r"internal error: (?P<e>.*) \(set DEBTCLI_DEBUG=1 for the traceback\)",
     "内部错误：{e}（设置 DEBTCLI_DEBUG=1 可查看调用栈）"),
)

# ---------------------------------------------------------------------- loaders: case.toml, profiles, tables
# A case.toml or [rules] value is reported as ``key: found VALUE, expected WHAT (DETAIL)``: WHAT comes from the
# table below, DETAIL (why the value was refused) from ``DETAILS``.

EXPECTED: tuple[tuple[str, str], ...] = (
    (r'"(?P<x>[^"]*)"', '"{x}"'),
    (r"a table \[files\] with ledger and payments", "[files] 表（含 ledger 和 payments）"),
    (r"a table \[(?P<t>[\w.]+)\]", "[{t}] 表"),
    (r"a table of component = clause text", "“构成项 = 条款文字”形式的表"),
    (r"a table of further card settings", "其他信用卡设置的表"),
    (r"\[\[installment\]\] tables for method custom", "method custom 需要 [[installment]] 表"),
    (r"\[\[(?P<t>[\w.]+)\]\] tables with date, lpr_1y, lpr_5y", "[[{t}]] 表（含 date、lpr_1y、lpr_5y）"),
    (r"\[\[(?P<t>[\w.]+)\]\] tables", "[[{t}]] 表"),
    (r'no \[\[installment\]\] unless method = "custom"', '仅 method = "custom" 时才写 [[installment]]'),
    (r"a case id \(text\)", "案件编号（文本）"),
    (r'a state code such as "(?P<x>\w+)"', '州代码，如 "{x}"'),
    (r'a three-letter currency code such as "(?P<x>\w+)"', '三个字母的货币代码，如 "{x}"'),
    (r"start \(算头不算尾\) \| both \(算头算尾\)", "start（算头不算尾）或 both（算头算尾）"),
    (r'(?P<l>"?[\w./-]+"?(?: \| "?[\w./-]+"?)+) for jurisdiction = "us"', 'jurisdiction = "us" 时为以下之一：{l}'),
    (r'(?P<l>"?[\w./-]+"?(?: \| "?[\w./-]+"?)+) for the us rules', '使用 us 规则时为以下之一：{l}'),
    (r'(?P<l>"?[\w./-]+"?(?: \| "?[\w./-]+"?)+)', "以下之一：{l}"),
    (r"text: who approved the waiver", "文本：批准减免的人"),
    (r"text: the approval document or ticket", "文本：批准文件或工单编号"),
    (r"text: the judgment's case number", "文本：判决书案号"),
    (r"text", "文本"),
    (r"true or false", "true 或 false"),
    (r"a date \(YYYY-MM-DD\) or \"on_demand\" \(no repayment term agreed\)", '日期（YYYY-MM-DD）或 "on_demand"（未约定还款期限）'),
    (r"a date \(YYYY-MM-DD\): the day the judgment took effect", "日期（YYYY-MM-DD）：判决生效之日"),
    (r"a date \(YYYY-MM-DD\): the last day of the performance period", "日期（YYYY-MM-DD）：履行期限的最后一天"),
    (r"a date \(YYYY-MM-DD, without quotes\)", "日期（YYYY-MM-DD，不加引号）"),
    (r"a date \(YYYY-MM-DD\)", "日期（YYYY-MM-DD）"),
    (r"the date the contract was formed \(YYYY-MM-DD\)", "合同成立的日期（YYYY-MM-DD）"),
    (r"the date of the first charge \(YYYY-MM-DD\)", "首次收取的日期（YYYY-MM-DD）"),
    (r"the date of the conversion \(YYYY-MM-DD\)", "转分期的日期（YYYY-MM-DD）"),
    (r"the date of the first IOU \(YYYY-MM-DD, without quotes\)", "第一张借据的日期（YYYY-MM-DD，不加引号）"),
    (r"the publication date \(YYYY-MM-DD, without quotes\)", "发布日期（YYYY-MM-DD，不加引号）"),
    (r"a date after contract\.signed \((?P<d>[^)]*)\)", "晚于 contract.signed（{d}）的日期"),
    (r"a date after the restructure \((?P<d>[^)]*)\)", "晚于重组日（{d}）的日期"),
    (r"a date on or after the judgment's date (?P<d>\S+)", "不早于判决日 {d} 的日期"),
    (r"on or after contract\.signed \((?P<d>[^)]*)\)", "不早于 contract.signed（{d}）"),
    (r"after contract\.signed \((?P<d>[^)]*)\)", "晚于 contract.signed（{d}）"),
    (r"after the previous installment \((?P<d>[^)]*)\)", "晚于上一期（{d}）"),
    (r"on or before demand\.as_of \((?P<d>[^)]*)\)", "不晚于 demand.as_of（{d}）"),
    (r"the principal as written, a positive amount such as \"(?P<x>[^\"]*)\"", '合同所载本金，正数金额，如 "{x}"'),
    (r"the principal converted, a positive amount", "转为分期的本金，正数金额"),
    (r"the first IOU's principal, e\.g\. \"(?P<x>[^\"]*)\"", '第一张借据的本金，如 "{x}"'),
    (r"a whole number of months \((?P<a>\d+) to (?P<b>\d+)\)", "{a} 到 {b} 之间的整数（月数）"),
    (r"a multiple of (?P<m>\d+) months \(frequency = (?P<f>\w+)\)", "{m} 的整数倍（月数；frequency = {f}）"),
    (r'monthly unless method is an installment method \(a loan paid in one sum has one due date; interest paid '
     r'each period is method = "interest_only"\)',
     '按月（仅分期还款方式可按季、按半年或按年还款；到期一次还本付息只有一个到期日；按期付息请用 method = "interest_only"）'),
    (r"nothing for a card account \(its statement cycle is monthly\)", "信用卡账户不设此项（账单周期按月）"),
    (r'nothing unless method = "equal_installment" \(installments in advance are level payments, the first on the '
     r'day the loan is made\)', '仅 method = "equal_installment" 时可用（先付为等额还款，首期于放款当日偿还）'),
    (r"nothing when in_advance = true \(the first installment falls due on contract\.signed\)",
     "in_advance = true 时不设此项（首期于 contract.signed 当日到期）"),
    (r'nothing unless method = "equal_installment" or "equal_principal", not in advance \(the first installments bear '
     r'interest only, the rest amortise the principal\)',
     '仅 method = "equal_installment" 或 "equal_principal" 且非先付时可用（前几期只还息，其余各期摊还本金）'),
    (r"fewer than the (?P<n>\d+) installments of the term", "少于借款期限内的 {n} 期"),
    (r"a whole number of days \((?P<a>\d+) to (?P<b>\d+)\)", "{a} 到 {b} 之间的整数（天数）"),
    (r"a whole number of monthly installments from (?P<a>\d+) to (?P<b>\d+)", "{a} 到 {b} 之间的整数（月供期数）"),
    (r"a number of monthly installments \((?P<a>\d+) to (?P<b>\d+)\)", "分期月数（{a} 到 {b}）"),
    (r"a day of the month \((?P<a>\d+) to (?P<b>\d+)\)", "每月的某一日（{a} 到 {b}）"),
    (r"days after the statement \((?P<a>\d+) to (?P<b>\d+): the due date comes before the next statement\)",
     "账单日后的天数（{a} 到 {b}：到期日在下一个账单日之前）"),
    (r"due_day \(day of month\) or due_days \(days after the statement\)", "due_day（每月几日）或 due_days（账单日后的天数）"),
    (r'a rate such as (?P<a>"[^"]*") or a markup such as (?P<b>"[^"]*")', "利率，如 {a}，或加成，如 {b}"),
    (r'a fixed rate for the plan, such as (?P<a>"[^"]*") or (?P<b>"[^"]*")', "分期计划的固定利率，如 {a} 或 {b}"),
    (r'a rate such as (?P<ex>"[^"]*"(?:, "[^"]*")*)', "利率，如 {ex}"),
    (r"an amount or a percentage of the missed amount", "金额，或逾期未还金额的百分比"),
    (r"an amount or a rate", "金额或费率"),
    (r"an amount: the base of the running interest", "金额：继续计息的基数"),
    (r'a positive amount such as (?P<a>"[^"]*") or (?P<b>"[^"]*")', "正数金额，如 {a} 或 {b}"),
    (r'an amount such as (?P<a>"[^"]*") or (?P<b>"[^"]*")', "金额，如 {a} 或 {b}"),
    (r'a positive amount such as (?P<a>"[^"]*")', "正数金额，如 {a}"),
    (r'an amount such as (?P<a>"[^"]*")', "金额，如 {a}"),
    (r"a positive amount", "正数金额"),
    (r"an amount", "金额"),
    (r'a percentage of principal such as (?P<a>"[^"]*")', "本金的百分比，如 {a}"),
    (r'a percentage such as (?P<a>"[^"]*")', "百分比，如 {a}"),
    (r'a monthly fee as a percentage of the amount, e\.g\. (?P<a>"[^"]*")', "按金额百分比计的月手续费，如 {a}"),
    (r'the LPR as a yearly percentage, e\.g\. (?P<a>"[^"]*")', "年利率形式的 LPR，如 {a}"),
    (r'the one-year LPR as a yearly percentage, e\.g\. (?P<a>"[^"]*")', "年利率形式的一年期 LPR，如 {a}"),
    (r"the PBOC benchmark lending rate of the loan's grade as a yearly percentage, e\.g\. (?P<a>\"[^\"]*\")",
     "该贷款档次的人民银行基准贷款利率（年利率），如 {a}"),
    (r'"ordinary" or "simple" \(简易程序: half the case-acceptance fee\)', '"ordinary" 或 "simple"（简易程序：案件受理费减半）'),
    (r'"m6" \(six months\) or "y1" \(one year\)', '"m6"（六个月）或 "y1"（一年）'),
    (r'the amount of the judgment as text, e\.g\. (?P<a>"[^"]*")', "判决金额（写成文本），如 {a}"),
    (r'a yearly percentage, e\.g\. (?P<a>"[^"]*")', "年利率百分比，如 {a}"),
    (r"a list of components \((?P<l>[^)]*)\), each optionally prefixed by overdue:, due: or not_due:",
     "构成项列表（{l}），每项前可加 overdue:、due: 或 not_due:"),
    (r"(?P<x>\{.*\})", "形如 {x} 的内联表"),
    (r'a file name or a list of file names such as (?P<l>\[.*\])', "文件名或文件名列表，如 {l}"),
    (r'a file name such as (?P<a>"[^"]*")', "文件名，如 {a}"),
    (r"each file once \((?P<f>.*) is named twice\)", "每个文件只写一次（{f} 写了两次）"),
    (r"a file that is not also a payments file", "不同时作为还款文件的文件"),
    (r"either amount or rate, not both", "amount 或 rate 二者之一，不能同时给出"),
    (r"false for a periodic fee \(it falls due with each installment\)", "周期性费用应为 false（它随每期到期）"),
    (r"the new rate of a rate_change", "rate_change 的新利率"),
    (r"the amount of the (?P<t>\w+)", "{t} 的金额"),
    (r"the number of monthly installments of the plan", "分期计划的月数"),
    (r"the number of monthly installments for method (?P<m>\w+)", "method {m} 的月供期数"),
    (r"no such key except on a restructure event", "不应出现（仅 restructure 事件有此键）"),
    (r"no such key except on a prepayment event", "不应出现（仅 prepayment 事件有此键）"),
    (r"an event of a loan \(a card's payments above the balance are held as credit\)",
     "借款的事件（信用卡账户多还的款项作为溢缴款保留）"),
    (r"no such key except on a waiver or restructure event", "不应出现（仅 waiver 或 restructure 事件有此键）"),
    (r"the performance deadline \(deadline = YYYY-MM-DD or performance_days\)",
     "履行期限（deadline = YYYY-MM-DD 或 performance_days）"),
    (r"a period ending on the deadline (?P<d>\S+) \(it ends on (?P<e>\S+)\)", "截至履行期限 {d} 的天数（按此天数截至 {e}）"),
    (r"the amounts the judgment orders paid \(principal, interest, costs \.\.\.\)",
     "判决确定的给付金额（principal、interest、costs 等）"),
    (r"interest_base, interest_rate and interest_from go together", "interest_base、interest_rate 和 interest_from 须同时给出"),
    (r"itemization_date and itemization_basis go together", "itemization_date 与 itemization_basis 须同时给出"),
    (r'term_months or maturity \(a date or "on_demand"\) for a bullet loan',
     '到期一次还本的借款需 term_months 或 maturity（日期或 "on_demand"）'),
    (r'a date: a loan with no repayment term has no schedule \(method = "bullet"\), not method (?P<m>\w+)',
     '日期：未约定还款期限的借款没有还款计划（method = "bullet"），不能是 method {m}'),
    (r'nothing: maturity = "on_demand" means no term was agreed', '不应出现：maturity = "on_demand" 表示未约定期限'),
    (r'nothing unless method = "equal_installment" \(it rounds the level installment\)',
     '仅在 method = "equal_installment" 时使用（它将每期等额还款取整）'),
    (r"installment principal adding up to contract\.principal \((?P<p>[^)]*)\)", "各期本金合计等于 contract.principal（{p}）"),
    (r"an absolute rate, since the contract states no rate", "绝对利率（合同未约定利率）"),
    (r'a lender kind of jurisdiction "(?P<j>\w+)" \(original_creditor and collector are for jurisdiction = "us"\)',
     '适用于 jurisdiction "{j}" 的出借人类别（original_creditor 和 collector 仅用于 jurisdiction = "us"）'),
)

# why a value was refused: the text of the parser's error (model/money.py, terms/loader.py, the converters)
DETAILS: tuple[tuple[str, str], ...] = (
    (r"(?:" + _Q + r" )?has no unit: (?P<h>.*)", "{q} 没有单位：{h}"),
    (r"(?:" + _Q + r" )?has (?P<n>\d+) significant digits; an amount has at most (?P<m>\d+) \(an account or card number "
     r"in the amount column\?\)", "{q} 有 {n} 位有效数字；金额最多 {m} 位（金额列中是账号或卡号？）"),
    (r"(?:" + _Q + r" )?is more than (?P<r>[\d,]+%) a year; a typo\?", "{q} 每年超过 {r}；是否笔误？"),
    (r"(?P<d>\S+) is outside the dates debtcli accepts \((?P<a>\S+) to (?P<b>\S+)\); a typo\?",
     "{d} 超出 debtcli 接受的日期范围（{a} 至 {b}）；是否笔误？"),
    (_Q + r" is not a date \(expected YYYY-MM-DD\)", "{q} 不是日期（应为 YYYY-MM-DD）"),
    (_Q + r" is not a real date", "{q} 不是真实存在的日期"),
    (_Q + r" is not an amount \(expected digits like 1,234\.56\)", "{q} 不是金额（应为 1,234.56 这样的数字）"),
    (_Q + r" is not an amount", "{q} 不是金额"),
    (_Q + r" is not a number", "{q} 不是数字"),
    (_Q + r" is not a finite number", "{q} 不是有限的数字"),
    (_Q + r" is not a percentage \(digits like 24% or 0\.05%\)", "{q} 不是百分比（应为 24% 或 0.05% 这样的数字）"),
    (_Q + r" is linked to the LPR; a fixed rate is expected here \(e\.g\. 24%\)", "{q} 挂钩 LPR；此处应为固定利率（如 24%）"),
    (_Q + r" names two periods", "{q} 写了两个计息周期"),
    (_Q + r" is not a rate \((?P<inner>.*)\); write e\.g\. (?P<ex>.*)", "{q} 不是利率（{inner}）；请写成如 {ex}"),
    (_Q + r": a rate cannot be negative", "{q}：利率不能为负数"),
    (_Q + r" is not an LPR-linked rate; write e\.g\. (?P<ex>.*)", "{q} 不是挂钩 LPR 的利率；请写成如 {ex}"),
    (_Q + r": the LPR multiple must be above zero", "{q}：LPR 的倍数必须大于零"),
    (_Q + r': write rates as text with a unit, e\.g\. "24%"', '{q}：利率请写成带单位的文本，如 "24%"'),
    (_Q + r": a relative rate is allowed only for default_rate", "{q}：只有 default_rate 可以写相对利率"),
    (_Q + r": a markup is a plain percentage such as \+50%", "{q}：加成应为简单百分比，如 +50%"),
    (_Q + r" is not a component", "{q} 不是构成项"),
    (r"unexpected " + _Q, "无法识别 {q}"),
    (r"empty value where a number was expected", "此处应为数字，却为空"),
    (r"empty amount", "金额为空"),
    (r"empty rate", "利率为空"),
    (r"no number", "没有数字"),
    (r"decimal mark must be '\.' or ',', not " + _Q, "小数点只能是 '.' 或 ','，不能是 {q}"),
    (r'write amounts as text, e\.g\. "1234\.56", so no cent is lost to binary floats',
     '金额请写成文本，如 "1234.56"，以免二进制浮点数丢失分位'),
    (r"it must not be negative", "不得为负数"),
    (r"it must be more than zero", "必须大于零"),
    (r"a plain percentage such as 5%", "应为简单百分比，如 5%"),
    (r"a file in the case folder, named without a path", "应为案件文件夹中的文件，只写文件名、不带路径"),
)


def _detail_zh(text: str) -> str | None:
    for pattern, template in _compiled().details:
        m = pattern.match(text)
        if m:
            return _fill(template, m).strip()
    return None


def _expected_zh(text: str) -> str | None:
    """What was expected, with the reason a value was refused in brackets after it."""
    for pattern, template in _compiled().expected:
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end():]
        if rest == "":
            return _fill(template, m)
        if rest.startswith(" (") and rest.endswith(")"):
            detail = _detail_zh(rest[2:-1])
            if detail is not None:
                return f"{_fill(template, m)}（{detail}）"
    return None


def _found_zh(text: str) -> str | None:
    m = _compiled().found.match(text)
    if m is None:
        return None
    expected = _expected_zh(m.group("e"))
    if expected is None:
        return None
    value = {"True": "true", "False": "false"}.get(m.group("v"), m.group("v"))  # as TOML writes them
    if expected[:1].isascii() and expected[:1].isalnum():  # a number or a word: 应为 3 的整数倍, 应为 true
        expected = " " + expected
    if value == "missing":
        return f"{m.group('k')}：缺少此项，应为{expected}"
    for pattern, template in _compiled().found_values:
        v = pattern.match(value)
        if v:
            value = _fill(template, v)
    return f"{m.group('k')}：读到 {value}，应为{expected}"


LABELS = {"error": "错误", "warning": "提示", "note": "说明", "rejected": "未采用", "interrupted": "已中断",
          "unreadable": "无法读取"}


# the messages of Python's TOML reader (tomllib), said in Chinese; any other one is 有语法错误 (a syntax error)
TOML_ERRORS: tuple[tuple[str, str], ...] = (
    (r"Expected '=' after a key in a key/value pair", "的键后应为 '='"),
    (r"Expected ']' at the end of a table declaration", "的表头应以 ']' 结束"),
    (r"Expected ']]' at the end of an array declaration", "的表数组头应以 ']]' 结束"),
    (r"Cannot overwrite a value", "重复定义了同一个键"),
    (r"Cannot declare .* twice", "重复声明了同一个表"),
    (r"Invalid value", "的值无效"),
    (r"Invalid statement", "的语句无效"),
    (r"Invalid initial character for a key part", "的键以无效字符开头"),
    (r"Unterminated string", "的字符串没有结束"),
    (r"Expected newline or end of document after a statement", "的语句后应换行"),
    (r"Illegal character .*", "有不允许的字符"),
    (r"Invalid date or datetime", "的日期无效"),
)

WHY: tuple[tuple[str, str], ...] = (
    (r"repricing on each fixing up to (?P<u>\S+)", "逐次按报价重新定价至 {u}"),
    (r"the rate from that day", "自该日起的利率"),
    (r"ceiling at formation (?P<f>\S+)", "合同成立日 {f} 的上限"),
    (r"ceiling from 2020-08-20 \(4 x the one-year LPR in force on the filing date \(the reading most courts use\)\)",
     "2020-08-20 起的上限（起诉日有效的一年期 LPR 的 4 倍，多数法院采用的理解）"),
    (r"ceiling from 2020-08-20 \(4 x the one-year LPR in force on 2020-08-20, when the amended Provisions took effect\)",
     "2020-08-20 起的上限（2020-08-20 修订后的规定施行之日有效的一年期 LPR 的 4 倍）"),
)


@lru_cache(maxsize=None)
def _compiled() -> SimpleNamespace:
    """The patterns of this module, compiled when the first line is said in Chinese: a few hundred of
    them take about 60 ms, which a command that prints no problem in Chinese (a verify table of a
    case without one) does not pay."""
    return SimpleNamespace(
        keyed=re.compile(r"(?P<k>-?-?[\w.\[\]-]+(?: [\w=.%-]+)?): (?P<d>.*)\Z", re.S),
        found=re.compile(r"(?P<k>[\w.\[\]]+): found (?P<v>.*?), expected (?P<e>.*)\Z", re.S),
        expected=tuple((re.compile(p), t) for p, t in EXPECTED),
        details=tuple((re.compile(p + r"\Z", re.S), t) for p, t in DETAILS),
        found_values=((re.compile(r"(?P<n>\d+) tables\Z"), "{n} 个表"),
                      (re.compile(r"principal adding up to (?P<x>\S+)\Z"), "本金合计 {x}")),
        messages=tuple((re.compile(p + r"\Z", re.S), t) for p, t in MESSAGES),
        lines=tuple((re.compile(p + r"\Z", re.S), t) for p, t in LINES),
        location=re.compile(r"(?P<file>[^:\s][^:]*?)(?P<row>:\d+)?(?: column (?P<col>[^:]+))?: (?P<rest>.+)\Z", re.S),
        why=tuple((re.compile(p + r"\Z"), t) for p, t in WHY),
    )


def _fill(template: str, m: re.Match) -> str:
    values = {k: (v or "") for k, v in m.groupdict().items()}
    if values.get("inner"):  # a message inside a message
        values["inner"] = message_zh(values["inner"])
    if values.get("c"):  # column names: "amount (or debit/credit)"
        values["c"] = values["c"].replace(" (or ", "（或 ").replace("credit)", "credit）")
    if values.get("toml"):  # what Python's TOML reader found wrong
        values["toml"] = next((t for p, t in TOML_ERRORS if re.fullmatch(p, values["toml"])), "有语法错误")
    if values.get("pytype"):
        values["pytype"] = {"str": "文本", "bool": " true 或 false", "int": "整数"}[values["pytype"]]
    if values.get("kind"):
        values["kind"] = {"ledger": "台账", "payments": "还款记录"}.get(values["kind"], values["kind"])
    if values.get("tenor"):
        values["tenor"] = {"1y": "一年期", "5y": "五年期"}.get(values["tenor"], values["tenor"])
    if values.get("why"):  # the reason an LPR fixing is needed, said again in Chinese
        for pattern, t in _compiled().why:
            w = pattern.match(values["why"])
            if w:
                values["why"] = t.format(**w.groupdict())
                break
    return template(values) if callable(template) else template.format(**values)


def message_zh(text: str) -> str:
    """What was found, in Chinese (the part after the location)."""
    found = _found_zh(text)
    if found is not None:
        return found
    for pattern, template in _compiled().messages:
        m = pattern.match(text)
        if m:
            return _fill(template, m)
    detail = _detail_zh(text)
    if detail is not None:
        return detail
    # an option or a column, then why its value was refused: --rate: '24' has no unit
    m = _compiled().keyed.match(text)
    if m:
        detail = _detail_zh(m.group("d"))
        if detail is not None:
            return f"{m.group('k')}：{detail}"
    return text


def problem_zh(line: str) -> str:
    """One problem line (``where: what``) in Chinese: the location kept, ``column`` said as 字段."""
    for pattern, template in _compiled().lines:
        m = pattern.match(line)
        if m:
            return _fill(template, m)
    whole = message_zh(line)
    if whole != line:
        return whole
    m = _compiled().location.match(line)
    if m is None:
        return line
    where = m.group("file") + (m.group("row") or "") + (f" 字段 {m.group('col')}" if m.group("col") else "")
    return f"{where}：{message_zh(m.group('rest'))}"


def problem_text(text: str, lang: str, whole: bool = True) -> str:
    """A problem line (``whole``) or just what was found, in ``lang``."""
    if lang != "zh":
        return text
    return problem_zh(text) if whole else message_zh(text)


def label_zh(label: str) -> str:
    return LABELS.get(label, label)


__all__ = ["problem_zh", "message_zh", "label_zh", "problem_text"]
