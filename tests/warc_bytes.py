"""WARC records written by hand, so tests control every byte (and can cut them anywhere)."""

from __future__ import annotations


def warc_record(number: int, uri: str, content_type: str, body: bytes) -> bytes:
    """One WARC/1.0 `response` record with an HTTP block; its id ends in `number`."""
    block = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"
