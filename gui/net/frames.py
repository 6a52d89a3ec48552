"""RFC 6455 above the socket: frames from bytes, whole messages from frames, and close
frames checked.

:meth:`MessageReader.events` takes the bytes read from the socket, in chunks of any
size, and cuts them into frames itself: one ``recv`` of a large chunk carries thousands
of small messages, read in one go (websocket-client's ``recv_frame`` makes two ``recv``
calls and a Python object per frame, and gives the GIL up at each call: a cost that
eight flooding tabs multiply). A frame is checked for what one frame can show (reserved
bits, opcode, a mask from the server, a fragmented or oversized control frame, a length
with its top bit set). Messages are assembled by the book: fragments in order, text
checked as UTF-8 fragment by fragment (so a broken message fails as soon as its first
invalid byte is in), close codes and reasons valid. Breaches raise
:class:`ProtocolViolation` with the close code to fail the connection with (1002, or
1007 for bad UTF-8). :meth:`MessageReader.feed` takes one frame already cut by
websocket-client (``ABNF``) instead.

No Qt and no socket here: bytes or frames in, events out.
"""

from __future__ import annotations

import codecs
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from websocket import ABNF

CLOSE_PROTOCOL_ERROR = 1002
CLOSE_INVALID_PAYLOAD = 1007
MAX_CONTROL_PAYLOAD = 125

_OPCODE_CONT = ABNF.OPCODE_CONT
_OPCODE_TEXT = ABNF.OPCODE_TEXT
_OPCODE_BINARY = ABNF.OPCODE_BINARY
_OPCODE_CLOSE = ABNF.OPCODE_CLOSE
_LENGTH_16 = struct.Struct("!H")
_LENGTH_64 = struct.Struct("!Q")

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
    """Feed it the bytes (:meth:`events`) or the frames (:meth:`feed`) of one
    connection, in order; it gives back events.

    :meth:`events` yields every event the bytes complete. :meth:`feed` returns a
    :class:`Message` when a message is complete, a control event (:class:`Ping`,
    :class:`Pong`, :class:`Close`) at once, even between the fragments of a message,
    and None while a fragmented message is still coming.
    """

    def __init__(self) -> None:
        self._opcode: int | None = None  # of the message being assembled
        self._parts: list[bytes] = []
        self._text: list[str] = []
        self._size = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._buffer = bytearray()  # bytes of a frame not yet whole (events())

    @property
    def in_message(self) -> bool:
        """True between the first and the last fragment of a message."""
        return self._opcode is not None

    def feed(self, frame: ABNF) -> Event | None:
        """Take the next frame, as websocket-client cut it; raise
        :class:`ProtocolViolation` on a breach."""
        data = frame.data
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if frame.rsv1 or frame.rsv2 or frame.rsv3:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "reserved bits set, no extension")
        if frame.mask_value:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "the server masked a frame")
        return self._frame(frame.opcode, payload, bool(frame.fin))

    @property
    def buffered(self) -> int:
        """Bytes given to :meth:`events` that are not a whole frame yet."""
        return len(self._buffer)

    def events(self, data: bytes) -> Iterator[Event]:
        """Take the next bytes read from the socket; yield the events of every frame
        they complete, in order. A breach raises :class:`ProtocolViolation` where it
        is found, after the events before it; the rest of the bytes are dropped."""
        buffer = self._buffer
        buffer += data
        end = len(buffer)
        pos = 0
        broken = False
        try:
            while end - pos >= 2:
                first = buffer[pos]
                second = buffer[pos + 1]
                length = second & 0x7F
                start = pos + 2
                if length == 126:
                    if end - pos < 4:
                        break
                    (length,) = _LENGTH_16.unpack_from(buffer, start)
                    start += 2
                elif length == 127:
                    if end - pos < 10:
                        break
                    (length,) = _LENGTH_64.unpack_from(buffer, start)
                    if length >> 63:
                        raise ProtocolViolation(
                            CLOSE_PROTOCOL_ERROR, "frame length with its top bit set"
                        )
                    start += 8
                if second & 0x80:
                    raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "the server masked a frame")
                if first & 0x70:
                    raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, "reserved bits set, no extension")
                stop = start + length
                if stop > end:
                    break
                payload = bytes(buffer[start:stop])
                pos = stop
                opcode = first & 0x0F
                if first & 0x80 and opcode == _OPCODE_TEXT and self._opcode is None:
                    # The common case, a whole text message in one frame.
                    try:
                        text = payload.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise ProtocolViolation(
                            CLOSE_INVALID_PAYLOAD,
                            f"text message is not valid UTF-8 (byte {exc.start})",
                        ) from None
                    yield Message(payload, text)
                    continue
                event = self._frame(opcode, payload, bool(first & 0x80))
                if event is not None:
                    yield event
        except ProtocolViolation:
            broken = True
            raise
        finally:
            # Also when the caller stops early (at a close frame): what was yielded goes.
            if broken:
                buffer.clear()
            else:
                del buffer[:pos]

    def _frame(self, opcode: int, payload: bytes, fin: bool) -> Event | None:
        if opcode >= _OPCODE_CLOSE:
            return self._control(opcode, payload, fin)
        if opcode == _OPCODE_CONT:
            if self._opcode is None:
                raise ProtocolViolation(
                    CLOSE_PROTOCOL_ERROR, "continuation frame outside a message"
                )
        elif opcode in (_OPCODE_TEXT, _OPCODE_BINARY):
            if self._opcode is not None:
                raise ProtocolViolation(
                    CLOSE_PROTOCOL_ERROR, "new message before the last one was finished"
                )
            self._opcode = opcode
        else:
            raise ProtocolViolation(CLOSE_PROTOCOL_ERROR, f"reserved opcode {opcode:#x}")
        return self._data(payload, fin)

    def _control(self, opcode: int, payload: bytes, fin: bool) -> Event:
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
