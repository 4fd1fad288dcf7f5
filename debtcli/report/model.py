"""The Report: everything a statement shows, already computed. Renderers only format it.

A closed, typed value: every section is a frozen record of this module (or a value record of the
layers below: terms, findings, source rows, the us pack's ``Itemization``); no engine record, no
replay result and no free-form dict. ``report.json.to_json`` turns it (and the
schedule, balance and quote reports) into the JSON of ARCHITECTURE §5.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from debtcli.engine.replay import AccrualLine
from debtcli.model.findings import Finding, Limitation
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import round_money
from debtcli.model.records import COMPONENTS, InputFile, PaymentRecord, RejectedRow, SourceRef
from debtcli.terms.schema import Terms

if TYPE_CHECKING:  # only the us pack makes one, and imports the module itself; a verify elsewhere need not
    from debtcli.rules.us_itemization import Itemization

KEYS = COMPONENTS + ("total",)


class PaymentLine(NamedTuple):
    """One payment, how the contract applies it and how it is applied lawfully. (A NamedTuple:
    immutable like the dataclasses here, and quick to build for every payment of every account.)"""

    date: date
    amount: Decimal
    reference: str
    status: str  # matched | mismatched | unposted | unverified | recorded
    contractual: dict  # component -> amount
    lawful: dict  # component -> amount
    source: SourceRef | None = None
    ledger_source: SourceRef | None = None


@dataclass(frozen=True)
class ComputationLine:
    """One span of a computation, in the form courts use: base x rate x days / basis = amount."""

    run: str  # lawful | contractual
    component: str
    start: date
    end: date  # exclusive: the last day counted is end - 1 day
    days: int
    base: Decimal
    rate: Decimal  # per ``per``
    per: str  # year | month
    basis: int
    amount: Decimal  # rounded to the minor unit: ROUND(base * rate * days / basis, places)
    raw: Decimal
    convention: str
    rate_text: str = ""
    legal_basis: str = ""
    posting: int | None = None  # index into the run's ReplayResult.postings: the amount these lines add up to
    # per == "charge": a charge for a missed payment (违约金, late fee): ``rate`` x ``base`` within ``floor`` and
    # ``cap`` (a fixed sum: ``rate`` 0, ``base`` the sum); ``start`` is the missed due date, ``end`` the posting date
    kind: str = ""  # penalty | late_fee (per == "charge")
    n: int | None = None  # the installment missed, when there is one
    floor: Decimal | None = None
    cap: Decimal | None = None
    part: str = "installment"  # the part of the missed installment the charge is a share of

    @classmethod
    def from_charge(cls, run: str, posting, places: int, legal_basis: str = "", index: int | None = None):
        ch = posting.charge
        fixed = ch.base is None or ch.rate is None
        return cls(run, posting.component, ch.due or posting.date, posting.date, 0,
                   posting.amount if fixed else ch.base, Decimal(0) if fixed else ch.rate, "charge", 1,
                   posting.amount, posting.amount if fixed else ch.base * ch.rate, "", "", legal_basis, index,
                   posting.kind, posting.n, ch.floor, ch.cap, ch.part)

    @classmethod
    def from_accrual(cls, run: str, line: AccrualLine, places: int, rounding: str, legal_basis: str = "",
                     posting: int | None = None):
        return cls(run, line.component, line.start, line.end, line.days, line.base, line.rate, line.per, line.basis,
                   round_money(line.amount, rounding, places), line.amount, line.convention, line.rate_text,
                   legal_basis, posting)


@dataclass(frozen=True)
class PostingRef:
    """A posted amount that computation lines add up to (an installment's interest, accrued default
    interest ...): which run and which of its postings, what it is, when, and how much."""

    run: str  # lawful | contractual
    index: int  # the ComputationLine.posting that points here
    kind: str
    n: int | None
    component: str
    date: date
    amount: Decimal


@dataclass(frozen=True)
class CycleInterestLine:
    component: str
    on: str  # what the interest runs on: purchase, cash_advance, interest ...
    start: date
    end: date
    last_day: date
    days: int
    base: Decimal
    rate: Decimal
    basis: int
    amount: Decimal


@dataclass(frozen=True)
class CardCycle:
    """One statement cycle of a card account (账单周期)."""

    statement_date: date
    due_date: date | None
    opening: Decimal
    new_transactions: Decimal
    payments: Decimal
    interest: Decimal
    penalties: Decimal
    closing: Decimal
    minimum_payment: Decimal
    days_past_due: int
    bucket: str
    cycle_start: date | None = None
    days: int = 0
    paid_in_full: bool = False
    interest_lines: tuple[CycleInterestLine, ...] = ()


@dataclass(frozen=True)
class CardSection:
    """A card account's cycles (lawful and per contract), its interest model, and the issuer's rows
    that could not be compared yet."""

    cycles: tuple[CardCycle, ...]
    contract_cycles: tuple[CardCycle, ...]
    interest_model: str
    interest_model_stated: bool
    unchecked_rows: tuple[tuple[SourceRef, str], ...] = ()  # (row, why)
    interest_models: tuple[tuple[str, Decimal], ...] = ()  # (model, interest charged under it)


@dataclass(frozen=True)
class ValidationPeriod:
    sent: date
    receipt: date
    end: date


@dataclass(frozen=True)
class UsSection:
    """The Regulation F itemization (rule pack ``us``), the state's charge-off block with its basis,
    and the validation period."""

    itemization: Itemization | None = None
    chargeoff: Itemization | None = None
    chargeoff_basis: str = ""
    validation: ValidationPeriod | None = None


@dataclass(frozen=True)
class PlanInstallment:
    """One installment of a payment plan that fell due by the as-of date, and how it was met."""

    n: int
    due: date
    principal: Decimal
    interest: Decimal
    total: Decimal
    paid: Decimal
    paid_on: date | None  # the day it was fully paid
    days_late: int
    status: str  # paid | late | unpaid | not_due


@dataclass(frozen=True)
class PlanSection:
    """A payment plan (restructure, 还款计划) in force per contract: the balance it replaced, the plan
    amount, its due dates and the installments that fell due by the as-of date."""

    date: date  # the day the plan was agreed
    count: int  # installments agreed
    rate_text: str  # the plan's annual rate as written
    balance_before: dict  # component (and total) -> amount owed on ``date``
    amount: Decimal  # the plan amount used
    forgiven: Decimal  # balance_before total - amount, when the plan is for less
    capped: bool  # the amount agreed was above the balance: the balance was used
    annuity: Decimal  # the equal installment
    due_dates: tuple[date, ...]
    installments: tuple[PlanInstallment, ...]
    grace_days: int = 0

    @classmethod
    def of(cls, outcome) -> "PlanSection":
        """From the replay's ``engine.restructure.PlanOutcome``."""
        r = outcome.restructure
        return cls(r.date, r.installments, r.rate_text, dict(outcome.balance_before), outcome.amount, outcome.forgiven,
                   outcome.capped, outcome.annuity, tuple(outcome.due_dates),
                   tuple(PlanInstallment(x.n, x.due, x.principal, x.interest, x.total, x.paid, x.paid_on, x.days_late,
                                         x.status) for x in outcome.installments),
                   outcome.grace_days)


