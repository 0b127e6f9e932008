"""What every command shares: exit codes, secrets read from standard input or a prompt, files named on the command
line, the progress printer, opening the replica with the acting staff member signed in, and errors turned into
their message and exit code."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO, TypeAlias

import platformdirs

from domain.errors import ValidationError
from domain.kofu_rules import QUALIFICATION_NAMES, REQUESTER_NAMES
from local_store.context import Clock
from local_store.database import DatabaseError, store_error
from local_store.errors import DamagedReplicaError, SecondFactorRequired, StoreError
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from local_store.terminal_key import KeyringKeyMissing
from sync.couch_client import CloudError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_AUDIT_PENDING = 3
EXIT_QUARANTINED = 3  # a sync or a bundle left arrivals in the quarantine
EXIT_PENDING = 3  # a join claimed its code and waits for the administrator's confirmation: run it again later
EXIT_AUDIT_TAMPERED = 4
EXIT_INCOMPLETE = 5  # a sync left documents of other terminals missing (the cloud did not hand them over)
EXIT_UNREACHABLE = 6  # the cloud did not answer in time
EXIT_DAMAGED = 7  # the replica's file is damaged: restore it from a backup or the cloud
EXIT_INTERRUPTED = 130

DEMO_USER, DEMO_PASSWORD = "demo", "demo"

# What ArgumentParser.add_subparsers() returns, where each command group registers its sub-commands.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def program_version() -> str:
    try:
        return version("madoguchi")
    except PackageNotFoundError:
        return "0+unknown"


class Secrets:
    """Reads secrets in order from the input stream (one per line) or, when it is a terminal and --password-stdin
    was not given, from the terminal's prompt."""

    def __init__(self, stream: TextIO, from_stdin: bool) -> None:
        self.stream = stream
        self.from_stdin = from_stdin

    @property
    def piped(self) -> bool:
        """Whether secrets come from the input stream rather than from a person at a prompt."""
        return self.from_stdin or not self.stream.isatty()

    def secret(self, prompt: str) -> str:
        if self.piped:
            line = self.stream.readline()
            if not line:
                raise StoreError(f"{prompt}が標準入力にありません", f"expected {prompt} on standard input")
            return line.rstrip("\r\n")
        return getpass.getpass(f"{prompt}: ")

    def new_secret(self, prompt: str) -> str:
        """A new password: at a prompt, typed twice."""
        first = self.secret(prompt)
        if not self.piped and getpass.getpass(f"{prompt}（確認）: ") != first:
            raise ValidationError("パスワード", "確認のために入力したパスワードが一致しません")
        return first

    def terminal_passphrase(self) -> str:
        """The passphrase that wraps a new replica's key where no keyring exists."""
        return self.secret("端末の合言葉（10文字以上）")


@dataclass(frozen=True, slots=True)
class Invocation:
    """One run of a command: its parsed arguments, the secrets it reads and the clock it passes on."""

    args: argparse.Namespace
    secrets: Secrets
    clock: Clock

    @property
    def data_dir(self) -> Path:
        return data_dir(self.args)


@dataclass(frozen=True, slots=True)
class Session:
    """A command run on the open replica by the signed-in staff member."""

    invocation: Invocation
    registry: Registry
    actor: Staff

    @property
    def args(self) -> argparse.Namespace:
        return self.invocation.args

    @property
    def secrets(self) -> Secrets:
        return self.invocation.secrets

    @property
    def clock(self) -> Clock:
        return self.invocation.clock


Handler = Callable[[Invocation], int]


def data_dir(args: argparse.Namespace) -> Path:
    """The replica's folder: --data-dir, else the platform's user data folder."""
    return args.data_dir or Path(platformdirs.user_data_dir("Madoguchi", appauthor=False))


def signed_in(command: Callable[[Session], int]) -> Handler:
    """A command on the replica: opened, the --as staff member signed in, and closed again however it ends."""

    def handler(invocation: Invocation) -> int:
        registry = open_replica(invocation)
        try:
            return command(Session(invocation, registry, sign_in(registry, invocation)))
        finally:
            registry.close()

    return handler


