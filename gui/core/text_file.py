"""Reading a file a user opens or drops into the editor: whatever it holds, as text.

A file that is not UTF-8 is still loaded (the bytes that do not decode become U+FFFD,
and the result says so); one that is not JSON is loaded as it is, for the editor's
validation to mark. Only a file too large for an editor, or one that cannot be read,
is refused, with the reason as a value (:class:`ReadProblem`) for the GUI to word.
"""

from __future__ import annotations

import codecs
import dataclasses
import enum
import pathlib

MAX_OPEN_BYTES = 16 * 1024 * 1024  # the editor stays usable far beyond the server's 1 MiB


class ReadProblem(enum.Enum):
    """Why a file was not loaded."""

    TOO_LARGE = "too-large"
    MISSING = "missing"
    NOT_A_FILE = "not-a-file"  # a folder, a device
    UNREADABLE = "unreadable"  # no permission, an I/O error


@dataclasses.dataclass(frozen=True)
class TextFile:
    """What :func:`read_text_file` found: the text, or the problem."""

    path: pathlib.Path
    text: str = ""
    size: int = 0
    replaced: bool = False  # some bytes were not UTF-8 and became U+FFFD
    problem: ReadProblem | None = None
    error: str = ""  # the system's words for UNREADABLE

    @property
    def ok(self) -> bool:
        """Whether the text was loaded."""
        return self.problem is None


def read_text_file(path: pathlib.Path, limit: int = MAX_OPEN_BYTES) -> TextFile:
    """Read ``path`` as UTF-8 text (a BOM dropped, undecodable bytes replaced)."""
    try:
        if not path.is_file():
            if path.exists():
                return TextFile(path, problem=ReadProblem.NOT_A_FILE)
            return TextFile(path, problem=ReadProblem.MISSING)
        size = path.stat().st_size
        if size > limit:
            return TextFile(path, size=size, problem=ReadProblem.TOO_LARGE)
        with path.open("rb") as file:
            data = file.read(limit + 1)  # the file may have grown since stat()
    except OSError as exc:
        return TextFile(path, problem=ReadProblem.UNREADABLE, error=exc.strerror or str(exc))
    if len(data) > limit:
        return TextFile(path, size=len(data), problem=ReadProblem.TOO_LARGE)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
        replaced = False
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        replaced = True
    return TextFile(path, text, len(data), replaced)
