"""The program checks itself: `Madoguchi --self-test` (or `python main.py --self-test`).

Offscreen, in a temporary folder with a throwaway key (wrapped by a random passphrase, never put in a keyring):
creates a replica of a synthetic town (which runs the migrations), registers a household, opens the replica again,
searches through the facade and through the window, issues a certificate and writes it as a PDF, checks that its
fonts are embedded and that it verifies, renders it with QtPdf, makes a printer, reads the replica's files to
check that no name is stored in the clear, and opens a sealed document in the second process that large pulls use. Exits 0 when every check passed; otherwise prints which check failed and
why, and exits 1. The build runs it on the frozen program.
"""

from __future__ import annotations

import base64
import io
import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # the checks import what they check, so that an import that fails is a check that fails
    from local_store.context import Clock

EXIT_OK, EXIT_FAILED = 0, 1
NAME, KANA = "𠮷田　自己診断", "ヨシダ　ジコシンダン"  # 𠮷 is drawn from IPAmj明朝, the rest from IPAex明朝
FONTS = ("IPAexMincho", "IPAmjMincho")


class CheckFailed(Exception):
    pass


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass
class _State:
    folder: Path
    phrase: str
    clock: Clock
    values: dict[str, Any]


def _household() -> dict[str, Any]:
    notifier = {"name": NAME, "relation": "本人", "identification": "運転免許証"}
    return {"reason": "国内転入", "idou_date": "R8.11.20", "notified_on": "R8.11.25", "notifier": notifier,
            "address": {"text": "さくら県みどり町本町2丁目3番4号", "postal_code": "123-4567"},
            "previous_address": "東京都千代田区千代田1番1号",
            "persons": [{"name": NAME, "name_kana": KANA, "kana_confirmed": True, "birth": "S50.1.1", "sex": "女",
                         "relationship": "世帯主", "honseki": {"place": "さくら県みどり町本町1番地", "head": NAME}}]}


def _create(state: _State) -> str:
    from demo.replica import demo_municipality
    from local_store.registry import Registry
    from reports.seal import demo_seal_png

    town = demo_municipality()
    registry = Registry.create(state.folder, town, "自己診断", ("selftest", "自己診断", state.phrase),
                               passphrase=lambda: state.phrase, clock=state.clock)
    try:
        admin = registry.sign_in("selftest", state.phrase)
        seal = demo_seal_png(f"{town.name}長")
        registry.settings.update(admin, {"seal_png": base64.b64encode(seal).decode("ascii")})
        applied = registry.apply(admin, _household())
        state.values["atena_no"] = applied.idou.rows[0].row.atena_no
    finally:
        registry.close()
    return f"{town.prefecture}{town.name}、宛名番号 {state.values['atena_no']}"


def _open_and_search(state: _State) -> str:
    from local_store.registry import Registry

    registry = Registry.open(state.folder, passphrase=lambda: state.phrase, clock=state.clock)  # migrations again
    actor = registry.sign_in("selftest", state.phrase)
    state.values.update(registry=registry, actor=actor)
    for query in ("ヨシダ ジ", "𠮷田", "吉田", state.values["atena_no"]):
        found = registry.summaries(registry.search(actor, query).ids)
        _require([r.atena_no for r in found] == [state.values["atena_no"]], f"「{query}」で見つかりません")
    return "フリガナ・漢字（異体字）・宛名番号"


def _certificate(state: _State) -> str:
    from pypdf import PdfReader

    from domain.kofu_rules import CertificateKind, RequesterKind, request_from
    from reports.certificate_pdf import render
    from reports.fonts import MJ_FONT, find_font
    from reports.verify import verify_pdf

    registry = state.values["registry"]
    request = request_from({"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN,
                            "atena_nos": [state.values["atena_no"]], "requester_atena": state.values["atena_no"],
                            "identification": "運転免許証"})
    pdf = registry.kofu.issue(state.values["actor"], request, render, export=True).pdfs[0]
    path = state.folder / "certificate.pdf"
    path.write_bytes(pdf)
    state.values["pdf"] = pdf
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    embedded: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            base = str(font["/BaseFont"]).split("+", 1)[-1].split("-g", 1)[0]
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            _require(descriptor is not None and "/FontFile2" in descriptor.get_object(),
                     f"フォント {base} が埋め込まれていません")
            embedded.add(base)
    _require(set(FONTS) <= embedded, f"埋め込まれたフォントが足りません（{', '.join(sorted(embedded))}）")
    parts: list[str] = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, *_: parts.append(text))
    _require(NAME.replace("　", "") in "".join("".join(parts).split()), "証明書から氏名を読み出せません（ToUnicodeの誤り）")
    verdict = verify_pdf(pdf, registry.kofu.public_key())
    _require(verdict.ok, "証明書の検証に失敗しました: " + " ".join(verdict.reasons))
    return (f"{len(reader.pages)}ページ、{len(pdf) // 1024} KB、フォント {'・'.join(sorted(embedded))}"
            f"（{find_font(MJ_FONT[1]).parent}）、QR署名 検証済み")


