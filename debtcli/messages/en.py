"""English words of findings, legal bases and notes (see ``debtcli.messages``)."""

from __future__ import annotations

import re
from decimal import Decimal

NAMES = {
    "component": {
        "principal": "Principal", "interest": "Interest", "default_interest": "Default interest",
        "compound_interest": "Compound interest", "fees": "Fees", "penalties": "Penalties", "costs": "Costs",
        "total": "Total",
    },
    "model": {"full_balance": "full_balance", "unpaid_part": "unpaid_part"},
    "event": {"payment": "payment", "demand_notice": "demand notice", "acknowledgment": "acknowledgment",
              "restructure": "payment plan"},
}

SPC = "SPC Provisions on Private Lending"

_ZERO = Decimal(0)  # the balance a ledger starts from


def latin(s: str) -> str:
    """A citation written by the rule pack, with its Chinese document numbers in the romanised form
    (法释〔2020〕17号 -> Fa Shi [2020] No. 17) and Chinese titles in brackets left out."""
    for zh, en in (("法释", "Fa Shi "), ("法发", "Fa Fa "), ("银发", "Yin Fa ")):
        s = s.replace(zh, en)
    s = re.sub(r"〔(\d{4})〕(\d+)号", r"[\1] No. \2", s)
    s = re.sub(r"\s*[（(][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]", "", s)
    return s
PACK_TERMS = (("违约金", "liquidated damages (weiyuejin)"), ("滞纳金", "late charge (zhinajin)"),
              ("民事诉讼法", "Civil Procedure Law"), ("加倍部分债务利息", "doubled interest for delay"))


def pack_latin(s: str) -> str:
    """A rule pack's own citation in English: known terms translated, document numbers romanised."""
    for zh, en in PACK_TERMS:
        s = s.replace(zh, en)
    return latin(s)


READINGS = {
    "filing": "4 x the one-year LPR in force on the filing date (the reading most courts use)",
    "2020-08-20": "4 x the one-year LPR in force on 2020-08-20, when the amended Provisions took effect",
}


def _demand(p, w):
    doc = f" ({p['document']})" if p["document"] else ""
    parts = [f"{w.comp(c)} {w.m(v)}" for c, v in p["parts"]]
    return (f"The demand{doc} of {w.m(p['demanded'])} exceeds the lawful balance of {w.m(p['lawful'])} by "
            f"{w.m(p['over'])}" + (f": {', '.join(parts)}." if parts else "."))


def _arithmetic(p, w):
    prev = (f"row {p['previous_row']} shows {w.m(p['previous_balance'])}" if p["previous_row"] is not None
            else f"the ledger starts at {w.m(_ZERO)}")
    return (f"The running balance on {p['date']} (row {p['row']}) is {w.m(p['stated'])}, but {prev} and the row "
            f"posts {p['type']} {p['sign']}{w.m(p['posted'])}, which gives {w.m(p['computed'])}; difference "
            f"{w.signed(p['difference'])}.")


def _posting(p, w):
    rows = ", ".join(str(r) for r in p["rows"])
    since = f"after {p['since']}" if p["since"] else "from the start"
    tail = (f"a rounding difference within the tolerance of {w.m(p['tolerance'])}" if p["rounding"] else
            f"difference {w.signed(p['difference'])}")
    return (f"{w.comp(p['component'])} posted on {p['date']} (row {rows}) is {w.m(p['posted'])}; the contract gives "
            f"{w.m(p['recomputed'])} for the period {since} up to {p['date']}: {tail}.")


def _payment_mismatch(p, w):
    parts = []
    if "amount" in p["what"]:
        parts.append(f"the ledger credits {w.m(p['ledger_amount'])}, the records show {w.m(p['record_amount'])} "
                     f"(difference {w.signed(p['difference'])})")
    if "date" in p["what"]:
        parts.append(f"the ledger dates it {p['ledger_date']}, the records {p['record_date']} ({p['days']:+d} days)")
    ref = p["reference"] or "of " + w.m(p["record_amount"])
    return f"Payment {ref} is posted differently: " + "; ".join(parts) + ". The replay credits the payment records."


def card_lines(lines, w) -> str:
    return " + ".join(f"{w.m(base)} x {daily * 100:.4f}%/day x {days} days ({start} to {last}, on {on})"
                      for base, daily, days, start, last, on in lines)


def _card_posting(p, w):
    out = (f"The issuer posted {p['type'].replace('_', ' ')} of {w.m(p['posted'])} on the statement of "
           f"{p['statement_date']}; the contract gives {w.m(p['recomputed'])} (difference {w.m(p['difference'])}).")
    if "model" in p:
        comp = card_lines(p["lines"], w) or "no interest due in this cycle"
        out += (f" Recomputed under {p['model']} over the {p['days']}-day cycle {p['cycle_start']} to "
                f"{p['statement_date']} ({p['day_count']}): {comp}.")
        if "other_model" in p:
            out += f" Under {p['other_model']} it is {w.m(p['other_recomputed'])}."
        if p.get("interest_on_fees"):
            out += " The difference is exactly the interest on fees and penalties posted on earlier statements."
    return out


def _upfront(p, w):
    names = ", ".join(f"{n} {w.m(a)}" for n, a in p["charges"])
    return (f"{w.m(p['withheld'])} of the {w.m(p['principal'])} principal was withheld when the money was handed over "
            f"({names}). The principal is the {w.m(p['handed_over'])} actually handed over, and interest runs on that "
            f"amount (the contract charges {w.m(p['interest_on_withheld'])} of interest on account of the withheld "
            f"part up to {p['as_of']}).")


def _rate_above_cap(p, w):
    if p.get("source") is None:  # the contract rate, on interest for the loan term
        out = f"The agreed rate {p['rate']} is above the ceiling ({w.t(p['ceiling'])}); interest above the ceiling is"
    elif p["source"] == "contract":
        out = (f"No default rate is agreed, so the agreed rate {p['rate']} runs on overdue principal; it is above the "
               f"ceiling ({w.t(p['ceiling'])}); interest above the ceiling is")
    elif p["source"] == "markup":
        out = (f"The agreed default rate {w.pct(p['effective'])} (the contract rate {p['contract_rate']} plus "
               f"{w.pct(p['markup'])} of it) is above the ceiling ({w.t(p['ceiling'])}); interest above the ceiling is")
    else:
        out = (f"The agreed default rate {p['rate']} is above the ceiling ({w.t(p['ceiling'])}); interest above the "
               "ceiling is")
    parts = p.get("parts") or (("interest", p["excess"]),)
    if len(parts) == 1:
        out += f" not supported: {w.m(p['excess'])} of {w.comp(parts[0][0]).lower()} up to {p['as_of']}."
    else:
        listed = ", ".join(f"{w.comp(k).lower()} {w.m(v)}" for k, v in parts)
        out += f" not supported: {w.m(p['excess'])} up to {p['as_of']} ({listed})."
    if p["sample"]:
        base, rate, days, basis, amount, start, last = p["sample"][:7]
        what = "Lawful interest" if p.get("source") is None else "Lawful default interest"
        out += (f" {what} is computed as {w.m(base)} x {w.pct(rate)} x {days} / {basis} = {w.m(amount)} "
                f"({start} to {last}).")
        band = p["sample"][7] if len(p["sample"]) > 7 else None
        if band:
            out += (f" Interest between {w.pct(band[0])} and {w.pct(band[1])} a year is owed only as far as it was "
                    "paid (what was paid stands).")
    return out


def _penalties_basis(p, w):
    parts = [x for x in (f"penalty {p['penalty']}" if p["penalty"] is not None else "",
                         "late fee" if p["late_fee"] else "", "late penalty" if p["late_penalty"] else "") if x]
    return "contract: " + ", ".join(parts)


def _card_clause(p, w):
    if p["type"] == "interest":
        model = p["model"] + ("" if p["stated"] else " (contract silent: creditor-favourable default)")
        return f"card agreement: interest clause ({model})"
    return f"card agreement: {p['type']} clause"



# ---------------------------------------------------------------------- the us pack

_US_LINE = {"interest": "interest since", "fees": "fees since", "payments": "payments and credits since"}


def _us_time_barred(p, w):
    what = {"suit": "a suit", "threat": "a threat of suit", "letter": "a letter or statement, not a suit"}[p["what"]]
    return (f"The {p['state']} limitation period ran from the default on {p['starts']} and its last day was "
            f"{p['expires']}; checked on {p['checked_on']}. The debt is time-barred: "
            + ("it may not be sued on or threatened with suit (strict liability)." if p["suing"] else
               "collecting it is allowed but it may not be sued on or threatened with suit, and a letter must not "
               "suggest otherwise.") + f" The demand is {what}.")


def _us_post_chargeoff(p, w):
    term = {"clause": p["term"], "rate": f"the agreement's rate {p['term']}", "none": "none stated"}[p["term_kind"]]
    return (f"{w.m(p['interest'])} of interest accrues after the charge-off on {p['charge_off']}. An issuer that "
            "charged off the account and stopped sending periodic statements stopped charging interest; interest "
            f"for that period needs justification: a term that survives the charge-off (here: {term}) or a statute "
            "allowing interest on the debt. Courts are split on whether the issuer waived it.")


def _us_line(p, w):
    name = f"amount owed on {p['date']}" if p["line"] == "amount" else _US_LINE[p["line"]]
    return (f"The demand states the {name} as {w.m(p['stated'])}; the lawful replay gives {w.m(p['computed'])} "
            f"({w.m(p['diff'])} apart).")


def _us_itemization_date(p, w):
    b = p["basis"].replace("_", "-")
    return (f"The itemization date {p['date']} is given as the {b} date, but the account's {b} date is "
            f"{p['expected'] or 'not known'}.")

_US_LIMITATION = {
    "CA": ("Cal. Code Civ. Proc. 337(a) (4 years, written contract); a payment does not revive; a signed written "
           "acknowledgment before expiry restarts the period (CCP 360)"),
    "NY": ("N.Y. CPLR 214-i (3 years, consumer credit transaction); neither a payment nor an acknowledgment revives or "
           "extends it (GOL 17-101, 17-102 as amended 2022)"),
    "TX": ("Tex. Civ. Prac. & Rem. Code 16.004 (4 years, debt); a payment does not revive a consumer debt (Tex. Fin. "
           "Code 392.307); a signed written acknowledgment does (CPRC 16.065)"),
    "FL": ("Fla. Stat. 95.11(2)(b) (5 years, written contract); a part payment or a written acknowledgment restarts "
           "the period (Fla. Stat. 95.04)"),
}

