"""`nastavnik --help`, the help of every command and `--version` speak Russian, and the exit codes
the help promises are the ones documented in docs/soobshcheniya.md."""

from __future__ import annotations

import argparse
import re

import pytest

from generator.cli import _parser, main
from tests.conftest import ROOT

ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "show program's version", "error:")


def _parsers(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


PARSERS = list(_parsers(_parser()))


@pytest.mark.parametrize("path, parser", PARSERS, ids=[" ".join(p) or "nastavnik" for p, _ in PARSERS])
def test_help_is_russian(path, parser, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("использование: nastavnik")
    assert not [word for word in ENGLISH if word in text]
    for action in parser._actions:
        if action.help != argparse.SUPPRESS and not isinstance(action, argparse._SubParsersAction):
            assert re.search("[а-яё]", action.help or ""), f"{path} {action.option_strings}: нет справки"


def test_every_command_is_in_the_guide():
    table = (ROOT / "docs/soobshcheniya.md").read_text("utf-8")
    commands = [path[0] for path, _ in PARSERS if len(path) == 1]
    assert len(commands) >= 9
    for command in commands:
        assert command in table, command


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert re.fullmatch(r"nastavnik \S+ \(настройки программы: .+\)\n", capsys.readouterr().out)


def test_wrong_usage_is_code_2_in_russian(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["init", "town", "x"])
    assert exit_.value.code == 2
    assert "nastavnik init: ошибка:" in capsys.readouterr().err
