"""What retrieval and answering return to the CLI, the Telegram bot and the web page."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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

    def __post_init__(self):
        if not self.section_path and self.section:
            self.section_path = section_path(self.section)

    def citation(self) -> dict:
        return {"source": self.source, "title": self.title, "number": self.number,
                "section": self.section, "text": self.text, "status": self.status,
                "section_path": list(self.section_path)}

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

    def to_json(self, qid=None) -> dict:
        out = {"answer": self.answer, "refused": self.refused,
               "citations": [h.citation() for h in self.citations],
               "timings_ms": self.timings_ms, "mode": self.mode}
        if qid is not None:
            out = {"id": qid, **out}
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
