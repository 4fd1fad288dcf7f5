"""The bad-input corpus: one small file per problem, each with the exact message a user sees.

Every file is fed to ``debtcli import`` as a user would; none may crash (exit 3) and each must name
the file, the row where there is one, and what is wrong.
"""

import json
import os
import shutil
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
     ["error: not_text.csv: neither UTF-8 nor GBK/GB18030 text (byte 0xff at offset 30, line 3); Latin-1 or mixed "
      "encodings: save the file as CSV UTF-8"]),
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
    ("card_number_amount.csv", "payments", 2,
     ["error: card_number_amount.csv:2: amount: '6222021234567890123' has 19 significant digits; an amount has at "
      "most 15 (an account or card number in the amount column?)"]),
    ("amount_31_digits.csv", "payments", 2,
     ["error: amount_31_digits.csv:2: amount: '1234567890123456789012345678901' has 31 significant digits; an amount "
      "has at most 15 (an account or card number in the amount column?)"]),
    ("amount_40_digits.csv", "ledger", 2,
     ["error: amount_40_digits.csv:2: amount: '1234567890123456789012345678901234567890…' has 40 significant digits; "
      "an amount has at most 15 (an account or card number in the amount column?)"]),
    ("grouped_18_digits.csv", "payments", 2,
     ["error: grouped_18_digits.csv:2: amount: '1,234,567,890,123,456.78' has 18 significant digits; an amount has "
      "at most 15 (an account or card number in the amount column?)"]),
    ("exponent_amount.csv", "payments", 2,
     ["error: exponent_amount.csv:2: amount: '1e5' is not an amount (expected digits like 1,234.56)"]),
    ("formula_control.xlsx", "payments", 2,
     ["error: formula_control.xlsx[payments]: [payments] the sheet cannot be read (ParseError: reference to invalid "
      "character number: line 1, column 653)"]),
    # hostile and broken exports: never a silent reading
    ("hostile_unclosed_quote.csv", "payments", 2,
     ['error: hostile_unclosed_quote.csv: row 3: a quote (") opened in this row is never closed; the rest of the file '
      "would be read as one cell. Close the quote or remove it"]),
    ("hostile_line_break_in_field.csv", "payments", 2,
     ["error: hostile_line_break_in_field.csv:2: column reference: the field holds a line break ('R1\\n2024-01-06'); "
      "a quote left open swallows the lines after it"]),
    ("hostile_unquoted_thousands.csv", "payments", 2,
     ["error: hostile_unquoted_thousands.csv:2: 4 fields where the header has 3 (extra: 'R1'); a value holding the "
      "delimiter ',' (such as an unquoted 1,066.19) must be quoted"]),
    ("hostile_short_row.csv", "payments", 2,
     ["error: hostile_short_row.csv:2: 2 fields where the header has 4; the row is cut short"]),
    ("hostile_duplicate_header.csv", "payments", 2,
     ["error: hostile_duplicate_header.csv:1 column amount: the header names 'amount' twice (columns 2 and 3); one of "
      "the two would be ignored: rename one"]),
    ("hostile_comma_decimal_semicolon.csv", "payments", 2,
     ["error: hostile_comma_decimal_semicolon.csv:2: amount: '1066,19' does not fit the file's number format: it has a "
      'comma where this file\'s amounts have a decimal point; if the file writes 1.066,19, set decimal_mark = "," in '
      "a profile"]),
    ("hostile_mixed_encodings.csv", "payments", 2,
     ["error: hostile_mixed_encodings.csv: lines 2 and 3 are in different encodings (UTF-8 and GBK); the file mixes "
      "encodings: save it again as CSV UTF-8"]),
    ("hostile_latin1.csv", "payments", 2,
     ["error: hostile_latin1.csv: neither UTF-8 nor GBK/GB18030 text (byte 0xe9 at offset 81, line 3); Latin-1 or "
      "mixed encodings: save the file as CSV UTF-8"]),
    ("hostile_long_field.csv", "payments", 2,
     ["error: hostile_long_field.csv: row 3: a field longer than 131,072 characters; no ledger or payment cell is that "
      "long (a quote left open?)"]),
]


def test_every_corpus_file_is_covered():
    assert sorted(p.name for p in CORPUS.iterdir() if p.is_file()) == sorted(c[0] for c in CASES)
    assert sorted(p.name for p in (CORPUS / "cases").iterdir()) == sorted(c[0] for c in CASE_FILES)
    assert len(CASES) + len(CASE_FILES) + len(MADE) >= 50


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


# ---------------------------------------------------------------------- whole case folders

