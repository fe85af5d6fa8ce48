"""The typer pin is a debt: this fails when the installed typer leaves the pinned range.

pip installs the newest typer inside ``typer>=LOW,<HIGH``; when that range no longer resolves (a
yanked release, a Python the range has no wheel for), ``pip install .`` fails in CI before this
runs. This test catches the quieter case: a typer outside the range installed anyway (by hand,
by another package's constraint), so that the start-up cost the pin avoids, or a floor the code
no longer supports, does not pass unnoticed. ``docs/guide.md`` ("The typer pin") says what
would let the pin go.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pin() -> tuple[tuple[int, ...], tuple[int, ...]]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'"typer>=([\d.]+),<([\d.]+)"', text)
    assert m, "pyproject.toml pins typer as typer>=LOW,<HIGH"
    return _v(m.group(1)), _v(m.group(2))


def _v(s: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", s)[:3])


def test_installed_typer_is_inside_the_pinned_range():
    low, high = _pin()
    installed = _v(version("typer"))
    assert low <= installed < high, f"typer {version('typer')} is outside >={low},<{high}"


def test_the_pin_is_documented_with_its_measured_cost():
    low, high = _pin()
    spec = f"typer>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    assert spec in guide and "85 ms" in guide
    assert "85 ms" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_floor_has_what_the_code_uses():
    """The features of typer the code relies on, all present at the floor (0.16; 0.15 breaks with
    Click 8.2, which pip installs beside it)."""
    import inspect

    import typer
    from typer.core import TyperCommand, TyperGroup

    assert issubclass(TyperCommand, object) and issubclass(TyperGroup, object)
    params = inspect.signature(typer.Typer).parameters
    for name in ("cls", "add_completion", "rich_markup_mode", "pretty_exceptions_enable",
                 "no_args_is_help", "context_settings"):
        assert name in params, name
