"""Reading ClaimReview: :func:`parse_text` turns a file's text (one object, an array, a
``DataFeed``, an ``@graph`` wrapper, a Google Fact Check Tools response, or JSON Lines of any of
those) into documents; :func:`iter_claimreviews` walks them; :func:`parse_review` maps one
ClaimReview onto a :class:`Review`."""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..kb.knowledge import Verdict
from .ratings import _lead_clause, rate, written_label

# --------------------------------------------------------------------------- reading


def read_text(path: str | os.PathLike[str]) -> str:
    """A file's text, every way of failing turned into a one-line InputError."""
    from ..files import read_text as read

    return read(path)


def parse_text(text: str, name: str) -> list[Any]:
    """The JSON documents in a text: one JSON value, or JSON Lines (one value per line).

    A syntax error is reported as ``name:line:col`` of the offending character.
    """
    from ..files import loads

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
    return _distinct_texts(value, "name", "legalName")


def _urls(value: Any) -> list[str]:
    return _distinct_texts(value, "url", "@id")


def _distinct_texts(value: Any, *keys: str) -> list[str]:
    """The texts of an object, a list of objects or strings, or a string: of an object, its
    first key with a value; each text once, in order."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = _text(next((item.get(k) for k in keys if item.get(k)), None)) if isinstance(item, dict) else _text(item)
        if text and text not in out:
            out.append(text)
    return out


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


