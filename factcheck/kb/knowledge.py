"""Load and validate a knowledge base into frozen dataclasses.

The format is documented in the README and in ``knowledge.schema.json``. Validation collects
every fault with a JSON path (``claims[12].evidence[0].source``) so that ``kb validate`` can list
them all; :func:`load` rejects a knowledge base with any fault, whole: nothing is half-loaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import KnowledgeBaseError
from ..labels import Polarity, polarity
from ..records import dataclass

FORMAT_VERSION = 1
ENV_VAR = "FACTCHECK_KB"


class Verdict(str, Enum):
    """A claim's rating, from true to false."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly-true"
    MIXED = "mixed"
    UNPROVEN = "unproven"
    MOSTLY_FALSE = "mostly-false"
    FALSE = "false"

    def flipped(self) -> Verdict:
        """The verdict of the opposite statement: true<->false, mostly-true<->mostly-false."""
        return _FLIP.get(self, self)

    @property
    def supported(self) -> bool:
        return polarity(self.value) is Polarity.SUPPORTED

    @property
    def refuted(self) -> bool:
        return polarity(self.value) is Polarity.REFUTED


_FLIP = {
    Verdict.TRUE: Verdict.FALSE,
    Verdict.FALSE: Verdict.TRUE,
    Verdict.MOSTLY_TRUE: Verdict.MOSTLY_FALSE,
    Verdict.MOSTLY_FALSE: Verdict.MOSTLY_TRUE,
}


