"""The replay: one pure fold over an account's events, in a written-down order.

The schedule, the payoff quote (balance as of a date), the history and the lawful run are all
this function with different inputs. Between two events every balance is constant, so the
interest of a span is one multiplication: cost grows with events, not days.

Same-day order (rank, then amount, then reference, then input position: ``records.Event``):

  0 disbursement      money is lent at the start of the day
  1 rate_change       a new rate (fixed, LPR repricing) applies from that day
  2 charge            fees and costs incurred that day; card: purchases, cash advances (with their
                      fee), fees posted that day, the annual fee, a conversion to installments (分期)
  3 due               an installment falls due (its interest is fixed, its principal moves to due)
  4 payment           a payment on a due date pays that installment on time; card: payments and
                      refunds (a payment on the due date or the statement date counts for it)
  5 waiver
  6 overdue           grace ends: what is still unpaid becomes overdue; penalty and late fee;
                      card: the interest-free decision for the statement and the 违约金
  7 acceleration      everything outstanding becomes overdue; card: installment parts not yet
                      billed fall due at once
  8 charge_off        card: write-off (核销), a state that does not extinguish the claim
  9 statement         card: the cycle closes (its day included): installment parts and fees are
                      billed, interest is posted, the minimum payment is set
 10 demand_notice, acknowledgment (no effect on balances; used for limitation)

A loan and a card account (``account.card``) are the same fold over one store of amounts owed
(``Owed`` items by component and bucket, each group in the order owed), one allocation
(``_Replay.allocate``) and one accrual (``_Replay._add``). They differ by a small policy
(``_Replay.policy``): the events it generates, how interest accrues (a loan's between events on
what the store holds; a card's lot by lot at its statements, ``engine.card.CardState``), how a
payment, waiver, charge or acceleration meets the store, and the result it returns.

Rounding happens at named points only: when interest falls due (an installment, an acceleration),
when accrued default or compound interest is paid, and at the as-of date. A traced run logs each
rounding with the unrounded figure. With ``carry_precision`` amounts are carried unrounded and only the
renderers round.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter, itemgetter

from debtcli.engine.account import Account, level_installment, whole_months
from debtcli.engine.daycount import act_act_pieces, basis_days, day_count_days
from debtcli.engine.exact import Accrued, round_quotient, round_ratio
from debtcli.engine.records import (  # noqa: F401 - the records are part of this module's interface
    BLOCK_DEFAULT_RATE, RANK_ACCELERATION, RANK_CHARGE, RANK_CHARGE_OFF, RANK_DISBURSEMENT, RANK_DUE, RANK_NOTICE,
    RANK_OVERDUE, RANK_PAYMENT, RANK_RATE, RANK_WAIVER, Event, AccrualLine, Allocation, AppliedPayment,
    ChargeBase, InstallmentRow, Owed, Posting, ReplayResult, RoundingNote, balance_of)
from debtcli.model.money import ROUNDING_MODES, ZERO
from debtcli.model.records import COMPONENTS, PERIOD_UNITS, SourceRef

_ACCRUING = ("interest", "default_interest", "compound_interest")
_INSTALLMENT_PARTS = ("principal", "interest", "fees")  # what makes an installment paid or unpaid
# a prepayment takes the money paid that day, after the payments (the waiver's rank)
_NONCASH_RANKS = {"waiver": RANK_WAIVER, "prepayment": RANK_WAIVER, "acceleration": RANK_ACCELERATION,
                  "charge_off": RANK_CHARGE_OFF}
_EVENT_ORDER = itemgetter(0, 1, 2, 3, 4)  # (date, same-day rank, amount, reference, input position)


# The hot paths build their records straight from a tuple of every field, skipping the keyword
# layer of a NamedTuple's constructor: ``_record(Allocation, (component, bucket, amount, n))``.
_record = tuple.__new__


_ORDER = attrgetter("order")


def replay(account: Account, as_of: date, trace: bool = True) -> ReplayResult:
    """Replay ``account`` up to ``as_of`` and return what is owed on that date and how it came about."""
    if account.restructures and account.restructures[0].date <= as_of:
        from debtcli.engine.restructure import replay_restructured

        return replay_restructured(account, as_of, trace, replay)
    return _Replay(account, trace).run(as_of)


def schedule_replay(account: Account, end: date) -> ReplayResult:
    """The installments of ``account`` (no payments, events or restructures) up to ``end``: the
    contract's schedule, every installment met on its due date. Nothing is kept owed, so no grace
    period, overdue status, default or compound interest, penalty or late fee follows an installment
    (none of them changes one; interest on principal left unpaid through a grace period would).
    Only ``installments`` (and the postings) of the result are the contract's: its balances and
    statuses say nothing."""
    if account.card is not None or account.payments or account.events or account.restructures:
        return replay(account, end, trace=False)
    run = _Replay(account, False)
    run.schedule_only = True
    return run.run(end)


def untraced(result: ReplayResult) -> ReplayResult:
    """A traced loan result as the untraced replay of the same account gives it: the same figures,
    without accrual lines and rounding notes."""
    postings = tuple(Posting(p.date, p.component, p.amount, p.raw, p.kind, p.n, p.name, (), p.source) if p.lines
                     else p for p in result.postings)
    return replace(result, postings=postings, rounding=())


class Replays:
    """The replays of one verification, each account replayed once.

    An account is known by identity (accounts are immutable; each entry keeps its account alive, so
    the identity is not reused). With ``traced=True`` every run is traced and an untraced request
    gets the same run without its trace, for a caller whose later steps need the accrual lines
    of runs it also uses untraced."""

    def __init__(self, traced: bool = False):
        self.traced = traced
        self._runs: dict = {}  # (id(account), as_of) -> (account, {trace: result})
        self._schedules: list = []  # (``_schedule_terms`` of an account, its contract schedule)

    def run(self, account: Account, as_of: date, trace: bool = False) -> ReplayResult:
        entry = self._runs.setdefault((id(account), as_of), (account, {}))[1]
        if trace not in entry:
            if not trace and True in entry and account.card is None:
                entry[False] = untraced(entry[True])
            elif not trace and self.traced and account.card is None:
                entry[True] = replay(account, as_of, True)
                entry[False] = untraced(entry[True])
            else:
                entry[trace] = replay(account, as_of, trace)
        return entry[trace]


    def schedule(self, account: Account) -> ReplayResult:
        """``contract_schedule(account)``, worked out once for the verification, and once for loan
        accounts that differ only where a schedule does not look (``_schedule_terms``): the cn pack's
        account after the rate caps often differs from the contract's only by its default rate or its
        claim limit."""
        key = (id(account), "schedule")
        entry = self._runs.get(key)
        if entry is None:
            bare = _schedule_terms(account) if account.card is None else None
            result = next((res for other, res in self._schedules if other == bare), None) \
                if bare is not None else None
            if result is None:
                result = contract_schedule(account)
                if bare is not None:
                    self._schedules.append((bare, result))
            entry = self._runs[key] = (account, result)
        return entry[1]


def _schedule_terms(account: Account) -> Account:
    """``account`` without what its contract schedule does not depend on: payments, events and
    restructures (``contract_schedule`` leaves them out), the default rate (a schedule's installments
    are met when due: nothing is ever overdue, and the schedule replay has no default-rate events, so
    they split no accrual span, which under 30/360 would move a day) and the claim limit (it splits
    what is owed, not what falls due, and is no event)."""
    return replace(account, payments=(), events=(), restructures=(), default_path=None, default_markup=None,
                   claim_limit=())


def contract_schedule(account: Account) -> ReplayResult:
    """The schedule the contract sets: ``account`` with no payments, events or restructures, replayed
    untraced to its last due date (the annualised cost and the comprehensive cost both read it)."""
    return schedule_replay(replace(account, payments=(), events=(), restructures=()), max(account.due_dates))


class _Replay:
    own_kinds = ()  # kinds of event only a policy generates (a loan has none; a card: its statements ...)

    def __init__(self, account: Account, trace: bool):
        self.a = account
        self.trace = trace
        self.mode = ROUNDING_MODES[account.rounding]
        self.quantum = Decimal(1).scaleb(-account.places)
        self.dc = account.day_count
        self.basis = basis_days(account.day_count)
        self.actual_days = account.day_count not in ("30/360", "30E/360")  # days are calendar days
        # 30-day-month days are counted from the start of a loan's installment period, or of the card
        # lot's interest history being charged (``_days``)
        self.anchored = not self.actual_days
        self.lot_start: date | None = None  # a card: the start of the lot history being charged
        self.per_period = account.interest_method == "per_period"
        self.periods_a_year = account.periods_a_year
        self.period_unit = PERIOD_UNITS[account.period_months]  # what a per-period accrual line's rate is per
        self.hold = account.method in ("equal_installment", "equal_principal", "interest_only", "flat")
        self.schedule_only = False  # see ``schedule_replay``
        # the account's settings the hot paths read, looked up once
        self.carry = account.carry_precision
        self.claim = bool(account.claim_limit)
        self.places = account.places
        self.compound = account.compound
        self.flat_base = account.flat_base

    # ------------------------------------------------------------------ helpers
    def rnd(self, x: Decimal) -> Decimal:
        if self.carry:
            return x
        return x.quantize(self.quantum, rounding=self.mode)

    def _events(self, as_of: date) -> list[Event]:
        """Every event of the account, in the replay's order (``Event``: its first five fields)."""
        a = self.a
        ev = []
        for i, (d, amt) in enumerate(a.draws):
            ev.append(_record(Event, (d, RANK_DISBURSEMENT, ZERO, "", i, "draw", amt)))
        for i, p in enumerate(a.rate_path):
            ev.append(_record(Event, (p.date, RANK_RATE, ZERO, "", i, "rate", p)))
        if not self.schedule_only:  # a schedule has nothing overdue: its default rate applies to nothing
            for i, p in enumerate(a.default_path or ()):
                ev.append(_record(Event, (p.date, RANK_RATE, ZERO, "", BLOCK_DEFAULT_RATE + i, "default_rate", p)))
        for i, ch in enumerate(a.charges):
            ev.append(_record(Event, (ch.date, RANK_CHARGE, ch.amount, ch.name, i, "charge", ch)))
        grace = timedelta(days=a.grace_days + a.overdue_lag)
        for k, d in enumerate(a.due_dates):
            ev.append(_record(Event, (d, RANK_DUE, ZERO, "", k, "due", k)))
            if not self.schedule_only:  # a schedule's installments are met when due
                ev.append(_record(Event, (d + grace, RANK_OVERDUE, ZERO, "", k, "overdue", k)))
        ev += [_record(Event, (p.date, RANK_PAYMENT, p.amount, p.reference, i, "payment", p))
               for i, p in enumerate(a.payments)]
        for e in a.events:
            ev.append(_record(Event, (e.date, _NONCASH_RANKS.get(e.type, RANK_NOTICE), e.amount or ZERO, e.note,
                                      e.index, e.type, e)))
        if self.policy is not self:
            ev += self.policy.events(as_of)
        ev.sort(key=_EVENT_ORDER)
        return ev

    # ------------------------------------------------------------------ run
    def run(self, as_of: date) -> ReplayResult:
        a = self.a
        # The store: what is owed and not yet paid (``Owed`` items, a card's lots), kept by
        # (component, bucket), each list in the order the items were owed, with its total: a
        # payment, a change of status or an accrual touches only the groups concerned, never every
        # open item (linear in events whatever is unpaid).
        self.groups: dict[tuple[str, str], list[Owed]] = {}
        self.gsum: dict[tuple[str, str], Decimal] = {}
        self.by_n: dict[int, list[Owed]] = {}  # installment -> its items not yet overdue
        self.open_parts: dict[int, int] = {}  # installment -> principal/interest/fee items still owed
        self.item_order = 0
        self.not_due = ZERO
        self.accr = {c: Accrued() for c in _ACCRUING}  # exact: base x rate x days / denominator
        self.accr_lines: dict[str, list] = {c: [] for c in _ACCRUING}
        self.accr_band = {c: Accrued() for c in _ACCRUING}
        # (base, days, denominator) of each span of interest and default interest accrued and not yet
        # posted, and of those posted (``ReplayResult.exposure``, summed only when it is read)
        self.exposure_open: dict[str, list] = {"interest": [], "default_interest": []}
        self.exposure_spans: list = []
        self.ceiling_accr = Accrued()  # what the fee ceiling allows since the last due date
        self.prepaid = ZERO  # interest withheld up front, not yet set against interest owed
        self.rate = ZERO
        self.rate_text = ""
        self.marked_up: tuple | None = None  # (rate, text) of a "+50%" default rate on the current rate
        self.default_fixed: Decimal | None = None
        self.default_text = ""
        self.credit = ZERO
        self.postings: list[Posting] = []
        self.applied: list[AppliedPayment] = []
        self.rounding: list[RoundingNote] = []
        self.charged = {c: ZERO for c in COMPONENTS}
        self.paid = {c: ZERO for c in COMPONENTS}
        self.waived = {c: ZERO for c in COMPONENTS}
        self.inst: dict[int, dict] = {}
        self.accelerated_on = None
        self.charged_off_on = None
        self.first_missed = None
        self.penalty_charged = False
        self.stopped = False
        self.last_payment = None
        self.annuity = a.annuity
        self.principal_each: Decimal | None = None  # equal principal levelled again after a prepayment
        self.period_index = 0
        self.noncash = []
        # What differs between a loan and a card: the events generated, how interest accrues, how a
        # payment, waiver, charge or acceleration meets the store, and the result. A loan's policy is
        # the replay itself; a card's is its ``CardState``, which keeps the lots' interest history.
        self.policy = self
        if a.card is not None:
            # imported here, not at the top: the card's records cost a loan's start-up some milliseconds
            from debtcli.engine.card import CardState

            self.exposure_open = {}  # the cn 24% line is a loan's: a card's spans are not kept
            self.policy = CardState(self)
        boundaries = [a.draws[0][0] if a.draws else a.signed] + list(a.due_dates)
        self.periods = boundaries
        # where each group of open items stands in the allocation order (see ``_allocation_steps``)
        self.position: dict = {}
        self.not_due_positions: list[int] = []
        for i, (bucket, comp) in enumerate(a.allocation):
            if bucket == "not_due":
                self.not_due_positions.append(i)
            else:
                self.position.setdefault((comp, bucket), i)
        # per_period interest: whether each installment period is whole (a month, a quarter ...), worked out once
        months = a.period_months
        self.whole_period = [whole_months(s, e, months) for s, e in zip(boundaries, boundaries[1:])] \
            if self.per_period else []
        self.steps_known: dict = {}  # (groups holding open items, with not-yet-due) -> allocation steps

        end = as_of + timedelta(days=1) if a.counting == "both" else as_of
        policy = self.policy
        accrue = policy.accrue
        try:
            t = None
            for ev in self._events(as_of):
                d = ev[0]
                if d > as_of:
                    break
                if t is not None and d > t:
                    accrue(t, d)
                t = d if t is None or d > t else t
                self.apply(ev)
            if t is not None and end > t:
                accrue(t, end)
            return policy.finish(as_of, end)
        finally:
            # the policy refers to the replay (a loan's is the replay itself): without this reference
            # cycle the run's state is freed as soon as it is done, not at the next garbage collection
            self.policy = None

    # ------------------------------------------------------------------ accrual
    def _all_items(self):
        for lst in self.groups.values():
            yield from lst

    def keep(self, it: Owed, in_order: bool = True) -> None:
        """Put an open item into the store, in the group of its component and bucket: at the end (it is
        the newest of its group) or, with ``in_order`` False, at its place in the order owed."""
        key = (it.component, it.bucket)
        lst = self.groups.get(key)
        if lst is None:
            self.groups[key] = [it]
            self.gsum[key] = it.amount
            return
        if in_order:
            lst.append(it)
        else:
            insort(lst, it, key=_ORDER)
        self.gsum[key] += it.amount

    def _move(self, it: Owed, bucket: str) -> None:
        """Put an open item into the group of ``bucket``, keeping the order owed."""
        old = (it.component, it.bucket)
        it.bucket = bucket
        if it.amount <= ZERO:
            return
        self.groups[old].remove(it)
        self.gsum[old] -= it.amount
        self.keep(it, in_order=False)

    def _reduce(self, it: Owed, take: Decimal) -> None:
        """``take`` of an open item is paid or waived."""
        it.amount -= take
        self.gsum[(it.component, it.bucket)] -= take
        if it.amount <= ZERO and it.n is not None and it.component in _INSTALLMENT_PARTS:
            self.open_parts[it.n] -= 1

    def _prune(self, keys) -> None:
        for key in keys:
            lst = self.groups.get(key)
            if lst and any(i.amount <= ZERO for i in lst):
                lst[:] = [i for i in lst if i.amount > ZERO]

    def default_rate(self) -> tuple[Decimal, str]:
        a = self.a
        if a.default_markup is not None:
            if self.marked_up is None:  # worked out again after each rate change
                self.marked_up = (self.rate * (1 + a.default_markup), f"{self.rate_text} +{a.default_markup * 100:g}%")
            return self.marked_up
        if self.default_fixed is not None:
            return self.default_fixed, self.default_text
        return self.rate, self.rate_text

    def _pieces(self, t0: date, t1: date):
        """(start, end, days, basis) under the day count; ACT/ACT splits at year ends."""
        if self.dc == "ACT/ACT":
            out, cur = [], t0
            for days, basis in act_act_pieces(t0, t1):
                nxt = cur + timedelta(days=days)
                out.append((cur, nxt, days, basis))
                cur = nxt
            return out
        return ((t0, t1, self._days(t0, t1), self.basis),)

    def _days(self, t0: date, t1: date) -> int:
        """The days of [t0, t1) under the day count. Under 30/360 a span is counted from an anchor:
        a loan's from the start of its installment period (the disbursement or the last due date; no
        span crosses one), a card's from the start of the lot history being charged (``lot_start``):
        the days to its end less the days to its start. The spans then add up to the whole's days
        wherever events split it; counted on their own, 30/360's month-end rules would make
        15 Mar-31 Mar-15 Apr 16 + 15 = 31 days, and a payment on the 31st would move a cent."""
        if not self.anchored:
            return day_count_days(t0, t1, self.dc)
        anchor = self.lot_start
        if anchor is None:
            anchor = self.periods[min(self.period_index, len(self.periods) - 1)]
        return day_count_days(anchor, t1, self.dc) - day_count_days(anchor, t0, self.dc)

    def _band(self, component: str, base: Decimal, rate: Decimal, t0: date, t1: date, period: tuple | None):
        """The part of a span's accrual above the claim limit in force (see ``Account.claim_limit``)."""
        steps = self.a.claim_limit
        for i, (start, limit) in enumerate(steps):
            end = steps[i + 1][0] if i + 1 < len(steps) else None
            s, e = max(t0, start), (t1 if end is None else min(t1, end))
            if limit is None or s >= e or rate <= limit:
                continue
            if period is not None:
                self.accr_band[component].add(base * (rate - limit) * (e - s).days,
                                              self.periods_a_year * (period[1] - period[0]).days)
            else:
                self.accr_band[component].add(base * (rate - limit) * self._days(s, e), self.basis)

    def _add(self, component: str, base: Decimal, rate: Decimal, t0: date, t1: date, text: str,
             period: tuple | None = None, on: str = ""):
        """The one accrual: ``base`` at ``rate`` over [t0, t1) joins the exact sum of ``component``
        (with its accrual line when traced). A loan calls it for each span between events, a card for
        each span of a lot's history (``on``: the lot's kind)."""
        if base <= ZERO or rate <= ZERO:
            return
        if self.claim:
            self._band(component, base, rate, t0, t1, period)
        exposure = self.exposure_open.get(component)
        if period is not None:
            p_days = (period[1] - period[0]).days
            days = (t1 - t0).days
            per_year = self.periods_a_year
            self.accr[component].add(base * rate * days, per_year * p_days)
            if exposure is not None:
                exposure.append((base, days, per_year * p_days))
            if self.trace:
                share = rate / per_year  # the period's rate: a twelfth a month, a quarter a quarter ...
                self.accr_lines[component].append(_record(AccrualLine, (
                    component, t0, t1, days, base, share, p_days, base * share * days / p_days, self.period_unit,
                    "per_period", text, "")))
            return
        if self.dc == "ACT/ACT":
            pieces = self._pieces(t0, t1)
        else:  # one piece: the common case, without building the list
            days = (t1 - t0).days if self.actual_days else self._days(t0, t1)
            self.accr[component].add(base * rate * days, self.basis)
            if exposure is not None:
                exposure.append((base, days, self.basis))
            if self.trace:
                self.accr_lines[component].append(_record(AccrualLine, (
                    component, t0, t1, days, base, rate, self.basis, base * rate * days / self.basis, "year",
                    self.dc, text, on)))
            return
        for s, e, days, basis in pieces:
            self.accr[component].add(base * rate * days, basis)
            if exposure is not None:
                exposure.append((base, days, basis))
            if self.trace:
                amount = base * rate * days / basis
                self.accr_lines[component].append(
                    AccrualLine(component, s, e, days, base, rate, basis, amount, "year", self.dc, text, on))

    def accrue(self, t0: date, t1: date):
        """A loan's accrual between two events, on what the store holds."""
        if self.stopped:
            return
        gsum = self.gsum
        grace_p = gsum.get(("principal", "due"), ZERO)
        overdue_p = gsum.get(("principal", "overdue"), ZERO)
        overdue_i = gsum.get(("interest", "overdue"), ZERO)
        if self.not_due > ZERO and self.rate > ZERO:
            period = self._regular_period(t0) if self.per_period else None
            # flat: the original principal bears interest for as long as any of it is outstanding
            base = self.flat_base if self.flat_base is not None else self.not_due
            self._add("interest", base, self.rate, t0, t1, self.rate_text, period)
        if self.a.fee_ceiling and self.not_due > ZERO:
            self._ceiling_accrue(t0, t1)
        if grace_p > ZERO:
            self._add("interest", grace_p, self.rate, t0, t1, self.rate_text)
        if (overdue_p > ZERO or (self.compound and overdue_i > ZERO)) and not self.schedule_only:
            drate, dtext = self.default_rate()
            if overdue_p > ZERO:
                self._add("default_interest", overdue_p, drate, t0, t1, dtext)
            if self.compound and overdue_i > 0:
                self._add("compound_interest", overdue_i, drate, t0, t1, dtext)

    def _ceiling_accrue(self, t0: date, t1: date):
        """What the ceiling (``Account.fee_ceiling``) allows on the principal outstanding for the span:
        interest and the fees re-characterised as interest may not together exceed it."""
        ceiling = ZERO
        for p in self.a.fee_ceiling:
            if p.date <= t0:
                ceiling = p.rate
        if ceiling <= ZERO:
            return
        period = self._regular_period(t0) if self.per_period else None
        if period is not None:
            self.ceiling_accr.add(self.not_due * ceiling * (t1 - t0).days,
                                  self.periods_a_year * (period[1] - period[0]).days)
        else:
            self.ceiling_accr.add(self.not_due * ceiling * self._days(t0, t1), self.basis)

    def _regular_period(self, t0: date):
        """The installment period containing t0 when per_period applies and it is a whole month."""
        if not self.per_period:
            return None
        k = self.period_index
        if k + 1 >= len(self.periods):
            return None
        start, end = self.periods[k], self.periods[k + 1]
        if start <= t0 < end and self.whole_period[k]:
            return (start, end)
        return None

    # ------------------------------------------------------------------ crystallize
    def rounded(self, acc: Accrued) -> tuple[Decimal, Decimal]:
        """An exact accrual as (unrounded, rounded at the minor unit under the account's mode): the
        rounding of every named point (with ``carry_precision`` the amount is carried unrounded)."""
        raw = acc.value()
        return raw, (raw if self.carry else round_quotient(raw, acc.num, acc.den, self.places, self.mode))

    def crystallize(self, component: str, when: date, kind: str, n: int | None, bucket: str) -> Decimal:
        acc = self.accr[component]
        raw, amount = self.rounded(acc)
        band = ZERO
        if self.claim and self.accr_band[component]:
            # the part above the claim limit; the enforceable rest is rounded as a computation at the
            # enforceable rate would be
            held = self.accr_band[component]
            rest = Accrued()
            rest.add(acc.num, acc.den)
            rest.add(-held.num, held.den)
            band = amount - (rest.value() if self.carry else round_ratio(rest.num, rest.den, self.places, self.mode))
            held.reset()
        acc.reset()
        self._post_exposure(component, amount > 0)
        lines = ()
        if self.trace:
            lines = tuple(self.accr_lines[component])
            self.accr_lines[component] = []
        if self.trace and raw != amount:
            self.rounding.append(RoundingNote(when, component, raw, amount))
        if component == "compound_interest" and self.a.compound_limit is not None:  # cut to the limit
            amount = min(amount, max(ZERO, self.a.compound_limit - self.charged["compound_interest"]))
        if amount > 0:
            self.owe(component, amount, n, when, bucket, band)
            self.postings.append(_record(Posting, (when, component, amount, raw, kind, n, "", lines, None, None)))
        return amount

    def _post_exposure(self, component: str, posted: bool) -> None:
        """The spans accrued for ``component`` are crystallised: they count in ``exposure`` when a
        posting carries them (as its accrual lines), and are dropped with them otherwise."""
        open_ = self.exposure_open.get(component)
        if open_:
            if posted:
                self.exposure_spans += open_
            open_.clear()

    def owe(self, component: str, amount: Decimal, n: int | None, due: date, bucket: str, band: Decimal = ZERO):
        if component != "principal":
            self.charged[component] += amount
        if self.prepaid > ZERO and component == "interest":
            # interest withheld up front is interest paid in advance: it meets interest as it is owed
            take = min(self.prepaid, amount)
            self.prepaid -= take
            self.paid["interest"] += take
            amount -= take
        if amount <= ZERO or self.schedule_only:  # nothing owed (amounts are never negative), or
            return  # a schedule's installment, met when due
        it = Owed(component, amount, n, due, bucket, self.item_order, band)
        self.item_order += 1
        self.keep(it)  # the newest item: the list stays in the order owed
        if n is not None:
            if bucket == "due":
                if n in self.by_n:
                    self.by_n[n].append(it)
                else:
                    self.by_n[n] = [it]
            if component in _INSTALLMENT_PARTS:
                self.open_parts[n] = self.open_parts.get(n, 0) + 1

    # ------------------------------------------------------------------ events
    def apply(self, ev):
        d, rank, _, _, idx, kind, payload = ev
        a = self.a
        if kind == "payment":  # the three kinds most events are come first
            self.policy.pay(d, payload.amount, payload.reference, payload.source, "payment", record=payload)
            self.last_payment = d
        elif kind == "due":
            self.due(d, payload)
        elif kind == "overdue":
            self.overdue(d, payload)
        elif kind == "draw":
            self.not_due += payload
            self.charged["principal"] += payload
        elif kind == "rate":
            changed = self.rate != payload.rate and self.rate_text != ""
            self.rate, self.rate_text = payload.rate, payload.text
            self.marked_up = None
            if changed and self.annuity is not None and a.reamortize_on_rate_change and not a.carry_precision:
                self._relevel(d)
        elif kind == "default_rate":
            self.default_fixed, self.default_text = payload.rate, payload.text
        elif kind == "charge":
            self.policy.charge(d, payload)
        elif kind == "waiver":
            self.policy.waive(d, payload)
        elif kind == "prepayment":
            self.prepay(d, payload)
        elif kind == "acceleration":
            self.policy.accelerate(d)
            self.noncash.append((d, kind))
        elif kind == "charge_off":
            if self.charged_off_on is None:
                self.charged_off_on = d
                if a.stop_accrual_on_charge_off:
                    self.stopped = True
            self.noncash.append((d, kind))
        elif kind in self.policy.own_kinds:
            self.policy.apply(ev)
        else:
            self.noncash.append((d, kind))

    def charge(self, d: date, ch):
        comp = ch.component if ch.component in COMPONENTS else "fees"
        if ch.withheld and comp == "interest":
            # interest kept back from the money handed over: paid in advance under the contract
            self.prepaid += ch.amount
            self.applied.append(AppliedPayment(d, ch.amount, f"withheld: {ch.name}", (), ZERO, ch.source, "withheld"))
            return
        self.owe(comp, ch.amount, None, d, "due")
        self.postings.append(Posting(d, comp, ch.amount, ch.amount, "fee" if comp != "costs" else "cost", None,
                                     ch.name, (), ch.source))
        if ch.withheld:
            self.pay(d, ch.amount, f"withheld: {ch.name}", ch.source, "withheld", only=comp)

    def due(self, d: date, k: int):
        a = self.a
        n = k + 1
        if self.accelerated_on is not None:
            self.period_index = k + 1
            return
        fixed_interest = a.interest_plan[k] if k < len(a.interest_plan) else None
        if fixed_interest is not None:
            raw = self.accr["interest"].value()
            lines = tuple(self.accr_lines["interest"])
            self.accr["interest"].reset()
            self._post_exposure("interest", fixed_interest > 0)
            self.accr_lines["interest"] = []
            self.accr_band["interest"].reset()
            interest = fixed_interest
            if interest > 0:
                self.owe("interest", interest, n, d, "due")
                self.postings.append(Posting(d, "interest", interest, raw, "installment", n, "", lines))
        else:
            interest = self.crystallize("interest", d, "installment", n, "due")
        last = k == len(a.due_dates) - 1
        planned = a.principal_plan[k] if k < len(a.principal_plan) else None
        if last:
            principal = self.not_due
        elif planned is not None:
            if self.principal_each is not None and planned > 0:  # levelled again after a prepayment
                planned = self.principal_each
            principal = min(planned, self.not_due)
        elif self.annuity is not None:
            principal = max(ZERO, min(self.not_due, self.annuity - interest))
        else:
            principal = ZERO
        if principal > 0:
            self.not_due -= principal
            self.owe("principal", principal, n, d, "due")
        fees = ZERO
        room = None
        if a.fee_ceiling:  # fees re-characterised as interest: within what the ceiling leaves after the interest
            allowed = round_ratio(self.ceiling_accr.num, self.ceiling_accr.den, a.places, self.mode)
            self.ceiling_accr.reset()
            room = max(ZERO, allowed - interest)
        for i, (name, amount) in enumerate(a.installment_fees):
            if room is not None and i < len(a.fees_as_interest) and a.fees_as_interest[i]:
                take = min(amount, room)
                room -= take
                if take > 0:
                    self.owe("interest", take, n, d, "due")
                    self.postings.append(Posting(d, "interest", take, amount, "fee_as_interest", n, name))
                interest += take
                continue
            self.owe("fees", amount, n, d, "due")
            self.postings.append(Posting(d, "fees", amount, amount, "fee", n, name))
            fees += amount
        self.inst[n] = {"due": d, "principal": principal, "interest": interest, "fees": fees,
                        "balance": self.not_due}
        self.period_index = k + 1
        if self.credit > 0:
            self.pay(d, ZERO, "credit held", None, "credit")

    def overdue(self, d: date, k: int):
        n = k + 1
        if n not in self.inst:
            return
        unpaid = ZERO
        unpaid_parts: dict = {}
        for it in self.by_n.pop(n, ()):
            if it.bucket != "overdue":
                self._move(it, "overdue")
                if it.component in _INSTALLMENT_PARTS:
                    unpaid += it.amount
                    unpaid_parts[it.component] = unpaid_parts.get(it.component, ZERO) + it.amount
        if unpaid <= 0:
            return
        if self.first_missed is None:
            self.first_missed = self.inst[n]["due"]
        if self.schedule_only:
            return
        a = self.a
        if a.penalty is not None and a.penalty > 0 and not self.penalty_charged:
            self.penalty_charged = True
            self.owe("penalties", a.penalty, n, d, "overdue")
            self.postings.append(Posting(d, "penalties", a.penalty, a.penalty, "penalty", n, "penalty", (), None,
                                         ChargeBase(self.inst[n]["due"])))
        fee = None
        charge = ChargeBase(self.inst[n]["due"])
        if a.late_fee is not None:
            fee = a.late_fee
        elif a.late_fee_rate is not None:
            base = unpaid if a.late_fee_base == "installment" else unpaid_parts.get(a.late_fee_base, ZERO)
            raw = base * a.late_fee_rate
            fee = self.rnd(raw)
            charge = ChargeBase(self.inst[n]["due"], base, a.late_fee_rate, part=a.late_fee_base)
        if fee:
            self.owe("penalties", fee, n, d, "overdue")
            self.postings.append(Posting(d, "penalties", fee, fee, "late_fee", n, "late fee", (), None, charge))

    def accelerate(self, d: date):
        if self.accelerated_on is not None:
            return
        self.accelerated_on = d
        self.crystallize("interest", d, "acceleration", None, "overdue")
        if self.not_due > 0:
            self.owe("principal", self.not_due, None, d, "overdue")
            self.not_due = ZERO
        for key in [k for k in self.groups if k[1] != "overdue"]:
            for it in list(self.groups[key]):
                self._move(it, "overdue")
        for items in self.by_n.values():
            for it in items:
                it.bucket = "overdue"
        if self.credit > 0:
            self.pay(d, ZERO, "credit held", None, "credit")

    def waive(self, d: date, e):
        comps = (e.component,) if e.component else tuple(c for _, c in self.a.allocation)
        left = e.amount or ZERO
        allocs = []
        for comp in dict.fromkeys(comps):
            if left <= 0:
                break
            if comp in _ACCRUING and self.accr[comp].num > 0:
                self.crystallize(comp, d, "accrued", None, "overdue")
            candidates = self.groups.get((comp, "overdue"), []) + self.groups.get((comp, "due"), [])
            for it in sorted(candidates, key=lambda i: (i.bucket != "overdue", i.due, i.order)):
                if left <= 0:
                    break
                take = min(left, it.amount)
                self._reduce(it, take)
                left -= take
                self.waived[comp] += take
                allocs.append(Allocation(comp, it.bucket, take, it.n))
        self._prune(list(self.groups))
        self.applied.append(AppliedPayment(d, (e.amount or ZERO) - left, e.note or "waiver", tuple(allocs), ZERO,
                                           SourceRef("case.toml", column=f"event[{e.index}]"), "waiver"))

    def prepay(self, d: date, e):
        """A prepayment (提前还款): ``e.amount`` of the money held on this day (the day's payments after
        what was due) goes to the principal not yet due. Interest runs on the lower balance from this
        day. With ``keep = "term"`` the level installment is worked out again over the amortising
        installments left (减少月供; equal principal: the principal left in equal parts); with
        ``keep = "installment"`` it stays and the term shortens (缩短期限): the last installments take
        what is left, then nothing."""
        take = min(e.amount or ZERO, self.credit, self.not_due)
        if take <= 0:
            return
        self.credit -= take
        self.not_due -= take
        self.paid["principal"] += take
        allocs = (_record(Allocation, ("principal", "not_due", take, None)),)
        self.applied.append(_record(AppliedPayment, (d, ZERO, e.note or "prepayment", allocs, self.credit,
                                                     SourceRef("case.toml", column=f"event[{e.index}]"), "credit",
                                                     None)))
        if e.keep == "term":
            self._relevel(d)

    def _relevel(self, d: date) -> None:
        """Work the installment out again on ``d`` over the installments left that amortise (those of
        interest only do not): the level installment on the principal not yet due at the rate in
        force; for equal principal, that principal in equal parts."""
        a = self.a
        remaining = sum(1 for k, x in enumerate(a.due_dates) if x > d and k >= a.interest_only_installments)
        if not remaining or self.not_due <= 0:
            return
        if self.annuity is not None:
            self.annuity = level_installment(self.not_due, self.rate / self.periods_a_year, remaining, a.rounding,
                                             a.places, a.installment_multiple)
        elif a.method == "equal_principal":
            self.principal_each = self.rnd(self.not_due / remaining)

    def _allocation_steps(self, open_keys: tuple, with_not_due: bool) -> list[tuple[str, str]]:
        """The entries of the allocation order that can take money now, in that order: those whose
        group holds open items, and the not-yet-due entries when money may go there. (Entries with
        nothing to take are skipped without a visit; a not-yet-due interest entry that crystallises
        interest takes all of it itself.)"""
        known = (open_keys, with_not_due)
        found = self.steps_known.get(known)
        if found is not None:
            return found
        steps = [self.position[key] for key in open_keys if key in self.position]
        if with_not_due:
            steps += self.not_due_positions
        allocation = self.a.allocation
        found = self.steps_known[known] = tuple(allocation[i] for i in sorted(steps))
        return found

    def allocate(self, steps, left: Decimal, allocs: list, d: date | None = None, label: str | None = None,
                 cut: bool = False, loan_not_due: bool = False) -> Decimal:
        """The one allocation, for loans and cards: ``left`` goes to the store's open items step by step
        of ``steps`` ((bucket, component) pairs of the allocation order), each group in the order owed,
        and what is left is returned. Each amount taken is one ``Allocation`` (bucket ``label``, else
        the step's). With ``cut`` each item is told of its cut on ``d`` (a card's lot keeps it for its
        interest); with ``loan_not_due`` a not-yet-due step goes to a loan's principal outstanding and
        the interest accrued so far (``_take_not_due``)."""
        groups, gsum, open_parts = self.groups, self.gsum, self.open_parts
        for bucket, comp in steps:
            if left <= ZERO:
                break
            if loan_not_due and bucket == "not_due":
                left = self._take_not_due(d, comp, left, allocs)
                continue
            key = (comp, bucket)
            lst = groups.get(key)
            if not lst:
                continue
            part = comp in _INSTALLMENT_PARTS
            tag = label or bucket
            settled = 0  # the items paid off: a prefix of the list (a group is paid in order)
            for it in lst:
                owed = it.amount
                if owed <= left:
                    take = owed
                    it.amount = ZERO
                    settled += 1
                    if part and it.n is not None:
                        open_parts[it.n] -= 1
                else:
                    take = left
                    it.amount = owed - take
                gsum[key] -= take
                left -= take
                allocs.append(_record(Allocation, (comp, tag, take, it.n)))
                if cut:
                    it.cut(d, take)
                if left <= ZERO:
                    break
            if settled:
                del lst[:settled]
        return left

    def _take_not_due(self, d: date, comp: str, left: Decimal, allocs: list) -> Decimal:
        """A loan's not-yet-due step: the interest accrued so far (owed from now on, as interest of the
        next installment) or the principal outstanding."""
        if comp == "interest" and self.accr["interest"].num > 0:
            n_next = self.period_index + 1 if self.period_index < len(self.a.due_dates) else None
            self.crystallize("interest", d, "accrued", n_next, "due")
            return self.allocate((("due", "interest"),), left, allocs, label="not_due")
        if comp == "principal" and self.not_due > 0:
            take = min(left, self.not_due)
            self.not_due -= take
            allocs.append(Allocation(comp, "not_due", take, None))
            return left - take
        return left

    def pay(self, d: date, amount: Decimal, reference: str, source, kind: str, only: str | None = None,
            settle: bool = False, record=None):
        """Allocate ``amount`` plus any held credit by the allocation order (``record``: the payment
        record it comes from, kept on the result)."""
        # accrued default and compound interest is owed the moment a payment could meet it
        accr = self.accr
        if accr["default_interest"].num > ZERO:
            self.crystallize("default_interest", d, "accrued", None, "overdue")
        if accr["compound_interest"].num > ZERO:
            self.crystallize("compound_interest", d, "accrued", None, "overdue")
        left = amount + self.credit
        self.credit = ZERO
        allocs: list[Allocation] = []
        use_not_due = settle or not self.hold or self.accelerated_on is not None \
            or (left >= self.not_due > ZERO and self.period_index < len(self.a.due_dates) - 1
                and not self.schedule_only and left >= self._payoff())
        groups = self.groups
        open_parts = self.open_parts
        open_keys = tuple([k for k, lst in groups.items() if lst])
        steps = self._allocation_steps(open_keys, use_not_due or only is not None)
        if only is not None:
            steps = [step for step in steps if step[1] == only]
        left = self.allocate(steps, left, allocs, d, loan_not_due=True)
        if allocs:
            paid, inst = self.paid, self.inst
            for comp, _, take, n in allocs:
                paid[comp] += take
                rec = inst.get(n) if n is not None else None
                if rec is not None:
                    rec["paid"] = rec.get("paid", ZERO) + take
                    if "paid_on" not in rec and not open_parts.get(n):
                        rec["paid_on"] = d
        self.credit = left
        if kind == "credit" and not allocs:
            return
        # ``amount`` is the cash of this record; its allocations may also spend credit held before
        # (``from_credit``), so the allocations of all records plus the credit left add up to the cash.
        self.applied.append(_record(AppliedPayment, (d, amount, reference, tuple(allocs), left, source, kind, record)))

    def _payoff(self) -> Decimal:
        """What settles the loan now: every open item, the principal not yet due and the interest
        accrued to this day, rounded as it would be crystallised (less interest paid in advance).
        An installment loan's early payment is held for the next due date unless it is at least this
        much before the period of the last installment: then it is a prepayment that settles the
        loan on its day (提前结清), with interest for the time actually borrowed (the balance a payoff
        quote gives for that day; Civil Code Art. 677, Provisions on private lending Art. 30). The
        last installment paid before its due date is held like any other."""
        acc = self.accr["interest"]
        interest = max(ZERO, self.rounded(acc)[1] - self.prepaid) if acc.num > 0 else ZERO
        return sum(self.gsum.values(), ZERO) + self.not_due + interest

    # ------------------------------------------------------------------ finish
    def finish(self, as_of: date, end: date) -> ReplayResult:
        a = self.a
        for comp in _ACCRUING:
            if self.accr[comp].num > 0:
                kind = "as_of"
                n_next = self.period_index + 1 if comp == "interest" and self.period_index < len(a.due_dates) else None
                self.crystallize(comp, as_of, kind, n_next, "due" if comp == "interest" else "overdue")
        if self.credit > 0:
            self.pay(as_of, ZERO, "credit held", None, "credit", settle=True)
        unenforced: dict = {}
        if a.claim_limit:
            for it in list(self._all_items()):
                if it.band > ZERO:  # what is unpaid of the part above the claim limit is not owed
                    cut = min(it.band, it.amount)
                    self._reduce(it, cut)
                    self.charged[it.component] -= cut
                    unenforced[it.component] = unenforced.get(it.component, ZERO) + cut
            self._prune(list(self.groups))
        buckets = {b: {c: ZERO for c in COMPONENTS} for b in ("overdue", "due", "not_due")}
        overdue, due, not_due = buckets["overdue"], buckets["due"], buckets["not_due"]
        inst = self.inst
        open_by_n: dict = {}  # installment -> what is still owed of its principal, interest and fees
        for (comp, bucket), items in self.groups.items():  # one pass over the open items
            part = comp in _INSTALLMENT_PARTS
            for it in items:
                n = it.n
                if bucket == "overdue":
                    overdue[comp] += it.amount
                elif it.due < as_of or (n is not None and n in inst and it.due <= as_of):
                    due[comp] += it.amount
                else:
                    not_due[comp] += it.amount
                if part and n is not None:
                    open_by_n[n] = open_by_n.get(n, ZERO) + it.amount
        not_due["principal"] += self.not_due
        balance = balance_of(buckets)
        rows = []
        grace = timedelta(days=a.grace_days)
        for n in sorted(self.inst):
            rec = self.inst[n]
            total = rec["principal"] + rec["interest"] + rec["fees"]
            paid = rec.get("paid", ZERO)
            paid_on = rec.get("paid_on")
            open_amt = open_by_n.get(n, ZERO)
            if open_amt == 0:
                status = "paid" if paid_on is None or paid_on <= rec["due"] + grace else "late"
                days_late = max(0, (paid_on - rec["due"]).days) if paid_on else 0
            else:
                status = "unpaid"
                paid_on = None
                days_late = max(0, (as_of - rec["due"]).days)
            rows.append(_record(InstallmentRow, (n, rec["due"], rec["principal"], rec["interest"], rec["fees"], total,
                                                 rec["balance"], paid, paid_on, days_late, status)))
        return ReplayResult(
            as_of=as_of,
            balance=balance,
            buckets=buckets,
            credit=self.credit,
            installments=tuple(rows),
            postings=tuple(self.postings),
            payments=tuple(self.applied),
            rounding=tuple(self.rounding),
            charged=dict(self.charged),
            paid=dict(self.paid),
            waived=dict(self.waived),
            accelerated_on=self.accelerated_on,
            charged_off_on=self.charged_off_on,
            first_missed=self.first_missed,
            last_payment=self.last_payment,
            events=tuple(self.noncash),
            unenforced=unenforced,
            exposure_spans=tuple(self.exposure_spans),
        )
