"""Profiles are strict: unknown keys and missing columns are errors at load time; what they map is
what `debtcli import` prints."""

import csv
import io
import json
import tomllib

import pytest

from debtcli.importers.profile import load_profile

EXPORT = ("核心系统导出\n"
          "交易时间;对方;发生额;说明;柜员\n"
          "05.01.2024;王五;1.000,50;归还贷款;0231\n"
          "05.02.2024;王五;-200,00;冲正 2024-01-05;0231\n"
          "06.02.2024;公司内部;99,00;内部转账;0231\n")


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_a_profile_reads_an_export_no_alias_covers(tmp_path, run_cli):
    data = write(tmp_path / "export.csv", EXPORT, "gbk")
    prof = write(tmp_path / "bank.profile.toml", """
kind = "ledger"
skip = 1
delimiter = ";"
date_format = "%d.%m.%Y"
decimal_mark = ","
credit_type = "payment"

[columns]
date = "交易时间"
amount = "发生额"
memo = "说明"

[[rule]]
match = "内部转账"
skip = true
reason = "internal transfer, not a repayment"

[[rule]]
match = "^冲正"
in = "memo"
type = "adjustment"

[[rule]]
match = "归还"
type = "payment"
""")
    code, out, err = run_cli("import", data, "--profile", prof, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert [(r["row"], r["date"], r["type"], r["amount"]) for r in report["rows"]] == [
        (3, "2024-01-05", "payment", "1000.50"),
        (4, "2024-02-05", "adjustment", "-200.00"),
    ]
    assert report["rejected"] == [{"file": "export.csv", "row": 1, "reason": "above the header row (a title or note)"},
                                  {"file": "export.csv", "row": 5, "reason": "internal transfer, not a repayment"}]
    assert report["counts"] == {"rows": 5, "header": 1, "used": 2, "rejected": 2}


def test_unknown_keys_are_errors(tmp_path):
    prof = write(tmp_path / "p.profile.toml", 'kind = "ledger"\ndate_fromat = "%Y"\n[columns]\nammount = "金额"\n'
                                              '[[rule]]\nmatch = "x"\ntype = "payment"\nwhen = "y"\n')
    profile, issues = load_profile(prof)
    assert profile is None
    assert [str(i) for i in issues] == [
        "p.profile.toml: date_fromat: unknown key; the keys are: kind, sheet, skip, header, encoding, delimiter, "
        "date_format, decimal_mark, negate, type, debit_type, credit_type, columns, types, rule",
        "p.profile.toml: columns.ammount: unknown column; the columns are: date, posted, type, amount, debit, "
        "credit, reference, memo, balance, payer, channel",
        "p.profile.toml: rule[1].when: unknown key; a rule has: in, match, reason, skip, type",
    ]


@pytest.mark.parametrize("text,message", [
    ('kind = "loans"', "p.profile.toml: kind: 'loans' is not ledger or payments"),
    ("skip = -1", "p.profile.toml: skip: cannot be negative"),
    ('decimal_mark = ";"', "p.profile.toml: decimal_mark: ';' is not '.' or ','"),
    ('encoding = "latin-1"', "p.profile.toml: encoding: 'latin-1' is not one of utf-8, utf-8-sig, gbk, gb18030"),
    ('type = "repayment"', "p.profile.toml: type: 'repayment' is not one of disbursement, interest, "
                           "default_interest, compound_interest, fee, penalty, cost, payment, waiver, adjustment, "
                           "write_off, purchase, cash_advance, refund, annual_fee, cash_advance_fee, installment_fee, "
                           "installment, overlimit_fee, conversion_fee"),
    ('[[rule]]\nmatch = "("\ntype = "payment"', "p.profile.toml: rule[1].match: not a regular expression debtcli can "
                                                 "run safely (missing ): (); back-references and look-around are "
                                                 "not supported"),
    ('[[rule]]\nmatch = "(a)\\\\1"\ntype = "payment"', "p.profile.toml: rule[1].match: not a regular expression "
                                                        "debtcli can run safely (invalid escape sequence: \\1); "
                                                        "back-references and look-around are not supported"),
    ('[[rule]]\nmatch = "x"', "p.profile.toml: rule[1]: a rule sets either type = ... or skip = true"),
    ("[columns]\namount = 0", "p.profile.toml: columns.amount: positions start at 1"),
    ('[columns]\namount = "金额"\ndebit = "借方"', "p.profile.toml: columns: give either amount or debit/credit "
                                                  "columns, not both"),
    ("skip = ", None),
])
def test_each_profile_mistake_has_its_message(tmp_path, text, message):
    profile, issues = load_profile(write(tmp_path / "p.profile.toml", text + "\n"))
    assert profile is None
    if message is None:
        assert str(issues[0]).startswith("p.profile.toml: not valid TOML")
    else:
        assert [str(i) for i in issues] == [message]


def test_a_column_the_file_lacks_is_an_error(tmp_path, run_cli):
    data = write(tmp_path / "payments.csv", "日期,金额\n2024-01-05,100.00\n")
    prof = write(tmp_path / "payments.profile.toml", '[columns]\ndate = "日期"\namount = "发生额"\n')
    code, out, err = run_cli("import", data)  # found beside the data
    assert code == 2
    assert "note: reading payments.csv through payments.profile.toml" in err
    assert ("error: payments.csv:1: profile payments.profile.toml: no row in the first 2 holds all the headers "
            "named in [columns] (日期, 发生额); the first row holds: 日期, 金额") in err.splitlines()
    prof.write_text('skip = 0\n[columns]\ndate = "日期"\namount = "发生额"\n', encoding="utf-8")
    code, out, err = run_cli("import", data)
    assert code == 2
    assert ("error: payments.csv:1: profile payments.profile.toml: columns.amount = '发生额' is not a column of "
            "payments.csv; the columns are: 日期, 金额") in err.splitlines()


def test_profile_init_writes_a_profile_that_loads_and_reads_the_file(tmp_path, run_cli):
    data = write(tmp_path / "还款流水.csv", "银行流水\n交易日期,交易金额(元),交易流水号,柜员号\n2024-01-05,\"1,000.00\",A1,7\n",
                 "gbk")
    code, out, err = run_cli("profile", "init", data)
    assert code == 0, err
    prof = tmp_path / "还款流水.profile.toml"
    parsed = tomllib.loads(prof.read_text(encoding="utf-8"))
    assert parsed == {"kind": "payments", "skip": 1, "encoding": "gb18030", "delimiter": ",", "decimal_mark": ".",
                      "columns": {"date": "交易日期", "amount": "交易金额(元)", "reference": "交易流水号"}}
    assert '#   "柜员号"  (position 4)' in prof.read_text(encoding="utf-8")
    profile, issues = load_profile(prof)
    assert issues == [] and profile is not None
    code, out, err = run_cli("import", data, "--profile", prof)
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out))) == [["row", "date", "amount", "reference", "payer", "channel"],
                                                  ["3", "2024-01-05", "1000.00", "A1", "", ""]]
    code, out, err = run_cli("profile", "init", data)
    assert code == 2 and "already exists; use --force to overwrite it" in err


