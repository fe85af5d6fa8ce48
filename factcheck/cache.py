"""Build a FactChecker from a knowledge base file, reusing a cached index when it is safe to.

Tiny knowledge bases are simply loaded and indexed. Any other (over ``CACHE_MIN_BYTES``, the
shipped one included) is analysed once and its index saved in the user's cache directory
(``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck`` if that is an absolute path, else
``~/.cache/factcheck``; with no home directory at all, no cache); later runs read the index back
and parse only the claims a check actually shows.

The cache file is keyed by the knowledge base's content (SHA-256) and by a fingerprint of the
engine's own source, so a change to either makes a new one. It holds JSON metadata and typed
numeric arrays, never pickle: loading it cannot run code. It is written to a temporary file and
renamed into place (atomic); temporaries left by a killed build are removed after an hour.

A cache file is data from disk, not a friend. It is opened only if it is a regular file (never
through a symbolic link, never a device or FIFO), owned by the user and writable by no one else,
and no larger than a bound set by the knowledge base's size; its structure is checked (every
index within its array) before use; and anything wrong with it (truncated, corrupt, inconsistent,
another version) makes it ignored and rebuilt. Nothing shown to the user comes from it: claims,
sources, concepts and the version are parsed from the knowledge base's own text, and the
concept names the index uses must agree with them. ``FACTCHECK_NO_CACHE=1`` turns caching off.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
import sys
import time
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from . import knowledge
from .errors import FactcheckError
from .knowledge import Claim, KnowledgeBase, Source

if TYPE_CHECKING:
    from .checker import FactChecker

CACHE_MIN_BYTES = 16 * 1024  # below this, indexing takes a few milliseconds: not worth a file
KEEP = 8  # cache files kept; the least recently used beyond this are removed
STALE_SECONDS = 3600  # a temporary file this old is a build that died: removed
MAGIC = b"FCIDX\x03\n"  # then a CRC-32 of the rest of the file, 4 bytes little-endian
#: The typed arrays a cache holds, with their type codes (anything else is not our cache).
ARRAYS = {
    "claim_offsets": "q", "claim_first_doc": "q", "doc_claim": "i", "doc_phrasing": "i",
    "doc_neg": "b", "doc_start": "q", "doc_term": "i", "doc_surf": "i", "post_start": "q",
    "post_claim": "i", "post_weight": "d",
}
_ENGINE_MODULES = ("text.py", "lexicon.py", "analysis.py", "matching.py", "index.py", "cache.py",
                   "knowledge.py", "data/confusables.tsv")


def load_checker(cls: type[FactChecker], path: str | os.PathLike[str] | None, *,
                 use_cache: bool = True) -> FactChecker:
    p = knowledge.resolve_path(path)
    raw = knowledge.read_bytes(p)
    text = knowledge.decode(p, raw)
    if not use_cache or len(raw) < CACHE_MIN_BYTES or _disabled():
        return cls(knowledge.load_text(p, raw, text))
    folder = cache_dir()
    if folder is None:
        return cls(knowledge.load_text(p, raw, text))
    digest = hashlib.sha256(raw).hexdigest()
    file = folder / f"{digest[:40]}-{_engine_fingerprint()}.idx"
    restored = _read(cls, file, p, text, digest, len(raw))
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
    checker = _restore(cls, blob, p, text, digest, file)
    return checker if checker is not None else cls(knowledge.load_text(p, raw, text))


def cache_dir() -> Path | None:
    """Where index files go, or None when there is nowhere (no home directory)."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):  # the XDG spec: a relative path is invalid, ignore it
        return Path(base) / "factcheck"
    try:
        home = Path.home()  # $HOME, else the password database
    except (RuntimeError, KeyError, OSError):
        return None  # no HOME and a user id with no entry: run without a cache
    if not home.is_absolute():
        return None
    return home / ".cache" / "factcheck"


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
#
# Each view checks every index it follows before following it (a few comparisons per claim or
# term looked at; checking millions of entries up front would cost more than the cache saves).
# A cache that fails a check raises CacheInconsistent, and the checker rebuilds its index from
# the knowledge base (see _guarded).


class CacheInconsistent(FactcheckError):
    """The index cache disagrees with itself or with the knowledge base.

    A check recovers from it at once (see _guarded); anywhere else it is one line on stderr,
    and the cache file is gone, so the next run rebuilds it.
    """

    def __init__(self, message: str = "the index cache was inconsistent and has been removed; "
                                      "run the command again (it rebuilds the index)") -> None:
        super().__init__(message)


def _need(ok: bool) -> None:
    if not ok:
        raise CacheInconsistent


