"""Chinese throughout (issue 14): with --lang zh every word a user reads is Chinese.

Every example is run through every command and format in Chinese and the output is searched for
Latin words. What may stay as written: finding codes and other upper-case codes (CN.RATE_ABOVE_CAP, CNY,
LPR, ACT/360), text quoted from the case's own input files (names, references, memos, document titles,
case.toml keys), file names, command-line options, key paths such as demand.fees, hashes, dates and
numbers. Anything else is an English word that was not put into Chinese.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()
PDFTOTEXT = shutil.which("pdftotext")
# the us pack cites US statutes and cases as written and its notes are English (README "Languages")
CN_EXAMPLES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml") if 'jurisdiction = "us"' not in p.read_text("utf-8"))

STRIP = (
    re.compile(r"<[^>]+>"),  # a line break in a Markdown table cell
    re.compile(r"(?<![\w%])/[\w./-]+"),  # absolute paths (of the case folder, of a written file)
    re.compile(r"\b[0-9a-f]{64}\b"),  # SHA-256
    re.compile(r"\[[a-z]+\] [a-z_0-9]+"),  # a case.toml key named with its table: [rules] transition
    re.compile(r"\b[a-z_]+(?:\[\d+\])?(?:\.[a-z_0-9]+(?:\[\d+\])?)+\b"),  # key paths: demand.fees, ledger.csv
    re.compile(r"--[a-z][a-z-]*|(?<![\w-])-[a-zA-Z]\b"),  # command-line options
    re.compile(r"'[^'\n]*'"),  # what the user typed, quoted back
    re.compile(r"\b[\w-]+\.(?:csv|xlsx|toml|pdf|md|html|txt|tsv)\b"),  # file names
    re.compile(r"\bdebtcli\b"),  # the tool's name
)
LATIN = re.compile(r"[A-Za-z]+")


def input_words(case: Path) -> set[str]:
    """Every Latin word of the case's own files: quoted text may stay as the user wrote it."""
    words: set[str] = set()
    for f in case.iterdir():
        if f.suffix in (".toml", ".csv"):
            words |= set(LATIN.findall(f.read_text("utf-8", errors="replace")))
        elif f.suffix == ".xlsx":
            for ws in openpyxl.load_workbook(f, read_only=True, data_only=True):
                for row in ws.iter_rows(values_only=True):
                    words |= set(LATIN.findall(" ".join(str(v) for v in row if v is not None)))
    return words


# names that are not English words: the output formats, and the spreadsheet programs a note names
NAMES = {"pdf", "xlsx", "html", "md", "docx", "csv", "Excel", "LibreOffice"}


def english_words(text: str, allowed: set[str]) -> list[str]:
    text = text.replace("\\_", "_")  # Markdown escapes underscores
    allowed = allowed | NAMES
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    out = []
    for word in LATIN.findall(text):
        if word.isupper() or word in allowed:  # codes (CN.RATE_ABOVE_CAP, CNY, LPR, ACT, SHA) and quoted input
            continue
        out.append(word)
    return sorted(set(out))


def run(*args, env=None) -> tuple[int, str, str]:
    res = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})})
    return res.exit_code, res.stdout, res.stderr


def outputs(case: Path, tmp: Path) -> dict[str, str]:
    """What a Chinese user reads from every command and format on ``case``."""
    out: dict[str, str] = {}
    code, text, err = run("verify", case, "--lang", "zh")
    assert code in (0, 1), err
    out["verify table"] = text + err
    code, text, err = run("verify", case, "--lang", "zh", "--format", "json")
    rep = json.loads(text)
    words = [f[k] for f in rep["findings"] for k in ("message", "basis")]
    words += list(rep["conventions_zh"].values())
    if "limitation" in rep:
        words.append(rep["limitation"]["basis"])
    out["verify json"] = "\n".join(words) + err
    for fmt in ("md", "html"):
        code, text, err = run("statement", case, "--lang", "zh", "--format", fmt, "-o", "-")
        assert code in (0, 1), err
        if fmt == "html":
            text = re.sub(r"<[^>]+>|&\w+;", " ", re.sub(r"<style.*?</style>", " ", text, flags=re.S))
        out[f"statement {fmt}"] = text + err
    xlsx = tmp / f"{case.name}.xlsx"
    code, _, err = run("statement", case, "--lang", "zh", "-o", xlsx)
    cells = []
    for ws in openpyxl.load_workbook(xlsx):
        cells.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            cells += [v for v in row if isinstance(v, str) and not v.startswith("=")]
    out["statement xlsx"] = "\n".join(cells) + err
    if PDFTOTEXT:
        pdf = tmp / f"{case.name}.pdf"
        code, _, err = run("statement", case, "--lang", "zh", "-o", pdf)
        out["statement pdf"] = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                                              text=True).stdout + err
    code, text, err = run("balance", case, "--lang", "zh")
    assert code == 0, err
    out["balance table"] = text + err
    if 'product = "card"' not in (case / "case.toml").read_text("utf-8"):
        code, text, err = run("schedule", case, "--lang", "zh")
        assert code == 0, err
        out["schedule table"] = text + err
    return out


