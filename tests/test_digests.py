"""A source file's digest is remembered by its file stamp, and taken again whenever the file
may have been written: the same content gives the same doc_id, changed content never
keeps the old one."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from medins import digests as digests_module
from medins.batch import scan_folder
from medins.digests import DigestCache


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose bytes were hashed."""
    seen: list[str] = []
    real = digests_module.sha256_file

    def counting(path: str) -> str:
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(digests_module, "sha256_file", counting)
    return seen


def _scan(sources: Path, record: Path) -> dict[str, str]:
    cache = DigestCache(record)
    found = scan_folder(sources, cache)
    cache.save()
    return {Path(path).name: source.sha256 for source in found.sources for path in source.paths}


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, reads: list[str]) -> None:
    sources, record = tmp_path / "sources", tmp_path / "digests.json"
    sources.mkdir()
    (sources / "a.txt").write_bytes("魏县医疗保障局 2023".encode())
    (sources / "b.txt").write_bytes(b"other")
    first = _scan(sources, record)
    assert sorted(reads) == ["a.txt", "b.txt"]
    assert first == {"a.txt": _sha("魏县医疗保障局 2023".encode()), "b.txt": _sha(b"other")}
    reads.clear()
    assert _scan(sources, record) == first
    assert reads == []


def test_content_changed_under_the_same_size_and_time_is_read_again(
    tmp_path: Path, reads: list[str]
) -> None:
    sources, record = tmp_path / "sources", tmp_path / "digests.json"
    sources.mkdir()
    target = sources / "a.txt"
    target.write_bytes(b"amount 1234.56")
    before = os.stat(target)
    _scan(sources, record)
    reads.clear()
    with open(target, "r+b") as handle:  # same inode, same size
        handle.write(b"amount 9234.56")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # modification time put back
    assert _scan(sources, record) == {"a.txt": _sha(b"amount 9234.56")}
    assert reads == ["a.txt"]


def test_a_replaced_file_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    sources, record = tmp_path / "sources", tmp_path / "digests.json"
    sources.mkdir()
    (sources / "a.txt").write_bytes(b"old")
    _scan(sources, record)
    reads.clear()
    replacement = tmp_path / "new.txt"
    replacement.write_bytes(b"new")
    os.replace(replacement, sources / "a.txt")
    assert _scan(sources, record) == {"a.txt": _sha(b"new")}
    assert reads == ["a.txt"]


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "{",
        '{"format": "other/9", "files": {}}',
        '{"files": 3}',
        '{"format": "medins-source-digests/1", "files": []}',
        '{"format": "medins-source-digests/1", "files": {"x": [1]}}',
    ],
)
def test_a_damaged_record_is_an_empty_cache(tmp_path: Path, reads: list[str], stored: str) -> None:
    sources, record = tmp_path / "sources", tmp_path / "digests.json"
    sources.mkdir()
    (sources / "a.txt").write_bytes(b"text")
    record.write_text(stored, encoding="utf-8")
    assert _scan(sources, record) == {"a.txt": _sha(b"text")}
    assert reads == ["a.txt"]
    reads.clear()
    assert _scan(sources, record) == {"a.txt": _sha(b"text")}  # rewritten: remembered now
    assert reads == []


def test_a_removed_file_is_forgotten(tmp_path: Path) -> None:
    sources, record = tmp_path / "sources", tmp_path / "digests.json"
    sources.mkdir()
    (sources / "a.txt").write_bytes(b"a")
    (sources / "b.txt").write_bytes(b"b")
    _scan(sources, record)
    (sources / "b.txt").unlink()
    _scan(sources, record)
    assert "b.txt" not in record.read_text(encoding="utf-8")