def _print_plugin_loads() -> bool:
    """Whether the platform's print support plugin is there and its libraries load (with no printer installed,
    QPrinter falls back to PDF output, so it cannot tell)."""
    from PySide6.QtCore import QDir, QLibraryInfo, QPluginLoader

    folder = QDir(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath) + "/printsupport")
    return any(QPluginLoader(folder.filePath(name)).load() for name in folder.entryList(QDir.Filter.Files))


def _window(state: _State) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPrintSupport import QPrinter

    from ui.common.fonts import japanese_font_family
    from ui.common.pdf_pages import MemoryPdf
    from ui.shell.app import application
    from ui.shell.main_window import MainWindow

    app = application()
    family = japanese_font_family()
    _require(family is not None, "画面用の日本語フォントがありません")
    window = MainWindow(state.values["registry"], state.values["actor"])
    try:
        window.show()
        window.search_field.setText("ヨシダ")
        window.search_now()
        app.processEvents()
        _require(window.model.rowCount() == 1, "画面の検索で見つかりません")
        image = MemoryPdf(state.values["pdf"], window).document.render(0, QSize(595, 842))
        _require(not image.isNull() and image.pixelColor(10, 10).isValid(), "QtPdfで証明書を表示できません")
        _require(_print_plugin_loads(), "印刷の仕組み（Qtのprintsupportプラグイン）を読み込めません")
        QPrinter(QPrinter.PrinterMode.HighResolution)
    finally:
        window.close()
        app.processEvents()
    return f"画面フォント {family}、QtPdf、印刷プラグイン"


def _encrypted(state: _State) -> str:
    state.values.pop("registry").close()
    files = sorted(p for p in state.folder.iterdir() if p.name.startswith("registry.db"))
    _require(bool(files), "台帳のファイルがありません")
    needles = [s.encode(enc) for s in (NAME, KANA, "自己診断") for enc in ("utf-8", "utf-16-le")]
    for path in files:
        data = path.read_bytes()
        _require(not data.startswith(b"SQLite format 3"), f"{path.name} が暗号化されていません")
        _require(not any(n in data for n in needles), f"{path.name} に氏名が平文で入っています")
    return "、".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in files)


def _opening_process(state: _State) -> str:
    """The second process a large pull opens envelopes in starts (in a frozen program too) and opens one."""
    from local_store import documents
    from local_store.replication import Arrival
    from sync.envelope import Sealer
    from sync.opening import Opener

    sealer = Sealer("131016", "selftest", secrets.token_bytes(32))
    body = {"mayor_name": NAME}
    doc = documents.Document("settings", documents.revision_id(sealer.data_key, None, False, body), "settings", body)
    with Opener(sealer, state.clock().date()) as opener:
        pid = opener.use_process().result(timeout=120)
        (opened,) = opener.submit([sealer.seal(doc, None)]).result(timeout=120)
    _require(pid != os.getpid(), "第二プロセスが起動していません")
    _require(isinstance(opened, Arrival) and opened.doc == doc and opened.verified, "文書を開けませんでした")
    return f"プロセス {pid}"


CHECKS: list[tuple[str, Callable[[_State], str]]] = [
    ("台帳の作成（暗号化・移行・異動の登録）", _create),
    ("台帳を開いて検索", _open_and_search),
    ("証明書のPDF（フォントの埋め込み・署名）", _certificate),
    ("画面（検索・PDF表示・印刷）", _window),
    ("台帳ファイルの暗号化", _encrypted),
    ("同期の第二プロセス（文書の開封）", _opening_process),
]


def _isolate() -> None:
    """Offscreen, and a keyring that counts as none: the throwaway key is wrapped by a passphrase instead."""
    import keyring
    from keyring.backends import null

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    keyring.set_keyring(null.Keyring())


def run_self_test(version: str, clock: Clock, out: TextIO = sys.stdout) -> int:
    _isolate()
    print(f"窓口 {version} 自己診断", file=out, flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="madoguchi-selftest-") as tmp:
        state = _State(Path(tmp) / "replica", secrets.token_urlsafe(24), clock, {})
        try:
            for title, check in CHECKS:
                detail = check(state)
                print(f"  OK  {title}: {detail}", file=out, flush=True)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, whatever raised it
            message = exc.args[0] if isinstance(exc, CheckFailed) else getattr(exc, "message", "") or repr(exc)
            print(f"  NG  {title}: {message}", file=out, flush=True)
            print(f"自己診断に失敗しました（{title}）: {message}", file=sys.stderr)
            if not isinstance(exc, CheckFailed):
                traceback.print_exc(file=sys.stderr)
            return EXIT_FAILED
        finally:
            registry = state.values.pop("registry", None)
            if registry is not None:
                registry.close()
    print(f"自己診断に合格しました（{time.perf_counter() - started:.1f} 秒）", file=out, flush=True)
    return EXIT_OK
