"""`Hoidap`: the one service the CLI, the Telegram bot and the web page share; it owns every use case.

ask, search, ingest, upload, remove and documents (list) each return structured results; the faces
only translate their input and render these. It owns the index (read and write side), the embedder
and the LLM client, loaded once. All methods are blocking and thread-safe; async callers use
`await asyncio.to_thread(service.ask, ...)`.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable

from bot import uploads
from bot.answering.answer import AnswerSetup, answer_question
from bot.answering.lead import NOTES, add_lead, warm_prefix
from bot.answering.llm import LLMUnavailable, get_llm
from bot.answering.refusal import THRESHOLD
from bot.answering.retrieve import HybridRetriever
from bot.answering.status import documents_with_status
from bot.types import Answer, Hit
from bot.uploads import RemoveResult, UploadResult
from ingest.embed import load_embedder
from ingest.pipeline import IngestReport, ingest_paths
from ingest.settings import Settings
from ingest.store import Index

log = logging.getLogger(__name__)


class Hoidap:
    def __init__(self, settings: Settings, embedder=None):
        """Open the index under settings.data_dir. `embedder` overrides the configured one (tests)."""
        self.settings = settings
        self._embedder = embedder
        self._lock = threading.RLock()
        self._index = None
        self._retriever = None

    # -- lazily loaded parts ---------------------------------------------------------------------
    @property
    def embedder(self):
        with self._lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings)
            return self._embedder

    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index = Index(self.settings, self.embedder)
            return self._index

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = HybridRetriever(self.index, self.settings)
            return self._retriever

    def llm(self, mode: str | None = None):
        """The chat client for `mode` (local | none | URL); None when answering extractively."""
        return get_llm(self.settings, mode)

    def warm_up(self, llm: str | None = None) -> None:
        """Load the index and the embedder, then start the LLM with its fixed prompt cached, so the
        first question is not the slow one. Every face calls it at start-up, in the background."""
        try:
            self.search("khen thưởng", k=1)
        except Exception:   # an empty index is fine here; real errors show up on real questions
            log.info("warm-up search failed", exc_info=True)
        self.warm_llm(llm)

    def warm_llm(self, llm: str | None = None) -> None:
        try:
            client = self.llm(llm)
            if client is not None:
                warm_prefix(client)
        except Exception as exc:   # the first question says so (llm_note), in Vietnamese
            log.info("LLM warm-up failed: %s", exc)

    def has_index(self) -> bool:
        return (Path(self.settings.data_dir) / "hoidap.sqlite").exists()

    @property
    def refusal_threshold(self) -> float:
        """Per-model calibration: settings override, else the embedder's own, else EmbeddingGemma's."""
        return self.settings.refusal_threshold or getattr(self.embedder, "refusal_threshold", THRESHOLD)

    # -- reading ---------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, filters: dict | None = None,
               all_versions: bool = False, mode: str = "hybrid") -> list[Hit]:
        """Hybrid search. filters: {"document": source or số hiệu, "issuer": str, "year": int}."""
        return self.retriever.search(query, k=k, filters=filters, all_versions=all_versions, mode=mode)

    def as_langchain_retriever(self, k: int = 10):
        """A LangChain BaseRetriever over this service's search (Documents carry the Hit as metadata)."""
        from langchain_core.callbacks import CallbackManagerForRetrieverRun
        from langchain_core.documents import Document
        from langchain_core.retrievers import BaseRetriever

        class HoidapRetriever(BaseRetriever):
            svc: Any
            k: int = 10
            filters: dict | None = None

            def _get_relevant_documents(self, query: str, *,
                                        run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
                return [Document(page_content=h.text, metadata=h.to_dict())
                        for h in self.svc.search(query, k=self.k, filters=self.filters)]

        return HoidapRetriever(svc=self, k=k)

    def ask(self, question: str, history: list[str] | None = None, llm: str | None = None,
            all_versions: bool = False, filters: dict | None = None,
            on_extractive: Callable[[Answer], None] | None = None,
            on_token: Callable[[str], None] | None = None) -> Answer:
        """Answer a question with citations, or refuse. The same flow for every face:

        1. the extractive cited answer, handed to `on_extractive` as soon as it is made (about a
           second after retrieval);
        2. then, when an LLM is configured, a lead of at most three sentences streamed through
           `on_token` and, if the guard passes it, put above the unchanged quoted clause.

        history: earlier user questions of this conversation (oldest first), for follow-ups.
        llm: local | none | an OpenAI-compatible URL; None = settings.llm.
        The returned Answer is final. A busy, slow, absent or failing LLM never raises: the
        extractive answer comes back with `llm_note` = busy | slow | unavailable | failed, for the
        face to say in one quiet line (bot.answering.lead.NOTES).
        """
        mode = llm or self.settings.llm
        history = history or []

        def lead(ext: Answer, hits: list[Hit], support: float) -> Answer:
            if mode == "none" or (mode == "auto" and self.settings.llm_mode == "none"):
                return ext
            try:
                client = self.llm(mode)
            except LLMUnavailable as exc:
                log.warning("LLM unavailable, the extractive answer stands: %s", exc)
                ext.llm_note = "unavailable"
                ext.warnings.append(NOTES["unavailable"].strip("()"))
                return ext
            if client is None:
                return ext
            return add_lead(ext, hits, client, question=ext.question, history=history,
                            retriever=self.retriever, settings=self.settings, support=support,
                            on_token=on_token)

        setup = AnswerSetup(retriever=self.retriever, settings=self.settings,
                            threshold=self.refusal_threshold, lead=lead)
        return answer_question(setup, question, history=history, all_versions=all_versions,
                               filters=filters, on_extractive=on_extractive)

    def documents(self) -> list[dict]:
        """Indexed documents: {doc_id, source, title, number, doc_type, issuer, date, effective_date,
        n_chunks, secondary, status, relations, kind, published, publisher}; an article's title is its
        headline and its date the publication date."""
        return documents_with_status(self.index)

    def clause(self, chunk_id: int) -> Hit | None:
        """One indexed clause as a Hit (e.g. the law clause an article's legal basis links to)."""
        return self.retriever.clause(chunk_id)

    def document_chunks(self, doc_id: int) -> list[dict]:
        """All chunks of a document in order: {chunk_id, position, section, section_path, dieu, text}."""
        return self.index.document_chunks(doc_id)

    # -- writing ---------------------------------------------------------------------------------
    def ingest(self, paths: list, progress: Callable[[dict], None] | None = None, names: dict | None = None,
               exclude: tuple[str, ...] = (), show_bar: bool = False,
               follow_external_symlinks: bool = False) -> IngestReport:
        """Ingest files or directories; returns an IngestReport. `names` maps a path to the
        display name to use as its source (uploads)."""
        with self._lock:
            try:
                return ingest_paths(self.index, paths, settings=self.settings, progress=progress, names=names,
                                    exclude=exclude, show_bar=show_bar,
                                    follow_external_symlinks=follow_external_symlinks)
            finally:
                self._retriever = None  # keyword index changed

    def staging_path(self, name: str) -> Path:
        """Where a face writes the bytes of an upload named `name` before calling `upload`."""
        return uploads.staging_path(self.settings.data_dir, name)

    def upload(self, staged: Path, name: str, progress: Callable[[dict], None] | None = None) -> UploadResult:
        """Ingest an upload a face has staged (at staging_path(name)) under the kept name `name`
        (bot.uploads.clean_upload_name). The uploads folder and the index change only if it was taken."""
        with self._lock:  # one upload at a time: two of the same name must not swap files under each other
            return uploads.swap_in_and_ingest(
                self.settings.data_dir, Path(staged), name,
                lambda path, shown: self.ingest([path], progress=progress, names={str(path): shown}))

    def remove(self, name: str) -> RemoveResult:
        """Remove the documents whose source name, path or số hiệu is `name`, and their uploaded copies."""
        with self._lock:
            paths = [d.path for d in self.index.find_documents(name)]
            removed = self.index.remove(name)
            self._retriever = None
            return RemoveResult(removed=removed, copies_deleted=uploads.delete_copies(self.settings.data_dir, paths))

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
