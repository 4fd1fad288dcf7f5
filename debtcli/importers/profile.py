"""Profiles: a small, strict TOML file that says how to read a table that the built-in column
names do not cover (导入配置). It sits beside the data (``ledger.profile.toml`` for ``ledger.csv``,
or ``profile.toml`` for every table in the folder) or is passed with ``--profile``.

Every key is listed in ``PROFILE_KEYS``; an unknown key, a wrong type, or a column that the file
does not have is an error when the profile is loaded or applied, never a silent no-op. Rules are
evaluated top to bottom for each row; the first that matches decides.
"""

from __future__ import annotations

import tomllib
from dataclasses import field
from datetime import datetime
from pathlib import Path

from debtcli.importers.columns import ALL_COLUMNS
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import LEDGER_TYPES, Issue, SourceRef

PROFILE_KEYS = {
    "kind": "ledger or payments",
    "sheet": "the worksheet to read (XLSX)",
    "skip": "rows to skip above the header row",
    "header": "false when the table has no header row (columns then by position)",
    "encoding": "utf-8, utf-8-sig, gbk or gb18030 (CSV; default: detected)",
    "delimiter": "the field separator (CSV; default: detected)",
    "date_format": "a strptime format such as %Y/%m/%d or %d.%m.%Y",
    "decimal_mark": "'.' or ','",
    "negate": "true to flip the sign of the amount column",
    "type": "one type for every row (a ledger that holds only repayments, say)",
    "debit_type": "the type of a row whose amount is in the debit column, when the row names none",
    "credit_type": "the type of a row whose amount is in the credit column, when the row names none",
    "columns": "a table: canonical column = header text or 1-based position",
    "types": "a table: word in the file = ledger type",
    "rule": "[[rule]] blocks: match (a regular expression, RE2 syntax: no back-references or look-around), in (a column, default all text), then "
            "type = ... or skip = true",
}
RULE_KEYS = {"match", "in", "type", "skip", "reason"}


MAX_PATTERN = 1000  # characters in one rule's match


def compile_pattern(text: str):
    """(pattern, problem). Rule patterns run on text from the file being read, which a disputing
    party may have written, so they go through RE2: matching time grows linearly with the text
    whatever the pattern (``(a+)+$`` included), and the result never depends on the machine's load.
    What RE2 cannot do in linear time (back-references, look-around) is refused by name."""
    import re2

    if len(text) > MAX_PATTERN:
        return None, f"longer than {MAX_PATTERN} characters"
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = False
    try:
        return re2.compile(text, options), None
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        return None, (f"not a regular expression debtcli can run safely ({detail}); back-references and "
                      "look-around are not supported")


@dataclass(frozen=True)
class Rule:
    pattern: object  # a compiled RE2 pattern
    column: str | None
    type: str | None
    skip: bool
    reason: str
    index: int


@dataclass(frozen=True)
class Profile:
    """How to read one table: its sheet, header, encoding, formats, and which column holds what."""

    file: str
    kind: str | None = None
    sheet: str | None = None
    skip: int | None = None
    header: bool = True
    encoding: str | None = None
    delimiter: str | None = None
    date_format: str | None = None
    decimal_mark: str = "."
    negate: bool = False
    type: str | None = None
    debit_type: str | None = None
    credit_type: str | None = None
    columns: dict = field(default_factory=dict)  # canonical -> str header | int position (1-based)
    types: dict = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()


def load_profile(path: str | Path) -> tuple[Profile | None, list[Issue]]:
    p = Path(path)
    name = p.name
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return None, [Issue(SourceRef(str(path)), "no such profile file", code="PROFILE")]
    except UnicodeDecodeError:
        return None, [Issue(SourceRef(name), "a profile must be UTF-8 text", code="PROFILE")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Issue(SourceRef(name), f"not valid TOML: {exc}", code="PROFILE")]
    return profile_from_dict(data, name)


