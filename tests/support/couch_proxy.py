"""Small HTTP proxies on loopback ports in front of the test cloud.

- `OpaqueSequenceProxy` turns every change sequence into an opaque string like Apache CouchDB 3.x's
  (`12-g1AAAA…`) and maps it back when a client echoes it in `since=`: a client that compares sequences or
  does arithmetic on them breaks here, as it would against CouchDB.
- `FaultProxy` forwards faithfully until told to fail the next matching requests (a 500, a stall past the
  client's timeout, a body cut short, malformed JSON, an HTML page, a dropped connection, JSON of the wrong shape).
- `LyingClockProxy` forwards faithfully but gives every answer a `Date` header of its choosing.
- `WithholdingProxy` forwards faithfully but leaves out of `_changes` answers the rows it is told to withhold: a
  server that keeps documents from a terminal without reading them.

Both forward the method, path, query, headers (cookies and authorization included) and body to the target,
record every request they see in `.requests` as (method, path without the query), and are context managers:

    with FaultProxy(server_url) as proxy:
        proxy.fail_next("500", path_contains="_bulk_docs")
        client = Client(proxy.url_for(database_url))

Responses are read whole before they are passed on, so `feed=continuous` does not work through them; normal
and longpoll feeds do. `Accept-Encoding` is not forwarded, so bodies pass uncompressed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import json
import secrets
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

UPSTREAM_TIMEOUT = 300.0
# Headers about one connection, or that this proxy sets itself, are not passed on.
_NOT_FORWARDED = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
                  "upgrade", "host", "content-length", "accept-encoding"}


@dataclass
class Answer:
    """A response from the target, or one made up by the proxy."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @classmethod
    def json(cls, status: int, value: Any) -> Answer:
        return cls(status, [("Content-Type", "application/json")], json.dumps(value).encode())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as clients expect from CouchDB
    # Headers and body go out in two writes: without TCP_NODELAY the second waits for the client's delayed ACK
    # (40 ms on Linux), on every answer.
    disable_nagle_algorithm = True
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.proxy._track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.proxy._untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # `format`: the name http.server uses
        pass

    def handle_one(self) -> None:
        self.server.proxy._serve(self)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_COPY = do_OPTIONS = handle_one


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, proxy: Proxy) -> None:
        self.proxy = proxy
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up is no news here
            super().handle_error(request, client_address)


class Proxy:
    """Forwards every request to `target_url` (a server root, without credentials) and answers with its
    response. Subclasses change requests in `rewrite_target` and answers in `answer`."""

    def __init__(self, target_url: str) -> None:
        target = urlsplit(target_url)
        if target.scheme != "http" or not target.hostname:
            raise ValueError(f"not an http:// URL: {target_url}")
        self.target_host = target.hostname
        self.target_port = target.port or 80
        self.target_path = target.path.rstrip("/")
        self.requests: list[tuple[str, str]] = []
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._server = _Server(self)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        # serve_forever looks for shutdown() every poll interval (half a second by default): stop() waits that long
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name=f"proxy {self.url}",
                                        daemon=True)

    def url_for(self, url: str) -> str:
        """The same URL (for example a database's) reached through this proxy."""
        parts = urlsplit(url)
        return urlunsplit(urlsplit(self.url)[:2] + parts[2:])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, wake stalled requests, close every open connection and wait for the threads."""
        self.closing.set()
        if self._thread.is_alive():
            self._server.shutdown()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._server.server_close()  # joins the handler threads
        if self._thread.is_alive():
            self._thread.join()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- for subclasses -------------------------------------------------------------------------------------

    def rewrite_target(self, method: str, path: str, query: str) -> str | Answer:
        """The query to send upstream, or an Answer to give without asking the target."""
        return query

    def answer(self, handler: _Handler, method: str, path: str, forward: Callable[[], Answer]) -> None:
        """Answer one request; `forward()` asks the target."""
        self.send(handler, method, forward())

    # --- plumbing -------------------------------------------------------------------------------------------

    def send(self, handler: _Handler, method: str, answer: Answer) -> None:
        handler.send_response(answer.status)
        for key, value in answer.headers:
            if key.lower() not in _NOT_FORWARDED:
                handler.send_header(key, value)
        if method == "HEAD":
            length = {k.lower(): v for k, v in answer.headers}.get("content-length", "0")
            handler.send_header("Content-Length", length)
            handler.end_headers()
            return
        handler.send_header("Content-Length", str(len(answer.body)))
        handler.end_headers()
        handler.wfile.write(answer.body)

    def hang_up(self, handler: _Handler) -> None:
        """Close the client's connection at once."""
        handler.close_connection = True
        handler.wfile.flush()
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _serve(self, handler: _Handler) -> None:
        method = handler.command
        parts = urlsplit(handler.path)
        self.requests.append((method, parts.path))
        body = _read_body(handler)
        target = self.rewrite_target(method, parts.path, parts.query)
        if isinstance(target, Answer):
            self.send(handler, method, target)
            return
        upstream_path = self.target_path + parts.path + (f"?{target}" if target else "")
        headers = [(k, v) for k, v in handler.headers.items() if k.lower() not in _NOT_FORWARDED]

        def forward() -> Answer:
            return self._forward(method, upstream_path, headers, body)

        self.answer(handler, method, parts.path, forward)

    def _forward(self, method: str, path: str, headers: list[tuple[str, str]], body: bytes) -> Answer:
        conn = http.client.HTTPConnection(self.target_host, self.target_port, timeout=UPSTREAM_TIMEOUT)
        sock = None
        try:
            conn.connect()
            sock = conn.sock
            self._track(sock)
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", f"{self.target_host}:{self.target_port}")
            for key, value in headers:
                conn.putheader(key, value)
            if body or method in ("POST", "PUT"):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body or None)
            response = conn.getresponse()
            content = response.read()
            return Answer(response.status, response.getheaders(), content)
        except OSError as err:
            return Answer.json(502, {"error": "bad_gateway", "reason": f"cannot reach the target: {err}"})
        finally:
            if sock is not None:
                self._untrack(sock)
            conn.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)


