"""印鑑登録: who may register, the three ways of confirming identity, one seal a person, the card, the certificate
read back (its text, the impression's size on the page in mm, the QR code verified), refusals counted, and the
registration kept in step with the registry (死亡, 転出, 氏名の変更, 廃止, 亡失)."""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from demo.seals import seal_scan
from domain.errors import ValidationError
from domain.inkan import (
    INKAN,
    UNKNOWN_CARDS_PER_DAY,
    AbolishReason,
    Application,
    Impression,
    Method,
    Proxy,
    SealText,
    State,
    age_on,
    card_number,
    check_impression,
    read_card_number,
)
from domain.protection import Offender, OffenderRefused, Process, StrictIdentificationRequired
from domain.roles import Role
from domain.seal_impression import measure
from local_store import audit, documents, inkan
from local_store.arrivals import Checks
from local_store.errors import PermissionDenied
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.inkan_pdf import IMPRESSION_ITEM, inquiry_letter, render
from reports.seal import demo_seal_png
from reports.verify import verify_pdf
from tests.support.builders import JST, NOTIFIER, Clock, family, person, tennyu
from tests.support.pdf_text import page_texts
from tests.support.protected import protected_town

LICENCE = "運転免許証"


def impression(surname: str = "山田", size_mm: float = 15.0) -> Impression:
    return Impression.of(measure(seal_scan(surname, size_mm=size_mm)))


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, str]:
    """A household of four (the town's seal set) and a child who turns 15 tomorrow, by name."""
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    rows = registry.apply(admin, family()).idou.rows
    child = registry.apply(admin, tennyu(person("佐藤　花", "サトウ　ハナ", "H23.11.28", "女", "世帯主"),
                                         address="さくら県みどり町中町5番地")).idou.rows[0].row
    return {**{c.row.name: c.row.atena_no for c in rows}, "佐藤　花": child.atena_no}


def photo(atena_no: str, **items: object) -> Application:
    return Application(atena_no, Method.PHOTO_ID, identification=LICENCE, **items)  # type: ignore[arg-type]


def registered(registry: Registry, actor: Staff, atena_no: str) -> str:
    """Register by photo ID; the card's number."""
    return registry.inkan.register(actor, photo(atena_no), impression()).card_no


# --- the rules --------------------------------------------------------------------------------------------------


def test_fifteen_on_the_birthday() -> None:
    assert age_on((2011, 11, 28), dt.date(2026, 11, 27)) == 14
    assert age_on((2011, 11, 28), dt.date(2026, 11, 28)) == 15


