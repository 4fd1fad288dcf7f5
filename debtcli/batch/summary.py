"""The portfolio summary: counts, totals by finding code and component, the accounts with the
largest excess, and the inputs read; written as a workbook operations staff open in Excel.

Figures come from each account's JSON object (``account_stats``), so a resumed run totals the lines
already written exactly as it totals new ones. Amounts stay ``Decimal`` until the workbook is
written.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, COMPONENTS

KEYS = COMPONENTS + ("total",)
TOP_EXCESS = 100
MAX_LISTED_UNREADABLE = 1000

VERIFIED, FLAGGED, UNREADABLE = "verified", "flagged", "unreadable"


@dataclass(frozen=True)
class AccountStats:
    """The figures of one account the summary needs (small: it crosses process boundaries)."""

    account: str
    case: str
    status: str  # verified (no error finding) | flagged (error findings) | unreadable
    currency: str = ""
    findings: tuple = ()  # (code, severity, component, amount text)
    demanded: tuple = ()  # (component, amount text) where a demand states it
    lawful: tuple = ()
    excess: tuple = ()
    inputs: tuple = ()  # (file, rows, rejected, sha256)
    ignored: tuple = ()  # (file, reason): files of the case folder that were not read
    error: str = ""  # why the account has no figures ("the case could not be read")
    problem: str = ""  # the first of its problems, as one line
    internal: bool = False  # a defect in debtcli, not in the account's files


def _pairs(amounts: dict | None) -> tuple:
    return tuple((k, v) for k, v in (amounts or {}).items() if v is not None)


def problem_text(p: dict) -> str:
    """A problem object as one line: file[sheet]:row column: message."""
    loc = (p.get("file") or "") + (f"[{p['sheet']}]" if p.get("sheet") else "")
    if p.get("row") is not None:
        loc += f":{p['row']}"
    msg = p.get("message", "")
    if p.get("column") and not msg.startswith(str(p["column"])):
        loc += f" column {p['column']}"
    return f"{loc}: {msg}" if loc else msg


def account_stats(obj: dict) -> AccountStats:
    """What one line of results.jsonl contributes to the summary."""
    account = str(obj.get("account", obj.get("case", "")))
    if "error" in obj:
        problems = obj.get("problems") or []
        first = problems[0] if problems else None
        first = problem_text(first) if isinstance(first, dict) else (str(first) if first is not None else "")
        return AccountStats(account, str(obj.get("case", account)), UNREADABLE,
                            error=str(obj["error"]), problem=first,
                            internal=obj.get("error_kind") == "internal")
    findings = tuple((f["code"], f["severity"], f.get("component"), f["amount"]) for f in obj.get("findings", ()))
    status = FLAGGED if any(f[1] == "error" for f in findings) else VERIFIED
    bal = obj.get("balances", {})
    return AccountStats(
        account, str(obj.get("case", account)), status, obj.get("currency", ""), findings,
        _pairs(bal.get("demanded")), _pairs(bal.get("lawful")), _pairs(bal.get("excess")),
        tuple((i["file"], i["rows"], i["rejected"], i.get("sha256", "")) for i in _input_files(obj)),
        tuple((i["file"], i["reason"]) for i in _ignored_files(obj)))


def _input_files(obj: dict) -> list:
    return (obj.get("inputs") or {}).get("files", [])


def _ignored_files(obj: dict) -> list:
    return (obj.get("inputs") or {}).get("ignored", [])


NOT_ITEMISED, TOTAL_ONLY = "not_itemised", "total_only"
ROW_KEYS = COMPONENTS + (NOT_ITEMISED, TOTAL_ONLY)


def demand_rows(s: AccountStats) -> list[tuple[str, Decimal, Decimal]]:
    """The account's part of the Components sheet: (row, demanded, lawful), where demanded - lawful is
    the excess of that row. A component the demand states is its own row; the rest of an itemised
    demand (its total less the stated components, against the lawful total less theirs) is the
    ``not_itemised`` row; a demand stated only as a total is the ``total_only`` row. The rows of one
    account add up to its demanded total, its lawful total and its excess (total). No demand: no row."""
    demanded = {c: Decimal(v) for c, v in s.demanded}
    lawful = {c: Decimal(v) for c, v in s.lawful}
    if demanded.get("total") is None or lawful.get("total") is None:
        return []
    stated = [c for c in COMPONENTS if c in demanded]
    if not stated:
        return [(TOTAL_ONLY, demanded["total"], lawful["total"])]
    out = [(c, demanded[c], lawful.get(c, Decimal(0))) for c in stated]
    rest_d = demanded["total"] - sum((d for _, d, _ in out), Decimal(0))
    rest_l = lawful["total"] - sum((l for _, _, l in out), Decimal(0))
    if rest_d or rest_l:
        out.append((NOT_ITEMISED, rest_d, rest_l))
    return out


@dataclass
class FindingTotal:
    accounts: int = 0
    count: int = 0
    amount: Decimal = Decimal(0)


@dataclass
class Summary:
    """Totals over every account seen. ``add`` one ``AccountStats`` at a time."""

    counts: dict = field(default_factory=lambda: {VERIFIED: 0, FLAGGED: 0, UNREADABLE: 0})
    findings: dict = field(default_factory=dict)  # (currency, code, severity, component) -> FindingTotal
    components: dict = field(default_factory=dict)  # (currency, row of ROW_KEYS) -> [accounts, demanded, lawful]
    no_demand: dict = field(default_factory=dict)  # currency -> [accounts, lawful total]
    above: dict = field(default_factory=dict)  # currency -> [accounts, excess]: the demands above the lawful total
    largest: list = field(default_factory=list)  # heap of (excess, account) of size TOP_EXCESS
    unreadable: list = field(default_factory=list)  # (account, error, first problem), the first ones
    inputs: dict = field(default_factory=dict)  # file name -> [files, rows, rejected, [(account, sha256)]]
    ignored: list = field(default_factory=list)  # (account, file, reason), the first ones
    ignored_count: int = 0
    above_lawful: int = 0
    internal: list = field(default_factory=list)  # accounts that met a defect in debtcli (the first ones)
    internal_count: int = 0
    # files whose SHA-256 the portfolio itself gives (the tables of an export): the hash each account
    # reports for them is not kept (it would be one entry per account and file, never read)
    known_digests: frozenset = frozenset()

    def add(self, s: AccountStats) -> None:
        self.counts[s.status] += 1
        if s.status == UNREADABLE:
            if s.internal:
                self.internal_count += 1
                if len(self.internal) < MAX_LISTED_UNREADABLE:
                    self.internal.append(s.account)
            if len(self.unreadable) < MAX_LISTED_UNREADABLE:
                self.unreadable.append((s.account, s.error, s.problem))
            return
        seen = set()
        for code, severity, component, amount in s.findings:
            key = (s.currency, code, severity, component or "")
            t = self.findings.setdefault(key, FindingTotal())
            t.count += 1
            t.amount += Decimal(amount)
            if key not in seen:
                t.accounts += 1
                seen.add(key)
        rows = demand_rows(s)
        for row, demanded, lawful in rows:
            t = self.components.setdefault((s.currency, row), [0, Decimal(0), Decimal(0)])
            t[0] += 1
            t[1] += demanded
            t[2] += lawful
        if not rows and dict(s.lawful).get("total") is not None:
            t = self.no_demand.setdefault(s.currency, [0, Decimal(0)])
            t[0] += 1
            t[1] += Decimal(dict(s.lawful)["total"])
        excess = dict(s.excess).get("total")
        if excess is not None and Decimal(excess) > 0:
            self.above_lawful += 1
            t = self.above.setdefault(s.currency, [0, Decimal(0)])
            t[0] += 1
            t[1] += Decimal(excess)
            item = (Decimal(excess), s.account, s.case, s.currency, dict(s.demanded).get("total"),
                    dict(s.lawful).get("total"))
            if len(self.largest) < TOP_EXCESS:
                heapq.heappush(self.largest, item)
            else:
                heapq.heappushpop(self.largest, item)
        for file, rows, rejected, sha in s.inputs:
            t = self.inputs.setdefault(file, [0, 0, 0, []])
            t[0] += 1
            t[1] += rows
            t[2] += rejected
            if file not in self.known_digests:
                t[3].append((s.account, sha))
        for file, reason in s.ignored:
            self.ignored_count += 1
            if len(self.ignored) < MAX_LISTED_UNREADABLE:
                self.ignored.append((s.account, file, reason))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def largest_excess(self) -> list:
        """The accounts with the largest excess, largest first (ties by account id)."""
        return sorted(self.largest, key=lambda x: (-x[0], x[1]))


# ---------------------------------------------------------------------------- the workbook


def _num(value: Decimal | str | None) -> float | None:
    """An amount as the number a spreadsheet cell holds; only here, at the last render step."""
    return None if value is None else float(Decimal(value))


def write_workbook(summary: Summary, path, source: str, as_of: date | None, rules: str | None,
                   portfolio_inputs: list[dict], rejected, lang: str = "en") -> None:
    """The summary workbook: Summary, Findings, Components, Largest excess, Unreadable, Inputs, its
    sheet names, labels and notes in ``lang`` (message catalogue, ``summary.*``).

    Totals are SUM formulas written with their computed values, so the file shows figures even
    where formulas are not recalculated. No wall-clock time goes in: the same run gives the same
    bytes."""
    import xlsxwriter

    w = _Words(lang)
    # text from input (a source, account or file named "=HYPERLINK(...)") is always stored as text; the
    # totals are written with write_formula on purpose
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    stamp = datetime(as_of.year, as_of.month, as_of.day) if as_of else datetime(2000, 1, 1)
    wb.set_properties({"title": w("title"), "created": stamp})
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0.00"})
    money_bold = wb.add_format({"num_format": "#,##0.00", "bold": True})
    head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True})

    ws = wb.add_worksheet(w("sheet.summary"))
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 40)
    rows = [
        (w("source"), source),
        (w("as_of"), as_of.isoformat() if as_of else w("as_of_each")),
        (w("rules"), rules or w("rules_each")),
        (w("accounts"), summary.total),
        (w("verified"), summary.counts[VERIFIED]),
        (w("flagged"), summary.counts[FLAGGED]),
        (w("unreadable"), summary.counts[UNREADABLE]),
        (w("above"), summary.above_lawful),
    ]
    ws.write_row(0, 0, (w("item"), w("value")), head)
    for r, (label, value) in enumerate(rows, start=1):
        ws.write(r, 0, label, bold)
        ws.write(r, 1, value)

    _findings_sheet(wb, summary, w, head, money)
    _components_sheet(wb, summary, w, head, money, money_bold)
    _largest_sheet(wb, summary, w, head, money)
    _unreadable_sheet(wb, summary, w, head)
    _inputs_sheet(wb, summary, w, head, portfolio_inputs, rejected)
    wb.close()


class _Words:
    """The workbook's words in one language: ``w("key", **params)`` is catalogue entry ``summary.key``."""

    def __init__(self, lang: str):
        from debtcli.messages import language

        self.lang = language(lang)

    def __call__(self, key: str, **params) -> str:
        from debtcli.messages import say

        return say(f"summary.{key}", self.lang, **params)

    def component(self, key: str) -> str:
        return (COMPONENT_NAMES_ZH if self.lang == "zh" else COMPONENT_NAMES_EN)[key]


