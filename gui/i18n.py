"""The interface language: which one, and the translators that speak it.

``TSUSHIN_LANG`` (``ja``, ``en``) overrides the choice saved from the Language menu,
which overrides the system locale (DESIGN.md). English is the source language: it needs
no translator, and it is what the app falls back to when a translation is missing or
cannot be read (one log line says so).
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import pathlib
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
#: Languages with a translation in ``gui/resources/i18n`` (``tsushin_<code>.qm``).
TRANSLATED = ("ja",)
#: What the Language menu may save: ``system`` follows the system locale.
SYSTEM = "system"
CHOICES = (SYSTEM, SOURCE_LANGUAGE, *TRANSLATED)
ENV_VARIABLE = "TSUSHIN_LANG"
_TRANSLATOR_NAME = "tsushinTranslator"


def _supported(code: str) -> str | None:
    """``ja``/``ja_JP``/``ja-JP`` → ``ja``; ``None`` for a language without a translation."""
    base = code.strip().replace("-", "_").split("_")[0].lower()
    if base == SOURCE_LANGUAGE or base in TRANSLATED:
        return base
    return None


def pick_language(env: str | None, saved: str, system_languages: Iterable[str]) -> str:
    """The language to use: ``env`` when set (and known), else ``saved`` unless it is
    ``system``, else the first of the system's UI languages Tsushin has, else English."""
    for wish in (env or "", "" if saved == SYSTEM else saved):
        if wish and (code := _supported(wish)) is not None:
            return code
        if wish:
            log.warning("language %r has no translation; trying the next choice", wish)
    for name in system_languages:
        code = _supported(name)
        if code is not None:
            return code
    return SOURCE_LANGUAGE


def current_language(saved: str) -> str:
    """:func:`pick_language` with this process's environment and system locale."""
    return pick_language(os.environ.get(ENV_VARIABLE), saved, QLocale.system().uiLanguages())


def translations_folder() -> pathlib.Path:
    """``gui/resources/i18n`` (inside the frozen app too)."""
    return pathlib.Path(str(importlib.resources.files("gui") / "resources" / "i18n"))


def qt_translations_folder() -> pathlib.Path:
    """Where Qt's own ``qtbase_<lang>.qm`` files are (PySide6's, or the frozen app's)."""
    return pathlib.Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _load(app: QCoreApplication, folder: pathlib.Path, name: str) -> QTranslator | None:
    path = folder / name
    translator = QTranslator(app)
    # load() is false for a missing file and for one that is not a .qm (corrupt).
    if not path.is_file() or not translator.load(str(path)):
        translator.deleteLater()
        return None
    translator.setObjectName(_TRANSLATOR_NAME)
    app.installTranslator(translator)
    return translator


def _use_locale(language: str) -> None:
    """Dates, times and numbers as the system writes them when it speaks ``language``,
    else as ``language`` does (a Japanese interface on an English system: Japanese)."""
    system = QLocale.system()
    same = _supported(system.name()) == language
    QLocale.setDefault(system if same else QLocale(language))


def install_language(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` (Tsushin's and Qt's own ``qtbase``),
    replacing those installed before; returns the language the interface now speaks:
    English when ``language`` has no readable translation."""
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    _use_locale(language)
    if language == SOURCE_LANGUAGE:
        return language
    if _load(app, translations_folder(), f"tsushin_{language}.qm") is None:
        log.warning(
            "the %s translation (tsushin_%s.qm) is missing or unreadable: "
            "the interface stays in English",
            language,
            language,
        )
        _use_locale(SOURCE_LANGUAGE)
        return SOURCE_LANGUAGE
    if _load(app, qt_translations_folder(), f"qtbase_{language}.qm") is None:
        log.warning("Qt's own qtbase_%s.qm was not found: standard buttons stay English", language)
    return language


def translation_problems() -> list[str]:
    """What is missing or unreadable among the ``.qm`` files of the languages Tsushin
    speaks (its own and Qt's ``qtbase``): the frozen app's ``--self-test`` checks that
    the build shipped them."""
    problems = []
    for language in TRANSLATED:
        for folder, name in (
            (translations_folder(), f"tsushin_{language}.qm"),
            (qt_translations_folder(), f"qtbase_{language}.qm"),
        ):
            translator = QTranslator()
            if not translator.load(str(folder / name)) or translator.isEmpty():
                problems.append(f"{name} not found or unreadable in {folder}")
    return problems
