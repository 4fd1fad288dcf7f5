"""--help in Chinese: the words of the commands and options a user reads, when the message language
is Chinese (``--lang zh`` on the command line, ``DEBTCLI_LANG=zh`` or a Chinese locale).

The English help stays where typer reads it (the docstrings and ``help=`` of each command); this
module gives the Chinese text of each command and option by name and puts it on the built command
before it runs, with the help page's own headings (用法, 参数, 选项).
"""

from __future__ import annotations

import re

ROOT = ("核对一笔债务，精确到分：按合同和按法律分别重算账户，列出超出依法可主张余额的每一项催收金额，并生成逐项明细表。\n\n"
        "退出码：0 未超出依法可主张的余额；1 有“错误”级别的核查发现；2 输入无法采信；3 内部错误。")

EXAMPLES = {
    "verify": ("debtcli verify examples/private-loan", "debtcli verify examples/bank-loan --rules cn --format json",
               "debtcli verify examples/private-loan --lang en",
               "debtcli verify examples/private-loan --as-of 2023-06-30 --no-demand"),
    "statement": ("debtcli statement examples/bank-loan --format pdf -o statement.pdf",
                  "debtcli statement examples/bank-loan --format xlsx --lang en -o statement.xlsx",
                  "debtcli statement examples/bank-loan --format md -o -",
                  "debtcli statement examples/bank-loan --as-of 2024-03-31 --no-demand -o balance-2024-03-31.pdf"),
    "schedule": ("debtcli schedule examples/bank-loan", "debtcli schedule examples/bank-loan --format json"),
    "balance": ("debtcli balance examples/bank-loan --as-of 2024-06-30",
                "debtcli balance examples/bank-loan --as-of 2024-06-30 --format json"),
}

COMMANDS = {
    "verify": ("按合同和按法律分别重算账户，与催收金额比较，列出每一项核查发现及其依据和证据行。\n\n"
               "催收金额只与其自身日期（[demand] as_of）的余额比较；--as-of 为其他日期时退出码为 2，除非用 --no-demand "
               "只计算余额。\n\n退出码 0：未超出依法可主张的余额；1：有“错误”级别的核查发现。"),
    "statement": ("生成案件的逐项明细表：当事人与合同、各项余额（催收、按合同、依法）、每笔还款及其冲抵、法院格式的每一行计算式、"
                  "核查发现、诉讼时效、计算口径，以及输入文件及其 SHA-256。相同的案件和选项生成相同的文件。\n\n"
                  "格式取自 --format 或文件扩展名；两者同时给出时必须一致。已存在的文件不会被覆盖，除非加 --force。"
                  "-o - 将 md 或 html 写到标准输出。\n\n退出码 0：未超出依法可主张的余额；1：有“错误”级别的核查发现"
                  "（两种情况下明细表都会写出）。"),
    "schedule": "列出合同约定的还款计划：每期的到期日、本金、利息、合计和剩余本金。",
    "balance": ("截至某日按合同应付的各项金额：逾期、已到期、未到期，以及结清所需的合计（提前还款报价）。"
                "台账和付款凭证中的还款均已计入。"),
    "batch": "核对一个文件夹下的每个案件（或一个导出文件中的每个账户），每个案件写一行结果，并可生成汇总工作簿。",
    "import": "读取一个台账或付款表，按列映射规则转换为标准格式，列出未采用的行及原因。",
    "interest": "按给定的本金、利率和期间计算利息，并列出每一行计算式。",
    "quote": "生成和解报价或分期还款计划，并写出报价函。",
    "profile": "列映射规则（profile）：为非标准格式的表格生成和检查列映射。",
}

OPTIONS = {
    "case": "案件文件夹（含 case.toml）或案件工作簿。",
    "as_of": ("余额的日期（YYYY-MM-DD）。默认：催收金额的日期，否则为最后一个约定到期日。催收金额只在其自身日期比较："
              "其他日期需加 --no-demand。"),
    "rules": "规则包。默认：case.toml 中 [case] jurisdiction 指定的规则包。",
    "format": "输出格式。",
    "lang": "zh（中文）或 en（英文）。默认：case.toml 中 [case] language 指定的语言。",
    "no_demand": "只计算 --as-of 当日的余额，不与催收金额比较。",
    "output": "要写入的文件；- 表示将 md 或 html 写到标准输出。",
    "force": "覆盖已存在的文件。",
    "template": ("statement：逐项明细表；regf：美国 Regulation F 债务确认通知（Model Form B-1 版式；us 规则包，需 [demand] "
                 "itemization_date；pdf、html 或 docx）。"),
    "sent": "通知的发出日期（YYYY-MM-DD），确认期自该日起算。",
    "max_rows": "拒绝数据行多于此数的台账或付款表。默认：1,000,000。",
    "version": "显示版本号。",
    "help": "显示此帮助并退出。",
}
STATEMENT_FORMAT = "pdf、xlsx、html 或 md。默认：取自输出文件的扩展名。"

HEADINGS = (
    (re.compile(r"^Usage: ", re.M), "用法："),
    (re.compile(r"^Arguments:$", re.M), "参数："),
    (re.compile(r"^Options:$", re.M), "选项："),
    (re.compile(r"^Commands:$", re.M), "命令："),
    (re.compile(r"\[OPTIONS\]"), "[选项]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."),
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"\[default: ([^\]]*)\]"), r"[默认：\1]"),
    (re.compile(r"<str>"), "<文本>"),
    (re.compile(r"<int>"), "<整数>"),
    (re.compile(r"<path>"), "<路径>"),
    (re.compile(r"Show this message and exit\."), "显示此帮助并退出。"),
)


def _help_text(name: str) -> str:
    text = COMMANDS[name]
    if name in EXAMPLES:
        text += "\n\n示例：\n\n" + "\n\n".join("\b\n  " + e for e in EXAMPLES[name])
    return text


def _translated(get_help):
    def get_help_zh(ctx) -> str:
        text = get_help(ctx)
        for pattern, repl in HEADINGS:
            text = pattern.sub(repl, text)
        return text

    return get_help_zh


def chinese_help(command, name: str | None = None) -> None:
    """Put the Chinese help on ``command`` (a built click command) and on its subcommands."""
    if name is None:
        command.help = ROOT
    elif name in COMMANDS:
        command.help = _help_text(name)
        command.short_help = COMMANDS[name].split("。")[0].split("：")[0]
    for param in getattr(command, "params", ()):
        key = param.name
        if name == "statement" and key == "format":
            param.help = STATEMENT_FORMAT
        elif key in OPTIONS and getattr(param, "help", None) is not None or key == "case":
            param.help = OPTIONS.get(key, getattr(param, "help", None))
    command.get_help = _translated(command.get_help)
    for sub_name, sub in getattr(command, "commands", {}).items():
        chinese_help(sub, sub_name)


def wants_chinese(argv: list[str]) -> bool:
    """``--lang zh`` on the command line, else the message language of the environment."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] == "zh"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] == "zh"
    from debtcli.cli.common import message_language

    return message_language() == "zh"


__all__ = ["chinese_help", "wants_chinese"]