def test_a_profile_beside_a_case_table_is_used_by_verify(tmp_path, run_json):
    (tmp_path / "case.toml").write_text(
        'schema = "debtcli/1"\n[case]\nid = "P-1"\njurisdiction = "none"\n[contract]\nsigned = 2024-01-01\n'
        'principal = "1000.00"\nrate = "12%"\nday_count = "ACT/365"\nmethod = "bullet"\nterm_months = 12\n'
        '[demand]\nas_of = 2024-03-01\n', encoding="utf-8")
    write(tmp_path / "payments.csv", "when|paid\n01/02/2024|100.00\n")
    write(tmp_path / "payments.profile.toml", 'delimiter = "|"\ndate_format = "%d/%m/%Y"\n'
                                              '[columns]\ndate = "when"\namount = "paid"\n')
    code, report = run_json("verify", tmp_path)
    # 1000 x 12% x 31 / 365 = 10.19 accrued by 2024-02-01, paid first; 89.81 reduces the principal
    assert report["payments"]["total"] == "100.00"
    assert report["balances"]["contractual"]["principal"] == "910.19"
    assert report["inputs"]["files"][1] == {"file": "payments.csv", "sha256": report["inputs"]["files"][1]["sha256"], "rows": 1,
                                   "rejected": 0, "not_applied": 0}


def test_positions_without_a_header_negate_and_own_words(tmp_path, run_cli):
    data = write(tmp_path / "ledger.csv", "2024-01-05,JX,-12.50,X1\n2024-01-06,还款,-100.00,X2\n")
    prof = write(tmp_path / "ledger.profile.toml", 'header = false\nnegate = true\n[columns]\ndate = 1\ntype = 2\n'
                                                   'amount = 3\nreference = 4\n[types]\nJX = "interest"\n')
    code, out, err = run_cli("import", data, "--profile", prof, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert [(r["row"], r["type"], r["amount"], r["reference"]) for r in report["rows"]] == [
        (1, "interest", "12.50", "X1"), (2, "payment", "100.00", "X2")]
    assert report["counts"] == {"rows": 2, "header": 0, "used": 2, "rejected": 0}


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path):
    """(a+)+$ against a run of a's that ends in b backtracks for ever in Python's re (32 s at 28
    characters, x4 for every 2 more); RE2 answers at once. Run in a child with a generous limit so
    that a hang fails the test instead of stalling the suite."""
    import subprocess
    import sys

    (tmp_path / "payments.csv").write_text("date,amount,memo\n2024-01-05,100.00," + "a" * 60 + "b\n",
                                           encoding="utf-8")
    (tmp_path / "payments.profile.toml").write_text('[[rule]]\nmatch = "(a+)+$"\nskip = true\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "debtcli", "import", str(tmp_path / "payments.csv"), "--kind",
                           "payments"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "1 used as payments" in proc.stderr  # the memo ends in b: the rule does not match
