"""Merging reviews into a knowledge base: :class:`Importer` adds reviews to a knowledge base's JSON
data, deduplicating by review URL and by near-identical claim text, and keeps an
:class:`ImportReport`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import KnowledgeBaseError
from ..kb.knowledge import FORMAT_VERSION, Reliability, Stance, validate
from .reading import Review, _lead, iter_claimreviews, parse_review

SOURCE_KIND = "fact-check"
#: How far to trust an imported review unless ``--reliability`` says otherwise.
DEFAULT_RELIABILITY = Reliability.MEDIUM
#: Fuzzy threshold (RapidFuzz ``fuzz.ratio`` on normalised text) for "the same claim".
SAME_CLAIM_RATIO = 95.0


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


