"""Small HTTP proxies in front of the test cloud, on loopback ports.

- `OpaqueSequenceProxy` rewrites every change sequence into an opaque string, as Apache CouchDB 3.x sends them
  (`12-g1AAAA…`), and back again when a client echoes one in `since=`: a client that compares or does arithmetic on
  sequences breaks here.
- `FaultProxy` forwards faithfully until told to fail the next matching requests: a 500, a stall past the client's
  timeout, a body cut short, malformed JSON, the wrong content type, a dropped connection. It counts requests.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests

_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"}


class _Proxy:
    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                proxy.handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> _Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- forwarding ----------------------------------------------------------------------------------------------

    def rewrite_query(self, query: str) -> str:
        return query

    def rewrite_response(self, path: str, body: bytes) -> bytes:
        return body

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        with self._lock:
            self.requests.append((handler.command, parts.path))
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
        query = self.rewrite_query(parts.query)
        upstream = requests.request(handler.command, self.target + parts.path + (f"?{query}" if query else ""),
                                    data=body, headers=headers, allow_redirects=False, timeout=60)
        self.respond(handler, parts.path, upstream)

    def respond(self, handler: BaseHTTPRequestHandler, path: str, upstream: requests.Response) -> None:
        content = self.rewrite_response(path, upstream.content)
        handler.send_response(upstream.status_code)
        for key, value in upstream.headers.items():
            if key.lower() not in _HOP:
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        handler.wfile.write(content)


class OpaqueSequenceProxy(_Proxy):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self._to_opaque: dict[str, str] = {}
        self._to_real: dict[str, str] = {}

    def _opaque(self, real: Any) -> str:
        key = json.dumps(real)
        with self._lock:
            if key not in self._to_opaque:
                token = f"{real}-g1AAAA{base64.urlsafe_b64encode(secrets.token_bytes(24)).decode()}"
                self._to_opaque[key] = token
                self._to_real[token] = str(real)
            return self._to_opaque[key]

    def rewrite_query(self, query: str) -> str:
        pairs = [(k, self._to_real.get(v, v) if k == "since" else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        return urlencode(pairs)

    def rewrite_response(self, path: str, body: bytes) -> bytes:
        if not (path.endswith("/_changes") or path.count("/") == 1):
            return body
        try:
            data = json.loads(body)
        except ValueError:
            return body
        if isinstance(data, dict):
            for row in data.get("results", []):
                if "seq" in row:
                    row["seq"] = self._opaque(row["seq"])
            for key in ("last_seq", "update_seq"):
                if key in data:
                    data[key] = self._opaque(data[key])
        return json.dumps(data).encode()


class FaultProxy(_Proxy):
    KINDS = ("500", "stall", "truncate", "malformed", "content_type", "drop")

    def __init__(self, target: str, stall_seconds: float = 5.0) -> None:
        super().__init__(target)
        self.stall_seconds = stall_seconds
        self._faults: list[tuple[str, str]] = []

    def fail_next(self, kind: str, count: int = 1, path_contains: str = "") -> None:
        assert kind in self.KINDS
        with self._lock:
            self._faults += [(kind, path_contains)] * count

    def _take(self, path: str) -> str | None:
        with self._lock:
            for index, (kind, needle) in enumerate(self._faults):
                if needle in path:
                    del self._faults[index]
                    return kind
        return None

    def respond(self, handler: BaseHTTPRequestHandler, path: str, upstream: requests.Response) -> None:
        kind = self._take(path)
        if kind is None:
            return super().respond(handler, path, upstream)
        handler.close_connection = True
        if kind == "drop":
            return
        if kind == "stall":
            time.sleep(self.stall_seconds)
            return
        if kind == "500":
            body, status, ctype = b'{"error":"internal_server_error","reason":"test"}', 500, "application/json"
        elif kind == "malformed":
            body, status, ctype = b'{"results": [{"id": ', 200, "application/json"
        elif kind == "content_type":
            body, status, ctype = b"<html><body>Gateway</body></html>", 200, "text/html"
        else:  # truncate: announce the whole body, send half of it
            body, status, ctype = upstream.content, upstream.status_code, "application/json"
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 2] if kind == "truncate" else body)
