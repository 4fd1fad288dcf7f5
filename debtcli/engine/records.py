"""What a replay returns: its records (postings, allocations, installment rows, accrual lines) and
the result. Kept apart from the fold so that the card policy (``engine.card``) and the replay can
both use them without importing each other."""

from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO
from debtcli.model.records import COMPONENTS, SourceRef

# The records below are built several times per event. They are NamedTuples: immutable, like the
# frozen dataclasses elsewhere, and about four times quicker to build.


def balance_of(buckets: dict) -> dict:
    """The balance by component (and ``total``) of bucket -> component -> amount; each bucket gets its
    ``total`` too. A loan's result and a card's are summed the same way."""
    balance = {c: buckets["overdue"][c] + buckets["due"][c] + buckets["not_due"][c] for c in COMPONENTS}
    balance["total"] = sum((balance[c] for c in COMPONENTS), ZERO)
    for b in buckets.values():
        b["total"] = sum((b[c] for c in COMPONENTS), ZERO)
    return balance


# The same-day ranks of the replay's events (its module docstring gives their order and meaning).
RANK_DISBURSEMENT, RANK_RATE, RANK_CHARGE, RANK_DUE, RANK_PAYMENT, RANK_WAIVER, RANK_OVERDUE, RANK_ACCELERATION, \
    RANK_CHARGE_OFF, RANK_STATEMENT, RANK_NOTICE = range(11)


class Owed:
    """An amount owed and not yet paid, in the one store of a replay (``_Replay.groups``): one
    component of one installment, a charge, or a card's lot (``engine.card.Lot`` adds its interest
    history). The store keeps open items by (component, bucket), each group in the order owed;
    every payment and waiver, loan or card, is allocated over it by ``_Replay.allocate``."""

    __slots__ = ("component", "amount", "n", "due", "bucket", "order", "band")

    def __init__(self, component: str, amount: Decimal, n: int | None, due: date, bucket: str, order: int,
                 band: Decimal = ZERO):
        self.component = component
        self.amount = amount
        self.n = n  # the installment, or None
        self.due = due
        self.bucket = bucket  # overdue | due | not_due
        self.order = order  # place in the order owed
        self.band = band  # part above the account's claim limit: owed only as far as it is paid

    def cut(self, day: date, amount: Decimal) -> None:
        """``amount`` of the item was paid or waived on ``day`` (a card's lot remembers it)."""


class Event(NamedTuple):
    """One event of the replay. The first five fields are its sort key: the replay applies events by
    date, then same-day rank (``RANK_*`` above), then amount, reference and
    position. ``position`` is the event's place among the inputs of its kind, plus the block offset of
    its kind where kinds share a rank (``BLOCK_*``), so that the order never depends on the order
    the inputs came in beyond the position among equals."""

    date: date
    rank: int
    amount: Decimal
    reference: str
    position: int
    kind: str  # draw | rate | default_rate | charge | due | overdue | payment | an event type | card_*
    payload: object


# Kinds sharing a same-day rank are ordered by blocks of positions: a default-rate change after a
# rate change of the same day; a card's annual fee after its transactions, a conversion to
# installments after both.
BLOCK_DEFAULT_RATE = 1_000
BLOCK_ANNUAL_FEE = 10_000
BLOCK_CONVERSION = 20_000


class AccrualLine(NamedTuple):
    """One span of accrual: ``amount = base x rate x days / basis`` (unrounded).

    ``per`` is the rate's period: "year" (days / basis is a day count), "day", or the installment
    period of a per-period line, "month", "quarter", "half_year" or "whole_year" (``rate`` is the
    period's share of the annual rate; days / basis is the share of the period)."""

    component: str
    start: date
    end: date  # exclusive
    days: int
    base: Decimal
    rate: Decimal
    basis: int
    amount: Decimal
    per: str = "year"
    convention: str = ""
    rate_text: str = ""
    on: str = ""  # card: the kind of lot the interest runs on (purchase, cash_advance, interest, annual_fee ...)


class ChargeBase(NamedTuple):
    """What a charge for a missed payment (违约金, late fee) was computed from, for its computation
    line: ``rate`` x ``base`` within ``floor`` and ``cap``; ``base`` and ``rate`` are None for a sum
    the contract fixes. ``due`` is the due date that was missed."""

    due: date | None
    base: Decimal | None = None
    rate: Decimal | None = None
    floor: Decimal | None = None
    cap: Decimal | None = None
    part: str = "installment"  # what of the missed installment ``base`` is: installment, or a component (principal)


