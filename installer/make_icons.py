"""Draw Tsushin's icon and write installer/tsushin.png, installer/tsushin.ico and the
window icon gui/resources/tsushin.png (the same picture everywhere).

The icon: a rounded indigo tile holding a pair of JSON braces, and between them two
arrows, one going out and one coming back — a JSON document sent and its echo.

Drawn with QPainter from paths only (no fonts), so every machine draws the same pixels.
The .ico holds 16–256 px images: 256 px as PNG, the smaller ones as 32-bit DIBs (which
every Windows tool, Inno Setup's compiler included, reads).

    QT_QPA_PLATFORM=offscreen python installer/make_icons.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

HERE = Path(__file__).resolve().parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256

TILE_TOP = QColor("#4f46e5")
TILE_BOTTOM = QColor("#1e1b4b")
BRACE = QColor("#f8fafc")
ARROW_OUT = QColor("#fbbf24")
ARROW_BACK = QColor("#34d399")


def _brace(left: bool) -> QPainterPath:
    """A curly brace in a 100x100 box, drawn as a centre line to be stroked."""
    x0, x1, xm = (30.0, 20.0, 13.0) if left else (70.0, 80.0, 87.0)
    path = QPainterPath(QPointF(x0, 20))
    path.cubicTo(QPointF(x1, 20), QPointF(x1, 26), QPointF(x1, 34))
    path.lineTo(QPointF(x1, 42))
    path.cubicTo(QPointF(x1, 48), QPointF(x1, 50), QPointF(xm, 50))
    path.cubicTo(QPointF(x1, 50), QPointF(x1, 52), QPointF(x1, 58))
    path.lineTo(QPointF(x1, 66))
    path.cubicTo(QPointF(x1, 74), QPointF(x1, 80), QPointF(x0, 80))
    return path


def _arrow(y: float, rightward: bool) -> QPainterPath:
    """A horizontal arrow between the braces, as a filled shape."""
    start, end = (36.0, 64.0) if rightward else (64.0, 36.0)
    sign = 1.0 if rightward else -1.0
    shaft_end = end - sign * 9
    path = QPainterPath(QPointF(start, y - 3.2))
    path.lineTo(QPointF(shaft_end, y - 3.2))
    path.lineTo(QPointF(shaft_end, y - 8.5))
    path.lineTo(QPointF(end, y))
    path.lineTo(QPointF(shaft_end, y + 8.5))
    path.lineTo(QPointF(shaft_end, y + 3.2))
    path.lineTo(QPointF(start, y + 3.2))
    path.closeSubpath()
    return path


def draw(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, premultiplied ARGB."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 100.0, size / 100.0)

    margin = 2.0 if size >= 32 else 0.5
    tile = QRectF(margin, margin, 100 - 2 * margin, 100 - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, TILE_TOP)
    gradient.setColorAt(1.0, TILE_BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(tile, 22, 22)

    # Small sizes get bolder strokes so that the braces survive the downscale.
    width = 7.5 if size >= 48 else 10.0
    pen = QPen(BRACE, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_brace(left=True))
    painter.drawPath(_brace(left=False))

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ARROW_OUT)
    painter.drawPath(_arrow(39, rightward=True))
    painter.setBrush(ARROW_BACK)
    painter.drawPath(_arrow(61, rightward=False))
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # QIODevice overload
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA DIB as stored in an .ico entry: bottom-up rows, then an AND mask."""
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA bytes, little-endian
    size = argb.width()
    stride = size * 4
    bits = bytes(argb.constBits())
    rows = [bits[y * argb.bytesPerLine() : y * argb.bytesPerLine() + stride] for y in range(size)]
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, stride * size, 0, 0, 0, 0)
    mask_stride = ((size + 31) // 32) * 4  # alpha decides; the AND mask stays all zero
    return header + b"".join(reversed(rows)) + bytes(mask_stride * size)


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico file holding ``images`` (256 px as PNG, smaller as DIB)."""
    payloads = [_png_bytes(im) if im.width() >= 256 else _dib_bytes(im) for im in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for image, payload in zip(images, payloads, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    return out + b"".join(payloads)


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    (HERE / "tsushin.png").write_bytes(_png_bytes(draw(PNG_SIZE)))
    (HERE.parent / "gui" / "resources" / "tsushin.png").write_bytes(_png_bytes(draw(PNG_SIZE)))
    (HERE / "tsushin.ico").write_bytes(ico_bytes([draw(s) for s in ICO_SIZES]))
    print(f"wrote {HERE / 'tsushin.png'} and {HERE / 'tsushin.ico'} ({len(ICO_SIZES)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
