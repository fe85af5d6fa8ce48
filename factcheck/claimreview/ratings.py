"""The rating table: a ClaimReview's rating (a written label or a number on a scale) as one of
the knowledge base's verdicts, and a verdict as a rating on the 1-5 scale (documented in the
README, "ClaimReview")."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from ..kb.knowledge import Verdict

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


