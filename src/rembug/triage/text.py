"""Indonesian text normalisation shared by routing, duplicates and themes.

``normalize`` gives clean lower-case text (URLs, e-mails, numbers and the placeholders of the
anonymised LAPOR! exports replaced by tokens); ``tokens`` turns that into formal, stemmed content
words: colloquial forms mapped through the Colloquial Indonesian Lexicon (Salsabila et al.,
IALP 2018), stopwords dropped (Tala's list), PySastrawi stemming behind an LRU cache per word
because the same few thousand words make up nearly every report.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from functools import cache, lru_cache
from pathlib import Path

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

__all__ = ["PLACEHOLDERS", "normalize", "stem", "stopwords", "tokens"]

DATA = Path(__file__).resolve().parent / "data"

# Placeholders the anonymised exports carry, and the tokens they become (kept as words so that
# "[TELEPON]" still says that the report gave a phone number).
PLACEHOLDERS = {"[nomor]": " xnomor ", "[telepon]": " xtelepon ", "[email]": " xemail "}
_PLACEHOLDER = re.compile(r"\[(?:nomor|telepon|email)\]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?<!\w)(?:\+62|62|0)8\d{7,11}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NON_WORD = re.compile(r"[^a-z\s]+")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z]+")
_ELONGATION = re.compile(r"([a-z])\1{2,}")

# Abbreviations of public administration that the general slang lexicon would misread
# ("kk" is a Kartu Keluarga here, not "kakak").
_KEEP = frozenset({"kk", "rt", "rw", "ktp", "kia", "pju", "pdam", "pln", "kec", "kel", "sd", "smp"})
_EXTRA_FORMAL = {
    "kalo": "kalau",
    "gk": "tidak",
    "ga": "tidak",
    "gak": "tidak",
    "nggak": "tidak",
    "enggak": "tidak",
    "jln": "jalan",
    "jl": "jalan",
    "kab": "kabupaten",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
}


def normalize(text: str) -> str:
    """Lower-case ``text`` and replace URLs, e-mails, phone numbers, numbers and placeholders."""
    text = text.lower()
    text = _PLACEHOLDER.sub(lambda m: PLACEHOLDERS[m.group(0)], text)
    text = _URL.sub(" xurl ", text)
    text = _EMAIL.sub(" xemail ", text)
    text = _PHONE.sub(" xtelepon ", text)
    text = _NUMBER.sub(" xangka ", text)
    text = _ELONGATION.sub(r"\1\1", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@cache
def stopwords() -> frozenset[str]:
    lines = (DATA / "stopwords-id.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip())


@cache
def _formal() -> dict[str, str]:
    with gzip.open(DATA / "colloquial-indonesian-lexicon.csv.gz", "rt", encoding="utf-8") as f:
        mapping = {row["slang"]: row["formal"] for row in csv.DictReader(io.StringIO(f.read()))}
    for word in _KEEP:
        mapping.pop(word, None)
    mapping.update(_EXTRA_FORMAL)
    return mapping


@cache
def _stemmer() -> Stemmer:
    return Stemmer(ArrayDictionary(StemmerFactory().get_words_from_file()))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The PySastrawi stem of one lower-case word, cached."""
    if len(word) <= 3 or word.startswith("x"):
        return word
    return str(_stemmer().stem_word(word))


def tokens(text: str, *, stemmed: bool = True, drop_stopwords: bool = True) -> list[str]:
    """Formal, optionally stemmed content words of ``text``."""
    formal = _formal()
    stop = stopwords() if drop_stopwords else frozenset()
    out: list[str] = []
    for word in _WORD.findall(normalize(text)):
        for part in formal.get(word, word).split():
            if part in stop or len(part) < 2:
                continue
            out.append(stem(part) if stemmed else part)
    return out
