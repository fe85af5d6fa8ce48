"""The coverage map: for every sentence and table row of each source document, the claims whose
evidence quotes it, or the reason the knowledge base lists it as not checkable, or neither.

A document is cut into units by the splitter ``scan`` uses (:mod:`factcheck.sentences`): each
sentence, heading and list item is a unit, and the cells of one table row make one unit. A unit
is *cited* when an evidence excerpt of its source covers any word of it, *not checkable* when an
entry of the source's ``uncheckable`` list does, and *unmapped* otherwise. Excerpts are located
the way ``kb validate --documents`` checks them (runs of whitespace folded to one space), and an
excerpt that occurs several times in its document covers each occurrence, so a paragraph the page
repeats is mapped once.

Like validation, the map is worked out from the parsed JSON, not the built knowledge base, so a
curator can map a knowledge base while its claims are still being written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..sentences import CELL, HEADING, split_text

CITED = "cited"
UNCHECKABLE = "uncheckable"
UNMAPPED = "unmapped"
ROW = "row"

_WHITESPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Unit:
    """A sentence, heading, list item or table row, with its span in the folded document."""

    text: str
    line: int
    column: int
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class MappedUnit:
    """A unit and what accounts for it: the claims citing it, or the reason it is not checkable."""

    unit: Unit
    claims: tuple[str, ...] = ()
    reason: str | None = None
    quoted: float = 0.0  # share of the unit's characters that claim excerpts quote
    listed: tuple[int, ...] = ()  # indices of the source's 'uncheckable' entries that cover it

    @property
    def status(self) -> str:
        if self.claims:
            return CITED
        return UNCHECKABLE if self.reason is not None else UNMAPPED

    def to_dict(self) -> dict[str, Any]:
        u = self.unit
        return {
            "line": u.line, "column": u.column, "kind": u.kind, "text": u.text,
            "status": self.status, "claims": list(self.claims), "reason": self.reason,
            "quoted": round(self.quoted, 3),
        }


@dataclass(frozen=True)
class SourceCoverage:
    """One document's map."""

    source: str
    file: str
    index: int  # the source's position in the knowledge base's sources
    units: tuple[MappedUnit, ...]
    declared: bool  # the source has an 'uncheckable' list: it claims a complete map

    def count(self, status: str) -> int:
        return sum(m.status == status for m in self.units)

    @property
    def cited(self) -> int:
        return self.count(CITED)

    @property
    def uncheckable(self) -> int:
        return self.count(UNCHECKABLE)

    @property
    def unmapped(self) -> int:
        return self.count(UNMAPPED)

    @property
    def mapped_share(self) -> float:
        return 1.0 if not self.units else 1 - self.unmapped / len(self.units)

    @property
    def cited_share(self) -> float:
        return 0.0 if not self.units else self.cited / len(self.units)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "file": self.file, "declared": self.declared,
            "units": len(self.units), "cited": self.cited, "uncheckable": self.uncheckable,
            "unmapped": self.unmapped, "mapped_share": round(self.mapped_share, 4),
            "cited_share": round(self.cited_share, 4),
            "map": [m.to_dict() for m in self.units],
        }


