"""Readers: raw rows out of CSV text and XLSX workbooks, streamed, each with its row number.

A reader yields ``(row_number, cells)`` where ``row_number`` is 1-based as a spreadsheet shows it
and ``cells`` is a list of values: ``str`` for CSV; ``str``, ``Decimal``, ``date`` or ``None`` for
XLSX. Numbers from a workbook never pass through arithmetic on floats: openpyxl hands back the
float it parsed from the XML, and ``repr`` of that float is the shortest text that reads back to
it, i.e. the digits Excel stored. Problems that stop a file being read raise ``ReadError`` with a
message for the user.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

SAMPLE_BYTES = 1 << 20
DELIMITERS = (",", "\t", ";", "|")

# A workbook is a zip archive: refuse archives that would inflate beyond these limits (zip bombs).
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 300  # a member larger than RATIO_FLOOR_BYTES that inflates more than this is refused
RATIO_FLOOR_BYTES = 8 * 1024 * 1024

EXCEL_EPOCH = date(1899, 12, 30)


class ReadError(Exception):
    """The file cannot be read at all; the message says why and what to do."""


# ---------------------------------------------------------------------- limits

CSV_FIELD_LIMIT = 131_072  # characters in one CSV field (the csv module's own default)
MAX_QUOTED = 200  # characters of a cell quoted in a message
DEFAULT_MAX_ROWS = 1_000_000
_MAX_ROWS: list[int | None] = [DEFAULT_MAX_ROWS]  # data rows per ledger / payments table (--max-rows)


def set_max_rows(n: int | None) -> None:
    """The cap on data rows in one ledger or payments table (``--max-rows``); None for no cap."""
    _MAX_ROWS[0] = n


def max_rows() -> int | None:
    return _MAX_ROWS[0]


def quote(text: str, limit: int = MAX_QUOTED) -> str:
    """A cell as a message quotes it: repr of at most ``limit`` characters, the length said when cut."""
    text = str(text)
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit]) + f"... ({len(text):,} characters)"


def open_regular(path: Path):
    """Open ``path`` for reading bytes, refusing anything that is not a regular file (a folder, a FIFO,
    a device, a socket) before reading a byte: a FIFO would wait for ever, /dev/zero never ends."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise ReadError("a folder, not a file") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = ("a folder" if stat.S_ISDIR(st.st_mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode)
                    else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                    else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
            raise ReadError(f"{what}, not a regular file; only regular files are read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def check_regular(path: Path) -> None:
    """ReadError unless ``path`` is a regular file (checked without reading it)."""
    open_regular(path).close()


# ---------------------------------------------------------------------- CSV


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the first megabyte decodes as UTF-8, else GB18030 (a
    superset of GBK, which Chinese core-banking exports use)."""
    with open_regular(path) as fh:
        sample = fh.read(SAMPLE_BYTES)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError("UTF-16 text; save the file as CSV UTF-8 (or GBK) and try again")
    if b"\x00" in sample:
        raise ReadError("not a text file (it holds NUL bytes); export the table as CSV or XLSX")
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "gb18030"
    except UnicodeDecodeError as exc:
        line = sample[:exc.start].count(b"\n") + 1
        raise ReadError(f"neither UTF-8 nor GBK/GB18030 text (byte 0x{sample[exc.start]:02x} at offset "
                        f"{exc.start}, line {line}); Latin-1 or mixed encodings: save the file as CSV UTF-8") from None


def normalise_encoding(name: str) -> str:
    key = name.strip().lower().replace("_", "-")
    aliases = {"utf8": "utf-8-sig", "utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig", "utf-8-bom": "utf-8-sig",
               "gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "cp936": "gb18030"}
    if key not in aliases:
        raise ValueError(f"{name!r} is not one of utf-8, utf-8-sig, gbk, gb18030")
    return aliases[key]


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most of the first lines into the same number (>1) of fields."""
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        except csv.Error:  # a field past the limit, or a quote that never closes in the first lines
            continue
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        width, lines_with_width = Counter(counts).most_common(1)[0]
        score = (lines_with_width, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _text_lines(path: Path, enc: str, state: dict) -> Iterator[str]:
    """The file's lines as text. A line that is not valid in the file's encoding, or (in a GBK file) a
    line that is UTF-8 text, stops the read: the file mixes encodings and would turn into mojibake."""
    strict_utf8 = enc.startswith("utf-8")
    with open_regular(path) as fh:
        for n, raw in enumerate(fh, start=1):
            state["line"] = n
            if n == 1 and enc == "utf-8-sig" and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8" if strict_utf8 else enc)
            except UnicodeDecodeError as exc:
                raise ReadError(f"line {n}: byte 0x{raw[exc.start]:02x} at position {exc.start + 1} is not "
                                f"{'UTF-8' if strict_utf8 else 'GBK/GB18030'} text; the file mixes encodings (or is "
                                "Latin-1): save it again as CSV UTF-8") from None
            if not strict_utf8 and not raw.isascii():
                if _utf8_cjk(raw):
                    state.setdefault("utf8_line", n)
                else:
                    state.setdefault("gbk_line", n)
                if "utf8_line" in state and "gbk_line" in state:
                    a, b = sorted((state["utf8_line"], state["gbk_line"]))
                    raise ReadError(f"lines {a} and {b} are in different encodings (UTF-8 and GBK); the file mixes "
                                    "encodings: save it again as CSV UTF-8")
            yield text


def _utf8_cjk(raw: bytes) -> bool:
    """A line that is valid UTF-8 and holds Chinese characters: UTF-8 text, not GBK bytes that
    happen to be valid UTF-8 (those decode to Latin letters, not to CJK)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def csv_rows(path: Path, encoding: str | None = None, delimiter: str | None = None
             ) -> tuple[str, str, Iterator[tuple[int, list[str]]]]:
    """(encoding, delimiter, rows). Rows are streamed; a quote that never closes, a field longer than
    CSV_FIELD_LIMIT characters, or a line in another encoding part-way raises ReadError naming the row."""
    enc = encoding or detect_encoding(path)
    if enc == "utf-8":
        enc = "utf-8-sig"  # the same text, and a byte-order mark at the start is dropped
    if delimiter is None:
        with open_regular(path) as fh:
            head = [line.decode(enc, errors="replace") for _, line in zip(range(30), fh)]
        delimiter = sniff_delimiter(head)

    def rows() -> Iterator[tuple[int, list[str]]]:
        n = 0
        state: dict = {}
        csv.field_size_limit(CSV_FIELD_LIMIT)
        try:
            for n, cells in enumerate(csv.reader(_text_lines(path, enc, state), delimiter=delimiter, strict=True),
                                      start=1):
                yield n, cells
        except csv.Error as exc:
            text = str(exc)
            if "field larger than field limit" in text:
                raise ReadError(f"row {n + 1}: a field longer than {CSV_FIELD_LIMIT:,} characters; no ledger "
                                "or payment cell is that long (a quote left open?)") from None
            if "unexpected end of data" in text or "EOF" in text:
                raise ReadError(f"row {n + 1}: a quote (\") opened in this row is never closed; the rest of the "
                                "file would be read as one cell. Close the quote or remove it") from None
            raise ReadError(f"row {n + 1} (line {state.get('line', '?')}): broken CSV ({text}); a quote inside a "
                            "field must be doubled (\"\")") from None

    return enc, delimiter, rows()


# ---------------------------------------------------------------------- XLSX


def check_workbook(path: Path) -> None:
    """Refuse what is not a workbook, and archives that would inflate too far (zip bombs)."""
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("an old .xls workbook (Excel 97-2003); save it as .xlsx or CSV")
    if not magic.startswith(b"PK"):
        raise ReadError("not an Excel workbook (.xlsx is a zip archive, this file is not); "
                        "if it is a CSV, name it .csv")
    import zipfile  # a workbook only

    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ReadError("a damaged or truncated .xlsx; open it in Excel and save it again") from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(f"refused: the workbook would inflate to {total // (1 << 20)} MiB, above the limit of "
                        f"{MAX_UNCOMPRESSED_BYTES // (1 << 20)} MiB (a zip bomb or an oversized export); "
                        "split it or export CSV")
    for m in members:
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise ReadError(f"refused: {m.filename} inflates {m.file_size // max(m.compress_size, 1)}-fold "
                            f"to {m.file_size // (1 << 20)} MiB, which no real worksheet does (a zip bomb)")
    if not any(m.filename == "[Content_Types].xml" for m in members):
        raise ReadError("a zip archive but not an Excel workbook; save the table as .xlsx or CSV")


def open_workbook(path: Path, formulas: bool = False):
    import openpyxl

    check_regular(path)
    check_workbook(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=not formulas)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise ReadError(f"a damaged .xlsx ({type(exc).__name__}); open it in Excel and save it again") from None


def sheet_names(path: Path) -> list[str]:
    wb = open_workbook(path)
    try:
        return list(wb.sheetnames)
    except Exception as exc:  # noqa: BLE001
        raise ReadError(f"a damaged .xlsx ({type(exc).__name__}); open it in Excel and save it again") from None
    finally:
        wb.close()


def xlsx_rows(path: Path, sheet: str | None = None, prefer: str | None = None
              ) -> tuple[str, Iterator[tuple[int, list]]]:
    """(sheet name, rows) of one worksheet, streamed in read-only mode, values not formulas. With no
    sheet named, the sheet called ``prefer`` (ledger, payments) if there is one, else the first."""
    wb = open_workbook(path)
    try:
        sheetnames = list(wb.sheetnames)
    except Exception as exc:  # noqa: BLE001
        wb.close()
        raise ReadError(f"a damaged .xlsx ({type(exc).__name__}); open it in Excel and save it again") from None
    if sheet is not None and sheet not in sheetnames:
        names = ", ".join(wb.sheetnames)
        wb.close()
        raise ReadError(f"no sheet {quote(sheet)}; the sheets are: {names}")
    if not sheetnames:
        wb.close()
        raise ReadError("the workbook has no worksheet")
    if sheet is None:
        sheet = prefer if prefer in sheetnames else sheetnames[0]
    name = sheet

    def rows() -> Iterator[tuple[int, list]]:
        try:
            ws = wb[name]
            for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                # a sheet padded to row 1,048,576 is a million empty rows: each one costs next to nothing
                yield n, ([cell_value(v) for v in values] if values.count(None) != len(values) else [])
        except ReadError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ReadError(f"[{name}] the sheet cannot be read ({type(exc).__name__}: {str(exc)[:MAX_QUOTED]})"
                            ) from None
        finally:
            wb.close()

    return name, rows()


def formula_cells(path: Path, sheet: str, rows: set[int]) -> dict[tuple[int, int], str]:
    """The formulas in the given rows, {(row, column index): "=..."}: used to explain empty cells
    that are formulas with no saved value."""
    if not rows:
        return {}
    wb = open_workbook(path, formulas=True)
    out = {}
    try:
        last = max(rows)
        for n, values in enumerate(wb[sheet].iter_rows(min_row=1, max_row=last, values_only=True), start=1):
            if n in rows:
                for j, v in enumerate(values):
                    if isinstance(v, str) and v.startswith("="):
                        out[(n, j)] = v
    except Exception as exc:  # noqa: BLE001 - malformed XML (control characters in a formula...) is bad input
        raise ReadError(f"[{sheet}] the formulas cannot be read ({type(exc).__name__}: {str(exc)[:MAX_QUOTED]})") from None
    finally:
        wb.close()
    return out


def cell_value(v):
    """A workbook cell as text, Decimal or date; floats become Decimal through their shortest repr."""
    if v is None or isinstance(v, (str, Decimal)):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v)) if v == v and v not in (float("inf"), float("-inf")) else str(v)
    if isinstance(v, datetime):
        return v.date() if v.time() == datetime.min.time() else v
    if isinstance(v, date):
        return v
    if isinstance(v, timedelta):
        return str(v)
    return str(v)


def excel_serial_date(value: Decimal) -> date:
    """An Excel serial day number (1900 date system) as a date: 45296 is 2024-01-05."""
    days = int(value)
    if days != value or not 1 <= days <= 2958465:
        raise ValueError(f"{value} is not an Excel date serial number")
    return EXCEL_EPOCH + timedelta(days=days)


def cell_text(v) -> str:
    """A cell as the user would read it (for messages and the raw text kept in a SourceRef)."""
    if v.__class__ is str:  # nearly every cell of a CSV table
        return v
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    return str(v)
