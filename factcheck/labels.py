"""What a result's label means: its polarity, how worrying it is, the exit status it implies, its
CI annotation level and its colours. The one home for these; every renderer, the scan, the
evaluator and the exit status read them from here. Imports nothing from the package."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum, IntEnum

from .records import dataclass


class ExitStatus(IntEnum):
    """The exit codes, an interface documented in the README."""

    SUPPORTED = 0  # every statement true or mostly-true
    REFUTED = 1  # at least one false or mostly-false
    ERROR = 2  # usage, input or knowledge-base error
    UNSETTLED = 3  # none false, but at least one mixed, unproven or no-match
    INTERRUPTED = 130  # Ctrl-C


class Polarity(IntEnum):
    """Which way a label leans: the statement supported, refuted, or neither."""

    REFUTED = -1
    NEITHER = 0
    SUPPORTED = 1


@dataclass(frozen=True)
class _Meaning:
    """What one label means: its polarity, severity, CI annotation level and colours."""

    polarity: Polarity
    severity: int  # 0 the most worrying; the order of scan summaries
    annotation: str | None  # GitHub workflow command level (error, warning, notice); None: not reported
    style: str  # Rich style of the label
    badge: str  # Rich style of the label as a badge


class Label(str, Enum):
    """Every label a result can carry: a claim's verdict (true to false), or ``no-match``."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly-true"
    MIXED = "mixed"
    UNPROVEN = "unproven"
    MOSTLY_FALSE = "mostly-false"
    FALSE = "false"
    NO_MATCH = "no-match"

    @property
    def _meaning(self) -> _Meaning:
        return _MEANING[self]

    @property
    def polarity(self) -> Polarity:
        return self._meaning.polarity

    @property
    def severity(self) -> int:
        """0 for the most worrying (false), rising to no-match."""
        return self._meaning.severity

    @property
    def is_verdict(self) -> bool:
        """A claim's verdict, not ``no-match``."""
        return self is not Label.NO_MATCH

    @property
    def exit_status(self) -> ExitStatus:
        if self.polarity is Polarity.REFUTED:
            return ExitStatus.REFUTED
        return ExitStatus.SUPPORTED if self.polarity is Polarity.SUPPORTED else ExitStatus.UNSETTLED

    @property
    def annotation(self) -> str | None:
        return self._meaning.annotation

    @property
    def style(self) -> str:
        return self._meaning.style

    @property
    def badge(self) -> str:
        return self._meaning.badge

    @classmethod
    def get(cls, value: str) -> Label | None:
        """The label of a string, or None for one that is not a label."""
        return _BY_VALUE.get(value)


_S, _R, _N = Polarity.SUPPORTED, Polarity.REFUTED, Polarity.NEITHER
_MEANING = {
    Label.FALSE: _Meaning(_R, 0, "error", "bold red", "bold white on red"),
    Label.MOSTLY_FALSE: _Meaning(_R, 1, "error", "red", "white on red"),
    Label.MIXED: _Meaning(_N, 2, "warning", "yellow", "black on yellow"),
    Label.UNPROVEN: _Meaning(_N, 3, "warning", "yellow", "black on yellow"),
    Label.MOSTLY_TRUE: _Meaning(_S, 4, "notice", "green", "black on green"),
    Label.TRUE: _Meaning(_S, 5, "notice", "bold green", "bold black on green"),
    Label.NO_MATCH: _Meaning(_N, 6, None, "bold", "bold black on white"),
}
_BY_VALUE = {label.value: label for label in Label}

#: Every label, from the most to the least worrying (false first, no-match last).
BY_SEVERITY = tuple(sorted(Label, key=lambda label: label.severity))


def polarity(value: str) -> Polarity:
    """The polarity of a label given as a string; NEITHER for one that is not a label."""
    label = _BY_VALUE.get(value)
    return label.polarity if label is not None else Polarity.NEITHER


def exit_status(values: Iterable[str]) -> ExitStatus:
    """The exit status of a run: REFUTED when any label is refuted, SUPPORTED when every one is
    supported, else UNSETTLED (a string that is not a label counts as unsettled)."""
    status = ExitStatus.SUPPORTED
    for value in values:
        label = _BY_VALUE.get(value)
        here = label.exit_status if label is not None else ExitStatus.UNSETTLED
        if here is ExitStatus.REFUTED:
            return here
        if here is ExitStatus.UNSETTLED:
            status = here
    return status