def _pct(x) -> str:
    return f"{(x * 100).normalize():f}%"


def _bounds(p) -> str:
    return ((f", at least {p['min']}" if p["min"] is not None else "")
            + (f", at most {p['max']}" if p["max"] is not None else ""))


CONVENTIONS = {
    "conv.day_count": lambda p, w: p["name"] + ("" if p["stated"] else " (contract silent: creditor-favourable default)"),
    "conv.counting": lambda p, w: "start day only (算头不算尾)" if p["mode"] == "start" else "both ends (算头算尾)",
    "conv.interest_method": lambda p, w: str(p["method"]) + (
        f" (balance x annual rate / {p['periods']} a period)" if p["method"] == "per_period" and p.get("periods", 12) != 12
        else ""),
    "conv.rounding": lambda p, w: (f"{p['mode']} to {p['places']} places when an amount falls due or is paid"
                                   + ("; schedule carried unrounded" if p["carry"] else "")),
    "conv.allocation": lambda p, w: ", ".join(f"{b}:{c}" for b, c in p["order"]) + " ..." + (
        "" if p.get("agreed") else f" (contract silent: {w.t(p['basis'])})" if p.get("basis")
        else " (contract silent: costs, charges and interest before principal)"),
    "conv.number": lambda p, w: str(p["n"]),
    "conv.default_rate": lambda p, w: p["rate"] or "none agreed: overdue principal keeps the contract rate",
    "conv.yes_no": lambda p, w: "yes" if p["yes"] else "no",
    "conv.early_payments": lambda p, w: ("held as credit until the next due date" if p["held"]
                                         else "applied at once (interest to date, then principal)"),
    "conv.same_day_order": "disbursement, rate change, charge, due, payment, waiver, overdue, acceleration, charge-off",
    "conv.card.statement": lambda p, w: (
        f"statement on day {p['statement_day']} (month end when shorter), cycle includes the statement day; due on "
        + (f"day {p['due_day']} of the month" if p["due_day"] else f"{p['due_days']} days after the statement")
        + f"; grace {p['grace']} days"),
    "conv.card.interest_model": lambda p, w: (
        str(p["model"]) + ("" if p["stated"] else " (contract silent: creditor-favourable default)")),
    "conv.card.interest_days": ("from the posting date (cash advances: the transaction date) through the statement "
                                "date inclusive; what a payment covers bears no interest from the payment day on"),
    "conv.card.interest_free": lambda p, w: (
        f"purchases are interest-free when the statement is paid in full by the due date (tolerance {p['tolerance']})"
        if p["free"] else "no interest-free period"),
    "conv.card.compounding": "interest posted on a statement bears interest from the next day (monthly compounding)",
    "conv.card.interest_on_fees": lambda p, w: (
        "fees and penalties bear interest from the day after the statement they are billed on" if p["yes"]
        else "fees and penalties bear no interest"),
    "conv.card.minimum_payment": lambda p, w: (
        f"{_pct(p['rate'])} of the principal on the statement + 100% of interest, fees, penalties and installment "
        "parts billed + the unpaid minimum from before" + (f"; at least {p['floor']}" if p["floor"] is not None else "")),
    "conv.card.late_penalty": lambda p, w: (
        f"{_pct(p['rate'])} of the unpaid minimum" + _bounds(p) if p["rate"] is not None else "none agreed"),
    "conv.card.cash_advance_fee": lambda p, w: (
        f"{_pct(p['rate'])} of the advance" + _bounds(p) if p["rate"] is not None else "as posted"),
    "conv.card.rounding": lambda p, w: f"{p['mode']} to {p['places']} places when interest, a fee or the minimum is posted",
    "conv.card.write_off": lambda p, w: (
        "a state: interest " + ("stops" if p["stops"] else "keeps running") + " and the claim stands"),
    "conv.card.same_day_order": "charge, payment, overdue (due date + grace), acceleration, write-off, statement",
}



REGIMES_EN = {
    "1991": "1991 SPC opinion on lending cases (最高人民法院关于人民法院审理借贷案件的若干意见)",
    "2015": "2015 SPC Provisions on Private Lending (法释〔2015〕18号)",
    "2020": "SPC Provisions on Private Lending as amended 2020 (法释〔2020〕17号, 〔2020〕27号)",
}
TRANSITION_EN = READINGS
ART = {
    "art26": f"{SPC} Art. 26; Civil Code Art. 670 (principal = the amount handed over)",
    "art670": "Civil Code Art. 670 (interest may not be withheld from principal)",
    "art27": f"{SPC} Art. 27 (interest rolled into principal, within the ceiling)",
    "art28": f"{SPC} Art. 28 (overdue interest)",
    "art29": f"{SPC} Art. 29 (overdue interest + 违约金 + other fees within the ceiling)",
}
JUDGMENT_EN = ("SPC interpretation on delay interest 法释〔2014〕8号 Art. 1 (doubled part: unpaid money debt fixed by the "
               "judgment, general interest excluded, x 0.0175% a day), Art. 4 (payments to the judgment debt first)")
FEE_EN = ("诉讼费用交纳办法 Art. 13 (case-acceptance fee of a property claim, cumulative bands), Art. 16 (half under the "
          "simple procedure)")
REDUCE_EN = ("SPC bank-card provisions 法释〔2021〕10号 Art. 2: the cardholder may ask to reduce the total of interest, "
             "compound interest, 违约金 and installment fees; the 24% line is court practice (unverified)")
BAND_EN = ("PBOC notice 银发〔2016〕111号: overdraft rate at most 0.05% a day and at least 0.7 times that, 2017-01-01 to "
           "2020-12-31; before 2017 0.05% a day (secondary sources)")


def _m(x) -> str:
    return f"{x:,.2f}"


def _combined_en(p, w):
    rules = {"2015": f"{REGIMES_EN['2015']} Art. 30 (overdue interest + 违约金 + other fees within 24% a year)",
             "2020": ART["art29"] + f", {REGIMES_EN['2020']}",
             "1991": f"{REGIMES_EN['1991']} Art. 6 (within 4 x the benchmark)"}
    parts = [f"{rules.get(r, ART['art29'])}: stretch {a} to {b}" for r, a, b in p["parts"]]
    return pack_latin("; ".join(parts) or ART["art29"])


# A citation of the Provisions that carries its own regime and stretch (cn.tag.cited): the title once,
# with its edition, then the article, the stretch and the filing date.
CEILING_ARTICLE_EN = {
    "1991": ("Art. 6 (interest above 4 x the PBOC benchmark of the loan's grade at formation is not protected; "
             "secondary sources)"),
    "2015": ("Art. 26 (24% enforceable; 24-36% not enforceable if unpaid, not recoverable if paid; above 36% "
             "void)"),
    "2020": "Art. 25 (4 x one-year LPR at formation)",
}
COMBINED_ARTICLE_EN = {
    "1991": "Art. 6 (within 4 x the benchmark)",
    "2015": "Art. 30 (overdue interest + 违约金 + other fees within 24% a year)",
    "2020": "Art. 29 (overdue interest + 违约金 + other fees within the ceiling)",
}


def _cited_en(p, w):
    rule, tag = p["rule"], p["stretch"].params
    filed = f"; case filed {tag['filed']}"
    if rule.key == "cn.combined":
        parts = [f"{REGIMES_EN.get(r, REGIMES_EN['2020'])} {COMBINED_ARTICLE_EN.get(r, COMBINED_ARTICLE_EN['2020'])}: "
                 f"stretch {a} to {b}" for r, a, b in rule.params["parts"]]
        split = ("; stretches before and from 2020-08-20 under Art. 31 of the same Provisions"
                 if p["stretch"].key == "cn.tag.transition" else "")
        return pack_latin("; ".join(parts) + split + filed)
    article = (CEILING_ARTICLE_EN[tag["regime"]] if rule.key == "basis.cn.ceiling"
               else CATALOGUE[rule.key][len(SPC) + 1:])
    return pack_latin(f"{REGIMES_EN[tag['regime']]} {article}; stretch {tag['formed']} to {tag['as_of']}{filed}")


def _judgment_note_en(p, w):
    out = (f"judgment {p['document']} effective {p['date']}, performance deadline {p['deadline']}; doubled interest "
           f"from {p['starts']} on principal, fees, penalties"
           + (" and awarded costs" if p["costs_in_base"] else " (awarded costs left out)")
           + " ([rules] judgment_costs_in_base), x 0.0175% a day; payments to the judgment debt first ("
           + JUDGMENT_EN + ")")
    if p["before_2014"]:
        out += "; delay before 2014-08-01 falls under 法释〔2009〕6号 (benchmark x 2) and is not computed here"
    return out


def _fallback_2015_en(p, w):
    out = f"6% a year from the due date {p['due']} ({REGIMES_EN['2015']} Art. 29)"
    if p["lpr"] is not None:
        out += f"; from 2020-08-20 the one-year LPR {_pct(p['lpr'])} ({ART['art28']})"
    return out


