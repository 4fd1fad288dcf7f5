"""The Regulation F validation notice (12 CFR 1006.34) in the layout of the CFPB's Model Form B-1:
who is collecting and for whom, the itemization block with the form's labels, how to dispute and
by which date, what else the consumer can do, the state's charge-off block where a state requires
one, and the tear-off response form.

Every figure comes from the Report (the lawful itemization of the ``us`` pack); nothing is
recomputed here. The labels below are the form's words; a test compares them with the form.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from html import escape

from debtcli.model.lazy_dataclass import dataclass

FORMATS = ("pdf", "html", "docx")

# Model Form B-1: the itemization block, the dispute section and the response form, word for word.
LABELS = {
    "owed": "As of {date}, you owed:",
    "between": "Between {date} and today:",
    "interest": "You were charged this amount in interest: +",
    "fees": "You were charged this amount in fees: +",
    "payments": "You paid or were credited this amount toward the debt: –",
    "total": "Total amount of the debt now:",
    "dispute": "How can you dispute the debt?",
    "dispute_call": "Call or write to us by {end}, to dispute all or part of the debt. If you do not, we will "
                    "assume that our information is correct.",
    "dispute_write": "If you write to us by {end}, we must stop collection on any amount you dispute until we send "
                     "you information that shows you owe the debt. You may use the form below or write to us without "
                     "the form. You may also include supporting documents.",
    "else": "What else can you do?",
    "else_creditor": "Write to ask for the name and address of the original creditor, if different from the current "
                     "creditor. If you write by {end}, we must stop collection until we send you that information. You "
                     "may use the form below or write to us without the form.",
    "else_cfpb": "Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law. For "
                 "instance, you have the right to stop or limit how we contact you.",
    "else_options": "Contact us about your payment options.",
    "mail_to": "Mail this form to:",
    "respond": "How do you want to respond?",
    "check": "Check all that apply:",
    "dispute_because": "I want to dispute the debt because I think:",
    "not_mine": "This is not my debt.",
    "amount_wrong": "The amount is wrong.",
    "other": "Other (please describe on reverse or attach additional information).",
    "want_creditor": "I want you to send me the name and address of the original creditor.",
    "enclosed": "I enclosed this amount:",
    "payable": "Make your check payable to {collector}. Include the reference number {reference}.",
}

STATE_BLOCK = {
    "NY": ("New York: the debt since its charge-off (23 NYCRR 1.2(b))",
           ("Balance at charge-off on {date}:", "Interest accrued since charge-off:",
            "Non-interest charges or fees since charge-off:", "Payments made since charge-off:")),
    "CA": ("California: the debt since its charge-off (Cal. Civ. Code 1788.52)",
           ("Balance at charge-off on {date}:", "Post-charge-off interest:", "Post-charge-off fees:",
            "Payments made since charge-off:")),
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class NoticeError(ValueError):
    """The report cannot give a validation notice (not the us pack, or no itemization date)."""


def long_date(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def dollars(x: Decimal, places: int = 2) -> str:
    q = Decimal(1).scaleb(-places)
    s = f"{abs(x.quantize(q)):,.{places}f}"
    return f"-${s}" if x < 0 else f"${s}"


@dataclass(frozen=True)
class Notice:
    case_id: str
    sent: date
    end: date
    collector: str
    collector_lines: tuple[str, ...]
    consumer: str
    consumer_lines: tuple[str, ...]
    reference: str
    intro: str
    shows: str
    block: tuple[tuple[str, str], ...]  # (label, amount) of the itemization, in the form's order
    state_title: str
    state_block: tuple[tuple[str, str], ...]
    dispute: tuple[str, ...]
    other: tuple[str, ...]
    response: tuple[str, ...]
    payable: str


def build_notice(report) -> Notice:
    """The notice's content from a Report of the ``us`` pack with an itemization."""
    us = report.us
    if report.rules_pack != "us" or us is None or us.itemization is None or us.validation is None:
        raise NoticeError("the regf template needs the us rule pack and [demand] itemization_date and "
                          "itemization_basis in case.toml")
    it = us.itemization
    v = us.validation
    t = report.terms
    n = t.notice
    p = report.places
    collector = n.get("collector") or t.case.lender or "The debt collector"
    creditor = n.get("creditor") or t.case.lender or collector
    original = n.get("original_creditor") or ""
    end = long_date(v.end)
    account = n.get("account") or "account"
    reference = t.case.reference or t.case.id
    shows = f"You had {_article(account)} {account}" + (f" from {original}" if original else "") + \
        f" with account number {reference}."
    on = long_date(it.date)
    block = (
        (LABELS["owed"].format(date=on), dollars(it.amount, p)),
        (LABELS["between"].format(date=on), ""),
        (LABELS["interest"], dollars(it.interest, p)),
        (LABELS["fees"], dollars(it.fees, p)),
        (LABELS["payments"], dollars(it.payments, p)),
        (LABELS["total"], dollars(it.current, p)),
    )
    state_title, state_block = "", ()
    if us.chargeoff is not None and t.case.state in STATE_BLOCK:
        co = us.chargeoff
        state_title, labels = STATE_BLOCK[t.case.state]
        values = (co.amount, co.interest, co.fees, co.payments)  # zero lines are kept
        state_block = tuple((lab.format(date=long_date(co.date)), dollars(val, p)) for lab, val in zip(labels, values))
    return Notice(
        case_id=t.case.id, sent=v.sent, end=v.end, collector=collector,
        collector_lines=tuple(x for x in (collector, n.get("address", ""), n.get("phone", ""), n.get("email", ""),
                                          n.get("hours", "")) if x),
        consumer=t.case.borrower,
        consumer_lines=tuple(x for x in (t.case.borrower, n.get("consumer_address", "")) if x),
        reference=reference,
        intro=f"{collector} is a debt collector. We are trying to collect a debt that you owe to {creditor}. We will "
              "use any information you give us to help collect the debt.",
        shows=shows, block=block, state_title=state_title, state_block=state_block,
        dispute=(LABELS["dispute_call"].format(end=end), LABELS["dispute_write"].format(end=end)),
        other=(LABELS["else_creditor"].format(end=end), LABELS["else_cfpb"], LABELS["else_options"]),
        response=(LABELS["not_mine"], LABELS["amount_wrong"], LABELS["other"]),
        payable=LABELS["payable"].format(collector=collector, reference=reference),
    )


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