class CashFlowLine(NamedTuple):
    """One cash flow of the annualised cost, as the borrower lives it: positive = received, negative = paid."""

    date: date
    period: Decimal  # time from the money received, in periods
    amount: Decimal
    what: str  # received | installment | fee | payment | balance
    n: int | None = None  # the installment
    name: str = ""  # the fee's name or the payment's reference


@dataclass(frozen=True)
class AnnualCostSection:
    """The real annualised cost of a loan (PBOC Announcement [2021] No. 3): percentages with 2 decimals,
    None where no rate solves the flows, and the cash flows they come from."""

    apr: Decimal | None  # rate per period x periods a year
    apr_effective: Decimal | None  # (1 + r)^periods - 1
    apr_actual: Decimal | None  # from the actual flows (None: no payment yet)
    period: str  # month | term
    periods_per_year: Decimal
    flows: tuple[CashFlowLine, ...]
    actual_flows: tuple[CashFlowLine, ...] = ()

    @classmethod
    def of(cls, cost) -> "AnnualCostSection":
        """From ``engine.apr.AnnualCost``."""
        def lines(flows):  # the engine's flows carry the same fields in the same order
            return tuple([CashFlowLine._make(f) for f in flows])

        return cls(cost.apr, cost.apr_effective, cost.apr_actual, cost.period, cost.periods_per_year,
                   lines(cost.flows), lines(cost.actual_flows))


