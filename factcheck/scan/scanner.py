"""Scan files and piped text for claims, like a linter: every sentence through the one engine.

:func:`walk` turns the paths given into the files to read (directories walked in sorted order,
hidden and junk directories skipped, only text files taken); :func:`scan` reads each one as a
stream (bounded chunks, never the whole file), splits it into sentences with their positions,
keeps those that could be claims (:func:`is_claim_candidate`; headings and Title Case lines
too, reported only when they match, :func:`is_headline`), checks each with
``FactChecker.findings`` (which reads a sentence clause by clause, ``factcheck.engine.clauses``, and
may find several claims in it) and yields events: :class:`FileStart`, :class:`Finding`,
:class:`Notice` (a skipped binary file, invalid UTF-8, an unreadable path) and :class:`FileDone`.
Nothing here prints; the ``scan`` command renders the events.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from ..engine.answers import is_denial
from ..engine.ellipsis import elided, may_be_elided
from ..engine.reference import Mention, Reading, Referents
from ..records import NamedTuple
from ..sentences import HEADING, PARAGRAPH, Sentence, Splitter, title_case

if TYPE_CHECKING:
    from ..engine.checker import FactChecker
    from ..result import CheckResult
    from .parallel import CheckPool

#: How standard input is named in the output.
STDIN = "<stdin>"

#: The file types read when a directory is walked (a file named on the command line is read
#: whatever its name). HTML and CSV are left out: markup and data, not prose.
TEXT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".rst", ".adoc", ".asciidoc", ".org"}
)
#: Directories never walked into, besides hidden ones (".git", ".venv", ...).
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})

CHUNK = 65536  # bytes read at a time
LINE_PIECE = 65536  # characters: a longer line is handed on in pieces
SNIFF = 8192  # bytes looked at to tell text from binary
# Share of undecodable bytes in the first SNIFF bytes above which a file is taken for binary.
BINARY_BAD_SHARE = 0.3

MIN_WORDS = 3


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Target:
    """A file to read: ``path`` as shown, ``fs_path`` to open (None for standard input)."""

    path: str
    fs_path: str | None
    size: int | None = None


@dataclass(frozen=True)
class Notice:
    """Something to tell the user about a path: a warning, or an error (exit status 2)."""

    path: str
    message: str
    error: bool = False


@dataclass(frozen=True)
class FileStart:
    path: str
    size: int | None


@dataclass(frozen=True)
class FileDone:
    path: str
    sentences: int  # sentences checked (claim candidates)
    findings: int


@dataclass(frozen=True)
class Finding:
    """A claim reported, where it is (the span of the clause checked), and the verdict on it.

    ``line`` and ``column`` are where the clause starts, ``end_line`` and ``end_column`` just
    past where it ends (1-based, in characters); a sentence read whole is its own clause.
    """

    path: str
    line: int
    column: int
    result: CheckResult
    end_line: int = 0
    end_column: int = 0
    #: the clause's offsets in the sentence (``result.statement``), for marking it under it
    span: tuple[int, int] = (0, 0)

    @property
    def sentence(self) -> str:
        return self.result.statement

    @property
    def verdict(self) -> str:
        return self.result.verdict

    def to_dict(self, *, top: int = 0, explain: bool = False) -> dict[str, Any]:
        """``path``, ``line``, ``column``, ``end_line``, ``end_column``, then the result's fields."""
        d: dict[str, Any] = {"path": self.path, "line": self.line, "column": self.column,
                             "end_line": self.end_line, "end_column": self.end_column}
        d.update(self.result.to_dict(top=top, explain=explain))
        return d


Event = FileStart | Finding | Notice | FileDone


# --------------------------------------------------------------------------- walking


def walk(paths: Iterable[str]) -> Iterator[Target | Notice]:
    """The files to scan, in order: ``-`` is standard input; directories are walked sorted."""
    for path in paths:
        if path == "-":
            yield Target(STDIN, None, None)
            continue
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield Notice(path, f"{path}: no such file or directory", error=True)
            continue
        except OSError as exc:
            yield Notice(path, f"{path}: {_reason(exc)}", error=True)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(path)
        else:
            yield Target(path, path, st.st_size if stat.S_ISREG(st.st_mode) else None)


