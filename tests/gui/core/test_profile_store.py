"""The profile store: one file per profile, secrets outside the files and exports."""

from __future__ import annotations

import json
import pathlib

import pytest
from keyring.backends import fail

from gui.core.profile import Profile, ProxySetting, Row, Stored
from gui.core.profile_store import ProfileStore, ProfileStoreError
from gui.core.secrets import SecretStore
from gui.settings import AppSettings
from tests.gui.core.keyrings import MemoryKeyring

SECRETS = ("Bearer abc", "s3ss10n", "pr0xy", "t0k3n")


def secret_profile(name: str = "staging") -> Profile:
    return Profile(
        name=name,
        query=(Row("token", "t0k3n", secret=True),),
        headers=(Row("X-Trace", "1"), Row("Authorization", "Bearer abc", secret=True)),
        cookies=(Row("sessionid", "s3ss10n", secret=True),),
        proxy=ProxySetting("proxy.test", 3128, "bob", "pr0xy"),
    )


@pytest.fixture
def backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def store(tmp_path: pathlib.Path, backend: MemoryKeyring) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles", SecretStore(backend))


def reopen(store: ProfileStore, backend: object) -> ProfileStore:
    """The same folder and credential store in a new run (nothing in memory)."""
    again = ProfileStore(store.folder, SecretStore(backend))  # type: ignore[arg-type]
    again.load()
    return again


def all_text(folder: pathlib.Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())


def test_save_keeps_secrets_in_the_credential_store(store: ProfileStore, backend) -> None:
    profile = secret_profile()
    where = store.save(profile)
    assert where == {
        "query:token": Stored.KEYRING,
        "header:Authorization": Stored.KEYRING,
        "cookie:sessionid": Stored.KEYRING,
        "proxy:password": Stored.KEYRING,
    }
    text = store.path(profile.id).read_text(encoding="utf-8")
    assert not any(secret in text for secret in SECRETS)
    assert json.loads(text)["headers"][1] == {
        "name": "Authorization",
        "on": True,
        "secret": True,
        "stored": "keyring",
    }
    assert reopen(store, backend).get(profile.id) == profile  # values back from keyring


def test_without_a_credential_store_secrets_stay_in_memory(tmp_path: pathlib.Path) -> None:
    store = ProfileStore(tmp_path / "profiles", SecretStore(fail.Keyring()))
    profile = secret_profile()
    assert set(store.save(profile).values()) == {Stored.MEMORY}
    assert not any(secret in all_text(store.folder) for secret in SECRETS)
    assert store.get(profile.id) == profile  # this run has them
    again = ProfileStore(store.folder, SecretStore(fail.Keyring()))
    report = again.load()
    assert report.missing_secrets == {
        profile.id: ["query:token", "header:Authorization", "cookie:sessionid", "proxy:password"]
    }
    loaded = again.get(profile.id)
    assert loaded is not None and loaded.headers[1] == Row("Authorization", "", secret=True)


def test_opt_in_writes_secrets_into_the_file(tmp_path: pathlib.Path) -> None:
    store = ProfileStore(tmp_path / "profiles", SecretStore(fail.Keyring()))
    profile = secret_profile().replace(secrets_in_file=True)
    assert set(store.save(profile).values()) == {Stored.FILE}
    assert "Bearer abc" in store.path(profile.id).read_text(encoding="utf-8")
    assert reopen(store, fail.Keyring()).get(profile.id) == profile


def test_rename_duplicate_delete(store: ProfileStore, backend) -> None:
    profile = secret_profile()
    store.save(profile)
    store.save(Profile(name="other"))
    renamed = store.rename(profile.id, "prod")
    assert store.path(profile.id).exists() and renamed.name == "prod"
    with pytest.raises(ProfileStoreError) as taken:
        store.rename(profile.id, "other")
    assert taken.value.problem.code == "name_taken"
    copy = store.duplicate(profile.id)
    assert copy.name == "prod (2)" and copy.id != profile.id
    assert copy.headers == renamed.headers  # secrets copied
    assert ("Tsushin", f"{copy.id}/header:Authorization") in backend.entries
    store.delete(profile.id)
    assert not store.path(profile.id).exists()
    assert not any(user.startswith(profile.id) for _, user in backend.entries)
    assert [p.name for p in reopen(store, backend).profiles] == ["other", "prod (2)"]


def test_dropping_a_secret_row_removes_it_from_the_credential_store(store, backend) -> None:
    profile = secret_profile()
    store.save(profile)
    store.save(profile.replace(headers=profile.headers[:1]))
    assert ("Tsushin", f"{profile.id}/header:Authorization") not in backend.entries
    assert ("Tsushin", f"{profile.id}/cookie:sessionid") in backend.entries


def test_export_has_no_secrets_and_imports_back(store: ProfileStore, tmp_path) -> None:
    first, second = secret_profile(), Profile(name="local", path="/echo/")
    store.save(first)
    store.save(second)
    exported = tmp_path / "export.json"
    assert store.export(exported) == 2
    text = exported.read_text(encoding="utf-8")
    assert not any(secret in text for secret in SECRETS)
    assert '"stored"' not in text  # nothing about this machine's credential store
    report = store.import_file(exported)
    assert report.problems == []
    assert sorted(p.name for p in report.profiles) == ["local (2)", "staging (2)"]
    assert all(p.id not in (first.id, second.id) for p in report.profiles)
    assert len(reopen(store, MemoryKeyring()).profiles) == 4


def test_import_of_a_bad_file_says_where(store: ProfileStore, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tsushin.profiles/1", "profiles": [\n  {"format": 1}\n]}')
    report = store.import_file(bad)
    assert report.profiles == [] and report.problems[0].code == "not_a_profile"
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "tsushin.profiles/1",\n "profiles": [}')
    problem = store.import_file(broken).problems[0]
    assert (problem.code, problem.data["line"], problem.data["column"]) == ("invalid_json", 2, 15)


def test_a_profile_broken_by_hand_costs_only_itself(store: ProfileStore, backend) -> None:
    good, bad = secret_profile("good"), Profile(name="bad")
    store.save(good)
    store.save(bad)
    path = store.path(bad.id)
    path.write_text(path.read_text(encoding="utf-8").replace('"name": "bad",', '"name": "bad"'))
    report = reopen(store, backend).load()
    assert [p.name for p in report.profiles] == ["good"]
    assert report.profiles[0] == good
    [(where, problem)] = report.problems
    assert where == path
    assert problem.code == "invalid_json"
    assert problem.message.startswith(f"{path}: not valid JSON at line 5, column 3:")


def test_settings_of_an_older_tsushin_become_the_default_profile(store, tmp_path) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_text(
        "[connection]\nmode=remote\nscheme=wss\nhost=lan.test\nport=9001\npath=/ws/\n"
        "connectTimeout=12\nautoReconnect=false\nrecent=ws://a:1/, ws://b:2/\n"
    )
    settings = AppSettings(ini)
    default = store.ensure_default(settings.default_profile())
    assert default.url() == "wss://lan.test:9001/ws/"
    assert (default.connect_timeout, default.auto_reconnect) == (12.0, False)
    assert settings.recent_urls == ["ws://a:1/", "ws://b:2/"]  # left where they were
    again = reopen(store, MemoryKeyring())
    assert again.ensure_default(Profile(name="not used")) == default
