"""Tsushin's embedded Django + Channels + daphne JSON echo server. Never imports Qt."""

WEBSOCKET_PATH = "/websock1-2/"
RAW_ECHO_PATH = "/echo/"
DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024
