"""debtcli batch --engine: the options are checked before anything starts, pyspark is never
imported at start-up, and a missing pyspark is one line naming the extra, with exit 2."""

import subprocess
import sys


def test_the_cli_starts_without_pyspark():
    code = ("import sys; from debtcli.cli.app import app; import debtcli; debtcli.verify_rows; "
            "print('pyspark' in sys.modules, 'pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_missing_pyspark_is_exit_2_naming_the_extra(tmp_path, run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark fails, as without the extra
    code, _, err = run_cli("batch", tmp_path, "--engine", "spark", "--out", tmp_path / "r.jsonl")
    assert code == 2
    assert "pyspark not installed; install debtcli[spark]" in err


def test_master_belongs_to_the_spark_engine(tmp_path, run_cli):
    code, _, err = run_cli("batch", tmp_path, "--master", "local[2]", "--out", tmp_path / "r.jsonl")
    assert code == 2 and "--master works with --engine spark only" in err


def test_local_options_are_refused_with_spark(tmp_path, run_cli):
    code, _, err = run_cli("batch", tmp_path, "--engine", "spark", "--resume", "--workers", "2", "--out",
                           tmp_path / "r.jsonl")
    assert code == 2
    assert "--resume works with --engine local only" in err and "--workers works with --engine local only" in err


def test_spark_out_is_jsonl_or_parquet(tmp_path, run_cli):
    code, _, err = run_cli("batch", tmp_path, "--engine", "spark", "--out", tmp_path / "r.csv")
    assert code == 2 and "must end in .jsonl" in err


def test_case_folders_are_refused_before_spark_starts(tmp_path, run_cli):
    (tmp_path / "cases" / "A1").mkdir(parents=True)
    (tmp_path / "cases" / "A1" / "case.toml").write_text('schema = "debtcli/1"\n', encoding="utf-8")
    code, _, err = run_cli("batch", tmp_path / "cases", "--engine", "spark", "--out", tmp_path / "r.jsonl")
    assert code == 2 and "folder of case folders runs with --engine local" in err
