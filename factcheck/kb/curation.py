"""Curator tools: validate a knowledge base file (with excerpts checked against their documents),
warn about likely mistakes, count what it holds, and select claims.

Validation and linting walk the parsed JSON rather than the built dataclasses, so that one run of
``factcheck kb validate`` reports schema faults, excerpt faults and warnings together.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import NamedTuple
from ..result import Excerpt
from .coverage import UNMAPPED, excerpt_of, items_of, uncheckable_entries
from .knowledge import Claim, KnowledgeBase, Reliability, Stance, Verdict, read_json, validate

# Verbatim means verbatim, except that line breaks and runs of spaces differ between a document
# and a JSON string; NBSP is the one non-ASCII space that copy-paste from web pages brings along.
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
# Every sentence but the last ends at one of these (a table cell or a line may too): a text with
# fewer of them than _MAX_SENTENCES cannot be too long, and need not go through the splitter.
_STOPS = re.compile("[.!?|\n\u2026\u203d]")
_HEAD = re.compile(r"^(claims|sources|concepts)\[(\d+)\]")
_MAX_SENTENCES = 3


def fold_whitespace(text: str) -> str:
    """Runs of whitespace (and NBSP) as one space: the only difference an excerpt may have."""
    return _WHITESPACE.sub(" ", text)


def count_sentences(text: str) -> int:
    """How many sentences ``text`` holds, by the splitter ``scan`` uses (it knows "e.g." and "Dr.")."""
    from ..sentences import split_text

    return len(split_text(text))


@dataclass(frozen=True)
class Finding:
    """A fault or warning: a JSON path, a message, and the id of the item the path starts in."""

    where: str
    message: str
    subject: str = ""

    @property
    def location(self) -> str:
        """The path with the item's id after its index: ``claims[3] (some-id).evidence[1]``."""
        if not self.subject:
            return self.where
        head = _HEAD.match(self.where)
        if head is None:
            return self.where
        return f"{head.group(0)} ({self.subject}){self.where[head.end():]}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "id": self.subject or None, "message": self.message}


def _finding(data: Any, where: str, message: str) -> Finding:
    head = _HEAD.match(where)
    subject = ""
    if head and isinstance(data, dict):
        items = data.get(head.group(1))
        index = int(head.group(2))
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            value = items[index].get("id")
            subject = value if isinstance(value, str) else ""
    return Finding(where, message, subject)


