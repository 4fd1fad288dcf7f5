"""``debtcli verify`` on the bundled examples, driven as a user runs it: the JSON has the documented
shape (ARCHITECTURE §5), the exit code follows the findings (§6), the terminal verdict reads plainly,
and the README's main example gives the figures worked out by hand below."""

import json
import re
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES

COMPONENTS = ("principal", "interest", "default_interest", "compound_interest", "fees", "penalties", "costs",
              "judgment_interest")
GENERIC_CODES = {"DEMAND_ABOVE_LAWFUL", "UNAUTHORIZED_CHARGE", "UNPOSTED_PAYMENT", "UNVERIFIED_PAYMENT",
                 "LEDGER_ARITHMETIC", "POSTING_MISMATCH", "WAIVER_UNAPPROVED", "PLAN_INSTALLMENT_MISSED"}
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ALL_EXAMPLES = sorted(p.parent.name for p in EXAMPLES.glob("*/case.toml"))


def shape_problems(doc: dict) -> list[str]:
    """Everything in ``doc`` that departs from the JSON report of ARCHITECTURE §5."""
    bad: list[str] = []

    def need(cond, what):
        if not cond:
            bad.append(what)

    def amount(v, where, nullable=False):
        need((v is None and nullable) or (isinstance(v, str) and AMOUNT.match(v)), f"{where}: {v!r} is not an amount")

    need(doc.get("schema") == "debtcli/1", "schema")
    need(isinstance(doc.get("tool"), dict) and doc["tool"].get("name") == "debtcli"
         and isinstance(doc["tool"].get("version"), str), "tool")
    need(isinstance(doc.get("case"), str) and doc["case"], "case")
    need(isinstance(doc.get("as_of"), str) and DATE.match(doc["as_of"]), "as_of")
    need(isinstance(doc.get("currency"), str) and re.fullmatch(r"[A-Z]{3}", doc["currency"]), "currency")
    rules = doc.get("rules")
    need(isinstance(rules, dict) and isinstance(rules.get("pack"), str) and isinstance(rules.get("version"), str),
         "rules")
    balances = doc.get("balances") or {}
    for name in ("demanded", "contractual", "lawful", "excess"):
        table = balances.get(name)
        if not isinstance(table, dict):
            bad.append(f"balances.{name} missing")
            continue
        need(set(table) == set(COMPONENTS) | {"total"}, f"balances.{name} keys {sorted(table)}")
        for k, v in table.items():
            amount(v, f"balances.{name}.{k}", nullable=name in ("demanded", "excess"))
    for name in ("contractual", "lawful"):
        table = balances.get(name) or {}
        if all(isinstance(table.get(k), str) for k in COMPONENTS + ("total",)):
            need(sum(Decimal(table[k]) for k in COMPONENTS) == Decimal(table["total"]), f"balances.{name} total")
    pay = doc.get("payments")
    if isinstance(pay, dict):
        amount(pay.get("total"), "payments.total")
        need(isinstance(pay.get("matched"), int), "payments.matched")
        for key in ("unposted", "unverified"):
            need(isinstance(pay.get(key), list), f"payments.{key}")
            for p in pay.get(key) or []:
                need(DATE.match(p.get("date", "")), f"payments.{key}.date")
                amount(p.get("amount"), f"payments.{key}.amount")
    else:
        bad.append("payments missing")
    findings = doc.get("findings")
    need(isinstance(findings, list), "findings")
    for i, f in enumerate(findings or []):
        where = f"findings[{i}]"
        code = f.get("code", "")
        need(code in GENERIC_CODES or re.fullmatch(r"[A-Z]{2,}\.[A-Z0-9_]+", code), f"{where}.code {code!r}")
        need(f.get("severity") in ("error", "warning", "info"), f"{where}.severity")
        need(f.get("component") is None or f["component"] in COMPONENTS + ("total",), f"{where}.component")
        amount(f.get("amount"), f"{where}.amount")
        for key in ("message", "basis"):
            need(isinstance(f.get(key), str) and f[key], f"{where}.{key}")
        need(isinstance(f.get("evidence"), list), f"{where}.evidence")
        for e in f.get("evidence") or []:
            need(isinstance(e.get("file"), str) and (e.get("row") is None or isinstance(e["row"], int)),
                 f"{where}.evidence {e!r}")
    need(isinstance(doc.get("inputs"), dict) and isinstance(doc["inputs"].get("ignored"), list), "inputs.ignored")
    inputs = (doc.get("inputs") or {}).get("files")
    need(isinstance(inputs, list) and inputs, "inputs.files")
    for i, x in enumerate(inputs or []):
        need(isinstance(x.get("file"), str) and re.fullmatch(r"[0-9a-f]{64}", x.get("sha256", ""))
             and isinstance(x.get("rows"), int) and isinstance(x.get("rejected"), int), f"inputs[{i}] {x!r}")
    return bad


