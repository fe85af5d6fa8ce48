"""Scan throughput: ``factcheck scan FILE`` over generated prose of 5, 20 and 50 MB.

The text (seeded, deterministic) is paragraphs that mix sentences of the five seed documents,
paraphrases of them, claim-like sentences about nutrients and twitching (about one in ten), and
unrelated filler about everyday things; some paragraphs are hard-wrapped at 72-80 columns and
some of the file is Markdown (headings, lists, quotes, emphasis, links, a table now and then).

Each size is scanned in a fresh subprocess, ``--format jsonl`` and ``--format jsonl --all``;
sentences are counted with the project's own splitter (``factcheck.sentences``), outside the
timed run. Sentences per second = sentences / wall time of the subprocess (start-up included).
Peak RSS of each run: flat across sizes means the scan streams.

    python benchmarks/scan_throughput.py [--sizes 5,20,50] [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

GENERATOR = 2
SEED = 5_000

NUTRIENTS = ["Magnesium", "Vitamin B12", "Vitamin D", "Vitamin E", "Vitamin C", "Potassium",
             "Calcium", "Thiamine", "Vitamin B1", "Zinc", "Fish oil", "Folate", "Iron"]
CONDITIONS = ["hemifacial spasm", "facial twitching", "eyelid twitching", "muscle cramps",
              "myokymia", "fasciculations", "facial spasms", "nerve damage", "tetany", "migraines"]
RELATIONS = ["cures", "treats", "prevents", "helps with", "relieves", "causes", "does not cure",
             "can reduce", "has no effect on", "is the main cause of", "reverses", "worsens"]
CLAIM_FRAMES = [
    "{n} {r} {c}.", "{n} supplements {r} {c}.", "Low {nl} {r} {c}.", "A lack of {nl} {r} {c}.",
    "Taking {nl} every day {r} {c}.", "Doctors agree that {nl} {r} {c}.", "Is it true that {nl} {r} {c}?",
    "Botox {r} {c}.", "Microvascular decompression {r} {c}.", "Caffeine {r} {c}.", "Stress {r} {c}.",
]
SUBJECTS = ["The train to the coast", "Our neighbour's garden", "The new library", "My sister",
            "The quarterly report", "A small bakery downtown", "The committee", "The old bridge",
            "Most of the team", "The recipe", "The football club", "The weather service",
            "A local artist", "The software update", "The school choir", "Their cat", "The museum",
            "The city council", "Every spring, the orchard", "The conference", "The bus company"]
VERBS = ["was delayed by", "opened its doors to", "spent the afternoon on", "finally finished",
         "received praise for", "was closed because of", "is famous for", "made room for",
         "hosted a workshop about", "postponed", "is planning", "celebrated", "quietly dropped",
         "was rebuilt after", "published a guide to", "announced", "argued about"]
OBJECTS = ["the heavy snow", "a crowd of visitors", "the autumn festival", "a new parking plan",
           "the broken heater", "a collection of old maps", "the annual budget", "a bake sale",
           "two hundred tulip bulbs", "the renovation of the east wing", "a jazz evening",
           "the missing invoices", "a longer timetable", "the charity run", "a batch of sourdough",
           "the printer on the second floor", "an exhibition of watercolours", "the roof repairs"]
TAILS = ["", "", "", " last week", " on Tuesday", " despite the rain", " after a long debate",
         " for the third year running", " without much fuss", " in the early morning",
         ", according to the newsletter", ", much to everyone's surprise", " before the holidays"]
SWAPS = [("can help", "may help"), ("helps", "is said to help"), ("deficiency", "shortage"),
         ("deficiencies", "shortfalls"), ("muscle", "muscular"), ("important", "essential"),
         ("reduce", "lessen"), ("symptoms", "signs"), ("may", "might"), ("causes", "leads to"),
         ("nerve", "nervous"), ("Research suggests", "Some studies suggest"), ("common", "frequent"),
         ("treatment", "therapy"), ("people", "patients")]
HEDGES = ["Some people say that ", "It is often claimed that ", "Many readers believe that ",
          "According to one article, ", "A friend told me that ", "Online forums insist that "]
TOPICS = ["Nutrition notes", "Weekend update", "Health and wellbeing", "Community news",
          "Reader questions", "What the sources say", "Miscellany", "Around town", "FAQ"]


def seed_sentences(seeds: Path) -> list[str]:
    """The seed documents' prose sentences (tables, headings and list markers left out)."""
    out = []
    for p in sorted(seeds.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("#-*>|0123456789. ").strip()
            if "|" in line:
                continue
            for s in re.split(r"(?<=[.!?])\s+", line):
                s = " ".join(s.split())
                if 25 <= len(s) <= 300 and s[0].isupper():
                    out.append(s)
    return out


def paraphrase(s: str, rng: random.Random) -> str:
    """A reworded seed sentence: a few words swapped, sometimes a hedge in front."""
    for a, b in rng.sample(SWAPS, 4):
        s = re.sub(rf"\b{re.escape(a)}\b", b, s, count=1)
    if rng.random() < 0.4:
        s = rng.choice(HEDGES) + s[0].lower() + s[1:]
    return s


def claim_like(rng: random.Random) -> str:
    n = rng.choice(NUTRIENTS)
    return rng.choice(CLAIM_FRAMES).format(n=n, nl=n.lower() if not n.startswith("Vitamin") else n,
                                            r=rng.choice(RELATIONS), c=rng.choice(CONDITIONS))


def filler(rng: random.Random) -> str:
    tail = rng.choice(TAILS)
    if rng.random() < 0.2:  # numbers keep the vocabulary growing, as in a real file
        tail = rng.choice((f" in {rng.randint(1800, 2030)}", f" for ${rng.randint(2, 90_000):,}",
                           f" on {rng.randint(1, 28)} {rng.choice(MONTHS)}", f" at {rng.randint(1, 12)}:{rng.randint(0, 59):02d}"))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{tail}."


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def sentence(seeds: list[str], others: Sequence[str], rng: random.Random) -> str:
    r = rng.random()
    if r < 0.08:
        return claim_like(rng)
    if r < 0.23:
        return rng.choice(seeds)
    if r < 0.33:
        return paraphrase(rng.choice(seeds), rng)
    if r < 0.63 and others:
        return rng.choice(others)
    return filler(rng)


def other_sentences(data: Path) -> list[str]:
    """Real sentences about other things: the Snopes claims and headlines of the retrieval data
    (about 20,000 distinct words), so the text's vocabulary is a real archive's, not a grammar's."""
    import retrieval

    try:
        claims = retrieval.read_claims(data)
    except (OSError, common.BenchError):
        return []
    out = []
    for text, title in claims.values():
        for s in (text, title):
            s = " ".join(s.split())
            if 20 <= len(s) <= 300:
                out.append(s if s[-1] in ".!?\"'”’" else s + ".")
    return out


def generate(path: Path, size: int, seeds: list[str], others: Sequence[str] = (), seed: int = SEED) -> None:
    """Write about ``size`` bytes of mixed prose and Markdown to ``path``."""
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while written < size:
            r = rng.random()
            if r < 0.06:
                block = f"{'#' * rng.choice((1, 2, 2, 3))} {rng.choice(TOPICS)}\n"
            elif r < 0.14:
                block = "\n".join(f"{rng.choice('-*')} {sentence(seeds, others, rng)}" for _ in range(rng.randint(2, 5))) + "\n"
            elif r < 0.17:
                block = "\n".join(f"> {line}" for line in textwrap.wrap(
                    " ".join(sentence(seeds, others, rng) for _ in range(rng.randint(1, 3))), 76)) + "\n"
            elif r < 0.18:
                rows = [f"| {rng.choice(NUTRIENTS)} | {rng.choice(CONDITIONS)} | {rng.randint(1, 400)} mg |"
                        for _ in range(rng.randint(2, 5))]
                block = "| Nutrient | Condition | Dose |\n|---|---|---|\n" + "\n".join(rows) + "\n"
            else:
                sents = [sentence(seeds, others, rng) for _ in range(rng.randint(3, 8))]
                if rng.random() < 0.15:
                    i = rng.randrange(len(sents))
                    words = sents[i].split()
                    j = rng.randrange(len(words))
                    words[j] = rng.choice((f"**{words[j]}**", f"*{words[j]}*", f"[{words[j]}](https://example.org/{j})"))
                    sents[i] = " ".join(words)
                para = " ".join(sents)
                block = (textwrap.fill(para, rng.randint(72, 80)) if rng.random() < 0.4 else para) + "\n"
            f.write(block + "\n")
            written += len(block.encode("utf-8")) + 1


def count_sentences(path: Path) -> int:
    """Sentences as the project's splitter counts them (headings, items, cells included)."""
    from factcheck import sentences

    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in sentences.split_lines(f))


