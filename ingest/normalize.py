"""Vietnamese text normalisation, used identically at ingest and at query time.

Small pure functions (after underthesea's text_normalize): `to_nfc`, `clean_spaces`,
`canonical_tones`, `fold_diacritics`, and `index_tokens`, which turns text into the tokens the keyword
index and the refusal check compare. Abbreviations are written out by ingest/abbreviations.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- Unicode and spaces --------------------------------------------------------------------------

# Non-breaking, zero-width and other odd spaces that come out of Word/PDF/HTML.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def to_nfc(text: str) -> str:
    """Unicode NFC: NFD input (macOS, some PDFs) becomes the composed form everything else uses."""
    return unicodedata.normalize("NFC", text)


# Two words glued where a web page's markup was stripped: "được tôn vinhTôn Đức Thắng" (the seed article
# corpus/003_…: a name check then found no "Tôn Đức Thắng" in it; dev14 d14-053). No Vietnamese word has a
# capital after two small letters; a brand written so ("PowerPoint") only gains a space.
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_GLUED = re.compile(f"(?<=[{_LOWER}][{_LOWER}])(?=[{_UPPER}][{_LOWER}])")


def clean_spaces(text: str) -> str:
    """NFC, odd spaces to plain spaces, CRLF to LF, runs of spaces folded; line breaks kept."""
    text = to_nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _GLUED.sub(" ", text)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- tone-mark placement ------------------------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = set("aăâeêioôơuưy")
_MARKED = set("ăâêôơư")  # vowels carrying a quality mark: the tone goes on them


def _split_tone(word: str) -> tuple[str, str | None]:
    """Return the word without its tone mark (NFC) and the tone's combining character."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@lru_cache(maxsize=200_000)
def _canonical_syllable(word: str) -> str:
    base, tone = _split_tone(word)
    if tone is None:
        return word
    low = base.lower()
    # Onset: "qu" and "gi" (before a vowel) count as consonants, so "quý" has nucleus "y".
    start = 0
    while start < len(low) and low[start] not in _VOWELS:
        start += 1
    if low[start - 1:start + 1] in ("qu", "gi") and start >= 1 and start + 1 < len(low) and low[start + 1] in _VOWELS:
        start += 1
    end = start
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    nucleus = list(range(start, end))
    if not nucleus:
        return word
    marked = [i for i in nucleus if low[i] in _MARKED]
    if marked:
        pos = marked[-1]  # "ươ" takes the tone on ơ
    elif len(nucleus) == 1:
        pos = nucleus[0]
    elif end < len(low):  # a final consonant: the last vowel (hoàn, thuận)
        pos = nucleus[-1]
    elif len(nucleus) == 3:  # khuỷu, ngoài: the middle one
        pos = nucleus[1]
    else:  # open two-vowel syllable, traditional placement: hòa, thủy, mía
        pos = nucleus[0]
    chars = list(base)
    chars[pos] = unicodedata.normalize("NFC", chars[pos] + tone)
    return "".join(chars)


_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_tones(text: str) -> str:
    """One tone-mark placement for every syllable: hoà→hòa, thuỷ→thủy, qúy→quý.

    The traditional placement is used because the documents (Công báo) mostly use it.
    """
    return _WORD.sub(lambda m: _canonical_syllable(m.group(0)), to_nfc(text))


# --- accent folding -------------------------------------------------------------------------------

def fold_diacritics(text: str) -> str:
    """Strip every diacritic; đ/Đ are folded explicitly because NFD does not decompose them."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("\u0110", "D").replace("\u00d0", "D")
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in nfd if not unicodedata.combining(ch)))


# After a consonant, a final "y" and a final "i" are one sound written two ways: kỷ/kỉ luật, chiến
# sỹ/sĩ, lý/lí, mỹ/mĩ. Not after "u" ("thủy", "quy"): those "uy" are another rhyme, or a spelling
# nobody varies.
_FINAL_Y = re.compile(r"\b(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|r|s|t|th|tr|v|x)y\b")


def fold_iy(folded: str) -> str:
    """One spelling for a folded, lower-case syllable's final i/y: "sy" → "si", "ky" → "ki"."""
    return _FINAL_Y.sub(r"\1i", folded)


def has_diacritics(text: str) -> bool:
    return fold_diacritics(text) != text


