"""Small pure parts of the Telegram bot: formatting and splitting, access rules, rate limit, state,
upload file names, and keeping secrets out of the logs."""

from __future__ import annotations

import logging

import pytest

from bot.telegram.access import Access, RateLimiter, strip_mention
from bot.telegram.app import redact_secrets
from bot.telegram.format import (citation_label, esc, numbers_in, render_answer, render_clause, render_streaming,
                                 status_note)
from bot.telegram.split import LIMIT, split_html, utf16_len
from bot.telegram.state import HISTORY_TURNS, BotState
from bot.types import Answer, Hit
from bot.uploads import UploadError, safe_filename
from ingest.settings import Settings
from testkit.botapi_standin import parse_html


def hit(**kw) -> Hit:
    base = dict(chunk_id=1, doc_id=1, score=1.0, source="qd.docx", title="Quyết định về thi đua", number="12/2025/QĐ-UBND",
                issuer="UBND tỉnh", date="01/01/2025", section="Chương I › Điều 2. Tiêu chuẩn › Khoản 3 › Điểm b",
                text="b) Đạt 90 điểm trở lên.", status="")
    base.update(kw)
    return Hit(**base)


# -- formatting ----------------------------------------------------------------------------------
def test_citation_label_and_status():
    assert citation_label(hit()) == "12/2025/QĐ-UBND, Điều 2, Khoản 3, Điểm b"
    assert citation_label(hit(number="", section="Phần 2")) == "Quyết định về thi đua, Phần 2"
    assert citation_label(hit(number="", title="", section="")) == "qd.docx"
    assert status_note(hit(status="đang có hiệu lực (từ 01/01/2025)")) == ""
    assert status_note(hit(status="chưa có hiệu lực (có hiệu lực từ 01/07/2027)")).startswith("chưa có hiệu lực")


def test_everything_from_outside_is_escaped():
    evil = '<script>alert("x")</script> & <b>'
    ans = Answer("q", evil, False, [hit(number=evil, text=evil, status=evil)], warnings=[evil])
    for part in render_answer(ans) + render_clause(ans.citations[0], 1):
        plain, error = parse_html(part)
        assert not error and '<script>alert("x")</script> & <b>' in plain
    assert esc("a < b & c > d") == "a &lt; b &amp; c &gt; d"


def check_parts(parts: list[str], limit: int = LIMIT) -> str:
    plains = []
    for part in parts:
        assert utf16_len(part) <= limit
        plain, error = parse_html(part)
        assert not error, (error, part[:200])
        plains.append(plain)
    return "\n".join(plains)


def test_split_at_lines_keeps_every_line_whole():
    lines = [f"Dòng {i}: cá nhân đạt danh hiệu <Lao động tiên tiến> & có sáng kiến." for i in range(300)]
    parts = split_html(esc("\n".join(lines)))
    assert len(parts) > 1
    plain = check_parts(parts)
    assert plain.split("\n") == lines


def test_split_reopens_tags_across_the_cut():
    quote = " ".join(f"Câu số {i} nói về tiêu chuẩn thi đua." for i in range(400))  # one long line
    parts = split_html(f"<b>Tiêu đề</b>\n<blockquote>{esc(quote)}</blockquote>\n📄 Tệp: x.docx")
    assert len(parts) >= 2
    assert all(p.count("<blockquote>") == p.count("</blockquote>") for p in parts)
    assert parts[1].startswith("<blockquote>")
    plain = check_parts(parts)
    assert plain.replace("\n", " ").split() == f"Tiêu đề {quote} 📄 Tệp: x.docx".split()
    assert all(p.removesuffix("</blockquote>").endswith((".", "x.docx")) for p in parts)   # at sentence ends


def test_split_never_cuts_inside_an_entity_or_counts_emoji_wrong():
    word = "&amp;" * 3000 + "😀" * 3000     # no spaces, no line breaks at all
    parts = split_html(word)
    plain = check_parts(parts)
    assert plain.replace("\n", "") == "&" * 3000 + "😀" * 3000


def test_streaming_view_stays_under_the_limit():
    html = render_streaming("Theo [1] cá nhân & tập thể " * 600)
    assert utf16_len(html) <= LIMIT and not parse_html(html)[1]
    assert html.endswith("▌")


def test_strip_mention():
    assert strip_mention("@Hoidap_Bot  tiêu chuẩn CSTĐ?", "hoidap_bot") == "tiêu chuẩn CSTĐ?"


