"""Staff roles and what each may do; the facade checks these for the window and the command line alike."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    COUNTER = "窓口"
    SUPERVISOR = "係長"
    ADMIN = "管理者"


class Permission(StrEnum):
    SEARCH = "検索"
    VIEW = "照会"
    APPLY_IDOU = "異動の登録"
    SEARCH_MYNUMBER = "個人番号による検索"
    RESOLVE_FORK = "並行した異動の確定"
    REBUILD = "派生データの再構築"
    MANAGE_STAFF = "職員の管理"
    CHANGE_SETTINGS = "設定の変更"
    ISSUE_CERTIFICATE = "証明書の交付"
    CANCEL_ISSUE = "交付の取消し（他の職員の交付、前日以前の交付）"  # one's own 交付 of the day: ISSUE_CERTIFICATE
    EXPORT_CERTIFICATE = "証明書のファイル出力"
    VIEW_AUDIT = "操作記録（監査ログ）の閲覧と検証"
    EXPORT_AUDIT = "操作記録（監査ログ）の出力"
    STATISTICS = "人口統計（オープンデータ）の作成"
    MANAGE_PROTECTION = "支援措置の設定"
    DAILY_CHECK = "異動一覧の点検と日計"
    JUDGE_PROTECTED = "支援措置対象者への交付の判断"
    MANAGE_KEYS = "鍵の管理（復旧キット・分割鍵・鍵の更新・バックアップ）"
    RECORD_DAMAGE = "被害認定調査の記録と被災者台帳の閲覧"
    ISSUE_RISAI = "罹災証明書の交付"
    EXPORT_DISASTER_LEDGER = "被災者台帳の出力"
    CARRY_OUT = "持出しファイルの作成（ファイルによる同期）"
    PURGE = "法令等に基づく文書の消去（消去命令）"
    REGISTER_INKAN = "印鑑登録（登録・廃止・亡失）"
    RECEIVE_ETSURAN = "閲覧の請求・申出の受付"
    DECIDE_ETSURAN = "閲覧の承認・拒否、閲覧用リストと閲覧状況の公表の作成"
    IMPORT_FUHYO = "戸籍の附票の移行（ファイルからの取込み）"


_COUNTER = {Permission.SEARCH, Permission.VIEW, Permission.APPLY_IDOU, Permission.SEARCH_MYNUMBER,
            Permission.ISSUE_CERTIFICATE, Permission.RECORD_DAMAGE, Permission.ISSUE_RISAI,
            Permission.RECEIVE_ETSURAN, Permission.REGISTER_INKAN}
_SUPERVISOR = _COUNTER | {Permission.RESOLVE_FORK, Permission.EXPORT_CERTIFICATE, Permission.VIEW_AUDIT,
                          Permission.EXPORT_AUDIT, Permission.STATISTICS, Permission.MANAGE_PROTECTION,
                          Permission.JUDGE_PROTECTED, Permission.DAILY_CHECK, Permission.EXPORT_DISASTER_LEDGER,
                          Permission.CANCEL_ISSUE, Permission.DECIDE_ETSURAN, Permission.IMPORT_FUHYO}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNTER: frozenset(_COUNTER),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: frozenset(_SUPERVISOR | {Permission.REBUILD, Permission.MANAGE_STAFF, Permission.CHANGE_SETTINGS,
                                         Permission.MANAGE_KEYS, Permission.CARRY_OUT,
                                         Permission.PURGE}),
}


def allowed(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
