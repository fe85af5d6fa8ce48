"""Build a FactChecker from a knowledge base file, reusing a cached index when it is safe to.

Tiny knowledge bases are simply loaded and indexed. Any other (over ``CACHE_MIN_BYTES``, the
shipped one included) is analysed once and its index (what :class:`~factcheck.engine.index.IndexBuilder`
made, nothing else) saved in the user's cache directory (``$FACTCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/factcheck`` if that is an absolute path, else ``~/.cache/factcheck``; with no
home directory at all, no cache).

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
off. Temporaries left by a killed build are removed after an hour.

A cache file is data from disk, not a friend. The index file and the key file are opened only if
they are regular files (never through a symbolic link, never a device or FIFO), owned by the user
and writable by no one else, and no larger than a bound (for the index, set by the knowledge
base's size); both are written private. The index's structure is checked on load (array lengths
against its metadata) and every index it holds is checked as it is followed (see
:class:`CheckedIndex`); anything inconsistent raises :class:`CacheInconsistent`, the cache file is
dropped, and a check rebuilds its index from the knowledge base at once. Nothing shown to the
user comes from it: claims are read from the knowledge base's own bytes, and so are its version,
sources and concepts (the part of the file before the claims), and the concept names the cached
lexicon uses must agree with them.

Building streams a large knowledge base claim by claim (validated, analysed and dropped), so its
peak memory is the JSON text and the compact arrays, never the whole parsed document. With two
cores free (on Linux), a forked second process indexes the first part of the claims meanwhile
and sends its arrays back; :meth:`IndexBuilder.extend` joins the parts, giving the very bytes a
one-process build gives.
"""

from __future__ import annotations

import json
import math
import os
import sys
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from ..errors import FactcheckError
from ..kb import knowledge
from ..kb.knowledge import Claim, KnowledgeBase, Source
from ..records import NamedTuple
from .index import Index, IndexBuilder, Phrasings, StoredDocs

if TYPE_CHECKING:
    from .index import IndexData

#: The checker class to build (checker.FactChecker or a subclass), passed in by FactChecker.load:
#: the cache is below the checker and does not import it (that would be an import cycle).
CheckerClass = type[Any]

CACHE_MIN_BYTES = 16 * 1024  # below this, indexing takes a few milliseconds: not worth a file
KEEP = 8  # index files kept; the least recently used beyond this are removed
KEEP_KEYS = 64  # key files kept
KEY_MAX_BYTES = 64 * 1024  # a key file is a few hundred bytes; anything larger is not ours
STALE_SECONDS = 3600  # a temporary file this old is a build that died: removed
MAGIC = b"FCIDX\x03\n\x00"  # then a CRC-32 of the rest of the file, 4 bytes little-endian
_ALIGN = 8
#: A knowledge base this long (in characters) is indexed by two processes when two cores are free:
#: a second process takes the claims in the first WORKER_SHARE of the text (this one validates
#: every claim, and indexes the rest).
PARALLEL_MIN_CHARS = 4_000_000
WORKER_SHARE = 0.55
#: Files of the package that are not the engine: the shipped knowledge base is keyed by its
#: own digest, and its schema is read by nothing that builds an index.
_NOT_ENGINE = frozenset({"knowledge.json", "knowledge.schema.json"})


def load_checker(cls: CheckerClass, path: str | os.PathLike[str] | None, *,
                 use_cache: bool = True) -> Any:
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
    if folder is None:  # nowhere to keep one (no home directory): the plain way
        return cls(knowledge.load(p))
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


def cache_dir() -> Path | None:
    """Where cache files go, or None when there is nowhere (no home directory)."""
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
    return [Path(full) for _, full in _engine_paths()]


def _engine_paths() -> list[tuple[str, str]]:
    """(path relative to the package in POSIX form, full path) of each of engine_files(), in
    the same order; plain strings, since every run names its key file from them."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    found = []
    for folder, dirs, files in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        rel = os.path.relpath(folder, here).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for f in sorted(files):
            if f.endswith((".pyc", ".pyo")) or f.startswith(".") or (folder == here and f in _NOT_ENGINE):
                continue
            found.append((prefix + f, os.path.join(folder, f)))
    return found


def _engine_stamp() -> str:
    """Cheap: the engine files' names, sizes and modification times (names the key file)."""
    if "stamp" not in _engine:
        parts = []
        for rel, full in _engine_paths():
            try:
                st = os.stat(full)
            except OSError:
                continue
            parts.append(f"{rel}:{st.st_size}:{st.st_mtime_ns}")
        _engine["stamp"] = "\n".join(parts)
    return _engine["stamp"]


