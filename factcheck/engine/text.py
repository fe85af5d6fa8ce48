"""Normalise and tokenise text; stem words; find negation cues and questions.

Everything here is language mechanics, the same for every knowledge base: case, punctuation,
contractions, hyphens, plural and verb endings, British spellings, negation words. What the words
*mean* (synonyms, concepts) lives in the knowledge base's lexicon, not here.

All functions are pure and deterministic; :func:`normalise` is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..lazyre import lazy
from ..records import NamedTuple
from . import language

# --------------------------------------------------------------------------- normalising

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": " - ", "\u2015": " - ",
    "\u2212": "-", "\u00ad": None,
})
_CONTRACTION = lazy(globals(), "_CONTRACTION",
    r"\b(won|shan|can|ain)'t\b|n't\b|'(?:s|re|ve|ll|d|m)\b"
    # the same typed without the apostrophe ("doesnt", "cant"), and "cannot"
    r"|\b(?:(cant|cannot)|(does|do|did|is|are|was|were|should|could|would|has|have|had|must|need)nt)\b"
)
_IRREGULAR_NOT = {"won": "will not", "shan": "shall not", "can": "can not", "ain": "is not"}


def _expand(m: re.Match[str]) -> str:
    if m.group(1):
        return " " + _IRREGULAR_NOT[m.group(1)]
    if m.group(2):
        return "can not"
    if m.group(3):
        return m.group(3) + " not"
    return " not" if m.group().startswith("n") else ""


_PERCENT = lazy(globals(), "_PERCENT", r"(?<=\d)\s*%")
_MISTYPED_NOT = lazy(globals(), "_MISTYPED_NOT", r"(?<=\w)(?:n;t|'nt)\b")
_MICRO = lazy(globals(), "_MICRO", r"(?<=\d)\s*[\u00b5\u03bc]g\b")
_NUM_GROUPS = lazy(globals(), "_NUM_GROUPS", r"(?<=\d),(?=\d{3}\b)")
# letter-hyphen-letter/digit joins ("hemi-facial" -> "hemifacial", "B-12" -> "b12");
# digit-hyphen-digit is a range and splits ("600-800" -> "600 800").
_JOIN_HYPHEN = lazy(globals(), "_JOIN_HYPHEN", r"(?<=[^\W\d_])-(?=[^\W_])")
# Terminal escape sequences pasted along with text (colours, hyperlinks) are not words.
_ANSI = lazy(globals(), "_ANSI", r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W_]+")
_TEXTING = dict(language.pairs("texting"))  # texting spellings -> the words they stand for
_NOT_TYPOS = language.words("not-typo")  # read as "not" after an auxiliary
_IDIOMS: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _idiom, _plainly in language.pairs("idiom"):
    _IDIOMS.setdefault(_idiom.split()[0], []).append((tuple(_idiom.split()), tuple(_plainly.split())))
for _v in _IDIOMS.values():
    _v.sort(key=lambda p: -len(p[0]))
_IDIOM_FUNCTION = language.words("stopword") | language.words("negator")
# (an idiom's longest word that is not a function word is in every text that holds it, and is
# seldom in one that does not)
_IDIOM_KEYS = frozenset(max(((len(w) * (w not in _IDIOM_FUNCTION), k), w) for k, w in enumerate(words))[1]
                        for v in _IDIOMS.values() for words, _ in v)
# Social-media text: links carry no words of the claim; hashtags and handles often do, run
# together in camel case ("#DefundTheCBC" -> "Defund The CBC", "@realDonaldTrump").
_URL = lazy(globals(), "_URL", r"\b(?:https?://|www\.|pic\.twitter\.com/|t\.co/)\S*", re.IGNORECASE)
_TAG = lazy(globals(), "_TAG", r"(?<![\w@#])[#@]([^\W_][\w]*)")
_CAMEL = lazy(globals(), "_CAMEL", r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|_")


def clean(text: str) -> str:
    """Unicode-normalise (NFKC), drop control characters, fold whitespace. Keeps case."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_FOLD: dict[int, str] | None = None


