"""Legacy and OpenDocument files, converted by LibreOffice when the server has it installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import CONVERT_TIMEOUT_SECONDS

NO_LIBREOFFICE = (
    "Tệp {what} cần LibreOffice để đọc nhưng máy chủ chưa cài. Hãy mở tệp bằng Word hoặc LibreOffice, "
    "lưu lại dưới dạng .docx (hoặc .xlsx) rồi tải lên lần nữa."
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    data: bytes,
    *,
    source_suffix: str,
    target: str,
    what: str,
    export_filter: str = "",
    import_filter: str = "",
) -> bytes:
    """`data` converted by LibreOffice to the `target` format ("docx", "xlsx", "pdf").

    `import_filter` forces how LibreOffice opens the file (HTML opens in Writer/Web otherwise, which
    cannot save .docx); `export_filter` names the filter for `target`.
    """
    program = soffice()
    if program is None:
        raise UnreadableDocument(NO_LIBREOFFICE.format(what=what))
    with tempfile.TemporaryDirectory(prefix="theodoi-convert-") as folder:
        work = Path(folder)
        source = work / f"input{source_suffix}"
        source.write_bytes(data)
        # A profile of its own lets several conversions run at once without a lock on the user's.
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
        ]
        if import_filter:
            command.append(f"--infilter={import_filter}")
        convert_to = f"{target}:{export_filter}" if export_filter else target
        command += ["--convert-to", convert_to, "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableDocument(f"Chuyển đổi tệp {what} quá lâu; tệp có thể bị hỏng.") from exc
        except OSError as exc:
            raise UnreadableDocument(NO_LIBREOFFICE.format(what=what)) from exc
        produced = sorted((work / "out").glob(f"*.{target}"))
        if not produced:
            raise UnreadableDocument(f"Không chuyển đổi được tệp {what}; tệp có thể hỏng hoặc có mật khẩu.")
        return produced[0].read_bytes()
