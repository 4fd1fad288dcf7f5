"""Synthetic loan portfolios with planted errors whose answers are known, so a run can be scored.

Each account is drawn from its own seeded random stream (the portfolio streams to disk and any
account can be regenerated alone): a lender kind with a plausible rate, a method (等额本息,
等额本金, 先息后本), ACT/360 or ACT/365, per-period or daily interest, default interest, compound
interest, late fees, a service fee; a borrower who pays on time, late, in parts, or stops paying.

The creditor's demand of a clean account is its contractual balance as of the portfolio date
(what a correct servicing system would state). Planted errors, one per affected account:

* ``inflated``: one component of the demand raised by a known amount -> DEMAND_ABOVE_LAWFUL with
  that excess on that component;
* ``unposted``: a payment in the payment records left out of the ledger and of the creditor's
  demand -> UNPOSTED_PAYMENT for that payment;
* ``unauthorized_fee``: a fee the contract does not provide for, posted in the ledger and added to
  the demand -> UNAUTHORIZED_CHARGE on fees;
* ``unreadable``: a rate nobody can read in the terms table -> an error line naming the column.

Usage: python tests/benchmarks/portfolio_gen.py OUT_DIR --accounts 1000 [--layout export|folders]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from dateutil.relativedelta import relativedelta

from debtcli.batch.export import terms_document
from debtcli.terms.case import Case
from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef
from debtcli.report.build import contract_run
from debtcli.terms.loader import terms_from_dict

AS_OF = date(2024, 9, 30)
CENT = Decimal("0.01")
KINDS = ("inflated", "unposted", "unauthorized_fee")

TERMS_HEADER = (
    "account_id", "jurisdiction", "lender_kind", "currency", "lender", "borrower", "signed", "principal", "rate",
    "day_count", "method", "term_months", "first_due", "interest_method", "grace_days", "default_rate", "compound",
    "late_fee", "fee_name", "fee_amount", "fee_date", "demand_as_of", "demand_principal", "demand_interest",
    "demand_default_interest", "demand_compound_interest", "demand_fees", "demand_penalties", "demand_total",
    "demand_document",
)
LEDGER_HEADER = ("account_id", "date", "type", "amount", "reference", "memo")
PAYMENTS_HEADER = ("account_id", "date", "amount", "reference", "payer", "channel")
DEMAND_COMPONENTS = ("principal", "interest", "default_interest", "compound_interest", "fees", "penalties")

LENDERS = {  # kind -> (rate range in %, day count, share)
    "bank": ((Decimal("4.35"), Decimal("7.20")), "ACT/360", 45),
    "licensed_nonbank": ((Decimal("8.00"), Decimal("13.50")), "ACT/365", 30),
    "company": ((Decimal("6.00"), Decimal("12.00")), "ACT/365", 10),
    "individual": ((Decimal("5.00"), Decimal("13.00")), "ACT/365", 15),
}


@dataclass
class Planted:
    """The known answer for one account."""

    account: str
    kind: str  # clean | inflated | unposted | unauthorized_fee | unreadable
    code: str = ""
    component: str | None = None
    amount: str = ""  # the finding's signed amount as the report prints it
    note: str = ""


@dataclass
class Account:
    terms: dict  # terms table row: column -> text
    ledger: list = field(default_factory=list)  # (date, type, amount, reference, memo)
    payments: list = field(default_factory=list)  # (date, amount, reference, payer, channel)
    planted: Planted | None = None


def account_id(i: int) -> str:
    return f"L{i:07d}"


def _money(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


def _default_markup(rng: random.Random, rate: Decimal) -> str:
    """A default-interest markup that keeps the default rate within 4 x LPR (13.4% at the portfolio
    date), so a clean account stays lawful under the cn pack too."""
    markup = rng.choice(("+50%", "+50%", "+30%", ""))
    factor = {"+50%": Decimal("1.5"), "+30%": Decimal("1.3"), "": Decimal(1)}
    while markup and rate * factor[markup] > Decimal("13.0"):
        markup = "+30%" if markup == "+50%" else ""
    return markup


def _pick(rng: random.Random, weighted: dict):
    return rng.choices(list(weighted), weights=[v[2] for v in weighted.values()])[0]


def _installments(principal: Decimal, annual: Decimal, n: int, method: str) -> list[Decimal]:
    """What the borrower believes each installment is (per-period interest)."""
    r = annual / 12
    if method == "equal_installment":
        each = _money(principal * r / (1 - (1 + r) ** -n))
        return [each] * n
    if method == "equal_principal":
        part = _money(principal / n)
        return [_money(part + (principal - part * k) * r) for k in range(n)]
    interest = _money(principal * r)
    return [interest] * (n - 1) + [principal + interest]


def _payments(rng: random.Random, dues: list[date], amounts: list[Decimal], behaviour: str, partials: int
              ) -> list[tuple[date, Decimal]]:
    out = []
    stop = len(dues) if behaviour != "defaulted" else rng.randint(6, len(dues) - 6)
    split = set(rng.sample(range(stop), min(partials, stop)))
    for k in range(stop):
        due, amount = dues[k], amounts[k]
        if due > AS_OF:
            break
        late = rng.randint(3, 25) if behaviour == "late" and rng.random() < 0.3 else 0
        day = due + timedelta(days=late)
        if k in split:
            first = _money(amount * Decimal(rng.choice(("0.5", "0.6", "0.7"))))
            out.append((day, first))
            out.append((day + timedelta(days=rng.randint(8, 16)), amount - first))
        else:
            out.append((day, amount))
    return [(d, a) for d, a in out if d <= AS_OF]


def make_account(i: int, seed: int = 7, error_rate: float = 0.2, benchmark: bool = False,
                 unreadable_rate: float = 0.0) -> Account:
    """Account number ``i`` of the portfolio drawn with ``seed``. ``benchmark``: 36 installments all
    elapsed, about 40 payments (four installments paid in two parts)."""
    rng = random.Random(seed * 1_000_003 + i)
    aid = account_id(i)
    kind = _pick(rng, LENDERS)
    (lo, hi), day_count, _ = LENDERS[kind]
    rate = (lo + (hi - lo) * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01"))
    method = rng.choices(("equal_installment", "equal_principal", "interest_only"), weights=(60, 25, 15))[0]
    n = 36 if benchmark else rng.choice((12, 24, 36))
    signed = date(2019, 1, 1) + timedelta(days=rng.randint(0, 900))
    if benchmark:
        signed = min(signed, AS_OF - relativedelta(months=n + 1))
    first_due = signed + relativedelta(months=1)
    principal = Decimal(rng.randint(20, 300) * 1000)
    has_fee = kind in ("licensed_nonbank", "company") and rng.random() < 0.5
    row = {
        "account_id": aid, "jurisdiction": "cn", "lender_kind": kind, "currency": "CNY",
        "lender": f"{kind} lender {i % 97}", "borrower": f"borrower {i}", "signed": signed.isoformat(),
        "principal": f"{principal}.00", "rate": f"{rate}%", "day_count": day_count, "method": method,
        "term_months": str(n), "first_due": first_due.isoformat(),
        "interest_method": "daily" if rng.random() < 0.2 else "per_period",
        "grace_days": str(rng.choice((0, 0, 3))),
        "default_rate": _default_markup(rng, rate),
        "compound": "true" if kind == "bank" and rng.random() < 0.5 else "false",
        "late_fee": "50.00" if kind == "licensed_nonbank" and rng.random() < 0.5 else "",
        "fee_name": "service fee" if has_fee else "",
        "fee_amount": f"{_money(principal * Decimal('0.01'))}" if has_fee else "",
        "fee_date": signed.isoformat() if has_fee else "",
    }
    dues = [first_due + relativedelta(months=k) for k in range(n)]
    amounts = _installments(principal, rate / 100, n, method)
    behaviour = "on_time" if benchmark else rng.choices(("on_time", "late", "partial", "defaulted"),
                                                         weights=(40, 25, 15, 20))[0]
    if benchmark:
        behaviour = rng.choice(("on_time", "late"))
    partials = 4 if benchmark else (rng.randint(1, 4) if behaviour == "partial" else 0)
    pays = _payments(rng, dues, amounts, behaviour, partials)
    acc = Account(row)
    acc.ledger.append((signed, "disbursement", principal, f"{aid}-D", "loan disbursed"))
    for k, (d, a) in enumerate(pays, start=1):
        ref = f"{aid}-P{k:03d}"
        acc.payments.append((d, a, ref, row["borrower"], rng.choice(("auto-debit", "transfer", "counter"))))
        acc.ledger.append((d + timedelta(days=rng.choice((0, 0, 0, 1))), "payment", a, ref, "repayment"))

    roll = rng.random()
    planted = Planted(aid, "clean")
    if roll < unreadable_rate:
        planted = Planted(aid, "unreadable", component="rate", note="a rate nobody can read")
        row["rate"] = f"{rate}%/fortnight"
    elif roll < unreadable_rate + error_rate:
        choice = rng.choice(KINDS)
        if choice == "unauthorized_fee" and has_fee:
            choice = "inflated"
        if choice == "unposted" and len(pays) < 2:
            choice = "inflated"
        planted = Planted(aid, choice)
    creditor_pays = list(acc.payments)
    if planted.kind == "unposted":
        k = rng.randrange(len(pays))
        d, a, ref = acc.payments[k][:3]
        acc.ledger = [x for x in acc.ledger if x[3] != ref]
        creditor_pays = [p for p in acc.payments if p[2] != ref]
        planted.code, planted.amount, planted.note = "UNPOSTED_PAYMENT", f"{-a}", f"{d.isoformat()} {ref}"
    demand = _contractual_balance(row, creditor_pays) if planted.kind != "unreadable" else {}
    if planted.kind == "inflated":
        comp = rng.choice(("principal", "interest", "default_interest"))
        extra = (Decimal(rng.randint(5000, 200000)) / 100).quantize(CENT)
        demand[comp] = demand.get(comp, Decimal(0)) + extra
        planted.code, planted.component, planted.amount = "DEMAND_ABOVE_LAWFUL", comp, f"{extra}"
    elif planted.kind == "unauthorized_fee":
        fee = Decimal(rng.choice(("300.00", "500.00", "880.00")))
        day = AS_OF - timedelta(days=rng.randint(30, 300))
        acc.ledger.append((day, "fee", fee, f"{aid}-F1", "collection service fee"))
        demand["fees"] = demand.get("fees", Decimal(0)) + fee
        planted.code, planted.component, planted.amount = "UNAUTHORIZED_CHARGE", "fees", f"{fee}"
    acc.ledger.sort(key=lambda x: (x[0], x[3]))
    row["demand_as_of"] = AS_OF.isoformat()
    for comp in DEMAND_COMPONENTS:
        value = demand.get(comp)
        row[f"demand_{comp}"] = f"{value}" if value else ("0.00" if comp in ("principal", "interest") else "")
    row["demand_total"] = f"{sum(demand.values(), Decimal(0)).quantize(CENT)}" if demand else ""
    row["demand_document"] = f"collection letter {aid}"
    acc.planted = planted
    return acc


def _contractual_balance(row: dict, pays: list) -> dict:
    """The creditor's figures: the contractual balance as of AS_OF with the payments it credits."""
    doc = terms_document(TERMS_HEADER, [row.get(c, "") for c in TERMS_HEADER])
    terms, issues = terms_from_dict(doc, "accounts.csv")
    if terms is None:
        raise ValueError(f"generated terms do not load: {[str(x) for x in issues]}")
    records = tuple(PaymentRecord(d, a, ref, payer, ch, SourceRef("payments.csv")) for d, a, ref, payer, ch in pays)
    case = Case(terms=terms, payments=records, has_payments=True)
    balance = contract_run(case, AS_OF, trace=False).result.balance
    return {c: balance[c] for c in DEMAND_COMPONENTS if balance[c]}


