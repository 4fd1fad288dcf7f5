"""Ledger and payment tables: canonical rows out of CSV files and worksheets.

Nothing is lost: every row of the file is either turned into a record or listed as rejected with
its reason and location (file, sheet, row, column). Rows above the header (a title), empty rows
and total lines are rejected without an error; a row that cannot be read is rejected *with* an
error, because the table is then incomplete and the run cannot be trusted. Exact duplicate rows
and re-used references are kept and flagged as warnings.

How a row's ledger type is decided, first match wins: a profile ``[[rule]]``; the word in the
type column (``还款``, ``结息`` ... see ``columns.TYPE_WORDS``); ``debit_type`` / ``credit_type``
by the column holding the amount (a credit is a ``payment`` unless the profile says otherwise);
the profile's ``type``. The sign of a ledger amount is not used except for ``adjustment`` (the
type says which way a posting moves the balance).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from debtcli.importers import columns as C
from debtcli.importers.profile import Profile
from debtcli.importers.readers import (MAX_QUOTED, ReadError, cell_text, csv_rows, excel_serial_date, formula_cells,
                                       max_rows, quote, xlsx_rows)
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ParseError, parse_amount
from debtcli.model.records import LEDGER_TYPES, InputFile, Issue, LedgerRow, PaymentRecord, RejectedRow, SourceRef
from debtcli.terms.loader import parse_date

LEDGER_COLUMNS = C.LEDGER_COLUMNS
PAYMENT_COLUMNS = C.PAYMENT_COLUMNS
HEADER_SEARCH_ROWS = 30
MAX_ROW_ERRORS = 200  # per file; the rest are counted in one line (every row is still listed as rejected)
MAX_RAW = 4 * MAX_QUOTED  # characters of a row's text kept as its source
EMPTY_RUN = 100  # a run of more empty rows than this is listed as one rejected entry (a sheet padded to row 1,048,576)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Table:
    """What reading one table gave: records, rejected rows, issues and the counts."""

    kind: str
    file: str
    sheet: str | None = None
    records: list = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    rows_seen: int = 0
    used: int = 0
    missing: list[str] = field(default_factory=list)  # required columns the header lacks

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def input_file(self, sha256: str) -> InputFile:
        return InputFile(self.file, sha256, self.used, len(self.rejected), self.kind)


class _RowError(Exception):
    def __init__(self, column: str | None, message: str, empty_cell: bool = False):
        self.column, self.message, self.empty_cell = column, message, empty_cell


class TableReader:
    """Streams the records of one table; ``table`` fills up with rejected rows, issues and counts
    as it goes. ``records()`` yields ``LedgerRow`` or ``PaymentRecord``."""

    def __init__(self, path: str | Path, kind: str, profile: Profile | None = None, sheet: str | None = None,
                 places: int = 2):
        if kind not in ("ledger", "payments"):
            raise ValueError(kind)
        self.path = Path(path)
        self.kind = kind
        self.profile = profile or Profile(file="")
        self.sheet = sheet if sheet is not None else self.profile.sheet
        self.places = places
        self.table = Table(kind, self.path.name)
        self.wanted = LEDGER_COLUMNS if kind == "ledger" else PAYMENT_COLUMNS
        self._seen_rows: dict[int, int] = {}
        self._seen_refs: dict[int, int] = {}
        self._row_errors = 0
        self._empty_cells: list[tuple[int, int, int, str]] = []  # (rejected idx, issue idx, row, column idx)
        self._sep = ","
        self._type_cache: dict[str, str | None] = {}
        self._quick: dict[int, tuple] = {}  # places -> (columns, quick record function), shared by the parts

    # ------------------------------------------------------------------ locations
    def src(self, row: int | None = None, column: str | None = None, raw: str | None = None) -> SourceRef:
        return SourceRef(self.path.name, row=row, sheet=self.table.sheet, column=column, raw=raw)

    def _issue(self, row, message, column=None, severity="error", code="INPUT", raw=None) -> Issue:
        issue = Issue(self.src(row, column, raw), message, severity, code)
        self.table.issues.append(issue)
        return issue

    def _reject(self, row: int, reason: str, column: str | None = None, raw: str | None = None):
        self.table.rejected.append(RejectedRow(self.src(row, column, raw), reason))

    # ------------------------------------------------------------------ rows
    def _open(self) -> Iterator[tuple[int, list]]:
        p = self.profile
        if self.path.suffix.lower() in WORKBOOK_SUFFIXES:
            name, rows = xlsx_rows(self.path, self.sheet, prefer=self.kind)
            self.table.sheet = name
            return rows
        enc, delim, rows = csv_rows(self.path, p.encoding, p.delimiter)
        self.table.encoding, self.table.delimiter = enc, delim
        self._sep = delim
        return rows

    # ------------------------------------------------------------------ tables read in parts
    # A portfolio export splits one ledger (or payments) table by account: the header is read once
    # with ``data_rows``, and each account's rows become records through a ``part`` of the reader.
    def data_rows(self) -> Iterator[tuple[int, list]]:
        """The rows below the header, unparsed. Reading the first one reads the header (``table``
        then holds the columns, rows above the header and any problem with the header); a file that
        cannot be read raises ReadError or OSError."""
        return self._find_header(self._open())

    def part(self, places: int | None = None) -> TableReader:
        """A reader for some data rows of this table, its header already read: same columns, type
        words and profile, its own records, rejected rows, issues and duplicate checks."""
        other = copy.copy(self)
        other.table = table = copy.copy(self.table)  # the same header and columns
        table.records, table.rejected, table.issues, table.used = [], [], [], 0
        other.places = self.places if places is None else places
        other._seen_rows, other._seen_refs, other._row_errors, other._empty_cells = {}, {}, 0, []
        return other

    def records_of(self, rows) -> Iterator:
        """The records of data rows from ``data_rows`` (of this part), checked as ``records`` does."""
        return self._records(iter(rows), header_read=True)

    def header_columns(self) -> dict[str, int]:
        """Read only as far as the header row; canonical column -> index (``table`` shows the rest).
        Raises ReadError when the file cannot be read."""
        next(self._find_header(self._open()), None)
        return dict(self.table.columns)

    def records(self) -> Iterator:
        t = self.table
        try:
            rows = self._open()
            yield from self._records(rows)
        except ReadError as exc:
            self._issue(None, str(exc))
        except OSError as exc:
            self._issue(None, f"cannot be read ({exc.strerror or exc})")
        self._explain_formulas()
        if self._row_errors > MAX_ROW_ERRORS:
            self._issue(None, f"{self._row_errors - MAX_ROW_ERRORS} more row(s) could not be read; every one is "
                              "listed among the rejected rows")
        if t.header_row is None and not t.errors:
            self._issue(None, "the file is empty" if t.rows_seen == 0 else
                        f"no header row found in the first {HEADER_SEARCH_ROWS} rows; expected columns such as "
                        f"{self._expected()}")

    def _records(self, rows: Iterator[tuple[int, list]], header_read: bool = False) -> Iterator:
        t = self.table
        cap = max_rows()
        empty_from = None  # first row of the current run of empty rows
        data_rows = 0
        width = None
        fast = None
        plain_dates = _PLAIN_DATES
        strip = str.strip
        ref_kind = "payment" if self.kind == "payments" else None  # a ledger row's reference counts with its type
        flag_duplicates = self._flag_duplicates
        for rowno, cells in (rows if header_read else self._find_header(rows)):
            if width is None:  # the header has been read
                width = len(t.header) if t.header_row else 0
                fast = self._fast_record()
                di = t.columns.get("date", -1)  # a row whose date is one already read is no total line
                sep = self._sep
                shape = t.sheet is None and width  # a CSV row's fields are checked against the header
                missing = t.missing
            t.rows_seen = rowno
            text_cells = True
            if cells:
                try:  # text cells (every cell of a CSV row) in one pass
                    texts = tuple(map(strip, cells))
                except TypeError:
                    texts = tuple(c.strip() if c.__class__ is str else cell_text(c).strip() for c in cells)
                    text_cells = False
            else:
                texts = cells
            if not any(texts):
                if empty_from is None:
                    empty_from = rowno
                continue
            if empty_from is not None:
                self._empty_run(empty_from, rowno - 1)
                empty_from = None
            data_rows += 1
            if cap is not None and data_rows > cap:
                self._issue(rowno, f"more than {cap:,} data rows (--max-rows); nothing was verified. Split the "
                                   "file, or raise --max-rows if the table really is that long")
                self._reject(rowno, f"not read: past the limit of {cap:,} rows (--max-rows)")
                return
            raw = sep.join(texts).rstrip(sep)
            if len(raw) > MAX_RAW:
                raw = raw[:MAX_RAW] + f"... ({len(raw):,} characters)"
            if not (0 <= di < len(texts) and texts[di] in plain_dates) and self._is_total_line(cells, texts):
                self._reject(rowno, "a total line, not a posting", raw=raw)
                continue
            if missing:
                self._reject(rowno, "not read: the table lacks required column(s) " + ", ".join(missing))
                continue
            try:
                # a CSV row of the header's width, of text cells holding no line break, has its shape
                if shape and (len(cells) != width or not text_cells or "\n" in (joined := "".join(cells))
                              or "\r" in joined):
                    self._check_shape(cells, width)
                rec = self._record(rowno, cells, raw) if fast is None else fast(rowno, cells, texts, raw)
            except _RowError as exc:
                self._row_error(rowno, exc, cells)
                continue
            except _Skip as skip:
                self._reject(rowno, skip.reason, raw=raw)
                continue
            flag_duplicates(rowno, texts, rec, ref_kind)
            t.used += 1
            yield rec
        if empty_from is not None:
            self._empty_run(empty_from, t.rows_seen)

    def _empty_run(self, first: int, last: int) -> None:
        """Empty rows: one rejected entry each, or one for a long run (nothing after it is lost: the
        run ends at the last row of the file or at the next row holding anything)."""
        if last - first + 1 > EMPTY_RUN:
            self._reject(first, f"empty rows {first:,} to {last:,} ({last - first + 1:,} rows)")
            return
        for n in range(first, last + 1):
            self._reject(n, "empty row")

    def _check_shape(self, cells: list, width: int) -> None:
        """A CSV row must have the header's fields: more means a value was split (an unquoted
        1,066.19) or shifted, fewer that it was cut; a field holding a line break means a quote
        swallowed the next line(s)."""
        if len(cells) == width:  # the usual row: only a line break inside a field can be wrong
            try:
                joined = "".join(cells)
            except TypeError:  # a cell that is not text: the checks below say what they say of it
                joined = "\n"
            if "\n" not in joined and "\r" not in joined:
                return
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            raise _RowError(None, f"{len(cells)} fields where the header has {width} (extra: "
                                  f"{', '.join(quote(c, 40) for c in extra[:3])}); a value holding the delimiter "
                                  f"{self._sep!r} (such as an unquoted 1,066.19) must be quoted")
        if len(cells) < width and any(cells) and len(cells) < max(self.table.columns.values(), default=0) + 1:
            raise _RowError(None, f"{len(cells)} fields where the header has {width}; the row is cut short")
        for i, c in enumerate(cells[:width]):
            if "\n" in c or "\r" in c:
                name = self.table.header[i] if i < len(self.table.header) and self.table.header[i] else str(i + 1)
                raise _RowError(None, f"column {name}: the field holds a line break ({quote(c, 60)}); a quote left "
                                      "open swallows the lines after it")

    def _is_total_line(self, cells: list, texts: list[str]) -> bool:
        """合计 / Total lines under a table: a total label where the date should be, or no date at all."""
        day = self._value(cells, "date")
        if day is not None and not isinstance(day, str):
            return False
        if day is not None and _PLAIN_DATE.match(day):
            return False
        return any(x and x[-1] in _TOTAL_ENDINGS and C.is_total_label(x) for x in texts)

    def _find_header(self, rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
        """Consume the rows above and including the header; yield the data rows."""
        t, p = self.table, self.profile
        t.missing = []
        buffered: list[tuple[int, list]] = []
        header_at = None
        for rowno, cells in rows:
            t.rows_seen = rowno
            buffered.append((rowno, cells))
            if p.skip is not None:
                if rowno == p.skip + 1:
                    header_at = rowno
                    break
                continue
            if not p.header:
                header_at = 0
                break
            if self._looks_like_header(cells):
                header_at = rowno
                break
            if len(buffered) >= HEADER_SEARCH_ROWS:
                break
        if header_at is None:
            if p.skip is None and buffered:
                first = next((c for _, c in buffered if any(cell_text(x).strip() for x in c)), [])
                holds = ", ".join(cell_text(x) for x in first if x not in (None, "")) or "(nothing)"
                named = [w for w in p.columns.values() if isinstance(w, str)]
                if named:
                    self._issue(1, f"profile {p.file}: no row in the first {len(buffered)} holds all the headers "
                                   f"named in [columns] ({', '.join(named)}); the first row holds: {holds}",
                                code="PROFILE")
                else:
                    self._issue(1, f"no header row found in the first {len(buffered)} rows; expected columns such "
                                   f"as {self._expected()}; the first row holds: {holds}")
                t.header_row = 0
                for rowno, _ in buffered:
                    self._reject(rowno, "not read: no header row")
                for rowno, _ in rows:
                    t.rows_seen = rowno
                    self._reject(rowno, "not read: no header row")
            return
        data_start = []
        for rowno, cells in buffered:
            if header_at and rowno < header_at:
                self._reject(rowno, "above the header row (a title or note)" if any(
                    cell_text(c).strip() for c in cells) else "empty row")
            elif rowno == header_at:
                self._set_header(rowno, cells)
            else:
                data_start.append((rowno, cells))
        if not p.header:
            self._set_header(0, [])
        yield from data_start
        yield from rows

    def _looks_like_header(self, cells: list) -> bool:
        texts = [cell_text(c) for c in cells]
        named = [w for w in self.profile.columns.values() if isinstance(w, str)]
        if named:
            norm = {C.normalise_header(x) for x in texts}
            return all(C.normalise_header(w) in norm for w in named)
        found = C.match_headers(texts, self.wanted)
        return "date" in found and len(found) >= 2

    def _set_header(self, rowno: int, cells: list) -> None:
        t, p = self.table, self.profile
        t.header_row = rowno
        t.header = [cell_text(c).strip() for c in cells]
        seen: dict[str, int] = {}
        for i, h in enumerate(t.header):
            key = C.normalise_header(h)
            if key and key in seen:
                self._issue(rowno, f"the header names {quote(h, 60)} twice (columns {seen[key] + 1} and {i + 1}); "
                                   "one of the two would be ignored: rename one", column=h)
            seen.setdefault(key, i)
        cols: dict[str, int] = {}
        norm = [C.normalise_header(h) for h in t.header]
        for col, where in p.columns.items():
            if col not in self.wanted:
                self._issue(rowno, f"profile {p.file}: columns.{col} does not belong in a {self.kind} table "
                                   f"(its columns are {', '.join(self.wanted)})", code="PROFILE")
            elif isinstance(where, int):
                if p.header and where > len(t.header):
                    self._issue(rowno, f"profile {p.file}: columns.{col} = {where}, but the table has only "
                                       f"{len(t.header)} columns", code="PROFILE")
                else:
                    cols[col] = where - 1
            elif C.normalise_header(where) in norm:
                cols[col] = norm.index(C.normalise_header(where))
            else:
                self._issue(rowno, f"profile {p.file}: columns.{col} = {where!r} is not a column of {t.file}; the "
                                   f"columns are: {', '.join(h for h in t.header if h)}", code="PROFILE")
        if p.header:
            rest = [c for c in self.wanted if c not in cols and c not in p.columns]
            taken = set(cols.values())
            for col, i in C.match_headers(t.header, tuple(rest)).items():
                if i not in taken:
                    cols[col] = i
                    taken.add(i)
        if "amount" in cols and ("debit" in cols or "credit" in cols) and "amount" not in p.columns:
            del cols["amount"]  # a statement with both: the in/out columns carry the sign
        t.columns = cols
        missing = [] if "date" in cols else ["date"]
        if not ({"amount", "debit", "credit"} & set(cols)):
            missing.append("amount (or debit/credit)")
        if self.kind == "ledger" and "type" not in cols and not (p.type or p.rules or "credit" in cols
                                                                  or "debit" in cols):
            missing.append("type")
        t.missing = missing
        if missing and not t.errors:
            found = ", ".join(h for h in t.header if h) or "(no header)"
            self._issue(rowno or 1, f"missing column(s) {', '.join(missing)}; found: {found}")

    def _expected(self) -> str:
        if self.kind == "ledger":
            return "date/日期, type/类型, amount/金额 (or debit/借方 and credit/贷方)"
        return "date/日期, amount/金额"

    # ------------------------------------------------------------------ one row
    def _value(self, cells: list, col: str):
        i = self.table.columns.get(col)
        if i is None or i >= len(cells):
            return None
        v = cells[i]
        if v.__class__ is str:
            return v.strip() or None
        return v

    def _record(self, rowno: int, cells: list, raw: str):
        src = SourceRef(self.path.name, rowno, self.table.sheet, None, raw)
        rule_type = self._apply_rules(cells) if self.profile.rules else None
        day = self._date(cells, "date", required=True)
        amount, side = self._amount(cells)
        columns, width = self.table.columns, len(cells)

        def text(col: str) -> str:  # cell_text(self._value(cells, col)), without the two calls for a text cell
            i = columns.get(col)
            if i is None or i >= width:
                return ""
            v = cells[i]
            return v.strip() if v.__class__ is str else cell_text(v)
        if self.kind == "payments":
            if amount <= 0:
                raise _RowError(self._amount_column(side), f"{self._amount_column(side)}: a payment must be "
                                f"positive, found {amount} (set negate = true in a profile if payments are "
                                "shown as negative)")
            return PaymentRecord(date=day, amount=amount, reference=text("reference"), payer=text("payer"),
                                 channel=text("channel"), source=src)
        typ = rule_type or self._type(cells, side)
        if typ == "adjustment":
            amount = -abs(amount) if side == "credit" else amount
        else:
            amount = abs(amount)
        balance = self._value(cells, "balance")
        return LedgerRow(date=day, type=typ, amount=amount, reference=text("reference"), memo=text("memo"),
                         balance=self._money(balance, "balance") if balance is not None else None,
                         posted=self._date(cells, "posted", required=False), source=src)

    def _fast_record(self):
        """``_quick_record`` of this table and number of decimals, made once for all the parts that
        share them (a part of a portfolio export is one account's rows)."""
        made = self._quick.get(self.places)
        if made is None or made[0] is not self.table.columns:
            # made on a part of its own, so that it holds no account's rows, rejections or issues
            made = self._quick[self.places] = (self.table.columns, self.part()._quick_record())
        return made[1]

    def _quick_record(self):
        """``_record`` for the common table (CSV text, no profile rules, a plain number format, an
        amount column), or None. It reads each cell from the row's stripped texts and takes the
        general path for every field that is not plain (a date not yet seen, an amount with
        thousands marks, an unknown type word), so that a row gives the same record, or raises the
        same error on the same column, as ``_record`` does."""
        p, cols = self.profile, self.table.columns
        if (self.table.sheet is not None or p.rules or p.decimal_mark != "." or p.date_format
                or "amount" not in cols):
            return None
        file, sheet, places, negate = self.path.name, self.table.sheet, self.places, p.negate
        di, ai = cols.get("date"), cols["amount"]
        ri, mi, bi, pi = cols.get("reference"), cols.get("memo"), cols.get("balance"), cols.get("posted")
        ti, yi, ci = cols.get("type"), cols.get("payer"), cols.get("channel")
        dates, number, types = _PLAIN_DATES, _PLAIN_NUMBER.match, self._type_cache
        amounts = _PLAIN_AMOUNTS.setdefault(places, {})

        def money(v: str | None, col: str, cells: list) -> Decimal:
            amount = amounts.get(v)
            if amount is not None:
                return amount
            if v and len(v) <= 16 and number(v):
                dot = v.find(".")
                if dot < 0 or len(v) - dot - 1 <= places:
                    if len(amounts) >= 4096:
                        amounts.clear()
                    amount = amounts[v] = Decimal(v)
                    return amount
            if not v and col == "amount":
                raise _RowError("amount", "amount: empty", empty_cell=True)
            return self._money(self._value(cells, col), col)

        # a column the table lacks (or a row cut short before it) reads as a blank cell
        far = 1 << 30
        di, ai, ri, mi, bi, pi, ti, yi, ci = (far if i is None else i for i in (di, ai, ri, mi, bi, pi, ti, yi, ci))
        payments = self.kind == "payments"

        def record(rowno: int, cells: list, texts: list, raw: str):
            n = len(texts)
            src = _source_ref(file, rowno, sheet, None, raw)
            day = (di < n and dates.get(texts[di])) or self._date(cells, "date", required=True)
            amount = money(texts[ai] if ai < n else "", "amount", cells)
            if negate:
                amount = -amount
            if payments:
                if amount <= 0:
                    raise _RowError("amount", f"amount: a payment must be positive, found {amount} (set negate = "
                                              "true in a profile if payments are shown as negative)")
                return _payment_record(day, amount, texts[ri] if ri < n else "", texts[yi] if yi < n else "",
                                       texts[ci] if ci < n else "", src)
            typ = (ti < n and types.get(texts[ti])) or self._type(cells, "amount")
            if typ != "adjustment":
                amount = abs(amount)
            balance = texts[bi] if bi < n else ""
            posted = texts[pi] if pi < n else ""
            return _ledger_row(day, typ, amount, texts[ri] if ri < n else "", texts[mi] if mi < n else "",
                               money(balance, "balance", cells) if balance else None,
                               (dates.get(posted) or self._date(cells, "posted", required=False)) if posted else None,
                               src)

        return record

    def _apply_rules(self, cells: list) -> str | None:
        for rule in self.profile.rules:
            if rule.column:
                target = cell_text(self._value(cells, rule.column))
            else:
                target = " ".join(cell_text(c) for c in cells if c is not None)
            if rule.pattern.search(target):
                if rule.skip:
                    raise _Skip(rule.reason or f"skipped by rule {rule.index} of {self.profile.file}")
                return rule.type
        return None

    def _type(self, cells: list, side: str) -> str:
        p = self.profile
        word = self._value(cells, "type")
        if word is not None:
            text = cell_text(word)
            typ = self._type_cache.get(text, "")
            if typ == "":
                typ = self._type_cache[text] = C.ledger_type(text, p.types)
            if typ is None:
                raise _RowError("type", f"type: {quote(cell_text(word))} is not a known transaction type; map it in a "
                                        f"profile ([types] or a [[rule]]) to one of {', '.join(LEDGER_TYPES)}")
            return typ
        if side == "credit":
            return p.credit_type or "payment"
        if side == "debit" and p.debit_type:
            return p.debit_type
        if p.type:
            return p.type
        raise _RowError("type", "type: the row names no type; add a type column or set debit_type / type in a "
                                "profile")

    def _amount_column(self, side: str) -> str:
        return "amount" if side == "amount" else side

    def _amount(self, cells: list) -> tuple[Decimal, str]:
        cols = self.table.columns
        if "amount" in cols:
            v = self._value(cells, "amount")
            if v is None:
                raise _RowError("amount", "amount: empty", empty_cell=True)
            amount = self._money(v, "amount")
            return (-amount if self.profile.negate else amount), "amount"
        debit = self._value(cells, "debit")
        credit = self._value(cells, "credit")
        d = self._money(debit, "debit") if debit is not None else None
        c = self._money(credit, "credit") if credit is not None else None
        if d and c:
            raise _RowError("debit", f"debit and credit both hold an amount ({d} and {c}); one row is one movement")
        if c:
            return abs(c), "credit"
        if d:
            return abs(d), "debit"
        if d is None and c is None:
            raise _RowError("debit" if "debit" in cols else "credit", "debit/credit: both empty", empty_cell=True)
        return Decimal(0), "debit" if d is not None else "credit"

    def _money(self, v, col: str) -> Decimal:
        if isinstance(v, (date, datetime)):
            raise _RowError(col, f"{col}: {quote(cell_text(v))} is a date, not an amount")
        try:
            if isinstance(v, Decimal):
                amount = v
            elif self.profile.decimal_mark == "." and len(v) <= 16 and _PLAIN_NUMBER.match(v):
                amount = Decimal(v)  # the common case, without the full parser
                dot = v.find(".")
                if dot < 0 or len(v) - dot - 1 <= self.places:  # no more decimals than the currency has
                    return amount
            else:
                text = cell_text(v)
                if len(text) > 60:
                    raise _RowError(col, f"{col}: {quote(text, 40)} is not an amount")
                self._check_marks(col, text)
                amount = parse_amount(text, self.profile.decimal_mark)
        except ParseError as exc:
            raise _RowError(col, f"{col}: {exc}") from None
        if amount.as_tuple().exponent < -self.places and amount != amount.quantize(Decimal(1).scaleb(-self.places)):
            raise _RowError(col, f"{col}: {cell_text(v)} has more than {self.places} decimals; round it in the "
                                 "source (a formula result?)")
        return amount

    def _check_marks(self, col: str, text: str) -> None:
        """The thousands and decimal marks of an amount must fit the convention: with decimal_mark
        "." a comma only groups thousands (1,066.19), with "," a dot only groups them (1.066,19).
        ``1066,19`` in a file read with "." is not 106,619: it is refused, as is ``1066.19`` under ","."""
        mark = self.profile.decimal_mark
        group = "," if mark == "." else "."
        body = text.strip().translate(_FULLWIDTH_MARKS)
        if group not in body and not (mark == "," and body.count(",") > 1):
            return
        digits = re.sub(r"[^\d.,]", "", body)
        if _GROUPED[mark].match(digits):
            return
        if mark == ".":
            hint = ("it has a comma where this file's amounts have a decimal point; if the file writes 1.066,19, set "
                    'decimal_mark = "," in a profile')
        else:
            hint = ('the profile sets decimal_mark = ",", and this amount has a dot that does not group thousands; '
                    "fix the row or the profile")
        raise _RowError(col, f"{col}: {quote(text, 40)} does not fit the file's number format: {hint}")

    def _date(self, cells: list, col: str, required: bool) -> date | None:
        v = self._value(cells, col)
        if v is None:
            if required:
                raise _RowError(col, f"{col}: empty", empty_cell=True)
            return None
        if v.__class__ is str and len(v) > 60:
            raise _RowError(col, f"{col}: {quote(v, 40)} is not a date")
        try:
            return cell_date(v, self.profile.date_format)
        except (ParseError, ValueError, OverflowError) as exc:
            raise _RowError(col, f"{col}: {exc}") from None

    # ------------------------------------------------------------------ bookkeeping
    def _row_error(self, rowno: int, exc: _RowError, cells: list) -> None:
        raw_value = cell_text(self._value(cells, exc.column)) if exc.column else None
        if raw_value is not None and len(raw_value) > MAX_QUOTED:
            raw_value = raw_value[:MAX_QUOTED] + f"... ({len(raw_value):,} characters)"
        self._reject(rowno, exc.message, exc.column, raw_value)
        self._row_errors += 1
        if self._row_errors <= MAX_ROW_ERRORS:
            self._issue(rowno, exc.message, exc.column, raw=raw_value)
            if exc.empty_cell and self.table.sheet is not None and exc.column in self.table.columns:
                self._empty_cells.append((len(self.table.rejected) - 1, len(self.table.issues) - 1, rowno,
                                          self.table.columns[exc.column]))

    def _explain_formulas(self) -> None:
        """An empty cell in a workbook may be a formula whose value was never saved."""
        if not self._empty_cells:
            return
        try:
            found = formula_cells(self.path, self.table.sheet, {r for _, _, r, _ in self._empty_cells})
        except ReadError:
            return
        t = self.table
        for rej_i, iss_i, row, col_i in self._empty_cells:
            formula = found.get((row, col_i))
            if formula is None:
                continue
            col = t.rejected[rej_i].source.column
            msg = (f"{col}: a formula ({formula}) with no saved value; open the file in Excel and save it, or "
                   "paste the values")
            t.rejected[rej_i] = RejectedRow(t.rejected[rej_i].source, msg)
            old = t.issues[iss_i]
            t.issues[iss_i] = Issue(old.source, msg, old.severity, old.code)

    def _flag_duplicates(self, rowno: int, texts: tuple, rec, ref_kind: str | None) -> None:
        """An exact duplicate row, or a reference used again, is kept and flagged (by hashes: memory
        stays small). ``ref_kind``: "payment" for a payments table; a ledger row's reference counts
        with its type."""
        key = hash(texts)
        first = self._seen_rows.get(key)
        if first is not None:
            self._issue(rowno, f"the same as row {first} (kept: an exact duplicate may be a double posting)",
                        severity="warning", code="DUPLICATE_ROW")
        else:
            self._seen_rows[key] = rowno
        if rec.reference:
            ref_key = hash((ref_kind or rec.type, rec.reference))
            first = self._seen_refs.get(ref_key)
            if first is not None:
                if self._seen_rows.get(key) != first:
                    self._issue(rowno, f"reference {quote(rec.reference)} is used again (first on row {first}); "
                                       "both rows are kept", column="reference", severity="warning",
                                code="REUSED_REFERENCE")
            else:
                self._seen_refs[ref_key] = rowno


def _slot_builder(cls, names: tuple[str, ...]):
    """``cls(*values)`` for a frozen dataclass with slots, built by the slots' own setters instead of
    the generated ``__init__`` (which goes through ``object.__setattr__`` once a field): the same
    object, in half the time. ``cls`` itself when it is not such a class with exactly these fields."""
    import dataclasses
    from types import MemberDescriptorType

    if (not dataclasses.is_dataclass(cls) or tuple(f.name for f in dataclasses.fields(cls)) != names
            or hasattr(cls, "__post_init__")
            or not all(isinstance(cls.__dict__.get(n), MemberDescriptorType) for n in names)):
        return cls
    new = object.__new__
    sets = [cls.__dict__[n].__set__ for n in names]
    if len(names) == 5:
        s0, s1, s2, s3, s4 = sets

        def build5(a, b, c, d, e):
            o = new(cls)
            s0(o, a), s1(o, b), s2(o, c), s3(o, d), s4(o, e)
            return o
        return build5
    if len(names) == 6:
        s0, s1, s2, s3, s4, s5 = sets

        def build6(a, b, c, d, e, f):
            o = new(cls)
            s0(o, a), s1(o, b), s2(o, c), s3(o, d), s4(o, e), s5(o, f)
            return o
        return build6
    if len(names) == 8:
        s0, s1, s2, s3, s4, s5, s6, s7 = sets

        def build8(a, b, c, d, e, f, g, h):
            o = new(cls)
            s0(o, a), s1(o, b), s2(o, c), s3(o, d), s4(o, e), s5(o, f), s6(o, g), s7(o, h)
            return o
        return build8
    return cls


_source_ref = _slot_builder(SourceRef, ("file", "row", "sheet", "column", "raw"))
_ledger_row = _slot_builder(LedgerRow, ("date", "type", "amount", "reference", "memo", "balance", "posted", "source"))
_payment_record = _slot_builder(PaymentRecord, ("date", "amount", "reference", "payer", "channel", "source"))


class _Skip(Exception):
    def __init__(self, reason: str):
        self.reason = reason


_PLAIN_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_DATES: dict[str, date] = {}  # yyyy-mm-dd text -> date, for the dates a portfolio's rows repeat
_PLAIN_AMOUNTS: dict[int, dict[str, Decimal]] = {}  # decimals -> plain amount text -> amount, as the dates
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_GROUPED = {".": re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$|^\d*\.\d+$|^\d+$"),
            ",": re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$|^\d*,\d+$|^\d+$")}
_FULLWIDTH_MARKS = str.maketrans("．，０１２３４５６７８９", ".,0123456789")
_TOTAL_ENDINGS = frozenset("计lL")
_TIMESTAMP = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def cell_date(v, date_format: str | None = None) -> date:
    """A date from a cell: a workbook date, an Excel serial number, or text (2024-01-05,
    2024/1/5, 2024年1月5日, 20240105, 2024-01-05 10:30:00, or the profile's date_format)."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, Decimal):
        if 20000 <= v <= 80000:
            return excel_serial_date(v)
        v = cell_text(v)
    s = str(v).strip()
    if not date_format:
        known = _PLAIN_DATES.get(s)
        if known is not None:
            return known
        if _PLAIN_DATE.match(s):
            try:
                day = date.fromisoformat(s)
            except ValueError:
                pass  # the full parser gives the message
            else:
                if len(_PLAIN_DATES) >= 4096:
                    _PLAIN_DATES.clear()
                _PLAIN_DATES[s] = day
                return day
    if date_format:
        try:
            return datetime.strptime(s, date_format).date()
        except ValueError:
            raise ParseError(f"{quote(s)} does not match the date format {date_format}") from None
    m = _TIMESTAMP.match(s)
    if m:
        s = m.group(1)
    if s.isdigit() and len(s) == 5:
        return excel_serial_date(Decimal(s))
    return parse_date(s)


# ---------------------------------------------------------------------- entry points


def read_table(path: str | Path, kind: str, profile: Profile | None = None, sheet: str | None = None,
               places: int = 2) -> Table:
    reader = TableReader(path, kind, profile, sheet, places)
    reader.table.records = list(reader.records())
    return reader.table

