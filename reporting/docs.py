"""`make docs`: the dbt catalogue as one page that opens offline from disk.

``dbt docs generate --static`` embeds the manifest and catalog in the page, so it needs no
web server; the descriptions (English, with the Chinese terms) and doc blocks come from
``dbt_project/models``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from medins.build import BuildFailed, run_dbt
from medins.paths import DataPaths


def generate_docs(paths: DataPaths) -> Path:
    if not paths.warehouse.exists():
        raise FileNotFoundError(f"{paths.warehouse} does not exist: run `make run` first")
    # dbt opens its database for writing; a copy keeps readers of the live warehouse
    # (a dashboard, an open notebook) undisturbed
    with tempfile.TemporaryDirectory(dir=paths.data_dir, prefix=".docs-") as scratch:
        copy = Path(scratch) / "warehouse.duckdb"
        shutil.copyfile(paths.warehouse, copy)
        run_dbt(["docs", "generate", "--static"], paths, copy)
    built = paths.data_dir / ".dbt" / "target" / "static_index.html"  # DBT_TARGET_PATH
    target = paths.data_dir / "docs" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reporting.docs",
        description="Write the dbt documentation (every model and column) as one offline page.",
        epilog="example: python -m reporting.docs --data-dir data   # → data/docs/index.html",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder holding warehouse.duckdb (default data)",
    )
    args = parser.parse_args(argv)
    try:
        page = generate_docs(DataPaths(args.data_dir))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {page} (open it in a browser; it needs no server or network)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
