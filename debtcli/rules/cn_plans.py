"""Payment plans (分期还款协议) under the cn pack's ceilings: a restructure's own rate is a rate agreed
between the parties like the contract's, so the ceiling in force on the day the plan is agreed caps
it (Provisions on Private Lending Art. 25). Overdue plan installments bear the plan rate, capped the
same way. The plan amount itself comes from the lawful run up to the plan's date, so interest above
the ceiling before the plan is not carried into it either.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from debtcli.model.findings import Finding
from debtcli.model.findings import text as ref
from debtcli.model.money import ZERO
from debtcli.model.records import SourceRef
from debtcli.rules.cn_caps import CapSegment, segment_at

RATE_ABOVE_CAP = "CN.RATE_ABOVE_CAP"
INTEREST = ("interest", "default_interest", "compound_interest")


def cap_plan_rates(account, ceiling: list[CapSegment], replays, as_of: date) -> tuple[object, list[Finding]]:
    """``account`` with the rate of each payment plan held to the ceiling on the plan's date, and a
    ``CN.RATE_ABOVE_CAP`` (variant ``plan``) for each plan that was above it, with the interest the
    cap takes off (measured plan by plan, up to ``as_of``)."""
    if not account.restructures or not ceiling:
        return account, []
    findings = []
    current = account
    for k, r in enumerate(account.restructures):
        if getattr(r, "kind", "plan") != "plan" or r.date > as_of:
            continue
        seg = segment_at(ceiling, r.date)
        if r.rate <= seg.rate:
            continue
        plans = list(current.restructures)
        plans[k] = replace(r, rate=seg.rate, rate_text=_pct(seg.rate))
        capped = replace(current, restructures=tuple(plans))
        before, after = replays.run(current, as_of), replays.run(capped, as_of)
        excess = sum((before.charged.get(c, ZERO) - after.charged.get(c, ZERO) for c in INTEREST), ZERO)
        findings.append(Finding(
            RATE_ABOVE_CAP, "error", "interest", excess,
            {"date": r.date, "rate": r.rate_text, "ceiling": ref("ceiling.segment", en=seg.text, rate=seg.rate,
                                                                 regime=seg.regime),
             "excess": excess, "as_of": as_of, "installments": r.installments},
            (ref("basis.cn.ceiling", regime=seg.regime, en=seg.basis),),
            (SourceRef("case.toml", column=f"event[{r.index}].rate"),),
            {"plan": r.date, "plan_rate": r.rate_text, "ceiling": _pct(seg.rate)}, variant="plan"))
        current = capped
    return current, findings


def _pct(x: Decimal) -> str:
    return f"{(x * 100).normalize():f}%"


def plan_end(result) -> date | None:
    """The last due date of the payment plan in force at the end of ``result`` (or the day the plan
    was accelerated, when earlier): where the limitation period of the plan starts. None without a plan."""
    plans = getattr(result, "plans", ())
    if not plans or not plans[-1].due_dates:
        return None
    last = plans[-1]
    end = max(last.due_dates)
    acc = result.accelerated_on
    return min(end, acc) if acc is not None and acc > last.restructure.date else end