def test_the_shape_check_catches_departures():
    good = {"schema": "debtcli/1", "tool": {"name": "debtcli", "version": "0"}, "case": "X", "as_of": "2024-01-01",
            "currency": "CNY", "rules": {"pack": "cn", "version": "1"},
            "balances": {n: {k: "0.00" for k in COMPONENTS + ("total",)}
                         for n in ("demanded", "contractual", "lawful", "excess")},
            "payments": {"total": "0.00", "matched": 0, "unposted": [], "unverified": []},
            "findings": [{"code": "CN.RATE_ABOVE_CAP", "severity": "error", "component": "interest",
                          "amount": "1.00", "message": "m", "basis": "b", "evidence": [{"file": "case.toml"}]}],
            "inputs": {"files": [{"file": "case.toml", "sha256": "0" * 64, "rows": 1, "rejected": 0}], "ignored": []}}
    assert shape_problems(good) == []
    broken = json.loads(json.dumps(good))
    broken["balances"]["lawful"]["interest"] = 1.5
    broken["findings"][0]["severity"] = "fatal"
    del broken["payments"]
    assert len(shape_problems(broken)) == 3


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_example_json_has_the_documented_shape(run_cli, name):
    code, out, err = run_cli("verify", EXAMPLES / name, "--format", "json")
    assert code in (0, 1), (code, err)
    doc = json.loads(out)
    assert shape_problems(doc) == []
    has_error = any(f["severity"] == "error" for f in doc["findings"])
    assert code == (1 if has_error else 0)


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_example_terminal_verdict_reads_plainly(run_cli, name):
    code, out, err = run_cli("verify", EXAMPLES / name)
    first = out.splitlines()[0]
    assert first.startswith(("结论：", "Verdict:"))
    assert "Traceback" not in out + err
    _, en, _ = run_cli("verify", EXAMPLES / name, "--lang", "en")
    assert en.splitlines()[0].startswith("Verdict: ")


