"""The limitation period (诉讼时效), through the change of law on 2017-10-01.

* Civil Code Art. 188 (from 2017-10-01 General Provisions Art. 188): three years from when the creditor
  knew of the breach; Art. 189: for a debt payable in installments, from the due date of the last
  installment. An acceleration makes everything due on its date, so the period runs from the earlier
  of the two.
* 民法通则 Art. 135 (until 2017-09-30): two years; Art. 140: interrupted by a demand, the debtor agreeing
  to pay, or a suit. 法释〔2008〕11号 Art. 5: installment debts run from the last installment's due date.
* 法释〔2018〕12号 Arts. 2-3: a period still running on 2017-10-01 becomes three years; a period that had
  already run out stays expired.
* Art. 195: a demand that reaches the debtor, the debtor's agreement to pay (a part payment, an
  acknowledgment) or a suit interrupts the period, which starts again from that day.
* Art. 192, 193: after expiry the debtor may refuse to pay, but the court does not raise it by
  itself: an expired period is a warning, never a cut in the lawful balance.
* Art. 201, 202: the first day is not counted and the period ends on the matching day.
* A payment plan (restructure) is the debtor agreeing to pay, so it interrupts the period; the plan
  is then a debt payable in installments, whose period runs from the plan's last due date (Art. 189;
  from the acceleration of the plan, when the creditor accelerates it earlier).
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from debtcli.model.findings import Limitation, text

YEARS = 3
OLD_YEARS = 2
NEW_LAW_FROM = date(2017, 10, 1)  # General Provisions of the Civil Law in force
INTERRUPTING = ("demand_notice", "acknowledgment", "restructure")  # a payment plan is the debtor agreeing to pay


def period_end(running_from: date) -> tuple[date, str]:
    """The last day of a period running from ``running_from`` and the rule that fixes it: two years
    when they ran out before 2017-10-01, else three."""
    old_end = running_from + relativedelta(years=OLD_YEARS)
    if old_end < NEW_LAW_FROM:
        return old_end, "old"
    new_end = running_from + relativedelta(years=YEARS)
    return new_end, ("switch" if running_from < NEW_LAW_FROM else "new")


def limitation_period(due_dates: tuple[date, ...], accelerated_on: date | None, interruptions: list[tuple[date, str]],
                      checked_on: date, plan_end: date | None = None) -> Limitation | None:
    """Where the period stands on ``checked_on`` (the filing date, else the as-of date).

    ``plan_end`` is the last due date of a payment plan that replaced the schedule (or the day the
    creditor accelerated the plan, when earlier): the plan is a debt payable in installments, so from
    that day the period runs (Art. 189), whatever interrupted it before."""
    if not due_dates and accelerated_on is None:
        return None
    candidates = [d for d in (max(due_dates) if due_dates else None, accelerated_on) if d is not None]
    starts = min(candidates)
    running_from = starts
    restarts = []
    events = sorted(interruptions + ([(plan_end, "")] if plan_end is not None else []))
    for d, what in events:
        if what == "":  # the plan's last due date: not an interruption, the start of the plan's period
            running_from = max(running_from, d)
            continue
        if not starts <= d <= checked_on:
            continue
        # a demand after expiry revives nothing; the debtor agreeing to pay does (Art. 192 ¶2;
        # 法释〔2008〕11号 Art. 22)
        if what == "demand_notice" and d > period_end(running_from)[0]:
            continue
        restarts.append((d, what))
        running_from = d
    expires, rule = period_end(running_from)
    expired = checked_on > expires
    basis = (text("basis.cn.limitation." + rule, running_from=running_from, expires=expires),)
    return Limitation(starts, expires, expired, tuple(restarts), basis, checked_on, rule, running_from)
