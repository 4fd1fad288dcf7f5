"""The China Loan Prime Rate table (贷款市场报价利率), shipped as package data.

Each fixing stays in force until the next one. Rows carry a status from the research file:
V2/V1 verified, S secondary source only, C computed date, U unknown (no values; never used).
"""

from __future__ import annotations

import bisect
import csv
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from debtcli.engine.account import rate_specs, repricing_days
from debtcli.model.lazy_dataclass import dataclass

VERIFIED = ("V1", "V2")
SUPPLIED = "supplied"


@dataclass(frozen=True, slots=True)
class Fixing:
    """One LPR fixing: the 1-year and 5-year rates in force from ``date``, and how sure the table is of them."""

    date: date
    lpr_1y: Decimal | None  # fraction: 0.0385 for 3.85%
    lpr_5y: Decimal | None
    status: str
    note: str = ""

    def value(self, tenor: str = "1y") -> Decimal | None:
        return self.lpr_1y if tenor == "1y" else self.lpr_5y

    @property
    def verified(self) -> bool:
        return self.status in VERIFIED


class Fixings:
    """A sorted LPR table. It answers for the days up to ``known_until`` (exclusive): a fixing is
    published on the 20th (or the next working day), so the last row is in force at least until the
    19th of the month after it, and no longer for sure."""

    def __init__(self, rows: list[Fixing]):
        self.rows = sorted(rows, key=lambda f: f.date)
        self._dates = [f.date for f in self.rows]
        last = self.rows[-1].date if self.rows else None
        self.known_until = None if last is None else (
            date(last.year + 1, 1, 20) if last.month == 12 else date(last.year, last.month + 1, 20))

    def in_force(self, on: date, tenor: str = "1y") -> Fixing | None:
        """The fixing in force on ``on``; None before the first fixing, on or after ``known_until``
        (a later fixing may have been published), or when the latest row on or before ``on`` has no
        value (a U row: the rate from that day on is unknown, never guessed)."""
        if self.known_until is not None and on >= self.known_until:
            return None
        f = self.latest_row(on)
        return f if f is not None and f.value(tenor) is not None else None

    def first_unknown(self, after: date, until: date, tenor: str = "1y") -> date | None:
        """The first day in (``after``, ``until``] on which the LPR is not known: a row without a value
        for ``tenor`` (U), or ``known_until``. None when every day is known."""
        lo = bisect.bisect_right(self._dates, after)
        hi = bisect.bisect_right(self._dates, until)
        for f in self.rows[lo:hi]:
            if f.value(tenor) is None:
                return f.date
        if self.known_until is not None and self.known_until <= until:
            return max(self.known_until, after + timedelta(days=1))
        return None

    def with_supplied(self, day: date, lpr_1y: Decimal | None, lpr_5y: Decimal | None) -> "Fixings":
        """The table with a fixing the user supplied (``[rules] lpr_date``, ``lpr_1y``, ``lpr_5y``) in
        place of the row of that day, if any; it is marked ``supplied``, never verified."""
        rows = [f for f in self.rows if f.date != day]
        rows.append(Fixing(day, lpr_1y, lpr_5y, SUPPLIED, "supplied in case.toml [rules]"))
        return Fixings(rows)

    def latest_row(self, on: date) -> Fixing | None:
        """The latest row of any status on or before ``on`` (a U row means: unknown from here)."""
        i = bisect.bisect_right(self._dates, on)
        return self.rows[i - 1] if i else None

    def on(self, day: date) -> Fixing | None:
        i = bisect.bisect_left(self._dates, day)
        return self.rows[i] if i < len(self.rows) and self.rows[i].date == day else None

    def between(self, after: date, until: date) -> list[Fixing]:
        """Fixings with a value dated after ``after`` up to ``until`` inclusive."""
        lo = bisect.bisect_right(self._dates, after)
        hi = bisect.bisect_right(self._dates, until)
        return [f for f in self.rows[lo:hi] if f.lpr_1y is not None]

    @property
    def last_known(self) -> Fixing | None:
        known = [f for f in self.rows if f.lpr_1y is not None]
        return known[-1] if known else None


def parse_lpr_csv(text: str) -> Fixings:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    rows = []
    for rec in csv.DictReader(lines):
        def pct(key: str) -> Decimal | None:
            v = (rec.get(key) or "").strip()
            return Decimal(v) / 100 if v else None

        rows.append(Fixing(date.fromisoformat(rec["publish_date"].strip()), pct("lpr_1y"), pct("lpr_5y_plus"),
                           (rec.get("status") or "").strip(), (rec.get("note") or "").strip()))
    return Fixings(rows)


