"""Sending HTML replies, and a reply that is shown early and then edited in place while it grows.

Telegram limits how often a message may be edited; `LiveReply` edits at most once per `interval`
seconds and, when the server answers 429 (RetryAfter, after the application's rate limiter has
already retried), waits out `retry_after` before the next edit instead of hammering it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
FINAL_TRIES = 4


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that retry_after becomes a timedelta; accept both
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


async def send_html(bot: Bot, chat_id: int, parts: list[str], markup: InlineKeyboardMarkup | None = None,
                    reply_to: int | None = None) -> list[int]:
    """Send `parts` as consecutive messages (the keyboard goes on the last one); returns message ids."""
    ids = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        msg = await _obeying_retry_after(lambda p=part, m=(markup if last else None), r=(reply_to if i == 0 else None):
                                         bot.send_message(chat_id, p, parse_mode=ParseMode.HTML,
                                                          reply_markup=m, link_preview_options=NO_PREVIEW,
                                                          reply_parameters=_reply(r)))
        ids.append(msg.message_id)
    return ids


def _reply(message_id: int | None) -> ReplyParameters | None:
    if message_id is None:
        return None
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True)


async def _obeying_retry_after(call, tries: int = FINAL_TRIES):
    for attempt in range(tries):
        try:
            return await call()
        except RetryAfter as exc:
            if attempt == tries - 1:
                raise
            wait = _seconds(exc)
            log.info("Telegram asked to wait %.1f s (429)", wait)
            await asyncio.sleep(wait + 0.1)


class LiveReply:
    """One answer on screen: sent at the first `show`, then edited (throttled) until `finish`."""

    def __init__(self, bot: Bot, chat_id: int, reply_to: int | None = None, interval: float = 1.0):
        self.bot, self.chat_id, self.reply_to, self.interval = bot, chat_id, reply_to, interval
        self.message_id: int | None = None
        self._shown: tuple[str, object] | None = None
        self._next_edit = 0.0

    @property
    def sent(self) -> bool:
        return self.message_id is not None

    def ready(self) -> bool:
        """May an interim edit be made now?"""
        return time.monotonic() >= self._next_edit

    def wait_time(self) -> float:
        return max(0.0, self._next_edit - time.monotonic())

    async def show(self, html: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Interim content: skipped (not queued) when Telegram asks us to slow down."""
        try:
            await self._put(html, markup)
        except RetryAfter as exc:
            self._next_edit = time.monotonic() + _seconds(exc) + 0.1
        except BadRequest as exc:
            log.warning("interim edit failed: %s", exc)

    async def finish(self, parts: list[str], markup: InlineKeyboardMarkup | None = None) -> list[int]:
        """Final content: the first part replaces the live message, the rest follow as new messages."""
        if not parts:
            return []
        if not self.sent:
            ids = await send_html(self.bot, self.chat_id, parts, markup, self.reply_to)
            self.message_id = ids[0]
            return ids
        first_markup = markup if len(parts) == 1 else None
        if not self._same(parts[0], first_markup):
            await asyncio.sleep(self.wait_time())
            await _obeying_retry_after(lambda: self._put(parts[0], first_markup))
        rest = await send_html(self.bot, self.chat_id, parts[1:], markup) if len(parts) > 1 else []
        return [self.message_id] + rest

    @staticmethod
    def _key(html: str, markup) -> tuple[str, str | None]:
        return html, (markup.to_json() if markup else None)

    def _same(self, html: str, markup) -> bool:
        return self._key(html, markup) == self._shown

    async def _put(self, html: str, markup) -> None:
        key = self._key(html, markup)
        if key == self._shown:
            return
        if self.message_id is None:
            msg = await self.bot.send_message(self.chat_id, html, parse_mode=ParseMode.HTML, reply_markup=markup,
                                              link_preview_options=NO_PREVIEW,
                                              reply_parameters=_reply(self.reply_to))
            self.message_id = msg.message_id
        else:
            try:
                await self.bot.edit_message_text(html, chat_id=self.chat_id, message_id=self.message_id,
                                                 parse_mode=ParseMode.HTML, reply_markup=markup,
                                                 link_preview_options=NO_PREVIEW)
            except BadRequest as exc:
                if "not modified" not in str(exc).lower():
                    raise
        self._shown = key
        self._next_edit = time.monotonic() + self.interval
