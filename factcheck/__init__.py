"""factcheck: an offline fact-checker that rates statements against a curated knowledge base.

    >>> import factcheck
    >>> result = factcheck.check("Magnesium cures hemifacial spasm")
    >>> result.verdict
    'false'

The library is what the command line uses: :class:`FactChecker` holds a loaded knowledge base and
its index; :func:`check` uses one built from the default knowledge base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["FactChecker", "CheckResult", "check", "__version__"]

if TYPE_CHECKING:
    from .engine.checker import CheckResult, FactChecker

_default: Any = None


def check(statement: str, *, top: int = 0) -> CheckResult:
    """Check one statement against the default knowledge base (``$FACTCHECK_KB`` or the shipped one)."""
    global _default
    if _default is None:
        from .engine.checker import FactChecker

        _default = FactChecker.load()
    return _default.check(statement, top=top)


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import factcheck` (and the CLI's start-up) stays cheap.
    if name in ("FactChecker", "CheckResult"):
        from .engine import checker

        return getattr(checker, name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