class LazyClaims(Sequence[Claim]):
    """The claims of a knowledge base, each parsed from its JSON text only when it is used."""

    def __init__(self, text: str, offsets: array, sources: dict[str, Source],
                 on_inconsistent=None) -> None:
        self._on_inconsistent = on_inconsistent  # (drops the cache file)
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
            if not 0 <= i < len(self):
                raise IndexError(i)
            start, end = self._offsets[2 * i], self._offsets[2 * i + 1]
            try:
                _need(0 <= start < end <= len(self._text) and self._text[start] == "{"
                      and self._text[end - 1] == "}")
                claim = knowledge.build_claim(json.loads(self._text[start:end]), self._sources)
            except Exception:  # noqa: BLE001 - a span that is not one whole claim
                if self._on_inconsistent is not None:
                    self._on_inconsistent()
                raise CacheInconsistent from None
            if len(self._memo) < 50_000:
                self._memo[i] = claim
        return claim

    def __iter__(self) -> Iterator[Claim]:
        for i in range(len(self)):
            yield self[i]


def _span(start: array, t: int, size: int) -> tuple[int, int]:
    a, b = start[t], start[t + 1]
    _need(0 <= a <= b <= size)
    return a, b


class _Postings:
    """term key -> [(claim, BM25 weight)], read from the arrays on demand."""

    def __init__(self, ids: dict[str, int], start: array, claims: array, weights: array,
                 n_claims: int) -> None:
        self._ids, self._start, self._claims, self._weights = ids, start, claims, weights
        self._n = n_claims
        self._checked: set[int] = set()

    def get(self, key: str, default=None):
        t = self._ids.get(key)
        if t is None:
            return default
        a, b = _span(self._start, t, len(self._claims))
        if t not in self._checked and a < b:
            part = self._claims[a:b]
            _need(min(part) >= 0 and max(part) < self._n)
            _need(math.isfinite(sum(self._weights[a:b])))
            self._checked.add(t)
        return list(zip(self._claims[a:b], self._weights[a:b]))

    def __contains__(self, key: str) -> bool:
        return key in self._ids


class _DocFreq:
    def __init__(self, ids: dict[str, int], start: array, size: int) -> None:
        self._ids, self._start, self._size = ids, start, size

    def get(self, key: str, default: int = 0) -> int:
        t = self._ids.get(key)
        if t is None:
            return default
        a, b = _span(self._start, t, self._size)
        return b - a

    def __contains__(self, key: str) -> bool:
        return key in self._ids


class _Phrasings:
    def __init__(self, first: array, n_docs: int) -> None:
        self._first = first
        self._n_docs = n_docs

    def __getitem__(self, claim: int) -> range:
        _need(0 <= claim < len(self._first) - 1)
        return range(*_span(self._first, claim, self._n_docs))

    def __len__(self) -> int:
        return len(self._first) - 1


class _Docs(Sequence):
    """Analysed phrasings, rebuilt from term ids when the matcher asks for one."""

    def __init__(self, lexicon, terms: list[str], surfaces: list[str], arrays: dict[str, array],
                 n_claims: int) -> None:
        self._lexicon = lexicon
        self._terms = terms
        self._surfaces = surfaces
        self._a = arrays
        self._n_claims = n_claims
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
        _need(0 <= i < len(self))
        lo, hi = _span(a["doc_start"], i, len(a["doc_term"]))
        n_terms, n_surfaces = len(self._terms), len(self._surfaces)
        terms = []
        for pos, (tid, sid) in enumerate(zip(a["doc_term"][lo:hi], a["doc_surf"][lo:hi])):
            _need(0 <= tid < n_terms and 0 <= sid < n_surfaces)
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
        claim = a["doc_claim"][i]
        _need(0 <= claim < self._n_claims and a["doc_phrasing"][i] >= 0)
        doc = Doc(claim, a["doc_phrasing"][i], analysis)
        if len(self._memo) < 100_000:
            self._memo[i] = doc
        return doc


_GUARDED: dict[type, type] = {}


def _guarded(cls: type[FactChecker]) -> type[FactChecker]:
    """A subclass of ``cls`` whose check rebuilds the index from the knowledge base (and drops
    the cache file) the moment the cached index is found inconsistent, then checks again."""
    sub = _GUARDED.get(cls)
    if sub is None:
        def check(self, statement, **kwargs):
            try:
                return cls.check(self, statement, **kwargs)
            except CacheInconsistent:
                fresh = self._rebuild_from_kb()
                self.__class__ = cls
                self.__dict__.clear()
                self.__dict__.update(fresh.__dict__)
                return cls.check(self, statement, **kwargs)

        sub = type(cls.__name__, (cls,), {"check": check, "__module__": cls.__module__,
                                          "__qualname__": cls.__qualname__, "__doc__": cls.__doc__})
        _GUARDED[cls] = sub
    return sub


