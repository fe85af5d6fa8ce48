"""Build factcheck/data/wordnet.tsv: the general English knowledge the matcher reads.

Source: WordNet 3.0 as Debian's ``wordnet-base`` package installs it (``/usr/share/wordnet``:
the plain WNDB files ``index.*``, ``data.*`` and ``*.exc``). Run on a development machine:

    apt-get install wordnet-base
    python scripts/build_wordnet.py [/usr/share/wordnet]

The output is one sorted text file, one line a lemma, read at run time by binary search over a
memory map (``factcheck/engine/wordnet.py``), so nothing is parsed at start-up:

    lemma <TAB> senses <TAB> ancestors <TAB> derived <TAB> antonyms <TAB> more <TAB> category <TAB> wholes
    <TAB> pertains

- ``senses``: the synsets of the lemma's most frequent senses (MAX_SENSES per part of speech),
  as compact ids whose first letter is the part of speech (n, v, a, r). Two lemmas that share one are synonyms in a frequent sense.
- ``ancestors``: the hypernyms (is-a, instance-of) of its noun senses, up to MAX_DEPTH levels:
  "artery" is a kind of "blood vessel".
- ``derived``: lemmas derivationally related to it (compress / compression, deficient /
  deficiency), which the matcher reads as the same idea.
- ``antonyms``: lemmas WordNet marks as its antonyms (increase / decrease).
- ``more``: the verb senses after the frequent ones, up to MAX_VERB_SENSES. A verb's frequent
  sense that is one of another verb's senses makes the two synonyms: "earn" (its first sense)
  is one of the senses of "make" (its tenth), so "panhandlers make $50 an hour" says what
  "panhandlers earn $50 an hour" says.
- ``category``: the lexicographer file of its first (most frequent) noun sense, WordNet's broad
  class of the thing it names (animal, body, person, plant, time, substance ...): "horse" and
  "newborn" name living beings, "lip" a part of the body.
- ``wholes``: what its frequent noun senses are part of (part holonyms, up to MAX_DEPTH levels:
  the eyelid is part of the eye, the eye of the face); ``pertains``: the noun senses its frequent
  adjective senses pertain to ("facial": the face). So a place named by a part can be told from
  another place.

Lines for the inflected forms WordNet lists as exceptions (``*.exc``: "worse" -> "bad",
"children" -> "child") are written as ``=form <TAB> lemma lemma ...``.

Only single-word, lower-case, alphabetic lemmas are kept, and phrasal verbs of a verb and a particle
("throw_up", "loosen_up", "wear_off", whose senses say that "threw up" is "vomited"; the analyser
joins such words, ``factcheck/engine/analysis.py``): other phrases are matched by the knowledge
base's lexicon and by the hand-made relation table (``factcheck/data/relations.tsv``).

WordNet's licence asks that its notice and disclaimer appear on every copy: the script writes it
to ``factcheck/data/WORDNET-LICENSE``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

MAX_SENSES = 3  # senses per lemma and part of speech counted as its meanings
MAX_VERB_SENSES = 15  # verb senses kept in all (the rest, after MAX_SENSES, in ``more``)
MAX_DEPTH = 3  # hypernym levels above each sense
# Particles of the phrasal verbs kept (as "verb_particle" lemmas: "throw_up" is a sense of "vomit").
PARTICLES = frozenset("up down off away out back".split())
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# WordNet's lexicographer files for nouns (lexnames(5WN), numbers 3 to 28), by number: the broad
# class of thing a noun sense names.
NOUN_FILES = ("Tops act animal artifact attribute body cognition communication event feeling food group location "
              "motive object person phenomenon plant possession process quantity relation shape state substance "
              "time").split()
OUT = Path(__file__).resolve().parent.parent / "factcheck" / "data"


def _ok(word: str) -> bool:
    return word.isalpha() and word.isascii() and word == word.lower() and len(word) > 1


def _phrasal(lemma: str, pos: str) -> bool:
    """A phrasal verb: a verb and one particle ("throw_up", "loosen_up", "wear_off")."""
    parts = lemma.split("_")
    return pos == "v" and len(parts) == 2 and _ok(parts[0]) and parts[1] in PARTICLES


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else "/usr/share/wordnet")
    if not (root / "data.noun").exists():
        print(f"no WordNet database in {root} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    # synset key (pos char, offset) -> (words, pointers)
    synsets: dict[tuple[str, int], tuple[list[str], list[tuple[str, tuple[str, int], int, int]]]] = {}
    proper: set[tuple[str, tuple[str, int]]] = set()  # (lemma, synset): a capitalised name of an instance
    lexfile: dict[tuple[str, int], int] = {}  # synset key -> its lexicographer file (5 noun.animal, 18 noun.person)
    for name, p in POS.items():
        for line in (root / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, _lex, ss_type, w_cnt = int(fields[0]), fields[1], fields[2], int(fields[3], 16)
            written = [fields[4 + 2 * i].split("(")[0] for i in range(w_cnt)]
            words = [w.lower() for w in written]
            k = 4 + 2 * w_cnt
            p_cnt = int(fields[k])
            ptrs = []
            for i in range(p_cnt):
                sym, off, pos, st = fields[k + 1 + 4 * i: k + 5 + 4 * i]
                pos = "a" if pos == "s" else pos
                ptrs.append((sym, (pos, int(off)), int(st[:2], 16), int(st[2:], 16)))
            synsets[(p, offset)] = (words, ptrs)
            lexfile[(p, offset)] = int(_lex)
            if any(sym == "@i" for sym, *_ in ptrs):  # (an instance: a named river, person or place)
                proper.update((w.lower(), (p, offset)) for w in written if w != w.lower())
    ids: dict[tuple[str, int], str] = {}

    def sid(key: tuple[str, int]) -> str:
        if key not in ids:
            ids[key] = key[0] + _b36(len(ids))  # (the part of speech first: n, v, a, r)
        return ids[key]

    senses: dict[str, list[tuple[str, int]]] = defaultdict(list)
    more: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, p in POS.items():
        for line in (root / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            f = line.split()
            lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
            # (a proper name's sense is not the common word's: "Milk", a river, is no "milk"; "Mg" is)
            offsets = [o for o in (int(o) for o in f[4 + p_cnt + 2:][:synset_cnt]) if (lemma, (p, o)) not in proper]
            if _ok(lemma) or _phrasal(lemma, p):
                senses[lemma].extend((p, o) for o in offsets[:MAX_SENSES])
                if p == "v":
                    more[lemma].extend((p, o) for o in offsets[MAX_SENSES:MAX_VERB_SENSES])

    def closure(key: tuple[str, int], symbols: tuple[str, ...]) -> set[tuple[str, int]]:
        """The synsets reached from ``key`` along pointers of ``symbols``, up to MAX_DEPTH levels."""
        out: set[tuple[str, int]] = set()
        frontier = [key]
        for _ in range(MAX_DEPTH):
            nxt = []
            for k in frontier:
                for sym, target, _s, _t in synsets[k][1]:
                    if sym in symbols and target not in out:
                        out.add(target)
                        nxt.append(target)
            frontier = nxt
        return out

    lines: list[str] = []
    # (single words first: the compact ids are given in this order, so adding phrasal verbs left
    # every other line as it was)
    for lemma in sorted(senses, key=lambda w: ("_" in w, w)):
        keys = senses[lemma]
        anc: set[tuple[str, int]] = set()
        derived: set[str] = set()
        antonyms: set[str] = set()
        whole: set[tuple[str, int]] = set()
        pertains: set[tuple[str, int]] = set()
        for key in keys:
            words, ptrs = synsets[key]
            if key[0] == "n":
                anc |= closure(key, ("@", "@i"))  # (is-a, instance-of)
                whole |= closure(key, ("#p",))  # (part of)
            elif key[0] == "a":  # (an adjective's pertainyms: "facial" pertains to the face)
                pertains |= {target for sym, target, _s, _t in ptrs if sym == "\\" and target[0] == "n"}
            try:
                me = words.index(lemma) + 1
            except ValueError:
                me = -1
            for sym, target, src, dst in ptrs:
                if sym not in ("+", "!") or src not in (0, me):
                    continue
                tw = synsets[target][0]
                pick = [tw[dst - 1]] if dst else tw
                for w in pick:
                    if _ok(w) and w != lemma:
                        (derived if sym == "+" else antonyms).add(w)
        first_noun = next((k for k in keys if k[0] == "n"), None)
        lines.append("\t".join((
            lemma, " ".join(sid(k) for k in keys), " ".join(sorted(sid(k) for k in sorted(anc))),
            " ".join(sorted(derived)), " ".join(sorted(antonyms)), " ".join(sid(k) for k in more[lemma]),
            NOUN_FILES[lexfile[first_noun] - 3] if first_noun is not None else "",
            " ".join(sorted(sid(k) for k in sorted(whole))), " ".join(sorted(sid(k) for k in sorted(pertains))),
        )).rstrip("\t"))
    exceptions: dict[str, set[str]] = defaultdict(set)
    for name in POS:
        for line in (root / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            f = line.split()
            if len(f) >= 2 and _ok(f[0]):
                exceptions[f[0]].update(w for w in f[1:] if _ok(w) and w in senses)
    lines += [f"={form}\t{' '.join(sorted(ls))}" for form, ls in exceptions.items() if ls]
    lines.sort()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "wordnet.tsv").write_text("\n".join(lines) + "\n", encoding="ascii")
    licence = Path("/usr/share/doc/wordnet-base/copyright")
    notice = licence.read_text(encoding="utf-8") if licence.exists() else ""
    (OUT / "WORDNET-LICENSE").write_text(
        "factcheck/data/wordnet.tsv is derived from WordNet 3.0 (Debian package wordnet-base)\n"
        "by scripts/build_wordnet.py. WordNet's licence and disclaimer follow.\n\n" + notice,
        encoding="utf-8")
    print(f"{len(lines)} lines, {(OUT / 'wordnet.tsv').stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
