"""Invariants of the one store on card accounts: a card's lots are items of the replay's store, and
every payment, refund and waiver is allocated over it by the same take as a loan's."""

import random
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.model.records import COMPONENTS
from tests.engine.card_helpers import card_run, line, pay

START = date(2026, 1, 6)
AS_OF = date(2026, 9, 5)
ZERO = Decimal(0)
cents = st.integers(1, 300_000).map(lambda c: Decimal(c).scaleb(-2))
lines = st.lists(st.tuples(st.integers(0, 200), st.sampled_from(["purchase"] * 4 + ["cash_advance", "refund", "fee"]),
                           cents), min_size=1, max_size=10)
payments = st.lists(st.tuples(st.integers(5, 240), cents), max_size=8)
options = st.fixed_dictionaries({
    "interest_model": st.sampled_from(["full_balance", "unpaid_part"]),
    "late_penalty": st.sampled_from([None, '{ rate = "5%", min = "10.00", max = "500.00" }']),
    "cash_advance_fee": st.sampled_from([None, '{ rate = "1%", min = "10.00" }']),
    "grace_days": st.sampled_from([None, 3]),
})
extras = st.sampled_from([
    "",
    '\n[[contract.installment_plan]]\ndate = 2026-03-10\namount = "800.00"\nmonths = 6\nfee_rate = "0.6%"\n',
    '\n[[event]]\ndate = 2026-05-10\ntype = "waiver"\namount = "25.00"\n',
    '\n[[event]]\ndate = 2026-05-10\ntype = "waiver"\namount = "5.00"\ncomponent = "interest"\n',
    '\n[[event]]\ndate = 2026-06-15\ntype = "acceleration"\n',
])


def _inputs(items, paid):
    ledger = [line(START + timedelta(days=day), kind, str(amount), row=i + 2)
              for i, (day, kind, amount) in enumerate(items)]
    ledger.append(line(date(2026, 1, 20), "purchase", "900.00", row=len(items) + 2))  # for a plan to convert
    return ledger, [pay(START + timedelta(days=day), str(amount)) for day, amount in paid]


@settings(max_examples=60, deadline=None)
@given(lines, payments, options, extras)
def test_every_payment_refund_and_waiver_is_allocated_exactly_once(items, paid, opts, extra):
    ledger, pays = _inputs(items, paid)
    _, res = card_run(AS_OF, ledger=ledger, payments=pays, extra_toml=extra, **opts)
    cash_in = sum((p.amount for p in res.payments if p.kind in ("payment", "refund")), ZERO)
    allocated = {c: ZERO for c in COMPONENTS}
    for p in res.payments:
        assert all(a.amount > 0 for a in p.allocations)
        for a in p.allocations:
            allocated[a.component] += a.amount
        if p.kind == "refund":  # a refund meets principal before anything else (what is left goes on)
            comps = [a.component for a in p.allocations]
            assert comps == sorted(comps, key=lambda c: c != "principal")
    # every amount of cash went to exactly one component or is held as credit
    assert sum((res.paid[c] for c in COMPONENTS), ZERO) + res.credit == cash_in
    assert {c: res.paid[c] + res.waived[c] for c in COMPONENTS} == allocated
    # what the store holds is what was charged less what was paid or waived, component by component
    for c in COMPONENTS:
        assert res.balance[c] == res.charged[c] - res.paid[c] - res.waived[c], c


@settings(max_examples=40, deadline=None)
@given(lines, payments, options, extras, st.randoms(use_true_random=False))
def test_a_card_replay_does_not_depend_on_the_order_of_its_inputs(items, paid, opts, extra, rnd: random.Random):
    ledger, pays = _inputs(items, paid)
    runs = []
    for order in (False, True):
        led, ps = list(ledger), list(pays)
        if order:
            rnd.shuffle(led)
            rnd.shuffle(ps)
        runs.append(card_run(AS_OF, ledger=led, payments=ps, extra_toml=extra, **opts)[1])
    a, b = runs
    assert a.balance == b.balance and a.buckets == b.buckets and a.credit == b.credit
    assert a.charged == b.charged and a.paid == b.paid and a.waived == b.waived
    assert [(c.statement_date, c.closing, c.minimum_payment, c.interest, c.penalties) for c in a.card.cycles] == \
        [(c.statement_date, c.closing, c.minimum_payment, c.interest, c.penalties) for c in b.card.cycles]
