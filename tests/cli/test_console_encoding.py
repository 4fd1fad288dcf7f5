"""A console that cannot encode Chinese (stdout or stderr as ASCII, Latin-1 or GBK) gets the same
figures and exit code as a UTF-8 one, what it cannot show as backslash escapes, and never an encoding
error (which used to end in exit 3)."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

LOAN = EXAMPLES / "private-loan"


def run(encoding, *args):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("DEBTCLI_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "debtcli", *map(str, args)], capture_output=True, env=env)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gbk"])
def test_json_parses_to_the_same_report(encoding):
    utf8 = run("utf-8", "verify", LOAN, "--format", "json")
    other = run(encoding, "verify", LOAN, "--format", "json")
    assert (other.returncode, utf8.returncode) == (1, 1), other.stderr
    assert json.loads(other.stdout.decode(encoding)) == json.loads(utf8.stdout.decode("utf-8"))
    other.stdout.decode("ascii")  # escapes only: any console shows it


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
@pytest.mark.parametrize("args", [
    ("verify", LOAN),
    ("verify", LOAN, "--lang", "zh"),
    ("schedule", EXAMPLES / "bank-loan"),
    ("balance", LOAN, "--as-of", "2023-03-01"),
    ("statement", LOAN, "--format", "md", "-o", "-"),
    ("import", LOAN / "payments.csv", "--kind", "payments", "--format", "csv"),
], ids=["verify", "verify-zh", "schedule", "balance", "statement-md", "import-csv"])
def test_every_command_prints_on_a_narrow_console(encoding, args):
    utf8 = run("utf-8", *args)
    other = run(encoding, *args)
    assert other.returncode == utf8.returncode and other.returncode in (0, 1), other.stderr
    assert b"Traceback" not in other.stderr and b"internal error" not in other.stderr
    # a statement on stdout is the document itself, UTF-8 like the file -o would write
    text = other.stdout.decode("utf-8" if args[0] == "statement" else encoding)
    assert text.strip()
    if encoding == "ascii" and args[0] == "verify":
        assert "130,163.30" in text and "62,462.64" in text  # the verdict's figures, whatever the script
        assert "\\u" in text  # the Chinese words as escapes, not dropped


def test_an_input_error_in_chinese_on_an_ascii_stderr_is_exit_2(tmp_path):
    case = tmp_path / "案件"
    case.mkdir()
    (case / "case.toml").write_text('schema = "debtcli/1"\n[case]\nid = "x"\n[contract]\nrate = "年息二十四"\n',
                                    encoding="utf-8")
    res = run("ascii", "verify", case)
    assert res.returncode == 2, res.stderr
    assert b"Traceback" not in res.stderr and b"internal error" not in res.stderr
    assert b"\\u4e8c\\u5341\\u56db" in res.stderr  # the rate as written (二十四), escaped
