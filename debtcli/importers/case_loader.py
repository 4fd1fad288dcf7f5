"""Load a case folder (``case.toml`` plus optional ``ledger.*`` and ``payments.*``) into a ``Case``.

Returns ``(case, issues)``; ``case`` is None when any error-level issue was found. Every problem is
reported, each with its file, sheet, row and column.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from debtcli.model.case import Case
from debtcli.model.records import InputFile, Issue, SourceRef
from debtcli.terms.loader import load_terms


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def find_table(folder: Path, stem: str) -> Path | None:
    for ext in (".csv", ".xlsx", ".tsv", ".txt"):
        p = folder / f"{stem}{ext}"
        if p.exists():
            return p
    return None


def load_case(path: str | Path) -> tuple[Case | None, list[Issue]]:
    from debtcli.importers.tables import read_ledger, read_payments

    p = Path(path)
    if not p.exists():
        return None, [Issue(SourceRef(str(path)), "no such file or folder")]
    if p.is_file() and p.suffix.lower() == ".toml":
        p = p.parent
    if p.is_file():
        return None, [Issue(SourceRef(p.name), "a case is a folder holding case.toml (or a case workbook)")]
    toml = p / "case.toml"
    if not toml.exists():
        return None, [Issue(SourceRef(str(p)), "no case.toml in this folder")]
    issues: list[Issue] = []
    terms, t_issues = load_terms(toml)
    issues += t_issues
    inputs = [InputFile("case.toml", sha256_of(toml), 1, 0 if terms else 1, "terms")]
    ledger = payments = ()
    rejected = []
    ledger_path = find_table(p, "ledger")
    payments_path = find_table(p, "payments")
    if ledger_path:
        rows, rej, info, l_issues = read_ledger(ledger_path)
        ledger, issues = rows, issues + l_issues
        rejected += rej
        inputs.append(info)
    if payments_path:
        rows, rej, info, p_issues = read_payments(payments_path)
        payments, issues = rows, issues + p_issues
        rejected += rej
        inputs.append(info)
    if terms is None or any(i.severity == "error" for i in issues):
        return None, issues
    case = Case(terms=terms, ledger=tuple(ledger), payments=tuple(payments), inputs=tuple(inputs),
                rejected=tuple(rejected), issues=tuple(i for i in issues if i.severity != "error"), path=str(p),
                has_ledger=ledger_path is not None, has_payments=payments_path is not None)
    return case, issues
