"""A small PNG chart of a figure's history, drawn in pure Python (zlib + a 3x5 digit font).

A digest needs one kind of picture: a few values over a few days. Drawing it here costs
~150 lines and no dependency, where matplotlib would add ~40 MB and a second to start, and
Pillow a compiled wheel, for a line and some dots."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from datetime import datetime

from facts.digest import FigureChange

Color = tuple[int, int, int]
WHITE: Color = (255, 255, 255)
AXIS: Color = (150, 150, 150)
GRID: Color = (232, 232, 232)
LINE: Color = (29, 105, 190)
TEXT: Color = (60, 60, 60)

# 3x5 glyphs, rows top to bottom, "1" = ink. Enough for values and dates.
_FONT = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "010", "010", "010"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    "-": ("000", "000", "111", "000", "000"),
    ".": ("000", "000", "000", "000", "010"),
    ",": ("000", "000", "000", "010", "100"),
    "/": ("001", "001", "010", "100", "100"),
    "%": ("101", "001", "010", "100", "101"),
    "k": ("100", "101", "110", "101", "101"),
    "M": ("101", "111", "111", "101", "101"),
    " ": ("000", "000", "000", "000", "000"),
}


class Canvas:
    """An RGB pixel buffer that can be written out as a PNG."""

    def __init__(self, width: int, height: int, background: Color = WHITE) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def set(self, x: int, y: int, color: Color) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i : i + 3] = bytes(color)

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        for y in range(max(0, y0), min(self.height, y1 + 1)):
            for x in range(max(0, x0), min(self.width, x1 + 1)):
                self.set(x, y, color)

    def line(self, x0: int, y0: int, x1: int, y1: int, color: Color, width: int = 1) -> None:
        # Bresenham, thickened by stamping a small square at each step.
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        r = width // 2
        while True:
            self.rect(x0 - r, y0 - r, x0 - r + width - 1, y0 - r + width - 1, color)
            if x0 == x1 and y0 == y1:
                break
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def dot(self, cx: int, cy: int, radius: int, color: Color) -> None:
        for y in range(cy - radius, cy + radius + 1):
            for x in range(cx - radius, cx + radius + 1):
                if (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius:
                    self.set(x, y, color)

    def text(self, x: int, y: int, s: str, color: Color = TEXT, scale: int = 2) -> None:
        for ch in s:
            glyph = _FONT.get(ch)
            if glyph is None:
                continue
            for row, bits in enumerate(glyph):
                for col, bit in enumerate(bits):
                    if bit == "1":
                        self.rect(
                            x + col * scale,
                            y + row * scale,
                            x + col * scale + scale - 1,
                            y + row * scale + scale - 1,
                            color,
                        )
            x += 4 * scale

    def png(self) -> bytes:
        raw = bytearray()
        stride = self.width * 3
        for y in range(self.height):
            raw.append(0)  # filter: none
            raw += self.pixels[y * stride : (y + 1) * stride]
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + _chunk(b"IEND", b"")
        )


def text_width(s: str, scale: int = 2) -> int:
    return max(0, len([c for c in s if c in _FONT]) * 4 * scale - scale)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def short_number(v: float) -> str:
    if abs(v) >= 1_000_000:
        return f"{v / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    if abs(v) >= 10_000:
        return f"{v / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"


def line_chart(points: Sequence[tuple[datetime, float]], *, width: int = 480, height: int = 240) -> bytes:
    """Values over time as a PNG: a line through dots, value labels, first and last date."""
    if not points:
        raise ValueError("a chart needs at least one point")
    canvas = Canvas(width, height)
    left, right, top, bottom = 64, width - 24, 20, height - 34
    times = [p[0].timestamp() for p in points]
    values = [p[1] for p in points]
    t0, t1 = min(times), max(times)
    lo, hi = min(0.0, min(values)), max(values)
    if hi == lo:
        hi = lo + 1
    hi += (hi - lo) * 0.1  # headroom for the labels above the dots

    def xy(t: float, v: float) -> tuple[int, int]:
        x = left + (right - left) * ((t - t0) / (t1 - t0) if t1 > t0 else 0.5)
        y = bottom - (bottom - top) * (v - lo) / (hi - lo)
        return round(x), round(y)

    for i in range(5):
        gy = round(bottom - (bottom - top) * i / 4)
        canvas.line(left, gy, right, gy, GRID)
        label = short_number(lo + (hi - lo) * i / 4)
        canvas.text(left - 8 - text_width(label), gy - 5, label)
    canvas.line(left, top, left, bottom, AXIS)
    canvas.line(left, bottom, right, bottom, AXIS)

    coords = [xy(t, v) for t, v in zip(times, values, strict=True)]
    for (x0, y0), (x1, y1) in zip(coords, coords[1:], strict=False):
        canvas.line(x0, y0, x1, y1, LINE, width=3)
    for (x, y), v in zip(coords, values, strict=True):
        canvas.dot(x, y, 4, LINE)
        label = short_number(v)
        canvas.text(max(0, min(width - text_width(label), x - text_width(label) // 2)), y - 18, label, LINE)

    first, last = points[0][0], points[-1][0]
    canvas.text(left, bottom + 10, first.strftime("%m/%d"))
    if last.date() != first.date():
        label = last.strftime("%m/%d")
        canvas.text(right - text_width(label), bottom + 10, label)
    return canvas.png()


def history_png(change: FigureChange) -> bytes:
    """The chart of one figure's history, as the digest attaches it."""
    points = [(v.as_of, v.value_num) for v in change.history if v.value_num is not None]
    return line_chart([(t, float(v)) for t, v in points])