def profile_from_dict(data: dict, name: str = "profile.toml") -> tuple[Profile | None, list[Issue]]:
    issues: list[Issue] = []

    def bad(key: str, message: str) -> None:
        issues.append(Issue(SourceRef(name, column=key), f"{key}: {message}", code="PROFILE"))

    for key in data:
        if key not in PROFILE_KEYS:
            bad(key, f"unknown key; the keys are: {', '.join(PROFILE_KEYS)}")
    out: dict = {}
    for key, want in (("kind", str), ("sheet", str), ("encoding", str), ("delimiter", str), ("date_format", str),
                      ("decimal_mark", str), ("type", str), ("debit_type", str), ("credit_type", str),
                      ("header", bool), ("negate", bool), ("skip", int)):
        if key in data:
            v = data[key]
            if not isinstance(v, want) or (want is int and isinstance(v, bool)):
                bad(key, f"expected {want.__name__}, found {v!r}")
            else:
                out[key] = v
    if out.get("kind") not in (None, "ledger", "payments"):
        bad("kind", f"{out.pop('kind')!r} is not ledger or payments")
    if "skip" in out and out["skip"] < 0:
        bad("skip", "cannot be negative")
        out.pop("skip")
    if out.get("decimal_mark", ".") not in (".", ","):
        bad("decimal_mark", f"{out.pop('decimal_mark')!r} is not '.' or ','")
    if "delimiter" in out and len(out["delimiter"].replace("\\t", "\t")) != 1:
        bad("delimiter", f"{out.pop('delimiter')!r} is not a single character")
    elif "delimiter" in out:
        out["delimiter"] = out["delimiter"].replace("\\t", "\t")
    if "encoding" in out:
        from debtcli.importers.readers import normalise_encoding

        try:
            out["encoding"] = normalise_encoding(out["encoding"])
        except ValueError as exc:
            bad("encoding", str(exc))
            out.pop("encoding")
    if "date_format" in out:
        try:
            datetime.strptime(datetime(2024, 1, 5).strftime(out["date_format"]), out["date_format"])
        except ValueError:
            bad("date_format", f"{out.pop('date_format')!r} is not a strptime format such as %Y/%m/%d")
    for key in ("type", "debit_type", "credit_type"):
        if key in out and out[key] not in LEDGER_TYPES:
            bad(key, f"{out.pop(key)!r} is not one of {', '.join(LEDGER_TYPES)}")
    columns = _columns(data.get("columns", {}), bad)
    types = _types(data.get("types", {}), bad)
    rules = _rules(data.get("rule", []), bad)
    if issues:
        return None, issues
    return Profile(file=name, columns=columns, types=types, rules=rules, **out), []


def _columns(raw, bad) -> dict:
    if not isinstance(raw, dict):
        bad("columns", "expected a table [columns]")
        return {}
    out = {}
    for col, where in raw.items():
        if col not in ALL_COLUMNS:
            bad(f"columns.{col}", f"unknown column; the columns are: {', '.join(ALL_COLUMNS)}")
        elif isinstance(where, bool) or not isinstance(where, (str, int)):
            bad(f"columns.{col}", f"expected a header text or a 1-based position, found {where!r}")
        elif isinstance(where, int) and where < 1:
            bad(f"columns.{col}", "positions start at 1")
        else:
            out[col] = where
    if "amount" in out and ("debit" in out or "credit" in out):
        bad("columns", "give either amount or debit/credit columns, not both")
    return out


def _types(raw, bad) -> dict:
    if not isinstance(raw, dict):
        bad("types", "expected a table [types] of word = type")
        return {}
    out = {}
    for word, typ in raw.items():
        if typ not in LEDGER_TYPES:
            bad(f"types.{word}", f"{typ!r} is not one of {', '.join(LEDGER_TYPES)}")
        else:
            out[word] = typ
    return out


def _rules(raw, bad) -> tuple[Rule, ...]:
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        bad("rule", "expected [[rule]] blocks")
        return ()
    out = []
    for n, r in enumerate(raw, start=1):
        key = f"rule[{n}]"
        for k in r:
            if k not in RULE_KEYS:
                bad(f"{key}.{k}", f"unknown key; a rule has: {', '.join(sorted(RULE_KEYS))}")
        if not isinstance(r.get("match"), str):
            bad(f"{key}.match", "a rule needs match = \"a regular expression\"")
            continue
        pattern, problem = compile_pattern(r["match"])
        if problem:
            bad(f"{key}.match", problem)
            continue
        column = r.get("in")
        if column is not None and column not in ALL_COLUMNS:
            bad(f"{key}.in", f"{column!r} is not a canonical column ({', '.join(ALL_COLUMNS)})")
        typ = r.get("type")
        skip = r.get("skip", False)
        if typ is not None and typ not in LEDGER_TYPES:
            bad(f"{key}.type", f"{typ!r} is not one of {', '.join(LEDGER_TYPES)}")
        if not isinstance(skip, bool):
            bad(f"{key}.skip", "expected true or false")
        if (typ is None) == (skip is not True):
            bad(key, "a rule sets either type = ... or skip = true")
        out.append(Rule(pattern, column, typ, skip is True, str(r.get("reason", "")), n))
    return tuple(out)


def find_profile(data_path: Path, kind: str | None = None) -> Path | None:
    """``<stem>.profile.toml`` beside the data, else ``profile.toml`` in the same folder."""
    own = data_path.with_name(data_path.stem + ".profile.toml")
    if own.exists():
        return own
    shared = data_path.with_name("profile.toml")
    if shared.exists():
        if kind is None:
            return shared
        try:
            declared = tomllib.loads(shared.read_text(encoding="utf-8-sig")).get("kind")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return shared  # loading it reports the problem
        if declared in (None, kind):
            return shared
    return None
