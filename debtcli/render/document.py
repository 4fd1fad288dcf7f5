"""A document as data: sections of paragraphs, key-value lists and tables of already formatted
text. The statement, the claim and the offer letter are built as this; the PDF, DOCX, HTML and
Markdown writers (``render.writer``) lay it out and know nothing else of the debt."""

from __future__ import annotations

from datetime import date

from debtcli.model.lazy_dataclass import dataclass


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    style: str = ""  # "" | total | group | note


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    align: str  # one letter per column: l | r
    widths: tuple[float, ...]  # relative widths, for the paged formats
    mono: tuple[int, ...] = ()  # columns set in a fixed-width font (hashes)


@dataclass(frozen=True)
class KeyValues:
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""  # "" | verdict | small


@dataclass(frozen=True)
class Signature:
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple


@dataclass(frozen=True)
class Statement:
    lang: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    as_of: date
    case_id: str
    page_label: str  # "第 {n} 页 共 {total} 页" / "Page {n} of {total}"
