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

from datetime import date
from decimal import Decimal

from debtcli.model.findings import text
from debtcli.engine.account import RatePoint
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import InputError, Issue, SourceRef

NEW_RULES_FROM = date(2020, 8, 20)  # 2020 amendment of the Provisions in force
PROVISIONS_2015_FROM = date(2015, 9, 1)  # 2015 Provisions in force (the 1991 opinion repealed, Art. 33)
RATE_2015_CAP = Decimal("0.24")  # 2015 Provisions Art. 26: enforceable up to 24% a year
RATE_2015_VOID = Decimal("0.36")  # above 36% void (recoverable if paid)
RATE_2015_OVERDUE_FALLBACK = Decimal("0.06")  # 2015 Provisions Art. 29: nothing agreed -> 6% a year
FOUR = Decimal(4)

TRANSITION_READINGS = {
    "filing": "4 x the one-year LPR in force on the filing date (the reading most courts use)",
    "2020-08-20": "4 x the one-year LPR in force on 2020-08-20, when the amended Provisions took effect",
}


# Which interpretation governs, by the date the case was filed (accepted); ``[rules] regime`` overrides.
REGIMES = {
    "1991": "1991 SPC opinion on lending cases (最高人民法院关于人民法院审理借贷案件的若干意见)",
    "2015": "2015 SPC Provisions on Private Lending (法释〔2015〕18号)",
    "2020": "SPC Provisions on Private Lending as amended 2020 (法释〔2020〕17号, 〔2020〕27号)",
}


def governing_regime(filed: date, setting: str | None = None) -> str:
    """The regime a court applies to a case filed on ``filed``: the 1991 opinion before 2015-09-01,
    the 2015 Provisions before 2020-08-20, the current Provisions from then (``setting`` overrides)."""
    if setting:
        return setting
    if filed < PROVISIONS_2015_FROM:
        return "1991"
    if filed < NEW_RULES_FROM:
        return "2015"
    return "2020"


class BenchmarkUnknown(Exception):
    """No PBOC benchmark rate for the loan's grade on ``on`` (before the first row of the table)."""

    def __init__(self, on: date, grade: str):
        self.on = on
        self.grade = grade
        super().__init__(f"no PBOC benchmark rate of grade {grade} in force on {on}")


@dataclass(frozen=True)
class BenchmarkUsed:
    change_date: date | None
    grade: str
    rate: Decimal
    status: str
    supplied: bool = False

    @property
    def verified(self) -> bool:
        return self.status == "V"

    def describe(self) -> str:
        where = "supplied in [rules] benchmark" if self.supplied else f"change of {self.change_date}"
        return f"4 x PBOC benchmark {pct(self.rate)} (grade {self.grade}, {where}) = {pct(self.rate * FOUR)}"


def benchmark_on(table, on: date, grade: str, supplied: dict | None = None) -> BenchmarkUsed:
    """The benchmark of ``grade`` in force on ``on``; the user's ``[rules] benchmark`` when given."""
    if supplied and supplied.get("benchmark") is not None:
        return BenchmarkUsed(None, grade, supplied["benchmark"], "supplied", True)
    row = table.in_force(on) if table is not None else None
    rate = row.rates.get(grade) if row is not None else None
    if rate is None:
        raise BenchmarkUnknown(on, grade)
    return BenchmarkUsed(row.date, grade, rate, row.status)


class LprUnknown(Exception):
    """The LPR in force on ``on`` is not in the table (a date after the last known fixing, or before
    the first)."""

    def __init__(self, on: date, purpose: str):
        self.on = on
        self.purpose = purpose
        super().__init__(f"the one-year LPR in force on {on} is not known ({purpose})")


