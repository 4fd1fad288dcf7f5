"""Words and number forms of the statement in Chinese and English.

Dates, amounts, rates and the court form of a computation line (以本金……为基数，按年利率……计算，
自……至……，共……天，计……元) are written here, so that every format says a figure the same way.
Presentation only: nothing here computes a figure.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from debtcli.messages import word_table
from debtcli.model.money import HUNDRED, fmt_grouped
from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, PERIOD_MONTHS


def sheet_name(name: str, lang: str) -> str:
    """The name of the sheet ``name`` (its English name) in a workbook in ``lang`` (words.sheet.*)."""
    return word_table("sheet", lang).get(name, name)


def words(lang: str) -> dict:
    """The statement's labels, headings and sentences in ``lang`` (from the message catalogue)."""
    return word_table("statement", lang)


def component_name(key: str | None, lang: str) -> str:
    names = COMPONENT_NAMES_ZH if lang == "zh" else COMPONENT_NAMES_EN
    return names.get(key or "", key or "")


def date_text(d: date | None, lang: str) -> str:
    """2021年3月1日 / 1 Mar 2021."""
    if d is None:
        return "—"
    return word_table("date", lang)["text"]({"d": d}, None)


def money(v: Decimal | None, places: int) -> str:
    return "—" if v is None else fmt_grouped(v, places)


RATE_PLACES = 4  # a derived rate (a monthly share of an annual rate) prints at most 4 decimals of a percent


def percent(fraction: Decimal, places: int = RATE_PLACES) -> str:
    """0.154 -> '15.4%': the rate as written by people, no trailing zeros, at most ``places``
    decimals (0.085 / 12 -> '0.7083%', never the 28 digits Decimal keeps)."""
    v = fraction * HUNDRED
    if v.as_tuple().exponent < -places:
        v = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    s = f"{v.normalize():f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s + "%"


def annual_of_period(share: Decimal, per: str = "month") -> Decimal:
    """The annual rate a per-period rate is the share of (8.5% from 0.7083...% a month, a twelfth; a
    quarter's is a quarter): the division's last digit does not survive, so the product is rounded to
    10 places of a fraction."""
    return (share * 12 / PERIOD_MONTHS[per]).quantize(Decimal(1).scaleb(-10), rounding=ROUND_HALF_UP)


_LATIN = re.compile(r"[A-Za-z]")


def rate_words(spec, lang: str, basis_days: int = 365) -> str:
    """A contract rate in the statement's language. A rate written in that language's own words
    (月息2分 in zh; 24% in either) prints as the contract states it; one written with Latin unit
    words (0.05%/day, LPR+0.5%) is said again from its value: 日利率 0.05%, 一年期贷款市场报价利率（LPR）加 0.5%."""
    if spec is None:
        return words(lang)["none"]
    text = spec.text.strip()
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    if (lang == "zh" and not _LATIN.search(text.replace("LPR", ""))) or (lang != "zh" and not cjk):
        return text
    w = words(lang)
    if spec.markup is not None:
        return w["markup"].format(x=percent(spec.markup))
    if spec.fixed is not None:
        return w["rate_per"].get(spec.fixed.per, "{x}").format(x=percent(spec.fixed.value))
    if spec.index:
        tenor = "5Y" if spec.index.endswith("5Y") else "1Y"
        out = w["lpr"][tenor]
        sep = "" if lang == "zh" else " "
        if spec.multiplier != 1:
            out = f"{out}{sep}{w['lpr_times'].format(x=f'{spec.multiplier.normalize():f}')}"
        if spec.spread:
            key = "lpr_plus" if spec.spread > 0 else "lpr_minus"
            out = f"{out}{sep}{w[key].format(x=percent(abs(spec.spread)))}"
        return out
    return text


