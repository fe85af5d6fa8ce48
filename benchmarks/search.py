"""Retrieval alone: replay the ``Index.search`` calls a batch of statements makes, time them, and
record their results so two versions of the index can be compared byte for byte.

The batch is ``scale.py``'s (known claims as a user types them, real posts, unrelated
sentences) over its generated knowledge base. The calls are captured while ``check_many`` runs
(statements, their clauses, the probes of exclusive statements: every query retrieval sees),
then replayed against the loaded (cached, memory-mapped) index.

    python benchmarks/search.py [--claims 100000] [--statements 500] [--dump OUT] [--against OUT]
                                [--variant FILE.py] [--profile]

``--variant FILE.py`` replays the same calls through another search (a module with a function
``search(index, query, limit)``, e.g. ``benchmarks/search_maxscore.py``), rounds interleaved with
the index's own, and counts the calls whose results differ in any claim, order or score bit (also
at limits 1, 50 and 300). Times are CPU seconds, the best of ``--rounds``: the machine is shared.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
import retrieval  # noqa: E402
import scale  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--statements", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3, help="replays of the captured calls (the best is kept)")
    ap.add_argument("--data", type=Path, default=retrieval.default_data_dir())
    ap.add_argument("--dump", type=Path, help="write every call's results (JSON Lines) here")
    ap.add_argument("--against", type=Path, help="compare the results with a previous --dump")
    ap.add_argument("--variant", type=Path, help="a module whose search(index, query, limit) to compare")
    ap.add_argument("--profile", action="store_true", help="cProfile one replay")
    args = ap.parse_args(argv)

    kb_path = common.DATA / f"scale-kb-{args.claims}-g{scale.GENERATOR}.json"
    if not kb_path.is_file():
        print(f"{kb_path} is missing: run benchmarks/scale.py --claims {args.claims} first", file=sys.stderr)
        return 2
    os.environ.setdefault("XDG_CACHE_HOME", str(common.DATA / f"cache-search-{args.claims}"))
    from factcheck.engine.checker import FactChecker

    kb = json.loads(kb_path.read_text(encoding="utf-8"))
    posts = [t for _, t in retrieval.read_posts(args.data, "train")]
    batch = [t for t, _ in scale.statements(kb, posts, 2_000)][: args.statements]
    del kb
    t0 = time.perf_counter()
    checker = FactChecker.load(kb_path)
    print(f"loaded in {time.perf_counter() - t0:.2f} s")

    index = checker.index
    calls: list[tuple[object, int]] = []
    search = index.search

    def capture(query, limit=50):
        calls.append((query, limit))
        return search(query, limit)

    index.search = capture  # type: ignore[method-assign]
    t0 = time.perf_counter()
    for _ in checker.check_many(batch):
        pass
    check_s = time.perf_counter() - t0
    del index.search
    print(f"{len(batch)} statements checked in {check_s:.2f} s ({1000 * check_s / len(batch):.2f} ms each); "
          f"{len(calls)} searches")

    searches = {"index": lambda q, limit: index.search(q, limit)}
    if args.variant:
        spec = importlib.util.spec_from_file_location("variant", args.variant)
        assert spec is not None and spec.loader is not None
        variant = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(variant)
        searches["variant"] = lambda q, limit: variant.search(index, q, limit)
    best = dict.fromkeys(searches, float("inf"))
    results: dict[str, list[list[tuple[int, float]]]] = {}
    for _ in range(args.rounds):
        for name, search_ in searches.items():
            t0 = time.process_time()
            results[name] = [search_(q, limit) for q, limit in calls]
            best[name] = min(best[name], time.process_time() - t0)
    for name, seconds in best.items():
        print(f"{name} search: {1000 * seconds:.0f} ms CPU for {len(calls)} calls, "
              f"{1000 * seconds / len(batch):.3f} ms a statement (best of {args.rounds})")
    if args.variant:
        more = [(q, limit) for q, _ in calls for limit in (1, 50, 300)]
        differ = sum(_hexed(searches["index"](q, limit)) != _hexed(searches["variant"](q, limit))
                     for q, limit in [*calls, *more])
        print(f"variant results differ in {differ} of {len(calls) + len(more)} calls")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for q, limit in calls:
            searches["variant" if args.variant else "index"](q, limit)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)

    lines = [json.dumps(_hexed(hits)) for hits in results["index"]]
    if args.dump:
        args.dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.against:
        before = args.against.read_text(encoding="utf-8").splitlines()
        differ = sum(a != b for a, b in zip(before, lines, strict=False)) + abs(len(before) - len(lines))
        print(f"results differ from {args.against} in {differ} of {len(lines)} calls")
        return 1 if differ else 0
    return 0


def _hexed(hits: list[tuple[int, float]]) -> list[list[object]]:
    return [[c, s.hex()] for c, s in hits]


if __name__ == "__main__":
    raise SystemExit(main())