def open_replica(invocation: Invocation) -> Registry:
    """The replica: with the 復旧コード or the 管理者の合言葉 when asked to, or with the 復旧コード when the keyring has
    lost the key and a person is there."""
    args, secrets, folder = invocation.args, invocation.secrets, invocation.data_dir
    passphrase = lambda: secrets.secret("端末の合言葉")
    if args.recovery_code_stdin and args.admin_passphrase_stdin:
        raise StoreError("--recovery-code-stdin と --admin-passphrase-stdin は同時に使えません",
                         "give either --recovery-code-stdin or --admin-passphrase-stdin")
    if args.admin_passphrase_stdin:
        return Registry.open(folder, passphrase=passphrase, clock=invocation.clock,
                             admin_passphrase=secrets.secret("管理者の合言葉"))
    if args.recovery_code_stdin:
        return Registry.open(folder, passphrase=passphrase, clock=invocation.clock,
                             recovery_code=secrets.secret("復旧コード"))
    try:
        return Registry.open(folder, passphrase=passphrase, clock=invocation.clock)
    except KeyringKeyMissing as exc:
        if secrets.piped:
            raise
        print(exc.message, file=sys.stderr)
        return Registry.open(folder, passphrase=passphrase, clock=invocation.clock,
                             recovery_code=secrets.secret("復旧コード"))


def sign_in(registry: Registry, invocation: Invocation) -> Staff:
    """The acting staff member named by --as (the demo's counter clerk on a demo replica without --as)."""
    user = invocation.args.user
    if user is None:
        if registry.is_demo:
            return registry.sign_in(DEMO_USER, DEMO_PASSWORD)
        raise StoreError("--as で職員のユーザIDを指定してください", "name the acting staff member with --as USER")
    return sign_in_as(registry, user, invocation.secrets, "")


def sign_in_as(registry: Registry, user: str, secrets: Secrets, who: str) -> Staff:
    """A staff member's sign-in with the password read next, and the one-time password after it when one is set up;
    `who` names them in the prompts (empty for the acting staff member)."""
    password = secrets.secret(f"{who}パスワード")
    try:
        return registry.sign_in(user, password)
    except SecondFactorRequired:
        return registry.sign_in(user, password, secrets.secret(f"{who}ワンタイムパスワード"))


def is_text(value: str) -> bool:
    """Whether `value` is text that UTF-8 can hold: not a byte of the command line that was not UTF-8 (which Python
    keeps as a lone surrogate), nor a lone surrogate from an escape."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def not_text(args: argparse.Namespace) -> str | None:
    """The name of the first argument of the command line that is not text (see `is_text`), or None."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | Path) and not is_text(str(item)):
                return name
    return None


def read_text(path: Path, item: str) -> str:
    """A UTF-8 file named on the command line; one that cannot be read is an input error of `item`."""
    return _read(path, item, lambda text: text, "UTF-8 のテキストとして読めません")


def read_json(path: Path, item: str) -> Any:
    """The JSON of a file named on the command line; one that cannot be read, or that holds a lone surrogate
    (an escape such as \\udcff), is an input error of `item`."""
    value = _read(path, item, json.loads, "JSONとして読めません")
    if not _all_text(value):
        raise ValidationError(item, "文字にならないエスケープ（\\ud800〜\\udfff の片方だけ）を含むため読めません")
    return value