def test_a_card_number_as_a_scanner_or_a_hand_types_it() -> None:
    number = card_number(100123, 45)
    assert len(number) == 12 and number.startswith("00100123045")
    assert read_card_number(f" {number[:4]}-{number[4:]}\r\n") == number
    assert read_card_number(number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(ValidationError, match="正しくありません"):
        read_card_number(wrong)
    with pytest.raises(ValidationError, match="12桁"):
        read_card_number("12345")


@pytest.mark.parametrize(("side", "ok"), [(8.0, False), (8.1, True), (25.0, True), (25.1, False)])
def test_the_impression_fits_25_mm_and_not_8(side: float, ok: bool) -> None:
    found = impression()
    sized = Impression(found.png, side, found.width_mm, found.height_mm, found.sha256)
    if ok:
        assert check_impression(sized) is sized
    else:
        with pytest.raises(ValidationError, match="大きすぎ" if side > 25 else "小さすぎ"):
            check_impression(sized)


def test_an_impression_whose_hash_is_not_its_image_is_refused() -> None:
    found = impression()
    with pytest.raises(ValidationError, match="ハッシュ"):
        check_impression(Impression(found.png, found.side_mm, found.width_mm, found.height_mm, "0" * 64))


# --- registering ------------------------------------------------------------------------------------------------


def test_a_photo_id_registers_at_once_and_one_seal_a_person(registry: Registry, admin: Staff,
                                                            town: dict[str, str]) -> None:
    taro = town["山田　太郎"]
    first = registry.inkan.register(admin, photo(taro), impression())
    assert first.state is State.REGISTERED and first.registered_on == "2026-11-27"
    assert read_card_number(first.card_no) == first.card_no
    with pytest.raises(ValidationError, match="一人一印"):
        registry.inkan.register(admin, photo(taro), impression("太郎"))
    with pytest.raises(ValidationError, match="写真付き"):
        registry.inkan.register(admin, Application(town["山田　花子"], Method.PHOTO_ID, identification="年金手帳"),
                                impression())


def test_under_fifteen_refused_until_the_birthday(registry: Registry, admin: Staff, town: dict[str, str],
                                                  clock: Clock) -> None:
    with pytest.raises(ValidationError, match="15歳未満"):
        registry.inkan.register(admin, photo(town["佐藤　花"]), impression("佐藤"))
    clock.now = dt.datetime(2026, 11, 28, 9, 0, tzinfo=JST)
    assert registry.inkan.register(admin, photo(town["佐藤　花"]), impression("佐藤")).state is State.REGISTERED


def test_who_may_not_register(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match="意思能力"):
        registry.inkan.register(admin, photo(town["山田　花子"], lacks_capacity=True), impression())
    with pytest.raises(ValidationError, match="登録されていません"):
        registry.inkan.register(admin, photo("9999999999"), impression())
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [town["山田　一郎"]]})
    with pytest.raises(ValidationError, match="住民に限ります"):
        registry.inkan.register(admin, photo(town["山田　一郎"]), impression())
    with pytest.raises(ValidationError, match="旧氏"):
        registry.inkan.register(admin, photo(town["山田　花子"], seal_text=SealText.FORMER_SURNAME), impression())


def test_a_guarantee_by_someone_registered_in_the_town(registry: Registry, admin: Staff,
                                                      town: dict[str, str]) -> None:
    taro, hanako, jiro = town["山田　太郎"], town["山田　花子"], town["山田　次郎"]
    by_taro = Application(hanako, Method.GUARANTEE, guarantor_atena=taro)
    with pytest.raises(ValidationError, match="印鑑登録している人に限ります"):
        registry.inkan.register(admin, by_taro, impression())
    registered(registry, admin, taro)
    assert registry.inkan.register(admin, by_taro, impression("花子")).state is State.REGISTERED
    registry.inkan.abolish(admin, taro, AbolishReason.REQUEST)
    with pytest.raises(ValidationError, match="廃止されています"):
        registry.inkan.register(admin, Application(jiro, Method.GUARANTEE, guarantor_atena=taro), impression())


def test_the_inquiry_waits_for_the_answer_within_the_towns_period(registry: Registry, admin: Staff,
                                                                  town: dict[str, str], clock: Clock) -> None:
    registry.settings.update(admin, {"inkan_answer_days": 14})
    taro, hanako = town["山田　太郎"], town["山田　花子"]
    waiting = registry.inkan.register(admin, Application(taro, Method.INQUIRY), impression())
    assert (waiting.state, waiting.answer_by) == (State.PENDING, "2026-12-11")
    with pytest.raises(ValidationError, match="回答を待っています"):
        registry.inkan.certificate(admin, waiting.card_no, render)
    clock.now = dt.datetime(2026, 12, 11, 16, 0, tzinfo=JST)
    done = registry.inkan.confirm(admin, waiting.id)
    assert (done.state, done.registered_on) == (State.REGISTERED, "2026-12-11")
    late = registry.inkan.register(admin, Application(hanako, Method.INQUIRY), impression("花子"))
    clock.now = dt.datetime(2026, 12, 26, 9, 0, tzinfo=JST)
    with pytest.raises(ValidationError, match="期限"):
        registry.inkan.confirm(admin, late.id)
    assert registry.inkan.of_person(hanako)[0].state is State.EXPIRED
    assert registry.inkan.register(admin, photo(hanako), impression("花子")).state is State.REGISTERED


