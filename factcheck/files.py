"""Reading and writing the user's files: every way of failing becomes one line that names the file.

Reading is bounded: a file named where a regular file is needed must be a regular file or a pipe
(never a device such as ``/dev/zero``, a socket or a directory), and no input, standard input
included, may exceed :func:`max_input_bytes` (256 MiB unless ``$FACTCHECK_MAX_INPUT_MB`` says
otherwise). JSON is parsed strictly (:func:`loads`): a duplicate key, a lone surrogate escape or
an integer too long to convert is an error naming its line and column, never silently resolved.

Writing (:func:`write_text`) never destroys what it should write through: ``-`` is standard
output; a symbolic link is followed and its target replaced; a regular file (or a new one) is
replaced atomically by renaming a finished temporary file over it; a device or FIFO is written
through as it is; a directory or a socket is refused. Nothing but a regular file is ever renamed
over.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import IO, Any

from .errors import FactcheckError, InputError
from .lazyre import lazy

MAX_INPUT_MB = 256
MAX_INPUT_ENV = "FACTCHECK_MAX_INPUT_MB"
_CHUNK = 1 << 20


def max_input_bytes() -> int:
    """The most bytes any one input may hold: ``$FACTCHECK_MAX_INPUT_MB`` MiB, else 256 MiB."""
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    try:
        mb = float(value) if value else MAX_INPUT_MB
    except ValueError:
        mb = MAX_INPUT_MB
    return int(max(mb, 0) * 1024 * 1024) if mb == mb else MAX_INPUT_MB * 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    return "not a regular file"


def _too_big(what: str, p: object, limit: int) -> str:
    return (f"{what} {p} is larger than {limit // (1024 * 1024)} MiB "
            f"(set ${MAX_INPUT_ENV} to allow more)")


def read_bytes(path: str | os.PathLike[str], *, what: str = "file",
               error: type[FactcheckError] = InputError) -> bytes:
    """A file's bytes, or ``error`` saying why not ("cases file not found: x.jsonl").

    Only a regular file or a pipe is read, and never more than :func:`max_input_bytes`.
    """
    p = Path(path)
    limit = max_input_bytes()
    try:
        # Look before opening: opening a device can itself do something (rewind a tape).
        mode = os.stat(p).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISDIR(mode)):
            raise error(f"{what} is {_kind(mode)}, not a regular file: {p}")
        # O_NONBLOCK: opening a FIFO that has no writer must not hang (it reads as empty).
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(f"{what} not found: {p}") from None
    except IsADirectoryError:
        raise error(f"{what} is a directory, not a file: {p}") from None
    except PermissionError:
        raise error(f"{what} is not readable (permission denied): {p}") from None
    except OSError as exc:
        raise error(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{what} is a directory, not a file: {p}")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise error(f"{what} is {_kind(st.st_mode)}, not a regular file: {p}")
        if stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise error(_too_big(what, p, limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as f:
            fd = -1
            data: bytes | None
            if stat.S_ISREG(st.st_mode):  # the size is known: one read, no copies
                data = f.read(st.st_size + 1)
                if len(data) > st.st_size:  # it grew meanwhile: read on, still bounded
                    rest = read_stream(f, limit=limit - len(data))
                    data = None if rest is None else data + rest
            else:
                data = read_stream(f, limit=limit)
        if data is None:
            raise error(_too_big(what, p, limit))
        return data
    except OSError as exc:
        raise error(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)


def read_stream(stream: IO[bytes], *, limit: int | None = None) -> bytes | None:
    """All of a binary stream (standard input, a pipe), or None when it holds more than ``limit``."""
    limit = max_input_bytes() if limit is None else limit
    parts: list[bytes] = []
    total = 0
    read = getattr(stream, "read1", stream.read)
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def read_stdin_text(name: str = "<stdin>", *, error: type[FactcheckError] = InputError) -> str:
    """Standard input as UTF-8 text, bounded like a file."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (some test harnesses)
        text = sys.stdin.read(max_input_bytes() + 1)
        if len(text) > max_input_bytes():
            raise error(_too_big("input", name, max_input_bytes()))
        return text
    data = read_stream(stream)
    if data is None:
        raise error(_too_big("input", name, max_input_bytes()))
    return decode(name, data, error=error)