PACK_NOTES = {
    "join": lambda p, w: "; ".join(w.t(x) for x in p["items"]),
    "note.cn.lender_regime": lambda p, w: (
        "private lending (SPC Provisions on Private Lending)" if p["private"] else
        "licensed lender: no hard ceiling; total cost above 24% a year reducible on request"),
    "note.cn.principal": lambda p, w: (
        f"{_m(p['handed_over'])} actually handed over ({ART['art26'] if p['private'] else ART['art670']})"),
    "note.cn.rolled_over": lambda p, w: (
        f"new IOU of {p['new_date']} for {_m(p['principal'])} replaced one of {p['old_date']} for "
        f"{_m(p['original_principal'])}; principal recognised {_m(p['recognised'])}; principal and interest at "
        f"{p['end']} at most {_m(p['bound'])} ({ART['art27']})"),
    "note.cn.regime": lambda p, w: (
        REGIMES_EN[p["regime"]] + (f" (case filed {p['filed']})" if p["filed"] else
                                   f" (no filing date: as if filed on {p['as_of']})")
        + (" ([rules] regime)" if p["setting"] else "")),
    "note.cn.formation": lambda p, w: (
        f"{p['formed']}" + (" (money handed over; Civil Code Art. 679)" if p["handed"] else " (contract signed)")),
    "note.cn.ceiling": lambda p, w: "; ".join(f"from {s}: {t}" for s, _, _, _, t in p["segments"]),
    "note.cn.transition": lambda p, w: (
        TRANSITION_EN[p["reading"]] + ' ([rules] transition = "' + p["reading"] + '")'),
    "note.cn.ceiling.1991": lambda p, w: f"filed {p['filed']}, before 2015-09-01: the 1991 opinion applies throughout",
    "note.cn.ceiling.2015": lambda p, w: f"filed {p['filed']}, before 2020-08-20: the 2015 Provisions apply throughout",
    "note.cn.ceiling.fixing_day": lambda p, w: (
        f"formed on a fixing day ({p['formed']}): ceiling {_pct(p['used'])} used; the other reading gives "
        f"{_pct(p['other'])}"),
    "note.cn.band_24_36": ("2015 Provisions Art. 26 ¶2: interest up to 36% a year that was paid stands; what is unpaid "
                           "of the part above 24% is not owed; only payments covering interest above 36% are set "
                           "against principal"),
    "note.cn.overdue_nothing": lambda p, w: "nothing agreed: " + w.t(p["fallback"]),
    "note.cn.fallback.1991": lambda p, w: (
        f"the PBOC benchmark of the loan's grade from the due date {p['due']} ({REGIMES_EN['1991']} Art. 9, "
        "secondary sources)"),
    "note.cn.fallback.2015": _fallback_2015_en,
    "note.cn.fallback.lpr": lambda p, w: f"one-year LPR from the due date {p['due']} ({ART['art28']})",
    "note.cn.overdue_contract_rate": ("no overdue rate agreed: the loan-term rate runs from the due date, capped ("
                                      + ART["art28"] + ")"),
    "note.cn.day_count_other": lambda p, w: (
        f"the contract names no day count: ACT/360 is used (creditor-favourable); ACT/365 gives a lawful total of "
        f"{_m(p['total'])} ({_m(p['diff'])} less)"),
    "note.cn.judgment": _judgment_note_en,
    "note.interest.benchmark_secondary": lambda p, w: (
        f"the PBOC benchmark change of {w.d(p['date'])} has status {p['status']} (secondary sources only)"),
    "note.interest.lpr_unverified": lambda p, w: (
        f"the LPR fixing of {w.d(p['date'])} has status {p['status']} (not verified in two sources)"),
    "note.cn.court_fee": lambda p, w: (
        f"案件受理费 on a claim of {w.m(p['claimed'])}: {w.m(p['fee'])}" + (" (simple procedure: half)" if p["simple"]
                                                                          else "") + f" ({FEE_EN})"),
    "note.cn_card.rate": lambda p, w: "contract rate held to 0.05% a day before 2021-01-01 (" + pack_latin(BAND_EN) + ")",
    "note.cn_card.fee_interest": "no interest on fees and liquidated damages (weiyuejin) from 2017-01-01",
    "note.cn_card.late_charge": ("due dates before 2017: late charge (zhinajin) 5% of the unpaid minimum; from 2017: "
                                 "the contract's liquidated damages (weiyuejin)"),
    "note.cn_card.line_within": lambda p, w: (
        f"{w.t(p['line_text'])}: cost {w.m(p['cost'])} within the line {w.m(p['line'])}"),
    "note.cn_card.line_cut": lambda p, w: f"{w.t(p['line_text'])}: interest, penalties and fees cut to the line",
    "cn_card.line.24": "24% a year",
    "cn_card.line.lpr": lambda p, w: (
        f"4 x one-year LPR at filing (4 x one-year LPR {_pct(p['lpr'])} ("
        + ("supplied in [rules]" if p["supplied"] else f"fixing of {p['fixing']}") + f") = {_pct(p['ceiling'])})"),
    # ------------------------------------------------------------------ the stretch a finding applies to
    "cn.tag.financial": lambda p, w: (
        f"financial lending: the Provisions on Private Lending do not apply (Art. 1 ¶2); stretch {p['formed']} to "
        f"{p['as_of']}"),
    "cn.tag.transition": lambda p, w: pack_latin(
        f"{REGIMES_EN['2015']} for {p['formed']} to 2020-08-19, {REGIMES_EN['2020']} Art. 31 from 2020-08-20 to "
        f"{p['as_of']}; case filed {p['filed']}"),
    "cn.tag.single": lambda p, w: pack_latin(
        f"{REGIMES_EN[p['regime']]}; stretch {p['formed']} to {p['as_of']}; case filed {p['filed']}"),
    "cn.combined": _combined_en,
    "cn.tag.cited": _cited_en,
    "cn.judgment_basis": lambda p, w: pack_latin(
        f"{JUDGMENT_EN}; 民事诉讼法 (enforcement of effective judgments) [judgment stage from {p['judgment_date']}, "
        f"delay from {p['starts']} to {p['as_of']}]"),
    "cn.costs_basis": lambda p, w: pack_latin((JUDGMENT_EN if p["judgment"] else FEE_EN) + f" [filed {p['filed']}]"),
    "cn_card.tag": lambda p, w: (
        f"card rules by date (before 2017-01-01 / 2017-01-01 to 2020-12-31 / from 2021-01-01); stretch {p['start']} "
        f"to {p['end']}"),
    "cn_card.line_basis": lambda p, w: pack_latin(
        REDUCE_EN + (f"; line 4 x LPR at filing {p['filed']} (court practice)" if p["lpr"] else "")
        + f" [stretch {p['start']} to {p['end']}]"),
    "basis.judgment_costs": "the judgment's award of costs",
    "basis.judgment_interest": "Fa Shi [2014] No. 8 Art. 1 (doubled interest for delay after a judgment)",
}


def _apr_en(p, w):
    n = p.get("periods", 12)  # installment periods a year
    return (f"IRR of the scheduled cash flows (money actually received; every installment with its interest and "
            f"fees; fees paid apart) per {PERIOD_EN[n]} x {n} (PBOC Announcement [2021] No. 3; a loan repaid in one "
            f"sum: cost per term x 365 / days), apr_effective = (1 + r)^{n} - 1, apr_actual from the payments made "
            "and the balance on the as-of date; percent, 2 decimals half-up")


PERIOD_EN = {12: "month", 4: "quarter", 2: "half-year", 1: "year"}  # an installment period, by periods a year


def _maturity_en(p, w):
    if p["on_demand"]:
        return (f"on demand (no term agreed): due {p['days']} days after a demand notice or on the filing date, "
                "whichever is first (Civil Code Art. 675)"
                + (f"; due {p['due']}" if p["due"] else "; no demand and no filing yet: nothing is due"))
    return str(p["last"]) if p["last"] else "none"


def _late_fee_en(p, w):
    if p["fee"] is not None:
        return f"{p['fee']} on each missed installment"
    if p["rate"] is not None:
        return f"{_pct(p['rate'])} of the unpaid {p['base']} of each missed installment"
    return "none agreed"


LOAN_CONVENTIONS = {
    "conv.apr": _apr_en,
    "conv.method": lambda p, w: p["method"] + (
        " (interest on the original principal for every period, whatever has been repaid; principal in equal parts, "
        "the last taking the rest)" if p["flat"] else "") + (
        " in advance (the first installment on the day the loan is made)" if p.get("advance") else "") + (
        f" (the first {p['interest_only']} installments interest only)" if p.get("interest_only") else ""),
    "conv.repricing": lambda p, w: {
        "fixing": "a rate linked to the LPR takes each new fixing from its date",
        "anniversary": "a rate linked to the LPR takes the fixing in force on each anniversary of its start",
        "january": "a rate linked to the LPR takes the fixing in force on each 1 January",
        "none": "a rate linked to the LPR keeps the fixing in force at its start for the whole term"}[p["how"]],
    "conv.frequency": lambda p, w: {1: "monthly", 3: "quarterly (every 3 months)", 6: "half-yearly (every 6 months)",
                                    12: "yearly"}[p["months"]],
    "conv.installment_multiple": lambda p, w: (
        f"the level installment rounded to the nearest multiple of {p['multiple']} (a half up); the last installment "
        "takes the rest" if p["multiple"] is not None else "none: rounded at the minor unit"),
    "conv.late_fee": _late_fee_en,
    "conv.maturity": _maturity_en,
    "conv.overdue_from": lambda p, w: ("the day after the due date (+ grace): the due day itself bears the contract rate"
                                       if p["lag"] else "the due date (+ grace)"),
    "conv.periodic_fees": lambda p, w: "; ".join(
        f"{n}: " + (f"{a}" if a is not None else f"{_pct(r)} of principal")
        + f" with each installment, paid to {t.replace('_', ' ')}" for n, a, r, t in p["fees"]) or "none",
}



# ---------------------------------------------------------------------- the us pack's conventions lines (rules/us.py)
US_CONVENTIONS = {
    "note.us.state": "{state}; lender kind {kind}",
    "note.us.unauthorized_removed": lambda p, w: ", ".join(f"{n} {w.m(a)} ({w.d(d)})" for n, a, d in p["items"]),
    "note.us.ca_3289_silent": ("the contract states no rate: 10% a year from the breach (Cal. Civ. Code 3289(b) (10% a "
                               "year after a breach when the contract states no rate))"),
    "note.us.ca_3289_contract": "Cal. Civ. Code 3289(a) (the contract rate keeps running after a breach)",
    "note.us.ny_usury": lambda p, w: f"interest held to 16% a year from {w.d(p['start'])} (non-bank holder)",
    "note.us.judgment": lambda p, w: (
        f"judgment of {w.d(p['date'])} for {w.m(p['amount'])}; post-judgment interest "
        + ", ".join(f"{r} from {w.d(d)}" for d, r in p["points"]) + f" ({p['basis']}); "
        + (f"compounded annually on each anniversary of the judgment ({p['compounding']}), ACT/365"
           if p["compounding"] else "simple interest, ACT/365")),
}