def lpr_unknown(exc: LprUnknown, ctx) -> InputError:
    """The input error for an LPR fixing the table lacks: what to add to case.toml."""
    last = ctx.fixings.last_known if ctx.fixings is not None else None
    known = f"; the table's last known fixing is {last.date}" if last else ""
    return InputError([Issue(
        SourceRef("case.toml", column="rules.lpr_1y"),
        f"the one-year LPR in force on {exc.on} is not in the shipped LPR table ({exc.purpose}){known}. The ceiling "
        f"cannot be computed without it and debtcli does not guess: add the published fixing in force on {exc.on} to "
        f"case.toml as [rules] lpr_1y = \"3.00%\" (its one-year value) and lpr_date = YYYY-MM-DD (its publication "
        f"date), or update the LPR table.",
        code="LPR_MISSING")])


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
    claim: Decimal | None = None  # 2015 Provisions: the rate enforceable when unpaid (24%), below ``rate`` (36%)
    regime: str = ""
    benchmark: BenchmarkUsed | None = None

    @property
    def enforceable(self) -> Decimal:
        return self.claim if self.claim is not None else self.rate


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
                     supplied: dict | None = None, regime: str | None = None, benchmarks=None,
                     grade: str = "y1") -> tuple[list[CapSegment], list[str]]:
    """The ceiling over the life of a private loan, and notes on the choices made.

    The regime is the one governing a case filed on ``filed`` (``regime`` overrides):

    * 1991 opinion Art. 6 (filed before 2015-09-01): 4 x the PBOC benchmark of the loan's grade in
      force at formation, throughout.
    * 2015 Provisions Art. 26 (filed 2015-09-01 .. 2020-08-19): 24% enforceable, 24-36% stands if paid,
      above 36% void: the segment's rate is 36% and its ``claim`` 24%.
    * current Provisions: formed on or after 2020-08-20, 4 x LPR at formation (Art. 25); on a fixing
      day the higher of the two candidate fixings is used (creditor-favourable) and the other is noted.
      Formed earlier: the 2015 rules up to 2020-08-19, then the Art. 31 ¶2 reading."""
    notes: list[str] = []
    regime = governing_regime(filed, regime)
    if regime == "1991":
        used = benchmark_on(benchmarks, formed, grade, supplied)
        basis = (f"{REGIMES['1991']} Art. 6 (interest above 4 x the PBOC benchmark of the loan's grade at formation "
                 f"is not protected; secondary sources), case filed {filed}: stretch from {formed}")
        notes.append(text("note.cn.ceiling.1991", filed=filed))
        return [CapSegment(formed, used.rate * FOUR, used.describe(), basis, regime="1991", benchmark=used)], notes
    art25 = (f"SPC Provisions on Private Lending Art. 25 (4 x one-year LPR at formation), {REGIMES['2020']}: "
             f"stretch from {formed}")
    if formed >= NEW_RULES_FROM and regime == "2020":
        used = lpr_on(fixings, formed, f"ceiling at formation {formed}", supplied)
        alt = None if used.supplied else fixing_day_alternative(fixings, formed)
        if alt is not None and alt.lpr > used.lpr:
            used, alt = alt, used
        seg = CapSegment(formed, used.ceiling, used.describe(), art25, used, regime="2020")
        if alt is not None:
            notes.append(text("note.cn.ceiling.fixing_day", formed=formed, used=used.ceiling, other=alt.ceiling))
        return [seg], notes
    if regime == "2015":
        notes.append(text("note.cn.ceiling.2015", filed=filed))
        basis = (f"{REGIMES['2015']} Art. 26 (24% enforceable; 24-36% not enforceable if unpaid, not recoverable "
                 f"if paid; above 36% void), case filed {filed}: stretch from {formed}")
        return [CapSegment(formed, RATE_2015_VOID, "24% (36% where paid; 2015 Provisions)", basis,
                           claim=RATE_2015_CAP, regime="2015")], notes
    art31 = (f"SPC Provisions on Private Lending Art. 31 ¶2; {REGIMES['2015']} Art. 26 (24% enforceable, 24-36% "
             f"stands if paid, above 36% void): stretch {formed} to 2020-08-19")
    first = CapSegment(formed, RATE_2015_VOID, "24% (36% where paid; 2015 Provisions, up to 2020-08-19)", art31,
                       claim=RATE_2015_CAP, regime="2015")
    on = filed if transition == "filing" else NEW_RULES_FROM
    used = lpr_on(fixings, on, f"ceiling from 2020-08-20 ({TRANSITION_READINGS[transition]})", supplied)
    second = CapSegment(NEW_RULES_FROM, min(used.ceiling, RATE_2015_CAP), used.describe() + " from 2020-08-20",
                        "SPC Provisions on Private Lending Art. 31 ¶2 (" + TRANSITION_READINGS[transition]
                        + f"), {REGIMES['2020']}: stretch from 2020-08-20",
                        used, regime="2020")
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
        claim = x.claim if x.claim is not None and x.claim < low.rate else None
        out.append(CapSegment(d, low.rate, low.text, low.basis, low.lpr, claim, x.regime, x.benchmark))
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