def case_of(acc: Account) -> Case:
    """The account as a ``Case`` in memory (for benchmarking the replay alone)."""
    doc = terms_document(TERMS_HEADER, [acc.terms.get(c, "") for c in TERMS_HEADER])
    terms, _ = terms_from_dict(doc, "accounts.csv")
    ledger = tuple(LedgerRow(d, t, a, ref, memo, source=SourceRef("ledger.csv")) for d, t, a, ref, memo in acc.ledger)
    pays = tuple(PaymentRecord(d, a, ref, p, ch, SourceRef("payments.csv")) for d, a, ref, p, ch in acc.payments)
    return Case(terms=terms, ledger=ledger, payments=pays, has_ledger=True, has_payments=True)


# ---------------------------------------------------------------------------- writing


def _toml_value(column: str, text: str) -> str:
    if column in ("term_months", "grace_days"):
        return text
    if column == "compound":
        return text
    return json.dumps(text, ensure_ascii=False)


def _case_toml(row: dict) -> str:
    from debtcli.batch.export import TERMS_COLUMNS

    tables: dict = {}
    for col in TERMS_HEADER:
        text = row.get(col, "")
        if not text:
            continue
        head, _, leaf = TERMS_COLUMNS[col].rpartition(".")
        tables.setdefault(head, []).append(f"{leaf} = {_toml_value(col, text)}")
    out = ['schema = "debtcli/1"']
    for head in ("case", "contract", "demand"):
        out += ["", f"[{head}]"] + tables.get(head, [])
    if "contract.fee[0]" in tables:
        out += ["", "[[contract.fee]]"] + tables["contract.fee[0]"]
    return "\n".join(out) + "\n"


