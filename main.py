"""Madoguchi (窓口): the composition root. Reads the wall clock, hands the arguments to the command line, or starts
the window (also its self-test and its start-up probe).

    python main.py [--data-dir DIR] [--as USER --password-stdin] COMMAND
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys

import cli
from cli.common import DEMO_USER, Secrets, data_dir, guarded, program_version

# The registry's dates are Japan's (the law counts days in 日本標準時; Japan has no daylight saving time), whatever
# time zone the PC is set to: a PC left on UTC would otherwise turn every date rule 9 hours late.
JAPAN = dt.timezone(dt.timedelta(hours=9), "JST")


def wall_clock() -> dt.datetime:
    return dt.datetime.now(JAPAN)


def main() -> int:
    args = cli.parser().parse_args()
    if args.self_test:
        from ui.shell.selftest import run_self_test

        return guarded(lambda: run_self_test(program_version(), wall_clock))
    if args.command in (None, "window"):
        return guarded(lambda: _window(args))
    return cli.execute(args, clock=wall_clock, stdin=sys.stdin)


def _window(args: argparse.Namespace) -> int:
    if args.command == "window" and args.measure_startup:
        from ui.shell.startup_probe import measure_startup

        secrets = Secrets(sys.stdin, args.password_stdin)
        return measure_startup(data_dir(args), args.user or DEMO_USER, secrets.secret, wall_clock)
    from ui.shell.app import run_window

    return run_window(data_dir(args), wall_clock)


if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen build: the process that opens a large pull (sync.opening)
    sys.exit(main())
