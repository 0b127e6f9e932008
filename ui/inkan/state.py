"""A person's 印鑑登録 as the 照会 pane states it in one line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.inkan import Registration, State


def state_text(found: list[Registration]) -> str:
    """The registration in force or waiting (or the last one, ended), with its 登録番号; なし when none."""
    if not found:
        return QCoreApplication.translate("InkanState", "なし")
    live = [r for r in found if r.live]
    if len(live) > 1:
        return QCoreApplication.translate("InkanState", "要確認（二重登録：{numbers}）").format(
            numbers="・".join(r.registration_no for r in live))
    r = live[0] if live else found[-1]
    if r.state is State.PENDING:
        return QCoreApplication.translate("InkanState", "照会中（登録番号 {number}、回答期限 {day}）").format(
            number=r.registration_no, day=r.answer_by)
    if r.state is State.REGISTERED:
        return QCoreApplication.translate("InkanState", "登録（登録番号 {number}、{day}）").format(
            number=r.registration_no, day=r.registered_on)
    return QCoreApplication.translate("InkanState", "{state}（登録番号 {number}、{day} {reason}）").format(
        state=r.state.value, number=r.registration_no, day=r.ended_on or r.answer_by, reason=r.ended_because)