@lru_cache(maxsize=1)
def load_lpr_table() -> Fixings:
    from debtcli.rules import data_text

    return parse_lpr_csv(data_text("lpr_cn.csv"))


def fixings_for(rules: dict, single: bool = True):
    """The shipped table plus the fixings a case supplies in ``[rules]``: each ``[[rules.lpr]]``
    (``date``, ``lpr_1y``, ``lpr_5y``), and with ``single`` the one of ``lpr_date`` with ``lpr_1y`` /
    ``lpr_5y``. Returns ``(table, issues)``; a supplied row replaces the table's row of its date (a
    U row, typically) and is marked ``supplied``, never verified."""
    from debtcli.model.records import Issue, SourceRef

    table = load_lpr_table()
    issues: list = []
    supplied: list[tuple[date, Decimal | None, Decimal | None]] = []

    def value(raw, where: str) -> Decimal | None:
        from debtcli.model.money import ParseError, parse_rate

        try:
            r = parse_rate(str(raw))
            if r.per != "year" or not Decimal(0) < r.value < Decimal("0.2"):
                raise ParseError("")
            return r.value
        except ParseError:
            issues.append(Issue(SourceRef("case.toml", column=where), f"{where}: found {raw!r}, expected the LPR as "
                                                                     "a yearly percentage, e.g. \"3.00%\"", code="TERMS"))
            return None

    entries = rules.get("lpr", [])
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        issues.append(Issue(SourceRef("case.toml", column="rules.lpr"), "rules.lpr: expected [[rules.lpr]] tables "
                                                                       "with date, lpr_1y, lpr_5y", code="TERMS"))
        entries = []
    for i, e in enumerate(entries):
        where = f"rules.lpr[{i}]"
        for key in e:
            if key not in ("date", "lpr_1y", "lpr_5y"):
                issues.append(Issue(SourceRef("case.toml", column=f"{where}.{key}"),
                                    f"{where}.{key}: unknown key (known keys here: date, lpr_1y, lpr_5y)", code="TERMS"))
        day = e.get("date")
        if not isinstance(day, date):
            issues.append(Issue(SourceRef("case.toml", column=f"{where}.date"),
                                f"{where}.date: found {day!r}, expected the publication date (YYYY-MM-DD, without "
                                "quotes)", code="TERMS"))
            continue
        v1 = value(e["lpr_1y"], f"{where}.lpr_1y") if "lpr_1y" in e else None
        v5 = value(e["lpr_5y"], f"{where}.lpr_5y") if "lpr_5y" in e else None
        if v1 is None and v5 is None:
            if "lpr_1y" not in e and "lpr_5y" not in e:
                issues.append(Issue(SourceRef("case.toml", column=where), f"{where}: give lpr_1y and/or lpr_5y",
                                    code="TERMS"))
            continue
        supplied.append((day, v1, v5))
    day = rules.get("lpr_date")
    if single and isinstance(day, date) and ("lpr_1y" in rules or "lpr_5y" in rules):
        saved, issues = issues, []  # the cn pack reports a bad lpr_1y; here it is only left out
        v1 = value(rules["lpr_1y"], "rules.lpr_1y") if "lpr_1y" in rules else None
        issues = saved
        v5 = value(rules["lpr_5y"], "rules.lpr_5y") if "lpr_5y" in rules else None
        if v1 is not None or v5 is not None:
            supplied.append((day, v1, v5))
    for day, v1, v5 in supplied:
        table = table.with_supplied(day, v1, v5)
    return table, issues


def linked_rows(table: Fixings, terms, until: date) -> list[Fixing]:
    """The table rows an LPR-linked contract rate, default rate or rate change rests on up to
    ``until``: the row in force at its start, then each fixing (or each anniversary's row)."""
    c = terms.contract
    rows: dict[date, Fixing] = {}
    for spec, start in rate_specs(terms):
        if spec is None or getattr(spec, "index", None) is None or start is None:
            continue
        tenor = "5y" if spec.index == "LPR5Y" else "1y"
        later = repricing_days(c.repricing, start, until)
        found = [table.in_force(d, tenor) for d in [start, *(later or ())]]
        if later is None:  # each new fixing
            found += [f for f in table.between(start, until) if f.value(tenor) is not None]
        for f in found:
            if f is not None:
                rows[f.date] = f
    return [rows[d] for d in sorted(rows)]