# ---------------------------------------------------------------------- HTML

CSS = """
body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 190mm;
       margin: 10mm auto; padding: 0 8mm; line-height: 1.4; }
.head { display: flex; justify-content: space-between; gap: 10mm; }
.head p { margin: 0; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; }
table.items { border-collapse: collapse; width: 100%; margin: 2mm 0; }
table.items td { padding: 1mm 2mm; border-bottom: 1px solid #ccc; }
table.items td.r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.items tr.total td { font-weight: bold; border-top: 2px solid #111; }
table.items tr.between td { font-style: italic; border-bottom: none; }
.box { border: 1.5px solid #111; padding: 3mm 4mm; margin: 3mm 0; }
.tear { border-top: 2px dashed #555; margin-top: 8mm; padding-top: 4mm; }
.check::before { content: "\\2610\\00a0"; }
.small { font-size: 8.5pt; color: #333; }
@page { size: letter; margin: 12mm; }
@media print { body { margin: 0; padding: 0; max-width: none; } .tear { page-break-inside: avoid; } }
"""


def _h(text: str) -> str:
    return escape(text)


def render_notice_html(n: Notice) -> str:
    items = []
    for i, (label, amount) in enumerate(n.block):
        cls = ' class="total"' if i == len(n.block) - 1 else (' class="between"' if not amount else "")
        items.append(f'<tr{cls}><td>{_h(label)}</td><td class="r">{_h(amount)}</td></tr>')
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        f"<title>Validation notice {_h(n.case_id)}</title>",
        f'<meta name="generator" content="debtcli">\n<style>{CSS}</style>\n</head>\n<body>',
        '<div class="head"><div>' + "".join(f"<p>{_h(x)}</p>" for x in n.collector_lines) + "</div>",
        '<div><p>To:</p>' + "".join(f"<p>{_h(x)}</p>" for x in n.consumer_lines)
        + f"<p>Reference: {_h(n.reference)}</p><p>{_h(long_date(n.sent))}</p></div></div>",
        f"<p>{_h(n.intro)}</p>",
        f'<section class="box" id="itemization"><p><strong>Our information shows:</strong></p><p>{_h(n.shows)}</p>',
        '<table class="items">' + "".join(items) + "</table></section>",
    ]
    if n.state_block:
        parts.append(f'<section id="state"><h2>{_h(n.state_title)}</h2><table class="items">'
                     + "".join(f'<tr><td>{_h(a)}</td><td class="r">{_h(b)}</td></tr>' for a, b in n.state_block)
                     + "</table></section>")
    parts.append(f'<section id="dispute"><h2>{_h(LABELS["dispute"])}</h2><ul>'
                 + "".join(f"<li>{_h(x)}</li>" for x in n.dispute) + "</ul></section>")
    parts.append(f'<section id="else"><h2>{_h(LABELS["else"])}</h2><ul>'
                 + "".join(f"<li>{_h(x)}</li>" for x in n.other) + "</ul></section>")
    parts.append(
        '<section class="tear" id="response">'
        f'<p><strong>{_h(LABELS["mail_to"])}</strong> ' + _h(", ".join(n.collector_lines[:2])) + "</p>"
        + (f"<p>{_h(', '.join(n.consumer_lines))}</p>" if n.consumer_lines else "")
        + f"<p>Reference: {_h(n.reference)}</p>"
        f'<h2>{_h(LABELS["respond"])}</h2><p>{_h(LABELS["check"])}</p>'
        f'<p><strong>{_h(LABELS["dispute_because"])}</strong></p>'
        + "".join(f'<p class="check">{_h(x)}</p>' for x in n.response)
        + f'<p class="check">{_h(LABELS["want_creditor"])}</p>'
        f'<p class="check">{_h(LABELS["enclosed"])} $______________</p>'
        f'<p class="small">{_h(n.payable)}</p></section>')
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