def fold_confusables(text: str) -> str:
    """Look-alike letters read as the ASCII letters they imitate (Cyrillic "а" as "a"), and
    invisible characters dropped, so that "Mаgnesium" or "Mag\u200bnesium" cannot dodge a
    claim. The table is data, built from Unicode's confusables (``data/confusables.tsv``,
    ``scripts/build_confusables.py``); only matching sees the folded text."""
    global _FOLD
    if text.isascii():
        return text
    if _FOLD is None:
        from pathlib import Path

        rows = (Path(__file__).parent.parent / "data" / "confusables.tsv").read_text(encoding="utf-8")
        _FOLD = {int(cp, 16): to for cp, _, to in (line.partition("\t") for line in rows.splitlines()
                                                      if line and not line.startswith("#"))}
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower-case word tokens separated by single spaces: what the matcher reads.

    Contractions are expanded (``doesn't`` -> ``does not``), hyphenated words joined, number
    ranges split, accents and punctuation dropped. Idempotent: ``normalise(normalise(s)) ==
    normalise(s)``.
    """
    return " ".join(tokenise(text))


def tokenise(text: str) -> list[str]:
    """The tokens of :func:`normalise`, as a list."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "=" in text or "\u2260" in text:
        for symbol, words in _SYMBOL_WORDS:
            text = text.replace(symbol, f" {words} ")
    if not text.isascii():  # (on ASCII text each of these changes nothing but a backquote)
        text = fold_confusables(strip_accents(unicodedata.normalize("NFKC", text))).translate(_QUOTES)
    elif "`" in text:
        text = text.translate(_QUOTES)
    if "/" in text or "." in text:
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    text = text.casefold()
    if "g" in text and ("\u00b5" in text or "\u03bc" in text):
        text = _MICRO.sub(" mcg", text)
    if "%" in text:
        text = _PERCENT.sub(" percent", text)
    if ";t" in text or "'nt" in text:
        text = _MISTYPED_NOT.sub("n't", text)  # ("doesn;t", "is'nt": a slip of the apostrophe)
    if "'" in text or "nt" in text or "cannot" in text:
        text = _CONTRACTION.sub(_expand, text)
    if "," in text:
        text = _NUM_GROUPS.sub("", text)
    if "-" in text:
        text = _JOIN_HYPHEN.sub("", text)
    tokens = _TOKEN.findall(text)
    if not _NOT_TYPOS.isdisjoint(tokens):  # ("does mot cure", "does nt cure": "not" after an auxiliary)
        tokens = ["not" if t in _NOT_TYPOS and k and tokens[k - 1] in _AUXILIARIES else t for k, t in enumerate(tokens)]
    if not _TEXTING.keys().isdisjoint(tokens):
        # ("give u spasms": "give you spasms"; "dosnt": "does not", two words)
        tokens = [w for t in tokens for w in (_TEXTING[t].split() if t in _TEXTING else (t,))]
    if not _IDIOM_KEYS.isdisjoint(tokens):
        tokens = _plain(tokens)
    return tokens


def _plain(tokens: list[str]) -> list[str]:
    """Idioms said plainly (english.tsv idiom: "nothing to worry about" is "harmless"), the longest
    that starts at each word. (Asked only of text with an idiom's key word, its rarest.)"""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for words, plain in _IDIOMS.get(tokens[i], ()):
            if tuple(tokens[i:i + len(words)]) == words:
                out.extend(plain)
                i += len(words)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


# --------------------------------------------------------------------------- stemming

# British -> American spellings, applied to whole words before stemming. Both sides of a
# comparison go through the same rules, so an over-eager rule costs nothing but a collision.
# Each rule is tried only on a word that holds one of its marks (without one it cannot match), and
# compiled the first time it is (re's own cache keeps it).
_BRITISH = (
    (("is", "ys"), r"^(.{3,}?)([iy])s(e|es|ed|ing|ation|ations|er|ers)$", r"\1\2z\3"),
    (("our",), r"^(.{2,})our(s|ed|ing|ite|ites|able)?$", r"\1or\2"),
    (("aem",), r"aem", "em"),
    (("oe",), r"^oe", "e"),
    (("oea",), r"oea", "ea"),
    (("paed",), r"^paed", "ped"),
    (("tre",), r"^(.{3,})tre(s|d)?$", r"\1ter\2"),
    (("ogue",), r"^(.{3,})ogue(s)?$", r"\1og\2"),
    (("yse",), r"^(.{2,})yse(s|d)?$", r"\1yze\2"),
    (("ae",), r"^(.{3,})ae", r"\1e"),
    (("programme",), r"programme", "program"),
)
_BRITISH_MARKS = ("is", "ys", "our", "ae", "oe", "tre", "ogue", "programme")
_VOWELS = set("aeiouy")


def _has_vowel(s: str) -> bool:
    return any(c in _VOWELS for c in s)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light, deterministic stemmer: ``cures``, ``cured``, ``curing``, ``cure`` -> ``cur``.

    It is not Porter's; it only needs to send the forms of one word to one stem, for both the
    knowledge base and the statement, without merging unrelated words.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if any(mark in word for mark in _BRITISH_MARKS):
        for marks, pattern, repl in _BRITISH:
            if any(mark in word for mark in marks):
                word = re.sub(pattern, repl, word)
    w = word
    if w.endswith("ies") and len(w) > 4 or w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes", "zzes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed"):
        if w.endswith(suffix):
            rest = w[: -len(suffix)]
            if not (suffix == "ed" and rest.endswith("e")) and len(rest) >= 3 and _has_vowel(rest):
                w = rest  # (but "need", "freed": the e is the word's own)
            break
    if w.endswith("ment") and len(w) >= 9:
        w = w[:-4]  # treatment -> treat
    elif w.endswith("ness") and len(w) >= 7:
        w = w[:-4]  # weakness -> weak
    elif w.endswith(("tion", "sion")) and len(w) >= 7:
        w = w[:-3]  # injection -> inject, compression -> compress
    elif w.endswith("ly") and len(w) >= 7 and not w.endswith("ply"):
        w = w[:-2]  # directly -> direct
    if w.endswith("e") and len(w) > 3 and not w.endswith(("ee", "ie", "ye")):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]  # stopping -> stopp -> stop; stress, stressed -> stres
    return w


