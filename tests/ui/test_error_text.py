"""Every window writes a refusal the same way, 「項目：メッセージ」 (`ui.common.field_errors.error_text`): no window
builds the text of a ValidationError by hand, where 「交付請求: 」 and 「住所：」 had come apart."""

from __future__ import annotations

import re
from pathlib import Path

from domain.errors import ValidationError
from ui.common.field_errors import error_text

UI = Path(__file__).resolve().parents[2] / "ui"
BY_HAND = re.compile(r"\{exc\.item\}")


def test_a_refusal_reads_item_full_width_colon_message() -> None:
    assert error_text(ValidationError("交付請求", "請求事由が必要です")) == "交付請求：請求事由が必要です"


def test_no_window_writes_a_refusal_by_hand() -> None:
    found = [f"{path.relative_to(UI)}:{number}" for path in sorted(UI.rglob("*.py")) if path.name != "field_errors.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if BY_HAND.search(line)]
    assert found == []