def test_a_proxy_always_goes_through_the_inquiry(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    taro = town["山田　太郎"]
    proxy = Proxy("鈴木　一", "委任状（令和8年11月27日付）")
    with pytest.raises(ValidationError, match="照会書"):
        registry.inkan.register(admin, photo(taro, proxy=proxy), impression())
    with pytest.raises(ValidationError, match="委任状"):
        registry.inkan.register(admin, Application(taro, Method.INQUIRY, proxy=Proxy("鈴木　一", "")), impression())
    assert registry.inkan.register(admin, Application(taro, Method.INQUIRY, proxy=proxy),
                                   impression()).state is State.PENDING


def test_settings_refuse_a_period_out_of_range(registry: Registry, admin: Staff) -> None:
    with pytest.raises(ValidationError, match="回答期限"):
        registry.settings.update(admin, {"inkan_answer_days": 0})


# --- the certificate --------------------------------------------------------------------------------------------


def test_the_certificate_read_back(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    taro = town["山田　太郎"]
    seal = impression(size_mm=18.0)
    card = registry.inkan.register(admin, photo(taro), seal).card_no
    issued = registry.inkan.certificate(admin, card, render)
    [text] = page_texts(issued.pdf)
    for shown in ("印鑑登録証明書", "山田太郎", "昭和50年1月1日", "男", "さくら県みどり町本町2丁目3番4号",
                  "この写しは、登録されている印影と相違ないことを証明する。", "令和8年11月27日", issued.issue_number.replace(" ", "")):
        assert shown in text
    # the impression at its true size: the image drawn on the page measures what the scan measured
    page = PdfReader(io.BytesIO(issued.pdf)).pages[0]
    sizes = []
    page.get_contents()

    def visit(op: bytes, args: list, cm: list, tm: list) -> None:  # type: ignore[type-arg]
        if op == b"Do":
            sizes.append((abs(cm[0]) / 72 * 25.4, abs(cm[3]) / 72 * 25.4))

    page.extract_text(visitor_operand_before=visit)
    assert any(abs(w - seal.width_mm) < 0.05 and abs(h - seal.height_mm) < 0.05 for w, h in sizes), sizes
    verdict = verify_pdf(issued.pdf, registry.kofu.public_key())
    assert verdict.genuine and verdict.unaltered, verdict.reasons
    items = dict(verdict.contents[0].sections[0])
    assert items[IMPRESSION_ITEM] == seal.sha256 and items["氏名"] == "山田　太郎"
    assert issued.fee == 300


def test_the_fee_comes_from_the_towns_table_and_the_day_counts_it(registry: Registry, admin: Staff,
                                                                 town: dict[str, str]) -> None:
    registry.settings.update(admin, {"fees": {"kinds": {"印鑑登録証明書": 200}}})
    card = registered(registry, admin, town["山田　太郎"])
    assert registry.inkan.certificate(admin, card, render).fee == 200
    with pytest.raises(ValidationError):
        registry.inkan.certificate(admin, card_number(999999, 1), render)
    [total] = [t for t in registry.daily.report(admin, registry.today()).kofu if t.kind == "印鑑登録証明書"]
    assert (total.requests, total.fee, total.refused) == (1, 200, 1)


def test_a_wrong_stopped_or_abolished_card_is_refused_and_recorded(registry: Registry, admin: Staff,
                                                                   town: dict[str, str]) -> None:
    taro, hanako = town["山田　太郎"], town["山田　花子"]
    with pytest.raises(ValidationError, match="12桁"):  # misread: read it again, not recorded
        registry.inkan.certificate(admin, "1234", render)
    with pytest.raises(ValidationError, match="この番号の印鑑登録証はありません"):
        registry.inkan.certificate(admin, card_number(999999, 1), render)
    lost = registered(registry, admin, taro)
    registry.inkan.lost(admin, taro)
    with pytest.raises(ValidationError, match="亡失"):
        registry.inkan.certificate(admin, lost, render)
    abolished = registered(registry, admin, hanako)
    registry.inkan.abolish(admin, hanako, AbolishReason.REQUEST)
    with pytest.raises(ValidationError, match="廃止"):
        registry.inkan.certificate(admin, abolished, render)
    refusals = [e for e in registry.kofu.history(admin) if e["disposal"] == "拒否"]
    assert [e["persons"] for e in refusals] == [[], [taro], [hanako]]
    assert all(lost not in str(e) and abolished not in str(e) for e in registry.kofu.history(admin))  # masked
    assert refusals[1]["request"]["card"] == "********" + lost[-4:]
    assert registered(registry, admin, taro) != lost  # a new registration, a new card


def test_a_protected_person_needs_a_photo_id_even_with_the_card(registry: Registry, admin: Staff,
                                                                town: dict[str, str]) -> None:
    taro = town["山田　太郎"]
    card = registered(registry, admin, taro)
    registry.protection.add(admin, [taro], [Process.KOFU], [Offender("乙川　三郎")])
    with pytest.raises(StrictIdentificationRequired):
        registry.inkan.certificate(admin, card, render)
    assert registry.inkan.certificate(admin, card, render, identification=LICENCE).fee == 300


def test_counter_staff_register_and_issue_but_do_not_export(registry: Registry, admin: Staff,
                                                            town: dict[str, str]) -> None:
    registry.staff.add(admin, "madoguchi", "窓口 一", Role.COUNTER, "counter-password")
    counter = registry.sign_in("madoguchi", "counter-password")
    card = registered(registry, counter, town["山田　太郎"])
    assert registry.inkan.certificate(counter, card, render).pdf.startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        registry.inkan.certificate(counter, card, render, export=True)
    with pytest.raises(PermissionDenied):
        registry.inkan.abolish(counter, town["山田　太郎"], AbolishReason.FORK)


# --- in step with the registry -------------------------------------------------------------------------------------


def test_a_death_abolishes_in_the_same_transaction(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    taro = town["山田　花子"]
    card = registered(registry, admin, taro)
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [taro]})
    [ended] = registry.inkan.of_person(taro)
    assert (ended.state, ended.ended_because) == (State.ABOLISHED, "死亡")
    with pytest.raises(ValidationError, match="廃止"):
        registry.inkan.certificate(admin, card, render)


def test_a_move_out_abolishes_on_its_planned_day(registry: Registry, admin: Staff, town: dict[str, str],
                                                 clock: Clock) -> None:
    jiro = town["山田　次郎"]
    card = registered(registry, admin, jiro)
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.27",
                           "notifier": NOTIFIER, "targets": [jiro], "destination": "東京都港区芝公園1丁目1番1号"})
    assert registry.inkan.certificate(admin, card, render).fee == 300  # still lives here until the 10th
    clock.now = dt.datetime(2026, 12, 10, 9, 0, tzinfo=JST)
    with pytest.raises(ValidationError, match="廃止"):
        registry.inkan.certificate(admin, card, render)
    assert registry.inkan.of_person(jiro)[0].ended_because == "転出"


