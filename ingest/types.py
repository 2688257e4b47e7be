"""The data that flows through ingest and is read back by the bot."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SECTION_SEP = " › "   # how a clause's section labels are joined in the stored `section` string


def section_path(section: str) -> list[str]:
    """A stored section string ("Chương II › Điều 8 › Khoản 2") as its list of labels."""
    return [p.strip() for p in (section or "").split(SECTION_SEP) if p.strip()]


@dataclass
class LoadedText:
    """What a loader returns: the document as plain text (tables as 'cell | cell' lines)."""
    text: str
    pages: int = 1
    kind: str = "txt"  # loader that produced it: txt, md, html, docx, pdf, image
    warnings: list[str] = field(default_factory=list)
    # (page number, page text, scanned) for paged documents (PDF, images), so chunks can name their page
    page_texts: list[tuple[int, str, bool]] = field(default_factory=list)
    ocr: dict = field(default_factory=dict)  # OcrSummary.to_json(): scanned/low-confidence/blank pages


@dataclass
class Relation:
    """One document acting on another: kind is replaces | repeals | ends | amends."""
    kind: str
    target: str          # normalised số hiệu of the other document, e.g. "90/2020/NĐ-CP"
    partial: bool = False
    origin: str = "text"  # text (found in the document) | operator (added by hand)
    effective: str = ""   # dd/mm/yyyy when the act takes effect, when known


@dataclass
class DocHeader:
    number: str = ""      # normalised số hiệu, e.g. "15/2023/TT-BKHĐT"
    doc_type: str = ""    # Thông tư, Nghị định, Quyết định, Kế hoạch, Luật, ...
    issuer: str = ""      # cơ quan ban hành
    date: str = ""        # ngày ban hành, dd/mm/yyyy
    title: str = ""       # trích yếu / title
    effective_date: str = ""  # dd/mm/yyyy
    relations: list[Relation] = field(default_factory=list)
    secondary: bool = False   # explainer article / news, not an issued document
    aliases: list[str] = field(default_factory=list)  # other số hiệu a compilation reproduces (Pháp điển)
    # Issue 16: "legal" | "article" (news) | "explainer" | "" (not recognised); for articles `title` is
    # the headline and `date` the publication date (dd/mm/yyyy). `meta` is stored as documents.meta
    # (JSON); its keys are listed in ingest/article.py.
    kind: str = ""
    meta: dict = field(default_factory=dict)


@dataclass
class Block:
    """A unit of body text with its place in the hierarchy.

    path: list of (level, label, heading) from the outermost, e.g.
      [("chuong", "Chương II", "TIÊU CHUẨN"), ("dieu", "Điều 8", "Danh hiệu ..."), ("khoan", "Khoản 2", "")]
    kind: "heading" (the line that opens a section), "text", "table_row", "table_header"
    """
    text: str
    path: list[tuple[str, str, str]] = field(default_factory=list)
    kind: str = "text"


@dataclass
class ParsedDocument:
    header: DocHeader
    blocks: list[Block]


@dataclass
class Chunk:
    text: str            # verbatim clause text, shown to users
    embed_text: str      # title + section path + text: what is embedded and keyword-indexed
    section: str         # "Chương II › Điều 8 › Khoản 2"
    position: int        # order within the document
    dieu: str = ""       # "Điều 8. Danh hiệu Chiến sĩ thi đua cơ sở" when inside an Điều
    parent: str = ""     # section path of the enclosing Điều (for neighbour context)
    of: int | None = None  # a child unit (ingest/units.py): the position of the chunk it is part of
    page: int = 0        # page the chunk starts on (PDF/image), 0 when the document has no pages
    scanned: bool = False  # that page was read by OCR: a citation says "trang N, bản quét"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class DocRecord:
    """A live document in the registry."""
    doc_id: int
    path: str            # absolute path (or upload name) it was ingested from
    source: str          # file name shown in citations
    content_hash: str
    title: str
    number: str
    doc_type: str
    issuer: str
    date: str
    effective_date: str
    secondary: bool
    relations: list[Relation]
    n_chunks: int
    ingested_at: str
    aliases: list[str] = field(default_factory=list)  # other số hiệu the text names itself by
    meta: dict = field(default_factory=dict)          # issue 16: kind, published, publisher, places, ...

    @property
    def kind(self) -> str:
        """ "legal" | "article" | "explainer" | "" (indexed before issue 16, or not recognised)."""
        return self.meta.get("kind", "")

    @property
    def is_article(self) -> bool:
        return self.kind in ("article", "explainer")
    ocr: dict = field(default_factory=dict)  # {} or scanned_pages, confidence, low_confidence_pages, ...
