"""Build the warehouse with dbt, aside, and swap it (and its exports) into place atomically.

dbt writes ``<data>/.building/warehouse.duckdb``; when the build and its tests pass, the
marts are exported to a fresh ``.exports-<stamp>`` folder, the new database is renamed over
``warehouse.duckdb`` (a reader holding the old file keeps reading it) and the ``exports``
link is switched to the new folder in one rename.  A failed build leaves the last good
warehouse and exports untouched, and nothing of its own behind (its copy of the warehouse, its
exports); what a killed run left (the folder aside, exports never switched in, a dbt still
running) is removed by the next run before it starts (``clean_stale``).  dbt dies with the
process that started it.  The raw landing is checked against its manifests first: a build
never reads files its manifests do not vouch for.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.version import parser_version
from landing import Landing
from medins.diskspace import DiskFull, folder_size, free_bytes, is_disk_full, require_space
from medins.exports import export_marts
from medins.paths import DBT_PROJECT_DIR, DataPaths
from medins.plain_path import plain_link


class BuildFailed(Exception):
    """dbt build failed; the message says which nodes and why."""


@dataclass(slots=True)
class BuildResult:
    tests_passed: int = 0
    tests_total: int = 0
    models: int = 0
    exports: list[str] = field(default_factory=list)
    seconds: float = 0.0
    incremental: bool = False  # False: every model was rebuilt (--full-refresh)


def dbt_executable() -> str:
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def dbt_env(paths: DataPaths, warehouse: Path, raw_dir: Path) -> dict[str, str]:
    """dbt's settings, all through the environment (never a shell line).  ``raw_dir`` is the
    only one dbt pastes into SQL, so it must be plain (see medins.plain_path); the others
    reach Python's file functions and duckdb.connect() as they are."""
    env = dict(os.environ)
    env.update(
        {
            "MEDINS_RAW_DIR": str(raw_dir),
            "MEDINS_WAREHOUSE": str(warehouse.resolve()),
            "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR),
            "DBT_PROJECT_DIR": str(DBT_PROJECT_DIR),
            "DBT_TARGET_PATH": str(_target(paths).resolve()),
            "DBT_LOG_PATH": str((paths.data_dir / ".dbt" / "logs").resolve()),
            # what ran, passed and failed, with dbt's errors; not every statement at debug
            # level (the compiled SQL is under .dbt/target): writing those cost a refresh of
            # 30,000 documents ~3 s of its tests' 19 s
            "DBT_LOG_LEVEL_FILE": "info",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "DO_NOT_TRACK": "1",
        }
    )
    return env


