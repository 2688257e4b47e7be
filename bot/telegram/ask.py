"""Answering one question in a chat: typing at once, the extractive answer as soon as it is ready,
then the generated answer streamed into the same message, a busy note when the service answered
extractively because the generator was busy, and an apology (plus the extractive answer if it came)
when something fails. No question is ever asked twice.

The service is blocking and calls `on_extractive` / `on_token` from its worker thread; those calls
are handed to the event loop through a queue, and edits are throttled by `LiveReply`.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Bot
from telegram.constants import ChatAction

from bot.telegram.deps import Deps
from bot.telegram.format import answer_keyboard, esc, numbers_in, render_answer, render_streaming
from bot.telegram.split import LIMIT, utf16_len
from bot.telegram.stream import LiveReply, send_html

log = logging.getLogger(__name__)

BUSY = "⏳ Hệ thống đang bận, vui lòng thử lại sau ít phút."
SORRY = "😔 Xin lỗi, hệ thống gặp sự cố khi trả lời câu hỏi này."
FALLBACK_NOTE = "Dưới đây là đoạn trích phù hợp nhất tìm được trong tài liệu:"
TYPING_EVERY = 4.5  # Telegram shows "typing…" for about 5 s


class _LocalBusy(Exception):
    """Stands in for bot.answering.llm.LLMBusy until (or unless) that module exists."""


def busy_errors() -> tuple[type[BaseException], ...]:
    try:
        from bot.answering.llm import LLMBusy
        return (LLMBusy,)
    except Exception:  # module missing or failing to import: nothing can raise it then
        return (_LocalBusy,)


async def _keep_typing(bot: Bot, chat_id: int) -> None:
    while True:
        await asyncio.sleep(TYPING_EVERY)
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        except Exception as exc:  # typing is cosmetic; never let it end the answer
            log.debug("typing action failed: %s", exc)


async def answer_question(deps: Deps, bot: Bot, chat_id: int, user_id: int, question: str,
                          reply_to: int | None = None) -> None:
    """Answer `question` in `chat_id`, using and then extending the chat's history."""
    loop = asyncio.get_running_loop()
    events: asyncio.Queue = asyncio.Queue()
    history = deps.state.history(chat_id)
    started = time.monotonic()

    def on_extractive(answer):
        loop.call_soon_threadsafe(events.put_nowait, ("extractive", answer))

    def on_token(piece):
        loop.call_soon_threadsafe(events.put_nowait, ("token", piece))

    job = deps.run(deps.service.ask, question, history=history,
                   on_extractive=on_extractive, on_token=on_token)
    job.add_done_callback(lambda _: events.put_nowait(("done", None)))
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except Exception as exc:
        log.debug("typing action failed: %s", exc)
    typing = asyncio.create_task(_keep_typing(bot, chat_id))

    live = LiveReply(bot, chat_id, reply_to, interval=deps.edit_interval)
    answer_id, extractive, generated, pending, keyboard = None, None, "", False, None
    allowed = numbers_in(question)  # numbers the streamed text may show before the guard has run
    try:
        while True:
            try:
                kind, payload = await asyncio.wait_for(events.get(), live.wait_time() if pending else None)
            except TimeoutError:
                await live.show(_interim(generated, allowed, extractive), keyboard)
                pending = False
                continue
            if kind == "extractive":
                extractive = payload
                answer_id = deps.state.save_answer(chat_id, user_id, question, payload.answer, payload.mode,
                                                   payload.refused, payload.citations)
                keyboard = answer_keyboard(answer_id, len(payload.citations), citations=payload.citations)
                allowed |= numbers_in(*(h.text + "\n" + h.context for h in payload.citations))
                await live.show(render_answer(payload)[0], keyboard)
            elif kind == "token":
                generated += payload
                pending = True
                if live.ready():
                    await live.show(_interim(generated, allowed, extractive), keyboard)
                    pending = False
            else:
                break
        try:
            final = job.result()
        except Exception as exc:
            await _failed(deps, live, exc, chat_id, user_id, extractive, answer_id, question)
            return
        if final.llm_note == "busy":   # the service answered extractively: say the generator is busy
            await _busy(deps, live, chat_id, user_id, question, final, answer_id)
            return
        if not final.refused:
            deps.state.add_history(chat_id, question)
        answer_id = deps.state.save_answer(chat_id, user_id, question, final.answer, final.mode,
                                           final.refused, final.citations, answer_id=answer_id)
        await live.finish(render_answer(final), answer_keyboard(answer_id, len(final.citations), citations=final.citations))
        deps.state.log("ask", user_id, chat_id, int((time.monotonic() - started) * 1000), final.mode)
    finally:
        typing.cancel()


def _interim(generated: str, allowed: set[str], extractive) -> str:
    """The lead being written, above the extractive answer already shown (which stays on screen)."""
    lead = render_streaming(generated, allowed)
    if extractive is None:
        return lead
    both = f"{lead}\n\n{render_answer(extractive)[0]}"
    return both if utf16_len(both) <= LIMIT else lead


async def _busy(deps: Deps, live: LiveReply, chat_id: int, user_id: int, question: str, answer,
                answer_id: int | None) -> None:
    log.warning("LLM queue full; answered chat %s extractively", chat_id)
    deps.state.log("busy", user_id, chat_id, detail="LLMBusy")
    await _finish_with_note(deps, live, BUSY, chat_id, user_id, question, answer, answer_id)


async def _failed(deps: Deps, live: LiveReply, exc: Exception, chat_id: int, user_id: int, extractive,
                  answer_id: int | None, question: str) -> None:
    """Broken: say so briefly, with the extractive answer if it was made before the failure."""
    log.error("answering a question in chat %s failed", chat_id, exc_info=exc)
    deps.state.log("error", user_id, chat_id, detail=type(exc).__name__)
    await _finish_with_note(deps, live, SORRY, chat_id, user_id, question, extractive, answer_id)


async def _finish_with_note(deps: Deps, live: LiveReply, note: str, chat_id: int, user_id: int, question: str,
                            fallback, answer_id: int | None) -> None:
    if fallback is None:
        await live.finish([esc(note)])
        return
    answer_id = deps.state.save_answer(chat_id, user_id, question, fallback.answer, fallback.mode,
                                       fallback.refused, fallback.citations, answer_id=answer_id)
    prefix = f"{esc(note)}\n<i>{esc(FALLBACK_NOTE)}</i>" if not fallback.refused else esc(note)
    await live.finish(render_answer(fallback, prefix=prefix), answer_keyboard(answer_id, len(fallback.citations), citations=fallback.citations))
