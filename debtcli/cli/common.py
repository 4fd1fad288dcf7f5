"""Shared pieces of the thin CLI: option types, loading a case or exiting 2 with every problem."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


class RulesChoice(str, Enum):
    cn = "cn"
    us = "us"
    none = "none"


class Language(str, Enum):
    zh = "zh"
    en = "en"


DEFAULT_MAX_ROWS = 1_000_000  # the same as debtcli.importers.readers.DEFAULT_MAX_ROWS


def _typer_options() -> dict:
    """The option and argument types of the commands (they need typer, which this module imports
    only when a command module asks for one of them: a run through ``debtcli.cli.quick`` never does)."""
    from typing import Annotated

    import typer

    return dict(
        FormatOpt=Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")],
        RulesOpt=Annotated[RulesChoice | None, typer.Option("--rules", help="Rule pack. Default: the case's "
                                                                           "jurisdiction.")],
        LangOpt=Annotated[Language | None, typer.Option("--lang", help="zh or en. Default: the case's language.")],
        MessagesLangOpt=Annotated[Language | None, typer.Option(
            "--lang", help="zh or en: the language of what the command prints. Default: DEBTCLI_LANG, else the "
                           "locale.")],
        AsOfOpt=Annotated[
            str | None,
            typer.Option("--as-of", help="The date of the balance (YYYY-MM-DD). Default: the demand's date, else the "
                                         "last scheduled due date. A demand is compared only on its own date: another "
                                         "date needs --no-demand."),
        ],
        NoDemandOpt=Annotated[bool, typer.Option("--no-demand", help="Compute the balances as of --as-of without "
                                                                     "comparing them with the demand.")],
        MaxRowsOpt=Annotated[
            int | None,
            typer.Option("--max-rows", help=f"Refuse a ledger or payment table (of one case or account) with more "
                                            f"data rows than this. Default: {DEFAULT_MAX_ROWS:,}.",
                         show_default=False),
        ],
        CaseArg=Annotated[str, typer.Argument(help="A case folder holding case.toml (or a case workbook).",
                                              show_default=False)],
    )


_OPTION_NAMES = frozenset(("FormatOpt", "RulesOpt", "LangOpt", "MessagesLangOpt", "AsOfOpt", "NoDemandOpt",
                           "MaxRowsOpt", "CaseArg"))


def __getattr__(name: str):
    if name in _OPTION_NAMES:
        globals().update(_typer_options())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def exit_with(code: int):
    """End the command with exit code ``code``: typer.Exit under the typer app (typer is loaded), a plain
    SystemExit on the quick path of ``debtcli.cli.quick`` (typer never loaded); the same exit code either way."""
    typer = sys.modules.get("typer")
    if typer is not None:
        raise typer.Exit(code)
    raise SystemExit(code)


def max_rows_or_default(value: int | None) -> int:
    """The row cap to use; a value below 1 exits 2."""
    if value is None:
        return DEFAULT_MAX_ROWS
    if value < 1:
        fail_input([f"--max-rows: {value} is not a number of rows (1 or more)"])
    return value


# Set by debtcli.cli.quick while it runs a command without typer: the parsed options.
QUICK_PARAMS: dict | None = None


def _current_context():
    """The running command's context (its parsed options), or None outside a command."""
    try:
        from typer._click.globals import get_current_context  # typer vendors click
    except ImportError:  # a typer that depends on click instead
        try:
            from click import get_current_context
        except ImportError:
            return None
    return get_current_context(silent=True)


def message_language(lang=None) -> str:
    """The language of messages (errors, warnings, notices, table words): ``--lang`` (given, or of the
    running command), else ``DEBTCLI_LANG``, else a Chinese locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG`` starting with ``zh``), else English."""
    import os

    if lang is None:
        if QUICK_PARAMS is not None:
            lang = QUICK_PARAMS.get("lang")
        else:
            ctx = _current_context()
            lang = ctx.params.get("lang") if ctx is not None else None
    if lang is not None:
        return getattr(lang, "value", lang)
    env = os.environ.get("DEBTCLI_LANG", "").strip().lower()
    if env in ("zh", "en"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def table_language(case, lang=None) -> str:
    """The language of what a command prints about one case (its table or document): ``--lang``, else
    the case's own (``[case] language``, Chinese unless the case says otherwise), as ``verify`` and
    ``quote`` do. Messages about the run (errors, warnings) follow ``message_language``."""
    if lang is not None:
        return getattr(lang, "value", lang)
    return case.terms.case.language or "zh"


def notice(label: str, line: str, lang: str | None = None) -> None:
    """One diagnostic line on stderr (``label``: error, warning, note, or "" for a bare line), in the
    message language."""
    if (lang or message_language()) == "zh":
        from debtcli.messages.problems import label_zh, problem_zh

        text = problem_zh(line)
        print(f"{label_zh(label)}：{text}" if label else text, file=sys.stderr)
    else:
        print(f"{label}: {line}" if label else line, file=sys.stderr)


def fail_input(lines: list[str], hint: str = "") -> None:
    """Print every problem on stderr, one line each, and exit 2."""
    lang = message_language()
    for line in lines:
        notice("error", line, lang)
    if hint:
        notice("", hint, lang)
    exit_with(EXIT_INPUT)


def parse_date_option(value: str | None, name: str = "--as-of") -> date | None:
    if value is None:
        return None
    from debtcli.model.money import ParseError
    from debtcli.terms.loader import parse_date

    try:
        return parse_date(value)
    except ParseError as exc:
        fail_input([f"{name}: {exc}"])
    return None


def load_case_or_exit(path: str):
    from debtcli.importers.case_loader import load_case

    case, issues = load_case(path)
    errors = [i for i in issues if i.severity == "error"]
    if case is None or errors:
        fail_input([str(i) for i in (errors or issues)] or [f"{path}: the case could not be read"],
                   hint=f"{len(errors or issues)} problem(s); nothing was computed.")
    for w in issues:
        if w.severity != "error":
            notice("warning", str(w))
    return case


def build_report_or_exit(case, as_of, rules, no_demand: bool = False, trace: bool = True):
    """Verify ``case``; input the rule pack cannot trust (an unknown pack, an LPR fixing the table
    lacks, a bad [rules] key, an --as-of other than the demand's date) exits 2 with every problem
    listed. ``trace`` False builds only what the JSON prints (``build_report``)."""
    from debtcli.model.records import InputError
    from debtcli.report.build import build_report

    try:
        return build_report(case, as_of, rules.value if rules else None, compare=not no_demand, trace=trace)
    except InputError as exc:
        fail_input([str(i) for i in exc.issues], hint=f"{len(exc.issues)} problem(s); nothing was computed.")


def print_json(obj) -> None:
    """The JSON on stdout: UTF-8 text as it is; on a console that cannot encode every character,
    \\uXXXX escapes (the same JSON once parsed)."""
    import json

    sys.stdout.write(json.dumps(obj, ensure_ascii=not unicode_stream(sys.stdout), indent=2) + "\n")


def unicode_stream(stream) -> bool:
    """True when ``stream`` encodes every character (a UTF encoding)."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False