def _engine_fingerprint() -> str:
    """The engine files' content (names the index file): a change to any makes a new index."""
    if "fingerprint" not in _engine:
        import hashlib

        here = Path(__file__).resolve().parent.parent
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
    fd = _open_ours(file, KEY_MAX_BYTES)
    if fd is None:
        return None
    try:
        key = json.loads(os.read(fd, KEY_MAX_BYTES + 1))
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
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
    knowledge base changed on disk in the meantime is an error, never a wrong claim. A span that
    is not one whole claim object after the knowledge base's head (``after``, the byte after
    the claims array's ``[``) is a cache inconsistent with its knowledge base:
    ``on_inconsistent`` is called (it drops the cache file) and CacheInconsistent raised.
    """

    def __init__(self, path: Path, offsets: Sequence[int], sources: dict[str, Source],
                 stamp: list[int], after: int = 0, on_inconsistent=None) -> None:
        self._path = path
        self._offsets = offsets
        self._sources = sources
        self._stamp = stamp[:2]
        self._after = after
        self._on_inconsistent = on_inconsistent
        self._fd: int | None = None
        self._memo: dict[int, Claim] = {}

    def __len__(self) -> int:
        return len(self._offsets) // 2

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        claim = self._memo.get(i)
        if claim is None:
            start, end = self._offsets[2 * i], self._offsets[2 * i + 1]
            if not self._after <= start < end <= self._stamp[0]:
                self._inconsistent()
            raw = self._read(start, end)
            try:
                if raw[:1] != b"{" or raw[-1:] != b"}":
                    raise ValueError("not an object")
                claim = knowledge.build_claim(json.loads(raw), self._sources)
            except Exception:  # noqa: BLE001 - a span that is not one whole claim
                self._inconsistent()
            if len(self._memo) < 50_000:
                self._memo[i] = claim
        return claim

    def __iter__(self) -> Iterator[Claim]:
        for i in range(len(self)):
            yield self[i]

    def _inconsistent(self) -> NoReturn:
        if self._on_inconsistent is not None:
            self._on_inconsistent()
        raise CacheInconsistent from None

    def _read(self, start: int, end: int) -> bytes:
        from ..errors import KnowledgeBaseError

        try:
            if self._fd is None:
                self._fd = os.open(self._path, os.O_RDONLY | getattr(os, "O_BINARY", 0)
                                   | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            st = os.fstat(self._fd)
            if _is_file(st) and [st.st_size, st.st_mtime_ns] == self._stamp:
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
        state["_on_inconsistent"] = None
        return state


# --------------------------------------------------------------------------- reading


def _open_ours(file: Path, limit: int) -> int | None:
    """A read-only descriptor of ``file`` if it is a regular file of ours no larger than
    ``limit``, else None.

    Opened without following a symbolic link and without waiting on a FIFO; a device, a file
    someone else owns or may write, or one larger than ``limit`` is never read.
    """
    flags = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(file, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (_is_file(st) and st.st_size <= limit and not st.st_mode & 0o022
                and (not hasattr(os, "geteuid") or st.st_uid == os.geteuid())):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _index_limit(kb_size: int) -> int:
    """The largest index file a knowledge base of ``kb_size`` bytes could have (generously)."""
    return 32 * kb_size + (16 << 20)


def _open(cls, file: Path, path: Path, digest: str, trusted_stat, kb_stat):
    """A checker over the index in ``file`` (mapped), or None when it is missing or unusable.

    The CRC-32 is checked unless the file is exactly the one this key file recorded."""
    import mmap

    fd = _open_ours(file, _index_limit(kb_stat.st_size))
    if fd is None:
        return None
    try:
        st = os.fstat(fd)
        if st.st_size < len(MAGIC) + 16:
            return None
        mapped = mmap.mmap(fd, st.st_size, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    try:
        return _from_blob(cls, memoryview(mapped), path, digest, kb_stat,
                          trusted=trusted_stat is not None and trusted_stat == _stat_sig(st), file=file)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt, whatever is wrong
        return None


class _Blob(NamedTuple):
    """An index file's contents, checked: its JSON metadata and its arrays (casts of the file's
    bytes, in the order ``index.ARRAYS`` names them, then ``claim_bytes``)."""

    meta: dict[str, Any]
    arrays: dict[str, Any]


def _from_blob(cls, view: memoryview, path: Path, digest: str, kb_stat, trusted: bool,
               file: Path | None = None):
    """A checker over the index file's bytes in ``view``, or None when they are not a sound
    index of the knowledge base at ``path`` (with this ``digest``).

    The CRC-32 is checked unless ``trusted``; ``file``, when given, is where the bytes came
    from, removed if the index turns out inconsistent so that the next run writes a good one.
    """
    blob = _read_blob(view, digest, trusted)
    if blob is None:
        return None
    return _checker_over(cls, blob, path, digest, kb_stat, file)


def _read_blob(view: memoryview, digest: str, trusted: bool) -> _Blob | None:
    """The metadata and arrays of an index file, or None unless its magic number, checksum
    (when not ``trusted``), digest, byte order and layout are all as they must be."""
    if bytes(view[:len(MAGIC)]) != MAGIC:
        return None
    head = len(MAGIC) + 8
    if not trusted:
        import zlib

        if int.from_bytes(view[len(MAGIC):len(MAGIC) + 4], "little") != zlib.crc32(view[head:]):
            return None  # damaged on disk: flipped bits pass every structural check below
    meta_len = int.from_bytes(view[head:head + 8], "little")
    if meta_len > len(view):
        return None
    meta = json.loads(bytes(view[head + 8:head + 8 + meta_len]).decode("utf-8"))
    if not isinstance(meta, dict) or meta.get("digest") != digest or meta.get("byteorder") != sys.byteorder:
        return None
    arrays = _read_arrays(view, meta, _aligned(head + 8 + meta_len))
    if arrays is None or not _consistent(meta, arrays):
        return None  # (a valid checksum over inconsistent contents: rebuilt, never trusted)
    return _Blob(meta, arrays)


def _read_arrays(view: memoryview, meta: dict[str, Any], offset: int) -> dict[str, Any] | None:
    """The typed arrays that follow the metadata from ``offset``, as the metadata lists them
    (name, type code, count), or None unless they are exactly the expected ones, each aligned,
    and fill the file to its end."""
    from .index import ARRAYS

    codes = dict(ARRAYS, claim_bytes="q")
    arrays: dict[str, Any] = {}
    for name, code, count in meta["arrays"]:
        if codes.get(name) != code or name in arrays or type(count) is not int or count < 0:
            return None
        size = array(code).itemsize * count
        if offset + size > len(view):
            return None
        arrays[name] = view[offset:offset + size].cast(code) if size else array(code)
        offset = _aligned(offset + size)
    if offset != len(view) or list(codes) != list(arrays):
        return None
    return arrays


def _checker_over(cls, blob: _Blob, path: Path, digest: str, kb_stat, file: Path | None):
    """A checker over a checked index file's contents, with everything the user reads (version,
    sources, concepts, claims) taken from the knowledge base's own bytes, not from the cache;
    None when the knowledge base's head cannot be read or the cached lexicon disagrees with its
    concepts."""
    from .index import IndexData
    from .lexicon import Lexicon

    meta, arrays = blob.meta, blob.arrays
    top = _kb_head(path, kb_stat, meta["head"])
    if top is None:
        return None
    sources = tuple(knowledge.build_source(s) for s in top["sources"])
    concepts = tuple(knowledge.build_concept(c) for c in top.get("concepts") or ())
    lexicon = Lexicon.from_state(meta["lexicon"])
    if not _lexicon_agrees(lexicon, concepts):
        return None

    def drop() -> None:
        if file is not None:
            try:
                file.unlink()  # the next run writes a good one
            except OSError:
                pass

    kb = KnowledgeBase(
        version=top["version"], sources=sources,
        claims=LazyClaims(path, arrays.pop("claim_bytes"), {s.id: s for s in sources},  # type: ignore[arg-type]
                          _stat_sig(kb_stat), after=meta["head"], on_inconsistent=drop),
        concepts=concepts, path=str(path), digest=digest,
    )
    index = CheckedIndex(IndexData(meta["n_claims"], meta["terms"], meta["surfaces"], arrays), lexicon)
    checker = _guarded(cls)(kb, docs=index.docs, vocabulary=meta["vocabulary"], index=index, lexicon=lexicon)

    def rebuild() -> Any:
        drop()
        return cls(knowledge.load(path))

    checker._rebuild_from_kb = rebuild
    return checker


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


def _consistent(meta: dict[str, Any], a: dict[str, Any]) -> bool:
    """The arrays have the lengths the metadata implies, and the metadata the types it must
    (cheap: no entry is read; CheckedIndex checks each index as it follows it)."""
    n, terms, surfaces = meta.get("n_claims"), meta.get("terms"), meta.get("surfaces")
    vocabulary, head = meta.get("vocabulary"), meta.get("head")
    if type(n) is not int or n < 1 or type(head) is not int or head < 1:
        return False
    if not (isinstance(terms, list) and isinstance(surfaces, list) and isinstance(vocabulary, list)):
        return False
    try:  # every entry a string (join runs in C and raises on anything else)
        "".join(terms), "".join(surfaces), "".join(vocabulary)
    except TypeError:
        return False
    n_docs, n_terms, n_posts = len(a["doc_claim"]), len(a["doc_term"]), len(a["post_claim"])
    return (len(a["claim_bytes"]) == 2 * n and len(a["claim_first_doc"]) == n + 1
            and len(a["doc_phrasing"]) == n_docs and len(a["doc_flags"]) == n_docs
            and len(a["doc_start"]) == n_docs + 1 and len(a["doc_surf"]) == n_terms
            and len(a["post_start"]) == len(terms) + 1 and len(a["post_weight"]) == n_posts)


def _kb_head(path: Path, kb_stat: os.stat_result, size: int) -> dict[str, Any] | None:
    """The knowledge base's members before its claims (version, sources, concepts), parsed from
    its first ``size`` bytes, which must end with the claims array's ``[``; None when they do
    not, or when the file is not the one the index was made from."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not _is_file(st) or _stat_sig(st)[:2] != _stat_sig(kb_stat)[:2] or size > st.st_size:
            return None
        raw = os.pread(fd, size, 0) if hasattr(os, "pread") else os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)
    # (what decode("utf-8-sig") does, without importing that codec at every start-up)
    text = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")
    layout = _top_level(text, strict=False)  # (the index was built from these very bytes)
    if layout is None or layout[1] != len(text) - 1:
        return None
    top = layout[0]
    if type(top.get("version")) is not int or not isinstance(top.get("sources"), list):
        return None
    if not isinstance(top.get("concepts", []), list):
        return None
    return top


