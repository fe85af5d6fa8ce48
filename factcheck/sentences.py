"""Split text into sentences that keep their line and column in the original file.

The splitter is streaming: it is fed a file a line (or a bounded piece of a line) at a time and
hands back each sentence as soon as its end is certain, so memory stays flat in file size. It
understands the block structure that prose files share (Markdown, and the plain text it grew
from): a blank line ends a paragraph; a heading, a list item or a table cell is a unit of its own
and never runs into the next; code fences, front matter and HTML comments are skipped. Inside a
unit, lines are joined with a space and cut at full stops, question and exclamation marks, with
the usual exceptions (abbreviations such as "e.g." and "Dr.", initials, decimals, URLs, a full
stop followed by a lower-case word).

Positions are 1-based and counted in characters (code points) of the decoded line; a tab counts
as one. A sentence's position is that of its first character, wherever it wraps to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import field
from functools import cache

from .lazyre import lazy
from .records import NamedTuple, dataclass

#: Longest sentence handed on; a longer run of text (a 10 MB line with no full stop) is cut at
#: word boundaries into pieces of at most this many characters.
MAX_SENTENCE = 2000

#: A "---" on the first line opens YAML front matter only if a "---" closes it within this many.
FRONT_MATTER_LINES = 100

# The kinds of unit a sentence comes from.
PARAGRAPH = "paragraph"
HEADING = "heading"
ITEM = "item"
CELL = "cell"


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading, list item, table cell) and where it starts."""

    text: str
    line: int
    column: int
    kind: str = PARAGRAPH
    #: where the text came from when it is not one stretch of one line as written (it wraps, or
    #: markup or extra white space was removed): (raw text, ((offset in raw, line, column), ...))
    origin: tuple[str, tuple[tuple[int, int, int], ...]] | None = field(
        default=None, compare=False, repr=False)

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of the character at ``offset`` in :attr:`text`."""
        if self.origin is None:
            return self.line, self.column + offset
        raw, segs = self.origin
        j = _align(self.text, raw, offset)
        i = max(bisect_right([o for o, _, _ in segs], j) - 1, 0)
        off, line, col = segs[i]
        return line, col + j - off

    @property
    def last_line(self) -> int:
        """The line its text ends on (cheap: no alignment of the text to what was written)."""
        return self.origin[1][-1][1] if self.origin is not None and self.origin[1] else self.line

    def locate_end(self, end: int) -> tuple[int, int]:
        """(line, column) just past the character before ``end``: a span's exclusive end."""
        if end <= 0:
            return self.line, self.column
        line, col = self.locate(end - 1)
        return line, col + 1


def _align(text: str, raw: str, k: int) -> int:
    """The index in ``raw`` of ``text[k]``, where ``text`` is ``raw`` with markup removed and
    white space folded (every character of text is found in raw in order, but spaces)."""
    j = 0
    n = len(raw)
    for i, ch in enumerate(text):
        if ch == " ":
            if j < n and raw[j].isspace():
                at = j
                while j < n and raw[j].isspace():
                    j += 1
            else:
                at = j  # a space that stands for removed markup
            if i == k:
                return at
            continue
        found = raw.find(ch, j)
        if found < 0:
            return min(j, n - 1) if n else 0
        if i == k:
            return found
        j = found + 1
    return min(j, n - 1) if n else 0


# --------------------------------------------------------------------------- patterns

