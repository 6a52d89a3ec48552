# The embedded server alone, in a container, on port 8000 (as the tutorial's server was).
#   docker build -t tsushin-server .
#   docker build --build-arg BASE_IMAGE=my-registry/python:3.12-slim -t tsushin-server .
#   docker build --build-arg BASE_IMAGE=tsushin-base:bookworm -t tsushin-server .
#     (without registry access: a Debian base image from docker/make-base-image.sh)
ARG BASE_IMAGE=python:3.12-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_BREAK_SYSTEM_PACKAGES=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,[::1] \
    TSUSHIN_DATA_DIR=/data

# An unprivileged user with fixed numeric ids (USER by number, so that runtimes that
# require a non-root user, e.g. Kubernetes runAsNonRoot, can verify it). No --system:
# uid 10001 is above SYS_UID_MAX and useradd would warn.
RUN groupadd --gid 10001 tsushin \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin --no-log-init tsushin \
    && mkdir /data && chown 10001:10001 /data

WORKDIR /app
COPY requirements-server.txt .
RUN python3 -m pip install -r requirements-server.txt
COPY embedded_server/ embedded_server/

# Users, sessions and the secret key (docker-compose.yml mounts a volume here).
VOLUME /data
USER 10001:10001

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python3", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]

# Inside the container the server must listen on every interface to be reachable
# through the published port; docker-compose.yml publishes it on 127.0.0.1 by default.
CMD ["python3", "-m", "embedded_server", "--host", "0.0.0.0", "--port", "8000", "--log-level", "info"]
