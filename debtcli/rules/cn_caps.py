"""The private-lending interest ceiling (民间借贷利率上限) as a dated step function.

Sources (SPC Provisions on Private Lending, text in force 2021-01-01, "the Provisions"):

* Art. 25: an agreed rate above 4 x the one-year LPR in force when the contract was formed is not
  supported. The LPR in force is the latest fixing published on or before the formation date.
* Art. 31 ¶2: a contract formed before 2020-08-20 and filed after: interest up to 2020-08-19 under the
  2015 Provisions (24% enforceable, above 36% void); from 2020-08-20 the ceiling "at the time of
  filing". The reading of that phrase is the ``transition`` setting.

Nothing here guesses an LPR: a date the table cannot answer raises ``LprUnknown``; the pack turns it
into a message that tells the user how to supply the fixing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from debtcli.engine.account import RatePoint

NEW_RULES_FROM = date(2020, 8, 20)  # 2020 amendment of the Provisions in force
RATE_2015_CAP = Decimal("0.24")  # 2015 Provisions Art. 26: enforceable up to 24% a year
RATE_2015_VOID = Decimal("0.36")  # above 36% void (recoverable if paid)
RATE_2015_OVERDUE_FALLBACK = Decimal("0.06")  # 2015 Provisions Art. 29: nothing agreed -> 6% a year
FOUR = Decimal(4)

TRANSITION_READINGS = {
    "filing": "4 x the one-year LPR in force on the filing date (the reading most courts use)",
    "2020-08-20": "4 x the one-year LPR in force on 2020-08-20, when the amended Provisions took effect",
}


class LprUnknown(Exception):
    """The LPR in force on ``on`` is not in the table (a date after the last known fixing, or before
    the first)."""

    def __init__(self, on: date, purpose: str):
        self.on = on
        self.purpose = purpose
        super().__init__(f"the one-year LPR in force on {on} is not known ({purpose})")


@dataclass(frozen=True)
class LprUsed:
    """The LPR a ceiling rests on, with where it came from."""

    fixing_date: date | None
    lpr: Decimal  # fraction
    verified: bool
    status: str
    supplied: bool = False  # given by the user in [rules]

    @property
    def ceiling(self) -> Decimal:
        return self.lpr * FOUR

    def describe(self) -> str:
        where = "supplied in [rules]" if self.supplied else f"fixing of {self.fixing_date}"
        return f"4 x one-year LPR {pct(self.lpr)} ({where}) = {pct(self.ceiling)}"


@dataclass(frozen=True)
class CapSegment:
    """From ``start`` on, the ceiling is ``rate``; ``basis`` names the rule."""

    start: date
    rate: Decimal
    text: str
    basis: str
    lpr: LprUsed | None = None


def pct(x: Decimal) -> str:
    s = f"{(x * 100).normalize():f}"
    return s + "%"


def lpr_on(fixings, on: date, purpose: str, supplied: dict | None = None) -> LprUsed:
    """The one-year LPR in force on ``on``. ``supplied`` is the user's ``lpr_1y`` / ``lpr_date`` for a
    date the table cannot answer; it is used only when it applies to ``on``."""
    fx = fixings.in_force(on) if fixings is not None else None
    row = fixings.latest_row(on) if fixings is not None else None
    if supplied and supplied.get("lpr_1y") is not None:
        s_date = supplied.get("lpr_date")
        newer_than_table = fx is None or (s_date is not None and s_date > fx.date)
        if (s_date is None or s_date <= on) and newer_than_table:
            return LprUsed(s_date, supplied["lpr_1y"], False, "supplied", supplied=True)
    if fx is None or (row is not None and row.lpr_1y is None):
        raise LprUnknown(on, purpose)
    return LprUsed(fx.date, fx.lpr_1y, fx.verified, fx.status)


def fixing_day_alternative(fixings, formed: date) -> LprUsed | None:
    """On a fixing day the contract may have been formed before the morning publication: the
    fixing in force the day before is the other reading. None when ``formed`` is no fixing day."""
    if fixings is None or fixings.on(formed) is None:
        return None
    from datetime import timedelta

    prev = fixings.in_force(formed - timedelta(days=1))
    if prev is None:
        return None
    return LprUsed(prev.date, prev.lpr_1y, prev.verified, prev.status)


def ceiling_segments(formed: date, filed: date, fixings, transition: str = "filing",
                     supplied: dict | None = None) -> tuple[list[CapSegment], list[str]]:
    """The ceiling over the life of a private loan, and notes on the choices made.

    Formed on or after 2020-08-20: one segment, 4 x LPR at formation (Art. 25). On a fixing day the
    higher of the two candidate fixings is used (creditor-favourable) and the other is noted.
    Formed earlier: 24% up to 2020-08-19 (2015 Provisions Art. 26), then the Art. 31 ¶2 reading,
    unless the claim was filed before 2020-08-20 (2015 Provisions throughout)."""
    notes: list[str] = []
    art25 = "SPC Provisions on Private Lending Art. 25 (4 x one-year LPR at formation)"
    if formed >= NEW_RULES_FROM:
        used = lpr_on(fixings, formed, f"ceiling at formation {formed}", supplied)
        alt = None if used.supplied else fixing_day_alternative(fixings, formed)
        if alt is not None and alt.lpr > used.lpr:
            used, alt = alt, used
        seg = CapSegment(formed, used.ceiling, used.describe(), art25, used)
        if alt is not None:
            notes.append(f"formed on a fixing day ({formed}): ceiling {pct(used.ceiling)} used; the other "
                         f"reading gives {pct(alt.ceiling)}")
        return [seg], notes
    art31 = "SPC Provisions on Private Lending Art. 31 ¶2; 2015 Provisions Art. 26 (24% up to 2020-08-19)"
    first = CapSegment(formed, RATE_2015_CAP, "24% (2015 Provisions, up to 2020-08-19)", art31)
    if filed < NEW_RULES_FROM:
        notes.append(f"filed {filed}, before 2020-08-20: the 2015 Provisions apply throughout")
        return [first], notes
    on = filed if transition == "filing" else NEW_RULES_FROM
    used = lpr_on(fixings, on, f"ceiling from 2020-08-20 ({TRANSITION_READINGS[transition]})", supplied)
    second = CapSegment(NEW_RULES_FROM, min(used.ceiling, RATE_2015_CAP), used.describe() + " from 2020-08-20",
                        "SPC Provisions on Private Lending Art. 31 ¶2 (" + TRANSITION_READINGS[transition] + ")",
                        used)
    return [first, second], notes


def segment_at(segments: list[CapSegment], on: date) -> CapSegment:
    current = segments[0]
    for s in segments:
        if s.start <= on:
            current = s
    return current


def lower_of(a: list[CapSegment], b: list[CapSegment]) -> list[CapSegment]:
    """Two ceilings as one: at every date the lower of the two (an empty list caps nothing)."""
    if not b:
        return a
    if not a:
        return b
    out = []
    for d in sorted({s.start for s in a} | {s.start for s in b}):
        x, y = segment_at(a, d), segment_at(b, d)
        if d < y.start:
            out.append(x)
            continue
        low = x if x.rate <= y.rate else y
        out.append(CapSegment(d, low.rate, low.text, low.basis, low.lpr))
    return out


def capped_path(points: tuple[RatePoint, ...], segments: list[CapSegment]) -> tuple[tuple[RatePoint, ...], bool]:
    """The lower of a contract rate path and the ceiling at every date; True when the cap bit."""
    if not points:
        return points, False
    dates = sorted({p.date for p in points} | {s.start for s in segments if s.start > points[0].date})
    out: list[RatePoint] = []
    bit = False
    for d in dates:
        current = [p for p in points if p.date <= d][-1]
        seg = segment_at(segments, d)
        if current.rate > seg.rate:
            bit = True
            point = RatePoint(d, seg.rate, f"{current.text} capped at {seg.text}")
        else:
            point = current if current.date == d else RatePoint(d, current.rate, current.text)
        if not out or out[-1].rate != point.rate or out[-1].text != point.text:
            out.append(point)
    return tuple(out), bit
