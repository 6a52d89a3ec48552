#!/bin/sh
# Build a local Debian base image with Python 3 and pip, for machines that cannot pull
# python:3.12-slim from a registry. Needs root, debootstrap and a running Docker daemon;
# the only network it uses is a Debian mirror.
#
#   sudo docker/make-base-image.sh                      # -> tsushin-base:bookworm
#   sudo docker/make-base-image.sh my-base:bookworm
#   sudo MIRROR=http://ftp.de.debian.org/debian SUITE=bookworm docker/make-base-image.sh
#   docker build --build-arg BASE_IMAGE=tsushin-base:bookworm -t tsushin-server .
#   BASE_IMAGE=tsushin-base:bookworm docker compose up --build
#
# Debian's python3 (3.11 on bookworm) is "externally managed"; the Dockerfile sets
# PIP_BREAK_SYSTEM_PACKAGES=1 so that pip installs the server's requirements anyway.
#
# Certificate authorities this machine added locally (/usr/local/share/ca-certificates,
# e.g. a company proxy that inspects TLS) are copied into the image too, so that pip in
# `docker build` trusts what the host trusts; HOST_CA_CERTS=0 leaves them out.
set -eu

TAG=${1:-tsushin-base:bookworm}
SUITE=${SUITE:-bookworm}
HOST_CA_CERTS=${HOST_CA_CERTS:-1}

if [ -z "${MIRROR:-}" ]; then
    # The first plain Debian archive apt on this machine uses (not -security), or the CDN.
    MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -Eo 'https?://[^ ]+/debian/?( |$)' | head -n 1 | tr -d ' ') || true
    MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "error: debootstrap needs root (run with sudo)" >&2
    exit 1
fi
for tool in debootstrap docker tar; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool not found (apt-get install debootstrap docker.io)" >&2
        exit 1
    fi
done

ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/tsushin-rootfs.XXXXXX")
trap 'rm -rf "$ROOTFS"' EXIT INT TERM

echo "debootstrap $SUITE from $MIRROR into $ROOTFS" >&2
debootstrap --variant=minbase --include=python3,python3-pip,ca-certificates \
    "$SUITE" "$ROOTFS" "$MIRROR"

if [ "$HOST_CA_CERTS" != 0 ] && ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    echo "adding this machine's local CA certificates:" /usr/local/share/ca-certificates/*.crt >&2
    cp /usr/local/share/ca-certificates/*.crt "$ROOTFS"/usr/local/share/ca-certificates/
    chroot "$ROOTFS" update-ca-certificates >&2
fi

# What an image does not need: downloaded packages, package lists, logs.
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/cache/apt/*.bin \
    "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/log/* "$ROOTFS"/tmp/*

tar --numeric-owner -C "$ROOTFS" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    - "$TAG"

docker run --rm "$TAG" python3 -c 'import sys; print("base image ok: Python", sys.version.split()[0])'
echo "built $TAG" >&2