def card_terms_pairs(contract, lang: str, places: int, currency: str) -> list[tuple[str, str]]:
    """The header lines of a card account: its own terms (statement day, due day, rate, interest
    model), in place of a loan's principal and repayment method."""
    w = words(lang)
    card = contract.card
    pairs = [(w["card_rate"], rate_words(contract.rate, lang)),
             (w["statement_day"], w["statement_day_text"].format(n=card.statement_day))]
    if card.due_day:
        pairs.append((w["due"], w["due_day_text"].format(n=card.due_day)))
    elif card.due_days:
        pairs.append((w["due"], w["due_days_text"].format(n=card.due_days)))
    if contract.grace_days:
        pairs.append((w["grace_days"], w["days_text"].format(n=contract.grace_days)))
    pairs.append((w["interest_model"], w["model_names"].get(card.interest_model, card.interest_model)
                  if card.interest_model else w["model_unstated"]))
    pairs.append((w["minimum_payment"], w["minimum_text"].format(rate=percent(card.minimum_payment))))
    if card.late_penalty is not None:
        lp = card.late_penalty
        text = w["late_penalty_text"].format(rate=percent(lp.rate))
        if lp.min is not None:
            text += w["at_least"].format(x=money(lp.min, places))
        if lp.max is not None:
            text += w["at_most"].format(x=money(lp.max, places))
        pairs.append((w["late_penalty"], text))
    if card.credit_limit is not None:
        pairs.append((w["credit_limit"], f"{money(card.credit_limit, places)} {currency}"))
    return pairs


def last_day_shown(line, counting: str) -> date:
    """The end date a court form names. ``line.end`` is exclusive. Counting the start day only
    (算头不算尾), the form names the end day itself, which is not counted; counting both ends
    (算头算尾), it names the last day counted, the day before ``end``."""
    return line.end - timedelta(days=1) if counting == "both" else line.end


def court_form(line, lang: str, places: int, currency: str, counting: str = "start") -> str:
    """One computation line as courts write it, e.g.
    以本金 90,000.00 元为基数，按年利率 15.4% 计算，自 2021年3月1日 至 2022年3月1日，共 365 天，计 13,860.00 元.
    A per-period line (``per`` "month", "quarter" ...) names the period's rate and the share of the period. The
    words are the catalogue's ``words.court.*``; the figures are put into text here."""
    if line.per == "charge":
        return charge_form(line, lang, places, currency)
    w = word_table("court", lang)
    last = line.end - timedelta(days=1) if line.per == "day" else last_day_shown(line, counting)
    p = {"base_name": word_table("court_base", lang).get(line.component, w["base"]),
         "base": w["amount"]({"x": fmt_grouped(line.base, places), "ccy": currency}, None),
         "amount": w["amount"]({"x": fmt_grouped(line.amount, places), "ccy": currency}, None),
         "rate": percent(line.rate), "start": date_text(line.start, lang), "end": date_text(last, lang),
         "days": line.days, "basis": line.basis}
    if line.per in PERIOD_MONTHS:
        p["annual"] = percent(annual_of_period(line.rate, line.per))
        return w[line.per](p, None)
    return w["day" if line.per == "day" else "year"](p, None)


def charge_form(line, lang: str, places: int, currency: str) -> str:
    """The computation line of a charge for a missed payment (违约金, late fee): which installment or
    statement was missed, and the base, rate, floor and cap it was computed from, e.g.
    以第 3 期（2024年4月10日 到期）未还金额 1,858.12 元为基数，按 5% 计算，计 92.91 元 (``words.charge.*``)."""
    w = word_table("charge", lang)

    def amt(v):
        return w["amount"]({"x": fmt_grouped(v, places), "ccy": currency}, None)

    computed = line.base * line.rate
    p = {"due": date_text(line.start, lang), "n": line.n, "what": w["penalty" if line.kind == "penalty" else "late_fee"],
         "amount": amt(line.amount), "base": amt(line.base), "rate": percent(line.rate), "computed": amt(computed),
         "part": component_name(line.part, lang) if line.part != "installment" else "", "clamp": ""}
    p["missed"] = w["missed_n" if line.n is not None else "missed_min"](p, None)
    if not line.rate:
        return w["fixed"](p, None)
    if line.floor is not None and computed < line.floor:
        p["clamp"] = w["floor"]({**p, "limit": amt(line.floor)}, None)
    elif line.cap is not None and computed > line.cap:
        p["clamp"] = w["cap"]({**p, "limit": amt(line.cap)}, None)
    return w["rate_form"](p, None)


def posting_title(posting, lang: str) -> str:
    """'2024年6月30日 罚息（计至截止日）' / '30 Jun 2024: default interest, accrued to the as-of date'."""
    w = words(lang)
    kind = w["posting_kind"].get(posting.kind, posting.kind).format(n=posting.n or "")
    return word_table("posting", lang)["title"](
        {"date": date_text(posting.date, lang), "component": component_name(posting.component, lang), "kind": kind},
        None)