def _strings(obj: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    value = obj.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                yield i, item


def _count(data: Any, key: str) -> int:
    items = data.get(key) if isinstance(data, dict) else None
    return len(items) if isinstance(items, list) else 0


# --------------------------------------------------------------------------- validating


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one knowledge-base file."""

    path: str
    faults: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    claims: int
    sources: int
    concepts: int
    excerpts: int
    documents: str | None = None  # the directory excerpts were checked against, if any
    verified: int = 0  # excerpts found verbatim in their documents

    @property
    def ok(self) -> bool:
        return not self.faults

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "valid": self.ok,
            "counts": {"claims": self.claims, "sources": self.sources,
                       "concepts": self.concepts, "excerpts": self.excerpts},
            "documents": self.documents,
            "verified": self.verified if self.documents is not None else None,
            "faults": [f.to_dict() for f in self.faults],
            "warnings": [w.to_dict() for w in self.warnings],
        }


def validate_file(
    path: str | os.PathLike[str], documents: str | os.PathLike[str] | None = None
) -> Validation:
    """Validate a knowledge-base file and lint it; with ``documents``, verify every excerpt.

    An unreadable file or one that is not JSON raises :class:`KnowledgeBaseError`; a missing
    documents directory raises :class:`InputError`. Everything else is a finding.
    """
    data, _ = read_json(path)
    faults = [_finding(data, f.where, f.message) for f in validate(data)]
    warnings = lint(data)
    verified = 0
    if documents is not None:
        excerpt_faults, excerpt_warnings, verified = verify_excerpts(data, documents)
        faults += excerpt_faults
        warnings += excerpt_warnings
        if not excerpt_faults:  # (a map drawn from misquoted excerpts would only repeat them)
            map_faults, map_warnings = check_coverage(data, documents)
            faults += map_faults
            warnings += map_warnings
    return Validation(
        path=str(path), faults=tuple(faults), warnings=tuple(warnings),
        claims=_count(data, "claims"), sources=_count(data, "sources"),
        concepts=_count(data, "concepts"),
        excerpts=sum(
            sum(isinstance(e, dict) for e in c["evidence"])
            for _, c in items_of(data, "claims") if isinstance(c.get("evidence"), list)
        ),
        documents=None if documents is None else str(documents), verified=verified,
    )


def verify_excerpts(
    data: Any, documents: str | os.PathLike[str]
) -> tuple[list[Finding], list[Finding], int]:
    """Check each excerpt is verbatim (whitespace folded) in its source's file under ``documents``.

    Returns (faults, warnings, number of excerpts verified). A source whose file is missing or
    unreadable is one fault; a source without a ``file`` gets a warning that its excerpts were
    not checked.
    """
    root = Path(documents)
    if not root.is_dir():
        raise InputError(
            f"documents directory not found: {root} (--documents names the folder holding the "
            f"files that the sources' 'file' fields name; the shipped knowledge base's five "
            f"documents are not in the repository, see 'Source documents' in docs/knowledge-base.md)"
        )
    found = _ExcerptCheck()
    docs = _read_documents(data, root, found)
    _check_claim_excerpts(data, docs, found)
    _check_uncheckable_excerpts(data, docs, found)
    warnings = [
        _finding(data, f"sources[{docs.index[sid]}]",
                 f"has no 'file', so its {n} excerpt{'s' if n != 1 else ''} could not be verified")
        for sid, n in found.unchecked.items()
    ]
    return found.faults, warnings, found.verified


@dataclass
class _Documents:
    """The sources' documents, each read once to check excerpts against."""

    index: dict[str, int] = field(default_factory=dict)  # source id -> its place in "sources"
    files: dict[str, str] = field(default_factory=dict)  # source id -> the file it names
    folded: dict[str, str | None] = field(default_factory=dict)  # its text folded; None: unusable


@dataclass
class _ExcerptCheck:
    """What checking excerpts has found so far: faults in the order met, excerpts verified, and
    per source without a file the excerpts that could not be checked."""

    faults: list[Finding] = field(default_factory=list)
    verified: int = 0
    unchecked: Counter[str] = field(default_factory=Counter)


class _Folded(NamedTuple):
    """A document read for checking: its text with whitespace folded, or None and why not."""

    text: str | None
    fault: str = ""


def _read_documents(data: Any, root: Path, found: _ExcerptCheck) -> _Documents:
    """Read the document of every source that names a ``file`` under ``root``; one that cannot
    be read is one fault. Sources without a usable id are skipped (the validator reports them)."""
    docs = _Documents()
    for i, src in items_of(data, "sources"):
        sid, file = src.get("id"), src.get("file")
        if not isinstance(sid, str) or sid in docs.index:
            continue  # the validator reports it
        docs.index[sid] = i
        if not isinstance(file, str) or not file.strip():
            continue
        docs.files[sid] = file
        folded = _fold_document(root, file)
        docs.folded[sid] = folded.text
        if folded.text is None:
            found.faults.append(_finding(data, f"sources[{i}].file", folded.fault))
    return docs


def _fold_document(root: Path, file: str) -> _Folded:
    """The document ``file`` under ``root`` as text with whitespace folded, or why it cannot be
    read: missing, not UTF-8, unreadable, or refused by the bounded reader."""
    try:
        if not (root / file).exists():
            raise FileNotFoundError
        return _Folded(fold_whitespace(_read_document(root / file).decode("utf-8-sig")))
    except InputError as exc:  # a device, a FIFO, too large: bounded reads refuse it
        return _Folded(None, str(exc))
    except FileNotFoundError:
        return _Folded(None, f"{file} not found in {root}")
    except UnicodeDecodeError as exc:
        return _Folded(None, f"{file} is not UTF-8 text (invalid byte at offset {exc.start})")
    except OSError as exc:
        return _Folded(None, f"cannot read {file}: {exc.strerror or exc}")


def _check_claim_excerpts(data: Any, docs: _Documents, found: _ExcerptCheck) -> None:
    """Look for every claim's evidence excerpts in their sources' documents: each found is
    verified, each not found a fault; those of a source without a file are counted unchecked."""
    for i, claim in items_of(data, "claims"):
        evidence = claim.get("evidence")
        for j, ev in enumerate(evidence if isinstance(evidence, list) else ()):
            if not isinstance(ev, dict):
                continue
            sid, excerpt = ev.get("source"), ev.get("excerpt")
            if sid not in docs.index or not isinstance(excerpt, str) or not excerpt.strip():
                continue  # the validator reports it
            if sid not in docs.files:
                found.unchecked[sid] += 1
                continue
            text = docs.folded[sid]
            if text is None:
                continue  # the missing file is already one fault
            quote = fold_whitespace(excerpt).strip()
            if quote in text:
                found.verified += 1
            else:
                found.faults.append(_finding(
                    data, f"claims[{i}].evidence[{j}].excerpt", _not_found(quote, text, docs.files[sid])
                ))


def _check_uncheckable_excerpts(data: Any, docs: _Documents, found: _ExcerptCheck) -> None:
    """Look for the excerpts a source lists as not checkable in its own document: each not
    found is a fault (they are not counted as verified)."""
    for i, src in items_of(data, "sources"):
        sid = src.get("id")
        doc = docs.folded.get(sid) if isinstance(sid, str) else None
        if not isinstance(sid, str) or sid not in docs.files or doc is None:
            continue
        for k, excerpt, _ in uncheckable_entries(src):
            quote = fold_whitespace(excerpt).strip()
            if quote not in doc:
                found.faults.append(_finding(
                    data, f"sources[{i}].uncheckable[{k}].excerpt", _not_found(quote, doc, docs.files[sid])
                ))


def check_coverage(data: Any, documents: str | os.PathLike[str]) -> tuple[list[Finding], list[Finding]]:
    """Hold each source that has an ``uncheckable`` list to a complete coverage map.

    A sentence or table row of its document that no excerpt quotes and no entry lists is a
    fault; an entry whose every sentence some claim cites anyway is a warning (it has gone stale).
    """
    from .coverage import coverage

    faults: list[Finding] = []
    warnings: list[Finding] = []
    declared = {i for i, src in items_of(data, "sources") if isinstance(src.get("uncheckable"), list)}
    if not declared:
        return faults, warnings
    for source in coverage(data, documents).sources:
        if source.index not in declared:
            continue
        where = f"sources[{source.index}].uncheckable"
        for m in source.units:
            if m.status == UNMAPPED:
                u = m.unit
                faults.append(_finding(data, where, (
                    f"{source.file} line {u.line}, column {u.column} is neither cited by a claim nor "
                    f"listed as not checkable: {excerpt_of(u.text)!r}"
                )))
        for k, _, _ in uncheckable_entries(data["sources"][source.index]):
            touched = [m for m in source.units if k in m.listed]
            if touched and all(m.claims for m in touched):
                claims = ", ".join(dict.fromkeys(c for m in touched for c in m.claims))
                warnings.append(_finding(
                    data, f"{where}[{k}]",
                    f"is listed as not checkable, but every sentence of it is cited (by {claims})",
                ))
    return faults, warnings


def _not_found(quote: str, text: str, file: str) -> str:
    """The fault message for a quote missing from a document, saying where it stops matching."""
    lo, hi = 0, len(quote)  # the longest prefix in the text: presence is monotonic in length
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    message = f"not found verbatim in {file}"
    cut = quote.rfind(" ", 0, lo) + 1 or lo  # show the difference from the start of its word
    if cut >= 10:  # a shorter common start says nothing useful about where the quote went wrong
        at = text.find(quote[:cut]) + cut
        message += (
            f" (the first {cut} of its {len(quote)} characters match; then it has "
            f"{quote[cut:cut + 24]!r} where the document has {text[at:at + 24]!r})"
        )
    return message


# --------------------------------------------------------------------------- linting


_WORD = re.compile(r"[^\W_]+")


def _phrase_key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def lint(data: Any) -> list[Finding]:
    """Likely mistakes that are not faults: repeated phrasings, long excerpts, shared terms,
    sources that nothing cites."""
    warnings: list[Finding] = []

    seen: dict[str, tuple[int, str]] = {}  # phrasing -> (claim index, path)
    cited: set[str] = set()
    for i, claim in items_of(data, "claims"):
        phrasings = []
        if isinstance(claim.get("text"), str) and claim["text"].strip():
            phrasings.append((f"claims[{i}].text", claim["text"]))
        phrasings += [(f"claims[{i}].aliases[{k}]", a) for k, a in _strings(claim, "aliases")]
        for where, phrase in phrasings:
            key = _phrase_key(phrase)
            if not key:
                continue
            if key in seen:
                other_index, other_where = seen[key]
                other = "this claim's " + other_where.split(".", 1)[1] if other_index == i \
                    else _finding(data, other_where, "").location
                warnings.append(_finding(data, where, f"repeats {other}"))
            else:
                seen[key] = (i, where)
        evidence = claim.get("evidence")
        for j, ev in enumerate(evidence if isinstance(evidence, list) else ()):
            if not isinstance(ev, dict):
                continue
            if isinstance(ev.get("source"), str):
                cited.add(ev["source"])
            excerpt = ev.get("excerpt")
            if (
                isinstance(excerpt, str)
                and len(_STOPS.findall(excerpt)) >= _MAX_SENTENCES
                and (n := count_sentences(excerpt)) > _MAX_SENTENCES
            ):
                warnings.append(_finding(
                    data, f"claims[{i}].evidence[{j}].excerpt",
                    f"{n} sentences long; quote at most {_MAX_SENTENCES}, the ones that bear on the claim",
                ))
        origin = claim.get("origin")
        if isinstance(origin, dict) and isinstance(origin.get("source"), str):
            cited.add(origin["source"])

    for i, src in items_of(data, "sources"):
        if isinstance(src.get("id"), str) and src["id"] not in cited:
            warnings.append(_finding(data, f"sources[{i}]", "is cited by no evidence and no origin"))

    terms: dict[str, int] = {}  # term -> index of the first concept listing it
    for i, con in items_of(data, "concepts"):
        for k, term in _strings(con, "terms"):
            key = fold_whitespace(term).strip().casefold()
            first = terms.setdefault(key, i)
            kinds = {data["concepts"][first].get("kind"), con.get("kind")}
            if first != i and "unit" not in kinds:
                # (a unit may share a term: it is read as the unit only after a number)
                other = _finding(data, f"concepts[{first}]", "").location
                warnings.append(_finding(
                    data, f"concepts[{i}].terms[{k}]", f"term {term!r} is also a term of {other}"
                ))
    return warnings


# --------------------------------------------------------------------------- counting


@dataclass(frozen=True)
class SourceCount:
    id: str
    reliability: Reliability
    supports: int
    contradicts: int

    @property
    def total(self) -> int:
        return self.supports + self.contradicts


@dataclass(frozen=True)
class Stats:
    """What a knowledge base holds, counted."""

    claims_by_verdict: tuple[tuple[Verdict, int], ...]
    sources_by_reliability: tuple[tuple[Reliability, int], ...]
    evidence_by_stance: tuple[tuple[Stance, int], ...]
    evidence_by_source: tuple[SourceCount, ...]
    concepts_by_kind: tuple[tuple[str | None, int], ...]
    without_aliases: tuple[str, ...]  # ids of claims stated only once
    imported: int  # claims with an origin

    @property
    def claims(self) -> int:
        return sum(n for _, n in self.claims_by_verdict)

    @property
    def sources(self) -> int:
        return len(self.evidence_by_source)

    @property
    def evidence(self) -> int:
        return sum(n for _, n in self.evidence_by_stance)

    @property
    def concepts(self) -> int:
        return sum(n for _, n in self.concepts_by_kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": {
                "total": self.claims,
                "by_verdict": {v.value: n for v, n in self.claims_by_verdict},
                "imported": self.imported,
                "without_aliases": len(self.without_aliases),
                "without_aliases_ids": list(self.without_aliases),
            },
            "sources": {
                "total": self.sources,
                "by_reliability": {r.value: n for r, n in self.sources_by_reliability},
            },
            "evidence": {
                "total": self.evidence,
                "by_stance": {s.value: n for s, n in self.evidence_by_stance},
                "by_source": {
                    s.id: {"reliability": s.reliability.value, "supports": s.supports,
                           "contradicts": s.contradicts, "total": s.total}
                    for s in self.evidence_by_source
                },
            },
            "concepts": {
                "total": self.concepts,
                "by_kind": {k if k is not None else "": n for k, n in self.concepts_by_kind},
            },
        }


