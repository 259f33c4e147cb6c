"""Regenerate dbt_project/seeds/ref_counties.csv from the GB2260 package (GB/T 2260 codes).

Run once by a developer (`pip install GB2260==0.4.1`, then `python scripts/make_county_seed.py`);
the product itself never imports GB2260: the committed CSV is the reference, and users extend it
by appending rows (a county created after this revision, an alias a document uses).
"""

from __future__ import annotations

import csv
from pathlib import Path

from gb2260.data import data  # type: ignore[import-not-found]

SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "ref_counties.csv"
# Placeholder prefecture names that carry no meaning as a parent.
NOT_A_PREFECTURE = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main() -> None:
    divisions: dict[int, str] = data[None]  # the newest revision the package carries
    rows = []
    for code, name in sorted(divisions.items()):
        if code % 100 == 0 or name == "市辖区":
            continue  # provinces, prefectures and the placeholder "市辖区"
        province_code, prefecture_code = code // 10000 * 10000, code // 100 * 100
        prefecture = divisions.get(prefecture_code, "")
        if prefecture in NOT_A_PREFECTURE or prefecture_code == province_code:
            prefecture = ""
        rows.append([code, name, prefecture, divisions.get(province_code, ""), ""])
    with SEED.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["county_code", "county_name", "prefecture_name", "province_name", "aliases"]
        )
        writer.writerows(rows)
    print(f"wrote {len(rows)} county-level divisions to {SEED}")


if __name__ == "__main__":
    main()