def ensure_file(mb: int, seeds: list[str], others: Sequence[str]) -> tuple[Path, int]:
    path = common.DATA / f"scan-{mb}mb-g{GENERATOR}{'' if others else '-nodata'}.md"
    meta = path.with_suffix(".count.json")
    if not path.is_file():
        generate(path, mb * 1_000_000, seeds, others)
        meta.unlink(missing_ok=True)
    stamp = f"{path.stat().st_size}:{path.stat().st_mtime_ns}"
    if meta.is_file():
        m = json.loads(meta.read_text())
        if m.get("stamp") == stamp:
            return path, m["sentences"]
    n = count_sentences(path)
    meta.write_text(json.dumps({"stamp": stamp, "sentences": n}))
    return path, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,20,50", help="file sizes in MB (default 5,20,50)")
    ap.add_argument("--quick", action="store_true", help="1 and 5 MB only")
    ap.add_argument("--data", type=Path, default=common.SHARED / "benchmarks" / "claim-retrieval",
                    help="claim-retrieval data, whose Snopes claims serve as unrelated sentences")
    args = ap.parse_args(argv)
    sizes = [1, 5] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]

    if not (common.ROOT / "factcheck" / "cli" / "scan.py").is_file():
        return common.fail("factcheck scan does not exist yet (factcheck/cli/scan.py)")
    seeds_dir = common.SHARED / "seeds"
    seeds = seed_sentences(seeds_dir)
    others = other_sentences(args.data)
    if not seeds:
        return common.fail(f"no seed documents in {seeds_dir}")

    try:
        out_dir = common.ensure_dirs(args.quick)
        env = common.bench_env(common.fresh_cache_dir("scan"))
        fc = common.factcheck_command()
        common.run([*fc, "check", "warm up"], env=env)  # builds any index cache once
        table = common.Table(["file", "sentences", "mode", "wall (s)", "sentences/s", "output lines",
                              "peak RSS (MB)"], title="factcheck scan FILE --format jsonl (shipped knowledge base)")
        rows = []
        for mb in sizes:
            path, n = ensure_file(mb, seeds, others)
            for mode, extra in (("matches", []), ("--all", ["--all"]), ("matches, --jobs 1", ["--jobs", "1"])):
                r = common.run([*fc, "scan", str(path), "--format", "jsonl", *extra], env=env).check()
                lines = r.stdout.count(b"\n")
                rate = n / r.seconds if r.seconds else 0.0
                table.add(f"{path.stat().st_size / 1e6:.0f} MB", n, mode, round(r.seconds, 2), round(rate),
                          lines, round(r.peak_rss_mb, 1))
                rows.append({"mb": mb, "bytes": path.stat().st_size, "sentences": n, "mode": mode,
                             "seconds": round(r.seconds, 3), "sentences_per_s": round(rate),
                             "output_lines": lines, "exit": r.returncode, "peak_rss_mb": round(r.peak_rss_mb, 1)})
    except common.BenchError as exc:
        return common.fail(str(exc))

    slowest = min(r["sentences_per_s"] for r in rows if "--jobs" not in r["mode"])
    notes = [
        "Sentences counted with factcheck.sentences.split_lines (not timed); sentences/s = "
        "sentences / wall time of the whole subprocess, start-up included.",
        "Text: seeded mix of seed-document sentences (~15%), paraphrases of them (~10%), "
        "claim-like sentences (~8%), real Snopes claims and headlines on other subjects (~30%) "
        "and everyday filler (~37%, a fifth with numbers); 40% of paragraphs hard-wrapped; "
        "Markdown headings, lists, quotes and tables.",
    ]
    goals = [common.goal_line("slowest scan on all cores", slowest, 8000, "sentences/s", at_least=True)[0]]
    for mode in dict.fromkeys(r["mode"] for r in rows):  # (each mode on its own: --all keeps more)
        rss = {r["mb"]: r["peak_rss_mb"] for r in rows if r["mode"] == mode}
        low, high = min(rss.values()), max(rss.values())
        goals.append(f"{mode}: peak RSS " + ", ".join(f"{v:.0f} MB at {mb} MB" for mb, v in rss.items())
                     + f" ({'flat' if high <= 1.25 * low + 5 else 'NOT flat'}: within 25% + 5 MB)")
    print(table.text())
    print()
    for line in notes + goals:
        print(f"- {line}")
    common.save("scan_throughput", out_dir, common.header("Scan throughput"), [table], {"runs": rows}, notes + goals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
