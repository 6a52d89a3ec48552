"""The saved connection profiles: one JSON file per profile in the data folder.

``<data>/profiles/<id>.json``, one file per profile, so that a file edited by hand into
invalid JSON costs only that profile: :meth:`ProfileStore.load` reports it (file, line,
column) and loads the others. Secrets go to the :class:`~gui.core.secrets.SecretStore`
(the system's credential store, else memory), or into the file when the profile says
``secrets_in_file``; each secret row of a file says where its value went. Exports never
hold a secret. Writes go through a temporary file and a rename, so a crash leaves the
old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome
from gui.core.profile import Profile, Row, Stored, keyed_rows, new_profile_id
from gui.core.profile_json import (
    ProfileFormatError,
    ProfileFormatProblem,
    dumps,
    parse_json_text,
    profile_from_json,
    profile_to_json,
    stored_secrets,
)
from gui.core.secrets import SecretStore

EXPORT_FORMAT = "tsushin.profiles/1"
_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")


class StoreProblem(Outcome):
    """Why a profile store operation did nothing."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "not_found": QT_TRANSLATE_NOOP("StoreProblem", "no profile with id {id}"),
        "name_taken": QT_TRANSLATE_NOOP("StoreProblem", "a profile called {name!r} exists already"),
        "name_empty": QT_TRANSLATE_NOOP("StoreProblem", "a profile needs a name"),
        "write_failed": QT_TRANSLATE_NOOP("StoreProblem", "cannot write {file}: {reason}"),
        "read_failed": QT_TRANSLATE_NOOP("StoreProblem", "cannot read {file}: {reason}"),
        "not_an_export": QT_TRANSLATE_NOOP(
            "StoreProblem", "{file} holds neither a profile nor a list of profiles"
        ),
    }


class ProfileStoreError(Exception):
    """An operation of the store failed; ``problem`` says why."""

    def __init__(self, problem: Outcome) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class LoadReport:
    """What :meth:`ProfileStore.load` found: the profiles, the files it could not read
    (with why), and for each profile the secrets whose value is gone (kept in memory
    by an earlier run): the window asks for them again."""

    profiles: list[Profile] = field(default_factory=list)
    problems: list[tuple[pathlib.Path, ProfileFormatProblem]] = field(default_factory=list)
    missing_secrets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ImportReport:
    """Profiles an import added (new ids, names made unique) and the problems met."""

    profiles: list[Profile] = field(default_factory=list)
    problems: list[Outcome] = field(default_factory=list)


