"""python -m testkit.layoutgen write OUT_DIR | xfails

``write``: the generated corpus as files, to look at.  ``xfails``: build the warehouse the
test builds and print the XFAIL entries of tests/test_layout_families.py as they stand
(each family × format that is not read or has a wrong figure, with the reason).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from testkit.layoutgen import generate_corpus, write_corpus


def _xfails(per_cell: int) -> None:
    from testkit.layoutgen.measure import measure_generated

    docs = generate_corpus(per_cell=per_cell)
    with tempfile.TemporaryDirectory(prefix="layoutgen-") as folder:
        measured = measure_generated(docs, Path(folder))
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for result in measured.documents:
        key = (result.family, result.format)
        if not result.read:
            cells[key].append(f"not read ({result.reason})")
        for verdict in result.bad:
            cells[key].append(f"{verdict.verdict} {verdict.measure}")
    for (family, fmt), reasons in sorted(cells.items()):
        unique = sorted(set(reasons))
        text = ", ".join(unique[:4]) + (f" … ({len(unique)} kinds)" if len(unique) > 4 else "")
        print(f'    ("{family}", "{fmt}"): "{text}",')
    if measured.build_error:
        print("build error:", measured.build_error)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "write":
        for path in write_corpus(generate_corpus(), Path(argv[1])):
            print(path)
        return 0
    if argv and argv[0] == "xfails":
        _xfails(int(argv[1]) if len(argv) > 1 else 2)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
