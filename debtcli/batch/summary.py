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
    error: str = ""
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
                            error=obj["error"] + (f": {first}" if first else ""),
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
    unreadable: list = field(default_factory=list)  # (account, error), the first ones
    inputs: dict = field(default_factory=dict)  # file name -> [files, rows, rejected, [(account, sha256)]]
    ignored: list = field(default_factory=list)  # (account, file, reason), the first ones
    ignored_count: int = 0
    above_lawful: int = 0
    internal: list = field(default_factory=list)  # accounts that met a defect in debtcli (the first ones)
    internal_count: int = 0

    def add(self, s: AccountStats) -> None:
        self.counts[s.status] += 1
        if s.status == UNREADABLE:
            if s.internal:
                self.internal_count += 1
                if len(self.internal) < MAX_LISTED_UNREADABLE:
                    self.internal.append(s.account)
            if len(self.unreadable) < MAX_LISTED_UNREADABLE:
                self.unreadable.append((s.account, s.error))
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
                   portfolio_inputs: list[dict], rejected) -> None:
    """The summary workbook: Summary, Findings, Components, Largest excess, Unreadable, Inputs.

    Totals are SUM formulas written with their computed values, so the file shows figures even
    where formulas are not recalculated. No wall-clock time goes in: the same run gives the same
    bytes."""
    import xlsxwriter

    # text from input (a source, account or file named "=HYPERLINK(...)") is always stored as text; the
    # totals are written with write_formula on purpose
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    stamp = datetime(as_of.year, as_of.month, as_of.day) if as_of else datetime(2000, 1, 1)
    wb.set_properties({"title": "debtcli portfolio summary", "created": stamp})
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0.00"})
    money_bold = wb.add_format({"num_format": "#,##0.00", "bold": True})
    head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True})

    ws = wb.add_worksheet("Summary")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 40)
    rows = [
        ("Source", source),
        ("As of", as_of.isoformat() if as_of else "each case's own date (demand date or last due date)"),
        ("Rule pack", rules or "each case's jurisdiction"),
        ("Accounts", summary.total),
        ("Verified (no error finding) / 已核实", summary.counts[VERIFIED]),
        ("Flagged (error findings) / 有异常", summary.counts[FLAGGED]),
        ("Unreadable / 无法读取", summary.counts[UNREADABLE]),
        ("Demand above the lawful balance / 超出合法金额", summary.above_lawful),
    ]
    ws.write_row(0, 0, ("Item", "Value"), head)
    for r, (label, value) in enumerate(rows, start=1):
        ws.write(r, 0, label, bold)
        ws.write(r, 1, value)

    _findings_sheet(wb, summary, head, money, money_bold)
    _components_sheet(wb, summary, head, money, money_bold)
    _largest_sheet(wb, summary, head, money)
    _unreadable_sheet(wb, summary, head)
    _inputs_sheet(wb, summary, head, portfolio_inputs, rejected)
    wb.close()


def _sum_row(ws, row: int, col: int, first: int, last: int, value: Decimal, fmt) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell

    if last < first:
        ws.write_number(row, col, 0, fmt)
        return
    ref = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
    ws.write_formula(row, col, f"=SUM({ref})", fmt, _num(value))


def _findings_sheet(wb, summary: Summary, head, money, money_bold) -> None:
    ws = wb.add_worksheet("Findings")
    ws.set_column(0, 1, 10)
    ws.set_column(2, 2, 28)
    ws.set_column(3, 5, 18)
    ws.set_column(6, 6, 20)
    ws.write_row(0, 0, ("Currency", "Severity", "Code", "Component", "Accounts", "Findings", "Amount"), head)
    ws.write_comment(0, 6, SIGNED_FINDINGS, {"x_scale": 3, "y_scale": 2})
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


ROW_LABELS = {NOT_ITEMISED: "Rest of itemised demands (total less the stated components) / 未列明部分",
              TOTAL_ONLY: "Demands stated only as a total / 仅列总额的催收"}
SIGNED_FINDINGS = ("Amounts are signed. A finding's amount is its signed difference: DEMAND_ABOVE_LAWFUL and "
                   "UNAUTHORIZED_CHARGE the amount above what is owed (positive); POSTING_MISMATCH and "
                   "LEDGER_ARITHMETIC the creditor's figure less the recomputed one (negative: the creditor "
                   "posted less); PAYMENT_MISMATCH the record less the ledger posting.")
SIGNED_COMPONENTS = ("Excess = Demanded - Lawful on every row, signed: negative where a demand asks less than the "
                     "lawful figure. Each account's demand is split into the components it states, the rest of "
                     "its total, or its total alone (a demand stated only as a total), so the rows of one account "
                     "add up to its demanded total, lawful total and excess. Accounts without a demand are not in "
                     "the rows (see below the total).")