# --------------------------------------------------------------------------- reading


def _read(cls, file: Path, path: Path, text: str, digest: str, kb_bytes: int):
    blob = _read_file(file, limit=32 * kb_bytes + (16 << 20))
    if blob is None:
        return None
    try:
        return _restore(cls, blob, path, text, digest, file)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt, whatever is wrong
        return None


def _read_file(file: Path, *, limit: int) -> bytes | None:
    """The cache file's bytes if it is a regular file of ours no larger than ``limit``, else None.

    Opened without following a symbolic link and without waiting on a FIFO; a device, a file
    someone else owns or may write, or a file larger than any index of this knowledge base
    could be, is never read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(file, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit or st.st_mode & 0o022:
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None
        parts, total = [], 0
        while total <= st.st_size:
            chunk = os.read(fd, st.st_size + 1 - total)  # (one read, as a rule)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
        return None if total != st.st_size else b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)


def _restore(cls, blob: bytes, path: Path, text: str, digest: str, file: Path | None = None):
    from .index import Index
    from .lexicon import Lexicon

    import zlib

    if not blob.startswith(MAGIC):
        return None
    head = len(MAGIC) + 4
    if int.from_bytes(blob[len(MAGIC):head], "little") != zlib.crc32(memoryview(blob)[head:]):
        return None  # damaged on disk: flipped bits pass every structural check below
    meta_len = int.from_bytes(blob[head:head + 8], "little")
    if meta_len > len(blob):
        return None
    meta = json.loads(blob[head + 8:head + 8 + meta_len].decode("utf-8"))
    if not isinstance(meta, dict) or meta.get("digest") != digest or meta.get("byteorder") != sys.byteorder:
        return None
    arrays: dict[str, array] = {}
    offset = head + 8 + meta_len
    view = memoryview(blob)
    for name, code, count in meta["arrays"]:
        if ARRAYS.get(name) != code or name in arrays or not isinstance(count, int) or count < 0:
            return None
        arr = array(code)
        size = arr.itemsize * count
        arr.frombytes(view[offset:offset + size])
        if len(arr) != count:
            return None
        arrays[name] = arr
        offset += size
    if offset != len(blob) or set(arrays) != set(ARRAYS):
        return None
    n_claims, terms = meta["n_claims"], meta["terms"]
    if not _consistent(meta, arrays):
        return None  # a valid checksum over inconsistent contents: rebuilt, never trusted

    # What the user reads comes from the knowledge base's text, not from the cache.
    top = _top_values(text, meta["top"], arrays["claim_offsets"])
    if top is None:
        return None
    sources = tuple(knowledge.build_source(s) for s in top["sources"])
    concepts = tuple(knowledge.build_concept(c) for c in top.get("concepts") or ())
    lexicon = Lexicon.from_state(meta["lexicon"])
    if not _lexicon_agrees(lexicon, concepts):
        return None
    by_id = {s.id: s for s in sources}

    def drop() -> None:
        if file is not None:
            try:
                file.unlink()  # the next run writes a good one
            except OSError:
                pass

    kb = KnowledgeBase(
        version=top["version"], sources=sources,
        claims=LazyClaims(text, arrays["claim_offsets"], by_id, drop),  # type: ignore[arg-type]
        concepts=concepts, path=str(path), digest=digest,
    )
    ids = {t: i for i, t in enumerate(terms)}
    docs = _Docs(lexicon, terms, meta["surfaces"], arrays, n_claims)
    n_posts = len(arrays["post_claim"])
    index = Index.restore(
        docs=docs, n_claims=n_claims, lexicon=lexicon,
        phrasings=_Phrasings(arrays["claim_first_doc"], len(docs)),
        df=_DocFreq(ids, arrays["post_start"], n_posts),
        postings=_Postings(ids, arrays["post_start"], arrays["post_claim"], arrays["post_weight"], n_claims),
    )
    checker = _guarded(cls)(kb, docs=docs, vocabulary=meta["vocabulary"], index=index, lexicon=lexicon)

    def rebuild() -> FactChecker:
        drop()
        return cls(knowledge.build(knowledge.parse(path, text), path=str(path), digest=digest))

    checker._rebuild_from_kb = rebuild  # type: ignore[attr-defined]
    return checker


def _consistent(meta: dict[str, Any], a: dict[str, array]) -> bool:
    """The cache's arrays have the lengths its metadata implies (cheap: no entry is read; the
    views check each index as they follow it)."""
    n, terms, surfaces = meta.get("n_claims"), meta.get("terms"), meta.get("surfaces")
    vocabulary = meta.get("vocabulary")
    if not isinstance(n, int) or n < 1 or not all(isinstance(x, list) for x in (terms, surfaces, vocabulary)):
        return False
    try:  # every entry a string (join runs in C and raises on anything else)
        "".join(terms), "".join(surfaces), "".join(vocabulary)
    except TypeError:
        return False
    n_docs, n_terms, n_posts = len(a["doc_claim"]), len(a["doc_term"]), len(a["post_claim"])
    return (len(a["claim_offsets"]) == 2 * n and len(a["claim_first_doc"]) == n + 1
            and len(a["doc_phrasing"]) == n_docs and len(a["doc_neg"]) == n_docs
            and len(a["doc_start"]) == n_docs + 1 and len(a["doc_surf"]) == n_terms
            and len(a["post_start"]) == len(terms) + 1 and len(a["post_weight"]) == n_posts)


def _top_values(text: str, spans: Any, offsets: array) -> dict[str, Any] | None:
    """The knowledge base's version, sources and concepts, parsed from its own text at the
    places the cache names, each checked to be that key's value at the top level."""
    if not isinstance(spans, dict) or not {"version", "sources"} <= spans.keys():
        return None
    first, last = offsets[0], offsets[-1]
    out: dict[str, Any] = {}
    for key, span in spans.items():
        if key not in ("version", "sources", "concepts") or not isinstance(span, list) or len(span) != 2:
            return None
        a, b = span
        if not (isinstance(a, int) and isinstance(b, int) and 0 < a < b <= len(text)):
            return None
        if not (b <= first or a >= last):  # inside the claims array
            return None
        if not re.search(f'"{key}"\\s*:\\s*$', text[max(0, a - 64):a]):
            return None
        out[key] = json.loads(text[a:b])
    if type(out["version"]) is not int or not isinstance(out["sources"], list):
        return None
    if not isinstance(out.get("concepts", []), list):
        return None
    return out


