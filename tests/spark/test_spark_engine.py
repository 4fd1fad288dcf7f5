"""debtcli on Spark (local[2]) gives the local run's results lines, byte for byte, and hands back
every row that belongs to no account. One SparkSession for the whole module, two cores, no UI.

Skipped only where no Java runtime is installed (Spark needs one); pyspark and pyarrow come with the
test extra, so a missing pyspark fails here rather than passing unseen."""

import csv
import json
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import portfolio_gen  # noqa: E402

from debtcli.batch.run import Settings, run_batch  # noqa: E402
from debtcli.batch.source import open_portfolio  # noqa: E402

N = 200


def _java_missing() -> str | None:
    if shutil.which("java") or os.environ.get("JAVA_HOME"):
        return None
    return "no Java runtime (java on PATH or JAVA_HOME): Spark cannot start, the Spark engine is not tested here"


if _java_missing():
    print(f"\ntests/spark skipped: {_java_missing()}", file=sys.stderr)
    pytest.skip(_java_missing(), allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from debtcli.spark import session

    s = session("local[2]", conf={"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"})
    yield s
    s.stop()


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """200 generated accounts (some with planted errors, some unreadable), plus rows of no account
    appended to the ledger and the payments, and a blank row. Returns (export folder, orphans) where
    orphans are (table label, row number, account id)."""
    out = tmp_path_factory.mktemp("spark-portfolio")
    source = portfolio_gen.write_portfolio(out, N, seed=17, layout="export", error_rate=0.3, unreadable_rate=0.05)
    orphans = []
    for name, rows in (("ledger.csv", [["ZZ0000001", "2021-03-01", "payment", "100.00", "ZZ-1", "orphan"],
                                       ["", "2021-03-02", "payment", "5.00", "ZZ-2", "no account id"],
                                       ["L0000100X", "2021-03-03", "fee", "50.00", "ZZ-3", "typo in id"]]),
                       ("payments.csv", [["ZZ0000002", "2021-04-01", "100.00", "ZZ-4", "someone", "transfer"],
                                         ["M0000001", "2021-04-02", "7.00", "ZZ-5", "someone", "counter"]])):
        path = source / name
        with open(path, encoding="utf-8") as fh:
            n = sum(1 for _ in fh)
        with open(path, "a", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
        orphans += [(name, n + 1 + k, r[0]) for k, r in enumerate(rows)]
    return source, orphans


@pytest.fixture(scope="module")
def local_lines(portfolio, tmp_path_factory):
    source, _ = portfolio
    p = open_portfolio(str(source))
    out = tmp_path_factory.mktemp("local") / "r.jsonl"
    outcome = run_batch(p, Settings(None, "none", p.layout, p.fingerprint()), out)
    return out.read_text(encoding="utf-8").splitlines(), outcome


@pytest.fixture(scope="module")
def spark_run(spark, portfolio, tmp_path_factory):
    from debtcli.spark import open_source

    source, _ = portfolio
    done = open_source(spark, str(source), str(tmp_path_factory.mktemp("stage")), None, "none")
    lines = [r["json"] for r in done.results.orderBy("account_id").select("json").collect()]
    results = {r["account_id"]: r for r in done.results.drop("json").collect()}
    rejected = [r.asDict() for r in done.rejected.collect()]
    done.unpersist()
    return lines, results, rejected


def test_spark_lines_are_the_local_lines(local_lines, spark_run):
    expected, _ = local_lines
    lines, _, _ = spark_run
    assert len(expected) == N
    assert lines == expected
    objs = [json.loads(x) for x in lines]
    # the portfolio means something: flagged, clean and unreadable accounts are all there
    assert any("error" in o for o in objs)
    assert any(o.get("findings") and any(f["severity"] == "error" for f in o["findings"]) for o in objs)
    assert any("error" not in o and not o["findings"] for o in objs)


def test_every_orphan_row_is_in_the_rejected_table(portfolio, spark_run, local_lines):
    _, orphans = portfolio
    _, _, rejected = spark_run
    got = {(r["table"], r["row_key"]): r for r in rejected}
    for table, row, account in orphans:
        assert (table, row) in got, (table, row)
        reason = got[(table, row)]["reason"]
        assert reason == (f"account_id {account!r} is not in the terms table" if account else "account_id is empty")
    # the local run hands back the same orphans
    _, outcome = local_lines
    assert sum(outcome.rejected.counts.values()) == len(orphans)
    assert sorted((t, r) for t, r, _ in outcome.rejected.listed) == sorted((t, r) for t, r, _ in orphans)


def test_unreadable_rows_are_rejected_too(spark_run):
    _, results, rejected = spark_run
    unreadable = {a for a, r in results.items() if r["status"] == "unreadable"}
    assert unreadable
    rows = [r for r in rejected if r["account_id"] in unreadable]
    assert {r["account_id"] for r in rows} == unreadable
    assert all(r["table"] == "accounts.csv" and "rate" in r["reason"] for r in rows)


def test_result_columns_carry_the_line_figures(spark_run):
    lines, results, _ = spark_run
    for line in lines:
        obj = json.loads(line)
        r = results[obj["account"]]
        if "error" in obj:
            assert r["verdict"] == "unreadable" and r["lawful_total"] is None
            continue
        assert r["verdict"] == obj["verdict"]
        for kind in ("lawful", "excess"):
            amounts = obj["balances"][kind] or {}  # no excess where the account has no demand
            for k in ("principal", "interest", "default_interest", "fees", "total"):
                v = amounts.get(k)
                assert r[f"{kind}_{k}"] == (None if v is None else Decimal(v)), (obj["account"], kind, k)
        assert r["finding_codes"] == [f["code"] for f in obj["findings"]]


def _table(spark, path: Path):
    """A CSV table as a warehouse holds it: every column text, the file row number as row_key."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0] + ["row_key"]
    data = [r + [n] for n, r in enumerate(rows[1:], start=2)]
    schema = ", ".join(f"`{h}` string" for h in rows[0]) + ", row_key bigint"
    return spark.createDataFrame(data, schema), header


def test_tables_give_the_same_accounts_as_the_files(spark, portfolio, local_lines):
    """verify_accounts on DataFrames (as Hive tables would give them) agrees with the local run on
    every figure; only the inputs' fingerprints differ (a table has no file SHA-256)."""
    from debtcli.spark import verify_accounts

    source, orphans = portfolio
    terms, _ = _table(spark, source / "accounts.csv")
    ledger, _ = _table(spark, source / "ledger.csv")
    payments, _ = _table(spark, source / "payments.csv")
    done = verify_accounts(terms, ledger, payments, rules="none", names=("accounts.csv", "ledger.csv",
                                                                         "payments.csv"))
    got = [json.loads(r["json"]) for r in done.results.orderBy("account_id").select("json").collect()]
    rejected = {(r["table"], r["row_key"]) for r in done.rejected.collect()}
    done.unpersist()
    expected = [json.loads(x) for x in local_lines[0]]

    def strip(o):
        o = dict(o)
        o.pop("run")
        files = o.get("inputs", {}).get("files", ())
        o["inputs"] = dict(o.get("inputs", {}), files=[{k: v for k, v in i.items() if k != "sha256"} for i in files])
        return o

    assert [strip(o) for o in got] == [strip(o) for o in expected]
    assert {(t, r) for t, r, _ in orphans} <= rejected
    assert len({i["sha256"] for o in got for i in o.get("inputs", {}).get("files", ())}) == 3


def test_parquet_tables_with_the_row_key_first(spark, portfolio, local_lines, tmp_path):
    """A folder of Parquet tables, row_key as the first column: the same figures as the files."""
    from debtcli.spark import open_source

    source, orphans = portfolio
    folder = tmp_path / "tables"
    for name in ("accounts", "ledger", "payments"):
        df, _ = _table(spark, source / f"{name}.csv")
        df.select("row_key", *[c for c in df.columns if c != "row_key"]).write.parquet(str(folder / f"{name}.parquet"))
    done = open_source(spark, str(folder), str(tmp_path), None, "none")
    got = [json.loads(r["json"]) for r in done.results.orderBy("account_id").select("json").collect()]
    rejected = {(r["table"], r["row_key"]) for r in done.rejected.collect()}
    done.unpersist()

    def strip(o):
        """The line without what names the input (file names and fingerprints)."""
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in ("file", "sha256", "run")}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o

    expected = [json.loads(x) for x in local_lines[0]]
    assert [strip(o) for o in got] == [strip(o) for o in expected]
    assert {(t.replace(".csv", ".parquet"), r) for t, r, _ in orphans} <= rejected


def test_the_command_writes_parquet_results_and_rejected_rows(spark, portfolio, local_lines, tmp_path, run_cli):
    """Last in the module: the command stops the session it is given."""
    import pyarrow.parquet as pq

    source, orphans = portfolio
    out = tmp_path / "r.parquet"
    code, _, err = run_cli("batch", source, "--engine", "spark", "--master", "local[2]", "--rules", "none",
                           "--out", out)
    assert code == 2, err  # the portfolio has unreadable accounts
    table = pq.read_table(out).sort_by("account_id")
    assert table.column("json").to_pylist() == local_lines[0]
    assert str(table.schema.field("lawful_total").type) == "decimal128(20, 2)"
    rejected = pq.read_table(tmp_path / "r.rejected.parquet").to_pylist()
    assert {(t, r) for t, r, _ in orphans} <= {(x["table"], x["row_key"]) for x in rejected}
    assert "row(s) rejected" in err and "unreadable" in err
