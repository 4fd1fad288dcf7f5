"""batch --statements: one file per account, the same bytes as `debtcli statement` on it, and a
manifest whose SHA-256 match the files (hashed here with hashlib)."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory) -> Path:
    """Three example accounts: a cn loan, a cn private loan and the us card debt."""
    root = tmp_path_factory.mktemp("portfolio")
    for name in ("bank-loan", "private-loan", "us-card-debt-buyer"):
        shutil.copytree(EXAMPLES / name, root / name)
    return root


def batch(portfolio: Path, tmp: Path, *args: str):
    res = runner.invoke(app, ["batch", str(portfolio), "--out", str(tmp / "results.jsonl"), "--workers", "1", *args])
    assert res.exit_code in (0, 1), res.output
    return res, [json.loads(x) for x in (tmp / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def manifest(folder: Path) -> dict:
    with open(folder / "manifest.csv", encoding="utf-8") as fh:
        return {row["account"]: row for row in csv.DictReader(fh)}


@pytest.mark.parametrize("fmt,template,lang", [("pdf", "statement", None), ("docx", "claim", "en"),
                                               ("xlsx", "statement", "zh")])
def test_each_account_gets_the_bytes_statement_writes(portfolio, tmp_path, fmt, template, lang):
    args = ["--statements", str(tmp_path / "st"), "--format", fmt, "--template", template]
    args += ["--lang", lang] if lang else []
    _, lines = batch(portfolio, tmp_path, *args)
    rows = manifest(tmp_path / "st")
    assert sorted(rows) == sorted(x["account"] for x in lines)
    for account, row in rows.items():
        path = tmp_path / "st" / f"{account}.{fmt}"
        assert row["file"] == path.name
        data = path.read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest() and int(row["bytes"]) == len(data)
        single = tmp_path / f"single-{account}.{fmt}"
        cmd = ["statement", str(portfolio / account), "-o", str(single), "--template", template]
        cmd += ["--lang", lang] if lang else []
        assert runner.invoke(app, cmd).exit_code in (0, 1)
        assert single.read_bytes() == data, account


def test_results_are_the_same_with_and_without_statements(portfolio, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, plain = batch(portfolio, tmp_path / "a")
    _, with_files = batch(portfolio, tmp_path / "b", "--statements", str(tmp_path / "st"))
    assert plain == with_files


def test_regf_notice_for_the_us_account_only(portfolio, tmp_path):
    _, lines = batch(portfolio, tmp_path, "--statements", str(tmp_path / "st"), "--template", "regf",
                     "--format", "docx")
    rows = manifest(tmp_path / "st")
    assert rows["us-card-debt-buyer"]["file"] == "us-card-debt-buyer.docx"
    assert rows["bank-loan"]["file"] == "" and "no regf" in rows["bank-loan"]["note"]
    single = tmp_path / "n.docx"
    runner.invoke(app, ["statement", str(portfolio / "us-card-debt-buyer"), "--template", "regf", "-o", str(single)])
    assert single.read_bytes() == (tmp_path / "st" / "us-card-debt-buyer.docx").read_bytes()


def test_only_flagged(portfolio, tmp_path):
    _, lines = batch(portfolio, tmp_path, "--statements", str(tmp_path / "st"), "--only-flagged")
    flagged = {x["account"] for x in lines if any(f["severity"] == "error" for f in x["findings"])}
    written = {p.stem for p in (tmp_path / "st").glob("*.pdf")}
    assert written == flagged
    rows = manifest(tmp_path / "st")
    assert all(rows[a]["note"] == "not flagged (--only-flagged)" for a in rows if a not in flagged)


def test_statement_options_need_statements_and_a_format_the_template_has(portfolio, tmp_path):
    out = str(tmp_path / "r.jsonl")
    res = runner.invoke(app, ["batch", str(portfolio), "--out", out, "--template", "claim"])
    assert res.exit_code == 2 and "--statements" in res.stderr
    res = runner.invoke(app, ["batch", str(portfolio), "--out", out, "--statements", str(tmp_path / "s"),
                              "--template", "claim", "--format", "xlsx"])
    assert res.exit_code == 2 and "claim" in res.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_file_names_from_account_ids():
    from debtcli.batch.statements import file_name

    assert file_name("ACC-1", "pdf") == "ACC-1.pdf"
    assert file_name("a/b\\c", "docx") == "a_b_c.docx"
    assert file_name("..", "pdf") == "_...pdf"
    assert file_name("张三-01", "pdf") == "张三-01.pdf"


def test_a_resumed_run_says_which_accounts_it_kept_without_a_file(portfolio, tmp_path):
    """The first run writes no statements; a resume with --statements verifies nothing new, so it writes
    no file, and the manifest says why for each account (not "no statement for this account")."""
    _, lines = batch(portfolio, tmp_path)
    _, again = batch(portfolio, tmp_path, "--resume", "--statements", str(tmp_path / "st"))
    assert again == lines
    rows = manifest(tmp_path / "st")
    readable = [x["account"] for x in lines if "error" not in x]
    assert readable and all(rows[a]["file"] == "" and rows[a]["note"] ==
                            "verified by the run --resume continued; this run wrote no file for it" for a in readable)