# Files run through `debtcli verify` as part of a case folder: a ``*.toml`` is the case.toml; a table
# goes beside the case.toml of as_of_before_signing.toml (a plain 12% bullet loan of 10,000.00 signed
# 2024-01-01) under the name given.
# file, placed as, extra arguments, exact lines expected on stderr (every one exits 2)
CASE_FILES = [
    ("rate_no_unit.toml", "case.toml", [],
     ["error: case.toml: contract.rate: found '24', expected a rate such as \"24%\", \"2%/month\", \"LPR+0.5%\" (has no "
      "unit: \"24%\"? \"2.4%\"?)"]),
    ("rate_fraction_no_unit.toml", "case.toml", [],
     ["error: case.toml: contract.rate: found '0.24', expected a rate such as \"24%\", \"2%/month\", \"LPR+0.5%\" (has "
      "no unit: \"24%\"? \"0.24%\"?)"]),
    ("default_rate_no_unit.toml", "case.toml", [],
     ["error: case.toml: contract.default_rate: found '36', expected a rate such as \"36%\" or a markup such as "
      "\"+50%\" (has no unit: \"36%\"? \"3.6%\"?)"]),
    ("rate_change_no_unit.toml", "case.toml", [],
     ["error: case.toml: event[0].rate: found '18', expected a rate such as \"18%\" (has no unit: \"18%\"? \"1.8%\"?)"]),
    ("rate_with_exponent.toml", "case.toml", [],
     ["error: case.toml: contract.rate: found '1e30%', expected a rate such as \"24%\", \"2%/month\", \"LPR+0.5%\""]),
    ("rate_above_10000_percent.toml", "case.toml", [],
     ["error: case.toml: contract.rate: found '30%/day', expected a rate such as \"24%\", \"2%/month\", \"LPR+0.5%\" "
      "(is more than 10,000% a year; a typo?)"]),
    ("signed_year_9999.toml", "case.toml", [],
     ["error: case.toml: contract.signed: found 9999-01-01, expected the date the contract was formed (YYYY-MM-DD) "
      "(9999-01-01 is outside the dates debtcli accepts (1900-01-01 to 2199-12-31); a typo?)"]),
    ("demand_as_of_9999.toml", "case.toml", [],
     ["error: case.toml: demand.as_of: found 9999-12-31, expected a date (YYYY-MM-DD) (9999-12-31 is outside the "
      "dates debtcli accepts (1900-01-01 to 2199-12-31); a typo?)"]),
    ("disbursement_year_1800.toml", "case.toml", [],
     ["error: case.toml: disbursement[0].date: found 1800-01-01, expected a date (YYYY-MM-DD) (1800-01-01 is outside "
      "the dates debtcli accepts (1900-01-01 to 2199-12-31); a typo?)"]),
    ("principal_31_digits.toml", "case.toml", [],
     ["error: case.toml: contract.principal: found '1234567890123456789012345678901', expected the principal as "
      "written, a positive amount such as \"100000.00\" (has 31 significant digits; an amount has at most 15 (an "
      "account or card number in the amount column?))"]),
    ("demand_above_limit.toml", "case.toml", [],
     ["error: case.toml: demand.total: 10,000,000.01 is above the largest plausible amount 10,000,000.00 (1,000 x "
      "the principal; set [reconcile] max_amount if it is real)"]),
    ("case_payment_above_max_amount.toml", "case.toml", [],
     ["error: case.toml: payment[0].amount: 60,000.00 is above the largest plausible amount 50,000.00 ([reconcile] "
      "max_amount)"]),
    ("max_amount_not_an_amount.toml", "case.toml", [],
     ["error: case.toml: reconcile.max_amount: found 'lots', expected an amount such as \"5000000.00\""]),
    ("lpr_past_the_table.toml", "case.toml", [],
     ["error: case.toml: contract.rate: LPR+1% needs the 1y LPR in force on 2026-10-20 (repricing on each fixing up "
      "to 2027-06-01), which the LPR table does not have; debtcli does not carry an old fixing forward: supply it as "
      "[rules] lpr_date = YYYY-MM-DD with lpr_1y = \"3.00%\" (and lpr_5y = \"3.50%\" for a five-year link)"]),
    ("lpr_signed_on_an_unknown_fixing.toml", "case.toml", ["--as-of", "2026-11-01"],
     ["error: case.toml: contract.rate: LPR+1% needs the 1y LPR in force on 2026-10-25 (the rate from that day), "
      "which the LPR table does not have; debtcli does not carry an old fixing forward: supply it as [rules] "
      "lpr_date = YYYY-MM-DD with lpr_1y = \"3.00%\" (and lpr_5y = \"3.50%\" for a five-year link)"]),
    ("lpr5y_past_the_table.toml", "case.toml", ["--as-of", "2027-01-05"],
     ["error: case.toml: contract.rate: LPR5Y+0.5% needs the 5y LPR in force on 2026-10-20 (repricing on each "
      "fixing up to 2027-01-05), which the LPR table does not have; debtcli does not carry an old fixing forward: "
      "supply it as [rules] lpr_date = YYYY-MM-DD with lpr_1y = \"3.00%\" (and lpr_5y = \"3.50%\" for a five-year "
      "link)"]),
    ("lpr_default_rate_past_the_table.toml", "case.toml", [],
     ["error: case.toml: contract.default_rate: LPR+5% needs the 1y LPR in force on 2026-10-20 (repricing on each "
      "fixing up to 2027-01-01), which the LPR table does not have; debtcli does not carry an old fixing forward: "
      "supply it as [rules] lpr_date = YYYY-MM-DD with lpr_1y = \"3.00%\" (and lpr_5y = \"3.50%\" for a five-year "
      "link)"]),
    ("private_cap_past_the_table.toml", "case.toml", [],
     ["error: case.toml column rules.lpr_1y: the one-year LPR in force on 2027-01-10 is not in the shipped LPR table "
      "(ceiling at formation 2027-01-10); the table's last known fixing is 2026-09-20. The ceiling cannot be "
      "computed without it and debtcli does not guess: add the published fixing in force on 2027-01-10 to case.toml "
      "as [rules] lpr_1y = \"3.00%\" (its one-year value) and lpr_date = YYYY-MM-DD (its publication date), or "
      "update the LPR table."]),
    ("rules_lpr_date_as_text.toml", "case.toml", [],
     ["error: case.toml: rules.lpr[0].date: found '2026-10-20', expected the publication date (YYYY-MM-DD, without "
      "quotes)"]),
    ("rules_lpr_without_value.toml", "case.toml", [], ["error: case.toml: rules.lpr[0]: give lpr_1y and/or lpr_5y"]),
    ("rules_lpr_rate_without_unit.toml", "case.toml", [],
     ["error: case.toml: rules.lpr[0].lpr_1y: found '3', expected the LPR as a yearly percentage, e.g. \"3.00%\""]),
    ("files_missing.toml", "case.toml", [], ["error: case.toml: files.ledger: '台账.csv' is not in the case folder"]),
    ("files_with_a_path.toml", "case.toml", [],
     ["error: case.toml: files.payments: found '../payments.csv', expected a file name such as \"还款流水.csv\" (a "
      "file in the case folder, named without a path)"]),
    ("files_named_twice.toml", "case.toml", [],
     ["error: case.toml: files.payments: found ['还款流水.csv', '还款流水.CSV'], expected each file once (还款流水.csv "
      "is named twice)"]),
    ("files_unknown_key.toml", "case.toml", [],
     ["error: case.toml: files.ledgers: unknown key (known keys here: ledger, payments)"]),
    ("demand_on_another_day.toml", "case.toml", ["--as-of", "2024-12-31"],
     ["error: --as-of: 2024-12-31 differs from [demand] as_of = 2024-06-30: a demand is compared with the balances "
      "of its own date; leave out --as-of to check the demand, or add --no-demand to compute the balances on "
      "2024-12-31 without comparing"]),
    ("as_of_before_signing.toml", "case.toml", ["--as-of", "2023-12-31", "--no-demand"],
     ["error: --as-of: 2023-12-31 is before the contract was signed (contract.signed = 2024-01-01); there is no "
      "balance before that day"]),
    ("payment_dated_9999.csv", "payments.csv", [],
     ["error: payments.csv:3: date: 9999-12-30 is outside the dates debtcli accepts (1900-01-01 to 2199-12-31); a "
      "typo?"]),
    ("ledger_dated_2300.csv", "ledger.csv", [],
     ["error: ledger.csv:3: date: 2300-01-01 is outside the dates debtcli accepts (1900-01-01 to 2199-12-31); a "
      "typo?"]),
    ("ledger_balance_card_number.csv", "ledger.csv", [],
     ["error: ledger.csv:2: balance: '6222021234567890123' has 19 significant digits; an amount has at most 15 (an "
      "account or card number in the amount column?)"]),
    ("payment_above_limit.csv", "payments.csv", [],
     ["error: payments.csv:2: amount: 10,000,000.01 is above the largest plausible amount 10,000,000.00 (1,000 x "
      "the principal; set [reconcile] max_amount if it is real)"]),
    ("old_excel_as_ledger.xls", "ledger.xls", [],
     ["error: ledger.xls: an old .xls workbook (Excel 97-2003); save it as .xlsx or CSV"]),
    ("upper_case_old_excel.XLS", "Ledger.XLS", [],
     ["error: Ledger.XLS: an old .xls workbook (Excel 97-2003); save it as .xlsx or CSV"]),
    ("binary_workbook.xlsb", "payments.xlsb", [],
     ["error: payments.xlsb: a binary .xlsb workbook; save it as .xlsx or CSV"]),
    ("opendocument.ods", "payments.ods", [],
     ["error: payments.ods: an OpenDocument spreadsheet; save it as .xlsx or CSV"]),
]

