"""What an administrator reads about a quarantined arrival: its kind of document and why it was held back, in
Japanese, with what to do where something can be done. The reason itself stays as it was recorded (plain English
detail for whoever investigates); these are read from it.
"""

from __future__ import annotations

_KINDS = {
    "idou": "異動", "staff": "職員", "settings": "設定", "shien": "支援措置", "kofu": "交付履歴", "tenken": "点検",
    "higai": "被災者台帳", "inkan": "印鑑登録", "jcode": "住民票コード", "purge": "消去命令", "notice_sent": "通知の送付",
    "notice_in": "受け付けた通知", "notice_done": "通知の処理", "audit-entry": "操作記録", "audit-head": "操作記録の末尾",
    "tkey": "端末の署名鍵", "nlease": "番号の払い出し範囲", "head": "端末の文書番号の控え", "": "種類不明（暗号化されたまま）",
}

# The first phrase found in a reason decides what is said; the order matters ("who may not" before "malformed").
_EXPLAINED = (
    ("deleted in the cloud",
     ("クラウドで削除された文書です（クラウドの管理者による削除など）。削除は受け付けず、この端末の文書はそのまま"
      "残します。クラウドの管理者に確認してください")),
    ("no longer held by the server",
     ("クラウドで書き換えられた版の前にあった正しい版が、クラウドに残っていません。この文書を持つ端末からファイルで"
      "同期（持出し・持込み）してください")),
    ("does not open", "クラウド上で書き換えられたか、別の文書の場所に移されたため、開けません"),
    ("sealed with another key", "別の鍵または別の形式で暗号化されています（ほかの自治体の文書か、古い鍵のもの）"),
    ("does not match the body", "内容が版の番号と一致しません（書き換えの疑い）"),
    ("malformed parent revision", "版の番号が正しくありません（書き換えの疑い）"),
    ("names another terminal or sequence", "操作記録の番号が内容と一致しません（書き換えの疑い）"),
    ("bad signature", "署名が正しくありません（書き換えの疑い）"),
    ("an account not known here yet", "対象の職員の情報がまだ届いていません（届けば自動で受け付けます）"),
    ("who may not", "権限のない職員、またはまだ情報が届いていない職員によるものです（職員の情報が届けば、改めて検査します）"),
    ("who is not an administrator", "管理者ではない職員によるものです"),
    ("invalid 異動", "異動の内容が記載の規則に反しています"),
    ("cannot be deleted", "削除できない種類の文書が削除されています"),
    ("unknown document class", "この端末の知らない種類の文書です（プログラムの更新が必要かもしれません）"),
    ("not an audit record", "この端末の知らない種類の文書です（プログラムの更新が必要かもしれません）"),
    ("a head under another terminal's id", "別の端末の文書番号の控えの場所に置かれています（書き換えの疑い）"),
)
_MALFORMED = "文書の形式が正しくありません"


def kind_name(doc_class: str) -> str:
    """The kind of a document in the window's words (the class itself when it is not one of ours)."""
    return _KINDS.get(doc_class, doc_class)


def explanation(reason: str) -> str:
    """Why an arrival was held back, and what to do where something can be done."""
    return next((said for phrase, said in _EXPLAINED if phrase in reason), _MALFORMED)
