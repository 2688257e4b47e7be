"""Thin handlers: the access gate, commands, questions, buttons and the error handler.

Each handler reads what it needs from the update, calls the service (in a worker thread) or
`ask.answer_question`, and sends text made by `format`.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.telegram.access import GROUP_TYPES, addressed_to_bot, strip_mention
from bot.telegram.ask import answer_question
from bot.telegram.deps import REFUSAL_EVERY, deps
from bot.telegram.format import (answer_keyboard, esc, render_clause, render_documents, render_help,
                                 render_search)
from bot.telegram.stream import send_html

log = logging.getLogger(__name__)

SEARCH_K = 5
SORRY = "😔 Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Vui lòng thử lại sau."
NOT_ALLOWED_USER = ("Xin lỗi, bạn chưa được cấp quyền sử dụng trợ lý này. Nếu cần sử dụng, vui lòng gửi "
                    "mã người dùng của bạn (<code>{id}</code>) cho quản trị viên.")
NOT_ALLOWED_GROUP = ("Xin lỗi, nhóm này chưa được cấp quyền sử dụng trợ lý. Quản trị viên có thể cấp quyền "
                     "cho mã nhóm <code>{id}</code>.")
SLOW_DOWN = "🙂 Bạn hỏi hơi nhanh. Vui lòng đợi khoảng {s} giây rồi hỏi tiếp nhé."
USAGE_HOI = "Cách dùng: /hoi &lt;câu hỏi&gt;\nVí dụ: /hoi Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?"
USAGE_TIM = "Cách dùng: /tim &lt;từ khoá&gt;\nVí dụ: /tim chiến sĩ thi đua cơ sở"
EMPTY_QUESTION = "Bạn muốn hỏi gì? Hãy gõ câu hỏi, ví dụ: Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?"


def _reply_to(update: Update) -> int | None:
    """In groups the answer quotes the question, so that it is clear whom it answers."""
    msg = update.effective_message
    return msg.message_id if msg and update.effective_chat.type in GROUP_TYPES else None


async def say(update: Update, context: ContextTypes.DEFAULT_TYPE, parts: list[str] | str, markup=None) -> None:
    parts = [parts] if isinstance(parts, str) else parts
    await send_html(context.bot, update.effective_chat.id, parts, markup, _reply_to(update))


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop chatter not meant for the bot; refuse strangers once; let the rest through."""
    d = deps(context)
    msg, query = update.message, update.callback_query
    if msg is None and query is None:        # edits, channel posts, membership changes…
        raise ApplicationHandlerStop
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or (msg is not None and user.is_bot):
        raise ApplicationHandlerStop
    if msg is not None and not addressed_to_bot(msg, context.bot.id, context.bot.username):
        raise ApplicationHandlerStop
    if d.access.allowed(user.id, chat.id, chat.type):
        return
    log.info("refused user %s in chat %s (%s): not in the allowed users/chats", user.id, chat.id, chat.type)
    d.state.log("denied", user.id, chat.id)
    if query is not None:
        await query.answer()
    else:
        group = chat.type in GROUP_TYPES
        subject = chat.id if group else user.id
        if d.state.first_refusal(subject, REFUSAL_EVERY):
            text = (NOT_ALLOWED_GROUP if group else NOT_ALLOWED_USER).format(id=subject)
            await say(update, context, text)
    raise ApplicationHandlerStop


async def _within_rate_limit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    d = deps(context)
    user = update.effective_user
    ok, wait = d.limiter.check(user.id)
    if ok:
        return True
    d.state.log("rate_limited", user.id, update.effective_chat.id)
    if d.limiter.should_warn(user.id):
        await say(update, context, SLOW_DOWN.format(s=int(wait + 0.999)))
    return False