@dataclass(frozen=True)
class Report:
    """What ``verify`` found for one case: the balances each way, the findings, and how they were computed."""

    terms: Terms
    as_of: date
    currency: str
    places: int
    language: str
    rules_pack: str
    rules_version: str
    demanded: dict | None  # component -> Decimal (None where not stated) ; None: no demand at all
    demand_source: str  # "demand" | "ledger" | ""
    contractual: dict  # component -> Decimal, with total
    lawful: dict
    excess: dict  # component -> Decimal | None (demanded - lawful)
    findings: tuple[Finding, ...]
    payments: tuple[PaymentLine, ...]
    payments_total: Decimal
    matched: int
    unposted: tuple[PaymentRecord, ...]
    unverified: tuple[PaymentRecord, ...]
    computation: tuple[ComputationLine, ...]
    conventions: dict  # name -> text, printed on every statement
    inputs: tuple[InputFile, ...]
    rejected: tuple[RejectedRow, ...]
    limitation: Limitation | None
    tool_version: str
    notes: tuple[str, ...] = ()  # warnings about the input that did not stop the run
    ignored: tuple[tuple[str, str], ...] = ()  # files of the case folder that were not read: (name, why)
    postings: tuple[PostingRef, ...] = ()  # the postings computation lines add up to
    plans: tuple[PlanSection, ...] = ()  # each payment plan in force, per contract
    per_diem: dict = field(default_factory=dict)  # run -> component -> what the last day before as_of added
    card: CardSection | None = None
    us: UsSection | None = None
    annual_cost: AnnualCostSection | None = None  # the real annualised cost of a loan, None for a card
    not_applied: tuple = ()  # reconcile.payments.NotApplied: payments dated after the as-of date, listed, not applied
    credit_contractual: Decimal = Decimal(0)  # paid beyond what is owed: due to the borrower (溢缴款)
    credit_lawful: Decimal = Decimal(0)

    def not_applied_in(self, file: str) -> int:
        """How many rows of ``file`` are payments after the as-of date (read, kept, not applied)."""
        return sum(1 for x in self.not_applied for src in {x.record.source, x.ledger.source if x.ledger else None}
                   if src is not None and src.file == file)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.has_errors else 0

    @property
    def verdict(self) -> str:
        """above_lawful | within_lawful | no_demand"""
        if self.demanded is None or self.demanded.get("total") is None:
            return "no_demand"
        return "above_lawful" if self.demanded["total"] > self.lawful["total"] else "within_lawful"


@dataclass(frozen=True)
class InstallmentLine:
    n: int
    due: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    total: Decimal
    balance: Decimal


@dataclass(frozen=True)
class ScheduleReport:
    """The contractual schedule (``debtcli schedule``)."""

    case_id: str
    currency: str
    places: int
    installment_amount: Decimal | None  # the equal installment, where the method has one
    installments: tuple[InstallmentLine, ...]
    conventions: dict  # name -> text

    def total(self, key: str) -> Decimal:
        return sum((getattr(r, key) for r in self.installments), Decimal(0))


@dataclass(frozen=True)
class BalanceReport:
    """What it takes to settle on a date under the contract (``debtcli balance``)."""

    case_id: str
    as_of: date
    currency: str
    places: int
    balance: dict  # component (and total) -> Decimal
    buckets: dict  # overdue | due | not_due -> component (and total) -> Decimal
    credit: Decimal
    payments_count: int
    payments_total: Decimal
    accelerated_on: date | None
    conventions: dict  # name -> text