def test_a_change_of_name_asks_the_clerk(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    hanako = town["山田　花子"]
    registered(registry, admin, hanako)
    applied = registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                                     "set": {hanako: {"name": "田中　花子", "name_kana": "タナカ　ハナコ"}}})
    [asked] = registry.inkan.name_changes(admin, applied.idou)
    assert asked.atena_no == hanako and asked.state is State.REGISTERED  # not abolished without the clerk
    registry.inkan.abolish(admin, hanako, AbolishReason.NAME_CHANGED)
    assert registry.inkan.of_person(hanako)[0].ended_because == "氏名の変更"


def test_removal_reasons_cannot_be_given_by_hand(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    registered(registry, admin, town["山田　太郎"])
    with pytest.raises(ValidationError, match="異動の登録と同時"):
        registry.inkan.abolish(admin, town["山田　太郎"], AbolishReason.DEATH)


def test_showing_a_registration_is_an_audited_inquiry(registry: Registry, admin: Staff,
                                                      town: dict[str, str]) -> None:
    registered(registry, admin, town["山田　太郎"])
    [shown] = registry.inkan.show(admin, town["山田　太郎"])
    record = registry.inkan.record(admin, town["山田　太郎"])
    assert (record.registration_no, record.name, record.state) == (shown.registration_no, "山田　太郎", "登録")
    assert [e.action for e in registry.audit.entries(admin, audit.Filter(action="照会"))][-2:] == ["照会", "照会"]


def test_an_impression_replaced_in_the_file_does_not_verify(registry: Registry, admin: Staff,
                                                           town: dict[str, str]) -> None:
    card = registered(registry, admin, town["山田　太郎"])
    kept = Image.open(io.BytesIO(registry.inkan.of_person(town["山田　太郎"])[0].impression.png))
    genuine = registry.inkan.certificate(admin, card, render).pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    [stamp] = [image for image in writer.pages[0].images if image.image.size == kept.size]
    stamp.replace(Image.open(io.BytesIO(impression("鈴木").png)))
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pdf(out.getvalue(), registry.kofu.public_key())
    assert verdict.genuine and not verdict.unaltered
    assert any("電子公印または印影の画像" in reason for reason in verdict.reasons), verdict.reasons


def test_arrivals_are_checked_like_a_local_write(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    registered(registry, admin, town["山田　太郎"])
    registry.staff.add(admin, "madoguchi", "窓口 一", Role.COUNTER, "counter-password")
    [event] = [d.body for d in documents.iter_class(registry.store.conn, INKAN)]
    checks = Checks(registry.store.conn, registry.kofu.public_key(), registry.today())

    def problem(body: dict[str, object]) -> str | None:
        return checks.problem(documents.Document("x", "1-x", INKAN, body))

    assert problem(event) is None
    wrong = event["card_no"][:-1] + str((int(event["card_no"][-1]) + 1) % 10)
    assert problem({**event, "card_no": wrong}) is not None  # a check digit that is wrong
    big = Impression.of(measure(seal_scan("山田", size_mm=24)))
    assert problem({**event, "impression": {**big.to_json(), "side_mm": 26.0}}) is not None
    assert problem({**event, "impression": {**big.to_json(), "sha256": "0" * 64}}) is not None
    forked = {"event": "abolish", "registration": event["registration"], "reason": "二重登録の整理",
              "effective_on": "2026-11-27", "idou": "", "at": event["at"], "terminal": "本庁1"}
    assert "who may not" in (problem({**forked, "staff": "madoguchi"}) or "")
    assert problem({**forked, "staff": "admin"}) is None


def test_a_registration_made_apart_after_a_death_issues_nothing(registry: Registry, admin: Staff,
                                                               town: dict[str, str]) -> None:
    hanako = town["山田　花子"]
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [hanako]})
    with registry.store.write() as conn:  # registered on a terminal that had not heard of the death
        person = inkan.current(conn, hanako)
        assert person is not None
        inkan.put_registration(conn, registry.store.data_key, registry.kofu.counter(admin), photo(hanako),
                               person, impression(), LICENCE, 999_001, None)
    [late] = registry.inkan.of_person(hanako)
    with pytest.raises(ValidationError, match="住民ではありません"):
        registry.inkan.certificate(admin, late.card_no, render)


