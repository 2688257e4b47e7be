"""Settings in one place: environment variables `HOIDAP_*` (and a few standard names), overridable by flags.

Tests build their own `Settings(...)`; the CLI calls `Settings.from_env(**flag_overrides)` once and
passes the object down. Secrets are plain strings here but never appear in `repr` or `describe()`.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

log = logging.getLogger(__name__)
SECRET_FIELDS = {"telegram_token", "llm_api_key", "web_secret", "webhook_secret"}


def _ids(value: str) -> frozenset[int]:
    out = set()
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if part:
            try:
                out.add(int(part))
            except ValueError as exc:
                raise ValueError(f"not a Telegram id: {part!r}") from exc
    return frozenset(out)


def _secret(env: dict, name: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (readable only by the service user)."""
    if env.get(name):
        return env[name].strip()
    path = env.get(name + "_FILE")
    if not path:
        return ""
    try:
        mode = Path(path).stat().st_mode
        value = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        # A ValueError, so every command reports it as a bad setting instead of a traceback (issue 8).
        raise ValueError(f"{name}_FILE={path!r} cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        # Issue 8: a secret file others can read defeats the point of keeping it out of the environment.
        log.warning("%s_FILE %s is open to other users (mode %o); make it readable only by the "
                    "service user: chmod 600 %s", name, path, stat.S_IMODE(mode), path)
    return value


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    models_dir: Path = Path.home() / ".cache" / "hoidap" / "models"
    embed_model: str = ""          # "" = EmbeddingGemma from models_dir; else a sentence-transformers path/hub id
    embed_backend: str = "auto"    # auto (onnx int8 when built) | onnx | torch
    llm: str = "auto"              # auto | local | none | an OpenAI-compatible base URL
    llm_model: str = ""            # model name sent to a remote server
    llm_api_key: str = ""
    llm_gguf: str = ""             # "" = the Qwen GGUF in models_dir
    llm_port: int = 0              # 0 = pick a free loopback port
    llm_timeout: float = 90.0      # seconds before falling back to the extractive answer
    llm_threads: int = 2
    chroma_url: str = ""           # "" = embedded persistent Chroma under data_dir
    # retrieval
    k: int = 10
    dense_weight: float = 1.0
    keyword_weight: float = 1.0
    # issue 18 item 3: the keyword list over small units (Khoản, Điểm, rows), each standing for its whole
    # clause, as a third list of the fusion. 0 (default: no gain on eval/dev) neither indexes nor searches
    # units; > 0 indexes them on the next `hoidap ingest` (each document re-parsed once, no re-embedding)
    unit_weight: float = 0.0
    refusal_threshold: float = 0.0  # 0 = the embedding model's calibrated value (bot/answering/refusal.py)
    llm_refuses: bool = False      # the LLM's "not in the sources" refuses (off: the local model was wrong 7 of 8)
    # limits on input files
    max_file_mb: float = 50.0
    max_pages: int = 2000
    max_chunks_per_doc: int = 5000
    # OCR of scans and photos (ingest/loaders/ocr.py)
    tesseract: str = "tesseract"   # the Tesseract command (Debian: tesseract-ocr tesseract-ocr-vie)
    ocr_lang: str = "vie"
    ocr_min_conf: float = 70.0     # a page below this mean word confidence is reported and marked
    ocr_timeout: float = 120.0     # seconds per page
    ocr_dpi: int = 300             # resolution scanned PDF pages are rendered at
    ocr_psm: int = 6               # Tesseract page segmentation mode (ingest/loaders/ocr.py says why 6)
    # telegram
    telegram_token: str = ""
    telegram_api_url: str = ""     # Bot API base URL; "" = Telegram's own
    telegram_users: frozenset[int] = field(default_factory=frozenset)
    telegram_chats: frozenset[int] = field(default_factory=frozenset)
    telegram_admins: frozenset[int] = field(default_factory=frozenset)
    rate_limit_per_minute: int = 10
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = ""
    # web
    web_secret: str = ""

    @classmethod
    def from_env(cls, env: dict | None = None, **overrides) -> "Settings":
        env = dict(os.environ if env is None else env)
        g = env.get
        kw: dict = {}
        if g("HOIDAP_DATA_DIR"):
            kw["data_dir"] = Path(g("HOIDAP_DATA_DIR"))
        if g("HOIDAP_MODELS_DIR"):
            kw["models_dir"] = Path(g("HOIDAP_MODELS_DIR"))
        simple = {
            "embed_model": "HOIDAP_EMBED_MODEL", "embed_backend": "HOIDAP_EMBED_BACKEND", "llm": "HOIDAP_LLM",
            "llm_model": "HOIDAP_LLM_MODEL", "llm_gguf": "HOIDAP_LLM_GGUF", "chroma_url": "HOIDAP_CHROMA_URL",
            "telegram_api_url": "HOIDAP_TELEGRAM_API_URL", "webhook_url": "HOIDAP_WEBHOOK_URL",
            "webhook_listen": "HOIDAP_WEBHOOK_LISTEN",
            "tesseract": "HOIDAP_TESSERACT", "ocr_lang": "HOIDAP_OCR_LANG",
        }
        for attr, name in simple.items():
            if g(name):
                kw[attr] = g(name).strip()
        numeric = {
            "llm_port": ("HOIDAP_LLM_PORT", int), "llm_timeout": ("HOIDAP_LLM_TIMEOUT", float),
            "llm_threads": ("HOIDAP_LLM_THREADS", int), "k": ("HOIDAP_K", int),
            "dense_weight": ("HOIDAP_DENSE_WEIGHT", float), "keyword_weight": ("HOIDAP_KEYWORD_WEIGHT", float),
            "unit_weight": ("HOIDAP_UNIT_WEIGHT", float),
            "refusal_threshold": ("HOIDAP_REFUSAL_THRESHOLD", float),
            "max_file_mb": ("HOIDAP_MAX_FILE_MB", float), "max_pages": ("HOIDAP_MAX_PAGES", int),
            "max_chunks_per_doc": ("HOIDAP_MAX_CHUNKS", int),
            "ocr_min_conf": ("HOIDAP_OCR_MIN_CONF", float), "ocr_timeout": ("HOIDAP_OCR_TIMEOUT", float),
            "ocr_dpi": ("HOIDAP_OCR_DPI", int), "ocr_psm": ("HOIDAP_OCR_PSM", int),
            "rate_limit_per_minute": ("HOIDAP_RATE_LIMIT", int), "webhook_port": ("HOIDAP_WEBHOOK_PORT", int),
        }
        for attr, (name, conv) in numeric.items():
            if g(name):
                try:
                    kw[attr] = conv(g(name))
                except ValueError as exc:
                    raise ValueError(f"{name}={g(name)!r} is not a number") from exc
        kw["llm_refuses"] = g("HOIDAP_LLM_REFUSES", "").strip().lower() in ("1", "true", "yes", "on")
        kw["telegram_users"] = _ids(g("HOIDAP_TELEGRAM_USERS", ""))
        kw["telegram_chats"] = _ids(g("HOIDAP_TELEGRAM_CHATS", ""))
        kw["telegram_admins"] = _ids(g("HOIDAP_TELEGRAM_ADMINS", ""))
        kw["telegram_token"] = _secret(env, "TELEGRAM_BOT_TOKEN")
        kw["llm_api_key"] = _secret(env, "HOIDAP_LLM_API_KEY")
        kw["web_secret"] = _secret(env, "HOIDAP_WEB_SECRET")
        kw["webhook_secret"] = _secret(env, "HOIDAP_WEBHOOK_SECRET")
        kw.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in kw:
            kw["data_dir"] = Path(kw["data_dir"])
        return cls(**kw)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    # -- derived paths -------------------------------------------------------------------------
    @property
    def embed_model_path(self) -> str:
        from ingest.models import EMBED_DIRNAME
        return self.embed_model or str(self.models_dir / EMBED_DIRNAME)

    @property
    def onnx_dir(self) -> Path:
        from ingest.models import ONNX_DIRNAME
        return self.models_dir / ONNX_DIRNAME

    @property
    def gguf_path(self) -> Path:
        from ingest.models import LLM_FILENAME
        return Path(self.llm_gguf) if self.llm_gguf else self.models_dir / LLM_FILENAME

    @property
    def llm_mode(self) -> str:
        """local | none | url: `auto` means local when the GGUF is present, else none."""
        if self.llm == "auto":
            return "local" if self.gguf_path.exists() else "none"
        if self.llm in ("local", "none"):
            return self.llm
        return "url"

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) pairs for `hoidap config`, secrets masked."""
        rows = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in SECRET_FIELDS:
                value = mask(value)
            elif isinstance(value, frozenset):
                value = ",".join(str(v) for v in sorted(value))
            rows.append((f.name, str(value)))
        rows.append(("llm_mode", self.llm_mode))
        return rows

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self.describe()) + ")"


def mask(secret: str) -> str:
    if not secret:
        return "(unset)"
    return "****** (set)"
