"""RFC 6455 above the frame layer: whole messages from frames, and close frames checked.

websocket-client reads single frames and checks what one frame can show (reserved bits,
opcodes, a fragmented ping, the length and code of a close frame). Its message layer
(``recv_data_frame``) is not used: it answers every close frame with a second close of
its own, passes invalid UTF-8 on when validation is skipped, and joins fragments by
copying the whole message once per fragment. :class:`MessageReader` does that part by
the book instead: fragments in order, text checked as UTF-8 fragment by fragment (so a
broken message fails as soon as its first invalid byte is in), control frames short and
unfragmented, close codes and reasons valid. Breaches raise :class:`ProtocolViolation`
with the close code to fail the connection with (1002, or 1007 for bad UTF-8).

No Qt and no socket here: frames in, events out.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass

from websocket import ABNF

CLOSE_PROTOCOL_ERROR = 1002
CLOSE_INVALID_PAYLOAD = 1007
MAX_CONTROL_PAYLOAD = 125

# Close codes a peer may put on the wire (RFC 6455 7.4 and the IANA registry); 1004,
# 1005, 1006 and 1015 are reserved and must never be sent.
_SENDABLE_CODES = frozenset(
    {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014}
)


class ProtocolViolation(Exception):
    """The server broke RFC 6455; the connection must be failed with ``code``."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Message:
    """A whole data message. ``text`` is the decoded text of a text message, None for
    a binary one; ``payload`` is what came on the wire, in both cases."""

    payload: bytes
    text: str | None

    @property
    def is_binary(self) -> bool:
        """True for a binary message."""
        return self.text is None


@dataclass(frozen=True, slots=True)
class Ping:
    """A ping: answer it with a pong carrying the same ``payload``."""

    payload: bytes


@dataclass(frozen=True, slots=True)
class Pong:
    """A pong (an answer to one of ours, or unsolicited)."""

    payload: bytes


@dataclass(frozen=True, slots=True)
class Close:
    """The server's close frame: ``code`` None when it carried no status code."""

    code: int | None
    reason: str

    def reply_code(self) -> int:
        """The code to answer with: the server's own, echoed, or 1000 when it sent none."""
        return 1000 if self.code is None else self.code


Event = Message | Ping | Pong | Close


def valid_close_code(code: int) -> bool:
    """Whether a peer may send ``code`` in a close frame."""
    return code in _SENDABLE_CODES or 3000 <= code <= 4999


def parse_close(payload: bytes) -> Close:
    """The code and reason of a close frame's payload; :class:`ProtocolViolation` when
    the payload is one byte long, the code may not be sent, or the reason is not UTF-8."""
    if not payload:
        return Close(None, "")
    if len(payload) < 2:
        raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "close frame with a 1-byte payload")
    (code,) = struct.unpack("!H", payload[:2])
    if not valid_close_code(code):
        raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, f"close frame with invalid code {code}")
    try:
        reason = payload[2:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolViolation(
            CLOSE_INVALID_PAYLOAD, f"close reason is not valid UTF-8 (byte {exc.start})"
        ) from None
    return Close(code, reason)


class MessageReader:
    """Feed it the frames of one connection, in order; it gives back events.

    :meth:`feed` returns a :class:`Message` when a message is complete, a control event
    (:class:`Ping`, :class:`Pong`, :class:`Close`) at once, even between the fragments of
    a message, and None while a fragmented message is still coming.
    """

    def __init__(self) -> None:
        self._opcode: int | None = None  # of the message being assembled
        self._parts: list[bytes] = []
        self._text: list[str] = []
        self._size = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")

    @property
    def in_message(self) -> bool:
        """True between the first and the last fragment of a message."""
        return self._opcode is not None

    def feed(self, frame: ABNF) -> Event | None:
        """Take the next frame; raise :class:`ProtocolViolation` on a breach."""
        opcode = frame.opcode
        data = frame.data
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if frame.rsv1 or frame.rsv2 or frame.rsv3:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "reserved bits set, no extension")
        if frame.mask_value:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "the server masked a frame")
        if opcode >= ABNF.OPCODE_CLOSE:
            return self._control(opcode, payload, frame.fin)
        if opcode == ABNF.OPCODE_CONT:
            if self._opcode is None:
                raise ProtocolViolation(
                    CLOSE_PROTOCOL_ERROR, "continuation frame outside a message"
                )
        elif opcode in (ABNF.OPCODE_TEXT, ABNF.OPCODE_BINARY):
            if self._opcode is not None:
                raise ProtocolViolation(
                    CLOSE_PROTOCOL_ERROR, "new message before the last one was finished"
                )
            self._opcode = opcode
        else:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, f"reserved opcode {opcode:#x}")
        return self._data(payload, bool(frame.fin))

    def _control(self, opcode: int, payload: bytes, fin: int) -> Event:
        if not fin:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "fragmented control frame")
        if len(payload) > MAX_CONTROL_PAYLOAD:
            raise ProtocolViolation(
                CLOSE_PROTOCOL_ERROR, f"control frame of {len(payload)} bytes (at most 125)"
            )
        if opcode == ABNF.OPCODE_CLOSE:
            return parse_close(payload)
        if opcode == ABNF.OPCODE_PING:
            return Ping(payload)
        if opcode == ABNF.OPCODE_PONG:
            return Pong(payload)
        raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, f"reserved opcode {opcode:#x}")

    def _data(self, payload: bytes, fin: bool) -> Message | None:
        is_text = self._opcode == ABNF.OPCODE_TEXT
        if is_text:
            try:
                self._text.append(self._decoder.decode(payload, fin))
            except UnicodeDecodeError as exc:
                at = self._size + exc.start
                raise ProtocolViolation(
                    CLOSE_INVALID_PAYLOAD, f"text message is not valid UTF-8 (byte {at})"
                ) from None
        self._parts.append(payload)
        self._size += len(payload)
        if not fin:
            return None
        data = self._parts[0] if len(self._parts) == 1 else b"".join(self._parts)
        text = "".join(self._text) if is_text else None
        self._opcode = None
        self._parts = []
        self._text = []
        self._size = 0
        self._decoder.reset()
        return Message(data, text)