# --- follow-ups: numbers, 交付の取消し, 転出取消 -------------------------------------------------------------------


def test_registration_numbers_are_their_own_series_and_leave_no_gap_in_the_issue_numbers(
        registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    first = registered(registry, admin, town["山田　太郎"])
    one = registry.inkan.certificate(admin, first, render).issue_number
    second = registry.inkan.register(admin, photo(town["山田　花子"]), impression("花子"))
    two = registry.inkan.certificate(admin, second.card_no, render).issue_number
    assert int(two.split()[-1]) == int(one.split()[-1]) + 1  # 発行番号 one after the other
    numbers = [r.registration_no for a in (town["山田　太郎"], town["山田　花子"]) for r in registry.inkan.of_person(a)]
    assert int(numbers[1]) == int(numbers[0]) + 1  # and the 登録番号 too
    with registry.store.write() as conn:
        leases = {kind for (kind,) in conn.execute("SELECT kind FROM leases WHERE terminal = ?",
                                                   (registry.terminal_id,))}
    assert "inkan" in leases


def move_out(registry: Registry, admin: Staff, atena_no: str, day: str = "R8.12.10") -> str:
    return registry.apply(admin, {"reason": "国内転出", "idou_date": day, "notified_on": "R8.11.27", "notifier": NOTIFIER,
                                  "targets": [atena_no], "destination": "東京都港区芝公園1丁目1番1号"}).doc_id


def test_a_move_out_withdrawn_before_its_day_leaves_the_registration_in_force(
        registry: Registry, admin: Staff, town: dict[str, str], clock: Clock) -> None:
    jiro = town["山田　次郎"]
    card = registered(registry, admin, jiro)
    announced = move_out(registry, admin, jiro)
    registry.apply(admin, {"reason": "転出取消", "idou_date": "R8.11.27", "notifier": NOTIFIER,
                           "cancels": announced})
    clock.now = dt.datetime(2026, 12, 11, 9, 0, tzinfo=JST)  # past the day the 転出 was to take effect
    [kept] = registry.inkan.of_person(jiro)
    assert kept.state is State.REGISTERED and kept.card_no == card
    assert registry.inkan.certificate(admin, card, render).fee == 300
    # A later 転出 abolishes it again, in its own transaction.
    move_out(registry, admin, jiro, "R8.12.20")
    clock.now = dt.datetime(2026, 12, 20, 9, 0, tzinfo=JST)
    assert [(r.state, r.ended_because) for r in registry.inkan.of_person(jiro)] == [(State.ABOLISHED, "転出")]


def test_a_death_recorded_in_error_and_cancelled_leaves_the_registration_in_force(
        registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    hanako = town["山田　花子"]
    card = registered(registry, admin, hanako)
    died = registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [hanako]})
    assert registry.inkan.of_person(hanako)[0].state is State.ABOLISHED
    registry.apply(admin, {"reason": "異動の取消し", "cancels": died.doc_id})
    assert registry.inkan.of_person(hanako)[0].state is State.REGISTERED
    assert registry.inkan.certificate(admin, card, render).fee == 300