def search_form(text: str) -> str:
    """The form every comparison uses: spaces cleaned, canonical tones, lower case."""
    return canonical_tones(clean_spaces(text)).lower()


# --- tokens for the keyword index -------------------------------------------------------------

_TOKEN_CLEAN = re.compile(r"[^\w/\-%]+", re.UNICODE)
_PUNCT_ONLY = re.compile(r"^[\W_]+$", re.UNICODE)


@lru_cache(maxsize=1)
def _pyvi():
    from pyvi import ViTokenizer  # imported lazily: loads a CRF model (~0.3 s)
    return ViTokenizer


# pyvi builds its output by string concatenation, quadratic in the line's length: one 1 MB line
# took 20 s, a 10 MB one would take half an hour (issue 8). Longer lines are cut at a space first;
# its CRF looks only a few syllables around each one, so at most one word per cut is not joined.
# No line of a real document comes near this, so their tokens are unchanged.
_PYVI_MAX_LINE = 4000


def _pieces_of(line: str, size: int = _PYVI_MAX_LINE):
    while len(line) > size:
        cut = line.rfind(" ", 0, size)
        cut = cut if cut > 0 else size
        yield line[:cut]
        line = line[cut:]
    yield line


def segment_words(text: str) -> list[str]:
    """pyvi word segmentation of search-form text: ["thi_đua", "khen_thưởng", ...]."""
    out = []
    for line in text.split("\n"):
        for piece in _pieces_of(line):
            if piece.strip():
                out.extend(_pyvi().tokenize(piece).split())
    return out


def index_tokens(text: str) -> list[str]:
    """Tokens for BM25: syllables and pyvi words, each also accent-folded.

    Syllable-level folding is what lets a question typed without diacritics match: pyvi cannot
    join unaccented syllables into words, so word-level folding alone misses them.
    """
    form = search_form(text)
    tokens: list[str] = []
    for word in segment_words(form):
        word = _TOKEN_CLEAN.sub("", word).strip("-/")
        if not word or _PUNCT_ONLY.match(word):
            continue
        sylls = [s for s in word.split("_") if s]
        for s in sylls:
            # The folded form lives in its own namespace ("~"), so an accented question still
            # prefers the exact accented words while an unaccented one can match via "~".
            tokens.append(s)
            tokens.append("~" + fold_diacritics(s))
        if len(sylls) > 1:
            tokens.append(word)
            tokens.append("~" + fold_diacritics(word))
    return tokens


def index_tokens_by_line(text: str, cache: dict[str, list[str]]) -> list[str]:
    """index_tokens(text), line by line through `cache`: the same tokens, because every step of
    index_tokens works within a line (pyvi segments each line on its own). A document's retrieval
    units repeat its chunks' lines and title: with the chunks' cache their tokens cost about half."""
    out: list[str] = []
    for line in text.split("\n"):
        if line not in cache:
            cache[line] = index_tokens(line)
        out.extend(cache[line])
    return out


def query_tokens(text: str) -> list[str]:
    """Tokens for a question: like index_tokens, but an unaccented question only uses folded forms."""
    toks = index_tokens(text)
    # The other spelling of a final i/y ("~sy" for "sỹ" also looks for "~si"): documents spell
    # "Chiến sĩ", cadres often type "Chiến sỹ". The index keeps each document's own spelling.
    toks += ["~" + alt for t in toks if t.startswith("~") and (alt := _other_iy_word(t[1:]))]
    if has_diacritics(text):
        return toks
    # A question without any diacritics: its plain syllables ("thi", "dua") would wrongly match
    # only the rare unaccented words in the documents; use the folded namespace instead.
    return [t for t in toks if t.startswith("~")]


def _other_iy_word(word: str) -> str | None:
    alt = "_".join(other_iy(p) or p for p in word.split("_"))
    return alt if alt != word else None


def other_iy(folded_syllable: str) -> str | None:
    """The other spelling of a folded syllable's final i/y ("sy" ↔ "si", "ky" ↔ "ki"), or None."""
    s = folded_syllable
    if fold_iy(s) != s:
        return fold_iy(s)
    if s.endswith("i") and fold_iy(s[:-1] + "y") == s:
        return s[:-1] + "y"
    return None
