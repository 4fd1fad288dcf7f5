"""batch --statements --template regf: a validation notice per US account of a portfolio, each with
its own dispute end date (hand-counted below), the same bytes as `statement --template regf`."""

from __future__ import annotations

import csv
import re
import shutil
from html import unescape
from pathlib import Path

from typer.testing import CliRunner

from debtcli.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def _text(path: Path) -> str:
    html = re.sub(r"<style>.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_batch_writes_each_us_account_its_notice_with_its_own_end_date(tmp_path):
    root = tmp_path / "portfolio"
    shutil.copytree(EXAMPLES / "us-card-debt-buyer", root / "ny-june")
    shutil.copytree(EXAMPLES / "us-card-debt-buyer", root / "ny-thanksgiving")
    shutil.copytree(EXAMPLES / "bank-loan", root / "cn-loan")
    toml = root / "ny-thanksgiving" / "case.toml"
    toml.write_text(toml.read_text().replace('id = "NB-2024-1187"', 'id = "NB-2024-1188"')
                    .replace("sent = 2024-06-10", "sent = 2024-11-26"))
    out = tmp_path / "notices"
    res = runner.invoke(app, ["batch", str(root), "--out", str(tmp_path / "r.jsonl"), "--workers", "1",
                              "--statements", str(out), "--template", "regf", "--format", "html"])
    assert res.exit_code in (0, 1), res.output
    with open(out / "manifest.csv", encoding="utf-8") as fh:
        rows = {r["account"]: r for r in csv.DictReader(fh)}
    # sent Mon 2024-06-10: five days not counting Sat/Sun -> receipt Mon 06-17; + 30 days = 2024-07-17
    june = _text(out / rows["ny-june"]["file"])
    assert "Call or write to us by July 17, 2024, to dispute all or part of the debt." in june
    # sent Tue 2024-11-26: Wed 27, (Thu 28 Thanksgiving not counted), Fri 29, Mon 2, Tue 3, Wed 4 Dec
    # = receipt; + 30 days = 2025-01-03
    thanks = _text(out / rows["ny-thanksgiving"]["file"])
    assert "Call or write to us by January 3, 2025, to dispute all or part of the debt." in thanks
    # both itemize the lawful figures: 3,108.87 + 389.21 + 0.00 - 50.00 = 3,448.08
    assert "debt now: $3,448.08" in june and "debt now: $3,448.08" in thanks
    assert rows["cn-loan"]["file"] == ""  # a cn account has no validation notice
    for account in ("ny-june", "ny-thanksgiving"):
        single = tmp_path / f"{account}.html"
        runner.invoke(app, ["statement", str(root / account), "--template", "regf", "-o", str(single)])
        assert single.read_bytes() == (out / rows[account]["file"]).read_bytes(), account
