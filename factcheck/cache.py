"""Build a FactChecker from a knowledge base file, reusing a cached index when it is safe to.

Tiny knowledge bases are simply loaded and indexed. Any other (over ``CACHE_MIN_BYTES``, the
shipped one included) is analysed once and its index (what :class:`~factcheck.index.IndexBuilder`
made, nothing else) saved in the user's cache directory (``$FACTCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``).

Loading costs what a run uses, not what the knowledge base weighs:

- **Keyed cheaply.** A small key file, named after the knowledge base's path and the engine's
  files, records the knowledge base's size, modification time and inode with its SHA-256, and
  the index file's own size, time and inode. When they all still match, neither file is read
  whole; otherwise the knowledge base is hashed (the content is the real key) and the index
  file's CRC-32 checked before it is trusted.
- **Mapped, not copied.** The index file is ``mmap``-ed; its arrays are ``memoryview`` casts of
  the mapping, read in place by the index, and shared between worker processes.
- **Claims decoded when shown.** The knowledge base's JSON is not read at all: a claim is read
  from the file (by its byte offsets, saved in the index) and parsed only when a result shows it.

The index file is named by the knowledge base's digest and a fingerprint of the whole engine:
every file of the package (code and data), so any change to the engine makes a new one. It holds
JSON metadata and typed numeric arrays, never pickle: loading it cannot run code. It is written
to a temporary file and renamed into place (atomic), and anything wrong with it (truncated,
corrupt, another version) makes it ignored and rebuilt. ``FACTCHECK_NO_CACHE=1`` turns caching
off.

Building streams a large knowledge base claim by claim (validated, analysed and dropped), so its
peak memory is the JSON text and the compact arrays, never the whole parsed document.
"""

from __future__ import annotations

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
    from .index import IndexData

CACHE_MIN_BYTES = 16 * 1024  # below this, indexing takes a few milliseconds: not worth a file
KEEP = 8  # index files kept; the least recently used beyond this are removed
KEEP_KEYS = 64  # key files kept
MAGIC = b"FCIDX\x03\n\x00"  # then a CRC-32 of the rest of the file, 4 bytes little-endian
_ALIGN = 8
#: Files of the package that are not the engine: the shipped knowledge base is keyed by its
#: own digest, and its schema is read by nothing that builds an index.
_NOT_ENGINE = frozenset({"knowledge.json", "knowledge.schema.json"})


def load_checker(cls: type[FactChecker], path: str | os.PathLike[str] | None, *,
                 use_cache: bool = True) -> FactChecker:
    p = knowledge.resolve_path(path)
    if not use_cache or _disabled():
        return cls(knowledge.load(p))
    try:
        st = os.stat(p)
    except OSError:
        return cls(knowledge.load(p))  # (raises the error that says why)
    if st.st_size < CACHE_MIN_BYTES or not _is_file(st):
        return cls(knowledge.load(p))
    folder = cache_dir()
    keyfile = folder / f"{_name_hash(str(p.resolve()) + _engine_stamp())}.key"
    key = _read_key(keyfile)
    if key is not None and key.get("kb") == _stat_sig(st) and key.get("path") == str(p.resolve()):
        checker = _open(cls, folder / key["index"], p, key["digest"], key.get("index_stat"), st)
        if checker is not None:
            return checker
    raw = knowledge.read_bytes(p)
    text = knowledge.decode(p, raw)
    digest = _sha256(raw)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    del raw
    name = f"{digest[:40]}-{_engine_fingerprint()}.idx"
    file = folder / name
    unchanged = _stat_sig(st) == _stat_sig_of(p)
    checker = _open(cls, file, p, digest, None, st)
    if checker is None:
        built = _build(p, text, digest, bom)
        if built is None:  # not valid, or laid out oddly: the plain way says what is wrong
            return cls(knowledge.load(p))
        blob = b"".join(built)
        del built, text
        if _write(blob, file):
            checker = _open(cls, file, p, digest, None, st)
        if checker is None:  # no cache directory: the same index, from memory
            checker = _from_blob(cls, memoryview(blob), p, digest, st, trusted=True)
            if checker is None:
                return cls(knowledge.load(p))
    if unchanged:
        _write_key(keyfile, {"path": str(p.resolve()), "kb": _stat_sig(st), "digest": digest, "index": name,
                             "index_stat": _stat_sig_of(file)})
    return checker


def cache_dir() -> Path:
    explicit = os.environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return Path(base or Path.home() / ".cache") / "factcheck"


