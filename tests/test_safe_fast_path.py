"""render.common.safe() skips its regular expression for plain text; the result must not change."""

from __future__ import annotations

import re

from factcheck.render import common


def _reference(text: str) -> str:
    unsafe = re.compile(f"[{common._CONTROLS}{common._INVISIBLE}{common._SURROGATES}]")
    return unsafe.sub(common._escape, text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def test_every_character_is_escaped_as_before():
    points = [*range(0x10000), *range(0x110B0, 0x110D0), *range(0x13420, 0x13450), *range(0x1BC90, 0x1BCB0),
              *range(0x1D170, 0x1D180), *range(0xE0000, 0xE0080)]
    for cp in points:
        ch = chr(cp)
        for text in (ch, f"a {ch} b"):
            assert common.safe(text) == _reference(text), hex(cp)
