"""Writing ClaimReview: :func:`export` turns a knowledge base into ClaimReview objects, and
:func:`write_json_atomic` writes a file whole or not at all."""

from __future__ import annotations

import json
import os
from typing import Any

from ..kb.knowledge import KnowledgeBase, Verdict
from .ratings import SCALE, SCALE_BEST, SCALE_WORST

SCHEMA_CONTEXT = "https://schema.org"


# --------------------------------------------------------------------------- writing


def dumps(data: Any) -> str:
    """JSON as written to files and stdout: UTF-8, indented 2, ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json_atomic(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` to ``path`` whole or not at all (``-`` is stdout; links are followed,
    devices and FIFOs written through): see :func:`factcheck.files.write_text`."""
    from ..files import write_text

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
    """One claim (a :class:`~factcheck.kb.knowledge.Claim`) as a ClaimReview object."""
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
