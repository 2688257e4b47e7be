"""The bot's own state in SQLite (`data_dir/telegram.sqlite`): chat history, answers, feedback,
usage log and who has already been told they may not use the bot.

Every write is one short transaction in WAL mode, so a crash (even kill -9) in the middle of an
answer leaves the file consistent and loses at most that one answer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from bot.types import Hit

HISTORY_TURNS = 6             # earlier questions passed to the service for follow-ups
HISTORY_MAX_AGE = 2 * 3600    # a question older than this no longer counts as context (s)

SCHEMA = """
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, question TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS history_chat ON history (chat_id, id);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY, chat_id INTEGER, user_id INTEGER, question TEXT, answer TEXT,
    mode TEXT, refused INTEGER, citations TEXT, at REAL);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id INTEGER NOT NULL, user_id INTEGER NOT NULL, value INTEGER NOT NULL,
    question TEXT, answer TEXT, citations TEXT, at REAL,
    PRIMARY KEY (answer_id, user_id));
CREATE TABLE IF NOT EXISTS usage (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, user_id INTEGER, chat_id INTEGER,
    kind TEXT NOT NULL, ms INTEGER, detail TEXT);
CREATE INDEX IF NOT EXISTS usage_kind ON usage (kind, at);
CREATE TABLE IF NOT EXISTS refusals (user_id INTEGER PRIMARY KEY, at REAL NOT NULL);
"""


_ARTICLE_KEYS = ("kind", "published", "publisher", "basis", "basis_refs")   # issue 16


def hit_to_dict(hit: Hit) -> dict:
    return {k: getattr(hit, k) for k in ("chunk_id", "doc_id", "source", "title", "number", "issuer",
                                         "date", "section", "text", "status", *_ARTICLE_KEYS)}


def hit_from_dict(d: dict) -> Hit:
    return Hit(chunk_id=d.get("chunk_id", 0), doc_id=d.get("doc_id", 0), score=0.0,
               source=d.get("source", ""), title=d.get("title", ""), number=d.get("number", ""),
               issuer=d.get("issuer", ""), date=d.get("date", ""), section=d.get("section", ""),
               text=d.get("text", ""), status=d.get("status", ""),
               kind=d.get("kind", ""), published=d.get("published", ""), publisher=d.get("publisher", ""),
               basis=d.get("basis", ""), basis_refs=list(d.get("basis_refs") or []))


class BotState:
    """Thread-safe access to telegram.sqlite; calls are short and may be made from the event loop."""

    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _tx(self, statements: list[tuple[str, tuple]]) -> int | None:
        """Run statements in one transaction; returns the last row id."""
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                rowid = None
                for sql, args in statements:
                    cur.execute(sql, args)
                    rowid = rowid if sql.lstrip().upper().startswith("DELETE") else cur.lastrowid
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return rowid

    # -- history -----------------------------------------------------------------------------
    def history(self, chat_id: int) -> list[str]:
        """The chat's recent questions, oldest first."""
        rows = self._run("SELECT question FROM history WHERE chat_id=? AND at>=? ORDER BY id DESC LIMIT ?",
                         (chat_id, time.time() - HISTORY_MAX_AGE, HISTORY_TURNS))
        return [r[0] for r in reversed(rows)]

    def add_history(self, chat_id: int, question: str) -> None:
        self._tx([
            ("INSERT INTO history (chat_id, question, at) VALUES (?,?,?)", (chat_id, question, time.time())),
            ("DELETE FROM history WHERE chat_id=? AND id NOT IN "
             "(SELECT id FROM history WHERE chat_id=? ORDER BY id DESC LIMIT ?)",
             (chat_id, chat_id, HISTORY_TURNS)),
        ])

    def reset_history(self, chat_id: int) -> None:
        self._tx([("DELETE FROM history WHERE chat_id=?", (chat_id,))])

    # -- answers and feedback ----------------------------------------------------------------
    def save_answer(self, chat_id: int, user_id: int, question: str, answer: str, mode: str,
                    refused: bool, citations: list[Hit], answer_id: int | None = None) -> int:
        """Insert (or, with answer_id, replace) an answer; returns its id (used in button data)."""
        cits = json.dumps([hit_to_dict(h) for h in citations], ensure_ascii=False)
        if answer_id is None:
            return self._tx([("INSERT INTO answers (chat_id, user_id, question, answer, mode, refused, "
                              "citations, at) VALUES (?,?,?,?,?,?,?,?)",
                              (chat_id, user_id, question, answer, mode, int(refused), cits, time.time()))])
        self._tx([("UPDATE answers SET answer=?, mode=?, refused=?, citations=?, at=? WHERE id=?",
                   (answer, mode, int(refused), cits, time.time(), answer_id))])
        return answer_id

    def answer(self, answer_id: int) -> dict | None:
        rows = self._run("SELECT id, chat_id, user_id, question, answer, mode, refused, citations "
                         "FROM answers WHERE id=?", (answer_id,))
        if not rows:
            return None
        r = rows[0]
        return {"id": r[0], "chat_id": r[1], "user_id": r[2], "question": r[3], "answer": r[4],
                "mode": r[5], "refused": bool(r[6]), "citations": [hit_from_dict(d) for d in json.loads(r[7])]}

    def add_feedback(self, answer_id: int, user_id: int, value: int) -> bool:
        """Store 👍 (+1) or 👎 (-1) with the question, answer and sources; a second vote replaces the first."""
        rows = self._run("SELECT question, answer, citations FROM answers WHERE id=?", (answer_id,))
        if not rows:
            return False
        q, a, c = rows[0]
        self._tx([("INSERT OR REPLACE INTO feedback (answer_id, user_id, value, question, answer, citations, at) "
                   "VALUES (?,?,?,?,?,?,?)", (answer_id, user_id, value, q, a, c, time.time()))])
        return True

    def feedback(self) -> list[dict]:
        rows = self._run("SELECT answer_id, user_id, value, question, answer, citations FROM feedback ORDER BY at")
        return [{"answer_id": r[0], "user_id": r[1], "value": r[2], "question": r[3], "answer": r[4],
                 "citations": json.loads(r[5] or "[]")} for r in rows]

    # -- usage and refusals ------------------------------------------------------------------
    def log(self, kind: str, user_id: int | None, chat_id: int | None, ms: int | None = None,
            detail: str = "") -> None:
        self._tx([("INSERT INTO usage (at, user_id, chat_id, kind, ms, detail) VALUES (?,?,?,?,?,?)",
                   (time.time(), user_id, chat_id, kind, ms, detail))])

    def first_refusal(self, user_id: int, every: float) -> bool:
        """True when `user_id` has not been refused within the last `every` seconds (and records it)."""
        now = time.time()
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                row = cur.execute("SELECT at FROM refusals WHERE user_id=?", (user_id,)).fetchone()
                fresh = row is None or now - row[0] >= every
                if fresh:
                    cur.execute("INSERT OR REPLACE INTO refusals (user_id, at) VALUES (?,?)", (user_id, now))
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return fresh

    def stats(self, since: float) -> dict:
        """Counts for /thongke: all time and since `since` (epoch seconds)."""
        def count(kind: str, after: float = 0.0) -> int:
            return self._run("SELECT COUNT(*) FROM usage WHERE kind=? AND at>=?", (kind, after))[0][0]

        ms = [r[0] for r in self._run("SELECT ms FROM usage WHERE kind='ask' AND ms IS NOT NULL ORDER BY ms")]
        fb = dict(self._run("SELECT value, COUNT(*) FROM feedback GROUP BY value"))
        return {
            "questions": count("ask"), "questions_recent": count("ask", since),
            "searches": count("search"), "users": self._run(
                "SELECT COUNT(DISTINCT user_id) FROM usage WHERE kind IN ('ask','search')")[0][0],
            "refused_users": count("denied"), "rate_limited": count("rate_limited"),
            "errors": count("error"), "uploads": count("upload"),
            "thumbs_up": fb.get(1, 0), "thumbs_down": fb.get(-1, 0),
            "median_ms": ms[len(ms) // 2] if ms else None,
        }