def test_an_issued_certificate_is_cancelled_like_a_juminhyo(registry: Registry, admin: Staff,
                                                             town: dict[str, str]) -> None:
    taro = town["山田　太郎"]
    card = registered(registry, admin, taro)
    issued = registry.inkan.certificate(admin, card, render)
    line = registry.kofu.cancel(admin, issued.issue_number + " 1/1", "本人確認の種類を誤って選んだ")
    assert line.cancelled_by == admin.user and line.kind == "印鑑登録証明書"
    [history] = [h for h in registry.kofu.lines_of(admin, taro) if h.issued]
    assert history.status == "交付（取消済）"
    report = registry.daily.report(admin, registry.today())
    [total] = [t for t in report.kofu if t.kind == "印鑑登録証明書"]
    assert (total.requests, total.fee, total.cancelled) == (1, 0, 1)  # the 手数料 given back
    assert sum(c.fee for c in report.categories) == 0
    [cancelled] = report.cancellations
    assert (cancelled.kind, cancelled.fee) == ("印鑑登録証明書", 300)
    with pytest.raises(ValidationError, match="取り消し"):
        registry.kofu.cancel(admin, issued.issue_number, "二度目")


# --- through the disclosure check ----------------------------------------------------------------------------------


def test_forks_and_name_changes_pass_the_disclosure_check(registry: Registry, admin: Staff) -> None:
    town = protected_town(registry, admin)
    chief, clerk = registry.sign_in("chief", "chief-pw"), registry.sign_in("clerk", "clerk-pw")
    hanako, sato = town.hanako.atena_no, town.sato.atena_no
    for atena in (hanako, sato):
        application = photo(atena)
        registry.inkan.register(admin, application, impression("乙川"))
        with registry.store.write() as conn:  # the other terminal's registration, as it arrives from the cloud
            inkan.put_registration(conn, registry.store.data_key, registry.kofu.counter(admin), application,
                                   inkan.current(conn, atena), impression("乙川"), LICENCE, 999_001, None)
    assert set(registry.inkan.forks(clerk)) == {sato}  # hers left out for the counter
    assert set(registry.inkan.forks(chief)) == {sato, hanako}
    [withheld, shown] = [e for e in registry.audit.entries(admin, audit.Filter()) if e.action == "印鑑登録二重登録一覧"]
    assert (withheld.staff, shown.staff) == ("clerk", "chief")
    assert "除外" in withheld.detail and hanako in shown.detail and "係長以上に表示" in shown.detail
    renamed = registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                                     "set": {a: {"name": "丙野　名", "name_kana": "ヘイノ　ナ"} for a in (hanako, sato)}},
                             judgment=Judgment(chief, "本人からの申出による"))
    assert {r.atena_no for r in registry.inkan.name_changes(clerk, renamed.idou)} == {sato}
    assert {r.atena_no for r in registry.inkan.name_changes(chief, renamed.idou)} == {sato, hanako}


