"""The limitation period (诉讼时效) under the Civil Code.

* Art. 188: three years from when the creditor knew of the breach; Art. 189: for a debt payable in
  installments, from the due date of the last installment. An acceleration makes everything due on
  its date, so the period runs from the earlier of the two.
* Art. 195: a demand that reaches the debtor, the debtor's agreement to pay (a part payment, an
  acknowledgment) or a suit interrupts the period, which starts again from that day.
* Art. 192, 193: after expiry the debtor may refuse to pay, but the court does not raise it by
  itself: an expired period is a warning, never a cut in the lawful balance.
* Art. 201, 202: the first day is not counted and the period ends on the matching day three years on.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from debtcli.report.model import Limitation

YEARS = 3
BASIS = "Civil Code Art. 188, 189 (3 years), 195 (interruption), 192-193 (the debtor must plead it)"
INTERRUPTING = ("demand_notice", "acknowledgment", "restructure")  # a payment plan is the debtor agreeing to pay


def limitation_period(due_dates: tuple[date, ...], accelerated_on: date | None, interruptions: list[tuple[date, str]],
                      checked_on: date) -> Limitation | None:
    """Where the period stands on ``checked_on`` (the filing date, else the as-of date)."""
    if not due_dates and accelerated_on is None:
        return None
    candidates = [d for d in (max(due_dates) if due_dates else None, accelerated_on) if d is not None]
    starts = min(candidates)
    running_from = starts
    restarts = []
    for d, what in sorted(interruptions):
        if not starts <= d <= checked_on:
            continue
        # a demand after expiry revives nothing; the debtor agreeing to pay does (Art. 192 ¶2)
        if what == "demand_notice" and d > running_from + relativedelta(years=YEARS):
            continue
        restarts.append((d, what))
        running_from = d
    expires = running_from + relativedelta(years=YEARS)
    expired = checked_on > expires
    note = (f"runs from {starts}" + (f", last interrupted on {running_from} ({restarts[-1][1]})" if restarts else "")
            + f"; ends {expires}; checked on {checked_on}")
    return Limitation(starts, expires, expired, tuple(restarts), BASIS, note)