# Entries a repository cannot hold as files, made in the case folder by the test: name, how, message
MADE = [
    ("payments.csv", lambda f: os.symlink("/etc/passwd", f / "payments.csv"),
     "error: payments.csv: a symbolic link leading outside the case folder; refused (copy the file into the folder)"),
    ("payments.csv", lambda f: os.symlink(f / "nowhere.csv", f / "payments.csv"),
     "error: payments.csv: a symbolic link to nothing (its target does not exist); refused"),
    ("ledger.csv", lambda f: os.symlink("ledger.csv", f / "ledger.csv"),
     "error: ledger.csv: a symbolic link that loops; refused"),
    ("payments.csv", lambda f: os.mkfifo(f / "payments.csv"),
     "error: payments.csv: a named pipe (FIFO), not a regular file; refused without reading it"),
    ("ledger.csv", lambda f: (f / "ledger.csv").mkdir(), "error: ledger.csv: a folder, not a file; refused"),
    ("payments.csv", lambda f: os.symlink("/dev/zero", f / "payments.csv"),
     "error: payments.csv: a symbolic link leading outside the case folder; refused (copy the file into the folder)"),
]


def _verify(folder: Path, *args) -> subprocess.CompletedProcess:
    """A child process with a time limit: a FIFO or /dev/zero that were read would hang, not pass."""
    return subprocess.run([sys.executable, "-m", "debtcli", "verify", str(folder), *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


def corpus_case(folder: Path, name: str, placed: str) -> Path:
    """``folder``, made to hold the corpus file ``name`` as ``placed``, beside a sound case.toml when
    the bad file is not the case.toml itself."""
    folder.mkdir()
    if placed != "case.toml":
        shutil.copy(CORPUS / "cases" / "as_of_before_signing.toml", folder / "case.toml")
    shutil.copy(CORPUS / "cases" / name, folder / placed)
    return folder


def unsafe_case(folder: Path, make) -> Path:
    """``folder``, made to hold a sound case.toml and the unsafe table ``make`` writes there."""
    folder.mkdir()
    shutil.copy(CORPUS / "cases" / "as_of_before_signing.toml", folder / "case.toml")
    make(folder)
    return folder


@pytest.mark.parametrize("name,placed,args,lines", CASE_FILES, ids=[c[0] for c in CASE_FILES])
def test_each_bad_case_file_gets_its_message(tmp_path, run_cli, name, placed, args, lines):
    folder = corpus_case(tmp_path / "case", name, placed)
    code, out, err = run_cli("verify", folder, *args)
    assert code == 2, err
    assert out == "" and "Traceback" not in err and "internal error" not in err
    for line in lines:
        assert line in err.splitlines(), (line, err)


@pytest.mark.parametrize("i", range(len(MADE)), ids=[f"{m[0]}-{i}" for i, m in enumerate(MADE)])
def test_each_unsafe_table_is_refused_by_name(tmp_path, i):
    _, make, line = MADE[i]
    folder = unsafe_case(tmp_path / "case", make)
    proc = _verify(folder)
    assert proc.returncode == 2, proc.stderr
    assert line in proc.stderr.splitlines(), proc.stderr
    assert "root:" not in proc.stderr
def test_a_dot_amount_contradicting_a_comma_decimal_mark_is_refused(tmp_path, run_cli):
    (tmp_path / "payments.csv").write_text("date;amount\n2024-01-05;1.066,19\n2024-01-06;1066.19\n", encoding="utf-8")
    (tmp_path / "payments.profile.toml").write_text('decimal_mark = ","\n', encoding="utf-8")
    code, out, err = run_cli("import", tmp_path / "payments.csv", "--kind", "payments", "--format", "json")
    assert code == 2
    assert [r["amount"] for r in json.loads(out)["rows"]] == ["1066.19"]  # 1.066,19 under ","
    assert ("error: payments.csv:3: amount: '1066.19' does not fit the file's number format: the profile sets "
            'decimal_mark = ",", and this amount has a dot that does not group thousands; fix the row or the profile'
            in err.splitlines())


def test_a_folder_or_fifo_named_like_a_table_is_refused_without_reading(tmp_path, run_cli):
    import os

    (tmp_path / "dir.csv").mkdir()
    os.mkfifo(tmp_path / "pipe.csv")
    for name, what in (("dir.csv", "a folder"), ("pipe.csv", "a named pipe (FIFO)")):
        code, _, err = run_cli("import", tmp_path / name, "--kind", "payments")
        assert code == 2, err
        assert "Traceback" not in err