def _write_atomically(path: pathlib.Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        problem = StoreProblem("write_failed", {"file": str(path), "reason": exc.strerror or exc})
        raise ProfileStoreError(problem) from None


def _read_text(path: pathlib.Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ProfileStoreError(
            StoreProblem("read_failed", {"file": str(path), "reason": reason})
        ) from None


class ProfileStore:
    """Profiles saved under ``folder`` (``<data>/profiles``), secrets in ``secrets``."""

    def __init__(self, folder: pathlib.Path, secrets: SecretStore) -> None:
        self.folder = folder
        self.secrets = secrets
        self._profiles: dict[str, Profile] = {}

    # --- reading ----------------------------------------------------------------------

    def load(self) -> LoadReport:
        """Read every profile file; a broken one is reported, the others load."""
        report = LoadReport()
        self._profiles = {}
        if not self.folder.is_dir():
            return report
        for path in sorted(self.folder.glob("*.json")):
            try:
                document = parse_json_text(_read_text(path), str(path))
                profile = profile_from_json(document, file=str(path))
            except ProfileFormatError as exc:
                report.problems.append((path, exc.problem))
                continue
            except ProfileStoreError as exc:
                data = {"file": str(path), "line": 0, "column": 0, "detail": exc.problem.message}
                report.problems.append((path, ProfileFormatProblem("invalid_json", data)))
                continue
            if profile.id != path.stem:  # the file name is the id
                profile = profile.replace(id=path.stem)
            profile, missing = self._fill_secrets(profile, stored_secrets(document))
            if missing:
                report.missing_secrets[profile.id] = missing
            self._profiles[profile.id] = profile
        report.profiles = self.profiles
        return report

    def _fill_secrets(
        self, profile: Profile, stored: Mapping[str, Stored]
    ) -> tuple[Profile, list[str]]:
        """Put the values kept outside the file back into the profile's rows."""
        missing: list[str] = []

        def filled(kind: str, rows: tuple[Row, ...]) -> tuple[Row, ...]:
            out = []
            for key, item in keyed_rows(kind, rows):
                if key is not None and not item.value and key in stored:
                    value = self.secrets.get(profile.id, key)
                    if value is None:
                        missing.append(key)
                    else:
                        item = dataclasses.replace(item, value=value)
                out.append(item)
            return tuple(out)

        changes: dict[str, Any] = {
            "query": filled("query", profile.query),
            "headers": filled("header", profile.headers),
            "cookies": filled("cookie", profile.cookies),
        }
        if not profile.proxy.password and "proxy:password" in stored:
            password = self.secrets.get(profile.id, "proxy:password")
            if password is None:
                missing.append("proxy:password")
            else:
                changes["proxy"] = dataclasses.replace(profile.proxy, password=password)
        return profile.replace(**changes), missing

    @property
    def profiles(self) -> list[Profile]:
        """The loaded profiles, by name."""
        return sorted(self._profiles.values(), key=lambda p: (p.name.casefold(), p.id))

    def get(self, profile_id: str) -> Profile | None:
        """The profile with ``profile_id``, or None."""
        return self._profiles.get(profile_id)

    def _existing(self, profile_id: str) -> Profile:
        found = self._profiles.get(profile_id)
        if found is None:
            raise ProfileStoreError(StoreProblem("not_found", {"id": profile_id}))
        return found

    def path(self, profile_id: str) -> pathlib.Path:
        """The file of a profile."""
        return self.folder / f"{profile_id}.json"

    def unique_name(self, name: str, *, besides: str | None = None) -> str:
        """``name``, or ``name (2)``, ``name (3)``... if a profile has it already."""
        taken = {p.name for p in self._profiles.values() if p.id != besides}
        if name not in taken:
            return name
        number = 2
        while f"{name} ({number})" in taken:
            number += 1
        return f"{name} ({number})"

    # --- writing ----------------------------------------------------------------------

    def save(self, profile: Profile) -> dict[str, Stored]:
        """Write ``profile`` (new or changed); returns where each secret went."""
        if not profile.name.strip():
            raise ProfileStoreError(StoreProblem("name_empty"))
        if self.unique_name(profile.name, besides=profile.id) != profile.name:
            raise ProfileStoreError(StoreProblem("name_taken", {"name": profile.name}))
        if not _ID.fullmatch(profile.id):
            profile = profile.replace(id=new_profile_id())
        path = self.path(profile.id)
        old_keys = set(self._stored_keys(path))
        where: dict[str, Stored] = {}
        for key, value in profile.secret_rows:
            if not value:
                continue
            if profile.secrets_in_file:
                where[key] = Stored.FILE
            elif self.secrets.put(profile.id, key, value):
                where[key] = Stored.KEYRING
            else:
                where[key] = Stored.MEMORY
        current = {key for key, _ in profile.secret_rows}
        gone = old_keys - current if not profile.secrets_in_file else old_keys
        self.secrets.forget(profile.id, gone)
        document = self._document(profile, where)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, dumps(document))
        self._profiles[profile.id] = profile
        return where

    def _document(self, profile: Profile, where: Mapping[str, Stored]) -> dict[str, Any]:
        if profile.secrets_in_file:
            return profile_to_json(profile, with_secrets=True)
        document = profile_to_json(profile, stored=Stored.KEYRING)
        # Mark each secret with where it really went (memory when the store failed).
        sections = (
            ("query", profile.query, document["url"]["query"]),
            ("header", profile.headers, document["headers"]),
            ("cookie", profile.cookies, document["cookies"]),
        )
        for kind, rows, entries in sections:
            for (key, _item), entry in zip(keyed_rows(kind, rows), entries, strict=True):
                if key is not None and "stored" in entry:
                    entry["stored"] = where.get(key, Stored.MEMORY).value
        if "password_stored" in document["proxy"]:
            document["proxy"]["password_stored"] = where.get("proxy:password", Stored.MEMORY).value
        return document

    def _stored_keys(self, path: pathlib.Path) -> Iterable[str]:
        try:
            return stored_secrets(parse_json_text(path.read_text(encoding="utf-8"), str(path)))
        except (OSError, UnicodeDecodeError, ProfileFormatError):
            return []

    def rename(self, profile_id: str, name: str) -> Profile:
        """Give a profile another name (its id, file and secrets stay)."""
        profile = self._existing(profile_id).replace(name=name)
        self.save(profile)
        return profile

    def duplicate(self, profile_id: str, name: str | None = None) -> Profile:
        """A copy of a profile under a new id and name (``name (2)`` by default),
        its secrets copied too."""
        source = self._existing(profile_id)
        copy = source.replace(id=new_profile_id(), name=self.unique_name(name or source.name))
        self.save(copy)
        return copy

    def delete(self, profile_id: str) -> None:
        """Remove a profile's file and its secrets."""
        path = self.path(profile_id)
        keys = set(self._stored_keys(path))
        profile = self._profiles.pop(profile_id, None)
        if profile is not None:
            keys |= {key for key, _ in profile.secret_rows}
        self.secrets.forget(profile_id, keys)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    def ensure_default(self, default: Profile) -> Profile:
        """With no profile saved yet (a first start, or an upgrade from a version
        without profiles), save ``default``; else return the first profile."""
        if self._profiles:
            return self.profiles[0]
        self.save(default)
        return default

    # --- export and import ------------------------------------------------------------

    def export(self, path: pathlib.Path, profile_ids: Iterable[str] | None = None) -> int:
        """Write profiles (all, or ``profile_ids``) to ``path``, without any secret;
        returns how many."""
        chosen = self.profiles if profile_ids is None else [self._existing(i) for i in profile_ids]
        document = {
            "format": EXPORT_FORMAT,
            "profiles": [profile_to_json(profile) for profile in chosen],
        }
        _write_atomically(path, dumps(document))
        return len(chosen)

    def import_file(self, path: pathlib.Path) -> ImportReport:
        """Add the profiles of an export (or of one profile file) as new profiles."""
        report = ImportReport()
        try:
            document = parse_json_text(_read_text(path), str(path))
        except (ProfileFormatError, ProfileStoreError) as exc:
            report.problems.append(exc.problem)
            return report
        if isinstance(document, dict) and document.get("format") == EXPORT_FORMAT:
            items = document.get("profiles")
            if not isinstance(items, list):
                report.problems.append(StoreProblem("not_an_export", {"file": str(path)}))
                return report
            entries = [(item, f"$.profiles[{index}]") for index, item in enumerate(items)]
        else:
            entries = [(document, "$")]
        for item, root in entries:
            try:
                profile = profile_from_json(item, file=str(path), root=root)
            except ProfileFormatError as exc:
                report.problems.append(exc.problem)
                continue
            imported = profile.replace(
                id=new_profile_id(), name=self.unique_name(profile.name or "Imported")
            )
            self.save(imported)
            report.profiles.append(imported)
        return report
