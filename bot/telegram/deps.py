"""What every handler needs, built once per Application and kept in `application.bot_data["deps"]`."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.telegram.access import Access, RateLimiter
from bot.telegram.state import BotState
from ingest.settings import Settings

# Threads for the blocking service calls. A local LLM answer can hold a thread for tens of seconds
# while it waits its turn; a pool of its own keeps those waits from starving extractive answers
# and /tim in other chats (asyncio's default pool has only cpu+4 threads).
WORKERS = 32
REFUSAL_EVERY = 24 * 3600     # an unknown user hears "not allowed" at most once a day


@dataclass
class Deps:
    settings: Settings
    service: object
    state: BotState
    access: Access
    limiter: RateLimiter
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(WORKERS, "hoidap-tg"))
    edit_interval: float = 1.0    # seconds between edits of a streamed answer
    chat_locks: dict = field(default_factory=dict)

    def run(self, func, *args, **kwargs) -> asyncio.Future:
        """Run a blocking call (service, ingest) in the worker pool."""
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self.executor, functools.partial(func, *args, **kwargs))

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.state.close()

    def chat_lock(self, chat_id: int) -> asyncio.Lock:
        """Questions in one chat are answered in order, so a follow-up sees the answer before it."""
        return self.chat_locks.setdefault(chat_id, asyncio.Lock())


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    return context.application.bot_data["deps"]
