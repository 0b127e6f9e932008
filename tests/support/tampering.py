"""What an attacker who holds the replica's key does to the audit behind the program's back: statements on the
stored chain with the append-only triggers dropped first, a chain re-hashed after an edit, an anchor forged."""

from __future__ import annotations

from local_store import audit
from local_store.audit_anchor import Anchor, AnchorStore, Head
from local_store.registry import Registry
from local_store.terminal_key import TerminalFile, load_key


def tamper(registry: Registry, *statements: str) -> None:
    """Change the stored chain behind the program's back: the append-only triggers are no obstacle to an attacker
    who holds the key, so they go first."""
    conn = registry.store.conn
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in statements:
        conn.execute(statement)


def rehash(registry: Registry, edit: tuple[int, str]) -> Head:
    """Edit one entry of the terminal's own chain (sequence number, new detail) and recompute every hash after it;
    return the new head."""
    tamper(registry)
    conn, chain = registry.store.conn, registry.audit.chain
    rows = conn.execute("SELECT seq, at, staff, action, target, detail FROM audit WHERE terminal = ? ORDER BY seq",
                        (chain,)).fetchall()
    prev = audit.GENESIS
    for seq, at, who, action, target, detail in rows:
        if seq == edit[0]:
            detail = edit[1]
        digest = audit.entry_hash(prev, seq, chain, audit.Entry(at, who, action, target, detail))
        conn.execute("UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE terminal = ? AND seq = ?",
                     (detail, prev, digest, chain, seq))
        prev = digest
    return Head(rows[-1][0], prev)


def forge_anchor(registry: Registry, head: Head) -> None:
    """Write the terminal's anchor (file and keyring) at `head`, with the terminal key from the keyring."""
    data_dir = registry.data_dir
    store = AnchorStore(data_dir, TerminalFile.load(data_dir).terminal_id, load_key(data_dir, None))
    store.save(Anchor(registry.audit.chain, head, head))
