"""Build a FactChecker from a knowledge base file, reusing a cached index when it is safe to.

Tiny knowledge bases are simply loaded and indexed. Any other (over ``CACHE_MIN_BYTES``, the
shipped one included) is analysed once and its index saved in the user's cache directory
(``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``); later
runs read the index back and parse only the claims a check actually shows.

The cache file is keyed by the knowledge base's content (SHA-256) and by a fingerprint of the
engine's own source, so a change to either makes a new one. It holds JSON metadata and typed
numeric arrays, never pickle: loading it cannot run code. It is written to a temporary file and
renamed into place (atomic), and anything wrong with it (truncated, corrupt, another version)
makes it ignored and rebuilt. ``FACTCHECK_NO_CACHE=1`` turns caching off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from . import knowledge
from .knowledge import Claim, KnowledgeBase, Source

if TYPE_CHECKING:
    from .checker import FactChecker

CACHE_MIN_BYTES = 16 * 1024  # below this, indexing takes a few milliseconds: not worth a file
KEEP = 8  # cache files kept; the least recently used beyond this are removed
MAGIC = b"FCIDX\x02\n"  # then a CRC-32 of the rest of the file, 4 bytes little-endian
_ENGINE_MODULES = ("text.py", "lexicon.py", "analysis.py", "matching.py", "index.py", "cache.py",
                   "knowledge.py", "relations.py", "data/relations.tsv")


def load_checker(cls: type[FactChecker], path: str | os.PathLike[str] | None, *,
                 use_cache: bool = True) -> FactChecker:
    p = knowledge.resolve_path(path)
    raw = knowledge.read_bytes(p)
    text = knowledge.decode(p, raw)
    if not use_cache or len(raw) < CACHE_MIN_BYTES or _disabled():
        return cls(knowledge.load_text(p, raw, text))
    digest = hashlib.sha256(raw).hexdigest()
    file = cache_dir() / f"{digest[:40]}-{_engine_fingerprint()}.idx"
    restored = _read(cls, file, p, text, digest)
    if restored is not None:
        return restored
    data = knowledge.parse(p, text)
    faults = knowledge.validate(data)  # a broken knowledge base is never cached
    if faults:
        return cls(knowledge.load_text(p, raw, text))  # (raises the same error as without a cache)
    blob = _index_blob(data, text, digest)
    del data  # the parsed JSON is the biggest thing in memory; the index needs none of it
    if blob is None:
        return cls(knowledge.load_text(p, raw, text))
    _write(blob, file)
    checker = _restore(cls, blob, p, text, digest)
    return checker if checker is not None else cls(knowledge.load_text(p, raw, text))


def cache_dir() -> Path:
    explicit = os.environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return Path(base or Path.home() / ".cache") / "factcheck"


def _disabled() -> bool:
    return os.environ.get("FACTCHECK_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def _engine_fingerprint() -> str:
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _ENGINE_MODULES:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------- lazy views


class LazyClaims(Sequence[Claim]):
    """The claims of a knowledge base, each parsed from its JSON text only when it is used."""

    def __init__(self, text: str, offsets: array, sources: dict[str, Source]) -> None:
        self._text = text
        self._offsets = offsets
        self._sources = sources
        self._memo: dict[int, Claim] = {}

    def __len__(self) -> int:
        return len(self._offsets) // 2

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        claim = self._memo.get(i)
        if claim is None:
            start, end = self._offsets[2 * i], self._offsets[2 * i + 1]
            claim = knowledge.build_claim(json.loads(self._text[start:end]), self._sources)
            if len(self._memo) < 50_000:
                self._memo[i] = claim
        return claim

    def __iter__(self) -> Iterator[Claim]:
        for i in range(len(self)):
            yield self[i]


class _Postings:
    """term key -> [(claim, BM25 weight)], read from the arrays on demand."""

    def __init__(self, ids: dict[str, int], start: array, claims: array, weights: array) -> None:
        self._ids, self._start, self._claims, self._weights = ids, start, claims, weights

    def get(self, key: str, default=None):
        t = self._ids.get(key)
        if t is None:
            return default
        a, b = self._start[t], self._start[t + 1]
        return list(zip(self._claims[a:b], self._weights[a:b]))

    def __contains__(self, key: str) -> bool:
        return key in self._ids


class _DocFreq:
    def __init__(self, ids: dict[str, int], start: array) -> None:
        self._ids, self._start = ids, start

    def get(self, key: str, default: int = 0) -> int:
        t = self._ids.get(key)
        return default if t is None else self._start[t + 1] - self._start[t]

    def __contains__(self, key: str) -> bool:
        return key in self._ids


class _Phrasings:
    def __init__(self, first: array) -> None:
        self._first = first

    def __getitem__(self, claim: int) -> range:
        return range(self._first[claim], self._first[claim + 1])

    def __len__(self) -> int:
        return len(self._first) - 1


class _Docs(Sequence):
    """Analysed phrasings, rebuilt from term ids when the matcher asks for one."""

    def __init__(self, lexicon, terms: list[str], surfaces: list[str], arrays: dict[str, array]) -> None:
        self._lexicon = lexicon
        self._terms = terms
        self._surfaces = surfaces
        self._a = arrays
        self._memo: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._a["doc_claim"])

    def __getitem__(self, i):  # type: ignore[override]
        doc = self._memo.get(i)
        if doc is not None:
            return doc
        from .analysis import Analysis, Term
        from .matching import Doc

        a = self._a
        lo, hi = a["doc_start"][i], a["doc_start"][i + 1]
        terms = []
        for pos, (tid, sid) in enumerate(zip(a["doc_term"][lo:hi], a["doc_surf"][lo:hi])):
            key = self._terms[tid]
            if key.startswith("@"):
                kind = "concept"
                relation = self._lexicon.kind(key[1:]) == "relation" or self._lexicon.symmetric(key[1:])
            else:
                kind, relation = ("number" if key[:1].isdigit() else "word"), False
            terms.append(Term(key, kind, self._surfaces[sid], pos, relation))
        flags = a["doc_neg"][i]
        analysis = Analysis(normalised="", terms=tuple(terms), negated=bool(flags & 1),
                            cues=(), question=False, majority=bool(flags & 2))
        doc = Doc(a["doc_claim"][i], a["doc_phrasing"][i], analysis)
        if len(self._memo) < 100_000:
            self._memo[i] = doc
        return doc


# --------------------------------------------------------------------------- reading


def _read(cls, file: Path, path: Path, text: str, digest: str):
    try:
        blob = file.read_bytes()
    except OSError:
        return None
    try:
        return _restore(cls, blob, path, text, digest)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt, whatever is wrong
        return None


def _restore(cls, blob: bytes, path: Path, text: str, digest: str):
    from .index import Index
    from .lexicon import Lexicon

    import zlib

    if not blob.startswith(MAGIC):
        return None
    head = len(MAGIC) + 4
    if int.from_bytes(blob[len(MAGIC):head], "little") != zlib.crc32(memoryview(blob)[head:]):
        return None  # damaged on disk: flipped bits pass every structural check below
    meta_len = int.from_bytes(blob[head:head + 8], "little")
    meta = json.loads(blob[head + 8:head + 8 + meta_len].decode("utf-8"))
    if meta.get("digest") != digest or meta.get("byteorder") != sys.byteorder:
        return None
    arrays: dict[str, array] = {}
    offset = head + 8 + meta_len
    view = memoryview(blob)
    for name, code, count in meta["arrays"]:
        arr = array(code)
        size = arr.itemsize * count
        arr.frombytes(view[offset:offset + size])
        if len(arr) != count:
            return None
        arrays[name] = arr
        offset += size
    if offset != len(blob):
        return None
    n_claims, terms = meta["n_claims"], meta["terms"]
    if (len(arrays["claim_offsets"]) != 2 * n_claims or len(arrays["claim_first_doc"]) != n_claims + 1
            or len(arrays["post_start"]) != len(terms) + 1):
        return None

    sources = tuple(knowledge.build_source(s) for s in meta["sources"])
    by_id = {s.id: s for s in sources}
    kb = KnowledgeBase(
        version=meta["version"], sources=sources,
        claims=LazyClaims(text, arrays["claim_offsets"], by_id),  # type: ignore[arg-type]
        concepts=tuple(knowledge.build_concept(c) for c in meta["concepts"]),
        path=str(path), digest=digest,
    )
    lexicon = Lexicon.from_state(meta["lexicon"])
    ids = {t: i for i, t in enumerate(terms)}
    docs = _Docs(lexicon, terms, meta["surfaces"], arrays)
    index = Index.restore(
        docs=docs, n_claims=n_claims, lexicon=lexicon,
        phrasings=_Phrasings(arrays["claim_first_doc"]),
        df=_DocFreq(ids, arrays["post_start"]),
        postings=_Postings(ids, arrays["post_start"], arrays["post_claim"], arrays["post_weight"]),
    )
    return cls(kb, docs=docs, vocabulary=meta["vocabulary"], index=index, lexicon=lexicon)


# --------------------------------------------------------------------------- writing


def _write(blob: bytes, file: Path) -> None:
    """Save an index; any failure (read-only disk, no home) just means no cache."""
    try:
        import tempfile

        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".idx")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, file)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _prune(file.parent)
    except Exception:  # noqa: BLE001
        return


def _index_blob(data: dict[str, Any], text: str, digest: str) -> bytes | None:
    """Analyse a validated knowledge base straight into the cache's arrays.

    One claim at a time, so that memory holds the parsed JSON and compact arrays, never a
    hundred thousand Claim objects and millions of Term objects at once. The weights are the
    same BM25 weights as ``Index.__init__`` computes (a test compares the two paths).
    """
    from .analysis import Analyzer
    from .index import B, K1
    from .lexicon import Lexicon

    offsets = claim_offsets(text)
    claims = data["claims"]
    if offsets is None or len(offsets) != 2 * len(claims):
        return None
    concepts = [knowledge.build_concept(c) for c in data.get("concepts") or ()]
    lexicon = Lexicon(concepts)
    analyzer = Analyzer(lexicon)
    terms: dict[str, int] = {}
    surfaces: dict[str, int] = {}
    vocabulary: set[str] = set(w for w in lexicon.words if w.isalpha())
    a = {
        "claim_offsets": array("q", offsets),
        "claim_first_doc": array("q"),
        "doc_claim": array("i"), "doc_phrasing": array("i"), "doc_neg": array("b"),
        "doc_start": array("q", [0]), "doc_term": array("i"), "doc_surf": array("i"),
        "post_start": array("q"), "post_claim": array("i"), "post_weight": array("d"),
    }
    # Pass 1: analyse every phrasing; keep each claim's term counts as (term id, count) runs.
    tf_start, tf_term, tf_count, lengths = array("q", [0]), array("i"), array("i"), array("i")
    for c, claim in enumerate(claims):
        a["claim_first_doc"].append(len(a["doc_claim"]))
        counts: dict[int, int] = {}
        for ph, phrasing in enumerate([claim["text"], *(claim.get("aliases") or ())]):
            analysis = analyzer.analyse(phrasing, repair=False)
            vocabulary.update(w for w in analysis.normalised.split() if w.isalpha())
            a["doc_claim"].append(c)
            a["doc_phrasing"].append(ph)
            a["doc_neg"].append((1 if analysis.negated else 0) | (2 if analysis.majority else 0))
            for t in analysis.terms:
                tid = terms.setdefault(t.key, len(terms))
                a["doc_term"].append(tid)
                a["doc_surf"].append(surfaces.setdefault(t.surface, len(surfaces)))
                counts[tid] = counts.get(tid, 0) + 1
            a["doc_start"].append(len(a["doc_term"]))
        for tid, f in counts.items():
            tf_term.append(tid)
            tf_count.append(f)
        tf_start.append(len(tf_term))
        lengths.append(sum(counts.values()))
    a["claim_first_doc"].append(len(a["doc_claim"]))
    # Pass 2: postings grouped by term (a counting sort), with BM25 term-frequency weights.
    n_terms = len(terms)
    df = array("q", bytes(8 * (n_terms + 1)))
    for tid in tf_term:
        df[tid + 1] += 1
    for t in range(n_terms):
        df[t + 1] += df[t]
    a["post_start"] = array("q", df)
    fill = array("q", df[:-1])
    total = len(tf_term)
    a["post_claim"] = array("i", bytes(4 * total))
    a["post_weight"] = array("d", bytes(8 * total))
    avgdl = (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0
    for c in range(len(claims)):
        norm = K1 * (1 - B + B * lengths[c] / avgdl)
        for i in range(tf_start[c], tf_start[c + 1]):
            tid, f = tf_term[i], tf_count[i]
            slot = fill[tid]
            fill[tid] += 1
            a["post_claim"][slot] = c
            a["post_weight"][slot] = f * (K1 + 1) / (f + norm)
    meta = {
        "digest": digest, "byteorder": sys.byteorder, "version": data["version"],
        "n_claims": len(claims), "sources": data["sources"], "concepts": data.get("concepts", []),
        "terms": list(terms), "surfaces": list(surfaces), "vocabulary": sorted(vocabulary),
        "lexicon": lexicon.state(),
        "arrays": [[name, arr.typecode, len(arr)] for name, arr in a.items()],
    }
    meta_bytes = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    import zlib

    body = b"".join([len(meta_bytes).to_bytes(8, "little"), meta_bytes, *(arr.tobytes() for arr in a.values())])
    return MAGIC + zlib.crc32(body).to_bytes(4, "little") + body


def claim_offsets(text: str) -> list[int] | None:
    """[start, end, start, end, ...] of each claim object in the knowledge base's JSON text."""
    dec = json.JSONDecoder()
    ws = " \t\r\n"
    i = 0
    n = len(text)

    def skip(i: int) -> int:
        while i < n and text[i] in ws:
            i += 1
        return i

    i = skip(i)
    if i >= n or text[i] != "{":
        return None
    i += 1
    found: list[int] | None = None
    while True:
        i = skip(i)
        if i < n and text[i] == "}":
            return found
        key, i = dec.raw_decode(text, i)
        i = skip(i)
        if text[i] != ":":
            return None
        i = skip(i + 1)
        if key == "claims" and text[i] == "[":
            found = []
            i = skip(i + 1)
            while i < n and text[i] != "]":
                _, end = dec.raw_decode(text, i)
                found += [i, end]
                i = skip(end)
                if text[i] == ",":
                    i = skip(i + 1)
            i += 1
        else:
            _, i = dec.raw_decode(text, i)
        i = skip(i)
        if i < n and text[i] == ",":
            i += 1


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.idx"), key=lambda f: f.stat().st_atime, reverse=True)
    for f in files[KEEP:]:
        try:
            f.unlink()
        except OSError:
            pass
