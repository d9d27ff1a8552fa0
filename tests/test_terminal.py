"""Colour only on a terminal, never with NO_COLOR."""

from __future__ import annotations

import io

from briefgen.terminal import paint_problem, wants_colour


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color() -> None:
    assert wants_colour(_Tty(), {})
    assert not wants_colour(io.StringIO(), {})
    assert not wants_colour(_Tty(), {"NO_COLOR": "1"})
    assert not wants_colour(_Tty(), {"TERM": "dumb"})


def test_problem_lines_are_painted_only_when_asked() -> None:
    line = "content/briefs/a.md:3:1: error: unknown claim 'x'"
    assert paint_problem(line, False) == line
    painted = paint_problem(line, True)
    assert "\033[" in painted and painted.replace("\033[1;31m", "").replace("\033[1m", "").replace(
        "\033[0m", "") == line
