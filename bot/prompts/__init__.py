"""The prompts, shipped as package data (bot/prompts/NAME.txt) so that a wheel install finds them too.

answer.txt, system.txt and followup.txt are the lead's (bot/answering/lead.py), rewrite.txt the
follow-up rewrite's (bot/answering/followup.py), refusal.txt the plain refusal's (bot/answering/answer.py).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def prompt(name: str) -> str:
    """The text of bot/prompts/NAME.txt, stripped."""
    return resources.files("bot").joinpath("prompts", f"{name}.txt").read_text(encoding="utf-8").strip()
