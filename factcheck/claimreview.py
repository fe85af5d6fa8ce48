"""Import and export schema.org ClaimReview: the JSON-LD that fact-checking organisations publish.

Reading: :func:`parse_text` turns a file's text (one object, an array, a ``DataFeed``, an ``@graph``
wrapper, a Google Fact Check Tools response, or JSON Lines of any of those) into documents;
:func:`iter_claimreviews` walks them; :func:`parse_review` maps one ClaimReview onto a
:class:`Review`. Merging: :class:`Importer` adds reviews to a knowledge base's JSON data,
deduplicating by review URL and by near-identical claim text, and keeps an :class:`ImportReport`.
Writing: :func:`export` turns a knowledge base into ClaimReview objects, and
:func:`write_json_atomic` writes a file whole or not at all.

The rating table and the 1-5 scale are documented in the README ("ClaimReview").
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import KnowledgeBaseError
from .knowledge import FORMAT_VERSION, KnowledgeBase, Reliability, Stance, Verdict, validate

SCHEMA_CONTEXT = "https://schema.org"
SOURCE_KIND = "fact-check"
#: How far to trust an imported review unless ``--reliability`` says otherwise.
DEFAULT_RELIABILITY = Reliability.MEDIUM
#: Fuzzy threshold (RapidFuzz ``fuzz.ratio`` on normalised text) for "the same claim".
SAME_CLAIM_RATIO = 95.0

# --------------------------------------------------------------------------- the rating table

#: The 1-5 scale written on export. Unproven is no point on a truth scale: it is written as the
#: midpoint, 3, like mixed (both are "unsettled", exit status 3), and told apart by its label.
SCALE: dict[Verdict, int] = {
    Verdict.FALSE: 1,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.MIXED: 3,
    Verdict.UNPROVEN: 3,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.TRUE: 5,
}
SCALE_WORST, SCALE_BEST = 1, 5
#: Five equal steps from worst to best, for reading a numeric rating on any scale.
_STEPS = (Verdict.FALSE, Verdict.MOSTLY_FALSE, Verdict.MIXED, Verdict.MOSTLY_TRUE, Verdict.TRUE)

# The vocabulary of the ClaimReview format, not knowledge about claims, so it lives here rather
# than in knowledge.json. Keys are normalised labels (see normalise_label): casefolded, accents,
# quotes and punctuation dropped, hyphens and underscores read as spaces. Labels about something other than the truth
# of the claim (PolitiFact's Flip-O-Meter, "Unrated", "Explainer") are deliberately absent.
_LABEL_TABLE: dict[Verdict, tuple[str, ...]] = {
    Verdict.TRUE: (
        "true", "correct", "accurate", "right", "verified", "confirmed",
        "correct attribution",  # Snopes: the quote really is theirs, so "X said Y" is true
        "geppetto checkmark",  # Washington Post
        "verdadero", "verdadera", "verdadeiro", "verdadeira", "vrai", "vraie", "wahr", "richtig",
        "vero", "vera",
    ),
    Verdict.MOSTLY_TRUE: (
        "mostly true", "mostly correct", "mostly accurate", "largely true", "largely accurate",
        "largely correct", "one pinocchio", "1 pinocchio",
        "mayormente verdadero", "mayormente cierto", "plutot vrai", "uberwiegend richtig",
        "uberwiegend wahr",
    ),
    Verdict.MIXED: (
        "half true", "half truth", "mixture", "mixed", "partly true", "partly false",
        "partially true", "partially false", "partly correct", "partially correct",
        "misleading", "missing context", "lacks context", "needs context", "out of context",
        "cherry picks", "cherry picking", "exaggerated", "exaggeration",
        "two pinocchios", "2 pinocchios",
        "outdated",  # Snopes: true once, not now; neither supported nor refuted as stated today
        "enganoso", "enganosa", "trompeur", "trompeuse", "irrefuhrend", "fuorviante",
        "parcialmente falso", "parcialmente verdadero", "parcialmente cierto",
        "partiellement faux", "partiellement vrai", "teilweise falsch", "teilweise richtig",
        "manque de contexte", "contexte manquant", "falta contexto", "falta de contexto",
        "sin contexto", "fehlender kontext", "fehlender zusammenhang",
    ),
    Verdict.UNPROVEN: (
        "unproven", "unsupported", "unverified", "unverifiable", "unsubstantiated",
        "unfounded",  # Snopes: "no evidence"
        "no evidence", "insufficient evidence", "not enough evidence", "no proof", "not proven",
        "research in progress", "inconclusive", "undetermined",
        "legend",  # Snopes: a tale that cannot be shown true or false
        "sin evidencia", "sin pruebas", "sans preuve", "non prouve", "unbelegt", "unbewiesen",
    ),
    Verdict.MOSTLY_FALSE: (
        "mostly false", "mostly incorrect", "mostly inaccurate", "largely false",
        "largely inaccurate", "largely incorrect", "three pinocchios", "3 pinocchios",
        "mayormente falso", "plutot faux", "uberwiegend falsch",
    ),
    Verdict.FALSE: (
        "false", "incorrect", "inaccurate", "wrong", "untrue", "not true", "not correct",
        "not accurate", "pants on fire", "fake", "fabricated", "hoax", "scam", "debunked",
        "four pinocchios", "4 pinocchios", "bottomless pinocchio",
        # Satire is not a factual account: read as a statement of fact, what it says did not
        # happen. The original label is kept in the claim's origin.
        "satire", "labeled satire", "labelled satire",
        "misattributed", "miscaptioned", "altered", "doctored",
        "falso", "falsa", "faux", "fausse", "falsch",
    ),
}
LABELS: dict[str, Verdict] = {
    label: verdict for verdict, labels in _LABEL_TABLE.items() for label in labels
}
# Words around a label that do not change it: "This is false.", "Verdict: Misleading", "Fake news".
_LABEL_PREFIXES = (
    "this claim is", "the claim is", "this is", "that is", "it is", "its", "thats", "claim is",
    "verdict", "rating", "rated", "our rating", "our verdict", "conclusion",
)
_LABEL_SUFFIXES = ("claim", "claims", "content", "information", "news", "statement")


def normalise_label(label: str) -> str:
    """Casefold, drop accents, quotes and punctuation, read hyphens/underscores as spaces."""
    s = label
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.casefold()
    s = re.sub(r"['\u2019\u02bc]", "", s)  # it's -> its, don't -> dont
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def _strip_affixes(norm: str) -> str:
    for prefix in _LABEL_PREFIXES:
        if norm.startswith(prefix + " "):
            norm = norm[len(prefix) + 1:]
            break
    for suffix in _LABEL_SUFFIXES:
        if norm.endswith(" " + suffix):
            norm = norm[: -len(suffix) - 1]
            break
    return norm


def _lead_clause(label: str) -> str:
    """A label's first sentence or clause: "Incorrect" of "Incorrect. The figures show ..."."""
    return re.split(r"[.!?;:\u2014\u2013]|\s-\s", label.strip(), maxsplit=1)[0].strip()


