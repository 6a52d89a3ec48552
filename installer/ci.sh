#!/usr/bin/env bash
# CI for the frozen app: build the Linux bundle from build.spec and smoke-test it, then
# build Tsushin.exe under Wine and smoke-test that. Non-zero on any failure.
#
#   1. Linux one-folder bundle dist/Tsushin/ (its size is printed), then
#      dist/Tsushin/Tsushin --version, --serve --port 0 (READY line, a JSON round trip,
#      exit on end of stdin and when its parent is killed), --self-test, run (a scenario:
#      exit codes 0, 1 and 2, JUnit XML; installer/check_run.py), and the window:
#      its files go to the user's app-data folder, none into the bundle;
#   2. Linux one-file build dist/onefile/Tsushin: size and the --serve check
#      (TSUSHIN_CI_ONEFILE=0 skips it);
#      then, under Xvfb, the one-folder app's window must show (installer/measure.py,
#      which also prints the sizes, launch-to-window and launch-to-READY times);
#   3. installer/wine_build.sh: Tsushin.exe under Wine and the same checks there, then
#      the installer: installer/tsushin.iss compiled by Inno Setup 6.4.1, installed
#      silently, the installed app self-tested, uninstalled (installer/check_setup.py)
#      (TSUSHIN_CI_WINE=0 skips all of it, for a quick local run).
#
# Uses the Python that CI already installed requirements.txt into ($PYTHON, python3).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
export QT_QPA_PLATFORM=offscreen
started=$SECONDS

step() { echo "== frozen: $*"; }
die() { echo "ci.sh: FAILED: $*" >&2; exit 1; }

size_of() { du -sh --apparent-size "$1" | cut -f1; }

build_linux() {
    local distpath="$1" onefile="$2" t0=$SECONDS
    TSUSHIN_ONEFILE="$onefile" "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$distpath" --workpath build/linux build.spec >build/pyinstaller-linux.log 2>&1 || {
        tail -n 60 build/pyinstaller-linux.log
        die "PyInstaller (Linux, onefile=$onefile)"
    }
    echo "   built in $((SECONDS - t0)) s"
}

check_serve() {
    "$PYTHON" installer/check_ready.py --timeout 60 --runs "${2:-1}" --kill-parent -- \
        "$1" --serve --host 127.0.0.1 --port 0 ||
        die "$1 --serve: no READY line, no echo, or it outlived its parent"
}

self_test() {
    local out rc=0
    out="$(timeout 300 "$1" --self-test 2>&1)" || rc=$?
    echo "$out"
    [ "$rc" -eq 0 ] || die "$1 --self-test exited $rc"
    grep -q 'self-test: ok' <<<"$out" || die "$1 --self-test did not print 'self-test: ok'"
    grep -q 'self-test: secrets: ' <<<"$out" ||
        die "$1 --self-test did not say where secrets go (keyring's backends)"
}

mkdir -p build
step "Linux one-folder bundle (build.spec)"
rm -rf dist/Tsushin dist/onefile
build_linux dist ""
[ -x dist/Tsushin/Tsushin ] || die "no dist/Tsushin/Tsushin"
echo "   bundle size: dist/Tsushin/ $(size_of dist/Tsushin)"
step "dist/Tsushin/Tsushin --serve --port 0"
check_serve dist/Tsushin/Tsushin 3
step "dist/Tsushin/Tsushin --version"
timeout 60 dist/Tsushin/Tsushin --version || die "--version"
step "dist/Tsushin/Tsushin --self-test"
self_test dist/Tsushin/Tsushin
step "dist/Tsushin/Tsushin run (the headless scenario runner against the frozen server)"
"$PYTHON" installer/check_run.py -- dist/Tsushin/Tsushin || die "dist/Tsushin/Tsushin run"
step "dist/Tsushin/Tsushin: the window writes into the user's app-data folder only"
home="$(mktemp -d)"
HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    "$PYTHON" installer/check_app_data.py --data-root "$home/.local/share" \
    --bundle dist/Tsushin -- dist/Tsushin/Tsushin || die "app data"
rm -rf "$home"

if [ "${TSUSHIN_CI_ONEFILE:-1}" = "1" ]; then
    step "Linux one-file build (TSUSHIN_ONEFILE=1)"
    build_linux dist/onefile 1
    [ -x dist/onefile/Tsushin ] || die "no dist/onefile/Tsushin"
    echo "   one-file size: dist/onefile/Tsushin $(size_of dist/onefile/Tsushin)"
    step "dist/onefile/Tsushin --serve --port 0"
    check_serve dist/onefile/Tsushin
fi

# The window itself, under Xvfb: it must show up; launch-to-window and READY times.
if ! command -v xdotool >/dev/null || ! command -v Xvfb >/dev/null; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        xdotool xvfb >/dev/null || die "cannot install xdotool and Xvfb"
fi
step "dist/Tsushin/Tsushin: the window shows (Xvfb), timings"
env -u DISPLAY "$PYTHON" installer/measure.py --runs 3 || die "the frozen window did not show"

if [ "${TSUSHIN_CI_WINE:-1}" = "1" ]; then
    step "Tsushin.exe and its installer under Wine (installer/wine_build.sh)"
    bash installer/wine_build.sh || die "Wine build, its self-test or the installer"
    step "Tsushin.exe: Windows GUI program (no console) with Tsushin's version resource"
    "$PYTHON" installer/check_exe.py dist-win/Tsushin/Tsushin.exe || die "Tsushin.exe headers"
fi

step "ok in $((SECONDS - started)) s"