# --- the adversary ---------------------------------------------------------------------------------------------------


def test_card_numbers_tried_at_random_are_counted_and_stop_the_terminal_for_the_day(
        registry: Registry, admin: Staff, town: dict[str, str], clock: Clock) -> None:
    card = registered(registry, admin, town["山田　太郎"])
    known = int(card[:8])
    tries = [card_number(known, (int(card[8:11]) + n) % 1000) for n in range(1, UNKNOWN_CARDS_PER_DAY + 1)]
    for guess in tries:  # each with its check digit right: the 登録番号 is printed on every certificate
        with pytest.raises(ValidationError, match="この番号の印鑑登録証はありません"):
            registry.inkan.certificate(admin, guess, render)
    with pytest.raises(ValidationError, match="明日まで"):  # the right number, guessed once too often
        registry.inkan.certificate(admin, card, render)
    [alert] = registry.audit.entries(admin, audit.Filter(action="印鑑登録証受付停止"))
    assert f"{UNKNOWN_CARDS_PER_DAY}回" in alert.detail
    [total] = [t for t in registry.daily.report(admin, registry.today()).kofu if t.kind == "印鑑登録証明書"]
    assert (total.requests, total.refused) == (0, UNKNOWN_CARDS_PER_DAY + 1)
    clock.now = dt.datetime(2026, 11, 28, 9, 0, tzinfo=JST)
    assert registry.inkan.certificate(admin, card, render).fee == 300


def test_a_card_number_misread_is_put_right_and_not_counted(registry: Registry, admin: Staff,
                                                            town: dict[str, str]) -> None:
    card = registered(registry, admin, town["山田　太郎"])
    misread = card[:-1] + str((int(card[-1]) + 1) % 10)
    for _ in range(UNKNOWN_CARDS_PER_DAY + 1):
        with pytest.raises(ValidationError, match="読み取り直して"):
            registry.inkan.certificate(admin, misread, render)
    assert registry.inkan.certificate(admin, card, render).fee == 300


