"""`Hoidap`: the one object the CLI, the Telegram bot and the web page share.

It owns the index (read side), the embedder and the LLM client, loaded once. All methods are
blocking and thread-safe; async callers use `await asyncio.to_thread(service.ask, ...)`.
"""

from __future__ import annotations

import threading
from typing import Callable

from bot.types import Answer, Hit
from ingest.settings import Settings


class Hoidap:
    def __init__(self, settings: Settings, embedder=None):
        """Open the index under settings.data_dir. `embedder` overrides the configured one (tests)."""
        self.settings = settings
        self._embedder = embedder
        self._lock = threading.RLock()
        self._index = None
        self._retriever = None
        self._llm = None

    # -- lazily loaded parts ---------------------------------------------------------------------
    @property
    def embedder(self):
        with self._lock:
            if self._embedder is None:
                from ingest.embed import load_embedder
                self._embedder = load_embedder(self.settings)
            return self._embedder

    @property
    def index(self):
        with self._lock:
            if self._index is None:
                from ingest.store import Index
                self._index = Index(self.settings, self.embedder)
            return self._index

    @property
    def retriever(self):
        with self._lock:
            if self._retriever is None:
                from bot.retrieve import HybridRetriever
                self._retriever = HybridRetriever(self.index, self.settings)
            return self._retriever

    def llm(self, mode: str | None = None):
        """The chat client for `mode` (local | none | URL); None when answering extractively."""
        from bot.llm import get_llm
        return get_llm(self.settings, mode)

    # -- reading ---------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, filters: dict | None = None,
               all_versions: bool = False) -> list[Hit]:
        """Hybrid search. filters: {"document": source or số hiệu, "issuer": str, "year": int}."""
        return self.retriever.search(query, k=k, filters=filters, all_versions=all_versions)

    def ask(self, question: str, history: list[str] | None = None, llm: str | None = None,
            all_versions: bool = False, filters: dict | None = None,
            on_extractive: Callable[[Answer], None] | None = None,
            on_token: Callable[[str], None] | None = None) -> Answer:
        """Answer a question with citations, or refuse.

        history: earlier user questions of this conversation (oldest first), for follow-ups.
        llm: local | none | an OpenAI-compatible URL; None = settings.llm.
        on_extractive: called once with the extractive answer as soon as it is ready (before the LLM).
        on_token: called with each generated text piece while the LLM streams.
        The returned Answer is final: generated (guarded) or extractive or refused.
        """
        from bot.answer import answer_question
        return answer_question(self, question, history=history or [], llm_mode=llm,
                               all_versions=all_versions, filters=filters,
                               on_extractive=on_extractive, on_token=on_token)

    def documents(self) -> list[dict]:
        """Indexed documents: {doc_id, source, title, number, doc_type, issuer, date, effective_date,
        n_chunks, secondary, status, relations}."""
        from bot.status import documents_with_status
        return documents_with_status(self.index)

    def document_chunks(self, doc_id: int) -> list[dict]:
        """All chunks of a document in order: {chunk_id, position, section, dieu, text}."""
        return self.index.document_chunks(doc_id)

    # -- writing ---------------------------------------------------------------------------------
    def ingest(self, paths: list, progress: Callable[[dict], None] | None = None, names: dict | None = None):
        """Ingest files or directories; returns an IngestReport. `names` maps a path to the
        display name to use as its source (uploads)."""
        from ingest.pipeline import ingest_paths
        with self._lock:
            report = ingest_paths(self.index, paths, settings=self.settings, progress=progress, names=names)
            self._retriever = None  # keyword index changed
            return report

    def remove(self, name: str) -> list[str]:
        """Remove the documents whose source name or path is `name`; returns the removed sources."""
        with self._lock:
            removed = self.index.remove(name)
            self._retriever = None
            return removed

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