CATALOGUE = {
    "list_sep": "; ",
    "literal": lambda p, w: p["text"],
    "pack_text": lambda p, w: pack_latin(p["text"]),
    # ------------------------------------------------------------------ findings
    "finding.UNPOSTED_PAYMENT": lambda p, w: (
        f"Payment of {w.m(p['paid'])} on {p['date']} is in the payment records but not credited in the creditor's "
        "ledger; it is credited in both replays."),
    "finding.UNVERIFIED_PAYMENT": lambda p, w: (
        f"Payment of {w.m(p['paid'])} on {p['date']} is in the creditor's ledger but not in the payment records; it "
        "is credited, as the creditor admits it."),
    "finding.UNAUTHORIZED_CHARGE/demand": lambda p, w: (
        f"{w.comp(p['component'])} of {w.m(p['charged'])} is demanded but the contract provides for no such charge."),
    "finding.UNAUTHORIZED_CHARGE/ledger": lambda p, w: (
        f"The ledger posts {p['type']} of {w.m(p['charged'])} on {p['date']} with no basis in the contract."),
    "finding.UNAUTHORIZED_CHARGE/demand_ledger": lambda p, w: (
        f"{w.comp(p['component'])} of {w.m(p['charged'])} is demanded and posted in the ledger ("
        + ", ".join(f"{w.m(a)} on {d}" for d, a in p["postings"])
        + f"; {w.m(p['posted'])} in all), but the contract provides for no such charge."),
    "finding.OVERPAYMENT": lambda p, w: (
        f"Up to {p['as_of']} the borrower paid {w.m(p['credit'])} more than the lawful balance: a credit due to the "
        "borrower (to be refunded, or set against another debt with the borrower's consent)"
        + (f"; under the contract the overpayment is {w.m(p['contractual_credit'])}"
           if p["contractual_credit"] != p["credit"] else "") + "."),
    "finding.UNAUTHORIZED_CHARGE/overlimit": lambda p, w: (
        f"An over-limit fee of {w.m(p['charged'])} was posted on {p['date']}; over-limit fees may not be charged "
        "from 2017-01-01."),
    "finding.UNAUTHORIZED_CHARGE/after_plan": lambda p, w: (
        f"The ledger posts {p['type']} of {w.m(p['charged'])} on {p['date']}, after the payment plan of "
        f"{p['plan_date']} replaced the schedule; the plan ({p['installments']} installments at {p['rate']}) provides "
        "no such charge."),
    "finding.DEMAND_ABOVE_LAWFUL": _demand,
    "finding.LEDGER_ARITHMETIC": _arithmetic,
    "finding.LEDGER_ARITHMETIC/principal_only": (
        "The ledger's balance column does not move with interest or fee postings: it shows the principal "
        "outstanding, so it cannot be re-added from the postings and was not checked."),
    "finding.POSTING_MISMATCH": _posting,
    "finding.POSTING_MISMATCH/card": _card_posting,
    "finding.UNAUTHORIZED_CHARGE/us": lambda p, w: (
        f"{p['name']} of {w.m(p['amount'])} charged on {p['date']}: no term of the agreement "
        "expressly authorizes it and no statute permits it. It is removed from the lawful balance."),
    "finding.US.RATE_ABOVE_USURY": lambda p, w: (
        f"A non-bank holder ({p['kind']}) charges {p['rate']} a year from {p['from']}; New York's civil usury rate is "
        f"16%. Held to 16% from that day, the interest is {w.m(p['excess'])} less."),
    "finding.US.TIME_BARRED": _us_time_barred,
    "finding.US.POST_CHARGEOFF_INTEREST": _us_post_chargeoff,
    "finding.US.ITEMIZATION_MISMATCH/identity": lambda p, w: (
        f"The demand's itemization does not add up: {w.m(p['amount'])} + {w.m(p['interest'])} interest + "
        f"{w.m(p['fees'])} fees - {w.m(p['payments'])} payments = {w.m(p['lines'])}, but the total demanded is "
        f"{w.m(p['current'])} ({w.m(p['gap'])} apart)."),
    "finding.US.ITEMIZATION_MISMATCH/line": _us_line,
    "finding.US.ITEMIZATION_MISMATCH/principal": lambda p, w: (
        f"{w.m(p['principal'])} of new principal was charged after the itemization date {p['date']}; the itemization "
        "has no line for it, so a later itemization date is needed."),
    "finding.US.ITEMIZATION_DATE": _us_itemization_date,
    "basis.us.unauthorized": ("FDCPA 15 U.S.C. 1692f(1); 12 CFR 1006.22(b) (no amount unless the agreement expressly "
                              "authorizes it or law permits it)"),
    "basis.us.time_barred": "12 CFR 1006.26(b) (no suit or threat of suit on a time-barred debt)",
    "basis.us.itemization": ("12 CFR 1006.34(c)(2)(vi)-(viii) (itemization: amount on the itemization date, interest, "
                             "fees, payments and credits since, current amount)"),
    "basis.us.itemization_date": "12 CFR 1006.34(b)(3) (itemization date)",
    "basis.us.post_chargeoff": ("Regulation Z 12 CFR 1026.5(b)(2)(i) (periodic statements; an issuer that charged off "
                                "the account and stopped sending statements stopped charging interest and fees)"),
    "basis.us.ny_usury": ("N.Y. Gen. Oblig. Law 5-501, Banking Law 14-a (civil usury, 16% a year); a non-bank holder "
                          "cannot rely on the originating bank's rate (Madden v. Midland Funding, 786 F.3d 246, 2d Cir. "
                          "2015)"),
    "basis.us.limitation": lambda p, w: _US_LIMITATION[p["state"]],
    "finding.POSTING_MISMATCH/plan": lambda p, w: (
        f"The ledger posts interest of {w.m(p['posted'])} on "
        f"{p['date']}: interest posted since the payment plan of {p['plan_date']} comes to {w.m(p['posted_total'])}, "
        f"but the plan ({p['installments']} installments at {p['rate']} a year) charges {w.m(p['allowed'])} up to "
        f"{p['through']}: {w.m(p['difference'])} above what the plan allows."),
    "finding.PAYMENT_MISMATCH": _payment_mismatch,
    "finding.INTEREST_MODEL_UNSTATED": lambda p, w: (
        "The contract does not say how interest is charged when a statement is not paid in full. Under "
        f"{p['used']} (used, creditor-favourable) the interest comes to {w.m(p['used_interest'])}; under "
        f"{p['other']} to {w.m(p['other_interest'])}: a difference of {w.m(p['difference'])}."),
    "finding.CN.INTEREST_ON_FEES/contract": lambda p, w: (
        "The contract has fees and penalties bear interest; from 2017-01-01 they may not. Interest on them comes to "
        f"{w.m(p['interest'])} up to {p['as_of']}; the lawful replay leaves it out."),
    "finding.CN.INTEREST_ON_FEES/statement": lambda p, w: (
        f"The interest line of the statement of {p['statement_date']} includes {w.m(p['interest'])} of interest on "
        "fees and penalties billed on earlier statements; interest may not be charged on them from 2017-01-01."),
    "finding.CN.RATE_ABOVE_CAP/card": lambda p, w: (
        "The card rate is above 0.05% a day for days before 2021-01-01; the interest above that rate comes to "
        f"{w.m(p['excess'])}."),
    "finding.CN.REDUCIBLE_ABOVE_24/card": lambda p, w: (
        f"Interest, compound interest, penalties and installment fees come to {w.m(p['cost'])} up to {p['as_of']}; "
        f"{w.pct(p['line_rate'])} a year on the principal outstanding is {w.m(p['line'])}. The cardholder may ask "
        f"the court to reduce the {w.m(p['over'])} above that line."),
    "finding.CN.LIMITATION_EXPIRED": lambda p, w: (
        f"The limitation period ran from {p['starts']} and ended on {p['expires']}; checked on {p['checked_on']}. The "
        f"debtor may refuse to pay the {w.m(p['total'])} if they plead it; a court does not raise it by itself."),
    "finding.CN.UPFRONT_DEDUCTION": _upfront,
    "finding.CN.ROLLED_INTEREST": lambda p, w: (
        f"The IOU of {p['new_date']} for {w.m(p['principal'])} rolls interest into the principal of the IOU of "
        f"{p['old_date']} ({w.m(p['original_principal'])}). Rolled-in interest counts only up to "
        f"{w.m(p['original_principal'])} x {w.pct(p['ceiling'])} x {p['days']} / 365: the principal is "
        f"{w.m(p['recognised'])}, and principal plus interest at {p['end']} may not exceed {w.m(p['bound'])}."),
    "finding.CN.NO_INTEREST_AGREED": lambda p, w: (
        "The interest term is unclear and both parties are individuals: no interest is owed for the loan term "
        f"({w.m(p['excess'])} up to {p['as_of']})."),
    "finding.CN.RATE_ABOVE_CAP": _rate_above_cap,
    "finding.CN.RATE_ABOVE_CAP/default": _rate_above_cap,
    "finding.CN.RATE_ABOVE_CAP/plan": lambda p, w: (
        f"The payment plan of {p['date']} ({p['installments']} installments) charges {p['rate']} a year, above the "
        f"ceiling on that day ({w.t(p['ceiling'])}); held to the ceiling, the plan's interest up to {p['as_of']} is "
        f"{w.m(p['excess'])} less."),
    "finding.CN.LPR_UNVERIFIED": lambda p, w: (
        "The ceiling rests on an LPR that is not verified in the shipped table: "
        + ("supplied in [rules] lpr_1y" if p["supplied"] else
           f"the fixing of {p['fixing_date']} (status {p['status']})")
        + ". Check the fixing against the official announcement."),
    "finding.CN.BENCHMARK_UNVERIFIED": lambda p, w: (
        "The ceiling rests on a PBOC benchmark rate not verified against an official page: "
        + ("supplied in [rules] benchmark" if p["supplied"] else
           f"the change of {p['change_date']} (status {p['status']}: secondary sources only)")
        + f", grade {p['grade']}, {w.pct(p['rate'])}. Check it against the PBOC notice."),
    "finding.CN.LPR_UNVERIFIED/linked": lambda p, w: (
        "The contract rate is linked to the LPR and rests on fixings that are not verified in the shipped table: "
        + ", ".join(f"{d} ({s})" for d, s in p["fixings"]) + ". Check them against the official announcements."),
    "finding.CN.LPR_FIXING_DAY": lambda p, w: (
        f"The contract was formed on {p['formed']}, an LPR fixing day: before the morning publication the previous "
        f"fixing was in force. The ceiling used is the higher one, {w.pct(p['ceiling_used'])}; the other reading "
        f"gives {w.pct(p['ceiling_other'])}."),
    "finding.CN.COMBINED_CAP_EXCEEDED": lambda p, w: (
        f"Overdue interest, penalties and other fees together come to {w.m(p['claimed'])} against a cap of "
        f"{w.m(p['cap'])} (overdue principal x the ceiling x days overdue); {w.m(p['excess'])} is not supported."
        + (" The lawful balance leaves out " + ", ".join(f"{w.m(v)} of {w.comp(k).lower()}" for k, v in p["parts"])
           + "." if p.get("parts") else "")),
    "finding.CN.ENFORCEMENT_ABOVE_JUDGMENT": lambda p, w: (
        f"The enforcement application {p['document']} asks for {w.m(p['demanded'])}; under the judgment "
        f"{p['judgment']} the debt on {p['as_of']} is {w.m(p['balance'])} (doubled interest for delay "
        f"{w.m(p['judgment_interest'])} included): {w.m(p['over'])} more than the judgment allows."),
    "finding.UNAUTHORIZED_CHARGE/costs_above": lambda p, w: (
        f"Costs of {w.m(p['asked'])} are " + ("posted in the ledger" if p["ledger"] else "demanded") + "; "
        + (f"the costs awarded by the judgment {p['judgment']}" if p["judgment"] else
           "the case-acceptance fee computed from the claim")
        + f" come to {w.m(p['allowed'])}: {w.m(p['over'])} has no basis."),
    "finding.CN.CARD_LINE_CUT": lambda p, w: (
        f"Interest, compound interest, penalties and fees come to {w.m(p['cost'])} up to {p['as_of']}; the line "
        f"({w.t(p['line_text'])}) on the principal outstanding is {w.m(p['line'])}. The lawful balance is cut by "
        f"{w.m(p['cut'])} ([rules] card_line = \"{p['mode']}\"; what was paid above the line is set against "
        "principal)."),
    "finding.CN.COMPREHENSIVE_COST_ABOVE_CAP": lambda p, w: (
        f"Interest plus the fees paid to the lender or its nominee ({', '.join(p['fees']) or 'none'}) cost "
        + (f"{p['apr']}% a year (IRR method)" if p['apr'] is not None else "more")
        + f", above the ceiling of {w.pct(p['ceiling'])} a year: the installments due by {p['as_of']} cost "
        f"{w.m(p['cost'])}, the ceiling on the principal outstanding allows {w.m(p['allowed'])}, "
        f"{w.m(p['over'])} above it ({w.m(p['term_over'])} over the whole term). "
        + ("In the lawful run the fees count as interest, within the ceiling together with the interest of each "
           "installment." if p["regime"] == "private"
           else "The borrower may ask the court to reduce the part above the line (a reduction on request, not an "
                "automatic cut).")),
    "finding.CN.REDUCIBLE_ABOVE_24": lambda p, w: (
        f"Interest, default and compound interest, penalties and fees come to {w.m(p['cost'])} up to {p['as_of']}; "
        f"24% a year on the principal outstanding is {w.m(p['line'])}. The borrower may ask the court to reduce the "
        f"{w.m(p['over'])} above that line (a reduction on request, not an automatic cut)."),
    "finding.WAIVER_UNAPPROVED": lambda p, w: (
        f"The waiver of {w.m(p['amount'])} of "
        + (w.comp(p['component']).lower() if p["component"] else "the balance")
        + f" on {p['date']} has no {' and no '.join(p['missing'])}: nothing shows it was approved. The replay "
        "applies it, as the creditor recorded it."),
    "finding.PLAN_INSTALLMENT_MISSED/late": lambda p, w: (
        f"Installment {p['n']} of the payment plan of {p['plan_date']} ({w.m(p['installment_total'])} due "
        f"{p['due']}) was paid in full only on {p['paid_on']}, {p['days_late']} days late."),
    "finding.PLAN_INSTALLMENT_MISSED/unpaid": lambda p, w: (
        f"Installment {p['n']} of the payment plan of {p['plan_date']} ({w.m(p['installment_total'])} due "
        f"{p['due']}) is unpaid: {w.m(p['unpaid'])} outstanding, {p['days_late']} days late on {p['as_of']}."),
    # ------------------------------------------------------------------ ceilings
    "ceiling.segment": lambda p, w: p["en"],
    # ------------------------------------------------------------------ bases
    "basis.contract": "contract",
    "basis.contract.principal": "contract: principal",
    "basis.contract.rate": "contract: rate {rate}",
    "basis.contract.default_rate": "contract: default rate {rate}",
    "basis.contract.rate_on_overdue": "contract: rate {rate} runs on overdue principal",
    "basis.contract.compound": "contract: compound interest",
    "basis.contract.fees": lambda p, w: "contract: " + ", ".join(p["names"]),
    "basis.contract.penalties": _penalties_basis,
    "basis.contract.costs": "contract: costs of enforcing the claim",
    "basis.cn.overdue_unagreed": f"Civil Code Art. 676; {SPC} Art. 28",
    "basis.no_contract_basis.cn": "no contract basis (Civil Code Art. 509, 577: only what was agreed is owed)",
    "basis.no_contract_basis.us": "no contract basis (FDCPA 15 U.S.C. 1692f(1); 12 CFR 1006.22(b))",
    "basis.no_contract_basis.other": "no contract basis",
    "basis.overpayment": "the lawful replay: what the payments leave after every amount owed is paid",
    "basis.payment_records": "payment records (independent evidence of payment)",
    "basis.payment_records_vs_ledger": "payment records (independent evidence of payment) against the creditor's ledger",
    "basis.ledger": "the creditor's ledger",
    "basis.ledger_running_balance": "the creditor's ledger: each balance is the previous balance plus the row's posting",
    "basis.lawful_replay": "the lawful replay (see the findings and computation lines for each component's basis)",
    "basis.cn.lpr_linked": "contract rate linked to the LPR (loan prime rate)",
    "basis.cn.ceiling": lambda p, w: latin(p["en"]),
    "basis.cn.art25": f"{SPC} Art. 25 (4 x one-year LPR at formation)",
    "basis.cn.art26": f"{SPC} Art. 26; Civil Code Art. 670 (principal = the amount handed over)",
    "basis.cn.art670": "Civil Code Art. 670 (interest may not be withheld from principal)",
    "basis.cn.art27": f"{SPC} Art. 27 (interest rolled into principal, within the ceiling)",
    "basis.cn.art28": f"{SPC} Art. 28 (overdue interest)",
    "basis.cn.art25_28": f"{SPC} Arts. 25, 28 (overdue interest within 4 x one-year LPR at formation)",
    "basis.cn.art29": f"{SPC} Art. 29 (overdue interest + penalties + other fees within the ceiling)",
    "basis.cn.art24": f"{SPC} Art. 24; Civil Code Art. 680 (no or unclear interest term)",
    "basis.cn.bank24": ("SPC opinions on financial adjudication Fa Fa [2017] No. 22 Art. 2; for licensed non-banks SPC "
                        "reply Fa Shi [2020] No. 27 (practice, secondary sources): the borrower may ask to reduce the "
                        "total cost above 24% a year"),
    "basis.cn.jiumin51": ("Minutes of the National Courts' Civil and Commercial Trial Work Conference (Jiu Min Ji Yao) "
                          "Art. 51: service, consulting and management fees taken by the lender or a party it designates "
                          "with no real service behind them may be treated as disguised interest (secondary sources)"),
    "basis.cn.pboc2021_3": ("PBOC Announcement [2021] No. 3: a loan's whole cost shown as an annualised rate over the "
                            "principal actually outstanding (secondary sources)"),
    "basis.cn.art561": "Civil Code Art. 561 (costs, then interest, then principal)",
    "basis.cn.art31_2015": f"{SPC} Art. 31 ¶2; 2015 Provisions Art. 26 (24% up to 2020-08-19)",
    "basis.cn.art31_transition": lambda p, w: f"{SPC} Art. 31 ¶2 ({READINGS[p['reading']]})",
    "basis.cn.limitation.new": lambda p, w: (
        "Civil Code Art. 188, 189 (3 years), 195 (interruption), 192-193 (the debtor must plead it) "
        f"[Civil Code, 3 years (period {p['running_from']} to {p['expires']})]"),
    "basis.cn.limitation.old": lambda p, w: (
        "General Principles of the Civil Law Art. 135 (2 years), Art. 140 (interruption); Fa Shi [2008] No. 11 Art. 5 "
        "(installments from the last due date); Fa Shi [2018] No. 12 Art. 3 (a period expired before 2017-10-01 "
        f"stays expired) [General Principles of the Civil Law, 2 years (period {p['running_from']} to "
        f"{p['expires']}, before 2017-10-01)]"),
    "basis.cn.limitation.switch": lambda p, w: (
        "Fa Shi [2018] No. 12 Art. 2 (a period still running on 2017-10-01 becomes 3 years); Civil Code Art. 188, "
        f"189, 195, 192-193 [running on 2017-10-01: 3 years (period {p['running_from']} to {p['expires']})]"),
    "basis.cn_card.fees": ("PBOC notice on credit card business (Yin Fa [2016] No. 111), from 2017-01-01: no interest "
                           "on penalties, annual, cash-advance and currency-conversion fees (secondary sources)"),
    "basis.cn_card.band": ("PBOC notice Yin Fa [2016] No. 111: overdraft rate at most 0.05% a day and at least 0.7 "
                           "times that, 2017-01-01 to 2020-12-31; before 2017 0.05% a day (secondary sources)"),
    "basis.cn_card.late_fee": ("Bank card rules 1999 (Yin Fa [1999] No. 17): late fee 5% of the unpaid minimum payment "
                               "before 2017 (unverified)"),
    "basis.cn_card.overlimit": "PBOC notice Yin Fa [2016] No. 111: over-limit fees abolished from 2017-01-01 "
                               "(secondary sources)",
    "basis.cn_card.reduce": ("SPC bank-card provisions Fa Shi [2021] No. 10 Art. 2: the cardholder may ask to reduce "
                             "the total of interest, compound interest, penalties and installment fees; the 24% line "
                             "is court practice (unverified)"),
    "basis.card.clause": _card_clause,
    "basis.card.model_unstated": ("card agreement (silent on the interest model); cn-law §5: the creditor-favourable "
                                  "reading, with the other shown"),
    "basis.waiver_approval": ("collection practice: a collector may not waive interest, penalties or principal on "
                              "their own authority; a waiver needs the creditor's approval on record (approved_by, "
                              "approval_ref)"),
    "basis.payment_plan": "the payment plan (restructure) agreed on {date}",
    # ------------------------------------------------------------------ limitation
    "limitation.note": lambda p, w: (
        f"runs from {p['starts']}" + (f", last interrupted on {p['last'][0]} ({w.name('event', p['last'][1])})"
                                      if p["last"] else "")
        + (f"; ends {p['expires']}" if p["rule"] == "state" else  # a US state's period: years as its basis says
           f"; {2 if p['rule'] == 'old' else 3} years: ends {p['expires']}") + f"; checked on {p['checked_on']}"),
    **CONVENTIONS,
    **PACK_NOTES,
    **LOAN_CONVENTIONS,
    **US_CONVENTIONS,
}