def _lexicon_agrees(lexicon: Any, concepts: tuple[Any, ...]) -> bool:
    """The cached lexicon names exactly the knowledge base's concepts, as they are named there
    (set operations and a join, which run in C: a large lexicon is checked in well under 1 ms)."""
    known = {c.id: (c.kind, c.name) for c in concepts}
    if {cid: (info.kind, info.name) for cid, info in lexicon.concepts.items()} != known:
        return False
    ids = known.keys()
    referred: set[Any] = set(lexicon.phrases.values())
    for readings in lexicon.alternates.values():
        referred.update(readings)
    for info in lexicon.concepts.values():
        referred.update(info.ancestors)
        referred.update(info.parts)
    "".join(lexicon.words)  # (TypeError, so no cache, unless every word is a string)
    return referred <= ids


# --------------------------------------------------------------------------- checked as followed
#
# A cached index is read in place, and checking millions of entries up front would cost more
# than the cache saves: each index is checked just before it is followed instead (a few
# comparisons per term, phrasing or claim looked at). A failed check raises CacheInconsistent;
# a check then rebuilds its index from the knowledge base at once (see _guarded).


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


class _CheckedDocFreq:
    """term key -> number of claims that use it, each span checked before it is used."""

    def __init__(self, ids: dict[str, int], start: Sequence[int], n_posts: int) -> None:
        self._ids, self._start, self._n = ids, start, n_posts

    def get(self, key: str, default: int = 0) -> int:
        t = self._ids.get(key)
        if t is None:
            return default
        a, b = self._start[t], self._start[t + 1]
        _need(0 <= a <= b <= self._n)
        return b - a

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)


