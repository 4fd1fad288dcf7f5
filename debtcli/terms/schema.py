"""Contract terms: the frozen records a ``case.toml`` (schema ``debtcli/1``) becomes.

Every key of ARCHITECTURE §4 has a field here. Optional keys that were not written are ``None``
(never zero), so a rule can tell "the contract is silent" from "the contract says zero".
"""

from __future__ import annotations

from dataclasses import field, replace
from datetime import date
from decimal import Decimal

from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import Rate
from debtcli.model.records import PaymentRecord

SCHEMA = "debtcli/1"
METHODS = ("equal_installment", "equal_principal", "interest_only", "bullet", "custom", "flat")
ROUNDINGS = ("half_up", "half_even", "down")
LATE_FEE_BASES = ("installment", "principal", "interest")
OVERDUE_FROM = ("due", "next_day")
# how often installments fall due: months between two due dates (按月 / 按季 / 按半年 / 按年)
FREQUENCIES = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
FREQUENCY_ALIASES = {"按月": "monthly", "按季": "quarterly", "按半年": "half_yearly", "按年": "yearly"}
FREQUENCY_NAMES = {months: name for name, months in FREQUENCIES.items()}
FEE_PERIODS = ("monthly",)
PAID_TO = ("lender", "nominee", "third_party")
DEMAND_PERIOD_DAYS = 30  # Civil Code Art. 675: a reasonable time after the lender's demand
DAY_COUNTS = ("ACT/360", "ACT/365", "ACT/ACT", "30/360", "30E/360")
LENDER_KINDS = ("individual", "company", "bank", "licensed_nonbank", "card_issuer", "debt_buyer", "original_creditor",
                "collector")
US_LENDER_KINDS = ("original_creditor", "debt_buyer", "collector")  # jurisdiction = "us"
US_STATES = ("CA", "NY", "TX", "FL")
ITEMIZATION_BASES = ("last_statement", "charge_off", "last_payment", "transaction", "judgment")  # 12 CFR 1006.34(b)(3)
DOCUMENT_KINDS = ("letter", "statement", "suit", "threat_of_suit")
NOTICE_KEYS = ("collector", "address", "phone", "email", "hours", "creditor", "original_creditor", "account",
               "consumer_address")
JURISDICTIONS = ("cn", "us", "none")
EVENT_TYPES = ("acceleration", "rate_change", "charge_off", "waiver", "demand_notice", "acknowledgment", "fee", "cost",
               "restructure", "judgment", "prepayment")
# a prepayment (提前还款) keeps the term and levels the installment again (减少月供), or keeps the
# installment and shortens the term (缩短期限); the aliases are what a Chinese contract or core system writes
PREPAYMENT_KEEPS = ("term", "installment")
PREPAYMENT_KEEP_ALIASES = {"减少月供": "term", "期限不变": "term", "缩短期限": "installment", "月供不变": "installment"}
JUDGMENT_AMOUNTS = ("principal", "interest", "default_interest", "compound_interest", "fees", "penalties", "costs")
MAX_PLAN_MONTHS = 60  # card installment plans: at most five years (2022 card notice)
COUNTING = ("start", "both")
INTEREST_METHODS = ("daily", "per_period")
# when an LPR-linked rate takes a new fixing: on each fixing; on each anniversary of its start (对应日);
# on each 1 January (每年1月1日, the usual 重定价日 of a converted mortgage); never (the LPR in force at
# the start, for the whole term)
REPRICING = ("fixing", "anniversary", "january", "none")
REPRICING_ALIASES = {"对应日": "anniversary", "每年对应日": "anniversary", "1月1日": "january",
                     "每年1月1日": "january", "不调整": "none"}


@dataclass(frozen=True)
class RateSpec:
    """A contract rate: fixed, linked to the LPR (``LPR+0.5%``, ``4×LPR``), or relative to the contract
    rate (``+50%`` means the contract rate plus half of it, only for ``default_rate``)."""

    text: str
    fixed: Rate | None = None
    index: str | None = None  # "LPR1Y" | "LPR5Y"
    spread: Decimal = Decimal(0)  # annual fraction added to the index
    multiplier: Decimal = Decimal(1)  # "4×LPR": the index times 4 (then the spread is added)
    markup: Decimal | None = None  # relative: 0.5 for "+50%"