# --------------------------------------------------------------------------- stop words

#: Function words and conversational filler: they carry no claim of their own.
STOPWORDS = language.words("stopword")

# Words that make the statement deny what follows.
_NEGATORS = language.words("negator")
# Multi-word cues, as token tuples: "it is false that X", "X is a myth", "fails to".
_NEGATING_PHRASES = language.phrases("negating-phrase")
# "not" that does not deny: "not only X but Y", "no longer"(kept as a denial), "whether or not".
_NON_NEGATING = language.phrases("non-negating")

# Antonyms, as language mechanics. A complementary pair splits the world in two, so saying one
# denies the other ("X and Y are different" denies "X is the same as Y"). A contrary pair does
# not ("magnesium increases spasms" is not the denial of "magnesium reduces spasms": both can be
# false), so a statement using the contrary of a claim's word is another claim.
_COMPLEMENTARY = language.pairs("complementary")
_CONTRARY = language.pairs("contrary")


# Words that make a statement claim more than a hedged claim does ("Stress is *the main* cause
# of twitching" is not "stress can trigger twitching"): when a statement has one and the claim
# does not, they are different claims.
INTENSIFIERS = language.words("intensifier")
UNIVERSAL_DETERMINERS = language.words("universal-determiner")  # stop words read as intensifiers before a noun
# A statement's "the main cause" is what a claim says with "usually" or "in most cases".
MAJOR = language.words("major")
MAJORITY = language.words("majority")
# How often: seldom ("rarely", "occasionally"), or often ("often", and the majority words above).
RARITY = language.words("rarity")
FREQUENT = language.words("frequent") | MAJORITY
# Words that deny a link of any kind when denied themselves: "has nothing to do with", "plays no
# role in", "there is no link between". A denied link denies every particular relation.
LINK_WORDS = language.words("link")
# Verbs that report what someone said: "My neurologist told me (that) ...". The words of such a
# frame are not part of the claim checked.
REPORTING = language.words("reporting")


def _pairs(pairs: Iterable[tuple[str, str]]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset((stem(a), stem(b))) for a, b in pairs)


def polar(word_stem: str, *, complementary_only: bool = False) -> bool:
    """A word that takes a side: it cannot be ignored in a comparison.

    By default the words of direction and degree (increase, reduce, better, less) and those
    that deny their opposite; with ``complementary_only``, only the latter ("different", "unsafe").
    Adjectives that only narrow a noun ("benign tumours") are not among them.
    """
    return word_stem in (_COMPLEMENT_STEMS if complementary_only else _POLAR_STEMS)


def has_antonyms(word_stem: str) -> bool:
    return word_stem in _PAIRED_STEMS


def antonymy(a: str, b: str) -> str | None:
    """'complementary', 'contrary' or None for two word stems."""
    if a not in _PAIRED_STEMS or b not in _PAIRED_STEMS:
        return None
    pair = frozenset((a, b))
    if pair in _COMPLEMENTARY_STEMS:
        return "complementary"
    if pair in _CONTRARY_STEMS:
        return "contrary"
    return None


_AUXILIARIES = language.words("auxiliary")
_QUESTION_OPENERS = _AUXILIARIES | {"isn", "aren", "doesn", "don", "didn"}


