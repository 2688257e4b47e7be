"""`Embedder` adapters for the libraries that call back into it: LangChain's Embeddings and chromadb's
embedding function. Chroma always gets ours, so a collection is never embedded by its default model."""

from __future__ import annotations

from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LCEmbeddings

from ingest.embed import Embedder, EmbedderError


class LangChainEmbeddings(LCEmbeddings):
    """`langchain_core` Embeddings over an `Embedder` (query prompt for queries, document prompt else)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(list(texts))

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


# Embedders handed to ChromaEmbeddingFunction, by model_id: lets chromadb rebuild the function from
# a collection's persisted config (build_from_config) without loading a model a second time.
_CHROMA_EMBEDDERS: dict[str, Embedder] = {}


@register_embedding_function
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb 1.x embedding function over an `Embedder`.

    Implements name/get_config/build_from_config so chromadb treats it as a current (non-legacy)
    function and records it in the collection config; `embed_query` gives `query_texts` the query
    prompt. default_space is cosine: vectors are unit length, so distance = 1 - cosine.
    """

    def __init__(self, embedder: Embedder | None = None, model_id: str | None = None):
        self._embedder = embedder
        self.model_id = embedder.model_id if embedder is not None else model_id
        if embedder is not None:
            _CHROMA_EMBEDDERS[embedder.model_id] = embedder

    def _get(self) -> Embedder:
        emb = self._embedder or _CHROMA_EMBEDDERS.get(self.model_id or "")
        if emb is None:  # a collection opened without passing our function in a fresh process
            raise EmbedderError(f"no embedder loaded for {self.model_id!r}: pass ChromaEmbeddingFunction(embedder)")
        return emb

    def __call__(self, input: Documents) -> Embeddings:
        return [np.asarray(v, dtype=np.float32) for v in self._get().embed_documents(list(input))]

    def embed_query(self, input: Documents) -> Embeddings:
        emb = self._get()
        return [np.asarray(emb.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "hoidap"

    def get_config(self) -> dict[str, Any]:
        return {"model_id": self.model_id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "ChromaEmbeddingFunction":
        return ChromaEmbeddingFunction(model_id=config.get("model_id"))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "ip", "l2"]
