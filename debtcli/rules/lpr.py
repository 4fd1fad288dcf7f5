"""The China Loan Prime Rate table (贷款市场报价利率), shipped as package data.

Each fixing stays in force until the next one. Rows carry a status from the research file:
V2/V1 verified, S secondary source only, C computed date, U unknown (no values; never used).
"""

from __future__ import annotations

import bisect
import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources

VERIFIED = ("V1", "V2")


@dataclass(frozen=True, slots=True)
class Fixing:
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
    """A sorted LPR table."""

    def __init__(self, rows: list[Fixing]):
        self.rows = sorted(rows, key=lambda f: f.date)
        self._dates = [f.date for f in self.rows]

    def in_force(self, on: date) -> Fixing | None:
        """The fixing in force on ``on``; None before the first fixing, or when the latest row on or
        before ``on`` has no value (a U row: the rate from that day on is unknown, never guessed)."""
        f = self.latest_row(on)
        return f if f is not None and f.lpr_1y is not None else None

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
    text = resources.files("debtcli.rules").joinpath("data/lpr_cn.csv").read_text(encoding="utf-8")
    return parse_lpr_csv(text)
