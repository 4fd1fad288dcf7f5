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
    "batch": ("debtcli batch cases/ --out results.jsonl --summary summary.xlsx",
              "debtcli batch export/ --out results.jsonl --workers 4 --resume",
              "debtcli batch cases/ --out results.jsonl --statements statements/ --format pdf --only-flagged",
              "debtcli batch export/ --out results.jsonl --engine spark --master local[2]"),
    "import": ("debtcli import ledger.xlsx", "debtcli import 还款流水.csv --kind payments --format json",
               "debtcli import export.csv --profile bank.profile.toml"),
    "init": ("debtcli profile init ledger.xlsx", "debtcli profile init export.csv --kind payments --out -"),
    "interest": ('debtcli interest --principal 100000 --from 2021-03-01 --to 2023-03-01 --rate "4×LPR"',
                 'debtcli interest --principal 100000 --from 2021-03-01 --to 2023-03-01 --rate "LPR+50bp" --basis 360',
                 'debtcli interest --principal 100000 --from 2018-06-01 --to 2020-06-01 --rate "4×LPR" --grade y1_3',
                 'debtcli interest --principal 100000 --from 2021-03-01 --to 2023-03-01 --rate "4×LPR" --lpr-on 2020-05-20',
                 'debtcli interest --principal 250000 --from 2024-01-10 --to 2024-07-10 --rate "0.0175%/day" '
                 '--counting both',
                 'debtcli interest --principal 100000 --from 2026-01-01 --to 2026-12-01 --rate "4×LPR" '
                 '--lpr 2026-10-20=3.00 --lpr 2026-11-20=3.00'),
    "quote": ("debtcli quote examples/settlement --on 2025-03-20",
              "debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --waive interest=50%",
              "debtcli quote examples/private-loan --on 2023-06-30 --waive default_interest=1200.00 --format json",
              "debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --plan 12 --first 2025-04-20",
              "debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --plan 12 -o offer.pdf"),
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
    "batch": ("核对整个资产组合中的每个账户：--out 的每一行即该账户 `verify --format json` 输出的对象（无法读取的账户带 "
              "error 及其问题），按账户编号排序。SOURCE 可以是案件文件夹的上级文件夹、含 accounts.csv（及 ledger.csv、"
              "payments.csv）的文件夹，或组合工作簿。中断后加 --resume 只核对其余账户；--summary 另写汇总工作簿；"
              "--statements 为每个账户写一份明细表（与对该账户运行 statement 的字节相同）及含 SHA-256 的清单。\n\n"
              "退出码 0：全部核对无误；1：有账户存在“错误”级别的核查发现；2：有账户无法读取；3：内部错误。"),
    "import": ("按 debtcli 的读法打印 FILE 的各行（标准列，每笔一行，并注明来源行号）；未采用的行和问题写到标准错误。"
               "核对前可用它检查列映射。\n\n退出码 0：每一行都已读取或未采用且没有错误；2：有行或文件无法读取。"),
    "interest": ("按固定利率或挂钩 LPR 的利率计算一笔金额在两个日期之间的利息：利率每变动一次分为一段（分段计息），"
                 "每段按法院格式列出（以 X 元为基数，自 A 起至 B 止，按年利率 r% 计算 N 天 = Y 元），并给出合计。"
                 "每段四舍五入到分；合计对未舍入的总和只舍入一次（差额会列出）。挂钩 LPR 的利率使用内置 LPR 表"
                 "（自 2019-08-20 起）；期间超出最后一次已知报价时以退出码 2 结束，并指出需用 --lpr 补充的报价。"
                 "LPR 改革（2019-08-20）之前的日期按当时施行的中国人民银行贷款基准利率（--grade）计算，倍数和加点不变。"),
    "quote": ("某日结清一个案件所需的各项金额：按合同和依法（依法金额是债权人最多可主张的数额），以及每日增加额。"
              "减免方案（--waive）作用于依法金额，列出减免前、减免额和减免后；--plan 将减免后的金额分为等额月供。"
              "截至该日的台账和付款凭证中的还款均已计入。退出码 0（输入无法采信时为 2）。"
              "已存在的报价函不会被覆盖，除非加 --force。"),
    "profile": "列映射规则（profile）：说明如何读取 debtcli 不认识其版式的台账或还款表。",
    "init": ("为 FILE 写出一个初始列映射：找到的表头行、识别出的列（日期、金额、摘要 ...），以及以注释列出的未识别的列。"
             "修改后用 debtcli import 检查。"),
}

