"""The bad-input corpus: one small file per problem, each with the exact message a user sees.

Every file is fed to ``debtcli import`` as a user would; none may crash (exit 3) and each must name
the file, the row where there is one, and what is wrong.
"""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "data" / "bad_inputs"

# file, kind, expected exit code, exact lines expected on stderr
CASES = [
    ("utf16_text.csv", "payments", 2,
     ["error: utf16_text.csv: UTF-16 text; save the file as CSV UTF-8 (or GBK) and try again"]),
    ("not_text.csv", "payments", 2,
     ["error: not_text.csv: neither UTF-8 nor GBK/GB18030 text (byte 0xff at offset 30); save the file as CSV "
      "UTF-8"]),
    ("csv_renamed.xlsx", "payments", 2,
     ["error: csv_renamed.xlsx: not an Excel workbook (.xlsx is a zip archive, this file is not); if it is a CSV, "
      "name it .csv"]),
    ("old_excel.xlsx", "payments", 2,
     ["error: old_excel.xlsx: an old .xls workbook (Excel 97-2003); save it as .xlsx or CSV"]),
    ("truncated.xlsx", "payments", 2,
     ["error: truncated.xlsx: a damaged or truncated .xlsx; open it in Excel and save it again"]),
    ("zip_bomb.xlsx", "payments", 2,
     ["error: zip_bomb.xlsx: refused: xl/worksheets/sheet1.xml inflates 1028-fold to 64 MiB, which no real "
      "worksheet does (a zip bomb)"]),
    ("empty.csv", "payments", 2, ["error: empty.csv: the file is empty"]),
    ("missing_amount_column.csv", "ledger", 2,
     ["error: missing_amount_column.csv:1: missing column(s) amount (or debit/credit); found: date, type, "
      "reference"]),
    ("text_in_amount.csv", "payments", 2,
     ["error: text_in_amount.csv:3: amount: '一百元' is not an amount (expected digits like 1,234.56)"]),
    ("impossible_date.csv", "payments", 2,
     ["error: impossible_date.csv:3: date: '2024-02-30' is not a real date",
      "error: impossible_date.csv:4: date: '2024-13-01' is not a real date"]),
    ("too_many_decimals.csv", "payments", 2,
     ["error: too_many_decimals.csv:2: amount: 100.005 has more than 2 decimals; round it in the source (a "
      "formula result?)"]),
    ("unknown_type.csv", "ledger", 2,
     ["error: unknown_type.csv:3: type: '神秘费' is not a known transaction type; map it in a profile ([types] or a "
      "[[rule]]) to one of disbursement, interest, default_interest, compound_interest, fee, penalty, cost, payment, "
      "waiver, adjustment, write_off, purchase, cash_advance, refund, annual_fee, cash_advance_fee, installment_fee, "
      "installment, overlimit_fee, conversion_fee"]),
    ("debit_and_credit.csv", "ledger", 2,
     ["error: debit_and_credit.csv:2: debit and credit both hold an amount (100.00 and 100.00); one row is one "
      "movement"]),
    ("negative_payment.csv", "payments", 2,
     ["error: negative_payment.csv:2: amount: a payment must be positive, found -100.00 (set negate = true in a "
      "profile if payments are shown as negative)"]),
    ("no_header.csv", "payments", 2,
     ["error: no_header.csv:1: no header row found in the first 2 rows; expected columns such as date/日期, "
      "amount/金额; the first row holds: 2024-01-05, 100.00"]),
    ("formula_without_value.xlsx", "payments", 2,
     ["error: formula_without_value.xlsx[payments]:3: amount: a formula (=B2*2) with no saved value; open the file "
      "in Excel and save it, or paste the values"]),
    ("empty_rows.csv", "payments", 0,
     ["rejected: empty_rows.csv:2: empty row", "rejected: empty_rows.csv:4: empty row",
      "empty_rows.csv: 5 rows: 1 header, 2 used as payments, 2 rejected"]),
]


def test_every_corpus_file_is_covered():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("name,kind,code,lines", CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gets_its_message(run_cli, name, kind, code, lines):
    exit_code, out, err = run_cli("import", CORPUS / name, "--kind", kind, "--format", "json")
    assert exit_code == code, err
    assert "Traceback" not in err
    for line in lines:
        assert line in err.splitlines(), (line, err)
    report = json.loads(out)  # the rows that could be read are still printed
    counts = report["counts"]
    assert counts["header"] + counts["used"] + counts["rejected"] == counts["rows"]


@pytest.mark.parametrize("name", [c[0] for c in CASES if c[2] == 2 and c[1] == "payments"])
def test_a_case_with_a_bad_table_is_not_verified(tmp_path, run_cli, name):
    """The same files as a case's payment records: exit 2, every problem listed, nothing computed."""
    (tmp_path / "case.toml").write_text(
        'schema = "debtcli/1"\n[case]\nid = "B-1"\njurisdiction = "none"\n[contract]\nsigned = 2024-01-01\n'
        'principal = "1000.00"\nrate = "12%"\nmethod = "bullet"\nterm_months = 12\n', encoding="utf-8")
    suffix = Path(name).suffix
    (tmp_path / f"payments{suffix}").write_bytes((CORPUS / name).read_bytes())
    code, out, err = run_cli("verify", tmp_path)
    assert code == 2
    assert "Traceback" not in err and "internal error" not in err
    assert err.startswith("error: payments")


def _write_ledger(path: Path, n: int) -> int:
    """A ledger of n interest postings with a running balance; returns the total in cents."""
    total = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("日期,摘要,金额,流水号,余额\n")
        for i in range(n):
            cents = 100_000 + i % 997
            total += cents
            fh.write(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},结息,{cents // 100}.{cents % 100:02d},R{i},"
                     f"{total // 100}.{total % 100:02d}\n")
    return total


_MEASURE = """
import resource, sys
from debtcli.cli.app import main
sys.argv = ["debtcli", "import", sys.argv[1], "--kind", "ledger"]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
sys.stderr.write(f"maxrss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} exit={code}\\n")
"""


def _import_in_a_process(path: Path) -> tuple[int, list[str], str]:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    last = proc.stderr.strip().splitlines()[-1]
    rss = int(last.split()[0].split("=")[1])
    assert last.endswith("exit=0") or last.endswith("exit=None"), proc.stderr[-500:]
    return rss, proc.stdout.splitlines(), proc.stderr


def test_two_hundred_thousand_rows_stream_with_flat_memory(tmp_path):
    """`debtcli import` of a 200,000-row ledger streams: every row comes out, and the process grows by
    far less than the rows would take if they were held (only a hash per row is kept, for the
    duplicate and reference checks)."""
    small, big = tmp_path / "small.csv", tmp_path / "ledger.csv"
    _write_ledger(small, 20_000)
    total = _write_ledger(big, 200_000)
    rss_small, _, _ = _import_in_a_process(small)
    rss_big, lines, err = _import_in_a_process(big)
    assert len(lines) == 200_001  # the header and one line per row
    assert "ledger.csv: 200001 rows: 1 header, 200000 used as ledger, 0 rejected" in err
    assert sum(int(Decimal(line.split(",")[3]) * 100) for line in lines[1:]) == total
    growth_mib = (rss_big - rss_small) / 1024
    assert growth_mib < 64, growth_mib  # holding 180,000 more LedgerRow objects would take several hundred MiB