def write_portfolio(out: Path, n: int, seed: int = 7, layout: str = "export", error_rate: float = 0.2,
                    benchmark: bool = False, unreadable_rate: float = 0.0, start: int = 1) -> Path:
    """Write ``n`` accounts to ``out`` and the answers to ``out/answers.jsonl``; streams account by
    account. Returns the path to give ``debtcli batch``."""
    out.mkdir(parents=True, exist_ok=True)
    source = out / ("cases" if layout == "folders" else "export")
    source.mkdir(exist_ok=True)
    answers = open(out / "answers.jsonl", "w", encoding="utf-8")
    tables = None
    if layout == "export":
        files = [open(source / f"{name}.csv", "w", newline="", encoding="utf-8")
                 for name in ("accounts", "ledger", "payments")]
        tables = [csv.writer(f) for f in files]
        for w, h in zip(tables, (TERMS_HEADER, LEDGER_HEADER, PAYMENTS_HEADER)):
            w.writerow(h)
    try:
        for i in range(start, start + n):
            acc = make_account(i, seed, error_rate, benchmark, unreadable_rate)
            aid = acc.terms["account_id"]
            answers.write(json.dumps(acc.planted.__dict__, ensure_ascii=False) + "\n")
            ledger = [(aid, d.isoformat(), t, f"{a}", ref, memo) for d, t, a, ref, memo in acc.ledger]
            pays = [(aid, d.isoformat(), f"{a}", ref, p, ch) for d, a, ref, p, ch in acc.payments]
            if tables is not None:
                tables[0].writerow([acc.terms.get(c, "") for c in TERMS_HEADER])
                tables[1].writerows(ledger)
                tables[2].writerows(pays)
                continue
            folder = source / aid
            folder.mkdir(exist_ok=True)
            (folder / "case.toml").write_text(_case_toml(acc.terms), encoding="utf-8")
            with open(folder / "ledger.csv", "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(LEDGER_HEADER[1:])
                w.writerows(r[1:] for r in ledger)
            with open(folder / "payments.csv", "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(PAYMENTS_HEADER[1:])
                w.writerows(r[1:] for r in pays)
    finally:
        answers.close()
        if tables is not None:
            for f in files:
                f.close()
    return source


# ---------------------------------------------------------------------------- scoring


def score(results: Path, answers: Path) -> dict:
    """Compare a run's results.jsonl with the answers: planted errors found, clean accounts flagged."""
    expected = {}
    with open(answers, encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            expected[a["account"]] = a
    found, missed, false_flags, seen = 0, [], [], set()
    with open(results, encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            aid = obj["account"]
            seen.add(aid)
            a = expected.get(aid)
            if a is None:
                continue
            ok = _detected(obj, a)
            if a["kind"] == "clean":
                if not ok:
                    false_flags.append(aid)
            elif ok:
                found += 1
            else:
                missed.append(aid)
    planted = sum(1 for a in expected.values() if a["kind"] != "clean")
    return {"accounts": len(expected), "planted": planted, "found": found, "missed": missed,
            "false_flags": false_flags, "not_in_results": sorted(set(expected) - seen)}


def _detected(obj: dict, a: dict) -> bool:
    """For a clean account: nothing flagged (True). For a planted one: the planted finding is there."""
    if a["kind"] == "unreadable":
        return "error" in obj and any(a["component"] in (p["message"] if isinstance(p, dict) else p)
                                        for p in obj.get("problems", []))
    if "error" in obj:
        return False
    errors = [f for f in obj["findings"] if f["severity"] == "error"]
    if a["kind"] == "clean":
        return not errors
    if a["kind"] == "inflated":
        return (any(f["code"] == "DEMAND_ABOVE_LAWFUL" for f in errors)
                and obj["balances"]["excess"][a["component"]] == a["amount"])
    return any(f["code"] == a["code"] and f["amount"] == a["amount"]
               and (a["component"] is None or f["component"] == a["component"]) for f in errors)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--accounts", type=int, default=1000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--layout", choices=("export", "folders"), default="export")
    p.add_argument("--error-rate", type=float, default=0.2)
    p.add_argument("--benchmark", action="store_true", help="36 installments, about 40 payments each")
    args = p.parse_args(argv)
    src = write_portfolio(args.out, args.accounts, args.seed, args.layout, args.error_rate, args.benchmark)
    print(src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