# the options of one command whose words differ from the same option elsewhere
COMMAND_OPTIONS = {
    "batch": {
        "source": ("案件文件夹的上级文件夹、含 accounts.csv（及 ledger.csv 和 payments.csv）的文件夹，或组合工作簿"
                   "（含 accounts、ledger、payments 工作表的 .xlsx）。"),
        "out": "结果写到哪里：每个账户一行 JSON，按账户编号排序。",
        "workers": "同时核对账户的进程数。默认：CPU 核数。",
        "rules": "所有账户使用的规则包。默认：各案件的 jurisdiction。",
        "summary": "另写一个汇总工作簿（.xlsx）：户数、按核查发现和构成项的合计、超出最多的账户、读取的输入文件。",
        "resume": "保留 --out 中已有的账户，只核对其余账户（中断之后）。",
        "statements": ("另将每个账户的明细表写入该文件夹，以账户编号命名（与对该账户运行 `debtcli statement` 的字节相同），"
                       "并写出列有各文件 SHA-256 的 manifest.csv。"),
        "statement_format": "--statements：pdf、docx、xlsx、html 或 md（claim 无 xlsx；regf 为 pdf、html 或 docx）。",
        "template": "--statements：statement（逐项明细表）、claim（诉讼请求与计算清单）或 regf（us 规则包的债务确认通知）。",
        "lang": "zh 或 en：本命令输出的语言，以及加 --statements 时每份明细表的语言。默认：消息取 DEBTCLI_LANG 或系统区域设置，"
                "明细表取各案件的语言。",
        "only_flagged": "--statements：只为有“错误”级别核查发现的账户写明细表。",
        "engine": "local：在本机用多个进程；spark：在 Spark 集群上（需安装 debtcli[spark]；SOURCE 也可以是 hive:DB 或 Parquet 表的文件夹）。",
        "master": "配合 --engine spark：Spark master 的地址，如 local[2] 或 spark://host:7077。默认：spark-submit 给出的，否则 local[*]。",
    },
    "import": {
        "file": "CSV 或 XLSX 文件：债权人的台账或还款记录。",
        "profile": "说明如何读取该文件的列映射（TOML）。默认：同目录下的 <文件名>.profile.toml 或 profile.toml。",
        "kind": "ledger（台账）或 payments（还款记录）。默认：取自列映射、文件名或列名。",
        "sheet": "要读取的工作表（XLSX）。",
        "format": "输出格式。",
        "lang": "zh 或 en：本命令输出的语言。默认：DEBTCLI_LANG，否则为系统区域设置。",
    },
    "init": {
        "file": "CSV 或 XLSX 文件：债权人的台账或还款记录。",
        "kind": "ledger（台账）或 payments（还款记录）。默认：取自文件名或列名。",
        "sheet": "要读取的工作表（XLSX）。",
        "out": "写到哪里；- 表示标准输出。默认：FILE 同目录下的 <文件名>.profile.toml。",
        "force": "覆盖已存在的列映射文件。",
        "lang": "zh 或 en：本命令输出的语言（包括列映射文件中的注释）。默认：DEBTCLI_LANG，否则为系统区域设置。",
    },
    "interest": {
        "principal": "计息基数，如 100000 或 100,000.00。",
        "from_": "开始计息的第一天（YYYY-MM-DD）。",
        "to": "截止日（YYYY-MM-DD）：--counting start 时不计入，--counting both 时计入。",
        "rate": ("24%、2%/month、0.0175%/day、月息2分，或挂钩一年期 LPR：4×LPR（也可写 4*LPR、4倍LPR、LPR×4）、1.5×LPR、"
                 "LPR+50bp、LPR5Y+0.5%。"),
        "basis": "年利率所除的一年天数。",
        "counting": "start：算头不算尾；both：算头算尾。",
        "lpr": "补充内置表中没有的 LPR 报价：日期=百分数（一年期 LPR），如 2026-10-20=3.00。可重复。",
        "lpr_on": ("全期按该日（YYYY-MM-DD）有效的 LPR 计算，如判决写明按合同成立时或起诉时的 LPR；不写则每天按当时有效的"
                   "报价。"),
        "grade": ("LPR 改革（2019-08-20）之前的日期使用挂钩利率时，按贷款期限的中国人民银行基准利率档次：m6（六个月以内）、"
                  "y1（一年以内）、y1_3、y3_5、y5plus。默认：y1（LPR5Y 为 y5plus）。"),
        "currency": "金额的币种。",
        "format": "输出格式。",
        "lang": "zh 或 en：计算表（默认 zh，即法院格式）和消息（默认取 DEBTCLI_LANG，否则为系统区域设置）的语言。",
    },
    "quote": {
        "on": "结清日（YYYY-MM-DD）：利息计至该日，不含当日。",
        "waive": "减免方案，作用于依法金额：构成项=百分比% 或 构成项=金额，如 penalties=100%、fees=1200.00。可重复。",
        "plan": "将结清金额分为 N 期等额月供（1 到 60）。",
        "first": "分期计划的首个到期日。默认：--on 之后一个月。",
        "rate": "分期计划的利率（等额本息），如 6%。默认：0%。",
        "output": "另写一份报价函：.pdf、.docx、.xlsx、.html 或 .md。",
    },
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


def _zh(text: str) -> str:
    """Click's headings and metavars (Usage:, [OPTIONS], <str> ...) in Chinese."""
    for pattern, repl in HEADINGS:
        text = pattern.sub(repl, text)
    return text


def _translated(get_help):
    def get_help_zh(ctx) -> str:
        return _zh(get_help(ctx))

    return get_help_zh


def chinese_help(command, name: str | None = None) -> None:
    """Put the Chinese help on ``command`` (a built click command) and on its subcommands."""
    if name is None:
        command.help = ROOT
    elif name in COMMANDS:
        command.help = _help_text(name)
        command.short_help = COMMANDS[name].split("。")[0].split("：")[0]
    own = COMMAND_OPTIONS.get(name, {})
    for param in getattr(command, "params", ()):
        key = param.name
        if name == "statement" and key == "format":
            param.help = STATEMENT_FORMAT
        elif key in own:
            param.help = own[key]
        elif key in OPTIONS and getattr(param, "help", None) is not None or key == "case":
            param.help = OPTIONS.get(key, getattr(param, "help", None))
    command.get_help = _translated(command.get_help)
    for sub_name, sub in getattr(command, "commands", {}).items():
        chinese_help(sub, sub_name)


def run_in_chinese(command) -> None:
    """Run ``command`` (with the Chinese help on it) as click's standalone mode does, but with a
    mistake on the command line (an unknown option, a value not among the choices, a missing
    argument) said in Chinese; the exit codes are click's (2 for such a mistake)."""
    import sys

    try:
        from typer._click import exceptions  # typer 0.16 and later carry their own click
    except ImportError:  # pragma: no cover - older typer uses click itself
        from click import exceptions
    from debtcli.messages.problems import message_zh

    try:
        code = command.main(prog_name="debtcli", standalone_mode=False)
    except exceptions.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a command group given no command: its help, as click does
            print(exc.format_message(), file=sys.stderr)
            sys.exit(exc.exit_code)
        if exc.ctx is not None:
            print(_zh(exc.ctx.get_usage()), file=sys.stderr)
            print(f"请运行 '{exc.ctx.command_path} --help' 查看帮助。\n", file=sys.stderr)
        print(f"错误：{message_zh(exc.format_message())}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except exceptions.ClickException as exc:
        print(f"错误：{message_zh(exc.format_message())}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except exceptions.Abort:
        print("已中止。", file=sys.stderr)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def wants_chinese(argv: list[str]) -> bool:
    """``--lang zh`` on the command line, else the message language of the environment."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] == "zh"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] == "zh"
    from debtcli.cli.common import message_language

    return message_language() == "zh"


__all__ = ["chinese_help", "run_in_chinese", "wants_chinese"]
