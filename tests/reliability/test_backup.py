"""`theodoi backup` / `theodoi restore`: a round trip gives back the same rows and the same files;
a corrupt or mismatching archive is refused with a Vietnamese message and changes nothing."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.slow
ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"
METHODS = ["pg_dump", "django"] if ON_POSTGRES else ["sqlite"]


def _spoil(scratch) -> None:
    """Change the data after the backup: a new report version, a file removed, a stray file added."""
    scratch.run("submit")
    files = scratch.data_dir / "files"
    for path in files.rglob("*.pdf"):
        path.unlink()
    (files / "la.txt").write_text("không có trong bản sao lưu", "utf-8")


@pytest.mark.parametrize("method", METHODS)
def test_backup_then_restore_gives_back_the_same_rows_and_files(scratch, tmp_path, method):
    scratch.run("seed")
    before = scratch.state()
    assert before["files"], "the seed stores an evidence file"
    archive = tmp_path / "sao-luu.tar.gz"
    done = scratch.run("cli", "backup", "--output", str(archive), "--method", method)
    assert "Đã sao lưu" in done.stdout
    _spoil(scratch)
    assert scratch.state() != before
    done = scratch.run("cli", "restore", str(archive), "--yes")
    assert "Đã khôi phục" in done.stdout
    assert scratch.state() == before
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["method"] == method and all(len(entry["sha256"]) == 64 for entry in manifest["members"].values())


def _rewrite(archive: Path, target: Path, change) -> None:
    """Copy an archive member by member, letting `change(name, data)` alter or drop (None) each."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))


def _flip_file(name, data):
    return data[:-3] + b"XYZ" if name.startswith("files/") else data


def _other_migrations(name, data):
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["migrations"].append(["plans", "9999_tu_tuong_lai"])
    return json.dumps(manifest).encode()


def _other_engine(name, data):
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["engine"], manifest["method"] = ("sqlite", "sqlite") if ON_POSTGRES else ("postgresql", "pg_dump")
    return json.dumps(manifest).encode()


SPOILERS = [
    (_flip_file, "không khớp mã kiểm tra"),
    (lambda name, data: None if name == "manifest.json" else data, "thiếu hoặc hỏng tệp mô tả"),
    (lambda name, data: None if name.startswith("files/") else data, "không khớp với tệp mô tả"),
    (_other_migrations, "phiên bản cấu trúc dữ liệu khác"),
    (_other_engine, "không khôi phục được vào"),
]


@pytest.mark.django_db(transaction=True)
def test_a_corrupt_or_mismatching_archive_is_refused_and_nothing_changes(loaded_plan, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "files"
    (tmp_path / "files" / "evidence").mkdir(parents=True)
    (tmp_path / "files" / "evidence" / "a.pdf").write_bytes(b"%PDF-1.7 minh chung")
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    attempts = []
    for number, (change, message) in enumerate(SPOILERS):
        spoiled = tmp_path / f"hong-{number}.tar.gz"
        _rewrite(archive, spoiled, change)
        attempts.append((spoiled, message))
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    stranger = tmp_path / "la.tar.gz"
    shutil.copy(Path(__file__), stranger)
    attempts += [(cut, "bị hỏng"), (stranger, "bị hỏng"), (tmp_path / "khong-co.tar.gz", "Không tìm thấy")]
    loaded_plan.tasks.filter(ref="I.1").update(name="Đổi sau khi sao lưu")
    for path, message in attempts:
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(path), yes=True)
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", output=str(archive))
    assert loaded_plan.tasks.get(ref="I.1").name == "Đổi sau khi sao lưu"
    assert sorted(p.name for p in (tmp_path / "files").rglob("*")) == ["a.pdf", "evidence"]
