"""US rules as data and small functions: state limitation periods and their revival rules, the
Regulation F validation period, and the rates the ``us`` pack applies (CA Civ. 3289, NY civil usury,
judgment interest). Every rule carries its citation so a finding can quote it.

Nothing here guesses a rate: a judgment rate the tables do not have stops the run with a request
for it (``InputError``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from debtcli.model.findings import text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import InputError, Issue, SourceRef
from debtcli.model.findings import Limitation

# ---------------------------------------------------------------------- federal bases

BASIS = {
    "unauthorized": "FDCPA 15 U.S.C. 1692f(1); 12 CFR 1006.22(b) (no amount unless the agreement expressly "
                    "authorizes it or law permits it)",
    "false_amount": "15 U.S.C. 1692e(2)(A); 12 CFR 1006.18 (false representation of the amount of a debt)",
    "time_barred": "12 CFR 1006.26(b) (no suit or threat of suit on a time-barred debt)",
    "itemization": "12 CFR 1006.34(c)(2)(vi)-(viii) (itemization: amount on the itemization date, interest, fees, "
                   "payments and credits since, current amount)",
    "itemization_date": "12 CFR 1006.34(b)(3) (itemization date)",
    "validation_period": "12 CFR 1006.34(b)(5) (validation period: 30 days after receipt, assumed 5 days after "
                         "sending excluding Saturdays, Sundays and legal public holidays of 5 U.S.C. 6103(a))",
    "post_chargeoff": "Regulation Z 12 CFR 1026.5(b)(2)(i) (periodic statements; an issuer that charged off the "
                      "account and stopped sending statements stopped charging interest and fees)",
}

# ---------------------------------------------------------------------- limitation by state


@dataclass(frozen=True)
class StateLimitation:
    years: int
    basis: str
    payment_revives: bool  # a part payment restarts the period
    acknowledgment_revives: str  # "never" | "before_expiry" | "always": a signed written acknowledgment


LIMITATION = {
    "CA": StateLimitation(4, "Cal. Code Civ. Proc. 337(a) (4 years, written contract); a payment does not revive; "
                             "a signed written acknowledgment before expiry restarts the period (CCP 360)",
                          False, "before_expiry"),
    "NY": StateLimitation(3, "N.Y. CPLR 214-i (3 years, consumer credit transaction); neither a payment nor an "
                             "acknowledgment revives or extends it (GOL 17-101, 17-102 as amended 2022)",
                          False, "never"),
    "TX": StateLimitation(4, "Tex. Civ. Prac. & Rem. Code 16.004 (4 years, debt); a payment does not revive a "
                             "consumer debt (Tex. Fin. Code 392.307); a signed written acknowledgment does (CPRC 16.065)",
                          False, "always"),
    "FL": StateLimitation(5, "Fla. Stat. 95.11(2)(b) (5 years, written contract); a part payment or a written "
                             "acknowledgment restarts the period (Fla. Stat. 95.04)",
                          True, "always"),
}


def limitation_period(state: str, default_date: date | None, payments: list[date], acknowledgments: list[date],
                      checked_on: date) -> Limitation | None:
    """Where the state's period stands on ``checked_on``. It runs from the default date; the last day
    of the period is the same calendar day ``years`` later (the period is open on that day and
    closed the day after). Payments and acknowledgments restart it only where the state says so."""
    rule = LIMITATION[state]
    if default_date is None:
        return None
    running_from = default_date
    restarts: list[tuple[date, str]] = []
    events = [(d, "payment") for d in payments] + [(d, "acknowledgment") for d in acknowledgments]
    for d, what in sorted(events):
        if not default_date < d <= checked_on:
            continue
        expiry = running_from + relativedelta(years=rule.years)
        if what == "payment":
            if not rule.payment_revives:
                continue
        elif rule.acknowledgment_revives == "never" or (rule.acknowledgment_revives == "before_expiry" and d > expiry):
            continue
        restarts.append((d, what))
        running_from = d
    expires = running_from + relativedelta(years=rule.years)
    expired = checked_on > expires
    return Limitation(default_date, expires, expired, tuple(restarts), (text("basis.us.limitation", state=state),),
                      checked_on, "state", running_from)


# ---------------------------------------------------------------------- validation period


def business_days_after(start: date, n: int) -> date:
    """The day that is ``n`` days after ``start`` not counting Saturdays, Sundays and the federal
    legal public holidays (5 U.S.C. 6103, with the days they are observed on), from the ``holidays``
    package."""
    import holidays

    federal = holidays.country_holidays("US", years=range(start.year, start.year + 2))
    d = start
    counted = 0
    while counted < n:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in federal:
            counted += 1
    return d


def validation_end(sent: date) -> tuple[date, date]:
    """(assumed receipt, end of the validation period) for a notice sent on ``sent``: receipt 5 days
    after sending, not counting Saturdays, Sundays and federal legal public holidays; the period ends
    30 days after receipt (12 CFR 1006.34(b)(5))."""
    receipt = business_days_after(sent, 5)
    return receipt, receipt + timedelta(days=30)


# ---------------------------------------------------------------------- rates

CA_SILENT_RATE = Decimal("0.10")
CA_SILENT_BASIS = "Cal. Civ. Code 3289(b) (10% a year after a breach when the contract states no rate)"
CA_CONTRACT_BASIS = "Cal. Civ. Code 3289(a) (the contract rate keeps running after a breach)"
NY_USURY = Decimal("0.16")
NY_USURY_BASIS = ("N.Y. Gen. Oblig. Law 5-501, Banking Law 14-a (civil usury, 16% a year); a non-bank holder cannot "
                  "rely on the originating bank's rate (Madden v. Midland Funding, 786 F.3d 246, 2d Cir. 2015)")


@dataclass(frozen=True)
class JudgmentRate:
    """The post-judgment rate path: ``points`` are (from, annual rate), with the basis."""

    points: tuple[tuple[date, Decimal], ...]
    basis: str
    note: str = ""


# Florida: the Chief Financial Officer sets the rate each quarter (Fla. Stat. 55.03(1)); a judgment takes the
# rate of its quarter and is adjusted each 1 January to the rate then in effect (55.03(3)). Only the
# quarters below have been checked against a published source; any other stops the run.
FL_RATES = (
    (date(2018, 10, 1), date(2019, 1, 1), Decimal("0.0609"), "Fla. Admin. Register notice of 2018-09-07"),
    (date(2019, 7, 1), date(2019, 10, 1), Decimal("0.0677"), "floridajudgment.com, rate for Q3 2019"),
    (date(2020, 1, 1), date(2020, 4, 1), Decimal("0.0683"), "floridajudgment.com, rate for Q1 2020"),
    (date(2023, 7, 1), date(2023, 10, 1), Decimal("0.0769"), "The Florida Bar News, previous quarter's rate"),
    (date(2023, 10, 1), date(2024, 1, 1), Decimal("0.0854"), "Fla. Admin. Register notice of 2023-09-14"),
)
NY_CONSUMER_JUDGMENT_FROM = date(2022, 4, 30)
CA_PERSONAL_DEBT_FROM = date(2023, 1, 1)
CA_PERSONAL_DEBT_LIMIT = Decimal("50000")


def _need(key: str, what: str) -> InputError:
    return InputError([Issue(SourceRef("case.toml", column=f"rules.{key}"),
                             f"{what}; debtcli does not guess a rate: add [rules] {key} (e.g. \"8.50%\") to case.toml",
                             code="RATE_MISSING")])


# States whose post-judgment interest compounds: the interest unpaid on each anniversary of the
# judgment is added to the amount that bears interest.
COMPOUNDING_BASIS = {"TX": "Tex. Fin. Code 304.006 (post-judgment interest compounds annually)"}


def compounding_dates(state: str, judgment_date: date, until: date) -> tuple[date, ...]:
    """The anniversaries of the judgment up to ``until`` on which the state compounds its
    post-judgment interest (none where it is simple interest). A judgment of 29 February compounds on
    28 February in other years."""
    if state not in COMPOUNDING_BASIS:
        return ()
    out, k = [], 1
    while (d := judgment_date + relativedelta(years=k)) <= until:
        out.append(d)
        k += 1
    return tuple(out)


def judgment_rate(state: str, judgment_date: date, amount: Decimal, until: date, settings: dict,
                  contract_rate: Decimal | None) -> JudgmentRate:
    """The post-judgment interest rate of ``state`` for a consumer judgment entered on
    ``judgment_date`` for ``amount``; ``[rules] judgment_rate`` overrides it (the rate printed on the
    judgment). A rate that cannot be sourced stops the run."""
    if "judgment_rate" in settings:
        return JudgmentRate(((judgment_date, settings["judgment_rate"]),), "the rate stated on the judgment "
                                                                           "([rules] judgment_rate)")
    consumer = settings.get("consumer_debt", True)
    if state == "NY":
        if consumer and judgment_date >= NY_CONSUMER_JUDGMENT_FROM:
            return JudgmentRate(((judgment_date, Decimal("0.02")),),
                                "N.Y. CPLR 5004(a)(1) (2% a year on a consumer-debt judgment, from 2022-04-30)")
        return JudgmentRate(((judgment_date, Decimal("0.09")),), "N.Y. CPLR 5004 (9% a year)")
    if state == "CA":
        if consumer and judgment_date >= CA_PERSONAL_DEBT_FROM and amount < CA_PERSONAL_DEBT_LIMIT:
            return JudgmentRate(((judgment_date, Decimal("0.05")),),
                                "Cal. Code Civ. Proc. 685.010(a)(2) (5% a year on a personal-debt judgment under "
                                "$50,000, from 2023-01-01)")
        return JudgmentRate(((judgment_date, Decimal("0.10")),), "Cal. Code Civ. Proc. 685.010(a)(1) (10% a year)")
    if state == "TX":
        if contract_rate is not None:
            rate = min(contract_rate, Decimal("0.18"))
            return JudgmentRate(((judgment_date, rate),), "Tex. Fin. Code 304.002 (the contract rate, at most 18% "
                                                          "a year)")
        if "prime_rate" not in settings:
            raise _need("prime_rate", f"TX post-judgment interest on a contract without a rate is the prime rate "
                                      f"published by the Consumer Credit Commissioner for the month of the judgment "
                                      f"({judgment_date:%Y-%m}), kept within 5% and 15% (Tex. Fin. Code 304.003)")
        rate = max(Decimal("0.05"), min(Decimal("0.15"), settings["prime_rate"]))
        return JudgmentRate(((judgment_date, rate),), "Tex. Fin. Code 304.003 (the prime rate, within 5%-15%)")
    if state == "FL":
        def rate_on(d: date, why: str) -> Decimal:
            for start, end, rate, _src in FL_RATES:
                if start <= d < end:
                    return rate
            raise _need("judgment_rate", f"the FL judgment rate in effect on {d} ({why}) is not in the table of "
                                         "sourced quarterly rates (Fla. Stat. 55.03)")
        points = [(judgment_date, rate_on(judgment_date, "the judgment's quarter"))]
        year = judgment_date.year + 1
        while date(year, 1, 1) <= until:
            points.append((date(year, 1, 1), rate_on(date(year, 1, 1), "annual adjustment, 55.03(3)")))
            year += 1
        return JudgmentRate(tuple(points), "Fla. Stat. 55.03 (the CFO's quarterly rate at judgment, adjusted each "
                                           "1 January)")
    raise ValueError(state)
