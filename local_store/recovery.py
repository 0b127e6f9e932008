"""復旧コード of this terminal: a new one wraps the terminal key in terminal.json (the previous one stops working).

The code itself is never stored: it is handed once to whoever prints the recovery kit. It is random (120 bits),
so the scrypt wrap is there for uniformity with the passphrase's, not for stretching.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from domain import recovery_code
from local_store.terminal_key import TerminalFile, wrap_with_passphrase


def with_new_code(info: TerminalFile, key: bytes) -> tuple[TerminalFile, str]:
    """terminal.json's contents with a new 復旧コード's wrap, and the code (not yet saved)."""
    code = recovery_code.new_code()
    return replace(info, recovery=wrap_with_passphrase(key, code)), code


def renew(data_dir: Path, key: bytes) -> str:
    """Wrap the key under a new 復旧コード (saved atomically) and return the code."""
    info, code = with_new_code(TerminalFile.load(data_dir), key)
    info.save(data_dir)
    return code
