"""Every input of the bad-input corpus (tests/data/bad_inputs) as a user would feed it, plus the
crafted inputs of the hostile-input issue that are generated rather than stored (a sheet padded to
row 1,048,576, 4,000 payments sharing one reference, a profile pattern that backtracks): a list of
(name, how to set it up in a folder, the command line). Used by the benchmark (CPU time and peak
memory of each in its own process) and by the memory test (all of them in one process)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "bad_inputs"
EXAMPLES = ROOT / "examples"


def _bad_inputs_module():
    spec = importlib.util.spec_from_file_location("bad_inputs_cases", ROOT / "tests" / "importers" / "test_bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _padded_workbook(folder: Path) -> None:
    from openpyxl import Workbook

    shutil.copytree(EXAMPLES / "private-loan", folder, dirs_exist_ok=True)
    (folder / "ledger.csv").unlink()
    wb = Workbook()
    ws = wb.active
    ws.title = "ledger"
    ws.append(["date", "type", "amount", "reference", "memo", "balance"])
    ws.append(["2021-03-01", "disbursement", "100000.00", "JT-0301", "x", "100000.00"])
    ws.cell(row=1_048_576, column=1, value="2021-10-01")
    wb.save(folder / "ledger.xlsx")


def _shared_reference(folder: Path, n: int = 4000) -> None:
    shutil.copytree(EXAMPLES / "private-loan", folder, dirs_exist_ok=True)
    start = dt.date(2021, 4, 1)
    with open(folder / "ledger.csv", "w", encoding="utf-8") as led, \
            open(folder / "payments.csv", "w", encoding="utf-8") as pay:
        led.write("date,type,amount,reference,memo,balance\n2021-03-01,disbursement,100000.00,JT,x,\n")
        pay.write("date,amount,reference,payer,channel\n")
        for i in range(n):
            day = start + dt.timedelta(days=i % 600)
            led.write(f"{day},payment,{1 + i % 97}.{i % 100:02d},SAME,x,\n")
            pay.write(f"{day + dt.timedelta(days=5)},{2 + i % 89}.{i % 100:02d},SAME,x,y\n")


def _backtracking_pattern(folder: Path) -> None:
    shutil.copytree(EXAMPLES / "private-loan", folder, dirs_exist_ok=True)
    (folder / "ledger.csv").write_text("date,type,amount,reference,memo,balance\n"
                                       "2021-03-01,disbursement,100000.00,JT," + "a" * 40 + "b,\n", encoding="utf-8")
    (folder / "ledger.profile.toml").write_text('[[rule]]\nmatch = "(a+)+$"\ntype = "fee"\n',
                                                encoding="utf-8")


def runs() -> list[tuple[str, object, list[str], int | None]]:
    """(name, setup(folder) -> None, debtcli arguments with {folder} for the folder, the exit code the
    corpus test expects, None for the crafted inputs)."""
    m = _bad_inputs_module()
    out = []
    for name, kind, code, _lines in m.CASES:
        out.append((name, lambda f, name=name: shutil.copy(CORPUS / name, f / name),
                    ["import", "{folder}/" + name, "--kind", kind], code))
    for name, placed, args, _lines in m.CASE_FILES:
        def setup(f, name=name, placed=placed):
            if placed != "case.toml":
                shutil.copy(CORPUS / "cases" / "as_of_before_signing.toml", f / "case.toml")
            shutil.copy(CORPUS / "cases" / name, f / placed)
        out.append(("cases/" + name, setup, ["verify", "{folder}", *args], 2))
    for i, (placed, make, _line) in enumerate(m.MADE):
        def setup(f, make=make):
            shutil.copy(CORPUS / "cases" / "as_of_before_signing.toml", f / "case.toml")
            make(f)
        out.append((f"made/{placed}-{i}", setup, ["verify", "{folder}"], 2))
    out.append(("crafted/padded_to_row_1048576", _padded_workbook, ["verify", "{folder}", "--format", "json"], None))
    out.append(("crafted/4000_payments_one_reference", _shared_reference, ["verify", "{folder}", "--format", "json"],
                None))
    out.append(("crafted/backtracking_profile_pattern", _backtracking_pattern, ["verify", "{folder}"], None))
    return out
