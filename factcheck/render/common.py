"""What every renderer shares: verdict labels and colours, and making untrusted text harmless."""

from __future__ import annotations

import re
from typing import IO

#: Rich styles for each verdict label (used only when the console has colour).
STYLES = {
    "true": "bold green",
    "mostly-true": "green",
    "mixed": "yellow",
    "unproven": "yellow",
    "mostly-false": "red",
    "false": "bold red",
    "no-match": "bold",
}
BADGES = {
    "true": "bold black on green",
    "mostly-true": "black on green",
    "mixed": "black on yellow",
    "unproven": "black on yellow",
    "mostly-false": "white on red",
    "false": "bold white on red",
    "no-match": "bold black on white",
}
RELIABILITY_STYLES = {"high": "green", "medium": "yellow", "low": "red"}

# C0 and C1 controls (ESC among them), DEL, the line and paragraph separators, and the
# bidirectional marks and overrides that can make text read differently from what it is
# ("Trojan Source"). Tab is shown as a space.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def verdict_style(label: str) -> str:
    return STYLES.get(label, "")


def badge_style(label: str) -> str:
    return BADGES.get(label, "reverse")


def label_text(label: str) -> str:
    """The label as shown to people: FALSE, MOSTLY TRUE, NO MATCH."""
    return label.replace("-", " ").upper()


def safe(text: str) -> str:
    """Text from users or the knowledge base made safe to print on a terminal.

    Control characters and escape sequences become visible escapes (``\\x1b``); newlines and
    tabs become spaces. Rich markup needs no escaping here because renderers only ever print
    ``rich.text.Text`` objects on a console created with ``markup=False``.
    """
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


# What json.dumps leaves raw that a terminal may still act on: DEL and the C1 controls (U+009B is
# a CSI), the line separators, bidirectional controls. Escaped as \uXXXX, they decode to the
# very same text, so JSON output keeps every string exactly and is still harmless to cat.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(encoded: str) -> str:
    """JSON text (from json.dumps) with the characters above written as escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


class JsonWriter:
    """A text stream wrapper for json.dump that passes everything through :func:`json_safe`."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(json_safe(text))

    def flush(self) -> None:
        self.out.flush()