class _CheckedPhrasings(Phrasings):
    def __init__(self, first: Sequence[int], n_docs: int) -> None:
        super().__init__(first)
        self._n_docs = n_docs

    def __getitem__(self, claim: int) -> range:
        _need(0 <= claim < len(self._first) - 1)
        a, b = self._first[claim], self._first[claim + 1]
        _need(0 <= a <= b <= self._n_docs)
        return range(a, b)


class _CheckedDocs(StoredDocs):
    def __getitem__(self, i):
        doc = self._memo.get(i)
        if doc is not None:
            return doc
        a = self._a
        _need(0 <= i < len(self))
        lo, hi = a["doc_start"][i], a["doc_start"][i + 1]
        _need(0 <= lo <= hi <= len(a["doc_term"]))
        if lo < hi:
            tids, sids = a["doc_term"][lo:hi], a["doc_surf"][lo:hi]
            _need(min(tids) >= 0 and max(tids) < len(self._terms)
                  and min(sids) >= 0 and max(sids) < len(self._surfaces))
        _need(0 <= a["doc_claim"][i] < len(a["claim_first_doc"]) - 1 and a["doc_phrasing"][i] >= 0)
        return super().__getitem__(i)


class CheckedIndex(Index):
    """An Index over a cached IndexData whose every span and id is checked as it is followed:
    term spans when a statement's keys are looked up, a claim's phrasings, a phrasing's terms,
    and the claims and scores a search returns."""

    def __init__(self, data: Any, lexicon: Any) -> None:
        super().__init__(data, lexicon)
        a = data.arrays
        self._n_posts = len(a["post_claim"])
        self.df = _CheckedDocFreq(self._ids, self._pstart, self._n_posts)  # type: ignore[assignment]  # (duck-typed)
        self.phrasings = _CheckedPhrasings(a["claim_first_doc"], len(a["doc_claim"]))
        self.docs = _CheckedDocs(data, lexicon)

    def query_keys(self, query):
        keys = super().query_keys(query)
        for key in keys:
            self.df.get(key)  # (checks the key's span of the postings)
        return keys

    def postings(self, key: str) -> list[tuple[int, float]]:
        self.df.get(key)
        found = super().postings(key)
        _need(all(0 <= c < self.n_claims and math.isfinite(w) for c, w in found))
        return found

    def search(self, query, limit: int = 50) -> list[tuple[int, float]]:
        hits = super().search(query, limit)
        _need(all(0 <= c < self.data.n_claims and math.isfinite(s) for c, s in hits))
        return hits


