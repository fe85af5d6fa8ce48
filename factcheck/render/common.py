"""What every renderer shares: verdict labels and colours, and making untrusted text harmless."""

from __future__ import annotations

import re
from typing import IO

from ..labels import Label
from ..lazyre import lazy

#: Rich styles for each verdict label (used only when the console has colour).
STYLES = {label.value: label.style for label in Label}
BADGES = {label.value: label.badge for label in Label}
RELIABILITY_STYLES = {"high": "green", "medium": "yellow", "low": "red"}

# C0 and C1 controls (ESC among them), DEL, the line and paragraph separators, and the
# bidirectional marks and overrides that can make text read differently from what it is
# ("Trojan Source"). Tab is shown as a space.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
# Characters that take no room on screen, so that two strings that look the same are not: every
# format character (Unicode category Cf: zero-width space and joiners, word joiner, soft hyphen,
# byte-order mark, the bidirectional controls, tag characters; a test checks this list against
# unicodedata), the combining grapheme joiner and the Hangul fillers.
_INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
# Lone surrogates: not characters at all. Python holds undecodable bytes of the command line
# (0x9B, an 8-bit CSI) as U+DC80..U+DCFF; printed raw they are those bytes again.
_SURROGATES = "\ud800-\udfff"
_UNSAFE = lazy(globals(), "_UNSAFE", f"[{_CONTROLS}{_INVISIBLE}{_SURROGATES}]")


def _printable_in(chars: str) -> frozenset[str]:
    """The characters of a regex class body (characters and ``a-b`` ranges) that
    ``str.isprintable()`` passes: the few of _UNSAFE's it cannot tell apart."""
    out: set[str] = set()
    i = 0
    while i < len(chars):
        if i + 2 < len(chars) and chars[i + 1] == "-":
            lo, hi, i = ord(chars[i]), ord(chars[i + 2]), i + 3
        else:
            lo, hi, i = ord(chars[i]), ord(chars[i]), i + 1
        out.update(c for c in map(chr, range(lo, hi + 1)) if c.isprintable())
    return frozenset(out)


# (every other character _UNSAFE matches is one that str.isprintable() refuses: a control, a
# separator, a format character, a surrogate)
_PRINTABLE_UNSAFE = _printable_in(_CONTROLS + _INVISIBLE)
#: The most characters of one field (a statement, an excerpt, a label) shown in text output.
SHOWN_MAX = 2000


def verdict_style(label: str) -> str:
    return STYLES.get(label, "")


def badge_style(label: str) -> str:
    return BADGES.get(label, "reverse")


def label_text(label: str) -> str:
    """The label as shown to people: FALSE, MOSTLY TRUE, NO MATCH."""
    return label.replace("-", " ").upper()


def safe(text: str, limit: int = SHOWN_MAX) -> str:
    """Text from users or the knowledge base made safe to print on a terminal.

    Control characters, escape sequences and invisible characters become visible escapes
    (``\\x1b``, ``\\u200b``; a byte that was not UTF-8 on the command line shows as ``\\x9b``);
    newlines and tabs become spaces; beyond ``limit`` characters the text is cut, saying how
    much was left out. Rich markup needs no escaping here because renderers only ever print
    ``rich.text.Text`` objects on a console created with ``markup=False``.
    """
    more = ""
    if len(text) > limit:
        more = f"\u2026 ({len(text) - limit:,} more characters)"
        text = text[:limit]
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    if text.isprintable() and _PRINTABLE_UNSAFE.isdisjoint(text):
        return text + more  # (nothing _UNSAFE matches: most text)
    return _UNSAFE.sub(_escape, text) + more


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as Python's surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# What json.dumps (ensure_ascii=False) leaves raw that a terminal may still act on or that hides:
# DEL and the C1 controls (U+009B is a CSI), the line separators, the invisible characters above,
# and lone surrogates (which are not UTF-8 at all). Escaped as \uXXXX (a surrogate pair above
# U+FFFF), they decode to the very same text, so JSON output keeps every string exactly, stays
# valid UTF-8 and is still harmless to cat.
_JSON_UNSAFE = lazy(globals(), "_JSON_UNSAFE", f"[\x7f-\x9f\u2028\u2029{_INVISIBLE}{_SURROGATES}]")


def json_safe(encoded: str) -> str:
    """JSON text (from json.dumps) with the characters above written as escapes."""
    return _JSON_UNSAFE.sub(_json_escape, encoded)


def _json_escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


class JsonWriter:
    """A text stream wrapper for json.dump that passes everything through :func:`json_safe`."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(json_safe(text))

    def flush(self) -> None:
        self.out.flush()