def _money(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def test_private_loan_lawful_balance_by_hand(run_json):
    """The README example. Ceiling 4 x 3.85% (fixing of 2021-02-20) = 15.4%; principal 90,000 handed
    over; no overdue rate agreed, so the capped term rate runs on from 2022-03-01 (ACT/365)."""
    code, rep = run_json("verify", EXAMPLES / "private-loan")
    assert code == 1
    r = Decimal("0.154")
    i1 = _money(Decimal(90000) * r * 184 / 365)  # 2021-03-01 .. 2021-09-01: 6,986.96
    p1 = Decimal(90000) - (Decimal(20000) - i1)  # 76,986.96
    i2 = _money(p1 * r * 181 / 365)  # 2021-09-01 .. 2022-03-01: 5,879.27
    d1 = _money(p1 * r * 106 / 365)  # overdue 2022-03-01 .. 2022-06-15: 3,443.11
    p2 = p1 - (Decimal(30000) - d1 - i2)  # the unposted 30,000: 56,309.34
    d2 = _money(p2 * r * 259 / 365)  # 2022-06-15 .. 2023-03-01: 6,153.30
    law = rep["balances"]["lawful"]
    assert Decimal(law["principal"]) == p2 == Decimal("56309.34")
    assert Decimal(law["interest"]) == 0
    assert Decimal(law["default_interest"]) == d2 == Decimal("6153.30")
    assert Decimal(law["penalties"]) == 0  # the whole 违约金 is above the combined cap
    assert Decimal(law["total"]) == p2 + d2
    assert Decimal(rep["balances"]["excess"]["total"]) == Decimal("130163.30") - (p2 + d2)
    codes = {f["code"]: f for f in rep["findings"]}
    assert set(codes) == {"CN.UPFRONT_DEDUCTION", "CN.RATE_ABOVE_CAP", "CN.COMBINED_CAP_EXCEEDED",
                          "UNPOSTED_PAYMENT", "DEMAND_ABOVE_LAWFUL"}
    assert codes["CN.UPFRONT_DEDUCTION"]["amount"] == "10000.00"
    assert codes["CN.COMBINED_CAP_EXCEEDED"]["amount"] == "5000.00"
    assert codes["UNPOSTED_PAYMENT"]["amount"] == "-30000.00"
    assert codes["UNPOSTED_PAYMENT"]["evidence"] == [{"file": "payments.csv", "row": 3}]
    assert rep["payments"]["unposted"][0]["date"] == "2022-06-15"
    assert all(f["severity"] == "error" for f in rep["findings"])
    assert rep["limitation"]["expires"] == "2025-06-15"  # 3 years from the payment of 2022-06-15


def test_private_loan_terminal_lists_every_finding(run_cli):
    code, out, _ = run_cli("verify", EXAMPLES / "private-loan", "--lang", "en")
    assert code == 1
    flat = " ".join(out.split())
    assert flat.startswith("Verdict: the demand of 130,163.30 exceeds the lawful balance of 62,462.64 by 67,700.66")
    for code_ in ("CN.UPFRONT_DEDUCTION", "CN.RATE_ABOVE_CAP", "CN.COMBINED_CAP_EXCEEDED", "UNPOSTED_PAYMENT",
                  "DEMAND_ABOVE_LAWFUL"):
        assert code_ in flat
    assert "Art. 25" in flat and "Art. 29" in flat
    assert "ceiling: from 2021-03-01: 4 x one-year LPR 3.85%" in flat
    # a payment's finding names no component: its amount follows the code, with no blank name between
    line = next(ln for ln in out.splitlines() if "UNPOSTED_PAYMENT" in ln)
    assert line.split()[-2:] == ["UNPOSTED_PAYMENT", "-30,000.00"]
    assert "UNPOSTED_PAYMENT  -30,000.00" in line


def test_bank_loan_demand_is_lawful_but_for_one_fee(run_json):
    code, rep = run_json("verify", EXAMPLES / "bank-loan")
    assert code == 1
    excess = rep["balances"]["excess"]
    assert excess["fees"] == "300.00" and excess["total"] == "300.00"
    for comp in ("principal", "interest", "default_interest", "compound_interest"):
        assert excess[comp] == "0.00"
    codes = sorted(f["code"] for f in rep["findings"])
    assert codes == ["DEMAND_ABOVE_LAWFUL", "UNAUTHORIZED_CHARGE"]
    (f,) = [f for f in rep["findings"] if f["code"] == "UNAUTHORIZED_CHARGE"]
    assert (f["component"], f["amount"]) == ("fees", "300.00")
    # accelerated 2024-03-15 (before the last installment), the notice delivered the same day
    assert (rep["limitation"]["starts"], rep["limitation"]["expires"]) == ("2024-03-15", "2027-03-15")
    assert rep["conventions"]["lender_regime"].startswith("licensed lender")


def test_none_pack_keeps_the_contract_but_still_reconciles(run_json):
    code, rep = run_json("verify", EXAMPLES / "private-loan", "--rules", "none")
    assert code == 1
    assert rep["rules"]["pack"] == "none"
    assert rep["balances"]["lawful"] == rep["balances"]["contractual"]
    codes = {f["code"] for f in rep["findings"]}
    assert "UNPOSTED_PAYMENT" in codes
    assert not any(c.startswith("CN.") for c in codes)