_GUARDED: dict[type, type] = {}


def _guarded(cls: CheckerClass) -> CheckerClass:
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


# --------------------------------------------------------------------------- writing


def _write(blob: bytes, file: Path, keep: int = KEEP) -> bool:
    """Save a file atomically; any failure (read-only disk, no home) just means no cache."""
    try:
        import tempfile

        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
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

    read = _head(text)
    if read is None:
        return None
    head, claims_at, lexicon = read
    head_bytes = bom + _utf8_len(text, 0, claims_at + 1)  # up to and with the claims' "["
    analyzer = Analyzer(lexicon)
    vocabulary: set[str] = set(w for w in lexicon.words if w.isalpha())
    offsets = array("q")
    state = {"bytes": bom, "chars": 0, "n": 0, "broken": False}
    # The claims that start before ``split`` are indexed by a second process meanwhile; this one
    # reads and validates every claim, and indexes the rest (``mine``).
    split, worker = _start_worker(text, claims_at, lexicon)
    mine: list[IndexBuilder] = []

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
            if start < split:
                continue  # (the second process's)
            if not mine:
                mine.append(IndexBuilder(first=c))
            _index_claim(analyzer, mine[0], c, cast("list[str]", phrasings), vocabulary)

    from ..files import _Duplicate, _HugeInt

    try:
        try:
            faults = knowledge.validate({**head, "claims": []}, claims=claims())
        except (ValueError, RecursionError, _Duplicate, _HugeInt):  # not (strict) JSON after all
            return None
        if faults or state["broken"] or not state["n"]:
            return None
        # (no second process, or it failed: its part is made here, then)
        builder, words = (worker and worker.result()) or _index_part(text, claims_at, split, lexicon)
    finally:
        if worker is not None:
            worker.stop()
    if mine:
        builder.extend(mine.pop())
    vocabulary.update(words)
    data = builder.finish(state["n"])
    del builder, words
    return _layout(data, offsets, head_bytes, digest, lexicon, sorted(w for w in vocabulary if w.isalpha()))


