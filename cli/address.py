"""The 住所辞書 (町字, 住所コード, 郵便番号, 番地 ranges): printed as CSV, or replaced from a CSV file (管理者)."""

from __future__ import annotations

from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, read_text, signed_in
from domain import address_book


def register(commands: Commands) -> None:
    address = commands.add_parser("address", help="the 住所辞書: 町字, 住所コード, 郵便番号, 番地 ranges")
    address_commands = address.add_subparsers(dest="address", required=True)
    address_commands.add_parser("list", help="print the 住所辞書 as CSV").set_defaults(handler=signed_in(print_book))
    book = address_commands.add_parser("import", help="replace the 住所辞書 with a CSV file (管理者)")
    book.add_argument("file", type=Path)
    book.set_defaults(handler=signed_in(replace_book))


def print_book(s: Session) -> int:
    print(address_book.to_csv(s.registry.settings.address_book()), end="")
    return EXIT_OK


def replace_book(s: Session) -> int:
    entries = address_book.parse_csv(read_text(s.args.file, "住所辞書"))
    s.registry.settings.set_address_book(s.actor, entries)
    print(f"住所辞書を入れ替えました（{len(entries)}町字）")
    return EXIT_OK
