"""The Chroma side of the index: one collection per embedding dimension, always with our embedding function
and telemetry off, searched with a fixed configuration. Vectors are content-addressed (vec_id), so the
registry (ingest/store.py) can write them before the transaction that makes a document live."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

log = logging.getLogger(__name__)

COLLECTION = "hoidap_chunks"  # + "_<dim>": models of different dimensions cannot share a collection


def vec_id(model_id: str, embed_text: str) -> str:
    return hashlib.sha1(f"{model_id}\0{embed_text}".encode("utf-8")).hexdigest()


def collection_name(embedder) -> str:
    return f"{COLLECTION}_{getattr(embedder, 'dim', 0) or 0}"


# A fixed vector search (issue 18: the same question gave a different top 5 in a new process).
# Chroma's local HNSW saves its graph only every `sync_threshold` writes; every process that opens
# the index re-inserts the vectors written since into its own copy of the graph, in a random order
# (a Rust HashMap, in parallel), so processes searched different graphs. Saving after every write
# (2 is the smallest value; a tail of one vector is inserted the same way everywhere) makes all
# processes search the graph on disk. search_ef 200 (default 100) against the 70 candidates
# retrieval asks for; the search stays approximate, so an index of up to EXACT_MAX_VECTORS is searched
# exactly instead (ingest/exact_search.py). `num_threads` plays no part in either.
HNSW_CONFIG = {"sync_threshold": 2, "ef_search": 200}


def open_chroma(settings, embedder):
    """The Chroma collection: embedded persistent client, or a server when HOIDAP_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest.embed_adapters import ChromaEmbeddingFunction

    cs = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse
        u = urlparse(settings.chroma_url)
        client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                     ssl=u.scheme == "https", settings=cs)
    else:
        client = chromadb.PersistentClient(path=str(Path(settings.data_dir) / "chroma"), settings=cs)
    # Our embedding function always: Chroma's default one would try to download a model.
    col = client.get_or_create_collection(
        collection_name(embedder), embedding_function=ChromaEmbeddingFunction(embedder),
        metadata={"hnsw:space": "cosine"})
    hnsw = (col.configuration_json or {}).get("hnsw") or {}
    if any(hnsw.get(k) != v for k, v in HNSW_CONFIG.items()):  # a new collection, or one made before
        try:
            col.modify(configuration={"hnsw": dict(HNSW_CONFIG)})
        except Exception as exc:  # e.g. a read-only data dir: search still works, as before
            log.warning("could not fix the vector search configuration of %s: %s", col.name, exc)
    return col