@dataclass(frozen=True)
class Coverage:
    """The map of every source that names a readable file under ``documents``."""

    documents: str
    sources: tuple[SourceCoverage, ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # (source id, why its file could not be mapped)

    @property
    def units(self) -> int:
        return sum(len(s.units) for s in self.sources)

    @property
    def cited(self) -> int:
        return sum(s.cited for s in self.sources)

    @property
    def uncheckable(self) -> int:
        return sum(s.uncheckable for s in self.sources)

    @property
    def unmapped(self) -> int:
        return sum(s.unmapped for s in self.sources)

    @property
    def complete(self) -> bool:
        """Every unit of every document is cited or listed, and every file could be read."""
        return not self.unmapped and not self.unreadable

    def to_dict(self) -> dict[str, Any]:
        units = self.units
        return {
            "documents": self.documents,
            "complete": self.complete,
            "units": units, "cited": self.cited, "uncheckable": self.uncheckable,
            "unmapped": self.unmapped,
            "mapped_share": round(1 - self.unmapped / units, 4) if units else 1.0,
            "cited_share": round(self.cited / units, 4) if units else 0.0,
            "sources": [s.to_dict() for s in self.sources],
            "unreadable": [{"source": sid, "message": why} for sid, why in self.unreadable],
        }


# --------------------------------------------------------------------------- locating


class Folded:
    """A document with runs of whitespace folded to one space, and a way back to line and column."""

    def __init__(self, text: str) -> None:
        self.raw = text
        pieces: list[str] = []
        # offsets[k] = position in the folded text of raw character k (a whole whitespace run
        # maps to its one space)
        offsets: list[int] = []
        at = 0
        pos = 0
        for m in _WHITESPACE.finditer(text):
            chunk = text[pos:m.start()]
            pieces.append(chunk)
            offsets.extend(range(at, at + len(chunk)))
            at += len(chunk)
            pieces.append(" ")
            offsets.extend([at] * (m.end() - m.start()))
            at += 1
            pos = m.end()
        chunk = text[pos:]
        pieces.append(chunk)
        offsets.extend(range(at, at + len(chunk)))
        offsets.append(at + len(chunk))
        self.text = "".join(pieces)
        self._offsets = offsets
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(self, line: int, column: int) -> int:
        """The folded position of a 1-based line and column of the raw text."""
        raw = self._line_starts[min(line, len(self._line_starts)) - 1] + column - 1
        return self._offsets[min(max(raw, 0), len(self._offsets) - 1)]

    def occurrences(self, quote: str) -> Iterator[tuple[int, int]]:
        """Every span where ``quote`` (whitespace folded, trimmed) occurs, overlapping ones too."""
        needle = fold(quote)
        if not needle:
            return
        start = self.text.find(needle)
        while start >= 0:
            yield start, start + len(needle)
            start = self.text.find(needle, start + 1)


def fold(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def units(text: str) -> list[Unit]:
    """The units of a document in order: sentences, headings, list items, and table rows."""
    doc = Folded(text)
    sentences = split_text(text)
    starts = [doc.offset(s.line, s.column) for s in sentences]
    located: list[tuple[Any, int, int]] = []
    for k, s in enumerate(sentences):
        start = starts[k]
        limit = starts[k + 1] if k + 1 < len(starts) and starts[k + 1] > start else len(doc.text)
        if doc.text.startswith(s.text, start):
            end = start + len(s.text)
        else:  # markup the splitter removed: the unit runs at most to the next one
            end = min(start + len(s.text), limit) if limit > start else start + len(s.text)
        located.append((s, start, end))

    out: list[Unit] = []
    k = 0
    while k < len(located):
        s, start, end = located[k]
        if s.kind in (CELL, HEADING):
            # the cells of one table row (a header row's cells are headings) make one unit
            j = k + 1
            while j < len(located) and located[j][0].line == s.line and located[j][0].kind in (CELL, HEADING):
                j += 1
            if j - k > 1 or s.kind == CELL:
                cells = located[k:j]
                out.append(Unit(
                    text=" | ".join(c.text for c, _, _ in cells), line=s.line, column=s.column,
                    kind=ROW, start=start, end=cells[-1][2],
                ))
                k = j
                continue
        out.append(Unit(s.text, s.line, s.column, s.kind, start, end))
        k += 1
    return out


# --------------------------------------------------------------------------- mapping


def _spans_over(spans: list[tuple[int, int, Any]], unit: Unit, text: str) -> list[tuple[int, int, Any]]:
    """The spans that share a word character with the unit."""
    hits = []
    for a, b, tag in spans:
        lo, hi = max(a, unit.start), min(b, unit.end)
        if lo < hi and _WORD.search(text, lo, hi) is not None:
            hits.append((lo, hi, tag))
    return hits


def _covered(pieces: list[tuple[int, int, Any]]) -> int:
    total, reach = 0, -1
    for lo, hi, _ in sorted(pieces):
        if hi <= reach:
            continue
        total += hi - max(lo, reach)
        reach = hi
    return total


def map_source(
    text: str, quotes: list[tuple[str, str]], uncheckable: list[tuple[int, str, str]]
) -> list[MappedUnit]:
    """Map one document: ``quotes`` are (claim id, excerpt), ``uncheckable`` (index, excerpt, reason)."""
    doc = Folded(text)
    cited = sorted((a, b, cid) for cid, q in quotes for a, b in doc.occurrences(q))
    listed = sorted((a, b, k) for k, q, _ in uncheckable for a, b in doc.occurrences(q))
    reasons = {k: reason for k, _, reason in uncheckable}
    out = []
    for unit in units(text):
        hits = _spans_over(cited, unit, doc.text)
        claims = tuple(dict.fromkeys(tag for _, _, tag in hits))
        entries = tuple(sorted({tag for _, _, tag in _spans_over(listed, unit, doc.text)}))
        length = max(unit.end - unit.start, 1)
        out.append(MappedUnit(
            unit, claims, reasons[entries[0]] if entries else None,
            min(_covered(hits) / length, 1.0), entries,
        ))
    return out


def items_of(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, object) for the objects in a top-level list, skipping what is malformed."""
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def uncheckable_entries(source: dict[str, Any]) -> Iterator[tuple[int, str, str]]:
    """(index, excerpt, reason) for each well-formed entry of a source's ``uncheckable`` list."""
    entries = source.get("uncheckable")
    if not isinstance(entries, list):
        return
    for k, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("excerpt"), str) and entry["excerpt"].strip():
            reason = entry.get("reason")
            yield k, entry["excerpt"], reason if isinstance(reason, str) else ""


def coverage(data: Any, documents: str | os.PathLike[str], only: str | None = None) -> Coverage:
    """The coverage map of every source with a ``file`` (or only the source ``only``)."""
    root = Path(documents)
    if not root.is_dir():
        raise InputError(f"documents directory not found: {root}")
    quotes: dict[str, list[tuple[str, str]]] = {}
    for _, claim in items_of(data, "claims"):
        cid: str = claim["id"] if isinstance(claim.get("id"), str) else "?"
        evidence = claim.get("evidence")
        for ev in evidence if isinstance(evidence, list) else ():
            if isinstance(ev, dict) and isinstance(ev.get("source"), str) and isinstance(ev.get("excerpt"), str):
                quotes.setdefault(ev["source"], []).append((cid, ev["excerpt"]))
    mapped: list[SourceCoverage] = []
    unreadable: list[tuple[str, str]] = []
    for i, src in items_of(data, "sources"):
        sid, file = src.get("id"), src.get("file")
        if not isinstance(sid, str) or not isinstance(file, str) or not file.strip():
            continue
        if only is not None and sid != only:
            continue
        try:
            text = (root / file).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            unreadable.append((sid, f"{file} not found in {root}"))
            continue
        except UnicodeDecodeError as exc:
            unreadable.append((sid, f"{file} is not UTF-8 text (invalid byte at offset {exc.start})"))
            continue
        except OSError as exc:
            unreadable.append((sid, f"cannot read {file}: {exc.strerror or exc}"))
            continue
        listed = list(uncheckable_entries(src))
        mapped.append(SourceCoverage(
            source=sid, file=file, index=i, units=tuple(map_source(text, quotes.get(sid, []), listed)),
            declared=isinstance(src.get("uncheckable"), list),
        ))
    return Coverage(str(documents), tuple(mapped), tuple(unreadable))


def excerpt_of(text: str, width: int = 60) -> str:
    """A unit's text cut to ``width`` characters for a one-line message."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"