def verdict_for_label(label: str) -> Verdict | None:
    """The verdict a publisher's rating label means, or None when the table does not know it.

    Tried in turn: the whole label, then its first sentence or clause ("Incorrect. The figures
    show ..."), each without filler such as "This is" or a trailing "claim". Nothing looser: a
    label is never searched for words, so "Correct, but misleading" is not read as "correct".
    """
    for piece in (label, _lead_clause(label)):
        norm = normalise_label(piece)
        if not norm:
            continue
        found = LABELS.get(norm) or LABELS.get(_strip_affixes(norm))
        if found is not None:
            return found
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def verdict_for_value(value: Any, best: Any = None, worst: Any = None) -> Verdict | None:
    """The verdict for a numeric rating: its position from ``worst`` (default 1) to ``best`` (5).

    The scale is cut into five equal steps, false .. true, nearest step wins, and a value half
    way between two steps goes to the one nearer the middle (the less confident reading). A value
    outside the scale, or a scale with no width, means nothing.
    """
    v = _number(value)
    lo = _number(worst) if worst is not None else float(SCALE_WORST)
    hi = _number(best) if best is not None else float(SCALE_BEST)
    if v is None or lo is None or hi is None or hi == lo:
        return None
    position = (v - lo) / (hi - lo)  # also right for reversed scales (best < worst)
    if not 0.0 <= position <= 1.0:
        return None
    step = position * 4
    index = math.floor(step + 0.5) if step < 2 else math.ceil(step - 0.5)
    return _STEPS[index]


