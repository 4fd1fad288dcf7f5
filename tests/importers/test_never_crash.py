"""No input, however broken, makes the reader raise: every row is used or rejected, and a file that
cannot be read at all is one issue."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debtcli.importers.tables import TableReader

cells = st.one_of(st.sampled_from(["日期", "金额", "类型", "date", "amount", "type", "还款", "结息", "合计", "", " ",
                                   "2024-01-05", "2024年2月30日", "1,000.00", "(5.00)", "abc", "45296", '"']),
                  st.text(max_size=6))
tables = st.lists(st.lists(cells, max_size=6), max_size=12)


def check(reader: TableReader) -> None:
    records = list(reader.records())
    t = reader.table
    header = 1 if t.header_row else 0
    # a file that stops being readable part-way (a quote never closed, another encoding) is one issue
    # without a row, and the table is refused as a whole
    if t.rows_seen and not any(i.source.row is None and i.severity == "error" for i in t.issues):
        assert len(records) + len(t.rejected) + header == t.rows_seen, (t.rows_seen, t.rejected, t.issues)
    assert len(records) == t.used


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables, st.sampled_from(["ledger", "payments"]), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
def test_any_csv_table_is_read_without_raising(tmp_path_factory, rows, kind, delimiter, encoding):
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    text = "\n".join(delimiter.join(r) for r in rows)
    path.write_bytes(text.encode(encoding, errors="replace"))
    check(TableReader(path, kind))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_are_read_without_raising(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bin") / f"t{suffix}"
    if suffix == ".xlsx" and data[:1] == b"Z":  # sometimes a real zip with junk inside
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", data)
            z.writestr("xl/workbook.xml", data)
        data = buf.getvalue()
    path.write_bytes(data)
    reader = TableReader(path, "payments")
    records = list(reader.records())
    assert len(records) == reader.table.used