@pytest.mark.parametrize("case", CN_EXAMPLES, ids=lambda p: p.name)
def test_every_command_and_format_speaks_chinese(case, tmp_path):
    allowed = input_words(case)
    leaks = {where: found for where, text in outputs(case, tmp_path).items()
             if (found := english_words(text, allowed))}
    assert not leaks, leaks


def test_the_allow_list_catches_english():
    # the test itself: an English sentence is caught, codes, quoted input and file names are not
    assert english_words("依据: SPC Provisions on Private Lending Art. 29", set()) == [
        "Art", "Lending", "Private", "Provisions", "on"]
    assert english_words("CN.RATE_ABOVE_CAP ledger.csv:12 字段 demand.fees 2024-01-01 CNY", set()) == []
    assert english_words("付款 WX20210901 见于付款凭证", {"WX"}) == []


ERRORS = (
    ("verify", "{bank}", "--as-of", "2024-03-31"),  # another date than the demand's
    ("verify", "{bank}", "--as-of", "2000-01-01"),  # before the contract was signed
    ("verify", "{missing}"),
    ("verify", "{empty}"),  # a folder without case.toml
    ("statement", "{bank}", "--format", "md", "-o", "{tmp}/x.pdf"),
    ("statement", "{bank}", "-o", "{tmp}/out"),
    ("statement", "{bank}", "--format", "pdf", "-o", "-"),
    ("statement", "{bank}", "-o", "{existing}"),
    # interest: a fixing the table lacks, an LPR held from a day that had none, a rate with no LPR to hold
    ("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2040-06-01", "--rate", "4×LPR"),
    ("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2021-06-01", "--rate", "4×LPR",
     "--lpr-on", "2019-06-01"),
    ("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2021-06-01", "--rate", "12%",
     "--lpr-on", "2020-05-20"),
    ("interest", "--principal", "100000", "--from", "1990-03-01", "--to", "2021-06-01", "--rate", "4×LPR"),
    ("interest", "--principal", "0", "--from", "2021-03-01", "--to", "2021-03-01", "--rate", "12%"),
    # --engine spark, refused before Spark starts
    ("batch", "{cases}", "--engine", "spark", "--summary", "{tmp}/s.xlsx", "--out", "{tmp}/r.jsonl"),
    ("batch", "{cases}", "--engine", "spark", "--out", "{tmp}/r.csv"),
    ("batch", "{cases}", "--engine", "spark", "--out", "{tmp}/r.jsonl"),  # case folders: --engine local
)


