"""A question as the answer flow reads it: cleaned, NFC, abbreviations expanded and accents folded once."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.normalize import clean_spaces, expand_abbreviations, fold_diacritics

MAX_QUESTION_CHARS = 1000


@dataclass(frozen=True)
class Question:
    raw: str         # as typed
    text: str        # NFC, one line, spaces cleaned, at most MAX_QUESTION_CHARS
    expanded: str    # text with known abbreviations spelled out ("CSTĐ" → "chiến sĩ thi đua")
    folded: str      # lower-case, accents folded: what the follow-up cues are matched against

    @classmethod
    def of(cls, raw: str | None) -> "Question":
        text = clean_question(raw)
        return cls(raw=raw or "", text=text, expanded=expand_abbreviations(text),
                   folded=fold_diacritics(text.lower()).strip())

    def __str__(self) -> str:
        return self.text


def clean_question(question: str | None) -> str:
    q = clean_spaces(question or "").replace("\n", " ")
    return q[:MAX_QUESTION_CHARS]