# ---------------------------------------------------------------------- the balance and schedule tables
TABLE_WORDS = {
    "table.balance.title": "Balance of {case} as of {day} ({ccy}), under the contract",
    "table.balance.component": "component", "table.balance.overdue": "overdue", "table.balance.due": "due",
    "table.balance.not_due": "not yet due", "table.balance.settle": "to settle",
    "table.balance.credit": "Credit held (overpaid): {credit}",
    "table.schedule.title": "Schedule {case} ({ccy})",
    "table.schedule.n": "n", "table.schedule.due": "due", "table.schedule.principal": "principal",
    "table.schedule.interest": "interest", "table.schedule.fees": "fees", "table.schedule.total": "total",
    "table.schedule.balance": "balance",
    "table.conventions": "Conventions",
}
CATALOGUE.update(TABLE_WORDS)


# ---------------------------------------------------------------------- the documents' own words (render)
# The labels, headings and sentences of the statement, the claim, the offer letter, the plan section,
# the terminal view and the workbook: words.<area>.<key>, read as one table per area by
# debtcli.messages.word_table.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DOCUMENT_WORDS = {
    # the sheet names of a workbook (statement, offer), by the English name
    "words.sheet.Summary": "Summary",
    "words.sheet.Computation": "Computation",
    "words.sheet.Payments": "Payments",
    "words.sheet.Findings": "Findings",
    "words.sheet.Inputs": "Inputs",
    "words.sheet.Cycles": "Cycles",
    "words.sheet.Plan": "Plan",
    "words.sheet.Annual cost": "Annual cost",
    "words.sheet.Offer": "Offer",
    "words.statement.title": "Itemised debt statement",
    "words.statement.reference": "Reference",
    "words.statement.case_section": "Case and contract",
    "words.statement.lender": "Lender",
    "words.statement.borrower": "Borrower",
    "words.statement.signed": "Contract signed",
    "words.statement.principal": "Contract principal",
    "words.statement.rate": "Contract rate",
    "words.statement.default_rate": "Default rate",
    "words.statement.method": "Repayment method",
    "words.statement.term": "Term",
    "words.statement.term_months": "{n} months",
    "words.statement.as_of": "As of",
    "words.statement.currency": "Currency",
    "words.statement.rules": "Rule pack and version",
    "words.statement.demand_document": "Demand document",
    "words.statement.filed": "Claim filed",
    "words.statement.summary": "Summary by component",
    "words.statement.component": "Component",
    "words.statement.demanded": "Demanded",
    "words.statement.contractual": "Per contract",
    "words.statement.lawful": "Lawful",
    "words.statement.excess": "Difference (demanded − lawful)",
    "words.statement.verdict_above": (
        "Verdict: demanded {demanded}, lawful {lawful}, above the lawful balance by {over} ({ccy})."
    ),
    "words.statement.verdict_within": (
        "Verdict: demanded {demanded}, lawful {lawful}: within the lawful balance ({ccy})."
    ),
    "words.statement.verdict_no_demand": (
        "No demand was given; the balances under the contract and under the law follow."
    ),
    "words.statement.verdict_credit": (
        "The borrower has paid {credit} ({ccy}) more than is owed: a credit due to the borrower."
    ),
    "words.statement.credit_row": "Credit due to the borrower (overpaid)",
    "words.statement.demand_from_ledger": (
        "The demanded total is the last running balance of the creditor's ledger, not broken down by component."
    ),
    "words.statement.payments": "Payments and how they were applied",
    "words.statement.payments_intro": "Each payment shows how the contract applies it and how it is applied lawfully.",
    "words.statement.pay_date": "Date",
    "words.statement.pay_amount": "Amount",
    "words.statement.pay_ref": "Reference",
    "words.statement.pay_status": "Status",
    "words.statement.allocation_contract": "Applied per contract",
    "words.statement.allocation_lawful": "Applied lawfully",
    "words.statement.payments_total": "Total paid",
    "words.statement.no_payments": "No payments.",
    "words.statement.computation": "Computation",
    "words.statement.computation_intro": (
        "Each line is base × rate × days ÷ basis, rounded to the cent; where the posted amount differs from the "
        "sum of its rounded lines, the difference is its own line."
    ),
    "words.statement.no_computation": "No accrual spans.",
    "words.statement.line_no": "No.",
    "words.statement.line_text": "Computation",
    "words.statement.line_amount": "Amount",
    "words.statement.posted": "Posted",
    "words.statement.rounding_difference": "Rounding difference (posted − sum of lines)",
    "words.statement.posting_kind.installment": "interest of installment {n}",
    "words.statement.posting_kind.accrued": "accrued to the payment",
    "words.statement.posting_kind.acceleration": "interest on acceleration",
    "words.statement.posting_kind.as_of": "accrued to the as-of date",
    "words.statement.posting_kind.penalty": "for a missed payment",
    "words.statement.posting_kind.late_fee": "for a missed payment",
    "words.statement.posting_kind.fee": "fee",
    "words.statement.posting_kind.cost": "cost",
    "words.statement.posting_kind.statement": "billed on the statement",
    "words.statement.posting_kind.credit": "credit",
    "words.statement.findings": "Findings",
    "words.statement.no_findings": "No findings.",
    "words.statement.severity.error": "error",
    "words.statement.severity.warning": "warning",
    "words.statement.severity.info": "info",
    "words.statement.finding_code": "Code",
    "words.statement.finding_amount": "Amount",
    "words.statement.finding_message": "Finding",
    "words.statement.finding_basis": "Basis",
    "words.statement.finding_evidence": "Evidence",
    "words.statement.limitation": "Limitation period",
    "words.statement.limitation_none": "The rule pack used does not assess the limitation period.",
    "words.statement.limitation_starts": "Starts",
    "words.statement.limitation_expires": "Expires",
    "words.statement.limitation_expired": "expired",
    "words.statement.limitation_running": "running",
    "words.statement.limitation_status": "Status",
    "words.statement.limitation_interruptions": "Interruptions",
    "words.statement.limitation_basis": "Basis",
    "words.statement.conventions": "Conventions used",
    "words.statement.annual_cost": "Annualised cost",
    "words.statement.apr": "APR (IRR method)",
    "words.statement.apr_effective": "Effective annual rate (compounded)",
    "words.statement.apr_actual": "APR from the actual cash flows",
    "words.statement.apr_none": "cannot be computed",
    "words.statement.apr_intro": (
        "As PBOC Announcement [2021] No. 3 defines it: the internal rate of return of the money the borrower "
        "actually received against every scheduled payment of principal, interest and fees (withheld or "
        "periodic), so cost is measured on the principal actually outstanding. The cash flows it comes from "
        "follow (positive: received by the borrower; negative: paid)."
    ),
    "words.statement.apr_actual_intro": (
        "From what actually happened: the money received, each payment, and the balance owed on the as-of date "
        "as if settled that day."
    ),
    "words.statement.flow_period": "Period",
    "words.statement.flow_date": "Date",
    "words.statement.flow_what": "Cash flow",
    "words.statement.flow_amount": "Amount",
    "words.statement.flow_kinds.received": "received by the borrower",
    "words.statement.flow_kinds.installment": "installment {n}",
    "words.statement.flow_kinds.fee": "fee: {name}",
    "words.statement.flow_kinds.payment": "payment {name}",
    "words.statement.flow_kinds.balance": "balance owed on the as-of date",
    "words.statement.evidence": "Evidence",
    "words.statement.file": "File",
    "words.statement.kind": "Kind",
    "words.statement.rows_used": "Rows used",
    "words.statement.rows_rejected": "Rows rejected",
    "words.statement.sha256": "SHA-256",
    "words.statement.rejected_rows": "Input rows not used",
    "words.statement.where": "Where",
    "words.statement.reason": "Reason",
    "words.statement.raw": "Text",
    "words.statement.no_rejected": "Every input row was used.",
    "words.statement.not_applied": "Payments dated after the as-of date (listed, not applied)",
    "words.statement.not_applied_count": "Not applied",
    "words.statement.ignored_files": "Files in the case folder that were not read",
    "words.statement.ignored_why": "Why not read",
    "words.statement.cycles": "Statement cycles",
    "words.statement.cycle_cols": (
        "Statement", "Due", "Opening", "New transactions", "Payments", "Interest", "Penalties", "Closing", "Minimum",
        "Days past due", "Bucket",
    ),
    "words.statement.notes": "Input notes",
    "words.statement.tool": "Produced by",
    "words.statement.tool_text": "debtcli {version} from the inputs as of {as_of}; the same inputs give the same file.",
    "words.statement.signature": "Signature",
    "words.statement.prepared_by": "Prepared by (signature):",
    "words.statement.checked_by": "Checked by (signature):",
    "words.statement.sign_date": "Date:",
    "words.statement.disclaimer_title": "Disclaimer",
    "words.statement.disclaimer": (
        "This statement is computed from the input files listed and under the conventions stated; every amount "
        "can be re-checked from its computation line. It is not legal advice; other inputs or other rules give "
        "other figures."
    ),
    "words.statement.page": "Page {n} of {total}",
    "words.statement.yes": "yes",
    "words.statement.no": "no",
    "words.statement.none": "none",
    "words.statement.status.matched": "matched",
    "words.statement.status.unposted": "not posted",
    "words.statement.status.unverified": "unverified",
    "words.statement.status.recorded": "recorded",
    "words.statement.status.mismatched": "posted differently",
    "words.statement.method_names.equal_installment": "equal installments",
    "words.statement.method_names.equal_principal": "equal principal",
    "words.statement.method_names.interest_only": "interest only",
    "words.statement.method_names.bullet": "bullet",
    "words.statement.method_names.custom": "custom schedule",
    "words.statement.method_names.flat": "flat interest",
    "words.statement.convention_names.day_count": "Day count",
    "words.statement.convention_names.counting": "Counting of ends",
    "words.statement.convention_names.interest_method": "Interest method",
    "words.statement.convention_names.rounding": "Rounding",
    "words.statement.convention_names.allocation": "Allocation order",
    "words.statement.convention_names.grace_days": "Grace days",
    "words.statement.convention_names.default_rate": "Default rate",
    "words.statement.convention_names.compound": "Compound interest",
    "words.statement.convention_names.early_payments": "Early payments",
    "words.statement.convention_names.same_day_order": "Same-day order",
    "words.statement.convention_names.rule_pack": "Rule pack",
    "words.statement.convention_names.method": "Repayment method",
    "words.statement.convention_names.frequency": "Installments",
    "words.statement.convention_names.repricing": "LPR repricing",
    "words.statement.convention_names.installment_multiple": "Installment multiple",
    "words.statement.convention_names.late_fee": "Late fee",
    "words.statement.convention_names.maturity": "Maturity",
    "words.statement.convention_names.overdue_from": "Overdue from",
    "words.statement.convention_names.periodic_fees": "Periodic fees",
    "words.statement.convention_names.apr": "Annualised cost",
    "words.statement.convention_names.statement": "Statement cycle",
    "words.statement.convention_names.interest_model": "Interest model",
    "words.statement.convention_names.interest_days": "Interest days",
    "words.statement.convention_names.interest_free": "Interest-free period",
    "words.statement.convention_names.compounding": "Compounding",
    "words.statement.convention_names.interest_on_fees": "Interest on fees",
    "words.statement.convention_names.minimum_payment": "Minimum payment",
    "words.statement.convention_names.late_penalty": "Late penalty",
    "words.statement.convention_names.cash_advance_fee": "Cash-advance fee",
    "words.statement.convention_names.write_off": "Write-off",
    "words.statement.convention_names.lender_regime": "Lender regime",
    "words.statement.convention_names.principal": "Principal",
    "words.statement.convention_names.rolled_over": "Rolled-over IOU",
    "words.statement.convention_names.regime": "Regime",
    "words.statement.convention_names.formation": "Formation",
    "words.statement.convention_names.ceiling": "Ceiling",
    "words.statement.convention_names.transition": "Transition",
    "words.statement.convention_names.ceiling_notes": "Ceiling notes",
    "words.statement.convention_names.band_24_36": "24% to 36% band",
    "words.statement.convention_names.overdue_interest": "Overdue interest",
    "words.statement.convention_names.day_count_other": "Day count (other reading)",
    "words.statement.convention_names.judgment": "Judgment stage",
    "words.statement.convention_names.court_fee": "Court fee",
    "words.statement.convention_names.card_rate": "Card rate",
    "words.statement.convention_names.card_fee_interest": "Interest on fees",
    "words.statement.convention_names.card_late_charge": "Late charges",
    "words.statement.card_rate": "Card rate",
    "words.statement.statement_day": "Statement day",
    "words.statement.statement_day_text": "day {n} of each month",
    "words.statement.due": "Payment due",
    "words.statement.due_day_text": "day {n} of each month",
    "words.statement.due_days_text": "{n} days after the statement",
    "words.statement.grace_days": "Grace period",
    "words.statement.days_text": "{n} days",
    "words.statement.interest_model": "Interest model",
    "words.statement.model_names.full_balance": "full balance",
    "words.statement.model_names.unpaid_part": "unpaid part only",
    "words.statement.model_unstated": (
        "not stated in the agreement (full balance, the creditor-favourable reading, used)"
    ),
    "words.statement.minimum_payment": "Minimum payment",
    "words.statement.minimum_text": (
        "{rate} of new principal plus the interest, fees, penalties and unpaid minimum billed"
    ),
    "words.statement.credit_limit": "Credit limit",
    "words.statement.late_penalty": "Late penalty",
    "words.statement.late_penalty_text": "{rate} of the unpaid minimum",
    "words.statement.at_least": ", at least {x}",
    "words.statement.at_most": ", at most {x}",
    "words.statement.rate_per.year": "{x} a year",
    "words.statement.rate_per.month": "{x} a month",
    "words.statement.rate_per.day": "{x} a day",
    "words.statement.lpr.1Y": "the one-year LPR",
    "words.statement.lpr.5Y": "the five-year LPR",
    "words.statement.lpr_times": "{x} times",
    "words.statement.lpr_plus": "plus {x}",
    "words.statement.lpr_minus": "minus {x}",
    "words.statement.markup": "the contract rate plus {x} of it",
    "words.claim.title": "Claims and computation list",
    "words.claim.reference": "Reference",
    "words.claim.as_of": "As of",
    "words.claim.parties": "Parties",
    "words.claim.plaintiff": "Plaintiff",
    "words.claim.defendant": "Defendant",
    "words.claim.cause": "Cause of action",
    "words.claim.cause_loan": "Private lending dispute",
    "words.claim.cause_bank": "Financial loan contract dispute",
    "words.claim.cause_card": "Credit card dispute",
    "words.claim.claims": "Claims",
    "words.claim.principal": "Order the defendant {defendant} to repay the plaintiff {plaintiff} principal of {amount}",
    "words.claim.with_running": (
        " with {what} (on a base of {base}, from {start} at {rate} a year until the day of actual payment)"
    ),
    "words.claim.running_interest": "interest",
    "words.claim.running_default_interest": "default interest",
    "words.claim.to_date": "Order the defendant to pay {what} to {as_of} of {amount}",
    "words.claim.costs_claim": "Order the defendant to bear the plaintiff's costs of enforcing the claim of {amount}",
    "words.claim.court_fee": "Order the defendant to bear the court fees of this case",
    "words.claim.total": "Total of the above: {amount} (computed to {as_of}).",
    "words.claim.end": ";",
    "words.claim.last": ".",
    "words.claim.list": "Computation list",
    "words.claim.list_intro": (
        "Each amount is the lawful amount; each line is base × rate × days / basis, the form courts use."
    ),
    "words.claim.component": "Item",
    "words.claim.amount": "Amount",
    "words.claim.evidence": "List of evidence",
    "words.claim.no": "No.",
    "words.claim.name": "Evidence",
    "words.claim.rows": "Rows",
    "words.claim.sha256": "SHA-256",
    "words.claim.evidence_intro": "The files the computation rests on; the hash shows that a filed copy is unchanged.",
    "words.claim.signature": "Signature",
    "words.claim.signed_by": "Claimant",
    "words.claim.date": "Date",
    "words.claim.page": "Page {n} of {total}",
    "words.offer.title": "Settlement offer",
    "words.offer.reference": "Reference",
    "words.offer.date": "Date of the offer",
    "words.offer.parties": "Parties",
    "words.offer.lender": "Creditor",
    "words.offer.borrower": "Debtor",
    "words.offer.case": "Case",
    "words.offer.currency": "Currency",
    "words.offer.amounts": "Amount to settle",
    "words.offer.component": "Component",
    "words.offer.contractual": "Per contract",
    "words.offer.lawful": "Lawful (the most)",
    "words.offer.waived": "Waived",
    "words.offer.after": "To pay",
    "words.offer.total": "Total",
    "words.offer.intro": (
        "On {on} (interest up to the day before) the lawful balance is {lawful} {ccy}. The creditor agrees to "
        "waive {waived} {ccy}: a single payment of {after} {ccy} on {on} settles the debt."
    ),
    "words.offer.per_diem": (
        "If payment is made after {on}, the lawful balance grows by about {per_diem} {ccy} a day (before "
        "waivers)."
    ),
    "words.offer.waiver_note": "The waiver stands on the creditor's written approval and on payment as offered.",
    "words.offer.plan": "Payment plan",
    "words.offer.plan_intro": (
        "Alternatively, the debtor may pay the {amount} {ccy} in {n} monthly installments at {rate} a year, the "
        "first due on {first}:"
    ),
    "words.offer.n": "No.",
    "words.offer.due": "Due",
    "words.offer.principal": "Principal",
    "words.offer.interest": "Interest",
    "words.offer.installment": "Installment",
    "words.offer.balance": "Balance",
    "words.offer.plan_note": (
        "If an installment is missed, the creditor may claim the rest under the original contract (at most the "
        "lawful balance before waivers)."
    ),
    "words.offer.conventions": "Conventions",
    "words.offer.rules": "Rule pack",
    "words.offer.signature": "Signatures",
    "words.offer.creditor_sign": "Creditor (seal):",
    "words.offer.debtor_sign": "Debtor (signature):",
    "words.offer.sign_date": "Date:",
    "words.offer.disclaimer_title": "Note",
    "words.offer.disclaimer": (
        "The figures are computed by debtcli from the case's input files under the conventions stated; the "
        "lawful figure is the most the creditor may ask."
    ),
    "words.offer.page": "Page {n} of {total}",
    "words.plan.title": "Payment plan (restructure) and how it was kept",
    "words.plan.intro": (
        "On {date} a payment plan was agreed: of the balance of {before} {ccy} on that day, {amount} {ccy} in "
        "{n} monthly installments at {rate} a year from {first}; from that day the plan replaces the remaining "
        "schedule. A plan is an acknowledgment of the debt: the limitation period restarts."
    ),
    "words.plan.forgiven": "The plan is for less than the balance: {forgiven} {ccy} is no longer claimed.",
    "words.plan.capped": (
        "The plan amount agreed is above the balance of this run on that day; the balance {amount} {ccy} is used."
    ),
    "words.plan.rest": "the rest",
    "words.plan.n": "No.",
    "words.plan.due": "Due",
    "words.plan.installment": "Installment",
    "words.plan.paid": "Paid",
    "words.plan.paid_on": "Paid in full on",
    "words.plan.status": "Kept?",
    "words.plan.status_names.paid": "paid on time",
    "words.plan.status_names.late": "paid {d} days late",
    "words.plan.status_names.unpaid": "unpaid, {d} days late",
    "words.plan.status_names.not_due": "not yet due",
    "words.terminal.above": (
        "Verdict: the demand of {demanded} exceeds the lawful balance of {lawful} by {over} ({ccy})."
    ),
    "words.terminal.within": "Verdict: the demand of {demanded} is within the lawful balance of {lawful} ({ccy}).",
    "words.terminal.no_demand": "Verdict: no demand was given; balances under the contract and the law follow ({ccy}).",
    "words.terminal.title": "Case {case} as of {as_of}, rules {pack}",
    "words.terminal.component": "component",
    "words.terminal.demanded": "demanded",
    "words.terminal.contractual": "per contract",
    "words.terminal.lawful": "lawful",
    "words.terminal.excess": "excess",
    "words.terminal.findings": "Findings",
    "words.terminal.basis": "basis",
    "words.terminal.evidence": "evidence",
    "words.terminal.none": "none",
    "words.terminal.payments": "Payments",
    "words.terminal.conventions": "Conventions",
    "words.terminal.limitation": "Limitation",
    "words.terminal.date": "date",
    "words.terminal.amount": "amount",
    "words.terminal.status": "status",
    "words.terminal.rejected": "Input rows not used",
    "words.terminal.severity.error": "ERROR",
    "words.terminal.severity.warning": "WARNING",
    "words.terminal.severity.info": "INFO",
    "words.terminal.lim_runs": "runs from {starts}",
    "words.terminal.lim_restart": ", restarted on {day} by a {what}",
    "words.terminal.lim_end": ", ends {expires}",
    "words.terminal.lim_expired": " (expired: the debtor may plead it)",
    "words.terminal.lim_open": " (running)",
    "words.terminal.events.payment": "payment",
    "words.terminal.events.demand_notice": "demand notice",
    "words.terminal.events.acknowledgment": "acknowledgment",
    "words.terminal.notes": "Input notes",
    "words.terminal.apr": "APR (IRR) {apr}, effective {eff}, from actual cash flows {actual}",
    "words.terminal.apr_none": "n/a",
    "words.terminal.credit": "The borrower has paid {credit} ({ccy}) more than is owed: a credit due to the borrower.",
    "words.terminal.credit_row": "credit due to the borrower",
    "words.xlsx.no": "No.",
    "words.xlsx.posted_on": "Posted on",
    "words.xlsx.from": "From",
    "words.xlsx.to": "To",
    "words.xlsx.days": "Days",
    "words.xlsx.base": "Base",
    "words.xlsx.rate": "Rate",
    "words.xlsx.per": "Rate per",
    "words.xlsx.basis": "Basis (days)",
    "words.xlsx.amount": "Amount (rounded)",
    "words.xlsx.raw": "Unrounded",
    "words.xlsx.text": "Computation",
    "words.xlsx.per_year": "year",
    "words.xlsx.per_month": "month",
    "words.xlsx.per_day": "day",
    "words.xlsx.per_quarter": "quarter",
    "words.xlsx.per_half_year": "half-year",
    "words.xlsx.per_whole_year": "year (a whole period)",
    "words.xlsx.per_charge": "once",
    "words.xlsx.severity": "Severity",
    "words.xlsx.kind": "Kind",
    "words.xlsx.totals_by_component": "Posted, by component",
    "words.xlsx.recalc": "Formulas recalculate in Excel / LibreOffice; each cell also stores its computed value.",
    "words.date.text": lambda p, w: f"{p['d'].day} {MONTHS[p['d'].month - 1]} {p['d'].year}",  # 1 Mar 2021
    # the base each kind of interest runs on, as the court form names it (the English form says "on a base of")
    "words.court_base.interest": "principal",
    "words.court_base.default_interest": "overdue principal",
    "words.court_base.compound_interest": "overdue interest",
    "words.court_base.judgment_interest": "the money debt of the judgment other than ordinary interest",
}
CATALOGUE.update(DOCUMENT_WORDS)