class Stance(str, Enum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"

    def flipped(self) -> Stance:
        return Stance.CONTRADICTS if self is Stance.SUPPORTS else Stance.SUPPORTS


class Reliability(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Uncheckable:
    """A passage of a source document that no claim cites, and why (it is advice, a heading...)."""

    excerpt: str
    reason: str


@dataclass(frozen=True, slots=True)
class Source:
    """A source document the knowledge base quotes, and how far it is trusted."""

    id: str
    title: str
    publisher: str
    kind: str
    reliability: Reliability
    reliability_note: str = ""
    file: str | None = None
    url: str | None = None
    date: str | None = None
    # The passages of ``file`` that no claim cites, and why; None when the source has no coverage
    # map (then nothing holds its document to one).
    uncheckable: tuple[Uncheckable, ...] | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """An excerpt of a source that supports or contradicts a claim."""

    source: Source
    stance: Stance
    excerpt: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an imported claim came from: a published fact-check (for example ClaimReview)."""

    source: str
    url: str | None = None
    rating: str | None = None
    date: str | None = None
    appearances: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A rated claim: its text, verdict and summary, other ways to say it, and its evidence."""

    id: str
    text: str
    verdict: Verdict
    summary: str
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    origin: Origin | None = None

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The claim's text followed by its aliases: every way the knowledge base states it."""
        return (self.text, *self.aliases)


@dataclass(frozen=True)
class Concept:
    """A lexicon entry: the terms that name one thing, and the broader concepts it belongs to."""

    id: str
    terms: tuple[str, ...]
    broader: tuple[str, ...] = ()
    kind: str | None = None
    label: str | None = None
    means: tuple[str, ...] = ()  # a compound: "hypomagnesemia" means magnesium + deficiency

    @property
    def name(self) -> str:
        return self.label or (self.terms[0] if self.terms else self.id)


@dataclass(frozen=True)
class KnowledgeBase:
    """A loaded knowledge base: its sources, claims and concepts, and where it was read from."""

    version: int
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    concepts: tuple[Concept, ...] = ()
    path: str | None = None
    digest: str = ""
    _by_id: dict[str, Claim] = field(default_factory=dict, repr=False, compare=False)

    def claim(self, claim_id: str) -> Claim | None:
        if not self._by_id:
            self._by_id.update((c.id, c) for c in self.claims)
        return self._by_id.get(claim_id)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(frozen=True)
class Fault:
    """One problem in a knowledge base: where it is (a JSON path) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


# --------------------------------------------------------------------------- locating


def shipped_path() -> Path:
    """The knowledge base shipped with the package (inside an installed wheel, or the repo's)."""
    here = Path(__file__).resolve().parent.parent
    inside = here / "knowledge.json"
    return inside if inside.is_file() else here.parent / "knowledge.json"


def resolve_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--kb`` if given, else ``$FACTCHECK_KB``, else the shipped knowledge base."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env)
    return shipped_path()


# --------------------------------------------------------------------------- reading


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A knowledge base file's bytes, or a one-line KnowledgeBaseError saying why not."""
    from ..files import read_bytes as read

    return read(path, what="knowledge base", error=KnowledgeBaseError)


def decode(path: str | os.PathLike[str], raw: bytes) -> str:
    from ..files import decode as utf8

    return utf8(path, raw, error=KnowledgeBaseError)


def parse(path: str | os.PathLike[str], text: str) -> Any:
    """Parse JSON text strictly (see :func:`factcheck.files.loads`: no duplicate keys, no lone
    surrogates, no endless integers), with the file's line and column in any error."""
    from ..files import loads

    return loads(text, str(Path(path)), error=KnowledgeBaseError)


def read_json(path: str | os.PathLike[str]) -> tuple[Any, bytes]:
    """Parse a JSON file, turning every way it can fail into a one-line KnowledgeBaseError."""
    raw = read_bytes(path)
    return parse(path, decode(path, raw)), raw


def load_text(path: str | os.PathLike[str], raw: bytes, text: str) -> KnowledgeBase:
    """Validate and build a knowledge base from a file's bytes and decoded text."""
    data = parse(path, text)
    faults = validate(data)
    if faults:
        more = f" (and {len(faults) - 1} more; run 'factcheck kb validate')" if len(faults) > 1 else ""
        raise KnowledgeBaseError(f"{path}: invalid knowledge base: {faults[0]}{more}")
    import hashlib

    return build(data, path=str(path), digest=hashlib.sha256(raw).hexdigest())


def load(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Read, validate and build a knowledge base; any fault rejects it whole."""
    p = resolve_path(path)
    raw = read_bytes(p)
    return load_text(p, raw, decode(p, raw))


def from_dict(data: Any, *, path: str | None = None) -> KnowledgeBase:
    """Validate and build a knowledge base from already-parsed JSON data."""
    faults = validate(data)
    if faults:
        raise KnowledgeBaseError(f"invalid knowledge base: {faults[0]}")
    import hashlib

    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return build(data, path=path, digest=digest)


# --------------------------------------------------------------------------- validating

_SOURCE_FIELDS = {
    "id": str, "title": str, "publisher": str, "kind": str, "reliability": str,
    "reliability_note": str, "file": str, "url": str, "date": str, "uncheckable": list,
}
_UNCHECKABLE_FIELDS = {"excerpt": str, "reason": str}
_SOURCE_REQUIRED = ("id", "title", "publisher", "kind", "reliability")
_CLAIM_FIELDS = {
    "id": str, "text": str, "verdict": str, "summary": str, "aliases": list,
    "evidence": list, "origin": dict,
}
_CLAIM_REQUIRED = ("id", "text", "verdict", "summary", "evidence")
_EVIDENCE_FIELDS = {"source": str, "stance": str, "excerpt": str}
_ORIGIN_FIELDS = {"source": str, "url": str, "rating": str, "date": str, "appearances": list}
_CONCEPT_FIELDS = {
    "id": str, "terms": list, "broader": list, "kind": str, "label": str, "means": list,
}
_TOP_FIELDS = {"version": int, "sources": list, "claims": list, "concepts": list}

_TYPE_NAMES = {str: "a string", list: "an array", dict: "an object", int: "an integer"}


def _check_object(
    obj: Any, where: str, fields: Mapping[str, type], required: Iterable[str], faults: list[Fault]
) -> bool:
    if not isinstance(obj, dict):
        faults.append(Fault(where, f"must be an object, not {_json_type(obj)}"))
        return False
    for name in required:
        if name not in obj:
            faults.append(Fault(where, f"missing required field '{name}'"))
    for name, value in obj.items():
        expected = fields.get(name)
        if expected is None:
            faults.append(Fault(f"{where}.{name}" if where else name, "unknown field"))
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            faults.append(
                Fault(f"{where}.{name}" if where else name,
                      f"must be {_TYPE_NAMES[expected]}, not {_json_type(value)}")
            )
        elif expected is str and name in ("id", "text", "title", "excerpt", "source") \
                and isinstance(value, str) and not value.strip():
            faults.append(Fault(f"{where}.{name}" if where else name, "must not be empty"))
    return True


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _string_list(value: Any, where: str, faults: list[Fault]) -> list[str]:
    if not isinstance(value, list):
        return []
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            faults.append(Fault(f"{where}[{i}]", "must be a non-empty string"))
        else:
            out.append(item)
    return out


def _enum_value(value: Any, enum: type[Enum], where: str, faults: list[Fault]) -> None:
    if isinstance(value, str) and value not in _values(enum):
        allowed = ", ".join(e.value for e in enum)
        faults.append(Fault(where, f"unknown value '{value}' (expected one of: {allowed})"))


@cache
def _values(enum: type[Enum]) -> frozenset[str]:
    return frozenset(e.value for e in enum)


def validate(data: Any, claims: Iterable[Any] | None = None) -> list[Fault]:
    """Every fault in a parsed knowledge base, in document order; empty when it is valid.

    ``claims``, when given, stands for ``data["claims"]``: a caller streaming a large knowledge
    base passes its claims one at a time, so the whole document is never in memory at once.
    """
    faults: list[Fault] = []
    if not _check_object(data, "", _TOP_FIELDS, ("version", "sources", "claims"), faults):
        return faults
    if isinstance(data.get("version"), int) and data["version"] != FORMAT_VERSION:
        faults.append(Fault("version", f"unsupported format version {data['version']} (expected {FORMAT_VERSION})"))

    def items(name: str) -> list[Any]:
        value = data.get(name)
        return value if isinstance(value, list) else []  # (a wrong type is reported above)

    source_ids = _validate_sources(items("sources"), faults)
    _validate_concepts(items("concepts"), faults)
    count = _validate_claims(items("claims") if claims is None else claims, source_ids, faults)
    if isinstance(data.get("claims"), list) and not count:
        faults.append(Fault("claims", "must hold at least one claim"))
    return faults


def _validate_sources(sources: list[Any], faults: list[Fault]) -> set[str]:
    """Check the sources; their ids."""
    source_ids: set[str] = set()
    for i, src in enumerate(sources):
        where = f"sources[{i}]"
        if not _check_object(src, where, _SOURCE_FIELDS, _SOURCE_REQUIRED, faults):
            continue
        sid = src.get("id")
        if isinstance(sid, str):
            if sid in source_ids:
                faults.append(Fault(f"{where}.id", f"duplicate source id '{sid}'"))
            source_ids.add(sid)
        _enum_value(src.get("reliability"), Reliability, f"{where}.reliability", faults)
        entries = src.get("uncheckable")
        for k, entry in enumerate(entries if isinstance(entries, list) else ()):
            ew = f"{where}.uncheckable[{k}]"
            if _check_object(entry, ew, _UNCHECKABLE_FIELDS, ("excerpt", "reason"), faults):
                reason = entry.get("reason")
                if isinstance(reason, str) and not reason.strip():
                    faults.append(Fault(f"{ew}.reason", "must not be empty"))
    return source_ids


def _validate_concepts(concepts: list[Any], faults: list[Fault]) -> None:
    """Check the concepts, the concepts they name, and that 'broader' has no cycle."""
    concept_ids: set[str] = set()
    for i, con in enumerate(concepts):
        where = f"concepts[{i}]"
        if not _check_object(con, where, _CONCEPT_FIELDS, ("id", "terms"), faults):
            continue
        cid = con.get("id")
        if isinstance(cid, str):
            if cid in concept_ids:
                faults.append(Fault(f"{where}.id", f"duplicate concept id '{cid}'"))
            concept_ids.add(cid)
        terms = _string_list(con.get("terms"), f"{where}.terms", faults)
        if isinstance(con.get("terms"), list) and not terms and not con["terms"]:
            faults.append(Fault(f"{where}.terms", "must list at least one term"))
        _string_list(con.get("broader"), f"{where}.broader", faults)
        _string_list(con.get("means"), f"{where}.means", faults)
    for i, con in enumerate(concepts):
        if not isinstance(con, dict):
            continue
        for key in ("broader", "means"):
            if not isinstance(con.get(key), list):
                continue
            for j, b in enumerate(con[key]):
                if isinstance(b, str) and b not in concept_ids:
                    faults.append(Fault(f"concepts[{i}].{key}[{j}]", f"unknown concept '{b}'"))
                elif b == con.get("id"):
                    faults.append(Fault(f"concepts[{i}].{key}[{j}]", f"a concept cannot name itself in '{key}'"))
    faults.extend(_broader_cycles(concepts))


def _validate_claims(claims: Iterable[Any], source_ids: set[str], faults: list[Fault]) -> int:
    """Check the claims (read once, in order); how many there were."""
    claim_ids: set[str] = set()
    count = 0
    for i, claim in enumerate(claims):
        count += 1
        where = f"claims[{i}]"
        if not _check_object(claim, where, _CLAIM_FIELDS, _CLAIM_REQUIRED, faults):
            continue
        cid = claim.get("id")
        if isinstance(cid, str):
            if cid in claim_ids:
                faults.append(Fault(f"{where}.id", f"duplicate claim id '{cid}'"))
            claim_ids.add(cid)
        _enum_value(claim.get("verdict"), Verdict, f"{where}.verdict", faults)
        _string_list(claim.get("aliases"), f"{where}.aliases", faults)
        origin = claim.get("origin")
        if origin is not None and _check_object(origin, f"{where}.origin", _ORIGIN_FIELDS, ("source",), faults):
            if isinstance(origin.get("source"), str) and origin["source"] not in source_ids:
                faults.append(Fault(f"{where}.origin.source", f"unknown source '{origin['source']}'"))
            _string_list(origin.get("appearances"), f"{where}.origin.appearances", faults)
        _validate_evidence(claim.get("evidence"), origin, where, source_ids, faults)
    return count


def _validate_evidence(evidence: Any, origin: Any, where: str, source_ids: set[str], faults: list[Fault]) -> None:
    if not isinstance(evidence, list):
        return
    if not evidence and origin is None:
        faults.append(Fault(f"{where}.evidence",
                            "must not be empty (only imported claims, with an 'origin', may have no evidence)"))
    for j, ev in enumerate(evidence):
        ew = f"{where}.evidence[{j}]"
        if not _check_object(ev, ew, _EVIDENCE_FIELDS, ("source", "stance", "excerpt"), faults):
            continue
        if isinstance(ev.get("source"), str) and ev["source"] not in source_ids:
            faults.append(Fault(f"{ew}.source", f"unknown source '{ev['source']}'"))
        _enum_value(ev.get("stance"), Stance, f"{ew}.stance", faults)


def _broader_cycles(concepts: list[Any]) -> list[Fault]:
    graph = {
        c["id"]: [b for b in c.get("broader") or [] if isinstance(b, str)]
        for c in concepts
        if isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("broader", []), list)
    }
    faults, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = " -> ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else nxt
                faults.append(Fault("concepts", f"broader terms form a cycle: {cycle}"))
            elif nxt in graph and not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in graph:
        if not state.get(node):
            visit(node, [node])
    return faults


# --------------------------------------------------------------------------- building


def build_source(s: dict[str, Any]) -> Source:
    return Source(
        id=s["id"], title=s["title"], publisher=s["publisher"], kind=s["kind"],
        reliability=Reliability(s["reliability"]), reliability_note=s.get("reliability_note", ""),
        file=s.get("file"), url=s.get("url"), date=s.get("date"),
        uncheckable=None if s.get("uncheckable") is None
        else tuple(Uncheckable(u["excerpt"], u["reason"]) for u in s["uncheckable"]),
    )


def build_claim(c: dict[str, Any], sources: dict[str, Source]) -> Claim:
    origin = c.get("origin")
    return Claim(
        id=c["id"], text=c["text"], verdict=Verdict(c["verdict"]), summary=c["summary"],
        aliases=tuple(c.get("aliases") or ()),
        evidence=tuple(
            Evidence(sources[e["source"]], Stance(e["stance"]), e["excerpt"]) for e in c["evidence"]
        ),
        origin=Origin(
            source=origin["source"], url=origin.get("url"), rating=origin.get("rating"),
            date=origin.get("date"), appearances=tuple(origin.get("appearances") or ()),
        ) if origin else None,
    )


def build_concept(c: dict[str, Any]) -> Concept:
    return Concept(
        id=c["id"], terms=tuple(c["terms"]), broader=tuple(c.get("broader") or ()),
        kind=c.get("kind"), label=c.get("label"), means=tuple(c.get("means") or ()),
    )


def build(data: dict[str, Any], *, path: str | None = None, digest: str = "") -> KnowledgeBase:
    """Turn validated JSON data into dataclasses (call :func:`validate` first)."""
    sources = tuple(build_source(s) for s in data["sources"])
    by_id = {s.id: s for s in sources}
    return KnowledgeBase(
        version=data["version"], sources=sources,
        claims=tuple(build_claim(c, by_id) for c in data["claims"]),
        concepts=tuple(build_concept(c) for c in data.get("concepts") or ()),
        path=path, digest=digest,
    )


def to_dict(kb: KnowledgeBase) -> dict[str, Any]:
    """The JSON form of a knowledge base (the inverse of :func:`build`)."""

    def drop_none(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if v not in (None, "", (), [])}

    out: dict[str, Any] = {
        "version": kb.version,
        "sources": [
            drop_none({
                "id": s.id, "title": s.title, "publisher": s.publisher, "kind": s.kind,
                "reliability": s.reliability.value, "reliability_note": s.reliability_note,
                "file": s.file, "url": s.url, "date": s.date,
            }) | ({} if s.uncheckable is None else {
                "uncheckable": [{"excerpt": u.excerpt, "reason": u.reason} for u in s.uncheckable],
            })
            for s in kb.sources
        ],
    }
    if kb.concepts:
        out["concepts"] = [
            drop_none({"id": c.id, "label": c.label, "kind": c.kind, "terms": list(c.terms),
                       "broader": list(c.broader), "means": list(c.means)})
            for c in kb.concepts
        ]
    claims = []
    for c in kb.claims:
        d: dict[str, Any] = {"id": c.id, "text": c.text, "verdict": c.verdict.value, "summary": c.summary}
        if c.aliases:
            d["aliases"] = list(c.aliases)
        d["evidence"] = [
            {"source": e.source.id, "stance": e.stance.value, "excerpt": e.excerpt} for e in c.evidence
        ]
        if c.origin:
            d["origin"] = drop_none({
                "source": c.origin.source, "url": c.origin.url, "rating": c.origin.rating,
                "date": c.origin.date, "appearances": list(c.origin.appearances),
            })
        claims.append(d)
    out["claims"] = claims
    return out