def _components_sheet(wb, summary: Summary, head, money, money_bold) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell

    ws = wb.add_worksheet("Components")
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 58)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 5, 20)
    ws.write_row(0, 0, ("Currency", "Component", "Accounts", "Demanded", "Lawful", "Excess (demanded - lawful)"),
                 head)
    ws.write_comment(0, 5, SIGNED_COMPONENTS, {"x_scale": 3, "y_scale": 2.5})
    currencies = sorted({k[0] for k in summary.components} | set(summary.no_demand))
    r = 1
    for cur in currencies:
        first = r
        totals = [Decimal(0), Decimal(0)]
        for key in ROW_KEYS:
            accounts, demanded, lawful = summary.components.get((cur, key), (0, None, None))
            ws.write(r, 0, cur)
            ws.write(r, 1, ROW_LABELS.get(key) or f"{COMPONENT_NAMES_EN[key]} / {COMPONENT_NAMES_ZH[key]}")
            ws.write_number(r, 2, accounts)
            if accounts:
                ws.write_number(r, 3, _num(demanded), money)
                ws.write_number(r, 4, _num(lawful), money)
                ws.write_formula(r, 5, f"={xl_rowcol_to_cell(r, 3)}-{xl_rowcol_to_cell(r, 4)}", money,
                                 _num(demanded - lawful))
                totals[0] += demanded
                totals[1] += lawful
            r += 1
        ws.write(r, 0, cur, head)
        ws.write(r, 1, "Total / 合计 (sum of the rows above)", head)
        ws.write(r, 2, "", head)
        _sum_row(ws, r, 3, first, r - 1, totals[0], money_bold)
        _sum_row(ws, r, 4, first, r - 1, totals[1], money_bold)
        _sum_row(ws, r, 5, first, r - 1, totals[0] - totals[1], money_bold)
        r += 1
        above_n, above = summary.above.get(cur, (0, Decimal(0)))
        ws.write(r, 0, cur)
        ws.write(r, 1, "of which demands above the lawful total (their excess; = DEMAND_ABOVE_LAWFUL on Findings)")
        ws.write_number(r, 2, above_n)
        ws.write_number(r, 5, _num(above), money)
        r += 1
        nd_n, nd = summary.no_demand.get(cur, (0, Decimal(0)))
        ws.write(r, 0, cur)
        ws.write(r, 1, "Accounts without a demand (lawful total only; not in the rows above)")
        ws.write_number(r, 2, nd_n)
        ws.write_number(r, 4, _num(nd), money)
        r += 2
    ws.freeze_panes(1, 0)


def _largest_sheet(wb, summary: Summary, head, money) -> None:
    ws = wb.add_worksheet("Largest excess")
    ws.set_column(0, 1, 22)
    ws.set_column(2, 5, 18)
    ws.write_row(0, 0, ("Account", "Case", "Currency", "Demanded", "Lawful", "Excess"), head)
    for r, (excess, account, case, cur, demanded, lawful) in enumerate(summary.largest_excess(), start=1):
        ws.write_string(r, 0, account)
        ws.write_string(r, 1, case)
        ws.write(r, 2, cur)
        for col, v in ((3, demanded), (4, lawful), (5, excess)):
            if v is not None:
                ws.write_number(r, col, _num(v), money)
    ws.freeze_panes(1, 0)


def _unreadable_sheet(wb, summary: Summary, head) -> None:
    ws = wb.add_worksheet("Unreadable")
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 120)
    ws.write_row(0, 0, ("Account", "Problem (see the account's line in the results for every problem)"), head)
    for r, (account, error) in enumerate(summary.unreadable, start=1):
        ws.write_string(r, 0, account)
        ws.write_string(r, 1, error)
    if summary.counts[UNREADABLE] > len(summary.unreadable):
        ws.write_string(len(summary.unreadable) + 1, 0,
                        f"... and {summary.counts[UNREADABLE] - len(summary.unreadable)} more")


def _inputs_sheet(wb, summary: Summary, head, portfolio_inputs: list[dict], rejected) -> None:
    ws = wb.add_worksheet("Inputs")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 3, 14)
    ws.set_column(4, 4, 70)
    ws.write_row(0, 0, ("File", "Accounts", "Rows used", "Rows rejected", "SHA-256"), head)
    ws.write_comment(0, 4, "A table of the portfolio export: its SHA-256. A file of the case folders (one per "
                           "account): the SHA-256 of the lines 'ACCOUNT  SHA256' (two spaces, a line feed after "
                           "each) of every account's file of that name, sorted by account; each account's own "
                           "SHA-256 is in its line of the results (inputs.files).", {"x_scale": 3, "y_scale": 2})
    sha = {i["file"]: i["sha256"] for i in portfolio_inputs}
    r = 1
    for file in sorted(summary.inputs):
        files, rows, rej, hashes = summary.inputs[file]
        ws.write_row(r, 0, (file, files, rows, rej, sha.get(file) or files_digest(hashes)))
        r += 1
    for label, n in sorted(rejected.counts.items()):
        ws.write_row(r, 0, (label, "", "", n, "rows that belong to no account (listed below)"))
        r += 1
    if rejected.listed:
        r += 1
        ws.write_row(r, 0, ("Table", "Row", "", "", "Reason"), head)
        for label, rowno, reason in rejected.listed:
            r += 1
            ws.write_row(r, 0, (label, rowno, "", "", reason))
    if summary.ignored_count:
        r += 2
        ws.write_row(r, 0, ("Not read", "Account", "", "", "Why not read (files of the case folders that were not "
                                                         f"read: {summary.ignored_count})"), head)
        for account, file, reason in summary.ignored:
            r += 1
            ws.write_row(r, 0, (file, account, "", "", reason))
        if summary.ignored_count > len(summary.ignored):
            ws.write_string(r + 1, 0, f"... and {summary.ignored_count - len(summary.ignored)} more")


def files_digest(hashes) -> str:
    """SHA-256 of the lines 'ACCOUNT  SHA256' of every account's file of one name, sorted by account."""
    import hashlib

    h = hashlib.sha256()
    for account, sha in sorted(hashes):
        h.update(f"{account}  {sha}\n".encode("utf-8"))
    return h.hexdigest()