_BLANK = lazy(globals(), "_BLANK", r"[ \t\f\v\u00a0\ufeff]*$")
_FENCE = lazy(globals(), "_FENCE", r" {0,3}(`{3,}|~{3,})")
_ATX = lazy(globals(), "_ATX", r"( {0,3}#{1,6})(?:[ \t]+|$)|={1,6}[ \t]+(?=\S)")  # Markdown, AsciiDoc
_ATX_CLOSE = lazy(globals(), "_ATX_CLOSE", r"(?:[ \t]+#+)?[ \t]*$")
_SETEXT = lazy(globals(), "_SETEXT", r" {0,3}(=+|-+)[ \t]*$")
_BREAK = lazy(globals(), "_BREAK", r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = lazy(globals(), "_TABLE_RULE",
                   r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$"
                   r"|[ \t]*(?::?-+:?[ \t]*\|[ \t]*)+:?-+:?[ \t]*$")
_QUOTE = lazy(globals(), "_QUOTE", r"(?: {0,3}>[ \t]?)+")
# Bullets (typographic ones too: check marks, arrows, squares and circles) and numbers up to
# three digits: "2019. The ..." in wrapped prose is not a list item.
_ITEM = lazy(globals(), "_ITEM",
             r"([ \t]*)(?:(?:[-*+\u2022\u2023\u25e6\u25aa\u2043\u2192\u25a0\u25a1\u25b6\u25b8\u25ba"
             r"\u25c6\u25cb\u25cf\u2610\u2611\u2705\u2713\u2714\u2717\u2718\u274c\u27a2\u27a4]\ufe0f?)"
             r"|\d{1,3}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")
# A line that opens with a handle and a separator ("@sam \u00b7 3h \u2014", "@sam:") starts a new
# post of a social-media thread: it never continues the line before it.
_POST = lazy(globals(), "_POST", r"@\w+[ \t]*[\u00b7\u2022|\u2014\u2013:-]")
_LEADING_WS = lazy(globals(), "_LEADING_WS", r"\s*")

# A sentence ends at ., !, ?, an ellipsis or an interrobang, with any closing quotes, brackets or
# emphasis markers after it, when white space follows.
_END = lazy(globals(), "_END", r"[.!?\u2026\u203d]+[\"'\u201d\u2019\u00bb)\]*_`]*(?=\s)")
_SPACE = lazy(globals(), "_SPACE", r"\s+")
_WORD_END = lazy(globals(), "_WORD_END", r"\S*\s")
_LOOKAHEAD = 64  # characters of the next word waited for before deciding on a full stop
_TAIL = frozenset(".!?\u2026\u203d\"'\u201d\u2019\u00bb)]*_`")
_OPENERS = "\"'\u201c\u2018\u00ab([*_`"

# Abbreviations that (almost) never end a sentence, so a capital after them starts no new one.
# Those that often do end one ("etc.", "Inc.") are left out: a lower-case word after any full
# stop already keeps the sentence going.
_ABBREVIATIONS = frozenset(
    """e.g eg i.e ie cf vs v viz approx ca esp incl dr mr mrs ms mx prof sr jr st mt no nos
    fig figs vol p pp ed eds ch sec dept gen gov sen rep rev hon lt col capt sgt et al
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


_NUMBER_SIGNS = frozenset(("no", "nos"))  # abbreviations only before a number


def abbreviation(word: str) -> bool:
    """A word that a full stop after it does not end a sentence ("e.g", "Dr", "approx")."""
    return word.lower() in _ABBREVIATIONS


_TITLES = frozenset("dr mr mrs ms mx prof sr jr st rev hon gen capt lt col sgt".split())
_INITIAL = lazy(globals(), "_INITIAL", r"[A-Z]$")
_NEXT_INITIAL = lazy(globals(), "_NEXT_INITIAL", r"[A-Z]\.(?:\s|$)")

# Inline Markdown and HTML that is not part of what a sentence says.
_HAS_MARKUP = lazy(globals(), "_HAS_MARKUP", r"[*_\[`<]")


@cache
def _markup() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Inline markup and what it is replaced with (compiled on first use: a check of a typed
    statement never has any)."""
    return (
        (re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # [text](url), images
        (re.compile(r"\[\^[^\]\n]*\]"), ""),  # footnote references
        (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [text][ref]
        (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),  # <http://autolink>
        (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), " "),  # HTML tags
        (re.compile(r"\*+|(?<!\w)_{1,3}|_{1,3}(?!\w)|`+"), ""),  # emphasis and code markers
    )


_LEAD_MARKUP = lazy(globals(), "_LEAD_MARKUP",
                    r"(?:</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!?\[(?=[^\]\n]*\]\()|[*_`]|\s)*")


def clean(text: str) -> str:
    """A sentence as it is checked: inline markup removed, white space collapsed."""
    if _HAS_MARKUP.search(text):
        for pattern, repl in _markup():
            text = pattern.sub(repl, text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- the splitter


class _Rest(NamedTuple):
    """A line after its block-quote markers, and the column (1-based) where that part starts."""

    text: str
    col: int


class Splitter:
    """A streaming sentence splitter: :meth:`feed` pieces of lines, then :meth:`close`.

    A piece ending in a newline ends its line; one that does not is continued by the next piece
    (this is what ``f.readline(limit)`` returns for a line longer than ``limit``). Each call
    returns the sentences that became complete.
    """

    def __init__(self, max_chars: int = MAX_SENTENCE) -> None:
        self.max_chars = max(max_chars, 20)
        self._out: list[Sentence] = []
        # the unit (paragraph, heading, item or cell) being gathered
        self._kind: str | None = None
        self._buf = ""
        self._start = 0  # where the current sentence starts in _buf
        self._scan = 0  # where to look for the next sentence end
        self._segs: list[tuple[int, int, int]] = []  # (offset in _buf, line, column)
        self._offsets: list[int] = []  # _segs' offsets, for bisect
        self._lines = 0  # lines in the unit
        self._emitted = False  # whether the unit has handed on a sentence already
        self._first_raw: tuple[str, int] | None = None  # the unit's first line, as read
        self._quote = 0  # block-quote depth of the unit
        self._join = False  # the next text continues the unit on a new line
        # the line being read
        self._line = 0
        self._col = 1
        self._line_start = True
        self._eol = True  # the piece being read ends its line
        self._mode = "text"  # what the rest of this line is: text, skip, table or heading
        # state across lines
        self._fence: tuple[str, int] | None = None
        self._comment = False
        self._table = False
        self._front: list[str] | None = None  # YAML front matter lines, until it closes
        # A table's first row is held until the next line tells whether it is a header row.
        self._hold: int | None = None

    # ----------------------------------------------------------------- feeding

    def feed(self, piece: str) -> list[Sentence]:
        """Add a piece of text; return the sentences it completed."""
        eol = piece.endswith("\n")
        text = piece[:-1] if eol else piece
        if eol and text.endswith("\r"):
            text = text[:-1]
        self._eol = eol
        if self._front is not None and self._line_start:
            if eol and len(self._front) < FRONT_MATTER_LINES:
                self._line += 1
                if text.rstrip() in ("---", "..."):
                    self._front = None  # closed: it was front matter, and is skipped
                else:
                    self._front.append(text)
                return []
            self._replay_front()
        if self._line_start:
            self._line += 1
            self._col = 1
            self._begin_line(text)
        elif self._mode == "table":
            self._table_text(text, self._col)
        elif self._mode != "skip":
            self._text(text, self._col)
        self._col += len(text)
        self._line_start = eol
        if eol:
            self._end_line()
        return self._take()

    def close(self) -> list[Sentence]:
        """End of input: return the sentences still held."""
        if self._front is not None:
            self._replay_front()
        self._end_unit()
        self._hold = None
        return self._take()

    def _take(self) -> list[Sentence]:
        out = self._out
        if self._hold is not None:
            self._out = out[self._hold:]
            self._hold = 0
            return out[: len(out) - len(self._out)]
        if out:
            self._out = []
        return out

    # ----------------------------------------------------------------- lines

    def _begin_line(self, text: str) -> None:
        """Read the start of a line: tell what it is and hand its text to the unit it belongs to.

        Inside a code fence only the closing fence counts, and inside an HTML comment
        everything is text; otherwise a line that starts with a letter is prose, a blank line
        ends the unit, and any other line may open a block of its own (after any block-quote
        markers) or continue the paragraph.
        """
        self._mode = "skip"
        if self._hold is not None:
            self._release(text)
        if self._fence is not None:
            self._close_fence(text, self._fence)
            return
        if self._line == 1 and text.rstrip() == "---":
            self._front = []
            return
        if self._comment:
            self._mode = "text"
            self._join = self._kind is not None
            self._text(text, 1)
            return
        if text[:1].isalpha() and "|" not in text and "<!--" not in text:
            self._prose_line(text)  # most lines of prose: no block marker starts with a letter
            return
        if _BLANK.match(text):
            self._end_unit()
            self._table = False
            return
        rest = self._unquote(text)
        if rest is not None and not self._block(rest):
            self._paragraph_line(text, rest)

    def _close_fence(self, text: str, fence: tuple[str, int]) -> None:
        """A line inside a code ``fence`` (its character and length): skipped, and the fence
        closed if the line is a fence of the same character, at least as long, with nothing
        after it."""
        m = _FENCE.match(text)
        if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] \
                and not text[m.end():].strip():
            self._fence = None

    def _prose_line(self, text: str) -> None:
        """A line that starts with a letter: it ends a block quote and a table, and opens a
        paragraph or continues the one being gathered."""
        self._mode = "text"
        self._table = False
        if self._quote:
            self._end_unit()
            self._quote = 0
        if self._kind is None:
            self._open(PARAGRAPH)
            self._first_raw = (text, self._line)
        else:
            self._join = True
        self._append(text, 1)

    def _unquote(self, text: str) -> _Rest | None:
        """The line after its block-quote markers, a change of quote depth having ended the
        unit; None for a blank line inside a quote (which ends the unit too)."""
        col = 1
        quote = 0
        m = _QUOTE.match(text)
        if m:
            quote = m.group().count(">")
            col = m.end() + 1
        if quote != self._quote:
            self._end_unit()
            self._quote = quote
        rest = text[col - 1:] if col > 1 else text
        if quote and _BLANK.match(rest):
            self._end_unit()
            return None
        return _Rest(rest, col)

    def _block(self, rest: _Rest) -> bool:
        """Whether the line opens a block of its own (a code fence, a heading or its underline,
        a thematic break, a table row, a list item), having read it if so."""
        text, col = rest.text, rest.col
        m = _FENCE.match(text)
        if m:
            self._end_unit()
            self._fence = (m.group(1)[0], len(m.group(1)))
            return True
        m = _ATX.match(text)
        if m:
            self._end_unit()
            body = text[m.end():]
            close = _ATX_CLOSE.search(body) if self._eol else None  # "## Title ##"
            self._open(HEADING)
            self._mode = "heading"
            self._text(body[: close.start()] if close else body, col + m.end())
            return True
        if self._setext(text):
            return True
        if _BREAK.match(text):
            self._end_unit()
            return True
        if "|" in text and self._table_row(rest):
            return True
        self._table = False
        if text[:1] == "@" and _POST.match(text):
            self._end_unit()
            return False
        m = _ITEM.match(text)
        if m:
            self._end_unit()
            self._open(ITEM)
            self._mode = "text"
            self._text(text[m.end():], col + m.end())
            return True
        return False

    def _table_row(self, rest: _Rest) -> bool:
        """Whether a line with a | is part of a table (its |---| rule, or a row: one that starts
        with a |, or any line with a | while a table goes on), having read it if so. The first
        row of a table is held until the next line tells whether it is a header."""
        if _TABLE_RULE.match(rest.text):
            self._table_rule()
            return True
        if rest.text.lstrip().startswith("|") or self._table:
            self._end_unit()
            if not self._table:
                self._hold = len(self._out)
            self._table = True
            self._mode = "table"
            self._table_text(rest.text, rest.col)
            return True
        return False

    def _paragraph_line(self, text: str, rest: _Rest) -> None:
        """A line that opens no block: it opens a paragraph or continues the one being
        gathered (``text`` is the whole line, ``rest`` what follows its quote markers)."""
        self._mode = "text"
        if self._kind is None:
            self._open(PARAGRAPH)
            if rest.col == 1:
                self._first_raw = (text, self._line)
        else:
            self._join = True
        self._text(rest.text, rest.col)

    def _replay_front(self) -> None:
        """A --- on line 1 that did not close soon: its lines were text after all."""
        lines, self._front = self._front or [], None
        self._line -= len(lines)
        for text in lines:
            self._line += 1
            self._col = 1
            self._begin_line(text)
            self._col += len(text)
            self._end_line()

    def _end_line(self) -> None:
        if self._mode in ("heading", "table"):
            self._end_unit()
        self._mode = "text"

    def _setext(self, rest: str) -> bool:
        """A line of = or - under a one-line paragraph makes that paragraph a heading."""
        m = _SETEXT.match(rest)
        if not m:
            return False
        if self._kind == PARAGRAPH and self._lines == 1 and not self._emitted:
            self._kind = HEADING
            self._end_unit()
            return True
        if m.group(1)[0] == "=":  # a row of = with nothing to underline: not text either
            self._end_unit()
            return True
        return False  # a row of dashes: a thematic break

    def _table_rule(self) -> None:
        """The |---|---| row under a table's header: the line above was a row of cells."""
        raw = self._first_raw
        if self._kind == PARAGRAPH and self._lines == 1 and not self._emitted and raw \
                and "|" in raw[0]:
            self._discard_unit()
            line = self._line
            self._line = raw[1]
            self._table_text(raw[0], 1, HEADING)
            self._end_unit()
            self._line = line
        else:
            self._end_unit()
        self._table = True

    def _release(self, text: str) -> None:
        """Hand on a table's first row: header cells (a |---| row follows) are headings."""
        hold, self._hold = self._hold, None
        m = _QUOTE.match(text)
        if _TABLE_RULE.match(text[m.end():] if m else text):
            self._out[hold:] = [Sentence(s.text, s.line, s.column, HEADING)
                                for s in self._out[hold:]]

    def _table_text(self, text: str, col: int, kind: str = CELL) -> None:
        """Cells of a table row: each one a unit of its own."""
        pos = 0
        for part in text.split("|"):
            if self._kind is None:
                self._open(kind)
            self._text(part, col + pos)
            pos += len(part)
            if pos < len(text):  # a | follows: the cell is complete
                self._end_unit()
                pos += 1

    # ----------------------------------------------------------------- units

    def _open(self, kind: str) -> None:
        self._kind = kind
        self._lines = 1
        self._emitted = False
        self._first_raw = None
        self._join = False

    def _discard_unit(self) -> None:
        self._kind = None
        self._buf = ""
        self._start = self._scan = 0
        self._segs.clear()
        self._offsets.clear()

    def _end_unit(self) -> None:
        if self._kind is not None:
            if self._start < len(self._buf):
                self._split(final=True)
            if self._start < len(self._buf):
                self._emit(len(self._buf))
            self._discard_unit()

    def _text(self, text: str, col: int) -> None:
        """Add text from the current line, starting at column ``col``; skip HTML comments."""
        while text:
            if self._comment:
                end = text.find("-->")
                if end < 0:
                    return
                self._comment = False
                col += end + 3
                text = text[end + 3:]
                continue
            begin = text.find("<!--")
            if begin < 0:
                self._append(text, col)
                return
            self._append(text[:begin], col)
            self._comment = True
            col += begin + 4
            text = text[begin + 4:]

    def _append(self, text: str, col: int) -> None:
        if self._kind is None:
            if _BLANK.match(text):
                return
            self._open(PARAGRAPH)
        pending = self._start < len(self._buf)
        if self._join:
            self._join = False
            self._lines += 1
            self._first_raw = None
            if pending and text.lstrip(_OPENERS)[:1].isupper() and _title_line(self._buf[self._start:]):
                # "Magnesium Cures Hemifacial Spasm" over a line of text: a heading of its own
                self._split(final=True)
                if self._start < len(self._buf):
                    kind, self._kind = self._kind, HEADING
                    self._emit(len(self._buf))
                    self._kind = kind
                pending = False
            elif pending and not self._buf[-1].isspace():
                self._buf += " "  # a line break inside a paragraph reads as a space
        if not pending:
            # at the start of a sentence: leading white space is not part of it
            lead = _LEADING_WS.match(text).end()  # type: ignore[union-attr]  # (\s* always matches)
            if lead == len(text):
                return
            col += lead
            text = text[lead:]
        self._offsets.append(len(self._buf))
        self._segs.append((len(self._buf), self._line, col))
        self._buf += text
        self._split()

    # ----------------------------------------------------------------- sentences

    def _split(self, final: bool = False) -> None:
        """Hand on every sentence whose end is certain; cut over-long ones.

        An end is certain once the word after it is complete (white space follows it), or at
        the end of the unit (``final``): "J. R." must not be cut because "R" came first alone.
        """
        buf = self._buf
        limit = self.max_chars
        while True:
            m = _END.search(buf, self._scan)
            end = m.end() if m else -1
            if m and end - self._start <= limit:
                nxt = _SPACE.match(buf, end).end()  # type: ignore[union-attr]  # (_END ends before white space)
                if nxt >= len(buf) or (not final and len(buf) - nxt < _LOOKAHEAD
                                       and not _WORD_END.match(buf, nxt)):
                    self._scan = m.start()  # what follows decides: wait for it
                    break
                if self._ends_sentence(buf, m.start(), m.group(), nxt):
                    self._emit(end)
                    self._start = nxt
                self._scan = max(end, self._start)
                continue
            if len(buf) - self._start > limit:
                self._cut()
                buf = self._buf
                continue
            if not m:
                # a full stop at the very end may yet be followed by closers and white space
                i = len(buf)
                while i > self._start and buf[i - 1] in _TAIL:
                    i -= 1
                self._scan = i
            break
        if self._start > 4096:
            self._compact()

    def _ends_sentence(self, buf: str, at: int, punct: str, nxt: int) -> bool:
        """Whether the punctuation at ``at`` ends a sentence, the next one starting at ``nxt``."""
        following = buf[nxt]
        if following.islower():
            return False  # "e.g. the", "approx. three", "Wait... what"
        if not punct.startswith(".") or punct.startswith(".."):
            return True
        space = buf.rfind(" ", self._start, at)
        word = buf[max(space + 1, self._start): at].lstrip(_OPENERS)
        low = word.lower()
        if low in _ABBREVIATIONS:
            # ("No. 5" is a number; "The answer is no. Then ..." ends a sentence)
            return low in _NUMBER_SIGNS and not following.isdigit()
        if _INITIAL.match(word) and len(word) == 1:
            # "J. R. R. Tolkien", "Dr. J. Smith": an initial, unless a word ends the sentence
            # ("... vitamin D. It ..."), told apart by what stands before and after it.
            if _NEXT_INITIAL.match(buf, nxt):
                return False
            if space < self._start:
                return False
            before = buf[max(buf.rfind(" ", self._start, space) + 1, self._start): space]
            before = before.lstrip(_OPENERS).rstrip(".").lower()
            if before in _TITLES or (len(before) == 1 and before.isalpha()):
                return False
        return True

    def _cut(self) -> None:
        """Cut an over-long sentence at the last word boundary within the limit."""
        stop = self._start + self.max_chars
        space = self._buf.rfind(" ", self._start + self.max_chars // 2, stop)
        if space < 0:
            for ws in "\t\u00a0":
                space = max(space, self._buf.rfind(ws, self._start + self.max_chars // 2, stop))
        end = space if space > 0 else stop
        self._emit(end)
        nxt = _LEADING_WS.match(self._buf, end).end()  # type: ignore[union-attr]  # (\s* always matches)
        self._start = self._scan = nxt

    def _emit(self, end: int) -> None:
        start = self._start
        raw = self._buf[start:end]
        text = clean(raw)
        if text:
            at = start  # the position of the first character of the text, past any markup
            if raw[0] in "<*_`[":
                at += _LEAD_MARKUP.match(raw).end()  # type: ignore[union-attr]  # (always matches)
            i = bisect_right(self._offsets, at) - 1
            off, line, col = self._segs[i]
            origin = None
            rest = raw if at == start else raw[at - start:]
            if text != rest or (i + 1 < len(self._offsets) and self._offsets[i + 1] < end):
                segs = tuple((max(o - at, 0), ln, c + max(at - o, 0))
                             for o, ln, c in self._segs[i:bisect_right(self._offsets, end - 1)])
                origin = (rest, segs)
            self._out.append(Sentence(text, line, col + at - off, self._kind or PARAGRAPH, origin))
            self._emitted = True
        self._start = end

    def _compact(self) -> None:
        """Forget the text already handed on, so a long paragraph does not grow the buffer."""
        start = self._start
        i = bisect_right(self._offsets, start) - 1
        keep = self._segs[i:]
        off0, line, col = keep[0]
        self._segs = [(start, line, col + start - off0)] + keep[1:]
        self._segs = [(o - start, ln, c) for o, ln, c in self._segs]
        self._offsets = [o for o, _, _ in self._segs]
        self._buf = self._buf[start:]
        self._scan -= start
        self._start = 0


# --------------------------------------------------------------------------- functions


def title_case(words: list[str]) -> bool:
    """Every longer word capitalised, as in "Magnesium And Hemifacial Spasm Explained"."""
    long = [w for w in words if len(w) > 3]
    return len(long) >= 2 and all(w[0].isupper() for w in long) and not all(
        w.isupper() for w in long
    ) and sum(1 for w in words if w[0].isupper()) >= len(words) - 2


_TITLE_WORD = lazy(globals(), "_TITLE_WORD", r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _title_line(text: str) -> bool:
    """A line that reads as a title: no closing punctuation, and three words or more in Title
    Case ("Magnesium And Hemifacial Spasm Explained") or two or more in capitals ("WHO IT'S FOR")."""
    text = text.strip()
    if not text or any(ch in ".!?;:" for ch in text) or text[-1] == ",":
        return False
    words = _TITLE_WORD.findall(text)
    if len(words) >= 2 and all(w.isupper() for w in words) and sum(len(w) > 1 for w in words) >= 2:
        return True
    # ("Customer Reviews": two capitalised words alone on a line are a heading, not a wrap)
    return (len(words) >= 3 and title_case(words)) or (len(words) == 2 and all(w[:1].isupper() for w in words))


def split_lines(lines: Iterable[str], *, max_chars: int = MAX_SENTENCE) -> Iterator[Sentence]:
    """Sentences from lines as a text file yields them (each ending in a newline, except
    perhaps the last; a line may come in several pieces, as ``readline(limit)`` gives it)."""
    splitter = Splitter(max_chars)
    for piece in lines:
        found = splitter.feed(piece)
        if found:
            yield from found
    yield from splitter.close()


_LINE = lazy(globals(), "_LINE", r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_text(text: str, *, max_chars: int = MAX_SENTENCE) -> list[Sentence]:
    """Every sentence of a string (lines end at \\n, \\r\\n or \\r)."""
    pieces = (m.group().rstrip("\r\n") + "\n" for m in _LINE.finditer(text))
    return list(split_lines(pieces, max_chars=max_chars))