@dataclass(frozen=True)
class Fee:
    """A fee the contract provides for. ``withheld`` fees were kept back from the money handed
    over (砍头息 when ``component`` is interest). ``per_installment`` fees fall due with every
    installment."""

    name: str
    amount: Decimal | None = None
    rate: Decimal | None = None  # fraction of principal, instead of a fixed amount
    date: date | None = None
    withheld: bool = False
    component: str = "fees"  # fees | interest | costs | penalties
    per_installment: bool = False  # also ``period = "monthly"``: falls due with each (monthly) installment
    clause: str = ""
    paid_to: str = "lender"  # lender | nominee (a party the lender designates) | third_party


@dataclass(frozen=True)
class Disbursement:
    date: date
    amount: Decimal  # money handed over


@dataclass(frozen=True)
class CustomInstallment:
    due: date
    principal: Decimal
    interest: Decimal | None = None


@dataclass(frozen=True)
class Judgment:
    """What an effective judgment (or mediation statement) orders paid: the money per component, any
    running interest "至实际清偿之日止" as the judgment words it, and the performance deadline."""

    date: date  # the day it took effect
    deadline: date  # last day of the performance period
    amounts: dict  # component -> Decimal (JUDGMENT_AMOUNTS)
    interest_base: Decimal | None = None
    interest_rate: object | None = None  # debtcli.model.money.Rate
    interest_from: date | None = None
    document: str = ""


@dataclass(frozen=True)
class Event:
    """A non-cash event: acceleration, rate change, charge-off, waiver, demand notice,
    acknowledgment, restructure (a payment plan replacing the remaining schedule); or a fee / cost
    incurred on a date."""

    date: date
    type: str
    rate: RateSpec | None = None
    amount: Decimal | None = None
    component: str | None = None
    note: str = ""
    index: int = 0  # position in case.toml, for same-day order and evidence
    approved_by: str = ""  # waiver: who approved it (a collector may not waive on their own authority)
    approval_ref: str = ""  # waiver: the approval document or ticket
    installments: int | None = None  # restructure: number of monthly installments of the plan
    first_due: date | None = None  # restructure: the plan's first due date
    judgment: Judgment | None = None  # type = "judgment"
    keep: str = "term"  # type = "prepayment": term (the installment is levelled again) | installment (the term shortens)


@dataclass(frozen=True)
class Demand:
    """What the creditor asks for, as stated (collection letter, claim)."""

    as_of: date | None
    amounts: dict  # component -> Decimal, only the components stated
    total: Decimal | None = None
    document: str = ""
    document_kind: str = "letter"  # letter | statement | suit | threat_of_suit
    itemization_date: date | None = None  # the reference date of a US itemization (12 CFR 1006.34(b)(3))
    itemization_basis: str | None = None  # last_statement | charge_off | last_payment | transaction | judgment
    itemization: dict = field(default_factory=dict)  # the lines as the creditor states them: amount, interest,
    # fees, payments (Decimal), only those stated
    sent: date | None = None  # the date the notice is sent (validation period, 12 CFR 1006.34(b)(5))


@dataclass(frozen=True)
class LatePenalty:
    rate: Decimal
    min: Decimal | None = None
    max: Decimal | None = None


@dataclass(frozen=True)
class AnnualFee:
    """年费: ``amount`` charged on ``date`` and on each anniversary of it."""

    amount: Decimal
    date: date


@dataclass(frozen=True)
class InstallmentPlan:
    """分期: ``amount`` of principal taken out of the revolving balance on ``date`` and billed in
    ``months`` equal parts (the last takes the rest) on the following statements, each with a fee of
    ``fee_rate`` x ``amount`` (手续费, per month)."""

    date: date
    amount: Decimal
    months: int
    fee_rate: Decimal = Decimal(0)
    name: str = "installment plan"
    index: int = 0