def test_a_proxy_for_a_protected_person_the_letter_goes_to_her_registered_address(registry: Registry,
                                                                                 admin: Staff) -> None:
    town = protected_town(registry, admin)
    hanako = town.hanako.atena_no
    with pytest.raises(OffenderRefused, match="代理人"):  # her 加害者 as her 代理人: refused, whatever anyone judges
        registry.inkan.register(admin, Application(hanako, Method.INQUIRY, proxy=Proxy("乙川　太郎", "委任状")),
                                impression("乙川"))
    assert registry.inkan.of_person(hanako) == []
    [refused] = registry.audit.entries(admin, audit.Filter(action="印鑑登録拒否"))
    assert refused.target == hanako and "乙川" not in refused.detail
    waiting = registry.inkan.register(admin, Application(hanako, Method.INQUIRY, proxy=Proxy("丙山　一", "委任状")),
                                      impression("乙川"))
    record = registry.inkan.record(admin, hanako, waiting.id)
    letter = inquiry_letter(record, dt.date.fromisoformat(waiting.answer_by), "みどり町長")
    assert "さくら県みどり町本町9丁目1番1号" in "".join(page_texts(letter))  # her address, as the registry has it


def test_a_guarantor_must_be_someone_else_registered_and_in_force(registry: Registry, admin: Staff,
                                                                  town: dict[str, str]) -> None:
    taro, hanako, jiro, ichiro = (town[n] for n in ("山田　太郎", "山田　花子", "山田　次郎", "山田　一郎"))
    registered(registry, admin, taro)
    with pytest.raises(ValidationError, match="本人以外"):  # the applicant as his own 保証人
        registry.inkan.register(admin, Application(jiro, Method.GUARANTEE, guarantor_atena=jiro), impression("次郎"))
    registry.inkan.register(admin, Application(hanako, Method.INQUIRY), impression("花子"))
    with pytest.raises(ValidationError, match="印鑑登録している人に限ります"):  # 照会中: not registered yet
        registry.inkan.register(admin, Application(jiro, Method.GUARANTEE, guarantor_atena=hanako), impression("次郎"))
    registry.inkan.lost(admin, taro)
    with pytest.raises(ValidationError, match="印鑑登録している人に限ります"):  # the card stopped
        registry.inkan.register(admin, Application(jiro, Method.GUARANTEE, guarantor_atena=taro), impression("次郎"))
    registered(registry, admin, ichiro)
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [ichiro]})
    with pytest.raises(ValidationError, match="住民に限ります"):
        registry.inkan.register(admin, Application(jiro, Method.GUARANTEE, guarantor_atena=ichiro), impression("次郎"))
    assert registry.inkan.of_person(jiro) == []


def test_the_eve_of_the_fifteenth_birthday_until_midnight(registry: Registry, admin: Staff, town: dict[str, str],
                                                         clock: Clock) -> None:
    child = town["佐藤　花"]  # born H23.11.28
    clock.now = dt.datetime(2026, 11, 27, 23, 59, 59, tzinfo=JST)
    with pytest.raises(ValidationError, match="15歳未満"):
        registry.inkan.register(admin, Application(child, Method.INQUIRY), impression("佐藤"))
    clock.now = dt.datetime(2026, 11, 28, 0, 0, 0, tzinfo=JST)
    assert registry.inkan.register(admin, photo(child), impression("佐藤")).state is State.REGISTERED


def test_her_offender_cannot_vouch_for_who_she_is(registry: Registry, admin: Staff) -> None:
    town = protected_town(registry, admin)
    taro, hanako = town.taro.atena_no, town.hanako.atena_no
    registered(registry, admin, taro)  # registered in the town, as a 保証人 must be
    with pytest.raises(OffenderRefused, match="保証人"):  # an impostor with a 保証書 of hers
        registry.inkan.register(admin, Application(hanako, Method.GUARANTEE, guarantor_atena=taro), impression("乙川"))
    assert registry.inkan.of_person(hanako) == []
    [refused] = registry.audit.entries(admin, audit.Filter(action="印鑑登録拒否"))
    assert refused.detail == "保証人が支援措置の加害者"
    by_sato = registry.inkan.register(admin, photo(town.sato.atena_no), impression("佐藤"))
    assert by_sato.state is State.REGISTERED
    assert registry.inkan.register(admin, Application(hanako, Method.GUARANTEE, guarantor_atena=town.sato.atena_no),
                                   impression("乙川")).state is State.REGISTERED