class Cue(NamedTuple):
    """A negation cue found in a token list: the words and where they start."""

    words: str
    start: int
    end: int


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        out.setdefault(p[0], []).append(p)
    return out


_NEGATING_BY_FIRST = _by_first(_NEGATING_PHRASES)
_NON_NEGATING_BY_FIRST = _by_first(_NON_NEGATING)
_CUE_STARTS = frozenset(_NEGATING_BY_FIRST) | frozenset(_NON_NEGATING_BY_FIRST) | _NEGATORS


def _phrase_at(tokens: list[str], i: int, table: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
    for p in table.get(tokens[i], ()):
        if tuple(tokens[i:i + len(p)]) == p:
            return p
    return None


def negation_cues(tokens: list[str], *, question: bool = False) -> list[Cue]:
    """Negation cues in normalised tokens, skipping ones that do not deny.

    In a question that opens with a negated auxiliary ("Doesn't magnesium cure HFS?") the
    negation is rhetorical: the question asks about the positive claim, so it is not a cue; so is
    a question's last word "no" or "not" (a tag: "Botox treats HFS, no?").
    """
    cues: list[Cue] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if tok not in _CUE_STARTS:
            i += 1
            continue
        if _phrase_at(tokens, i, _NON_NEGATING_BY_FIRST):
            i += 2
            continue
        phrase = _phrase_at(tokens, i, _NEGATING_BY_FIRST)
        if phrase:
            cues.append(Cue(" ".join(phrase), i, i + len(phrase)))
            i += len(phrase)
            continue
        if tok == "not" and "enough" in tokens[i + 1:i + 3]:
            i += 1  # "not enough", "not sleeping enough": a shortage, not a denial
            continue
        if tok in _NEGATORS:
            if tok == "nor" and any(c.words == "neither" for c in cues):
                i += 1  # neither ... nor: one denial
                continue
            if tok == "no" and i > 1 and tokens[i - 1] in ("and", "or", "nor") and cues and cues[-1].words == "no" \
                    and i - cues[-1].start <= 6:
                i += 1  # ("no diet and no supplement cures it": a determiner said again for each item, one denial)
                continue
            cues.append(Cue(tok, i, i + 1))
        i += 1
    if question and cues and cues[0].start == 1 and tokens and tokens[0] in _AUXILIARIES and cues[0].words == "not":
        cues = cues[1:]
    if question and cues and cues[-1].end == n and cues[-1].start > 0 and cues[-1].words in ("no", "not"):
        cues = cues[:-1]  # ("Botox treats HFS, no?", "..., or not?": a tag that asks, it does not deny)
    if cues and "without" in tokens:
        # "can't absorb calcium without vitamin D": "without" alone denies nothing (it says
        # what is absent), but beside another denial the two make a requirement: they cancel.
        at = tokens.index("without")
        cues.append(Cue("without", at, at + 1))
        cues.sort(key=lambda c: c.start)
    return cues


def is_question(text: str) -> bool:
    """A statement phrased as a yes/no question: ends with '?' or opens with an auxiliary."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    first = stripped.split(None, 1)[0].casefold().strip("'\"") if stripped else ""
    first = first.replace("\u2019", "'").split("'")[0]
    return first in _QUESTION_OPENERS and len(stripped.split()) > 2 and stripped[-1:] not in ".!"


_COMPLEMENTARY_STEMS = _pairs(_COMPLEMENTARY)
# (longest first: "=/=" before "=")
_SYMBOL_WORDS = tuple(sorted(language.pairs("symbol-word"), key=lambda p: -len(p[0])))
_CONTRARY_STEMS = _pairs(_CONTRARY)
_DIRECTIONAL = frozenset(stem(w) for w in language.words("directional"))
_PRIVATIVE = frozenset(stem(w) for w in language.words("privative"))
# (english.tsv future: its one-word entries; analysis.py reads its phrases as the first of them, "someday")
_FUTURE = frozenset(stem(p[0]) for p in language.phrases("future") if len(p) == 1)
_POLAR_STEMS = frozenset(w for pair in _COMPLEMENTARY_STEMS for w in pair) | _DIRECTIONAL | _PRIVATIVE | _FUTURE
_COMPLEMENT_STEMS = frozenset(w for pair in _COMPLEMENTARY_STEMS for w in pair) | _PRIVATIVE | _FUTURE
_PAIRED_STEMS = frozenset(w for pair in _COMPLEMENTARY_STEMS | _CONTRARY_STEMS for w in pair)