def decode(path: str | os.PathLike[str], raw: bytes, *,
           error: type[FactcheckError] = InputError) -> str:
    """UTF-8 text (a byte-order mark allowed), or ``error`` giving the offset of the bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{Path(path)}: not UTF-8 text (invalid byte at offset {exc.start})") from None


def read_text(path: str | os.PathLike[str], *, what: str = "file",
              error: type[FactcheckError] = InputError) -> str:
    return decode(path, read_bytes(path, what=what, error=error), error=error)


# --------------------------------------------------------------------------- strict JSON

#: The longest integer literal accepted (Python refuses to convert longer ones by default).
MAX_INT_DIGITS = 4300


class _Duplicate(Exception):
    pass


class _HugeInt(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _Duplicate
    return d


def _int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_INT_DIGITS:
        raise _HugeInt
    return int(s)


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_int)
_ESCAPES = lazy(globals(), "_ESCAPES", r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_TOKENS = lazy(globals(), "_TOKENS", r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[{}\[\]:,]|[^\s"{}\[\]:,]+',
                     re.DOTALL)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def loads(text: str, name: str, *, error: type[FactcheckError] = InputError,
          what: str = "not valid JSON", line: int = 1, lines_ok: bool = False) -> Any:
    """Parse JSON text strictly; every fault is ``error("name:line:col: ...")``.

    Beyond the JSON grammar, refused with their place: a key repeated in one object (which
    would otherwise be resolved silently, the last one winning), a ``\\uD800``-style escape
    that is not half of a surrogate pair (no UTF-8 text can hold it), and an integer literal
    of more than :data:`MAX_INT_DIGITS` digits. ``line`` is the line number of the text's first
    line (for one line of a JSON Lines file); with ``lines_ok`` the "Extra data" of a JSON Lines
    text is raised as :class:`json.JSONDecodeError`, for the caller to read it line by line.
    """
    def where(pos: int) -> str:
        ln, col = _line_col(text, max(pos, 0))
        return f"{ln + line - 1}:{col}"

    if "\\u" in text and ("\\ud" in text or "\\uD" in text):
        bad = _lone_surrogate(text)
        if bad >= 0:
            raise error(f"{name}:{where(bad)}: {what}: lone surrogate '{text[bad:bad + 6]}' "
                        "(not a character; no UTF-8 text can hold it)")
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        if lines_ok and exc.msg == "Extra data":
            raise
        raise error(f"{name}:{where(exc.pos)}: {what}: {exc.msg}") from None
    except RecursionError:
        raise error(f"{name}: {what}: nested too deeply") from None
    except _HugeInt:
        pos = _find_huge_int(text)
        raise error(f"{name}:{where(pos)}: {what}: an integer of more than "
                    f"{MAX_INT_DIGITS:,} digits") from None
    except _Duplicate:
        pos, key = _find_duplicate(text)
        raise error(f"{name}:{where(pos)}: {what}: duplicate key '{_short(key)}' "
                    "(each key may appear once in an object)") from None


def _short(s: str, limit: int = 60) -> str:
    return s if len(s) <= limit else s[:limit] + "\u2026"


def _lone_surrogate(text: str) -> int:
    """Where the first ``\\uD8xx``-style escape that is not half of a pair is, or -1."""
    pending = -1  # where a high-surrogate escape waits for its low half
    for m in _ESCAPES.finditer(text):
        body = m.group(1)
        code = int(body[1:], 16) if len(body) == 5 else -1
        if pending >= 0:
            if 0xDC00 <= code <= 0xDFFF and m.start() == pending + 6:
                pending = -1
                continue
            return pending
        if 0xD800 <= code <= 0xDBFF:
            pending = m.start()
        elif 0xDC00 <= code <= 0xDFFF:
            return m.start()
    return pending


def _find_huge_int(text: str) -> int:
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok[0] in "-0123456789" and len(tok.lstrip("-")) > MAX_INT_DIGITS and tok.lstrip("-").isdigit():
            return m.start()
    return 0


def _find_duplicate(text: str) -> tuple[int, str]:
    """Where the first repeated key in an object is, by a light scan of (valid) JSON text."""
    stack: list[set[str] | None] = []
    previous: tuple[int, str] | None = None
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok == "{":
            stack.append(set())
        elif tok == "[":
            stack.append(None)
        elif tok in "]}" and len(tok) == 1:
            if stack:
                stack.pop()
        elif tok == ":" and previous is not None and stack and stack[-1] is not None:
            pos, raw = previous
            try:
                key = json.loads(raw)
            except ValueError:
                key = raw
            if key in stack[-1]:
                return pos, key
            stack[-1].add(key)
        previous = (m.start(), tok) if tok.startswith('"') else None
    return 0, ""


# --------------------------------------------------------------------------- writing


def write_text(path: str | os.PathLike[str], text: str, *,
               error: type[FactcheckError] = InputError) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all, never destroying what is there.

    ``-`` is standard output. A symbolic link is followed (the file it names is replaced, the
    link stays). A regular file, or a new one, is written to a temporary file beside it and
    renamed into place, keeping the old file's permissions. A device or FIFO is written
    through, never replaced; a FIFO without a reader is an error rather than a wait. A
    directory or a socket is refused.
    """
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    shown = Path(path)
    target = Path(os.path.realpath(path))  # every link in the chain followed
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise error(f"cannot write {shown}: it is a directory")
        if stat.S_ISSOCK(st.st_mode):
            raise error(f"cannot write {shown}: it is a socket")
        _write_through(target, shown, text, error)
        return
    _replace(target, shown, text, st, error)


def _replace(target: Path, shown: Path, text: str, old: os.stat_result | None,
             error: type[FactcheckError]) -> None:
    """Write a regular file whole or not at all: into a temporary file beside ``target``, synced,
    given the permissions (and, when we may, the owner) of the ``old`` file it replaces, then
    renamed into place. On any failure the temporary file is removed and ``target`` untouched."""
    mode = _new_mode(old)
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if old is not None:
            try:  # keep the owner too when we may (root writing a user's file)
                os.chown(tmp, old.st_uid, old.st_gid)
            except OSError:
                pass
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
        raise


def _new_mode(old: os.stat_result | None) -> int:
    """The permission bits for a file written in place of ``old``: the old file's, or for a new
    file what ``open`` would give it under the process's umask."""
    if old is not None:
        return old.st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_through(target: Path, shown: Path, text: str, error: type[FactcheckError]) -> None:
    """Write into a device or FIFO as it is: never create, truncate or replace it."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == getattr(__import__("errno"), "ENXIO", None):
            raise error(f"cannot write {shown}: it is a FIFO with no reader") from None
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        view = memoryview(text.encode("utf-8"))
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError as exc:
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