def _disabled() -> bool:
    return os.environ.get("FACTCHECK_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def _is_file(st: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(st.st_mode)


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _name_hash(text: str) -> str:
    """A file name for a key (not a security boundary: the key file's content is checked, and
    hashlib would cost a run more to import than everything else here)."""
    import zlib

    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def _stat_sig(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev]


def _stat_sig_of(path: Path) -> list[int] | None:
    try:
        return _stat_sig(os.stat(path))
    except OSError:
        return None


# --------------------------------------------------------------------------- the engine's identity

_engine: dict[str, Any] = {}


def engine_files() -> list[Path]:
    """Every file of the package that can change what an index holds: all its code and data."""
    here = Path(__file__).resolve().parent
    found = []
    for folder, dirs, files in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for f in sorted(files):
            if f.endswith((".pyc", ".pyo")) or f.startswith(".") or (folder == str(here) and f in _NOT_ENGINE):
                continue
            found.append(Path(folder) / f)
    return found


def _engine_stamp() -> str:
    """Cheap: the engine files' names, sizes and modification times (names the key file)."""
    if "stamp" not in _engine:
        here = Path(__file__).resolve().parent
        parts = []
        for f in engine_files():
            try:
                st = f.stat()
            except OSError:
                continue
            parts.append(f"{f.relative_to(here).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
        _engine["stamp"] = "\n".join(parts)
    return _engine["stamp"]


def _engine_fingerprint() -> str:
    """The engine files' content (names the index file): a change to any makes a new index."""
    if "fingerprint" not in _engine:
        import hashlib

        here = Path(__file__).resolve().parent
        h = hashlib.sha256()
        for f in engine_files():
            h.update(f.relative_to(here).as_posix().encode() + b"\0")
            try:
                h.update(f.read_bytes())
            except OSError:
                pass
            h.update(b"\0")
        _engine["fingerprint"] = h.hexdigest()[:16]
    return _engine["fingerprint"]


# --------------------------------------------------------------------------- key files


def _read_key(file: Path) -> dict[str, Any] | None:
    try:
        key = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    ok = (isinstance(key, dict) and isinstance(key.get("digest"), str)
          and isinstance(key.get("index"), str) and "/" not in key["index"] and "\\" not in key["index"]
          and key["index"].endswith(".idx"))
    return key if ok else None


def _write_key(file: Path, key: dict[str, Any]) -> None:
    _write(json.dumps(key).encode(), file, keep=KEEP_KEYS)


# --------------------------------------------------------------------------- lazy claims


class LazyClaims(Sequence[Claim]):
    """The claims of a knowledge base, each read from its file and parsed only when it is used.

    ``offsets`` are byte offsets [start, end, start, end, ...] into the file as it was when the
    index was made; the file's size and modification time are checked before each read, so a
    knowledge base changed on disk in the meantime is an error, never a wrong claim.
    """

    def __init__(self, path: Path, offsets: Sequence[int], sources: dict[str, Source],
                 stamp: list[int]) -> None:
        self._path = path
        self._offsets = offsets
        self._sources = sources
        self._stamp = stamp[:2]
        self._fd: int | None = None
        self._memo: dict[int, Claim] = {}

    def __len__(self) -> int:
        return len(self._offsets) // 2

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        claim = self._memo.get(i)
        if claim is None:
            start, end = self._offsets[2 * i], self._offsets[2 * i + 1]
            claim = knowledge.build_claim(json.loads(self._read(start, end)), self._sources)
            if len(self._memo) < 50_000:
                self._memo[i] = claim
        return claim

    def __iter__(self) -> Iterator[Claim]:
        for i in range(len(self)):
            yield self[i]

    def _read(self, start: int, end: int) -> bytes:
        from .errors import KnowledgeBaseError

        try:
            if self._fd is None:
                self._fd = os.open(self._path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            st = os.fstat(self._fd)
            if [st.st_size, st.st_mtime_ns] == self._stamp:
                if hasattr(os, "pread"):
                    return os.pread(self._fd, end - start, start)
                with open(self._path, "rb") as f:
                    f.seek(start)
                    return f.read(end - start)
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read knowledge base {self._path}: {exc.strerror or exc}") from None
        raise KnowledgeBaseError(f"knowledge base {self._path} changed while in use: run again")

    def __del__(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass

    def __getstate__(self) -> dict[str, Any]:  # a file descriptor does not travel
        state = dict(self.__dict__)
        state["_fd"] = None
        return state


# --------------------------------------------------------------------------- reading


def _open(cls, file: Path, path: Path, digest: str, trusted_stat, kb_stat):
    """A checker over the index in ``file`` (mapped), or None when it is missing or unusable.

    The CRC-32 is checked unless the file is exactly the one this key file recorded."""
    import mmap

    try:
        with open(file, "rb") as f:
            st = os.fstat(f.fileno())
            if st.st_size < len(MAGIC) + 16:
                return None
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        return _from_blob(cls, memoryview(mapped), path, digest, kb_stat,
                          trusted=trusted_stat is not None and trusted_stat == _stat_sig(st))
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt, whatever is wrong
        return None


def _from_blob(cls, view: memoryview, path: Path, digest: str, kb_stat, trusted: bool):
    from .index import ARRAYS, Index, IndexData
    from .lexicon import Lexicon

    if bytes(view[:len(MAGIC)]) != MAGIC:
        return None
    head = len(MAGIC) + 8
    if not trusted:
        import zlib

        if int.from_bytes(view[len(MAGIC):len(MAGIC) + 4], "little") != zlib.crc32(view[head:]):
            return None  # damaged on disk: flipped bits pass every structural check below
    meta_len = int.from_bytes(view[head:head + 8], "little")
    meta = json.loads(bytes(view[head + 8:head + 8 + meta_len]).decode("utf-8"))
    if meta.get("digest") != digest or meta.get("byteorder") != sys.byteorder:
        return None
    arrays: dict[str, Any] = {}
    offset = _aligned(head + 8 + meta_len)
    for name, code, count in meta["arrays"]:
        size = array(code).itemsize * count
        if offset + size > len(view):
            return None
        arrays[name] = view[offset:offset + size].cast(code) if size else array(code)
        offset = _aligned(offset + size)
    if offset != len(view) or [n for n, _ in ARRAYS] + ["claim_bytes"] != list(arrays):
        return None
    n_claims, terms = meta["n_claims"], meta["terms"]
    if (len(arrays["claim_bytes"]) != 2 * n_claims or len(arrays["claim_first_doc"]) != n_claims + 1
            or len(arrays["post_start"]) != len(terms) + 1
            or len(arrays["doc_start"]) != len(arrays["doc_claim"]) + 1):
        return None

    sources = tuple(knowledge.build_source(s) for s in meta["sources"])
    by_id = {s.id: s for s in sources}
    kb = KnowledgeBase(
        version=meta["version"], sources=sources,
        claims=LazyClaims(path, arrays.pop("claim_bytes"), by_id, _stat_sig(kb_stat)),  # type: ignore[arg-type]
        concepts=tuple(knowledge.build_concept(c) for c in meta["concepts"]),
        path=str(path), digest=digest,
    )
    lexicon = Lexicon.from_state(meta["lexicon"])
    index = Index(IndexData(n_claims, terms, meta["surfaces"], arrays), lexicon)
    return cls(kb, docs=index.docs, vocabulary=meta["vocabulary"], index=index, lexicon=lexicon)


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


# --------------------------------------------------------------------------- writing


def _write(blob: bytes, file: Path, keep: int = KEEP) -> bool:
    """Save a file atomically; any failure (read-only disk, no home) just means no cache."""
    try:
        import tempfile

        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=file.suffix)
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
        _prune(file.parent, file.suffix, keep)
        return True
    except Exception:  # noqa: BLE001
        return False


def _build(path: Path, text: str, digest: str, bom: int) -> list[bytes] | None:
    """Analyse a knowledge base's claims one at a time straight into the index's arrays, and lay
    them out as a cache file's parts; None when the knowledge base is invalid, or when its
    claims do not come last (then the plain loader reports or builds it)."""
    from .analysis import Analyzer
    from .index import IndexBuilder
    from .lexicon import Lexicon

    layout = _top_level(text)
    if layout is None:
        return None
    head, claims_at = layout
    if not isinstance(head.get("concepts", []), list) or not isinstance(head.get("sources"), list):
        return None
    try:  # (a concept of the wrong shape is reported by validate() below)
        lexicon = Lexicon([knowledge.build_concept(c) for c in head.get("concepts") or ()])
    except Exception:  # noqa: BLE001
        return None
    analyzer = Analyzer(lexicon)
    builder = IndexBuilder()
    vocabulary: set[str] = set(w for w in lexicon.words if w.isalpha())
    offsets = array("q")
    state = {"bytes": bom, "chars": 0, "n": 0, "broken": False}

    def claims() -> Iterator[Any]:
        for c, (obj, start, end) in enumerate(_array_items(text, claims_at)):
            state["bytes"] += _utf8_len(text, state["chars"], start)
            offsets.append(state["bytes"])
            state["bytes"] += _utf8_len(text, start, end)
            offsets.append(state["bytes"])
            state["chars"] = end
            state["n"] = c + 1
            yield obj
            phrasings = [obj.get("text"), *(obj.get("aliases") or ())] if isinstance(obj, dict) else [None]
            if not all(isinstance(t, str) for t in phrasings) or not isinstance(obj.get("aliases", []), list):
                state["broken"] = True
                continue
            for ph, phrasing in enumerate(phrasings):
                analysis = analyzer.analyse(phrasing, repair=False)
                vocabulary.update(w for w in analysis.normalised.split() if w.isalpha())
                builder.add(c, ph, analysis)

    try:
        faults = knowledge.validate({**head, "claims": []}, claims=claims())
    except ValueError:  # not JSON after all
        return None
    if faults or state["broken"] or not state["n"]:
        return None
    data = builder.finish(state["n"])
    del builder
    return _layout(data, offsets, head, digest, lexicon, sorted(vocabulary))


def _layout(data: IndexData, claim_bytes: array, head: dict[str, Any], digest: str, lexicon,
            vocabulary: list[str]) -> list[bytes]:
    from .index import ARRAYS

    arrays = [*(data.arrays[name] for name, _ in ARRAYS), claim_bytes]
    names = [*(name for name, _ in ARRAYS), "claim_bytes"]
    meta = {
        "digest": digest, "byteorder": sys.byteorder, "version": head["version"],
        "n_claims": data.n_claims, "sources": head["sources"], "concepts": head.get("concepts", []),
        "terms": list(data.terms), "surfaces": list(data.surfaces), "vocabulary": vocabulary,
        "lexicon": lexicon.state(),
        "arrays": [[name, arr.typecode, len(arr)] for name, arr in zip(names, arrays)],
    }
    meta_bytes = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    parts = [len(meta_bytes).to_bytes(8, "little"), meta_bytes]
    size = len(MAGIC) + 8 + 8 + len(meta_bytes)
    for arr in arrays:
        pad = _aligned(size) - size
        parts += [b"\0" * pad, arr.tobytes()]
        size += pad + len(arr) * arr.itemsize
    parts.append(b"\0" * (_aligned(size) - size))
    import zlib

    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return [MAGIC, crc.to_bytes(4, "little"), b"\0" * 4, *parts]


def _utf8_len(text: str, start: int, end: int) -> int:
    piece = text[start:end]
    return len(piece) if piece.isascii() else len(piece.encode("utf-8", "surrogatepass"))


_WS = " \t\r\n"


def _top_level(text: str) -> tuple[dict[str, Any], int] | None:
    """The top-level members of a knowledge base's JSON before ``claims`` (parsed), and where
    the claims array starts; None unless ``claims`` is the last member (the usual layout)."""
    dec = json.JSONDecoder()
    n = len(text)
    i = _skip(text, 0)
    if i >= n or text[i] != "{":
        return None
    i += 1
    head: dict[str, Any] = {}
    try:
        while True:
            i = _skip(text, i)
            if i >= n or text[i] != '"':
                return None
            key, i = dec.raw_decode(text, i)
            i = _skip(text, i)
            if i >= n or text[i] != ":":
                return None
            i = _skip(text, i + 1)
            if key == "claims":
                return (head, i) if i < n and text[i] == "[" and key not in head else None
            if key in head:
                return None
            head[key], i = dec.raw_decode(text, i)
            i = _skip(text, i)
            if i < n and text[i] == ",":
                i += 1
            else:
                return None
    except ValueError:
        return None


def _array_items(text: str, i: int) -> Iterator[tuple[Any, int, int]]:
    """(value, start, end) of each item of the JSON array at ``text[i]``, which must be the last
    member of the top-level object; ValueError when it is not well-formed."""
    dec = json.JSONDecoder()
    n = len(text)
    i = _skip(text, i + 1)
    if i < n and text[i] == "]":
        i += 1
    else:
        while True:
            obj, end = dec.raw_decode(text, i)
            yield obj, i, end
            i = _skip(text, end)
            if i < n and text[i] == ",":
                i = _skip(text, i + 1)
                continue
            if i < n and text[i] == "]":
                i += 1
                break
            raise ValueError("malformed claims array")
    i = _skip(text, i)
    if i >= n or text[i] != "}" or _skip(text, i + 1) != n:
        raise ValueError("text after the claims")


def _skip(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _WS:
        i += 1
    return i


def _prune(folder: Path, suffix: str, keep: int) -> None:
    files = []
    for f in folder.glob(f"*{suffix}"):
        try:
            files.append((f.stat().st_atime, f))
        except OSError:
            pass
    files.sort(key=lambda t: t[0], reverse=True)
    for _, f in files[keep:]:
        try:
            f.unlink()
        except OSError:
            pass
