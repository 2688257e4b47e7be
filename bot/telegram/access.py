"""Who may talk to the bot, whether a group message is meant for it, and the per-user rate limit.

Rules (from Settings, ids as Telegram gives them):
- private chat: the user is in telegram_users or telegram_admins, or the chat id is in telegram_chats;
- group: the group's chat id is in telegram_chats (a group allows its members). An allowed user in a
  group that is not allowed is refused too: everyone in that group would read the answer.
Nothing configured means nobody is allowed; the refusal tells the user their id so that an admin can
add it.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque

from telegram import Message, MessageEntity
from telegram.constants import ChatType

from ingest.settings import Settings

GROUP_TYPES = {ChatType.GROUP, ChatType.SUPERGROUP}


class Access:
    def __init__(self, settings: Settings):
        self.users = frozenset(settings.telegram_users)
        self.chats = frozenset(settings.telegram_chats)
        self.admins = frozenset(settings.telegram_admins)

    @property
    def nobody_configured(self) -> bool:
        return not (self.users or self.chats or self.admins)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def allowed(self, user_id: int | None, chat_id: int | None, chat_type: str | None) -> bool:
        if chat_type in GROUP_TYPES or chat_type == ChatType.CHANNEL:
            return chat_id in self.chats
        if user_id is None:
            return False
        return user_id in self.users or user_id in self.admins or chat_id in self.chats


def addressed_to_bot(message: Message, bot_id: int, bot_username: str) -> bool:
    """In a group: does this message mention the bot, reply to it, or carry a command for it?"""
    if message.chat.type not in GROUP_TYPES:
        return True
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return True
    name = (bot_username or "").lower()
    for source in (message.parse_entities(), message.parse_caption_entities()):
        for entity, text in source.items():
            if entity.type == MessageEntity.MENTION and text[1:].lower() == name:
                return True
            if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
                return True
            if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
                target = text.partition("@")[2].lower()
                if not target or target == name:
                    return True
    return False


def strip_mention(text: str, bot_username: str) -> str:
    """The question without '@botname'."""
    if bot_username:
        text = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


class RateLimiter:
    """At most `per_minute` requests per user in any 60 s window (0 = no limit).

    `check` returns (allowed, seconds to wait); `should_warn` lets the friendly "slow down" message
    go out once per window instead of once per extra message.
    """

    def __init__(self, per_minute: int, window: float = 60.0):
        self.per_minute = per_minute
        self.window = window
        self._hits: dict[int, deque] = {}
        self._warned: dict[int, float] = {}
        self._lock = threading.Lock()

    def check(self, user_id: int, now: float | None = None) -> tuple[bool, float]:
        if self.per_minute <= 0:
            return True, 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(user_id, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) < self.per_minute:
                hits.append(now)
                return True, 0.0
            return False, max(1.0, self.window - (now - hits[0]))

    def should_warn(self, user_id: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            if now - self._warned.get(user_id, -1e9) < self.window:
                return False
            self._warned[user_id] = now
            return True
