"""Files of incoming notices as another office sends them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def notice_file(*notices: dict[str, Any]) -> dict[str, Any]:
    return {"format": "madoguchi-notices", "version": 1, "sender": "東京都千代田区", "created_at": "2026-11-27T09:00:00",
            "notices": list(notices)}


def birth(notice_id: str = "b1") -> dict[str, Any]:
    return {"id": notice_id, "kind": "出生", "sender": "さくら県みどり町",
            "person": {"name": "山田　三郎", "name_kana": "ヤマダ　サブロウ", "birth": "2026-11-10", "sex": "男",
                       "parent": {"name": "山田　太郎", "name_kana": "ヤマダ　タロウ", "birth": "1975-01-01"}}}


def death(name: str = "山田　花子", kana: str = "ヤマダ　ハナコ", born: str = "1977-03-03") -> dict[str, Any]:
    return {"id": f"d-{kana}", "kind": "死亡", "sender": "さくら県みどり町",
            "person": {"name": name, "name_kana": kana, "birth": born, "died_on": "2026-11-20"}}


def write(path: Path, content: dict[str, Any]) -> Path:
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path