def _all_text(value: Any) -> bool:
    if isinstance(value, str):
        return is_text(value)
    if isinstance(value, dict):
        return all(_all_text(k) and _all_text(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_all_text(v) for v in value)
    return True


def _read(path: Path, item: str, parse: Callable[[str], Any], refusal: str) -> Any:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(item, f"{refusal}（{type(exc).__name__}）") from None


def check_out_file(path: Path, item: str) -> None:
    """A file the command will write: its folder must exist and be writable, and it must not be a folder. Checked
    before anything is recorded, so that nothing is recorded for a file that cannot be written."""
    folder = path.parent
    if not folder.is_dir():
        raise ValidationError(item, f"保存先のフォルダがありません（{folder}）")
    if path.is_dir():
        raise ValidationError(item, f"フォルダではなくファイルの名前を指定してください（{path}）")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValidationError(item, f"保存先に書き込めません（{path}）")


REQUESTER_KEYS = ("requester_atena", "requester_name", "requester_address", "identification", "proxy_letter", "reason",
                  "evidence", "registration_no", "office", "form_no", "client", "agency_officer", "legal_basis")


def add_requester_arguments(parser: argparse.ArgumentParser, *, requester_atena_help: str) -> None:
    """Who asks for a certificate, by kind (domain.kofu_rules): --requester and the items each kind gives, read back
    with REQUESTER_KEYS."""
    parser.add_argument("--requester", choices=list(REQUESTER_NAMES), required=True)
    parser.add_argument("--requester-atena", default="", help=requester_atena_help)
    parser.add_argument("--requester-name", default="", help="代理人・第三者: 氏名（法人は名称）; 公用: 機関名")
    parser.add_argument("--requester-address", default="", help="代理人・第三者: 住所（法人・職務上請求は事務所の所在地）")
    parser.add_argument("--identification", default="", help="本人確認書類 of whoever is at the counter")
    parser.add_argument("--proxy-letter", default="", help="代理人: the 委任状")
    parser.add_argument("--reason", default="", help="請求事由 (第三者 and 公用)")
    parser.add_argument("--evidence", default="", help="第三者: 疎明資料")
    parser.add_argument("--qualification", choices=list(QUALIFICATION_NAMES), help="第三者: 職務上請求 by a 特定事務受任者")
    parser.add_argument("--registration-no", default="", help="職務上請求: 登録番号")
    parser.add_argument("--office", default="", help="職務上請求: 事務所の名称")
    parser.add_argument("--form-no", default="", help="職務上請求: 職務上請求書の番号")
    parser.add_argument("--client", default="", help="職務上請求: 依頼者の氏名又は名称")
    parser.add_argument("--agency-officer", default="", help="公用: 請求の任に当たる職員の職名・氏名")
    parser.add_argument("--legal-basis", default="", help="公用: 法令上の根拠")


def judgment_of(s: Session) -> Judgment | None:
    """The judgment of the other supervisor named by --judge (their password read as the next secret), with
    --judgment-reason; None without --judge."""
    if not s.args.judge:
        return None
    return Judgment(sign_in_as(s.registry, s.args.judge, s.secrets, "判断者の"), s.args.judgment_reason)


def write_copies(out: Path, pdfs: Sequence[bytes], issue_numbers: Sequence[str]) -> None:
    """Each copy of an exported 交付 to its file (`out`, then -2, -3 … in the names), told with its 発行番号."""
    for index, (pdf, number) in enumerate(zip(pdfs, issue_numbers, strict=True), start=1):
        path = out if index == 1 else out.with_name(f"{out.stem}-{index}{out.suffix}")
        path.write_bytes(pdf)
        print(f"{path}  発行番号 {number}")


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1))


def replicated() -> int:
    """The note after a change that other terminals get with their next sync."""
    print("（この変更は次の同期で他の端末に届きます）")
    return EXIT_OK


def progress(done: int, total: int) -> None:
    """A long job's progress on standard error, on one line rewritten in place."""
    print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def guarded(action: Callable[[], int]) -> int:
    """Runs a command and turns what a person can act on into its message and exit code: an invalid input names its
    item (2), an error of the replica or the cloud says what failed (1), a damaged replica file says so in Japanese
    and in plain English (7), a file that cannot be read or written is named (1), an interruption is 130. An error
    SQLite raised is never shown as a traceback."""
    try:
        return action()
    except ValidationError as exc:
        print(f"入力エラー: {exc.item}: {exc.message}", file=sys.stderr)
        return EXIT_INVALID
    except DamagedReplicaError as exc:
        return _damaged(exc)
    except (StoreError, CloudError) as exc:
        print(f"エラー: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except DatabaseError as exc:
        error = store_error(exc)
        if isinstance(error, DamagedReplicaError):
            return _damaged(error)
        print(f"エラー: {error.message}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"エラー: 読み書きできませんでした（{where}{exc.strerror or type(exc).__name__}）", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _damaged(error: StoreError) -> int:
    print(f"エラー: {error.message}\nError: {error.detail}", file=sys.stderr)
    return EXIT_DAMAGED