def _one_rating(rating: Any) -> Any:
    if isinstance(rating, list):
        return next((r for r in rating if isinstance(r, dict)), rating[0] if rating else None)
    return rating


def written_label(rating: Any) -> str:
    """The label a ``reviewRating`` spells out (``alternateName``, else ``name``), or ""."""
    rating = _one_rating(rating)
    if isinstance(rating, str):
        return rating.strip()
    if not isinstance(rating, dict):
        return ""
    for key in ("alternateName", "name"):
        value = rating.get(key)
        if isinstance(value, list):
            value = next((x for x in value if isinstance(x, str) and x.strip()), None)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def rate(rating: Any) -> tuple[Verdict | None, str]:
    """A ``reviewRating`` -> (verdict or None when nothing maps, the publisher's own label)."""
    rating = _one_rating(rating)
    label = written_label(rating)
    if label:
        found = verdict_for_label(label)
        if found is not None or not isinstance(rating, dict):
            return found, label
    if not isinstance(rating, dict):
        return None, ""
    found = verdict_for_value(rating.get("ratingValue"), rating.get("bestRating"), rating.get("worstRating"))
    if not label and rating.get("ratingValue") not in (None, ""):
        best = rating.get("bestRating", SCALE_BEST)
        worst = rating.get("worstRating", SCALE_WORST)
        label = f"{rating['ratingValue']} on a {worst}-{best} scale"
    return found, label


# --------------------------------------------------------------------------- reading


def read_text(path: str | os.PathLike[str]) -> str:
    """A file's text, every way of failing turned into a one-line InputError."""
    from .files import read_text as read

    return read(path)


def parse_text(text: str, name: str) -> list[Any]:
    """The JSON documents in a text: one JSON value, or JSON Lines (one value per line).

    A syntax error is reported as ``name:line:col`` of the offending character.
    """
    from .files import loads

    text = text.lstrip("\ufeff")
    if not text.strip():
        return []
    try:
        return [loads(text, name, lines_ok=True)]
    except json.JSONDecodeError:
        pass  # "Extra data": JSON Lines
    documents = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        documents.append(loads(line, name, line=lineno, what="not valid JSON Lines"))
    return documents


def _types(obj: dict[str, Any]) -> list[str]:
    """The object's ``@type`` names without namespace: "schema:ClaimReview" -> "ClaimReview"."""
    raw = obj.get("@type", obj.get("type"))
    names = raw if isinstance(raw, list) else [raw]
    return [re.split(r"[:/#]", n.strip())[-1] for n in names if isinstance(n, str) and n.strip()]


def _is_google_claim(obj: dict[str, Any]) -> bool:
    return isinstance(obj.get("claimReview"), list) and "@type" not in obj