def stats(kb: KnowledgeBase) -> Stats:
    """Count claims by verdict, sources by reliability, evidence by stance and source, concepts by kind."""
    verdicts = Counter(c.verdict for c in kb.claims)
    reliabilities = Counter(s.reliability for s in kb.sources)
    stances = Counter(e.stance for c in kb.claims for e in c.evidence)
    per_source = Counter((e.source.id, e.stance) for c in kb.claims for e in c.evidence)
    kinds = Counter(c.kind for c in kb.concepts)
    return Stats(
        claims_by_verdict=tuple((v, verdicts[v]) for v in Verdict),
        sources_by_reliability=tuple((r, reliabilities[r]) for r in Reliability),
        evidence_by_stance=tuple((s, stances[s]) for s in Stance),
        evidence_by_source=tuple(
            SourceCount(s.id, s.reliability, per_source[s.id, Stance.SUPPORTS],
                        per_source[s.id, Stance.CONTRADICTS])
            for s in kb.sources
        ),
        concepts_by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0] or "\uffff"))),
        without_aliases=tuple(c.id for c in kb.claims if not c.aliases),
        imported=sum(c.origin is not None for c in kb.claims),
    )


# --------------------------------------------------------------------------- selecting


def cited_sources(claim: Claim) -> tuple[str, ...]:
    """The ids of the sources a claim's evidence and origin cite, in order, once each."""
    ids = [e.source.id for e in claim.evidence]
    if claim.origin is not None:
        ids.append(claim.origin.source)
    return tuple(dict.fromkeys(ids))


