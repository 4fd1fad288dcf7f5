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

from debtcli.terms.case import Case
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
    entries = _entries(p)
    toml = _one(entries, "case.toml")
    if toml is None:
        books = [e for e in entries if e.name.lower() == "case.xlsx"]
        if books:
            return load_workbook_case(p / books[0].name)
        return None, [Issue(SourceRef(str(p)), "no case.toml in this folder")]
    refused = _refusal(p, toml.name)
    if refused:
        return None, [Issue(SourceRef(toml.name), refused, code="REFUSED")]
    from debtcli.terms.loader import load_terms

    terms, issues = load_terms(p / toml.name)
    inputs = [InputFile(toml.name, sha256_of(p / toml.name), 1, 0 if terms else 1, "terms")]
    read = {toml.name}
    places = _places(terms)
    files = terms.files if terms is not None else {}
    tables: dict = {}
    for kind in ("ledger", "payments"):
        names, found = _table_names(p, entries, kind, files, issues)
        read.update(found)
        parts = []
        for name in names:
            refused = _refusal(p, name)
            if refused:
                issues.append(Issue(SourceRef(name), refused, code="REFUSED"))
                continue
            table_path = p / name
            profile, prof_issues = _profile_for(table_path, kind)
            issues += prof_issues
            if profile is not None or prof_issues:
                read.add(_profile_name(table_path, kind))
            if prof_issues:
                continue
            parts.append(_read(table_path, kind, profile, None, places, inputs, issues))
        if parts:
            tables[kind] = parts[0] if len(parts) == 1 else _Merged(parts)
    ignored = tuple((e.name, _why_not_read(e, p)) for e in entries if e.name not in read)
    for name, why in ignored:
        issues.append(Issue(SourceRef(name), f"not read: {why}", severity="warning", code="NOT_READ"))
    return _finish(terms, tables, inputs, issues, str(p), ignored)


# ---------------------------------------------------------------------- the case folder's files

REFUSED_SUFFIXES = {
    ".xls": "an old .xls workbook (Excel 97-2003); save it as .xlsx or CSV",
    ".xlsb": "a binary .xlsb workbook; save it as .xlsx or CSV",
    ".et": "a WPS spreadsheet; save it as .xlsx or CSV",
    ".ods": "an OpenDocument spreadsheet; save it as .xlsx or CSV",
    ".numbers": "a Numbers spreadsheet; export it as .xlsx or CSV",
}


class _Entry:
    __slots__ = ("name", "is_dir")

    def __init__(self, name: str, is_dir: bool):
        self.name = name
        self.is_dir = is_dir


def _entries(folder: Path) -> list[_Entry]:
    """Every entry of the case folder, by name; nothing is opened or followed."""
    import os

    out = []
    with os.scandir(folder) as it:
        for e in it:
            out.append(_Entry(e.name, e.is_dir(follow_symlinks=False)))
    return sorted(out, key=lambda e: e.name)


def _one(entries: list[_Entry], name: str) -> _Entry | None:
    """The entry called ``name``, matched without regard to case (the exact spelling first)."""
    exact = [e for e in entries if e.name == name]
    if exact:
        return exact[0]
    loose = [e for e in entries if e.name.lower() == name.lower()]
    return loose[0] if loose else None


def _table_names(folder: Path, entries: list[_Entry], kind: str, files: dict, issues: list) -> tuple[list[str], set]:
    """The files that hold ``kind`` (named in [files], else ``ledger.*`` / ``payments.*`` in any
    case), and the names accounted for (read, or refused with a message)."""
    if kind in files:
        wanted = [files[kind]] if isinstance(files[kind], str) else list(files[kind])
        names = []
        for i, want in enumerate(wanted):
            e = _one(entries, want)
            key = f"files.{kind}" + (f"[{i}]" if kind == "payments" and len(wanted) > 1 else "")
            if e is None:
                issues.append(Issue(SourceRef("case.toml", column=key),
                                    f"{key}: {want!r} is not in the case folder", code="TERMS"))
                continue
            names.append(e.name)
        return _refuse_formats(names, kind, issues), set(names)
    candidates = [e.name for e in entries if Path(e.name).stem.lower() == kind
                  and Path(e.name).suffix.lower() in TABLE_SUFFIXES + tuple(REFUSED_SUFFIXES)]
    if len(candidates) > 1:
        issues.append(Issue(SourceRef(candidates[1]), f"two {kind} files in the case folder "
                            f"({', '.join(candidates)}); keep one, or name the ones to read in case.toml [files]"))
        return [], set(candidates)
    return _refuse_formats(candidates, kind, issues), set(candidates)


def _refuse_formats(names: list[str], kind: str, issues: list) -> list[str]:
    out = []
    for name in names:
        suffix = Path(name).suffix.lower()
        if suffix in REFUSED_SUFFIXES:
            issues.append(Issue(SourceRef(name), REFUSED_SUFFIXES[suffix], code="REFUSED"))
        elif suffix not in TABLE_SUFFIXES:
            issues.append(Issue(SourceRef(name), f"not a table debtcli reads as {kind} (CSV, TSV, TXT or XLSX)",
                                code="REFUSED"))
        else:
            out.append(name)
    return out


def _refusal(folder: Path, name: str) -> str | None:
    """Why the file ``name`` of the case folder is not opened, or None when it is a regular file (or a
    symbolic link to one inside the folder). Checked without reading a byte of it."""
    import errno
    import os
    import stat

    path = folder / name
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return "a symbolic link to nothing (its target does not exist); refused"
        except RuntimeError:
            return "a symbolic link that loops; refused"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link that loops; refused"
            return f"a symbolic link that cannot be followed ({exc.strerror}); refused"
        try:
            target.relative_to(folder.resolve())
        except ValueError:
            return "a symbolic link leading outside the case folder; refused (copy the file into the folder)"
        st = os.stat(target)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file; refused"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file; refused without reading it"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file; refused without reading it"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file; refused"
    return "not a regular file; refused"


def _why_not_read(e: _Entry, folder: Path) -> str:
    name = e.name.lower()
    if e.is_dir:
        return "a folder (a case folder's tables are files in it)"
    if name.endswith(".profile.toml") or name == "profile.toml":
        return "a profile for no table that was read"
    suffix = Path(name).suffix
    if suffix in TABLE_SUFFIXES or suffix in REFUSED_SUFFIXES:
        return ("only case.toml, ledger.* and payments.* are read; name it in case.toml [files] "
                "(ledger = \"...\" or payments = [\"...\"]) to read it")
    return "not a case file (only case.toml, the ledger, the payment records and their profiles are read)"


def _profile_name(table_path: Path, kind: str) -> str:
    from debtcli.importers.profile import find_profile

    found = find_profile(table_path, kind)
    return found.name if found is not None else ""


class _Merged:
    """Several payment files read as one table: the records of each keep their own source."""

    def __init__(self, parts: list):
        self.parts = parts
        self.records = [r for t in parts for r in t.records]
        self.rejected = [r for t in parts for r in t.rejected]
        self.issues = [i for t in parts for i in t.issues]


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


def _finish(terms, tables: dict, inputs: list, issues: list, where: str, ignored: tuple = ()
            ) -> tuple[Case | None, list[Issue]]:
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
                has_ledger=ledger is not None, has_payments=payments is not None, ignored=ignored)
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


_INT_KEYS = {"term_months", "grace_days", "statement_day", "due_day", "due_days", "window_days",
             "demand_period_days"}