def _head(text: str) -> tuple[dict[str, Any], int, Any] | None:
    """The knowledge base's members before its claims, where the claims' array starts, and its
    lexicon; None if the text is not laid out that way or is not valid enough to say."""
    from ..files import _lone_surrogate
    from .lexicon import Lexicon

    if "\\u" in text and ("\\ud" in text or "\\uD" in text) and _lone_surrogate(text) >= 0:
        return None  # (the strict plain loader says where)
    layout = _top_level(text)
    if layout is None:
        return None
    head, claims_at = layout
    if not isinstance(head.get("concepts", []), list) or not isinstance(head.get("sources"), list):
        return None
    try:  # (a concept of the wrong shape is reported by validate() below)
        return head, claims_at, Lexicon([knowledge.build_concept(c) for c in head.get("concepts") or ()])
    except Exception:  # noqa: BLE001
        return None


def _start_worker(text: str, claims_at: int, lexicon: Any) -> tuple[int, _Worker | None]:
    """(where this process's claims start, the second process indexing those before it)."""
    if len(text) < PARALLEL_MIN_CHARS or _cores() < 2:
        return claims_at, None
    split = claims_at + int((len(text) - claims_at) * WORKER_SHARE)
    worker = _Worker.start(text, claims_at, split, lexicon)
    return (split, worker) if worker is not None else (claims_at, None)


def _index_part(text: str, claims_at: int, split: int, lexicon: Any) -> tuple[IndexBuilder, set[str]]:
    """The index of the claims that start before ``split`` (an IndexBuilder from claim 0) and
    their words; the caller has checked, or will, that the claims array is well-formed and its
    phrasings strings."""
    from .analysis import Analyzer

    analyzer = Analyzer(lexicon)
    builder = IndexBuilder()
    vocabulary: set[str] = set()
    for c, (obj, start, _) in enumerate(_array_items(text, claims_at)):
        if start >= split:
            break
        _index_claim(analyzer, builder, c, [obj["text"], *(obj.get("aliases") or ())], vocabulary)
    return builder, vocabulary


def _index_claim(analyzer: Any, builder: IndexBuilder, claim: int, phrasings: list[str], vocabulary: set[str]) -> None:
    """Analyse one claim's phrasings into ``builder``, and their words into ``vocabulary``."""
    for ph, phrasing in enumerate(phrasings):
        analysis = analyzer.analyse(phrasing, repair=False)
        vocabulary.update(analysis.normalised.split())
        builder.add(claim, ph, analysis)