# -- access and rate limit -------------------------------------------------------------------------
def test_access_rules():
    a = Access(Settings(telegram_users=frozenset({1}), telegram_admins=frozenset({2}),
                        telegram_chats=frozenset({-5, 3})))
    assert a.allowed(1, 1, "private") and a.allowed(2, 2, "private") and a.allowed(3, 3, "private")
    assert not a.allowed(4, 4, "private")
    assert a.allowed(4, -5, "supergroup")          # a group allows its members
    assert not a.allowed(1, -6, "group")           # an allowed user in a group that is not allowed
    assert a.is_admin(2) and not a.is_admin(1)
    assert Access(Settings()).nobody_configured and not Access(Settings()).allowed(1, 1, "private")


def test_rate_limiter_window():
    rl = RateLimiter(per_minute=3)
    assert [rl.check(7, now=t)[0] for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert rl.check(7, now=3)[1] == pytest.approx(57)
    assert rl.check(8, now=3)[0]                   # per user
    assert rl.check(7, now=60.5)[0]                # the oldest left the window
    assert rl.should_warn(7, now=10) and not rl.should_warn(7, now=20) and rl.should_warn(7, now=71)
    assert all(RateLimiter(0).check(1)[0] for _ in range(100))


# -- state -----------------------------------------------------------------------------------------
def test_state_history_bounded_persisted_and_reset(tmp_path):
    state = BotState(tmp_path / "t.sqlite")
    for i in range(HISTORY_TURNS + 3):
        state.add_history(5, f"câu {i}")
    state.add_history(6, "khác")
    assert state.history(5) == [f"câu {i}" for i in range(3, HISTORY_TURNS + 3)]
    state.close()
    state = BotState(tmp_path / "t.sqlite")
    assert len(state.history(5)) == HISTORY_TURNS
    state.reset_history(5)
    assert state.history(5) == [] and state.history(6) == ["khác"]


def test_state_answers_feedback_refusals(tmp_path):
    state = BotState(tmp_path / "t.sqlite")
    aid = state.save_answer(5, 1, "hỏi", "đáp", "extractive", False, [hit()])
    state.save_answer(5, 1, "hỏi", "đáp mới", "generated", False, [hit(), hit(number="X")], answer_id=aid)
    record = state.answer(aid)
    assert record["answer"] == "đáp mới" and [h.number for h in record["citations"]] == ["12/2025/QĐ-UBND", "X"]
    assert state.add_feedback(aid, 1, 1) and state.add_feedback(aid, 1, -1) and not state.add_feedback(999, 1, 1)
    assert [(f["value"], f["answer"]) for f in state.feedback()] == [(-1, "đáp mới")]
    assert state.first_refusal(42, every=3600) and not state.first_refusal(42, every=3600)
    assert state.first_refusal(42, every=0)


# -- uploads and secrets -----------------------------------------------------------------------------
@pytest.mark.parametrize("raw,expected", [
    ("../../x.txt", "x.txt"), ("..\\..\\win.docx", "win.docx"), ("/etc/passwd", "passwd"),
    (".hidden.md", "hidden.md"), ("a\x00b<c>.pdf", "abc.pdf"), ("Quyết định số 12.docx", "Quyết định số 12.docx"),
])
def test_safe_upload_names(raw, expected):
    """Telegram uploads use the one policy of bot.uploads (the web's)."""
    assert safe_filename(raw) == expected


def test_long_and_empty_upload_names():
    assert len(safe_filename("x" * 300 + ".pdf")) <= 120 and safe_filename("x" * 300 + ".pdf").endswith(".pdf")
    for raw in ("", ".."):
        with pytest.raises(UploadError):
            safe_filename(raw)


def test_secrets_redacted_from_messages_and_tracebacks(caplog):
    token = "123456789:AAE-very-secret-token_value"
    redact_secrets(token)
    log = logging.getLogger("bot.telegram.test")
    with caplog.at_level(logging.INFO):
        log.info("POST https://api.telegram.org/bot%s/getMe", token)
        try:
            raise RuntimeError(f"failed https://api.telegram.org/bot{token}/sendMessage")
        except RuntimeError:
            log.exception("boom")
    text = caplog.text
    for record in caplog.records:
        text += logging.Formatter().format(record)
    assert token not in text and "bot***/getMe" in text and "bot***/sendMessage" in text


def test_streamed_text_hides_numbers_not_in_sources_and_prompt_markers():
    allowed = numbers_in("Đạt từ 90 điểm trở lên; 1.000.000 đồng; ngày 01/7/2026", "88 điểm")
    shown = render_streaming("Với 88 điểm [1] thì không đạt 90; thưởng 1000000 đồng, 2.500.000 nếu 15% "
                             "từ 1/7/2026 KHÔNG_CÓ_THÔNG_TIN", allowed)
    assert "88 điểm [1]" in shown and "đạt 90" in shown and "1000000" in shown and "1/7/2026" in shown
    assert "2.500.000" not in shown and "15%" not in shown and "… nếu …%" in shown
    assert "KHÔNG_CÓ_THÔNG_TIN" not in shown
