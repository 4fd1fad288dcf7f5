"""Problems with the input (exit 2), warnings and the command line's own notices, in Chinese.

An input problem is written where it is found as one English line (``Issue``: where, then what); the
words a user reads in Chinese come from the table below at the moment the line is printed. Each entry
is one message form: a pattern over the English line (its figures, names and dates captured) and the
Chinese sentence that says the same with those values. The location part (``file[sheet]:row column
c``) is said again too. A line no entry knows stays as written, so nothing is ever lost.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------- what was found (the message part)

_FORMATS = "pdf、xlsx、html 或 md"

MESSAGES: tuple[tuple[str, str], ...] = (
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
    (r"not read: (?P<why>.*)", "未读取：{why}"),
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
    # case.toml values (terms/loader.py)
    (r"(?P<k>[\w.\[\]]+): found '(?P<v>[^']*)', expected a rate such as (?P<ex>.*?) \(has no unit: (?P<h>.*)\)",
     "{k}：读到 '{v}'，应为利率，如 {ex}（没有单位：{h}）"),
    (r"(?P<k>[\w.\[\]]+): found '(?P<v>[^']*)', expected a rate such as (?P<ex>.*)", "{k}：读到 '{v}'，应为利率，如 {ex}"),
    (r"(?P<k>[\w.\[\]]+): found (?P<v>.*?), expected a date \(YYYY-MM-DD\)(?P<rest>.*)",
     "{k}：读到 {v}，应为日期（YYYY-MM-DD）{rest}"),
    (r"(?P<k>[\w.\[\]]+): unknown key \(known keys here: (?P<known>.*)\)", "{k}：未知的键（此处可用的键：{known}）"),
    (r"(?P<k>[\w.\[\]]+): no value", "{k}：没有值"),
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
)

# ---------------------------------------------------------------------- whole lines (hints, notices)

LINES: tuple[tuple[str, str], ...] = (
    (r"(?P<n>\d+) problem\(s\); nothing was computed\.", "共 {n} 个问题；未进行任何计算。"),
    (r"wrote (?P<o>.*) \((?P<f>\w+), (?P<n>\d+) bytes\)", "已写入 {o}（{f}，{n} 字节）"),
    (r"interrupted", "已中断"),
    (r"internal error: (?P<e>.*) \(set DEBTCLI_DEBUG=1 for the traceback\)",
     "内部错误：{e}（设置 DEBTCLI_DEBUG=1 可查看调用栈）"),
)

LABELS = {"error": "错误", "warning": "提示", "note": "说明", "rejected": "未采用"}

_MESSAGES = tuple((re.compile(p + r"\Z", re.S), t) for p, t in MESSAGES)
_LINES = tuple((re.compile(p + r"\Z", re.S), t) for p, t in LINES)
_LOCATION = re.compile(r"(?P<file>[^:\s][^:]*?)(?P<row>:\d+)?(?: column (?P<col>[^:]+))?: (?P<rest>.+)\Z", re.S)


def _fill(template: str, m: re.Match) -> str:
    return template.format(**{k: (v or "") for k, v in m.groupdict().items()})


def message_zh(text: str) -> str:
    """What was found, in Chinese (the part after the location)."""
    for pattern, template in _MESSAGES:
        m = pattern.match(text)
        if m:
            return _fill(template, m)
    return text


def problem_zh(line: str) -> str:
    """One problem line (``where: what``) in Chinese: the location kept, ``column`` said as 字段."""
    for pattern, template in _LINES:
        m = pattern.match(line)
        if m:
            return _fill(template, m)
    whole = message_zh(line)
    if whole != line:
        return whole
    m = _LOCATION.match(line)
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