def _walk_dir(top: str) -> Iterator[Target | Notice]:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Notice(top, f"{top}: {_reason(exc)}", error=True)
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        path = os.path.join(top, name)
        try:
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIP_DIRS:
                    yield from _walk_dir(path)
                continue
            if os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES or not entry.is_file():
                continue
            size = entry.stat().st_size
        except OSError as exc:
            yield Notice(path, f"{path}: {_reason(exc)}", error=True)
            continue
        yield Target(path, path, size)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


# --------------------------------------------------------------------------- reading

_local = threading.local()


def _replace_counting(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _local.bad = getattr(_local, "bad", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error("factcheck-replace", _replace_counting)


class TextReader:
    """Text from a binary stream, a line at a time, in bounded memory.

    The first bytes tell text from binary (a NUL byte, or mostly undecodable, outside a UTF-16
    byte-order mark); invalid UTF-8 is replaced with U+FFFD and counted in :attr:`bad_bytes`.
    Lines end at ``\\n``, ``\\r\\n`` or ``\\r``; a line longer than ``LINE_PIECE`` characters is
    handed on in pieces, the last ending in a newline (what ``readline(limit)`` does).
    """

    def __init__(self, stream: BinaryIO, on_bytes: Callable[[int], None] | None = None) -> None:
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)
        self._on_bytes = on_bytes
        self.error: OSError | None = None
        self.bad_bytes = 0
        head = b""
        while len(head) < SNIFF:  # a pipe may hand over less than asked for
            data = self._read(CHUNK)
            if not data:
                break
            head += data
        self._head = head
        self._report(len(head))
        self.encoding = _encoding(head)
        self.binary = self.encoding == "utf-8" and _looks_binary(head[:SNIFF])

    def _report(self, n: int) -> None:
        if self._on_bytes is not None and n:
            self._on_bytes(n)

    def lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="factcheck-replace")
        data = self._head
        self._head = b""
        pending = ""
        _local.bad = 0
        while True:
            final = not data
            text = decoder.decode(data, final)
            if pending:
                text = pending + text
                pending = ""
            if "\r" in text:
                if text.endswith("\r") and not final:  # perhaps half of a \r\n
                    pending = "\r"
                    text = text[:-1]
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            parts = text.split("\n")
            last = parts.pop()
            for part in parts:
                yield part + "\n"
            if final:
                if last or pending:
                    yield last + pending
                break
            if len(last) >= LINE_PIECE:
                yield last
            else:
                pending = last + pending
            self.bad_bytes = _local.bad
            try:
                data = self._read(CHUNK)
            except OSError as exc:
                self.error = exc
                data = b""
            self._report(len(data))
        self.bad_bytes = _local.bad


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _looks_binary(sample: bytes) -> bool:
    """A NUL byte, or a large share of bytes that are not UTF-8: not a text file."""
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    # A multi-byte character cut at the end of the sample is not a fault of the file.
    text = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(sample, False)
    bad = text.count("\ufffd")
    return bad > 8 and bad > BINARY_BAD_SHARE * len(sample)


# --------------------------------------------------------------------------- claims

_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# Greetings, thanks and sign-offs: how a post talks to its reader, not what it claims. Generic
# words only; a claim that happens to start this way is still checked when it is long.
_SMALL_TALK = re.compile(
    r"(?:hi|hello|hey|dear|greetings|welcome|cheers|regards|best wishes|kind regards"
    r"|thanks(?! to\b)|thank you|many thanks|good (?:morning|afternoon|evening|night|luck)"
    r"|bye|goodbye|see you|take care|stay tuned|hope this helps|let me know|happy \w+"
    r"|congratulations)\b",
    re.IGNORECASE,
)
SMALL_TALK_MAX_WORDS = 8


def is_claim_candidate(sentence: Sentence | str) -> bool:
    """Whether a sentence could state a claim: not a heading, a fragment, or small talk.

    Not claims: headings; fewer than three words; mostly digits, symbols or URLs; greetings,
    thanks and sign-offs of a few words ("Hi everyone!", "Thanks for reading."); titles in
    Title Case without a full stop. Whether a candidate matches a claim is the engine's to say.
    """
    if isinstance(sentence, Sentence):
        if sentence.kind == HEADING:
            return False
        text = sentence.text
    else:
        text = sentence
    words = _WORD.findall(_URL.sub(" ", text) if "@" in text or "/" in text else text)
    if len(words) < MIN_WORDS:
        return False
    letters = sum(map(len, words))
    if letters * 2 < len(text) - text.count(" "):
        return False
    if len(words) <= SMALL_TALK_MAX_WORDS and _SMALL_TALK.match(text.lstrip("\"'([*_ ")):
        return False
    return not (text[-1] not in ".!?;:" and title_case(words))


