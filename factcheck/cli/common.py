"""One module per command (pipx's layout); shared plumbing for them lives here.

Nothing here does fact-checking: commands parse options, call the library, pick a renderer and
return an exit status. Heavy imports happen inside the command bodies, not at start-up.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, NoReturn

import typer

from ..records import dataclass

if TYPE_CHECKING:
    from rich.console import Console

    from ..engine.checker import FactChecker


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class TextOrJson(str, Enum):
    """For commands whose output is one report: text for people, one JSON document for scripts."""

    text = "text"
    json = "json"


@dataclass
class Settings:
    """Global options, set by the app callback and read by every command."""

    kb: str | None = None
    debug: bool = False


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings(debug=_env_debug())
    return root.obj


def _env_debug() -> bool:
    return os.environ.get("FACTCHECK_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def load_checker(ctx: typer.Context) -> FactChecker:
    """The fact-checker for the knowledge base chosen by --kb, $FACTCHECK_KB or the default."""
    from ..engine.checker import FactChecker
    from ..errors import KnowledgeBaseError
    from ..kb.knowledge import ENV_VAR

    path = settings(ctx).kb
    if path is not None and not path.strip():
        fail("--kb: the path is empty (leave --kb out to use $FACTCHECK_KB or the shipped knowledge base)")
    try:
        with _notice_if_slow(f"loading and indexing the knowledge base{' ' + path if path else ''}; "
                             "a large one takes a while the first time, then its index is cached"):
            checker = FactChecker.load(path)
        _long_lived()
        return checker
    except KnowledgeBaseError as exc:
        if path is None and os.environ.get(ENV_VAR, "").strip():
            # Say where the path came from: a forgotten variable is a puzzling fault otherwise.
            raise KnowledgeBaseError(f"{exc} (knowledge base named by ${ENV_VAR})") from None
        raise


def _long_lived() -> None:
    """The loaded checker lives as long as the command: the cycle collector need not scan it
    again (``gc.freeze``), and checking makes almost no reference cycles, so young objects are
    collected less often. At 100,000 claims the collector took 0.67 ms of each statement's 5 ms
    with the default settings, 0.15 ms with these; what is shown never changes."""
    import gc

    gc.freeze()
    gc.set_threshold(GC_YOUNG, 20, 20)


#: Objects allocated (less those freed) between two collections of the youngest generation
#: (Python's default: 700).
GC_YOUNG = 5000

#: Seconds a knowledge base may take to load before a line on stderr says what is going on.
SLOW_LOAD_NOTICE = 1.5


@contextlib.contextmanager
def _notice_if_slow(message: str) -> Iterator[None]:
    """Say on stderr what is happening if the block is still running after SLOW_LOAD_NOTICE s.

    Indexing 100,000 claims takes half a minute the first time (later runs use the cache);
    without a word, that looks like a hang. Fast loads print nothing.
    """
    import threading

    timer = threading.Timer(SLOW_LOAD_NOTICE, lambda: _info(message))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _info(message: str) -> None:
    sys.stderr.write(f"factcheck: {_one_line(message)}...\n")
    sys.stderr.flush()


def make_console(color: ColorChoice = ColorChoice.auto, *, stderr: bool = False) -> Console:
    """A Rich console that colours only a terminal (or as --color, NO_COLOR, FORCE_COLOR say).

    Markup, emoji codes and highlighting are off: text from users and the knowledge base is
    printed as it is (renderers pass it through :func:`factcheck.render.common.safe` first).
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handler exits 1 from inside print(); raising lets guard() end quietly
            # with the same status whatever the output format.
            raise BrokenPipeError

    kwargs: dict = {"stderr": stderr, "highlight": False, "emoji": False, "markup": False}
    if color is ColorChoice.always:  # an explicit flag beats NO_COLOR and TERM=dumb
        kwargs["force_terminal"] = True
        kwargs["no_color"] = False
        if os.environ.get("TERM") == "dumb":
            kwargs["color_system"] = "standard"
    elif color is ColorChoice.never:  # and beats FORCE_COLOR
        kwargs["no_color"] = True
        kwargs["color_system"] = None
    return _Console(**kwargs)


#: The most characters of one error or warning line (a message quoting a 100 KB value is cut).
MESSAGE_MAX = 2000


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit (2 by default: usage, input or knowledge-base error)."""
    sys.stderr.write(f"factcheck: error: {_one_line(message)}\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def warn(message: str) -> None:
    """Print one warning line on stderr; the command goes on."""
    sys.stderr.write(f"factcheck: warning: {_one_line(message)}\n")
    sys.stderr.flush()


def _one_line(message: str) -> str:
    # Messages quote paths, statements and knowledge-base values: no escape sequence or newline
    # in them may reach the terminal or break the one-line promise.
    from ..render.common import safe

    return safe(message, MESSAGE_MAX)


@contextlib.contextmanager
def guard(ctx: typer.Context) -> Iterator[None]:
    """Map every failure to its documented exit status, with one line on stderr.

    Library errors -> 2; Ctrl-C -> 130; a closed stdout (``| head``) -> quiet exit;
    anything unexpected -> 2 with one line, or a traceback under --debug / FACTCHECK_DEBUG=1.
    """
    from ..errors import FactcheckError

    debug = settings(ctx).debug
    try:
        yield
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except FactcheckError as exc:
        if debug:
            traceback.print_exc()
        fail(str(exc))
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        quiet_broken_pipe()
        raise typer.Exit(0) from None
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a CLI
        if debug:
            traceback.print_exc()
        hint = "" if debug else " (run with --debug for a traceback)"
        fail(f"internal error: {type(exc).__name__}: {exc}{hint}")


ESCAPE_ERRORS = "factcheck-escape"


def _escape_unencodable(exc: UnicodeError) -> tuple[str, int]:
    """What a stream writes for characters its encoding lacks: ``\\uXXXX`` escapes (a surrogate
    pair above U+FFFF), readable in text and still valid inside a JSON string."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


def setup_streams() -> None:
    """Let stdout and stderr never fail on a character their encoding cannot hold.

    An ASCII-only stdout (``PYTHONIOENCODING=ascii``, a C locale on some systems) gets escapes
    instead of an error after partial output; so do lone surrogates on any stream.
    """
    import codecs

    try:
        codecs.lookup_error(ESCAPE_ERRORS)
    except LookupError:
        codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) != ESCAPE_ERRORS:
            try:
                reconfigure(errors=ESCAPE_ERRORS)
            except (ValueError, OSError, TypeError, AttributeError):
                pass


def quiet_broken_pipe() -> None:
    """After EPIPE, point stdout at devnull so Python's exit flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
