"""The PBOC benchmark lending rates (金融机构人民币贷款基准利率), 1991-04-21 to 2015-10-24, shipped as
package data with a status per row, like the LPR table.

Each change stays in force until the next; the last (2015-10-24: 4.35 / 4.75 / 4.90) stood until the
LPR reform of 2019-08-20. Grades (档次) by the loan's term: ``m6`` up to six months, ``y1`` six months
to one year, ``y1_3`` one to three years, ``y3_5`` three to five years, ``y5plus`` above five years
(merged into three grades from 2014-11-22; the table repeats the merged values). Status: V = official
page and another source agree, S = secondary sources only, U = unresolved (no values; never used).
A date before the first row has no rate: the caller must stop, never guess.
"""

from __future__ import annotations

import bisect
import csv
from datetime import date
from decimal import Decimal
from functools import lru_cache

from debtcli.model.lazy_dataclass import dataclass

GRADES = ("m6", "y1", "y1_3", "y3_5", "y5plus")
GRADE_NAMES = {"m6": "六个月以内(含六个月)", "y1": "六个月至一年(含一年)", "y1_3": "一至三年(含三年)",
               "y3_5": "三至五年(含五年)", "y5plus": "五年以上"}
LAST_CHANGE_VALID_UNTIL = date(2019, 8, 19)


@dataclass(frozen=True, slots=True)
class Benchmark:
    date: date
    rates: dict  # grade -> fraction (None when unknown)
    status: str
    source: str = ""

    @property
    def verified(self) -> bool:
        return self.status == "V"


class Benchmarks:
    def __init__(self, rows: list[Benchmark]):
        self.rows = sorted(rows, key=lambda r: r.date)
        self._dates = [r.date for r in self.rows]

    def in_force(self, on: date) -> Benchmark | None:
        """The change in force on ``on``; None before the first row."""
        i = bisect.bisect_right(self._dates, on)
        return self.rows[i - 1] if i else None


def grade_for(months: int | None, no_term: str = "y1") -> str:
    """The grade of a loan of ``months`` months; ``no_term`` for a loan without a term."""
    if months is None:
        return no_term
    if months <= 6:
        return "m6"
    if months <= 12:
        return "y1"
    if months <= 36:
        return "y1_3"
    if months <= 60:
        return "y3_5"
    return "y5plus"


def parse_benchmark_csv(text: str) -> Benchmarks:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    rows = []
    for rec in csv.DictReader(lines):
        rates = {}
        for g in GRADES:
            v = (rec.get(g) or "").strip()
            rates[g] = Decimal(v) / 100 if v else None
        rows.append(Benchmark(date.fromisoformat(rec["effective_date"].strip()), rates,
                              (rec.get("status") or "").strip(), (rec.get("source") or "").strip()))
    return Benchmarks(rows)


@lru_cache(maxsize=1)
def load_benchmark_table() -> Benchmarks:
    from debtcli.rules import data_text

    return parse_benchmark_csv(data_text("pboc_benchmark.csv"))
