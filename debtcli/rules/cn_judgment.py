"""After a judgment: the judgment stage (迟延履行期间的债务利息) and the case-acceptance fee.

The judgment fixes what is owed (``[[event]] type = "judgment"``); from then on the lawful balance is
worked out from the judgment, not from the contract (an exact computation over the judgment's figures
and the payments after it, isolated from the replay):

* 法释〔2014〕8号 Art. 1: delay interest = general interest (only as the judgment words it: the
  running interest ``interest_base`` x ``interest_rate`` from ``interest_from`` "至实际清偿之日止", on the
  principal still unpaid when that is less than the base) + the doubled part = the unpaid money debt
  fixed by the judgment *excluding general interest* x 0.0175% a day x days of delay.
* Art. 2: the delay runs from the day after the performance deadline to each payment (both counted).
* Art. 4: a payment goes first to the money debt fixed by the judgment (within it, Civil Code
  Art. 561: costs, interest, principal), then to the doubled part.
* Art. 7: a delay before 2014-08-01 fell under 法释〔2009〕6号; the doubled part here starts no earlier
  than 2014-08-01 (the earlier part is not computed and the notes say so).
* Whether awarded court fees belong in the base of the doubled part is not settled:
  ``[rules] judgment_costs_in_base`` (default true, the creditor-favourable reading) and the notes say
  which was used.

Court fees (诉讼费用交纳办法, in force 2007-04-01): the case-acceptance fee of a property claim in
cumulative bands on the amount claimed (Art. 13), half under the simple procedure (Art. 16).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from debtcli.engine.replay import AccrualLine, Allocation, AppliedPayment, Posting
from debtcli.model.findings import text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO, round_money
from debtcli.model.records import COMPONENTS
from debtcli.terms.schema import JUDGMENT_AMOUNTS, Judgment

DAILY = Decimal("0.000175")  # 日万分之一点七五
RULE_2014_FROM = date(2014, 8, 1)
GENERAL_INTEREST = ("interest", "default_interest", "compound_interest")
ORDER = ("costs", "compound_interest", "default_interest", "interest", "fees", "penalties", "principal")
BASIS = ("SPC interpretation on delay interest 法释〔2014〕8号 Art. 1 (doubled part: unpaid money debt fixed by the "
         "judgment, general interest excluded, x 0.0175% a day), Art. 4 (payments to the judgment debt first)")

# 诉讼费用交纳办法 Art. 13: (upper bound of the band, rate); the first band is a flat 50 a case
FEE_BANDS = ((Decimal(100000), Decimal("0.025")), (Decimal(200000), Decimal("0.02")),
             (Decimal(500000), Decimal("0.015")), (Decimal(1000000), Decimal("0.01")),
             (Decimal(2000000), Decimal("0.009")), (Decimal(5000000), Decimal("0.008")),
             (Decimal(10000000), Decimal("0.007")), (Decimal(20000000), Decimal("0.006")),
             (None, Decimal("0.005")))
FEE_BASIS = "诉讼费用交纳办法 Art. 13 (case-acceptance fee of a property claim, cumulative bands), Art. 16 (half under the simple procedure)"


def court_fee(claimed: Decimal, simple: bool = False) -> Decimal:
    """案件受理费 of a property claim of ``claimed``: 50 up to 10,000, then each band's rate on the
    part of the claim inside it; halved under the simple procedure. Rounded half-up to the fen."""
    if claimed <= 0:
        return ZERO
    fee = Decimal(50)
    low = Decimal(10000)
    for high, rate in FEE_BANDS:
        if claimed <= low:
            break
        top = claimed if high is None else min(claimed, high)
        fee += (top - low) * rate
        if high is None:
            break
        low = high
    if simple:
        fee = fee / 2
    return round_money(fee)


def latest_judgment(terms, as_of: date) -> Judgment | None:
    found = [e.judgment for e in terms.events if e.type == "judgment" and e.judgment is not None
             and e.judgment.date <= as_of]
    return max(found, key=lambda j: j.date) if found else None


@dataclass(frozen=True)
class JudgmentStage:
    judgment: Judgment
    balance: dict  # COMPONENTS + total
    payments: tuple  # AppliedPayment, one per payment from the judgment's date on
    postings: tuple  # Posting of running interest and the doubled part, with their lines
    doubled: Decimal  # doubled part accrued up to the as-of date
    running: Decimal  # running general interest accrued
    costs_in_base: bool
    starts: date  # first day of delay counted
    note: object  # a catalogue reference (Text)


def judgment_stage(judgment: Judgment, payments, as_of: date, places: int = 2, rounding: str = "half_up",
                   costs_in_base: bool = True) -> JudgmentStage:
    """The balance on ``as_of`` under the judgment, with the payments made from its date on."""
    owed = {c: judgment.amounts.get(c, ZERO) for c in JUDGMENT_AMOUNTS}
    owed["judgment_interest"] = ZERO
    base_parts = ("principal", "fees", "penalties") + (("costs",) if costs_in_base else ())
    starts = max(judgment.deadline + timedelta(days=1), RULE_2014_FROM)
    cursor_d = starts  # first day of delay not yet counted
    cursor_g = judgment.interest_from
    annual = judgment.interest_rate.annual(365) if judgment.interest_rate is not None else None
    postings: list = []
    applied: list = []
    doubled_total = running_total = ZERO

    def accrue(upto: date, kind: str) -> None:
        """Running interest [cursor_g, upto) and the doubled part cursor_d .. upto inclusive."""
        nonlocal cursor_d, cursor_g, doubled_total, running_total
        if annual is not None and cursor_g is not None and upto > cursor_g:
            base = min(judgment.interest_base, owed["principal"])
            days = (upto - cursor_g).days
            raw = base * annual * days / 365
            amount = round_money(raw, rounding, places)
            if amount > 0:
                owed["interest"] += amount
                running_total += amount
                line = AccrualLine("interest", cursor_g, upto, days, base, annual, 365, raw, "year", "ACT/365",
                                   f"{judgment.interest_rate.text if hasattr(judgment.interest_rate, 'text') else ''}"
                                   " (judgment: 至实际清偿之日止)")
                postings.append(Posting(upto, "interest", amount, raw, kind, None, "judgment running interest",
                                        (line,)))
            cursor_g = upto
        if upto >= cursor_d:
            base = sum((owed[c] for c in base_parts), ZERO)
            days = (upto - cursor_d).days + 1
            raw = base * DAILY * days
            amount = round_money(raw, rounding, places)
            if amount > 0:
                owed["judgment_interest"] += amount
                doubled_total += amount
                line = AccrualLine("judgment_interest", cursor_d, upto + timedelta(days=1), days, base, DAILY, 1, raw,
                                   "day", "法释〔2014〕8号", "0.0175%/day (日万分之一点七五)")
                postings.append(Posting(upto, "judgment_interest", amount, raw, kind, None, "doubled interest for delay",
                                        (line,)))
            cursor_d = upto + timedelta(days=1)

    for p in sorted((p for p in payments if judgment.date <= p.date <= as_of), key=lambda p: p.date):
        accrue(p.date, "accrued")
        left = p.amount
        allocs = []
        for comp in ORDER + ("judgment_interest",):
            take = min(left, owed[comp])
            if take > 0:
                owed[comp] -= take
                left -= take
                allocs.append(Allocation(comp, "overdue", take, None))
        applied.append(AppliedPayment(p.date, p.amount, p.reference, tuple(allocs), left, p.source, "payment", p))
    accrue(as_of, "as_of")
    balance = {c: owed.get(c, ZERO) for c in COMPONENTS}
    balance["total"] = sum((balance[c] for c in COMPONENTS), ZERO)
    note = text("note.cn.judgment", document=judgment.document or str(judgment.date), date=judgment.date,
                deadline=judgment.deadline, starts=starts, costs_in_base=bool(costs_in_base),
                before_2014=judgment.deadline + timedelta(days=1) < RULE_2014_FROM)
    return JudgmentStage(judgment, balance, tuple(applied), tuple(postings), doubled_total, running_total,
                         costs_in_base, starts, note)


def merge_into(result, stage: JudgmentStage):
    """The lawful replay result with everything from the judgment's date on replaced by the stage."""
    j = stage.judgment
    zero = {c: ZERO for c in COMPONENTS}
    buckets = {"overdue": {**stage.balance}, "due": {**zero, "total": ZERO}, "not_due": {**zero, "total": ZERO}}
    charged = dict(result.charged)
    for p in stage.postings:
        charged[p.component] = charged.get(p.component, ZERO) + p.amount
    return replace(result, balance=dict(stage.balance), buckets=buckets,
                   payments=tuple(p for p in result.payments if p.date < j.date) + stage.payments,
                   postings=tuple(p for p in result.postings if p.date < j.date) + stage.postings,
                   charged=charged, credit=sum((p.to_credit for p in stage.payments), ZERO))
