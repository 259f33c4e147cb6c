"""Word 97 .doc files: converted to .docx by LibreOffice (headless), then read as .docx.

Each conversion runs in a fresh temporary folder with its own LibreOffice profile, so
parallel workers never share a profile lock, and with a profile that never updates links
nor runs macros (a .doc can link a local file; what a conversion shows must be what the
file holds).  The converter runs in its own process group and is killed, group and all,
when it outlives its share of the per-document time limit.  Without LibreOffice a .doc is
refused with ``needs_conversion`` and a sentence that says how to convert it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.codes import RejectionReason
from ingest.limits import Limits
from ingest.model import UnreadableDocument
from ingest.readers.document import ReadDocument, SourceFormat

_CONVERTERS = ("soffice", "libreoffice")
# Links: 2 = never update; macros: security level 3 (very high) and execution disabled.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">
<value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""
HOW_TO_CONVERT = (
    "open it in Word or WPS and save it as .docx (or print it to PDF), or install "
    "LibreOffice (Debian: apt-get install libreoffice-writer-nogui; `make install` does "
    "it when run as root) so that .doc files are converted automatically"
)


def find_converter() -> str | None:
    for name in _CONVERTERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def read_doc(data: bytes, limits: Limits) -> ReadDocument:
    from ingest.readers.word import read_docx

    converted = convert_to_docx(data, limits)
    return read_docx(converted, limits, SourceFormat.DOC)


def convert_to_docx(data: bytes, limits: Limits) -> bytes:
    converter = find_converter()
    if converter is None:
        raise UnreadableDocument(
            RejectionReason.NEEDS_CONVERSION, f"a Word 97-2003 document (.doc): {HOW_TO_CONVERT}"
        )
    seconds = max(10.0, limits.seconds / 2)
    with tempfile.TemporaryDirectory(prefix="medins-doc-") as folder:
        work = Path(folder)
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
        source = work / "document.doc"
        source.write_bytes(data)
        out = work / "out"
        command = [
            converter,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=work,
            env=env,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process)
            raise UnreadableDocument(
                RejectionReason.TOO_SLOW,
                f"LibreOffice did not convert the .doc within {seconds:.0f} s "
                "(half the per-document time limit)",
            ) from exc
        finally:
            _kill_group(process)
        result = out / "document.docx"
        if process.returncode != 0 or not result.exists():
            message = output.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise UnreadableDocument(
                RejectionReason.CONVERSION_FAILED,
                f"LibreOffice could not convert this .doc (exit code {process.returncode}"
                f"{': ' + message[0][:200] if message[0] else ''}); the file may be damaged: "
                f"{HOW_TO_CONVERT.split(', or install')[0]}",
            )
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """LibreOffice's launcher starts soffice.bin as a child: end the whole group."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
