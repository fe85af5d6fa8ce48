"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from factcheck.engine.checker import FactChecker
from factcheck.kb.knowledge import from_dict


@pytest.fixture(scope="session")
def archive() -> Callable[..., FactChecker]:
    """Build a checker over an imported-style knowledge base: one archive source, claims as
    (text, verdict) with ids f"{prefix}{i}", and, optionally, concepts as (name, kind)."""

    def build(claims: Sequence[tuple[str, str]], concepts: Sequence[tuple[str, str]] = (),
              prefix: str = "c") -> FactChecker:
        data = {
            "version": 1,
            "sources": [{"id": "archive", "title": "An archive", "publisher": "p", "kind": "archive",
                         "reliability": "medium"}],
            "claims": [{"id": f"{prefix}{i}", "text": t, "verdict": v, "summary": "s", "evidence": [],
                        "origin": {"source": "archive"}} for i, (t, v) in enumerate(claims)],
        }
        if concepts:
            data["concepts"] = [{"id": name.replace(" ", "-"), "label": name, "kind": kind,
                                 "terms": [name, name + "s"]} for name, kind in concepts]
        return FactChecker(from_dict(data))

    return build


@pytest.fixture(scope="session")
def checker() -> FactChecker:
    """A checker over the shipped knowledge base, loaded once (a test module may define its own)."""
    return FactChecker.load()


@pytest.fixture(scope="module")
def referents(checker: FactChecker):
    """Pronoun reading over the checker's lexicon (engine/reference.py)."""
    from factcheck.engine.reference import Referents

    return Referents(checker.lexicon)
