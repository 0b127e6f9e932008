"""A careful CouchDB HTTP client on `requests`: session cookie, retries, timeouts, clear errors, the server's time.

- Signs in with `POST /_session` and keeps the `AuthSession` cookie; on a 401 it signs in again once.
- TLS verification is always on; a municipality's own CA bundle can be given.
- Connection failures, timeouts, 5xx, 429 and answers that are cut short or not JSON are retried with exponential
  backoff; 401 (after one new sign-in), 403, 404 and 409 are never retried blindly.
- Every answer's `Date` header is handed to `on_server_time` (the last trusted time only moves forward).
- An answer of the wrong shape for what was asked (a document without `_rev`, a list where an object belongs, rows
  that are not objects) is a `CloudError` like any refusal, never left for the caller to trip over.
- Errors carry a Japanese message for staff and plain English detail; neither contains a document or a password.
- Answers are asked for uncompressed: what travels is mostly base64 of ciphertext, which gzip shrinks by a quarter
  at most, for the cost of compressing on the server and decompressing here. JSON is read and written with
  orjson, several times faster than the standard library on the large `_changes` and `_bulk_get` answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import orjson
import requests

RETRY_STATUSES = {429, 500, 502, 503, 504}


class CloudError(Exception):
    def __init__(self, message: str, detail: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.offline = offline  # the cloud could not be reached at all (not a refusal)


class CloudAuthError(CloudError):
    pass


class CloudUnreachable(CloudError):
    """The cloud did not answer, or not usefully, however often it was asked (`CloudConfig.retries`, `deadline`)."""


def origin(url: str) -> str:
    """scheme://host:port of a URL (the port spelled out): what stored credentials are bound to."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"https": 443, "http": 80}.get(scheme, 0)
    except ValueError:
        port = 0
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def is_loopback(url: str) -> bool:
    """Whether the URL names this machine (a test cloud, a tunnel's end): plain HTTP is tolerated only there."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host == "localhost" or host == "::1" or host.startswith("127.")


@dataclass(frozen=True)
class CloudConfig:
    db_url: str  # https://host:6984/municipality-db (no credentials in it)
    user: str
    password: str
    ca_bundle: str | None = None
    timeout: float = 30.0
    connect_timeout: float = 5.0
    retries: int = 4
    backoff: float = 0.5
    deadline: float | None = None  # seconds one request may take with its retries (None: as many as `retries`)


class _Connection:
    """What the clients of one server share: the HTTP session (with its cookie), whether it is signed in, and how
    many requests were sent."""

    def __init__(self, config: CloudConfig) -> None:
        self.session = requests.Session()
        self.session.verify = config.ca_bundle or True
        self.session.headers.update({"Accept": "application/json", "Accept-Encoding": "identity"})
        self.signed_in = False
        self.requests_sent = 0


class CouchClient:
    def __init__(self, config: CloudConfig, on_server_time: Callable[[dt.datetime], None] | None = None,
                 *, _shared: _Connection | None = None) -> None:
        self.config = config
        self.db_url = config.db_url.rstrip("/")
        self.server_url = self.db_url.rsplit("/", 1)[0]
        self._shared = _shared or _Connection(config)
        self._session = self._shared.session
        self._on_server_time = on_server_time

    @property
    def _signed_in(self) -> bool:
        return self._shared.signed_in

    @_signed_in.setter
    def _signed_in(self, value: bool) -> None:
        self._shared.signed_in = value

    @property
    def requests_sent(self) -> int:
        """For the figures: how many round trips were made (by this client and its siblings)."""
        return self._shared.requests_sent

    def sibling(self, db_url: str) -> CouchClient:
        """A client of another database on the same server, signed in with the same session: no second sign-in."""
        config = dataclasses.replace(self.config, db_url=db_url)
        if config.db_url.rstrip("/").rsplit("/", 1)[0] != self.server_url:
            raise ValueError("a sibling client must be on the same server")
        return CouchClient(config, self._on_server_time, _shared=self._shared)

    def close(self) -> None:
        self._session.close()

    # --- the database --------------------------------------------------------------------------------------------

    def get(self, path: str, params: dict[str, Any] | None = None, *, missing_ok: bool = False) -> Any:
        return self._json("GET", path, params=params, missing_ok=missing_ok)

    def post(self, path: str, body: Any, params: dict[str, Any] | None = None) -> Any:
        return self._json("POST", path, params=params, body=body)

    def put(self, path: str, body: Any) -> Any:
        return self._json("PUT", path, body=body)

    def put_new(self, path: str, body: Any) -> bool:
        """Create a document; False when one is there already (409: the first writer holds the id)."""
        try:
            self.put(path, body)
        except CloudError as exc:
            if exc.detail.endswith("HTTP 409"):
                return False
            raise
        return True

    @staticmethod
    def doc_path(doc_id: str) -> str:
        return "/" + quote(doc_id, safe="") if not doc_id.startswith("_local/") else "/_local/" + quote(doc_id[7:], safe="")

    # --- the machinery -------------------------------------------------------------------------------------------

    def sign_in(self) -> None:
        """Get a session cookie (retried like any request: the network may be coming back)."""
        self._retrying(self._sign_in_once)

    def _sign_in_once(self) -> None:
        response = self._send("POST", self.server_url + "/_session",
                              body={"name": self.config.user, "password": self.config.password}, auth_retry=False)
        if response.status_code in (401, 403):
            raise CloudAuthError("クラウドの端末ユーザ名またはパスワードが違います", "the cloud refused the terminal's credentials")
        self._check(response, "/_session")
        self._signed_in = True

    def _retrying(self, attempt_once: Callable[[], Any]) -> Any:
        give_up = None if self.config.deadline is None else time.monotonic() + self.config.deadline
        for attempt in range(self.config.retries + 1):
            try:
                return attempt_once()
            except _Transient as exc:
                pause = self.config.backoff * (2 ** attempt)
                if attempt == self.config.retries or (give_up is not None and time.monotonic() + pause >= give_up):
                    raise CloudUnreachable("クラウドと通信できませんでした（何度か試しましたが応答がありません）",
                                           exc.detail, offline=exc.offline) from None
                time.sleep(pause)
        raise AssertionError("unreachable")

    def _json(self, method: str, path: str, *, params: dict[str, Any] | None = None, body: Any = None,
              missing_ok: bool = False) -> Any:
        if not self._signed_in:
            self.sign_in()
        url = self.db_url + path

        def once() -> Any:
            response = self._send(method, url, params=params, body=body)
            if response.status_code == 404 and missing_ok:
                return None
            self._check(response, path)
            return _shaped(method, path, params, self._decode(response, path))

        return self._retrying(once)

    def _send(self, method: str, url: str, *, params: dict[str, Any] | None = None, body: Any = None,
              auth_retry: bool = True) -> requests.Response:
        data = None if body is None else orjson.dumps(body)
        headers = {"Content-Type": "application/json"} if data is not None else {}
        try:
            self._shared.requests_sent += 1
            response = self._session.request(method, url, params=params, data=data, headers=headers,
                                             timeout=(self.config.connect_timeout, self.config.timeout))
            response.content  # read the whole body now: a cut-short body fails here, inside the retry  # noqa: B018
        except requests.exceptions.SSLError as exc:
            raise CloudError("クラウドの証明書を確認できません（接続を中止しました）", f"TLS: {type(exc).__name__}") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise _Transient(f"{method} {_path_only(url)}: {type(exc).__name__}",
                             offline=isinstance(exc, requests.exceptions.ConnectTimeout)
                             or (isinstance(exc, requests.exceptions.ConnectionError)
                                 and not isinstance(exc, requests.exceptions.ChunkedEncodingError))) from None
        self._note_time(response)
        if response.status_code == 401 and auth_retry:
            self.sign_in()
            return self._send(method, url, params=params, body=body, auth_retry=False)
        return response

    def _check(self, response: requests.Response, path: str) -> None:
        status = response.status_code
        if status < 300:
            return
        if status in RETRY_STATUSES:
            raise _Transient(f"{path}: HTTP {status}")
        if status == 401:
            raise CloudAuthError("クラウドにサインインできません（端末の資格情報を確認してください）", f"{path}: HTTP 401")
        if status == 403:
            raise CloudAuthError("クラウドがこの端末の書き込みを拒否しました", f"{path}: HTTP 403")
        raise CloudError("クラウドが要求を受け付けませんでした", f"{path}: HTTP {status}")

    @staticmethod
    def _decode(response: requests.Response, path: str) -> Any:
        content_type = response.headers.get("Content-Type", "")
        if "json" not in content_type:
            raise _Transient(f"{path}: answer is {content_type or 'untyped'}, not JSON")
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise _Transient(f"{path}: the answer is not valid JSON") from None

    def _note_time(self, response: requests.Response) -> None:
        stamp = response.headers.get("Date")
        if stamp and self._on_server_time is not None:
            try:
                self._on_server_time(email.utils.parsedate_to_datetime(stamp))
            except (TypeError, ValueError):
                pass


class _Transient(Exception):
    def __init__(self, detail: str, *, offline: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.offline = offline


def _malformed(path: str, what: str) -> CloudError:
    return CloudError("クラウドの応答の形が正しくありません（クラウドの管理者に連絡してください）", f"{path}: {what}")


def _objects(value: Any, path: str, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _malformed(path, f"{what} is not a list of objects")
    return value


def _shaped(method: str, path: str, params: dict[str, Any] | None, answer: Any) -> Any:
    """The answer, once it has the shape the CouchDB API gives what was asked; else a CloudError."""
    if path == "/_bulk_docs" or (params is not None and "open_revs" in params):
        return _objects(answer, path, "the answer")
    if not isinstance(answer, dict):
        raise _malformed(path, f"a {type(answer).__name__} where an object belongs")
    if path == "/_changes":
        for row in _objects(answer.get("results", []), path, "the changes"):
            if not isinstance(row.get("id"), str) or \
                    not all(isinstance(c.get("rev"), str) for c in _objects(row.get("changes", []), path, "revisions")):
                raise _malformed(path, "a change without an id or a revision")
    elif path == "/_bulk_get":
        for row in _objects(answer.get("results", []), path, "the results"):
            _objects(row.get("docs", []), path, "a result's documents")
    elif path == "/_all_docs":
        _objects(answer.get("rows", []), path, "the rows")
    elif path == "/_revs_diff":
        if not all(isinstance(diff, dict) and isinstance(diff.get("missing", []), list) for diff in answer.values()):
            raise _malformed(path, "a difference is not an object with a list of missing revisions")
    elif method == "GET" and path and (not path.startswith("/_") or path.startswith(("/_local/", "/_design/"))) \
            and not isinstance(answer.get("_rev"), str):
        raise _malformed(path, "a document without _rev")
    return answer


def _path_only(url: str) -> str:
    """A URL without its host: enough to say what failed, never a credential."""
    return "/" + url.split("/", 3)[-1] if url.count("/") >= 3 else url