def _die_with_parent() -> None:
    """In dbt's process, before it runs: the kernel kills it when the process that started
    it dies (a killed refresh must not leave a dbt writing on), Linux only."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _dbt_pid_file(warehouse: Path) -> Path:
    return warehouse.parent / "dbt.pid"


def run_dbt(args: list[str], paths: DataPaths, warehouse: Path, quiet: bool = True) -> str:
    command = [dbt_executable(), *args, "--project-dir", str(DBT_PROJECT_DIR)]
    pid_file = _dbt_pid_file(warehouse)
    try:
        with plain_link(paths.raw) as raw_dir:
            process = subprocess.Popen(
                command,
                env=dbt_env(paths, warehouse, raw_dir),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
            try:
                # for clean_stale(): the next run kills a dbt this process left behind
                with contextlib.suppress(OSError):
                    pid_file.write_text(str(process.pid), encoding="utf-8")
                stdout, stderr = process.communicate()
            except BaseException:
                process.kill()
                process.wait()
                raise
            finally:
                pid_file.unlink(missing_ok=True)
    except OSError as exc:  # no plain temporary folder for the link
        if is_disk_full(exc):
            raise
        raise BuildFailed(f"dbt {' '.join(args)} could not start: {exc}") from exc
    output = stdout + stderr
    if not quiet:
        print(output)
    if process.returncode != 0:
        if is_disk_full(output):
            raise DiskFull(
                str(warehouse.parent),
                _space_for_build(paths, warehouse),
                free_bytes(warehouse.parent),
                "dbt build",
            )
        failures = [
            line
            for line in output.splitlines()
            if "ERROR" in line or "FAIL" in line or "Error" in line
        ]
        raise BuildFailed("dbt " + " ".join(args) + " failed:\n" + "\n".join(failures[-40:]))
    return output


def _target(paths: DataPaths) -> Path:
    return paths.data_dir / ".dbt" / "target"


def _results(paths: DataPaths) -> tuple[int, int, int]:
    results_path = _target(paths) / "run_results.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))["results"]
    tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    passed = sum(1 for r in tests if r["status"] == "pass")
    return passed, len(tests), len(models)


def _swap_exports(paths: DataPaths, new_folder: Path) -> None:
    link = paths.exports
    temporary = paths.data_dir / f".exports-link-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(new_folder.name, temporary)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a folder from an older layout: replaced once by the link
    old_target = paths.published_exports
    os.replace(temporary, link)
    for stale in paths.data_dir.glob(".exports-*"):
        if (
            stale.is_dir()
            and stale.resolve() != new_folder.resolve()
            and (old_target is None or stale.resolve() != old_target)
        ):
            shutil.rmtree(stale, ignore_errors=True)
    if old_target is not None and old_target.exists() and old_target != new_folder.resolve():
        shutil.rmtree(old_target, ignore_errors=True)


# An incremental build: only what the documents feed.  The seeds, their own tests and the unit
# tests (which test the models' SQL on fixed rows, never the documents) give what they gave in
# the build the warehouse was copied from, since that build had the same fingerprint: the same
# seed files, models and dbt.  More dbt threads than cores overlap dbt's own work per node (a few
# hundred small tests) with DuckDB's; a full build keeps the profile's two (its memory).
INCREMENTAL_BUILD = [
    "build",
    # the seeds and the tests of nothing but seeds (33: their keys, codes, relationships);
    # 'cautious' keeps every test that also reads a model (a model's codes against a seed)
    "--exclude",
    "resource_type:seed",
    "--indirect-selection",
    "cautious",
    "--exclude-resource-type",
    "unit_test",
    "--threads",
    "4",
]
FULL_BUILD = ["build", "--full-refresh"]


def build_fingerprint() -> str:
    """What the warehouse's tables were computed by: the parsers, the whole dbt project and
    dbt itself.  When it changes, the incremental models are rebuilt from scratch
    (--full-refresh), and the seeds and unit tests run again."""
    digest = hashlib.sha256(parser_version().encode())
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        digest.update(f"{package}=={_version(package)}".encode())
    for path in sorted(DBT_PROJECT_DIR.rglob("*")):
        if path.is_file() and not {"target", "logs", "dbt_packages"} & set(path.parts):
            digest.update(path.relative_to(DBT_PROJECT_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _fingerprint_file(paths: DataPaths) -> Path:
    return paths.data_dir / ".dbt" / "warehouse_fingerprint"


def _space_for_build(paths: DataPaths, warehouse: Path) -> int:
    """What a build needs: what it had written when the disk filled, or the last warehouse
    (a build writes about as much), whichever is larger, plus a quarter."""
    written = folder_size(warehouse.parent)
    last = paths.warehouse.stat().st_size if paths.warehouse.exists() else 0
    return int(max(written, last) * 1.25)


def clean_stale(paths: DataPaths) -> None:
    """Remove what a killed run left: a dbt still running for it, the folder it built in,
    exports never switched in, a temporary link.  Call it holding the writer lock."""
    building = paths.data_dir / ".building"
    pid_file = _dbt_pid_file(building / "warehouse.duckdb")
    with contextlib.suppress(OSError, ValueError):
        _kill_if_dbt(int(pid_file.read_text(encoding="utf-8").strip()))
    shutil.rmtree(building, ignore_errors=True)
    for link in paths.data_dir.glob(".exports-link-*"):
        link.unlink(missing_ok=True)
    current = paths.published_exports
    for folder in paths.data_dir.glob(".exports-*"):
        if folder.is_dir() and not folder.is_symlink() and folder.resolve() != current:
            shutil.rmtree(folder, ignore_errors=True)


def _command_line(pid: int) -> list[bytes] | None:
    """The arguments ``pid`` was started with; None when there is no such process.  A process
    caught inside its exec shows an empty command line for a moment: read again (2 s at most)
    rather than take it for something else."""
    deadline = time.monotonic() + 2
    while True:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return None
        if command[0] or time.monotonic() > deadline:
            return command
        time.sleep(0.02)


def _kill_if_dbt(pid: int) -> None:
    """Kill ``pid`` if it is still a dbt process (a recycled pid is left alone)."""
    command = _command_line(pid)
    if command is None or not any(part.endswith(b"dbt") for part in command[:2]):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)


def verify_landing(paths: DataPaths) -> None:
    """The build reads only a landing its manifests vouch for (SHA-256 and rows of every
    file); otherwise it stops before dbt starts, and the last good warehouse stays."""
    wrong = Landing(paths.raw).verify()
    if wrong:
        shown = "; ".join(str(mismatch) for mismatch in wrong[:5])
        more = f" (and {len(wrong) - 5} more)" if len(wrong) > 5 else ""
        raise BuildFailed(
            f"the raw landing does not match its manifests, so it is not built: {shown}{more}; "
            "`medins-ingest ingest` (or run, refresh) removes these files and reads their "
            "documents again"
        )


def build(paths: DataPaths, quiet: bool = True, *, full: bool = False) -> BuildResult:
    """dbt build aside, then swap.  Incremental by default: the large facts keyed by document
    start from a copy of the current warehouse and only new, changed or removed documents are
    computed; a change of parser or models (or ``full``) rebuilds everything.  A build that
    fails for any reason (dbt, a full disk, an interrupt) removes what it wrote."""
    started = time.monotonic()
    verify_landing(paths)
    clean_stale(paths)
    building = paths.data_dir / ".building"
    new_exports: Path | None = None
    swapped = False
    try:
        building.mkdir(parents=True)
        warehouse = building / "warehouse.duckdb"
        fingerprint = build_fingerprint()
        recorded = _fingerprint_file(paths)
        incremental = (
            not full
            and paths.warehouse.exists()
            and recorded.exists()
            and recorded.read_text(encoding="utf-8").strip() == fingerprint
        )
        if incremental:
            size = paths.warehouse.stat().st_size
            require_space(building, size, "a copy of the warehouse to build on")
            try:
                shutil.copyfile(paths.warehouse, warehouse)
            except OSError as exc:
                if is_disk_full(exc):
                    raise DiskFull(
                        str(building), size, free_bytes(building), "a copy of the warehouse"
                    ) from None
                raise
        run_dbt(INCREMENTAL_BUILD if incremental else FULL_BUILD, paths, warehouse, quiet=quiet)
        passed, total, models = _results(paths)
        stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        new_exports = paths.data_dir / f".exports-{stamp}"
        try:
            exports = export_marts(
                warehouse,
                new_exports,
                _target(paths) / "manifest.json",
                previous=paths.published_exports,
            )
        except Exception as exc:
            if is_disk_full(exc):
                raise DiskFull(
                    str(new_exports),
                    int(folder_size(new_exports) * 2.5) or warehouse.stat().st_size // 4,
                    free_bytes(paths.data_dir),
                    "the exports",
                ) from None
            raise
        # a killed run between the swap and the new fingerprint must not leave the old one
        # beside the new warehouse: without one, the next build is a full one
        recorded.unlink(missing_ok=True)
        os.replace(warehouse, paths.warehouse)
        swapped = True
        _swap_exports(paths, new_exports)
        with contextlib.suppress(OSError):  # no room for 17 bytes: the next build is full
            recorded.parent.mkdir(parents=True, exist_ok=True)
            recorded.write_text(fingerprint + "\n", encoding="utf-8")
    except BaseException:
        published = swapped and paths.exports.resolve() == (new_exports or building).resolve()
        if new_exports is not None and not published:
            shutil.rmtree(new_exports, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return BuildResult(
        passed, total, models, exports, time.monotonic() - started, incremental=incremental
    )
