"""`pip install .` into a clean virtual environment, then the command, far from the checkout.

The wheel is built from a copy of the sources (so no `build/` folder of the checkout leaks into
it), installed with the locked dependencies into a new environment outside the repository,
and run from a working directory outside it: the dbt project and the queries must come from the
installed package, and the warehouse must hold the documents' figures.  Needs the package index
(or pip's cache), like `make install`; it takes a minute or two.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from medins.queries import QUERIES_DIR, load_queries
from tests.conftest import CORPUS, REPO_ROOT

pytestmark = pytest.mark.slow

# What the wheel ships is read from pyproject.toml, the one list of packages.
_SETUPTOOLS = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
# data folders shipped inside the application package: checkout folder → wheel folder
DATA = {folder: package.replace(".", "/") for package, folder in _SETUPTOOLS["package-dir"].items()}
PACKAGES = tuple(sorted({name.split(".")[0] for name in _SETUPTOOLS["packages"]}))
SHIPPED = ("pyproject.toml", "README.md", *PACKAGES, *DATA)
GENERATED = ("__pycache__", "*.egg-info", "build", "target", "logs", "dbt_packages", ".*")
DOCUMENTS = ("003_8db8e2e3ace80c81.txt", "000_1ed1d566b4ab2ee9.txt")  # 巨鹿县 2025, 魏县 2025


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1200
    )
    assert done.returncode == 0, f"{command[:4]}: {done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout


def _checkout_files(folder: str) -> set[str]:
    root = REPO_ROOT / folder
    return {
        path.relative_to(REPO_ROOT).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and not any(part in ("__pycache__", "target", "logs") for part in path.parts)
        and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the new environment, the wheel, the environment variables without the checkout's)."""
    root = tmp_path_factory.mktemp("wheel")
    assert REPO_ROOT not in root.parents
    source = root / "source"
    for name in SHIPPED:
        origin = REPO_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns(*GENERATED))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy(origin, source / name)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], root, env)
    python = str(venv / "bin" / "python")
    # as `make install`: the pip that comes with venv cannot read hashed extras in the lock
    _run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], root, env)
    lock = str(REPO_ROOT / "requirements.lock")
    # --no-compile: byte-compiling the thousands of modules of the dependencies is much of the
    # install and is not what is tested (Python compiles what it imports, when it imports it)
    _run(
        [python, "-m", "pip", "install", "-q", "--no-compile", "--require-hashes", "-r", lock],
        root,
        env,
    )
    _run([python, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", "dist"], root, env)
    (wheel,) = (root / "dist").glob("*.whl")
    _run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], root, env)
    return venv, wheel, env


def test_the_wheel_holds_every_package_and_every_shipped_file(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        for init in (REPO_ROOT / package).rglob("__init__.py"):
            module = init.relative_to(REPO_ROOT).as_posix()
            assert module in names, f"{module} is not in the wheel (pyproject.toml packages)"
    for folder, shipped_as in DATA.items():
        missing = {
            name
            for name in _checkout_files(folder)
            if shipped_as + name.removeprefix(folder) not in names
        }
        assert missing == set(), f"not shipped: {sorted(missing)}"


def test_the_installed_command_builds_the_warehouse_outside_the_checkout(
    installed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    venv, _, env = installed
    documents = tmp_path / "documents"
    documents.mkdir()
    for name in DOCUMENTS:
        shutil.copy(CORPUS / name, documents / name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(
        [str(venv / "bin" / "python"), "-c", "import medins.paths as p; print(p.DBT_PROJECT_DIR)"],
        elsewhere,
        env,
    )
    assert Path(where.strip()).is_relative_to(venv), "the dbt project must come from the wheel"

    out = tmp_path / "out"
    ran = _run(
        [
            str(venv / "bin" / "medins-ingest"),
            "run",
            "--sources",
            str(documents),
            "--data-dir",
            str(out),
        ],
        elsewhere,
        env,
    )
    assert "documents read 2; rejected 0" in ran
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        figures = con.execute(
            "select county_code, fiscal_year, measure, value from fct_county_measure "
            "where measure in ('total_expenditure_yuan', 'county_resident_subsidy_yuan') "
            "and value is not null order by all"
        ).fetchall()
    assert figures == [
        ("130434", 2025, "county_resident_subsidy_yuan", Decimal("119850000.00")),  # 11985万元
        ("130529", 2024, "total_expenditure_yuan", Decimal("4190300.00")),  # 425.30 − 6.27万元
        ("130529", 2025, "total_expenditure_yuan", Decimal("4253000.00")),  # 425.30万元
    ]

    answered = _run(
        [str(venv / "bin" / "python"), "-m", "medins.queries", "--data-dir", str(out)],
        elsewhere,
        env,
    )
    for query in load_queries(QUERIES_DIR):
        assert query.question_en in answered
    assert "query failed" not in answered
