"""閲覧 requests as the tests send them: one of each kind the law knows, complete."""

from __future__ import annotations

from typing import Any


def kikan(**changes: Any) -> dict[str, Any]:
    """法11条: an office's request."""
    return {"kind": "国・地方公共団体の機関", "applicant": "さくら県選挙管理委員会", "address": "さくら県さくら市1番地",
            "affairs": "検察審査員候補者の選定", "legal_basis": "検察審査会法第10条",
            "readers": [{"name": "県職員　一郎", "title": "主事"}], "areas": ["本町1丁目"], "date": "R8.12.1",
            **changes}


def chosa(**changes: Any) -> dict[str, Any]:
    """法11条の2第1項第1号: a newspaper's 世論調査 (a 法人)."""
    return {"kind": "法人", "applicant": "みどり新聞社", "address": "さくら県さくら市2番地",
            "representative": "代表　太郎", "purpose": "調査研究", "use": "県民の意識に関する世論調査の対象者の抽出",
            "readers": [{"name": "記者　花子", "address": "さくら県さくら市3番地"}],
            "handlers": "世論調査部の職員", "management": "施錠できる保管庫で保管し、調査後に裁断する",
            "results": "紙面で公表する", "areas": ["本町1丁目", "本町9丁目", "中町"], "ages": {"from": 18, "to": 80},
            "date": "R8.12.1", **changes}


def kyoju(**changes: Any) -> dict[str, Any]:
    """法11条の2第1項第3号: an individual's 居住関係の確認 for a lawsuit."""
    return {"kind": "個人", "applicant": "申出　次郎", "address": "東京都千代田区1番1号", "purpose": "居住関係の確認",
            "use": "貸金返還請求訴訟の提起のため、債務者の居住を確認する",
            "readers": [{"name": "申出　次郎", "address": "東京都千代田区1番1号"}],
            "management": "訴訟記録とともに保管する", "areas": ["中町"], "date": "R8.12.1", **changes}
