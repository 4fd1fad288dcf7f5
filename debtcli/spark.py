"""debtcli on Spark: a portfolio verified where it lives, in the cluster that holds it.

Needs the extra ``debtcli[spark]`` (pyspark and pyarrow). This is the only module that imports
pyspark, and only when one of its functions runs, so the CLI starts without it.

How accounts are put together: the three tables become one frame of rows ``(account_id, table,
row_key, cells)``, repartitioned by account and sorted within each partition, so that an account's
terms row, ledger rows and payment rows arrive one after the other; ``mapInArrow`` walks each
partition with ``debtcli.api.account_groups`` and runs ``debtcli.verify_rows`` on every account, the
same function the local process pool runs. Rows of no account come back as rejected rows, never
dropped. No pandas frame is built at any point.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from debtcli.model.records import COMPONENTS

AMOUNT_TYPE = "decimal(20,2)"
KEYS = COMPONENTS + ("total",)
ROWS_SCHEMA = "account_id string, tbl tinyint, row_key bigint, cells array<string>"
RESULTS_COLUMNS = (["account_id", "status", "verdict", "currency"] + [f"lawful_{k}" for k in KEYS]
                   + [f"excess_{k}" for k in KEYS] + ["finding_codes", "json"])
REJECTED_COLUMNS = ["table", "row_key", "account_id", "reason"]
_OUT_SCHEMA = ("kind string, account_id string, status string, verdict string, currency string, "
               + ", ".join(f"lawful_{k} {AMOUNT_TYPE}" for k in KEYS) + ", "
               + ", ".join(f"excess_{k} {AMOUNT_TYPE}" for k in KEYS)
               + ", finding_codes array<string>, json string, table string, row_key bigint, reason string")
ACCOUNTS_PER_PARTITION = 20_000
OUT_BATCH = 256  # output rows per Arrow batch


class SparkMissing(Exception):
    """pyspark or pyarrow is not installed."""


def require() -> None:
    """SparkMissing unless pyspark and pyarrow can be imported."""
    missing = []
    for name in ("pyspark", "pyarrow"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise SparkMissing(f"{' and '.join(missing)} not installed; install debtcli[spark] "
                           "(pip install 'debtcli[spark]'), which brings pyspark and pyarrow")


def session(master: str | None = None, app: str = "debtcli", conf: dict | None = None, hive: bool = False):
    """A SparkSession. Without ``master`` the one spark-submit or the environment gives (else
    local[*]). On a local master the Python workers run this interpreter; the web UI is off. ``hive``:
    with Hive support, so that tables are looked up in the Hive metastore (the cluster's
    hive-site.xml, else an embedded one in the working folder), as ``hive:`` sources need."""
    require()
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if hive:
        builder = builder.enableHiveSupport()
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                "spark.sql.shuffle.partitions": "4", "spark.sql.execution.arrow.maxRecordsPerBatch": "2000"}
    if master is not None and master.startswith("local"):
        # one JVM doing little but moving Arrow batches: the quick compiler and the serial collector
        # halve its CPU (measured: 70 -> 38 CPU seconds for a run of 30 accounts on local[2])
        settings["spark.driver.extraJavaOptions"] = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    settings.update(conf or {})
    for k, v in settings.items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# ---------------------------------------------------------------------------- rows of the three tables


def _key_column(df):
    """A table's row key: its ``row_key`` column, else a hash of the row's values (the same row gives
    the same key in every run)."""
    from pyspark.sql import functions as F

    from debtcli.api import ROW_KEY

    names = {c.lower(): c for c in df.columns}
    if ROW_KEY in names:
        return F.col(names[ROW_KEY]).cast("bigint")
    return F.xxhash64(*[F.col(c) for c in df.columns])


def _rows_frame(df, table: int, id_column: str):
    """The rows of one table as ``ROWS_SCHEMA``: the account id trimmed, every cell as text."""
    from pyspark.sql import functions as F

    cells = F.array(*[F.coalesce(F.col(c).cast("string"), F.lit("")) for c in df.columns]) if df.columns else F.array()
    return df.select(F.trim(F.col(id_column).cast("string")).alias("account_id"), F.lit(table).cast("tinyint").alias("tbl"),
                     _key_column(df).alias("row_key"), cells.alias("cells"))


def _fingerprint(df, name: str, id_column: str) -> tuple[str, int]:
    """(fingerprint, rows) of a table: its name, row count and an order-free hash of its keys."""
    from pyspark.sql import functions as F

    from debtcli.api import table_fingerprint

    row = df.agg(F.count(F.lit(1)).alias("n"),
                 F.sum(F.xxhash64(F.col(id_column).cast("string"), _key_column(df)).cast("decimal(38,0)")).alias("h")
                 ).collect()[0]
    keys = hashlib.sha256(str(row["h"]).encode()).hexdigest()
    return table_fingerprint(name, int(row["n"]), keys), int(row["n"])


def _id_column(columns: list[str]) -> str:
    from debtcli.batch.tables import account_column

    at = account_column([c.strip().lower() for c in columns])
    return columns[at] if at is not None else columns[0]


# ---------------------------------------------------------------------------- verifying


@dataclass
class Verified:
    """What ``verify_accounts`` gives: the results and the rejected rows (both lazy DataFrames over
    one cached run; ``unpersist`` frees it)."""

    results: object
    rejected: object
    settings: object = None
    _cached: list = field(default_factory=list)

    def __iter__(self):  # results, rejected = verify_accounts(...)
        return iter((self.results, self.rejected))

    def unpersist(self) -> None:
        for df in self._cached:
            df.unpersist()


def verify_accounts(terms, ledger=None, payments=None, *, as_of=None, rules=None,
                    names: tuple[str, str, str] = ("accounts", "ledger", "payments"), max_rows: int | None = None
                    ) -> Verified:
    """Verify every account of three DataFrames (the terms table, the ledger and the payment records,
    columns named as in an export; ``row_key`` is a row's key when there is one). Returns
    ``(results, rejected)``: one results row per account of the terms table (``account_id``,
    ``status``, ``verdict``, ``currency``, ``lawful_*`` and ``excess_*`` per component as
    decimal(20,2), ``finding_codes``, ``json`` = the results line ``debtcli batch`` writes) and one
    rejected row per input row no account could take (``table``, ``row_key``, ``account_id``,
    ``reason``). SourceError when the columns cannot be used."""
    from debtcli.api import portfolio_settings

    tables = (terms, ledger, payments)
    prints, frames = [], []
    for k, df in enumerate(tables):
        if df is None:
            prints.append("")
            continue
        idc = _id_column(df.columns)
        fp, _ = _fingerprint(df, names[k], idc)
        prints.append(fp)
        frames.append(_rows_frame(df, k, idc))
    settings = portfolio_settings(terms.columns, ledger.columns if ledger is not None else None,
                                  payments.columns if payments is not None else None, as_of=as_of, rules=rules,
                                  names=names, fingerprints=tuple(prints), max_rows=max_rows)
    rows = frames[0]
    for f in frames[1:]:
        rows = rows.unionByName(f)
    return verify_rows_frame(rows, settings, names)


def verify_rows_frame(rows, settings, names: tuple[str, str, str], partitions: int | None = None) -> Verified:
    """Verify a frame of ``ROWS_SCHEMA`` rows with settings resolved once on the driver."""
    from pyspark.sql import functions as F

    spark = rows.sparkSession
    if partitions is None:
        accounts = rows.where(F.col("tbl") == 0).count()
        partitions = max(spark.sparkContext.defaultParallelism, -(-accounts // ACCOUNTS_PER_PARTITION))
    grouped = rows.repartition(partitions, "account_id").sortWithinPartitions("account_id", "tbl", "row_key")
    labels = tuple(_label(settings.layout, k, n) for k, n in enumerate(names))

    def run(batches):
        return _verify_partition(batches, settings, labels)

    out = _map_in_arrow(grouped, run, _OUT_SCHEMA).persist()
    results = out.where(F.col("kind") == "result").select(*RESULTS_COLUMNS)
    rejected = out.where(F.col("kind") == "rejected").select(*REJECTED_COLUMNS)
    return Verified(results, rejected, settings, [out])


def _label(layout, k: int, name: str) -> str:
    info = (layout.terms, layout.ledger, layout.payments)[k]
    return info.label if info is not None else name


def _map_in_arrow(df, fn, schema: str):
    """``df.mapInArrow(fn, schema)``. pyspark's own method insists on pandas being installed although
    an Arrow map never uses it (it builds its UDF with ``pandas_udf``); without pandas the same plan
    is built the way that method builds it, through pyspark internals (``vectorized_udf`` and the
    JVM's ``Dataset.mapInArrow``). No public API of pyspark 4.3 does this without pandas (the public
    ``arrow_udf`` makes the UDF, not the map), so the extra pins pyspark to 4.3.x, the release this
    is tested with; the test suite runs without pandas, so it takes this path."""
    import importlib.util

    if importlib.util.find_spec("pandas") is not None:
        return df.mapInArrow(fn, schema)
    from pyspark.sql import DataFrame
    from pyspark.sql.pandas.functions import vectorized_udf
    from pyspark.util import PythonEvalType

    udf = vectorized_udf(fn, schema, PythonEvalType.SQL_MAP_ARROW_ITER_UDF, "pandas")
    column = udf(*[df[c] for c in df.columns])
    return DataFrame(df._jdf.mapInArrow(column._jc, False, None), df.sparkSession)


# ---------------------------------------------------------------------------- one partition (on an executor)


def _amount(value) -> Decimal | None:
    """An amount of the line as decimal(20,2); None where it has more places (a three-digit currency:
    the JSON line holds it exactly)."""
    if value is None:
        return None
    try:
        d = Decimal(value)
    except (InvalidOperation, TypeError):
        return None
    return d if d == d.quantize(Decimal("0.01")) and abs(d) < Decimal("1e18") else None


def _result_row(line: str, stats) -> tuple[dict, dict]:
    from debtcli.batch.summary import UNREADABLE

    obj = json.loads(line)
    bal = obj.get("balances") or {}
    lawful, excess = bal.get("lawful") or {}, bal.get("excess") or {}
    row = {"kind": "result", "account_id": obj.get("account"), "status": stats.status,
           "verdict": "unreadable" if stats.status == UNREADABLE else obj.get("verdict"),
           "currency": obj.get("currency"), "finding_codes": [f["code"] for f in obj.get("findings", ())],
           "json": line, "table": None, "row_key": None, "reason": None}
    for k in KEYS:
        row[f"lawful_{k}"] = _amount(lawful.get(k))
        row[f"excess_{k}"] = _amount(excess.get(k))
    return row, obj


def _unreadable_rows(obj: dict, labels: tuple[str, str, str]) -> list[dict]:
    """The rows an unreadable account's problems point at, as rejected rows."""
    out = []
    for p in obj.get("problems") or ():
        if isinstance(p, dict) and p.get("row") is not None and isinstance(p["row"], int):
            where = p.get("file") or ""
            if p.get("sheet"):
                where += f"[{p['sheet']}]"
            reason = (f"column {p['column']}: " if p.get("column") and not str(p.get("message", "")).startswith(
                str(p["column"])) else "") + str(p.get("message", ""))
            out.append(_rejected(where if where in labels else where or labels[0], p["row"], obj["account"], reason))
    return out


def _rejected(table: str, key, account: str, reason: str) -> dict:
    row = {c: None for c in ("status", "verdict", "currency", "finding_codes", "json")}
    row.update({f"lawful_{k}": None for k in KEYS})
    row.update({f"excess_{k}": None for k in KEYS})
    row.update({"kind": "rejected", "account_id": account, "table": table, "row_key": key, "reason": reason})
    return row


def _verify_partition(batches, settings, labels: tuple[str, str, str]):
    """Arrow batches of sorted rows in, Arrow batches of results and rejected rows out."""
    import pyarrow as pa

    from debtcli.api import RejectedRow, account_groups
    from debtcli.batch.run import account_line

    schema = None

    def rows():
        for b in batches:
            ids, tbl, keys, cells = (b.column(i).to_pylist() for i in range(4))
            for i in range(len(ids)):
                yield ids[i] or "", tbl[i], keys[i], tuple(cells[i] or ())

    buf: list[dict] = []
    for item in account_groups(rows(), labels[0]):
        if isinstance(item, RejectedRow):
            buf.append(_rejected(labels[item.table], item.key, item.account_id, item.reason))
        else:
            line, stats = account_line(item, settings)
            row, obj = _result_row(line, stats)
            buf.append(row)
            if "error" in obj:
                buf += _unreadable_rows(obj, labels)
        if len(buf) >= OUT_BATCH:
            schema = schema or _arrow_schema()
            yield pa.RecordBatch.from_pylist(buf, schema=schema)
            buf = []
    if buf:
        yield pa.RecordBatch.from_pylist(buf, schema=schema or _arrow_schema())


def _arrow_schema():
    import pyarrow as pa

    amount = pa.decimal128(20, 2)
    fields = [("kind", pa.string()), ("account_id", pa.string()), ("status", pa.string()),
              ("verdict", pa.string()), ("currency", pa.string())]
    fields += [(f"lawful_{k}", amount) for k in KEYS] + [(f"excess_{k}", amount) for k in KEYS]
    fields += [("finding_codes", pa.list_(pa.string())), ("json", pa.string()), ("table", pa.string()),
               ("row_key", pa.int64()), ("reason", pa.string())]
    return pa.schema(fields)


# ---------------------------------------------------------------------------- sources the CLI reads


@dataclass
class Source:
    """A portfolio as Spark reads it: its rows frame, settings, and rows rejected on the driver."""

    rows: object
    names: tuple[str, str, str]
    layout: object
    fingerprint: str
    driver_rejected: list = field(default_factory=list)  # (table label, row, account id, reason)
    accounts: int | None = None
    cleanup: object = None


def stage_export(spark, path: str, work_dir: str, portfolio=None) -> Source:
    """A CSV / XLSX export read by debtcli's own readers on the driver (encodings, headers, profiles,
    row numbers as the local run has them), written once as Parquet rows that Spark then reads. The
    rows the reader rejects itself (blank rows, rows above a header) come back in ``driver_rejected``;
    the rows of no account are found by Spark, as the local run finds them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from debtcli.api import RejectedRow
    from debtcli.batch.source import Export, open_portfolio, SourceError

    portfolio = portfolio if portfolio is not None else open_portfolio(path)
    if not isinstance(portfolio, Export):
        raise SourceError([f"{path}: --engine spark reads portfolio exports (accounts, ledger and payment "
                           "tables); a folder of case folders runs with --engine local"])
    driver_rejected = []
    schema = pa.schema([("account_id", pa.string()), ("tbl", pa.int8()), ("row_key", pa.int64()),
                        ("cells", pa.list_(pa.string()))])
    target = os.path.join(work_dir, "rows.parquet")
    buf: dict = {"account_id": [], "tbl": [], "row_key": [], "cells": []}
    with pq.ParquetWriter(target, schema) as writer:
        for item in portfolio.rows():
            if isinstance(item, RejectedRow):
                driver_rejected.append((portfolio.labels[item.table], item.key, item.account_id, item.reason))
                continue
            account, k, rowno, cells = item
            buf["account_id"].append(account)
            buf["tbl"].append(k)
            buf["row_key"].append(rowno)
            buf["cells"].append(list(cells))
            if len(buf["tbl"]) >= 50_000:
                writer.write_table(pa.table(buf, schema=schema))
                buf = {c: [] for c in buf}
        if buf["tbl"]:
            writer.write_table(pa.table(buf, schema=schema))
    lay = portfolio.layout
    names = tuple((info.label if info is not None else n) for info, n in
                  zip((lay.terms, lay.ledger, lay.payments), ("accounts", "ledger", "payments")))
    return Source(spark.read.parquet(target), names, lay, portfolio.fingerprint(), driver_rejected, portfolio.count)


def table_source(spark, spec: str):
    """The three DataFrames of ``hive:DB`` (tables DB.accounts, DB.ledger, DB.payments) or
    ``hive:TERMS,LEDGER,PAYMENTS`` (full table names; LEDGER or PAYMENTS may be left empty), or of a
    folder of Parquet tables (accounts.parquet, ledger.parquet, payments.parquet)."""
    from debtcli.batch.source import SourceError

    if spec.startswith("hive:"):
        parts = [p.strip() for p in spec[5:].split(",")]
        if len(parts) == 1 and "." not in parts[0]:
            db = parts[0]
            parts = [f"{db}.accounts"] + [f"{db}.{t}" if spark.catalog.tableExists(f"{db}.{t}") else ""
                                          for t in ("ledger", "payments")]
        if len(parts) != 3 or not parts[0]:
            raise SourceError([f"{spec}: give hive:DB or hive:TERMS,LEDGER,PAYMENTS (table names)"])
        missing = [p for p in parts if p and not spark.catalog.tableExists(p)]
        if missing:
            raise SourceError([f"{spec}: no table {m}" for m in missing])
        frames = tuple(spark.table(p) if p else None for p in parts)
        return frames, tuple(p or n for p, n in zip(parts, ("accounts", "ledger", "payments")))
    found = parquet_tables(spec)
    if found[0] is None:
        return None
    frames = tuple(spark.read.parquet(p) if p else None for p in found)
    return frames, tuple(os.path.basename(p) if p else n for p, n in zip(found, ("accounts", "ledger", "payments")))


def parquet_tables(folder: str) -> list[str | None]:
    """The Parquet tables of a folder: (terms, ledger, payments) paths, each None where absent."""
    found = []
    for stems in (("accounts", "terms"), ("ledger",), ("payments",)):
        found.append(next((os.path.join(folder, s + ".parquet") for s in stems
                           if os.path.exists(os.path.join(folder, s + ".parquet"))), None))
    return found


def open_source(spark, spec: str, work_dir: str, as_of=None, rules=None, max_rows=None, portfolio=None
                ) -> Verified:
    """Verify the portfolio SOURCE names (``hive:...``, a folder of Parquet tables, or an export
    folder / workbook) and return the results; the driver's rejected rows are part of ``rejected``."""
    from debtcli.batch.run import Settings

    tables = table_source(spark, spec) if portfolio is None else None
    if tables is not None:
        (terms, ledger, payments), names = tables
        return verify_accounts(terms, ledger, payments, as_of=as_of, rules=rules, names=names, max_rows=max_rows)
    src = stage_export(spark, spec, work_dir, portfolio)
    settings = Settings(as_of, rules, src.layout, src.fingerprint, max_rows)
    partitions = max(spark.sparkContext.defaultParallelism, -(-(src.accounts or 0) // ACCOUNTS_PER_PARTITION))
    done = verify_rows_frame(src.rows, settings, src.names, partitions)
    if src.driver_rejected:
        extra = spark.createDataFrame(src.driver_rejected, "table string, row_key bigint, account_id string, "
                                                           "reason string")
        done.rejected = done.rejected.unionByName(extra)
    return done