def _lexicon_agrees(lexicon: Any, concepts: tuple[Any, ...]) -> bool:
    """The cached lexicon names exactly the knowledge base's concepts, as it does."""
    known = {c.id: (c.kind, c.name) for c in concepts}
    if {cid: (info.kind, info.name) for cid, info in lexicon.concepts.items()} != known:
        return False
    return (all(type(v) is str and v in known for v in lexicon.phrases.values())
            and all(all(v in known for v in vs) for vs in lexicon.alternates.values())
            and all(set(info.ancestors) <= known.keys() and set(info.parts) <= known.keys()
                    for info in lexicon.concepts.values())
            and all(type(w) is str for w in lexicon.words))


# --------------------------------------------------------------------------- writing


def _write(blob: bytes, file: Path) -> None:
    """Save an index; any failure (read-only disk, no home) just means no cache."""
    try:
        import tempfile

        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
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

    found = layout(text)
    claims = data["claims"]
    if found is None or len(found[0]) != 2 * len(claims) or not {"version", "sources"} <= found[1].keys():
        return None
    offsets, top = found
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
        "digest": digest, "byteorder": sys.byteorder, "n_claims": len(claims),
        "top": {k: list(v) for k, v in top.items() if k in ("version", "sources", "concepts")},
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
    found = layout(text)
    return None if found is None else found[0]


def layout(text: str) -> tuple[list[int], dict[str, tuple[int, int]]] | None:
    """Where each claim object is ([start, end, ...]) and where every other top-level value is
    ({key: (start, end)}) in the knowledge base's JSON text."""
    dec = json.JSONDecoder()
    tops: dict[str, tuple[int, int]] = {}
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
            return None if found is None else (found, tops)
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
            start = i
            _, i = dec.raw_decode(text, i)
            tops[key] = (start, i)
        i = skip(i)
        if i < n and text[i] == ",":
            i += 1


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently used index files; remove temporaries of builds that died."""
    files = sorted(folder.glob("*.idx"), key=lambda f: f.stat().st_atime, reverse=True)
    stale = time.time() - STALE_SECONDS
    for f in files[KEEP:]:
        try:
            f.unlink()
        except OSError:
            pass
    for f in folder.glob(".tmp-*.idx"):
        try:
            if f.lstat().st_mtime < stale:  # a build killed mid-write (SIGKILL runs no cleanup)
                f.unlink()
        except OSError:
            pass