def select(
    kb: KnowledgeBase, verdicts: Iterable[Verdict] = (), source: str | None = None
) -> list[Claim]:
    """The claims with one of ``verdicts`` (any, if none) that cite ``source`` (any, if None)."""
    wanted = set(verdicts)
    return [
        c for c in kb.claims
        if (not wanted or c.verdict in wanted) and (source is None or source in cited_sources(c))
    ]


def similar_claims(kb: KnowledgeBase, query: str, limit: int = 3) -> list[str]:
    """Ids of the claims whose id or text is closest to ``query``, for a 'did you mean' hint."""
    from rapidfuzz import fuzz, process

    best: dict[str, float] = {}
    ids = [c.id for c in kb.claims]
    texts = [c.text for c in kb.claims]
    for choices in (ids, texts):
        for _, score, index in process.extract(
            query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60,
            processor=lambda s: s.casefold(),
        ):
            best[ids[index]] = max(score, best.get(ids[index], 0.0))
    return sorted(best, key=lambda cid: -best[cid])[:limit]


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim's line in ``kb list --format json|jsonl``."""
    return {"id": claim.id, "verdict": claim.verdict.value, "text": claim.text,
            "sources": list(cited_sources(claim))}


def claim_detail(claim: Claim) -> dict[str, Any]:
    """A claim in full for ``kb show --format json``: evidence with its sources spelled out."""

    def excerpts(stance: Stance) -> list[dict[str, Any]]:
        return [Excerpt(e.source, e.excerpt).to_dict() for e in claim.evidence if e.stance is stance]

    origin = claim.origin
    return {
        "id": claim.id,
        "text": claim.text,
        "verdict": claim.verdict.value,
        "summary": claim.summary,
        "aliases": list(claim.aliases),
        "supporting": excerpts(Stance.SUPPORTS),
        "contradicting": excerpts(Stance.CONTRADICTS),
        "origin": None if origin is None else {
            "source": origin.source, "url": origin.url, "rating": origin.rating,
            "date": origin.date, "appearances": list(origin.appearances),
        },
    }


def _read_document(path: Path) -> bytes:
    from ..files import read_bytes

    return read_bytes(path, what="document")