def _from_google(claim: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A Google Fact Check Tools API claim -> ClaimReview-shaped objects, one per review."""
    item: dict[str, Any] = {"@type": "Claim"}
    if isinstance(claim.get("claimant"), str):
        item["author"] = {"@type": "Person", "name": claim["claimant"]}
    for review in claim.get("claimReview") or ():
        if not isinstance(review, dict):
            continue
        publisher: dict[str, Any] = review["publisher"] if isinstance(review.get("publisher"), dict) else {}
        out: dict[str, Any] = {
            "@type": "ClaimReview",
            "claimReviewed": claim.get("text"),
            "itemReviewed": item,
            "url": review.get("url"),
            "name": review.get("title"),
            "datePublished": review.get("reviewDate"),
            "author": {"name": publisher.get("name") or publisher.get("site"), "url": publisher.get("site")},
        }
        if review.get("textualRating") is not None:
            out["reviewRating"] = {"alternateName": review["textualRating"]}
        yield {k: v for k, v in out.items() if v is not None}


def iter_claimreviews(document: Any, skipped: Counter[str]) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object in a parsed document; counts the rest in ``skipped`` by type."""
    stack = [document]
    while stack:
        obj = stack.pop()
        if isinstance(obj, list):
            stack.extend(reversed(obj))
            continue
        if not isinstance(obj, dict):
            skipped["not an object"] += 1
            continue
        types = _types(obj)
        if "ClaimReview" in types:
            yield obj
        elif "@graph" in obj:
            stack.append(obj["@graph"])
        elif "DataFeed" in types or isinstance(obj.get("dataFeedElement"), list):
            stack.append(obj.get("dataFeedElement") or [])
        elif "DataFeedItem" in types or ("item" in obj and not types):
            stack.append(obj.get("item"))
        elif _is_google_claim(obj):
            stack.extend(reversed(list(_from_google(obj))))
        elif not types and isinstance(obj.get("claims"), list):  # a Google API response
            stack.append(obj["claims"])
        else:
            skipped[types[0] if types else "untyped object"] += 1


# --------------------------------------------------------------------------- one review


@dataclass(frozen=True)
class Review:
    """What one ClaimReview says, in the knowledge base's terms."""

    text: str
    verdict: Verdict | None  # None: the rating maps to nothing (imported as unproven)
    label: str
    publisher: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    explanation: str | None = None
    appearances: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def rated(self) -> Verdict:
        return self.verdict or Verdict.UNPROVEN


def _text(value: Any) -> str | None:
    """A non-empty string with surrounding space removed, else None (a one-string list counts)."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


_QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "'": "'", "\u2018": "\u2019", "\u00ab": "\u00bb"}


def _claim_text(value: Any) -> str | None:
    """``claimReviewed`` cleaned: whitespace folded, one pair of wrapping quotes dropped."""
    text = _text(value)
    if text is None:
        return None
    text = " ".join(text.split())
    close = _QUOTE_PAIRS.get(text[0])
    if close and len(text) > 2 and text[-1] == close and text[0] not in text[1:-1] and close not in text[1:-1]:
        text = text[1:-1].strip()
    return text or None


def _plain(value: Any) -> str | None:
    """Review prose with HTML tags and entities removed (some feeds carry markup)."""
    text = _text(value)
    if text is None:
        return None
    if re.search(r"<[A-Za-z/][^>]*>", text):
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(html.unescape(text).split())
    return text or None


def _names(value: Any) -> list[str]:
    """Author names from an object, a list of objects/strings, or a string."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item.get("name") or item.get("legalName")) if isinstance(item, dict) else _text(item)
        if name and name not in names:
            names.append(name)
    return names


def _urls(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    urls = []
    for item in items:
        url = _text(item.get("url") or item.get("@id")) if isinstance(item, dict) else _text(item)
        if url and url not in urls:
            urls.append(url)
    return urls


def _date(value: Any) -> str | None:
    """An ISO date-time cut to its date; anything else kept as the publisher wrote it."""
    text = _text(value)
    if text and re.match(r"^\d{4}-\d{2}-\d{2}(?:[T ].*)?$", text):
        return text[:10]
    return text


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


_EXCERPT_LIMIT = 600


def _lead(text: str, limit: int = _EXCERPT_LIMIT) -> str:
    """A verbatim leading span of ``text``: whole sentences up to ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = 0
    for m in re.finditer(r"[.!?](?=\s)", text):
        if m.end() > limit:
            break
        cut = m.end()
    if not cut:
        cut = text.rfind(" ", 0, limit) if " " in text[:limit] else limit
    return text[:cut].rstrip()


def parse_review(obj: dict[str, Any]) -> Review | None:
    """Map one ClaimReview; None when it has no ``claimReviewed`` text."""
    text = _claim_text(obj.get("claimReviewed"))
    if text is None:
        return None
    verdict, label = rate(obj.get("reviewRating"))
    url = _text(obj.get("url")) or (_text(obj.get("@id")) if str(obj.get("@id", "")).startswith("http") else None)
    names = _names(obj.get("author")) or _names(obj.get("publisher"))
    publisher = ", ".join(names) if names else (_host(url) or "Unknown publisher")
    item = obj.get("itemReviewed")
    items = [i for i in (item if isinstance(item, list) else [item]) if isinstance(i, dict)]
    appearances: list[str] = []
    aliases: list[str] = []
    for it in items:
        for u in _urls(it.get("firstAppearance")) + _urls(it.get("appearance")):
            if u not in appearances:
                appearances.append(u)
        alternate = it.get("alternateName")
        for alias in alternate if isinstance(alternate, list) else [alternate]:
            alias = _claim_text(alias)
            if alias and alias != text and alias not in aliases:
                aliases.append(alias)
    explanation = _plain(obj.get("ratingExplanation")) or _plain(obj.get("reviewBody"))
    written = written_label(obj.get("reviewRating"))
    if explanation is None and len(written[len(_lead_clause(written)):].split()) >= 3:
        explanation = _plain(written)  # Full Fact style: the conclusion written out as the label
    return Review(
        text=text, verdict=verdict, label=label, publisher=publisher, url=url,
        title=_plain(obj.get("name")) or _plain(obj.get("headline")),
        date=_date(obj.get("datePublished")), explanation=explanation,
        appearances=tuple(appearances), aliases=tuple(aliases),
    )


# --------------------------------------------------------------------------- merging


class Skip(str, Enum):
    """Why a review was not imported; the value is the key in ``--format json``."""

    DUPLICATE_URL = "duplicate_url"
    DUPLICATE_CLAIM = "duplicate_claim"
    NO_CLAIM = "no_claim_reviewed"
    NOT_CLAIMREVIEW = "not_claimreview"

    @property
    def label(self) -> str:
        return {
            "duplicate_url": "duplicate url",
            "duplicate_claim": "duplicate claim",
            "no_claim_reviewed": "no claimReviewed",
            "not_claimreview": "not a ClaimReview",
        }[self.value]


@dataclass(frozen=True)
class Conflict:
    """A review whose verdict disagrees with the claim it was merged into (the claim's is kept)."""

    claim: str
    kept: str
    review: str
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "kept": self.kept, "review": self.review, "url": self.url}


@dataclass
class ImportReport:
    """What an import did, for the summary line and ``--format json``."""

    imported: int = 0
    merged: int = 0
    skipped: Counter[Skip] = field(default_factory=Counter)
    other_types: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    conflicts: list[Conflict] = field(default_factory=list)
    reviews: int = 0  # ClaimReview objects seen

    @property
    def changed(self) -> bool:
        return bool(self.imported or self.merged)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviews": self.reviews,
            "imported": self.imported,
            "merged": self.merged,
            "skipped": {reason.value: self.skipped.get(reason, 0) for reason in Skip},
            "not_claimreview_types": dict(self.other_types.most_common()),
            "unmapped_ratings": dict(self.unmapped.most_common()),
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


def normalise_text(text: str) -> str:
    """Claim text for comparing: casefolded, punctuation dropped, whitespace folded."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = re.sub(r"['\u2019\u02bc]", "", s)
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def normalise_url(url: str) -> str:
    """A review URL for comparing: scheme, case of the host, ``www.`` and a trailing slash do not
    count; the fragment does (pages reviewing several claims tell them apart with anchors)."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit(("", host, parts.path.rstrip("/"), parts.query, parts.fragment))


def slug(text: str, limit: int = 60) -> str:
    """Lower-case words joined by hyphens, accents dropped, at most ``limit`` characters, cut
    between words. Letters of other scripts stay: "Витамин D" -> "витамин-d"."""
    s = text[: limit * 2]  # enough for `limit` characters of slug: the rest is cut anyway
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = re.sub(r"['\u2019]", "", s.casefold())
    s = re.sub(r"[\W_]+", "-", s).strip("-")
    if len(s) > limit:
        s = s[:limit + 1]
        s = s[: s.rfind("-")] if "-" in s else s[:limit]
    return s.strip("-")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# Words whose presence on one side only turns a claim into another claim; such a pair is never
# merged however similar the strings are ("X causes Y" / "X does not cause Y").
_NEGATIONS = frozenset(
    "no not never none nobody nothing neither nor without cannot cant dont doesnt didnt isnt "
    "arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt aint nt "
    "ne pas non jamais aucun aucune nicht kein keine keinen nie nunca nada ningun ninguna nao".split()
)
# Words that may be added or dropped without changing the claim ("cures the spasm" / "cures spasm").
_FILLER = frozenset("a an the of to in on at for by with as and that this these those".split())
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis", "anti", "mis")


def _negated_pair(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return any(long_ == p + short for p in _NEGATING_PREFIXES)


def same_claim(a: str, b: str) -> bool:
    """Whether two near-identical normalised texts (ratio >= 95) say the same thing.

    Every word on one side only must be a filler word or a near spelling (ratio >= 80) of a
    word on the other side; a negation, a number, or a negating prefix (safe / unsafe) vetoes.
    """
    from rapidfuzz import fuzz

    wa, wb = set(a.split()), set(b.split())
    only_a, only_b = wa - wb, wb - wa
    for word in only_a | only_b:
        if word in _NEGATIONS or any(ch.isdigit() for ch in word):
            return False
    for mine, theirs in ((only_a, only_b), (only_b, only_a)):
        for word in mine - _FILLER:
            partner = max(theirs, key=lambda w: fuzz.ratio(word, w), default=None)
            if partner is None or fuzz.ratio(word, partner) < 80 or _negated_pair(word, partner):
                return False
    return True


class Importer:
    """Adds reviews to a knowledge base's JSON data (``{"version", "sources", "claims"}``).

    Lookups stay O(1) per review however large the base: review URLs and exact normalised texts
    are dict look-ups; the fuzzy comparison only runs against phrasings that share one of the
    text's three rarest known words (a word index), through RapidFuzz with a score cut-off.
    """

    def __init__(
        self, data: dict[str, Any] | None = None, *, reliability: Reliability = DEFAULT_RELIABILITY
    ) -> None:
        self.data: dict[str, Any] = data if data is not None else {
            "version": FORMAT_VERSION, "sources": [], "claims": [],
        }
        self.data.setdefault("sources", [])
        self.data.setdefault("claims", [])
        self.reliability = reliability
        self.report = ImportReport()
        self._sources: dict[str, dict[str, Any]] = {s["id"]: s for s in self.data["sources"]}
        self._claim_ids: set[str] = {c["id"] for c in self.data["claims"]}
        self._urls: dict[str, list[str]] = {}  # review url -> normalised texts reviewed there
        self._exact: dict[str, int] = {}  # normalised phrasing -> claim index
        self._phrasings: list[tuple[str, int]] = []  # (normalised phrasing, claim index)
        self._words: dict[str, list[int]] = {}  # word -> positions in _phrasings
        for i, claim in enumerate(self.data["claims"]):
            self._index_claim(i, claim)

    # ---- indexes

    def _index_claim(self, i: int, claim: dict[str, Any]) -> None:
        norms = [normalise_text(p) for p in [claim["text"], *claim.get("aliases", ())]]
        for norm in norms:
            self._index_phrasing(i, norm)
        origin = claim.get("origin")
        if not origin:
            return
        urls = [origin.get("url")]
        for ev in claim.get("evidence") or ():  # the reviews merged into an imported claim
            src = self._sources.get(ev.get("source"))
            if src and src.get("kind") == SOURCE_KIND:
                urls.append(src.get("url"))
        for url in urls:
            if url:
                self._urls.setdefault(normalise_url(url), []).extend(norms)

    def _index_phrasing(self, i: int, norm: str) -> None:
        if norm in self._exact:
            return
        self._exact[norm] = i
        position = len(self._phrasings)
        self._phrasings.append((norm, i))
        for word in set(norm.split()):
            self._words.setdefault(word, []).append(position)

    def _find(self, norm: str) -> int | None:
        """The claim with this text, exactly or near enough (see :func:`same_claim`)."""
        found = self._exact.get(norm)
        if found is not None or not norm:
            return found
        from rapidfuzz import fuzz, process

        known = sorted((w for w in set(norm.split()) if w in self._words), key=lambda w: len(self._words[w]))
        candidates: dict[int, str] = {}
        for word in known[:3]:
            for position in self._words[word]:
                candidates[position] = self._phrasings[position][0]
        for _match, _score, position in process.extract(
            norm, candidates, scorer=fuzz.ratio, score_cutoff=SAME_CLAIM_RATIO, limit=5
        ):
            if same_claim(norm, candidates[position]):
                return self._phrasings[position][1]
        return None

    def _seen_url(self, url: str | None, norm: str) -> bool:
        """Whether this URL already gave us this claim (a page may review several claims)."""
        if not url:
            return False
        from rapidfuzz import fuzz

        return any(
            norm == seen or (fuzz.ratio(norm, seen) >= SAME_CLAIM_RATIO and same_claim(norm, seen))
            for seen in self._urls.get(normalise_url(url), ())
        )

    # ---- adding

    def skip(self, reason: Skip, count: int = 1) -> None:
        if count:
            self.report.skipped[reason] += count

    def add_object(self, obj: dict[str, Any]) -> None:
        """Add one ClaimReview object (already known to be one)."""
        self.report.reviews += 1
        review = parse_review(obj)
        if review is None:
            self.skip(Skip.NO_CLAIM)
        else:
            self.add(review)

    def add(self, review: Review) -> None:
        norm = normalise_text(review.text)
        if self._seen_url(review.url, norm):
            self.skip(Skip.DUPLICATE_URL)
            return
        found = self._find(norm)
        if found is None:
            self._import(review, norm)
        else:
            self._merge(found, review, norm)
        if review.url:
            self._urls.setdefault(normalise_url(review.url), []).append(norm)

    def _new_source(self, review: Review) -> dict[str, Any]:
        key = review.url or f"{review.publisher}\n{review.text}"
        base = f"{slug(review.publisher, 40) or 'review'}-{_short_hash(key)}"
        sid, n = base, 2
        while sid in self._sources:
            sid, n = f"{base}-{n}", n + 1
        source = {
            "id": sid,
            "title": review.title or f"{review.publisher} fact-check",
            "publisher": review.publisher,
            "kind": SOURCE_KIND,
            "reliability": self.reliability.value,
        }
        if review.url:
            source["url"] = review.url
        if review.date:
            source["date"] = review.date
        self._sources[sid] = source
        self.data["sources"].append(source)
        return source

    def _evidence(self, review: Review, source_id: str) -> list[dict[str, Any]]:
        """One quote of the review's explanation, when it takes a side; none for mixed/unproven."""
        if not review.explanation or not (review.rated.supported or review.rated.refuted):
            return []
        stance = Stance.SUPPORTS if review.rated.supported else Stance.CONTRADICTS
        return [{"source": source_id, "stance": stance.value, "excerpt": _lead(review.explanation)}]

    def _claim_id(self, text: str) -> str:
        base = slug(text) or f"claim-{_short_hash(text)}"
        cid, n = base, 2
        while cid in self._claim_ids:
            cid, n = f"{base}-{n}", n + 1
        self._claim_ids.add(cid)
        return cid

    def _import(self, review: Review, norm: str) -> None:
        source = self._new_source(review)
        if review.verdict is None:
            self.report.unmapped[review.label or "(no rating)"] += 1
        if review.explanation:
            lead = _lead(review.explanation)
            summary = lead if lead == review.explanation else lead + " \u2026"
        elif review.label:
            summary = f"Rated '{review.label}' by {review.publisher}."
        else:
            summary = f"Reviewed by {review.publisher}, with no rating."
        origin: dict[str, Any] = {"source": source["id"]}
        for key, value in (("url", review.url), ("rating", review.label), ("date", review.date)):
            if value:
                origin[key] = value
        if review.appearances:
            origin["appearances"] = list(review.appearances)
        claim: dict[str, Any] = {
            "id": self._claim_id(review.text),
            "text": review.text,
            "verdict": review.rated.value,
            "summary": summary,
        }
        aliases = [a for a in dict.fromkeys(review.aliases) if normalise_text(a) != norm]
        if aliases:
            claim["aliases"] = aliases
        claim["evidence"] = self._evidence(review, source["id"])
        claim["origin"] = origin
        i = len(self.data["claims"])
        self.data["claims"].append(claim)
        self._index_phrasing(i, norm)
        for alias in aliases:
            self._index_phrasing(i, normalise_text(alias))
        self.report.imported += 1

    def _merge(self, i: int, review: Review, norm: str) -> None:
        claim = self.data["claims"][i]
        changed = False
        if review.verdict is not None and review.verdict.value != claim["verdict"]:
            self.report.conflicts.append(Conflict(claim["id"], claim["verdict"], review.verdict.value, review.url))
        known = {normalise_text(p) for p in [claim["text"], *claim.get("aliases", ())]}
        for phrasing in (review.text, *review.aliases):
            pnorm = normalise_text(phrasing)
            if pnorm and pnorm not in known:
                claim.setdefault("aliases", []).append(phrasing)
                known.add(pnorm)
                self._index_phrasing(i, pnorm)
                changed = True
        publishers = {self._sources[e["source"]]["publisher"]
                      for e in claim.get("evidence", ()) if e.get("source") in self._sources}
        origin = claim.get("origin")
        if origin and origin.get("source") in self._sources:
            publishers.add(self._sources[origin["source"]]["publisher"])
        if review.publisher not in publishers and self._evidence(review, "?"):
            source = self._new_source(review)
            claim.setdefault("evidence", []).extend(self._evidence(review, source["id"]))
            changed = True
        if changed:
            if review.verdict is None:
                self.report.unmapped[review.label or "(no rating)"] += 1
            self.report.merged += 1
        else:
            self.skip(Skip.DUPLICATE_CLAIM)


def import_documents(
    documents: Iterable[Any], importer: Importer
) -> ImportReport:
    """Add every ClaimReview in ``documents``; the rest is counted as skipped."""
    other: Counter[str] = Counter()
    for document in documents:
        for obj in iter_claimreviews(document, other):
            importer.add_object(obj)
    importer.report.other_types.update(other)
    importer.skip(Skip.NOT_CLAIMREVIEW, sum(other.values()))
    return importer.report


def check_valid(data: dict[str, Any]) -> None:
    """Refuse to write a knowledge base the loader would reject (a bug if it ever fires)."""
    faults = validate(data)
    if faults:
        more = f" (and {len(faults) - 1} more)" if len(faults) > 1 else ""
        raise KnowledgeBaseError(f"the imported knowledge base would be invalid: {faults[0]}{more}")


# --------------------------------------------------------------------------- writing


def dumps(data: Any) -> str:
    """JSON as written to files and stdout: UTF-8, indented 2, ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json_atomic(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` to ``path`` whole or not at all (``-`` is stdout; links are followed,
    devices and FIFOs written through): see :func:`factcheck.files.write_text`."""
    from .files import write_text

    write_text(path, dumps(data))


# --------------------------------------------------------------------------- exporting


def rating(verdict: Verdict) -> dict[str, Any]:
    """Our verdict as a schema.org Rating on the 1-5 scale, labelled with our label."""
    return {
        "@type": "Rating",
        "ratingValue": SCALE[verdict],
        "bestRating": SCALE_BEST,
        "worstRating": SCALE_WORST,
        "alternateName": verdict.value,
    }


def to_claimreview(
    claim: Any, *, publisher: str = "factcheck", publisher_url: str | None = None,
    date: str | None = None, context: bool = True,
) -> dict[str, Any]:
    """One claim (a :class:`~factcheck.knowledge.Claim`) as a ClaimReview object."""
    author: dict[str, Any] = {"@type": "Organization", "name": publisher}
    if publisher_url:
        author["url"] = publisher_url
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.aliases:
        item["alternateName"] = list(claim.aliases)
    origin = claim.origin
    if origin and origin.appearances:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in origin.appearances]
    out: dict[str, Any] = {}
    if context:
        out["@context"] = SCHEMA_CONTEXT
    out["@type"] = "ClaimReview"
    out["claimReviewed"] = claim.text
    out["reviewRating"] = rating(claim.verdict)
    if claim.summary:
        out["ratingExplanation"] = claim.summary
    out["author"] = author
    published = (origin.date if origin else None) or date
    if published:
        out["datePublished"] = published
    if origin and origin.url:
        out["url"] = origin.url
    out["itemReviewed"] = item
    citations: dict[str, dict[str, Any]] = {}
    for ev in claim.evidence:
        s = ev.source
        if s.id in citations or (origin and s.id == origin.source):
            continue
        cite: dict[str, Any] = {"@type": "CreativeWork", "name": s.title}
        if s.publisher:
            cite["publisher"] = {"@type": "Organization", "name": s.publisher}
        if s.url:
            cite["url"] = s.url
        if s.date:
            cite["datePublished"] = s.date
        citations[s.id] = cite
    if citations:
        out["citation"] = list(citations.values())
    return out


def export(
    kb: KnowledgeBase, *, publisher: str = "factcheck", publisher_url: str | None = None,
    date: str | None = None, feed: bool = False,
) -> Any:
    """Every claim as ClaimReview JSON-LD: a list, or with ``feed`` a schema.org DataFeed."""
    reviews = [
        to_claimreview(c, publisher=publisher, publisher_url=publisher_url, date=date, context=not feed)
        for c in kb.claims
    ]
    if not feed:
        return reviews
    out: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": f"{publisher} fact-checks",
    }
    if date:
        out["dateModified"] = date
    out["dataFeedElement"] = [{"@type": "DataFeedItem", "item": r} for r in reviews]
    return out