@dataclass(frozen=True)
class CardTerms:
    """Revolving card terms (``product = "card"``)."""

    statement_day: int
    due_day: int | None = None
    due_days: int | None = None
    interest_model: str | None = None  # full_balance | unpaid_part; None = the contract is silent
    minimum_payment: Decimal = Decimal("0.10")
    late_penalty: LatePenalty | None = None
    tolerance: Decimal = Decimal(0)
    cash_advance_fee: LatePenalty | None = None
    credit_limit: Decimal | None = None
    extra: dict = field(default_factory=dict)
    minimum_floor: Decimal | None = None  # a statement balance below this is due in full
    interest_free: bool = True  # purchases keep an interest-free period when paid in full (免息期)
    interest_on_fees: bool = True  # fees and 违约金 posted on a statement bear interest from the next cycle
    annual_fee: AnnualFee | None = None
    installment_plans: tuple[InstallmentPlan, ...] = ()


@dataclass(frozen=True)
class CaseInfo:
    """[case]: who lends to whom, under which law, in which currency and language."""

    id: str
    jurisdiction: str = "none"
    state: str | None = None
    lender_kind: str = "individual"
    currency: str = "CNY"
    language: str = "zh"
    lender: str = ""
    borrower: str = ""
    filed: date | None = None
    reference: str = ""


@dataclass(frozen=True)
class Contract:
    """[contract]: the loan as agreed (principal, rate, method, dates, rounding, fees, default terms)."""

    signed: date
    principal: Decimal
    rate: RateSpec | None  # None: no interest agreed
    day_count: str | None = None  # None: silent (the engine uses DEFAULT_DAY_COUNT)
    counting: str = "start"
    method: str = "bullet"
    term_months: int | None = None
    maturity: date | None = None
    first_due: date | None = None
    interest_method: str | None = None  # None: per_period for installment methods, daily otherwise
    grace_days: int = 0
    rounding: str = "half_up"
    default_rate: RateSpec | None = None
    compound: bool = False
    penalty: Decimal | None = None
    late_fee: Decimal | None = None
    late_fee_rate: Decimal | None = None
    late_fee_base: str = "installment"  # installment | principal | interest: what late_fee_rate applies to
    allocation: tuple[str, ...] | None = None
    fees: tuple[Fee, ...] = ()
    repricing: str = "fixing"
    costs_recoverable: bool = False
    carry_precision: bool = False
    stop_accrual_on_charge_off: bool = False
    product: str = "loan"
    card: CardTerms | None = None
    clauses: dict = field(default_factory=dict)  # component -> clause text, for findings
    installment_multiple: Decimal | None = None  # the equal installment rounded to a multiple of this
    on_demand: bool = False  # maturity = "on_demand" (未约定还款期限): due a reasonable time after a demand
    demand_period_days: int = DEMAND_PERIOD_DAYS
    overdue_from: str = "due"  # due | next_day: the first day of default interest
    period_months: int = 1  # months between due dates: 1 monthly, 3 quarterly, 6 half-yearly, 12 yearly
    in_advance: bool = False  # equal installments due at the start of each period (先付): the first on signing
    interest_only_periods: int = 0  # the first installments bear interest only (前 N 期只还息), then amortise


@dataclass(frozen=True)
class Terms:
    """Everything ``case.toml`` says."""

    case: CaseInfo
    contract: Contract
    disbursements: tuple[Disbursement, ...] = ()
    installments: tuple[CustomInstallment, ...] = ()
    events: tuple[Event, ...] = ()
    payments: tuple[PaymentRecord, ...] = ()
    demand: Demand | None = None
    rules: dict = field(default_factory=dict)  # settings for the rule pack
    reconcile: dict = field(default_factory=dict)  # settings for matching
    notice: dict = field(default_factory=dict)  # [notice]: names and addresses printed on a validation notice
    files: dict = field(default_factory=dict)  # [files]: "ledger" -> name, "payments" -> tuple of names

    def with_contract(self, **changes) -> "Terms":
        return replace(self, contract=replace(self.contract, **changes))


def default_interest_method(contract: Contract) -> str:
    if contract.interest_method:
        return contract.interest_method
    return "per_period" if contract.method in INSTALLMENT_METHODS else "daily"


INSTALLMENT_METHODS = ("equal_installment", "equal_principal", "interest_only", "flat")


DEFAULT_DAY_COUNT = "ACT/360"  # creditor-favourable when the contract is silent
DEFAULT_ALLOCATION = ("costs", "penalties", "fees", "compound_interest", "default_interest", "interest", "principal")
