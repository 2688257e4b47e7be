"""What retrieval and answering return to the CLI, the Telegram bot and the web page."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.pubdate import citation_label
from ingest.types import section_path


@dataclass
class Hit:
    """One retrieved clause."""
    chunk_id: int        # registry id of the chunk
    doc_id: int
    score: float         # fused score (higher is better)
    source: str          # ingested file's name
    title: str
    number: str          # số hiệu
    issuer: str
    date: str            # ngày ban hành dd/mm/yyyy
    section: str         # "Chương II › Điều 8 › Khoản 2"
    text: str            # verbatim clause
    position: int = 0
    dieu: str = ""       # heading of the enclosing Điều
    status: str = ""     # "", "đang có hiệu lực", "bị thay thế bởi ...", "chưa có hiệu lực ...", ...
    secondary: bool = False
    dense_score: float = 0.0
    keyword_score: float = 0.0
    context: str = ""    # the parent Điều's heading + sibling points, for the answer step
    section_path: list[str] = field(default_factory=list)   # section as labels: ["Chương II", "Điều 8", "Khoản 2"]
    # Issue 16, from the document's metadata (documents.meta; see ingest/article.py):
    kind: str = ""       # "legal" | "article" (news) | "explainer" | "" (not recognised)
    published: str = ""  # an article's own date, ISO yyyy-mm-dd ("" when it has none)
    publisher: str = ""  # the newspaper ("Báo Hải Phòng điện tử")
    basis: str = ""      # an article's legal basis: "căn cứ: Điều 23 Luật Thi đua, khen thưởng 2022"
    # the references behind `basis`: {"label", "diem", "khoan", "dieu", "doc", "year", "number", "doc_id",
    # "chunk_id"}; doc_id/chunk_id name the indexed clause when that document is in the index, else None
    basis_refs: list[dict] = field(default_factory=list)
    # Issue 14: the page the clause starts on (0: the document has no pages) and whether OCR read it
    page: int = 0
    scanned: bool = False

    def __post_init__(self):
        if not self.section_path and self.section:
            self.section_path = section_path(self.section)

    def page_label(self) -> str:
        """ "trang 2, bản quét" for a clause read from a scan, "trang 2" for a typed PDF page, else ""."""
        if not self.page:
            return ""
        return f"trang {self.page}, bản quét" if self.scanned else f"trang {self.page}"

    @property
    def is_article(self) -> bool:
        return self.kind in ("article", "explainer")

    def doc_label(self) -> str:
        """How a citation names the document: "Báo Hải Phòng điện tử, 10/07/2017" (or the headline and
        date) for an article, else its số hiệu, title or file name."""
        if self.is_article:
            meta = {"publisher": self.publisher, "published": self.published}
            return citation_label(meta, self.title or self.source)
        return self.number or self.title or self.source

    def citation(self) -> dict:
        return {"source": self.source, "title": self.title, "number": self.number,
                "section": self.section, "text": self.text, "status": self.status,
                "section_path": list(self.section_path),
                # issue 16: added fields
                "label": self.doc_label(), "date": self.date, "kind": self.kind, "published": self.published,
                "publisher": self.publisher, "basis": self.basis,
                "basis_refs": [dict(r) for r in self.basis_refs],
                # issue 14: the page, and "trang 2, bản quét" when OCR read it
                "page": self.page, "scanned": self.scanned, "page_label": self.page_label()}

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    answer: str                       # the text shown to the user (Vietnamese)
    refused: bool
    citations: list[Hit] = field(default_factory=list)
    mode: str = "extractive"          # extractive | generated | refused
    standalone_question: str = ""     # after follow-up rewriting
    timings_ms: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)   # e.g. "văn bản đã bị thay thế"
    nearest: list[dict] = field(default_factory=list)    # nearest documents when refused
    llm_note: str = ""    # why the LLM did not answer: "" | busy | slow | unavailable | failed (the face says so)
    lead: str = ""        # the guarded generated lead put above the verbatim clause ("" = none)
    llm: dict = field(default_factory=dict)   # {model, prompt_tokens, completion_tokens, first_token_ms, total_ms}
    # The verbatim span of a cited clause that states what was asked, shown first (bot/answering/reader.py):
    # {"text", "source", "number", "section", "section_path", "kind", "unit"}; None when no span answers.
    direct: dict | None = None

    def body(self) -> str:
        """The answer text without the warning lines appended to its end (notes.with_warnings): the
        faces show `warnings` on their own, styled, and would otherwise show each twice. `answer` keeps
        them for the JSON contract and for plain-text readers."""
        lines = self.answer.rstrip().split("\n")
        while len(lines) > 1 and lines[-1].strip() in self.warnings:
            lines.pop()
        return "\n".join(lines).rstrip()

    def to_json(self, qid=None) -> dict:
        out = {"answer": self.answer, "refused": self.refused,
               "citations": [h.citation() for h in self.citations],
               "timings_ms": self.timings_ms, "mode": self.mode}
        if qid is not None:
            out = {"id": qid, **out}
        out["direct"] = dict(self.direct) if self.direct else None
        if self.warnings:
            out["warnings"] = self.warnings
        if self.refused and self.nearest:
            out["nearest"] = self.nearest
        if self.llm_note:
            out["llm_note"] = self.llm_note
        if self.lead:
            out["lead"] = self.lead
        if self.llm:
            out["llm"] = self.llm
        return out
