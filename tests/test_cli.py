"""Every command has help with an example, and bad input gives a message, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medins.cli import build_parser, main

COMMANDS = ["run", "ingest", "build", "list", "rejected", "refresh"]


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out
    assert "examples:" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help_with_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--data-dir" in out
    assert "example" in out or "exit codes" in out


def test_missing_source_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ingest", "--sources", str(tmp_path / "nope"), "--data-dir", str(tmp_path)])
    assert code == 2
    assert "does not exist" in capsys.readouterr().out


@pytest.mark.parametrize("entry", [["-m", "medins"], ["-m", "medins.cli"]])
def test_module_entry_points_run_the_same_command(
    entry: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help to it, here and in the child
    done = subprocess.run(
        [sys.executable, *entry, "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == build_parser().format_help()
