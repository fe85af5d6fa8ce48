"""Regular expressions compiled on first use, not at import.

Compiling a pattern costs a fraction of a millisecond; a module with a dozen that most runs never
touch (a one-line ``check`` reads no URL, hashtag or JSON escape) makes every start-up pay for
them. ``NAME = lazy(globals(), "NAME", r"...")`` binds a stand-in that compiles the pattern the
first time any attribute is asked for and then puts the compiled pattern in the module's
namespace under ``NAME``, so from then on the module's own code uses the real pattern directly
and pays nothing more.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Lazy:
    __slots__ = ("_namespace", "_name", "_pattern", "_flags", "_compiled")

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str, flags: int) -> None:
        self._namespace = namespace
        self._name = name
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, attr: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
            if self._namespace.get(self._name) is self:
                self._namespace[self._name] = compiled
        return getattr(compiled, attr)

    def __repr__(self) -> str:
        return f"lazy({self._pattern!r})"


def lazy(namespace: dict[str, Any], name: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A stand-in for ``re.compile(pattern, flags)`` bound to ``name`` in ``namespace``
    (the calling module's ``globals()``): compiled, and put in its place, on first use."""
    return cast("re.Pattern[str]", _Lazy(namespace, name, pattern, flags))
