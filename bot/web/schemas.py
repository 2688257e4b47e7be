"""Request and response shapes of the JSON API (they make /openapi.json useful)."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field

class LoginRequest(BaseModel):
    name: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class Me(BaseModel):
    user: str
    admin: bool
    csrf_token: str


class BasisRef(BaseModel):
    """One legal basis an article quotes; doc_id/chunk_id/url lead to the clause when it is indexed."""
    label: str
    dieu: Optional[str] = None
    khoan: Optional[str] = None
    diem: Optional[str] = None
    doc: str = ""
    year: Optional[str] = None
    number: Optional[str] = None
    doc_id: Optional[int] = None
    chunk_id: Optional[int] = None
    url: str = ""


class SearchHit(BaseModel):
    rank: int
    chunk_id: int
    doc_id: int
    score: float
    source: str
    title: str
    number: str
    issuer: str
    date: str
    section: str
    dieu: str = ""
    text: str
    status: str = ""
    state: str = "in_force"
    secondary: bool = False
    url: str
    label: str = ""       # issue 16: "Báo Hải Phòng điện tử, 10/07/2017" for an article, else the số hiệu
    kind: str = ""        # legal | article | explainer | ""
    published: str = ""   # an article's own date, yyyy-mm-dd
    publisher: str = ""
    basis: str = ""       # "căn cứ: Điều 23 Luật Thi đua, khen thưởng 2022"
    basis_refs: list[BasisRef] = Field(default_factory=list)


class SearchResponse(BaseModel):
    query: str
    filters: dict
    results: list[SearchHit]


class AskRequest(BaseModel):
    question: str = Field(description="Câu hỏi (tiếng Việt, có hoặc không dấu).")
    history: list[str] = Field(default_factory=list, description="Earlier questions of this conversation.")
    document: Optional[str] = Field(None, description="Số hiệu or file name to search in.")
    issuer: Optional[str] = None
    year: Optional[int] = None
    all_versions: bool = Field(False, description="Default: documents in force first; replaced ones only "
                                                  "when nothing else answers.")


class Citation(BaseModel):
    n: int
    chunk_id: int
    doc_id: int
    source: str
    title: str
    number: str
    issuer: str
    date: str
    section: str
    text: str
    status: str = ""
    state: str = "in_force"
    url: str
    label: str = ""       # issue 16 (see SearchHit)
    kind: str = ""
    published: str = ""
    publisher: str = ""
    basis: str = ""
    basis_refs: list[BasisRef] = Field(default_factory=list)


class AskResponse(BaseModel):
    question: str
    answer: str
    refused: bool
    mode: str
    warnings: list[str]
    citations: list[Citation]
    nearest: list[dict]
    timings_ms: dict
    direct: Optional[dict] = Field(None, description="The verbatim span shown first: text, source, number, "
                                                     "section, section_path, kind, unit.")
    llm_note: str = ""     # why there is no lead: "" | busy | slow | unavailable | failed
    lead: str = ""         # the guarded lead above the quoted clause ("" = none)
    llm: dict = {}         # {model, prompt_tokens, completion_tokens, first_token_ms, total_ms} when an LLM took part


class UploadResponse(BaseModel):
    ok: bool
    name: str
    message: str
    chunks: int = 0
    report: dict = Field(default_factory=dict)


class RemoveResponse(BaseModel):
    removed: list[str]
    message: str


UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "pdf, docx, txt, md or html"}}}}}}}