# ---------------------------------------------------------------------- computation lines in the court form (render)
def _plural_days(n) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _charge_rate_en(p, w):
    base = f"the unpaid {p['part'].lower()} of {p['missed']}" if p["part"] else f"the unpaid part of {p['missed']}"
    return f"{p['what']}: {p['rate']} of {base}, {p['base']}{p['clamp']}: {p['amount']}"


COURT_FORM_WORDS = {
    "words.court.base": "base",
    "words.court.amount": lambda p, w: p["x"],
    "words.court.day": lambda p, w: (
        f"on a base of {p['base']} at {p['rate']} a day from {p['start']} to {p['end']}, {_plural_days(p['days'])}: "
        f"{p['amount']}"),
    "words.court.month": lambda p, w: (
        f"on a base of {p['base']} at {p['rate']} a month ({p['annual']} a year ÷ 12) from {p['start']} to {p['end']}, "
        f"{p['days']} of the period's {p['basis']} days: {p['amount']}"),
    "words.court.year": lambda p, w: (
        f"on a base of {p['base']} at {p['rate']} a year from {p['start']} to {p['end']}, {_plural_days(p['days'])} "
        f"(year of {p['basis']} days): {p['amount']}"),
    "words.court.quarter": lambda p, w: (
        f"on a base of {p['base']} at {p['rate']} a quarter ({p['annual']} a year ÷ 4) from {p['start']} to {p['end']}, "
        f"{p['days']} of the period's {p['basis']} days: {p['amount']}"),
    "words.court.half_year": lambda p, w: (
        f"on a base of {p['base']} at {p['rate']} a half-year ({p['annual']} a year ÷ 2) from {p['start']} to "
        f"{p['end']}, {p['days']} of the period's {p['basis']} days: {p['amount']}"),
    "words.court.whole_year": lambda p, w: (
        f"on a base of {p['base']} at {p['rate']} a year, by the yearly period, from {p['start']} to {p['end']}, "
        f"{p['days']} of the period's {p['basis']} days: {p['amount']}"),
    "words.charge.amount": lambda p, w: p["x"],
    "words.charge.penalty": "penalty", "words.charge.late_fee": "late fee",
    "words.charge.missed_n": lambda p, w: f"installment {p['n']} (due {p['due']})",
    "words.charge.missed_min": lambda p, w: f"the minimum payment due {p['due']}",
    "words.charge.fixed": lambda p, w: f"{p['missed']} not paid on time: the contract's {p['what']} of {p['amount']}",
    "words.charge.floor": lambda p, w: f" = {p['computed']}, below the minimum of {p['limit']}",
    "words.charge.cap": lambda p, w: f" = {p['computed']}, above the maximum of {p['limit']}",
    "words.charge.rate_form": _charge_rate_en,
    "words.posting.title": lambda p, w: f"{p['date']}: {p['component'].lower()}, {p['kind']}",
}
CATALOGUE.update(COURT_FORM_WORDS)


