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


# --- exit codes as a scheduler sees them: the README's cron and systemd lines, as written


def _readme_block(language: str) -> str:
    from tests.conftest import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def _as_here(line: str, sources: Path, data: Path, log: Path) -> str:
    from tests.conftest import REPO_ROOT

    for written, here in (
        ("/srv/medins-data", data),
        ("/srv/medins", REPO_ROOT),
        ("/srv/budgets", sources),
        ("/var/log/medins-refresh.log", log),
    ):
        line = line.replace(written, str(here))
    return line


def _scheduler_commands(sources: Path, data: Path, log: Path) -> dict[str, list[str]]:
    import shlex

    cron = next(
        line for line in _readme_block("cron").splitlines() if line and not line.startswith("#")
    )
    command = cron.split(None, 5)[5]  # after the five time fields
    unit = _readme_block("ini")
    start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert "SuccessExitStatus=3" in unit
    return {
        "cron": ["/bin/sh", "-c", _as_here(command, sources, data, log)],
        "systemd": shlex.split(_as_here(start.removeprefix("ExecStart="), sources, data, log)),
    }


def test_the_readme_scheduler_lines_tell_locked_from_failed(tmp_path: Path) -> None:
    from medins.lock import writer_lock
    from tests.conftest import REPO_ROOT

    sources, data, log = tmp_path / "sources", tmp_path / "data", tmp_path / "refresh.log"
    sources.mkdir()
    for name, command in _scheduler_commands(sources, data, log).items():
        with writer_lock(data / ".refresh.lock", wait=False):
            locked = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, check=False)
        assert locked.returncode == 3, (name, locked)
        # a refresh that fails: a sources.csv that cannot be used
        (sources / "sources.csv").write_text("file,division_code,body,scope,year\nx,1,,,\n")
        failed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, check=False)
        assert failed.returncode == 1, (name, failed)
        (sources / "sources.csv").unlink()
    assert "refresh: skipped" in log.read_text(encoding="utf-8")


def test_make_refresh_tells_locked_from_failed(tmp_path: Path) -> None:
    import os

    from medins.lock import writer_lock
    from tests.conftest import REPO_ROOT

    sources, data = tmp_path / "sources", tmp_path / "data"
    sources.mkdir()
    command = ["make", "--no-print-directory", "refresh", f"SOURCES={sources}", f"DATA_DIR={data}"]
    env = {**os.environ, "MAKEFLAGS": ""}
    with writer_lock(data / ".refresh.lock", wait=False):
        locked = subprocess.run(
            command, cwd=REPO_ROOT, capture_output=True, text=True, check=False, env=env
        )
    assert locked.returncode == 0 and "skipped" in locked.stdout, locked
    (sources / "sources.csv").write_text("file,division_code,body,scope,year\nx,1,,,\n")
    failed = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, check=False, env=env
    )
    assert failed.returncode == 2 and "FAILED" in failed.stdout, failed