@pytest.mark.parametrize("args", ERRORS, ids=lambda a: " ".join(a[:3]))
@pytest.mark.parametrize("how", ["--lang", "DEBTCLI_LANG", "LANG"])
def test_errors_are_chinese(tmp_path, args, how):
    existing = tmp_path / "done.md"
    existing.write_text("x")
    (tmp_path / "empty").mkdir()
    values = {"bank": EXAMPLES / "bank-loan", "missing": tmp_path / "nope", "empty": tmp_path / "empty", "tmp": tmp_path,
              "existing": existing, "cases": EXAMPLES}
    argv = [a.format(**values) for a in args]
    env = {"DEBTCLI_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
    if how == "--lang":
        argv += ["--lang", "zh"]
    elif how == "DEBTCLI_LANG":
        env["DEBTCLI_LANG"] = "zh"
    else:
        env["LANG"] = "zh_CN.UTF-8"
    code, _, err = run(*argv, env=env)
    assert code == 2, err
    assert err.startswith("错误："), err
    # the values an option takes (--engine local, --master local[4]), the file kinds --out takes, the Spark
    # sources named (Parquet tables, hive: tables)
    assert not english_words(err, {"local", "spark", "jsonl", "parquet", "Parquet", "hive"}), err


def test_errors_stay_english_without_a_chinese_setting(tmp_path):
    env = {"DEBTCLI_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
    code, _, err = run("verify", EXAMPLES / "bank-loan", "--as-of", "2024-03-31", env=env)
    assert code == 2 and err.startswith("error: --as-of: 2024-03-31 differs from [demand] as_of = 2024-06-30")


def test_a_written_statement_is_announced_in_chinese(tmp_path):
    out = tmp_path / "s.md"
    code, _, err = run("statement", EXAMPLES / "bank-loan", "-o", out, "--lang", "zh")
    assert code in (0, 1) and err.strip() == f"已写入 {out}（md，{out.stat().st_size} 字节）"


@pytest.mark.parametrize("command", [[], ["verify"], ["statement"], ["schedule"], ["balance"], ["batch"], ["import"],
                                     ["profile"], ["profile", "init"], ["interest"], ["quote"]],
                         ids=lambda c: " ".join(c) or "debtcli")
def test_help_is_chinese(command):
    env = {**os.environ, "DEBTCLI_LANG": "zh", "COLUMNS": "200"}
    out = subprocess.run([sys.executable, "-m", "debtcli", *command, "--help"], capture_output=True, text=True,
                         env=env, cwd=Path(__file__).parent.parent.parent)
    assert out.returncode == 0, out.stderr
    text = "\n".join(line for line in out.stdout.splitlines() if not line.strip().startswith("debtcli "))  # examples
    text = " ".join(text.split())  # a key path the help wraps across two lines
    text = re.sub(r"<[^>]*>|\{[^}]*\}|\[默认：[^\]]*\]", " ", text)  # metavars and defaults: values an option takes
    assert "用法：" in out.stdout and "选项：" in out.stdout
    # the argument's name, the command names, and the US regulation a template is named after
    allowed = {"case", "schedule", "balance", "verify", "statement", "batch", "import", "interest", "quote", "profile",
               "regf", "Regulation", "Model", "Form", "us", "zh", "en", "init",
               # the arguments' names; values an option takes (a Spark master, table kinds, components, grades, the
               # units of a rate, the JSON key of a failed line); the products named (Spark, Parquet)
               "source", "file", "local", "spark", "hive", "host", "master", "submit", "Spark", "Parquet", "ledger",
               "payments", "claim", "error", "manifest", "penalties", "interest", "default_interest", "month", "day",
               "bp", "m", "y", "plus", "name", "profile", "fees", "accounts", "json", "jurisdiction", "start", "both",
               "r"}
    assert not english_words(text, allowed), text
    # and without a Chinese setting the help stays English
    env = {**os.environ, "DEBTCLI_LANG": "en"}
    out = subprocess.run([sys.executable, "-m", "debtcli", *command, "--help"], capture_output=True, text=True, env=env)
    assert "Usage:" in out.stdout and "Options:" in out.stdout


# ---------------------------------------------------------------------- the other commands, as a user runs them

def _other_commands(tmp: Path) -> dict[str, str]:
    """What a Chinese user reads from batch, import, profile init, interest and quote with --lang zh."""
    out: dict[str, str] = {}
    portfolio = tmp / "portfolio"
    portfolio.mkdir()
    for case in CN_EXAMPLES:
        shutil.copytree(case, portfolio / case.name)
    (portfolio / "broken").mkdir()
    (portfolio / "broken" / "case.toml").write_text('schema = "debtcli/1"\n[contract]\nrate = "24"\n', "utf-8")
    code, text, err = run("batch", portfolio, "--out", tmp / "r.jsonl", "--workers", "1", "--lang", "zh",
                          "--summary", tmp / "summary.xlsx")
    assert code == 2, err  # the broken case is unreadable
    assert "共 " in err and "无法读取：broken" in err, err
    out["batch"] = text + err
    # the summary workbook: every sheet, the broken case's problem on the Unreadable sheet included
    sheets = openpyxl.load_workbook(tmp / "summary.xlsx", read_only=True)
    out["batch --summary"] = "\n".join(" ".join(str(v) for v in row if v is not None and not str(v).startswith("="))
                                       for ws in sheets for row in ws.iter_rows(values_only=True))
    assert "无法读取该案件" in out["batch --summary"]
    code, text, err = run("batch", portfolio, "--out", tmp / "r.jsonl", "--workers", "1", "--resume", "--lang", "zh",
                          "--statements", tmp / "statements", "--format", "md")
    out["batch --resume --statements"] = text + err
    with open(tmp / "statements" / "manifest.csv", encoding="utf-8") as fh:  # its header is column codes
        notes = [row["note"] for row in csv.DictReader(fh)]
    assert "未核对：无法读取该案件" in notes, notes
    out["manifest.csv notes"] = "\n".join(notes)
    for case in CN_EXAMPLES:
        for table in sorted(case.glob("*.csv")) + sorted(case.glob("*.xlsx")):
            code, text, err = run("import", table, "--lang", "zh")
            assert code in (0, 2), err
            out[f"import {case.name}/{table.name}"] = err  # stdout: the canonical rows, column names as codes
            code, text, err = run("profile", "init", table, "--lang", "zh", "--out", "-")
            out[f"profile init {case.name}/{table.name}"] = "\n".join(
                line.split("=")[0] for line in text.splitlines() if line.startswith("#")) + err
    for args in (("--principal", "100000", "--from", "2018-06-01", "--to", "2020-06-01", "--rate", "4×LPR", "--grade",
                  "y1_3", "--counting", "both"),
                 ("--principal", "250000", "--from", "2024-01-10", "--to", "2024-07-10", "--rate", "0.0175%/day")):
        code, text, err = run("interest", *args, "--lang", "zh")
        assert code == 0, err
        out[f"interest {args[-1]}"] = text + err
    for case, on in ((EXAMPLES / "settlement", "2025-03-20"), (EXAMPLES / "private-loan", "2023-06-30"),
                     (EXAMPLES / "card-default", "2024-08-10")):
        code, text, err = run("quote", case, "--on", on, "--waive", "penalties=100%", "--plan", "6", "--lang", "zh")
        assert code == 0, err
        out[f"quote {case.name}"] = text + err
        for fmt in ("md", "html"):  # the offer letter a borrower receives
            letter = tmp / f"offer-{case.name}.{fmt}"
            code, text, err = run("quote", case, "--on", on, "--waive", "penalties=100%", "--plan", "6", "--lang", "zh",
                                  "-o", letter)
            assert code == 0, err
            written = letter.read_text("utf-8")
            if fmt == "html":  # what a reader sees: neither the style sheet nor the tags
                written = re.sub(r"<[^>]+>|&\w+;", " ", re.sub(r"<style.*?</style>", " ", written, flags=re.S))
            out[f"quote -o {letter.name}"] = written + err
    return out


def test_the_other_commands_speak_chinese(tmp_path):
    allowed = set().union(*(input_words(case) for case in CN_EXAMPLES)) | {"broken", "portfolio", "statements"}
    allowed |= set(LATIN.findall(" ".join(case.name for case in CN_EXAMPLES)))  # the accounts: the case folders' names
    allowed |= {"kind", "skip", "encoding", "delimiter", "decimal_mark", "columns", "types", "rule", "match", "type",
                "date_format", "format", "sheet", "date", "amount", "interest", "adjustment"}  # a profile's keys, values
    allowed |= {"import", "profile", "init", "error"}  # the commands a line tells to run, the JSON key of a failed line
    leaks = {where: found for where, text in _other_commands(tmp_path).items()
             if (found := english_words(text, allowed))}
    assert not leaks, leaks


US_EXAMPLES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml") if 'jurisdiction = "us"' in p.read_text("utf-8"))


@pytest.mark.parametrize("case", US_EXAMPLES, ids=lambda p: p.name)
def test_the_us_packs_conventions_speak_chinese(case):
    """A us case rendered in Chinese: the conventions block is Chinese; only the US statutes it names stay as
    written (Cal. Civ. Code 3289(b), in brackets)."""
    code, text, err = run("verify", case, "--lang", "zh", "--format", "json")
    rep = json.loads(text)
    values = "\n".join(re.sub(r"（[^（）]*(?:Code|Law)[^（）]*）", " ", v) for v in rep["conventions_zh"].values())
    assert not english_words(values, input_words(case) | {"us"}), values
    assert rep["conventions"]["state"].endswith("; lender kind " + rep["conventions"]["state"].split()[-1])
    code, table, _ = run("verify", case, "--lang", "zh")
    assert "出借人类别" in table


@pytest.mark.parametrize("line", [
    # what batch --engine spark prints when it is done (the Spark run itself is in tests/spark, in English)
    "ledger.parquet: 3 row(s) rejected (belong to no account, or could not be read; first: row 7); each one with its "
    "reason in /data/r.rejected.parquet",
    "50 accounts: 40 verified, 7 flagged, 3 unreadable; results in /data/r.parquet",
    "A07, A19 (each line of /data/r.jsonl with \"error\" lists the problems)",
    "internal error (a defect in debtcli; please report it) on: A07",
    "pyspark and pyarrow not installed; install debtcli[spark] (pip install 'debtcli[spark]'), which brings pyspark "
    "and pyarrow",
    "hive:bank: give hive:DB or hive:TERMS,LEDGER,PAYMENTS (table names)",
    "hive:bank.loans,bank.postings: no table bank.postings",
])
def test_the_spark_runs_lines_are_chinese(line):
    from debtcli.messages.problems import problem_zh

    said = problem_zh(line)
    # the packages and the command that installs them, the tables and accounts named
    allowed = {"pyspark", "pyarrow", "pip", "install", "spark", "hive", "bank", "loans", "postings", "A", "error"}
    assert said != line and not english_words(said, allowed), said


@pytest.mark.parametrize("argv", [
    ("balance", "{bank}", "--onn", "2024-06-30"),  # an option no command has
    ("verify", "{bank}", "--format", "xml"),  # a value not among the choices
    ("verfy", "{bank}"),  # a command misspelt
    ("verify",),  # the case left out
    ("interest", "--principal", "1"),  # a required option left out
    ("verify", "{bank}", "extra"),  # one argument too many
    ("batch", "{bank}", "--workers", "abc"),  # not a number
])
def test_a_mistake_on_the_command_line_is_said_in_chinese(argv):
    """Click's own usage errors (the installed command, not the test runner: as a user meets them)."""
    env = {**os.environ, "DEBTCLI_LANG": "zh", "COLUMNS": "200"}
    args = [a.format(bank=EXAMPLES / "bank-loan") for a in argv]
    out = subprocess.run([sys.executable, "-m", "debtcli", *args], capture_output=True, text=True, env=env)
    assert out.returncode == 2, out.stderr
    assert "错误：" in out.stderr and out.stdout == "", out.stderr
    # the command and the argument's name (a metavar) stay as typed
    names = {"verify", "verfy", "balance", "batch", "interest", "case", "source", "extra", "abc", "xml", "table", "json"}
    assert not english_words(out.stderr, names), out.stderr
    # and in English without a Chinese setting
    env["DEBTCLI_LANG"] = "en"
    out = subprocess.run([sys.executable, "-m", "debtcli", *args], capture_output=True, text=True, env=env)
    assert out.returncode == 2 and "Error: " in out.stderr, out.stderr


@pytest.mark.parametrize("argv", [(), ("profile",)], ids=["debtcli", "profile"])
def test_a_group_given_no_command_shows_its_help_in_chinese(argv):
    env = {**os.environ, "DEBTCLI_LANG": "zh", "COLUMNS": "200"}
    out = subprocess.run([sys.executable, "-m", "debtcli", *argv], capture_output=True, text=True, env=env)
    assert out.returncode == 2 and out.stderr.startswith("用法：debtcli") and "选项：" in out.stderr, out.stderr
    assert "错误：" not in out.stderr


@pytest.mark.parametrize("args", [
    ("statement", "{bank}", "--template", "regf", "-o", "{tmp}/n.pdf"),  # a cn case has no validation notice
    ("statement", "{bank}", "--template", "claim", "--format", "xlsx", "-o", "{tmp}/c.xlsx"),
    ("statement", "{bank}", "--sent", "2024-07-01", "-o", "{tmp}/s.pdf"),
    ("schedule", "{card}"),  # a card has statement cycles, no schedule
    ("quote", "{bank}", "--on", "2024-06-30", "--plan", "0"),  # click's range check
], ids=lambda a: " ".join(a[:4]))
def test_refusals_of_statement_schedule_and_quote_are_chinese(tmp_path, args):
    values = {"bank": EXAMPLES / "bank-loan", "card": EXAMPLES / "card-default", "tmp": tmp_path}
    env = {**os.environ, "DEBTCLI_LANG": "zh", "COLUMNS": "200"}
    out = subprocess.run([sys.executable, "-m", "debtcli", *[a.format(**values) for a in args]], capture_output=True,
                         text=True, env=env)
    assert out.returncode == 2 and "错误：" in out.stderr, out.stderr
    # the case.toml keys and the commands named, the formats and templates
    names = {"itemization_date", "itemization_basis", "itemization", "date", "basis", "demand", "us", "regf", "claim",
             "statement", "verify", "schedule", "quote", "card", "default", "bank", "loan", "case", "docx"}
    assert not english_words(out.stderr, names), out.stderr