# ---------------------------------------------------------------------- PDF


def render_notice_pdf(n: Notice) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape as x

    from reportlab.pdfgen.canvas import Canvas

    from debtcli.render.pdf import LATIN, LATIN_BOLD, register_fonts

    register_fonts()  # embedded, so the notice looks the same on every viewer
    base = dict(fontName=LATIN, boldFontName=LATIN_BOLD, bulletFontName=LATIN)
    body = ParagraphStyle("body", fontSize=9.5, leading=12, **base)
    small = ParagraphStyle("small", fontSize=8, leading=10, textColor=colors.HexColor("#333333"), **base)
    head = ParagraphStyle("head", fontSize=11, leading=14, spaceBefore=6, spaceAfter=3, **base)
    right = ParagraphStyle("right", parent=body, alignment=2)
    box = "\u2610&nbsp;&nbsp;"  # ballot box
    margin = 16 * mm
    width = LETTER[0] - 2 * margin
    flow: list = []
    left = "<br/>".join(x(s) for s in n.collector_lines)
    to = "<br/>".join(["To:"] + [x(s) for s in n.consumer_lines] + [f"Reference: {x(n.reference)}", x(long_date(n.sent))])
    top = Table([[Paragraph(left, body), Paragraph(to, body)]], colWidths=[width * 0.55, width * 0.45])
    top.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LATIN), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    flow += [top, Spacer(1, 4 * mm), Paragraph(x(n.intro), body), Spacer(1, 3 * mm)]
    rows = [[Paragraph("<b>Our information shows:</b>", body), ""], [Paragraph(x(n.shows), body), ""]]
    for label, amount in n.block:
        rows.append([Paragraph(x(label), body), Paragraph(x(amount), right)])
    last = len(rows) - 1
    items = Table(rows, colWidths=[width * 0.75, width * 0.25])
    items.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 1), (1, 1)),
        ("LINEBELOW", (0, 2), (-1, last - 1), 0.3, colors.HexColor("#bbbbbb")),
        ("LINEABOVE", (0, last), (-1, last), 1.2, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), LATIN),
        ("FONTNAME", (0, last), (-1, last), LATIN_BOLD),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    flow.append(items)
    if n.state_block:
        flow.append(Paragraph(f"<b>{x(n.state_title)}</b>", head))
        st = Table([[Paragraph(x(a), body), Paragraph(x(b), right)] for a, b in n.state_block],
                   colWidths=[width * 0.75, width * 0.25])
        st.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LATIN), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb"))]))
        flow.append(st)
    flow.append(Paragraph(f"<b>{x(LABELS['dispute'])}</b>", head))
    flow += [Paragraph(x(s), body, bulletText="•") for s in n.dispute]
    flow.append(Paragraph(f"<b>{x(LABELS['else'])}</b>", head))
    flow += [Paragraph(x(s), body, bulletText="•") for s in n.other]
    tear = [Table([[""]], colWidths=[width], style=TableStyle(
        [("FONTNAME", (0, 0), (-1, -1), LATIN),
         ("LINEABOVE", (0, 0), (-1, 0), 1, colors.HexColor("#555555"), None, (4, 3))])),
        Paragraph(f"<b>{x(LABELS['mail_to'])}</b> " + x(", ".join(n.collector_lines[:2])), body)]
    if n.consumer_lines:
        tear.append(Paragraph(x(", ".join(n.consumer_lines)), body))
    tear += [Paragraph(f"Reference: {x(n.reference)}", body),
             Paragraph(f"<b>{x(LABELS['respond'])}</b>", head), Paragraph(x(LABELS["check"]), body),
             Paragraph(f"<b>{x(LABELS['dispute_because'])}</b>", body)]
    tear += [Paragraph(box + x(s), body) for s in n.response]
    tear += [Paragraph(box + x(LABELS["want_creditor"]), body),
             Paragraph(box + x(LABELS["enclosed"]) + " $______________", body), Spacer(1, 2 * mm),
             Paragraph(x(n.payable), small)]
    flow += [Spacer(1, 3 * mm), _ToPageBottom(tear), KeepTogether(tear)]

    buf = io.BytesIO()
    created = f"D:{n.sent.year:04d}{n.sent.month:02d}{n.sent.day:02d}000000+00'00'"

    def on_page(canvas, document):
        canvas.saveState()
        canvas.setDateFormatter(lambda *args: created)
        canvas.setFont(LATIN, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(margin, 9 * mm, f"Validation notice   {n.reference}")
        canvas.drawRightString(LETTER[0] - margin, 9 * mm, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buf, pagesize=LETTER, leftMargin=margin, rightMargin=margin, topMargin=12 * mm,
                            bottomMargin=16 * mm, title=f"Validation notice {n.case_id}", author="debtcli",
                            creator="debtcli", producer="debtcli", invariant=1, lang="en")
    doc.build(flow, onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=lambda *a, **kw: Canvas(*a, **{**kw, "initialFontName": LATIN}))
    return buf.getvalue()


def _ToPageBottom(tear: list):
    """A blank that fills the page down to where ``tear`` (the response form) must start so that it
    ends at the bottom of the page: 12 CFR 1006.34(c)(4) puts the consumer-response information at
    the bottom of the notice, cut off along its dashed line. When the page has no room for the whole
    form, the blank fills this page and the form sits at the bottom of the next one."""
    from reportlab.platypus import Flowable

    class ToPageBottom(Flowable):
        def __init__(self):
            super().__init__()
            self.refused = 0  # pages found too short; the form is never pushed on more than once

        def wrap(self, avail_width, avail_height):
            need = 2.0  # a hair of slack for the frame's rounding
            for i, f in enumerate(tear):
                need += f.wrap(avail_width, avail_height)[1] + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
            if avail_height >= need:
                self.height = avail_height - need
            elif self.refused < 2:
                self.refused += 1  # too tall for this page: the frame moves it (and the form) to the next
                self.height = avail_height + 1
            else:
                self.height = 0
            self.width = avail_width
            return self.width, self.height

        def split(self, avail_width, avail_height):
            return []

        def draw(self):
            pass

    return ToPageBottom()


def render_notice(report, fmt: str) -> bytes:
    """The validation notice as pdf or html bytes (docx: ``render.files.render_notice``). Same report,
    same bytes."""
    n = build_notice(report)
    if fmt == "html":
        return render_notice_html(n).encode("utf-8")
    if fmt == "pdf":
        return render_notice_pdf(n)
    raise NoticeError(f"the regf template is written as {', '.join(FORMATS)}, not {fmt}")


__all__ = ["LABELS", "Notice", "NoticeError", "build_notice", "render_notice", "render_notice_html",
           "render_notice_pdf", "long_date", "dollars"]