def is_headline(sentence: Sentence | str) -> bool:
    """A heading or a Title Case line that could make a claim ("Magnesium Cures Hemifacial
    Spasm"): checked, but reported only when it matches a claim (navigation and section names
    such as "Treatments" or "What People Say" match none)."""
    if isinstance(sentence, Sentence):
        if sentence.kind == HEADING:
            sentence = Sentence(sentence.text, sentence.line, sentence.column)
            return is_claim_candidate(sentence.text.rstrip(".!?:;") + ".")
        text = sentence.text
    else:
        text = sentence
    return bool(text) and text[-1] not in ".!?;:" and is_claim_candidate(text + ".")


# --------------------------------------------------------------------------- scanning


def sentences(reader: TextReader) -> Iterator[Sentence]:
    """Every sentence of a reader's text, as the splitter completes them."""
    splitter = Splitter()
    feed = splitter.feed
    for piece in reader.lines():
        found = feed(piece)
        if found:
            yield from found
    yield from splitter.close()


def scan(
    targets: Iterable[Target | Notice],
    checker: FactChecker,
    *,
    report_all: bool = False,
    top: int = 0,
    explain: bool = False,
    stdin: BinaryIO | None = None,
    on_bytes: Callable[[int], None] | None = None,
    jobs: int | None = 1,
) -> Iterator[Event]:
    """Check every claim-like sentence of every target; yield what happened, in order.

    Findings are the sentences that matched a claim (any verdict but no-match), or every
    candidate sentence with ``report_all``. Notices from :func:`walk` are passed through.
    ``jobs`` worker processes check the sentences (``None``: one per available core; 1: this
    process); reading and splitting stay here, and the events come out in the same order, with
    the same findings, whatever the number.
    """
    from .parallel import CheckPool

    with CheckPool(checker, jobs) as pool:
        for target in targets:
            if isinstance(target, Notice):
                yield target
                continue
            yield from _scan_one(target, pool, report_all, top, explain, stdin, on_bytes)


def _scan_one(
    target: Target,
    pool: CheckPool,
    report_all: bool,
    top: int,
    explain: bool,
    stdin: BinaryIO | None,
    on_bytes: Callable[[int], None] | None,
) -> Iterator[Event]:
    """Read one target and check its sentences: FileStart, its findings, any notices about
    reading it, FileDone; or a single notice when it cannot be opened or is binary."""
    path = target.path
    try:
        opened = _open_target(target, stdin)
    except OSError as exc:
        yield Notice(path, f"{path}: {_reason(exc)}", error=True)
        return
    try:
        try:
            reader = TextReader(opened.stream, on_bytes)
        except OSError as exc:
            yield Notice(path, f"{path}: {_reason(exc)}", error=True)
            return
        if reader.binary:
            yield Notice(path, f"skipping binary file {path}")
            return
        yield FileStart(path, target.size)
        counts = yield from _check_text(path, reader, pool, report_all, top, explain)
        yield from _reading_notices(path, reader)
        yield FileDone(path, counts.checked, counts.found)
    finally:
        if opened.owned:
            opened.stream.close()


class _Opened(NamedTuple):
    """The stream a target is read from, and whether it was opened here (and is closed here)."""

    stream: BinaryIO
    owned: bool


class _Queued(NamedTuple):
    """A sentence handed to the checker, in the order its results come back."""

    sentence: Sentence
    headline: bool  # a heading or Title Case line: reported only when it matches a claim
    reading: Reading | None = None  # checked with a pronoun read as the thing named before


