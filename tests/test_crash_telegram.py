"""kill -9 of the real `hoidap telegram` process while it answers (issue 8), for real.

The bot runs as the service runs it (real models, long polling against the stand-in Bot API) with
a slow OpenAI-compatible LLM, so there is time to kill it in the middle of an answer: once while it
retrieves (right after "typing…"), once while the generated answer streams into the message. After
each kill: telegram.sqlite passes integrity_check and its rows are well-formed, the index is
byte-for-byte the same registry, and a restarted bot answers again, with the chat's history intact.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testkit.fake_llm import LLM_MARKER, FakeLLMServer
from testkit.botapi_standin import BotApiStandin

pytestmark = pytest.mark.models
ROOT = Path(__file__).resolve().parent.parent
HOIDAP = Path(sys.executable).parent / "hoidap"
BASE = Path(__file__).parent / "data" / "hostile" / "qd-21-2025-an-hoa.txt"
USER = 8801
Q1 = "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?"
Q2 = "Hồ sơ đề nghị khen thưởng gồm những gì?"
Q3 = "Tập thể lao động tiên tiến cần những điều kiện gì?"
# ~100 words: at 0.3 s a word, half a minute of streaming to be killed in (0.01 s when not needed)
SLOW_REPLY = ("Theo nguồn [1], " + LLM_MARKER + ". " + "Cán bộ cần đọc kỹ điều khoản được trích dẫn [1]. " * 12).strip()


def env_for(api: BotApiStandin, data: Path, llm: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOIDAP_", "TELEGRAM_"))}
    env.update(HOIDAP_DATA_DIR=str(data), OPENBLAS_NUM_THREADS="1", TELEGRAM_BOT_TOKEN=api.token,
               HOIDAP_TELEGRAM_API_URL=api.url, HOIDAP_TELEGRAM_USERS=str(USER), HOIDAP_RATE_LIMIT="0",
               HOIDAP_LLM=llm, HOIDAP_LLM_TIMEOUT="300")
    return env


def start_bot(env: dict, log: Path) -> subprocess.Popen:
    with open(log, "a", encoding="utf-8") as out:
        return subprocess.Popen([str(HOIDAP), "telegram"], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def wait(predicate, timeout: float, proc: subprocess.Popen | None = None, what: str = ""):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the bot exited ({proc.returncode}) while waiting for {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def kill9(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL


def registry(data: Path) -> list:
    db = sqlite3.connect(data / "hoidap.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (db.execute("SELECT path, source, content_hash, n_chunks FROM documents ORDER BY path").fetchall()
                + db.execute("SELECT chunk_id, doc_id, position, text, vec_id FROM chunks ORDER BY chunk_id").fetchall())
    finally:
        db.close()


def bot_state(data: Path) -> dict:
    """telegram.sqlite after a crash: consistent, and every row one the bot could have written."""
    db = sqlite3.connect(data / "telegram.sqlite")   # opening it replays or discards the WAL as SQLite does
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        history = db.execute("SELECT chat_id, question, at FROM history ORDER BY id").fetchall()
        answers = db.execute("SELECT id, chat_id, user_id, question, answer, mode, refused, citations FROM answers "
                             "ORDER BY id").fetchall()
        feedback = db.execute("SELECT answer_id, user_id, value FROM feedback").fetchall()
        usage = db.execute("SELECT kind, user_id, chat_id FROM usage").fetchall()
    finally:
        db.close()
    for chat_id, question, at in history:
        assert chat_id == USER and question.strip() and at > 0
    ids = set()
    for id_, chat_id, user_id, question, answer, mode, refused, citations in answers:
        ids.add(id_)
        assert chat_id == USER and user_id == USER and question.strip()
        assert mode in ("extractive", "generated", "refused", "search") and refused in (0, 1)
        cites = json.loads(citations)
        assert isinstance(cites, list) and all({"source", "number", "section", "text"} <= set(c) for c in cites)
        assert answer.strip() or mode == "search"
    for answer_id, user_id, value in feedback:
        assert answer_id in ids and user_id == USER and value in (1, -1)
    assert all(kind and user_id in (USER, None) for kind, user_id, _ in usage)
    return {"history": [h[1] for h in history], "answers": answers, "feedback": feedback}


def test_kill_9_while_answering_then_restart(tmp_path, models_available):
    data = tmp_path / "data"
    log = tmp_path / "bot.log"
    ingest = subprocess.run([str(HOIDAP), "ingest", str(BASE)], cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "HOIDAP_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1"})
    assert ingest.returncode == 0, ingest.stderr
    index_before = registry(data)

    with BotApiStandin() as api, FakeLLMServer(reply=SLOW_REPLY, token_delay=0.01) as llm:
        env = env_for(api, data, llm.url)

        def answered(n):
            texts = api.texts(USER)
            return len(texts) >= n and LLM_MARKER in texts[-1] and "Đang soạn" not in texts[-1]

        # A first, complete answer (with feedback), so the state has rows the crash must not damage.
        bot = start_bot(env, log)
        try:
            api.send_text(USER, Q1)
            wait(lambda: answered(1), 300, bot, "the first answer")
            api.press_button(USER, api.bot_messages(USER)[-1], dict(api.buttons(api.bot_messages(USER)[-1]))["👍"])
            wait(lambda: api.calls_of("answerCallbackQuery"), 60, bot, "the feedback")

            # Kill 1: while it retrieves (typing… sent, nothing answered yet).
            typing = len(api.calls_of("sendChatAction"))
            n = len(api.bot_messages(USER))
            api.send_text(USER, Q2)
            wait(lambda: len(api.calls_of("sendChatAction")) > typing, 60, bot, "typing…")
            kill9(bot)
        finally:
            if bot.poll() is None:
                bot.kill()
        after_first = bot_state(data)
        assert registry(data) == index_before
        assert after_first["history"] == [Q1] and len(after_first["feedback"]) == 1

        # Restart: it answers again (the interrupted update was already fetched; the user asks anew).
        bot = start_bot(env, log)
        try:
            n = len(api.bot_messages(USER))
            api.send_text(USER, Q2)
            wait(lambda: len(api.bot_messages(USER)) > n and answered(n + 1), 300, bot, "an answer after restart")

            # Kill 2: while the generated answer streams into the message (slowly, now).
            llm.token_delay = 0.3
            n = len(api.bot_messages(USER))
            api.send_text(USER, Q3)
            wait(lambda: len(api.bot_messages(USER)) > n and "Đang soạn câu trả lời" in api.texts(USER)[-1],
                 120, bot, "the answer streaming")
            served = len(llm.requests)
            kill9(bot)
        finally:
            if bot.poll() is None:
                bot.kill()
        llm.token_delay = 0.01
        state = bot_state(data)
        assert registry(data) == index_before
        assert state["history"] == [Q1, Q2]                    # the interrupted question is not context
        interrupted = [a for a in state["answers"] if a[3] == Q3]
        assert len(interrupted) == 1 and interrupted[0][5] == "extractive"   # its quick answer was kept
        assert "Tập thể lao động tiên tiến" in interrupted[0][4]
        assert served >= 2

        # And once more: the bot comes back and answers, with the follow-up context it had.
        bot = start_bot(env, log)
        try:
            n = len(api.bot_messages(USER))
            api.send_text(USER, Q3)
            wait(lambda: len(api.bot_messages(USER)) > n and answered(n + 1), 300, bot, "an answer after the second restart")
        finally:
            bot.send_signal(signal.SIGTERM)
            code = bot.wait(60)
    assert code == 0
    final = bot_state(data)
    assert final["history"] == [Q1, Q2, Q3]
    assert registry(data) == index_before
    text = log.read_text(encoding="utf-8", errors="replace")
    assert api.token not in text and api.token.split(":")[1] not in text
