"""Match the creditor's ledger payments against the independent payment records (对账).

One-to-one and deterministic, in three passes over what is still unpaired:

1. **match**: same amount, dates at most ``window_days`` apart (default 3). Among all such pairs the
   ones sharing a reference go first, then the closest dates, then ledger order, then record order.
2. **reference mismatch**: the same non-empty reference with a different amount or a date outside
   the window: the same payment, posted differently.
3. **date mismatch**: the same amount, dates further apart than the window but at most
   ``mismatch_days`` (default 31): probably the same payment, posted late or early.

What is left is ``unposted`` (in the records, not credited in the ledger) or ``unverified`` (in the
ledger, not in the records). The replay credits every payment either side shows, once; for a
mismatched pair it credits the independent record.

A payment whose credited side is dated after the as-of date (often a typo: 2032 for 2023) is matched
like any other, then set aside as ``after_as_of``: listed, not applied, and no finding of its own.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import field, replace
from datetime import date
from decimal import Decimal

from debtcli.model.findings import PAYMENT_MISMATCH, Finding, text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef

DEFAULT_WINDOW_DAYS = 3
DEFAULT_MISMATCH_DAYS = 31


@dataclass(frozen=True)
class NotApplied:
    """A payment dated after the as-of date: listed, never applied. ``record`` is what the replay
    would credit; ``ledger`` the creditor's row when the ledger shows it; ``status`` how it matched
    (matched | mismatched | unposted | unverified | recorded when there was nothing to match with)."""

    record: PaymentRecord
    ledger: LedgerRow | None
    status: str


@dataclass(frozen=True)
class PaymentMatch:
    matched: tuple[tuple[LedgerRow, PaymentRecord], ...] = ()
    unposted: tuple[PaymentRecord, ...] = ()  # in the records, not credited in the ledger
    unverified: tuple[LedgerRow, ...] = ()  # in the ledger, not in the records
    mismatched: tuple = field(default_factory=tuple)  # (ledger row, record, ("amount", "date") what differs)
    window_days: int = DEFAULT_WINDOW_DAYS
    mismatch_days: int = DEFAULT_MISMATCH_DAYS
    after_as_of: tuple[NotApplied, ...] = ()

    def until(self, as_of: date) -> "PaymentMatch":
        """The match with every payment whose credited side is dated after ``as_of`` set aside."""
        after = [NotApplied(p, r, "matched") for r, p in self.matched if p.date > as_of]
        after += [NotApplied(p, r, "mismatched") for r, p, _ in self.mismatched if p.date > as_of]
        after += [NotApplied(p, None, "unposted") for p in self.unposted if p.date > as_of]
        after += [NotApplied(ledger_payment(r), r, "unverified") for r in self.unverified if r.date > as_of]
        if not after:
            return self
        return replace(
            self, matched=tuple((r, p) for r, p in self.matched if p.date <= as_of),
            mismatched=tuple(x for x in self.mismatched if x[1].date <= as_of),
            unposted=tuple(p for p in self.unposted if p.date <= as_of),
            unverified=tuple(r for r in self.unverified if r.date <= as_of),
            after_as_of=self.after_as_of + tuple(sorted(after, key=lambda x: _record_key(x.record))))

    def made_with(self, settings: tuple[int, int]) -> bool:
        return (self.window_days, self.mismatch_days) == settings

    def credited(self) -> tuple[PaymentRecord, ...]:
        """What the replay credits: every payment either side shows, once."""
        out = [rec for _, rec in self.matched] + list(self.unposted)
        out += [ledger_payment(r) for r in self.unverified]
        out += [rec for _, rec, _ in self.mismatched]
        return tuple(sorted(out, key=_record_key))


def ledger_payment(row: LedgerRow) -> PaymentRecord:
    return PaymentRecord(row.date, row.amount, row.reference, "", "ledger", row.source)


def _row_key(r: LedgerRow):
    return (r.date, r.amount, r.reference, r.source.file, r.source.row or 0)


def _record_key(p: PaymentRecord):
    return (p.date, p.amount, p.reference, p.source.file, p.source.row or 0)


def match_payments(ledger, records, window_days: int = DEFAULT_WINDOW_DAYS,
                   mismatch_days: int = DEFAULT_MISMATCH_DAYS) -> PaymentMatch:
    """Each pass is the greedy one-to-one matching that takes the candidate pairs in order of
    (score, ledger order, record order), skipping a pair whose row or record is already taken. It is
    computed without listing the pairs: a pair that is each side's best among what is still free is
    the pair the greedy order takes next on both sides (the order is strict), so such mutual bests
    are paired off along a chain of best partners (nearest-neighbour chain), each best found in a
    ``_Pool``. Cost: about (rows + records) x log(rows + records) per pass, whatever the number of
    pairs (a shared reference on every row is no longer rows x records)."""
    rows = sorted((r for r in ledger if r.type == "payment"), key=_row_key)
    recs = sorted(records, key=_record_key)
    free_rows, free_recs = set(range(len(rows))), set(range(len(recs)))
    row_days = [r.date.toordinal() for r in rows]
    rec_days = [p.date.toordinal() for p in recs]

    def gap(r, p):
        return abs((p.date - r.date).days)

    def pools(indexes, items, days, key):
        out: dict = {}
        for k in indexes:
            group = key(items[k])
            if group is not None:
                out.setdefault(group, []).append((days[k], items[k].amount, k))
        return _Pools(out)

    def amount_of(x):
        return x.amount

    def amount_and_reference(x):
        return (x.amount, x.reference) if x.reference else None

    def reference_of(x):
        return x.reference or None

    # pass 1: same amount within the window, a shared reference first, then the closest dates.
    # A row and a record alone in their (amount, reference) group and within the window are each
    # other's best partner (a shared reference scores before any pair without one): the greedy takes
    # them whatever else is in the pass, so they are paired off before the pools are built.
    matched = _lone_pairs(rows, recs, row_days, rec_days, free_rows, free_recs, window_days)
    by_ref = (pools(free_rows, rows, row_days, amount_and_reference),
              pools(free_recs, recs, rec_days, amount_and_reference))
    by_amount = (pools(free_rows, rows, row_days, amount_of), pools(free_recs, recs, rec_days, amount_of))

    def within_window(side, k):
        item, day = (rows[k], row_days[k]) if side == 0 else (recs[k], rec_days[k])
        other = 1 - side
        if item.reference:
            pool = by_ref[other].get((item.amount, item.reference))
            hit = pool.nearest(day, item.amount, window_days) if pool else None
            if hit is not None:
                return (0, hit[0]), hit[2]
        pool = by_amount[other].get(item.amount)
        hit = pool.nearest(day, item.amount, window_days) if pool else None
        return ((1, hit[0]), hit[2]) if hit is not None else None

    def take_pass1(side, k):
        item = rows[k] if side == 0 else recs[k]
        if item.reference:
            by_ref[side].remove((item.amount, item.reference), k)
        by_amount[side].remove(item.amount, k)

    matched += _greedy(free_rows, free_recs, within_window, take_pass1)

    # pass 2: the same reference, any amount and date: the closest dates, then the closest amounts
    refs = (pools(free_rows, rows, row_days, reference_of), pools(free_recs, recs, rec_days, reference_of))

    def same_reference(side, k):
        item, day = (rows[k], row_days[k]) if side == 0 else (recs[k], rec_days[k])
        pool = refs[1 - side].get(item.reference) if item.reference else None
        hit = pool.nearest(day, item.amount) if pool else None
        return ((hit[0], hit[1]), hit[2]) if hit is not None else None

    def take_pass2(side, k):
        item = rows[k] if side == 0 else recs[k]
        refs[side].remove(item.reference, k)

    paired_by_ref = _greedy(free_rows, free_recs, same_reference, take_pass2)

    # pass 3: the same amount, dates at most ``mismatch_days`` apart
    amounts = (pools(free_rows, rows, row_days, amount_of), pools(free_recs, recs, rec_days, amount_of))

    def same_amount(side, k):
        item, day = (rows[k], row_days[k]) if side == 0 else (recs[k], rec_days[k])
        pool = amounts[1 - side].get(item.amount)
        hit = pool.nearest(day, item.amount, mismatch_days) if pool else None
        return (hit[0], hit[2]) if hit is not None else None

    def take_pass3(side, k):
        amounts[side].remove((rows[k] if side == 0 else recs[k]).amount, k)

    paired_by_date = _greedy(free_rows, free_recs, same_amount, take_pass3)
    mismatched = []
    for i, j in sorted(paired_by_ref + paired_by_date):
        r, p = rows[i], recs[j]
        what = tuple(x for x, differs in (("amount", r.amount != p.amount), ("date", gap(r, p) > window_days))
                     if differs)
        mismatched.append((r, p, what))
    return PaymentMatch(
        matched=tuple((rows[i], recs[j]) for i, j in sorted(matched)),
        unposted=tuple(recs[j] for j in sorted(free_recs)),
        unverified=tuple(rows[i] for i in sorted(free_rows)),
        mismatched=tuple(mismatched),
        window_days=window_days,
        mismatch_days=mismatch_days,
    )


def _lone_pairs(rows, recs, row_days, rec_days, free_rows: set, free_recs: set, window_days: int
                ) -> list[tuple[int, int]]:
    """The pairs of a row and a record that share amount and reference, alone in that group on both
    sides, at most ``window_days`` apart; taken out of ``free_rows`` and ``free_recs``."""
    groups: dict = {}
    for k, r in enumerate(rows):
        if r.reference:
            g = groups.setdefault((r.amount, r.reference), [[], []])
            g[0].append(k)
    for k, p in enumerate(recs):
        if p.reference:
            g = groups.get((p.amount, p.reference))
            if g is not None:
                g[1].append(k)
    out = []
    for mine, theirs in groups.values():
        if len(mine) == 1 and len(theirs) == 1:
            i, j = mine[0], theirs[0]
            if abs(row_days[i] - rec_days[j]) <= window_days:
                out.append((i, j))
                free_rows.discard(i)
                free_recs.discard(j)
    return out


def _greedy(free_rows: set, free_recs: set, best, take) -> list[tuple[int, int]]:
    """The greedy matching of one pass. ``best(side, k)`` gives the free partner of row ``k``
    (side 0) or record ``k`` (side 1) that comes first in the pass's order, as (score, index), or
    None; ``take(side, k)`` removes one from the pools. Pairs are found along a chain in which each
    member's best partner is the next one; the scores fall strictly along it, so it ends in a pair
    that are each other's best: that pair is the greedy's next choice for both, and is paired off.
    Every member joins the chain once, so the pass asks for about 2 x (rows + records) bests."""
    out = []
    free = (free_rows, free_recs)
    dead: tuple[set, set] = (set(), set())
    starts = [(0, i) for i in sorted(free_rows)] + [(1, j) for j in sorted(free_recs)]
    for start in starts:
        if start[1] not in free[start[0]] or start[1] in dead[start[0]]:
            continue
        chain = [start]
        while chain:
            side, k = chain[-1]
            hit = best(side, k)
            if hit is None:  # nobody left to pair with, now or later (the pools only shrink)
                chain.pop()
                dead[side].add(k)
                continue
            partner = (1 - side, hit[1])
            if len(chain) > 1 and chain[-2] == partner:
                chain.pop()
                chain.pop()
                row, rec = (k, partner[1]) if side == 0 else (partner[1], k)
                free_rows.discard(row)
                free_recs.discard(rec)
                take(0, row)
                take(1, rec)
                out.append((row, rec))
            else:
                chain.append(partner)
    return out


class _Pools:
    """The pools of one side by group, each built when first asked for (most groups never are)."""

    def __init__(self, members_by_group: dict):
        self.members = members_by_group
        self.built: dict = {}
        self.gone: set = set()

    def get(self, group):
        pool = self.built.get(group)
        if pool is None and group in self.members:
            pool = self.built[group] = _Pool([m for m in self.members.pop(group) if m[2] not in self.gone])
        return pool

    def remove(self, group, k) -> None:
        pool = self.built.get(group)
        if pool is None:
            self.gone.add(k)
        else:
            pool.remove(k)


class _Pool:
    """Free rows (or records) of one group, found by what is nearest to a (day, amount): the fewest
    days apart, then the smallest amount difference, then the lowest index. Days and amounts are
    kept sorted once; removal only ever empties a slot, so the next non-empty day or amount on either
    side is found by skip pointers with path compression."""

    def __init__(self, members):
        self.days = sorted({d for d, _, _ in members})
        day_pos = {d: n for n, d in enumerate(self.days)}
        amounts_at: list[set] = [set() for _ in self.days]
        for d, a, _ in members:
            amounts_at[day_pos[d]].add(a)
        self.amounts = [sorted(s) for s in amounts_at]
        amount_pos = [{a: n for n, a in enumerate(s)} for s in self.amounts]
        self.slots: list[list[list[int]]] = [[[] for _ in s] for s in self.amounts]
        self.where: dict = {}
        for d, a, k in sorted(members, key=lambda m: m[2]):
            p, q = day_pos[d], amount_pos[day_pos[d]][a]
            self.slots[p][q].append(k)
            self.where[k] = (p, q)
        self.first = [[0] * len(s) for s in self.amounts]  # index into a slot of its lowest free member
        self.taken: set = set()
        self.day_count = [sum(len(s) for s in slots) for slots in self.slots]
        self.day_skip = _Skips(len(self.days))
        self.amount_skip = [_Skips(len(s)) for s in self.amounts]
        self.slot_count = [[len(s) for s in slots] for slots in self.slots]

    def remove(self, k) -> None:
        if k in self.taken:
            return
        self.taken.add(k)
        p, q = self.where[k]
        self.slot_count[p][q] -= 1
        if self.slot_count[p][q] == 0:
            self.amount_skip[p].kill(q)
        self.day_count[p] -= 1
        if self.day_count[p] == 0:
            self.day_skip.kill(p)

    def _lowest(self, p, q) -> int:
        slot, n = self.slots[p][q], self.first[p][q]
        while slot[n] in self.taken:
            n += 1
        self.first[p][q] = n
        return slot[n]

    def _in_day(self, p, amount):
        """(amount difference, index) of the best free member on day slot ``p``."""
        amounts, skip = self.amounts[p], self.amount_skip[p]
        at = bisect_left(amounts, amount)
        below = skip.left(at - 1) if at > 0 else -1
        above = skip.right(at) if at < len(amounts) else -1
        best = None
        for q in (below, above):
            if q < 0:
                continue
            cand = (abs(amounts[q] - amount), self._lowest(p, q))
            if best is None or cand < best:
                best = cand
        return best

    def nearest(self, day: int, amount, max_days: int | None = None):
        """(days apart, amount difference, index) of the best free member, or None."""
        at = bisect_left(self.days, day)
        below = self.day_skip.left(at - 1) if at > 0 else -1
        above = self.day_skip.right(at) if at < len(self.days) else -1
        gaps = [(abs(self.days[p] - day), p) for p in (below, above) if p >= 0]
        if not gaps:
            return None
        g = min(x for x, _ in gaps)
        if max_days is not None and g > max_days:
            return None
        best = min(self._in_day(p, amount) for x, p in gaps if x == g)
        return (g, best[0], best[1])


class _Skips:
    """Positions 0..n-1, each alive until killed; the nearest live position at or left (right) of a
    position, by union-find with path compression."""

    def __init__(self, n: int):
        self.lp = list(range(n))
        self.rp = list(range(n))
        self.n = n

    def kill(self, p: int) -> None:
        self.lp[p] = p - 1
        self.rp[p] = p + 1

    @staticmethod
    def _find(parent, p, stop):
        root = p
        while root != stop and parent[root] != root:
            root = parent[root]
        while p != stop and parent[p] != p and p != root:
            parent[p], p = root, parent[p]
        return root

    def left(self, p: int) -> int:
        return self._find(self.lp, p, -1)

    def right(self, p: int) -> int:
        r = self._find(self.rp, p, self.n)
        return -1 if r == self.n else r


def match_settings(terms) -> tuple[int, int]:
    """(window_days, mismatch_days) of ``[reconcile]`` (checked by the terms loader), or the defaults."""
    settings = terms.reconcile
    return settings.get("window_days", DEFAULT_WINDOW_DAYS), settings.get("mismatch_days", DEFAULT_MISMATCH_DAYS)


def payments_to_credit(ledger, records, has_ledger: bool, has_records: bool, window_days: int = DEFAULT_WINDOW_DAYS,
                       mismatch_days: int = DEFAULT_MISMATCH_DAYS, as_of: date | None = None):
    """(credited payments, match or None) as the replay needs them; with ``as_of``, no payment dated
    after it is credited (``not_applied`` lists them)."""
    if has_ledger and has_records:
        m = match_payments(ledger, records, window_days, mismatch_days)
        if as_of is not None:
            m = m.until(as_of)
        return m.credited(), m
    return tuple(p for p in _unmatched_payments(ledger, records, has_ledger) if as_of is None or p.date <= as_of), None


def _unmatched_payments(ledger, records, has_ledger: bool):
    if has_ledger:
        return tuple(ledger_payment(r) for r in ledger if r.type == "payment")
    return tuple(records)


def not_applied(ledger, records, has_ledger: bool, match: PaymentMatch | None, as_of: date) -> tuple[NotApplied, ...]:
    """The payments dated after ``as_of``, from the match when there was one."""
    if match is not None:
        return match.after_as_of
    return tuple(NotApplied(p, None, "recorded") for p in sorted(_unmatched_payments(ledger, records, has_ledger),
                                                                 key=_record_key) if p.date > as_of)


def mismatch_findings(match: PaymentMatch | None, places: int) -> list[Finding]:
    """One finding per pair that is the same payment posted with another amount or date."""
    if match is None:
        return []
    out = []
    for row, rec, what in match.mismatched:
        diff: Decimal = rec.amount - row.amount
        out.append(Finding(
            PAYMENT_MISMATCH, "warning", None, diff,
            {"reference": row.reference or rec.reference, "ledger_amount": row.amount, "record_amount": rec.amount,
             "difference": diff, "ledger_date": row.date, "record_date": rec.date,
             "days": (row.date - rec.date).days, "what": tuple(what)},
            (text("basis.payment_records_vs_ledger"),),
            (row.source, rec.source),
            {"ledger_amount": row.amount, "record_amount": rec.amount, "ledger_date": row.date,
             "record_date": rec.date, "differs": ", ".join(what)}))
    return out


__all__ = ["PaymentMatch", "NotApplied", "not_applied", "match_payments", "payments_to_credit", "mismatch_findings", "ledger_payment",
           "PAYMENT_MISMATCH", "SourceRef"]
