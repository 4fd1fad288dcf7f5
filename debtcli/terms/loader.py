"""Load and validate ``case.toml`` into ``Terms``.

Every problem is collected (key path, the value found, what was expected) and returned
together; nothing is raised for a user mistake. Unknown keys are problems too, so a typo never
silently means "not stated".
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable

from dateutil.relativedelta import relativedelta

from debtcli.model.money import ParseError, parse_amount, parse_lpr_link, parse_rate
from debtcli.model.records import COMPONENTS, Issue, PaymentRecord, SourceRef
from debtcli.terms.schema import (
    AnnualFee,
    COUNTING,
    DAY_COUNTS,
    DEMAND_PERIOD_DAYS,
    EVENT_TYPES,
    FEE_PERIODS,
    FREQUENCIES,
    FREQUENCY_ALIASES,
    FREQUENCY_NAMES,
    INSTALLMENT_METHODS,
    PREPAYMENT_KEEP_ALIASES,
    PREPAYMENT_KEEPS,
    LATE_FEE_BASES,
    OVERDUE_FROM,
    PAID_TO,
    ROUNDINGS,
    INTEREST_METHODS,
    JURISDICTIONS,
    DOCUMENT_KINDS,
    ITEMIZATION_BASES,
    LENDER_KINDS,
    MAX_PLAN_MONTHS,
    METHODS,
    NOTICE_KEYS,
    US_LENDER_KINDS,
    US_STATES,
    REPRICING,
    REPRICING_ALIASES,
    SCHEMA,
    CardTerms,
    CaseInfo,
    Contract,
    CustomInstallment,
    Demand,
    Disbursement,
    Event,
    Fee,
    InstallmentPlan,
    JUDGMENT_AMOUNTS,
    Judgment,
    LatePenalty,
    RateSpec,
    Terms,
)

_MISSING = object()


DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)
"""The dates debtcli accepts: a loan's dates, with a term, a limitation period and a court case on top,
stay far inside this range; a date outside it is a typo, and near year 9999 date arithmetic overflows."""


def check_date_range(d: date) -> date:
    if not DATE_MIN <= d <= DATE_MAX:
        raise ParseError(f"{d.isoformat()} is outside the dates debtcli accepts ({DATE_MIN} to {DATE_MAX}); a typo?")
    return d


def parse_date(value: Any) -> date:
    """A date from TOML (native date) or text: 2024-01-05, 2024/1/5, 2024.1.5, 20240105,
    2024年1月5日; between ``DATE_MIN`` and ``DATE_MAX``."""
    return check_date_range(_parse_date(value))


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: Any) -> date:
    if value.__class__ is str and len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:  # the usual 2024-01-05 (a date that does not exist gets the general path's message)
            return date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", s) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", s
    )
    if not m:
        raise ParseError(f"{s!r} is not a date (expected YYYY-MM-DD)")
    y, mo, d = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        raise ParseError(f"{s!r} is not a real date") from None


def parse_rate_spec(value: Any, allow_relative: bool = False) -> RateSpec:
    """``24%``, ``月息2分``, ``LPR+0.5%``, ``LPR5Y + 50bp``, ``4×LPR`` (also ``4*LPR``, ``4倍LPR``, ``LPR×4``),
    ``+50%`` (relative, default rate only)."""
    if value.__class__ is str:  # a portfolio repeats its rates: each text is read once (a rate that is not
        return _rate_spec_of_text(value, allow_relative)  # one raises, and is not kept)
    return _parse_rate_spec(value, allow_relative)


@lru_cache(maxsize=4096)
def _rate_spec_of_text(value: str, allow_relative: bool) -> RateSpec:
    return _parse_rate_spec(value, allow_relative)


def _parse_rate_spec(value: Any, allow_relative: bool) -> RateSpec:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ParseError(f"{value!r}: write rates as text with a unit, e.g. \"24%\"")
    s = str(value).strip()
    link = parse_lpr_link(s)
    if link is not None:
        return RateSpec(text=s, index="LPR" + link.tenor, spread=link.spread, multiplier=link.multiplier)
    if s.startswith("+"):
        if not allow_relative:
            raise ParseError(f"{s!r}: a relative rate is allowed only for default_rate")
        rel = parse_rate(s[1:])
        if rel.per != "year":
            raise ParseError(f"{s!r}: a markup is a plain percentage such as +50%")
        return RateSpec(text=s, markup=rel.value)
    return RateSpec(text=s, fixed=parse_rate(s))


def terms_problem(file: str, path: str, found: Any, expected: str) -> Issue:
    """The problem "KEY: found VALUE, expected WHAT" of a terms key (``_MISSING``: the key is missing)."""
    shown = "missing" if found is _MISSING else found.isoformat() if isinstance(found, date) else repr(found)
    return Issue(SourceRef(file, column=path), f"{path}: found {shown}, expected {expected}", code="TERMS")


def us_case_problems(case, file: str = "case.toml", why: str = 'for jurisdiction = "us"') -> list[Issue]:
    """What the us rules need of ``[case]``: a state they know and a US lender kind."""
    out = []
    if case.state not in US_STATES:
        out.append(terms_problem(file, "case.state", _MISSING if case.state is None else case.state,
                                 " | ".join(f'"{s}"' for s in US_STATES) + " " + why))
    if case.lender_kind not in US_LENDER_KINDS:
        out.append(terms_problem(file, "case.lender_kind", case.lender_kind, " | ".join(US_LENDER_KINDS) + " " + why))
    return out


class _Reader:
    """Reads typed values out of a TOML table and collects problems with their key paths."""

    def __init__(self, file: str, issues: list[Issue]):
        self.file = file
        self.issues = issues

    def problem(self, path: str, found: Any, expected: str) -> None:
        self.issues.append(terms_problem(self.file, path, found, expected))

    def get(self, table: dict, path: str, key: str, conv: Callable[[Any], Any], expected: str,
            required: bool = False, default: Any = None) -> Any:
        if key not in table:
            if required:
                self.problem(f"{path}.{key}" if path else key, _MISSING, expected)
            return default
        raw = table[key]
        try:
            return conv(raw)
        except (ParseError, ValueError, TypeError, ArithmeticError) as exc:
            full = f"{path}.{key}" if path else key
            detail = str(exc)
            if any(w in detail for w in ("has no unit", "significant digits", "a year; a typo?")):  # the point
                detail = detail.replace(f"{str(raw).strip()!r} ", "", 1)
            self.problem(full, raw, expected + (f" ({detail})" if detail and repr(raw) not in detail else ""))
            return default

    def unknown(self, table: dict, path: str, known: set[str]) -> None:
        for key in table:
            if key not in known:
                full = f"{path}.{key}" if path else key
                self.issues.append(
                    Issue(SourceRef(self.file, column=full),
                          f"{full}: unknown key (known keys here: {', '.join(sorted(known))})", code="TERMS")
                )


def _choice(options, aliases: dict[str, str] | None = None) -> Callable[[Any], str]:
    """One of ``options``, or a word ``aliases`` gives one of them for (the Chinese 按季 for quarterly)."""
    aliases = aliases or {}

    def conv(v: Any) -> str:
        if not isinstance(v, str) or aliases.get(v, v) not in options:
            raise ValueError("")
        return aliases.get(v, v)

    return conv


_frequency = _choice(FREQUENCIES, FREQUENCY_ALIASES)  # monthly ... yearly, or 按月 / 按季 / 按半年 / 按年


def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError("")
    return v


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("")
    return v


def _int_between(lo: int, hi: int) -> Callable[[Any], int]:
    def conv(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            raise ValueError("")
        return v

    return conv


def _money(v: Any) -> Decimal:
    if isinstance(v, float):
        raise ValueError("write amounts as text, e.g. \"1234.56\", so no cent is lost to binary floats")
    return parse_amount(v)


def _nonneg_money(v: Any) -> Decimal:
    amount = _money(v)
    if amount < 0:
        raise ValueError("it must not be negative")
    return amount


def _positive_money(v: Any) -> Decimal:
    amount = _money(v)
    if amount <= 0:
        raise ValueError("it must be more than zero")
    return amount


def _fraction(v: Any) -> Decimal:
    """A percentage like "5%" as a fraction."""
    rate = parse_rate(v)
    if rate.per != "year":
        raise ValueError("a plain percentage such as 5%")
    return rate.value


def _currency(v: Any) -> str:
    if not isinstance(v, str) or not re.fullmatch(r"[A-Za-z]{3}", v):
        raise ValueError("")
    return v.upper()


def _table(v: Any) -> dict:
    if not isinstance(v, dict):
        raise ValueError("")
    return dict(v)


def _text_table(v: Any) -> dict:
    return {str(k): str(x) for k, x in _table(v).items()}


def _table_list(v: Any) -> list[dict]:
    if isinstance(v, dict):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        raise ValueError("")
    return v


CASE_KEYS = {"id", "jurisdiction", "state", "lender_kind", "currency", "language", "lender", "borrower", "filed",
             "reference"}
CONTRACT_KEYS = {
    "signed", "principal", "rate", "day_count", "counting", "method", "term_months", "maturity", "first_due",
    "interest_method", "grace_days", "rounding", "default_rate", "compound", "penalty", "late_fee", "allocation",
    "fee", "repricing", "costs_recoverable", "carry_precision", "stop_accrual_on_charge_off", "product",
    "clauses",
    # card accounts
    "statement_day", "due_day", "due_days", "interest_model", "minimum_payment", "late_penalty", "tolerance",
    "cash_advance_fee", "credit_limit", "card", "minimum_floor", "interest_free", "interest_on_fees", "annual_fee",
    "installment_plan",
    # conventions of real ledgers
    "installment_multiple", "demand_period_days", "overdue_from", "frequency", "in_advance", "interest_only_periods",
}
TOP_KEYS = {"schema", "case", "contract", "disbursement", "installment", "event", "payment", "demand", "rules",
            "reconcile", "notice", "files"}


def load_terms_text(text: str, file: str = "case.toml") -> tuple[Terms | None, list[Issue]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [Issue(SourceRef(file), f"not valid TOML: {exc}", code="TERMS")]
    return terms_from_dict(data, file)


def load_terms(path) -> tuple[Terms | None, list[Issue]]:
    from pathlib import Path

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        return None, [Issue(SourceRef(p.name), f"cannot read the file: {exc.strerror}", code="TERMS")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Issue(SourceRef(p.name), "case.toml must be UTF-8 text", code="TERMS")]
    return load_terms_text(text, p.name)


def terms_from_dict(data: dict, file: str = "case.toml") -> tuple[Terms | None, list[Issue]]:
    """Validate a parsed TOML document (or the ``case`` sheet of a workbook, as a dict)."""
    issues: list[Issue] = []
    r = _Reader(file, issues)
    r.unknown(data, "", TOP_KEYS)
    schema = data.get("schema", _MISSING)
    if schema != SCHEMA:
        r.problem("schema", schema, f'"{SCHEMA}"')

    case_t = data.get("case", {})
    contract_t = data.get("contract", _MISSING)
    if not isinstance(case_t, dict):
        r.problem("case", case_t, "a table [case]")
        case_t = {}
    if contract_t is _MISSING or not isinstance(contract_t, dict):
        r.problem("contract", contract_t, "a table [contract]")
        contract_t = {}
    r.unknown(case_t, "case", CASE_KEYS)
    r.unknown(contract_t, "contract", CONTRACT_KEYS)

    case = CaseInfo(
        id=r.get(case_t, "case", "id", lambda v: str(v) if isinstance(v, (str, int)) else _text(v),
                 "a case id (text)", required=True, default="?"),
        jurisdiction=r.get(case_t, "case", "jurisdiction", _choice(JURISDICTIONS), " | ".join(JURISDICTIONS),
                           default="none"),
        state=r.get(case_t, "case", "state", _text, "a state code such as \"NY\""),
        lender_kind=r.get(case_t, "case", "lender_kind", _choice(LENDER_KINDS), " | ".join(LENDER_KINDS),
                          default="individual"),
        currency=r.get(case_t, "case", "currency", _currency,
                       "a three-letter currency code such as \"CNY\"", default="CNY"),
        language=r.get(case_t, "case", "language", _choice(("zh", "en")), "zh | en", default="zh"),
        lender=r.get(case_t, "case", "lender", _text, "text", default=""),
        borrower=r.get(case_t, "case", "borrower", _text, "text", default=""),
        filed=r.get(case_t, "case", "filed", parse_date, "a date (YYYY-MM-DD)"),
        reference=r.get(case_t, "case", "reference", _text, "text", default=""),
    )

    c = contract_t
    product = r.get(c, "contract", "product", _choice(("loan", "card")), "loan | card", default="loan")
    signed = r.get(c, "contract", "signed", parse_date, "the date the contract was formed (YYYY-MM-DD)",
                   required=True)
    principal_required = product == "loan"
    principal = r.get(c, "contract", "principal", _positive_money,
                      "the principal as written, a positive amount such as \"100000.00\"",
                      required=principal_required, default=Decimal(0))
    method = r.get(c, "contract", "method", _choice(METHODS), " | ".join(METHODS), default="bullet")
    method_valid = "method" not in c or method != "bullet" or c.get("method") == "bullet"
    term_months = r.get(c, "contract", "term_months", _int_between(1, 1200), "a whole number of months (1 to 1200)")
    on_demand = c.get("maturity") == "on_demand"
    maturity = None if on_demand else r.get(c, "contract", "maturity", parse_date,
                                            'a date (YYYY-MM-DD) or "on_demand" (no repayment term agreed)')
    first_due = r.get(c, "contract", "first_due", parse_date, "a date (YYYY-MM-DD)")
    rate = r.get(c, "contract", "rate", parse_rate_spec, "a rate such as \"24%\", \"2%/month\", \"LPR+0.5%\"")
    default_rate = r.get(c, "contract", "default_rate", lambda v: parse_rate_spec(v, allow_relative=True),
                         "a rate such as \"36%\" or a markup such as \"+50%\"")
    late_fee_raw = c.get("late_fee")
    late_fee = late_fee_rate = None
    late_fee_base = "installment"
    if isinstance(late_fee_raw, dict):
        late_fee_rate, late_fee_base = _late_fee_table(r, late_fee_raw)
    elif late_fee_raw is not None:
        if isinstance(late_fee_raw, str) and late_fee_raw.strip().endswith("%"):
            late_fee_rate = r.get(c, "contract", "late_fee", _fraction, "an amount or a percentage of the missed amount")
        else:
            late_fee = r.get(c, "contract", "late_fee", _nonneg_money, "an amount such as \"50.00\" or \"5%\"")
    allocation = r.get(c, "contract", "allocation", _allocation, "a list of components (" + ", ".join(COMPONENTS)
                       + "), each optionally prefixed by overdue:, due: or not_due:")

    fees = tuple(
        f for f in (
            _fee(r, t, f"contract.fee[{i}]", signed)
            for i, t in enumerate(r.get(c, "contract", "fee", _table_list, "[[contract.fee]] tables", default=[]))
        ) if f is not None
    )
    clauses = r.get(c, "contract", "clauses", _text_table,
                    "a table of component = clause text", default={})

    card = _card_terms(r, c) if product == "card" else None

    contract = Contract(
        signed=signed or date(1970, 1, 1),
        principal=principal if principal is not None else Decimal(0),
        rate=rate,
        day_count=r.get(c, "contract", "day_count", _choice(DAY_COUNTS), " | ".join(DAY_COUNTS)),
        counting=r.get(c, "contract", "counting", _choice(COUNTING), "start (算头不算尾) | both (算头算尾)",
                       default="start"),
        method=method,
        term_months=term_months,
        maturity=maturity,
        first_due=first_due,
        interest_method=r.get(c, "contract", "interest_method", _choice(INTEREST_METHODS), "daily | per_period"),
        grace_days=r.get(c, "contract", "grace_days", _int_between(0, 365), "a whole number of days (0 to 365)",
                         default=0),
        rounding=r.get(c, "contract", "rounding", _choice(ROUNDINGS), " | ".join(ROUNDINGS), default="half_up"),
        default_rate=default_rate,
        compound=r.get(c, "contract", "compound", _bool, "true or false", default=False),
        penalty=r.get(c, "contract", "penalty", _nonneg_money, "an amount such as \"5000.00\""),
        late_fee=late_fee,
        late_fee_rate=late_fee_rate,
        late_fee_base=late_fee_base,
        allocation=allocation,
        fees=fees,
        repricing=r.get(c, "contract", "repricing", _choice(REPRICING, REPRICING_ALIASES), " | ".join(REPRICING),
                        default="fixing"),
        costs_recoverable=r.get(c, "contract", "costs_recoverable", _bool, "true or false", default=False),
        carry_precision=r.get(c, "contract", "carry_precision", _bool, "true or false", default=False),
        stop_accrual_on_charge_off=r.get(c, "contract", "stop_accrual_on_charge_off", _bool, "true or false",
                                         default=False),
        product=product,
        card=card,
        clauses=clauses,
        installment_multiple=r.get(c, "contract", "installment_multiple", _positive_money,
                                   'a positive amount such as "1.00" or "10"'),
        on_demand=on_demand,
        demand_period_days=r.get(c, "contract", "demand_period_days", _int_between(1, 3650),
                                 "a whole number of days (1 to 3650)", default=DEMAND_PERIOD_DAYS),
        overdue_from=r.get(c, "contract", "overdue_from", _choice(OVERDUE_FROM), " | ".join(OVERDUE_FROM),
                           default="due"),
        period_months=FREQUENCIES[r.get(c, "contract", "frequency", _frequency, " | ".join(FREQUENCIES),
                                         default="monthly")],
        in_advance=r.get(c, "contract", "in_advance", _bool, "true or false", default=False),
        interest_only_periods=r.get(c, "contract", "interest_only_periods", _int_between(0, 1199),
                                    "a whole number of installments (0 to 1199)", default=0),
    )

    disbursements = tuple(
        d for d in (
            _disbursement(r, t, f"disbursement[{i}]")
            for i, t in enumerate(r.get(data, "", "disbursement", _table_list, "[[disbursement]] tables", default=[]))
        ) if d is not None
    )
    installments = tuple(
        x for x in (
            _installment(r, t, f"installment[{i}]")
            for i, t in enumerate(r.get(data, "", "installment", _table_list, "[[installment]] tables", default=[]))
        ) if x is not None
    )
    events = tuple(
        e for e in (
            _event(r, t, f"event[{i}]", i)
            for i, t in enumerate(r.get(data, "", "event", _table_list, "[[event]] tables", default=[]))
        ) if e is not None
    )
    payments = tuple(
        p for p in (
            _payment(r, t, f"payment[{i}]", i, file)
            for i, t in enumerate(r.get(data, "", "payment", _table_list, "[[payment]] tables", default=[]))
        ) if p is not None
    )
    demand = None
    if "demand" in data:
        demand = _demand(r, data["demand"]) if isinstance(data["demand"], dict) else None
        if not isinstance(data["demand"], dict):
            r.problem("demand", data["demand"], "a table [demand]")
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        r.problem("rules", rules, "a table [rules]")
        rules = {}
    reconcile = data.get("reconcile", {})
    if not isinstance(reconcile, dict):
        r.problem("reconcile", reconcile, "a table [reconcile]")
        reconcile = {}
    else:
        r.unknown(reconcile, "reconcile", {"window_days", "tolerance", "mismatch_days", "max_amount"})
        checked = {}
        for key in ("window_days", "mismatch_days"):
            v = r.get(reconcile, "reconcile", key, _int_between(0, 366), "a whole number of days (0 to 366)")
            if v is not None:
                checked[key] = v
        tol = r.get(reconcile, "reconcile", "tolerance", _nonneg_money, "an amount such as \"0.01\"")
        if tol is not None:
            checked["tolerance"] = tol
        cap = r.get(reconcile, "reconcile", "max_amount", _positive_money, "an amount such as \"5000000.00\"")
        if cap is not None:
            checked["max_amount"] = cap
        reconcile = checked

    notice = r.get(data, "", "notice", _table, "a table [notice]", default={})
    r.unknown(notice, "notice", set(NOTICE_KEYS))
    notice = {k: v for k, v in ((k, r.get(notice, "notice", k, _text, "text")) for k in NOTICE_KEYS if k in notice)
              if v is not None}
    files = _files(r, data.get("files", {}))

    terms = Terms(case=case, contract=contract, disbursements=disbursements, installments=installments,
                  events=events, payments=payments, demand=demand, rules=dict(rules), reconcile=dict(reconcile),
                  notice=notice, files=files)
    written = contract_t.get("frequency")  # a refusal quotes the frequency as the case wrote it (按季)
    _cross_checks(r, terms, signed is not None, method_valid, written if isinstance(written, str) else None)
    if any(i.severity == "error" for i in issues):
        return None, issues
    return terms, issues


def _file_name(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError("")
    name = v.strip()
    if "/" in name or "\\" in name or name in (".", "..") or name.lower() == "case.toml":
        raise ValueError("a file in the case folder, named without a path")
    return name


def _files(r: _Reader, t: Any) -> dict:
    """``[files]``: which files of the case folder hold the ledger and the payment records
    (``ledger = "台账.csv"``, ``payments = ["还款流水.csv", "回单.xlsx"]``)."""
    if not isinstance(t, dict):
        r.problem("files", t, "a table [files] with ledger and payments")
        return {}
    r.unknown(t, "files", {"ledger", "payments"})
    out: dict = {}
    ledger = r.get(t, "files", "ledger", _file_name, "a file name such as \"台账.csv\"")
    if ledger is not None:
        out["ledger"] = ledger
    if "payments" in t:
        raw = t["payments"]
        names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
        if not names:
            r.problem("files.payments", raw, "a file name or a list of file names such as [\"还款流水.csv\", "
                                             "\"回单.xlsx\"]")
        else:
            good = []
            for i, name in enumerate(names):
                try:
                    good.append(_file_name(name))
                except ValueError as exc:
                    where = f"files.payments[{i}]" if isinstance(raw, list) else "files.payments"
                    r.problem(where, name, "a file name such as \"还款流水.csv\"" + (f" ({exc})" if str(exc) else ""))
            lowered = [g.lower() for g in good]
            for g in sorted({g for g in lowered if lowered.count(g) > 1}):
                r.problem("files.payments", raw, f"each file once ({g} is named twice)")
            if len(good) == len(names):
                out["payments"] = tuple(good)
    if "ledger" in out and out["ledger"].lower() in [x.lower() for x in out.get("payments", ())]:
        r.problem("files.ledger", out["ledger"], "a file that is not also a payments file")
    return out


def _allocation(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not v:
        raise ValueError("")
    out = []
    for item in v:
        if not isinstance(item, str):
            raise ValueError("")
        bucket, _, comp = item.rpartition(":")
        if comp not in COMPONENTS or bucket not in ("", "overdue", "due", "not_due"):
            raise ValueError(f"{item!r} is not a component")
        out.append(item)
    return tuple(out)


def _fee(r: _Reader, t: dict, path: str, signed: date | None) -> Fee | None:
    r.unknown(t, path, {"name", "amount", "rate", "date", "withheld", "component", "per_installment", "clause",
                        "period", "paid_to"})
    amount = r.get(t, path, "amount", _nonneg_money, "an amount such as \"100.00\"")
    rate = r.get(t, path, "rate", _fraction, "a percentage of principal such as \"1%\"")
    if amount is None and rate is None:
        r.problem(f"{path}.amount", _MISSING, "an amount or a rate")
        return None
    if amount is not None and rate is not None:
        r.problem(f"{path}.rate", t["rate"], "either amount or rate, not both")
    period = r.get(t, path, "period", _choice(FEE_PERIODS), " | ".join(FEE_PERIODS))
    withheld = r.get(t, path, "withheld", _bool, "true or false", default=False)
    if period is not None and withheld:
        r.problem(f"{path}.withheld", True, "false for a periodic fee (it falls due with each installment)")
    return Fee(
        name=r.get(t, path, "name", _text, "text", default="fee"),
        amount=amount,
        rate=rate,
        date=r.get(t, path, "date", parse_date, "a date (YYYY-MM-DD)", default=signed),
        withheld=withheld,
        component=r.get(t, path, "component", _choice(("fees", "interest", "costs", "penalties")),
                        "fees | interest | costs | penalties", default="fees"),
        per_installment=r.get(t, path, "per_installment", _bool, "true or false", default=False) or period is not None,
        clause=r.get(t, path, "clause", _text, "text", default=""),
        paid_to=r.get(t, path, "paid_to", _choice(PAID_TO), " | ".join(PAID_TO), default="lender"),
    )


def _late_fee_table(r: _Reader, t: dict) -> tuple[Decimal | None, str]:
    """``late_fee = { rate = "1.5%", base = "installment" | "principal" | "interest" }``: a percentage of
    the part of the missed installment named by ``base``."""
    r.unknown(t, "contract.late_fee", {"rate", "base"})
    rate = r.get(t, "contract.late_fee", "rate", _fraction, 'a percentage such as "1.5%"', required=True)
    base = r.get(t, "contract.late_fee", "base", _choice(LATE_FEE_BASES), " | ".join(LATE_FEE_BASES),
                 default="installment")
    return rate, base


def _disbursement(r: _Reader, t: dict, path: str) -> Disbursement | None:
    r.unknown(t, path, {"date", "amount"})
    d = r.get(t, path, "date", parse_date, "a date (YYYY-MM-DD)", required=True)
    a = r.get(t, path, "amount", _positive_money, "a positive amount", required=True)
    return Disbursement(d, a) if d and a is not None else None


def _installment(r: _Reader, t: dict, path: str) -> CustomInstallment | None:
    r.unknown(t, path, {"due", "principal", "interest"})
    d = r.get(t, path, "due", parse_date, "a date (YYYY-MM-DD)", required=True)
    p = r.get(t, path, "principal", _nonneg_money, "an amount", required=True)
    i = r.get(t, path, "interest", _nonneg_money, "an amount")
    return CustomInstallment(d, p, i) if d and p is not None else None


def _event(r: _Reader, t: dict, path: str, index: int) -> Event | None:
    judgment_keys = {"deadline", "performance_days", "interest_base", "interest_rate", "interest_from", "document",
                     *JUDGMENT_AMOUNTS}
    if t.get("type") == "judgment":
        r.unknown(t, path, {"date", "type", "note"} | judgment_keys)
        return _judgment_event(r, t, path, index)
    r.unknown(t, path, {"date", "type", "rate", "amount", "component", "note", "approved_by", "approval_ref",
                        "installments", "first_due", "keep"})
    d = r.get(t, path, "date", parse_date, "a date (YYYY-MM-DD)", required=True)
    typ = r.get(t, path, "type", _choice(EVENT_TYPES), " | ".join(EVENT_TYPES), required=True)
    rate = r.get(t, path, "rate", parse_rate_spec, "a rate such as \"18%\"")
    amount = r.get(t, path, "amount", _nonneg_money, "an amount")
    component = r.get(t, path, "component", _choice(COMPONENTS), " | ".join(COMPONENTS))
    note = r.get(t, path, "note", _text, "text", default="")
    approved_by = r.get(t, path, "approved_by", _text, "text: who approved the waiver", default="")
    approval_ref = r.get(t, path, "approval_ref", _text, "text: the approval document or ticket", default="")
    installments = r.get(t, path, "installments", _int_between(1, MAX_PLAN_MONTHS),
                         f"a whole number of monthly installments from 1 to {MAX_PLAN_MONTHS}")
    first_due = r.get(t, path, "first_due", parse_date, "a date (YYYY-MM-DD)")
    if typ == "rate_change" and rate is None and "rate" not in t:
        r.problem(f"{path}.rate", _MISSING, "the new rate of a rate_change")
    if typ in ("waiver", "fee", "cost", "prepayment") and amount is None and "amount" not in t:
        r.problem(f"{path}.amount", _MISSING, f"the amount of the {typ}")
    keep = r.get(t, path, "keep", _choice(PREPAYMENT_KEEPS, PREPAYMENT_KEEP_ALIASES),
                 " | ".join(PREPAYMENT_KEEPS + ("减少月供", "缩短期限")), default="term")
    if "keep" in t and typ is not None and typ != "prepayment":
        r.problem(f"{path}.keep", t["keep"], "no such key except on a prepayment event")
    if typ == "restructure":
        if installments is None and "installments" not in t:
            r.problem(f"{path}.installments", _MISSING, "the number of monthly installments of the plan")
        if rate is not None and rate.fixed is None:
            r.problem(f"{path}.rate", rate.text, "a fixed rate for the plan, such as \"0%\" or \"6%\"")
        if first_due is not None and d is not None and first_due <= d:
            r.problem(f"{path}.first_due", first_due.isoformat(), f"a date after the restructure ({d})")
    elif typ is not None:
        for key in ("installments", "first_due"):
            if key in t:
                r.problem(f"{path}.{key}", t[key], "no such key except on a restructure event")
    if typ is not None and typ not in ("waiver", "restructure"):
        for key in ("approved_by", "approval_ref"):
            if key in t:
                r.problem(f"{path}.{key}", t[key], "no such key except on a waiver or restructure event")
    if d is None or typ is None:
        return None
    return Event(d, typ, rate, amount, component, note, index, approved_by, approval_ref, installments, first_due,
                 keep=keep)


def _judgment_event(r: _Reader, t: dict, path: str, index: int) -> Event | None:
    """``type = "judgment"``: the effective date, the deadline (or performance_days), the money per
    component, optional running interest (interest_base, interest_rate, interest_from), the document."""
    d = r.get(t, path, "date", parse_date, "a date (YYYY-MM-DD): the day the judgment took effect", required=True)
    deadline = r.get(t, path, "deadline", parse_date, "a date (YYYY-MM-DD): the last day of the performance period")
    days = r.get(t, path, "performance_days", _int_between(0, 3650), "a whole number of days (0 to 3650)")
    if deadline is None and days is None and "deadline" not in t and "performance_days" not in t:
        r.problem(f"{path}.deadline", _MISSING, "the performance deadline (deadline = YYYY-MM-DD or performance_days)")
    if d is not None and days is not None:
        by_days = d + relativedelta(days=days)
        if deadline is not None and deadline != by_days:
            r.problem(f"{path}.performance_days", days, f"a period ending on the deadline {deadline} (it ends on {by_days})")
        deadline = deadline or by_days
    if d is not None and deadline is not None and deadline < d:
        r.problem(f"{path}.deadline", deadline.isoformat(), f"a date on or after the judgment's date {d}")
    amounts = {}
    for comp in JUDGMENT_AMOUNTS:
        v = r.get(t, path, comp, _nonneg_money, "an amount such as \"100000.00\"")
        if v is not None:
            amounts[comp] = v
    if not amounts and not any(k in t for k in JUDGMENT_AMOUNTS):
        r.problem(f"{path}.principal", _MISSING, "the amounts the judgment orders paid (principal, interest, costs ...)")
    base = r.get(t, path, "interest_base", _nonneg_money, "an amount: the base of the running interest")
    rate = r.get(t, path, "interest_rate", parse_rate, "a rate such as \"3.65%\"")
    start = r.get(t, path, "interest_from", parse_date, "a date (YYYY-MM-DD)")
    given = [k for k in ("interest_base", "interest_rate", "interest_from") if k in t]
    if given and len(given) < 3:
        for k in ("interest_base", "interest_rate", "interest_from"):
            if k not in t:
                r.problem(f"{path}.{k}", _MISSING, "interest_base, interest_rate and interest_from go together")
    document = r.get(t, path, "document", _text, "text: the judgment's case number", default="")
    note = r.get(t, path, "note", _text, "text", default="")
    if d is None or deadline is None:
        return None
    judgment = Judgment(d, deadline, amounts, base, rate, start, document)
    return Event(d, "judgment", None, None, None, note or document, index, judgment=judgment)


def _payment(r: _Reader, t: dict, path: str, index: int, file: str) -> PaymentRecord | None:
    r.unknown(t, path, {"date", "amount", "reference", "payer", "channel"})
    d = r.get(t, path, "date", parse_date, "a date (YYYY-MM-DD)", required=True)
    a = r.get(t, path, "amount", _positive_money, "a positive amount", required=True)
    if d is None or a is None:
        return None
    return PaymentRecord(
        date=d, amount=a,
        reference=r.get(t, path, "reference", lambda v: str(v), "text", default=""),
        payer=r.get(t, path, "payer", _text, "text", default=""),
        channel=r.get(t, path, "channel", _text, "text", default=""),
        source=SourceRef(file, row=index + 1, sheet="payment"),
    )


ITEMIZATION_KEYS = {"itemization_amount": "amount", "interest_since": "interest", "fees_since": "fees",
                    "payments_since": "payments"}


def _demand(r: _Reader, t: dict) -> Demand:
    r.unknown(t, "demand", set(COMPONENTS) | {"as_of", "total", "document", "document_kind", "itemization_date",
                                              "itemization_basis", "sent"} | set(ITEMIZATION_KEYS))
    amounts = {}
    for comp in COMPONENTS:
        v = r.get(t, "demand", comp, _nonneg_money, "an amount such as \"1234.56\"")
        if v is not None:
            amounts[comp] = v
    total = r.get(t, "demand", "total", _nonneg_money, "an amount")
    if total is not None and amounts and sum(amounts.values()) != total:
        r.issues.append(Issue(SourceRef(r.file, column="demand.total"),
                              f"demand.total: found {total}, but the components add up to {sum(amounts.values())}",
                              severity="warning", code="DEMAND_ARITHMETIC"))
    itemization = {}
    for key, line in ITEMIZATION_KEYS.items():
        v = r.get(t, "demand", key, _nonneg_money, "an amount such as \"1234.56\"")
        if v is not None:
            itemization[line] = v
    return Demand(
        as_of=r.get(t, "demand", "as_of", parse_date, "a date (YYYY-MM-DD)"),
        amounts=amounts,
        total=total,
        document=r.get(t, "demand", "document", _text, "text", default=""),
        document_kind=r.get(t, "demand", "document_kind", _choice(DOCUMENT_KINDS), " | ".join(DOCUMENT_KINDS),
                            default="letter"),
        itemization_date=r.get(t, "demand", "itemization_date", parse_date, "a date (YYYY-MM-DD)"),
        itemization_basis=r.get(t, "demand", "itemization_basis", _choice(ITEMIZATION_BASES),
                                " | ".join(ITEMIZATION_BASES)),
        itemization=itemization,
        sent=r.get(t, "demand", "sent", parse_date, "a date (YYYY-MM-DD)"),
    )


def _penalty_spec(v: Any) -> LatePenalty:
    if isinstance(v, str):
        return LatePenalty(rate=_fraction(v))
    if not isinstance(v, dict) or "rate" not in v or set(v) - {"rate", "min", "max"}:
        raise ValueError("")
    return LatePenalty(
        rate=_fraction(v["rate"]),
        min=_nonneg_money(v["min"]) if "min" in v else None,
        max=_nonneg_money(v["max"]) if "max" in v else None,
    )


def _card_terms(r: _Reader, c: dict) -> CardTerms:
    extra = r.get(c, "contract", "card", _table,
                  "a table of further card settings", default={})
    due_day = r.get(c, "contract", "due_day", _int_between(1, 31), "a day of the month (1 to 31)")
    due_days = r.get(c, "contract", "due_days", _int_between(1, 27),
                     "days after the statement (1 to 27: the due date comes before the next statement)")
    if due_day is None and due_days is None:
        r.problem("contract.due_day", _MISSING, "due_day (day of month) or due_days (days after the statement)")
    return CardTerms(
        statement_day=r.get(c, "contract", "statement_day", _int_between(1, 31), "a day of the month (1 to 31)",
                            required=True, default=1),
        due_day=due_day,
        due_days=due_days,
        interest_model=r.get(c, "contract", "interest_model", _choice(("full_balance", "unpaid_part")),
                             "full_balance | unpaid_part"),
        minimum_payment=r.get(c, "contract", "minimum_payment", _fraction, "a percentage such as \"10%\"",
                              default=Decimal("0.10")),
        late_penalty=r.get(c, "contract", "late_penalty", _penalty_spec,
                           "{ rate = \"5%\", min = \"10.00\", max = \"500.00\" }"),
        tolerance=r.get(c, "contract", "tolerance", _nonneg_money, "an amount", default=Decimal(0)),
        cash_advance_fee=r.get(c, "contract", "cash_advance_fee", _penalty_spec, "{ rate = \"1%\", min = \"10.00\" }"),
        credit_limit=r.get(c, "contract", "credit_limit", _nonneg_money, "an amount"),
        extra=extra,
        minimum_floor=r.get(c, "contract", "minimum_floor", _nonneg_money, "an amount such as \"100.00\""),
        interest_free=r.get(c, "contract", "interest_free", _bool, "true or false", default=True),
        interest_on_fees=r.get(c, "contract", "interest_on_fees", _bool, "true or false", default=True),
        annual_fee=_annual_fee(r, c),
        installment_plans=tuple(
            p for p in (
                _installment_plan(r, t, f"contract.installment_plan[{i}]", i)
                for i, t in enumerate(r.get(c, "contract", "installment_plan", _table_list,
                                            "[[contract.installment_plan]] tables", default=[]))
            ) if p is not None
        ),
    )


def _annual_fee(r: _Reader, c: dict) -> AnnualFee | None:
    """``annual_fee = { amount = "300.00", date = 2020-03-05 }``: charged on the date and each anniversary."""
    t = r.get(c, "contract", "annual_fee", _table, "{ amount = \"300.00\", date = 2020-03-05 }")
    if t is None:
        return None
    r.unknown(t, "contract.annual_fee", {"amount", "date"})
    amount = r.get(t, "contract.annual_fee", "amount", _nonneg_money, "an amount", required=True)
    day = r.get(t, "contract.annual_fee", "date", parse_date, "the date of the first charge (YYYY-MM-DD)",
                required=True)
    return AnnualFee(amount, day) if amount is not None and day is not None else None


def _installment_plan(r: _Reader, t: dict, path: str, index: int) -> InstallmentPlan | None:
    r.unknown(t, path, {"date", "amount", "months", "fee_rate", "name"})
    day = r.get(t, path, "date", parse_date, "the date of the conversion (YYYY-MM-DD)", required=True)
    amount = r.get(t, path, "amount", _positive_money, "the principal converted, a positive amount", required=True)
    months = r.get(t, path, "months", _int_between(1, 60), "a number of monthly installments (1 to 60)",
                   required=True)
    fee_rate = r.get(t, path, "fee_rate", _fraction, "a monthly fee as a percentage of the amount, e.g. \"0.6%\"",
                     default=Decimal(0))
    name = r.get(t, path, "name", _text, "text", default="installment plan")
    if day is None or amount is None or months is None:
        return None
    return InstallmentPlan(day, amount, months, fee_rate, name, index)


def _cross_checks(r: _Reader, terms: Terms, have_signed: bool, method_valid: bool,
                  frequency_written: str | None = None) -> None:
    c = terms.contract
    frequency = frequency_written or FREQUENCY_NAMES[c.period_months]
    if c.product == "loan" and method_valid:
        if c.method in INSTALLMENT_METHODS and not c.term_months:
            r.problem("contract.term_months", _MISSING, f"the number of monthly installments for method {c.method}")
        if c.method == "bullet" and not (c.term_months or c.maturity or c.on_demand):
            r.problem("contract.term_months", _MISSING, 'term_months or maturity (a date or "on_demand") for a bullet loan')
        if c.on_demand and c.method != "bullet":
            r.problem("contract.maturity", "on_demand", f'a date: a loan with no repayment term has no schedule '
                      f'(method = "bullet"), not method {c.method}')
        if c.on_demand and c.term_months:
            r.problem("contract.term_months", c.term_months, 'nothing: maturity = "on_demand" means no term was agreed')
        if c.period_months != 1:
            if c.method not in INSTALLMENT_METHODS:
                r.problem("contract.frequency", frequency, 'monthly unless method is an installment method (a loan paid '
                          'in one sum has one due date; interest paid each period is method = "interest_only")')
            elif c.term_months and c.term_months % c.period_months:
                r.problem("contract.term_months", c.term_months,
                          f"a multiple of {c.period_months} months (frequency = {frequency})")
        if c.interest_only_periods:
            if c.method not in ("equal_installment", "equal_principal") or c.in_advance:
                r.problem("contract.interest_only_periods", c.interest_only_periods,
                          'nothing unless method = "equal_installment" or "equal_principal", not in advance (the first '
                          'installments bear interest only, the rest amortise the principal)')
            elif c.term_months and c.interest_only_periods >= c.term_months // c.period_months:
                r.problem("contract.interest_only_periods", c.interest_only_periods,
                          f"fewer than the {c.term_months // c.period_months} installments of the term")
        if c.in_advance and c.method != "equal_installment":
            r.problem("contract.in_advance", "true", 'nothing unless method = "equal_installment" (installments in '
                      'advance are level payments, the first on the day the loan is made)')
        if c.in_advance and (c.first_due or c.maturity):
            r.problem("contract.first_due" if c.first_due else "contract.maturity",
                      (c.first_due or c.maturity).isoformat(),
                      "nothing when in_advance = true (the first installment falls due on contract.signed)")
        if c.installment_multiple is not None and c.method != "equal_installment":
            r.problem("contract.installment_multiple", str(c.installment_multiple),
                      'nothing unless method = "equal_installment" (it rounds the level installment)')
        if c.method == "custom" and not terms.installments:
            r.problem("installment", _MISSING, "[[installment]] tables for method custom")
        if c.method != "custom" and terms.installments:
            r.problem("installment", f"{len(terms.installments)} tables", "no [[installment]] unless method = \"custom\"")
    for e in terms.events:
        if e.type == "prepayment" and c.product == "card":
            r.problem(f"event[{e.index}].type", "prepayment", "an event of a loan (a card's payments above the "
                      "balance are held as credit)")
    if c.product == "card" and c.period_months != 1:
        r.problem("contract.frequency", frequency,
                  "nothing for a card account (its statement cycle is monthly)")
    if have_signed:
        if c.first_due and c.first_due <= c.signed:
            r.problem("contract.first_due", c.first_due.isoformat(), f"a date after contract.signed ({c.signed})")
        if c.maturity and c.maturity <= c.signed:
            r.problem("contract.maturity", c.maturity.isoformat(), f"a date after contract.signed ({c.signed})")
        for e in terms.events:
            if e.date < c.signed:
                r.problem(f"event[{e.index}].date", e.date.isoformat(), f"on or after contract.signed ({c.signed})")
        for i, d in enumerate(terms.disbursements):
            if d.date < c.signed:
                r.problem(f"disbursement[{i}].date", d.date.isoformat(), f"on or after contract.signed ({c.signed})")
        last = None
        for i, inst in enumerate(terms.installments):
            if inst.due <= c.signed:
                r.problem(f"installment[{i}].due", inst.due.isoformat(), f"after contract.signed ({c.signed})")
            if last and inst.due <= last:
                r.problem(f"installment[{i}].due", inst.due.isoformat(), f"after the previous installment ({last})")
            last = inst.due
        if c.method == "custom" and terms.installments and c.product == "loan":
            total = sum((x.principal for x in terms.installments), Decimal(0))
            if total != c.principal:
                r.problem("installment", f"principal adding up to {total}",
                          f"installment principal adding up to contract.principal ({c.principal})")
        if terms.demand and terms.demand.as_of and terms.demand.as_of < c.signed:
            r.problem("demand.as_of", terms.demand.as_of.isoformat(), f"on or after contract.signed ({c.signed})")
        if terms.case.filed and terms.case.filed < c.signed:
            r.problem("case.filed", terms.case.filed.isoformat(), f"on or after contract.signed ({c.signed})")
    _us_checks(r, terms)
    if c.default_rate and c.default_rate.markup is not None and c.rate is None:
        r.problem("contract.default_rate", c.default_rate.text, "an absolute rate, since the contract states no rate")


def _us_checks(r: _Reader, terms: Terms) -> None:
    """``jurisdiction = "us"`` needs a state the pack knows and a US lender kind; the US lender kinds
    mean nothing to the other packs. An itemization date goes with its basis."""
    case, d = terms.case, terms.demand
    if case.jurisdiction == "us":
        r.issues += us_case_problems(case, r.file)
    elif case.lender_kind in ("original_creditor", "collector"):
        r.problem("case.lender_kind", case.lender_kind, f'a lender kind of jurisdiction "{case.jurisdiction}" '
                  '(original_creditor and collector are for jurisdiction = "us")')
    if d is not None and (d.itemization_date is None) != (d.itemization_basis is None):
        missing = "demand.itemization_basis" if d.itemization_basis is None else "demand.itemization_date"
        r.problem(missing, _MISSING, "itemization_date and itemization_basis go together")
    if d is not None and d.itemization_date and d.as_of and d.itemization_date > d.as_of:
        r.problem("demand.itemization_date", d.itemization_date.isoformat(), f"on or before demand.as_of ({d.as_of})")


def maturity_of(contract: Contract) -> date | None:
    """The last due date of a loan: ``maturity`` when stated, else signed + term months."""
    if contract.maturity:
        return contract.maturity
    if contract.term_months:
        start = contract.first_due - relativedelta(months=contract.period_months) if contract.first_due \
            else contract.signed
        return start + relativedelta(months=contract.term_months)
    return None
