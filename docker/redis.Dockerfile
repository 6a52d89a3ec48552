# Redis for docker-compose.yml: Debian's redis-server on the same base image as the
# server (no other image to pull; BASE_IMAGE=tsushin-base:bookworm works offline).
# No persistence: rooms, presence and message numbers live only as long as it runs.
ARG BASE_IMAGE=python:3.12-slim
FROM ${BASE_IMAGE}

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/*

USER redis
EXPOSE 6379
HEALTHCHECK --interval=2s --timeout=2s --start-period=5s --retries=10 \
    CMD ["redis-cli", "ping"]
CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]
