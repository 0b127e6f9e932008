"""The command line: one module per command group, each registering its sub-commands with their handlers.

    python main.py [--data-dir DIR] [--as USER --password-stdin] COMMAND

Secrets never come from arguments: the staff password is read from standard input (--password-stdin) or a prompt,
and so is the terminal passphrase where no keyring exists. The window's options are parsed here too, so that
--help shows them, but main.py starts the window.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from cli import (
    address,
    audit,
    bundles,
    certificates,
    cloud,
    disaster,
    etsuran,
    fuhyo,
    inkan,
    keys,
    notices,
    numbers,
    protection,
    reports,
    residents,
    setup,
    staff,
)
from cli.common import EXIT_INVALID, Clock, Invocation, Secrets, guarded, not_text, program_version

# The order of --help's list of commands.
GROUPS = (setup, residents, cloud, certificates, staff, audit, keys, protection, disaster, etsuran, fuhyo, inkan,
          bundles, notices, address, numbers, reports)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="madoguchi", description="Madoguchi 住民記録 窓口システム")
    parser.add_argument("--version", action="version", version=f"Madoguchi {program_version()}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen in a temporary folder, then exit (0: passed)")
    parser.add_argument("--data-dir", type=Path, help="the replica's folder (default: the user data folder)")
    parser.add_argument("--as", dest="user", help="acting staff member (user id)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the staff password (and the terminal passphrase, if any, first) from standard input")
    parser.add_argument("--recovery-code-stdin", action="store_true",
                        help="open the replica with this terminal's 復旧コード, read from standard input first (when "
                             "the keyring entry is lost); the key is then put back into the keyring")
    parser.add_argument("--admin-passphrase-stdin", action="store_true",
                        help="open the replica with the 管理者の合言葉 (see admin-passphrase), read from standard input "
                             "first, when the keyring entry is lost; the key is then put back into the keyring")
    commands = parser.add_subparsers(dest="command")
    for group in GROUPS:
        group.register(commands)
    window = commands.add_parser("window", help="start the window (the default)")
    window.add_argument("--measure-startup", action="store_true",
                        help="for benchmarks/bench_startup.py: sign in as --as with the password from standard input, "
                             "print the time to a searchable window as JSON, and quit")
    return parser


def execute(args: argparse.Namespace, *, clock: Clock, stdin: TextIO | None = None) -> int:
    """Runs a parsed command (not the window's) and returns its exit code; what a person can act on is printed on
    standard error instead of raised. An argument that is not text is refused before anything runs."""
    if getattr(args, "handler", None) is None:
        raise ValueError(f"no command of the command line: {args.command!r} (the window is main.py's)")
    refused = not_text(args)
    if refused is not None:
        print(f"madoguchi: error: argument {refused}: not valid text (a byte that is not UTF-8, or a lone "
              "surrogate); nothing was run", file=sys.stderr)
        return EXIT_INVALID
    invocation = Invocation(args, Secrets(stdin or sys.stdin, args.password_stdin), clock)
    return guarded(lambda: args.handler(invocation))


def run(argv: list[str], *, clock: Clock, stdin: TextIO | None = None) -> int:
    """Parses and runs one command; a command line argparse refuses (or --help, --version) ends with its code."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INVALID
    return execute(args, clock=clock, stdin=stdin)
