"""Reading the user's files: every way of failing becomes one line that names the file."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import FactcheckError, InputError


def read_bytes(path: str | os.PathLike[str], *, what: str = "file",
               error: type[FactcheckError] = InputError) -> bytes:
    """A file's bytes, or ``error`` saying why not ("cases file not found: x.jsonl")."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise error(f"{what} not found: {p}") from None
    except IsADirectoryError:
        raise error(f"{what} is a directory, not a file: {p}") from None
    except PermissionError:
        raise error(f"{what} is not readable (permission denied): {p}") from None
    except OSError as exc:
        raise error(f"cannot read {what} {p}: {exc.strerror or exc}") from None


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
