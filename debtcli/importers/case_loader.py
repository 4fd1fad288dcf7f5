"""Load a case into a ``Case``: a folder (``case.toml`` plus optional ``ledger.*`` and
``payments.*``, each read through a profile when one sits beside it) or one workbook with sheets
``case``, ``ledger`` and ``payments``.

Returns ``(case, issues)``; ``case`` is None when any error-level issue was found. Every problem is
reported, each with its file, sheet, row and column.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from debtcli.model.case import Case
from debtcli.model.records import InputFile, Issue, SourceRef

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".tsv", ".txt")


def sha256_of(path: Path) -> str:
    """The file's SHA-256; ReadError for what is not a regular file (nothing is read from it)."""
    from debtcli.importers.readers import open_regular

    h = hashlib.sha256()
    with open_regular(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def load_case(path: str | Path) -> tuple[Case | None, list[Issue]]:
    p = Path(path)
    if not p.exists():
        return None, [Issue(SourceRef(str(path)), "no such file or folder")]
    if p.is_file() and p.suffix.lower() == ".toml":
        p = p.parent
    if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm"):
        return load_workbook_case(p)
    if p.is_file():
        return None, [Issue(SourceRef(p.name), "a case is a folder holding case.toml, or a workbook (.xlsx) with "
                                               "sheets case, ledger, payments")]
    toml = p / "case.toml"
    if not toml.exists():
        books = sorted(x for x in p.glob("case.xlsx"))
        if books:
            return load_workbook_case(books[0])
        return None, [Issue(SourceRef(str(p)), "no case.toml in this folder")]
    from debtcli.terms.loader import load_terms

    terms, issues = load_terms(toml)
    inputs = [InputFile("case.toml", sha256_of(toml), 1, 0 if terms else 1, "terms")]
    places = _places(terms)
    tables = {}
    for kind, stem in (("ledger", "ledger"), ("payments", "payments")):
        candidates = [p / f"{stem}{ext}" for ext in TABLE_SUFFIXES if (p / f"{stem}{ext}").exists()]
        if len(candidates) > 1:
            issues.append(Issue(SourceRef(candidates[1].name), f"two {kind} files in the case folder "
                                f"({', '.join(c.name for c in candidates)}); keep one"))
            continue
        table_path = candidates[0] if candidates else None
        if table_path is None:
            continue
        profile, prof_issues = _profile_for(table_path, kind)
        issues += prof_issues
        if prof_issues:
            continue
        tables[kind] = _read(table_path, kind, profile, None, places, inputs, issues)
    return _finish(terms, tables, inputs, issues, str(p))


def load_workbook_case(book: Path) -> tuple[Case | None, list[Issue]]:
    """A case as one workbook: sheet ``case`` (key | value rows, TOML keys such as ``contract.rate``
    or ``[contract]`` section rows), and optional sheets ``ledger`` and ``payments``."""
    from debtcli.importers.readers import ReadError, sheet_names, xlsx_rows
    from debtcli.terms.loader import terms_from_dict

    try:
        names = sheet_names(book)
        if "case" not in names:
            return None, [Issue(SourceRef(book.name), f"a case workbook needs a sheet named case; the sheets are: "
                                                      f"{', '.join(names)}")]
        _, rows = xlsx_rows(book, "case")
        data, issues = _case_sheet(book.name, rows)
    except ReadError as exc:
        return None, [Issue(SourceRef(book.name), str(exc))]
    terms, t_issues = (None, []) if issues else terms_from_dict(data, f"{book.name}[case]")
    issues += t_issues
    sha = sha256_of(book)
    inputs = [InputFile(book.name, sha, 1, 0 if terms else 1, "terms")]
    places = _places(terms)
    tables = {kind: _read(book, kind, None, kind, places, inputs, issues, sha)
              for kind in ("ledger", "payments") if kind in names}
    return _finish(terms, tables, inputs, issues, str(book))


def _read(path: Path, kind: str, profile, sheet, places: int, inputs: list, issues: list, sha: str | None = None):
    from debtcli.importers.tables import read_table

    from debtcli.importers.readers import ReadError

    table = read_table(path, kind, profile, sheet, places)
    issues += table.issues
    if sha is None:
        try:
            sha = sha256_of(path)
        except (ReadError, OSError):
            sha = ""  # refused or unreadable: the table's issues say why
    inputs.append(table.input_file(sha))
    return table


def _finish(terms, tables: dict, inputs: list, issues: list, where: str) -> tuple[Case | None, list[Issue]]:
    ledger, payments = tables.get("ledger"), tables.get("payments")
    if terms is not None:
        from debtcli.terms.plausible import plausibility_issues

        issues += plausibility_issues(terms, ledger.records if ledger else (), payments.records if payments else ())
    if terms is None or any(i.severity == "error" for i in issues):
        return None, issues
    rejected = [r for t in tables.values() for r in t.rejected]
    case = Case(terms=terms, ledger=tuple(ledger.records) if ledger else (),
                payments=tuple(payments.records) if payments else (), inputs=tuple(inputs),
                rejected=tuple(rejected), issues=tuple(i for i in issues if i.severity != "error"), path=where,
                has_ledger=ledger is not None, has_payments=payments is not None)
    return case, issues


def _places(terms) -> int:
    from debtcli.model.money import minor_unit

    return minor_unit(terms.case.currency) if terms is not None else 2


def _profile_for(table_path: Path, kind: str):
    from debtcli.importers.profile import find_profile, load_profile

    found = find_profile(table_path, kind)
    if found is None:
        return None, []
    return load_profile(found)


# ---------------------------------------------------------------------- the case sheet


def _case_sheet(file: str, rows) -> tuple[dict, list[Issue]]:
    data: dict = {}
    issues: list[Issue] = []
    target = data
    for rowno, cells in rows:
        key = cells[0] if cells else None
        if not isinstance(key, str) or not key.strip() or key.strip().startswith("#"):
            continue
        key = key.strip()
        if key.lower() in ("key", "项目", "字段", "名称"):
            continue
        if key.startswith("[[") and key.endswith("]]"):
            target = {}
            data.setdefault(key[2:-2].strip(), []).append(target)
            continue
        if key.startswith("[") and key.endswith("]"):
            target = data.setdefault(key[1:-1].strip(), {})
            continue
        value = cells[1] if len(cells) > 1 else None
        if value is None or (isinstance(value, str) and not value.strip()):
            issues.append(Issue(SourceRef(file, row=rowno, sheet="case", column="B"), f"{key}: no value"))
            continue
        node = target
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = _sheet_value(parts[-1], value)
    return data, issues


def _sheet_value(key: str, value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and key in _INT_KEYS else format(value, "f")
    text = str(value).strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if key == "allocation":
        return [x.strip() for x in text.replace("，", ",").split(",") if x.strip()]
    return text


_INT_KEYS = {"term_months", "grace_days", "statement_day", "due_day", "due_days", "window_days"}

