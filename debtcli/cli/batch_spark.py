"""debtcli batch --engine spark: the portfolio verified by Spark, written as the local run writes it.

Only ``debtcli.spark`` imports pyspark; this module reaches it on demand, so ``debtcli`` starts
without it and a missing pyspark is one line and exit 2.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import typer

from debtcli.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, fail_input, notice

LISTED_ON_CONSOLE = 20


def batch_spark(source: str, out: str, day, rules: str | None, master: str | None, *, summary=None, resume=False,
                workers: int = 0, max_rows: int | None = None, no_demand: bool = False) -> None:
    from debtcli.batch.source import SourceError
    from debtcli.batch.summary import FLAGGED, UNREADABLE, VERIFIED
    from debtcli.spark import SparkMissing, require

    wrong = [f"{name} works with --engine local only" for name, given in
             (("--resume", resume), ("--summary", summary is not None), ("--workers", bool(workers)),
              ("--no-demand", no_demand)) if given]
    if wrong:
        fail_input(wrong + ["with --engine spark the master decides how many processes run (--master local[4])"])
    out_path = Path(out)
    kind = out_path.suffix.lower()
    if kind not in (".jsonl", ".parquet"):
        fail_input([f"--out: {out!r} must end in .jsonl (one line per account) or .parquet (a results table)"])
    if not out_path.parent.exists():
        fail_input([f"--out: the folder {str(out_path.parent)!r} does not exist"])
    try:
        require()
    except SparkMissing as exc:
        fail_input([str(exc)], hint="nothing was verified.")
    from debtcli.spark import open_source, parquet_tables, session

    portfolio = None
    if not source.startswith("hive:") and (not Path(source).is_dir() or parquet_tables(source)[0] is None):
        # an export or workbook: checked before Spark starts, so a wrong SOURCE costs nothing
        from debtcli.batch.source import Export, open_portfolio

        try:
            portfolio = open_portfolio(source)
        except SourceError as exc:
            fail_input(exc.problems, hint="nothing was verified.")
        if not isinstance(portfolio, Export):
            fail_input([f"{source}: --engine spark reads portfolio exports (accounts, ledger and payment tables), "
                        "Parquet tables or hive: tables; a folder of case folders runs with --engine local"],
                       hint="nothing was verified.")

    spark = session(master, hive=source.startswith("hive:"))
    counts = {VERIFIED: 0, FLAGGED: 0, UNREADABLE: 0}
    unreadable: list[str] = []
    internal: list[str] = []
    rejected: list = []
    rej_path = out_path.with_name(out_path.stem + ".rejected" + kind)
    try:
        with tempfile.TemporaryDirectory(prefix="debtcli-spark-") as work:
            try:
                done = open_source(spark, source, work, day, rules, max_rows, portfolio)
            except SourceError as exc:
                fail_input(exc.problems, hint="nothing was verified.")
            results = done.results.orderBy("account_id")
            if kind == ".jsonl":
                tmp = out_path.with_name(out_path.name + ".partial")
                with open(tmp, "wb") as fh:
                    for row in results.select("json").toLocalIterator():
                        fh.write(row["json"].encode("utf-8") + b"\n")
                tmp.replace(out_path)
                with open(rej_path, "w", encoding="utf-8") as fh:
                    for row in done.rejected.orderBy("table", "row_key").toLocalIterator():
                        fh.write(json.dumps(row.asDict(), ensure_ascii=False) + "\n")
            else:
                results.write.mode("overwrite").parquet(str(out_path))
                done.rejected.orderBy("table", "row_key").write.mode("overwrite").parquet(str(rej_path))
            for row in done.results.groupBy("status").count().collect():
                counts[row["status"]] = row["count"]
            for row in (done.results.where(done.results.status == UNREADABLE).orderBy("account_id")
                        .select("account_id", "json").limit(1000).collect()):
                unreadable.append(row["account_id"])
                if json.loads(row["json"]).get("error_kind") == "internal":
                    internal.append(row["account_id"])
            rejected = done.rejected.groupBy("table").agg({"row_key": "min", "*": "count"}).orderBy("table").collect()
            done.unpersist()
    finally:
        spark.stop()
    for row in rejected:
        notice("warning", f"{row['table']}: {row['count(1)']} row(s) rejected (belong to no account, or could not be "
                          f"read; first: row {row['min(row_key)']}); each one with its reason in {rej_path}")
    total = sum(counts.values())
    notice("", f"{total} accounts: {counts[VERIFIED]} verified, {counts[FLAGGED]} flagged, {counts[UNREADABLE]} "
               f"unreadable; results in {out}")
    if unreadable:
        more = counts[UNREADABLE] - min(len(unreadable), LISTED_ON_CONSOLE)
        notice("unreadable", f"{', '.join(unreadable[:LISTED_ON_CONSOLE])}" + (f" and {more} more" if more > 0 else "")
                             + f" (each line of {out} with \"error\" lists the problems)")
    if internal:
        notice("", f"internal error (a defect in debtcli; please report it) on: "
                   f"{', '.join(internal[:LISTED_ON_CONSOLE])}")
        raise typer.Exit(EXIT_INTERNAL)
    if counts[UNREADABLE]:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_FINDINGS if counts[FLAGGED] else EXIT_OK)
