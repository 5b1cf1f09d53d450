"""Response bodies decoded under a size limit that holds *while* decoding, for any Content-Encoding stack.

httpx decodes a whole network chunk at once, so ``Content-Encoding: gzip, gzip`` turns 13 KB into
gigabytes before any limit is looked at. Here every layer inflates at most ``_STEP`` bytes per call
and hands them to the next; decoding stops as soon as the output passes the limit. Memory is the
limit plus one step per layer; time is proportional to the limit, not to the bomb.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

_STEP = 64 * 1024


class BodyError(ValueError):
    """A body that cannot be decoded (unsupported or too many encodings, corrupt data)."""


class _Zlib:
    def __init__(self, coding: str):
        self.coding = coding
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self._raw_fallback = coding == "deflate"  # servers send raw deflate without the zlib header

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self._d.decompress(data, _STEP)
            except zlib.error as exc:
                if self._raw_fallback:
                    self._raw_fallback = False
                    self._d = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BodyError(f"corrupt {self.coding} body: {exc}") from None
            self._raw_fallback = False
            if out:
                yield out
            if self._d.eof and self._d.unused_data and self.coding != "deflate":  # concatenated gzip members
                data = self._d.unused_data
                self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                continue
            data = self._d.unconsumed_tail

    def flush(self) -> Iterator[bytes]:
        while True:
            out = self._d.decompress(b"", _STEP) if self._d.unconsumed_tail == b"" else b""
            if not out:
                return
            yield out


class _Brotli:
    def __init__(self, coding: str):
        import brotli

        self.coding = coding
        self._error = brotli.error
        self._d = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._d.process(data, output_buffer_limit=_STEP)
            while True:
                if out:
                    yield out
                if self._d.can_accept_more_data() or self._d.is_finished():
                    return
                out = self._d.process(b"", output_buffer_limit=_STEP)
        except self._error as exc:
            raise BodyError(f"corrupt br body: {exc}") from None

    def flush(self) -> Iterator[bytes]:
        return iter(())


def _layer(coding: str) -> _Zlib | _Brotli | None:
    """The decoder of one coding; None for one we do not know (``utf-8``, ``none`` …: passed through, as
    browsers and httpx do, because misconfigured servers send them on plain bodies)."""
    if coding in ("gzip", "x-gzip", "deflate"):
        return _Zlib(coding)
    if coding == "br":
        try:
            return _Brotli(coding)
        except ImportError as exc:
            raise BodyError("Content-Encoding br needs the brotli package") from exc
    return None


def codings(header: str | None) -> list[str]:
    """The encodings of a Content-Encoding header in the order they were applied (identity dropped)."""
    return [c for c in (x.strip().lower() for x in (header or "").split(",")) if c and c != "identity"]


class BoundedDecoder:
    """Feed raw network chunks; ``body`` holds at most ``limit`` decoded bytes (``truncated`` beyond)."""

    def __init__(self, content_encoding: str | None, limit: int, *, max_layers: int = 3):
        applied = codings(content_encoding)
        if len(applied) > max_layers:
            raise BodyError(f"{len(applied)} stacked Content-Encodings ({', '.join(applied)}): more than {max_layers}")
        layers = (_layer(c) for c in reversed(applied))  # the last applied is undone first
        self._layers = [x for x in layers if x is not None]
        self.limit = limit
        self.raw = 0
        self.truncated = False
        self._out = bytearray()

    @property
    def body(self) -> bytes:
        return bytes(self._out)

    def feed(self, chunk: bytes) -> bool:
        """Decode one raw chunk; True once the limit is passed (stop reading)."""
        self.raw += len(chunk)
        if self.raw > self.limit and self._layers:
            # Compressed input beyond the limit decodes to more than the limit (or is an endless stream).
            self.truncated = True
        if self.truncated:
            return True
        return self._push(0, chunk)

    def finish(self) -> bytes:
        if not self.truncated:
            for i, layer in enumerate(self._layers):
                for out in layer.flush():
                    if self._push(i + 1, out):
                        break
        return self.body

    def _push(self, i: int, data: bytes) -> bool:
        if i == len(self._layers):
            room = self.limit - len(self._out)
            if len(data) > room:
                self._out += data[: max(0, room)]
                self.truncated = True
                return True
            self._out += data
            return False
        for out in self._layers[i].feed(data):
            if self._push(i + 1, out):
                return True
        return False
