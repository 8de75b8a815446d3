"""`theodoi backup` and `theodoi restore`: the database and the uploaded files in one archive.

The archive is a gzip tar holding `manifest.json`, the database under `database/` and every
uploaded file under `files/`. The manifest lists each member with its size and SHA-256, the
database engine, how the database was dumped and the migrations it was at; restore checks all
of it before it changes anything, and refuses with a Vietnamese message otherwise.

How the database is dumped (docs/reliability.md):
- SQLite: the online backup API (`sqlite3.Connection.backup`), a consistent copy while the
  server and the worker keep running; restored with the same API into the live file.
- PostgreSQL: `pg_dump --format=custom` when it is on PATH, restored with `pg_restore --clean
  --single-transaction` (all or nothing); without it, a Django dump (`dumpdata`, every table,
  as JSON) restored with `flush` + `loaddata` in one transaction (`--method django` forces it).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from theodoi.core.errors import ApplicationError

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupResult:
    path: Path
    method: str
    files: int
    size: int


# --- helpers ----------------------------------------------------------------------------------------


def _sha256(stream: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def _applied_migrations() -> list[list[str]]:
    """The migrations applied to the database, sorted, so an archive can be matched to the code."""
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db.get("USER") or "", "PGHOST": db.get("HOST") or ""}
    if db.get("PORT"):
        env["PGPORT"] = str(db["PORT"])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def choose_method(requested: str | None = None) -> str:
    if connection.vendor == "sqlite":
        if requested not in (None, "sqlite"):
            raise ApplicationError("Với SQLite, bản sao lưu luôn dùng cơ chế sao lưu trực tuyến của SQLite.")
        return "sqlite"
    if requested == "django":
        return "django"
    if shutil.which("pg_dump") and shutil.which("pg_restore"):
        return "pg_dump"
    if requested == "pg_dump":
        raise ApplicationError("Không tìm thấy pg_dump hoặc pg_restore trên máy này.")
    return "django"


# --- backup -----------------------------------------------------------------------------------------


def _dump_database(method: str, into: Path) -> Path:
    if method == "sqlite":
        target = into / "theodoi.sqlite3"
        if connection.in_atomic_block:  # the backup API would wait for this connection's own write lock
            raise ApplicationError("Không sao lưu được từ bên trong một giao dịch đang mở.")
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target
    if method == "pg_dump":
        target = into / "theodoi.pgdump"
        done = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            env=_pg_env(), capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise ApplicationError(f"pg_dump không chạy được: {done.stderr.strip()[:500]}")
        return target
    target = into / "theodoi.json.gz"
    with gzip.open(target, "wt", encoding="utf-8") as out:
        call_command("dumpdata", "--all", "--indent=0", stdout=out, verbosity=0)
    return target


def backup_create(*, output: Path, method: str | None = None) -> BackupResult:
    """Write one archive with the database and the uploaded files; refuse to overwrite a file."""
    output = Path(output)
    if output.exists():
        raise ApplicationError(f"Tệp {output} đã có; chọn tên khác để không ghi đè bản sao lưu cũ.")
    chosen = choose_method(method)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent) as scratch:
        database = _dump_database(chosen, Path(scratch))
        members: dict[str, dict[str, Any]] = {}
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            members[f"database/{database.name}"] = _add(archive, f"database/{database.name}", database)
            count = 0
            for name, path in _media_files():
                members[f"files/{name}"] = _add(archive, f"files/{name}", path)
                count += 1
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "engine": _engine(),
                "method": chosen,
                "database": f"database/{database.name}",
                "migrations": _applied_migrations(),
                "members": members,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
        os.replace(partial, output)  # a crash mid-backup never leaves a half archive under the real name
    return BackupResult(output, chosen, count, output.stat().st_size)


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    with path.open("rb") as stream:
        sha, size = _sha256(stream)
    archive.add(path, arcname=name, recursive=False)
    return {"sha256": sha, "size": size}


# --- restore ----------------------------------------------------------------------------------------

CORRUPT = "Tệp sao lưu bị hỏng hoặc không phải bản sao lưu của theodoi"


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[:1] in (("database",), ("files",))


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
        stream = archive.extractfile(member)
        manifest = json.loads(stream.read().decode("utf-8")) if stream else None
    except (KeyError, ValueError, UnicodeDecodeError) as error:
        raise ApplicationError(f"{CORRUPT}: thiếu hoặc hỏng tệp mô tả ({MANIFEST}).") from error
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("members"), dict)
    ):
        raise ApplicationError(f"{CORRUPT}: tệp mô tả không đúng định dạng {FORMAT}.")
    return manifest


def _check_matches(manifest: dict[str, Any]) -> None:
    if manifest.get("engine") != _engine() and manifest.get("method") != "django":
        raise ApplicationError(
            f"Bản sao lưu được tạo từ cơ sở dữ liệu {manifest.get('engine')}, không khôi phục được vào {_engine()}."
        )
    if manifest.get("migrations") != _applied_migrations():
        raise ApplicationError(
            "Bản sao lưu được tạo với một phiên bản cấu trúc dữ liệu khác phiên bản đang chạy "
            "(danh sách migration không khớp). Hãy khôi phục bằng đúng phiên bản theodoi đã tạo ra nó."
        )


def _extract_verified(archive: tarfile.TarFile, manifest: dict[str, Any], into: Path) -> None:
    """Every member listed, none more, each with its size and checksum; written under `into`."""
    listed = manifest["members"]
    present = {member.name: member for member in archive.getmembers() if member.name != MANIFEST}
    if set(present) != set(listed) or manifest.get("database") not in listed:
        raise ApplicationError(f"{CORRUPT}: danh sách tệp trong bản sao lưu không khớp với tệp mô tả.")
    for name, member in present.items():
        if not member.isfile() or not _safe_name(name):
            raise ApplicationError(f"{CORRUPT}: “{name}” không phải tệp hợp lệ.")
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        stream = archive.extractfile(member)
        digest = hashlib.sha256()
        with target.open("wb") as out:
            while stream is not None and (chunk := stream.read(CHUNK)):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != listed[name].get("sha256") or target.stat().st_size != listed[name].get("size"):
            raise ApplicationError(f"{CORRUPT}: “{name}” không khớp mã kiểm tra (SHA-256).")


def _restore_database(method: str, dump: Path) -> None:
    connections.close_all()
    if method == "sqlite":
        source = sqlite3.connect(dump)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ApplicationError(f"{CORRUPT}: tệp cơ sở dữ liệu SQLite không toàn vẹn.")
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    if method == "pg_dump":
        done = subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges",
             "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(dump)],
            env=_pg_env(), capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise ApplicationError(f"pg_restore không khôi phục được (không có gì bị thay đổi): {done.stderr[:500]}")
        return
    with transaction.atomic():
        call_command("flush", "--noinput", inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(dump), verbosity=0)  # a .json.gz fixture, read as such


def _swap_files(restored: Path) -> None:
    """Put the archive's files in place of MEDIA_ROOT: the old tree is moved aside, then removed."""
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    aside = root.with_name(f"{root.name}.truoc-khoi-phuc")
    if aside.exists():
        shutil.rmtree(aside)
    staged = root.with_name(f"{root.name}.dang-khoi-phuc")
    if staged.exists():
        shutil.rmtree(staged)
    shutil.copytree(restored, staged) if restored.is_dir() else staged.mkdir()
    if root.exists():
        os.replace(root, aside)
    os.replace(staged, root)
    shutil.rmtree(aside, ignore_errors=True)


def backup_restore(*, archive_path: Path) -> dict[str, Any]:
    """Check the archive whole, then replace the database and the uploaded files with its content."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise ApplicationError(f"Không tìm thấy tệp sao lưu {archive_path}.")
    with tempfile.TemporaryDirectory() as scratch:
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                manifest = _read_manifest(archive)
                _check_matches(manifest)
                _extract_verified(archive, manifest, Path(scratch))
        except (tarfile.TarError, EOFError, OSError, gzip.BadGzipFile) as error:
            raise ApplicationError(f"{CORRUPT}: không đọc được tệp nén ({error}).") from error
        _restore_database(manifest["method"], Path(scratch) / manifest["database"])
        _swap_files(Path(scratch) / "files")
    return manifest