def _sum_row(ws, row: int, col: int, first: int, last: int, value: Decimal, fmt) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell

    if last < first:
        ws.write_number(row, col, 0, fmt)
        return
    ref = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
    ws.write_formula(row, col, f"=SUM({ref})", fmt, _num(value))


def _findings_sheet(wb, summary: Summary, w: _Words, head, money) -> None:
    ws = wb.add_worksheet(w("sheet.findings"))
    ws.set_column(0, 1, 10)
    ws.set_column(2, 2, 28)
    ws.set_column(3, 5, 18)
    ws.set_column(6, 6, 20)
    ws.write_row(0, 0, tuple(w(k) for k in ("currency", "severity", "code", "component", "accounts", "findings",
                                            "amount")), head)
    ws.write_comment(0, 6, w("signed_findings"), {"x_scale": 3, "y_scale": 2})
    order = {"error": 0, "warning": 1, "info": 2}
    keys = sorted(summary.findings, key=lambda k: (k[0], order.get(k[2], 3), k[1], k[3]))
    for r, key in enumerate(keys, start=1):
        t = summary.findings[key]
        cur, code, severity, comp = key
        ws.write_row(r, 0, (cur, severity, code, comp))
        ws.write_number(r, 4, t.accounts)
        ws.write_number(r, 5, t.count)
        ws.write_number(r, 6, _num(t.amount), money)
    ws.freeze_panes(1, 0)
    if keys:
        ws.autofilter(0, 0, len(keys), 6)