class Posting(NamedTuple):
    """An amount that became owed: an installment's interest, accrued default interest, a fee."""

    date: date
    component: str
    amount: Decimal  # rounded (unless carry_precision)
    raw: Decimal
    kind: str  # installment | accrued | penalty | late_fee | fee | cost | acceleration | as_of
    n: int | None = None
    name: str = ""
    lines: tuple[AccrualLine, ...] = ()
    source: SourceRef | None = None
    charge: ChargeBase | None = None  # a charge for a missed payment: what it was computed from


class Allocation(NamedTuple):
    component: str
    bucket: str  # overdue | due | not_due
    amount: Decimal
    n: int | None = None


class AppliedPayment(NamedTuple):
    date: date
    amount: Decimal
    reference: str
    allocations: tuple[Allocation, ...]
    to_credit: Decimal
    source: SourceRef | None = None
    kind: str = "payment"  # payment | waiver | withheld | credit
    # the payment record credited (a ``PaymentRecord`` of ``Account.payments``; None for the other
    # kinds): the same object in every run of the account (contractual, lawful, restructured, under a
    # judgment), so a payment is known by it from load to report, never by its position
    payment: object = None


class InstallmentRow(NamedTuple):
    n: int
    due: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    total: Decimal
    balance: Decimal  # principal not yet due after this installment
    paid: Decimal = ZERO
    paid_on: date | None = None  # the day it was fully paid
    days_late: int = 0
    status: str = ""  # paid | late | unpaid | not_due


class RoundingNote(NamedTuple):
    date: date
    component: str
    raw: Decimal
    rounded: Decimal

    @property
    def difference(self) -> Decimal:
        return self.rounded - self.raw


@dataclass(frozen=True)
class ReplayResult:
    """What a replay returns: the balances as of a date, by component and bucket, and the records of how
    they came about (installments, postings, payments as applied, rounding notes)."""

    as_of: date
    balance: dict  # component -> what it takes to settle on as_of (COMPONENTS order) + "total"
    buckets: dict  # bucket -> component -> amount
    credit: Decimal
    installments: tuple[InstallmentRow, ...]
    postings: tuple[Posting, ...]
    payments: tuple[AppliedPayment, ...]
    rounding: tuple[RoundingNote, ...]
    charged: dict  # component -> total that became owed up to as_of (principal: amount lent)
    paid: dict  # component -> total paid (payments and held credit)
    waived: dict
    accelerated_on: date | None = None
    charged_off_on: date | None = None
    first_missed: date | None = None
    last_payment: date | None = None
    events: tuple = field(default_factory=tuple)  # (date, type) of non-cash events applied
    card: object | None = None  # debtcli.engine.card.CardOutcome for card accounts
    plans: tuple = ()  # debtcli.engine.restructure.PlanOutcome of each restructure applied
    unenforced: dict = field(default_factory=dict)  # component -> unpaid interest above ``claim_limit``, not owed
    # (base, days, basis) of every span of interest and default interest posted (a per-period span:
    # basis = 12 x the days of its period), traced or not; see ``exposure``
    exposure_spans: tuple = ()

    @property
    def exposure(self):
        """The exact sum (a ``fractions.Fraction``) of base x days / basis over ``exposure_spans``:
        what an annual rate is multiplied by to give what it would have charged on the same balances
        over the same days. (fractions is imported here: only a check that reads the sum needs it.)

        The products base x days are summed per basis in Decimal at a precision that never rounds
        (a rounding would raise ``Inexact``), so only one fraction per basis is made."""
        from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Inexact, localcontext
        from fractions import Fraction

        by_basis: dict = {}
        with localcontext(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact]):
            for base, days, basis in self.exposure_spans:
                by_basis[basis] = by_basis.get(basis, 0) + base * days
        return sum((Fraction(v) / b for b, v in sorted(by_basis.items())), Fraction(0))


@dataclass(frozen=True)
class Restructure:
    """A ``[[event]] type = "restructure"`` as the replay needs it."""

    date: date
    installments: int
    first_due: date | None = None  # default: one month after ``date``
    rate: Decimal = ZERO  # annual fraction
    rate_text: str = "0%"
    amount: Decimal | None = None  # default: the whole balance on ``date``
    index: int = 0
    note: str = ""
    kind: str = "plan"  # plan | capitalize