async def _ask(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    if not question.strip():
        await say(update, context, EMPTY_QUESTION)
        return
    if not await _within_rate_limit(update, context):
        return
    d = deps(context)
    chat_id = update.effective_chat.id
    async with d.chat_lock(chat_id):
        await answer_question(d, context.bot, chat_id, update.effective_user.id, question, _reply_to(update))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A question (any text in a private chat; in groups only when addressed, see `gate`)."""
    await _ask(update, context, strip_mention(update.message.text or "", context.bot.username))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have (private chats only; in groups it may be another bot's)."""
    await say(update, context, "Không có lệnh này. Gõ /help để xem cách dùng, hoặc gõ thẳng câu hỏi.")


async def hoi(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/hoi <câu hỏi>."""
    question = strip_mention(" ".join(context.args or []), context.bot.username)
    if not question:
        await say(update, context, USAGE_HOI)
        return
    await _ask(update, context, question)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greeting, how to ask, and the documents known."""
    await _help(update, context, greeting=True)


async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, and the documents known."""
    await _help(update, context, greeting=False)


async def _help(update: Update, context: ContextTypes.DEFAULT_TYPE, greeting: bool) -> None:
    d = deps(context)
    docs = await d.run(d.service.documents)
    await say(update, context, render_help(docs, d.access.is_admin(update.effective_user.id), greeting))


async def vanban(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vanban: the indexed documents."""
    d = deps(context)
    await say(update, context, render_documents(await d.run(d.service.documents)))


async def moi(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/moi: forget this chat's earlier questions."""
    deps(context).state.reset_history(update.effective_chat.id)
    await say(update, context, "🆕 Đã bắt đầu cuộc hỏi đáp mới. Mời bạn đặt câu hỏi.")


async def tim(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/tim <từ khoá>: matching clauses, without an answer."""
    query = " ".join(context.args or []).strip()
    if not query:
        await say(update, context, USAGE_TIM)
        return
    if not await _within_rate_limit(update, context):
        return
    d = deps(context)
    chat, user = update.effective_chat, update.effective_user
    hits = await d.run(d.service.search, query, k=SEARCH_K)
    answer_id = d.state.save_answer(chat.id, user.id, query, "", "search", not hits, hits)
    d.state.log("search", user.id, chat.id, detail=str(len(hits)))
    await say(update, context, render_search(query, hits),
              answer_keyboard(answer_id, len(hits), feedback=False, citations=hits))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Xem nguyên văn [n]' shows the clause; '📖 Căn cứ [n]' the law clause an article quotes;
    👍/👎 records feedback."""
    d = deps(context)
    query = update.callback_query
    kind, _, rest = (query.data or "").partition(":")
    try:
        answer_id, value, *more = (int(x) for x in rest.split(":"))
        if len(more) != (1 if kind == "law" else 0):
            raise ValueError(query.data)
    except ValueError:
        await query.answer()
        return
    record = d.state.answer(answer_id)
    # Buttons only ever refer to answers given in the same chat; anything else is forged data.
    if record is None or record["chat_id"] != update.effective_chat.id:
        await query.answer("Không còn thông tin về câu trả lời này.")
        return
    if kind == "fb" and value in (1, -1):
        d.state.add_feedback(answer_id, update.effective_user.id, value)
        await query.answer("Cảm ơn góp ý của bạn! 🙏")
    elif kind == "src" and 1 <= value <= len(record["citations"]):
        await query.answer()
        reply_to = query.message.message_id if query.message else None
        await send_html(context.bot, update.effective_chat.id,
                        render_clause(record["citations"][value - 1], value), reply_to=reply_to)
    elif kind == "law" and 1 <= value <= len(record["citations"]):
        await _show_basis(update, context, record["citations"][value - 1], value, more[0])
    else:
        await query.answer("Không còn thông tin về nguồn này.")


async def _show_basis(update: Update, context: ContextTypes.DEFAULT_TYPE, hit, n: int, j: int) -> None:
    """The indexed clause that citation [n]'s j-th legal basis names (issue 16)."""
    d = deps(context)
    query = update.callback_query
    refs = hit.basis_refs
    chunk_id = refs[j - 1].get("chunk_id") if 1 <= j <= len(refs) else None
    clause = await d.run(d.service.clause, int(chunk_id)) if chunk_id else None
    if clause is None:      # removed from the index since the answer was given
        await query.answer("Văn bản căn cứ này không còn trong hệ thống.")
        return
    await query.answer()
    heading = f"📖 <b>Căn cứ của [{n}]:</b> {esc(refs[j - 1].get('label', ''))}"
    reply_to = query.message.message_id if query.message else None
    await send_html(context.bot, update.effective_chat.id, render_clause(clause, n, heading), reply_to=reply_to)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback for the operator; tell the user briefly."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None or update.effective_user is None:
        return
    d = deps(context)
    chat, user = update.effective_chat, update.effective_user
    if not d.access.allowed(user.id, chat.id, chat.type):
        return
    try:
        d.state.log("error", user.id, chat.id, detail=type(context.error).__name__)
        if update.callback_query is not None:
            await update.callback_query.answer(SORRY[:190])
        else:
            await context.bot.send_message(chat.id, SORRY)
    except Exception as exc:  # the apology is best effort; the traceback is already logged
        log.warning("could not send the apology: %s", exc)