# ---------------------------------------------------------------------- the portfolio summary workbook (batch --summary)
SUMMARY_WORDS = {
    "summary.sheet.summary": "Summary", "summary.sheet.findings": "Findings", "summary.sheet.components": "Components",
    "summary.sheet.largest": "Largest excess", "summary.sheet.unreadable": "Unreadable", "summary.sheet.inputs": "Inputs",
    "summary.title": "debtcli portfolio summary",
    "summary.item": "Item", "summary.value": "Value",
    "summary.source": "Source", "summary.as_of": "As of",
    "summary.as_of_each": "each case's own date (demand date or last due date)",
    "summary.rules": "Rule pack", "summary.rules_each": "each case's jurisdiction",
    "summary.accounts": "Accounts", "summary.verified": "Verified (no error finding)",
    "summary.flagged": "Flagged (error findings)", "summary.unreadable": "Unreadable",
    "summary.above": "Demand above the lawful balance",
    "summary.currency": "Currency", "summary.severity": "Severity", "summary.code": "Code",
    "summary.component": "Component", "summary.findings": "Findings", "summary.amount": "Amount",
    "summary.demanded": "Demanded", "summary.lawful": "Lawful", "summary.excess": "Excess",
    "summary.excess_signed": "Excess (demanded - lawful)",
    "summary.signed_findings": (
        "Amounts are signed. A finding's amount is its signed difference: DEMAND_ABOVE_LAWFUL and "
        "UNAUTHORIZED_CHARGE the amount above what is owed (positive); POSTING_MISMATCH and LEDGER_ARITHMETIC the "
        "creditor's figure less the recomputed one (negative: the creditor posted less); PAYMENT_MISMATCH the record "
        "less the ledger posting."),
    "summary.signed_components": (
        "Excess = Demanded - Lawful on every row, signed: negative where a demand asks less than the lawful figure. "
        "Each account's demand is split into the components it states, the rest of its total, or its total alone (a "
        "demand stated only as a total), so the rows of one account add up to its demanded total, lawful total and "
        "excess. Accounts without a demand are not in the rows (see below the total)."),
    "summary.row.not_itemised": "Rest of itemised demands (total less the stated components)",
    "summary.row.total_only": "Demands stated only as a total",
    "summary.row.total": "Total (sum of the rows above)",
    "summary.row.above": "of which demands above the lawful total (their excess; = DEMAND_ABOVE_LAWFUL on Findings)",
    "summary.row.no_demand": "Accounts without a demand (lawful total only; not in the rows above)",
    "summary.account": "Account", "summary.case": "Case",
    "summary.problem": "Problem (see the account's line in the results for every problem)",
    "summary.more": "... and {n} more",
    # batch --statements: why an account has no file, in manifest.csv (its header is column codes, as the
    # results file's keys are)
    "manifest.not_verified": "not verified: {why}",
    "manifest.not_flagged": "not flagged (--only-flagged)",
    "manifest.no_file": "no {template} for this account",
    "manifest.kept": "verified by the run --resume continued; this run wrote no file for it",
    "summary.file": "File", "summary.rows_used": "Rows used", "summary.rows_rejected": "Rows rejected",
    "summary.sha256": "SHA-256",
    "summary.sha256_note": (
        "A table of the portfolio export: its SHA-256. A file of the case folders (one per account): the SHA-256 of "
        "the lines 'ACCOUNT  SHA256' (two spaces, a line feed after each) of every account's file of that name, "
        "sorted by account; each account's own SHA-256 is in its line of the results (inputs.files)."),
    "summary.orphans": "rows that belong to no account (listed below)",
    "summary.table": "Table", "summary.row": "Row", "summary.reason": "Reason",
    "summary.not_read": "Not read",
    "summary.not_read_why": "Why not read (files of the case folders that were not read: {n})",
}
CATALOGUE.update(SUMMARY_WORDS)
