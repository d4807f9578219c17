"""TensorBoard event files written in plain Python: no TensorFlow import, no C++ chatter.

An event file is a TFRecord stream of ``tensorflow.Event`` protocol buffers. This module
encodes the few fields TensorBoard reads (wall time, step, scalar and text summaries with
their plugin metadata) by hand, exactly as ``tf.summary.scalar`` lays them out: a
rank-0 float tensor tagged with the ``scalars`` plugin. TensorBoard's EventAccumulator,
its HTTP API and ``tf.compat.v1.train.summary_iterator`` read the files back (the tests
check with the latter). Records carry TFRecord's masked CRC-32C checksums.
"""

from __future__ import annotations

import os
import socket
import struct
import time
from collections.abc import Iterable
from pathlib import Path

FILE_VERSION = b"brain.Event:2"
_DT_FLOAT = 1
_DT_STRING = 7
_DATA_CLASS_SCALAR = 1
_DATA_CLASS_TENSOR = 2


def _crc32c_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data: bytes) -> int:
    """CRC-32C (Castagnoli), the checksum TFRecord uses."""
    crc = 0xFFFFFFFF
    table = _TABLE
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc(data: bytes) -> int:
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def tfrecord(data: bytes) -> bytes:
    """One TFRecord: length, its masked CRC, the data, the data's masked CRC."""
    length = struct.pack("<Q", len(data))
    return (
        length + struct.pack("<I", masked_crc(length)) + data + struct.pack("<I", masked_crc(data))
    )


# -- protocol buffer wire format: just what an Event needs --------------------------------


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1  # negative int64s as two's complement, as protobuf does
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint(field << 3 | wire)


def _bytes_field(field: int, data: bytes) -> bytes:
    return _key(field, 2) + _varint(len(data)) + data


def _int_field(field: int, n: int) -> bytes:
    return _key(field, 0) + _varint(n)


def _metadata(plugin: str, data_class: int) -> bytes:
    plugin_data = _bytes_field(1, plugin.encode())  # PluginData.plugin_name
    return _bytes_field(1, plugin_data) + _int_field(4, data_class)


_SCALAR_META = _metadata("scalars", _DATA_CLASS_SCALAR)
_TEXT_META = _metadata("text", _DATA_CLASS_TENSOR)


def _scalar_tensor(value: float) -> bytes:
    # TensorProto: dtype, an empty tensor_shape (rank 0), float_val (packed)
    return (
        _int_field(1, _DT_FLOAT) + _bytes_field(2, b"") + _bytes_field(5, struct.pack("<f", value))
    )


def _text_tensor(text: str) -> bytes:
    shape = _bytes_field(2, _int_field(1, 1))  # TensorShapeProto.dim {size: 1}
    return _int_field(1, _DT_STRING) + _bytes_field(2, shape) + _bytes_field(8, text.encode())


def _value(tag: str, metadata: bytes, tensor: bytes) -> bytes:
    # Summary.Value: tag (1), tensor (8), metadata (9)
    return _bytes_field(1, tag.encode()) + _bytes_field(9, metadata) + _bytes_field(8, tensor)


def event(wall_time: float, step: int, summary_values: Iterable[bytes] = ()) -> bytes:
    """An Event's bytes: wall_time (1), step (2), summary (5) of the given values."""
    body = _key(1, 1) + struct.pack("<d", float(wall_time)) + _int_field(2, int(step))
    summary = b"".join(_bytes_field(1, v) for v in summary_values)
    return body + _bytes_field(5, summary)


def scalar_value(tag: str, value: float) -> bytes:
    return _value(tag, _SCALAR_META, _scalar_tensor(value))


def text_value(tag: str, text: str) -> bytes:
    return _value(tag, _TEXT_META, _text_tensor(text))


class EventFileWriter:
    """Appends events to one new ``events.out.tfevents.*`` file in ``folder``.

    The file is named as TensorFlow names it (creation time, host, pid, a counter), so
    TensorBoard picks it up, and begins with the ``brain.Event:2`` version record.
    """

    _count = 0

    def __init__(self, folder: str | os.PathLike[str], wall_time: float | None = None) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        EventFileWriter._count += 1
        wall = time.time() if wall_time is None else wall_time
        name = (
            f"events.out.tfevents.{int(wall):010d}.{socket.gethostname()}."
            f"{os.getpid()}.{EventFileWriter._count}.v2"
        )
        self.path = folder / name
        self._fh = self.path.open("xb")
        version = _key(1, 1) + struct.pack("<d", wall) + _bytes_field(3, FILE_VERSION)
        self._fh.write(tfrecord(version))

    def scalar(self, tag: str, value: float, step: int, wall_time: float) -> None:
        self._fh.write(tfrecord(event(wall_time, step, [scalar_value(tag, value)])))

    def text(self, tag: str, text: str, step: int, wall_time: float) -> None:
        self._fh.write(tfrecord(event(wall_time, step, [text_value(tag, text)])))

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> EventFileWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