def _cores() -> int:
    """The cores this process may run on (scan.parallel.available_cores, which the engine
    cannot import)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _Worker:
    """A forked process that indexes the first part of a knowledge base's claims while this one
    validates all of them and indexes the rest (Linux only: elsewhere fork is unsafe)."""

    def __init__(self, proc: Any, conn: Any) -> None:
        self.proc, self.conn = proc, conn

    @classmethod
    def start(cls, text: str, claims_at: int, split: int, lexicon: Any) -> _Worker | None:
        """The process started, or None where it cannot be (not Linux; inside a daemon process)."""
        import multiprocessing

        if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
            return None
        ctx = multiprocessing.get_context("fork")
        conn, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_work, args=(child, text, claims_at, split, lexicon), daemon=True)
        try:
            proc.start()
        except (OSError, AssertionError):  # (AssertionError: a daemon process may have no children)
            conn.close()
            return None
        finally:
            child.close()
        return cls(proc, conn)

    def result(self) -> tuple[Any, set[str]] | None:
        """What the process made, or None if it failed (then the caller does the work)."""
        if self.proc is None:
            return None
        try:
            got = self.conn.recv()
            if got is None:
                return None
            head, vocabulary = got
            # (the arrays one message each, so that only one is ever held twice)
            return IndexBuilder.restore(head, iter(self.conn.recv_bytes, None)), vocabulary
        except (EOFError, OSError, StopIteration):
            return None

    def stop(self) -> None:
        if self.proc is not None:
            self.conn.close()
            if self.proc.is_alive():
                self.proc.terminate()
            self.proc.join()
            self.proc = None


def _work(conn: Any, text: str, claims_at: int, split: int, lexicon: Any) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (Ctrl-C is the parent's: it ends this process)
    try:
        try:
            part, vocabulary = _index_part(text, claims_at, split, lexicon)
            head, arrays = part.export()
        except Exception:  # noqa: BLE001 (the parent does the work itself)
            conn.send(None)
        else:
            conn.send((head, vocabulary))
            for arr in arrays:
                conn.send_bytes(arr)
        conn.close()
    except OSError:
        pass  # (the parent has gone)
    finally:
        # Out at once: no flushing of stdio, whose lock another thread of the parent (the "this
        # takes a while" notice) may have held when it forked.
        os._exit(0)


def _layout(data: IndexData, claim_bytes: array, head_bytes: int, digest: str, lexicon,
            vocabulary: list[str]) -> list[bytes]:
    from .index import ARRAYS

    arrays = [*(data.arrays[name] for name, _ in ARRAYS), claim_bytes]
    names = [*(name for name, _ in ARRAYS), "claim_bytes"]
    meta = {
        # (no version, sources or concepts: those are read from the knowledge base's head,
        # its first ``head`` bytes, so that what a user reads never comes from the cache)
        "digest": digest, "byteorder": sys.byteorder, "head": head_bytes, "n_claims": data.n_claims,
        "terms": list(data.terms), "surfaces": list(data.surfaces), "vocabulary": vocabulary,
        "lexicon": lexicon.state(),
        "arrays": [[name, arr.typecode, len(arr)] for name, arr in zip(names, arrays, strict=True)],
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


def _top_level(text: str, strict: bool = True) -> tuple[dict[str, Any], int] | None:
    """The top-level members of a knowledge base's JSON before ``claims`` (parsed), and where
    the claims array starts; None unless ``claims`` is the last member (the usual layout).

    ``strict``: no duplicate keys, no endless integers (as the plain loader reads it); a head
    read back from a knowledge base that was so read when its index was built need not be."""
    from ..files import _DECODER, _Duplicate, _HugeInt

    dec = _DECODER if strict else json.JSONDecoder()
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
    except (ValueError, RecursionError, _Duplicate, _HugeInt):
        return None


def _array_items(text: str, i: int) -> Iterator[tuple[Any, int, int]]:
    """(value, start, end) of each item of the JSON array at ``text[i]``, which must be the last
    member of the top-level object; ValueError when it is not well-formed."""
    from ..files import _DECODER as dec  # strict: no duplicate keys, no endless integers

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
    """Keep the ``keep`` most recently used files ending in ``suffix``; remove temporaries of
    builds that died (SIGKILL runs no clean-up) once they are STALE_SECONDS old."""
    import time

    files, stale = [], time.time() - STALE_SECONDS
    for f in folder.glob(f"*{suffix}"):
        try:
            st = f.lstat()
            if f.name.startswith(".tmp-"):  # another build's, still being written, or a dead one's
                if st.st_mtime < stale:
                    f.unlink()
                continue
            files.append((st.st_atime, f))
        except OSError:
            pass
    files.sort(key=lambda t: t[0], reverse=True)
    for _, f in files[keep:]:
        try:
            f.unlink()
        except OSError:
            pass
