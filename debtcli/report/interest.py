"""A plain interest figure for a claim, without a case: 以 X 元为基数，按 N 倍 LPR 分段计算.

The figure comes from the one replay: a single amount lent on the start date, no schedule, the rate
path of the given rate (an LPR-linked rate repriced on every fixing that changes it), replayed to
the end date with the accrual lines traced. Each accrual line is one segment (分段计息): a span where
the rate does not change. Nothing here reads the clock, prints or exits.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from debtcli.engine.account import Account, RatePoint, resolve_rate_path
from debtcli.engine.replay import replay
from debtcli.model.findings import text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO, fmt, fmt_grouped, minor_unit, round_money
from debtcli.model.records import InputError, Issue, SourceRef
from debtcli.rules.lpr import Fixing, Fixings
from debtcli.terms.schema import RateSpec

ROUNDING = "half_up"
LPR_START = date(2019, 8, 20)  # the LPR reform: before it, loans were priced on the PBOC benchmark


@dataclass(frozen=True)
class Segment:
    start: date  # first day counted
    last: date  # last day counted (inclusive)
    days: int
    base: Decimal
    annual: Decimal  # fraction a year
    basis: int
    raw: Decimal  # base x annual x days / basis, unrounded
    amount: Decimal  # raw rounded to the minor unit
    rate_text: str
    lpr: Fixing | None = None  # the fixing behind an LPR-linked rate
    daily: Decimal | None = None  # the rate as written when it is a daily rate
    benchmark: object | None = None  # debtcli.rules.pboc.Benchmark behind a linked rate before 2019-08-20
    grade: str | None = None  # the benchmark grade used


@dataclass(frozen=True)
class InterestRun:
    principal: Decimal
    start: date
    end: date  # the --to date as given
    rate: RateSpec
    basis: int
    counting: str
    currency: str
    places: int
    segments: tuple[Segment, ...]
    raw_total: Decimal
    total: Decimal  # the exact sum rounded once (half-up at the minor unit)
    notes: tuple = ()  # model.findings.Text: a rate table row not verified in two sources
    lpr_on: date | None = None  # the LPR held for the whole period is the one in force on this day

    @property
    def segments_sum(self) -> Decimal:
        return sum((s.amount for s in self.segments), ZERO)

    @property
    def days(self) -> int:
        return sum(s.days for s in self.segments)


def with_supplied_fixings(table: Fixings, supplied: dict[date, Decimal]) -> Fixings:
    """The LPR table with fixings the user supplied (one-year LPR, fraction) in place of rows of the
    same date (an unknown row of the table included)."""
    if not supplied:
        return table
    rows = [f for f in table.rows if f.date not in supplied]
    rows += [Fixing(d, v, None, "given", "supplied on the command line") for d, v in supplied.items()]
    return Fixings(rows)


def interest_run(principal: Decimal, start: date, end: date, rate: RateSpec, basis: int = 365,
                 counting: str = "start", fixings: Fixings | None = None, currency: str = "CNY",
                 grade: str | None = None, benchmarks=None, lpr_on: date | None = None) -> InterestRun:
    """Interest on ``principal`` from ``start`` to ``end`` at ``rate``, split where the rate changes.

    ``counting = "start"`` counts the start day and not the end day (算头不算尾); ``"both"`` counts both.
    An LPR-linked rate needs every fixing in force over the period: a day the table cannot answer
    (after the last known fixing) raises ``InputError`` naming the fixing. Before the LPR reform
    (2019-08-20) a linked rate runs on the PBOC benchmark lending rate of ``grade`` (default: one
    year, or above five years for ``LPR5Y``) that was in force, the same multiple and spread applied
    (``benchmarks``: ``debtcli.rules.pboc`` table, loaded when needed). With ``lpr_on`` a linked rate
    takes the LPR in force on that day for the whole period (合同成立时 / 起诉时的 LPR), one segment."""
    places = minor_unit(currency)
    problems: list[Issue] = []
    if principal <= 0:
        problems.append(Issue(SourceRef("--principal"), f"{principal} must be above zero", code="USAGE"))
    last_day = end if counting == "both" else end - timedelta(days=1)
    if last_day < start:
        problems.append(Issue(SourceRef("--to"), f"{end} leaves no day to count from {start} "
                                                 f"(counting {counting})", code="USAGE"))
    if rate.markup is not None:
        problems.append(Issue(SourceRef("--rate"), f"{rate.text} is relative; give an absolute rate",
                              code="USAGE"))
    grade = grade or ("y5plus" if rate.index == "LPR5Y" else "y1")
    held = None  # the fixing held for the whole period (lpr_on)
    if lpr_on is not None and rate.index is None:
        problems.append(Issue(SourceRef("--lpr-on"), f"{rate.text} is not linked to the LPR", code="USAGE"))
    elif lpr_on is not None and lpr_on < LPR_START:
        problems.append(Issue(SourceRef("--lpr-on"), f"{lpr_on} is before the LPR reform ({LPR_START}): no LPR was "
                                                     "in force that day", code="USAGE"))
    elif lpr_on is not None and not problems:
        problems += _missing_fixings(rate, lpr_on, lpr_on, fixings, "--lpr-on")
        held = None if problems else fixings.in_force(lpr_on)
    bench_path: list[RatePoint] = []
    if held is not None:  # the contract rate's own reading, never repriced, from lpr_on; it runs from start
        (point,), _ = resolve_rate_path(rate, lpr_on, lpr_on, "none", fixings, basis, file="--lpr-on")
        bench_path = [RatePoint(start, point.rate, point.text)]
    elif rate.index is not None and not problems and start < LPR_START:
        if benchmarks is None:
            from debtcli.rules.pboc import load_benchmark_table

            benchmarks = load_benchmark_table()
        bench_path, bench_problems = _benchmark_path(rate, start, min(last_day, LPR_START - timedelta(days=1)),
                                                     grade, benchmarks)
        problems += bench_problems
    if rate.index is not None and held is None and not problems and last_day >= LPR_START:
        problems += _missing_fixings(rate, max(start, LPR_START), last_day, fixings)
    if problems:
        raise InputError(problems)
    path: tuple = tuple(bench_path)
    if held is None and (rate.index is None or last_day >= LPR_START):
        lpr_path, issues = resolve_rate_path(rate, max(start, LPR_START) if rate.index else start, last_day, "fixing",
                                             fixings, basis, file="--rate")
        if issues:
            raise InputError(issues)
        if path and lpr_path and lpr_path[0].rate == path[-1].rate:
            lpr_path = lpr_path[1:]  # the rate does not change at the reform: no new segment
        path += lpr_path
    account = Account(
        currency=currency, rounding=ROUNDING, day_count=f"ACT/{basis}", counting=counting, interest_method="daily",
        method="bullet", signed=start, draws=((start, principal),), due_dates=(), principal_plan=(),
        interest_plan=(), annuity=None, rate_path=path, default_path=None, places=places, carry_precision=True)
    # carried unrounded, so that even a figure under half a fen keeps its lines; rounded once below
    result = replay(account, end, trace=True)
    lines = [line for p in result.postings if p.component == "interest" for line in p.lines]
    segments = []
    notes = []
    for line in lines:
        bench = None
        fx = held or (_fixing_behind(rate, line.start, fixings) if line.start >= LPR_START else None)
        if rate.index is not None and held is None and line.start < LPR_START:
            bench = benchmarks.in_force(line.start)
            if not bench.verified:
                notes.append(text("note.interest.benchmark_secondary", date=bench.date, status=bench.status))
        if fx is not None and not fx.verified and fx.status != "given":
            notes.append(text("note.interest.lpr_unverified", date=fx.date, status=fx.status))
        segments.append(Segment(
            line.start, line.end - timedelta(days=1), line.days, line.base, line.rate, line.basis, line.amount,
            round_money(line.amount, ROUNDING, places), rate.text, fx,
            rate.fixed.value if rate.fixed is not None and rate.fixed.per == "day" else None, bench,
            grade if bench is not None else None))
    raw_total = sum((s.raw for s in segments), ZERO)
    total = round_money(raw_total, ROUNDING, places)
    return InterestRun(principal, start, end, rate, basis, counting, currency, places, tuple(segments), raw_total,
                       total, tuple(dict.fromkeys(notes)), lpr_on)


def _benchmark_path(rate: RateSpec, first: date, last: date, grade: str, table) -> tuple[list, list[Issue]]:
    """The linked rate on the PBOC benchmark of ``grade`` from ``first`` to ``last`` (both before the
    LPR reform): one point where the rate changes."""
    src = SourceRef("--rate")
    rows = [table.in_force(first)] + [r for r in table.rows if first < r.date <= last]
    if rows[0] is None:
        return [], [Issue(src, f"{rate.text} on {first} needs the PBOC benchmark lending rate, but the shipped "
                               f"table starts on {table.rows[0].date}; give a fixed rate for the part before it",
                          code="BENCHMARK_MISSING")]
    points, problems = [], []
    for r in rows:
        value = r.rates.get(grade)
        if value is None:
            problems.append(Issue(src, f"the PBOC benchmark ({grade}) in force from {r.date} is not known (status "
                                       f"{r.status}); give a fixed rate for that part", code="BENCHMARK_MISSING"))
            continue
        annual = value * rate.multiplier + rate.spread
        if not points or points[-1].rate != annual:
            points.append(RatePoint(max(r.date, first), annual, f"{rate.text} (PBOC benchmark {r.date} "
                                                                 f"{value * 100:.2f}%)"))
    return points, problems


def _fixing_behind(rate: RateSpec, day: date, fixings: Fixings | None) -> Fixing | None:
    if rate.index is None or fixings is None:
        return None
    return fixings.in_force(day)


def _missing_fixings(rate: RateSpec, first: date, last: date, fixings: Fixings | None, option: str = "--rate"
                     ) -> list[Issue]:
    """Every fixing the period needs and the table lacks, each with how to supply it."""
    src = SourceRef(option)
    if fixings is None or not fixings.rows:
        return [Issue(src, f"{rate.text} needs the LPR table", code="LPR_MISSING")]
    out = []
    if fixings.latest_row(first) is None:
        out.append(Issue(src, f"{rate.text} needs the LPR in force on {first}, but the LPR series starts on "
                              f"{fixings.rows[0].date} (the PBOC benchmark rates for older periods are not in this "
                              "version); give a fixed rate for the part before it", code="LPR_MISSING"))
        return out
    start_row = fixings.latest_row(first)
    candidates = [start_row] + [f for f in fixings.rows if first < f.date <= last]
    for f in candidates:
        if f.lpr_1y is None or (rate.index == "LPR5Y" and f.lpr_5y is None):
            tenor = "five-year" if rate.index == "LPR5Y" else "one-year"
            out.append(Issue(src, f"the {tenor} LPR published on {f.date} is not in the LPR table and the "
                                  f"period runs to {last}; supply it with --lpr {f.date}=<percent> (e.g. --lpr "
                                  f"{f.date}=3.00) after checking the published figure", code="LPR_MISSING"))
    return out


def court_line_zh(run: InterestRun, s: Segment) -> str:
    """以 100,000.00 元为基数，自 2021年3月1日 起至 2021年12月19日 止，按年利率 15.4%（4×LPR，…）计算 294 天 = 12,404.38 元."""
    p = run.places
    if s.daily is not None:
        rate = f"按日利率 {_pct(s.daily)}"
    else:
        rate = f"按年利率 {_pct(s.annual)}"
        if s.benchmark is not None:
            from debtcli.rules.pboc import GRADE_NAMES

            rate += (f"（{run.rate.text}；LPR 改革前按 {s.benchmark.date} 起施行的中国人民银行{GRADE_NAMES[s.grade]}"
                     f"贷款基准利率 {_pct(s.benchmark.rates[s.grade])}）")
        if s.lpr is not None:
            tenor, value = ("一年期", s.lpr.lpr_1y) if run.rate.index != "LPR5Y" else ("五年期以上", s.lpr.lpr_5y)
            rate += (f"（{run.rate.text}，{s.lpr.date} 发布的{tenor} LPR {_pct(value)}）" if run.lpr_on is None else
                     f"（{run.rate.text}，{_zh_date(run.lpr_on)}有效的{tenor} LPR {_pct(value)}（{s.lpr.date} 发布），全期适用）")
    return (f"以 {fmt_grouped(s.base, p)} 元为基数，自 {_zh_date(s.start)} 起至 {_zh_date(s.last)} 止，{rate}"
            f"计算 {s.days} 天（÷{s.basis}）= {fmt_grouped(s.amount, p)} 元")


def court_line_en(run: InterestRun, s: Segment) -> str:
    p = run.places
    if s.daily is not None:
        rate = f"{_pct(s.daily)} a day"
    else:
        rate = f"{_pct(s.annual)} a year"
        if s.benchmark is not None:
            rate += (f" ({run.rate.text}; before the LPR reform: PBOC benchmark lending rate, grade {s.grade}, "
                     f"{_pct(s.benchmark.rates[s.grade])} from {s.benchmark.date})")
        if s.lpr is not None:
            value = s.lpr.lpr_5y if run.rate.index == "LPR5Y" else s.lpr.lpr_1y
            rate += (f" ({run.rate.text}; LPR {_pct(value)} published {s.lpr.date})" if run.lpr_on is None else
                     f" ({run.rate.text}; the LPR in force on {run.lpr_on}, {_pct(value)} published {s.lpr.date}, "
                     "for the whole period)")
    return (f"on {fmt_grouped(s.base, p)} from {s.start} to {s.last} inclusive, {s.days} days at {rate}, "
            f"/ {s.basis} = {fmt_grouped(s.amount, p)}")


def interest_to_dict(run: InterestRun, language: str = "en") -> dict:
    """The run as JSON; the texts (counting, rounding, notes) in ``language`` (zh or en), the keys,
    codes and figures the same in both."""
    from debtcli.messages import say

    p = run.places
    segs = []
    for s in run.segments:
        seg = {"from": s.start.isoformat(), "to": s.last.isoformat(), "days": s.days, "base": fmt(s.base, p),
               "annual_rate": _frac(s.annual), "rate_percent": _pct(s.annual), "basis": s.basis,
               "amount": fmt(s.amount, p), "exact": _frac(s.raw), "court_form": court_line_zh(run, s)}
        if s.daily is not None:
            seg["daily_rate_percent"] = _pct(s.daily)
        if s.lpr is not None:
            value = s.lpr.lpr_5y if run.rate.index == "LPR5Y" else s.lpr.lpr_1y
            seg["lpr"] = {"published": s.lpr.date.isoformat(), "tenor": "5y" if run.rate.index == "LPR5Y" else "1y",
                          "percent": _pct(value), "status": s.lpr.status}
        if s.benchmark is not None:
            seg["pboc_benchmark"] = {"effective": s.benchmark.date.isoformat(), "grade": s.grade,
                                     "percent": _pct(s.benchmark.rates[s.grade]), "status": s.benchmark.status}
        segs.append(seg)
    return {
        "currency": run.currency, "principal": fmt(run.principal, p), "from": run.start.isoformat(),
        "to": run.end.isoformat(), "rate": run.rate.text, **({"lpr_on": run.lpr_on.isoformat()} if run.lpr_on else {}),
        "basis": run.basis,
        "counting": ("算头不算尾" if run.counting == "start" else "算头算尾") if language == "zh"
        else "start day only (算头不算尾)" if run.counting == "start" else "both ends (算头算尾)",
        "rounding": f"四舍五入至小数点后 {p} 位：各段金额分别舍入；合计对未舍入的总和只舍入一次" if language == "zh"
        else f"{ROUNDING} to {p} places: each segment for its line; the total rounds the exact sum once",
        "days": run.days, "segments": segs, "segments_sum": fmt(run.segments_sum, p), "total": fmt(run.total, p),
        "notes": [say(n, language) for n in run.notes],
    }


def _pct(fraction: Decimal) -> str:
    s = f"{(fraction * 100).normalize():f}"
    return s + "%"


def _frac(x: Decimal) -> str:
    return f"{x.normalize():f}" if x != x.to_integral_value() or x == 0 else f"{x:f}"


def _zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