class _Context:
    """The sentence before the current one, for reading its pronouns (``engine.reference``)
    when it is of the same paragraph (no blank line, heading or list item between). Only the one
    sentence: further back, the sentences between name other things, and a pronoun read past
    them is more often wrong than right."""

    def __init__(self, referents: Referents) -> None:
        self.referents = referents
        self.recent: deque[tuple[Sentence, list[tuple[Mention, ...]]]] = deque(maxlen=2)

    def see(self, s: Sentence) -> None:
        """Take ``s`` as the latest sentence (its concepts are found only when asked for)."""
        self.recent.append((s, []))

    def reading(self, s: Sentence) -> Reading | None:
        """``s`` (the latest sentence seen) with a pronoun read as a thing named before it."""
        if len(self.recent) < 2 or not self._after(s) or not self.referents.refers(s.text):
            return None
        prev, found = self.recent[-2]
        if not found:
            found.append(self.referents.mentions(prev.text))
        before = [(prev.text, found[0])]
        return self.referents.reading(s.text, before)

    def elided(self, s: Sentence) -> Reading | None:
        """``s`` (the latest sentence seen) read as the claim of the sentence before said of
        another thing ("So can low calcium.", ``engine.ellipsis``), or None."""
        if len(self.recent) < 2 or not self._after(s) or not may_be_elided(s.text):
            return None
        return elided(s.text, self.recent[-2][0].text, self.referents)

    def _after(self, s: Sentence) -> bool:
        """Whether ``s`` follows the sentence before in the same paragraph (no blank line, heading
        or list item between)."""
        prev = self.recent[-2][0]
        return s.kind == PARAGRAPH and prev.kind == PARAGRAPH and s.line <= prev.last_line + 1


class _Counts(NamedTuple):
    """What checking one file came to."""

    checked: int  # sentences checked (claim candidates and headlines)
    found: int  # findings reported


def _open_target(target: Target, stdin: BinaryIO | None) -> _Opened:
    """The stream to read ``target`` from: standard input (``stdin`` when given), which is not
    ours to close, or the file, opened here. An OSError is the caller's to report."""
    if target.fs_path is None:
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        return _Opened(stdin, owned=False)
    return _Opened(open(target.fs_path, "rb"), owned=True)  # noqa: SIM115 - closed by _scan_one


def _check_text(
    path: str,
    reader: TextReader,
    pool: CheckPool,
    report_all: bool,
    top: int,
    explain: bool,
) -> Generator[Finding, None, _Counts]:
    """Check the claim candidates and headlines among a file's sentences, as the splitter
    completes them; yield the findings in order and return the counts."""
    from ..engine.checker import read_back

    queue: deque[_Queued] = deque()
    context = _Context(Referents(pool.checker.lexicon))

    def statements() -> Iterator[str]:
        held: Sentence | None = None  # a claim candidate not yet handed over: an answer may follow
        reading: Reading | None = None  # the held sentence with a pronoun read
        for s in sentences(reader):
            if held is not None:
                if is_denial(s.text) and s.line == held.locate_end(len(held.text))[0]:
                    # "Magnesium cures HFS? Not a chance.": the answer goes with the sentence
                    queue.append(_Queued(held, headline=False))
                    yield f"{held.text} {s.text}"
                    held = None
                else:
                    queue.append(_Queued(held, False, reading))
                    yield held.text if reading is None else reading.text
                    held = None
            context.see(s)
            elliptical = context.elided(s)
            if elliptical is not None or is_claim_candidate(s):
                held = s
                reading = elliptical or context.reading(s)
            elif is_headline(s):
                queue.append(_Queued(s, headline=True))
                yield s.text
        if held is not None:
            queue.append(_Queued(held, False, reading))
            yield held.text if reading is None else reading.text

    checked = found = 0
    for results in pool.findings_many(statements(), top=top, explain=explain,
                                      matched_only=not report_all):
        queued = queue.popleft()
        checked += 1
        for result in results:
            if not (result.matched or (report_all and not queued.headline)):
                continue
            found += 1
            if queued.reading is not None:
                result = read_back(result, queued.sentence.text, queued.reading, explain)
            yield _finding(path, queued.sentence, result)
    return _Counts(checked, found)


def _finding(path: str, s: Sentence, result: CheckResult) -> Finding:
    """A result as a finding, placed at the span of the clause that was checked (the whole
    sentence when it was read whole)."""
    clause = result.clause
    lo, hi = (clause.start, clause.end) if clause is not None else (0, len(s.text))
    line, col = s.locate(lo) if lo else (s.line, s.column)
    end_line, end_col = s.locate_end(hi)
    return Finding(path, line, col, result, end_line, end_col, (lo, hi))


def _reading_notices(path: str, reader: TextReader) -> Iterator[Notice]:
    """What went wrong in reading a file that the user should know: bytes that were not UTF-8
    (replaced), a read error that cut the file short."""
    if reader.bad_bytes:
        n = reader.bad_bytes
        yield Notice(path, f"{path}: not valid UTF-8; {n} byte{'s' * (n != 1)} replaced")
    if reader.error is not None:
        yield Notice(path, f"{path}: read error: {_reason(reader.error)}", error=True)