def _components_sheet(wb, summary: Summary, w: _Words, head, money, money_bold) -> None:
    """Per currency: one row per component a demand states, the rest of itemised demands and demands
    stated only as a total (Excess = Demanded - Lawful as a formula), their total (SUM formulas), the
    demands above the lawful total, and the accounts without a demand."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    ws = wb.add_worksheet(w("sheet.components"))
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 58)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 5, 20)
    ws.write_row(0, 0, tuple(w(k) for k in ("currency", "component", "accounts", "demanded", "lawful",
                                            "excess_signed")), head)
    ws.write_comment(0, 5, w("signed_components"), {"x_scale": 3, "y_scale": 2.5})

    def line(r: int, cur: str, label: str, accounts, style=None) -> None:
        ws.write(r, 0, cur, style)
        ws.write(r, 1, label, style)
        if accounts is None:
            ws.write(r, 2, "", style)
        else:
            ws.write_number(r, 2, accounts)

    currencies = sorted({k[0] for k in summary.components} | set(summary.no_demand))
    r = 1
    for cur in currencies:
        first = r
        demanded_total, lawful_total = Decimal(0), Decimal(0)
        for key in ROW_KEYS:
            accounts, demanded, lawful = summary.components.get((cur, key), (0, None, None))
            line(r, cur, w.component(key) if key in COMPONENTS else w(f"row.{key}"), accounts)
            if accounts:
                ws.write_number(r, 3, _num(demanded), money)
                ws.write_number(r, 4, _num(lawful), money)
                ws.write_formula(r, 5, f"={xl_rowcol_to_cell(r, 3)}-{xl_rowcol_to_cell(r, 4)}", money,
                                 _num(demanded - lawful))
                demanded_total += demanded
                lawful_total += lawful
            r += 1
        line(r, cur, w("row.total"), None, head)
        for col, value in ((3, demanded_total), (4, lawful_total), (5, demanded_total - lawful_total)):
            _sum_row(ws, r, col, first, r - 1, value, money_bold)
        above_n, above = summary.above.get(cur, (0, Decimal(0)))
        line(r + 1, cur, w("row.above"), above_n)
        ws.write_number(r + 1, 5, _num(above), money)
        nd_n, nd = summary.no_demand.get(cur, (0, Decimal(0)))
        line(r + 2, cur, w("row.no_demand"), nd_n)
        ws.write_number(r + 2, 4, _num(nd), money)
        r += 4
    ws.freeze_panes(1, 0)


def _largest_sheet(wb, summary: Summary, w: _Words, head, money) -> None:
    ws = wb.add_worksheet(w("sheet.largest"))
    ws.set_column(0, 1, 22)
    ws.set_column(2, 5, 18)
    ws.write_row(0, 0, tuple(w(k) for k in ("account", "case", "currency", "demanded", "lawful", "excess")), head)
    for r, (excess, account, case, cur, demanded, lawful) in enumerate(summary.largest_excess(), start=1):
        ws.write_string(r, 0, account)
        ws.write_string(r, 1, case)
        ws.write(r, 2, cur)
        for col, v in ((3, demanded), (4, lawful), (5, excess)):
            if v is not None:
                ws.write_number(r, col, _num(v), money)
    ws.freeze_panes(1, 0)


def _unreadable_text(error: str, problem: str, lang: str) -> str:
    """Why an account has no figures, and its first problem, in ``lang`` (the results file keeps them in
    English, for programs)."""
    if lang == "zh":
        from debtcli.messages.problems import message_zh, problem_zh

        return message_zh(error) + (f"：{problem_zh(problem)}" if problem else "")
    return f"{error}: {problem}" if problem else error


def _unreadable_sheet(wb, summary: Summary, w: _Words, head) -> None:
    ws = wb.add_worksheet(w("sheet.unreadable"))
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 120)
    ws.write_row(0, 0, (w("account"), w("problem")), head)
    for r, (account, error, problem) in enumerate(summary.unreadable, start=1):
        ws.write_string(r, 0, account)
        ws.write_string(r, 1, _unreadable_text(error, problem, w.lang))
    if summary.counts[UNREADABLE] > len(summary.unreadable):
        ws.write_string(len(summary.unreadable) + 1, 0, w("more", n=summary.counts[UNREADABLE] - len(summary.unreadable)))


def _inputs_sheet(wb, summary: Summary, w: _Words, head, portfolio_inputs: list[dict], rejected) -> None:
    ws = wb.add_worksheet(w("sheet.inputs"))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 3, 14)
    ws.set_column(4, 4, 70)
    ws.write_row(0, 0, tuple(w(k) for k in ("file", "accounts", "rows_used", "rows_rejected", "sha256")), head)
    ws.write_comment(0, 4, w("sha256_note"), {"x_scale": 3, "y_scale": 2})
    sha = {i["file"]: i["sha256"] for i in portfolio_inputs}
    r = 1
    for file in sorted(summary.inputs):
        files, rows, rej, hashes = summary.inputs[file]
        ws.write_row(r, 0, (file, files, rows, rej, sha.get(file) or files_digest(hashes)))
        r += 1
    for label, n in sorted(rejected.counts.items()):
        ws.write_row(r, 0, (label, "", "", n, w("orphans")))
        r += 1
    if rejected.listed:
        r += 1
        ws.write_row(r, 0, (w("table"), w("row"), "", "", w("reason")), head)
        for label, rowno, reason in rejected.listed:
            r += 1
            ws.write_row(r, 0, (label, rowno, "", "", reason))
    if summary.ignored_count:
        r += 2
        ws.write_row(r, 0, (w("not_read"), w("account"), "", "", w("not_read_why", n=summary.ignored_count)), head)
        for account, file, reason in summary.ignored:
            r += 1
            ws.write_row(r, 0, (file, account, "", "", reason))
        if summary.ignored_count > len(summary.ignored):
            ws.write_string(r + 1, 0, w("more", n=summary.ignored_count - len(summary.ignored)))


def files_digest(hashes) -> str:
    """SHA-256 of the lines 'ACCOUNT  SHA256' of every account's file of one name, sorted by account."""
    import hashlib

    h = hashlib.sha256()
    for account, sha in sorted(hashes):
        h.update(f"{account}  {sha}\n".encode("utf-8"))
    return h.hexdigest()