def _read_body(handler: _Handler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


class OpaqueSequenceProxy(Proxy):
    """Rewrites `results[].seq` and `last_seq` in `_changes` answers and `update_seq` in `GET /db` answers
    into opaque strings, and `since=` in requests back. `since=0` and `since=now` pass unchanged; any other
    value this proxy did not hand out gets 400, as CouchDB answers a malformed sequence."""

    def __init__(self, target_url: str) -> None:
        super().__init__(target_url)
        self._opaque: dict[str, str] = {}  # JSON text of the target's sequence -> opaque string
        self._real: dict[str, str] = {}  # opaque string -> the target's sequence as a query value

    def opaque(self, seq: Any) -> str:
        key = json.dumps(seq)
        with self._lock:
            if key not in self._opaque:
                number = seq if isinstance(seq, int) else str(seq).split("-")[0]
                token = f"{number}-g1AAAA{secrets.token_urlsafe(36)}"
                self._opaque[key] = token
                self._real[token] = seq if isinstance(seq, str) else key
            return self._opaque[key]

    def rewrite_target(self, method: str, path: str, query: str) -> str | Answer:
        pairs = parse_qsl(query, keep_blank_values=True)
        if not any(key == "since" for key, _ in pairs):
            return query
        rewritten = []
        for key, value in pairs:
            if key == "since" and value not in ("0", "now"):
                with self._lock:
                    real = self._real.get(value)
                if real is None:
                    return Answer.json(400, {"error": "bad_request",
                                             "reason": "Malformed sequence supplied in 'since' parameter."})
                value = real
            rewritten.append((key, value))
        return urlencode(rewritten, quote_via=quote)

    def answer(self, handler: _Handler, method: str, path: str, forward: Callable[[], Answer]) -> None:
        answer = forward()
        segments = [unquote(s) for s in path.strip("/").split("/")]
        changes = len(segments) == 2 and segments[1] == "_changes"
        database = len(segments) == 1 and segments[0] and not segments[0].startswith("_") and method == "GET"
        if answer.status == 200 and (changes or database):
            answer.body = self._rewrite(answer.body)
        self.send(handler, method, answer)

    def _rewrite(self, body: bytes) -> bytes:
        try:
            data = json.loads(body)
        except ValueError:
            return body
        if not isinstance(data, dict):
            return body
        for row in data.get("results", []):
            if isinstance(row, dict) and "seq" in row:
                row["seq"] = self.opaque(row["seq"])
        for key in ("last_seq", "update_seq"):
            if key in data:
                data[key] = self.opaque(data[key])
        return json.dumps(data).encode()


@dataclass
class _Fault:
    kind: str
    count: int
    path_contains: str
    seconds: float | None
    forward: bool
    method: str = ""


class FaultProxy(Proxy):
    """Forwards normally; `fail_next` makes the next matching requests fail."""

    KINDS = ("500", "stall", "truncate", "malformed", "content_type", "drop", "no_rev", "list")

    def __init__(self, target_url: str, stall_seconds: float = 5.0) -> None:
        super().__init__(target_url)
        self.stall_seconds = stall_seconds
        self._faults: list[_Fault] = []

    def fail_next(self, kind: str, count: int = 1, path_contains: str = "", *, seconds: float | None = None,
                  forward: bool = True, method: str = "") -> None:
        """Fail the next `count` requests whose path (with its query) contains `path_contains` (and whose method is
        `method`, when given):
        - "500": status 500 with a JSON error body;
        - "stall": no answer for `seconds` (default `stall_seconds`), then the connection closes;
        - "truncate": the target's status and headers with its Content-Length, half of its body, then close;
        - "malformed": status 200, application/json, a body that is not JSON;
        - "content_type": status 200 with a text/html page (a captive portal or a login page);
        - "drop": the connection closes without an answer;
        - "no_rev": the target's answer with `_rev` taken out of the JSON object it holds;
        - "list": status 200, application/json, an empty list (where CouchDB answers an object).
        With `forward` (the default) the target handles the request first, so only its answer is lost: a write
        has happened although the client saw a failure. "truncate" and "no_rev" always forward. Faults added earlier match
        first."""
        if kind not in self.KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {self.KINDS}")
        with self._lock:
            self._faults.append(_Fault(kind, count, path_contains, seconds, forward or kind in ("truncate", "no_rev"),
                                       method))

    def pending(self) -> int:
        """How many failures are still to come."""
        with self._lock:
            return sum(fault.count for fault in self._faults)

    def _take(self, method: str, target: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.path_contains in target and fault.method in ("", method):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def answer(self, handler: _Handler, method: str, path: str, forward: Callable[[], Answer]) -> None:
        fault = self._take(method, handler.path)
        if fault is None:
            self.send(handler, method, forward())
            return
        answer = forward() if fault.forward else None  # only "truncate" uses the answer itself
        if fault.kind == "500":
            self.send(handler, method, Answer.json(500, {"error": "internal_server_error",
                                                         "reason": "injected by FaultProxy"}))
        elif fault.kind == "malformed":
            not_json = b'{"results": [{"id": '
            self.send(handler, method, Answer(200, [("Content-Type", "application/json")], not_json))
        elif fault.kind == "no_rev":
            assert answer is not None
            document = {k: v for k, v in json.loads(answer.body).items() if k != "_rev"}
            self.send(handler, method, Answer.json(answer.status, document))
        elif fault.kind == "list":
            self.send(handler, method, Answer.json(200, []))
        elif fault.kind == "content_type":
            page = b"<!DOCTYPE html><html><body><h1>Sign in to the network</h1></body></html>"
            self.send(handler, method, Answer(200, [("Content-Type", "text/html; charset=utf-8")], page))
        elif fault.kind == "truncate":
            assert answer is not None
            handler.send_response(answer.status)
            for key, value in answer.headers:
                if key.lower() not in _NOT_FORWARDED:
                    handler.send_header(key, value)
            handler.send_header("Content-Length", str(max(len(answer.body), 2)))
            handler.end_headers()
            handler.wfile.write(answer.body[: len(answer.body) // 2])
        elif fault.kind == "stall":
            self.closing.wait(self.stall_seconds if fault.seconds is None else fault.seconds)
        if fault.kind in ("stall", "truncate", "drop"):
            self.hang_up(handler)


class LyingClockProxy(Proxy):
    """A server whose every answer says, in its `Date` header, that it is `when`."""

    def __init__(self, target_url: str, when: dt.datetime) -> None:
        super().__init__(target_url)
        self.when = when

    def answer(self, handler: _Handler, method: str, path: str, forward: Callable[[], Answer]) -> None:
        answer = forward()
        answer.headers = [(k, v) for k, v in answer.headers if k.lower() != "date"]
        stamp = email.utils.format_datetime(self.when.astimezone(dt.UTC), usegmt=True)
        handler.date_time_string = lambda timestamp=None: stamp  # type: ignore[method-assign]  # what send_response sends
        self.send(handler, method, answer)


class WithholdingProxy(Proxy):
    """Leaves out of every `_changes` answer the rows for which `withhold(row)` is true (a row with its document
    when the client asked for them); `.withheld` lists the ids left out."""

    def __init__(self, target_url: str, withhold: Callable[[dict[str, Any]], bool]) -> None:
        super().__init__(target_url)
        self.withhold = withhold
        self.withheld: list[str] = []

    def answer(self, handler: _Handler, method: str, path: str, forward: Callable[[], Answer]) -> None:
        answer = forward()
        if answer.status == 200 and path.rstrip("/").endswith("/_changes"):
            data = json.loads(answer.body)
            kept = [row for row in data.get("results", []) if not self.withhold(row)]
            self.withheld += [row["id"] for row in data.get("results", []) if row not in kept]
            data["results"] = kept
            answer.body = json.dumps(data).encode()
        self.send(handler, method, answer)
