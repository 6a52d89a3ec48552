#!/bin/sh
# Build the folder that bench/autobahn/run.py runs Autobahn|Testsuite 0.8.2 in: a minimal
# Debian bullseye (the last Debian with Python 2.7) made by debootstrap, with the
# testsuite and its pinned Python 2 dependencies (requirements-py2.txt) installed by pip.
# Needs root and debootstrap; the only network it uses is a Debian mirror and PyPI. Takes
# about 2 minutes. No Docker daemon is needed: run.py enters the folder with chroot.
#
#   sudo bench/autobahn/make-image.sh            # -> ~/.cache/tsushin/autobahn-0.8.2
#   sudo bench/autobahn/make-image.sh /some/dir  # or $TSUSHIN_AUTOBAHN_ROOT
#   sudo MIRROR=http://archive.debian.org/debian bench/autobahn/make-image.sh
#   sudo DOCKER_TAG=tsushin-autobahn:0.8.2 bench/autobahn/make-image.sh  # also a Docker image
#
# An existing folder is kept unless REBUILD=1. The folder is built next to the target
# and renamed at the end, so a half-built one is never used. With DOCKER_TAG (and a
# running Docker daemon) the same folder is also imported as an image, the way
# docker/make-base-image.sh builds the project's base image:
#   docker run --rm --network host tsushin-autobahn:0.8.2 wstest -m fuzzingclient -s ...
#
# Certificate authorities this machine added locally (/usr/local/share/ca-certificates)
# are copied in too, so that pip inside trusts what the host trusts; HOST_CA_CERTS=0
# leaves them out.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${1:-${TSUSHIN_AUTOBAHN_ROOT:-$HOME/.cache/tsushin/autobahn-0.8.2}}
SUITE=${SUITE:-bullseye}
HOST_CA_CERTS=${HOST_CA_CERTS:-1}
REBUILD=${REBUILD:-0}

if [ -z "${MIRROR:-}" ]; then
    # The first plain Debian archive apt on this machine uses (not -security), or the CDN.
    MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -Eo 'https?://[^ ]+/debian/?( |$)' | head -n 1 | tr -d ' ') || true
    MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "error: debootstrap and chroot need root (run with sudo)" >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
    echo "error: debootstrap not found (apt-get install debootstrap)" >&2
    exit 1
fi

if [ -x "$ROOT/usr/local/bin/wstest" ] && [ "$REBUILD" = 0 ]; then
    echo "$ROOT already has wstest (REBUILD=1 builds it again)" >&2
else
    mkdir -p "$(dirname "$ROOT")"
    BUILD="$ROOT.building.$$"
    trap 'rm -rf "$BUILD"' EXIT INT TERM

    echo "debootstrap $SUITE from $MIRROR into $BUILD" >&2
    # gcc and the headers build wsaccel (autobahn's C masking and UTF-8 validation):
    # PyPI has no Python 2.7 wheel of it. python-pip-whl brings a pip that runs on 2.7.
    debootstrap --variant=minbase \
        --include=python2.7,python2.7-dev,python-setuptools,python-pip-whl,ca-certificates,gcc,libc6-dev \
        "$SUITE" "$BUILD" "$MIRROR" >&2

    if [ "$HOST_CA_CERTS" != 0 ] && ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
        echo "adding this machine's local CA certificates:" /usr/local/share/ca-certificates/*.crt >&2
        cp /usr/local/share/ca-certificates/*.crt "$BUILD"/usr/local/share/ca-certificates/
        chroot "$BUILD" update-ca-certificates >&2
    fi

    # A clean environment inside: nothing of the host's pip or Python settings leaks in.
    IN_ROOT="env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1"
    # Debian's own pip wheel looks for its helpers in /usr/share/python-wheels and cannot
    # build sdists in isolation; it only bootstraps PyPI's pip 20.3.4 (the last for 2.7).
    PIP_WHL=$(cd "$BUILD" && ls usr/share/python-wheels/pip-*.whl | head -n 1)
    chroot "$BUILD" $IN_ROOT python2.7 "/$PIP_WHL/pip" install -q --force-reinstall \
        pip==20.3.4 setuptools==44.1.1 wheel==0.37.1 >&2
    cp "$HERE/requirements-py2.txt" "$BUILD/tmp/requirements-py2.txt"
    chroot "$BUILD" $IN_ROOT python2.7 -m pip install -q -r /tmp/requirements-py2.txt >&2

    # What the folder does not need: downloaded packages, package lists, logs.
    rm -rf "$BUILD"/var/cache/apt/archives/*.deb "$BUILD"/var/cache/apt/*.bin \
        "$BUILD"/var/lib/apt/lists/* "$BUILD"/var/log/* "$BUILD"/tmp/* "$BUILD"/root/.cache

    rm -rf "$ROOT"
    mv "$BUILD" "$ROOT"
    trap - EXIT INT TERM
fi

chroot "$ROOT" env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 PYTHONWARNINGS=ignore \
    wstest --autobahnversion 2>/dev/null | tail -n 2 >&2

if [ -n "${DOCKER_TAG:-}" ]; then
    tar --numeric-owner -C "$ROOT" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PYTHONWARNINGS=ignore' \
        --change 'CMD ["wstest", "--help"]' \
        - "$DOCKER_TAG" >&2
    docker run --rm "$DOCKER_TAG" wstest --autobahnversion | tail -n 2 >&2
    echo "built Docker image $DOCKER_TAG" >&2
fi
echo "$ROOT"
