"""Checking on several cores: worker processes that hold one FactChecker each, results in order.

:class:`CheckPool` sends statements to worker processes in batches and hands the results back in
the order the statements came in, with a bounded number of batches in flight, so memory stays
flat however long the input (a file, a pipe) is. Each worker gets the checker once, when it
starts: on Linux it is inherited (``fork``: the mapped index is shared, nothing is loaded again);
elsewhere it is pickled, which a FactChecker does as its knowledge base's path, so the worker
loads it from the index cache.

Used by ``scan --jobs`` (through :func:`factcheck.scan.scanner.scan`) and open to any caller:

    >>> with CheckPool(checker, jobs=2) as pool:
    ...     for result in pool.check_many(statements):
    ...         print(result.verdict)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..engine.recent import Recent

if TYPE_CHECKING:
    from ..engine.checker import FactChecker
    from ..result import CheckResult

BATCH = 64  # statements sent to a worker at a time
IN_FLIGHT = 3  # batches queued per worker, at most
SEEN = 16_384  # statements whose results the parent keeps, so as not to send them again (a long
# document repeats a sentence thousands of sentences later; most results are empty, and small)
KEPT = 16_384  # statements checked in full whose findings a checking process keeps: only what the
# scan shows (the checker keeps fewer of its own, whole results); as most sentences are passed over
# by the cheap test (engine.reach), these reach back about a hundred thousand sentences


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return max(count() or 1, 1)
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


class CheckPool:
    """Worker processes checking statements with one checker; ``jobs`` of them (1: in process)."""

    def __init__(self, checker: FactChecker, jobs: int | None = None) -> None:
        self.checker = checker
        self.jobs = available_cores() if jobs is None else max(int(jobs), 1)
        self._pool: Any = None
        self._seen: Recent[tuple[str, tuple[Any, ...]], tuple[Any]] = Recent(SEEN)
        self._kept: _Kept = Recent(KEPT)  # (in this process)
        # (with workers: the statements they checked in full, a longer reach back than _seen's
        # for those that cost, whichever worker checked them)
        self._checked: Recent[tuple[str, tuple[Any, ...]], tuple[Any]] = Recent(KEPT)
        if self.jobs > 1:
            import multiprocessing

            # fork only on Linux: elsewhere (macOS) system libraries are not safe to fork.
            import sys

            linux = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if linux else "spawn")
            self._pool = ctx.Pool(self.jobs, initializer=_start_worker, initargs=(checker,))

    def check_many(self, statements: Iterable[str], *, top: int = 0, explain: bool = False,
                   matched_only: bool = False) -> Iterator[CheckResult | None]:
        """A result for each statement, in input order (``None`` for a statement that matched no
        claim when ``matched_only``: the worker does not send back what will not be shown)."""
        if self._pool is None:
            for result in self.checker.check_many(statements, top=top, explain=explain):
                yield result if result.matched or not matched_only else None
            return
        yield from self._in_order(_check_batch, statements, (top, explain, matched_only))

    def findings_many(self, statements: Iterable[str], *, top: int = 0, explain: bool = False,
                      matched_only: bool = False) -> Iterator[list[CheckResult]]:
        """Every claim found in each statement (``FactChecker.findings``: one result a clause
        that makes one), in input order; with ``matched_only`` only the matched ones."""
        if self._pool is None:
            for s in statements:
                yield _findings(self.checker, s, top, explain, matched_only, self._kept)
            return
        yield from self._in_order(_findings_batch, statements, (top, explain, matched_only))

    def _in_order(self, work: Any, statements: Iterable[str], args: tuple[Any, ...]) -> Iterator[Any]:
        """``work(batch, *args)`` in the workers, BATCH statements at a time, with at most
        IN_FLIGHT batches a worker queued; each batch's results in input order. A statement whose
        result came back already (a document repeats sentences) is not sent again: each worker
        keeps its own recent results, and the same sentence would go to any of them. The results
        of the last SEEN statements are kept, and, when a worker says it checked one in full (it
        passed engine.reach's test), of the last KEPT such statements."""
        pending: deque[tuple[Any, list[str], list[Any]]] = deque()
        limit = IN_FLIGHT * self.jobs
        batch: list[str] = []
        known: list[Any] = []  # for each statement of the batch: (its result,) or None
        for s in statements:
            batch.append(s)
            k = self._seen.get((s, args))
            known.append(k if k is not None else self._checked.get((s, args)))
            if len(batch) >= BATCH:
                pending.append(self._send(work, batch, known, args))
                batch, known = [], []
                while len(pending) >= limit:
                    yield from self._receive(pending.popleft(), args)
        if batch:
            pending.append(self._send(work, batch, known, args))
        while pending:
            yield from self._receive(pending.popleft(), args)

    def _send(self, work: Any, batch: list[str], known: list[Any],
              args: tuple[Any, ...]) -> tuple[Any, list[str], list[Any]]:
        todo = [s for s, k in zip(batch, known, strict=True) if k is None]
        return (self._pool.apply_async(work, (todo, *args)) if todo else None), batch, known

    def _receive(self, sent: tuple[Any, list[str], list[Any]], args: tuple[Any, ...]) -> Iterator[Any]:
        future, batch, known = sent
        results, checked = future.get() if future is not None else ((), b"")
        done, full = iter(results), iter(checked)
        for s, k in zip(batch, known, strict=True):
            if k is None:
                k = (next(done),)
                self._seen.put((s, args), k)
                if next(full):
                    self._checked.put((s, args), k)
            result = k[0]
            yield list(result) if isinstance(result, list) else result

    def close(self) -> None:
        """Stop the workers (at once: nothing they still hold is wanted)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> CheckPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_checker: Any = None
_kept: Any = None
_Kept = Recent[tuple[str, int, bool, bool], tuple["CheckResult", ...]]


def _start_worker(checker: FactChecker) -> None:
    global _checker, _kept
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _checker = checker
    _kept = Recent(KEPT)


def _check_batch(statements: list[str], top: int, explain: bool,
                 matched_only: bool) -> tuple[list[CheckResult | None], bytes]:
    return [r if r.matched or not matched_only else None
            for r in _checker.check_many(statements, top=top, explain=explain)], bytes(len(statements))


def _findings_batch(statements: list[str], top: int, explain: bool,
                    matched_only: bool) -> tuple[list[list[CheckResult]], bytes]:
    """The findings of each statement, and for each whether it was checked in full (with
    ``matched_only``: it passed engine.reach's test), for the parent to keep longer."""
    out: list[list[CheckResult]] = []
    full = bytearray()
    for s in statements:
        over = _passed_over(_checker, s, matched_only)
        out.append([] if over else _kept_findings(_checker, s, top, explain, matched_only, _kept))
        full.append(matched_only and not over)
    return out, bytes(full)


def _passed_over(checker: FactChecker, statement: str, matched_only: bool) -> bool:
    """Only matches are wanted and no reading of the statement can match a claim (engine.reach)."""
    return matched_only and isinstance(statement, str) and bool(statement.strip()) \
        and not checker.may_match(statement)


def _findings(checker: FactChecker, statement: str, top: int, explain: bool,
              matched_only: bool, kept: _Kept) -> list[CheckResult]:
    if _passed_over(checker, statement, matched_only):
        return []  # no reading of it can match a claim: nothing to report
    return _kept_findings(checker, statement, top, explain, matched_only, kept)


def _kept_findings(checker: FactChecker, statement: str, top: int, explain: bool,
                   matched_only: bool, kept: _Kept) -> list[CheckResult]:
    """The statement's findings (only the matched ones with ``matched_only``), kept in ``kept``."""
    key = (statement, top, explain, matched_only) if isinstance(statement, str) else None
    found = kept.get(key) if key is not None else None  # (not a string: the checker says what is wrong)
    if found is None:
        found = tuple(r for r in checker.findings(statement, top=top, explain=explain) if r.matched or not matched_only)
        if key is not None:
            kept.put(key, found)
    return list(found)
